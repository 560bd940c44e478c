"""Never a traceback: any terminal encoding, odd bytes, extreme values, fuzzed argv."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc.cli import main
from tthc.cli._common import ExitCode

from .helpers import installed, run

EXPECTED_CODES = {int(c) for c in ExitCode} - {int(ExitCode.INTERNAL)}


@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_installed_due_works(script: bool) -> None:
    done = installed("due", "20/11/2026 10:00", "3 ngày làm việc", "--json", script=script)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["data"]
    assert data["appointment"] == "2026-11-27T00:00:00+07:00"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_ascii_terminal_gets_text_without_diacritics(lang: str) -> None:
    done = installed(
        "--lang", lang, "due", "20/11/2026 10:00", "3 ngày làm việc",
        env={"PYTHONIOENCODING": "ascii"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("ascii")
    first = "Han tra ket qua: 24:00 thu Nam 26/11/2026" if lang == "vi" else "Result due"
    assert text.startswith(first)
    assert b"Traceback" not in done.stderr


def test_ascii_terminal_json_is_escaped_and_lossless() -> None:
    done = installed("show", "1.004222", "--json", env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0
    data = json.loads(done.stdout.decode("ascii"))
    assert data["data"]["procedure"]["name"] == "Đăng ký thường trú"


def test_ascii_terminal_errors_and_help() -> None:
    env = {"PYTHONIOENCODING": "ascii"}
    done = installed("due", "ngày xấu", "3 ngày làm việc", env=env)
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert done.stderr.decode("ascii").startswith("tthc: khong doc duoc thoi diem")
    done = installed("--help", env=env)
    assert done.returncode == 0
    assert b"Traceback" not in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX argv bytes")
def test_undecodable_argument_bytes() -> None:
    # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape).
    done = installed(os.fsdecode(b"\xff\xfe"), env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    done = installed("due", os.fsdecode(b"20/11/2026 \xff"), "3 ngày làm việc")
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ("due", "\udcff", "3 ngày làm việc"),
        ("due", "now", "\ud800 ngày"),
        ("show", "\udcff"),
        ("search", "\udcff"),
        ("schema", "\udcff"),
        ("--lang", "en", "calendar", "\udcff"),
        ("level", "1.004222", "--on", "\udcff"),
    ],
)
def test_lone_surrogates_in_process(argv: tuple[str, ...]) -> None:
    code, _, err = run(*argv)
    assert code in EXPECTED_CODES
    assert err.startswith("tthc: ") or code in (0, 1)


def test_provisional_does_not_crash_under_warnings_as_errors() -> None:
    done = installed("due", "28/12/2027 15:30", "5 ngày làm việc")
    assert done.returncode == 0
    env = {"PYTHONWARNINGS": "error"}
    done = installed("due", "28/12/2029 15:30", "5 ngày làm việc", env=env)
    assert done.returncode == 0, done.stderr
    assert "TẠM TÍNH" in done.stdout.decode("utf-8").splitlines()[0]


_WORDS = st.sampled_from(
    [
        "due", "calendar", "days-off", "show", "search", "level", "check", "parse-limit",
        "schema", "--lang", "en", "vi", "--json", "--short", "--on", "--as-of", "--hours",
        "--end-of-day", "midnight", "now", "today", "20/11/2026 10:00", "2026-11-20",
        "9999-12-31T23:59:00-12:00", "0001-01-01T00:00:00+14:00", "3 ngày làm việc",
        "1.004222", "Procedure", "2026", "-", "--", "--calendar", "/nonexistent",
        "31/02/2026", "99/99/9999 99:99", "1e400", "9" * 5000,
    ]
)  # fmt: skip
_ARGS = st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=6)


@given(_ARGS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzzed_argv_never_escapes(argv: list[str]) -> None:
    if "serve" in argv:
        return  # would start a server
    code, _, err = run(*argv)
    assert code in EXPECTED_CODES, (argv, err)
    assert "Traceback" not in err


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_stops_quietly() -> None:
    err = io.StringIO()
    code = main(["days-off", "2026"], out=_ClosedPipe(), err=err)
    assert code == 141
    assert err.getvalue() == ""


def test_internal_errors_are_a_message_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    import tthc.cli.search

    def broken(*_args: object, **_kwargs: object) -> tuple[()]:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(tthc.cli.search, "find", broken)
    code, _, err = run("--lang", "en", "search", "x")
    assert code == 70
    assert (
        err
        == "tthc: internal error (ZeroDivisionError); please report it with the command you ran\n"
    )
    monkeypatch.setenv("TTHC_TRACEBACK", "1")
    with pytest.raises(ZeroDivisionError):
        run("search", "x")
