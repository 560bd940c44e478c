"""Regression examples for issue 19 (hostile input, round 2): one test per defect found.

Calendar overlays, calendar arguments, dossier moments, the strict JSON
reading (repeated keys, long fractions), the xlsx reader on crafted files and
the bounded reads of files and standard input.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

import pytest

import tthc
from tests.fuzz._crafted import CRAFTED_XLSX, gzip_bomb, valid_xlsx
from tthc import VIETNAM, catalogue, official_calendar
from tthc._io import inflate_gzip, read_file, read_stream
from tthc.cli import main as tthc_main
from tthc.deadlines import DayKind, DayReason, DayRecord
from tthc.dossiers import apply, clock_of, evaluate_dossier, status, summarize, timeline
from tthc.errors import (
    CalendarOverrideWarning,
    NaiveDatetimeError,
    ParseError,
    TthcError,
    ValidationError,
)
from tthc.limits import MAX_DECOMPRESSED_BYTES, MAX_INPUT_BYTES, MAX_XLSX_PART_BYTES
from tthc.model import Channel, Dossier, Fee, Received, ResultReady, TimeLimit
from tthc.serialization import from_dict, from_json, to_dict
from tthc.sources import read_portal_xlsx

CAL = official_calendar()
D = dt.date


def _run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = tthc_main([*args, "--lang", "en"], out=out)
    return code, out.getvalue()


# --------------------------------------------------------------------------- #
# calendar overlays
# --------------------------------------------------------------------------- #


def _overlay_file(tmp_path: Path, first: str, last: str, days: list[Any]) -> Path:
    path = tmp_path / "overlay.json"
    window = {"valid_from": first, "valid_until": last, "citation": "X", "days": days}
    path.write_text(json.dumps({"announcements": [window]}), encoding="utf-8")
    return path


def test_an_empty_overlay_over_every_year_never_moves_tet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `tthc due "12/02/2026 09:00" "3 ngày làm việc" --calendar FILE` gave 17/02
    for first, last in [("2000-01-01", "2099-12-31"), ("2026-01-01", "2026-12-31")]:
        path = _overlay_file(tmp_path, first, last, [])
        code, out = _run(["due", "12/02/2026 09:00", "3 ngày làm việc", "--calendar", str(path)])
        shown = out + capsys.readouterr().err
        assert code == 2 or "24/02/2026" in shown, shown
        assert "17/02/2026" not in shown.split("\n")[0]
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    code, out = _run(["due", "12/02/2026 09:00", "3 ngày làm việc", "--calendar", str(empty)])
    assert code == 0
    assert "24/02/2026" in out.split("\n")[0]


def test_the_shipped_tet_survives_a_2026_window_that_does_not_list_it() -> None:
    cal = CAL.with_announcement(
        [], valid_from=D(2026, 2, 1), valid_until=D(2026, 2, 28), citation="X"
    )
    assert cal.add_working_days(D(2026, 2, 12), 3) == D(2026, 2, 24)
    received = dt.datetime(2026, 2, 12, 9, tzinfo=VIETNAM)
    due = tthc.due_date(received, TimeLimit.working_days(3), calendar=cal)
    assert due.last_day == D(2026, 2, 24)
    assert due == tthc.due_date(received, TimeLimit.working_days(3))


def test_every_statutory_holiday_is_kept_by_the_shipped_calendar() -> None:
    from tthc.deadlines._statutory import statutory_holidays

    for year in range(CAL.first_year, CAL.last_year + 1):
        for holiday in statutory_holidays(year):
            assert not CAL._is_working(holiday.day), holiday


def test_an_overlay_that_shortens_tet_is_refused() -> None:
    # 2028: lunar New Year's Day is Wed 26/01; a window that keeps it alone drops 4 Tết days
    from tthc.deadlines._statutory import project_year

    kept = [r for r in project_year(2028) if not (D(2028, 1, 20) <= r.day <= D(2028, 2, 5))]
    tet = DayRecord(
        D(2028, 1, 26),
        DayKind.DAY_OFF,
        DayReason.HOLIDAY,
        name_vi="Tết",
        name_en="Tết",
        citation="QĐ 3/X",
    )
    window = {"valid_from": D(2028, 1, 1), "valid_until": D(2028, 12, 31), "citation": "X"}
    with pytest.raises(ValidationError) as caught:
        CAL.with_announcement([*kept, tet], **window)  # type: ignore[arg-type]
    problem = caught.value.problems[0]
    assert problem.path == "2028-01-26±12"
    assert "5 weekdays off" in problem.expected
    full = [*kept, *[r for r in project_year(2028) if r not in kept]]
    assert not CAL.with_announcement(full, **window).is_working_day(D(2028, 1, 27))  # type: ignore[arg-type]


def test_a_day_record_outside_its_window_is_refused(tmp_path: Path) -> None:
    day = {
        "date": "2030-05-06",
        "kind": "day_off",
        "reason": "other",
        "vi": "Nghỉ",
        "en": "Off",
        "citation": "QĐ 1/X",
    }
    path = _overlay_file(tmp_path, "2026-03-01", "2026-03-31", [day])
    with pytest.raises(ValidationError) as caught:
        CAL.with_file(path)
    assert caught.value.problems[0].path.endswith("announcements[0].days[0].date")
    assert CAL.is_provisional(D(2030, 5, 6))  # and the day was not marked announced


def test_the_override_warning_names_each_cited_day() -> None:
    make_up = DayRecord(
        D(2026, 1, 10),
        DayKind.DAY_OFF,
        DayReason.OTHER,
        name_vi="Nghỉ",
        name_en="Off",
        citation="QĐ 2/X",
    )
    with pytest.warns(CalendarOverrideWarning) as caught:
        CAL.with_announcement(
            [make_up], valid_from=D(2026, 1, 1), valid_until=D(2026, 1, 31), citation="X"
        )
    text = str(caught[0].message)
    assert "2026-01-10" in text
    assert "12729/VPCP-KGVX" in text  # the citation it overrides


# --------------------------------------------------------------------------- #
# calendar arguments
# --------------------------------------------------------------------------- #

_BAD_YEARS = [0, -1, 1.5, "2026", True, None, 10**30, 1999, 2100, float("nan")]


@pytest.mark.parametrize("year", _BAD_YEARS)
def test_calendar_year_arguments_are_typed_errors(year: Any) -> None:
    for call in (CAL.days_off, CAL.working_days_by_month, CAL.view):
        with pytest.raises(ValidationError) as caught:
            call(year)
        assert caught.value.problems[0].path == "year"
    with pytest.raises(ValidationError):
        official_calendar(last_year=year)


@pytest.mark.parametrize("month", [0, 13, -1, 1.0, "1", True])
def test_calendar_view_month_is_checked(month: Any) -> None:
    with pytest.raises(ValidationError):
        CAL.view(2026, month)


@pytest.mark.parametrize(
    "count", [math.nan, math.inf, 1.5, 3.0, "3", True, False, None, [3], dt.timedelta(days=3)]
)
def test_working_day_counts_must_be_whole_numbers(count: Any) -> None:
    # add_working_days(d, nan) returned d
    with pytest.raises(ValidationError) as caught:
        CAL.add_working_days(D(2026, 1, 5), count)
    assert caught.value.problems[0].path == "n"


def test_numpy_integer_counts_are_whole_numbers() -> None:
    np = pytest.importorskip("numpy")
    assert CAL.add_working_days(D(2026, 2, 13), np.int64(1)) == D(2026, 2, 23)


@pytest.mark.parametrize(
    "options",
    [
        {"culture_day": "no"},
        {"culture_day": 0},
        {"culture_day_compensation": None},
        {"first_year": [2000]},  # unhashable: was a TypeError from the cache
        {"last_year": 2035.0},
    ],
)
def test_official_calendar_options_are_checked(options: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        official_calendar(**options)


@pytest.mark.parametrize(
    "window",
    [
        {"valid_from": dt.datetime(2027, 1, 1, tzinfo=dt.UTC), "valid_until": D(2027, 1, 31)},
        {"valid_from": D(2027, 1, 1), "valid_until": dt.datetime(2027, 1, 31)},
        {"valid_from": "2027-01-01", "valid_until": D(2027, 1, 31)},
        {"valid_from": D(2027, 2, 1), "valid_until": D(2027, 1, 31)},
    ],
)
def test_announcement_windows_are_checked(window: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        CAL.with_announcement([], citation="X", **window)


@pytest.mark.parametrize("days", [None, "abc", 5, [1], [None], {"date": "2027-01-01"}])
def test_announcement_days_are_checked(days: Any) -> None:
    with pytest.raises(ValidationError):
        CAL.with_announcement(
            days, valid_from=D(2027, 1, 1), valid_until=D(2027, 1, 31), citation="X"
        )
    with pytest.raises(ValidationError):
        CAL.with_days(days)


def test_due_date_refuses_not_a_time() -> None:
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    values: list[Any] = [pd.NaT, np.datetime64("NaT"), "2026-01-05", dt.date(2026, 1, 5), None]
    for value in values:
        with pytest.raises(ValidationError) as caught:
            tthc.due_date(value, TimeLimit.working_days(3))
        assert caught.value.problems[0].path == "received_at"
    with pytest.raises(NaiveDatetimeError):
        tthc.due_date(pd.Timestamp("2026-01-05 10:00"), TimeLimit.working_days(3))


# --------------------------------------------------------------------------- #
# dossiers: moments the clock cannot count, and the entry checks
# --------------------------------------------------------------------------- #


def _dossier_data(at: str) -> dict[str, Any]:
    return {
        "procedure": to_dict(catalogue.get("1.004222")),
        "channel": "online",
        "events": [{"event": "received", "at": at}],
    }


@pytest.mark.parametrize(
    "at",
    [
        "0001-01-01T00:00+14:00",
        "9999-12-31T23:59-12:00",
        "1999-12-31T16:59:59+00:00",  # 23:59:59 in Vietnam, 1999
        "2100-01-01T00:00+07:00",
        "1970-01-01T12:00+08:00",
    ],
)
def test_moments_the_clock_cannot_count_are_refused_at_load(at: str) -> None:
    with pytest.raises(ValidationError) as caught:
        from_dict(Dossier, _dossier_data(at))
    assert caught.value.problems[0].path == "$.events[0].at"


def test_the_first_and_last_countable_moments_load_and_answer() -> None:
    first = from_dict(Dossier, _dossier_data("1999-12-31T17:00:00+00:00"))
    assert first.received_at == dt.datetime(2000, 1, 1, tzinfo=VIETNAM)
    last = from_dict(Dossier, _dossier_data("2099-12-31T23:59:59+07:00"))
    as_of = dt.datetime(2099, 12, 31, 23, 59, 59, tzinfo=VIETNAM)
    with pytest.raises(TthcError):  # past the default calendar (2035): typed, not OverflowError
        status(last, as_of)


_GOOD = Dossier(
    procedure=catalogue.get("1.004222"),
    channel=Channel.ONLINE,
    events=(Received(at=dt.datetime(2026, 1, 5, 10, tzinfo=VIETNAM)),),
)
_NOW = dt.datetime(2026, 3, 1, tzinfo=VIETNAM)
_HOSTILE_MOMENTS: list[Any] = [
    None,
    "2026-03-01",
    dt.date(2026, 3, 1),
    dt.datetime(2026, 3, 1),
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
    1.5,
]


@pytest.mark.parametrize("as_of", _HOSTILE_MOMENTS)
def test_dossier_entry_points_refuse_bad_moments(as_of: Any) -> None:
    for call in (
        lambda: status(_GOOD, as_of),
        lambda: timeline(_GOOD, as_of),
        lambda: evaluate_dossier(_GOOD, as_of),
        lambda: summarize([_GOOD], as_of),
        lambda: apply(_GOOD, ResultReady(at=as_of)),
    ):
        with pytest.raises(ValidationError):
            call()


@pytest.mark.parametrize("dossier", [None, "x", 5, {"procedure": "1.004222"}, [_GOOD]])
def test_dossier_entry_points_refuse_what_is_not_a_dossier(dossier: Any) -> None:
    for call in (
        lambda: status(dossier, _NOW),
        lambda: timeline(dossier, _NOW),
        lambda: clock_of(dossier),
        lambda: apply(dossier, ResultReady(at=_NOW)),
        lambda: evaluate_dossier(dossier, _NOW),
    ):
        with pytest.raises(ValidationError):
            call()
    with pytest.raises(ValidationError):
        summarize([_GOOD, dossier], _NOW)
    with pytest.raises(ValidationError):
        status(_GOOD, _NOW, calendar="official")  # type: ignore[arg-type]


def test_pandas_nat_is_not_a_moment_of_a_dossier() -> None:
    pd = pytest.importorskip("pandas")
    with pytest.raises(ValidationError):
        Received(at=pd.NaT)
    with pytest.raises(ValidationError):
        status(_GOOD, pd.NaT)


# --------------------------------------------------------------------------- #
# one strict reading of keys and numbers
# --------------------------------------------------------------------------- #


def test_a_repeated_key_is_refused_with_its_path() -> None:
    # {"amount": 1, "amount": 999} loaded 999
    with pytest.raises(ValidationError) as caught:
        from_json(Fee, '{"name": "Lệ phí", "amount": 1, "amount": 999}')
    problem = caught.value.problems[0]
    assert (problem.path, problem.value) == ("$.amount", [1, 999])
    assert caught.value.what == "Fee"
    nested = '{"name": "x", "legal_basis": [{"number": "1", "number": "2"}]}'
    with pytest.raises(ValidationError) as caught:
        from_json(Fee, nested)
    assert caught.value.problems[0].path == "$.legal_basis[0].number"


def test_a_repeated_key_in_a_calendar_file_or_a_dossier_file(tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    path.write_text('{"days": [], "days": []}', encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        CAL.with_file(path)
    assert caught.value.problems[0].path == "cal.json.days"
    dossier = tmp_path / "dossier.json"
    data = json.dumps(_dossier_data("2026-01-05T10:00+07:00"))
    dossier.write_text(
        data.replace('"channel": "online"', '"channel": "online", "channel": "postal"')
    )
    code, out = _run(["check", str(dossier)])
    assert code == 2, out


@pytest.mark.parametrize(
    "at", ["2026-01-05T10:00:00.1234567+07:00", "2026-01-05T10:00:00,0000001+07:00"]
)
def test_fractions_past_microseconds_are_refused_not_truncated(at: str) -> None:
    with pytest.raises(ValidationError) as caught:
        from_dict(Dossier, _dossier_data(at))
    assert "6 digits" in caught.value.problems[0].expected


def test_fractions_within_microseconds_are_read_exactly() -> None:
    dossier = from_dict(Dossier, _dossier_data("2026-01-05T10:00:00.5+07:00"))
    assert dossier.received_at is not None
    assert dossier.received_at.microsecond == 500_000


# --------------------------------------------------------------------------- #
# the xlsx reader on crafted files
# --------------------------------------------------------------------------- #

_READ_WITH_FINDINGS = {"invalid error value", "unknown cell type"}  # the cell's text is read


@pytest.mark.parametrize("family", sorted(CRAFTED_XLSX))
def test_crafted_xlsx_files_are_typed_errors(family: str, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "crafted.xlsx"
    path.write_bytes(CRAFTED_XLSX[family]())
    if family in _READ_WITH_FINDINGS:
        batch = read_portal_xlsx(path)
        broken = batch.results[0]
        assert broken.procedure is None
        assert broken.findings
        return
    with pytest.raises(ParseError) as caught:
        read_portal_xlsx(path)
    assert str(path) in str(caught.value)


def test_xlsx_a_directory_a_device_and_not_a_path(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    for bad in (tmp_path, 5, None, b"x.xlsx", tmp_path / "missing.xlsx"):
        with pytest.raises(ParseError):
            read_portal_xlsx(bad)  # type: ignore[arg-type]


def test_xlsx_duplicate_header_is_refused_not_half_read(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "dup.xlsx"
    path.write_bytes(CRAFTED_XLSX["duplicate header column"]())
    with pytest.raises(ParseError, match="twice"):
        read_portal_xlsx(path)


def test_xlsx_part_sizes_are_checked_before_reading(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "big.xlsx"
    path.write_bytes(CRAFTED_XLSX["huge shared strings (declared)"]())
    with pytest.raises(ParseError, match="MAX_XLSX_PART_BYTES"):
        read_portal_xlsx(path)
    assert MAX_XLSX_PART_BYTES < 300 * 2**20
    path.write_bytes(valid_xlsx())
    assert len(read_portal_xlsx(path).results) == 2


def test_cli_coverage_on_a_crafted_xlsx_exits_2(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "crafted.xlsx"
    path.write_bytes(CRAFTED_XLSX["shared string past the end"]())
    assert _run(["coverage", str(path)])[0] == 2


# --------------------------------------------------------------------------- #
# bounded reads
# --------------------------------------------------------------------------- #


def test_reads_stop_at_the_limit() -> None:
    with pytest.raises(ParseError, match="MAX_INPUT_BYTES"):
        read_stream(io.BytesIO(b"x" * 1_001), name="-", limit=1_000)
    assert read_stream(io.BytesIO(b"x" * 1_000), name="-", limit=1_000) == b"x" * 1_000
    assert read_stream(io.StringIO("é"), name="-") == "é".encode()
    assert MAX_INPUT_BYTES >= 41_624_033  # the largest real export read whole


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_stops_at_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ParseError, match="MAX_INPUT_BYTES"):
        read_file("/dev/zero")
    assert _run(["check", "/dev/zero"])[0] == 2
    code, _ = _run(["due", "12/02/2026 09:00", "3 ngày làm việc", "--calendar", "/dev/zero"])
    assert code == 2
    with pytest.raises(ParseError, match="MAX_INPUT_BYTES"):
        CAL.with_file("/dev/zero")
    assert "MAX_INPUT_BYTES" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_check_dash_without_stdin_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal())
    assert _run(["check", "-"])[0] == 2
    assert "terminal" in capsys.readouterr().err
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    assert _run(["check", "-"])[0] == 2
    monkeypatch.setattr(sys, "stdin", None)
    assert _run(["check", "-"])[0] == 2
    assert "stdin" in capsys.readouterr().err


def test_check_reads_a_dossier_piped_in(monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps(_dossier_data("2026-01-05T10:00+07:00"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), "utf-8"))
    assert _run(["check", "-", "--as-of", "2026-01-06 10:00"])[0] in (0, 3)


def test_gzip_inflates_only_up_to_the_limit() -> None:
    bomb = gzip_bomb(8 * 2**20)
    assert len(bomb) < 64 * 2**10
    with pytest.raises(ParseError, match="MAX_DECOMPRESSED_BYTES"):
        inflate_gzip(bomb, name="bomb.gz", limit=2**20)
    assert inflate_gzip(gzip.compress(b"abc"), name="x.gz") == b"abc"
    for broken in (b"not gzip", gzip.compress(b"abc")[:-4], b"\x1f\x8b" + b"\0" * 20):
        with pytest.raises(ParseError):
            inflate_gzip(broken, name="x.gz")
    assert MAX_DECOMPRESSED_BYTES >= 41_624_033
