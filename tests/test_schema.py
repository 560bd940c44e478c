"""JSON Schema: generated documents validate; what the schema refuses, loading refuses."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tthc import catalogue, due_date, strategies
from tthc._schema import schema_type, schema_types, shipped_dir
from tthc.deadlines import STATUTORY_REGIMES, DueDate
from tthc.dossiers import (
    check_submission,
    evaluate_dossier,
    group_due_dates,
    interconnected_group,
    status,
    summarize,
)
from tthc.errors import TthcError, UnknownCodeError
from tthc.levels import REASSIGNMENTS, classify
from tthc.model import (
    Agency,
    Dossier,
    DossierCase,
    DossierComponent,
    DossierEvent,
    Fee,
    LegalReference,
    Method,
    OnlineService,
    Procedure,
    SubmittedComponent,
    TimeLimit,
)
from tthc.serialization import SCHEMA_VERSION, from_dict, json_schema, to_dict
from tthc.sources import parse_time_limit

GENERATED: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Procedure, strategies.procedures()),
    (Method, strategies.methods()),
    (Fee, strategies.fees()),
    (TimeLimit, strategies.time_limits()),
    (DossierCase, strategies.dossier_cases()),
    (DossierComponent, strategies.dossier_components()),
    (LegalReference, strategies.legal_references()),
    (Agency, strategies.agencies()),
    (OnlineService, strategies.online_services()),
    (SubmittedComponent, strategies.submitted_components()),
    (Dossier, strategies.dossiers(lifecycle=False)),
]


def _validator(cls: type[Any]) -> jsonschema.Draft202012Validator:
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", sorted(schema_types()))
def test_every_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json_schema(schema_type(name))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["x-tthc-schema-version"] == SCHEMA_VERSION
    assert schema["$id"].endswith(f"/v{SCHEMA_VERSION}/{name}.json")


@pytest.mark.parametrize(("cls", "strategy"), GENERATED, ids=lambda v: getattr(v, "__name__", ""))
def test_generated_documents_validate(cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
    validator = _validator(cls)

    @given(strategy)
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def check(obj: Any) -> None:
        errors = [e.message for e in validator.iter_errors(to_dict(obj))]
        assert errors == []

    check()


_DOSSIER = _validator(Dossier)
_EVENT = _DOSSIER.evolve(
    schema={"$defs": _DOSSIER.schema["$defs"], **_DOSSIER.schema["properties"]["events"]["items"]}
)


@given(strategies.dossier_events())
def test_every_event_validates_against_the_tagged_union(event_: DossierEvent) -> None:
    resolved = _EVENT
    assert resolved.is_valid(to_dict(event_))
    # The tag selects exactly one branch: the same body with another tag fails.
    other = dict(to_dict(event_), event="not_an_event")
    assert not resolved.is_valid(other)


def _outputs() -> Iterator[tuple[type[Any], Any]]:
    received = dt.datetime(2026, 11, 20, 10, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    yield DueDate, due_date(received, TimeLimit.working_days(3))
    for code in catalogue.codes():
        yield Procedure, catalogue.get(code)
        result = classify(catalogue.get(code), on=dt.date(2026, 7, 1))
        yield type(result), result
    yield type(parse_time_limit("5 ngày")), parse_time_limit("Không quá 05 ngày làm việc")


def test_library_outputs_validate() -> None:
    for cls, obj in _outputs():
        assert _validator(cls).is_valid(to_dict(obj)), cls


@given(strategies.dossiers())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_dossier_outputs_validate(dossier: Dossier) -> None:
    from tthc.errors import NoRuleInForceError

    as_of = dt.datetime(2026, 6, 30, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    checked = check_submission(dossier)
    state = status(dossier, as_of)
    outputs: list[Any] = [checked, state, summarize([dossier], as_of)]
    # Circular 01/2018 Art. 13 is scored only inside its window (dossiers.EVALUATION)
    with contextlib.suppress(NoRuleInForceError):
        outputs.append(evaluate_dossier(dossier, as_of))
    for obj in outputs:
        assert _validator(type(obj)).is_valid(to_dict(obj)), type(obj)
        assert from_dict(type(obj), to_dict(obj)) == obj


def test_group_calendar_and_tier_values_validate() -> None:
    group = interconnected_group("birth", dt.date(2026, 7, 1))
    received = dt.datetime(2026, 11, 20, 10, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    objs: list[Any] = [group, group_due_dates(group, received)]
    objs += [rule.value for rule in STATUTORY_REGIMES.rules]
    objs += [rule.value for rule in REASSIGNMENTS.rules]
    for obj in objs:
        assert _validator(type(obj)).is_valid(to_dict(obj)), type(obj)
        assert from_dict(type(obj), to_dict(obj)) == obj


# --------------------------------------------------------------------------- #
# Mutations: what the schema refuses, loading refuses
# --------------------------------------------------------------------------- #


def _paths(doc: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from _paths(value, (*here, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from _paths(value, (*here, index))


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=5),
    st.sampled_from(["working_days", "in_person", "2026-11-20", "1.004222", "17:00", "received"]),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["name", "x", "event"]), st.integers(0, 3), max_size=2),
)


@st.composite
def _mutated(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> tuple[Any, str]:
    doc = to_dict(draw(strategy))
    paths = list(_paths(doc))
    path = draw(st.sampled_from(paths))
    mutated = copy.deepcopy(doc)
    parent: Any = None
    node = mutated
    for step in path:
        parent, node = node, node[step]
    how = draw(st.sampled_from(["replace", "drop", "add"]))
    if how == "add" and isinstance(node, dict):
        node[draw(st.sampled_from(["extra", "Name", "amount_vnd"]))] = draw(_JUNK)
    elif how == "drop" and isinstance(node, dict) and node:
        del node[draw(st.sampled_from(sorted(node)))]
    elif how == "drop" and isinstance(parent, list):
        del parent[path[-1]]
    elif parent is None:
        mutated = draw(_JUNK)
    else:
        parent[path[-1]] = draw(_JUNK)
    return mutated, how


@pytest.mark.parametrize(("cls", "strategy"), GENERATED, ids=lambda v: getattr(v, "__name__", ""))
def test_what_the_schema_refuses_loading_refuses(
    cls: type[Any], strategy: st.SearchStrategy[Any]
) -> None:
    validator = _validator(cls)
    refused = 0

    @given(_mutated(strategy))
    @settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
    def check(case: tuple[Any, str]) -> None:
        nonlocal refused
        document, how = case
        if validator.is_valid(document):
            event("schema accepts")
            return
        refused += 1
        event(f"schema refuses ({how})")
        with pytest.raises(TthcError):
            from_dict(cls, document)

    check()
    assert refused > 0  # the property was exercised


def test_a_refused_document_names_the_same_path() -> None:
    doc = to_dict(catalogue.get("1.004222"))
    doc["methods"][0]["channel"] = "fax"
    errors = list(_validator(Procedure).iter_errors(doc))
    assert [list(e.absolute_path) for e in errors] == [["methods", 0, "channel"]]
    with pytest.raises(TthcError, match=r"\$\.methods\[0\]\.channel"):
        from_dict(Procedure, doc)


# --------------------------------------------------------------------------- #
# Shipped files, names
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("name", sorted(schema_types()))
def test_shipped_schema_files_match_the_generator(name: str) -> None:
    path = shipped_dir() / f"{name}.json"
    shipped = json.loads(path.read_text(encoding="utf-8"))
    assert shipped == json_schema(schema_type(name)), (
        "run: python -c 'import tthc._schema as s; s.write_shipped()'"
    )


def test_no_stray_shipped_files() -> None:
    assert {p.stem for p in shipped_dir().glob("*.json")} == set(schema_types())


def test_inline_schema_has_no_refs() -> None:
    text = json.dumps(json_schema(Dossier, ref_template=None))
    assert "$ref" not in text
    assert "$defs" not in text


def test_unknown_type_name_is_a_typed_error() -> None:
    with pytest.raises(UnknownCodeError, match="Procedure"):
        schema_type("Procedur")
    assert schema_type("duedate") is DueDate


def test_type_without_json_shape() -> None:
    with pytest.raises(TypeError, match="no JSON shape"):
        json_schema(int)
