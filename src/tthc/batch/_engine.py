"""The columnar engine: the clock core of :mod:`tthc.deadlines._core` driven over numpy arrays."""

from __future__ import annotations

import datetime as dt
import inspect
import warnings
import weakref
from typing import Any

import attrs

from tthc.batch._columns import group_index, numpy
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


@attrs.frozen(eq=False)
class Tables:
    """numpy views of a calendar's :class:`~tthc.deadlines._core.CalendarCore` tables."""

    base: int
    n: int
    flags: Any
    cum: Any
    wd: Any
    unannounced: Any
    span: tuple[int, int] = (0, -1)
    policies: dict[int, Any] = attrs.field(factory=dict, eq=False)
    kernels: dict[Any, Any] = attrs.field(factory=dict, eq=False)


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
            span=c.announced_span,
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

    def _inside(self, values: Any, size: int) -> Any:
        """``values`` clipped into ``[0, size)``, rows outside marked; one range check first."""
        if values.size == 0 or (int(values.min()) >= 0 and int(values.max()) < size):
            return values  # the usual case: no row outside, nothing to clip
        self.outside |= (values < 0) | (values >= size)
        return self.np.clip(values, 0, size - 1)

    def check(self, day: Any) -> Any:
        """``day`` clipped into the tables; rows outside are marked."""
        return self._inside(day, self.t.n)

    def is_working(self, day: Any) -> Any:
        """1 where ``day`` is a working day."""
        return self.t.flags[self.check(day)]

    def after(self, day: Any, k: Any) -> Any:
        """The ``k``-th working day strictly after ``day``."""
        j = self.t.cum[self.check(day) + 1] + k - 1
        return self.t.wd[self._inside(j, self.nwd)]

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
    span: tuple[int, int] | None = None  # (min, max) day when every row is inside


def split(t: Tables, us: Any) -> Rows:
    """Day index and time of day of UTC microsecond moments, in Vietnamese time.

    The range is checked once (min/max); the per-row ``outside`` mask is
    only built when some row is outside.
    """
    np = numpy()
    # floor division by a constant is fast in numpy (divmod is not)
    tod = us + OFFSET_US
    days = tod // core.US_PER_DAY
    tod -= days * core.US_PER_DAY  # in place: one full-size temporary fewer
    days -= t.base - _EPOCH_ORDINAL
    if days.size == 0:
        return Rows(days, tod, np.zeros(days.shape, dtype=bool))
    low, high = int(days.min()), int(days.max())
    if low >= 0 and high < t.n:
        return Rows(days, tod, np.zeros(days.shape, dtype=bool), (low, high))
    outside = (days < 0) | (days >= t.n)
    return Rows(np.where(outside, 0, days), tod, outside)


def to_us(t: Tables, day: Any, tod: Any) -> Any:
    """UTC microseconds of (day index, time of day)."""
    return (day + (t.base - _EPOCH_ORDINAL)) * core.US_PER_DAY + tod - OFFSET_US


def policy_table(t: Tables, rules: Any) -> tuple[Any, list[ClockPolicy]]:
    """Per calendar day, the index of the clock policy in force (-1: none or several).

    Built once per (calendar, rules) and cached: a row's policy is one gather
    from this table, not one comparison pass per rule.
    """
    key = id(rules)
    found = t.policies.get(key)
    if found is not None and found[0] is rules:
        return found[1], found[2]
    np = numpy()
    ordinal = np.arange(t.n, dtype=np.int64) + t.base
    index = np.full(t.n, -1, dtype=np.int8)
    count = np.zeros(t.n, dtype=np.int64)
    policies: list[ClockPolicy] = []
    for k, rule in enumerate(rules):
        mask = np.ones(t.n, dtype=bool)
        if rule.valid_from is not None:
            mask &= ordinal >= rule.valid_from.toordinal()
        if rule.valid_until is not None:
            mask &= ordinal <= rule.valid_until.toordinal()
        index[mask] = k
        count += mask
        policies.append(rule.value)
    index[count != 1] = -1  # none, or several in force: no answer for the row
    index.setflags(write=False)
    if len(t.policies) > 64:  # rules built per call: keep the cache bounded
        t.policies.clear()
    t.policies[key] = (rules, index, policies)
    return index, policies


def policy_index(t: Tables, day: Any, rules: Any) -> tuple[Any, list[ClockPolicy]]:
    """Per row, the index of the clock policy in force on its receipt day (-1: none)."""
    table, policies = policy_table(t, rules)
    return table[day].astype(numpy().int64), policies


def span_of(day: Any, live: Any | None) -> tuple[int, int] | None:
    """``(min, max)`` of ``day`` over the ``live`` rows (all rows when ``None``); None if none."""
    np = numpy()
    if day.size == 0:
        return None
    if live is None:
        return int(day.min()), int(day.max())
    if not live.any():
        return None
    big = np.iinfo(np.int64).max
    return int(np.min(day, where=live, initial=big)), int(np.max(day, where=live, initial=-big))


@attrs.define
class DueColumns:
    """Due moments of a batch: last day index, the due moment (µs UTC), rows left outside."""

    t: Tables
    last: Any
    at_us: Any
    outside: Any
    _split: Rows | None = None
    index: Any = None  # the fast path's positions in the working-day list
    kernel: Any = None
    latest: int | None = None  # the latest due day, when the fast path knows it

    def _parts(self) -> Rows:
        if self._split is None:
            self._split = split(self.t, self.at_us)
        return self._split

    @property
    def at_day(self) -> Any:
        """Day index of the due moment."""
        return self._parts().day

    @property
    def at_tod(self) -> Any:
        """Time of day (µs) of the due moment."""
        return self._parts().tod


def groups(*codes: Any) -> list[tuple[tuple[int, ...], Any]]:
    """Row indexes per distinct combination of small non-negative integer code columns.

    The combinations are few (counting parameters × units), so each is found
    with one comparison pass; no sort over the rows.
    """
    np = numpy()
    if not codes or codes[0].size == 0:
        return []
    widths = [int(c.max()) + 1 for c in codes]
    key = group_index(list(codes), widths)
    radix = 1
    for width in widths:
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


def counting_groups(
    policies: list[ClockPolicy], hours: OfficeHours, cutoffs: list[dt.time | None]
) -> tuple[Any, list[core.Params]]:
    """``(code[policy, cutoff], params)``: one code per distinct set of counting parameters.

    Two clock policies that count identically (the same :class:`core.Params`
    for these office hours and cut-off: whatever switches the policy has, the
    core reads them only through ``Params``) get the same code, so their rows
    share one pass. The last row of the table (policy ``-1``) has code 0 and
    is never used for a valid row.
    """
    np = numpy()
    params: list[core.Params] = []
    codes = np.zeros((len(policies) + 1, len(cutoffs)), dtype=np.int64)
    for pk, policy in enumerate(policies):
        for ck, cutoff in enumerate(cutoffs):
            p = params_for(policy, hours, cutoff)
            if p not in params:
                params.append(p)
            codes[pk, ck] = params.index(p)
    return codes, params


def compute_due(
    t: Tables,
    day: Any,
    tod: Any,
    amount: Any,
    unit_code: Any,
    units: list[TimeUnit],
    cut_code: Any,
    cutoffs: list[dt.time | None],
    policy: Any,
    policies: list[ClockPolicy],
    hours: OfficeHours,
    valid: Any,
    *,
    all_valid: bool = False,
) -> DueColumns:
    """The due moment of every valid row, one pass per (counting parameters, unit).

    ``policy`` is a per-row policy code column, or an ``int`` when every row
    has that policy. When every row shares one pass (the usual case: the
    policies in force count identically, one unit, one cut-off), the rows are
    computed in place without gathering them; a working-day limit is then one
    gather from the cumulative index (:func:`tthc.batch._kernel.working_days`).
    """
    np = numpy()
    size = day.shape[0]
    table, params = counting_groups(policies, hours, cutoffs)
    single_unit = len(units) == 1
    single_cut = len(cutoffs) == 1
    if isinstance(policy, int) and single_unit and single_cut:
        p = params[table[policy, 0]]
        return _one_pass(t, p, units[0], day, tod, amount, valid, all_valid)
    policy_code = np.full(size, policy, dtype=np.int64) if isinstance(policy, int) else policy
    last = np.zeros(size, dtype=np.int64)
    at_us = np.zeros(size, dtype=np.int64)
    outside = np.zeros(size, dtype=bool)
    # ``valid`` is None when every row is valid (all_valid): np.flatnonzero(None)
    # is empty, which left every due moment at 0 (1970) when rows needed more
    # than one pass, e.g. a limit column mixing working and calendar days
    # (found by tests/law/test_switch_agreement.py after the issue-21 merge)
    rows = np.arange(size) if valid is None else np.flatnonzero(valid)
    if rows.size:
        param_code = table[policy_code[rows], cut_code[rows]]
        for (gk, uk), members in groups(param_code, unit_code[rows]):
            idx = rows[members]
            part = _one_pass(t, params[gk], units[uk], day[idx], tod[idx], amount[idx], None, True)
            last[idx], at_us[idx], outside[idx] = part.last, part.at_us, part.outside
    return DueColumns(t, last, at_us, outside)


def _one_pass(
    t: Tables,
    p: core.Params,
    unit: TimeUnit,
    day: Any,
    tod: Any,
    amount: Any,
    valid: Any,
    all_valid: bool,
) -> DueColumns:
    """Every row under one set of counting parameters and one unit (invalid rows ignored)."""
    from tthc.batch import _kernel

    fast = _kernel.working_days(t, p, unit, day, tod, amount, valid, all_valid)
    if fast is not None:
        k, kernel, outside, high = fast
        latest = int(t.wd[high]) if high >= 0 else None
        return DueColumns(
            t, t.wd[k], kernel.at_us[k], outside, index=k, kernel=kernel, latest=latest
        )
    d = NumpyDriver(t, day.shape[0])
    lst, a_day, a_tod = due_from(d, p, unit.value, amount, day, tod)
    outside = d.outside if valid is None else d.outside & valid
    return DueColumns(t, lst, to_us(t, a_day, a_tod), outside, Rows(a_day, a_tod, outside))


def due_from(
    d: Any, p: core.Params, unit: str, amount: Any, day: Any, tod: Any
) -> tuple[Any, Any, Any]:
    """The clock core's start and due moment for receipts at (``day``, ``tod``).

    The one place the batch engine calls :func:`core.effective_start` and
    :func:`core.due`; the receipt moment is passed as the core's origin when
    its ``due`` takes one (the counting rules that start from the receipt day
    itself whatever the hour).
    """
    s_day, s_tod = core.effective_start(d, p, day, tod)
    if _DUE_TAKES_ORIGIN:
        return core.due(d, p, unit, amount, s_day, s_tod, day, tod)  # type: ignore[call-arg,unused-ignore]
    return core.due(d, p, unit, amount, s_day, s_tod)  # type: ignore[call-arg,unused-ignore]


_DUE_TAKES_ORIGIN = "origin_day" in inspect.signature(core.due).parameters


def provisional(t: Tables, lo: Any, last: Any) -> Any:
    """Whether any day in ``[lo, last]`` is not announced.

    Inside the announced span no day is unannounced, so only the rows that
    reach outside it are looked up.
    """
    np = numpy()
    n = t.n
    s0, s1 = t.span
    out = (lo < s0) | (last > s1)
    if not out.any():
        return out
    rows = np.flatnonzero(out)
    a = np.clip(lo[rows], 0, n - 1)
    b = np.clip(last[rows], 0, n - 1)
    out[rows] = (t.unannounced[b + 1] - t.unannounced[a]) > 0
    return out


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
