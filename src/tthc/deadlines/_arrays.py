"""Vectorised working-day arithmetic over ``numpy.datetime64`` arrays (``tthc[numpy]``).

numpy is imported only when these functions are called, so ``import tthc``
never imports it. Unlike ``numpy.busday_offset``, the answers are exact on the
official calendar, make-up Saturdays included, with the same conventions as
:meth:`WorkingCalendar.add_working_days` and
:meth:`WorkingCalendar.working_days_between`.
"""

from __future__ import annotations

import datetime as dt
import warnings
import weakref
from typing import TYPE_CHECKING, Any

from tthc.errors import CalendarRangeError, ProvisionalCalendarWarning

if TYPE_CHECKING:
    from tthc.deadlines._calendar import WorkingCalendar

__all__ = ["add_working_days_array", "working_days_between_array"]

_EPOCH = dt.date(1970, 1, 1).toordinal()


def _numpy() -> Any:
    try:
        import numpy
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("the array functions need numpy: pip install 'tthc[numpy]'") from error
    return numpy


# Per-calendar numpy tables, keyed by id() and dropped with the calendar.
_TABLES: dict[int, Any] = {}


def _tables(np: Any, cal: WorkingCalendar) -> Any:
    key = id(cal)
    found = _TABLES.get(key)
    if found is None:
        cum = np.frombuffer(cal._cum, dtype=np.int32).astype(np.int64)
        wd = np.frombuffer(cal._wd, dtype=np.int32).astype(np.int64) - _EPOCH
        flags = np.frombuffer(cal._flags, dtype=np.uint8).astype(np.int64)
        found = (cum[1:].copy(), cum[:-1].copy(), wd, flags)
        _TABLES[key] = found
        weakref.finalize(cal, _TABLES.pop, key, None)
    return found


def _indexes(np: Any, cal: WorkingCalendar, dates: Any, name: str) -> Any:
    days = np.asarray(dates, dtype="datetime64[D]").view(np.int64)
    index = days - (cal._base - _EPOCH)
    low, high = (int(index.min()), int(index.max())) if index.size else (0, 0)
    if low < 0 or high >= cal._n:
        bad = low if low < 0 else high
        value = dt.date.fromordinal(bad + cal._base)
        raise CalendarRangeError(name, value, cal.first_day, cal.last_day)
    return index, low, high


def _check_provisional(np: Any, cal: WorkingCalendar, lo: Any, hi: Any, what: str) -> None:
    span0, span1 = cal._span
    outside = (lo < span0) | (hi > span1)
    outside &= lo <= hi
    if not outside.any():
        return
    announced = np.frombuffer(cal._announced, dtype=np.uint8)
    unannounced = np.concatenate(([0], np.cumsum(announced == 0)))
    lo, hi = lo[outside], hi[outside]
    if (unannounced[hi + 1] - unannounced[lo] > 0).any():
        warnings.warn(
            f"{what}: some answers depend on days outside the announced calendar "
            f"({cal.announced_from.isoformat()}..{cal.announced_until.isoformat()})",
            ProvisionalCalendarWarning,
            stacklevel=3,
        )


def add_working_days_array(cal: WorkingCalendar, dates: Any, n: Any) -> Any:
    """``cal.add_working_days`` over an array of dates (``n`` a number or an array).

    Returns a ``datetime64[D]`` array. Warns once if any answer is provisional.

    >>> import numpy as np
    >>> from tthc.deadlines import official_calendar
    >>> d = np.array(["2026-01-09", "2026-08-21"], dtype="datetime64[D]")
    >>> add_working_days_array(official_calendar(), d, 1)   # both next days are make-up Saturdays
    array(['2026-01-10', '2026-08-22'], dtype='datetime64[D]')
    """
    np = _numpy()
    i, low, _ = _indexes(np, cal, dates, "dates")
    after, before, wd, _ = _tables(np, cal)
    steps = np.asarray(n, dtype=np.int64)
    if steps.ndim == 0 and int(steps) == 0:
        return np.array(dates, dtype="datetime64[D]")
    if steps.ndim == 0 and int(steps) > 0:
        # One buffer, gathered in place (bounds were checked by _indexes): few page faults.
        k = i.copy() if low < cal._fast[0] else i
        np.take(after, k, out=k, mode="clip")
        k += int(steps) - 1
        k_high = int(k.max()) if k.size else -1
        if k_high >= wd.size:
            raise CalendarRangeError("result", cal.last_day, cal.first_day, cal.last_day)
        if low < cal._fast[0] or k_high > cal._fast[3]:
            result = wd[k] - (cal._base - _EPOCH)
            _check_provisional(np, cal, i + 1, result, "add_working_days_array")
        np.take(wd, k, out=k, mode="clip")
        return k.view("datetime64[D]")
    steps = np.broadcast_to(steps, i.shape)
    negative = steps < 0
    k = np.where(negative, before[i] + steps, after[i] + steps - 1)
    if k.size and (k.min() < 0 or k.max() >= wd.size):
        edge = cal.first_day if k.min() < 0 else cal.last_day
        raise CalendarRangeError("result", edge, cal.first_day, cal.last_day)
    result = wd[k] - (cal._base - _EPOCH)
    result = np.where(steps == 0, i, result)
    lo = np.where(negative, result, i + 1)
    hi = np.where(negative, i - 1, np.where(steps == 0, i - 1, result))
    _check_provisional(np, cal, lo, hi, "add_working_days_array")
    return (result + (cal._base - _EPOCH)).view("datetime64[D]")


def working_days_between_array(cal: WorkingCalendar, a: Any, b: Any) -> Any:
    """``cal.working_days_between`` over arrays of dates; returns an ``int64`` array.

    >>> import numpy as np
    >>> from tthc.deadlines import official_calendar
    >>> a = np.array(["2026-01-01"], dtype="datetime64[D]")
    >>> working_days_between_array(official_calendar(), a, a + 30)
    array([21])
    """
    np = _numpy()
    i, i_low, i_high = _indexes(np, cal, a, "a")
    j, j_low, j_high = _indexes(np, cal, b, "b")
    after, _, _, flags = _tables(np, cal)
    if i.shape != j.shape:
        i, j = (np.array(x) for x in np.broadcast_arrays(i, j))
    backward = j < i
    fix = None
    if backward.any():
        # minus the working days in [b, a) = forward count − flag[b] + flag[a]
        fix = flags[i[backward]] - flags[j[backward]]
    span0, span1 = cal._span
    if min(i_low, j_low) < span0 or max(i_high, j_high) > span1:
        forward = ~backward
        lo = np.where(forward, i + 1, j)
        hi = np.where(forward, j, i - 1)
        _check_provisional(np, cal, lo, hi, "working_days_between_array")
    # i and j are our own buffers: gather in place (bounds were checked by _indexes).
    np.take(after, i, out=i, mode="clip")
    np.take(after, j, out=j, mode="clip")
    j -= i
    if fix is not None:
        j[backward] += fix
    return j
