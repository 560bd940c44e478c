"""Benchmark the portal reader against merely parsing the file it reads.

Run from a clone (``pip install -e .`` first):

    python benchmarks/bench_reader.py        # every record of ../shared/realdata
    python benchmarks/bench_reader.py 100    # the first 100 records of each file

For each real file (the 2,642 portal pages; the 502 API detail records) it
prints the CPU time to parse the file (gzip + ``json.loads`` per line, the floor
any reader pays), the time of :func:`tthc.read_portal_records` on the parsed
records, and their ratio. The target (issue 17) is reading ≤ 5× parsing for
the pages. Without ``../shared/realdata`` the script reads a small generated
batch so it still runs (and says so).
"""

from __future__ import annotations

import gzip
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

from tthc import read_portal_records

REALDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "realdata"
FILES = {
    "portal pages 2026": REALDATA / "portal-pages-2026.jsonl.gz",
    "portal API details": REALDATA / "portal-api-2026" / "opengov-details-2026-07.jsonl.gz",
}


def parse(path: Path, limit: int | None) -> list[Any]:
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            records.append(json.loads(line))
    return records


def best_of(repeat: int, run: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()  # CPU time: steadier than wall time on a busy machine
        result = run()
        best = min(best, time.process_time() - start)
    return best, result


def main(limit: int | None = None) -> None:
    print(f"python {platform.python_version()} on {platform.machine()}")
    found = {name: path for name, path in FILES.items() if path.exists()}
    if not found:
        print("../shared/realdata is absent: a generated batch of 50 records instead")
        records = [
            {"Mã thủ tục": "1.000894", "Tên thủ tục": "Đăng ký kết hôn", "Cấp thực hiện": "Cấp xã"}
        ] * 50
        seconds, batch = best_of(3, lambda: read_portal_records(records))
        print(f"read {len(batch.procedures)} procedures in {seconds * 1000:.1f} ms")
        return
    for name, path in found.items():
        parse_s, records = best_of(3, lambda p=path: parse(p, limit))
        read_s, batch = best_of(3, lambda r=records: read_portal_records(r))
        print(
            f"{name}: {len(records):,} records, {len(batch.procedures):,} procedures; "
            f"parse {parse_s:.3f} s, read {read_s:.3f} s "
            f"({len(records) / read_s:,.0f} records/s), read/parse = {read_s / parse_s:.1f}x"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
