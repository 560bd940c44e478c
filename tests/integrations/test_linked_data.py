"""CPSV-AP and schema.org exports expand as JSON-LD, offline, without losing a term."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

pyld = pytest.importorskip("pyld")
from pyld import jsonld  # noqa: E402

from tthc import catalogue, strategies  # noqa: E402
from tthc.linked_data import TTHC_NS, to_cpsv_ap, to_schema_org  # noqa: E402
from tthc.model import Channel, Method, Procedure, ProcedureCode, TimeLimit  # noqa: E402

CPSV = "http://purl.org/vocab/cpsv#"
CV = "http://data.europa.eu/m8g/"
SDO = "https://schema.org/"


def _no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"the export must not need a remote document: {url}")


@pytest.fixture(autouse=True)
def offline() -> Iterator[None]:
    previous = jsonld.get_document_loader()
    jsonld.set_document_loader(_no_network)
    yield
    jsonld.set_document_loader(previous)


def _keys(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                continue
            if not key.startswith("@"):
                found.add(key)
            found |= _keys(value)
    elif isinstance(node, list):
        for value in node:
            found |= _keys(value)
    return found


def _predicates(expanded: Any) -> set[str]:
    return {k for k in _keys(expanded) if not k.startswith("@")}


def _check(doc: dict[str, Any]) -> list[Any]:
    expanded = jsonld.expand(doc)
    # JSON-LD silently drops a term its context does not define: nothing may be lost.
    assert len(_predicates(expanded)) == len(_keys(doc))
    jsonld.to_rdf(doc, {"format": "application/n-quads"})
    return expanded  # type: ignore[no-any-return]


@pytest.mark.parametrize("code", catalogue.codes())
def test_every_catalogue_record_expands(code: str) -> None:
    p = catalogue.get(code)
    [service] = _check(to_cpsv_ap(p))
    assert service["@type"] == [f"{CPSV}PublicService"]
    assert service["http://purl.org/dc/terms/identifier"] == [{"@value": code}]
    assert len(service[f"{CV}hasChannel"]) == len(p.methods)
    [gov] = _check(to_schema_org(p))
    assert gov["@type"] == [f"{SDO}GovernmentService"]
    assert len(gov[f"{SDO}availableChannel"]) == len(p.methods)


@given(strategies.procedures())
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
def test_generated_procedures_expand(p: Procedure) -> None:
    _check(to_cpsv_ap(p))
    _check(to_schema_org(p))


def test_costs_evidence_authority_and_rules() -> None:
    p = catalogue.get("1.004222")
    [service] = jsonld.expand(to_cpsv_ap(p))
    costs = service[f"{CV}hasCost"]
    fees = [f for m in p.methods for f in m.fees]
    assert [c[f"{CV}hasValue"][0]["@value"] for c in costs] == [str(f.amount) for f in fees]
    assert costs[0][f"{CV}currency"] == [
        {"@id": "http://publications.europa.eu/resource/authority/currency/VND"}
    ]
    evidence = service[f"{CPSV}hasInput"]
    names = [c.name for case in p.dossier_cases for c in case.components]
    assert [e["http://purl.org/dc/terms/title"][0]["@value"] for e in evidence] == names
    assert evidence[0]["http://purl.org/dc/terms/title"][0]["@language"] == "vi"
    assert service[f"{CV}hasCompetentAuthority"]
    assert service[f"{CPSV}follows"][0]["@type"] == [f"{CPSV}Rule"]
    legal = service[f"{CV}hasLegalResource"]
    assert len(legal) == len(p.legal_basis)


def test_working_days_are_an_extension_not_a_duration() -> None:
    p = Procedure(
        code=ProcedureCode("1.000001"),
        name="Thử",
        methods=[
            Method(channel=Channel.IN_PERSON, time_limits=[TimeLimit.working_days(7)]),
            Method(channel=Channel.ONLINE, time_limits=[TimeLimit.calendar_days(15)]),
        ],
    )
    doc = to_cpsv_ap(p)
    in_person, online = doc["cv:hasChannel"]
    assert "cv:processingTime" not in in_person  # no ISO 8601 duration means 7 working days
    assert in_person["tthc:timeLimit"][0]["tthc:unit"] == "working_days"
    assert online["cv:processingTime"] == {"@value": "P15D", "@type": "xsd:duration"}
    [service] = jsonld.expand(doc)
    channel = service[f"{CV}hasChannel"][0]
    assert f"{TTHC_NS}timeLimit" in channel
    sdo = to_schema_org(p)
    assert "processingTime" not in sdo["availableChannel"][0]
    assert sdo["availableChannel"][1]["processingTime"]["@value"] == "P15D"
