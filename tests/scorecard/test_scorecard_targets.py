"""Reform targets: dated, cited, per tier and year, against scorecard values."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import VIETNAM
from tthc.citations import Citation, Confidence
from tthc.errors import ValidationError
from tthc.model import AdministrativeTier
from tthc.scorecard import (
    SCORECARD_MEASURES,
    TARGETS,
    Measure,
    Period,
    Target,
    progress_against,
    scorecard,
)

PROVINCE, COMMUNE = AdministrativeTier.PROVINCE, AdministrativeTier.COMMUNE
MADE_UP = Citation.of("a test plan", None, Confidence.UNCONFIRMED)


def test_shipped_targets_are_the_portal_full_marks_shares() -> None:
    # formula-document.ts notes: 3.1 80% (line 195), 3.3 50% (247), 3.5 80% (278),
    # 4.2 80% (353), 4.3 80% (382), 5.4 90% (522).
    portal = [t for t in TARGETS if t.id.startswith("766-")]
    minima = {t.measure: t.minimum for t in portal}
    assert minima == {
        Measure.ONLINE_SERVICE_SHARE: 0.8,
        Measure.ONLINE_DOSSIER_SHARE: 0.5,
        Measure.FEE_INTEGRATION_SHARE: 0.8,
        Measure.DIGITISED_SHARE: 0.8,
        Measure.REUSE_SHARE: 0.8,
        Measure.SATISFACTION: 0.9,
    }
    assert all(t.citation.confidence is Confidence.SECONDARY for t in portal)
    assert all(t.year == 2026 for t in portal)
    assert set(SCORECARD_MEASURES) == {t.measure for t in portal}


def test_every_target_is_cited_with_its_confidence() -> None:
    assert len({t.id for t in TARGETS}) == len(TARGETS)
    for t in TARGETS:
        assert t.citation.confidence in set(Confidence)
        assert t.citation.source  # where it was read
        # none is attributed to a primary text: none was read
        assert t.citation.confidence is not Confidence.PRIMARY


def test_the_seed_targets() -> None:
    # ../shared/seeds/002 (Bình Dương): 30% / 20% / 15% by tier, +20% a year to 100%.
    digitised = {t.tier: t for t in TARGETS if t.measure is Measure.DIGITISED_RESULT_SHARE}
    assert {tier: t.minimum for tier, t in digitised.items()} == {
        AdministrativeTier.PROVINCE: 0.3,
        AdministrativeTier.DISTRICT: 0.2,
        COMMUNE: 0.15,
    }
    assert digitised[PROVINCE].minimum_in(2022) == pytest.approx(0.5)
    assert digitised[COMMUNE].minimum_in(2025) == pytest.approx(0.95)
    assert digitised[COMMUNE].minimum_in(2026) == 1.0
    # ../shared/seeds/004 (Bình Thuận, 21/03/2021): by 2025.
    by_2025 = {t.measure: t.minimum for t in TARGETS if t.scope == "Bình Thuận"}
    assert by_2025 == {
        Measure.FULL_ONLINE_SERVICE_SHARE: 1.0,
        Measure.PORTAL_INTEGRATION_SHARE: 0.5,
        Measure.ONLINE_DOSSIER_SHARE: 0.5,
        Measure.SATISFACTION: 0.9,
    }
    assert all(
        "21/03/2021" in (t.citation.source or "") for t in TARGETS if t.scope == "Bình Thuận"
    )


def test_progress_against_each_new_measure() -> None:
    values = {
        Measure.FULL_ONLINE_SERVICE_SHARE: 0.6,
        Measure.PORTAL_INTEGRATION_SHARE: 0.55,
        Measure.ONLINE_DOSSIER_SHARE: 0.48,
        Measure.SATISFACTION: 0.91,
        (Measure.DIGITISED_RESULT_SHARE, PROVINCE): 1.0,  # 30% + 4 × 20%, capped at 100%
        (Measure.DIGITISED_RESULT_SHARE, COMMUNE): 0.5,
    }
    out = {(p.target.id, p.tier): p.met for p in progress_against(TARGETS, values, year=2025)}
    assert out[("binh-thuan-2025-level-4", None)] is False
    assert out[("binh-thuan-2025-portal", None)] is True
    assert out[("binh-thuan-2025-online-dossiers", None)] is False
    assert out[("binh-thuan-2025-satisfaction", None)] is True
    assert out[("binh-duong-2021-digitised-results-province", PROVINCE)] is True
    assert out[("binh-duong-2021-digitised-results-commune", COMMUNE)] is False
    assert out[("binh-duong-2021-digitised-results-district", AdministrativeTier.DISTRICT)] is None


def test_met_not_met_and_by_how_much() -> None:
    values = {Measure.ONLINE_DOSSIER_SHARE: 0.15, Measure.SATISFACTION: 0.95}
    found = {p.target.measure: p for p in progress_against(TARGETS, values, year=2026)}
    online = found[Measure.ONLINE_DOSSIER_SHARE]
    assert online.met is False
    assert online.gap == pytest.approx(-0.35)
    assert found[Measure.SATISFACTION].met is True
    assert found[Measure.SATISFACTION].gap == pytest.approx(0.05)
    assert found[Measure.REUSE_SHARE].met is None
    assert found[Measure.REUSE_SHARE].reason("en") == "no value for reuse_share"
    assert "tái sử dụng" in (found[Measure.REUSE_SHARE].reason() or "")
    portal = [t for t in TARGETS if t.id.startswith("766-")]
    assert progress_against(portal, values, year=2025) == ()


def test_digitisation_by_tier_with_a_yearly_increase() -> None:
    # A plan in the shape of the seeds: province 30%, commune 15%, +20 points a year to 100%.
    plan = [
        Target("p", Measure.DIGITISED_SHARE, 0.3, 2022, MADE_UP, PROVINCE, 0.2),
        Target("c", Measure.DIGITISED_SHARE, 0.15, 2022, MADE_UP, COMMUNE, 0.2),
    ]
    assert plan[0].minimum_in(2024) == pytest.approx(0.7)
    assert plan[0].minimum_in(2026) == 1.0
    assert plan[1].minimum_in(2021) is None
    values = {(Measure.DIGITISED_SHARE, PROVINCE): 0.72, (Measure.DIGITISED_SHARE, COMMUNE): 0.5}
    out = {p.tier: p for p in progress_against(plan, values, year=2024)}
    assert out[PROVINCE].met is True
    assert out[COMMUNE].met is False
    assert out[COMMUNE].minimum == pytest.approx(0.55)
    assert out[COMMUNE].gap == pytest.approx(-0.05)


def test_read_from_a_scorecard_per_tier() -> None:
    received = dt.datetime(2026, 9, 3, 9, tzinfo=VIETNAM)
    log = {
        "received_at": [received] * 4,
        "limit": [5] * 4,
        "tier": ["province", "province", "commune", "commune"],
        "data_reused": [True, True, True, False],
    }
    card = scorecard(log, period=Period.month(2026, 9), by="tier")
    reuse = [t for t in TARGETS if t.measure is Measure.REUSE_SHARE]
    out = {p.tier: p for p in progress_against(reuse, card, year=2026, tiers=[PROVINCE, COMMUNE])}
    assert (out[PROVINCE].value, out[PROVINCE].met) == (1.0, True)
    assert (out[COMMUNE].value, out[COMMUNE].met) == (0.5, False)
    whole = progress_against(reuse, card, year=2026)
    assert whole[0].value == pytest.approx(0.75)


def test_bad_targets_are_refused() -> None:
    with pytest.raises(ValidationError, match="minimum"):
        Target("x", Measure.SATISFACTION, 90, 2026, MADE_UP)
    with pytest.raises(ValidationError, match="metrics"):
        progress_against(TARGETS, [0.5], year=2026)


def test_a_scorecard_has_no_value_for_the_report_only_measures() -> None:
    received = dt.datetime(2025, 9, 3, 9, tzinfo=VIETNAM)
    log = {"received_at": [received] * 2, "limit": [5] * 2, "channel": ["online", "postal"]}
    card = scorecard(log, period=Period.month(2025, 9))
    found = {p.target.id: p for p in progress_against(TARGETS, card, year=2025)}
    level_4 = found["binh-thuan-2025-level-4"]
    assert (level_4.value, level_4.met) == (None, None)
    assert level_4.reason("en") == "no value for full_online_service_share"
