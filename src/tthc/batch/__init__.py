"""Columnar engine: due dates, outcomes and on-time metrics over millions of rows.

Needs the ``batch`` extra (``pip install 'tthc[batch]'``: numpy and pyarrow);
``import tthc`` loads neither. Inputs are columns as analysts hold them: numpy
arrays, pyarrow arrays / tables / record batches, pandas and polars Series /
DataFrames. Every answer comes from the same clock core as the scalar API
(:mod:`tthc.deadlines._core`), so a row of :func:`due_dates` equals
:func:`tthc.due_date` for that receipt, and :func:`summarize` equals
:func:`tthc.dossiers.summarize_by` over the same dossiers.

- :func:`due_dates`: due moment, due day and provisional flag per row;
- :func:`outcomes`: per dossier, as of a moment: resolved early / on time /
  late, open in time / overdue, stopped;
- :func:`summarize`: grouped :class:`~tthc.dossiers.Metrics` counts (by month,
  agency, channel, tier, procedure, any column);
- :func:`summarize_parquet`: the same over a Parquet file or dataset, streamed
  in record batches in bounded memory; :func:`outcomes_parquet`: Parquet in,
  Parquet out, each row with its outcome and due date;
- :func:`register_duckdb`: ``due_date(received_at, days)`` as SQL macros
  DuckDB plans and parallelises; :func:`summarize_dask`: the same batch
  function over Dask partitions;
- :class:`Clock`: the calendar, office hours and clock policy as one value
  (``clock=``); :class:`RowStatus`: the per-row status codes.

Every entry point turns its input into plain arrays once, through one
boundary (:mod:`tthc.batch._log`), and counts rows whose policies count
identically in one pass (working-day limits: one gather from the cumulative
working-day index).
"""

from tthc.batch._clock import Clock
from tthc.batch._dask import summarize_dask
from tthc.batch._duckdb import register_duckdb
from tthc.batch._due_dates import MAX_PROBLEMS, DueDates, due_dates
from tthc.batch._outcomes import Outcomes, RowStatus, outcomes
from tthc.batch._parquet import outcomes_parquet, summarize_parquet
from tthc.batch._summary import COUNTS, summarize, summarize_batches

__all__ = [
    "COUNTS",
    "MAX_PROBLEMS",
    "Clock",
    "DueDates",
    "Outcomes",
    "RowStatus",
    "due_dates",
    "outcomes",
    "outcomes_parquet",
    "register_duckdb",
    "summarize",
    "summarize_batches",
    "summarize_dask",
    "summarize_parquet",
]
