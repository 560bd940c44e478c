from __future__ import annotations

import datetime as dt

import pytest

from tthc.errors import NoRuleInForceError, ValidationError
from tthc.levels import (
    REASSIGNMENTS,
    TIERS,
    AdministrativeTier,
    Reassignment,
    check_tiers,
    successor_tier,
    tiers_in_force,
)
from tthc.model import Agency, Procedure
from tthc.rules import Rule

T = AdministrativeTier


def test_tiers_across_the_2025_reform() -> None:
    assert tiers_in_force(dt.date(2025, 6, 30)) == (
        T.CENTRAL,
        T.PROVINCE,
        T.DISTRICT,
        T.COMMUNE,
        T.OTHER,
    )
    assert tiers_in_force(dt.date(2025, 7, 1)) == (T.CENTRAL, T.PROVINCE, T.COMMUNE, T.OTHER)
    assert T.OTHER in tiers_in_force(dt.date(1990, 1, 1))
    assert T.OTHER in tiers_in_force(dt.date(2100, 1, 1))


def test_every_tier_rule_is_cited() -> None:
    assert {r.value for r in TIERS} == set(AdministrativeTier)
    district = next(r for r in TIERS if r.value is T.DISTRICT)
    assert "72/2025/QH15" in district.citation
    assert "Art. 110" in district.citation


def test_tiers_in_force_refuses_datetimes() -> None:
    with pytest.raises(ValidationError):
        tiers_in_force(dt.datetime(2025, 7, 1))


def test_decree_120_2025_civil_status_to_communes() -> None:
    assert successor_tier(T.DISTRICT, dt.date(2025, 6, 30), sector="Hộ tịch") is None
    rule = successor_tier(T.DISTRICT, dt.date(2025, 7, 1), sector="hộ tịch")
    assert rule is not None
    assert rule.value.to_tier is T.COMMUNE
    assert rule.citation.startswith("Decree 120/2025/NĐ-CP, Art. 4 (of 11/6/2025")
    assert rule.cited.reference is not None
    assert rule.cited.reference.number == "120/2025/NĐ-CP"
    assert successor_tier(T.DISTRICT, dt.date(2027, 2, 28), sector="Civil status") is not None
    assert successor_tier(T.DISTRICT, dt.date(2027, 3, 1), sector="Hộ tịch") is None
    assert successor_tier(T.DISTRICT, dt.date(2025, 7, 1), sector="Đất đai") is None
    assert successor_tier(T.DISTRICT, dt.date(2025, 7, 1)) is None


def test_reassignments_are_extensible() -> None:
    land = Rule(
        Reassignment(T.DISTRICT, T.COMMUNE, sectors=["Đất đai"], competence="land registration"),
        valid_from=dt.date(2025, 7, 1),
        citation="Decree X/2025/NĐ-CP, Art. 1 (example)",
    )
    extended = REASSIGNMENTS.adding([land])
    rule = successor_tier(T.DISTRICT, dt.date(2025, 8, 1), sector="đất đai", reassignments=extended)
    assert rule is land
    assert len(REASSIGNMENTS) == 1  # the shipped rules are unchanged


def test_overlapping_reassignments_raise() -> None:
    everything = Rule(
        Reassignment(T.DISTRICT, T.PROVINCE, competence="everything (example)"),
        valid_from=dt.date(2025, 7, 1),
        citation="example",
    )
    with pytest.raises(NoRuleInForceError):
        successor_tier(
            T.DISTRICT,
            dt.date(2025, 8, 1),
            sector="Hộ tịch",
            reassignments=REASSIGNMENTS.adding([everything]),
        )


def test_successor_tier_bad_input() -> None:
    with pytest.raises(ValidationError):
        successor_tier("district", dt.date(2025, 7, 1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        successor_tier(T.DISTRICT, dt.date(2025, 7, 1), sector=" ")


def birth(**changes: object) -> Procedure:
    fields: dict[str, object] = {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "sector": "Hộ tịch",
        "tiers": [T.DISTRICT, T.COMMUNE],
    }
    fields.update(changes)
    return Procedure(**fields)  # type: ignore[arg-type]


def test_district_before_and_after_the_reform() -> None:
    assert check_tiers(birth(), dt.date(2025, 6, 30)) == ()
    (finding,) = check_tiers(birth(), dt.date(2025, 7, 1))
    assert finding.code == "tier-not-in-force"
    assert finding.path == "$.tiers[0]"
    assert "72/2025/QH15" in (finding.citation or "")
    assert "Decree 120/2025/NĐ-CP" in finding.message
    assert "commune" in finding.message


def test_district_agency_and_unrecorded_sector() -> None:
    p = birth(
        sector="Đất đai",
        tiers=[T.COMMUNE],
        implementing_agencies=[Agency(name="UBND huyện", tier=T.DISTRICT)],
        valid_from=dt.date(2025, 9, 1),
    )
    (finding,) = check_tiers(p)
    assert finding.path == "$.implementing_agencies[0].tier"
    assert "no recorded reassignment" in finding.message


def test_check_tiers_needs_a_date() -> None:
    with pytest.raises(ValidationError) as e:
        check_tiers(birth())
    assert e.value.problems[0].path == "on"
    with pytest.raises(ValidationError):
        check_tiers("1.001193", dt.date(2025, 7, 1))  # type: ignore[arg-type]


def test_reassignment_validation() -> None:
    with pytest.raises(ValidationError):
        Reassignment(T.DISTRICT, "commune", competence="x")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Reassignment(T.DISTRICT, T.COMMUNE, competence=" ")
