"""Benchmark the national catalogue file: open, get, search, and `tthc show CODE` wall time.

Run from a clone (``PYTHONPATH=src`` or an editable install):

    python benchmarks/bench_catalogue_store.py            # the shipped file, 100,000 synthetic
    python benchmarks/bench_catalogue_store.py --smoke    # tiny sizes (what CI runs)

Targets (issue 17): open ≤ 50 ms; get ≤ 0.2 ms; search ≤ 2 ms per query on the
shipped catalogue and ≤ 20 ms at 100,000 procedures; ``tthc show CODE`` ≤ 0.3 s
wall. Peers, from the same run: the same queries answered by folding every
name in Python (what a catalogue without an index does), and by a SQL scan of
the folded names (the store without its FTS5 trigram index).
"""

from __future__ import annotations

import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tthc._text import fold
from tthc.catalogue import Catalogue, open_catalogue
from tthc.catalogue._store import _COLUMNS, _DDL, _FTS, Store


def per_call(fn: object, items: list[str]) -> float:
    """Mean milliseconds of ``fn(item)`` over ``items``."""
    start = time.perf_counter()
    for item in items:
        fn(item)  # type: ignore[operator]
    return (time.perf_counter() - start) / max(len(items), 1) * 1000


def queries_from(names: tuple[str, ...], n: int, seed: int = 17) -> list[str]:
    """Two- or three-word runs of real names, without diacritics half of the time."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = rng.choice(names).split()
        k = min(len(words), rng.choice((2, 3)))
        start = rng.randrange(0, len(words) - k + 1)
        text = " ".join(words[start : start + k])
        out.append(fold(text) if rng.random() < 0.5 else text)
    return out


def synthetic(path: Path, shipped: str, n: int) -> None:
    """A catalogue file of ``n`` procedures: the shipped rows repeated under new codes.

    Written by SQL from the shipped file (names, folded columns and stored records copied, the
    index rebuilt), so that building it takes seconds; searching it is what is measured.
    """
    conn = sqlite3.connect(path)
    conn.executescript(_DDL)
    conn.execute(_FTS)
    conn.execute("ATTACH DATABASE ? AS src", (shipped,))
    size = conn.execute("SELECT count(*) FROM src.procedures").fetchone()[0]
    columns = ", ".join(_COLUMNS[1:])
    for k in range(-(-n // size)):
        conn.execute(
            f"INSERT INTO procedures (id, code, {columns}) "
            f"SELECT id + ?1, printf('9.%06d', id + ?1), {columns} FROM src.procedures "
            "WHERE id + ?1 <= ?2",
            (k * size, n),
        )
        conn.execute(
            "INSERT INTO records SELECT id + ?1, procedure, about FROM src.records "
            "WHERE id + ?1 <= ?2",
            (k * size, n),
        )
    conn.execute("INSERT INTO meta SELECT key, value FROM src.meta")
    conn.execute("INSERT INTO names (rowid, folded_name) SELECT id, folded_name FROM procedures")
    conn.commit()
    conn.execute("DETACH DATABASE src")
    conn.close()


def main() -> None:
    smoke = "--smoke" in sys.argv
    national = open_catalogue()
    path = national.path
    assert path is not None
    print(f"python {platform.python_version()}, {platform.machine()}; {path}")
    print(f"shipped catalogue: {len(national)} procedures, snapshot {national.snapshot}")

    opens = [0.0] * (3 if smoke else 30)
    for i in range(len(opens)):
        start = time.perf_counter()
        Catalogue.load(path).get("1.004222")
        opens[i] = (time.perf_counter() - start) * 1000
    print(f"open + first get: median {statistics.median(opens):.2f} ms (target ≤ 50 ms)")

    codes = list(national.codes())
    random.Random(1).shuffle(codes)
    codes = codes[: 100 if smoke else len(codes)]
    fresh = Catalogue.load(path)
    cold = per_call(fresh.get, codes)
    warm = per_call(fresh.get, codes)
    print(f"get, cold (each code decoded once): {cold:.3f} ms per call (target ≤ 0.2 ms)")
    rich = [c for c in codes if fresh.get(c).methods]
    bare = [c for c in codes if not fresh.get(c).methods]
    for label, part in (("with methods (pages)", rich), ("list rows only", bare)):
        again = Catalogue.load(path)
        print(f"  cold, {label}: {per_call(again.get, part):.3f} ms per call ({len(part)} codes)")
    print(f"get, warm (decoded before):         {warm:.4f} ms per call")

    names = national.search("").names
    queries = queries_from(names, 10 if smoke else 500)
    search = per_call(lambda q: len(fresh.search(q)), queries)
    listed = per_call(lambda q: fresh.search(q).codes, queries)
    folded = [fold(n) for n in names]
    naive = per_call(lambda q: [n for n in names if fold(q) in fold(n)], queries[:50])
    prefolded = per_call(lambda q: [n for n in folded if fold(q) in n], queries)
    scan = Store.open(path)
    scan.fts = False  # the same store, answering by a scan of the folded names
    sql_scan = per_call(lambda q: scan.search(fold(q)), queries)
    hits = statistics.mean(len(fresh.search(q)) for q in queries)
    print(f"search ({len(queries)} queries, {hits:.0f} hits on average):")
    print(f"  tthc (FTS5 trigram index):         {search:.3f} ms per query (target ≤ 2 ms)")
    print(f"  tthc, with the codes and names:    {listed:.3f} ms per query")
    print(f"  SQL scan of the folded names:      {sql_scan:.3f} ms  ({sql_scan / search:.1f}×)")
    print(f"  Python scan, names folded before:  {prefolded:.3f} ms  ({prefolded / search:.1f}×)")
    print(f"  Python scan, folding every name:   {naive:.3f} ms  ({naive / search:.1f}×)")

    size = 1_000 if smoke else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        big_path = Path(tmp) / "big.sqlite"
        start = time.perf_counter()
        synthetic(big_path, path, size)
        built = time.perf_counter() - start
        big = Catalogue.load(big_path)
        big_search = per_call(lambda q: len(big.search(q)), queries)
        big_hits = statistics.mean(len(big.search(q)) for q in queries)
        print(
            f"search at {size:,} procedures (file built in {built:.1f} s): "
            f"{big_search:.3f} ms per query, {big_hits:.0f} hits on average (target ≤ 20 ms)"
        )

    runs = 1 if smoke else 7
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tthc", "show", "1.004222"], check=True,
                       capture_output=True)  # fmt: skip
        walls.append(time.perf_counter() - start)
    imports = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import tthc.cli"], check=True)
        imports.append(time.perf_counter() - start)
    print(
        f"tthc show 1.004222: median {statistics.median(walls):.3f} s wall "
        f"(python + import tthc.cli alone: {statistics.median(imports):.3f} s; target ≤ 0.3 s)"
    )


if __name__ == "__main__":
    main()
