"""Due dates: from a receipt moment and a time limit to the moment the result is due."""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
import warnings
from typing import Any

import attrs

from tthc._validate import check_zone_offset
from tthc.deadlines._calendar import WorkingCalendar, official_calendar
from tthc.deadlines._days import DayStatus
from tthc.deadlines._hours import VIETNAM, OfficeHours
from tthc.deadlines._policy import CLOCK_POLICIES, ClockPolicy, EndOfDay, OffHours
from tthc.errors import NaiveDatetimeError, ProvisionalCalendarWarning, ValidationError
from tthc.model import TimeLimit, TimeUnit

__all__ = ["DueDate", "SkippedDay", "due_date"]

_DAY = dt.timedelta(days=1)


def aware(value: Any, name: str) -> dt.datetime:
    """``value`` as Vietnamese local time; refuses naive datetimes and non-datetimes."""
    if not isinstance(value, dt.datetime):
        raise ValidationError.single(
            name, value, "a timezone-aware datetime (e.g. tzinfo=tthc.deadlines.VIETNAM)"
        )
    if value.utcoffset() is None:
        raise NaiveDatetimeError(name, value)
    check_zone_offset(value, name)  # the pytz +07:07 trap (issue 14)
    return value.astimezone(VIETNAM)


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or that month's last day (Civil Code Art. 148(3)).

    >>> add_months(dt.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, _gregorian.monthrange(year, month)[1]))


def _at(day: dt.date, t: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, t, tzinfo=VIETNAM)


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
class DueDate:
    """When a result is due, and how that was worked out.

    - ``at``: the due moment (aware, Asia/Ho_Chi_Minh); ``last_day`` its day
      (with :attr:`EndOfDay.MIDNIGHT`, ``at`` is 00:00 of the following day).
    - ``start``: the moment counting effectively starts (after off-hours and
      cut-off rules); ``received_at``: the receipt moment in Vietnamese time.
    - ``counted``: the days counted towards the limit; ``skipped``: every
      non-working day passed over between receipt and ``last_day``, each with
      its reason and citation; ``notes``: the rules applied, in order.
    - ``provisional``: whether any day involved is past the announced calendar.
    """

    at: dt.datetime
    last_day: dt.date
    start: dt.datetime
    received_at: dt.datetime
    limit: TimeLimit
    policy: ClockPolicy
    provisional: bool
    counted: tuple[dt.date, ...]
    skipped: tuple[SkippedDay, ...]
    notes: tuple[str, ...]

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


def _effective_start(
    origin: dt.datetime,
    limit: TimeLimit,
    cal: WorkingCalendar,
    hours: OfficeHours,
    policy: ClockPolicy,
    notes: list[str],
) -> dt.datetime:
    day, t = origin.date(), origin.time().replace(tzinfo=None)
    cutoff = limit.cutoff if limit.cutoff is not None else policy.cutoff
    if policy.off_hours is OffHours.NEXT_OPENING:
        if not cal._is_working(day):
            nxt = cal._add(day, 1)
            notes.append(
                f"received on a non-working day: counted from {nxt} {hours.opening:%H:%M} "
                f"({policy.off_hours.en})"
            )
            return _at(nxt, hours.opening)
        if t < hours.opening:
            notes.append(f"received before opening: counted from {hours.opening:%H:%M}")
            return _at(day, hours.opening)
        if t >= hours.closing:  # at closing time the desk is closed
            nxt = cal._add(day, 1)
            notes.append(
                f"received after closing ({hours.closing:%H:%M}): counted from {nxt} "
                f"{hours.opening:%H:%M} ({policy.off_hours.en})"
            )
            return _at(nxt, hours.opening)
    if cutoff is not None and cal._is_working(day) and t > cutoff:
        nxt = cal._add(day, 1)
        source = "the limit's cut-off" if limit.cutoff is not None else "the policy's cut-off"
        notes.append(
            f"received after {cutoff:%H:%M} ({source}): counted from {nxt} {hours.opening:%H:%M}"
        )
        return _at(nxt, hours.opening)
    return origin


def add_working_minutes(
    cal: WorkingCalendar, hours: OfficeHours, start: dt.datetime, minutes: int
) -> dt.datetime:
    """The moment ``minutes`` office minutes after ``start`` (inside office hours)."""
    per_day = hours.minutes_per_day
    day = start.date()
    if not cal._is_working(day):
        day, used = cal._add(day, 1), 0
    else:
        used = hours.minutes_before(start.time())
        if used >= per_day:
            day, used = cal._add(day, 1), 0
    if minutes <= 0:
        return _at(day, hours.time_after(used)) if used else _at(day, hours.opening)
    if minutes <= per_day - used:
        return _at(day, hours.time_after(used + minutes))
    rest = minutes - (per_day - used)
    full, part = divmod(rest, per_day)
    if part == 0:
        return _at(cal._add(day, full), hours.closing)
    return _at(cal._add(day, full + 1), hours.time_after(part))


def working_minutes_between(
    cal: WorkingCalendar, hours: OfficeHours, a: dt.datetime, b: dt.datetime
) -> int:
    """Office minutes in ``[a, b)`` on working days (0 if ``b <= a``)."""
    if b <= a:
        return 0
    a_day, b_day = a.date(), b.date()
    per_day = hours.minutes_per_day
    a_used = hours.minutes_before(a.time()) if cal._is_working(a_day) else 0
    b_used = hours.minutes_before(b.time()) if cal._is_working(b_day) else 0
    if a_day == b_day:
        return max(0, b_used - a_used)
    first = (per_day - a_used) if cal._is_working(a_day) else 0
    middle = cal.working_days_between(a_day, b_day - _DAY) if b_day - a_day > _DAY else 0
    return first + max(middle, 0) * per_day + b_used


def due_date(
    received_at: dt.datetime,
    limit: TimeLimit,
    *,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
    agency_received_at: dt.datetime | None = None,
) -> DueDate:
    """When the result of a dossier received at ``received_at`` is due under ``limit``.

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
    ('2026-02-24T17:00:00+07:00', False)
    >>> [s.day.day for s in due.skipped]
    [14, 15, 16, 17, 18, 19, 20, 21, 22]
    """
    received = aware(received_at, "received_at")
    if not isinstance(limit, TimeLimit):
        raise ValidationError.single("limit", limit, "a tthc.TimeLimit")
    for name, value, kind in (
        ("calendar", calendar, WorkingCalendar),
        ("hours", hours, OfficeHours),
        ("policy", policy, ClockPolicy),
    ):
        if value is not None and not isinstance(value, kind):
            raise ValidationError.single(name, value, f"None or a tthc.deadlines.{kind.__name__}")
    cal = official_calendar() if calendar is None else calendar
    hours = OfficeHours() if hours is None else hours
    if policy is None:
        policy = CLOCK_POLICIES.at(received.date()).value
    notes: list[str] = [f"clock policy: {policy.name} [{policy.citation}]"]
    origin = received
    if agency_received_at is not None:
        if aware(agency_received_at, "agency_received_at") < received:
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
        origin = aware(agency_received_at, "agency_received_at")
        notes.append(
            f"filed outside the competent agency's area: time runs from the agency's receipt "
            f"{origin:%Y-%m-%d %H:%M}"
        )
    start = _effective_start(origin, limit, cal, hours, policy, notes)
    s_day = start.date()
    unit = limit.unit
    n = limit.amount
    counted: tuple[dt.date, ...]
    if unit is TimeUnit.WORKING_HOURS:
        at = add_working_minutes(cal, hours, start, n * 60)
        last = at.date()
        counted = tuple(cal._iter(cal._roll(s_day), last))
        notes.append(f"{n} working hours counted inside office hours (Civil Code Art. 147(1))")
    else:
        if unit is TimeUnit.WORKING_DAYS:
            if policy.count_receipt_day:
                first = cal._roll(s_day)
                last = cal._add(first, n - 1)
                counted = tuple(cal._iter(first, last))
                notes.append("the receipt day counts as day 1 (policy switch)")
            else:
                last = cal._add(s_day, n)
                counted = tuple(cal._iter(s_day + _DAY, last))
                notes.append("the receipt day is not counted (Civil Code 2015 Art. 147(2))")
        elif unit is TimeUnit.SAME_DAY:
            last = cal._roll(s_day)
            if last == s_day and start.time().replace(tzinfo=None) >= hours.closing:
                # received as it was (OffHours.AS_RECEIVED) after closing: the same
                # day is over, so the next working day (never due before receipt)
                last = cal._add(s_day, 1)
            counted = (last,)
        else:
            if unit is TimeUnit.MONTHS:
                nominal = add_months(s_day, n)
                rule = "Civil Code 2015 Art. 147(2), 148(3)"
            else:
                offset = n - 1 if policy.count_receipt_day else n
                nominal = s_day + dt.timedelta(days=offset)
                rule = "Civil Code 2015 Art. 147(2), 148(1)"
            counted = tuple(
                s_day + dt.timedelta(days=k) for k in range(1, (nominal - s_day).days + 1)
            )
            last = cal._roll(nominal)
            notes.append(f"period ends on {nominal} ({rule})")
            if last != nominal:
                counted = (*counted, last)
                notes.append(
                    f"{nominal} is a day off: the period ends on the next working day {last} "
                    "(Civil Code 2015 Art. 148(5))"
                )
        if policy.end_of_day is EndOfDay.MIDNIGHT:
            at = _at(last + _DAY, dt.time(0))
            notes.append("ends at 24:00 of the last day (Civil Code 2015 Art. 148(6))")
        else:
            at = _at(last, hours.closing)
            notes.append(f"ends at the close of office hours ({hours.closing:%H:%M})")
    counted_set = set(counted)
    first_day = origin.date()
    skipped = tuple(
        SkippedDay(day, cal.explain(day))
        for day in (first_day + dt.timedelta(days=k) for k in range((last - first_day).days + 1))
        if day not in counted_set and not cal._is_working(day)
    )
    provisional = cal.span_is_provisional(min(first_day, received.date()), last)
    if provisional:
        warnings.warn(
            f"the due date {last.isoformat()} depends on days outside the announced calendar "
            f"({cal.announced_from.isoformat()}..{cal.announced_until.isoformat()})",
            ProvisionalCalendarWarning,
            stacklevel=2,
        )
    return DueDate(
        at=at,
        last_day=last,
        start=start,
        received_at=received,
        limit=limit,
        policy=policy,
        provisional=provisional,
        counted=counted,
        skipped=skipped,
        notes=tuple(notes),
    )
