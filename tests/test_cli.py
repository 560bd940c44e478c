"""The tthc command.

Expected dates are worked out by hand from the calendar rules (the receipt day
is not counted, Civil Code 2015 Art. 147(2); N working days end at 17:00 of the
N-th working day after it) and the announced days off of 2026
(../shared/domain/calendar.md §2), and the JSON is also compared with the
library for the same input, so the command cannot drift from ``tthc.due_date``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import tthc
from tthc import catalogue
from tthc.cli import main
from tthc.deadlines import (
    CLOCK_POLICIES,
    OFFICE_HOURS_PRESETS,
    VIETNAM,
    DueDate,
    EndOfDay,
    OfficeHours,
    official_calendar,
)
from tthc.dossiers import status
from tthc.errors import ProvisionalCalendarWarning
from tthc.model import (
    Channel,
    Dossier,
    DossierCode,
    Procedure,
    Received,
    Returned,
    Submitted,
    SubmittedComponent,
)
from tthc.serialization import from_json, to_json
from tthc.sources import ParsedTimeLimit

from .horizon import HORIZON


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def run_json(*argv: str) -> Any:
    code, text = run(*argv, "--json")
    assert code == 0
    return json.loads(text)


def t(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


def usage_error(*argv: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(argv), out=io.StringIO())
    assert isinstance(info.value.code, int)
    return info.value.code


# --------------------------------------------------------------------------- #
# tthc show
# --------------------------------------------------------------------------- #


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
    assert usage_error() == 2
    assert usage_error("frobnicate") == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert usage_error("--version") == 0
    assert capsys.readouterr().out.strip() == f"tthc {tthc.__version__}"


@pytest.mark.parametrize(
    "argv",
    [
        ("show", "1.004222"),
        ("due", "2026-11-20 10:00", "3 ngày làm việc"),
        ("calendar", "2026"),
        ("level", "1.004222", "--on", "2026-07-01"),
        ("parse-limit", "15 ngày"),
    ],
    ids=lambda argv: argv[0],
)
def test_every_command_takes_lang_and_json(argv: tuple[str, ...]) -> None:
    vi = run(*argv, "--lang", "vi")
    en = run(*argv, "--lang", "en")
    assert vi[0] == en[0] == 0
    json.loads(run(*argv, "--json")[1])


# --------------------------------------------------------------------------- #
# tthc due
# --------------------------------------------------------------------------- #


def test_due_first_line_is_the_due_moment_in_vietnamese() -> None:
    # Fri 20/11/2026 10:00 + 3 working days: the receipt day is not counted;
    # Sat 21 and Sun 22 are weekly rest; Mon 23 is day 1; Tue 24/11 is Vietnam
    # Culture Day (off from 2026); Wed 25 is day 2, Thu 26 day 3; due at 17:00.
    code, text = run("due", "2026-11-20 10:00", "3 ngày làm việc")
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == "Hạn trả kết quả: 17:00 thứ Năm 26/11/2026"
    assert "Thời điểm tiếp nhận: 10:00 thứ Sáu 20/11/2026" in text
    assert "Asia/Ho_Chi_Minh" in text
    skipped = [line for line in lines if line.startswith(("  - thứ", "  - Chủ"))]
    assert [line.split(":")[0] for line in skipped] == [
        "  - thứ Bảy 21/11/2026",
        "  - Chủ nhật 22/11/2026",
        "  - thứ Ba 24/11/2026",
    ]
    assert "Ngày Văn hóa Việt Nam" in skipped[2]
    assert "Nghị quyết 28/2026/QH16" in skipped[2]  # the citation
    assert "Decision 188/1999/QĐ-TTg" in skipped[0]
    assert "TẠM TÍNH" not in text


def test_due_in_english() -> None:
    code, text = run("due", "2026-11-20 10:00", "3 ngày làm việc", "--lang", "en")
    assert code == 0
    assert text.splitlines()[0] == "Result due: 17:00 Thursday 26/11/2026"
    assert "Tuesday 24/11/2026: Vietnam Culture Day" in text
    assert "the receipt day is not counted (Civil Code 2015 Art. 147(2))" in text


def test_due_without_culture_day() -> None:
    # Without 24/11 as a day off: Mon 23, Tue 24, Wed 25.
    data = run_json("due", "2026-11-20 10:00", "3 ngày làm việc", "--no-culture-day")
    assert data["due"] == "2026-11-25T17:00:00+07:00"
    assert [s["date"] for s in data["skipped"]] == ["2026-11-21", "2026-11-22"]


def library_due(
    received: dt.datetime, limit_text: str, *, provisional: bool = False, **kwargs: Any
) -> DueDate:
    """``tthc.due_date`` for the ordinary limit of ``limit_text``.

    A provisional answer must warn; any other warning fails the test
    (``filterwarnings = error``).
    """
    limit = tthc.parse_time_limit(limit_text).ordinary
    if provisional:
        with pytest.warns(ProvisionalCalendarWarning):
            return tthc.due_date(received, limit, **kwargs)
    return tthc.due_date(received, limit, **kwargs)


# (RECEIVED as typed, the same moment, LIMIT, expected due, provisional, why)
DUE_CASES = [
    pytest.param(
        "2026-11-20 10:00",
        t(2026, 11, 20, 10),
        "3 ngày làm việc",
        "2026-11-26T17:00:00+07:00",
        False,
        id="culture-day",  # see test_due_first_line_is_the_due_moment_in_vietnamese
    ),
    pytest.param(
        "2026-02-12 09:00",
        t(2026, 2, 12, 9),
        "Không quá 03 ngày làm việc",
        # Thu 12/2 received; Fri 13/2 is day 1; Sat 14 – Sun 22 are off (Tết
        # Mon 16 – Fri 20 with the weekends around it, Thông báo 9441/TB-BNV);
        # Mon 23 day 2, Tue 24 day 3.
        "2026-02-24T17:00:00+07:00",
        False,
        id="tet",
    ),
    pytest.param(
        "2026-08-21 10:00",
        t(2026, 8, 21, 10),
        "02 ngày làm việc",
        # Fri 21/8 received; Sat 22/8 is a make-up working day (for Mon 31/8)
        # and counts as day 1; Sun 23 off; Mon 24 is day 2.
        "2026-08-24T17:00:00+07:00",
        False,
        id="make-up-saturday",
    ),
    pytest.param(
        "2026-11-16 17:30",
        t(2026, 11, 16, 17, 30),
        "01 ngày làm việc",
        # After closing (17:00) on Mon 16/11: counting starts at Tue 17/11 07:30
        # (next opening); that day is the receipt day, not counted; Wed 18 is day 1.
        "2026-11-18T17:00:00+07:00",
        False,
        id="after-hours",
    ),
    pytest.param(
        "2026-11-20 15:30",
        t(2026, 11, 20, 15, 30),
        "Trong ngày; sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        # A same-day limit with a 15:00 cut-off: received Fri 15:30, after the
        # cut-off, so the next working day, Mon 23/11, at closing time.
        "2026-11-23T17:00:00+07:00",
        False,
        id="15h-cutoff",
    ),
    pytest.param(
        "2026-11-20 14:30",
        t(2026, 11, 20, 14, 30),
        "Trong ngày; sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        "2026-11-20T17:00:00+07:00",  # before the cut-off: the same day
        False,
        id="before-15h-cutoff",
    ),
    pytest.param(
        "2027-12-28 15:30",
        t(2027, 12, 28, 15, 30),
        "05 ngày làm việc",
        # Past the announced calendar (tests.horizon). Wed 29, Thu 30, Fri 31/12 are days 1–3;
        # Sat 1/1/2028 is New Year's Day on a weekend, so Mon 3/1 is its
        # compensatory day (Labour Code 2019 Art. 111(3), projected); Tue 4 is
        # day 4, Wed 5 day 5. Provisional: 2028 is not announced.
        "2028-01-05T17:00:00+07:00",
        True,
        id="provisional",
    ),
    pytest.param(
        "2026-11-20T03:00:00Z",
        t(2026, 11, 20, 10),
        "3 ngày làm việc",
        "2026-11-26T17:00:00+07:00",  # 03:00 UTC is 10:00 in Vietnam
        False,
        id="iso-with-offset",
    ),
    pytest.param(
        "20/11/2026 10:00",
        t(2026, 11, 20, 10),
        "3 ngày làm việc",
        "2026-11-26T17:00:00+07:00",
        False,
        id="day-first",
    ),
]


@pytest.mark.parametrize(("typed", "received", "limit", "expected", "provisional"), DUE_CASES)
def test_due_json_matches_the_library(
    typed: str, received: dt.datetime, limit: str, expected: str, provisional: bool
) -> None:
    data = run_json("due", typed, limit)
    lib = library_due(received, limit, provisional=provisional)
    assert data["due"] == expected == lib.at.isoformat()
    assert data["last_day"] == lib.last_day.isoformat()
    assert data["start"] == lib.start.isoformat()
    assert data["received_at"] == lib.received_at.isoformat()
    assert data["provisional"] is provisional is lib.provisional
    assert data["counted"] == [d.isoformat() for d in lib.counted]
    assert [(s["date"], s["reason"], s["citation"]) for s in data["skipped"]] == [
        (s.day.isoformat(), s.status.reason.value, s.citation) for s in lib.skipped
    ]
    assert data["notes"] == list(lib.notes)
    assert data["limit"]["unit"] == lib.limit.unit.value
    assert data["time_assumed"] is False
    assert bool(data["warnings"]) is provisional


def test_due_json_details_tet() -> None:
    data = run_json("due", "2026-02-12 09:00", "03 ngày làm việc")
    by_date = {s["date"]: s for s in data["skipped"]}
    assert list(by_date) == [f"2026-02-{d}" for d in range(14, 23)]
    tet = [d for d, s in by_date.items() if s["reason"] == "holiday"]
    assert tet == ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]
    assert by_date["2026-02-16"]["name_vi"] == "Tết Âm lịch"
    assert "9441/TB-BNV" in by_date["2026-02-16"]["citation"]
    assert data["limit"] == {
        "amount": 3,
        "unit": "working_days",
        "cutoff": None,
        "condition": None,
        "raw": "03 ngày làm việc",
    }


def test_due_make_up_saturday_is_counted() -> None:
    data = run_json("due", "2026-08-21 10:00", "02 ngày làm việc")
    assert data["counted"] == ["2026-08-22", "2026-08-24"]
    assert [s["date"] for s in data["skipped"]] == ["2026-08-23"]


def test_due_after_hours_says_when_counting_starts() -> None:
    code, text = run("due", "2026-11-16 17:30", "01 ngày làm việc")
    assert code == 0
    assert text.splitlines()[0] == "Hạn trả kết quả: 17:00 thứ Tư 18/11/2026"
    assert "Bắt đầu tính: 07:30 thứ Ba 17/11/2026" in text
    assert "received after closing (17:00)" in text


def test_due_provisional_is_flagged_and_explained() -> None:
    # No exception although filterwarnings = error: the warning becomes a note.
    code, text = run("due", "2027-12-28 15:30", "05 ngày làm việc")
    assert code == 0
    assert text.splitlines()[0] == "Hạn trả kết quả: 17:00 thứ Tư 05/01/2028 [TẠM TÍNH]"
    assert f"outside the announced calendar (2015-01-01..{HORIZON.isoformat()})" in text
    assert "thứ Hai 03/01/2028: Nghỉ bù" in text
    code, text = run("due", "2027-12-28 15:30", "05 ngày làm việc", "--lang", "en")
    assert text.splitlines()[0] == "Result due: 17:00 Wednesday 05/01/2028 [PROVISIONAL]"
    data = run_json("due", "2027-12-28 15:30", "05 ngày làm việc")
    assert data["provisional"] is True
    assert any(HORIZON.isoformat() in w for w in data["warnings"])
    assert all(s["provisional"] for s in data["skipped"])


def test_due_midnight_ends_at_24h_of_the_last_day() -> None:
    # Same count as the culture-day case; the last day (Thu 26/11) ends at 24:00.
    code, text = run("due", "2026-11-20 10:00", "3 ngày làm việc", "--end-of-day", "midnight")
    assert code == 0
    assert text.splitlines()[0] == "Hạn trả kết quả: 24:00 thứ Năm 26/11/2026"
    data = run_json("due", "2026-11-20 10:00", "3 ngày làm việc", "--end-of-day", "midnight")
    policy = CLOCK_POLICIES.at(dt.date(2026, 11, 20)).value.evolve(end_of_day=EndOfDay.MIDNIGHT)
    lib = library_due(t(2026, 11, 20, 10), "3 ngày làm việc", policy=policy)
    assert data["due"] == "2026-11-27T00:00:00+07:00" == lib.at.isoformat()
    assert data["policy"]["end_of_day"] == "midnight"
    close = run_json("due", "2026-11-20 10:00", "3 ngày làm việc", "--end-of-day", "close")
    assert close["due"] == "2026-11-26T17:00:00+07:00"


def test_due_with_provincial_hours() -> None:
    # Vĩnh Phúc winter hours close at 16:30 (QĐ 873); same days as the default.
    data = run_json("due", "2026-11-20 10:00", "3 ngày làm việc", "--hours", "vinh_phuc_winter")
    hours = OFFICE_HOURS_PRESETS["vinh_phuc_winter"]
    lib = library_due(t(2026, 11, 20, 10), "3 ngày làm việc", hours=hours)
    assert data["due"] == "2026-11-26T16:30:00+07:00" == lib.at.isoformat()
    assert data["hours"]["afternoon_end"] == "16:30"


def test_due_in_working_hours_runs_inside_office_hours() -> None:
    # 10:00 + 4 working hours: 1.5 h to 11:30, lunch break, 2.5 h from 13:00 -> 15:30.
    data = run_json("due", "2026-11-20 10:00", "04 giờ làm việc")
    assert data["due"] == "2026-11-20T15:30:00+07:00"


def test_due_bare_date_means_opening_time() -> None:
    data = run_json("due", "2026-11-20", "3 ngày làm việc")
    assert data["time_assumed"] is True
    assert data["received_at"] == "2026-11-20T07:30:00+07:00"
    assert data["due"] == "2026-11-26T17:00:00+07:00"
    assert "lấy giờ mở cửa 07:30" in run("due", "2026-11-20", "3 ngày làm việc")[1]
    # The opening time of the desk chosen, not a fixed 07:30.
    summer = run_json("due", "2026-11-20", "3 ngày làm việc", "--hours", "vinh_phuc_summer")
    assert summer["received_at"] == "2026-11-20T07:00:00+07:00"


@pytest.mark.parametrize(
    ("limit", "why"),
    [
        ("02 giờ làm việc", "working hours"),
        ("Trong ngày; sau 15 giờ thì trả trong ngày làm việc tiếp theo", "15:00 cut-off"),
    ],
)
def test_due_bare_date_is_refused_when_the_time_matters(
    limit: str, why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run("due", "2026-11-20", limit)
    assert (code, text) == (2, "")
    err = capsys.readouterr().err
    assert "RECEIVED" in err
    assert why in err


def test_due_lists_the_other_cases_and_assumptions() -> None:
    text_limit = (
        "Không quá 05 ngày làm việc; trường hợp cần xác minh thì không quá 10 ngày làm việc"
    )
    code, text = run("due", "2026-11-20 10:00", text_limit)
    assert code == 0
    assert (
        "Trường hợp khác (không dùng ở đây):\n  - 10 ngày làm việc — trường hợp cần xác minh"
        in (text)
    )
    data = run_json("due", "2026-11-20 10:00", text_limit)
    assert data["limit"]["amount"] == 5  # the ordinary limit is used
    assert [a["amount"] for a in data["alternatives"]] == [10]
    # "ngày" alone is read as calendar days: say so.
    data = run_json("due", "2026-11-20 10:00", "15 ngày")
    assert data["limit"]["unit"] == "calendar_days"
    assert "calendar days" in data["assumptions"][0]


def test_due_with_a_calendar_file(tmp_path: Path) -> None:
    # A provincial day off on Wed 25/11/2026 pushes day 2 to Thu 26 and day 3 to Fri 27.
    file = tmp_path / "local.toml"
    file.write_text(
        """
[[days]]
date = "2026-11-25"
kind = "day_off"
reason = "other"
vi = "Nghỉ theo quyết định của tỉnh"
en = "Provincial day off"
citation = "Quyết định 1/QĐ-UBND (example)"
""",
        encoding="utf-8",
    )
    data = run_json("due", "2026-11-20 10:00", "3 ngày làm việc", "--calendar", str(file))
    lib = library_due(
        t(2026, 11, 20, 10), "3 ngày làm việc", calendar=official_calendar().with_file(file)
    )
    assert data["due"] == "2026-11-27T17:00:00+07:00" == lib.at.isoformat()
    assert data["skipped"][-1]["citation"] == "Quyết định 1/QĐ-UBND (example)"


def test_due_bad_calendar_file_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(json.dumps({"days": [{"date": "2026-11-25", "kind": "off"}]}))
    code, _ = run("due", "2026-11-20 10:00", "3 ngày làm việc", "--calendar", str(file))
    assert code == 2
    assert "bad.json.days[0].kind" in capsys.readouterr().err
    file.write_text("{not json")
    assert run("due", "2026-11-20 10:00", "3 ngày", "--calendar", str(file))[0] == 2
    assert "bad.json" in capsys.readouterr().err
    missing = str(tmp_path / "missing.toml")
    assert run("due", "2026-11-20 10:00", "3 ngày", "--calendar", missing)[0] == 2
    assert "missing.toml" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("received", "limit", "message"),
    [
        ("2026-11-20 25:00", "3 ngày làm việc", "receipt moment (RECEIVED) '2026-11-20 25:00'"),
        ("hôm nay", "3 ngày làm việc", "receipt moment (RECEIVED) 'hôm nay'"),
        # fromisoformat would read these as midnight: refused, not guessed.
        ("20261120", "3 ngày làm việc", "receipt moment (RECEIVED) '20261120'"),
        ("2026-11-20 10", "3 ngày làm việc", "receipt moment (RECEIVED) '2026-11-20 10'"),
        ("2026-11-20 10:00", "sớm nhất có thể", "cannot read time limit 'sớm nhất có thể'"),
        ("2099-12-30 10:00", "3 ngày làm việc", "outside the calendar's range"),
    ],
)
def test_due_bad_input_exits_2_with_a_message(
    received: str, limit: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run("due", received, limit)
    assert (code, text) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith("tthc: ")
    assert message in err


def test_due_bad_option_is_a_usage_error() -> None:
    assert usage_error("due", "2026-11-20 10:00", "3 ngày", "--hours", "hanoi") == 2
    assert usage_error("due", "2026-11-20 10:00", "3 ngày", "--end-of-day", "noon") == 2
    assert usage_error("due", "2026-11-20 10:00") == 2


# --------------------------------------------------------------------------- #
# tthc calendar
# --------------------------------------------------------------------------- #


def test_calendar_2026() -> None:
    code, text = run("calendar", "2026")
    assert code == 0
    assert text.splitlines()[0] == "Lịch làm việc năm 2026"
    assert "thứ Sáu 02/01/2026: Nghỉ hoán đổi" in text
    assert "12729/VPCP-KGVX" in text
    assert "thứ Bảy 10/01/2026: Làm bù" in text
    assert "thứ Bảy 22/08/2026: Làm bù" in text
    assert "TẠM TÍNH" not in text


def test_calendar_2026_json() -> None:
    data = run_json("calendar", "2026")
    # calendar.md §2: weekdays off 1–2/1, 16–20/2, 27/4, 30/4–1/5, 31/8–2/9, 24/11.
    assert [d["date"][5:] for d in data["days_off"]] == [
        "01-01", "01-02",
        "02-16", "02-17", "02-18", "02-19", "02-20",
        "04-27", "04-30", "05-01",
        "08-31", "09-01", "09-02",
        "11-24",
    ]  # fmt: skip
    assert [d["date"] for d in data["make_up_days"]] == ["2026-01-10", "2026-08-22"]
    assert data["make_up_days"][0]["reason"] == "make_up_working_day"
    # 2026 starts on a Thursday: 52 weeks + Thu 31/12 = 261 weekdays;
    # 261 - 14 days off + 2 make-up Saturdays = 249.
    assert data["working_days"] == 249
    assert data["provisional"] is False
    assert data["announced_until"] == HORIZON.isoformat()
    without = run_json("calendar", "2026", "--no-culture-day")
    assert "2026-11-24" not in [d["date"] for d in without["days_off"]]
    assert without["working_days"] == 250


def test_calendar_provisional_year_in_english() -> None:
    code, text = run("calendar", "2028", "--lang", "en")
    assert code == 0
    assert text.splitlines()[0] == "Working calendar 2028 [PROVISIONAL]"
    assert f"Announced until {HORIZON:%d/%m/%Y}" in text
    # Sat 1/1/2028 is New Year's Day: its compensatory day is Mon 3/1.
    assert "Monday 03/01/2028: Compensatory day off" in text
    data = run_json("calendar", "2028")
    assert data["provisional"] is True
    assert all(d["provisional"] for d in data["days_off"])
    assert data["make_up_days"] == []  # only an announcement makes a swap


def test_calendar_beyond_the_default_range() -> None:
    data = run_json("calendar", "2050")
    assert data["provisional"] is True
    assert data["days_off"][0]["date"].startswith("2050-")


@pytest.mark.parametrize("year", ["1999", "2100", "26", "năm 2026"])
def test_calendar_bad_year_is_a_usage_error(year: str) -> None:
    assert usage_error("calendar", year) == 2


# --------------------------------------------------------------------------- #
# tthc level
# --------------------------------------------------------------------------- #


def test_level_under_decree_224() -> None:
    code, text = run("level", "1.004222", "--on", "2026-07-01")
    assert code == 0
    assert text.startswith("Đăng ký thường trú (1.004222)\nNgày xét: 01/07/2026\n")
    assert "Một phần" in text
    assert "  ✓ Được công khai" in text
    assert "  ? Thanh toán trực tuyến" in text  # the record does not say: unknown
    assert "Decree 224/2026/NĐ-CP, Art. 14" in text
    data = run_json("level", "1.004222", "--on", "2026-07-01")
    assert data["regime"] == "decree_224_2026"
    # Online submission works but some facts are unknown, and an unknown fact
    # never passes: partial (một phần), not full.
    assert data["mode"] == data["level"] == "partial"
    assert len(data["criteria"]) == 10
    assert {c["criterion"] for c in data["criteria"] if not c["known"]} >= {"online_payment"}


def test_level_under_decree_43_in_english() -> None:
    code, text = run("level", "1.004222", "--on", "01/07/2020", "--lang", "en")
    assert code == 0
    assert "level 3" in text
    assert "  ✓ Forms can be downloaded" in text
    data = run_json("level", "1.004222", "--on", "2020-07-01")
    # Levels 1–3 pass (published, forms, online submission); level 4 needs
    # online payment, which the record does not state.
    assert data["regime"] == "decree_43_2011"
    assert data["level"] == data["legacy_level"] == 3
    assert data["mode"] is None


def test_level_regime_follows_the_date() -> None:
    assert run_json("level", "1.004222", "--on", "2022-08-14")["regime"] == "decree_43_2011"
    assert run_json("level", "1.004222", "--on", "2022-08-15")["regime"] == "decree_42_2022"
    assert run_json("level", "1.004222", "--on", "2026-06-30")["regime"] == "decree_42_2022"


def test_level_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("level", "9.999999", "--on", "2026-07-01")[0] == 1
    # A date before any regime: understood, but nothing is in force.
    assert run("level", "1.004222", "--on", "2005-01-01")[0] == 1
    assert "2005-01-01" in capsys.readouterr().err
    assert run("level", "abc", "--on", "2026-07-01")[0] == 2
    assert usage_error("level", "1.004222") == 2  # --on is required
    assert usage_error("level", "1.004222", "--on", "2026-02-30") == 2
    assert usage_error("level", "1.004222", "--on", "2026-07-01 10:00") == 2


# --------------------------------------------------------------------------- #
# tthc check
# --------------------------------------------------------------------------- #

PROOF = "Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp"


def _dossier(*events: Any, components: tuple[str, ...] = ()) -> Dossier:
    return Dossier(
        procedure=catalogue.get("1.004222"),
        channel=Channel.IN_PERSON,
        components=[SubmittedComponent(name) for name in components],
        events=events,
    )


RECEIVED_AT = t(2026, 11, 16, 9)


def _received(at: dt.datetime = RECEIVED_AT) -> Dossier:
    return _dossier(
        Submitted(at - dt.timedelta(minutes=30), Channel.IN_PERSON),
        Received(at, code=DossierCode("H29.123.45-261116-0001")),
        components=("Tờ khai thay đổi thông tin cư trú",),
    )


def _write(tmp_path: Path, dossier: Dossier) -> str:
    file = tmp_path / "dossier.json"
    file.write_text(to_json(dossier, indent=2), encoding="utf-8")
    return str(file)


def test_check_lists_what_to_ask_for_and_the_status(tmp_path: Path) -> None:
    path = _write(tmp_path, _received())
    code, text = run("check", path, "--as-of", "2026-11-20 10:00")
    assert code == 0
    assert "  ✓ Tờ khai thay đổi thông tin cư trú: Đã nộp đủ" in text
    assert f"  ✗ {PROOF}: Còn thiếu" in text
    assert f"Hồ sơ cần bổ sung, hoàn thiện:\n- {PROOF}: chưa nộp" in text
    # Received Mon 16/11 09:00, 7 working days: 17, 18, 19, 20, 23, (24/11 off), 25, 26.
    assert "Hẹn trả: 26/11/2026 17:00" in text
    assert "Trong hạn" in text
    # Working days in (Fri 20/11, Thu 26/11]: 23, 25, 26.
    assert "Số ngày làm việc còn lại: 3" in text


def test_check_json_matches_the_library(tmp_path: Path) -> None:
    dossier = _received()
    as_of = t(2026, 11, 30, 10)
    data = run_json("check", _write(tmp_path, dossier), "--as-of", "2026-11-30 10:00")
    lib = status(dossier, as_of)
    assert lib.due is not None
    assert data["due"] == lib.due.at.isoformat() == "2026-11-26T17:00:00+07:00"
    assert data["state"] == "processing"
    assert data["open_status"] == "overdue"
    # Working days in [Thu 26/11, Mon 30/11): 26, 27, counted negative once overdue.
    assert data["working_days_left"] == lib.working_days_left == -2
    assert data["complete"] is False
    assert data["to_request"] == [PROOF]
    assert [i["status"] for i in data["items"]] == ["provided", "missing"]
    assert data["dossier_code"] == "H29.123.45-261116-0001"
    assert [e["event"] for e in data["timeline"]] == ["submitted", "received"]
    assert data["timeline"][1]["form"].startswith("Mẫu 01")
    assert data["as_of"] == as_of.isoformat()


def test_check_english_and_outcome(tmp_path: Path) -> None:
    dossier = _dossier(
        Received(t(2026, 11, 16, 9)),
        Returned(t(2026, 11, 25, 10)),
        components=("Tờ khai thay đổi thông tin cư trú", PROOF),
    )
    path = _write(tmp_path, dossier)
    code, text = run("check", path, "--as-of", "2026-12-01 09:00", "--lang", "en")
    assert code == 0
    assert "The dossier is complete." in text
    assert "Result returned" in text
    assert "Early" in text  # returned Wed 25/11, due Thu 26/11 17:00
    data = run_json("check", path, "--as-of", "2026-12-01 09:00")
    assert (data["state"], data["outcome"], data["open_status"]) == ("returned", "early", None)


def test_check_before_receipt_has_no_due_date(tmp_path: Path) -> None:
    path = _write(tmp_path, _dossier(Submitted(t(2026, 11, 16, 8), Channel.ONLINE)))
    code, text = run("check", path, "--as-of", "2026-11-16 09:00")
    assert code == 0
    assert "Chưa tiếp nhận" in text
    data = run_json("check", path, "--as-of", "2026-11-16 09:00")
    assert (data["state"], data["due"], data["received_at"]) == ("submitted", None, None)


def test_check_provisional_due_is_a_note(tmp_path: Path) -> None:
    path = _write(tmp_path, _received(t(2027, 12, 28, 9)))
    data = run_json("check", path, "--as-of", "2027-12-29 09:00")
    assert data["provisional"] is True
    assert any("announced calendar" in w for w in data["warnings"])
    code, text = run("check", path, "--as-of", "2027-12-29 09:00")
    assert code == 0
    assert "TẠM TÍNH" in text


def test_check_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(to_json(_received())))
    data = run_json("check", "-", "--as-of", "2026-11-20 10:00")
    assert data["due"] == "2026-11-26T17:00:00+07:00"


def test_check_bad_dossier_names_the_json_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(to_json(_received()))
    data["events"][1]["event"] = "recieved"
    data["components"][0]["count"] = "1"
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, text = run("check", str(file), "--as-of", "2026-11-20 10:00")
    assert (code, text) == (2, "")
    err = capsys.readouterr().err
    assert f"tthc: {file}: invalid Dossier: 2 problems" in err
    assert "$.components[0].count" in err
    assert "$.events[1].event" in err
    assert "'received'" in err  # the tags it would accept


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"procedure": ', "cannot read JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (None, "No such file"),
    ],
    ids=["not-json", "not-utf8", "missing"],
)
def test_check_unreadable_file_exits_2(
    content: str | bytes | None,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "d.json"
    if isinstance(content, str):
        file.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        file.write_bytes(content)
    assert run("check", str(file))[0] == 2
    assert message in capsys.readouterr().err


def test_check_impossible_timeline_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Filed again after receipt: no sequence of apply() calls gives this.
    dossier = _dossier(Received(t(2026, 11, 16, 9)), Submitted(t(2026, 11, 16, 10), Channel.ONLINE))
    assert run("check", _write(tmp_path, dossier), "--as-of", "2026-11-17 09:00")[0] == 2
    assert "cannot apply 'Submitted'" in capsys.readouterr().err


def test_check_unknown_case_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = Dossier(
        procedure=catalogue.get("1.004222"), channel=Channel.IN_PERSON, case="Không có"
    )
    assert run("check", _write(tmp_path, dossier))[0] == 1
    assert "'Không có'" in capsys.readouterr().err


def test_check_as_of_needs_a_time() -> None:
    assert usage_error("check", "d.json", "--as-of", "2026-11-20") == 2


# --------------------------------------------------------------------------- #
# tthc parse-limit
# --------------------------------------------------------------------------- #

CASES_TEXT = (
    "Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; "
    "trường hợp cần xác minh thì không quá 10 ngày làm việc"
)


def test_parse_limit_in_vietnamese_and_english() -> None:
    code, text = run("parse-limit", CASES_TEXT)
    assert code == 0
    assert text.splitlines()[:3] == [
        "Thời hạn thông thường: 5 ngày làm việc",
        "Các trường hợp khác:",
        "  - 10 ngày làm việc — trường hợp cần xác minh",
    ]
    assert "kể từ ngày nhận đủ hồ sơ hợp lệ" in text  # the start event, kept as a note
    code, text = run("parse-limit", "15 ngày", "--lang", "en")
    assert text.splitlines()[0] == "Ordinary limit: 15 calendar days"
    assert "Assumptions in reading the limit:" in text


def test_parse_limit_json_is_the_library_value() -> None:
    code, text = run("parse-limit", CASES_TEXT, "--json")
    assert code == 0
    assert from_json(ParsedTimeLimit, text) == tthc.parse_time_limit(CASES_TEXT)
    data = json.loads(text)
    assert [limit["condition"] for limit in data["limits"]] == [None, "trường hợp cần xác minh"]


def test_parse_limit_unreadable_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("parse-limit", "mãi mãi") == (2, "")
    assert "cannot read time limit 'mãi mãi'" in capsys.readouterr().err


# --------------------------------------------------------------------------- #
# The installed command
# --------------------------------------------------------------------------- #


def _tthc(*argv: str, script: bool = False) -> subprocess.CompletedProcess[str]:
    if script:
        exe = Path(sys.executable).with_name("tthc")
        if not exe.exists():  # pragma: no cover - a non-editable layout
            pytest.skip("the tthc console script is not installed next to python")
        command = [str(exe), *argv]
    else:
        command = [sys.executable, "-m", "tthc", *argv]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)


def test_module_entry_point() -> None:
    done = _tthc("show", "1.001193")
    assert done.returncode == 0
    assert done.stdout.startswith("Đăng ký khai sinh")


@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_installed_due_matches_the_library(script: bool) -> None:
    done = _tthc("due", "2026-02-12 09:00", "03 ngày làm việc", "--json", script=script)
    assert done.returncode == 0, done.stderr
    lib = library_due(t(2026, 2, 12, 9), "03 ngày làm việc")
    assert json.loads(done.stdout)["due"] == lib.at.isoformat()


@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_installed_bad_input_has_no_traceback(script: bool) -> None:
    done = _tthc("due", "2026-13-01 10:00", "3 ngày làm việc", script=script)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "'2026-13-01 10:00'" in done.stderr
    done = _tthc("show", "9.999999", script=script)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr


def test_installed_provisional_does_not_crash_under_warnings_as_errors() -> None:
    # Even with every warning turned into an error, the provisional warning is a note.
    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "tthc", "due", "2027-12-28 15:30", "5 ngày làm việc"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "[TẠM TÍNH]" in done.stdout.splitlines()[0]


def test_default_office_hours_are_the_librarys() -> None:
    # The command's default desk is OfficeHours(): 07:30–11:30, 13:00–17:00.
    assert run_json("due", "2026-11-20 10:00", "1 ngày làm việc")["hours"]["morning_start"] == (
        OfficeHours().opening.strftime("%H:%M")
    )
