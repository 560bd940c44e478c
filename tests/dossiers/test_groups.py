"""Interconnected groups of Decree 63/2024/NĐ-CP (as amended by Decree 301/2026/NĐ-CP)."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.deadlines import VIETNAM, SupplementClock
from tthc.dossiers import group_due_dates, interconnected_group
from tthc.errors import UnknownCodeError
from tthc.model import ProcedureCode, TimeUnit


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
    # New Art. 7(2) of Decree 63/2024: received after 15:00 -> counted from the next working day.
    group = interconnected_group("birth", dt.date(2026, 11, 16))
    morning = group_due_dates(group, t(2026, 11, 16, 10)).combined
    evening = group_due_dates(group, t(2026, 11, 16, 16)).combined
    assert morning is not None
    assert evening is not None
    assert morning.last_day == dt.date(2026, 11, 19)
    assert evening.last_day == dt.date(2026, 11, 20)
    verified = group_due_dates(group, t(2026, 11, 16, 10), verification=True).combined
    assert verified is not None
    assert verified.last_day == dt.date(2026, 11, 23)


def test_members_without_countable_limits_keep_the_published_words() -> None:
    group = interconnected_group("death", dt.date(2026, 11, 20))
    registration = group.member("1.000656")
    assert registration.limit is None
    assert registration.limit_text is not None
    assert "24 giờ" in registration.limit_text
    assert group.combined_limit is None  # not found in the amended text: not guessed
    dates = dict(group_due_dates(group, t(2026, 11, 16, 10)).members)
    assert dates[registration] is None


def test_unknown_group() -> None:
    with pytest.raises(UnknownCodeError):
        interconnected_group("marriage", dt.date(2026, 11, 20))
