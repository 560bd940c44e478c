"""Benchmark catalogue search: the index built once vs folding every name per query.

Run from a clone (``pip install -e .`` first):

    python benchmarks/bench_catalogue.py            # 10,000 procedures, 2,000 queries
    python benchmarks/bench_catalogue.py 1000 200   # fewer

When ``../shared/realdata`` is there (a clone of the project's workspace), the
procedure names are the 2,642 real names of its portal pages, cycled to the
size asked for. Otherwise they are generated from the words of the shipped catalogue's names,
steps and conditions (hundreds of distinct words, as real names have);
queries are two- or three-word runs taken from the generated names, typed
without diacritics half of the time.
The script prints the time to build the catalogue (and its index), the mean
time per query of :meth:`tthc.catalogue.Catalogue.search`, and of the naive
approach it replaces (fold every name on every query), with the ratio. The
target is ≤ 1 ms per query over 10,000 procedures.
"""

from __future__ import annotations

import gzip
import json
import platform
import random
import sys
import time
from pathlib import Path

import attrs

from tthc import catalogue
from tthc._text import fold
from tthc.catalogue import Catalogue
from tthc.model import Procedure, ProcedureCode

REALDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "realdata"
PAGES = REALDATA / "portal-pages-2026.jsonl.gz"


def real_names() -> list[str]:
    """The 2,642 real procedure names of ../shared/realdata, when that corpus is there."""
    if not PAGES.exists():
        return []
    with gzip.open(PAGES, "rt", encoding="utf-8") as f:
        return [json.loads(line)["ten_thu_tuc"] for line in f]


def generate(n: int, seed: int = 20261127) -> list[Procedure]:
    rng = random.Random(seed)
    shipped = catalogue.procedures()
    names = real_names()
    if names:  # real names, each repeated with a distinct code until n
        return [
            attrs.evolve(
                shipped[i % len(shipped)],
                code=ProcedureCode(f"{1 + i // 999_999}.{i % 999_999:06d}"),
                name=names[i % len(names)],
            )
            for i in range(n)
        ]
    texts = [p.name for p in shipped] + [s for p in shipped for s in (*p.steps, *p.conditions)]
    words = sorted({w.strip(".,;:()") for t in texts for w in t.split()} - {""})
    out = []
    for i in range(n):
        template = shipped[i % len(shipped)]
        name = " ".join(rng.choice(words) for _ in range(rng.randint(4, 14)))
        code = ProcedureCode(f"{1 + i // 999_999}.{i % 999_999:06d}")
        out.append(attrs.evolve(template, code=code, name=name))
    return out


def queries(procedures: list[Procedure], k: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(k):
        words = rng.choice(procedures).name.split()
        start = rng.randrange(max(1, len(words) - 2))
        text = " ".join(words[start : start + rng.randint(2, 3)])
        out.append(fold(text) if rng.random() < 0.5 else text)
    return out


def naive(procedures: list[Procedure], text: str) -> tuple[Procedure, ...]:
    wanted = fold(text)
    return tuple(p for p in procedures if wanted in fold(p.name))


def main(n: int = 10_000, k: int = 2_000) -> None:
    procedures = generate(n)
    texts = queries(procedures, k)
    started = time.perf_counter()
    built = Catalogue(procedures)
    build = time.perf_counter() - started
    started = time.perf_counter()
    results = [built.search(t) for t in texts]
    indexed = (time.perf_counter() - started) / k
    sample = texts[: max(1, k // 20)]
    started = time.perf_counter()
    expected = [naive(procedures, t) for t in sample]
    scanned = (time.perf_counter() - started) / len(sample)
    assert results[: len(sample)] == expected, "the index and the scan disagree"
    print(f"python {platform.python_version()} on {platform.machine()}")
    print("names: " + ("real (../shared/realdata)" if real_names() else "generated"))
    print(f"{n:,} procedures, {k:,} queries (mean {sum(map(len, results)) / k:.1f} hits)")
    print(f"build catalogue + index: {build * 1000:.0f} ms")
    print(f"Catalogue.search:        {indexed * 1000:.3f} ms per query")
    print(f"fold every name (naive): {scanned * 1000:.3f} ms per query")
    print(f"ratio: {scanned / indexed:.0f}x")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
