"""Every day of 2015–2027 against the table transcribed from calendar.md §2.

The expected data below is copied by hand from ../shared/domain/calendar.md
(table "Year-by-year result") and, for 2027, from the research note
calendar-and-clock.md §2.1. It is not generated from the implementation.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from tests.horizon import AFTER, HORIZON
from tthc.deadlines import DayReason, official_calendar
from tthc.errors import ProvisionalCalendarWarning

# Year: (weekdays off, Saturdays worked), as written in calendar.md.
TABLE: dict[int, tuple[str, str]] = {
    2015: ("1-2/1; 16-20/2, 23/2; 28-30/4, 1/5; 2/9", "27/12/2014, 14/2, 25/4"),
    2016: ("1/1; 8-12/2; 18/4; 2-3/5; 2/9", ""),
    2017: ("2/1; 26-27/1, 30/1-1/2; 6/4; 1-2/5; 4/9", ""),
    2018: ("1/1; 14-16/2, 19-20/2; 25/4; 30/4-1/5; 3/9; 31/12", "5/1/2019"),
    2019: ("1/1; 4-8/2; 15/4; 29-30/4, 1/5; 2/9", "5/1, 4/5"),
    2020: ("1/1; 23-24/1, 27-29/1; 2/4; 30/4-1/5; 2/9", ""),
    2021: ("1/1; 10-12/2, 15-16/2; 21/4; 30/4, 3/5; 2-3/9", ""),
    2022: ("3/1; 31/1-4/2; 11/4; 2-3/5; 1-2/9", ""),
    2023: ("2/1; 20/1, 23-26/1; 1-3/5; 1/9, 4/9", ""),
    2024: ("1/1; 8-9/2, 12-14/2; 18/4; 29-30/4, 1/5; 2-3/9", "4/5"),
    2025: ("1/1; 27-31/1; 7/4; 30/4-2/5; 1-2/9", "26/4"),
    # 24/11/2026: Nghị quyết 28/2026/QH16 Art. 2; Công văn 10065/VPCP-KGVX (research note §1).
    2026: ("1-2/1; 16-20/2; 27/4; 30/4-1/5; 31/8-2/9; 24/11", "10/1, 22/8"),
    # Research note §2.1: Công văn 10065/VPCP-KGVX (Tết, 2/9) and the statute.
    2027: ("1/1; 4-5/2, 8-10/2; 16/4; 30/4; 3/5; 2-3/9; 24/11", ""),
}
# Only the Tết window and National Day of 2027 are announced (Công văn 10065/VPCP-KGVX);
# its other days follow the statute and stay provisional until the year's plan is complete.
ANNOUNCED_2027 = {dt.date(2027, 2, 4) + dt.timedelta(days=k) for k in range(7)} | {
    dt.date(2027, 9, 2) + dt.timedelta(days=k) for k in range(4)
}


def _day(text: str, year: int) -> dt.date:
    parts = [int(p) for p in text.split("/")]
    return dt.date(parts[2] if len(parts) == 3 else year, parts[1], parts[0])


def parse(spec: str, year: int) -> set[dt.date]:
    """Read "16-20/2, 23/2; 30/4-1/5; 27/12/2014" into dates."""
    days: set[dt.date] = set()
    for item in spec.replace(";", ",").split(","):
        item = item.strip()
        if not item:
            continue
        if "-" not in item:
            days.add(_day(item, year))
            continue
        left, right = item.split("-")
        end = _day(right, year)
        start = _day(left, year) if "/" in left else end.replace(day=int(left))
        days.update(start + dt.timedelta(days=k) for k in range((end - start).days + 1))
    return days


def test_parser_reads_the_table_notation() -> None:
    assert parse("30/4-1/5, 27/12/2014", 2015) == {
        dt.date(2015, 4, 30),
        dt.date(2015, 5, 1),
        dt.date(2014, 12, 27),
    }


@pytest.mark.parametrize("year", sorted(TABLE))
def test_every_day_of_the_year(year: int) -> None:
    cal = official_calendar()
    off = parse(TABLE[year][0], year)
    worked = parse(TABLE[year][1], year)
    assert all(d.weekday() < 5 for d in off), "the table lists weekdays off"
    assert all(d.weekday() == 5 for d in worked), "the table lists Saturdays worked"
    day = dt.date(year, 1, 1)
    wrong = []
    while day.year == year:
        expected = day not in off if day.weekday() < 5 else day in worked
        status = cal.explain(day)
        provisional = year == 2027 and day not in ANNOUNCED_2027
        if provisional:
            with pytest.warns(ProvisionalCalendarWarning):
                answer = cal.is_working_day(day)
        else:
            answer = cal.is_working_day(day)
        if answer is not expected:
            wrong.append(day)
        assert status.working is expected
        assert status.provisional is provisional
        assert status.citation.strip()
        day += dt.timedelta(days=1)
    assert wrong == []
    # make-up Saturdays that fall outside the year (27/12/2014, 5/1/2019)
    for saturday in worked:
        assert cal.is_working_day(saturday)


@pytest.mark.parametrize("year", sorted(TABLE))
def test_each_override_carries_its_citation(year: int) -> None:
    cal = official_calendar()
    for day in parse(TABLE[year][0], year) | parse(TABLE[year][1], year):
        status = cal.explain(day)
        assert status.reason not in (DayReason.ORDINARY_WEEKDAY, DayReason.WEEKLY_REST)
        assert any(
            mark in status.citation
            for mark in ("Labour Code", "VPCP", "LĐTBXH", "BNV", "QH16", "Tờ trình", "approval")
        ), status


def test_the_2026_swaps_that_holidays_misses() -> None:
    cal = official_calendar()
    assert not cal.is_working_day(dt.date(2026, 1, 2))
    assert cal.is_working_day(dt.date(2026, 1, 10))
    assert "12729/VPCP-KGVX" in cal.explain(dt.date(2026, 1, 2)).citation
    assert "12729/VPCP-KGVX" in cal.explain(dt.date(2026, 1, 10)).citation


def test_culture_day_switch() -> None:
    assert not official_calendar().is_working_day(dt.date(2026, 11, 24))
    without = official_calendar(culture_day=False)
    assert without.is_working_day(dt.date(2026, 11, 24))
    culture_2027 = dt.date(2027, 11, 24)
    projected = without.is_provisional(culture_2027)  # until 2027 is announced
    with pytest.warns(ProvisionalCalendarWarning) if projected else contextlib.nullcontext():
        assert without.is_working_day(culture_2027)
    assert without.explain(dt.date(2026, 11, 24)).reason is DayReason.ORDINARY_WEEKDAY


def test_announced_range() -> None:
    cal = official_calendar()
    assert cal.announced_from == dt.date(2015, 1, 1)
    assert cal.announced_until == HORIZON  # the contiguous end of the shipped windows
    assert not cal.is_provisional(dt.date(2027, 2, 5))  # Tết 2027 is announced
    assert not cal.is_provisional(dt.date(2027, 9, 3))  # so is National Day 2027
    assert cal.is_provisional(AFTER)
    assert not cal.is_provisional(dt.date(2014, 12, 27))  # a cited record
    assert cal.is_provisional(dt.date(2014, 12, 26))
    assert cal.is_provisional(dt.date(2028, 1, 3))
