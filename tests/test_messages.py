"""The one message catalogue: every message in both languages, every key used exists."""

from __future__ import annotations

import datetime as dt
import pickle
import re
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc.errors import MISSING, ParseError, Problem, ValidationError
from tthc.messages import (
    LANGS,
    Message,
    accept_language,
    cite,
    default_lang,
    explain,
    has_message,
    keys,
    message,
    problem_line,
    render,
)

SRC = Path(tthc.__file__).parent


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


_ENGLISH_DETAIL = {"err.other", "err.problem_unkeyed"}


@pytest.mark.parametrize("key", sorted(keys()))
def test_every_message_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    templates = [message(key, lang) for lang in LANGS]
    assert all(t.strip() or key.startswith("argparse.") for t in templates), key
    fields = {lang: _fields(t) for lang, t in zip(LANGS, templates, strict=True)}
    if key in _ENGLISH_DETAIL:  # Vietnamese leaves out a detail that exists only in English
        assert fields["vi"] < fields["en"], key
    else:
        assert fields["vi"] == fields["en"], key


# Catalogue keys named as literals in the source: Message.of("…"), .keyed(…, "…"),
# parse_error(…, "…"), _refuse(…, "…"), _fail(…, "…"), message("…"), ctx.m("…").
_USES = re.compile(
    r"""(?:Message\.of|message|ctx\.m|\.m)\(\s*"([a-z_]+\.[A-Za-z_ .]+)"|"""
    r""""((?:expect|note|hint|err|h|value)\.[a-z_]+)\""""
)


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        for m in _USES.finditer(path.read_text(encoding="utf-8")):
            used.add(m[1] or m[2])
    assert used, "the pattern found no key at all"
    missing = sorted(k for k in used if not has_message(k))
    assert missing == []


def test_notes_are_keyed_and_render_in_both_languages() -> None:
    received = dt.datetime(2026, 11, 20, 16, 30, tzinfo=tthc.VIETNAM)
    due = tthc.due_date(received, tthc.TimeLimit.calendar_days(15))
    assert due.notes, "a due date explains itself"
    for note in due.notes:
        assert isinstance(note, Message), note
        assert render(note, "en") == note
        assert render(note, "vi") != note
    # the English text is what it always was (JSON consumers keep working)
    assert "period ends on 2026-12-05 (Civil Code 2015 Art. 147(2), 148(1))" in due.notes
    vi = [render(n, "vi") for n in due.notes]
    assert "thời hạn kết thúc ngày 05/12/2026 (khoản 2 Điều 147 Bộ luật Dân sự 2015)" in vi


def test_message_pickles_and_compares_as_its_english_text() -> None:
    note = Message.of("note.close_of_hours", t="17:00")
    again = pickle.loads(pickle.dumps(note))
    assert again == note == "ends at the close of office hours (17:00)"
    assert render(again, "vi") == "kết thúc khi hết giờ làm việc (17:00)"


def test_problem_lines_in_vietnamese_have_no_english() -> None:
    line = problem_line(Problem.keyed("$.received_at", MISSING, "expect.required"), "vi")
    assert line == "$.received_at: cần một giá trị (trường bắt buộc), nhận được (không có)"
    english = problem_line(Problem.keyed("$.received_at", MISSING, "expect.required"), "en")
    assert english == "$.received_at: expected a value (the field is required), got nothing"


def test_an_english_only_problem_is_not_mixed_into_vietnamese() -> None:
    error = ValidationError.single("amount", -1, "a whole number of đồng, at least 0")
    assert explain(error, "vi") == (
        "dữ liệu không hợp lệ: 1 lỗi\n  - amount: giá trị -1 không hợp lệ"
    )
    assert "at least 0" in explain(error, "en")


def test_a_validation_error_from_the_model_is_keyed() -> None:
    with pytest.raises(ValidationError) as info:
        tthc.TimeLimit(0, tthc.TimeUnit.WORKING_DAYS)
    assert info.value.problems[0].key == "expect.int_at_least"
    assert "một số nguyên >= 1" in explain(info.value, "vi")


def test_parse_errors_are_keyed() -> None:
    with pytest.raises(ParseError) as info:
        tthc.due_date(dt.datetime(2026, 11, 20, 10, tzinfo=tthc.VIETNAM), "3 days")
    assert info.value.key == "expect.limit_clear_unit"
    assert "'ngày làm việc' hoặc 'ngày' (ngày theo lịch)" in explain(info.value, "vi")
    assert "'working days' or 'calendar days'" in str(info.value)


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "C.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "vi_VN", "TTHC_LANG": "en"}, "en"),
        ({"TTHC_LANG": "fr", "LANG": "en_GB"}, "en"),
    ],
)
def test_default_lang(environ: dict[str, str], lang: str) -> None:
    assert default_lang(environ) == lang


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("vi", "vi"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR,fr;q=0.9,en;q=0.8,vi;q=0.7", "en"),
        ("en;q=0.2, vi;q=0.8", "vi"),
        ("*", "vi"),
        ("en;q=0", "vi"),
        ("", "vi"),
        (";;;,,,q=", "vi"),
    ],
)
def test_accept_language(header: str, lang: str) -> None:
    assert accept_language(header) == lang


@given(st.text(max_size=300))
def test_accept_language_never_fails(header: str) -> None:
    assert accept_language(header) in LANGS


@pytest.mark.parametrize(
    ("citation", "vi"),
    [
        ("Civil Code 2015 Art. 147(2)", "khoản 2 Điều 147 Bộ luật Dân sự 2015"),
        (
            "Labour Code 2019 (45/2019/QH14) Art. 112(1)(a)",
            "điểm a khoản 1 Điều 112 Bộ luật Lao động 2019 (45/2019/QH14)",
        ),
        ("Decree 118/2025/NĐ-CP Art. 17", "Điều 17 Nghị định 118/2025/NĐ-CP"),
        ("Law on Civil Status 60/2014/QH13 Art. 5(3)", "khoản 3 Điều 5 Luật Hộ tịch 60/2014/QH13"),
    ],
)
def test_citations_in_vietnamese(citation: str, vi: str) -> None:
    assert cite(citation, "vi") == vi
    assert cite(citation, "en") == citation
    assert "Art." not in cite(citation, "vi")


def test_use_lang_chooses_for_a_block(monkeypatch: pytest.MonkeyPatch) -> None:
    from tthc.messages import use_lang

    monkeypatch.setenv("TTHC_LANG", "vi")
    received = dt.datetime(2026, 11, 20, 10, tzinfo=tthc.VIETNAM)
    due = tthc.due_date(received, "3 ngày làm việc")
    with use_lang("en"):
        assert default_lang() == "en"
        assert "Result due" in due._repr_html_()
    assert default_lang() == "vi"
    with pytest.raises(ValidationError), use_lang("fr"):
        pass
