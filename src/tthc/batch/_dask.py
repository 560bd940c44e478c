"""Dask: :func:`tthc.batch.summarize` over the partitions of a ``dask.dataframe``, merged.

Needs the ``dask`` extra (``pip install 'tthc[dask]'``); dask is imported by
:func:`summarize_dask`, never by ``import tthc``. Each partition (a pandas
DataFrame) goes through the same batch function as an in-memory table, on
whatever scheduler is active (threads, processes, or a ``dask.distributed``
cluster); only the per-group counts travel back, and they add up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from tthc.batch._clock import Clock
from tthc.batch._columns import numpy
from tthc.batch._summary import COUNTS, _frame, _with_rates, summarize
from tthc.deadlines._calendar import WorkingCalendar
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import ClockPolicy
from tthc.errors import ValidationError
from tthc.model import TimeLimit, TimeUnit

__all__ = ["summarize_dask"]


def _dask() -> Any:
    try:
        import dask
        import dask.dataframe
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("summarize_dask needs dask: pip install 'tthc[dask]'") from error
    return dask


def _partition_counts(partition: Any, as_of: dt.datetime, by: Any, options: dict[str, Any]) -> Any:
    """The counts (no rates) of one partition, as :func:`summarize` computes them."""
    return summarize(partition, as_of, by=by, **options)


def _merge(parts: list[Any], names: list[str]) -> dict[str, Any]:
    """Add the counts of the partitions group by group (rates are recomputed after)."""
    np = numpy()
    totals: dict[tuple[Any, ...], dict[str, int]] = {}
    present: set[str] = set()
    for part in parts:
        counts = [c for c in COUNTS if c in part.columns]
        present.update(counts)
        keys = zip(*(part[n].tolist() for n in names), strict=True) if names else [()] * len(part)
        values = {c: part[c].to_numpy(dtype=np.int64) for c in counts}
        for i, key in enumerate(keys):
            row = totals.setdefault(tuple(_key(k) for k in key), {})
            for c in counts:
                row[c] = row.get(c, 0) + int(values[c][i])
    ordered = sorted(totals, key=lambda k: tuple((v is None, str(v)) for v in k))
    out: dict[str, Any] = {n: [k[i] for k in ordered] for i, n in enumerate(names)}
    for c in COUNTS:
        if c in present:
            out[c] = np.array([totals[k].get(c, 0) for k in ordered], dtype=np.int64)
    return out


def _key(value: Any) -> Any:
    # pandas gives NaN (or NA) for a missing group key in some column types
    try:
        return None if value is None or bool(value != value) else value
    except (TypeError, ValueError):
        return value


def summarize_dask(
    frame: Any,
    as_of: dt.datetime,
    *,
    by: str | Sequence[str] | None = None,
    limits: TimeLimit | None = None,
    unit: TimeUnit | str | None = None,
    columns: dict[str, str] | None = None,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
    clock: Clock | None = None,
) -> Any:
    """:func:`tthc.batch.summarize` of a ``dask.dataframe.DataFrame``, as one pandas DataFrame.

    Every partition is summarised by :func:`~tthc.batch.summarize` (the
    columns and options are the same: ``received_at``, ``limit``,
    ``returned_at``…); the partial counts are added per group and the rates
    recomputed, so the result equals ``summarize`` over the whole log, its
    rows sorted by the group columns (a missing key last). The work runs on
    the active Dask scheduler: with a ``distributed.Client`` open, on its
    workers. ``limits`` is one :class:`~tthc.model.TimeLimit` for every row
    (per-row limits belong in the ``limit`` column). An events table
    (supplements, extensions) is not supported here: reduce it per dossier
    first, or use :func:`~tthc.batch.summarize` per dossier partition.
    """
    dask = _dask()
    if not isinstance(frame, dask.dataframe.DataFrame):
        raise ValidationError.single(
            "frame", type(frame).__name__, "a dask.dataframe.DataFrame (dd.from_pandas, dd.read_*)"
        )
    if limits is not None and not isinstance(limits, TimeLimit):
        raise ValidationError.single(
            "limits", type(limits).__name__, "None or one TimeLimit (per-row limits: a column)"
        )
    names = [] if by is None else ([by] if isinstance(by, str) else list(by))
    options: dict[str, Any] = {
        "limits": limits,
        "unit": unit,
        "columns": columns,
        "calendar": calendar,
        "hours": hours,
        "policy": policy,
        "clock": clock,
    }
    tasks = [
        dask.delayed(_partition_counts)(part, as_of, by, options) for part in frame.to_delayed()
    ]
    parts = list(dask.compute(*tasks))
    return _frame(_with_rates(_merge(parts, names)), "pandas")
