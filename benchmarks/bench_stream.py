"""Benchmark streaming a Parquet dossier log through tthc.batch.summarize_parquet.

Run from a clone (``pip install -e '.[batch]'`` first):

    python benchmarks/bench_stream.py                # 10,000,000 dossiers
    python benchmarks/bench_stream.py 20000 5000     # rows, batch size: a smoke run

It writes the synthetic log of ``bench_batch.py`` (receipts 2024–2026,
limits 1–30 working days, 7% open) to a Parquet file in chunks of one
million rows, so the generation itself holds one chunk at a time, and a
second file with the first tenth of the rows. Each file is then summarised by
month in a fresh process (``summarize_parquet(path, as_of, by="month",
batch_size=…)``), which reports its time and how much its peak resident
memory (``ru_maxrss``) grew over the baseline after imports. Equal growth for
both files shows that memory follows the batch size, not the row count; the
time is extrapolated linearly to 100 million rows.
"""

from __future__ import annotations

import json
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).parent))
from bench_batch import AS_OF, synthetic_log

from tthc import batch
from tthc.errors import ProvisionalCalendarWarning

N = 10_000_000
BATCH_SIZE = 1_000_000
CHUNK = 1_000_000
TARGET = 100_000_000


def write(path: Path, small: Path, n: int) -> float:
    """Write ``n`` rows to ``path`` and the first tenth to ``small``; seconds taken."""
    began = time.perf_counter()
    schema = None
    writer = small_writer = None
    written = 0
    try:
        for start in range(0, n, CHUNK):
            rows = min(CHUNK, n - start)
            table = pa.Table.from_pandas(synthetic_log(rows, seed=start), preserve_index=False)
            if writer is None:
                schema = table.schema
                writer = pq.ParquetWriter(path, schema)
                small_writer = pq.ParquetWriter(small, schema)
            writer.write_table(table)
            tenth = max(0, min(rows, n // 10 - written))
            if tenth and small_writer is not None:
                small_writer.write_table(table.slice(0, tenth))
            written += rows
    finally:
        for open_writer in (writer, small_writer):
            if open_writer is not None:
                open_writer.close()
    return time.perf_counter() - began


def summarize_in_this_process(path: str, batch_size: int) -> None:
    """The child process: time and peak-memory growth of one streamed summary, as JSON."""
    warnings.simplefilter("ignore", ProvisionalCalendarWarning)
    batch.summarize(synthetic_log(1000), AS_OF, by="month")  # calendar tables, imports
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    began = time.perf_counter()
    summary = batch.summarize_parquet(path, AS_OF, by="month", batch_size=batch_size)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    received = int(pc.sum(summary.column("received")).as_py())
    print(
        json.dumps(
            {
                "seconds": seconds,
                "baseline_kib": baseline,
                "growth_kib": peak - baseline,
                "received": received,
                "months": summary.num_rows,
            }
        )
    )


def numpy_in_this_process(path: str, batch_size: int) -> None:
    """The reference child: the exact numpy prototype over the same batches, as JSON."""
    import numpy as np
    from bench_reference import prototype_for

    from tthc.deadlines import official_calendar

    proto = prototype_for(official_calendar())
    as_of_us = int(AS_OF.timestamp() * 1_000_000)

    def ints(column: pa.Array) -> tuple[np.ndarray, np.ndarray]:
        values = column.cast(pa.timestamp("us", tz="UTC")).view(pa.int64())
        null = column.is_null().to_numpy(zero_copy_only=False)
        return values.fill_null(0).to_numpy(zero_copy_only=False), null

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    totals: dict[str, dict[str, int]] = {}
    source = pq.ParquetFile(path, pre_buffer=False)
    columns = ["received_at", "limit", "returned_at"]
    for part in source.iter_batches(batch_size=batch_size, columns=columns):
        received, _ = ints(part.column(0))
        returned, open_ = ints(part.column(2))
        limit = part.column(1).to_numpy(zero_copy_only=False)
        for month, counts in proto.monthly(received, limit, returned, open_, as_of_us).items():
            into = totals.setdefault(month, dict.fromkeys(counts, 0))
            for key, value in counts.items():
                into[key] += value
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    received_total = sum(sum(c[k] for k in c if k != "not_received") for c in totals.values())
    print(
        json.dumps(
            {
                "seconds": seconds,
                "baseline_kib": baseline,
                "growth_kib": peak - baseline,
                "received": received_total,
                "months": len(totals),
            }
        )
    )


def write_in_this_process(path: str, small: str, n: int) -> None:
    """The writing child process: seconds and peak memory, as JSON."""
    seconds = write(Path(path), Path(small), n)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kib": peak}))


def _child(*arguments: str) -> dict[str, float]:
    # Each step runs in a fresh process: Linux keeps ru_maxrss across fork and
    # exec, so a child starts from this (small) process's peak, below its own
    # baseline after imports, and the growth it reports is its own.
    out = subprocess.run(
        [sys.executable, __file__, *arguments], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else N
    batch_size = int(sys.argv[2]) if len(sys.argv) > 2 else BATCH_SIZE
    print(f"Python {platform.python_version()} on {platform.machine()}, pyarrow {pa.__version__}")
    folder = Path(tempfile.mkdtemp(prefix="tthc-bench-stream-"))
    try:
        path, small = folder / "log.parquet", folder / "log-tenth.parquet"
        wrote = _child("--write", str(path), str(small), str(n))
        size = path.stat().st_size
        print(
            f"wrote {n:,} dossiers in {wrote['seconds']:.1f} s: {size / 2**20:,.0f} MiB of Parquet "
            f"(peak RSS {wrote['peak_kib'] / 1024:,.0f} MiB, chunks of {CHUNK:,} rows)"
        )
        results = {}
        for label, file, rows in (("all", path, n), ("first tenth", small, n // 10)):
            if rows == 0:
                continue
            got = _child("--summarize", str(file), str(batch_size))
            results[label] = got
            print(
                f"summarize_parquet({label}: {rows:,} rows, batch_size={batch_size:,}): "
                f"{got['seconds']:.2f} s ({rows / got['seconds']:,.0f} dossiers/s), "
                f"peak RSS +{got['growth_kib'] / 1024:,.0f} MiB over a "
                f"{got['baseline_kib'] / 1024:,.0f} MiB baseline; "
                f"{int(got['received']):,} received in {int(got['months'])} months"
            )
        reference = _child("--numpy", str(path), str(batch_size))
        full = results["all"]
        print(
            f"streaming numpy prototype (same batches): {reference['seconds']:.2f} s, peak RSS "
            f"+{reference['growth_kib'] / 1024:,.0f} MiB; summarize_parquet / prototype: "
            f"{full['seconds'] / reference['seconds']:.2f}× time, received equal: "
            f"{int(reference['received']) == int(full['received'])}"
        )
        if n <= 2_000_000:  # small enough to check against the in-memory summary
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ProvisionalCalendarWarning)
                whole = batch.summarize(pq.read_table(path).to_pandas(), AS_OF, by="month")
                streamed = batch.summarize_parquet(
                    path, AS_OF, by="month", batch_size=batch_size, kind="pandas"
                )
            same = (
                whole.sort_values("month")
                .reset_index(drop=True)
                .equals(streamed.sort_values("month").reset_index(drop=True))
            )
            print(f"equal to the in-memory summary: {same}")
        per_row = full["seconds"] / n
        peak = (full["baseline_kib"] + full["growth_kib"]) / 1024
        print(f"extrapolated to {TARGET:,} rows: {per_row * TARGET / 60:.1f} min on this machine")
        tenth = results.get("first tenth")
        if tenth is not None:
            # Growth from a tenth of the rows to all of them, extrapolated linearly
            # (an upper bound if memory plateaus, as it should when streaming).
            per_extra_row = (full["growth_kib"] - tenth["growth_kib"]) / (n - n // 10) / 1024
            projected = peak + max(per_extra_row, 0.0) * (TARGET - n)
            print(
                f"memory: peak {peak:,.0f} MiB for {n:,} rows, growth "
                f"{tenth['growth_kib'] / 1024:,.0f} MiB for a tenth and "
                f"{full['growth_kib'] / 1024:,.0f} MiB for all; linear upper bound for "
                f"{TARGET:,} rows: {projected:,.0f} MiB"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--summarize":
        summarize_in_this_process(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--numpy":
        numpy_in_this_process(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--write":
        write_in_this_process(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
