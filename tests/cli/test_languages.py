"""Every command, good and bad input: Vietnamese output has no English sentence, and back.

The detector is simple: known English words (``helpers.ENGLISH``) in a
Vietnamese answer, known Vietnamese interface words in an English one. What the
user typed (echoed in an error) and identifiers (command and option names,
choices, JSON paths, finding codes) are taken out first; procedure names and
other data stay Vietnamese in both languages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tthc import catalogue
from tthc.serialization import to_dict

from .helpers import english_words, run

DATA = Path(__file__).parent / "data"

# Interface words only tthc's Vietnamese messages use (not procedure data).
VIETNAMESE = re.compile(
    r"\b(Hạn trả kết quả|Thời hạn giải quyết|Thời điểm tiếp nhận|không đọc được|nhận được|"
    r"cần một|sai cách dùng|Ngày nghỉ|thứ Hai|thứ Ba|thứ Tư|thứ Năm|thứ Sáu|thứ Bảy|Chủ nhật|"
    r"Tháng|tạm tính|Căn cứ|không hợp lệ|tổng|Kỳ báo cáo|lỗi)\b"
)
# Identifiers that are the same in both languages.
_IDENTIFIERS = re.compile(
    r"(?<![\w-])--?[a-z][a-z-]*|\{[^}]*\}|\$[.\w\[\]]*|\btthc\b(?: [a-z-]+)?|\b[A-Z]+(?:\.json)?\b|"
    r"\b[a-z]+_[a-z_]+\b|https?://\S+|'[a-z][a-z_-]*'|"
    r"\b[a-z]+(?:-[a-z0-9]+)+\b"  # finding codes (time-unit-lost): identifiers
)
_COMMANDS = ("due", "calendar", "days-off", "show", "search", "level", "check", "parse-limit")


def _without_input(text: str, argv: tuple[str, ...]) -> str:
    for arg in sorted(argv, key=len, reverse=True):
        if len(arg) > 2:
            text = text.replace(repr(arg), "").replace(arg, "")
    for name in (*_COMMANDS, "scorecard", "schema", "serve", "coverage", "report"):
        text = re.sub(rf"(?m)^\s+{name}(?![\w-])", " ", text)
    return _IDENTIFIERS.sub(" ", text)


def _dossier_file(tmp_path: Path) -> str:
    path = tmp_path / "dossier.json"
    data = {
        "procedure": "1.004222",
        "channel": "in_person",
        "components": [{"name": "Tờ khai thay đổi thông tin cư trú"}],
        "events": [{"event": "received", "at": "2026-11-16T09:00:00+07:00"}],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _bad_dossier_file(tmp_path: Path) -> str:
    path = tmp_path / "bad.json"
    data = to_dict(catalogue.get("1.004222"))
    path.write_text(
        json.dumps({"procedure": data, "channel": "fax", "events": [{"event": "recieved"}]}),
        encoding="utf-8",
    )
    return str(path)


def _broken_file(tmp_path: Path) -> str:
    path = tmp_path / "calendar.json"
    path.write_text("not json", encoding="utf-8")
    return str(path)


def _cases(tmp_path: Path) -> list[tuple[str, ...]]:
    log = str(DATA / "log.csv")
    return [
        # good input
        ("due", "20/11/2026 10:00", "7 ngày làm việc"),
        (
            "due",
            "20/11/2026 16:00",
            "Trong ngày, sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
        ),
        ("due", "15/12/2026 10:00", "30 ngày làm việc"),  # past the announced calendar
        ("due", "20/11/2026 18:00", "3 working days", "--end-of-day", "midnight"),
        ("due", "now", "7"),
        ("calendar", "2026"),
        ("days-off", "2027"),
        ("show", "1.004222"),
        ("search", "cư trú"),
        ("level", "1.004222", "--on", "20/11/2026"),
        ("level", "1.004222", "--on", "01/07/2020"),
        ("check", _dossier_file(tmp_path), "--as-of", "20/11/2026 10:00"),
        (
            "parse-limit",
            "Không quá 05 ngày làm việc; trường hợp cần xác minh thì không quá 10 ngày",
        ),
        ("scorecard", log, "--period", "09/2026", "--by", "agency"),
        ("coverage", str(DATA / "portal-records.json")),
        ("serve", "--help"),
        ("--help",),
        *((name, "--help") for name in (*_COMMANDS, "scorecard", "schema")),
        # bad input
        ("due", "11/20/2026 10:00", "3 ngày làm việc"),
        ("due", "20/11/26", "3 ngày làm việc"),
        ("due", "20/11/2026", "3 days"),
        ("due", "20/11/2026", "7"),
        ("due", "20/11/2026", "ba tuần"),
        ("due", "31/02/2026 10:00", "3 ngày làm việc"),
        ("calendar", "3000"),
        ("calendar", "2027"),
        ("show", "1.00422"),
        ("level", "abc"),
        ("parse-limit", "03 - 05 ngày"),
        ("due", "20/11/2026 10:00", "3", "--calendar", _broken_file(tmp_path)),
        ("due", "20/11/2026", "8 giờ làm việc"),
        ("show", "9.999999"),
        ("search", "zzzz"),
        ("level", "1.004222", "--on", "01/01/2005"),
        ("level", "1.004222", "--on", "2026/05/06"),
        ("check", str(tmp_path / "missing.json")),
        ("check", _bad_dossier_file(tmp_path)),
        ("parse-limit", "xyz"),
        ("schema", "Nope"),
        ("scorecard", str(tmp_path / "missing.csv")),
        ("scorecard", log, "--by", "nope"),
        ("scorecard", log, "--period", "13/2026"),
        ("nope",),
        ("due",),
    ]


def test_vietnamese_output_of_every_command_has_no_english(tmp_path: Path) -> None:
    for argv in _cases(tmp_path):
        code, out, err = run("--lang", "vi", *argv)
        assert code in (0, 1, 2, 3, 4), (argv, err)
        found = english_words(_without_input(out + err, argv))
        assert found == [], (argv, found, out + err)


def test_english_output_of_every_command_has_no_vietnamese_interface_words(
    tmp_path: Path,
) -> None:
    for argv in _cases(tmp_path):
        if argv[0] in ("show", "search", "check", "parse-limit", "coverage"):
            continue  # procedure data (names, components, portal fields, published text)
        code, out, err = run("--lang", "en", *argv)
        assert code in (0, 1, 2, 3, 4), (argv, err)
        found = VIETNAMESE.findall(_without_input(out + err, argv))
        assert found == [], (argv, found, out + err)


@pytest.mark.parametrize(
    ("environ", "word"),
    [
        ({"TTHC_LANG": "en"}, "Result due"),
        ({"LANG": "en_US.UTF-8"}, "Result due"),
        ({"LANG": "vi_VN.UTF-8"}, "Hạn trả"),
        ({"LANG": "en_US.UTF-8", "TTHC_LANG": "vi"}, "Hạn trả"),
    ],
)
def test_language_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], word: str
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    code, out, _ = run("due", "20/11/2026 10:00", "3 ngày làm việc")
    assert code == 0
    assert out.startswith(word)
    # --lang wins over the environment
    assert run("--lang", "vi", "due", "20/11/2026 10:00", "3")[1].startswith("Hạn trả")
