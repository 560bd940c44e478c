from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.horizon import AFTER, HORIZON
from tthc.deadlines import (
    DayKind,
    DayReason,
    DayRecord,
    WorkingCalendar,
    load_calendar_data,
    official_calendar,
)
from tthc.deadlines._statutory import project_year
from tthc.errors import (
    CalendarOverrideWarning,
    CalendarRangeError,
    ProvisionalCalendarWarning,
    ValidationError,
)

D = dt.date
CAL = official_calendar()


def test_add_working_days_conventions() -> None:
    # Friday 13/2/2026 before Tết (16–20/2) and the weekends around it.
    assert CAL.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert CAL.add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 23)  # from a Saturday
    assert CAL.add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)
    assert CAL.add_working_days(D(2026, 2, 21), -1) == D(2026, 2, 13)  # from a Saturday
    assert CAL.add_working_days(D(2026, 2, 21), 0) == D(2026, 2, 21)  # n = 0: d itself
    assert CAL.roll_forward(D(2026, 2, 21)) == D(2026, 2, 23)
    assert CAL.roll_forward(D(2026, 2, 23)) == D(2026, 2, 23)
    assert CAL.next_working_day(D(2026, 1, 9)) == D(2026, 1, 10)  # make-up Saturday
    assert CAL.previous_working_day(D(2026, 1, 5)) == D(2025, 12, 31)


def test_working_days_between_conventions() -> None:
    assert CAL.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert CAL.working_days_between(D(2026, 2, 23), D(2026, 2, 13)) == -1
    assert CAL.working_days_between(D(2026, 2, 13), D(2026, 2, 13)) == 0
    # January 2026: 22 weekdays − 1/1 − 2/1 + Sat 10/1 = 21
    assert CAL.working_days_between(D(2025, 12, 31), D(2026, 1, 31)) == 21
    # Whole years, counted by hand from calendar.md: 2016 had 261 weekdays and 10 off.
    assert CAL.working_days_between(D(2015, 12, 31), D(2016, 12, 31)) == 251


def test_working_days_iteration() -> None:
    days = list(CAL.working_days(D(2026, 8, 20), D(2026, 9, 4)))
    assert days == [
        D(2026, 8, 20),
        D(2026, 8, 21),
        D(2026, 8, 22),  # make-up Saturday
        D(2026, 8, 24),
        D(2026, 8, 25),
        D(2026, 8, 26),
        D(2026, 8, 27),
        D(2026, 8, 28),
        D(2026, 9, 3),
        D(2026, 9, 4),
    ]
    assert list(CAL.working_days(D(2026, 9, 4), D(2026, 9, 3))) == []


def test_explain_gives_reason_and_citation() -> None:
    status = CAL.explain(D(2023, 5, 3))
    assert not status.working
    assert status.reason is DayReason.COMPENSATORY
    assert status.kind is DayKind.DAY_OFF
    assert "Art. 111(3)" in status.citation
    assert "Reunification Day" in status.name("en")
    weekend = CAL.explain(D(2026, 3, 7))
    assert weekend.reason is DayReason.WEEKLY_REST
    assert "188/1999/QĐ-TTg" in weekend.citation
    assert CAL.explain(D(2026, 3, 9)).reason is DayReason.ORDINARY_WEEKDAY
    assert "2023-05-03 day off" in str(status)


def test_dates_are_not_datetimes() -> None:
    with pytest.raises(ValidationError):
        CAL.is_working_day(dt.datetime(2026, 1, 5, 9))
    with pytest.raises(ValidationError):
        CAL.add_working_days("2026-01-05", 1)  # type: ignore[arg-type]


def test_range_errors() -> None:
    with pytest.raises(CalendarRangeError) as info:
        CAL.is_working_day(D(1999, 12, 31))
    assert info.value.first == D(2000, 1, 1)
    assert info.value.last == D(2035, 12, 31)
    with pytest.raises(CalendarRangeError):
        CAL.add_working_days(D(2035, 12, 20), 30)
    with pytest.raises(CalendarRangeError):
        CAL.working_days_between(D(2026, 1, 1), D(2036, 1, 1))
    wide = official_calendar(last_year=2040)
    with pytest.warns(ProvisionalCalendarWarning):
        assert not wide.is_working_day(D(2040, 1, 2))  # 1/1/2040 is a Sunday
    with pytest.raises(ValidationError):
        WorkingCalendar(first_year=1990)


def test_provisional_answers_warn_and_are_flagged() -> None:
    # 2028 is not announced: Tết 2028 is projected (lunar New Year Wed 26/1/2028).
    with pytest.warns(ProvisionalCalendarWarning, match="announced"):
        assert not CAL.is_working_day(D(2028, 1, 26))
    with pytest.warns(ProvisionalCalendarWarning):
        CAL.add_working_days(HORIZON - dt.timedelta(days=1), 3)
    with pytest.warns(ProvisionalCalendarWarning):
        CAL.working_days_between(HORIZON - dt.timedelta(days=30), AFTER + dt.timedelta(days=5))
    with pytest.warns(ProvisionalCalendarWarning):
        CAL.is_working_day(D(2014, 6, 2))
    status = CAL.explain(D(2028, 1, 26))
    assert status.provisional
    assert "projected" in status.citation
    assert CAL.span_is_provisional(HORIZON, AFTER)
    assert not CAL.span_is_provisional(D(2015, 1, 1), HORIZON)


def test_no_warning_inside_the_announced_calendar() -> None:
    # pytest turns warnings into errors (pyproject filterwarnings = error)
    start = HORIZON - dt.timedelta(days=60)
    n = CAL.working_days_between(start, HORIZON)
    assert CAL.add_working_days(start, n) <= HORIZON
    CAL.add_working_days(D(2015, 1, 31), -20)
    CAL.working_days_between(D(2015, 1, 1), HORIZON)


def test_projection_compensates_weekend_holidays() -> None:
    # 1/1/2028 is a Saturday: compensatory day Mon 3/1 (Labour Code 2019 Art. 111(3)).
    with pytest.warns(ProvisionalCalendarWarning):
        assert not CAL.is_working_day(D(2028, 1, 3))
    assert CAL.explain(D(2028, 1, 3)).reason is DayReason.COMPENSATORY
    # 24/11/2029 is a Saturday: no compensation by default, Monday with the switch.
    with pytest.warns(ProvisionalCalendarWarning):
        assert CAL.is_working_day(D(2029, 11, 26))
    with pytest.warns(ProvisionalCalendarWarning):
        assert not official_calendar(culture_day_compensation=True).is_working_day(D(2029, 11, 26))


def _day(day: dt.date, kind: DayKind, reason: DayReason) -> DayRecord:
    return DayRecord(day, kind, reason, name_vi="Ví dụ", name_en="Example", citation="QĐ 1/X")


def _statute(year: int) -> list[DayRecord]:
    """The weekdays off the statute gives ``year`` (a stand-in for its announcement)."""
    return list(project_year(year))


def _as_file_record(r: DayRecord) -> dict[str, str]:
    return {
        "date": r.day.isoformat(),
        "kind": r.kind.value,
        "reason": r.reason.value,
        "vi": r.name_vi,
        "en": r.name_en,
        "citation": r.citation.split(", projected")[0],
    }


def test_with_announcement_moves_announced_until_and_wins() -> None:
    rest = [r for r in _statute(2027) if r.day >= AFTER]
    days = [
        *[r for r in _statute(2028) if r.day != D(2028, 1, 7)],
        _day(D(2028, 1, 8), DayKind.WORKING_DAY, DayReason.MAKE_UP_WORKING_DAY),
        _day(D(2028, 1, 7), DayKind.DAY_OFF, DayReason.SWAPPED_DAY_OFF),
    ]
    # announce the rest of 2027 as the statute has it, then 2028 with a swap
    filled = CAL.with_announcement(
        rest, valid_from=AFTER, valid_until=D(2027, 12, 31), citation="Công văn Y"
    )
    cal = filled.with_announcement(
        days, valid_from=D(2028, 1, 1), valid_until=D(2028, 12, 31), citation="Công văn X"
    )
    assert cal.announced_until == D(2028, 12, 31)
    assert CAL.announced_until == HORIZON  # the original is unchanged
    assert cal.is_working_day(D(2028, 1, 8))
    assert not cal.is_working_day(D(2028, 1, 7))
    assert not cal.is_working_day(D(2028, 1, 26))  # lunar New Year's Day, now announced
    assert not cal.explain(D(2028, 1, 26)).provisional
    # inside the window, a weekday neither listed nor cited before is worked
    assert cal.is_working_day(D(2028, 3, 7))
    assert not cal.explain(D(2028, 3, 7)).provisional


def test_an_empty_window_cannot_erase_cited_or_statutory_holidays() -> None:
    # issue 19: an empty overlay over every year made Tết 2026 working days
    everything = {"valid_from": D(2000, 1, 1), "valid_until": D(2035, 12, 31), "citation": "X"}
    with pytest.raises(ValidationError) as caught:
        CAL.with_announcement([], **everything)  # type: ignore[arg-type]
    paths = {p.path for p in caught.value.problems}
    assert "2028-01-26" in paths  # a projected lunar New Year's Day
    assert all("removes_statutory_holidays=True" in p.expected for p in caught.value.problems)
    # the caller who means it gets the calendar, and a warning naming each day
    with pytest.warns(CalendarOverrideWarning, match=r"overrides \d+ cited day\(s\): 2000-05-01"):
        forced = CAL.with_announcement([], removes_statutory_holidays=True, **everything)  # type: ignore[arg-type]
    # the days an announcement cited stay: Tết 2026 is still off, 3 working days end on 24/02
    assert CAL.add_working_days(D(2026, 2, 12), 3) == D(2026, 2, 24)
    assert forced.add_working_days(D(2026, 2, 12), 3) == D(2026, 2, 24)
    assert forced.explain(D(2026, 2, 17)).citation == CAL.explain(D(2026, 2, 17)).citation


def test_an_overlay_that_changes_a_cited_day_warns_naming_it() -> None:
    worked = DayRecord(
        D(2026, 1, 2),
        DayKind.WORKING_DAY,
        DayReason.ORDINARY_WEEKDAY,
        name_vi="Đi làm",
        name_en="Worked",
        citation="QĐ 9/X",
    )
    with pytest.warns(CalendarOverrideWarning, match=r"2026-01-02 .*12729/VPCP-KGVX.*working day"):
        cal = CAL.with_days(worked)
    assert cal.is_working_day(D(2026, 1, 2))
    with pytest.warns(CalendarOverrideWarning, match="2026-01-02"):
        CAL.with_announcement(
            [worked], valid_from=D(2026, 1, 1), valid_until=D(2026, 1, 31), citation="Y"
        )
    # the same record again, or a day no document cited: no warning
    again = CAL.explain(D(2026, 1, 2))
    same = DayRecord(
        again.day,
        again.kind,
        again.reason,
        name_vi=again.name_vi,
        name_en=again.name_en,
        citation=again.citation,
    )
    assert CAL.with_days(same).explain(D(2026, 1, 2)) == again
    assert not CAL.with_days(_day(D(2026, 3, 9), DayKind.DAY_OFF, DayReason.OTHER)).is_working_day(
        D(2026, 3, 9)
    )


def test_removing_a_statutory_holiday_is_refused_unless_meant() -> None:
    national = DayRecord(
        D(2026, 9, 2),
        DayKind.WORKING_DAY,
        DayReason.ORDINARY_WEEKDAY,
        name_vi="Đi làm",
        name_en="Worked",
        citation="QĐ 9/X",
    )
    with pytest.raises(ValidationError, match=r"2026-09-02.*Art\. 112"):
        CAL.with_days(national)
    with pytest.raises(ValidationError, match="removes_statutory_holidays"):
        CAL.with_days(national, removes_statutory_holidays="yes")  # type: ignore[arg-type]
    with pytest.warns(CalendarOverrideWarning, match="2026-09-02"):
        assert CAL.with_days(national, removes_statutory_holidays=True).is_working_day(
            D(2026, 9, 2)
        )


def test_records_must_lie_in_their_window(tmp_path: Path) -> None:
    outside = _day(D(2027, 3, 8), DayKind.DAY_OFF, DayReason.OTHER)
    with pytest.raises(ValidationError) as caught:
        CAL.with_announcement(
            [outside], valid_from=D(2026, 3, 1), valid_until=D(2026, 3, 31), citation="X"
        )
    assert caught.value.problems[0].path == "$.value[0].day"
    path = tmp_path / "outside.json"
    path.write_text(
        json.dumps(
            {
                "announcements": [
                    {
                        "valid_from": "2026-03-01",
                        "valid_until": "2026-03-31",
                        "citation": "X",
                        "days": [_as_file_record(outside)],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        CAL.with_file(path)
    assert caught.value.problems[0].path == "outside.json.announcements[0].days[0].date"


def test_with_days_is_a_point_override() -> None:
    local = _day(D(2026, 3, 9), DayKind.DAY_OFF, DayReason.OTHER)
    cal = CAL.with_days(local)
    assert not cal.is_working_day(D(2026, 3, 9))
    assert cal.explain(D(2026, 3, 9)).citation == "QĐ 1/X"
    assert cal.announced_until == CAL.announced_until


def test_with_file_json_and_toml(tmp_path: Path) -> None:
    data = {
        "announcements": [
            {  # the rest of 2027 as the statute has it, then 2028
                "valid_from": AFTER.isoformat(),
                "valid_until": "2027-12-31",
                "citation": "Công văn …/VPCP-KGVX (2027)",
                "days": [_as_file_record(r) for r in _statute(2027) if r.day >= AFTER],
            },
            {
                "valid_from": "2028-01-01",
                "valid_until": "2028-12-31",
                "citation": "Công văn …/VPCP-KGVX",
                "days": [_as_file_record(r) for r in _statute(2028)],
            },
        ]
    }
    path = tmp_path / "2028.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    cal = CAL.with_file(path)
    assert cal.announced_until == D(2028, 12, 31)
    assert not cal.is_working_day(D(2028, 1, 3))
    assert "projected" not in cal.explain(D(2028, 1, 3)).citation
    toml = tmp_path / "local.toml"
    toml.write_text(
        '[[days]]\ndate = "2026-03-09"\nkind = "day_off"\nreason = "other"\n'
        'vi = "Nghỉ"\nen = "Off"\ncitation = "QĐ 2/X"\n',
        encoding="utf-8",
    )
    assert not CAL.with_file(toml).is_working_day(D(2026, 3, 9))


def test_bad_data_reports_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "days": [
                    {"date": "2026-02-30", "kind": "day_off", "reason": "holiday"},
                    {
                        "date": "2026-03-09",
                        "kind": "working_day",
                        "reason": "holiday",
                        "vi": "x",
                        "en": "x",
                        "citation": "y",
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        load_calendar_data(path)
    paths = [p.path for p in info.value.problems]
    assert "bad.json.days[0].date" in paths
    assert "bad.json.days[0].citation" in paths
    assert "bad.json.days[1].reason" in paths


def test_records_refuse_inconsistent_reasons() -> None:
    with pytest.raises(ValidationError):
        _day(D(2026, 3, 7), DayKind.WORKING_DAY, DayReason.HOLIDAY)
    with pytest.raises(ValidationError):
        DayRecord(
            D(2026, 3, 7),
            DayKind.DAY_OFF,
            DayReason.HOLIDAY,
            name_vi="x",
            name_en="x",
            citation=" ",
        )
