"""Property tests: the classifier is total, and full-online means every criterion passed."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.levels import (
    Legacy2011Level,
    OnlineFacts,
    OnlineMode,
    Regime,
    classify,
    legacy_to_mode,
    mode_to_legacy,
)
from tthc.levels._strategies import online_facts, regime_dates

settings.register_profile("levels", max_examples=150, deadline=None)
settings.load_profile("levels")


@given(online_facts(), regime_dates())
def test_classifier_is_total_and_consistent(facts: OnlineFacts, on: dt.date) -> None:
    result = classify(facts, on=on)
    failing = [c for c in result.criteria if not c.passed]
    # reasons name exactly the failing criteria, in order
    assert result.reasons == tuple(failing)
    # unknown never passes
    assert all(not c.passed for c in result.criteria if not c.known)
    # every criterion and finding carries a citation
    assert all(c.citation for c in result.criteria)
    assert all(f.citation for f in result.findings)
    if result.regime is Regime.DECREE_43_2011:
        assert result.mode is None
        if result.legacy_level is Legacy2011Level.LEVEL_4:
            assert not failing
    else:
        assert result.legacy_level is None
        # full-online only if every criterion passes, and then always
        assert (result.mode is OnlineMode.FULL) == (not failing)
        if result.mode is not None:
            assert facts.online_submission is True
    assert result.level in (result.mode, result.legacy_level)


@given(online_facts(), regime_dates())
def test_legacy_level_is_the_longest_passing_prefix(facts: OnlineFacts, on: dt.date) -> None:
    result = classify(facts, on=min(on, dt.date(2022, 8, 14)))
    passed = 0
    for c in result.criteria:
        if not c.passed:
            break
        passed += 1
    expected = Legacy2011Level(passed) if passed else None
    assert result.legacy_level is expected


@given(online_facts())
def test_mappings_agree_with_the_classifier(facts: OnlineFacts) -> None:
    old = classify(facts, on=dt.date(2022, 8, 14))
    new = classify(facts, on=dt.date(2022, 8, 15))
    if new.mode is not None:
        back = mode_to_legacy(new.mode)
        assert old.legacy_level in back.possible or (old.legacy_level is None and back.or_none)
    if old.legacy_level is not None:
        forth = legacy_to_mode(old.legacy_level)
        assert new.mode in forth.possible or (new.mode is None and forth.or_none)


@given(online_facts(), st.dates(min_value=dt.date(2026, 7, 1), max_value=dt.date(2035, 1, 1)))
def test_224_partial_without_reason_is_always_found(facts: OnlineFacts, on: dt.date) -> None:
    result = classify(facts, on=on)
    found = {f.code for f in result.findings}
    if result.mode is OnlineMode.PARTIAL and facts.partial_reason is None:
        assert "partial-without-reason" in found
    if result.mode is OnlineMode.FULL:
        assert "partial-without-reason" not in found


@given(online_facts(), regime_dates())
def test_classify_is_deterministic(facts: OnlineFacts, on: dt.date) -> None:
    assert classify(facts, on=on) == classify(facts, on=on)
