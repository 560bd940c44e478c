"""Invariants of effective dating: exclusive collections and superseding."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.errors import NoRuleInForceError, ValidationError
from tthc.rules import Rule, Rules

DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
WINDOWS = st.tuples(st.none() | DAYS, st.none() | DAYS).map(
    lambda w: w if w[0] is None or w[1] is None or w[0] <= w[1] else (w[1], w[0])
)


def _rules(windows: list[tuple[dt.date | None, dt.date | None]]) -> list[Rule[int]]:
    return [
        Rule(i, valid_from=start, valid_until=end, citation=f"{i + 1}/2025/NĐ-CP")
        for i, (start, end) in enumerate(windows)
    ]


@given(st.lists(WINDOWS, max_size=6), DAYS)
def test_exclusive_rules_never_overlap(
    windows: list[tuple[dt.date | None, dt.date | None]], day: dt.date
) -> None:
    rules = _rules(windows)
    try:
        exclusive: Rules[int] = Rules(rules, exclusive=True)
    except ValidationError:
        overlapping: Rules[int] = Rules(rules)
        assert any(
            a.overlaps(b) for i, a in enumerate(overlapping) for b in list(overlapping)[i + 1 :]
        )
        return
    found = exclusive.in_force(day)
    assert len(found) <= 1
    if found:
        assert exclusive.at(day) is found[0]
    else:
        with pytest.raises(NoRuleInForceError):
            exclusive.at(day)


@given(st.lists(WINDOWS, max_size=5), DAYS, DAYS)
def test_superseding_takes_over_from_its_start(
    windows: list[tuple[dt.date | None, dt.date | None]], start: dt.date, day: dt.date
) -> None:
    old: Rules[int] = Rules(_rules(windows))
    new_rule = Rule(-1, valid_from=start, citation="1/2027/NĐ-CP")
    new = old.superseding(new_rule)
    if day >= start:
        assert [r.value for r in new.in_force(day)] == [-1]
    else:
        assert [r.value for r in new.in_force(day)] == [r.value for r in old.in_force(day)]
