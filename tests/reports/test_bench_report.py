"""The reform-report benchmark runs on a tiny size, so it cannot rot (timings are not checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_report.py"


def test_bench_report_smoke() -> None:
    for module in ("numpy", "pandas", "pyarrow"):
        pytest.importorskip(module)
    if not SCRIPT.exists():  # an installed sdist without the benchmarks folder
        pytest.skip(f"{SCRIPT} not found")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "3000"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "equal to tthc.batch.summarize on the counts: True" in done.stdout
    assert "tthc.reports.reform_report, pandas input" in done.stdout
