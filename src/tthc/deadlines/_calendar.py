"""The official working calendar of Vietnamese state agencies, precomputed for O(1) arithmetic."""

from __future__ import annotations

import datetime as dt
import functools
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress
from pathlib import Path
from typing import Any

import attrs

from tthc.deadlines._checks import check_overlay, count, day_records
from tthc.deadlines._checks import year as checked_year
from tthc.deadlines._core import CalendarCore, ScalarDriver
from tthc.deadlines._data import (
    Announcement,
    check_announcement,
    load_calendar_data,
    shipped_announcements,
)
from tthc.deadlines._days import WEEKLY_REST_CITATION, DayReason, DayRecord, DayStatus
from tthc.deadlines._statutory import project_year
from tthc.errors import CalendarRangeError, ValidationError
from tthc.limits import MAX_YEAR, MIN_YEAR
from tthc.rules import Rule, Rules

__all__ = ["MAX_YEAR", "MIN_YEAR", "WorkingCalendar", "official_calendar"]


_date = dt.date
_fromordinal = dt.date.fromordinal


def _as_date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValidationError.single(
        name, value, "a datetime.date (not a datetime: use .date() or due_date())"
    )


def _records(value: Any) -> tuple[DayRecord, ...]:
    return day_records(value, "extra_days")


def _check_year(instance: WorkingCalendar, attribute: attrs.Attribute[Any], value: Any) -> None:
    checked_year(value, attribute.name)


def _check_bool(instance: WorkingCalendar, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not bool:
        raise ValidationError.single(attribute.name, value, "True or False", what="WorkingCalendar")


@attrs.frozen
class WorkingCalendar:
    """Working days of a standard Monday–Friday state agency, with the reason for each.

    Build it with :func:`official_calendar`; extend it with
    :meth:`with_announcement`, :meth:`with_days` or :meth:`with_file`. It is
    immutable: those methods return a new calendar.

    How a day's status is decided, latest layer first:

    1. a single cited record added with :meth:`with_days`;
    2. the last announcement whose window holds the day: its records, and
       otherwise Monday–Friday worked, Saturday–Sunday off;
    3. outside every announcement, the statutory projection
       (:func:`~tthc.deadlines._statutory.project_year`): **provisional**;
    4. the weekly rule of Decision 188/1999/QĐ-TTg.

    Every query that depends on a provisional day emits
    :class:`~tthc.errors.ProvisionalCalendarWarning`; :meth:`explain` and the
    deadline results carry a ``provisional`` flag as well.

    The calendar covers ``first_year``-01-01 to ``last_year``-12-31 (2000–2035
    by default); a query outside raises :class:`~tthc.errors.CalendarRangeError`.
    Build a wider one with ``official_calendar(last_year=2060)``.

    Counting conventions (``n`` working days, dates ``a``, ``b``):

    - ``add_working_days(d, n)``: for ``n > 0`` the n-th working day strictly
      after ``d``; for ``n < 0`` the ``|n|``-th working day strictly before ``d``;
      for ``n == 0``, ``d`` itself (even if ``d`` is not a working day; use
      :meth:`roll_forward` to move onto one).
    - ``working_days_between(a, b)``: for ``b >= a`` the working days in
      ``(a, b]``; for ``b < a`` minus the working days in ``[b, a)``. Both
      exclude the start and include the end, so
      ``working_days_between(d, add_working_days(d, n)) == n`` for every ``d``
      and ``n``.

    >>> import datetime as dt
    >>> cal = official_calendar()
    >>> cal.is_working_day(dt.date(2026, 1, 10))   # make-up Saturday
    True
    >>> cal.add_working_days(dt.date(2025, 12, 31), 1)   # 1/1 holiday, 2/1 swapped
    datetime.date(2026, 1, 5)
    >>> cal.working_days_between(dt.date(2026, 2, 13), dt.date(2026, 2, 23))
    1
    >>> after = cal.announced_until + dt.timedelta(days=1)   # the horizon comes from the data
    >>> cal.is_provisional(cal.announced_until), cal.is_provisional(after)
    (False, True)
    """

    announcements: Rules[tuple[DayRecord, ...]] = attrs.field(
        factory=shipped_announcements, repr=False
    )
    extra_days: tuple[DayRecord, ...] = attrs.field(default=(), converter=_records, repr=False)
    culture_day: bool = attrs.field(default=True, kw_only=True, validator=_check_bool)
    culture_day_compensation: bool = attrs.field(default=False, kw_only=True, validator=_check_bool)
    first_year: int = attrs.field(default=2000, kw_only=True, validator=_check_year)
    last_year: int = attrs.field(default=2035, kw_only=True, validator=_check_year)

    _base: int = attrs.field(init=False, repr=False, eq=False, hash=False)
    _n: int = attrs.field(init=False, repr=False, eq=False, hash=False)
    _flags: bytearray = attrs.field(init=False, repr=False, eq=False, hash=False)
    _cum: array[int] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _wd: array[int] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _announced: bytearray = attrs.field(init=False, repr=False, eq=False, hash=False)
    _span: tuple[int, int] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _records: dict[int, DayRecord] = attrs.field(init=False, repr=False, eq=False, hash=False)
    # Fast-path bounds: day indexes and working-day indexes inside the announced span.
    _fast: tuple[int, int, int, int] = attrs.field(init=False, repr=False, eq=False, hash=False)
    # Working-day date objects, created on first use (saves date.fromordinal on hot paths).
    _dates: list[dt.date | None] = attrs.field(init=False, repr=False, eq=False, hash=False)
    # explain() results, computed on first use (DayStatus is immutable).
    _explained: list[DayStatus | None] = attrs.field(init=False, repr=False, eq=False, hash=False)
    # The tables as the clock core reads them, and the scalar driver over them.
    _core: CalendarCore = attrs.field(init=False, repr=False, eq=False, hash=False)
    _driver: ScalarDriver = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.last_year < self.first_year:
            raise ValidationError.single(
                "last_year", self.last_year, "a year on or after first_year", what="WorkingCalendar"
            )
        first = _date(self.first_year, 1, 1)
        base = first.toordinal()
        n = _date(self.last_year, 12, 31).toordinal() - base + 1
        weekday = first.weekday()
        week = bytes(1 if (weekday + i) % 7 < 5 else 0 for i in range(7))
        weekly = (week * (n // 7 + 1))[:n]
        flags = bytearray(weekly)
        announced = bytearray(n)
        records: dict[int, DayRecord] = {}

        def use(record: DayRecord) -> int | None:
            if record.switch == "culture_day" and not self.culture_day:
                return None
            i = record.day.toordinal() - base
            if not 0 <= i < n:
                return None
            flags[i] = record.working
            records[i] = record
            return i

        for year in range(self.first_year, self.last_year + 1):
            for record in project_year(
                year,
                culture_day=self.culture_day,
                culture_day_compensation=self.culture_day_compensation,
            ):
                use(record)
        for index, rule in enumerate(self.announcements):
            # refused with a path, not an assert (issue 14)
            valid_from, valid_until = check_announcement(rule, f"announcements[{index}]")
            lo = max(valid_from.toordinal() - base, 0)
            hi = min(valid_until.toordinal() - base, n - 1)
            if lo <= hi:
                # Inside the window the projection gives way to the weekly rule;
                # records an earlier document cited stay unless this one lists
                # the day (with_* methods warn when it does: issue 19).
                for i in [i for i in records if lo <= i <= hi and not announced[i]]:
                    del records[i]
                    flags[i] = weekly[i]
                announced[lo : hi + 1] = b"\x01" * (hi - lo + 1)
            for record in rule.value:
                at = use(record)
                if at is not None:
                    announced[at] = 1
        for record in self.extra_days:
            at = use(record)
            if at is not None:
                announced[at] = 1
        # The longest contiguous run of announced days (a lone cited record such
        # as 2014-12-27, or a user's isolated window, does not move it).
        span = (n, -1)
        start = announced.find(1)
        while start >= 0:
            end = announced.find(0, start)
            end = n if end < 0 else end
            if end - start >= span[1] - span[0] + 1:
                span = (start, end - 1)
            start = announced.find(1, end)
        setattr_ = object.__setattr__
        setattr_(self, "_base", base)
        setattr_(self, "_n", n)
        setattr_(self, "_flags", flags)
        cum = array("i", accumulate(flags, initial=0))
        wd = array("i", compress(range(base, base + n), flags))
        setattr_(self, "_cum", cum)
        setattr_(self, "_wd", wd)
        if span[0] <= span[1]:
            # i >= span0 - 1 and k <= kmax keep (d, add(d, n > 0)] announced;
            # i <= span1 + 1 and k >= kmin keep [add(d, n < 0), d) announced.
            fast = (span[0] - 1, span[1] + 1, cum[span[0]], cum[span[1] + 1] - 1)
        else:
            fast = (n + 1, -2, len(wd) + 1, -2)
        setattr_(self, "_fast", fast)
        setattr_(self, "_dates", [None] * len(wd))
        # DayStatus values are immutable: explain() computes each day once.
        setattr_(self, "_explained", [None] * n)
        setattr_(self, "_announced", announced)
        setattr_(self, "_span", span)
        setattr_(self, "_records", records)
        core = CalendarCore(
            base=base,
            n=n,
            flags=bytes(flags),
            cum=cum,
            wd=array("i", (o - base for o in wd)),
            unannounced=array("i", accumulate((1 - a for a in announced), initial=0)),
            announced_span=span,
        )
        setattr_(self, "_core", core)
        setattr_(self, "_driver", ScalarDriver(core))

    # -- range and announcements -------------------------------------------------

    @property
    def first_day(self) -> dt.date:
        """The first day the calendar answers for."""
        return _fromordinal(self._base)

    @property
    def last_day(self) -> dt.date:
        """The last day the calendar answers for."""
        return _fromordinal(self._base + self._n - 1)

    @property
    def announced_from(self) -> dt.date:
        """The first day of the announced span (2015-01-01 for the shipped data)."""
        return _fromordinal(self._base + self._span[0])

    @property
    def announced_until(self) -> dt.date:
        """The last day of the contiguous announced span; later days are provisional."""
        return _fromordinal(self._base + self._span[1])

    @property
    def core(self) -> CalendarCore:
        """The calendar's tables as the clock core and :mod:`tthc.batch` read them.

        An internal, documented object (see :mod:`tthc.deadlines._core`): day
        indexes, working-day prefix sums and the announced span.
        """
        return self._core

    def _range_error(self, name: str, value: dt.date) -> CalendarRangeError:
        return CalendarRangeError(name, value, self.first_day, self.last_day)

    def _index(self, day: dt.date, name: str) -> int:
        if type(day) is not _date:
            day = _as_date(day, name)
        i = day.toordinal() - self._base
        if not 0 <= i < self._n:
            raise self._range_error(name, day)
        return i

    def _provisional(self, lo: int, hi: int) -> bool:
        """Whether any day with index in ``[lo, hi]`` is not announced."""
        span = self._span
        if span[0] <= lo and hi <= span[1]:
            return False
        return 0 in self._announced[max(lo, 0) : hi + 1]

    def _warn(self, lo: int, hi: int, what: str, stacklevel: int = 3) -> None:
        first = _fromordinal(self._base + lo)
        last = _fromordinal(self._base + hi)
        where = first.isoformat() if lo == hi else f"{first.isoformat()}..{last.isoformat()}"
        from tthc.deadlines._provisional import warn_provisional

        warn_provisional(
            self,
            f"{what} depends on {where}, outside the announced calendar "
            f"({self.announced_from.isoformat()}..{self.announced_until.isoformat()})",
            stacklevel=stacklevel,
        )

    def is_provisional(self, day: dt.date) -> bool:
        """Whether ``day``'s status is projected rather than announced (no warning)."""
        return not self._announced[self._index(day, "day")]

    def span_is_provisional(self, start: dt.date, end: dt.date) -> bool:
        """Whether any day in ``[start, end]`` is projected rather than announced."""
        lo = self._index(start, "start")
        hi = self._index(end, "end")
        return self._provisional(min(lo, hi), max(lo, hi))

    # Quiet cores (no provisional warning), for callers that warn once per answer.

    def _is_working(self, d: dt.date) -> bool:
        return self._flags[self._index(d, "d")] == 1

    def _add(self, d: dt.date, n: int) -> dt.date:
        i = self._index(d, "d")
        if type(n) is not int:
            n = count(n, "n")
        if n > 0:
            k = self._cum[i + 1] + n - 1
            if k >= len(self._wd):
                raise self._range_error("result", self.last_day + dt.timedelta(days=1))
        elif n < 0:
            k = self._cum[i] + n
            if k < 0:
                raise self._range_error("result", self.first_day - dt.timedelta(days=1))
        else:
            return d
        return _fromordinal(self._wd[k])

    def _roll(self, d: dt.date) -> dt.date:
        return d if self._is_working(d) else self._add(d, 1)

    def _iter(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        lo = self._index(start, "start")
        hi = self._index(end, "end")
        if lo > hi:
            return iter(())
        return map(_fromordinal, self._wd[self._cum[lo] : self._cum[hi + 1]])

    # -- queries -------------------------------------------------------------------

    def is_working_day(self, d: dt.date) -> bool:
        """Whether ``d`` is a working day; warns if the answer is provisional.

        >>> import datetime as dt
        >>> official_calendar().is_working_day(dt.date(2026, 1, 2))   # swapped day off
        False
        """
        if type(d) is not _date:
            d = _as_date(d, "d")
        i = d.toordinal() - self._base
        if not 0 <= i < self._n:
            raise self._range_error("d", d)
        span = self._span
        if not span[0] <= i <= span[1] and not self._announced[i]:
            self._warn(i, i, "is_working_day")
        return self._flags[i] == 1

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after ``d`` (before it if ``n < 0``; ``d`` if 0).

        >>> import datetime as dt
        >>> official_calendar().add_working_days(dt.date(2026, 2, 13), 1)   # Tết
        datetime.date(2026, 2, 23)
        >>> official_calendar().add_working_days(dt.date(2026, 2, 23), -1)
        datetime.date(2026, 2, 13)
        """
        if type(d) is not _date:
            d = _as_date(d, "d")
        i = d.toordinal() - self._base
        if not 0 <= i < self._n:
            raise self._range_error("d", d)
        if type(n) is not int:
            n = count(n, "n")
        first_i, last_i, kmin, kmax = self._fast
        if n > 0:
            k = self._cum[i + 1] + n - 1
            if i < first_i or k > kmax:
                self._slow_add_check(i, k, forward=True)
        elif n < 0:
            k = self._cum[i] + n
            if i > last_i or k < kmin:
                self._slow_add_check(i, k, forward=False)
        else:
            return d
        dates = self._dates
        found = dates[k] if 0 <= k < len(dates) else None
        if found is None:
            found = dates[k] = _fromordinal(self._wd[k])
        return found

    def _slow_add_check(self, i: int, k: int, *, forward: bool) -> None:
        if k >= len(self._wd):
            raise self._range_error("result", self.last_day + dt.timedelta(days=1))
        if k < 0:
            raise self._range_error("result", self.first_day - dt.timedelta(days=1))
        j = self._wd[k] - self._base
        lo, hi = (i + 1, j) if forward else (j, i - 1)
        if self._provisional(lo, hi):
            self._warn(lo, hi, "add_working_days", stacklevel=4)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in ``(a, b]``; if ``b < a``, minus the working days in ``[b, a)``.

        >>> import datetime as dt
        >>> official_calendar().working_days_between(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
        21
        """
        if type(a) is not _date:
            a = _as_date(a, "a")
        if type(b) is not _date:
            b = _as_date(b, "b")
        base = self._base
        i = a.toordinal() - base
        j = b.toordinal() - base
        n = self._n
        if not 0 <= i < n:
            raise self._range_error("a", a)
        if not 0 <= j < n:
            raise self._range_error("b", b)
        cum = self._cum
        if j >= i:
            lo, hi = i + 1, j
            result = cum[j + 1] - cum[i + 1]
        else:
            lo, hi = j, i - 1
            result = cum[j] - cum[i]
        span = self._span
        if (lo < span[0] or hi > span[1]) and lo <= hi and self._provisional(lo, hi):
            self._warn(lo, hi, "working_days_between")
        return result

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: dt.date) -> dt.date:
        """The last working day strictly before ``d``."""
        return self.add_working_days(d, -1)

    def roll_forward(self, d: dt.date) -> dt.date:
        """``d`` if it is a working day, else the next working day."""
        i = self._index(d, "d")
        if self._flags[i]:
            if not self._announced[i]:
                self._warn(i, i, "roll_forward")
            return d
        return self.add_working_days(d, 1)

    def working_days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """The working days in ``[start, end]``, in order (both ends included).

        >>> import datetime as dt
        >>> [d.day for d in official_calendar().working_days(dt.date(2026, 1, 1),
        ...                                                  dt.date(2026, 1, 11))]
        [5, 6, 7, 8, 9, 10]
        """
        lo = self._index(start, "start")
        hi = self._index(end, "end")
        if lo <= hi and self._provisional(lo, hi):
            self._warn(lo, hi, "working_days")
        cum = self._cum
        wd = self._wd
        return (_fromordinal(o) for o in wd[cum[lo] : cum[hi + 1]]) if lo <= hi else iter(())

    def explain(self, d: dt.date) -> DayStatus:
        """Why ``d`` is or is not a working day, with the citation (no warning).

        >>> import datetime as dt
        >>> s = official_calendar().explain(dt.date(2026, 8, 22))
        >>> s.working, s.reason.value
        (True, 'make_up_working_day')
        >>> s.citation
        'Thông báo 9441/TB-BNV (16/10/2025), following Công văn 9859/VPCP-KGVX (13/10/2025)'
        >>> print(s)
        2026-08-22 working day: Make-up working day for Mon 31/08/2026 [Thông báo 9441/TB-BNV ...]
        """
        i = self._index(d, "d")
        cached = self._explained[i]
        if cached is None:
            cached = self._explained[i] = self._explain(d, i)
        return cached

    def _explain(self, d: dt.date, i: int) -> DayStatus:
        provisional = not self._announced[i]
        record = self._records.get(i)
        if record is not None:
            return DayStatus(
                d,
                record.working,
                record.reason,
                record.name_vi,
                record.name_en,
                record.citation,
                provisional=provisional,
            )
        if d.weekday() < 5:
            return DayStatus(
                d,
                True,
                DayReason.ORDINARY_WEEKDAY,
                "Ngày làm việc (thứ Hai–thứ Sáu)",
                "Working day (Monday–Friday)",
                WEEKLY_REST_CITATION,
                provisional=provisional,
            )
        return DayStatus(
            d,
            False,
            DayReason.WEEKLY_REST,
            "Nghỉ hằng tuần (thứ Bảy, Chủ nhật)",
            "Weekly rest (Saturday, Sunday)",
            WEEKLY_REST_CITATION,
            provisional=provisional,
        )

    # -- extending -------------------------------------------------------------------

    def with_announcement(
        self,
        days: Iterable[DayRecord],
        *,
        valid_from: dt.date,
        valid_until: dt.date,
        citation: str,
        removes_statutory_holidays: bool = False,
    ) -> WorkingCalendar:
        """A new calendar with an announced window (e.g. next year) and its records.

        Inside ``[valid_from, valid_until]`` the days are no longer provisional:
        each listed record applies, a day an earlier document cited (a shipped
        holiday, swap or make-up Saturday) keeps its record unless this window
        lists it, and every other weekday is worked and every other weekend
        day is off. So list *every* weekday off of a year not announced yet,
        statutory ones too: the projection does not survive inside the window.

        Every record must lie inside the window (a record outside it is
        refused: a window cannot make a day outside it "announced"). A listed
        record that changes a day an earlier document cited emits
        :class:`~tthc.errors.CalendarOverrideWarning` naming each such day. An
        overlay that makes a statutory holiday a working day
        (:func:`~tthc.deadlines._statutory.statutory_holidays`: 1/1, lunar New
        Year's Day, Hùng Kings' Day, 30/4, 1/5, 2/9, 24/11), or leaves fewer
        weekdays off around Tết or 2/9 than the statute's days
        (:func:`~tthc.deadlines._statutory.statutory_periods`), raises
        :class:`~tthc.errors.ValidationError` naming each one, unless
        ``removes_statutory_holidays=True`` says it is meant (it then warns).

        >>> import datetime as dt
        >>> from tthc.deadlines import DayKind, DayReason, DayRecord
        >>> cal = official_calendar().with_announcement(
        ...     [DayRecord(dt.date(2027, 1, 1), DayKind.DAY_OFF, DayReason.HOLIDAY,
        ...                name_vi="Tết Dương lịch", name_en="New Year's Day",
        ...                citation="Labour Code 2019 Art. 112(1)(a)")],
        ...     valid_from=dt.date(2027, 1, 1), valid_until=dt.date(2027, 1, 31),
        ...     citation="Thông báo …/TB-BNV (example)")
        >>> cal.announced_until, cal.is_working_day(dt.date(2027, 1, 1))
        (datetime.date(2027, 1, 31), False)
        """
        records = day_records(days, "days")
        window = []
        for name, value in (("valid_from", valid_from), ("valid_until", valid_until)):
            if type(value) is not dt.date:
                raise ValidationError.single(
                    name,
                    value,
                    "a datetime.date: an announcement covers a closed window of whole days "
                    "(not a datetime; use with_days for single records)",
                    what="calendar announcement",
                )
            window.append(value)
        if window[1] < window[0]:
            raise ValidationError.single(
                "valid_until",
                valid_until,
                "a date on or after valid_from",
                what="calendar announcement",
            )
        rule: Announcement = Rule(
            records, valid_from=valid_from, valid_until=valid_until, citation=citation
        )
        check_announcement(rule, "$")
        new = attrs.evolve(self, announcements=self.announcements.adding([rule]))
        return self._overlaid(new, removes_statutory_holidays)

    def with_days(
        self, *days: DayRecord, removes_statutory_holidays: bool = False
    ) -> WorkingCalendar:
        """A new calendar where these cited records win over everything else.

        The same checks as :meth:`with_announcement`: a record that changes a
        day an earlier document cited warns, one that makes a statutory
        holiday a working day is refused unless ``removes_statutory_holidays``.
        """
        records = day_records(days, "days")
        new = attrs.evolve(self, extra_days=(*self.extra_days, *records))
        return self._overlaid(new, removes_statutory_holidays)

    def with_file(
        self, path: str | Path, *, removes_statutory_holidays: bool = False
    ) -> WorkingCalendar:
        """A new calendar with the announcements and days of a JSON or TOML file.

        The file is read strictly (:func:`~tthc.deadlines.load_calendar_data`)
        and its content checked as :meth:`with_announcement` checks one window.
        """
        announcements, days = load_calendar_data(path)
        new = attrs.evolve(
            self,
            announcements=self.announcements.adding(announcements),
            extra_days=(*self.extra_days, *days),
        )
        return self._overlaid(new, removes_statutory_holidays, source=str(path))

    def _overlaid(
        self, new: WorkingCalendar, removes: Any, *, source: str | None = None
    ) -> WorkingCalendar:
        check_overlay(self, new, removes, source=source, stacklevel=4)
        return new

    def days_off(self, year: int) -> tuple[DayStatus, ...]:
        """The days off of ``year`` except the weekly rest, each cited (holidays, Tết, swaps).

        >>> [s.day.isoformat() for s in official_calendar().days_off(2026)][:2]
        ['2026-01-01', '2026-01-02']
        """
        from tthc._calendar_views import days_off

        return days_off(self, checked_year(year))

    def working_days_by_month(self, year: int) -> tuple[int, ...]:
        """The number of working days in each month of ``year``."""
        from tthc._calendar_views import working_days_by_month

        return working_days_by_month(self, checked_year(year))

    def view(self, year: int, month: int | None = None) -> CalendarView:
        """A year (or one month) as a grid for people; renders as a table in notebooks."""
        from tthc._calendar_views import view

        if month is not None and (type(month) is not int or not 1 <= month <= 12):
            raise ValidationError.single("month", month, "None or a month from 1 to 12 (an int)")
        return view(self, checked_year(year), month)


def official_calendar(
    *,
    culture_day: bool = True,
    culture_day_compensation: bool = False,
    first_year: int = 2000,
    last_year: int = 2035,
) -> WorkingCalendar:
    """The official calendar of a Monday–Friday state agency (built once, cached).

    - ``culture_day`` (default ``True``): 24/11 is a day off from 2026, under
      Nghị quyết 28/2026/QH16 Art. 2 (in force 01/07/2026), applied to 2026 by
      Công văn 10065/VPCP-KGVX (02/10/2026): one day, no swap. Pass ``False``
      to reproduce the calendar as published before that resolution.
    - ``culture_day_compensation`` (default ``False``): whether a 24/11 on a
      weekend gives a compensatory day. The resolution does not amend Labour
      Code 2019 Art. 112(1), and Art. 111(3) compensates only the holidays of
      Art. 112(1), so the default is no; unconfirmed, first relevant in 2029.
    - ``first_year``, ``last_year``: the range covered (2000–2035 by default).

    Each option is checked before the cache is asked (``culture_day="no"``
    or ``last_year=2035.0`` raise :class:`~tthc.errors.ValidationError`).

    >>> official_calendar() is official_calendar()
    True
    """
    for name, flag in (
        ("culture_day", culture_day),
        ("culture_day_compensation", culture_day_compensation),
    ):
        if type(flag) is not bool:
            raise ValidationError.single(name, flag, "True or False", what="official_calendar")
    return _official(
        culture_day,
        culture_day_compensation,
        checked_year(first_year, "first_year"),
        checked_year(last_year, "last_year"),
    )


@functools.cache
def _official(
    culture_day: bool, culture_day_compensation: bool, first_year: int, last_year: int
) -> WorkingCalendar:
    return WorkingCalendar(
        culture_day=culture_day,
        culture_day_compensation=culture_day_compensation,
        first_year=first_year,
        last_year=last_year,
    )


if __import__("typing").TYPE_CHECKING:  # issue 13: the year view's type, without an import cycle
    from tthc._calendar_views import CalendarView
