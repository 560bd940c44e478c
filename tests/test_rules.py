"""Effective dating."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.errors import NoRuleInForceError, ValidationError
from tthc.rules import Rule, Rules

REGIMES: Rules[str] = Rules(
    [
        Rule("61/2018", valid_until=dt.date(2025, 6, 30), citation="Decree 61/2018/NĐ-CP"),
        Rule("118/2025", valid_from=dt.date(2025, 7, 1), citation="Decree 118/2025/NĐ-CP"),
    ],
    what="one-stop regime",
)


def test_boundaries_are_inclusive() -> None:
    before: str = REGIMES.at(dt.date(2025, 6, 30)).value
    after: str = REGIMES.at(dt.date(2025, 7, 1)).value
    assert (before, after) == ("61/2018", "118/2025")


def test_no_rule_and_overlap_are_errors() -> None:
    first: Rule[int] = Rule(1, valid_from=dt.date(2020, 1, 1), citation="x")
    gap: Rules[int] = Rules([first], what="thing")
    with pytest.raises(NoRuleInForceError) as info:
        gap.at(dt.date(2019, 12, 31))
    assert isinstance(info.value, LookupError)
    assert "thing" in str(info.value)
    assert gap.get(dt.date(2019, 12, 31)) is None
    extra: Rule[int] = Rule(2, citation="y")
    both = gap.adding([extra])
    assert len(both.in_force(dt.date(2020, 1, 1))) == 2
    with pytest.raises(NoRuleInForceError):
        both.at(dt.date(2020, 1, 1))
    assert len(gap) == 1  # adding returns a new collection


def test_rules_need_a_citation_and_an_ordered_window() -> None:
    with pytest.raises(ValidationError):
        Rule(1, citation=" ")
    with pytest.raises(ValidationError):
        Rule(1, valid_from=dt.date(2025, 7, 1), valid_until=dt.date(2025, 6, 30), citation="x")


@given(st.dates(), st.dates(), st.dates())
def test_in_force_on_matches_the_window(a: dt.date, b: dt.date, day: dt.date) -> None:
    start, end = min(a, b), max(a, b)
    rule = Rule("r", valid_from=start, valid_until=end, citation="x")
    assert rule.in_force_on(day) == (start <= day <= end)
