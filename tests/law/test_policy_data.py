"""The clock policies are package data read by the one strict loader (issue 20)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tthc.deadlines import CLOCK_POLICIES, EndOfDay
from tthc.deadlines._policy import _PolicyTable
from tthc.errors import ValidationError
from tthc.serialization import from_dict


def test_the_shipped_windows_and_sources() -> None:
    rows = [(r.window(), r.value.name, r.cited.confidence.value) for r in CLOCK_POLICIES]
    assert rows == [
        ("..2018-06-20", "Civil Code counting (before Decree 61/2018)", "primary"),
        ("2018-06-21..2025-06-30", "Decree 61/2018/NĐ-CP", "primary"),
        ("2025-07-01..2026-08-04", "Decree 118/2025/NĐ-CP", "secondary"),
        (
            "2026-08-05..",
            "Decree 118/2025/NĐ-CP as amended by Decree 309/2026/NĐ-CP",
            "secondary",
        ),
    ]
    assert str(CLOCK_POLICIES.at(dt.date(2016, 1, 1)).cited) == (
        "Civil Code 2015 (91/2015/QH13) Art. 147(2), 148"
    )
    assert CLOCK_POLICIES.at(dt.date(2026, 8, 5)).value.cross_boundary_start
    assert not CLOCK_POLICIES.at(dt.date(2026, 8, 4)).value.cross_boundary_start


def test_a_new_decree_is_a_data_row() -> None:
    policy: dict[str, str] = {
        "name": "Decree 1/2027",
        "citation": "Decree 1/2027/NĐ-CP",
        "end_of_day": "close_of_office_hours",
    }
    row: dict[str, Any] = {
        "valid_from": "2027-01-01",
        "citation": {"document": "Decree 1/2027/NĐ-CP", "confidence": "unconfirmed"},
        "policy": policy,
    }
    table = from_dict(_PolicyTable, {"policies": [row]})
    assert table.policies[0].policy.end_of_day is EndOfDay.CLOSE_OF_OFFICE_HOURS
    with pytest.raises(ValidationError) as info:
        from_dict(_PolicyTable, {"policies": [{**row, "policy": {**policy, "end_of_dya": "x"}}]})
    assert "end_of_dya" in str(info.value)


def test_the_laws_are_data_rows() -> None:
    from tthc.rules import CIVIL_STATUS_LAW, DOCUMENT_NUMBERING_LAW, SCORECARD_766

    assert [(r.value, r.window()) for r in CIVIL_STATUS_LAW] == [
        ("60/2014/QH13", "2016-01-01..2027-02-28"),
        ("03/2026/QH16", "2027-03-01.."),
    ]
    assert [(r.value, r.window()) for r in DOCUMENT_NUMBERING_LAW] == [
        ("80/2015/QH13", "2016-07-01..2025-03-31"),
        ("64/2025/QH15", "2025-04-01.."),
    ]
    assert SCORECARD_766.at(dt.date(2026, 1, 1)).value == "Decision 766/QĐ-TTg"
    assert DOCUMENT_NUMBERING_LAW.at(dt.date(2020, 1, 1)).cited.confidence.value == "unconfirmed"


def test_tiers_evaluation_and_ask_once_are_data_rows() -> None:
    from tthc.dossiers._check import ASK_ONCE
    from tthc.dossiers._evaluation import EVALUATION
    from tthc.levels import TIERS
    from tthc.model import AdministrativeTier

    district = [r for r in TIERS if r.value is AdministrativeTier.DISTRICT]
    assert [r.window() for r in district] == ["..2025-06-30"]
    assert not TIERS.exclusive
    assert [r.window() for r in EVALUATION] == ["2019-01-06..2025-09-14", "2025-09-15.."]
    assert ASK_ONCE.at(dt.date(2026, 8, 5)).value.endswith("as amended by Decree 309/2026/NĐ-CP")


def test_a_dated_rules_file_refuses_unknown_collections(tmp_path: object) -> None:
    from tthc.rules import read_dated_rules

    with pytest.raises(ValidationError):
        read_dated_rules("tthc.dossiers", "rules.json", {"evaluation": "per-dossier evaluation"})


def test_the_regimes_are_data_rows() -> None:
    from tthc.levels import REGIMES, Regime

    assert [(r.value, r.window()) for r in REGIMES] == [
        (Regime.DECREE_43_2011, "2011-10-01..2022-08-14"),
        (Regime.DECREE_42_2022, "2022-08-15..2026-06-30"),
        (Regime.DECREE_224_2026, "2026-07-01.."),
    ]
    assert REGIMES.at(dt.date(2011, 10, 1)).cited.confidence.value == "primary"


def test_the_criteria_tables_are_data_rows() -> None:
    from tthc.levels import REGIME_DEFINITIONS, Criterion, partial_needs_reason

    legacy = REGIME_DEFINITIONS.at(dt.date(2011, 10, 1)).value
    assert len(legacy.criteria) == 4  # one criterion per level (Decree 43/2011 Art. 3(4))
    assert str(legacy.criteria[0].citation) == "Decree 43/2011/NĐ-CP, Art. 3(4), level 1"
    d224 = REGIME_DEFINITIONS.at(dt.date(2026, 7, 1)).value
    assert d224.findings == (partial_needs_reason,)
    assert [c.criterion for c in d224.criteria] == list(Criterion)
    assert all(c.citation.confidence.value == "unconfirmed" for c in d224.criteria)
    assert [r.window() for r in REGIME_DEFINITIONS] == [
        "2011-10-01..2022-08-14",
        "2022-08-15..2023-04-04",
        "2023-04-05..2026-06-30",
        "2026-07-01..",
    ]
