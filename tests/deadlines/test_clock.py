from __future__ import annotations

import datetime as dt

import pytest

from tthc.deadlines import (
    CLOCK_POLICIES,
    VIETNAM,
    ClockState,
    DossierClock,
    ExtensionLimitError,
    OpenStatus,
    Outcome,
    SupplementClock,
    TimeLimit,
)
from tthc.errors import IllegalTransitionError, NaiveDatetimeError, ValidationError
from tthc.model import ExtensionGranted, Refused, Returned, Supplemented, SupplementRequested


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


FIVE = TimeLimit.working_days(5)


def test_plain_timeline() -> None:
    clock = DossierClock.start(at(2026, 3, 2, 9), FIVE)
    assert clock.due_at(at(2026, 3, 2, 9)) is not None
    # the period ends at 24:00 of Monday 9/3 (Civil Code 2015 Art. 148(6); issue 20)
    assert clock.original_due().at == at(2026, 3, 10)
    assert clock.original_due().last_day == dt.date(2026, 3, 9)
    assert clock.working_days_left(at(2026, 3, 4, 10)) == 3
    assert clock.open_status(at(2026, 3, 9, 16)) is OpenStatus.TRONG_HAN
    assert clock.open_status(at(2026, 3, 9, 17, 1)) is OpenStatus.TRONG_HAN
    assert clock.open_status(at(2026, 3, 10, 0, 1)) is OpenStatus.QUA_HAN
    # a result given on the due day after office hours is on time
    assert clock.record(Returned(at(2026, 3, 9, 20))).outcome() is Outcome.DUNG_HAN
    assert clock.working_days_left(at(2026, 3, 11, 10)) == -2
    assert clock.outcome() is None
    assert clock.record(Returned(at(2026, 3, 6, 9))).outcome() is Outcome.TRUOC_HAN
    assert clock.record(Returned(at(2026, 3, 9, 16))).outcome() is Outcome.DUNG_HAN
    late = clock.record(Returned(at(2026, 3, 10, 8)))
    assert late.outcome() is Outcome.QUA_HAN
    assert not Outcome.QUA_HAN.on_time
    assert Outcome.TRUOC_HAN.on_time
    assert late.open_status(at(2026, 3, 11, 8)) is None
    assert late.state(at(2026, 3, 11, 8)) is ClockState.RETURNED


def test_supplement_restarts_the_count() -> None:
    clock = (
        DossierClock.start(at(2026, 3, 2, 9), FIVE)
        .record(SupplementRequested(at(2026, 3, 4, 10)))
        .record(Supplemented(at(2026, 3, 10, 9)))
    )
    assert clock.due_at(at(2026, 3, 5, 9)) is None  # stopped
    assert clock.working_days_left(at(2026, 3, 5, 9)) is None
    assert clock.open_status(at(2026, 3, 20, 9)) is OpenStatus.QUA_HAN
    assert clock.open_status(at(2026, 3, 6, 9)) is OpenStatus.TRONG_HAN
    due = clock.due_at(at(2026, 3, 10, 9))
    assert due is not None
    assert due.at == at(2026, 3, 18)  # 5 working days after 10/3, ending at 24:00
    assert any("19(4)" in note for note in due.notes)


def test_supplement_pause() -> None:
    policy = CLOCK_POLICIES.at(dt.date(2026, 3, 2)).value.evolve(supplement=SupplementClock.PAUSE)
    clock = (
        DossierClock.start(at(2026, 3, 2, 9), FIVE, policy=policy)
        .record(SupplementRequested(at(2026, 3, 4, 10)))
        .record(Supplemented(at(2026, 3, 6, 9)))
    )
    due = clock.due_at(at(2026, 3, 6, 9))
    assert due is not None
    # original due 9/3; paused for the working days in (4/3, 6/3] = 2 → 11/3
    assert due.at == at(2026, 3, 12)  # 24:00 of 11/3


def test_one_extension_only() -> None:
    clock = DossierClock.start(at(2026, 3, 2, 9), FIVE).record(
        ExtensionGranted(at(2026, 3, 6, 9), new_due=at(2026, 3, 13, 17))
    )
    due = clock.due_at(at(2026, 3, 10, 9))
    assert due is not None
    assert due.at == at(2026, 3, 13, 17)
    assert clock.open_status(at(2026, 3, 12, 9)) is OpenStatus.TRONG_HAN
    with pytest.raises(ExtensionLimitError) as info:
        clock.record(ExtensionGranted(at(2026, 3, 12, 9), new_due=at(2026, 3, 20, 17)))
    assert "19(9)" in str(info.value)
    assert isinstance(info.value, IllegalTransitionError)
    returned = clock.record(Returned(at(2026, 3, 12, 9)))
    # Against the date the apology set (default), or against the slip's date.
    assert returned.outcome() is Outcome.TRUOC_HAN
    assert returned.outcome(with_extension=False) is Outcome.QUA_HAN


def test_illegal_transitions() -> None:
    clock = DossierClock.start(at(2026, 3, 2, 9), FIVE)
    with pytest.raises(IllegalTransitionError):
        clock.record(Supplemented(at(2026, 3, 3, 9)))
    with pytest.raises(ValidationError):
        clock.record(SupplementRequested(at(2026, 3, 1, 9)))  # before receipt
    with pytest.raises(ValidationError):
        clock.record(ExtensionGranted(at(2026, 3, 3, 9), new_due=at(2026, 3, 5, 17)))
    returned = clock.record(Returned(at(2026, 3, 3, 9)))
    with pytest.raises(IllegalTransitionError):
        returned.record(SupplementRequested(at(2026, 3, 4, 9)))
    with pytest.raises(IllegalTransitionError):
        DossierClock(FIVE).record(Returned(at(2026, 3, 3, 9)))
    with pytest.raises(NaiveDatetimeError):
        Returned(dt.datetime(2026, 3, 3, 9))


def test_a_written_refusal_ends_the_handling_like_a_result() -> None:
    clock = DossierClock.start(at(2026, 3, 2, 9), FIVE)
    assert clock.record(Refused(at(2026, 3, 4, 9), "không đủ điều kiện")).outcome() is (
        Outcome.TRUOC_HAN
    )
    waiting = clock.record(SupplementRequested(at(2026, 3, 3, 9)))
    with pytest.raises(IllegalTransitionError):  # stop it instead (Form 05)
        waiting.record(Refused(at(2026, 3, 4, 9), "không bổ sung"))
