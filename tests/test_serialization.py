"""Lossless, strict JSON for every model type."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc import catalogue, strategies
from tthc.errors import ParseError, TthcError, ValidationError
from tthc.model import (
    DossierCase,
    DossierComponent,
    Fee,
    LegalReference,
    Method,
    Procedure,
    TimeLimit,
)
from tthc.serialization import from_dict, from_json, to_dict, to_json

ROUND_TRIPS: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Procedure, strategies.procedures()),
    (Method, strategies.methods()),
    (Fee, strategies.fees()),
    (TimeLimit, strategies.time_limits()),
    (DossierCase, strategies.dossier_cases()),
    (DossierComponent, strategies.dossier_components()),
    (LegalReference, strategies.legal_references()),
]


@pytest.mark.parametrize(("cls", "strategy"), ROUND_TRIPS, ids=lambda v: getattr(v, "__name__", ""))
def test_round_trip_is_lossless(cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
    @given(strategy)
    def check(obj: Any) -> None:
        text = to_json(obj)
        loaded = from_json(cls, text)
        assert loaded == obj
        assert to_json(loaded) == text  # also what equality ignores (raw text)

    check()


@pytest.mark.parametrize("code", catalogue.codes())
def test_catalogue_records_round_trip(code: str) -> None:
    p = catalogue.get(code)
    assert from_json(Procedure, to_json(p)) == p


def test_shape_is_documented_json() -> None:
    limit = TimeLimit.same_day(cutoff=dt.time(15), raw="Trong ngày")
    assert to_dict(limit) == {
        "amount": 0,
        "unit": "same_day",
        "cutoff": "15:00",
        "condition": None,
        "raw": "Trong ngày",
    }
    data = to_dict(catalogue.get("1.004222"))
    assert data["code"] == "1.004222"
    assert data["tiers"] == ["commune"]
    assert data["methods"][0]["channel"] == "in_person"
    assert data["legal_basis"][0]["number"] == "68/2020/QH14"
    json.dumps(data)  # plain data only


def test_vietnamese_is_not_escaped() -> None:
    assert "Đăng ký" in to_json(catalogue.get("1.004222"))


def _procedure_data() -> dict[str, Any]:
    data: dict[str, Any] = to_dict(catalogue.get("1.004222"))
    return data


def _problems(data: Any, cls: type[Any] = Procedure) -> list[tuple[str, Any]]:
    with pytest.raises(ValidationError) as info:
        from_dict(cls, data)
    assert isinstance(info.value, TthcError)
    return [(p.path, p.value) for p in info.value.problems]


def test_wrong_nested_value_names_its_path() -> None:
    data = _procedure_data()
    data["methods"][1]["fees"][0]["amount"] = -1
    assert _problems(data) == [("$.methods[1].fees[0].amount", -1)]


def test_wrong_type_is_not_coerced() -> None:
    data = _procedure_data()
    data["methods"][0]["fees"][0]["amount"] = "20000"
    data["requires_presence"] = 1
    data["applicants"] = "Công dân Việt Nam"
    assert sorted(_problems(data)) == [
        ("$.applicants", "Công dân Việt Nam"),
        ("$.methods[0].fees[0].amount", "20000"),
        ("$.requires_presence", 1),
    ]


def test_missing_required_field() -> None:
    data = _procedure_data()
    del data["name"]
    del data["methods"][0]["time_limits"][0]["unit"]
    paths = [path for path, _ in _problems(data)]
    assert paths == ["$.name", "$.methods[0].time_limits[0].unit"]


def test_unknown_enum_value_lists_the_allowed_ones() -> None:
    data = _procedure_data()
    data["tiers"] = ["district", "ward"]
    with pytest.raises(ValidationError) as info:
        from_dict(Procedure, data)
    problem = info.value.problems[0]
    assert problem.path == "$.tiers[1]"
    assert "'commune'" in problem.expected
    assert "$.tiers[1]" in str(info.value)
    assert "'ward'" in str(info.value)


def test_unknown_keys_are_refused() -> None:
    data = _procedure_data()
    data["dossier_cases"][0]["components"][0]["orignals"] = 1
    assert _problems(data) == [("$.dossier_cases[0].components[0].orignals", 1)]


def test_validator_errors_inside_lists_get_their_path() -> None:
    data = _procedure_data()
    data["legal_basis"][2]["number"] = "Nghị định 62"
    data["related"] = ["1.003197", "1003197"]
    assert _problems(data) == [
        ("$.legal_basis[2].number", "Nghị định 62"),
        ("$.related[1]", "1003197"),
    ]


def test_root_must_be_an_object() -> None:
    assert _problems([]) == [("$", [])]


def test_dates_and_times_are_iso() -> None:
    data = _procedure_data()
    data["valid_from"] = "01/07/2025"
    assert _problems(data) == [("$.valid_from", "01/07/2025")]
    assert from_dict(TimeLimit, {"amount": 0, "unit": "same_day", "cutoff": "15:00:30"}).cutoff == (
        dt.time(15, 0, 30)
    )


def test_not_json_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        from_json(Procedure, "{not json")


def test_loading_does_not_touch_the_input() -> None:
    data = _procedure_data()
    before = json.dumps(data, sort_keys=True)
    from_dict(Procedure, data)
    assert json.dumps(data, sort_keys=True) == before
