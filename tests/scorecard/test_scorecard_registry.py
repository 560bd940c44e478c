"""The indicator registry matches the versions, and 5.4's switch (sum of two rates vs union)."""

from __future__ import annotations

import pytest
from tests.scorecard.test_scorecard_indicators import at, card, dossier

from tthc.errors import ValidationError
from tthc.model import Dossier, Feedback, SatisfactionRating
from tthc.scorecard import VERSIONS

pytest.importorskip("numpy")
pytest.importorskip("pyarrow")

from tthc.scorecard._indicators import INDICATORS


@pytest.mark.parametrize("spec", VERSIONS, ids=[v.id for v in VERSIONS])
def test_every_indicator_of_every_version_is_registered(spec: object) -> None:
    ids = {indicator.id for indicator in spec.indicators}  # type: ignore[attr-defined]
    assert ids <= set(INDICATORS), sorted(ids - set(INDICATORS))


def test_every_registered_indicator_belongs_to_a_version() -> None:
    known = {indicator.id for spec in VERSIONS for indicator in spec.indicators}
    assert set(INDICATORS) <= known, sorted(set(INDICATORS) - known)


def _late_and_petitioned() -> list[Dossier]:
    petition = (Feedback(at(10)),)
    return [
        dossier(at(3), at(8)),
        dossier(at(3), at(8)),
        dossier(at(3), at(30), feedback=petition),  # late AND petitioned
        dossier(at(3), at(30), rating=SatisfactionRating.UNSATISFIED),  # late AND unsatisfied
        dossier(at(3), at(8), feedback=petition),  # petitioned only
    ]


def test_union_counts_a_dossier_once() -> None:
    r = card(_late_and_petitioned()).result("5.4")  # the default
    assert (r.numerator, r.denominator) == (2, 5)
    assert card(_late_and_petitioned(), receipt_satisfaction="union").result("5.4") == r


def test_sum_subtracts_the_two_rates() -> None:
    # 5 - late (2) - petitioned or unsatisfied (3) = 0: the formula description's sum
    r = card(_late_and_petitioned(), receipt_satisfaction="sum").result("5.4")
    assert (r.numerator, r.denominator) == (0, 5)


def test_sum_is_floored_at_zero() -> None:
    logs = _late_and_petitioned()[2:4]  # both late and complained: 2 - 2 - 2 = -2 → 0
    r = card(logs, receipt_satisfaction="sum").result("5.4")
    assert (r.numerator, r.denominator) == (0, 2)


def test_the_two_agree_without_overlap() -> None:
    logs = [
        dossier(at(3), at(8)),
        dossier(at(3), at(30)),
        dossier(at(3), at(8), feedback=(Feedback(at(10)),)),
    ]
    union = card(logs).result("5.4")
    total = card(logs, receipt_satisfaction="sum").result("5.4")
    assert (union.numerator, union.denominator) == (total.numerator, total.denominator) == (1, 3)


def test_an_unknown_switch_value_is_refused() -> None:
    with pytest.raises(ValidationError, match="receipt_satisfaction"):
        card([], receipt_satisfaction="both")
    with pytest.raises(ValidationError, match="overdue"):
        card([], overdue="sometimes")


def _shipped_text() -> str:
    from importlib.resources import files

    return files("tthc.scorecard").joinpath("data/versions.json").read_text(encoding="utf-8")


def test_the_versions_are_package_data_read_strictly() -> None:
    import json

    from tthc.scorecard._definitions import load_versions

    text = _shipped_text()
    assert load_versions(text) == VERSIONS
    data = json.loads(text)
    data["versions"][0]["indicators"][0]["points"] = 6  # an unknown key
    with pytest.raises(ValidationError, match="points"):
        load_versions(json.dumps(data))
    data = json.loads(text)
    data["versions"][0]["indicators"][1]["id"] = data["versions"][0]["indicators"][0]["id"]
    with pytest.raises(ValidationError, match="used once"):
        load_versions(json.dumps(data))
    data = json.loads(text)
    data["versions"][0]["indicators"][0]["maximum"] = "six"
    with pytest.raises(ValidationError, match="maximum"):
        load_versions(json.dumps(data))
    with pytest.raises(ValidationError):
        load_versions(json.dumps({"versions": []}))
