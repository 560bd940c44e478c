"""The tthc command."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tthc import catalogue
from tthc.cli import main
from tthc.model import Procedure
from tthc.serialization import from_json


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_show_prints_the_record_in_vietnamese() -> None:
    code, text = run("show", "1.004222")
    assert code == 0
    assert text.startswith("Đăng ký thường trú\n")
    assert "Mã thủ tục: 1.004222" in text
    assert "7 ngày làm việc" in text
    assert "20.000 đ" in text


def test_show_in_english() -> None:
    code, text = run("show", "1.004222", "--lang", "en")
    assert code == 0
    assert "Code: 1.004222" in text
    assert "7 working days" in text


def test_show_json_is_the_library_shape() -> None:
    code, text = run("show", "1.000894", "--json")
    assert code == 0
    assert from_json(Procedure, text) == catalogue.get("1.000894")
    assert json.loads(text)["code"] == "1.000894"


def test_unknown_code_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("show", "9.999999")
    assert code == 1
    assert "9.999999" in capsys.readouterr().err


def test_malformed_code_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("show", "abc")
    assert code == 2
    assert "d.dddddd" in capsys.readouterr().err


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tthc", "show", "1.001193"],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    assert done.stdout.startswith("Đăng ký khai sinh")
