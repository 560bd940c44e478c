"""Benchmark Decision 766's scorecard over a generated columnar dossier log.

Run from a clone (``pip install -e '.[batch]'`` first):

    python benchmarks/bench_scorecard.py            # 1,000,000 dossiers
    python benchmarks/bench_scorecard.py 100000     # fewer

The log is a pyarrow Table with every column the scorecard reads (receipt,
limit, return, channel, agency, the digitisation, payment and satisfaction
facts). The script prints the time of one scorecard (everything) and of one
per agency (20 agencies), best of ``REPEAT`` runs after a warm-up on 1,000
rows, and the rate. The machine may be shared: the best run is the measure.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import time
import warnings

import numpy as np
import pyarrow as pa

from tthc.deadlines import VIETNAM
from tthc.errors import ProvisionalCalendarWarning
from tthc.scorecard import Period, scorecard

PERIOD = Period.quarter(2026, 3)
REPEAT = 3


def generate(n: int, seed: int = 20261127) -> pa.Table:
    """``n`` dossiers received in the second and third quarters of 2026."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2026-04-01T01:00", "us")  # 08:00 in Vietnam
    received = start + rng.integers(0, 180 * 24 * 60, n).astype("timedelta64[m]")
    returned = received + rng.integers(60, 20 * 24 * 60, n).astype("timedelta64[m]")
    returned[rng.random(n) < 0.1] = np.datetime64("NaT")

    def flag(p: float) -> np.ndarray:
        return rng.random(n) < p

    fee = rng.integers(0, 3, n) * 50_000
    rating = np.where(flag(0.05), "unsatisfied", np.where(flag(0.3), "satisfied", None))
    return pa.table(
        {
            "received_at": pa.array(received, pa.timestamp("us", tz="UTC")),
            "limit": pa.array(rng.choice([1, 3, 5, 7, 10, 15], n)),
            "returned_at": pa.array(returned, pa.timestamp("us", tz="UTC")),
            "channel": pa.array(
                rng.choice(["online", "in_person", "postal"], n)
            ).dictionary_encode(),
            "agency": pa.array(rng.integers(0, 20, n)),
            "synced_to_portal": flag(0.95),
            "electronic_result": flag(0.6),
            "components_digitised": flag(0.7),
            "data_reused": flag(0.4),
            "linked_to_personal_store": flag(0.1),
            "population_data_used": flag(0.5),
            "paid_online": flag(0.3),
            "synced_fee": pa.array(fee),
            "rating": pa.array(rating.tolist()),
            "feedback_count": pa.array(np.where(flag(0.01), 1, 0)),
            "paper_result": flag(0.8),
            "fee_bearing": flag(0.5),
            "full_online_eligible": flag(0.6),
            "full_online_service": flag(0.3),
        }
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"python {platform.python_version()} on {platform.machine()}, {n:,} dossiers")
    as_of = dt.datetime(2026, 9, 30, 17, tzinfo=VIETNAM)
    warnings.simplefilter("ignore", ProvisionalCalendarWarning)
    scorecard(generate(1_000), period=PERIOD, as_of=as_of)  # warm the calendar tables
    log = generate(n)
    whole = grouped = float("inf")
    for _ in range(REPEAT):
        began = time.perf_counter()
        card = scorecard(log, period=PERIOD, as_of=as_of)
        whole = min(whole, time.perf_counter() - began)
        began = time.perf_counter()
        per_agency = scorecard(log, period=PERIOD, as_of=as_of, by="agency")
        grouped = min(grouped, time.perf_counter() - began)
    total = card.total()
    print(f"scorecard:            {whole:6.2f} s  ({n / whole:,.0f} dossiers/s)")
    print(f"scorecard by agency:  {grouped:6.2f} s  ({len(per_agency.units) - 1} agencies)")
    print(f"total {total.points:.2f} of {total.computed_maximum:g} computable ({total.maximum:g})")


if __name__ == "__main__":
    main()
