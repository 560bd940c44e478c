"""Hypothesis properties of the calendar arithmetic and of due dates."""

from __future__ import annotations

import datetime as dt
import warnings

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.deadlines import (
    VIETNAM,
    OfficeHours,
    TimeLimit,
    due_date,
    official_calendar,
)
from tthc.errors import ProvisionalCalendarWarning
from tthc.model import TimeUnit

CAL = official_calendar()
HOURS = OfficeHours()
# Announced dates, with room for the answers to stay announced.
dates = st.dates(dt.date(2015, 7, 1), dt.date(2026, 6, 30))
steps = st.integers(-40, 40)
small = st.integers(0, 40)


def naive_add(d: dt.date, n: int) -> dt.date:
    """The definition, step by step."""
    if n == 0:
        return d
    step = dt.timedelta(days=1 if n > 0 else -1)
    left = abs(n)
    while left:
        d += step
        if CAL.is_working_day(d):
            left -= 1
    return d


@settings(max_examples=300)
@given(dates, steps)
def test_add_matches_its_definition(d: dt.date, n: int) -> None:
    assert CAL.add_working_days(d, n) == naive_add(d, n)


@settings(max_examples=300)
@given(dates, steps)
def test_add_lands_on_a_working_day(d: dt.date, n: int) -> None:
    if n != 0:
        assert CAL.is_working_day(CAL.add_working_days(d, n))


@settings(max_examples=300)
@given(dates, small, small)
def test_add_composes_for_non_negative_steps(d: dt.date, a: int, b: int) -> None:
    assert CAL.add_working_days(d, a + b) == CAL.add_working_days(CAL.add_working_days(d, a), b)


@settings(max_examples=300)
@given(dates, small, small)
def test_add_composes_for_non_positive_steps(d: dt.date, a: int, b: int) -> None:
    assert CAL.add_working_days(d, -a - b) == CAL.add_working_days(CAL.add_working_days(d, -a), -b)


@settings(max_examples=300)
@given(dates, steps, steps)
def test_add_composes_for_any_steps_from_a_working_day(d: dt.date, a: int, b: int) -> None:
    d = CAL.roll_forward(d)
    assert CAL.add_working_days(d, a + b) == CAL.add_working_days(CAL.add_working_days(d, a), b)


@settings(max_examples=300)
@given(dates, steps)
def test_between_inverts_add(d: dt.date, n: int) -> None:
    assert CAL.working_days_between(d, CAL.add_working_days(d, n)) == n


@settings(max_examples=300)
@given(dates, dates)
def test_between_counts_the_interval(a: dt.date, b: dt.date) -> None:
    lo, hi = min(a, b), max(a, b)
    if a <= b:
        expected = sum(1 for _ in CAL.working_days(lo + dt.timedelta(days=1), hi))
    else:
        expected = -sum(1 for _ in CAL.working_days(lo, hi - dt.timedelta(days=1)))
    assert CAL.working_days_between(a, b) == expected


# -- due dates ---------------------------------------------------------------------

moments = st.datetimes(
    dt.datetime(2015, 3, 1), dt.datetime(2026, 5, 31), timezones=st.just(VIETNAM)
)
utc_moments = st.datetimes(
    dt.datetime(2015, 3, 1), dt.datetime(2026, 5, 31), timezones=st.just(dt.UTC)
)
limits = st.one_of(
    st.integers(1, 30).map(TimeLimit.working_days),
    st.integers(1, 60).map(TimeLimit.calendar_days),
    st.integers(1, 40).map(TimeLimit.working_hours),
    st.integers(1, 3).map(TimeLimit.months),
    st.just(TimeLimit.same_day()),
    st.just(TimeLimit.same_day(cutoff=dt.time(15))),
)


@settings(max_examples=300)
@given(st.one_of(moments, utc_moments), limits)
def test_due_is_a_working_day_inside_office_hours(received: dt.datetime, limit: TimeLimit) -> None:
    due = due_date(received, limit)
    assert due.at.tzinfo is VIETNAM
    assert CAL.is_working_day(due.last_day)
    if limit.unit is TimeUnit.WORKING_HOURS:  # inside office hours (Civil Code Art. 147(1))
        assert due.at.date() == due.last_day
        assert HOURS.opening < due.at.timetz().replace(tzinfo=None) <= HOURS.closing
    else:  # 24:00 of the last day (Civil Code 2015 Art. 148(6), the default end of day)
        assert due.at == dt.datetime.combine(
            due.last_day + dt.timedelta(days=1), dt.time(0), tzinfo=VIETNAM
        )
    assert due.at > received
    assert not due.provisional


@settings(max_examples=300)
@given(moments, moments, limits)
def test_due_never_moves_earlier_when_receipt_moves_later(
    a: dt.datetime, b: dt.datetime, limit: TimeLimit
) -> None:
    early, late = min(a, b), max(a, b)
    assert due_date(early, limit).at <= due_date(late, limit).at


@settings(max_examples=300)
@given(moments, st.sampled_from(["wd", "cd", "wh", "mo"]), st.integers(1, 30), st.integers(1, 30))
def test_due_never_moves_earlier_when_the_limit_grows(
    received: dt.datetime, unit: str, a: int, b: int
) -> None:
    def make(n: int) -> TimeLimit:
        if unit == "wd":
            return TimeLimit.working_days(n)
        if unit == "cd":
            return TimeLimit.calendar_days(n)
        if unit == "wh":
            return TimeLimit.working_hours(n)
        return TimeLimit.months(min(n, 3))

    small_limit, big_limit = make(min(a, b)), make(max(a, b))
    assert due_date(received, small_limit).at <= due_date(received, big_limit).at


@settings(max_examples=300)
@given(moments, limits)
def test_explanation_accounts_for_every_skipped_day(
    received: dt.datetime, limit: TimeLimit
) -> None:
    due = due_date(received, limit)
    counted = set(due.counted)
    skipped = {s.day: s for s in due.skipped}
    assert not counted & set(skipped)
    day = received.date()
    while day <= due.last_day:
        assert day in counted or day in skipped or day in (received.date(), due.start.date()), day
        day += dt.timedelta(days=1)
    for s in due.skipped:
        assert not CAL.is_working_day(s.day)
        assert s.citation.strip()
        assert s.reason.strip()
    if limit.unit.value == "working_days":
        assert len(counted) == limit.amount
        assert all(CAL.is_working_day(d) for d in counted)


@settings(max_examples=100)
@given(st.datetimes(dt.datetime(2028, 1, 1), dt.datetime(2034, 12, 31), timezones=st.just(VIETNAM)))
def test_past_the_announced_calendar_due_dates_warn_and_are_flagged(received: dt.datetime) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        due = due_date(received, TimeLimit.working_days(5))
    assert due.provisional
    assert any(issubclass(w.category, ProvisionalCalendarWarning) for w in caught)
