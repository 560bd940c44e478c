"""Every benchmark runs on a tiny size, so none can rot (timings are not checked, answers are)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def run(script: str, *arguments: str) -> str:
    path = BENCHMARKS / script
    if not path.exists():  # an installed sdist without the benchmarks folder
        pytest.skip(f"{path} not found")
    done = subprocess.run(
        [sys.executable, str(path), *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_bench_deadlines() -> None:
    pytest.importorskip("numpy")
    pytest.importorskip("workalendar")
    out = run("bench_deadlines.py", "200", "1000")
    assert "workalendar  add     0   count     0" in out
    assert "import tthc imports numpy: False, pandas: False" in out


def test_bench_dossiers() -> None:
    out = run("bench_dossiers.py", "300")
    assert "received=" in out


def test_bench_batch() -> None:
    for module in ("numpy", "pandas", "pyarrow"):
        pytest.importorskip(module)
    out = run("bench_batch.py", "2000")
    assert "equal on the subset: True" in out
    assert "equal: False" not in out
    assert "tthc.batch.summarize, pandas input" in out


def test_bench_stream() -> None:
    for module in ("numpy", "pandas", "pyarrow"):
        pytest.importorskip(module)
    out = run("bench_stream.py", "5000", "1500")
    assert "equal to the in-memory summary: True" in out
    assert "extrapolated to 100,000,000 rows" in out


def test_bench_reference() -> None:
    """tthc equals the exact numpy prototype (checked before timing), Polars and DuckDB run."""
    for module in ("numpy", "pandas", "pyarrow"):
        pytest.importorskip(module)
    out = run("bench_reference.py", "3000", "--repeat", "1")
    assert "due moments equal: True; monthly counts equal: True" in out
    assert "due_dates(datetime64, int array).at" in out
    assert "summarize(pandas, by='month')" in out
    assert "equal: False" not in out
