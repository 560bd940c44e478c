from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pytest

import tthc
import tthc.deadlines
from tthc.deadlines import (
    CLOCK_POLICIES,
    OFFICE_HOURS_PRESETS,
    VIETNAM,
    DayReason,
    EndOfDay,
    OffHours,
    OfficeHours,
    TimeLimit,
    due_date,
)
from tthc.errors import NaiveDatetimeError, ProvisionalCalendarWarning, ValidationError


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


def eod(year: int, month: int, day: int) -> dt.datetime:
    """24:00 of that day (Civil Code 2015 Art. 148(6)), written as 00:00 the next day."""
    return at(year, month, day) + dt.timedelta(days=1)


def test_reexports() -> None:
    assert tthc.deadlines.TimeLimit is tthc.TimeLimit
    assert tthc.deadlines.TimeLimit.working_days(3).amount == 3
    assert str(VIETNAM) == "Asia/Ho_Chi_Minh"


def test_working_days_skip_tet_and_cite_it() -> None:
    # Thu 12/2/2026, 3 working days: Fri 13/2, [Tết 14–22/2], Mon 23/2, Tue 24/2.
    due = due_date(at(2026, 2, 12, 9), TimeLimit.working_days(3))
    assert due.at == eod(2026, 2, 24)
    assert due.counted == (dt.date(2026, 2, 13), dt.date(2026, 2, 23), dt.date(2026, 2, 24))
    tet = [s for s in due.skipped if s.status.reason is DayReason.HOLIDAY]
    assert [s.day.day for s in tet] == [16, 17, 18, 19, 20]
    assert all("9441/TB-BNV" in s.citation for s in tet)
    assert "skipped 2026-02-16" in due.explanation()
    assert due.policy.name == "Decree 118/2025/NĐ-CP"


def test_make_up_saturday_counts() -> None:
    # Fri 9/1/2026, 1 working day: Sat 10/1 is a make-up working day.
    assert due_date(at(2026, 1, 9, 10), TimeLimit.working_days(1)).at == eod(2026, 1, 10)


def test_off_hours_and_non_working_days_roll_to_next_opening() -> None:
    after_close = due_date(at(2026, 3, 6, 17, 30), TimeLimit.working_days(1))  # Friday
    assert after_close.start == at(2026, 3, 9, 7, 30)
    # Monday is day 1 (ShiftedStart.DAY_ONE): the move does not add a day (issue 20)
    assert after_close.at == eod(2026, 3, 9)
    saturday = due_date(at(2026, 3, 7, 9), TimeLimit.working_days(1))
    assert saturday.at == after_close.at  # Saturday-morning reception is not a working day
    before_open = due_date(at(2026, 3, 9, 6), TimeLimit.working_days(1))
    assert before_open.start == at(2026, 3, 9, 7, 30)
    as_received = CLOCK_POLICIES.at(dt.date(2026, 3, 7)).value.evolve(
        off_hours=OffHours.AS_RECEIVED
    )
    assert due_date(at(2026, 3, 7, 9), TimeLimit.working_days(1), policy=as_received).at == eod(
        2026, 3, 9
    )


def test_other_timezones_are_converted() -> None:
    utc = dt.datetime(2026, 3, 9, 2, 0, tzinfo=dt.UTC)  # 09:00 in Hà Nội
    assert due_date(utc, TimeLimit.working_days(1)).received_at == at(2026, 3, 9, 9)


def test_same_day_with_cutoff() -> None:
    limit = TimeLimit.same_day(cutoff=dt.time(15))  # Law on Civil Status Art. 5(3)
    assert due_date(at(2026, 3, 9, 14, 59), limit).at == eod(2026, 3, 9)
    assert due_date(at(2026, 3, 9, 15, 1), limit).at == eod(2026, 3, 10)
    assert due_date(at(2026, 3, 6, 15, 30), limit).at == eod(2026, 3, 9)  # Fri → Mon
    assert due_date(at(2026, 3, 9, 15, 30), TimeLimit.same_day()).at == eod(2026, 3, 9)
    policy = CLOCK_POLICIES.at(dt.date(2026, 3, 9)).value.evolve(cutoff=dt.time(15))
    assert due_date(at(2026, 3, 9, 15, 30), TimeLimit.working_days(1), policy=policy).at == eod(
        2026, 3, 10
    )


def test_working_hours_inside_office_hours() -> None:
    assert due_date(at(2026, 3, 9, 10), TimeLimit.working_hours(2)).at == at(2026, 3, 9, 13, 30)
    assert due_date(at(2026, 3, 9, 16), TimeLimit.working_hours(8)).at == at(2026, 3, 10, 16)
    assert due_date(at(2026, 3, 9, 12), TimeLimit.working_hours(1)).at == at(2026, 3, 9, 14)
    assert due_date(at(2026, 3, 9, 13), TimeLimit.working_hours(4)).at == at(2026, 3, 9, 17)
    # Friday afternoon, 8 hours: across the weekend
    assert due_date(at(2026, 3, 6, 15), TimeLimit.working_hours(8)).at == at(2026, 3, 9, 15)


def test_calendar_days_and_months_civil_code() -> None:
    # Art. 147(2): day of receipt excluded; 148(5): a rest day rolls to the next working day.
    assert due_date(at(2026, 3, 2, 9), TimeLimit.calendar_days(5)).at == eod(2026, 3, 9)
    assert due_date(at(2026, 3, 2, 9), TimeLimit.calendar_days(4)).at == eod(2026, 3, 6)
    # Art. 148(3): 31/1 + 1 month → 28/2 (a Saturday in 2026) → Mon 2/3
    due = due_date(at(2026, 1, 30, 9), TimeLimit.months(1))
    assert due.last_day == dt.date(2026, 3, 2)
    assert any("148(5)" in note for note in due.notes)


def test_switches_receipt_day_and_midnight() -> None:
    base = CLOCK_POLICIES.at(dt.date(2026, 3, 9)).value
    counted = base.evolve(count_receipt_day=True)
    assert due_date(at(2026, 3, 9, 9), TimeLimit.working_days(1), policy=counted).at == eod(
        2026, 3, 9
    )
    assert base.end_of_day is EndOfDay.MIDNIGHT  # Civil Code 2015 Art. 148(6), issue 20
    due = due_date(at(2026, 3, 9, 9), TimeLimit.working_days(1), policy=base)
    assert due.last_day == dt.date(2026, 3, 10)
    assert due.at == at(2026, 3, 11, 0)
    close = base.evolve(end_of_day=EndOfDay.CLOSE_OF_OFFICE_HOURS)
    assert due_date(at(2026, 3, 9, 9), TimeLimit.working_days(1), policy=close).at == at(
        2026, 3, 10, 17
    )


def test_policy_by_receipt_date() -> None:
    old = due_date(at(2025, 6, 30, 9), TimeLimit.working_days(1))
    new = due_date(at(2025, 7, 1, 9), TimeLimit.working_days(1))
    assert old.policy.name == "Decree 61/2018/NĐ-CP"
    assert new.policy.name == "Decree 118/2025/NĐ-CP"
    assert (
        "before Decree 61/2018"
        in due_date(at(2016, 3, 1, 9), TimeLimit.working_days(1)).policy.name
    )


def test_cross_boundary_start() -> None:
    # Decree 309/2026/NĐ-CP Art. 8(3) (new Art. 17(3) of Decree 118/2025), in force 5/8/2026.
    due = due_date(
        at(2026, 8, 10, 9),
        TimeLimit.working_days(2),
        agency_received_at=at(2026, 8, 12, 9),
    )
    assert due.at == eod(2026, 8, 14)
    assert due_date(
        at(2026, 8, 5, 9), TimeLimit.working_days(2), agency_received_at=at(2026, 8, 6, 9)
    ).at == eod(2026, 8, 10)
    for received in (at(2025, 3, 10, 9), at(2026, 3, 9, 9), at(2026, 8, 4, 9)):
        with pytest.raises(ValidationError):
            due_date(
                received,
                TimeLimit.working_days(2),
                agency_received_at=received + dt.timedelta(days=1),
            )


def test_typed_errors() -> None:
    with pytest.raises(NaiveDatetimeError):
        due_date(dt.datetime(2026, 3, 9, 9), TimeLimit.working_days(1))
    with pytest.raises(ValidationError):
        due_date(dt.date(2026, 3, 9), TimeLimit.working_days(1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        TimeLimit.working_days(-1)
    with pytest.raises(ValidationError):
        TimeLimit(-3, tthc.TimeUnit.CALENDAR_DAYS)
    with pytest.raises(ValidationError):
        due_date(at(2026, 3, 9, 9), 5)  # type: ignore[arg-type]


def test_provisional_due_date_warns_and_is_flagged() -> None:
    with pytest.warns(ProvisionalCalendarWarning):
        due = due_date(at(2027, 12, 28, 9), TimeLimit.working_days(5))
    assert due.provisional


def test_office_hours_presets_and_validation() -> None:
    winter = OFFICE_HOURS_PRESETS["vinh_phuc_winter"]
    assert winter.closing == dt.time(16, 30)
    assert "873" in (winter.citation or "")
    close = CLOCK_POLICIES.at(dt.date(2026, 3, 9)).value.evolve(
        end_of_day=EndOfDay.CLOSE_OF_OFFICE_HOURS
    )
    due = due_date(at(2026, 3, 9, 9), TimeLimit.working_days(1), hours=winter, policy=close)
    assert due.at == at(2026, 3, 10, 16, 30)
    with pytest.raises(ValidationError):
        OfficeHours(dt.time(13), dt.time(11, 30))
    assert OfficeHours().minutes_per_day == 480


def test_import_tthc_does_not_import_numpy() -> None:
    import subprocess

    code = (
        "import sys, tthc, tthc.deadlines; print('numpy' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False False"


def test_a_same_day_limit_is_never_due_before_receipt() -> None:
    # Found in review: with OffHours.AS_RECEIVED a receipt at 18:00 was due at 17:00 the
    # same day. The same day is over: the next working day's close.
    from tthc.deadlines import CLOCK_POLICIES, OffHours

    policy = CLOCK_POLICIES.at(dt.date(2026, 11, 20)).value.evolve(off_hours=OffHours.AS_RECEIVED)
    received = dt.datetime(2026, 11, 20, 18, 0, tzinfo=VIETNAM)
    due = due_date(received, TimeLimit.same_day(), policy=policy)
    assert due.at == eod(2026, 11, 23)  # Fri -> Mon


def test_received_exactly_at_closing_counts_from_the_next_opening() -> None:
    received = eod(2026, 11, 20)  # Friday, closing time
    due = due_date(received, TimeLimit.same_day())
    assert due.at == eod(2026, 11, 23)
    assert due.at > received


def test_wrong_argument_types_are_typed_errors() -> None:
    from tthc.errors import ValidationError

    received = dt.datetime(2026, 11, 20, 9, 0, tzinfo=VIETNAM)
    bad: list[dict[str, Any]] = [{"hours": {}}, {"calendar": "x"}, {"policy": "x"}]
    for kwargs in bad:
        with pytest.raises(ValidationError):
            due_date(received, TimeLimit.working_days(3), **kwargs)
    with pytest.raises(ValidationError):  # the agency cannot receive before the filing
        due_date(
            received,
            TimeLimit.working_days(3),
            agency_received_at=received - dt.timedelta(hours=1),
        )
