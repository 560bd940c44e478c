"""Vectorised working-day arithmetic over ``numpy.datetime64`` arrays (``tthc[numpy]``).

numpy is imported only when these functions are called, so ``import tthc``
never imports it. Unlike ``numpy.busday_offset``, the answers are exact on the
official calendar, make-up Saturdays included, with the same conventions as
:meth:`WorkingCalendar.add_working_days` and
:meth:`WorkingCalendar.working_days_between`. They read the calendar's tables
through :attr:`WorkingCalendar.core`.

These functions count **days**. To turn receipt *moments* into due moments
(office hours, a receipt on a day off, cut-offs, every unit and clock policy)
use :func:`tthc.batch.due_dates`.
"""

from __future__ import annotations

import datetime as dt
import warnings
import weakref
from typing import TYPE_CHECKING, Any

from tthc.errors import CalendarRangeError, ProvisionalCalendarWarning, ValidationError

if TYPE_CHECKING:
    from tthc.deadlines._calendar import WorkingCalendar

__all__ = ["add_working_days_array", "working_days_between_array"]

_EPOCH = dt.date(1970, 1, 1).toordinal()
_NAT = -(2**63)


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
        core = cal.core
        cum = np.frombuffer(core.cum, dtype=np.int32).astype(np.int64)
        wd = np.frombuffer(core.wd, dtype=np.int32).astype(np.int64) + (core.base - _EPOCH)
        flags = np.frombuffer(core.flags, dtype=np.uint8).astype(np.int64)
        unannounced = np.frombuffer(core.unannounced, dtype=np.int32).astype(np.int64)
        found = (cum[1:].copy(), cum[:-1].copy(), wd, flags, unannounced)
        _TABLES[key] = found
        weakref.finalize(cal, _TABLES.pop, key, None)
    return found


def _days(np: Any, dates: Any, name: str) -> tuple[Any, Any]:
    """Day numbers since the epoch and the NaT mask of a date array."""
    try:
        raw = np.asarray(dates, dtype="datetime64[D]")
    except (TypeError, ValueError) as error:
        raise ValidationError.single(name, dates, f"dates as datetime64[D] ({error})") from None
    days = raw.view(np.int64)
    return days, days == _NAT


def _indexes(np: Any, cal: WorkingCalendar, dates: Any, name: str) -> tuple[Any, Any]:
    """Calendar indexes (NaT rows set to 0) and the NaT mask; out-of-range raises."""
    days, nat = _days(np, dates, name)
    core = cal.core
    index = days - (core.base - _EPOCH)
    any_nat = bool(nat.any())
    present = index[~nat] if any_nat else index
    if present.size:
        low, high = int(present.min()), int(present.max())
        if low < 0 or high >= core.n:
            bad = low if low < 0 else high
            row = int(np.flatnonzero((index == bad) & ~nat)[0])
            value = dt.date.fromordinal(bad + core.base)
            raise CalendarRangeError(f"{name}[{row}]", value, cal.first_day, cal.last_day)
    return (np.where(nat, 0, index) if any_nat else index), nat


def _steps(np: Any, n: Any, shape: tuple[int, ...]) -> tuple[Any, Any]:
    """Whole steps as int64 and the mask of missing ones (NaN); fractions are refused."""
    values = np.asarray(n)
    if values.dtype.kind in "iub":
        return np.broadcast_to(values.astype(np.int64), shape), np.zeros(shape, dtype=bool)
    if values.dtype.kind != "f":
        raise ValidationError.single("n", n, "whole numbers of working days")
    values = np.broadcast_to(values.astype(np.float64), shape)
    missing = np.isnan(values)
    safe = np.where(missing, 0.0, values)
    bad = ~missing & ((safe != np.floor(safe)) | (np.abs(safe) > 1_000_000))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise ValidationError.single(f"n[{row}]", float(safe[row]), "a whole number of days")
    return safe.astype(np.int64), missing


def _check_provisional(np: Any, cal: WorkingCalendar, lo: Any, hi: Any, what: str) -> None:
    unannounced = _tables(np, cal)[4]
    keep = lo <= hi
    if not keep.any():
        return
    lo, hi = lo[keep], hi[keep]
    if (unannounced[hi + 1] - unannounced[lo] > 0).any():
        warnings.warn(
            f"{what}: some answers depend on days outside the announced calendar "
            f"({cal.announced_from.isoformat()}..{cal.announced_until.isoformat()})",
            ProvisionalCalendarWarning,
            stacklevel=3,
        )


def add_working_days_array(cal: WorkingCalendar, dates: Any, n: Any) -> Any:
    """``cal.add_working_days`` over an array of dates (``n`` a number or an array).

    Returns a ``datetime64[D]`` array. ``NaT`` dates and ``NaN`` steps give
    ``NaT``; a fractional step raises :class:`~tthc.errors.ValidationError`
    naming the row; a date or answer outside the calendar raises
    :class:`~tthc.errors.CalendarRangeError` naming the row. Warns once if any
    answer is provisional.

    >>> import numpy as np
    >>> from tthc.deadlines import official_calendar
    >>> d = np.array(["2026-01-09", "2026-08-21", "NaT"], dtype="datetime64[D]")
    >>> add_working_days_array(official_calendar(), d, 1)   # both next days are make-up Saturdays
    array(['2026-01-10', '2026-08-22',        'NaT'], dtype='datetime64[D]')
    """
    np = _numpy()
    i, nat = _indexes(np, cal, dates, "dates")
    after, before, wd, _, _ = _tables(np, cal)
    if isinstance(n, int) and not isinstance(n, bool) and n > 0 and not nat.any():
        return _add_forward(np, cal, i, n, after, wd)
    steps, missing = _steps(np, n, i.shape)
    null = nat | missing
    negative = steps < 0
    k = np.where(negative, before[i] + steps, after[i] + steps - 1)
    out = (k < 0) | (k >= wd.size)
    out &= ~null & (steps != 0)
    if out.any():
        row = int(np.flatnonzero(out)[0])
        edge = cal.first_day if k[row] < 0 else cal.last_day
        raise CalendarRangeError(f"result[{row}]", edge, cal.first_day, cal.last_day)
    base = cal.core.base - _EPOCH
    result = np.where(steps == 0, i + base, wd[np.clip(k, 0, wd.size - 1)])
    index = result - base
    lo = np.where(negative, index, i + 1)
    hi = np.where(negative, i - 1, np.where(steps == 0, i - 1, index))
    live = ~null
    _check_provisional(np, cal, lo[live], hi[live], "add_working_days_array")
    return np.where(null, _NAT, result).view("datetime64[D]")


def _add_forward(np: Any, cal: WorkingCalendar, i: Any, n: int, after: Any, wd: Any) -> Any:
    """The common case (one step count ``n > 0``, no NaT) in a few whole-array operations."""
    k = after[i]
    k += n - 1
    if k.size and int(k.max()) >= wd.size:
        row = int(np.flatnonzero(k >= wd.size)[0])
        raise CalendarRangeError(f"result[{row}]", cal.last_day, cal.first_day, cal.last_day)
    result = wd[k]
    core = cal.core
    span0, span1 = core.announced_span
    base = core.base - _EPOCH
    if i.size and (int(i.min()) + 1 < span0 or int(result.max()) - base > span1):
        _check_provisional(np, cal, i + 1, result - base, "add_working_days_array")
    return result.view("datetime64[D]")


def working_days_between_array(cal: WorkingCalendar, a: Any, b: Any) -> Any:
    """``cal.working_days_between`` over arrays of dates.

    Returns an ``int64`` array, or a ``float64`` array with ``NaN`` where a
    date is ``NaT``.

    >>> import numpy as np
    >>> from tthc.deadlines import official_calendar
    >>> a = np.array(["2026-01-01"], dtype="datetime64[D]")
    >>> working_days_between_array(official_calendar(), a, a + 30)
    array([21])
    """
    np = _numpy()
    i, i_nat = _indexes(np, cal, a, "a")
    j, j_nat = _indexes(np, cal, b, "b")
    after, _, _, flags, _ = _tables(np, cal)
    if i.shape != j.shape:
        i, j, i_nat, j_nat = (np.array(x) for x in np.broadcast_arrays(i, j, i_nat, j_nat))
    null = i_nat | j_nat
    backward = j < i
    # minus the working days in [b, a) = forward count − flag[b] + flag[a]
    result = after[j] - after[i]
    if backward.any():
        result += np.where(backward, flags[i] - flags[j], 0)
    span0, span1 = cal.core.announced_span
    low = min(int(i.min()), int(j.min())) if i.size else span0
    high = max(int(i.max()), int(j.max())) if i.size else span1
    if low < span0 or high > span1:  # only then can an answer be provisional
        live = ~null
        lo = np.where(backward, j, i + 1)
        hi = np.where(backward, i - 1, j)
        _check_provisional(np, cal, lo[live], hi[live], "working_days_between_array")
    if null.any():
        return np.where(null, np.nan, result.astype(np.float64))
    return result
