"""The working-day fast path: a due moment is one gather from the cumulative working-day index.

For a working-day limit counted from the next opening (the rule of every clock
policy in force since 2018), the clock core's :func:`~tthc.deadlines._core.effective_start`
and :func:`~tthc.deadlines._core.due` reduce to index arithmetic:

- a receipt on day ``d`` at or after the threshold (closing, or an earlier
  cut-off) counts as one on day ``d + 1`` before opening; call that day ``q``;
- counting starts on the first working day on or after ``q``, whose position
  in the list of working days is ``cum[q]`` (working days before ``q``);
- the due day is the ``amount``-th working day after it (Civil Code 2015
  Art. 147(2)), or the ``amount - 1``-th when the policy counts the receipt
  day: position ``cum[q] + amount`` (or ``+ amount - 1``);
- the due moment is that day's closing (or 24:00), read from a per-position
  table.

So a batch is one floor division, one comparison, two gathers and one bounds
check per call. The fast path is taken only for parameter sets it knows
(:data:`KNOWN_PARAMS`): a new counting switch of :class:`~tthc.deadlines._core.Params`
sends its rows through the generic core until this module learns it, and the
property tests check the two equal.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from tthc.batch._columns import numpy
from tthc.deadlines import _core as core
from tthc.model import TimeUnit

if TYPE_CHECKING:
    from tthc.batch._engine import Tables

__all__ = ["KNOWN_PARAMS", "Kernel", "kernel_for", "working_days"]

OFFSET_US = 7 * 3_600_000_000
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()

#: The fields of :class:`~tthc.deadlines._core.Params` this module understands.
KNOWN_PARAMS = frozenset(
    {"next_opening", "cutoff", "count_receipt_day", "midnight", "opening", "closing", "sessions"}
)
_FIELDS = frozenset(a.name for a in attrs.fields(core.Params))


@attrs.frozen(eq=False)
class Kernel:
    """Tables of one (calendar, counting parameters) pair for the working-day fast path.

    - ``threshold``: a receipt at or after this time of day counts from the next day;
    - ``shift``: ``amount + shift`` is added to ``cum[q]`` (0, or -1 when the
      receipt day counts);
    - ``at_us[k]``: the due moment (µs UTC) when the ``k``-th working day is the last;
    - ``start_us[k]``: 00:00 in Vietnam of the ``k``-th working day (µs UTC).
    """

    threshold: int
    shift: int
    at_us: Any
    start_us: Any


def kernel_for(t: Tables, p: core.Params) -> Kernel | None:
    """The fast-path tables for ``p``, or ``None`` when ``p`` needs the generic core."""
    if _FIELDS != KNOWN_PARAMS or not p.next_opening:
        return None
    if p.cutoff >= 0 and p.cutoff < p.opening:
        return None  # a cut-off before opening: the early receipts are not moved
    found: Kernel | None = t.kernels.get(p)
    if found is not None:
        return found
    np = numpy()
    threshold = p.closing if p.cutoff < 0 else min(p.closing, p.cutoff + 1)
    day_us = (t.wd + (t.base - _EPOCH_ORDINAL)) * core.US_PER_DAY - OFFSET_US
    at_us = day_us + (core.US_PER_DAY if p.midnight else p.closing)
    for array in (day_us, at_us):
        array.setflags(write=False)
    found = Kernel(
        threshold=threshold,
        shift=-1 if p.count_receipt_day else 0,
        at_us=at_us,
        start_us=day_us,
    )
    t.kernels[p] = found
    return found


def working_days(
    t: Tables,
    p: core.Params,
    unit: TimeUnit,
    day: Any,
    tod: Any,
    amount: Any,
    valid: Any,
    all_valid: bool,
) -> tuple[Any, Kernel, Any] | None:
    """``(k, kernel, outside)`` or ``None`` when the fast path does not apply.

    ``k`` is the position of each row's due day in the list of working days:
    ``t.wd[k]`` is the due day, ``kernel.at_us[k]`` the due moment.

    ``valid`` masks the rows to answer (``None`` or ``all_valid``: every row);
    other rows get arbitrary values. ``outside`` marks valid rows whose due day
    is past the calendar.
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
    k = t.cum[day + (tod >= kernel.threshold)]
    k += amount
    if kernel.shift:
        k += kernel.shift
    nwd = kernel.at_us.shape[0]
    outside = None
    if k.size and (int(k.max()) >= nwd or int(k.min()) < 0):
        outside = (k >= nwd) | (k < 0)
        np.clip(k, 0, nwd - 1, out=k)
        if live is not None:
            outside &= live
    if live is not None and not all_valid:
        # invalid rows may hold anything: keep their index in the table
        np.clip(k, 0, nwd - 1, out=k)
    if outside is None:
        outside = np.zeros(k.shape, dtype=bool)
    return k, kernel, outside
