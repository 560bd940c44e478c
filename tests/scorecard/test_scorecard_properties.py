"""Invariants of the scorecard over generated columnar logs (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc import VIETNAM
from tthc.scorecard import Period, Status, scorecard, version

pytest.importorskip("pyarrow")

PERIOD = Period.month(2026, 10)
START = dt.datetime(2026, 9, 20, 8, tzinfo=VIETNAM)
FLAGS = (
    "synced_to_portal",
    "electronic_result",
    "components_digitised",
    "data_reused",
    "linked_to_personal_store",
    "population_data_used",
    "paid_online",
    "paper_result",
    "fee_bearing",
    "full_online_eligible",
    "full_online_service",
)
#: Dossier indicators whose numerator is the rows with one true fact.
SIMPLE = {
    "1.4": "synced_to_portal",
    "4.3": "data_reused",
    "4.4": "linked_to_personal_store",
    "4.5b": "population_data_used",
}

# Each example runs the whole columnar engine: fewer, slower examples.
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

rows = st.fixed_dictionaries(
    {
        "offset": st.integers(0, 40 * 24),  # hours after START
        "limit": st.sampled_from([1, 3, 5, 10]),
        "took": st.none() | st.integers(1, 30 * 24),  # hours to the return
        "channel": st.sampled_from(["online", "in_person", "postal"]),
        "part": st.sampled_from(["a", "b", "c"]),
        "rating": st.sampled_from([None, "satisfied", "unsatisfied"]),
        "feedback_count": st.integers(0, 2),
        "synced_fee": st.sampled_from([None, 0, 20_000]),
        **{name: st.booleans() for name in FLAGS},
    }
)


def table(items: list[dict[str, Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {
        "received_at": [START + dt.timedelta(hours=r["offset"]) for r in items],
        "returned_at": [
            None if r["took"] is None else START + dt.timedelta(hours=r["offset"] + r["took"])
            for r in items
        ],
    }
    for name in ("limit", "channel", "part", "rating", "feedback_count", "synced_fee", *FLAGS):
        out[name] = [r[name] for r in items]
    return out


def card(items: list[dict[str, Any]], **options: Any) -> Any:
    return scorecard(table(items), period=PERIOD, **options)


@SETTINGS
@given(st.lists(rows, max_size=30), st.sampled_from(["fitted", "described"]))
def test_points_stay_within_zero_and_the_maximum(items: list[dict[str, Any]], rule: Any) -> None:
    c = card(items, conversion=rule)
    for r in c.results:
        if r.points is not None:
            assert r.indicator.maximum is not None
            assert 0.0 <= r.points <= r.indicator.maximum
        else:
            assert r.status is not Status.COMPUTED
    total = c.total()
    assert 0.0 <= total.points <= total.computed_maximum <= total.maximum == version().maximum


@SETTINGS
@given(st.lists(rows, max_size=25), st.lists(rows, min_size=1, max_size=10))
def test_adding_dossiers_that_satisfy_an_indicator_never_lowers_it(
    items: list[dict[str, Any]], extra: list[dict[str, Any]]
) -> None:
    before = card(items)
    for indicator, fact in SIMPLE.items():
        # received in October (START is 20/9 08:00; 11 days later is 1/10)
        good = [{**r, fact: True, "offset": 11 * 24 + r["offset"] % (19 * 24)} for r in extra]
        after = card(items + good)
        was, now = before.result(indicator).points, after.result(indicator).points
        assert now is not None
        assert was is None or now >= was - 1e-12
    # dossiers received in the period, returned the next hour (early or on time), that satisfy
    # each composite indicator
    early = {"offset": 12 * 24 + 3, "took": 1}
    satisfying: dict[str, dict[str, Any]] = {
        "2.1": early,
        "4.1": {**early, "paper_result": True, "electronic_result": True},
        "4.2": {**early, "components_digitised": True, "electronic_result": True},
        "5.4": {**early, "feedback_count": 0, "rating": "satisfied"},
        "6.3": {"paid_online": True, "fee_bearing": True, "synced_fee": 20_000},
    }
    for indicator, facts in satisfying.items():
        good = [{**r, **facts} for r in extra]
        if indicator == "6.3":
            good = [
                {**g, "offset": 11 * 24 + r["offset"] % (19 * 24)}
                for g, r in zip(good, extra, strict=True)
            ]
        was, now = before.result(indicator).points, card(items + good).result(indicator).points
        assert now is not None, indicator
        assert was is None or now >= was - 1e-12, indicator


@SETTINGS
@given(st.lists(rows, max_size=30))
def test_metrics_over_split_sets_combine_to_the_whole(items: list[dict[str, Any]]) -> None:
    c = card(items, by="part")
    parts = [u for u in c.units if u != ()]
    for indicator in version().indicators:
        whole = c.result(indicator.id)
        per = [c.result(indicator.id, u) for u in parts]
        if whole.numerator is None or whole.status is Status.NOT_COMPUTABLE:
            continue
        if any(p.numerator is None for p in per):  # procedure-level: whole only
            continue
        assert sum(p.numerator or 0 for p in per) == whole.numerator
        assert sum(p.denominator or 0 for p in per) == whole.denominator
    # and each part alone gives its unit's row
    for (name,) in parts:
        alone = card([r for r in items if r["part"] == name])
        assert [(r.numerator, r.denominator, r.points) for r in alone.results] == [
            (
                c.result(r.indicator.id, (name,)).numerator,
                c.result(r.indicator.id, (name,)).denominator,
                c.result(r.indicator.id, (name,)).points,
            )
            for r in alone.results
            if c.result(r.indicator.id, (name,)).status is not Status.NOT_COMPUTABLE
            or r.status is Status.NOT_COMPUTABLE
        ]
