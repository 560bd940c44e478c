"""Every command, in both languages, with its errors and exit codes.

Expected dates are worked out by hand from the calendar rules (the receipt day
is not counted, Civil Code 2015 Art. 147(2); N working days end at 17:00 of the
N-th working day after it) and the announced days off of 2026, and JSON answers
are compared with the library for the same input.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
from tthc import catalogue
from tthc.deadlines import VIETNAM, DueDate
from tthc.levels import classify
from tthc.model import Channel, Dossier, DossierCode, Received, Submitted, SubmittedComponent
from tthc.serialization import from_dict, json_schema, to_dict, to_json

from .helpers import NOW, english_words, run, run_json


def t(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


# --------------------------------------------------------------------------- #
# due
# --------------------------------------------------------------------------- #


def test_due_day_first_receipt_in_vietnamese_has_no_english() -> None:
    code, out, err = run("due", "20/11/2026 10:00", "3 ngày làm việc", "--lang", "vi")
    assert code == 0, err
    # Fri 20/11 received; 21-22 weekend, 23 Mon, 24/11 Culture Day, 25, 26 -> Thu 26/11 17:00.
    assert out.splitlines()[0] == "Hạn trả kết quả: 24:00 thứ Năm 26/11/2026"
    assert "Ngày Văn hóa Việt Nam" in out
    assert "không tính ngày tiếp nhận (khoản 2 Điều 147 Bộ luật Dân sự 2015)" in out
    # The certainty tags of a citation stay visible, in Vietnamese.
    culture_day = tthc.official_calendar().explain(dt.date(2026, 11, 24)).citation.lower()
    assert ("nguồn thứ cấp" in out) is ("secondary" in culture_day)
    assert english_words(out) == []


def test_due_readme_iso_form_still_works() -> None:
    code, out, _ = run("due", "2026-11-20 10:00", "3 ngày làm việc")
    assert code == 0
    assert out.splitlines()[0] == "Hạn trả kết quả: 24:00 thứ Năm 26/11/2026"


@pytest.mark.parametrize(
    "argv",
    [
        ("--lang", "en", "due", "20/11/2026 10:00", "3 ngày làm việc"),
        ("due", "--lang", "en", "20/11/2026 10:00", "3 ngày làm việc"),
        ("due", "20/11/2026 10:00", "3 ngày làm việc", "--lang", "en"),
        ("--lang", "vi", "due", "20/11/2026 10:00", "3 ngày làm việc", "--lang", "en"),
    ],
)
def test_global_options_anywhere(argv: tuple[str, ...]) -> None:
    code, out, _ = run(*argv)
    assert code == 0
    assert out.splitlines()[0] == "Result due: 24:00 Thursday 26/11/2026"
    assert "the receipt day is not counted" in out


def test_json_anywhere() -> None:
    a = run_json("due", "20/11/2026 10:00", "3 ngày làm việc")
    _, out, _ = run("--json", "due", "20/11/2026 10:00", "3 ngày làm việc")
    assert json.loads(out) == a


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/11/2026 10:00", t(2026, 11, 20, 10)),
        ("20/11/2026 15:30", t(2026, 11, 20, 15, 30)),
        ("5/1/2026 8:05", t(2026, 1, 5, 8, 5)),
        ("2026-11-20 10:00", t(2026, 11, 20, 10)),
        ("2026-11-20T03:00:00Z", t(2026, 11, 20, 10)),
        ("2026-11-20T10:00:00+07:00", t(2026, 11, 20, 10)),
        ("now", NOW),
    ],
)
def test_receipt_forms(text: str, expected: dt.datetime) -> None:
    data = run_json("due", text, "1 ngày làm việc")["data"]
    assert data["due_date"]["received_at"] == expected.isoformat()
    assert data["time_assumed"] is False


@pytest.mark.parametrize("text", ["today", "20/11/2026", "2026-11-20"])
def test_bare_dates_mean_opening_time(text: str) -> None:
    data = run_json("due", text, "1 ngày làm việc")["data"]
    assert data["due_date"]["received_at"] == t(2026, 11, 20, 7, 30).isoformat()
    assert data["time_assumed"] is True


def test_dd_mm_is_day_first_not_month_first() -> None:
    # 03/02/2026 is 3 February (Tuesday), not 2 March.
    data = run_json("due", "03/02/2026 10:00", "1 ngày làm việc")["data"]
    assert data["due_date"]["received_at"].startswith("2026-02-03T10:00")


def test_due_json_is_the_library_due_date_in_an_envelope() -> None:
    envelope = run_json("due", "12/02/2026 15:30", "Không quá 03 ngày làm việc")
    assert envelope["command"] == "due"
    assert envelope["schema_version"] == "1"
    data = envelope["data"]
    jsonschema.validate(data["due_date"], json_schema(DueDate))
    library = tthc.due_date(t(2026, 2, 12, 15, 30), tthc.TimeLimit.working_days(3))
    loaded = from_dict(DueDate, data["due_date"])
    # Tết 16-20/02/2026: Fri 13/02, Mon 23/02, Tue 24/02.
    assert loaded.at == library.at == t(2026, 2, 25, 0)  # 24:00 of 24/2
    assert data["appointment"] == library.at.isoformat()


def test_short_prints_only_the_appointment() -> None:
    assert run("due", "20/11/2026 10:00", "3 ngày làm việc", "--short")[1] == (
        "24:00 thứ Năm 26/11/2026\n"
    )
    assert run("--lang", "en", "due", "20/11/2026 10:00", "3 ngày làm việc", "--short")[1] == (
        "24:00 Thursday 26/11/2026\n"
    )


def test_due_midnight_reads_24h() -> None:
    _, out, _ = run("due", "20/11/2026 10:00", "3 ngày làm việc", "--end-of-day", "midnight")
    assert out.splitlines()[0] == "Hạn trả kết quả: 24:00 thứ Năm 26/11/2026"


def test_provisional_warnings_are_one_aggregated_note() -> None:
    until = tthc.official_calendar().announced_until
    year = until.year + 1
    code, out, _ = run("due", f"20/12/{year} 10:00", "3 ngày làm việc")
    assert code == 0
    assert "[TẠM TÍNH]" in out.splitlines()[0]
    assert f"(đến {until:%d/%m/%Y})" in out
    envelope = run_json("--lang", "en", "due", f"20/12/{year} 10:00", "3 ngày làm việc")
    [warning] = envelope["warnings"]
    assert warning["kind"] == "provisional_calendar"
    assert warning["count"] >= 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_due_errors_in_the_chosen_language(lang: str) -> None:
    code, out, err = run("--lang", lang, "due", "32/13/2026 10:00", "3 ngày làm việc")
    assert code == 2
    assert out == ""
    assert "'32/13/2026 10:00'" in err
    assert ("không đọc được thời điểm" in err) is (lang == "vi")
    assert ("cannot read moment" in err) is (lang == "en")
    code, _, err = run("--lang", lang, "due", "20/11/2026 10:00", "xyz")
    assert code == 2
    assert ("không đọc được thời hạn" in err) is (lang == "vi")
    code, _, err = run("--lang", lang, "due", "20/11/2026 10:00")
    assert code == 2
    assert ("thiếu tham số bắt buộc: LIMIT" in err) is (lang == "vi")
    assert ("the following arguments are required: LIMIT" in err) is (lang == "en")


def test_due_bare_date_refused_when_the_time_matters() -> None:
    code, _, err = run("due", "20/11/2026", "2 giờ làm việc")
    assert code == 2
    assert "không có giờ tiếp nhận" in err


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_extreme_moment_is_exit_2_not_overflow(lang: str) -> None:
    code, out, err = run("--lang", lang, "due", "9999-12-31T23:59:00-12:00", "3 ngày làm việc")
    assert code == 2
    assert out == ""
    assert "9999-12-31T23:59:00-12:00" in err
    assert "Traceback" not in err
    assert "OverflowError" not in err


def test_moment_outside_the_calendar_is_a_message() -> None:
    code, _, err = run("due", "01/01/1990 10:00", "3 ngày làm việc")
    assert code == 2
    assert err.startswith("tthc: ")


# --------------------------------------------------------------------------- #
# calendar, days-off
# --------------------------------------------------------------------------- #


def test_calendar_both_languages() -> None:
    code, vi, _ = run("calendar", "2026")
    assert code == 0
    assert vi.startswith("Lịch làm việc năm 2026")
    assert "  - thứ Ba 24/11/2026: Ngày Văn hóa Việt Nam" in vi
    code, en, _ = run("calendar", "2026", "--lang", "en")
    assert "Weekdays off (14):" in en
    assert "  - November: 20" in en
    # Working days per month add up to the year's total.
    data = run_json("calendar", "2026")["data"]
    assert sum(data["working_days_by_month"]) == data["working_days"]
    assert data["working_days"] == len(
        list(tthc.official_calendar().working_days(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("year", ["26", "abcd", "1999", "2100", "２０２６"])
def test_calendar_bad_year(lang: str, year: str) -> None:
    code, _, err = run("--lang", lang, "calendar", year)
    assert code == 2
    assert ("không đọc được năm" in err) is (lang == "vi")


def test_days_off_both_languages_and_json() -> None:
    code, vi, _ = run("days-off", "2026")
    assert code == 0
    assert vi.splitlines()[0] == "Ngày nghỉ năm 2026 (14)"
    assert "thứ Năm 01/01/2026: Tết Dương lịch [điểm a khoản 1 Điều 112 Bộ luật Lao động 2019" in vi
    _, en, _ = run("days-off", "2026", "--lang", "en")
    assert en.splitlines()[0] == "Days off in 2026 (14)"
    data = run_json("days-off", "2026")["data"]
    days = tthc.official_calendar().days_off(2026)
    assert [d["day"] for d in data["days_off"]] == [s.day.isoformat() for s in days]
    assert all(d["citation"] for d in data["days_off"])
    code, _, err = run("--lang", "en", "days-off", "x")
    assert code == 2
    assert "cannot read the year 'x'" in err


# --------------------------------------------------------------------------- #
# show, search
# --------------------------------------------------------------------------- #


def test_show_by_code_and_by_name() -> None:
    code, out, _ = run("show", "1.004222")
    assert code == 0
    assert out.startswith("Đăng ký thường trú\n")
    assert "Mã thủ tục: 1.004222" in out
    code, out, _ = run("show", "dang ky khai sinh", "--lang", "en")
    assert code == 0  # several contain it; one is exactly it
    assert "Code: 1.001193" in out
    code, out, _ = run("show", "đăng ký thường trú")
    assert code == 0
    assert "Mã thủ tục: 1.004222" in out
    code, out, _ = run("show", "thường trú")
    assert code == 1  # several match: listed, pick one
    assert "1.004222  Đăng ký thường trú" in out
    data = run_json("show", "1.004222")["data"]
    assert from_dict(type(catalogue.get("1.004222")), data["procedure"]) == catalogue.get(
        "1.004222"
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_show_errors(lang: str) -> None:
    code, _, err = run("--lang", lang, "show", "9.999999")
    assert code == 1
    assert ("không có '9.999999' trong danh mục" in err) is (lang == "vi")
    assert ("'9.999999' is not in the tthc catalogue" in err) is (lang == "en")
    assert run("--lang", lang, "show", "1.00422")[0] == 2  # malformed code
    assert run("--lang", lang, "show", "không có thủ tục này")[0] == 1


def test_search_both_languages() -> None:
    code, out, _ = run("search", "thuong tru")
    assert code == 0
    n = len(catalogue.search("thuong tru"))
    assert out.splitlines()[0] == f"Tìm thấy {n} thủ tục"
    code, out, _ = run("search", "dang ky khai tu", "--lang", "en", "--limit", "100")
    assert f"{len(catalogue.search('dang ky khai tu'))} procedures found" == out.splitlines()[0]
    assert "  1.000656  Đăng ký khai tử" in out.splitlines()
    code, out, _ = run("search", "zzz", "--lang", "en")
    assert code == 1
    assert "No procedure matches 'zzz'" in out
    assert {"code": "1.000894", "name": "Đăng ký kết hôn", "sector": "Hộ tịch"} in run_json(
        "search", "kết hôn"
    )["data"]


# --------------------------------------------------------------------------- #
# level
# --------------------------------------------------------------------------- #


def test_level_defaults_to_today() -> None:
    data = run_json("level", "1.004222")["data"]
    assert data["classification"]["on"] == NOW.date().isoformat()
    expected = classify(catalogue.get("1.004222"), on=NOW.date())
    assert data["classification"] == to_dict(expected)


def test_level_both_languages() -> None:
    code, vi, _ = run("level", "1.004222", "--on", "01/07/2020")
    assert code == 0
    assert "Ngày xét: 01/07/2020" in vi
    assert "mức độ 3" in vi
    code, en, _ = run("level", "1.004222", "--on", "2020-07-01", "--lang", "en")
    assert "Judged on: 01/07/2020" in en
    assert "level 3" in en


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_level_errors(lang: str) -> None:
    assert run("--lang", lang, "level", "9.999999")[0] == 1
    code, _, err = run("--lang", lang, "level", "1.004222", "--on", "2005-01-01")
    assert code == 1  # nothing in force before Decree 43/2011
    assert ("không có quy định nào có hiệu lực" in err) is (lang == "vi")
    code, _, err = run("--lang", lang, "level", "1.004222", "--on", "30/02/2026")
    assert code == 2
    assert ("không đọc được ngày" in err) is (lang == "vi")
    assert run("--lang", lang, "level", "1.004222", "--on", "2026-07-01 10:00")[0] == 2


# --------------------------------------------------------------------------- #
# check
# --------------------------------------------------------------------------- #

PROOF = "Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp"
FORM = "Tờ khai thay đổi thông tin cư trú"


def _dossier(*components: str) -> Dossier:
    at = t(2026, 11, 16, 9)
    return Dossier(
        procedure=catalogue.get("1.004222"),
        channel=Channel.IN_PERSON,
        components=[SubmittedComponent(name) for name in components],
        events=[
            Submitted(at - dt.timedelta(minutes=30), Channel.IN_PERSON),
            Received(at, code=DossierCode("H29.123.45-261116-0001")),
        ],
    )


def _write(tmp_path: Path, data: Any) -> str:
    file = tmp_path / "dossier.json"
    file.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(file)


def test_check_incomplete_exits_3(tmp_path: Path) -> None:
    path = _write(tmp_path, to_json(_dossier(FORM)))
    code, out, _ = run("check", path, "--as-of", "20/11/2026 10:00")
    assert code == 3
    assert f"  ✗ {PROOF}: Còn thiếu" in out
    # Received Mon 16/11 09:00, 7 working days -> Thu 26/11 (24/11 off); left: 23, 25, 26.
    assert "Hẹn trả: 26/11/2026 24:00" in out
    assert "Còn 3 ngày làm việc" in out
    code, out, _ = run("check", path, "--as-of", "20/11/2026 10:00", "--lang", "en")
    assert code == 3
    assert "3 working days left" in out


def test_check_overdue_exits_4_and_says_overdue(tmp_path: Path) -> None:
    path = _write(tmp_path, to_json(_dossier(FORM, PROOF)))
    code, out, _ = run("check", path, "--as-of", "27/11/2026 10:00")
    assert code == 4
    assert "Quá hạn 1 ngày làm việc" in out
    assert "-1" not in out
    code, out, _ = run("check", path, "--as-of", "27/11/2026 10:00", "--lang", "en")
    assert "Overdue by 1 working days" in out
    code, out, _ = run("check", path, "--as-of", "20/11/2026 10:00")
    assert code == 0


def test_check_procedure_by_catalogue_code(tmp_path: Path) -> None:
    data = to_dict(_dossier(FORM, PROOF))
    data["procedure"] = "1.004222"
    path = _write(tmp_path, data)
    envelope = run_json("check", path, "--as-of", "20/11/2026 10:00")
    assert envelope["data"]["complete"] is True
    assert from_dict(Dossier, envelope["data"]["dossier"]) == _dossier(FORM, PROOF)
    data["procedure"] = "9.999999"
    code, _, err = run("--lang", "en", "check", _write(tmp_path, data))
    assert code == 2
    assert "$.procedure" in err


def test_check_json_exit_code_and_shapes(tmp_path: Path) -> None:
    path = _write(tmp_path, to_json(_dossier(FORM)))
    envelope = run_json("check", path, "--as-of", "20/11/2026 10:00", code=3)
    assert envelope["data"]["exit_code"] == 3
    assert envelope["data"]["status"]["working_days_left"] == 3


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_errors(tmp_path: Path, lang: str) -> None:
    code, _, err = run("--lang", lang, "check", str(tmp_path / "missing.json"))
    assert code == 2
    assert ("không đọc được tệp hồ sơ" in err) is (lang == "vi")
    data = to_dict(_dossier(FORM))
    data["channel"] = "fax"
    data["events"][1]["event"] = "recieved"
    code, _out, err = run("--lang", lang, "check", _write(tmp_path, data))
    assert code == 2
    assert "$.channel" in err
    assert "$.events[1].event" in err
    assert ("dữ liệu không hợp lệ" in err) is (lang == "vi")
    code, _, err = run("--lang", lang, "check", _write(tmp_path, "{not json"))
    assert code == 2
    nested = "[" * 100_000 + "]" * 100_000
    code, _, err = run("--lang", lang, "check", _write(tmp_path, nested))
    assert code == 2
    (tmp_path / "latin1.json").write_bytes(b'{"x": "\xe9"}')
    code, _, err = run("--lang", lang, "check", str(tmp_path / "latin1.json"))
    assert code == 2
    assert ("không phải văn bản UTF-8" in err) is (lang == "vi")


# --------------------------------------------------------------------------- #
# parse-limit, schema
# --------------------------------------------------------------------------- #


def test_parse_limit_both_languages() -> None:
    text = "Không quá 05 ngày làm việc; trường hợp cần xác minh thì không quá 10 ngày làm việc"
    code, vi, _ = run("parse-limit", text)
    assert code == 0
    assert vi.splitlines()[0] == "Thời hạn thông thường: 5 ngày làm việc"
    _, en, _ = run("parse-limit", text, "--lang", "en")
    assert en.splitlines()[0] == "Ordinary limit: 5 working days"
    assert run_json("parse-limit", text)["data"] == to_dict(tthc.parse_time_limit(text))
    code, _, err = run("parse-limit", "xyz")
    assert code == 2
    assert "không đọc được thời hạn 'xyz'" in err


def test_schema_prints_the_json_schema() -> None:
    code, out, _ = run("schema", "Procedure")
    assert code == 0
    schema = json.loads(out)
    assert schema == json_schema(type(catalogue.get("1.004222")))
    jsonschema.validate(to_dict(catalogue.get("1.004222")), schema)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_schema_unknown_type(lang: str) -> None:
    code, _, err = run("--lang", lang, "schema", "Procedur")
    assert code == 1
    assert "Procedure" in err
    assert ("không có kiểu" in err) is (lang == "vi")


# --------------------------------------------------------------------------- #
# help, version, usage
# --------------------------------------------------------------------------- #


def test_help_in_both_languages() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "hạn trả kết quả" in out
    assert "tùy chọn:" in out
    code, out, _ = run("--lang", "en", "due", "--help")
    assert code == 0
    assert "options:" in out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_unknown_command_and_option(lang: str) -> None:
    code, _, err = run("--lang", lang, "frobnicate")
    assert code == 2
    assert ("lựa chọn không hợp lệ" in err) is (lang == "vi")
    code, _, err = run("--lang", lang, "due", "now", "1 ngày", "--bogus")
    assert code == 2
    assert ("tham số không nhận ra" in err) is (lang == "vi")
    code, out, err = run("--lang", lang, "--json", "frobnicate")
    assert json.loads(out)["ok"] is False


def test_version() -> None:
    code, _, _ = run("--version")
    assert code == 0


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    "argv",
    [
        ("due",),
        ("calendar",),
        ("days-off",),
        ("show",),
        ("search",),
        ("level",),
        ("check",),
        ("parse-limit",),
        ("schema",),
        ("serve", "--port", "http"),
    ],
)
def test_every_command_usage_error_in_both_languages(lang: str, argv: tuple[str, ...]) -> None:
    code, out, err = run("--lang", lang, *argv)
    assert code == 2
    assert out == ""
    assert err.count("tthc: ") == 1
    assert ("sai cách dùng" in err) is (lang == "vi")
    assert ("bad usage" in err) is (lang == "en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_search_and_parse_limit_errors_in_both_languages(lang: str) -> None:
    code, out, _ = run("--lang", lang, "search", "zzz")
    assert code == 1
    assert ("Không tìm thấy" in out) is (lang == "vi")
    code, _, err = run("--lang", lang, "parse-limit", "xyz")
    assert code == 2
    assert ("không đọc được thời hạn" in err) is (lang == "vi")
    assert ("cannot read time limit" in err) is (lang == "en")


_LIMITS = [
    "3 ngày làm việc",
    "02 giờ làm việc",
    "15 ngày",
    "03 tháng",
    "Trong ngày, sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
    "ngay sau khi nhận đủ hồ sơ",
    "Không quá 05 ngày; trường hợp cần xác minh thì 10 ngày làm việc",
]


@given(
    st.datetimes(dt.datetime(2019, 1, 1), dt.datetime(2029, 12, 31)),
    st.sampled_from(_LIMITS),
    st.sampled_from([(), ("--end-of-day", "midnight"), ("--hours", "yen_bai")]),
)
@settings(max_examples=40, deadline=None)
def test_due_in_vietnamese_never_prints_english(
    moment: dt.datetime, limit: str, options: tuple[str, ...]
) -> None:
    code, out, err = run("due", f"{moment:%d/%m/%Y %H:%M}", limit, *options)
    assert code == 0, err
    assert english_words(out) == [], out
