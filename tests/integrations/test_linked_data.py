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
    assert costs[0][f"{CV}currency"][0]["@id"] == (
        "http://publications.europa.eu/resource/authority/currency/VND"
    )
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


# --------------------------------------------------------------------------- #
# The constraints of the CPSV-AP 3.2.0 SHACL shapes (SEMIC, releases/3.2.0/shacl/
# cpsv-ap-SHACL.ttl, read) on the classes the export writes, transcribed:
# (class, property, minCount, maxCount, datatype or class of the values).
# --------------------------------------------------------------------------- #

DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
LANG = "rdf:langString"
SHAPES: list[tuple[str, str, int, int | None, str | None]] = [
    (f"{CPSV}PublicService", f"{DCT}identifier", 1, 1, None),
    (f"{CPSV}PublicService", f"{DCT}title", 1, None, LANG),
    (f"{CPSV}PublicService", f"{DCT}description", 1, None, LANG),
    (f"{CPSV}PublicService", f"{CV}hasCompetentAuthority", 1, None, f"{CV}PublicOrganisation"),
    (f"{CPSV}PublicService", f"{CV}hasChannel", 0, None, f"{CV}Channel"),
    (f"{CPSV}PublicService", f"{CV}hasCost", 0, None, f"{CV}Cost"),
    (f"{CPSV}PublicService", f"{CPSV}hasInput", 0, None, f"{CV}Evidence"),
    (f"{CPSV}PublicService", f"{CPSV}produces", 0, None, f"{CV}Output"),
    (f"{CPSV}PublicService", f"{CPSV}follows", 0, None, f"{CPSV}Rule"),
    (f"{CPSV}PublicService", f"{CV}holdsRequirement", 0, None, f"{CV}Requirement"),
    (
        f"{CPSV}PublicService",
        f"{CV}hasLegalResource",
        0,
        None,
        "http://data.europa.eu/eli/ontology#LegalResource",
    ),
    (f"{CPSV}PublicService", f"{CV}processingTime", 0, 1, f"{XSD}duration"),
    (f"{CV}Channel", f"{DCT}identifier", 1, 1, None),
    (f"{CV}Channel", f"{DCT}type", 0, 1, f"{SKOS}Concept"),
    (f"{CV}Channel", f"{DCT}description", 0, None, LANG),
    (f"{CV}Channel", f"{CV}processingTime", 0, 1, f"{XSD}duration"),
    (f"{CV}Cost", f"{DCT}identifier", 1, 1, None),
    (f"{CV}Cost", f"{CV}hasValue", 0, 1, f"{XSD}double"),
    (f"{CV}Cost", f"{CV}currency", 0, 1, f"{SKOS}Concept"),
    (f"{CV}Cost", f"{CV}ifAccessedThrough", 0, 1, f"{CV}Channel"),
    (f"{CV}Cost", f"{DCT}description", 0, None, LANG),
    (f"{CV}Evidence", f"{DCT}identifier", 1, 1, None),
    (f"{CV}Evidence", f"{DCT}title", 1, None, LANG),
    (f"{CV}Output", f"{DCT}identifier", 1, 1, None),
    (f"{CV}Output", f"{DCT}title", 1, None, LANG),
    (f"{CPSV}Rule", f"{DCT}identifier", 1, 1, None),
    (f"{CPSV}Rule", f"{DCT}title", 1, None, LANG),
    (f"{CPSV}Rule", f"{DCT}description", 1, None, LANG),
    (f"{CV}Requirement", f"{DCT}identifier", 1, 1, None),
    (f"{CV}Requirement", f"{DCT}title", 1, None, LANG),
    (f"{CV}PublicOrganisation", f"{SKOS}prefLabel", 1, None, LANG),
    (f"{CV}PublicOrganisation", f"{DCT}spatial", 1, None, None),
]


def _nodes(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    flat = jsonld.flatten(doc)
    graph = flat["@graph"] if isinstance(flat, dict) else flat
    return {node["@id"]: node for node in graph}


def _violations(doc: dict[str, Any]) -> list[str]:
    nodes = _nodes(doc)
    found: list[str] = []
    for node in nodes.values():
        types = node.get("@type", [])
        for cls, path, low, high, kind in SHAPES:
            if cls not in types:
                continue
            values = node.get(path, [])
            if len(values) < low or (high is not None and len(values) > high):
                found.append(f"{node['@id']} {path}: {len(values)} values")
            for v in values:
                if kind == LANG and "@language" not in v:
                    found.append(f"{node['@id']} {path}: not a language-tagged string")
                elif kind is not None and kind.startswith(XSD) and v.get("@type") != kind:
                    found.append(f"{node['@id']} {path}: not {kind}")
                elif kind is not None and kind not in (LANG,) and not kind.startswith(XSD):
                    target = nodes.get(v.get("@id", ""), {})
                    if kind not in target.get("@type", []):
                        found.append(f"{node['@id']} {path}: value not a {kind}")
    return found


@pytest.mark.parametrize("code", catalogue.codes())
def test_catalogue_records_meet_the_cpsv_ap_shapes(code: str) -> None:
    assert _violations(to_cpsv_ap(catalogue.get(code))) == []


def test_the_shape_check_catches_a_missing_identifier() -> None:
    doc = to_cpsv_ap(catalogue.get("1.004222"))
    del doc["cv:hasChannel"][0]["dct:identifier"]
    doc["cv:hasCost"][0]["cv:hasValue"]["@type"] = "xsd:decimal"
    found = _violations(doc)
    assert any("identifier" in v for v in found)
    assert any("hasValue" in v for v in found)
