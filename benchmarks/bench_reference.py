"""tthc.batch against an exact numpy prototype, Polars and DuckDB, from one run.

Run from a clone (numpy, pandas, pyarrow; polars and duckdb optional):

    python benchmarks/bench_reference.py                  # 1,000,000 and 10,000,000 rows
    python benchmarks/bench_reference.py 1000000          # one size
    python benchmarks/bench_reference.py 3000 --repeat 1  # a smoke run

The reference is :mod:`prototype` (beside this file): a cumulative working-day
index built from ``official_calendar().is_working_day``, one gather, one
``bincount``. Before timing, every due moment of ``tthc.batch.due_dates`` and
every monthly count of ``tthc.batch.summarize`` is checked equal to it (the
script stops otherwise). Printed, per size (best of ``--repeat``):

- ``due_dates(datetime64 UTC array, int array).at`` / the prototype's due;
- ``summarize(pandas frame, as_of, by="month")`` / the prototype (from the
  same pandas frame) and / the same computation in Polars;
- DuckDB: tthc's ``due_date`` SQL macro / plain SQL over the calendar tables,
  with a constant limit and with a per-row limit column;
- the peak memory allocated by ``summarize`` and by the prototype
  (``tracemalloc``, which sees numpy's arrays).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prototype import OFFSET_US, US_PER_DAY, Prototype

from tthc import batch
from tthc.deadlines import VIETNAM, OfficeHours, official_calendar
from tthc.errors import ProvisionalCalendarWarning

AS_OF = dt.datetime(2027, 1, 15, 17, tzinfo=VIETNAM)
START = dt.datetime(2024, 1, 1, tzinfo=VIETNAM)
END = dt.datetime(2027, 1, 1, tzinfo=VIETNAM)
STATUS_NAMES = ("early", "on_time", "late", "open_in_time", "open_overdue")


def _us(moment: dt.datetime) -> int:
    delta = moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def synthetic(n: int, seed: int = 20261207) -> tuple[Any, Any, Any, Any]:
    """Receipts 2024–2026 (µs UTC), limits 1–30, returns (7% open: null)."""
    rng = np.random.default_rng(seed)
    received = rng.integers(_us(START), _us(END), n)
    limit = rng.integers(1, 31, n)
    returned = received + rng.integers(3_600_000_000, 40 * US_PER_DAY, n)
    open_ = rng.random(n) < 0.07
    return received, limit, returned, open_


def prototype_for(cal: Any) -> Prototype:
    """The prototype with the switches of the clock policies in force 2016–2026 (one reading)."""
    from tthc.deadlines import CLOCK_POLICIES, EndOfDay

    flags = set()
    day = dt.date(2016, 1, 1)
    while day <= dt.date(2026, 12, 31):
        policy = CLOCK_POLICIES.at(day).value
        shifted = getattr(policy, "shifted_start", None)  # a switch of newer tthc versions
        flags.add(
            (
                policy.end_of_day is EndOfDay.MIDNIGHT,
                getattr(shifted, "value", None) == "day_one",
            )
        )
        day += dt.timedelta(days=30)
    if len(flags) != 1:
        raise SystemExit(f"the policies in force count differently ({flags}): no one prototype")
    midnight, day_one = flags.pop()
    return Prototype(cal, OfficeHours().closing, midnight=midnight, moved_is_day_one=day_one)


def edge_rows(cal: Any, proto: Prototype) -> tuple[Any, Any]:
    """Every special day of 2016–2026 and its neighbours, at the office-hour edges, limits 1–30."""
    first, last = dt.date(2016, 1, 1), dt.date(2026, 12, 31)
    days = []
    day = first
    while day <= last:
        if cal.explain(day).reason.value not in ("ordinary_weekday", "weekly_rest"):
            days.extend(day + dt.timedelta(days=k) for k in (-1, 0, 1))
        day += dt.timedelta(days=1)
    times = [(0, 0), (7, 29), (7, 30), (11, 30), (13, 0), (16, 59), (17, 0), (23, 59)]
    moments = [
        _us(dt.datetime.combine(d, dt.time(h, m), VIETNAM))
        for d in sorted(set(days))
        for h, m in times
    ]
    received = np.repeat(np.array(moments, dtype=np.int64), 4)
    limit = np.tile(np.array([1, 2, 5, 30]), len(moments))
    return received, limit


def frame_of(received: Any, limit: Any, returned: Any, open_: Any) -> pd.DataFrame:
    ret = returned.view("datetime64[us]").copy()
    ret[open_] = np.datetime64("NaT")
    return pd.DataFrame(
        {
            "received_at": pd.to_datetime(received.view("datetime64[us]")).tz_localize("UTC"),
            "limit": limit,
            "returned_at": pd.to_datetime(ret).tz_localize("UTC"),
        }
    )


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return min(times), result


def fmt(seconds: float) -> str:
    return f"{seconds * 1e3:9.1f} ms"


def line(name: str, mine: float, theirs: float, against: str) -> None:
    print(f"  {name:46s}{fmt(mine)} {fmt(theirs)}  {mine / theirs:5.2f}× {against}")


def prototype_from_frame(proto: Prototype, frame: pd.DataFrame) -> dict[str, dict[str, int]]:
    """The prototype's monthly counts, reading the pandas frame itself (µs UTC int64)."""
    received = frame["received_at"].array.asi8
    returned = frame["returned_at"].array.asi8
    unit = np.datetime_data(frame["received_at"].array._ndarray.dtype)[0]
    scale = {"ns": 1000, "us": 1, "ms": -1000, "s": -1_000_000}[unit]
    if scale != 1:
        received = received // scale if scale > 0 else received * -scale
        returned = returned // scale if scale > 0 else returned * -scale
    null = frame["returned_at"].isna().to_numpy()
    return proto.monthly(received, frame["limit"].to_numpy(), returned, null, _us(AS_OF))


def tthc_monthly(summary: pd.DataFrame) -> dict[str, dict[str, int]]:
    out = {}
    for row in summary.itertuples(index=False):
        if row.received or row.invalid:
            out[str(row.month)] = {name: int(getattr(row, name)) for name in STATUS_NAMES}
    return out


def proto_monthly(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {m: {k: c[k] for k in STATUS_NAMES} for m, c in counts.items()}


def polars_monthly(proto: Prototype, frame: Any, as_of_us: int) -> Any:
    """The same statuses and monthly counts written as Polars expressions."""
    import polars as pl

    cum = pl.Series(proto.cum)
    flags = pl.Series(proto.flags)
    wd_at = pl.Series(proto.wd_at)
    wd_day = pl.Series(proto.wd_day)
    month = pl.Series(proto.month)
    local = pl.col("received_at").dt.epoch("us") + OFFSET_US
    day = (local // US_PER_DAY - proto.base).alias("day")
    tod = (local % US_PER_DAY).alias("tod")
    step = frame.lazy().with_columns(day, tod)
    k = pl.lit(cum).gather(pl.col("day")) + pl.col("limit") - 1
    moved = (pl.lit(flags).gather(pl.col("day")) == 0) | (pl.col("tod") >= proto.closing_us)
    step = step.with_columns((k + moved.cast(pl.Int64)).alias("k"))
    step = step.with_columns(
        pl.lit(wd_at).gather(pl.col("k")).alias("at"),
        pl.lit(wd_day).gather(pl.col("k")).alias("last"),
        pl.lit(month).gather(pl.col("day")).alias("month"),
        pl.col("returned_at").dt.epoch("us").alias("ret"),
    )
    ret_day = (pl.col("ret") + OFFSET_US) // US_PER_DAY - proto.base
    done = pl.col("ret").is_not_null() & (pl.col("ret") <= as_of_us)
    status = (
        pl.when(pl.col("received_at").dt.epoch("us") > as_of_us)
        .then(0)
        .when(done & (pl.col("ret") > pl.col("at")))
        .then(3)
        .when(done & (ret_day < pl.col("last")))
        .then(1)
        .when(done)
        .then(2)
        .when(as_of_us <= pl.col("at"))
        .then(4)
        .otherwise(5)
    )
    return (
        step.with_columns(status.alias("status"))
        .group_by("month")
        .agg(*(pl.col("status").eq(i).sum().alias(str(i)) for i in range(6)))
        .collect()
    )


def duckdb_part(proto: Prototype, received: Any, limit: Any, repeat: int, n: int) -> None:
    try:
        import duckdb
        import pyarrow as pa
    except ImportError:
        print("  duckdb not installed: skipped")
        return
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    log = pa.table(
        {
            "received_at": pa.array(received, pa.int64()).cast(pa.timestamp("us", tz="UTC")),
            "limit": pa.array(limit, pa.int64()),
        }
    )
    con.register("log", log)
    batch.register_duckdb(con, calendar_table=None)
    # the plain-SQL reference: the prototype's tables as DuckDB tables
    con.register(
        "p_day",
        pa.table(
            {
                "d": np.arange(proto.n, dtype=np.int64),
                # the prototype's rule: a start moved to the next working day (a day
                # off, at/after closing) adds one, unless that day is day one
                "k0": proto.cum + (0 if proto.moved_is_day_one else (proto.flags == 0)),
                "k1": proto.cum + (0 if proto.moved_is_day_one else 1),
            }
        ),
    )
    con.register("p_wd", pa.table({"k": np.arange(proto.wd_at.size), "at": proto.wd_at}))
    con.execute("CREATE TEMP TABLE pd_ AS SELECT * FROM p_day")
    con.execute("CREATE TEMP TABLE pw_ AS SELECT * FROM p_wd")
    local = f"(epoch_us(received_at) + {OFFSET_US})"
    plain = f"""
        SELECT sum(w.at) FROM (
            SELECT {local} // {US_PER_DAY} - {proto.base} AS d,
                   {local} % {US_PER_DAY} >= {proto.closing_us} AS late_, {{limit}} AS lim
            FROM log) l
        JOIN pd_ c ON c.d = l.d
        JOIN pw_ w ON w.k = CASE WHEN late_ THEN c.k1 ELSE c.k0 END + lim - 1"""
    for label, lim in (("7 working days", "7"), ("per-row limit", '"limit"')):
        ours = f"SELECT sum(epoch_us(due_date(received_at, {lim}))) FROM log"
        reference = plain.format(limit=lim)
        t_ours, got = best(lambda q=ours: con.execute(q).fetchone(), repeat)
        t_plain, want = best(lambda q=reference: con.execute(q).fetchone(), repeat)
        equal = got[0] == want[0]
        line(f"DuckDB due_date(), {label}", t_ours, t_plain, f"plain SQL (equal: {equal})")
        if not equal:
            raise SystemExit("DuckDB due_date() differs from the plain SQL")
    con.close()


def run(n: int, repeat: int, cal: Any, proto: Prototype, *, memory: bool = True) -> None:
    received, limit, returned, open_ = synthetic(n)
    moments = received.view("datetime64[us]")
    print(f"\n{n:,} rows (receipts 2024–2026, limits 1–30 working days)")
    # checked equal before timing
    due = batch.due_dates(moments, limit, calendar=cal)
    at, _ = proto.due(received, limit)
    same_due = bool(np.array_equal(due.at.view(np.int64), at)) and bool(due.valid.all())
    frame = frame_of(received, limit, returned, open_)
    summary = batch.summarize(frame, AS_OF, by="month", calendar=cal)
    same_counts = tthc_monthly(summary) == proto_monthly(prototype_from_frame(proto, frame))
    edges, edge_limits = edge_rows(cal, proto)
    edge = batch.due_dates(edges.view("datetime64[us]"), edge_limits, calendar=cal)
    same_edges = bool(np.array_equal(edge.at.view(np.int64), proto.due(edges, edge_limits)[0]))
    print(f"  edge rows (special days × office-hour edges): {edges.size:,}, equal: {same_edges}")
    print(f"  due moments equal: {same_due}; monthly counts equal: {same_counts}")
    if not (same_due and same_counts and same_edges):
        raise SystemExit("tthc differs from the prototype: nothing timed")
    print(f"  {'':46s}{'tthc':>12s} {'reference':>12s}  ratio")
    t_due, _ = best(lambda: batch.due_dates(moments, limit, calendar=cal).at, repeat)
    t_pdue, _ = best(lambda: proto.due(received, limit)[0], repeat)
    line("due_dates(datetime64, int array).at", t_due, t_pdue, "prototype")
    t_sum, _ = best(lambda: batch.summarize(frame, AS_OF, by="month", calendar=cal), repeat)
    t_psum, _ = best(lambda: prototype_from_frame(proto, frame), repeat)
    line("summarize(pandas, by='month')", t_sum, t_psum, "prototype")
    try:
        import polars as pl
    except ImportError:
        print("  polars not installed: skipped")
    else:
        pframe = pl.from_pandas(frame)
        as_of_us = _us(AS_OF)
        t_pl, _ = best(lambda: polars_monthly(proto, pframe, as_of_us), repeat)
        line("summarize(pandas, by='month')", t_sum, t_pl, "Polars")
    duckdb_part(proto, received, limit, repeat, n)
    if memory:
        measure_memory(frame, cal, proto)


def measure_memory(frame: pd.DataFrame, cal: Any, proto: Prototype) -> None:
    """Peak memory allocated during one summary (numpy arrays included: tracemalloc)."""
    import gc
    import tracemalloc

    peaks = {}
    for who, fn in (
        ("tthc", lambda: batch.summarize(frame, AS_OF, by="month", calendar=cal)),
        ("prototype", lambda: prototype_from_frame(proto, frame)),
    ):
        gc.collect()
        tracemalloc.start()
        fn()
        peaks[who] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    ratio = peaks["tthc"] / max(peaks["prototype"], 1e-9)
    print(
        f"  peak memory allocated by summarize: tthc {peaks['tthc']:,.0f} MiB, prototype "
        f"{peaks['prototype']:,.0f} MiB ({ratio:.2f}×; the frame itself: "
        f"{frame.memory_usage(deep=True).sum() / 2**20:,.0f} MiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory comparison")
    args = parser.parse_args()
    warnings.simplefilter("ignore", ProvisionalCalendarWarning)  # 2027 days are provisional
    print(f"Python {platform.python_version()} on {platform.machine()}, numpy {np.__version__}")
    cal = official_calendar()
    proto = prototype_for(cal)
    batch.due_dates(np.array(["2025-01-01"], dtype="datetime64[us]"), 1)  # warm-up
    for n in args.sizes:
        run(n, args.repeat, cal, proto, memory=not args.no_memory)


if __name__ == "__main__":
    main()
