"""Benchmark the dossier metrics: one pass, constant memory, over generated dossiers.

Run from a clone (``pip install -e .`` first):

    python benchmarks/bench_dossiers.py            # 1,000,000 dossiers
    python benchmarks/bench_dossiers.py 100000     # fewer

Dossiers are generated lazily (a generator), so memory stays flat whatever
the count. The script prints the rate (dossiers per second) and the growth of
the process's peak resident memory while summarising (``ru_maxrss``, no
tracing overhead), against the memory that 10,000 dossiers take when held in
a list, for comparison.
"""

from __future__ import annotations

import datetime as dt
import platform
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator

from tthc import catalogue
from tthc.deadlines import VIETNAM
from tthc.dossiers import summarize
from tthc.model import Channel, Dossier, Received, Returned

START = dt.datetime(2025, 7, 1, 8, tzinfo=VIETNAM)
AS_OF = dt.datetime(2026, 11, 20, 17, tzinfo=VIETNAM)


def generate(n: int, seed: int = 20261122) -> Iterator[Dossier]:
    rng = random.Random(seed)
    procedure = catalogue.get("1.004222")
    channels = list(Channel)
    for _ in range(n):
        received = START + dt.timedelta(minutes=rng.randrange(500 * 24 * 60))
        events: list[Received | Returned] = [Received(received)]
        if rng.random() < 0.9:
            events.append(Returned(received + dt.timedelta(hours=rng.randrange(1, 24 * 14))))
        yield Dossier(procedure=procedure, channel=rng.choice(channels), events=events)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"python {platform.python_version()} on {platform.machine()}, {n:,} dossiers")

    tracemalloc.start()
    held = list(generate(10_000))
    held_bytes = tracemalloc.get_traced_memory()[0]
    del held
    tracemalloc.stop()

    summarize(generate(1_000), as_of=AS_OF)  # warm the calendar and caches
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    began = time.perf_counter()
    metrics = summarize(generate(n), as_of=AS_OF)
    elapsed = time.perf_counter() - began
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before

    print(f"summarize: {elapsed:.1f} s, {n / elapsed:,.0f} dossiers/s")
    print(f"peak resident memory grew by {growth:,} KiB while summarising")
    print(f"for comparison, 10,000 dossiers held in a list: {held_bytes / 1024:,.0f} KiB")
    print(
        f"received={metrics.received:,} resolved={metrics.resolved:,} "
        f"on_time_rate={metrics.on_time_rate:.3f} progress_rate={metrics.progress_rate:.3f}"
    )


if __name__ == "__main__":
    main()
