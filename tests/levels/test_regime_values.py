"""Regimes as values: a fictitious 2027 regime added from outside the package."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc._findings import Finding, Severity
from tthc.citations import Citation, Confidence
from tthc.errors import ValidationError
from tthc.levels import (
    REGIME_DEFINITIONS,
    REGIMES,
    Criterion,
    LevelKind,
    OnlineFacts,
    OnlineMode,
    OnlineRegime,
    Regime,
    RegimeCriterion,
    check_levels,
    classify,
    partial_needs_reason,
)
from tthc.model import Channel, DossierCase, DossierComponent, Method, Procedure, TimeLimit
from tthc.rules import Rule

# A made-up decree: toàn trình needs only an online filing, an electronic result
# and no presence; a service that needs presence is reported.
FICTION = "Decree 999/2027/NĐ-CP"


def _no_presence_finding(
    facts: OnlineFacts, mode: OnlineMode | None, regime: OnlineRegime
) -> list[Finding]:
    if facts.presence_required:
        return [
            Finding(
                "presence-2027",
                f"presence is required, which {regime.name_en} forbids",
                path="$.presence_required",
                citation=f"{FICTION}, Art. 7",
                severity=Severity.WARNING,
            )
        ]
    return []


REGIME_2027 = OnlineRegime(
    "decree_999_2027",
    "Nghị định 999/2027/NĐ-CP (giả định)",
    "Decree 999/2027/NĐ-CP (fictitious)",
    LevelKind.FULL_OR_PARTIAL,
    [
        RegimeCriterion(Criterion.ONLINE_SUBMISSION, Citation.of(FICTION, "Art. 5(a)")),
        RegimeCriterion("electronic_result", Citation.of(FICTION, "Art. 5(b)")),
        RegimeCriterion(Criterion.NO_PRESENCE, Citation.of(FICTION, "Art. 5(c)")),
    ],
    citation=Citation.of(FICTION, "Arts. 5–7", Confidence.UNCONFIRMED, note="a test fiction"),
    findings=(_no_presence_finding,),
    full_online_default=True,
)
RULE_2027: Rule[Regime | OnlineRegime] = Rule(
    REGIME_2027, valid_from=dt.date(2027, 1, 1), citation=REGIME_2027.citation
)
WITH_2027 = REGIMES.superseding(RULE_2027)


def test_a_2027_regime_from_outside() -> None:
    facts = OnlineFacts(online_submission=True, electronic_result=True, presence_required=False)
    result = classify(facts, on=dt.date(2027, 1, 1), regimes=WITH_2027)
    assert result.regime is REGIME_2027
    assert result.mode is OnlineMode.FULL
    assert [c.name for c in result.criteria] == [
        "online_submission",
        "electronic_result",
        "no_presence",
    ]
    assert [c.citation for c in result.criteria] == [
        f"{FICTION}, Art. 5(a)",
        f"{FICTION}, Art. 5(b)",
        f"{FICTION}, Art. 5(c)",
    ]
    assert result.regime_citation == str(REGIME_2027.citation)
    assert "Decree 999/2027/NĐ-CP (fictitious)" in result.explain()
    # The day before, Decree 224/2026 still applies, with its own criteria and findings.
    before = classify(facts, on=dt.date(2026, 12, 31), regimes=WITH_2027)
    assert before.regime is Regime.DECREE_224_2026
    assert before.mode is OnlineMode.PARTIAL  # unknown facts fail the ten criteria
    assert before.findings[0].code == "partial-without-reason"


def test_2027_regime_findings_and_partial() -> None:
    facts = OnlineFacts(online_submission=True, electronic_result=True, presence_required=True)
    result = classify(facts, on=dt.date(2027, 6, 1), regimes=WITH_2027)
    assert result.mode is OnlineMode.PARTIAL
    assert [r.name for r in result.reasons] == ["no_presence"]
    assert [f.code for f in result.findings] == ["presence-2027"]
    assert result.findings[0].citation == f"{FICTION}, Art. 7"


def test_check_levels_under_the_2027_regime() -> None:
    p = Procedure(
        code="1.000894",
        name="Đăng ký kết hôn",
        methods=[Method(Channel.ONLINE, [TimeLimit.working_days(5)])],
        dossier_cases=[DossierCase([DossierComponent(name="Tờ khai")])],
        requires_presence=True,
        valid_from=dt.date(2027, 2, 1),
    )
    codes = [f.code for f in check_levels(p, regimes=WITH_2027)]
    assert "presence-2027" in codes


def test_the_shipped_definitions_are_values() -> None:
    d224 = REGIME_DEFINITIONS.at(dt.date(2026, 7, 1)).value
    assert d224.findings == (partial_needs_reason,)
    assert d224.proactive_scale
    assert REGIME_DEFINITIONS.at(dt.date(2011, 10, 1)).value.kind is LevelKind.CUMULATIVE_LEVELS
    early = REGIME_DEFINITIONS.at(dt.date(2023, 4, 4)).value
    late = REGIME_DEFINITIONS.at(dt.date(2023, 4, 5)).value
    assert early.key == late.key == "decree_42_2022"
    assert str(early.criteria[0].citation).startswith("Decree 42/2022/NĐ-CP, Art. 11(1)")
    assert str(late.criteria[0].citation).startswith("Circular 01/2023/TT-VPCP")


def test_the_shipped_regimes_are_exclusive() -> None:
    with pytest.raises(ValidationError):
        REGIMES.adding([RULE_2027])  # overlaps Decree 224/2026, which has no end
    with pytest.raises(ValidationError):
        OnlineRegime("x", "x", "x", LevelKind.FULL_OR_PARTIAL, [], citation=Citation.of(FICTION))
    with pytest.raises(ValidationError):
        RegimeCriterion("not_a_criterion", Citation.of(FICTION))
