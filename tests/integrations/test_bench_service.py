"""Smoke-run of the load-test benchmark on a tiny size (the real run is on demand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("fastapi_offline")

BENCH = Path(__file__).parents[2] / "benchmarks" / "bench_service.py"


def test_bench_service_smoke() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "60", "4"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "errors: 0" in done.stdout
    assert "requests: 60 from 4 concurrent clients" in done.stdout
    assert "ratio: " in done.stdout
    assert "% of the bare endpoint" in done.stdout
