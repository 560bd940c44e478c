from __future__ import annotations

import datetime as dt

import pytest

from tthc.errors import NoRuleInForceError, ValidationError
from tthc.levels import (
    REGIMES,
    Legacy2011Level,
    OnlineFacts,
    OnlineMode,
    Regime,
    classify,
    regime_on,
)
from tthc.rules import Rule, Rules


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (dt.date(2011, 10, 1), Regime.DECREE_43_2011),
        (dt.date(2022, 8, 14), Regime.DECREE_43_2011),
        (dt.date(2022, 8, 15), Regime.DECREE_42_2022),
        (dt.date(2026, 6, 30), Regime.DECREE_42_2022),
        (dt.date(2026, 7, 1), Regime.DECREE_224_2026),
        (dt.date(2040, 1, 1), Regime.DECREE_224_2026),
    ],
)
def test_regime_boundaries(day: dt.date, regime: Regime) -> None:
    assert regime_on(day).value is regime


def test_every_regime_rule_is_cited() -> None:
    for rule in REGIMES:
        assert rule.citation.strip()
    assert "Art. 90(2)(b)" in regime_on(dt.date(2023, 1, 1)).citation


def test_before_decree_43_2011_is_an_error() -> None:
    # in force 1/10/2011 (Pháp điển: "có hiệu lực thi hành kể từ ngày 01/10/2011"),
    # not from its signing date 13/6/2011 (issue 20)
    with pytest.raises(NoRuleInForceError):
        regime_on(dt.date(2011, 9, 30))
    with pytest.raises(NoRuleInForceError):
        regime_on(dt.date(2011, 6, 13))
    with pytest.raises(NoRuleInForceError):
        classify(OnlineFacts.full_online(), on=dt.date(2011, 9, 30))
    assert classify(OnlineFacts.full_online(), on=dt.date(2011, 10, 1)).regime is (
        Regime.DECREE_43_2011
    )
    assert "1/10/2011" in regime_on(dt.date(2011, 10, 1)).citation
    with pytest.raises(NoRuleInForceError):
        classify(OnlineFacts.full_online(), on=dt.date(2010, 1, 1))


def test_datetime_is_not_a_date() -> None:
    with pytest.raises(ValidationError) as e:
        regime_on(dt.datetime(2023, 1, 1, 12))
    assert e.value.problems[0].path == "on"


def test_user_regimes_override() -> None:
    only_2011: Rules[Regime] = Rules(
        [Rule(Regime.DECREE_43_2011, citation="Decree 43/2011/NĐ-CP, Art. 3(4)")],
        what="regime",
    )
    result = classify(OnlineFacts.full_online(), on=dt.date(2030, 1, 1), regimes=only_2011)
    assert result.regime is Regime.DECREE_43_2011
    assert result.legacy_level is Legacy2011Level.LEVEL_4


def test_regimes_must_hold_regimes() -> None:
    bad: Rules[str] = Rules([Rule("x", citation="c")], what="x")
    with pytest.raises(ValidationError):
        classify(OnlineFacts(), on=dt.date(2023, 1, 1), regimes=bad)  # type: ignore[arg-type]


def test_labels_in_both_languages() -> None:
    for regime in Regime:
        assert regime.vi
        assert regime.en
        assert regime.vi != regime.en
    assert OnlineMode.FULL.vi == "Toàn trình"
