"""The scorecard benchmark runs (a smoke run at a tiny size; speed is measured by the script)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[2] / "benchmarks" / "bench_scorecard.py"


def test_bench_scorecard_runs_at_a_tiny_size(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyarrow")
    monkeypatch.setattr(sys, "argv", [str(BENCH), "300"])
    runpy.run_path(str(BENCH), run_name="__main__")
    out = capsys.readouterr().out
    assert "300 dossiers" in out
    assert "scorecard by agency" in out
