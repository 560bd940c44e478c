"""Interconnected groups of Decree 63/2024/NĐ-CP (as amended by Decree 301/2026/NĐ-CP)."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.deadlines import CLOCK_POLICIES, VIETNAM, ShiftedStart, SupplementClock
from tthc.dossiers import BIRTH_GROUP, group_due_dates, interconnected_group
from tthc.errors import NoRuleInForceError, UnknownCodeError
from tthc.model import ProcedureCode, TimeLimit, TimeUnit


def t(year: int, month: int, day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=VIETNAM)


def test_versions_switch_on_1_september_2026() -> None:
    before = interconnected_group("birth", dt.date(2026, 8, 31))
    after = interconnected_group("birth", dt.date(2026, 9, 1))
    assert before.code == ProcedureCode("2.002621")
    assert after.code == ProcedureCode("3.000722")
    assert after.supplement is SupplementClock.PAUSE  # new Art. 4(7): completion time not counted
    assert [m.optional for m in after.members][-1] is True  # the ID card is optional


def test_combined_limit_is_not_the_sum_of_the_members() -> None:
    group = interconnected_group("birth", dt.date(2026, 11, 20))
    assert group.combined_limit is not None
    assert group.combined_limit.amount == 3
    assert group.combined_limit.unit is TimeUnit.WORKING_DAYS
    summed = sum(m.limit.amount for m in group.members if m.limit is not None and not m.optional)
    assert summed != group.combined_limit.amount


def test_group_due_date_uses_the_15h_rule() -> None:
    # New Art. 7(2) of Decree 63/2024: received after 15:00 -> "thời gian được tính bắt đầu
    # từ ngày làm việc tiếp theo": Tuesday 17/11 is day 1, so 3 working days end on
    # Thursday 19/11, as for a morning receipt whose day is excluded (Civil Code Art.
    # 147(2)). Issue 20: the shift and the exclusion no longer stack (it was Friday).
    group = interconnected_group("birth", dt.date(2026, 11, 16))
    morning = group_due_dates(group, t(2026, 11, 16, 10)).combined
    evening = group_due_dates(group, t(2026, 11, 16, 16)).combined
    assert morning is not None
    assert evening is not None
    assert morning.last_day == dt.date(2026, 11, 19)
    assert evening.last_day == dt.date(2026, 11, 19)
    assert evening.start == t(2026, 11, 17, 7) + dt.timedelta(minutes=30)
    policy = CLOCK_POLICIES.at(dt.date(2026, 11, 16)).value
    stacked = policy.evolve(shifted_start=ShiftedStart.EXCLUDED)
    old = group_due_dates(group, t(2026, 11, 16, 16), policy=stacked).combined
    assert old is not None
    assert old.last_day == dt.date(2026, 11, 20)
    # the reading in which the 15:00 rule shortens earlier receipts: the receipt day is day 1
    same_day = policy.evolve(count_receipt_day=True)
    early = group_due_dates(group, t(2026, 11, 16, 10), policy=same_day).combined
    late = group_due_dates(group, t(2026, 11, 16, 16), policy=same_day).combined
    assert early is not None
    assert late is not None
    assert (early.last_day, late.last_day) == (dt.date(2026, 11, 18), dt.date(2026, 11, 19))
    verified = group_due_dates(group, t(2026, 11, 16, 10), verification=True).combined
    assert verified is not None
    assert verified.last_day == dt.date(2026, 11, 23)


def test_clock_hour_members_are_counted_and_keep_the_published_words() -> None:
    # "trong 24 giờ" (Decree 63/2024 new Art. 14, as amended by Decree 301/2026): clock hours
    group = interconnected_group("death", dt.date(2026, 11, 20))
    registration = group.member("1.000656")
    assert registration.limit == TimeLimit.hours(24)
    assert registration.limit_text is not None
    assert "24 giờ" in registration.limit_text
    assert group.combined_limit is None  # not found in the amended text: not guessed
    dates = dict(group_due_dates(group, t(2026, 11, 16, 10)).members)
    due = dates[registration]
    assert due is not None
    assert due.at == t(2026, 11, 17, 10)
    birth = interconnected_group("birth", dt.date(2026, 11, 20)).member("1.001193")
    assert birth.limit == TimeLimit.hours(24)
    paper = interconnected_group("birth", dt.date(2020, 1, 1)).member("Đăng ký thường trú")
    assert paper.limit is None  # "trong thời hạn 15 ngày": working or calendar days unstated


def test_unknown_group() -> None:
    with pytest.raises(UnknownCodeError):
        interconnected_group("marriage", dt.date(2026, 11, 20))


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (dt.date(2024, 6, 12), "2.000986"),  # Decision 296/QĐ-VPCP's date: not yet in force
        (dt.date(2024, 6, 30), "2.000986"),
        (dt.date(2024, 7, 1), "2.002621"),  # Decree 63/2024/NĐ-CP in force 1/7/2024
    ],
)
def test_decree_63_2024_applies_from_1_july_2024(day: dt.date, code: str) -> None:
    assert interconnected_group("birth", day).code == ProcedureCode(code)


def test_birth_group_limit_changes_on_1_july_2024() -> None:
    # a birth dossier of 30/6/2024 keeps the paper limit (20 working days), not the 3 of 2024
    old = interconnected_group("birth", dt.date(2024, 6, 30)).combined_limit
    new = interconnected_group("birth", dt.date(2024, 7, 1)).combined_limit
    assert old is not None
    assert new is not None
    assert (old.amount, new.amount) == (20, 3)
    assert interconnected_group("birth_insurance", dt.date(2024, 6, 30)).code == ProcedureCode(
        "2.001023"
    )
    with pytest.raises(NoRuleInForceError):
        interconnected_group("birth_insurance", dt.date(2024, 7, 1))


def test_death_group_starts_on_1_july_2024() -> None:
    with pytest.raises(NoRuleInForceError):
        interconnected_group("death", dt.date(2024, 6, 30))
    assert interconnected_group("death", dt.date(2024, 7, 1)).code == ProcedureCode("2.002622")
    citation = BIRTH_GROUP.at(dt.date(2024, 7, 1)).cited
    assert "1/7/2024" in str(citation)
