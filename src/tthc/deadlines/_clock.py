"""A dossier's clock with stops: supplements, one extension, and the outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from tthc._labels import LabelledEnum
from tthc.deadlines import _core as core
from tthc.deadlines._calendar import WorkingCalendar, official_calendar
from tthc.deadlines._due import (
    DueDate,
    _policy_on,
    aware,
    compute_due,
    due_date,
    moment,
    params_for,
    split,
)
from tthc.deadlines._hours import VIETNAM, OfficeHours
from tthc.deadlines._policy import ClockPolicy, SupplementClock
from tthc.errors import IllegalTransitionError, ValidationError
from tthc.messages import Message
from tthc.model import (
    EVENT_KINDS,
    TRANSITIONS,
    ClockEffect,
    DossierState,
    ExtensionGranted,
    Received,
    Refused,
    Returned,
    Supplemented,
    SupplementRequested,
    TimeLimit,
    TimeUnit,
)

__all__ = [
    "ClockEvent",
    "ClockState",
    "DossierClock",
    "ExtensionLimitError",
    "OpenStatus",
    "Outcome",
]


class ExtensionLimitError(IllegalTransitionError):
    """A new due date was set more often than the policy allows.

    Decree 61/2018/NĐ-CP Art. 19(9): the new date may be set only once.
    """


ClockEvent = Received | SupplementRequested | Supplemented | ExtensionGranted | Returned | Refused
"""The dossier events that move the clock (defined in :mod:`tthc.model`).

A written refusal after appraisal (:class:`~tthc.model.Refused`) ends the
handling like a returned result does.
"""


class ClockState(LabelledEnum):
    """Where a dossier's clock stands."""

    PROCESSING = ("processing", "Đang giải quyết", "Processing")
    AWAITING_SUPPLEMENT = ("awaiting_supplement", "Chờ bổ sung hồ sơ", "Awaiting supplement")
    RETURNED = ("returned", "Đã trả kết quả", "Result returned")


class OpenStatus(LabelledEnum):
    """An open dossier: in time or overdue (portal statistics)."""

    TRONG_HAN = ("in_time", "Trong hạn", "In time")
    QUA_HAN = ("overdue", "Quá hạn", "Overdue")


class Outcome(LabelledEnum):
    """A finished dossier: early, on time or late (portal "Trước/Đúng/Trễ hạn").

    Decision 766/QĐ-TTg counts early and on time together as on time
    (:attr:`on_time`).
    """

    TRUOC_HAN = ("early", "Trước hạn", "Early")
    DUNG_HAN = ("on_time", "Đúng hạn", "On time")
    QUA_HAN = ("late", "Trễ hạn", "Late")

    @property
    def on_time(self) -> bool:
        """Early or on time: on time for Decision 766/QĐ-TTg."""
        return self is not Outcome.QUA_HAN

    @classmethod
    def judge(cls, finished_at: dt.datetime, due: DueDate) -> Outcome:
        """Early (a day before the due day), on time (by the due moment) or late.

        The day of ``finished_at`` is its day in Vietnam, whatever timezone it
        is given in (the same instant in UTC is judged the same).
        """
        if finished_at > due.at:
            return cls.QUA_HAN
        day = finished_at.astimezone(VIETNAM).date()
        return cls.TRUOC_HAN if day < due.last_day else cls.DUNG_HAN


def _events(value: Iterable[ClockEvent]) -> tuple[ClockEvent, ...]:
    return tuple(value)


def _clock_state(state: DossierState) -> ClockState:
    if state is DossierState.SUPPLEMENT_REQUESTED:
        return ClockState.AWAITING_SUPPLEMENT
    if state in (DossierState.RETURNED, DossierState.REFUSED):
        return ClockState.RETURNED
    return ClockState.PROCESSING


def _walk(events: tuple[Any, ...]) -> DossierState:
    """The lifecycle state after a clock's events (the shared table of tthc.model).

    Raises :class:`IllegalTransitionError` for a timeline the one-stop rules
    do not allow, and :class:`ValidationError` for events out of time order.
    """
    if not events:
        return DossierState.NEW
    first = events[0]
    if not isinstance(first, Received):
        raise IllegalTransitionError(type(first).__name__, "not received", allowed=["Received"])
    state = DossierState.PROCESSING
    previous = aware(first.at, "at")
    for index, event in enumerate(events[1:], start=1):
        kind = EVENT_KINDS.get(type(event))
        if kind is None or kind.clock in (ClockEffect.NONE, ClockEffect.START):
            raise ValidationError.single(
                f"events[{index}]", event, "a clock event: a supplement, an extension or the end"
            )
        at = aware(event.at, "at")
        if at < previous:
            raise ValidationError.single(
                f"events[{index}].at",
                event.at,
                f"a moment on or after the previous event ({previous.isoformat()})",
            )
        previous = at
        following = TRANSITIONS[state].get(type(event))
        if following is None:
            allowed = [
                k.__name__
                for k in TRANSITIONS[state]
                if EVENT_KINDS[k].clock not in (ClockEffect.NONE, ClockEffect.START)
            ]
            raise IllegalTransitionError(
                type(event).__name__, _clock_state(state).value, allowed=allowed
            )
        state = following
    return state


def _check_events(instance: Any, attribute: Any, value: tuple[Any, ...]) -> None:
    _walk(value)


@attrs.frozen
class DossierClock:
    """The time limit of one dossier along its timeline of events.

    Start with :meth:`start`, then :meth:`record` events in time order; each
    call returns a new clock. The clock knows dates and time only: the
    dossiers layer drives it.

    - A supplement request stops the clock. With :attr:`SupplementClock.RESTART`
      (Decree 61/2018 Art. 19(4), the default) the limit is counted again
      from the complete dossier's arrival; with ``PAUSE`` the time spent
      waiting is added to the due date.
    - At most ``policy.max_extensions`` new due dates (one: Art. 19(9)); one
      more raises :class:`ExtensionLimitError`.
    - :meth:`outcome` judges the return against the date set by the apology
      when there was one (Art. 19(9): the one-stop unit updates the due date);
      whether Decision 766/QĐ-TTg agrees is unconfirmed, so
      ``with_extension=False`` judges against the receipt slip's date.

    >>> import datetime as dt
    >>> from tthc.deadlines import VIETNAM, TimeLimit
    >>> t = lambda *a: dt.datetime(*a, tzinfo=VIETNAM)
    >>> clock = DossierClock.start(t(2026, 3, 2, 9), TimeLimit.working_days(5))
    >>> clock.due_at(t(2026, 3, 2, 9)).last_day
    datetime.date(2026, 3, 9)
    >>> clock = clock.record(SupplementRequested(t(2026, 3, 3, 10)))
    >>> clock = clock.record(Supplemented(t(2026, 3, 5, 14)))
    >>> clock.due_at(t(2026, 3, 5, 14)).last_day   # restarted from 5/3
    datetime.date(2026, 3, 12)
    >>> clock = clock.record(Returned(t(2026, 3, 11, 10)))
    >>> clock.outcome()
    <Outcome.TRUOC_HAN: 'early'>
    """

    limit: TimeLimit = attrs.field()
    events: tuple[ClockEvent, ...] = attrs.field(
        default=(), converter=_events, validator=_check_events
    )
    calendar: WorkingCalendar | None = attrs.field(default=None, kw_only=True)
    hours: OfficeHours | None = attrs.field(default=None, kw_only=True)
    policy: ClockPolicy | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def start(
        cls,
        received_at: dt.datetime,
        limit: TimeLimit,
        *,
        agency_received_at: dt.datetime | None = None,
        calendar: WorkingCalendar | None = None,
        hours: OfficeHours | None = None,
        policy: ClockPolicy | None = None,
    ) -> DossierClock:
        """A clock for a dossier received at ``received_at``."""
        event = Received(received_at, agency_received_at=agency_received_at)
        return cls(limit, calendar=calendar, hours=hours, policy=policy).record(event)

    # -- timeline ------------------------------------------------------------------

    @property
    def received(self) -> Received:
        """The receipt event."""
        if not self.events or not isinstance(self.events[0], Received):
            raise IllegalTransitionError("due date", "not received", allowed=["Received"])
        return self.events[0]

    @property
    def effective_policy(self) -> ClockPolicy:
        """The policy given, or the one in force on the receipt date."""
        if self.policy is not None:
            return self.policy
        return _policy_on(aware(self.received.at, "at").date())

    def _state_after(self, events: tuple[ClockEvent, ...]) -> ClockState:
        return _clock_state(_walk(events))

    def record(self, event: ClockEvent) -> DossierClock:
        """A new clock with ``event`` appended, after checking it may happen now.

        The order of events follows the one-stop lifecycle of
        :data:`tthc.model.TRANSITIONS`; an extension must set a later date
        and at most ``policy.max_extensions`` are allowed.
        """
        clock = attrs.evolve(self, events=(*self.events, event))  # validates the timeline
        if isinstance(event, ExtensionGranted):
            clock._due(clock.events, with_extension=True)  # checks the new date and the count
        return clock

    # -- due date ------------------------------------------------------------------

    def _due(self, events: tuple[ClockEvent, ...], *, with_extension: bool) -> DueDate | None:
        cal = official_calendar() if self.calendar is None else self.calendar
        hours = _DEFAULT_HOURS if self.hours is None else self.hours
        policy = self.effective_policy
        received = self.received
        due: DueDate | None = due_date(
            received.at,
            self.limit,
            calendar=cal,
            hours=hours,
            policy=policy,
            agency_received_at=received.agency_received_at,
        )
        unit = self.limit.unit
        restart = policy.supplement is SupplementClock.RESTART or unit is TimeUnit.SAME_DAY
        requested: dt.datetime | None = None
        frozen: DueDate | None = None
        extensions = 0
        for event in events[1:]:
            if isinstance(event, SupplementRequested):
                requested, frozen, due = aware(event.at, "at"), due, None
            elif isinstance(event, Supplemented):
                if requested is None or frozen is None:
                    raise IllegalTransitionError(
                        "Supplemented", ClockState.PROCESSING.value, allowed=["SupplementRequested"]
                    )
                arrived = aware(event.at, "at")
                if restart:
                    due = compute_due(cal, hours, policy, self.limit, arrived, arrived)
                    due = due.shifted(
                        due.at,
                        Message.of(
                            "note.restarted", at=arrived, cite="Decree 61/2018/NĐ-CP Art. 19(4)"
                        ),
                    )
                else:
                    due = _paused(frozen, requested, arrived, cal, hours, policy, self.limit)
            elif isinstance(event, ExtensionGranted) and due is not None:
                extensions += 1
                if extensions > policy.max_extensions:
                    raise ExtensionLimitError(
                        "ExtensionGranted",
                        ClockState.PROCESSING.value,
                        why=f"{extensions - 1} extension(s) already; at most "
                        f"{policy.max_extensions} (Decree 61/2018/NĐ-CP Art. 19(9))",
                    )
                new_due = aware(event.new_due, "new_due")
                if new_due <= due.at:
                    raise ValidationError.single(
                        "new_due", event.new_due, f"a moment after the current due {due.at}"
                    )
                if not with_extension:
                    continue
                due = due.shifted(
                    new_due,
                    Message.of(
                        "note.extended",
                        d=aware(event.at, "at").date(),
                        cite="Decree 61/2018/NĐ-CP Art. 19(9)",
                    ),
                )
        return due

    def _until(self, as_of: dt.datetime) -> tuple[ClockEvent, ...]:
        moment = aware(as_of, "as_of")
        return tuple(e for e in self.events if aware(e.at, "at") <= moment) or self.events[:1]

    def state(self, as_of: dt.datetime) -> ClockState:
        """The clock's state at ``as_of``."""
        return self._state_after(self._until(as_of))

    def due_at(self, as_of: dt.datetime) -> DueDate | None:
        """The due date as known at ``as_of`` (``None`` while awaiting a supplement)."""
        return self._due(self._until(as_of), with_extension=True)

    def original_due(self) -> DueDate:
        """The due date on the receipt slip, before any stop or extension."""
        due = self._due(self.events[:1], with_extension=False)
        if due is None:  # pragma: no cover - the first event is always a receipt
            raise IllegalTransitionError("due date", "not received", allowed=["Received"])
        return due

    def working_days_left(self, as_of: dt.datetime) -> int | None:
        """Working days from ``as_of``'s date to the due day (negative once overdue).

        ``None`` while the clock is stopped for a supplement.
        """
        due = self.due_at(as_of)
        if due is None:
            return None
        cal = official_calendar() if self.calendar is None else self.calendar
        return cal.working_days_between(aware(as_of, "as_of").date(), due.last_day)

    def open_status(self, as_of: dt.datetime) -> OpenStatus | None:
        """In time or overdue at ``as_of``; ``None`` once the result is returned.

        While the clock is stopped for a supplement the dossier is in time.
        """
        events = self._until(as_of)
        state = self._state_after(events)
        if state is ClockState.RETURNED:
            return None
        if state is ClockState.AWAITING_SUPPLEMENT:
            return OpenStatus.TRONG_HAN
        due = self._due(events, with_extension=True)
        if due is None:  # pragma: no cover - PROCESSING always has a due date
            return OpenStatus.TRONG_HAN
        return OpenStatus.TRONG_HAN if aware(as_of, "as_of") <= due.at else OpenStatus.QUA_HAN

    def outcome(self, *, with_extension: bool = True) -> Outcome | None:
        """Early, on time or late once the result is returned; ``None`` before.

        Early: returned on a day before the due day. On time: on the due day,
        by the due moment. Late: after the due moment.
        """
        returned = next((e for e in self.events if isinstance(e, (Returned, Refused))), None)
        if returned is None:
            return None
        due = self._due(self.events, with_extension=with_extension)
        if due is None:  # pragma: no cover - a return follows a complete dossier
            return None
        return Outcome.judge(aware(returned.at, "at"), due)


_DEFAULT_HOURS = OfficeHours()


def _paused(
    due: DueDate,
    requested: dt.datetime,
    arrived: dt.datetime,
    cal: WorkingCalendar,
    hours: OfficeHours,
    policy: ClockPolicy,
    limit: TimeLimit,
) -> DueDate:
    """``due`` moved by the time spent waiting for a supplement (the core's pause rule)."""
    p = params_for(policy, hours, limit.cutoff)
    at_day, at_tod = split(cal, due.at, "due")
    last = due.last_day.toordinal() - cal._base
    _, day, tod = core.paused_due(
        cal._driver,
        p,
        limit.unit.value,
        last,
        at_day,
        at_tod,
        split(cal, requested, "requested"),
        split(cal, arrived, "arrived"),
    )
    note = Message.of("note.paused", start=requested, end=arrived)
    return due.shifted(moment(cal, day, tod), note)
