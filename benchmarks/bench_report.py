"""Benchmark the reform report over a generated dossier log of many rows.

Run from a clone (``pip install -e '.[scorecard]'`` first):

    python benchmarks/bench_report.py              # 10,000,000 dossiers
    python benchmarks/bench_report.py 1000000      # fewer

The log is a pandas DataFrame (aware receipt and return moments, working-day
limits, a categorical channel and agency, the full-online, digitised-result,
rating and tier columns), received over the first seven months of 2022. The
script prints the time of one :func:`tthc.reports.reform_report` (everything,
then by agency), best of ``REPEAT`` runs after a warm-up, next to
:func:`tthc.batch.summarize` over the same log (the engine's own pass: the
report's overhead is the ratio), and checks that both agree on the counts.
The machine may be shared: the best run is the measure.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import time

import numpy as np
import pandas as pd

from tthc.batch import summarize
from tthc.reports import reform_report
from tthc.scorecard import Period

PERIOD = Period(dt.date(2022, 1, 1), dt.date(2022, 7, 31))
REPEAT = 3


def generate(n: int, seed: int = 22) -> pd.DataFrame:
    """``n`` dossiers received from January to July 2022 (Vietnam)."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2022-01-03T01:00", "us")  # 08:00 in Vietnam
    received = start + rng.integers(0, 208 * 24 * 60, n).astype("timedelta64[m]")
    returned = received + rng.integers(60, 25 * 24 * 60, n).astype("timedelta64[m]")
    returned[rng.random(n) < 0.08] = np.datetime64("NaT")
    channel = pd.Categorical.from_codes(
        rng.choice(3, n, p=[0.8, 0.04, 0.16]), ["in_person", "postal", "online"]
    )
    tier = pd.Categorical.from_codes(rng.choice(3, n), ["province", "district", "commune"])
    agency = pd.Categorical.from_codes(rng.integers(0, 20, n), [f"agency {i}" for i in range(20)])
    rating = pd.Categorical.from_codes(
        rng.choice([-1, 0, 1], n, p=[0.6, 0.37, 0.03]), ["satisfied", "unsatisfied"]
    )
    return pd.DataFrame(
        {
            "received_at": pd.DatetimeIndex(received).tz_localize("UTC"),
            "limit": rng.choice(np.array([1, 3, 5, 7, 10, 15]), n),
            "returned_at": pd.DatetimeIndex(returned).tz_localize("UTC"),
            "channel": channel,
            "full_online_service": rng.random(n) < 0.5,
            "result_digitised": rng.random(n) < 0.4,
            "rating": rating,
            "tier": tier,
            "agency": agency,
        }
    )


def best(run: object, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return min(times)


def main(n: int) -> None:
    print(f"python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}")
    began = time.perf_counter()
    log = generate(n)
    print(f"generated {n:,} dossiers in {time.perf_counter() - began:.1f} s")
    reform_report(generate(1000), period=PERIOD)  # warm-up: the calendar tables
    report = reform_report(log, period=PERIOD)
    total = report.total
    engine = summarize(log, PERIOD.end_moment).iloc[0]
    names = ("received", "resolved", "late", "open_overdue", "online", "postal", "in_person")
    agree = all(getattr(total, k) == int(engine[k]) for k in names)
    print(
        f"received={total.received:,} online_share={total.online_share:.4f} "
        f"late={total.late:,} open_overdue={total.open_overdue:,}"
    )
    print(f"equal to tthc.batch.summarize on the counts: {agree}")
    t_report = best(lambda: reform_report(log, period=PERIOD))
    t_by = best(lambda: reform_report(log, period=PERIOD, by="agency"))
    t_engine = best(lambda: summarize(log, PERIOD.end_moment))
    import pyarrow as pa

    table = pa.Table.from_pandas(log, preserve_index=False)
    t_arrow = best(lambda: reform_report(table, period=PERIOD))
    rate = n / t_report / 1e6
    print(f"tthc.reports.reform_report, pandas input   {t_report:8.2f} s  ({rate:.1f} M rows/s)")
    print(f"tthc.reports.reform_report, by agency      {t_by:8.2f} s")
    print(f"tthc.reports.reform_report, pyarrow input  {t_arrow:8.2f} s")
    print(f"tthc.batch.summarize (engine alone)        {t_engine:8.2f} s")
    print(f"report / engine ratio                      {t_report / t_engine:8.2f}")
    if not agree:
        sys.exit(1)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000)
