"""``import tthc`` loads nothing heavy; names and subpackages load on first use (issue 21)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _run(code: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_import_tthc_loads_only_the_version() -> None:
    got = _run(
        "import json, sys, tthc; "
        "print(json.dumps({'modules': sorted(m for m in sys.modules if m.startswith('tthc'))}))"
    )
    assert got["modules"] == ["tthc", "tthc._version"]


def test_public_names_and_subpackages_load_on_first_use() -> None:
    import datetime as dt

    import tthc

    received = dt.datetime(2026, 11, 20, 10, tzinfo=tthc.VIETNAM)
    due = tthc.due_date(received, tthc.TimeLimit.working_days(3))
    assert due.last_day == dt.date(2026, 11, 26)  # ends at 24:00 of Thursday 26/11
    assert tthc.catalogue.get("1.004222").code == tthc.ProcedureCode("1.004222")
    assert set(tthc.__all__) <= set(dir(tthc))
    with pytest.raises(AttributeError):
        tthc.no_such_name  # noqa: B018


def test_pydantic_hooks_are_there_whichever_subpackage_comes_first() -> None:
    got = _run(
        "import json; from tthc.model import Dossier; from tthc.deadlines import DueDate; "
        "print(json.dumps({'hooks': [hasattr(c, '__get_pydantic_core_schema__') "
        "for c in (Dossier, DueDate)]}))"
    )
    assert got["hooks"] == [True, True]


def test_version_answers_before_the_command_line_is_imported() -> None:
    got = _run(
        "import io, json, sys; from tthc.cli import main; out = io.StringIO(); "
        "code = main(['--version'], out=out); "
        "print(json.dumps({'code': code, 'text': out.getvalue(), "
        "'loaded': 'tthc.cli._main' in sys.modules or 'tthc.deadlines' in sys.modules}))"
    )
    assert got["code"] == 0
    assert str(got["text"]).startswith("tthc ")
    assert got["loaded"] is False
