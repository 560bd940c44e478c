"""Due dates: from a receipt moment and a time limit to the moment the result is due."""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
from typing import Any

import attrs

from tthc import _views
from tthc._validate import check_zone_offset
from tthc.deadlines import _core as core
from tthc.deadlines._calendar import WorkingCalendar, official_calendar
from tthc.deadlines._days import DayStatus
from tthc.deadlines._hours import VIETNAM, OfficeHours
from tthc.deadlines._policy import (
    CLOCK_POLICIES,
    CalendarStart,
    ClockPolicy,
    EndOfDay,
    HoursOnDayOff,
    OffHours,
    ShiftedStart,
)
from tthc.deadlines._provisional import warn_provisional
from tthc.errors import (
    CalendarRangeError,
    NaiveDatetimeError,
    ValidationError,
)
from tthc.messages import Message
from tthc.model import TimeLimit, TimeUnit, read_time_limit
from tthc.rules import Rules

__all__ = ["DueDate", "SkippedDay", "due_date"]

_DAY = dt.timedelta(days=1)


_NOT_A_MOMENT: Any = object()


def aware(value: Any, name: str) -> dt.datetime:
    """``value`` as Vietnamese local time; refuses naive datetimes and non-datetimes."""
    if type(value) is dt.datetime and value.tzinfo is VIETNAM:
        return value  # already Vietnamese time (the common case): nothing to convert
    try:  # pandas.NaT is a datetime whose utcoffset() raises (issue 19)
        offset = value.utcoffset() if isinstance(value, dt.datetime) else _NOT_A_MOMENT
    except (TypeError, ValueError):
        offset = _NOT_A_MOMENT
    if offset is _NOT_A_MOMENT:
        raise ValidationError.single(
            name, value, "a timezone-aware datetime (e.g. tzinfo=tthc.deadlines.VIETNAM)"
        )
    if offset is None:
        raise NaiveDatetimeError(name, value)
    check_zone_offset(value, name)  # the pytz +07:07 trap (issue 14)
    try:
        local: dt.datetime = value.astimezone(VIETNAM)
        return local
    except (OverflowError, ValueError):  # e.g. 9999-12-31 23:59-12:00 is year 10000 in Vietnam
        raise ValidationError.single(
            name, value, "a moment between years 1 and 9999 in Vietnamese time"
        ) from None


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or that month's last day (Civil Code Art. 148(3)).

    >>> add_months(dt.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, _gregorian.monthrange(year, month)[1]))


_POLICY_BY_DAY: dict[int, tuple[Rules[ClockPolicy], ClockPolicy]] = {}


def _policy_on(day: dt.date) -> ClockPolicy:
    """The clock policy in force on ``day`` (remembered per day for the shipped rules)."""
    ordinal = day.toordinal()
    found = _POLICY_BY_DAY.get(ordinal)
    if found is not None and found[0] is CLOCK_POLICIES:
        return found[1]
    policy = CLOCK_POLICIES.at(day).value
    if len(_POLICY_BY_DAY) > 100_000:
        _POLICY_BY_DAY.clear()
    _POLICY_BY_DAY[ordinal] = (CLOCK_POLICIES, policy)
    return policy


# Keyed by identity (hashing a ClockPolicy costs more than the count itself);
# the value keeps the objects alive so an id is never reused while cached.
_PARAMS: dict[tuple[int, int, dt.time | None], tuple[ClockPolicy, OfficeHours, core.Params]] = {}


def params_for(policy: ClockPolicy, hours: OfficeHours, cutoff: dt.time | None) -> core.Params:
    """The clock core's parameters for a policy, office hours and a limit's cut-off."""
    key = (id(policy), id(hours), cutoff)
    cached = _PARAMS.get(key)
    if cached is not None and cached[0] is policy and cached[1] is hours:
        return cached[2]
    cut = cutoff if cutoff is not None else policy.cutoff
    to_us = core.time_to_us
    (a, b), (c, d) = hours.sessions
    found = core.Params(
        next_opening=policy.off_hours is OffHours.NEXT_OPENING,
        cutoff=-1 if cut is None else to_us(cut),
        count_receipt_day=policy.count_receipt_day,
        midnight=policy.end_of_day is EndOfDay.MIDNIGHT,
        shifted_day_one=policy.shifted_start is ShiftedStart.DAY_ONE,
        calendar_from_receipt=policy.calendar_start is CalendarStart.RECEIPT_DAY,
        hours_roll=policy.hours_on_day_off is HoursOnDayOff.NEXT_WORKING_DAY,
        opening=to_us(hours.opening),
        closing=to_us(hours.closing),
        sessions=(
            (to_us(a) // core.US_PER_MINUTE, to_us(b) // core.US_PER_MINUTE),
            (to_us(c) // core.US_PER_MINUTE, to_us(d) // core.US_PER_MINUTE),
        ),
    )
    if len(_PARAMS) > 256:  # user-built policies: keep the cache bounded
        _PARAMS.clear()
    _PARAMS[key] = (policy, hours, found)
    return found


def split(cal: WorkingCalendar, moment: dt.datetime, name: str) -> tuple[int, int]:
    """(day index, µs since local midnight) of an aware moment, in Vietnamese time."""
    local = moment.astimezone(VIETNAM)
    day = local.toordinal() - cal._base
    if not 0 <= day < cal._n:
        raise CalendarRangeError(name, local.date(), cal.first_day, cal.last_day)
    tod = ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000 + local.microsecond
    return day, tod


def moment(cal: WorkingCalendar, day: int, tod: int) -> dt.datetime:
    """The aware moment (Asia/Ho_Chi_Minh) of a day index and a time of day in µs."""
    d = _fromordinal(day + cal._base)
    seconds, micro = divmod(tod, 1_000_000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return dt.datetime(d.year, d.month, d.day, hour, minute, second, micro, tzinfo=VIETNAM)


_fromordinal = dt.date.fromordinal


@attrs.frozen
class SkippedDay:
    """A day passed over while counting, with why it is not a working day."""

    day: dt.date
    status: DayStatus

    @property
    def reason(self) -> str:
        """The reason in English (``status.name_en``)."""
        return self.status.name_en

    @property
    def citation(self) -> str:
        """The document that makes the day a day off."""
        return self.status.citation

    def __str__(self) -> str:
        return f"{self.day.isoformat()} ({self.day:%a}): {self.reason} [{self.citation}]"


@attrs.frozen
class _Context:
    """What a computed due date needs to explain itself later (not serialized)."""

    origin: dt.datetime
    calendar: WorkingCalendar
    hours: OfficeHours
    # the last day of the original count (a shift by a pause or an extension
    # moves ``last_day``, not the days counted)
    counted_until: dt.date
    extra_notes: tuple[str, ...] = ()


_EXPLANATION = ("counted", "skipped", "notes")


@attrs.frozen
class DueDate:
    """When a result is due, and how that was worked out.

    - ``at``: the due moment (aware, Asia/Ho_Chi_Minh); ``last_day`` its day
      (with :attr:`EndOfDay.MIDNIGHT`, ``at`` is 00:00 of the following day).
    - ``start``: the moment counting effectively starts (after off-hours and
      cut-off rules); ``received_at``: the receipt moment in Vietnamese time.
    - ``provisional``: whether any day involved is past the announced calendar.
    - ``counted``: the days counted towards the limit; ``skipped``: every
      non-working day passed over between receipt and ``last_day``, each with
      its reason and citation; ``notes``: the rules applied, in order. These
      three are the *explanation*: for a due date computed by tthc they are
      worked out on first access, so code that needs only the moment
      (``status``, metrics, :mod:`tthc.batch`) never pays for them; a due date
      loaded from JSON carries them as loaded.

    Two due dates are equal when their moments, inputs and policy are; the
    explanation follows from those.
    """

    __repr__ = _views.short_repr  # short; the data: attrs.asdict / tthc.serialization
    _repr_html_ = _views.html  # the views live in tthc._display, above this value

    at: dt.datetime
    last_day: dt.date
    start: dt.datetime
    received_at: dt.datetime
    limit: TimeLimit
    policy: ClockPolicy
    provisional: bool
    counted: tuple[dt.date, ...] = attrs.field(default=(), eq=False)
    skipped: tuple[SkippedDay, ...] = attrs.field(default=(), eq=False)
    notes: tuple[str, ...] = attrs.field(default=(), eq=False)
    _context: _Context | None = attrs.field(default=None, init=False, eq=False, repr=False)

    @classmethod
    def _computed(
        cls,
        at: dt.datetime,
        last_day: dt.date,
        start: dt.datetime,
        received_at: dt.datetime,
        limit: TimeLimit,
        policy: ClockPolicy,
        provisional: bool,
        context: _Context,
    ) -> DueDate:
        """A due date whose explanation is worked out on first access."""
        self = object.__new__(cls)
        put = object.__setattr__
        put(self, "at", at)
        put(self, "last_day", last_day)
        put(self, "start", start)
        put(self, "received_at", received_at)
        put(self, "limit", limit)
        put(self, "policy", policy)
        put(self, "provisional", provisional)
        put(self, "_context", context)
        return self  # counted, skipped and notes stay unset until asked for

    def __getattr__(self, name: str) -> Any:
        # Called only for an unset slot: the explanation of a computed due date.
        if name not in _EXPLANATION:
            raise AttributeError(name)
        context = object.__getattribute__(self, "_context")
        counted, notes = _explain(self, context)
        cal = context.calendar
        counted_set = set(counted)
        first = min(context.origin.date(), self.received_at.date())
        last = self.last_day
        skipped = tuple(
            SkippedDay(day, cal.explain(day))
            for day in (first + dt.timedelta(days=k) for k in range((last - first).days + 1))
            if day not in counted_set and not cal._is_working(day)
        )
        put = object.__setattr__
        put(self, "counted", counted)
        put(self, "skipped", skipped)
        put(self, "notes", (*notes, *context.extra_notes))
        return object.__getattribute__(self, name)

    def shifted(self, at: dt.datetime, note: str) -> DueDate:
        """The same due date moved to ``at`` (a pause or an extension), with a note."""
        context = self._context
        if context is None:
            raise ValidationError.single(
                "due", self, "a due date computed by tthc (a loaded one cannot be shifted)"
            )
        cal = context.calendar
        first = self.received_at.date()
        last = at.date() - _DAY if at.timetz() == dt.time(0, tzinfo=at.tzinfo) else at.date()
        if last < first:
            last = first
        provisional = self.provisional or cal.span_is_provisional(first, last)
        return DueDate._computed(
            at,
            last,
            self.start,
            self.received_at,
            self.limit,
            self.policy,
            provisional,
            attrs.evolve(context, extra_notes=(*context.extra_notes, note)),
        )

    def explanation(self) -> str:
        """A readable account: the rules applied and every day skipped."""
        lines = [
            f"received {self.received_at:%Y-%m-%d %H:%M} ({self.received_at:%a}); "
            f"limit: {self.limit} [{self.limit.unit.en}]; policy: {self.policy.name}",
            *self.notes,
            *(f"skipped {s}" for s in self.skipped),
            f"due {self.at:%Y-%m-%d %H:%M} ({self.at:%a})"
            + (" — provisional" if self.provisional else ""),
        ]
        return "\n".join(lines)


def _explain(due: DueDate, context: _Context) -> tuple[tuple[dt.date, ...], list[str]]:
    """The days counted and the notes, worked out again from the due date's inputs."""
    cal, hours, policy, limit = context.calendar, context.hours, due.policy, due.limit
    origin, start = context.origin, due.start
    notes: list[str] = [
        Message.of("note.clock_policy", cite_name=policy.name, cite=policy.citation)
    ]
    if origin != due.received_at:
        notes.append(Message.of("note.cross_boundary", at=origin))
    if not (policy.calendar_start is CalendarStart.RECEIPT_DAY and limit.unit in _FROM_RECEIPT):
        _start_notes(origin, limit, cal, hours, policy, notes)
    s_day = start.date()
    last = context.counted_until
    unit, n = limit.unit, limit.amount
    counted: tuple[dt.date, ...]
    if unit is TimeUnit.WORKING_HOURS:
        counted = tuple(cal._iter(cal._roll(s_day), last))
        notes.append(Message.of("note.working_hours", n=n, cite="Civil Code Art. 147(1)"))
        return counted, notes
    if unit is TimeUnit.HALF_WORKING_DAYS:
        counted = tuple(cal._iter(cal._roll(s_day), last))
        notes.append(Message.of("note.half_day", m=hours.minutes_per_day // 2))
        return counted, notes
    if unit is TimeUnit.HOURS:
        base = origin if policy.calendar_start is CalendarStart.RECEIPT_DAY else start
        counted = tuple(cal._iter(cal._roll(base.date()), last))
        notes.append(
            Message.of("note.clock_hours", n=n, at=base, cite="Civil Code 2015 Art. 147(1)")
        )
        ends = base + dt.timedelta(hours=n)
        ends_day = ends.date() - _DAY if ends.time() == dt.time(0) else ends.date()
        if last != ends_day:
            notes.append(
                Message.of(
                    "note.rolled_end_of_day", d=ends_day, n=last, cite="Civil Code 2015 Art. 148(5)"
                )
            )
        else:
            return counted, notes
    o_day = origin.date()
    if unit is TimeUnit.WORKING_DAYS:
        if policy.count_receipt_day:
            counted = tuple(cal._iter(cal._roll(s_day), last))
            notes.append(Message.of("note.receipt_day_1"))
        elif policy.shifted_start is ShiftedStart.DAY_ONE and s_day > o_day:
            counted = tuple(cal._iter(s_day, last))
            notes.append(
                Message.of(
                    "note.shifted_day_one",
                    d=s_day,
                    cite="Decree 63/2024/NĐ-CP new Art. 7(2); Civil Code 2015 Art. 147(2)",
                )
            )
        else:
            counted = tuple(cal._iter(s_day + _DAY, last))
            notes.append(Message.of("note.receipt_not_counted", cite="Civil Code 2015 Art. 147(2)"))
    elif unit is TimeUnit.SAME_DAY:
        counted = (last,)
    elif unit is not TimeUnit.HOURS:  # clock hours rolled to a working day: notes above
        if policy.calendar_start is CalendarStart.RECEIPT_DAY:
            notes.append(
                Message.of("note.from_receipt_day", d=o_day, cite="Civil Code 2015 Art. 147(2)")
            )
            s_day = o_day
        if unit is TimeUnit.MONTHS:
            nominal = add_months(s_day, n)
            rule = "Civil Code 2015 Art. 147(2), 148(3)"
        else:
            offset = n - 1 if policy.count_receipt_day else n
            nominal = s_day + dt.timedelta(days=offset)
            rule = "Civil Code 2015 Art. 147(2), 148(1)"
        counted = tuple(s_day + dt.timedelta(days=k) for k in range(1, (nominal - s_day).days + 1))
        notes.append(Message.of("note.period_ends", d=nominal, cite=rule))
        if last != nominal:
            counted = (*counted, last)
            notes.append(
                Message.of("note.rolled", d=nominal, n=last, cite="Civil Code 2015 Art. 148(5)")
            )
    if policy.end_of_day is EndOfDay.MIDNIGHT:
        notes.append(Message.of("note.midnight", cite="Civil Code 2015 Art. 148(6)"))
    else:
        notes.append(Message.of("note.close_of_hours", t=f"{hours.closing:%H:%M}"))
    return counted, notes


def _start_notes(
    origin: dt.datetime,
    limit: TimeLimit,
    cal: WorkingCalendar,
    hours: OfficeHours,
    policy: ClockPolicy,
    notes: list[str],
) -> None:
    """Why counting starts when it does (the notes of :func:`core.effective_start`)."""
    day, t = origin.date(), origin.time().replace(tzinfo=None)
    cutoff = limit.cutoff if limit.cutoff is not None else policy.cutoff
    if policy.off_hours is OffHours.NEXT_OPENING:
        if not cal._is_working(day):
            nxt = cal._add(day, 1)
            notes.append(
                Message.of(
                    "note.received_day_off",
                    d=nxt,
                    t=f"{hours.opening:%H:%M}",
                    how=policy.off_hours,
                )
            )
            return
        if t < hours.opening:
            notes.append(Message.of("note.before_opening", t=f"{hours.opening:%H:%M}"))
            return
        if t >= hours.closing:
            nxt = cal._add(day, 1)
            notes.append(
                Message.of(
                    "note.after_closing",
                    c=f"{hours.closing:%H:%M}",
                    d=nxt,
                    t=f"{hours.opening:%H:%M}",
                    how=policy.off_hours,
                )
            )
            return
    if cutoff is not None and cal._is_working(day) and t > cutoff:
        nxt = cal._add(day, 1)
        key = "note.after_limit_cutoff" if limit.cutoff is not None else "note.after_policy_cutoff"
        notes.append(Message.of(key, c=f"{cutoff:%H:%M}", d=nxt, t=f"{hours.opening:%H:%M}"))


def due_date(
    received_at: dt.datetime,
    limit: TimeLimit | str,
    *,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
    agency_received_at: dt.datetime | None = None,
) -> DueDate:
    """When the result of a dossier received at ``received_at`` is due under ``limit``.

    ``limit`` is a :class:`~tthc.model.TimeLimit` or the text a person types
    (``"7 ngày làm việc"``, ``"3 working days"``), read by
    :func:`tthc.model.read_time_limit`.
    ``received_at`` must be timezone-aware (it is converted to Asia/Ho_Chi_Minh);
    a naive datetime raises :class:`~tthc.errors.NaiveDatetimeError`. The
    ``policy`` defaults to the one in force on the receipt date
    (:data:`CLOCK_POLICIES`); ``calendar`` to :func:`official_calendar`;
    ``hours`` to :class:`OfficeHours` (7:30–11:30, 13:00–17:00).
    ``agency_received_at`` is when the competent agency received a dossier
    filed outside its area (Decree 118/2025 Art. 17(3)); the time then runs
    from it.

    Counting (default policy): the receipt day is not counted (Civil Code 2015
    Art. 147(2)); ``N`` working days end at the close of office hours of the
    N-th working day after it; calendar days and months end on the
    corresponding day, rolled to the next working day if that is a day off
    (Art. 148(3), (5)); working hours are counted inside office hours; a
    same-day limit is due at closing time, or the next working day after its
    cut-off (Law on Civil Status 60/2014/QH13 Art. 5(3)).

    >>> import datetime as dt
    >>> from tthc.deadlines import VIETNAM, TimeLimit
    >>> due = due_date(dt.datetime(2026, 2, 12, 9, 0, tzinfo=VIETNAM), TimeLimit.working_days(3))
    >>> due.at.isoformat(), due.provisional
    ('2026-02-25T00:00:00+07:00', False)
    >>> [s.day.day for s in due.skipped]
    [14, 15, 16, 17, 18, 19, 20, 21, 22]
    """
    received = aware(received_at, "received_at")
    if not isinstance(limit, (TimeLimit, str)):
        raise ValidationError.single("limit", limit, "a tthc.TimeLimit or text ('7 ngày làm việc')")
    limit = read_time_limit(limit)
    if calendar is not None and not isinstance(calendar, WorkingCalendar):
        raise ValidationError.single(
            "calendar", calendar, "None or a tthc.deadlines.WorkingCalendar"
        )
    if hours is not None and not isinstance(hours, OfficeHours):
        raise ValidationError.single("hours", hours, "None or a tthc.deadlines.OfficeHours")
    if policy is not None and not isinstance(policy, ClockPolicy):
        raise ValidationError.single("policy", policy, "None or a tthc.deadlines.ClockPolicy")
    cal = official_calendar() if calendar is None else calendar
    hours = _DEFAULT_HOURS if hours is None else hours
    if policy is None:
        policy = _policy_on(received.date())
    origin = received
    if agency_received_at is not None:
        agency = aware(agency_received_at, "agency_received_at")
        if agency < received:
            raise ValidationError.single(
                "agency_received_at",
                agency_received_at,
                f"a moment on or after received_at ({received.isoformat()}): the competent "
                "agency receives a dossier after it is filed",
            )
        if not policy.cross_boundary_start:
            raise ValidationError.single(
                "agency_received_at",
                agency_received_at,
                f"None: the policy {policy.name!r} has no cross-boundary start",
            )
        origin = agency
    return compute_due(cal, hours, policy, limit, received, origin, stacklevel=3)


_DEFAULT_HOURS = OfficeHours()
_FROM_RECEIPT = (TimeUnit.CALENDAR_DAYS, TimeUnit.MONTHS, TimeUnit.HOURS)


def compute_due(
    cal: WorkingCalendar,
    hours: OfficeHours,
    policy: ClockPolicy,
    limit: TimeLimit,
    received: dt.datetime,
    origin: dt.datetime,
    *,
    stacklevel: int = 2,
) -> DueDate:
    """The due date through the clock core (inputs already checked; both moments local)."""
    p = params_for(policy, hours, limit.cutoff)
    return _explained_due(cal, hours, policy, limit, received, origin, p, stacklevel + 1)


def due_moment(
    cal: WorkingCalendar,
    hours: OfficeHours,
    policy: ClockPolicy,
    limit: TimeLimit,
    received: dt.datetime,
) -> tuple[dt.datetime, dt.date]:
    """``(at, last_day)`` of a receipt, without building the :class:`DueDate` (metrics).

    ``received`` is aware; warns like :func:`due_date` when the answer is provisional.
    """
    p = params_for(policy, hours, limit.cutoff)
    drv = cal._driver
    day, tod = split(cal, received, "received_at")
    s_day, s_tod = core.effective_start(drv, p, day, tod)
    last, at_day, at_tod = core.due(drv, p, limit.unit.value, limit.amount, s_day, s_tod, day, tod)
    unann = cal._core.unannounced
    last_day = _fromordinal(last + cal._base)
    if unann[last + 1] - unann[day] > 0:
        warn_provisional(
            cal,
            f"the due date {last_day.isoformat()} depends on days outside the announced "
            f"calendar ({cal.announced_from.isoformat()}..{cal.announced_until.isoformat()})",
            stacklevel=3,
        )
    return moment(cal, at_day, at_tod), last_day


def _explained_due(
    cal: WorkingCalendar,
    hours: OfficeHours,
    policy: ClockPolicy,
    limit: TimeLimit,
    received: dt.datetime,
    origin: dt.datetime,
    p: core.Params,
    stacklevel: int,
) -> DueDate:
    drv = cal._driver
    if origin is received:
        day, tod = split(cal, origin, "received_at")
        r_day = day
    else:
        r_day = split(cal, received, "received_at")[0]
        day, tod = split(cal, origin, "agency_received_at")
    s_day, s_tod = core.effective_start(drv, p, day, tod)
    last, at_day, at_tod = core.due(drv, p, limit.unit.value, limit.amount, s_day, s_tod, day, tod)
    unann = cal._core.unannounced
    lo = min(r_day, day)
    provisional = unann[last + 1] - unann[lo] > 0
    last_day = _fromordinal(last + cal._base)
    if provisional:
        warn_provisional(
            cal,
            f"the due date {last_day.isoformat()} depends on days outside the announced "
            f"calendar ({cal.announced_from.isoformat()}..{cal.announced_until.isoformat()})",
            stacklevel=stacklevel,
        )
    unmoved = (s_day, s_tod) == (day, tod) or (
        # issue 20: periods in calendar time count from the receipt itself
        p.calendar_from_receipt and limit.unit in _FROM_RECEIPT
    )
    return DueDate._computed(
        moment(cal, at_day, at_tod),
        last_day,
        origin if unmoved else moment(cal, s_day, s_tod),
        received,
        limit,
        policy,
        provisional,
        _Context(origin, cal, hours, last_day),
    )
