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
    minima = {t.measure: t.minimum for t in TARGETS}
    assert minima == {
        Measure.ONLINE_SERVICE_SHARE: 0.8,
        Measure.ONLINE_DOSSIER_SHARE: 0.5,
        Measure.FEE_INTEGRATION_SHARE: 0.8,
        Measure.DIGITISED_SHARE: 0.8,
        Measure.REUSE_SHARE: 0.8,
        Measure.SATISFACTION: 0.9,
    }
    assert all(t.citation.confidence is Confidence.SECONDARY for t in TARGETS)
    assert all(t.year == 2026 for t in TARGETS)
    assert set(SCORECARD_MEASURES) == set(Measure)


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
    assert progress_against(TARGETS, values, year=2025) == ()


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
