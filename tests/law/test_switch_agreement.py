"""One switch decides each clock question for every surface (issue 20).

For every setting of the clock switches of :class:`~tthc.deadlines.ClockPolicy`
(end of day, a moved start, calendar-day starts, off hours), the scalar path
(``due_date`` and ``Outcome.judge``), :func:`tthc.batch.outcomes` and the
scorecard's indicator 2.1 give each dossier the same on-time verdict.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc.deadlines import (
    CLOCK_POLICIES,
    VIETNAM,
    CalendarStart,
    ClockPolicy,
    EndOfDay,
    HoursOnDayOff,
    OffHours,
    Outcome,
    ShiftedStart,
    TimeLimit,
    due_date,
)

pytest.importorskip("numpy")
pytest.importorskip("pyarrow")

from tthc import batch
from tthc.scorecard import scorecard

BASE = CLOCK_POLICIES.at(dt.date(2026, 10, 1)).value
SETTINGS_ = list(
    itertools.product(
        EndOfDay, ShiftedStart, CalendarStart, OffHours, (False, True), (None, 15), HoursOnDayOff
    )
)
START = dt.datetime(2026, 10, 1, 0, 0, tzinfo=VIETNAM)
AS_OF = dt.datetime(2026, 12, 31, 12, 0, tzinfo=VIETNAM)

rows = st.fixed_dictionaries(
    {
        "minute": st.integers(0, 40 * 24 * 60 - 1),  # any moment of 40 days: nights, weekends
        "amount": st.integers(1, 6),
        "unit": st.sampled_from(["wd", "cd", "mo", "same", "h", "half"]),
        "took": st.integers(0, 14 * 24 * 60),  # minutes to the return
    }
)


def policy_of(setting: tuple[Any, ...]) -> ClockPolicy:
    end, shifted, calendar, off, counted, cutoff, hours_off = setting
    return BASE.evolve(
        hours_on_day_off=hours_off,
        end_of_day=end,
        shifted_start=shifted,
        calendar_start=calendar,
        off_hours=off,
        count_receipt_day=counted,
        cutoff=None if cutoff is None else dt.time(cutoff),
    )


def limit_of(row: dict[str, Any]) -> TimeLimit:
    if row["unit"] == "wd":
        return TimeLimit.working_days(row["amount"])
    if row["unit"] == "cd":
        return TimeLimit.calendar_days(row["amount"])
    if row["unit"] == "mo":
        return TimeLimit.months(1)
    if row["unit"] == "h":
        return TimeLimit.hours(24 * row["amount"])
    if row["unit"] == "half":
        return TimeLimit.half_working_days(row["amount"])
    return TimeLimit.same_day()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows, min_size=1, max_size=12), st.sampled_from(SETTINGS_))
def test_scalar_batch_and_scorecard_agree_on_time(
    items: list[dict[str, Any]], setting: tuple[Any, ...]
) -> None:
    policy = policy_of(setting)
    received = [START + dt.timedelta(minutes=r["minute"]) for r in items]
    limits = [limit_of(r) for r in items]
    returned = [at + dt.timedelta(minutes=r["took"]) for at, r in zip(received, items, strict=True)]
    scalar = []
    for at, limit, back in zip(received, limits, returned, strict=True):
        due = due_date(at, limit, policy=policy)
        scalar.append(Outcome.judge(back, due).on_time)
    log = {
        "received_at": received,
        "limit": limits,
        "returned_at": returned,
        "row": [f"r{i}" for i in range(len(items))],
    }
    names = list(batch.outcomes(log, AS_OF, policy=policy).status_names())
    assert [name in ("early", "on_time") for name in names] == scalar
    card = scorecard(
        log, period=(START.date(), dt.date(2026, 11, 30)), as_of=AS_OF, by="row", policy=policy
    )
    for i, on_time in enumerate(scalar):
        result = card.result("2.1", (f"r{i}",))
        assert (result.numerator, result.denominator) == (int(on_time), 1)


def test_the_defaults_are_the_readings_of_issue_20() -> None:
    for rule in CLOCK_POLICIES:
        p = rule.value
        assert p.end_of_day is EndOfDay.MIDNIGHT
        assert p.shifted_start is ShiftedStart.DAY_ONE
        assert p.calendar_start is CalendarStart.RECEIPT_DAY


@pytest.mark.parametrize(
    ("setting", "returned", "on_time"),
    [
        # due Mon 9/3/2026 (5 working days from Mon 2/3 09:00): a return at 18:00 that day
        ({}, dt.datetime(2026, 3, 9, 18, tzinfo=VIETNAM), True),
        (
            {"end_of_day": EndOfDay.CLOSE_OF_OFFICE_HOURS},
            dt.datetime(2026, 3, 9, 18, tzinfo=VIETNAM),
            False,
        ),
    ],
)
def test_a_return_after_closing_on_the_due_day(
    setting: dict[str, Any], returned: dt.datetime, on_time: bool
) -> None:
    policy = CLOCK_POLICIES.at(dt.date(2026, 3, 2)).value.evolve(**setting)
    received = dt.datetime(2026, 3, 2, 9, tzinfo=VIETNAM)
    due = due_date(received, TimeLimit.working_days(5), policy=policy)
    assert Outcome.judge(returned, due).on_time is on_time
    log = {"received_at": [received], "limit": [5], "returned_at": [returned]}
    names = list(batch.outcomes(log, AS_OF, policy=policy).status_names())
    assert (names[0] in ("early", "on_time")) is on_time


def test_calendar_days_after_hours_count_from_the_receipt_day() -> None:
    # Friday 6/3/2026 at 18:00, 10 calendar days: Civil Code Art. 147(2) -> Monday 16/3
    received = dt.datetime(2026, 3, 6, 18, tzinfo=VIETNAM)
    limit = TimeLimit.calendar_days(10)
    assert due_date(received, limit).last_day == dt.date(2026, 3, 16)
    shifted = CLOCK_POLICIES.at(received.date()).value.evolve(calendar_start=CalendarStart.SHIFTED)
    assert due_date(received, limit, policy=shifted).last_day == dt.date(2026, 3, 19)
    days = batch.due_dates([received], limit)
    assert [str(d) for d in days.last_day] == ["2026-03-16"]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 300 * 24 * 60 - 1), st.integers(1, 20))
def test_working_days_end_n_working_days_after_the_receipt_day_whatever_the_hour(
    minute: int, n: int
) -> None:
    """The default reading (ShiftedStart.DAY_ONE): an independent oracle over the calendar."""
    from tthc.deadlines import official_calendar

    cal = official_calendar()
    received = dt.datetime(2026, 1, 1, tzinfo=VIETNAM) + dt.timedelta(minutes=minute)
    day, counted = received.date(), 0
    while counted < n:
        day += dt.timedelta(days=1)
        counted += cal.is_working_day(day)
    due = due_date(received, TimeLimit.working_days(n))
    assert due.last_day == day
    assert due.at == dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=VIETNAM)


def test_a_limit_column_mixing_units_is_judged_row_by_row() -> None:
    # found after the issue-21 merge: every due moment was 1970 when all rows were valid and
    # the rows needed more than one pass (working and calendar days in one column)
    received = dt.datetime(2026, 10, 1, 9, tzinfo=VIETNAM)
    limits = [TimeLimit.working_days(1), TimeLimit.calendar_days(1), TimeLimit.hours(24)]
    log = {"received_at": [received] * 3, "limit": limits, "returned_at": [received] * 3}
    got = batch.outcomes(log, AS_OF)
    assert list(got.status_names()) == ["early", "early", "early"]
    expected = [due_date(received, limit).at for limit in limits]
    assert [v.item().replace(tzinfo=dt.UTC) for v in got.due_at] == expected
