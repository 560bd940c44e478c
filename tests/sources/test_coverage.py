"""The coverage script on the real-data fixture."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tthc.sources.coverage import coverage, main

FIXTURE = Path(__file__).parent / "data" / "portal_records.json"


def test_report_on_fixture() -> None:
    report = coverage(json.loads(FIXTURE.read_text("utf-8")))
    assert report.records == 5
    fields = {f.field: f for f in report.fields}
    assert fields["code"].present == fields["code"].fully_read == 5
    assert fields["methods"].present == 5
    assert fields["decision"].fully_read == 4  # 'QĐ/0001-BCA' is not a document number
    assert fields["legal_basis"].fully_read == 3  # '66.7/2025/NQ-CP'
    assert dict(report.findings_by_code)["unreadable-time-limit"] == 5
    assert 0.0 <= report.share <= 1.0
    data = report.to_dict()
    assert data["records"] == 5
    assert data["fields"][0]["heading"] == "Mã thủ tục"
    assert "records fully read: 0/5" in report.format()


def test_main_prints_a_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(FIXTURE)]) == 0
    assert "Cách thức thực hiện" in capsys.readouterr().out
    assert main([str(FIXTURE), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["records"] == 5


def test_main_refuses_unusable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    assert main([str(bad)]) == 2
    obj = tmp_path / "obj.json"
    obj.write_text("{}", "utf-8")
    assert main([str(obj)]) == 2
    assert main([str(tmp_path / "missing.json")]) == 2
    assert "expected a JSON list" in capsys.readouterr().err


def test_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tthc.sources.coverage", str(FIXTURE)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("records fully read: 0/5")
