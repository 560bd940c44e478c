"""Grouped metrics of a dossier log: one status code per row, one ``bincount`` per block.

A log is read once (:func:`~tthc.batch._log.read_log`), then summarised in
blocks of :data:`BLOCK` rows: each block gives one :class:`RowStatus` code per
row and one group code per row (months from a per-day table, other columns
factorised once for the whole table), and one ``bincount`` over
(group × channel × status) adds the block to the totals. Temporaries are
block-sized, so memory grows with the input columns, not with the counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from tthc.batch import _engine as engine
from tthc.batch._clock import Clock, clock_of
from tthc.batch._columns import column_of, factorize, group_index, kind_of, numpy
from tthc.batch._log import Log, as_of_us, read_log
from tthc.batch._outcomes import RowStatus, _months_of, fast_status, outcomes_of
from tthc.deadlines._calendar import WorkingCalendar
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import ClockPolicy
from tthc.dossiers._metrics import _FIELDS as _METRICS_FIELDS
from tthc.errors import ValidationError
from tthc.model import TimeUnit
from tthc.rules import Rules

__all__ = [
    "BLOCK",
    "COUNTS",
    "by_names",
    "partial_counts",
    "summarize",
    "summarize_batches",
]

#: The count columns of :func:`summarize`, as in :class:`tthc.dossiers.Metrics`
#: (plus ``invalid``: rows that could not be judged, listed in the problems).
COUNTS = (*_METRICS_FIELDS, "invalid")

#: Rows per block of :func:`summarize` (temporaries stay in this many rows).
BLOCK = 1 << 20

_STATUSES = len(RowStatus)
_CHANNELS = ("online", "postal", "in_person")


def by_names(by: Any) -> list[str]:
    """The grouping column names of ``by`` (None, a name or a list of names), checked."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    if isinstance(by, (list, tuple)) and all(isinstance(n, str) for n in by):
        return list(by)
    raise ValidationError.single(
        "by", by, "None, 'month', a column name or a list of them (agency, channel, tier…)"
    )


class _Keys:
    """The grouping columns of a log, read once: codes, labels and widths."""

    def __init__(self, log: Log, names: list[str], cal: WorkingCalendar) -> None:
        np = numpy()
        self.names = names
        self.codes: list[Any] = []  # None stands for the month (computed per block)
        self.labels: list[list[Any]] = []
        self.widths: list[int] = []
        self.month_low = 0
        table = log.table
        for name in names:
            if name == "month" and column_of(table, "month") is None:
                low, high = _month_range(log)
                self.month_low = low
                self.codes.append(None)
                self.labels.append([str(np.datetime64(m, "M")) for m in range(low, high + 1)])
            else:
                column = column_of(table, name)
                if column is None:
                    raise ValidationError.single(
                        "by", name, "'month' or a column of the table (agency, channel, tier…)"
                    )
                c, lab = factorize(column, log.size)
                self.codes.append(c)
                self.labels.append(lab)
            self.widths.append(len(self.labels[-1]) + 1)  # the last code: a missing key
        # channel counts: online / postal / in person, and full-online services
        self.channel: Any = None
        self.channel_codes: list[int] = []
        column = column_of(table, log.names["channel"])
        if column is not None:
            c, lab = factorize(column, log.size)
            self.channel = c
            self.channel_codes = [lab.index(n) if n in lab else -2 for n in _CHANNELS]
        self.full: Any = None
        column = column_of(table, log.names["full_online_service"])
        if self.channel is not None and column is not None:
            f, flab = factorize(column, log.size)
            self.full = f == (flab.index(True) if True in flab else -2)

    def block(self, start: int, stop: int, months: Any) -> Any:
        """The group code of rows ``start:stop`` (``months``: their months since 1970)."""
        np = numpy()
        codes = []
        for c, width in zip(self.codes, self.widths, strict=True):
            if c is None:
                m = months - self.month_low
                codes.append(np.where(months < 0, width - 1, m) if int(months.min()) < 0 else m)
            else:
                codes.append(c[start:stop])
        if not codes:
            return None
        return group_index(codes, self.widths)

    def extra(self, start: int, stop: int) -> tuple[Any, int]:
        """The channel dimension: code per row (0: none, 1–3: channels, +3 full online)."""
        np = numpy()
        if self.channel is None:
            return None, 1
        c = self.channel[start:stop]
        out = np.zeros(c.shape, dtype=np.int64)
        for k, code in enumerate(self.channel_codes):
            if code >= 0:
                out[c == code] = k + 1
        if self.full is None:
            return out, 4
        full = self.full[start:stop] & (out == 1)
        out[full] = 4
        return out, 5


def _month_range(log: Log) -> tuple[int, int]:
    """The months (since 1970-01) of the earliest and the latest receipt."""
    np = numpy()
    recv, null = log.received, log.received_null
    if log.size == 0 or null.all():
        return 0, -1
    live = None if not null.any() else ~null
    big = np.iinfo(np.int64).max
    lo = int(np.min(recv, where=live, initial=big)) if live is not None else int(recv.min())
    hi = int(np.max(recv, where=live, initial=-big)) if live is not None else int(recv.max())
    low, high = _months_of(np.array([lo, hi], dtype=np.int64)).tolist()
    return int(low), int(high)


def _statuses(
    log: Log,
    now: int,
    cal: WorkingCalendar,
    hours: OfficeHours,
    rules: Rules[ClockPolicy],
    events: Any,
) -> tuple[Any, Any, int]:
    """``(status, months, provisional count)`` of a block: the fast path, else the general one."""
    np = numpy()
    if events is None:
        found = fast_status(log, now, cal, hours, rules)
        if found is not None:
            return found
    result = outcomes_of(log, now, cal, hours, rules, events=events, warn=False)
    months = result.month.view(np.int64)
    months = np.where(months == np.iinfo(np.int64).min, -1, months)
    return result.status, months, int(np.count_nonzero(result.provisional))


def partial_counts(
    table: Any,
    as_of: dt.datetime,
    *,
    by: str | Sequence[str] | None = None,
    events: Any = None,
    limits: Any = None,
    unit: TimeUnit | str | None = None,
    columns: dict[str, str] | None = None,
    catalogue: Any = None,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
    clock: Clock | None = None,
    block: int = BLOCK,
) -> dict[str, Any]:
    """Grouped counts of one table (no rates): what :func:`summarize_batches` adds up."""
    np = numpy()
    names = by_names(by)
    cal, hours, rules = clock_of(clock, calendar, hours, policy).resolved()
    now = as_of_us(as_of)
    log = read_log(table, limits=limits, unit=unit, columns=columns, catalogue=catalogue)
    keys = _Keys(log, names, cal)
    groups = 1
    for width in keys.widths:
        groups *= width
    _, extra_width = keys.extra(0, 0)
    cells = groups * extra_width * _STATUSES
    dense = cells <= max(1 << 22, 8 * log.size)
    totals: Any = np.zeros(cells, dtype=np.int64) if dense else {}
    provisional = 0
    step = log.size if events is not None else max(1, block)
    for start in range(0, max(log.size, 1), step):
        stop = min(start + step, log.size)
        if stop <= start:
            break
        part = log.rows(start, stop) if (start, stop) != (0, log.size) else log
        status, months, prov = _statuses(part, now, cal, hours, rules, events)
        provisional += prov
        key = status.astype(np.int64)
        extra, _ = keys.extra(start, stop)
        if extra is not None:
            key += extra * _STATUSES
        group = keys.block(start, stop, months)
        if group is not None:
            key += group * (extra_width * _STATUSES)
        if dense:
            totals += np.bincount(key, minlength=cells)
        else:
            used, counts = np.unique(key, return_counts=True)
            for k, c in zip(used.tolist(), counts.tolist(), strict=True):
                totals[k] = totals.get(k, 0) + c
    engine.warn_provisional(provisional, cal, "outcomes", stacklevel=4)
    if dense:
        cube = totals.reshape(groups, extra_width, _STATUSES)
        used = np.flatnonzero(cube.sum(axis=(1, 2)))
        cube = cube[used]
    else:
        present = sorted({k // (extra_width * _STATUSES) for k in totals})
        used = np.array(present, dtype=np.int64)
        cube = np.zeros((len(present), extra_width, _STATUSES), dtype=np.int64)
        where = {g: i for i, g in enumerate(present)}
        for k, c in totals.items():
            g, rest = divmod(k, extra_width * _STATUSES)
            cube[where[g], rest // _STATUSES, rest % _STATUSES] = c
    if log.size == 0 and not names:
        used = np.zeros(1, dtype=np.int64)
        cube = np.zeros((1, extra_width, _STATUSES), dtype=np.int64)
    return _counts(keys, used, cube, extra_width)


def _counts(keys: _Keys, used: Any, cube: Any, extra_width: int) -> dict[str, Any]:
    """The count columns of the groups present, from the (group × channel × status) cube."""
    np = numpy()
    out: dict[str, Any] = {}
    rest = used.copy()
    for name, lab, width in zip(keys.names, keys.labels, keys.widths, strict=True):
        part = rest % width
        rest //= width
        out[name] = [lab[int(x)] if x < len(lab) else None for x in part.tolist()]
    by_status = cube.sum(axis=1)  # group × status
    s = RowStatus
    valid = by_status[:, s.EARLY : s.STOPPED + 1].sum(axis=1)
    out["received"] = valid
    out["resolved"] = by_status[:, s.EARLY : s.LATE + 1].sum(axis=1)
    out["early"] = by_status[:, s.EARLY]
    out["on_time"] = by_status[:, s.ON_TIME]
    out["late"] = by_status[:, s.LATE]
    out["open_in_time"] = by_status[:, s.OPEN_IN_TIME]
    out["open_overdue"] = by_status[:, s.OPEN_OVERDUE]
    out["stopped"] = by_status[:, s.STOPPED]
    if extra_width > 1:
        valid_cube = cube[:, :, s.EARLY : s.STOPPED + 1].sum(axis=2)  # group × channel
        out["online"] = valid_cube[:, 1] + (valid_cube[:, 4] if extra_width > 4 else 0)
        out["postal"] = valid_cube[:, 2]
        out["in_person"] = valid_cube[:, 3]
        if extra_width > 4:
            out["full_online"] = valid_cube[:, 4]
    out["invalid"] = by_status[:, s.INVALID]
    return {
        k: (np.asarray(v, dtype=np.int64) if not isinstance(v, list) else v) for k, v in out.items()
    }


def _with_rates(out: dict[str, Any]) -> dict[str, Any]:
    np = numpy()

    def ratio(a: Any, b: Any) -> Any:
        a = np.asarray(a, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(b > 0, a / np.where(b > 0, b, 1), np.nan)

    out["open"] = np.asarray(out["open_in_time"]) + np.asarray(out["open_overdue"])
    good = np.asarray(out["early"]) + np.asarray(out["on_time"])
    out["on_time_rate"] = ratio(good, out["resolved"])
    out["progress_rate"] = ratio(
        good + np.asarray(out["open_in_time"]), np.asarray(out["resolved"]) + out["open"]
    )
    if "online" in out:
        out["online_share"] = ratio(out["online"], out["received"])
        out["postal_share"] = ratio(out["postal"], out["received"])
    if "full_online" in out:
        out["full_online_share"] = ratio(out["full_online"], out["received"])
    return out


def _frame(out: dict[str, Any], kind: str) -> Any:
    np = numpy()
    columns = {k: (np.asarray(v) if not isinstance(v, list) else v) for k, v in out.items()}
    if kind == "pandas":
        import pandas as pd

        return pd.DataFrame(columns)
    if kind == "polars":
        import polars as pl

        return pl.DataFrame({k: list(v) if isinstance(v, list) else v for k, v in columns.items()})
    import pyarrow as pa

    return pa.table(
        {
            k: pa.array(v) if isinstance(v, list) else pa.array(v, from_pandas=True)
            for k, v in columns.items()
        }
    )


def summarize(
    table: Any,
    as_of: dt.datetime,
    *,
    by: str | Sequence[str] | None = None,
    events: Any = None,
    limits: Any = None,
    unit: TimeUnit | str | None = None,
    columns: dict[str, str] | None = None,
    catalogue: Any = None,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
    clock: Clock | None = None,
) -> Any:
    """Grouped on-time metrics of a dossier log, equal to :func:`tthc.dossiers.summarize_by`.

    ``table`` and the options are those of :func:`outcomes`. ``by`` is
    ``"month"`` (the month of receipt in Vietnam, ``"YYYY-MM"``), a column
    name (``agency``, ``channel``, ``tier``, ``procedure``, any other), a list
    of them, or ``None`` for one row over everything. The result has the same
    kind as ``table`` (pandas → pandas, polars → polars, otherwise a pyarrow
    Table): the group columns, the counts of :data:`COUNTS` (the channel
    counts only when the table has a ``channel`` column, ``full_online`` only
    with a ``full_online_service`` column), ``open`` and the rates
    (``on_time_rate``, ``progress_rate``, ``online_share``… NaN when the
    denominator is 0).

    >>> import datetime as dt, pandas as pd
    >>> import tthc
    >>> log = pd.DataFrame({
    ...     "received_at": pd.to_datetime(["2026-11-02 09:00", "2026-11-02 09:00"]).tz_localize(
    ...         "Asia/Ho_Chi_Minh"),
    ...     "limit": [5, 5],
    ...     "returned_at": pd.to_datetime(["2026-11-06 09:00", None]).tz_localize(
    ...         "Asia/Ho_Chi_Minh"),
    ... })
    >>> as_of = dt.datetime(2026, 11, 20, 9, tzinfo=tthc.VIETNAM)
    >>> summarize(log, as_of)[["received", "resolved", "early", "open_overdue"]]
       received  resolved  early  open_overdue
    0         2         1      1             1
    """
    out = partial_counts(
        table,
        as_of,
        by=by,
        events=events,
        limits=limits,
        unit=unit,
        columns=columns,
        catalogue=catalogue,
        calendar=calendar,
        hours=hours,
        policy=policy,
        clock=clock,
    )
    return _frame(_with_rates(out), kind_of(table))


def summarize_batches(
    batches: Iterable[Any],
    as_of: dt.datetime,
    *,
    by: str | Sequence[str] | None = None,
    kind: str = "arrow",
    **options: Any,
) -> Any:
    """:func:`summarize` over an iterable of tables (record batches, partitions), merged.

    Counts add up, so the result equals :func:`summarize` over the
    concatenated tables; memory grows with the number of groups, not rows.
    ``kind`` chooses the result: ``"arrow"``, ``"pandas"`` or ``"polars"``.
    """
    np = numpy()
    names = by_names(by)
    if kind not in ("arrow", "pandas", "polars"):
        raise ValidationError.single("kind", kind, "'arrow', 'pandas' or 'polars'")
    totals: dict[tuple[Any, ...], Any] = {}
    count_names: list[str] = []
    for batch in batches:
        part = partial_counts(batch, as_of, by=by, **options)
        current = [k for k in part if k not in names]
        for name in current:
            if name not in count_names:
                count_names.append(name)
        keys = list(zip(*(part[n] for n in names), strict=True)) if names else [()]
        for i, key in enumerate(keys):
            row = totals.setdefault(key, {})
            for name in current:
                row[name] = row.get(name, 0) + int(part[name][i])
    if not count_names:  # no batch at all (a file without rows): the counts of nothing
        count_names = [n for n in COUNTS if n not in (*_CHANNELS, "full_online")]
        if not names:
            totals[()] = {}
    ordered = [n for n in COUNTS if n in count_names]
    keys_sorted = sorted(totals, key=lambda k: tuple((v is None, str(v)) for v in k))
    out: dict[str, Any] = {n: [k[i] for k in keys_sorted] for i, n in enumerate(names)}
    for name in ordered:
        out[name] = np.array([totals[k].get(name, 0) for k in keys_sorted], dtype=np.int64)
    return _frame(_with_rates(out), kind)
