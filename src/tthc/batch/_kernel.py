"""The working-day fast path: a due moment is one gather from the cumulative working-day index.

For a working-day limit counted from the next opening (the rule of every clock
policy in force since 2018), the clock core's :func:`~tthc.deadlines._core.effective_start`
and :func:`~tthc.deadlines._core.due` reduce to index arithmetic:

- a receipt on day ``d`` at or after a threshold (closing, or an earlier
  cut-off) counts as one on day ``d + 1`` before opening; call that day ``q``;
- counting starts on the first working day on or after ``q``, whose position
  in the list of working days is ``cum[q]`` (working days before ``q``);
- the due day is at position ``cum[q] + amount + shift`` (``shift`` is 0, or
  -1 when the receipt day counts, Civil Code 2015 Art. 147(2) and the
  policy's switch), plus ``moved_shift`` when the receipt was moved to a
  later day (a policy may count that day as day one);
- the due moment is that day's end (closing, or 24:00), read from a
  per-position table.

So a batch is one comparison, two gathers and one bounds check per call.

The arithmetic is not trusted, it is **calibrated**: for each set of counting
parameters (:class:`~tthc.deadlines._core.Params`, whatever switches it
carries) the candidate forms are checked against the generic clock core on a
probe of every special day of the calendar and its neighbours, at every
boundary time of day, for several amounts; the first form equal on every
probe is kept, and when none is, the rows go through the generic core. A new
policy switch therefore never gives a wrong answer through this path: at
worst it makes it slower until this module learns its form.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING, Any

import attrs

from tthc.batch._columns import numpy
from tthc.deadlines import _core as core
from tthc.model import TimeUnit

if TYPE_CHECKING:
    from tthc.batch._engine import Tables

__all__ = ["Kernel", "kernel_for", "working_days"]

OFFSET_US = 7 * 3_600_000_000
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_AMOUNTS = (1, 2, 3, 5, 17)
_NONE = "none"


@attrs.frozen(eq=False)
class Kernel:
    """Tables of one (calendar, counting parameters) pair for the working-day fast path.

    - ``threshold``: a receipt at or after this time of day counts from the next day;
    - ``shift``: added to ``cum[q] + amount``;
    - ``moved_shift``: added as well when the receipt was moved (a day off,
      or at/after the threshold); 0 for every policy in force today;
    - ``at_us[k]``: the due moment (µs UTC) when the ``k``-th working day is the last;
    - ``start_us[k]``: 00:00 in Vietnam of the ``k``-th working day (µs UTC).
    """

    threshold: int
    shift: int
    moved_shift: int
    at_us: Any
    start_us: Any
    #: per day: the position (before the amount) of a receipt before the threshold
    early: Any = None
    #: per day, interleaved: before / at-or-after the threshold (``2 * day + late``)
    both: Any = None

    def index(self, t: Tables, day: Any, tod: Any, amount: Any) -> Any:
        """Position of each row's due day in the working-day list (may fall outside it).

        One gather: from ``early`` when no hour moves a receipt (threshold past
        midnight), from the cumulative index at ``day + late`` when a move adds
        nothing, else from ``both`` at ``2 * day + late``.
        """
        if self.threshold >= core.US_PER_DAY:
            k = self.early[day]
        elif not self.moved_shift:
            k = t.cum[day + (tod >= self.threshold)]
            if self.shift:
                k += self.shift
        else:
            k = self.both[2 * day + (tod >= self.threshold)]
        k += amount
        return k


def _tables(t: Tables, threshold: int, shift: int, moved_shift: int) -> tuple[Any, Any]:
    """The ``early`` and ``both`` per-day tables of a form."""
    np = numpy()
    early = t.cum[:-1] + shift + moved_shift * (1 - t.flags)
    late = t.cum[1:] + shift + moved_shift
    both = np.stack([early, late], axis=1).reshape(-1)
    for array in (early, both):
        array.setflags(write=False)
    return early, both


def kernel_for(t: Tables, p: core.Params) -> Kernel | None:
    """The fast-path tables for ``p``, or ``None`` when ``p`` needs the generic core.

    Found once per (calendar, parameters) by calibration against the core.
    """
    found = t.kernels.get(p)
    if found is None:
        found = _calibrate(t, p)
        t.kernels[p] = found if found is not None else _NONE
    return None if found is _NONE else found


def _probe(t: Tables, p: core.Params) -> tuple[Any, Any, Any]:
    """``(day, tod, amount)`` rows: special days and neighbours, boundary times, amounts."""
    np = numpy()
    n = t.n
    index = np.arange(n)
    weekday = (index + t.base - 1) % 7  # 0 = Monday (ordinal 1 was a Monday)
    weekly = (weekday < 5).astype(np.int64)
    special = np.flatnonzero(t.flags != weekly)
    days = np.unique(
        np.concatenate([special - 1, special, special + 1, index[n // 2 : n // 2 + 60]])
    )
    days = days[(days >= 0) & (days < n)]
    times = {0, core.US_PER_DAY - 1}
    for name in ("opening", "closing", "cutoff"):
        value = getattr(p, name, -1)
        if isinstance(value, int) and 0 <= value < core.US_PER_DAY:
            times |= {max(value - 1, 0), value, min(value + 1, core.US_PER_DAY - 1)}
    tods = np.array(sorted(times), dtype=np.int64)
    amounts = np.array(_AMOUNTS, dtype=np.int64)
    grid = np.array(list(itertools.product(range(days.size), range(tods.size), amounts)))
    return days[grid[:, 0]], tods[grid[:, 1]], grid[:, 2].copy()


def _calibrate(t: Tables, p: core.Params) -> Kernel | None:
    from tthc.batch._engine import NumpyDriver, due_from, to_us

    np = numpy()
    if t.n < 3 or t.wd.size < 40:
        return None
    day, tod, amount = _probe(t, p)
    d = NumpyDriver(t, day.size)
    try:
        last, a_day, a_tod = due_from(d, p, core.WORKING_DAYS, amount, day, tod)
    except (AttributeError, TypeError, ValueError):  # pragma: no cover - an unknown core
        return None
    keep = ~d.outside
    if not keep.any():
        return None
    day, tod, amount = day[keep], tod[keep], amount[keep]
    want_last = last[keep]
    want_at = to_us(t, a_day, a_tod)[keep]
    day_us = (t.wd + (t.base - _EPOCH_ORDINAL)) * core.US_PER_DAY - OFFSET_US
    ends = np.unique(
        want_at - ((want_last + (t.base - _EPOCH_ORDINAL)) * core.US_PER_DAY - OFFSET_US)
    )
    if ends.size != 1:
        return None  # the due moment is not one time of the last day: not this form
    at_us = day_us + int(ends[0])
    closing = getattr(p, "closing", None)
    thresholds = [closing if isinstance(closing, int) else core.US_PER_DAY, core.US_PER_DAY]
    cutoff = getattr(p, "cutoff", -1)
    if isinstance(cutoff, int) and cutoff >= 0:
        thresholds.insert(0, min(cutoff + 1, thresholds[0]))
    for threshold, shift, moved_shift in itertools.product(thresholds, (0, -1), (0, -1)):
        early, both = _tables(t, threshold, shift, moved_shift)
        kernel = Kernel(threshold, shift, moved_shift, at_us, day_us, early, both)
        k = kernel.index(t, day, tod, amount)
        if int(k.min()) < 0 or int(k.max()) >= t.wd.size:
            continue
        if np.array_equal(t.wd[k], want_last) and np.array_equal(at_us[k], want_at):
            for array in (at_us, day_us):
                array.setflags(write=False)
            return kernel
    return None


def working_days(
    t: Tables,
    p: core.Params,
    unit: TimeUnit,
    day: Any,
    tod: Any,
    amount: Any,
    valid: Any,
    all_valid: bool,
) -> tuple[Any, Kernel, Any, int] | None:
    """``(k, kernel, outside, high)`` or ``None`` when the fast path does not apply.

    ``k`` is the position of each row's due day in the list of working days:
    ``t.wd[k]`` is the due day, ``kernel.at_us[k]`` the due moment.

    ``valid`` masks the rows to answer (``None`` or ``all_valid``: every row);
    other rows get arbitrary values. ``outside`` marks valid rows whose due day
    is past the calendar. ``high`` is the largest position when every row is
    answered and inside the list (-1 otherwise): ``t.wd[high]`` is the latest
    due day, found by the one bounds check of the call.
    """
    if unit is not TimeUnit.WORKING_DAYS:
        return None
    kernel = kernel_for(t, p)
    if kernel is None:
        return None
    np = numpy()
    live = None if all_valid or valid is None else valid
    if amount.size and live is None and int(amount.min()) < 1:
        return None
    if live is not None and live.any() and int(np.min(amount, where=live, initial=1)) < 1:
        return None
    k = kernel.index(t, day, tod, amount)
    nwd = kernel.at_us.shape[0]
    outside = None
    high = int(k.max()) if k.size else -1
    if k.size and (high >= nwd or int(k.min()) < 0):
        high = -1  # not the range of the answers: some rows are outside
        outside = (k >= nwd) | (k < 0)
        np.clip(k, 0, nwd - 1, out=k)
        if live is not None:
            outside &= live
    if live is not None and not all_valid:
        # invalid rows may hold anything: keep their index in the table
        np.clip(k, 0, nwd - 1, out=k)
    if outside is None:
        outside = np.zeros(k.shape, dtype=bool)
    if live is not None:
        high = -1  # the maximum covers rows that are not answered
    return k, kernel, outside, high
