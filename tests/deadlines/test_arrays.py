from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.deadlines import (
    add_working_days_array,
    official_calendar,
    working_days_between_array,
)
from tthc.errors import CalendarRangeError, ProvisionalCalendarWarning

np = pytest.importorskip("numpy")
CAL = official_calendar()
dates = st.lists(st.dates(dt.date(2015, 7, 1), dt.date(2026, 6, 30)), min_size=1, max_size=50)


@settings(max_examples=100)
@given(dates, st.integers(-40, 40))
def test_add_array_matches_scalar(days: list[dt.date], n: int) -> None:
    result = add_working_days_array(CAL, np.array(days, dtype="datetime64[D]"), n)
    assert [d.astype(object) for d in result] == [CAL.add_working_days(d, n) for d in days]


@settings(max_examples=100)
@given(dates, st.data())
def test_add_array_with_an_array_of_steps(days: list[dt.date], data: st.DataObject) -> None:
    steps = data.draw(st.lists(st.integers(-40, 40), min_size=len(days), max_size=len(days)))
    result = add_working_days_array(CAL, np.array(days, dtype="datetime64[D]"), np.array(steps))
    expected = [CAL.add_working_days(d, n) for d, n in zip(days, steps, strict=True)]
    assert [d.astype(object) for d in result] == expected


@settings(max_examples=100)
@given(dates, dates)
def test_between_array_matches_scalar(a: list[dt.date], b: list[dt.date]) -> None:
    size = min(len(a), len(b))
    a, b = a[:size], b[:size]
    result = working_days_between_array(
        CAL, np.array(a, dtype="datetime64[D]"), np.array(b, dtype="datetime64[D]")
    )
    assert list(result) == [CAL.working_days_between(x, y) for x, y in zip(a, b, strict=True)]


def test_make_up_saturdays_are_exact() -> None:
    d = np.array(["2026-01-09", "2026-08-21", "2025-04-25"], dtype="datetime64[D]")
    assert list(add_working_days_array(CAL, d, 1).astype(str)) == [
        "2026-01-10",
        "2026-08-22",
        "2025-04-26",
    ]


def test_arrays_warn_and_refuse_like_the_scalars() -> None:
    with pytest.warns(ProvisionalCalendarWarning):
        add_working_days_array(CAL, np.array(["2027-12-30"], dtype="datetime64[D]"), 5)
    with pytest.raises(CalendarRangeError):
        add_working_days_array(CAL, np.array(["1999-12-30"], dtype="datetime64[D]"), 5)


def test_missing_values_give_missing_answers_and_fractions_are_refused() -> None:
    from tthc.errors import ValidationError

    d = np.array(["2026-03-02", "NaT", "2026-03-02"], dtype="datetime64[D]")
    got = add_working_days_array(CAL, d, np.array([5.0, 5.0, np.nan]))
    assert got.astype(str).tolist() == ["2026-03-09", "NaT", "NaT"]
    with pytest.raises(ValidationError, match=r"n\[1\]"):
        add_working_days_array(CAL, d[:2], np.array([1.0, 1.5]))
    between = working_days_between_array(CAL, d, d + 7)
    assert between[0] == 5
    assert np.isnan(between[1])


def test_a_date_outside_the_calendar_is_named_by_its_row() -> None:
    d = np.array(["2026-03-02", "1999-12-31"], dtype="datetime64[D]")
    with pytest.raises(CalendarRangeError, match=r"dates\[1\]"):
        add_working_days_array(CAL, d, 1)
