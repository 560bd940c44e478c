"""Benchmark tthc.batch on a synthetic dossier log, against the object path and its peers.

Run from a clone (``pip install -e '.[batch,duckdb,dask]'`` first; polars optional):

    python benchmarks/bench_batch.py            # 1,000,000 dossiers
    python benchmarks/bench_batch.py 3000       # a quick smoke run

The log: receipts uniformly spread over 2024–2026 (Vietnamese time, to the
microsecond), limits of 1–30 working days, 7% still open, returns 1 hour to
40 days after receipt, three channels. Everything is judged as of 15/01/2027
17:00, so the dossiers whose due date runs into an unannounced year are
provisional (counted, the warnings silenced).

It prints, from one run, the time of ``tthc.batch.summarize(log, by="month")``
(pandas, pyarrow and polars inputs), and the ratios against:

- the object path, ``tthc.dossiers.summarize_by(dossiers, by_month)`` over
  ``Dossier`` objects, timed on a 20,000-dossier subset and scaled per row
  (the subset's answers are checked equal);
- a naive ``numpy.busday_offset`` + ``holidays`` computation, with how many
  due days and outcomes it gets wrong;
- the same monthly grouping done by Polars and by DuckDB over tthc's per-row
  outcomes, DuckDB's ``due_date()`` SQL function over every row, and
  ``summarize_dask`` (threads, and a 2-worker local ``dask.distributed``
  cluster), each checked equal to the numpy answer.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import holidays
import numpy as np
import pandas as pd

from tthc import batch, catalogue
from tthc.batch import register_duckdb, summarize_dask
from tthc.deadlines import VIETNAM
from tthc.dossiers import by_month, summarize_by
from tthc.errors import ProvisionalCalendarWarning
from tthc.model import Channel, Dossier, Received, Returned, TimeLimit

N = 1_000_000
SUBSET = 20_000
AS_OF = dt.datetime(2027, 1, 15, 17, tzinfo=VIETNAM)
START = dt.datetime(2024, 1, 1, tzinfo=VIETNAM)
END = dt.datetime(2027, 1, 1, tzinfo=VIETNAM)
US_PER_DAY = 86_400_000_000
OFFSET_US = 7 * 3_600_000_000  # Asia/Ho_Chi_Minh, UTC+7 without daylight saving
CHANNELS = ("online", "postal", "in_person")
COUNTS = ("received", "early", "on_time", "late", "open_in_time", "open_overdue", "invalid")


def _us(moment: dt.datetime) -> int:
    delta = moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def synthetic_log(n: int, seed: int = 20261127) -> pd.DataFrame:
    """``n`` dossiers: received_at, limit, returned_at (NaT when open), channel."""
    rng = np.random.default_rng(seed)
    received = rng.integers(_us(START), _us(END), n)
    returned = received + rng.integers(3_600_000_000, 40 * US_PER_DAY, n)
    returned_at = returned.view("datetime64[us]").copy()
    returned_at[rng.random(n) < 0.07] = np.datetime64("NaT")
    return pd.DataFrame(
        {
            "received_at": pd.to_datetime(received.view("datetime64[us]")).tz_localize("UTC"),
            "limit": rng.integers(1, 31, n),
            "returned_at": pd.to_datetime(returned_at).tz_localize("UTC"),
            "channel": pd.Categorical.from_codes(rng.integers(0, 3, n), CHANNELS),
        }
    )


def best(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    """Best-of-``repeat`` seconds of ``fn()``, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return min(times), result


def fmt(seconds: float) -> str:
    return f"{seconds * 1e3:9.1f} ms" if seconds < 10 else f"{seconds:9.1f} s "


def line(name: str, seconds: float, reference: float, note: str = "") -> None:
    print(f"  {name:44s}{fmt(seconds)} {seconds / reference:9.1f}×  {note}")


def counts_by_month(frame: pd.DataFrame) -> dict[Any, tuple[int, ...]]:
    """``{month: counts}`` of a summary frame (months with nothing received dropped)."""
    table = frame.set_index("month")
    return {
        m: tuple(int(table.loc[m, c]) for c in COUNTS)
        for m in table.index
        if table.loc[m, "received"] or table.loc[m, "invalid"]
    }


def object_path(log: pd.DataFrame) -> tuple[float, dict[Any, tuple[int, ...]]]:
    """Seconds of summarize_by(..., by_month) over Dossier objects, and its counts."""
    procedure = catalogue.get("1.004222")
    channels = {c.value: c for c in Channel}
    dossiers = []
    for received, limit, returned, channel in zip(
        log["received_at"].dt.tz_convert(VIETNAM).dt.to_pydatetime(),
        log["limit"].tolist(),
        log["returned_at"].dt.tz_convert(VIETNAM).dt.to_pydatetime(),
        log["channel"].astype(str).tolist(),
        strict=True,
    ):
        events: list[Received | Returned] = [Received(received)]
        if not pd.isna(returned):
            events.append(Returned(returned))
        dossiers.append(
            Dossier(
                procedure=procedure,
                channel=channels[channel],
                time_limit=TimeLimit.working_days(limit),
                events=events,
            )
        )
    began = time.perf_counter()
    groups = summarize_by(dossiers, by_month, AS_OF)
    elapsed = time.perf_counter() - began
    return elapsed, {
        month: (m.received, m.early, m.on_time, m.late, m.open_in_time, m.open_overdue, 0)
        for month, m in groups.items()
    }


def naive(log: pd.DataFrame, hol: Any) -> tuple[Any, Any]:
    """Due day = receipt date + limit business days (numpy), judged by the day only."""
    local = log["received_at"].dt.tz_convert(VIETNAM).dt.tz_localize(None)
    received_day = local.to_numpy(dtype="datetime64[D]")
    last = np.busday_offset(received_day, log["limit"].to_numpy(), roll="forward", holidays=hol)
    returned = log["returned_at"].dt.tz_convert(VIETNAM).dt.tz_localize(None)
    returned_day = returned.to_numpy(dtype="datetime64[D]")
    today = np.datetime64(AS_OF.date(), "D")
    done = ~np.isnat(returned_day) & (returned_day <= today)
    in_time = np.where(done, returned_day <= last, today <= last)
    return last, np.where(done, np.where(in_time, 1, 3), np.where(in_time, 4, 5))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else N
    subset = min(SUBSET, n)
    warnings.simplefilter("ignore", ProvisionalCalendarWarning)  # counted below instead
    print(f"Python {platform.python_version()} on {platform.machine()}, numpy {np.__version__}")
    log = synthetic_log(n)
    print(f"{n:,} dossiers received 2024–2026, limits 1–30 working days, as of {AS_OF}\n")

    batch.summarize(log.iloc[:1000], AS_OF, by="month")  # calendar tables built once
    t_batch, summary = best(lambda: batch.summarize(log, AS_OF, by="month"))
    expected = counts_by_month(summary)
    rows = batch.outcomes(log, AS_OF)
    print(
        f"tthc.batch.summarize(log, by='month'): {fmt(t_batch).strip()} "
        f"({n / t_batch:,.0f} dossiers/s), {len(expected)} months, "
        f"{int(rows.provisional.sum()):,} provisional rows"
    )
    print(f"  {'':44s}{'time':>12s} {'vs batch':>10s}")
    line("tthc.batch.summarize, pandas input", t_batch, t_batch)
    arrow = __import__("pyarrow").Table.from_pandas(log, preserve_index=False)
    t_arrow, _ = best(lambda: batch.summarize(arrow, AS_OF, by="month"))
    line("tthc.batch.summarize, pyarrow input", t_arrow, t_batch)
    try:
        import polars as pl
    except ImportError:
        pl = None
        print("  polars not installed: skipped")
    if pl is not None:
        frame = pl.from_arrow(arrow)
        t_polars_in, _ = best(lambda: batch.summarize(frame, AS_OF, by="month"))
        line("tthc.batch.summarize, polars input", t_polars_in, t_batch)
    t_due, due = best(lambda: batch.due_dates(log["received_at"], log["limit"]))
    line("tthc.batch.due_dates only", t_due, t_batch)

    # the object path, on a subset, scaled per row
    t_subset, object_counts = object_path(log.iloc[:subset])
    subset_counts = counts_by_month(batch.summarize(log.iloc[:subset], AS_OF, by="month"))
    same = object_counts == subset_counts
    scaled = t_subset / subset * n
    line(
        f"object path summarize_by ({subset:,} rows, scaled)",
        scaled,
        t_batch,
        f"{subset / t_subset:,.0f} dossiers/s; equal on the subset: {same}",
    )

    # naive numpy.busday_offset + holidays.VN
    vn = holidays.VN(years=range(2023, 2029))
    hol = np.array(sorted(vn.keys()), dtype="datetime64[D]")
    t_naive, (naive_last, naive_status) = best(lambda: naive(log, hol))
    wrong_day = int((naive_last != due.last_day).sum())
    status = rows.status.astype(np.int64)
    exact = np.where((status == 1) | (status == 2), 1, status)  # early and on time: in time
    wrong_status = int((naive_status != exact).sum())
    line(
        "naive numpy.busday_offset + holidays.VN",
        t_naive,
        t_batch,
        f"wrong due day: {wrong_day:,} ({wrong_day / n:.1%}); "
        f"wrong outcome: {wrong_status:,} ({wrong_status / n:.1%})",
    )

    # the same grouping in Polars and DuckDB, over tthc's per-row outcomes
    names = np.array([s.label for s in batch.RowStatus], dtype=object)
    month = rows.month.astype(str)
    by_row = {"month": month, "status": names[rows.status]}
    if pl is not None:
        grouped = pl.DataFrame(by_row)

        def polars_group() -> Any:
            return grouped.group_by("month").agg(
                *(pl.col("status").eq(s).sum().alias(s) for s in names.tolist())
            )

        t_pl, _ = best(polars_group)
        t_out, _ = best(lambda: batch.outcomes(log, AS_OF))
        line("batch.outcomes + Polars group_by", t_out + t_pl, t_batch, f"group_by {fmt(t_pl)}")
    try:
        import duckdb
    except ImportError:
        duckdb = None
        print("  duckdb not installed: skipped")
    if duckdb is not None:
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        register_duckdb(con, calendar_table=None)
        outcome_table = __import__("pyarrow").table(by_row)
        con.register("outcomes", outcome_table)
        con.register("log", arrow)
        aggregates = ", ".join(f"count(*) FILTER (status = '{s}') AS {s}" for s in names.tolist())
        sql = f"SELECT month, {aggregates} FROM outcomes GROUP BY month"
        t_duck_group, _ = best(lambda: con.sql(sql).fetchall())
        t_out, _ = best(lambda: batch.outcomes(log, AS_OF))
        line(
            "batch.outcomes + DuckDB GROUP BY",
            t_out + t_duck_group,
            t_batch,
            f"GROUP BY {fmt(t_duck_group)}",
        )
        udf = 'SELECT count(due_date(received_at, "limit")) FROM log'
        t_udf, answered = best(lambda: con.execute(udf).fetchone())
        line(
            "DuckDB SQL due_date() over every row",
            t_udf,
            t_batch,
            f"{answered[0]:,} due dates, numpy: {int(due.valid.sum()):,}",
        )
        monthly = """
            WITH d AS (
                SELECT strftime(timezone('Asia/Ho_Chi_Minh', received_at), '%Y-%m') AS month,
                       returned_at <= $as_of AS resolved, returned_at,
                       due_date(received_at, "limit") AS due
                FROM log WHERE received_at <= $as_of)
            SELECT month, count(due) AS received,
                   count(*) FILTER (resolved AND returned_at > due) AS late,
                   count(*) FILTER (due IS NOT NULL AND NOT coalesce(resolved, false)
                                    AND $as_of > due) AS open_overdue
            FROM d GROUP BY month ORDER BY month"""
        t_sql, got = best(lambda: con.execute(monthly, {"as_of": AS_OF}).fetchall())
        sql_same = all(
            (r, late, over) == (expected[m][0], expected[m][3], expected[m][5])
            for m, r, late, over in got
        )
        line("DuckDB monthly SQL with due_date()", t_sql, t_batch, f"equal: {sql_same}")
        con.close()

    # Dask: threads, then a local dask.distributed cluster with 2 workers
    try:
        import dask
        import dask.dataframe as dd
        import distributed
    except ImportError:
        print("  dask / distributed not installed: skipped")
        return
    partitions = max(1, min(8, n // 125_000))
    frame_dd = dd.from_pandas(log, npartitions=partitions)
    with dask.config.set(scheduler="threads"):
        t_dask, got_dask = best(lambda: summarize_dask(frame_dd, AS_OF, by="month"))
    line(
        f"summarize_dask, threads, {partitions} partitions",
        t_dask,
        t_batch,
        f"equal: {counts_by_month(got_dask) == expected}",
    )
    # from_pandas puts the data in the task graph: fine here, distributed says so
    warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        t_dist, got_dist = best(lambda: summarize_dask(frame_dd, AS_OF, by="month"))
    line(
        "summarize_dask, LocalCluster 2 workers",
        t_dist,
        t_batch,
        f"equal: {counts_by_month(got_dist) == expected}",
    )


if __name__ == "__main__":
    main()
