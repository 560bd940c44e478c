"""The columnar engine: the clock core of :mod:`tthc.deadlines._core` driven over numpy arrays."""

from __future__ import annotations

import datetime as dt
import warnings
import weakref
from typing import Any

import attrs

from tthc.batch._columns import numpy
from tthc.deadlines import _core as core
from tthc.deadlines._calendar import WorkingCalendar
from tthc.deadlines._due import params_for
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import CLOCK_POLICIES, ClockPolicy, SupplementClock
from tthc.errors import ProvisionalCalendarWarning
from tthc.model import TimeUnit

__all__ = ["NumpyDriver", "Rows", "compute_due", "tables_of"]

#: Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975; the
#: calendars tthc builds start in 2000.
OFFSET_US = 7 * 3_600_000_000
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()

_TABLES: dict[int, Any] = {}


@attrs.frozen
class Tables:
    """numpy views of a calendar's :class:`~tthc.deadlines._core.CalendarCore` tables."""

    base: int
    n: int
    flags: Any
    cum: Any
    wd: Any
    unannounced: Any


def tables_of(cal: WorkingCalendar) -> Tables:
    """The calendar's tables as read-only int64 arrays (built once per calendar)."""
    key = id(cal)
    found: Tables | None = _TABLES.get(key)
    if found is None:
        np = numpy()
        c = cal.core

        def frozen(values: Any, dtype: Any) -> Any:
            array = np.asarray(values, dtype=dtype)
            array.setflags(write=False)
            return array

        found = Tables(
            base=c.base,
            n=c.n,
            flags=frozen(np.frombuffer(c.flags, dtype=np.uint8), np.int64),
            cum=frozen(np.frombuffer(c.cum, dtype=np.int32), np.int64),
            wd=frozen(np.frombuffer(c.wd, dtype=np.int32), np.int64),
            unannounced=frozen(np.frombuffer(c.unannounced, dtype=np.int32), np.int64),
        )
        _TABLES[key] = found
        weakref.finalize(cal, _TABLES.pop, key, None)
    return found


class NumpyDriver:
    """The clock core over arrays; rows whose answer leaves the calendar are marked."""

    def __init__(self, t: Tables, size: int) -> None:
        self.np = numpy()
        self.t = t
        self.nwd = len(t.wd)
        self.outside = self.np.zeros(size, dtype=bool)

    def where(self, condition: Any, a: Any, b: Any) -> Any:
        """``numpy.where``."""
        return self.np.where(condition, a, b)

    def not_(self, condition: Any) -> Any:
        """``numpy.logical_not``."""
        return self.np.logical_not(condition)

    def check(self, day: Any) -> Any:
        """``day`` clipped into the tables; rows outside are marked."""
        np = self.np
        self.outside |= (day < 0) | (day >= self.t.n)
        return np.clip(day, 0, self.t.n - 1)

    def is_working(self, day: Any) -> Any:
        """1 where ``day`` is a working day."""
        return self.t.flags[self.check(day)]

    def after(self, day: Any, k: Any) -> Any:
        """The ``k``-th working day strictly after ``day``."""
        j = self.t.cum[self.check(day) + 1] + k - 1
        self.outside |= (j < 0) | (j >= self.nwd)
        return self.t.wd[self.np.clip(j, 0, self.nwd - 1)]

    def working_between(self, a: Any, b: Any) -> Any:
        """Working days in ``(a, b]``; minus those in ``[b, a)`` when ``b < a``."""
        cum = self.t.cum
        a = self.check(a)
        b = self.check(b)
        return self.np.where(b >= a, cum[b + 1] - cum[a + 1], cum[b] - cum[a])

    def add_months(self, day: Any, months: Any) -> Any:
        """Civil Code 2015 Art. 148(3), over arrays (datetime64 month arithmetic)."""
        np = self.np
        offset = self.t.base - _EPOCH_ORDINAL
        months = np.clip(months, -120_000, 120_000)
        dates = (day + offset).astype("datetime64[D]")
        month = dates.astype("datetime64[M]")
        day_of_month = (dates - month.astype("datetime64[D]")).astype(np.int64)
        target = month + months.astype("timedelta64[M]")
        length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
            np.int64
        )
        result = target.astype("datetime64[D]") + np.minimum(day_of_month, length - 1)
        return result.astype(np.int64) - offset


@attrs.define
class Rows:
    """Moments of a batch split into day indexes (Vietnamese days) and times of day (µs)."""

    day: Any
    tod: Any
    outside: Any  # rows whose day is outside the calendar


def split(t: Tables, us: Any) -> Rows:
    """Day index and time of day of UTC microsecond moments, in Vietnamese time."""
    np = numpy()
    local = us + OFFSET_US
    days = np.floor_divide(local, core.US_PER_DAY)
    tod = local - days * core.US_PER_DAY
    day = days + (_EPOCH_ORDINAL - t.base)
    outside = (day < 0) | (day >= t.n)
    return Rows(np.where(outside, 0, day), tod, outside)


def to_us(t: Tables, day: Any, tod: Any) -> Any:
    """UTC microseconds of (day index, time of day)."""
    return (day + (t.base - _EPOCH_ORDINAL)) * core.US_PER_DAY + tod - OFFSET_US


def policy_index(t: Tables, day: Any, rules: Any) -> tuple[Any, list[ClockPolicy]]:
    """Per row, the index of the clock policy in force on its receipt day (-1: none)."""
    np = numpy()
    ordinal = day + t.base
    index = np.full(day.shape, -1, dtype=np.int64)
    policies: list[ClockPolicy] = []
    count = np.zeros(day.shape, dtype=np.int64)
    for k, rule in enumerate(rules):
        mask = np.ones(day.shape, dtype=bool)
        if rule.valid_from is not None:
            mask &= ordinal >= rule.valid_from.toordinal()
        if rule.valid_until is not None:
            mask &= ordinal <= rule.valid_until.toordinal()
        index[mask] = k
        count += mask
        policies.append(rule.value)
    index[count != 1] = -1  # none, or several in force: no answer for the row
    return index, policies


@attrs.define
class DueColumns:
    """Due moments of a batch (day indexes and times of day), with per-row flags."""

    last: Any
    at_day: Any
    at_tod: Any
    outside: Any


def groups(*codes: Any) -> list[tuple[tuple[int, ...], Any]]:
    """Row indexes per distinct combination of small non-negative integer code columns.

    The combinations are few (clock policies × units × cut-offs), so each is
    found with one comparison pass; no sort over the rows.
    """
    np = numpy()
    if not codes or codes[0].size == 0:
        return []
    key = np.zeros(codes[0].shape, dtype=np.int64)
    widths = [int(c.max()) + 1 for c in codes]
    radix = 1
    for c, width in zip(codes, widths, strict=True):
        key += c.astype(np.int64) * radix
        radix *= width
    present = np.flatnonzero(np.bincount(key, minlength=radix))
    if present.size == 1:
        found = [(int(present[0]), np.arange(key.size))]
    else:
        found = [(int(k), np.flatnonzero(key == k)) for k in present]
    out: list[tuple[tuple[int, ...], Any]] = []
    for k, rows in found:
        parts = []
        for width in widths:
            parts.append(k % width)
            k //= width
        out.append((tuple(parts), rows))
    return out


def compute_due(
    t: Tables,
    day: Any,
    tod: Any,
    amount: Any,
    unit_code: Any,
    units: list[TimeUnit],
    cut_code: Any,
    cutoffs: list[dt.time | None],
    policy_code: Any,
    policies: list[ClockPolicy],
    hours: OfficeHours,
    valid: Any,
) -> DueColumns:
    """Effective start and due moment of every valid row, one core call per rule group."""
    np = numpy()
    size = day.shape[0]
    last = np.zeros(size, dtype=np.int64)
    at_day = np.zeros(size, dtype=np.int64)
    at_tod = np.zeros(size, dtype=np.int64)
    outside = np.zeros(size, dtype=bool)
    rows = np.flatnonzero(valid)
    if rows.size:
        for (pk, uk, ck), members in groups(policy_code[rows], unit_code[rows], cut_code[rows]):
            idx = rows[members]
            p = params_for(policies[pk], hours, cutoffs[ck])
            d = NumpyDriver(t, idx.size)
            s_day, s_tod = core.effective_start(d, p, day[idx], tod[idx])
            # issue 20: the receipt moment itself is the core's origin (day, time)
            lst, a_day, a_tod = core.due(
                d, p, units[uk].value, amount[idx], s_day, s_tod, day[idx], tod[idx]
            )
            last[idx], at_day[idx], at_tod[idx] = lst, a_day, a_tod
            outside[idx] = d.outside
    return DueColumns(last, at_day, at_tod, outside)


def provisional(t: Tables, lo: Any, last: Any) -> Any:
    """Whether any day in ``[lo, last]`` is not announced."""
    np = numpy()
    n = t.n
    lo = np.clip(lo, 0, n - 1)
    hi = np.clip(last, 0, n - 1)
    return (t.unannounced[hi + 1] - t.unannounced[lo]) > 0


def warn_provisional(count: int, cal: WorkingCalendar, what: str, stacklevel: int = 3) -> None:
    """One :class:`ProvisionalCalendarWarning` for the whole call, with the row count."""
    if count:
        warnings.warn(
            f"{what}: {count:,} row(s) depend on days outside the announced calendar "
            f"({cal.announced_from.isoformat()}..{cal.announced_until.isoformat()}); "
            "see the provisional column",
            ProvisionalCalendarWarning,
            stacklevel=stacklevel,
        )


def restarts(policy: ClockPolicy, unit: TimeUnit) -> bool:
    """Whether a supplement restarts the count (else it pauses it)."""
    return policy.supplement is SupplementClock.RESTART or unit is TimeUnit.SAME_DAY


def default_rules() -> Any:
    """The clock policies by receipt date (:data:`tthc.deadlines.CLOCK_POLICIES`)."""
    return CLOCK_POLICIES
