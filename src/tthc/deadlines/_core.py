"""The clock core: every counting rule once, as pure functions over day indexes and times of day.

This module is internal. The scalar API (:func:`tthc.deadlines.due_date`,
:class:`~tthc.deadlines.DossierClock`, :func:`tthc.dossiers.status`) and the
columnar engine (:mod:`tthc.batch`) both call the functions below; only the
*driver* differs:

- a **day** is an index into the calendar's tables (``ordinal - core.base``);
- a **time of day** is microseconds since local midnight (Asia/Ho_Chi_Minh);
- the driver supplies table look-ups (``is_working``, ``after``), a
  ``where(condition, a, b)`` and ``not_``, month arithmetic, and decides what
  happens outside the calendar (the scalar driver raises
  :class:`~tthc.errors.CalendarRangeError`; the array driver marks the row).

The scalar driver works on Python ``int``/``bool``; the numpy driver of
:mod:`tthc.batch` on arrays. So ``tthc.batch.due_dates`` equals
``due_date(...).at`` row by row by construction, and the property tests check
it anyway.

Every function here takes the rule parameters (:class:`Params`) as plain
scalars: the columnar engine groups rows by (policy, unit, cut-off) and calls
each function once per group.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

import attrs

from tthc.errors import CalendarRangeError

__all__ = [
    "US_PER_DAY",
    "US_PER_MINUTE",
    "CalendarCore",
    "Driver",
    "Params",
    "ScalarDriver",
    "add_minutes",
    "due",
    "effective_start",
    "judge",
    "last_day_of",
    "paused_due",
    "time_to_us",
]

US_PER_MINUTE = 60_000_000
US_PER_DAY = 86_400_000_000

#: Unit codes (the order of :class:`tthc.model.TimeUnit` does not matter here).
WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
WORKING_HOURS = "working_hours"
SAME_DAY = "same_day"
MONTHS = "months"
HOURS = "hours"  # clock hours, elapsed (issue 20)
HALF_WORKING_DAYS = "half_working_days"  # halves of a working day (issue 20)
US_PER_HOUR = 3_600_000_000

#: Outcome codes returned by :func:`judge`.
EARLY, ON_TIME, LATE = 0, 1, 2


def time_to_us(t: dt.time) -> int:
    """Microseconds since midnight of a (naive) time of day."""
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


@attrs.frozen
class CalendarCore:
    """A calendar's tables, as the clock core reads them (documented internal object).

    - ``base``: the proleptic ordinal of day index 0;
    - ``flags[i]``: 1 if day ``i`` is a working day;
    - ``cum[i]``: working days in ``[0, i)`` (length ``n + 1``);
    - ``wd[k]``: the day index of the ``k``-th working day;
    - ``unannounced[i]``: days in ``[0, i)`` not covered by an announcement
      (length ``n + 1``), so a span ``[lo, hi]`` is provisional when
      ``unannounced[hi + 1] - unannounced[lo] > 0``.

    Obtain it with :attr:`tthc.deadlines.WorkingCalendar.core`; it is
    immutable (arrays are read-only views for the numpy driver).
    """

    base: int
    n: int
    flags: bytes
    cum: Sequence[int]
    wd: Sequence[int]
    unannounced: Sequence[int]
    announced_span: tuple[int, int]

    def first_day(self) -> dt.date:
        """The first day the tables cover."""
        return dt.date.fromordinal(self.base)

    def last_day(self) -> dt.date:
        """The last day the tables cover."""
        return dt.date.fromordinal(self.base + self.n - 1)


@attrs.frozen
class Params:
    """The scalar parameters of one counting rule: policy switches and office hours.

    Times are microseconds since midnight; ``cutoff`` is ``-1`` when there is
    none; session bounds are whole minutes since midnight (office hours are
    given to the minute: :meth:`tthc.deadlines.OfficeHours.minutes_before`).
    """

    next_opening: bool
    cutoff: int
    count_receipt_day: bool
    midnight: bool
    opening: int
    closing: int
    sessions: tuple[tuple[int, int], tuple[int, int]]
    # issue 20 (the law): three switches of ClockPolicy, read by due() below.
    # ``shifted_day_one``: a start moved to the next working day (off hours or
    # a cut-off) makes that day day 1 (ShiftedStart.DAY_ONE) instead of
    # excluding it again (ShiftedStart.EXCLUDED, tthc before issue 20).
    # ``calendar_from_receipt``: calendar-day and month limits count from the
    # receipt day itself (CalendarStart.RECEIPT_DAY, Civil Code 2015 Art.
    # 147(2)), not from the off-hours/cut-off start (CalendarStart.SHIFTED).
    # Defaults keep hand-built Params (tests, benchmarks) at the new readings.
    shifted_day_one: bool = True
    calendar_from_receipt: bool = True
    # ``hours_roll``: a period in clock hours whose last day is a day off ends
    # at the end of the next working day (Civil Code 2015 Art. 148(5) as
    # written; HoursOnDayOff.NEXT_WORKING_DAY) or exactly when counted.
    hours_roll: bool = True


class Driver(Protocol):
    """What the core needs from its array or scalar backend."""

    def where(self, condition: Any, a: Any, b: Any) -> Any:
        """``a`` where ``condition`` holds, else ``b``."""

    def not_(self, condition: Any) -> Any:
        """Logical negation."""

    def is_working(self, day: Any) -> Any:
        """1/True where ``day`` is a working day."""

    def after(self, day: Any, k: Any) -> Any:
        """The ``k``-th working day strictly after ``day`` (``k >= 1``)."""

    def working_between(self, a: Any, b: Any) -> Any:
        """Working days in ``(a, b]`` (``b >= a``), else minus those in ``[b, a)``."""

    def check(self, day: Any) -> Any:
        """``day`` itself, refused (or marked) when outside the tables."""

    def add_months(self, day: Any, months: Any) -> Any:
        """Civil Code 2015 Art. 148(3): the corresponding day, or the month's last day."""


class ScalarDriver:
    """The core over Python ints (one dossier at a time)."""

    __slots__ = ("core", "cum", "flags", "n", "nwd", "wd")

    def __init__(self, core: CalendarCore) -> None:
        self.core = core
        self.flags = core.flags
        self.cum = core.cum
        self.wd = core.wd
        self.n = core.n
        self.nwd = len(core.wd)

    def _range(self, day: int) -> CalendarRangeError:
        core = self.core
        value = dt.date.fromordinal(core.base + max(0, min(day, 3_652_058 - core.base)))
        return CalendarRangeError("result", value, core.first_day(), core.last_day())

    @staticmethod
    def where(condition: Any, a: Any, b: Any) -> Any:
        """``a`` if ``condition`` else ``b``."""
        return a if condition else b

    @staticmethod
    def not_(condition: Any) -> bool:
        """``not condition``."""
        return not condition

    def check(self, day: int) -> int:
        """``day``, or :class:`CalendarRangeError` outside the tables."""
        if not 0 <= day < self.n:
            raise self._range(day)
        return day

    def is_working(self, day: int) -> int:
        """1 if ``day`` is a working day."""
        if not 0 <= day < self.n:
            raise self._range(day)
        return self.flags[day]

    def after(self, day: int, k: int) -> int:
        """The ``k``-th working day strictly after ``day``."""
        if not 0 <= day < self.n:
            raise self._range(day)
        j = self.cum[day + 1] + k - 1
        if j >= self.nwd:
            raise self._range(self.n)
        return self.wd[j]

    def working_between(self, a: int, b: int) -> int:
        """Working days in ``(a, b]``; minus those in ``[b, a)`` when ``b < a``."""
        self.check(a)
        self.check(b)
        cum = self.cum
        return cum[b + 1] - cum[a + 1] if b >= a else cum[b] - cum[a]

    def add_months(self, day: int, months: int) -> int:
        """The corresponding day ``months`` later (Civil Code 2015 Art. 148(3))."""
        base = self.core.base
        d = dt.date.fromordinal(day + base)
        total = d.year * 12 + d.month - 1 + months
        year, month = divmod(total, 12)
        month += 1
        if not 1 <= year <= 9999:
            raise self._range(self.n)
        last = _gregorian.monthrange(year, month)[1]
        return dt.date(year, month, min(d.day, last)).toordinal() - base


# --------------------------------------------------------------------------- #
# The rules
# --------------------------------------------------------------------------- #


def minutes_before(p: Params, tod: Any) -> Any:
    """Whole office minutes of a day elapsed by ``tod`` (seconds ignored)."""
    m = tod // US_PER_MINUTE
    total: Any = 0
    for start, end in p.sessions:
        # max(0, min(m, end) - start), written with arithmetic that arrays share
        upto = m - (m - end) * (m > end)
        span = upto - start
        total = total + span * (span > 0)
    return total


def time_after(p: Params, minutes: Any) -> Any:
    """The time of day (µs) when ``minutes`` office minutes have elapsed (``0 < m <= day``).

    A total ending exactly at a session's end gives that end (11:30, not 13:00).
    """
    (s1, e1), (s2, _e2) = p.sessions
    first = e1 - s1
    in_morning = minutes <= first
    minute = in_morning * (s1 + minutes) + (1 - in_morning) * (s2 + minutes - first)
    return minute * US_PER_MINUTE


def _per_day(p: Params) -> int:
    return p.sessions[0][1] - p.sessions[0][0] + p.sessions[1][1] - p.sessions[1][0]


def add_minutes(d: Driver, p: Params, day: Any, tod: Any, minutes: Any) -> tuple[Any, Any]:
    """The moment ``minutes`` office minutes (``>= 1``) after (``day``, ``tod``).

    Counting starts at the next opening when the moment is on a non-working day
    or after the day's office hours; a total ending exactly at closing is due
    at closing (not at the next opening).
    """
    per_day = _per_day(p)
    working = d.is_working(day)
    used = minutes_before(p, tod) * working
    skip = d.not_(working) | (used >= per_day)
    day = d.where(skip, d.after(day, 1), day)
    used = used * d.not_(skip)
    fits = minutes <= per_day - used
    rest = minutes - (per_day - used)
    full = rest // per_day
    part = rest - full * per_day
    exact = part == 0
    # the clamps keep the index arithmetic defined for rows the where() drops
    hop = d.where(fits, 1, d.where(exact, full, full + 1))
    hop = hop + (hop < 1) * (1 - hop)
    moved = d.after(day, hop)
    fit_minutes = used + minutes
    fit_minutes = fit_minutes + (fit_minutes < 1) * (1 - fit_minutes)
    part1 = part + (part < 1) * (1 - part)
    at_day = d.where(fits, day, d.where(exact & (full == 0), day, moved))
    at_tod = d.where(
        fits,
        time_after(p, fit_minutes),
        d.where(exact, p.closing, time_after(p, part1)),
    )
    return at_day, at_tod


def effective_start(d: Driver, p: Params, day: Any, tod: Any) -> tuple[Any, Any]:
    """When counting effectively starts for a receipt at (``day``, ``tod``).

    :attr:`OffHours.NEXT_OPENING`: a receipt on a non-working day or at/after
    closing counts from the next working day's opening; before opening, from
    opening. Then a cut-off (the limit's, else the policy's): a receipt on a
    working day after it counts from the next working day's opening.
    """
    working = d.is_working(day)
    nxt = d.after(day, 1)
    if p.next_opening:
        move = d.not_(working) | (tod >= p.closing)
        early = tod < p.opening
        start_day = d.where(move, nxt, day)
        start_tod = d.where(move | early, p.opening, tod)
        inside = d.not_(move | early)
    else:
        start_day, start_tod = day, tod
        inside = working == 1
    if p.cutoff >= 0:
        late = inside & (working == 1) & (tod > p.cutoff)
        start_day = d.where(late, nxt, start_day)
        start_tod = d.where(late, p.opening, start_tod)
    return start_day, start_tod


def _end(d: Driver, p: Params, last: Any) -> tuple[Any, Any]:
    if p.midnight:
        return last + 1, last * 0
    return last, last * 0 + p.closing


def due(
    d: Driver,
    p: Params,
    unit: str,
    amount: Any,
    start_day: Any,
    start_tod: Any,
    origin_day: Any,
    origin_tod: Any,
) -> tuple[Any, Any, Any]:
    """``(last_day, at_day, at_tod)`` for a limit of ``amount`` ``unit`` from the start.

    ``start_day``/``start_tod`` come from :func:`effective_start`;
    ``origin_day``/``origin_tod`` are the receipt moment itself (what was given
    to it).

    - working days: the receipt day is not counted (Civil Code 2015 Art.
      147(2)) unless the policy counts it; ends on the N-th working day. When
      the start was moved to a later day (off hours, a 15:00 cut-off), that
      day is day 1 (``shifted_day_one``, Decree 63/2024/NĐ-CP new Art. 7(2):
      "thời gian được tính bắt đầu từ ngày làm việc tiếp theo"), so the move
      never adds a day on top of the receipt day's exclusion;
    - calendar days and months: the corresponding day after the receipt day
      (``calendar_from_receipt``: Art. 147(2) excludes the receipt day
      whatever the hour), rolled to the next working day when it is a day off
      (Art. 148(1), (3), (5));
    - working hours: counted inside office hours (Art. 147(1)); half working
      days likewise, half a day's office minutes each;
    - clock hours: elapsed from the receipt moment (Art. 147(1);
      ``calendar_from_receipt``, else from the moved start); a last day that
      is a day off ends at the end of the next working day (``hours_roll``,
      Art. 148(5));
    - same day: the start day (a same-day receipt after closing, as received,
      is due the next working day: never before receipt).

    A period ends at the close of office hours, or at 24:00 of the last day
    with :attr:`EndOfDay.MIDNIGHT` (Art. 148(6)).
    """
    if unit == WORKING_HOURS:
        at_day, at_tod = add_minutes(d, p, start_day, start_tod, amount * 60)
        return at_day, at_day, at_tod
    if unit == HALF_WORKING_DAYS:  # issue 20
        at_day, at_tod = add_minutes(d, p, start_day, start_tod, amount * (_per_day(p) // 2))
        return at_day, at_day, at_tod
    if unit == HOURS:  # issue 20: elapsed clock time (no daylight saving in Vietnam)
        base_day = origin_day if p.calendar_from_receipt else start_day
        base_tod = origin_tod if p.calendar_from_receipt else start_tod
        total = base_tod + amount * US_PER_HOUR
        at_day = d.check(base_day + total // US_PER_DAY)
        at_tod = total % US_PER_DAY
        last = last_day_of(at_day, at_tod)
        if not p.hours_roll:
            return last, at_day, at_tod
        off = d.is_working(last) == 0
        rolled = d.where(off, d.after(last, 1), last)
        end_day, end_tod = _end(d, p, rolled)
        return rolled, d.where(off, end_day, at_day), d.where(off, end_tod, at_tod)
    if unit == WORKING_DAYS:
        if p.count_receipt_day:
            first = d.where(d.is_working(start_day) == 1, start_day, d.after(start_day, 1))
            k = amount - 1
            k1 = k + (k < 1) * (1 - k)
            last = d.where(k >= 1, d.after(first, k1), first)
        elif p.shifted_day_one:
            # a moved start is always the first working day after the receipt
            # day, so "day 1 = the moved start" is "the N-th working day after
            # the receipt day" (issue 20: the move and the exclusion no longer stack)
            last = d.after(origin_day, amount)
        else:
            last = d.after(start_day, amount)
    elif unit == SAME_DAY:
        working = d.is_working(start_day) == 1
        over = working & (start_tod >= p.closing)
        last = d.where(working & d.not_(over), start_day, d.after(start_day, 1))
    else:
        # issue 20: Civil Code Art. 147(2) counts a period in days or months
        # from the day after the receipt day, whatever the hour of receipt
        base = origin_day if p.calendar_from_receipt else start_day
        if unit == MONTHS:
            nominal = d.add_months(base, amount)
        else:
            nominal = base + (amount - 1 if p.count_receipt_day else amount)
        nominal = d.check(nominal)
        last = d.where(d.is_working(nominal) == 1, nominal, d.after(nominal, 1))
    at_day, at_tod = _end(d, p, last)
    return last, at_day, at_tod


def last_day_of(at_day: Any, at_tod: Any) -> Any:
    """The day a due moment belongs to: 00:00 ends the previous day."""
    return at_day - (at_tod == 0)


def paused_due(
    d: Driver,
    p: Params,
    unit: str,
    last: Any,
    at_day: Any,
    at_tod: Any,
    requested: tuple[Any, Any],
    arrived: tuple[Any, Any],
) -> tuple[Any, Any, Any]:
    """The due moment moved by the time spent waiting for a supplement (``PAUSE``).

    Working hours: by the office minutes between request and arrival; working
    days: by the working days between their dates; other units: by the
    calendar days between them, rolled to a working day.
    """
    (r_day, r_tod), (a_day, a_tod) = requested, arrived
    if unit == HOURS:  # issue 20: elapsed time between request and arrival
        gap = (a_day - r_day) * US_PER_DAY + (a_tod - r_tod)
        gap = gap * (gap > 0)
        # the gap is added to the due moment (after any Art. 148(5) roll of the
        # original period), and the roll applies again to the new last day
        total = at_tod + gap
        new_day = d.check(at_day + total // US_PER_DAY)
        new_tod = total % US_PER_DAY
        new_last = last_day_of(new_day, new_tod)
        if not p.hours_roll:
            return new_last, new_day, new_tod
        off = d.is_working(new_last) == 0
        rolled = d.where(off, d.after(new_last, 1), new_last)
        end_day, end_tod = _end(d, p, rolled)
        return rolled, d.where(off, end_day, new_day), d.where(off, end_tod, new_tod)
    if unit in (WORKING_HOURS, HALF_WORKING_DAYS):
        per_day = _per_day(p)
        r_work = d.is_working(r_day)
        a_work = d.is_working(a_day)
        r_used = minutes_before(p, r_tod) * r_work
        a_used = minutes_before(p, a_tod) * a_work
        same = a_day == r_day
        first = (per_day - r_used) * r_work
        gap = a_day - r_day
        middle = d.where(gap > 1, d.working_between(r_day, a_day - (gap > 1)), 0)
        middle = middle * (middle > 0)
        minutes = d.where(same, a_used - r_used, first + middle * per_day + a_used)
        later = (a_day > r_day) | ((a_day == r_day) & (a_tod > r_tod))
        minutes = minutes * (minutes > 0) * later
        new_day, new_tod = add_minutes(d, p, at_day, at_tod, minutes + (minutes < 1))
        zero = minutes == 0
        new_day = d.where(zero, at_day, new_day)
        new_tod = d.where(zero, at_tod, new_tod)
        return last_day_of(new_day, new_tod), new_day, new_tod
    if unit == WORKING_DAYS:
        days = d.working_between(r_day, a_day)
        new_last = d.where(days > 0, d.after(last, days + (days < 1) * (1 - days)), last)
    else:
        nominal = d.check(last + (a_day - r_day))
        new_last = d.where(d.is_working(nominal) == 1, nominal, d.after(nominal, 1))
    midnight = at_day != last
    return new_last, new_last + midnight, at_tod


def judge(
    finished_day: Any, finished_tod: Any, at_day: Any, at_tod: Any, last: Any, d: Driver
) -> Any:
    """Early (a day before the due day), on time (by the due moment) or late (after it)."""
    late = (finished_day > at_day) | ((finished_day == at_day) & (finished_tod > at_tod))
    early = finished_day < last
    return d.where(late, LATE, d.where(early, EARLY, ON_TIME))
