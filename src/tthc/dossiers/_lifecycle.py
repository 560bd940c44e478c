"""The one-stop lifecycle: which event may happen in which state, and the clock."""

from __future__ import annotations

import datetime as dt
from typing import TypeGuard

import attrs

from tthc import _views
from tthc.deadlines import (
    VIETNAM,
    ClockEvent,
    ClockPolicy,
    DossierClock,
    DueDate,
    OfficeHours,
    OpenStatus,
    Outcome,
    WorkingCalendar,
    official_calendar,
)
from tthc.dossiers._forms import OneStopForm, form_number, form_title
from tthc.dossiers._inputs import check_as_of, check_dossier, check_options
from tthc.errors import (
    IllegalTransitionError,
    NoRuleInForceError,
    UnknownCodeError,
)
from tthc.model import (
    EVENT_KINDS,
    TRANSITIONS,
    ClockEffect,
    Dossier,
    DossierEvent,
    DossierState,
    ExtensionGranted,
    IntakeSupplementRequested,
    Received,
    Stopped,
    StopReason,
    SupplementRequested,
    TimeLimit,
)

__all__ = [
    "DossierState",
    "DossierStatus",
    "apply",
    "clock_of",
    "form_of",
    "state_of",
    "status",
    "time_limit_of",
]


#: The event types that move the deadline clock (from their declarations).
_CLOCK_EVENTS: tuple[type, ...] = tuple(
    cls for cls, kind in EVENT_KINDS.items() if kind.clock is not ClockEffect.NONE
)


def _moves_clock(event: DossierEvent) -> TypeGuard[ClockEvent]:
    return isinstance(event, _CLOCK_EVENTS)


def state_of(dossier: Dossier, as_of: dt.datetime | None = None) -> DossierState:
    """The dossier's state after its events (up to ``as_of``, if given).

    Raises :class:`~tthc.errors.IllegalTransitionError` for a timeline that no
    sequence of :func:`apply` calls could have produced.
    """
    check_dossier(dossier)
    if as_of is not None:
        check_as_of(as_of)
    events = dossier.events if as_of is None else _until(dossier, as_of)
    return _walk(events)


def _walk(events: tuple[DossierEvent, ...]) -> DossierState:
    state = DossierState.NEW
    for event in events:
        following = TRANSITIONS[state].get(type(event))
        if following is None:
            raise IllegalTransitionError(
                type(event).__name__,
                state.value,
                allowed=[k.__name__ for k in TRANSITIONS[state]],
            )
        state = following
    return state


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _until(dossier: Dossier, as_of: dt.datetime) -> tuple[DossierEvent, ...]:
    events = dossier.events
    if not events or events[-1].at <= as_of:
        return events
    return tuple(e for e in events if e.at <= as_of)


def time_limit_of(dossier: Dossier) -> TimeLimit:
    """The time limit that applies to ``dossier``.

    Its own ``time_limit`` when set; otherwise the ordinary limit of the
    procedure's method for the dossier's channel, or of the first method when
    the record publishes none for that channel.
    """
    check_dossier(dossier)
    if dossier.time_limit is not None:
        return dossier.time_limit
    procedure = dossier.procedure
    try:
        return procedure.time_limit(dossier.channel)
    except UnknownCodeError:
        return procedure.time_limit()


def _intake_items(dossier: Dossier) -> set[str]:
    return {
        item for e in dossier.events if isinstance(e, IntakeSupplementRequested) for item in e.items
    }


def apply(
    dossier: Dossier,
    event: DossierEvent,
    *,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
) -> Dossier:
    """Return a new dossier with ``event`` appended, after checking it may happen.

    Refused with :class:`~tthc.errors.IllegalTransitionError` (and nothing
    changed) when the event cannot happen now:

    - any event not allowed in the current state (e.g. a result returned
      before receipt, or anything after a final state);
    - a second intake request asking for something the first did not: the
      guidance must be complete in one go (Decree 61/2018/NĐ-CP Art. 15(3);
      Decree 118/2025/NĐ-CP Art. 17(2)(a));
    - a stop at the applicant's request once a result exists (Decree
      118/2025/NĐ-CP Art. 21);
    - an extension later than one day before the due date, or a second one
      (Decree 61/2018/NĐ-CP Art. 19(9); the clock's policy sets the number).

    >>> import datetime as dt
    >>> from tthc import catalogue
    >>> from tthc.deadlines import VIETNAM
    >>> from tthc.model import Channel, Received, Returned
    >>> t = lambda *a: dt.datetime(*a, tzinfo=VIETNAM)
    >>> d = Dossier(procedure=catalogue.get("1.004222"), channel=Channel.IN_PERSON)
    >>> d = apply(d, Received(t(2026, 11, 16, 9)))
    >>> status(d, t(2026, 11, 20, 9)).due.at.isoformat()
    '2026-11-27T00:00:00+07:00'
    >>> apply(d, Returned(t(2026, 11, 16, 8)))
    Traceback (most recent call last):
    ...
    tthc.errors.ValidationError: invalid Dossier: events[1].at: expected a moment on or after ...
    """
    check_dossier(dossier)
    check_options(calendar, hours, policy)
    state = state_of(dossier)
    name = type(event).__name__
    allowed = TRANSITIONS[state]
    if type(event) not in allowed:
        why = "the dossier is closed" if state.is_final else ""
        raise IllegalTransitionError(
            name, state.value, allowed=[k.__name__ for k in allowed], why=why
        )
    if isinstance(event, IntakeSupplementRequested):
        earlier = _intake_items(dossier)
        new = [item for item in event.items if item not in earlier]
        if earlier and new:
            raise IllegalTransitionError(
                name,
                state.value,
                why="the first request must list everything missing, once and fully "
                f"(Decree 61/2018/NĐ-CP Art. 15(3)); not asked before: {', '.join(new)}",
            )
    if (
        isinstance(event, Stopped)
        and event.reason is StopReason.APPLICANT_REQUEST
        and state is DossierState.RESULT_READY
    ):
        raise IllegalTransitionError(
            name,
            state.value,
            why="an applicant may withdraw only while no result exists "
            "(Decree 118/2025/NĐ-CP Art. 21)",
        )
    updated = attrs.evolve(dossier, events=(*dossier.events, event))
    if isinstance(event, _CLOCK_EVENTS) and updated.received_at is not None:
        if isinstance(event, ExtensionGranted):
            _check_extension_lead(
                clock_of(dossier, calendar=calendar, hours=hours, policy=policy), event
            )
        clock = clock_of(
            updated, calendar=calendar, hours=hours, policy=policy
        )  # raises if refused
        if isinstance(event, Received):
            # the receipt slip's date must be computable now, not at the first status():
            # a cross-boundary receipt under a policy without that rule, or one before
            # filing, or a receipt outside the calendar is refused here
            clock.original_due()
    return updated


def _check_extension_lead(clock: DossierClock, event: ExtensionGranted) -> None:
    due = clock.due_at(event.at)
    if due is None:
        return
    if event.at.astimezone(due.at.tzinfo).date() >= due.last_day:
        raise IllegalTransitionError(
            "ExtensionGranted",
            DossierState.PROCESSING.value,
            why="the apology and new date must be sent at least one day before the due date "
            f"({due.last_day.isoformat()}) (Decree 61/2018/NĐ-CP Art. 19(9))",
        )


def clock_of(
    dossier: Dossier,
    *,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
) -> DossierClock:
    """The deadline clock driven by the dossier's timeline.

    Raises :class:`~tthc.errors.IllegalTransitionError` when the dossier has
    not been received (there is no clock before Form 01).
    """
    check_dossier(dossier)
    check_options(calendar, hours, policy)
    received = next((e for e in dossier.events if isinstance(e, Received)), None)
    if received is None:
        raise IllegalTransitionError(
            "clock", state_of(dossier).value, allowed=["Received"], why="no receipt yet"
        )
    clock = DossierClock(time_limit_of(dossier), calendar=calendar, hours=hours, policy=policy)
    for event in dossier.events:
        if _moves_clock(event) and _utc(event.at) >= _utc(received.at):
            clock = clock.record(event)
    return clock


def form_of(event: DossierEvent, *, on: dt.date | None = None) -> str | None:
    """The one-stop form an event produces, as "Mẫu NN" under the numbering in force.

    ``on`` defaults to the event's own date. ``None`` when the step has no form.

    >>> import datetime as dt
    >>> from tthc.deadlines import VIETNAM
    >>> from tthc.model import Stopped, StopReason
    >>> form_of(Stopped(dt.datetime(2026, 3, 2, 9, tzinfo=VIETNAM), StopReason.APPLICANT_REQUEST))
    'Mẫu 05 (Thông báo dừng giải quyết hồ sơ)'
    """
    form = _FORMS.get(type(event))
    if form is None:
        return None
    day = on or event.at.astimezone(VIETNAM).date()
    try:
        number = form_number(form, day)
        title = form_title(form, day)
    except NoRuleInForceError:
        return None  # no form numbering is in force that day (before Circular 01/2018)
    return None if number is None else f"Mẫu {number} ({title})"


_FORMS: dict[type, OneStopForm] = {
    cls: OneStopForm.from_value(kind.form)
    for cls, kind in EVENT_KINDS.items()
    if kind.form is not None
}


@attrs.frozen
class DossierStatus:
    """A dossier as of a moment: state, due date, open status or outcome.

    - ``due``: the due date in force (``None`` before receipt and while the
      clock is stopped for a supplement);
    - ``original_due``: the date on the receipt slip;
    - ``open_status``: in time / overdue while open (``None`` when closed);
    - ``outcome``: early / on time / late once returned or refused,
      judged against the extended due date (an extension granted under
      Decree 61/2018/NĐ-CP Art. 19(9) sets the date the applicant was given);
      ``None`` otherwise (stopped and intake-refused dossiers have none);
    - ``working_days_left``: to the due day (negative once overdue).
    """

    __repr__ = _views.short_repr  # short; the data: attrs.asdict / tthc.serialization
    _repr_html_ = _views.html  # the views live in tthc._display, above this value

    state: DossierState
    as_of: dt.datetime
    due: DueDate | None
    original_due: DueDate | None
    open_status: OpenStatus | None
    outcome: Outcome | None
    working_days_left: int | None

    @property
    def provisional(self) -> bool:
        """Whether the due date depends on days not yet announced."""
        return self.due is not None and self.due.provisional


def status(
    dossier: Dossier,
    as_of: dt.datetime,
    *,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
) -> DossierStatus:
    """Where ``dossier`` stands at ``as_of`` (an aware moment).

    A naive ``as_of`` raises :class:`~tthc.errors.NaiveDatetimeError`.
    """
    check_dossier(dossier)
    check_as_of(as_of)
    check_options(calendar, hours, policy)
    events = _until(dossier, as_of)
    state = _walk(events)
    received = next((e for e in events if isinstance(e, Received)), None)
    if received is None:
        return DossierStatus(state, as_of, None, None, None, None, None)
    clock = DossierClock(
        time_limit_of(dossier),
        tuple(e for e in events if _moves_clock(e) and _utc(e.at) >= _utc(received.at)),
        calendar=calendar,
        hours=hours,
        policy=policy,
    )
    closed = state.is_final
    # One due-date computation serves every answer (metrics call this per dossier).
    due = clock._due(clock.events, with_extension=True)
    stops = any(isinstance(e, (SupplementRequested, ExtensionGranted)) for e in clock.events)
    original = clock.original_due() if stops else due
    outcome = None
    if state in (DossierState.RETURNED, DossierState.REFUSED):
        if due is None:  # pragma: no cover - the lifecycle returns only a complete dossier
            raise IllegalTransitionError("status", state.value, why="no due date")
        outcome = Outcome.judge(events[-1].at, due)
    open_status = None
    if not closed:
        in_time = due is None or as_of <= due.at  # a stopped clock is in time
        open_status = OpenStatus.TRONG_HAN if in_time else OpenStatus.QUA_HAN
    left = None
    if due is not None and not closed:
        cal = official_calendar() if calendar is None else calendar
        left = cal.working_days_between(as_of.astimezone(VIETNAM).date(), due.last_day)
    return DossierStatus(state, as_of, due, original, open_status, outcome, left)
