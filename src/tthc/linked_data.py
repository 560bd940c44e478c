"""Standard exports: CPSV-AP 3.x and schema.org ``GovernmentService`` as JSON-LD.

:func:`to_cpsv_ap` describes a :class:`~tthc.model.Procedure` with the EU Core
Public Service Vocabulary Application Profile (CPSV-AP 3.2.0, SEMIC,
``releases/3.2.0/rdf/cpsv-ap.ttl``, read): ``cpsv:PublicService`` with
``cv:hasChannel`` (one ``cv:Channel`` per method), ``cv:hasCost`` (``cv:Cost``
with ``cv:hasValue``, ``cv:currency`` VND and ``cv:ifAccessedThrough`` its
channel), ``cpsv:hasInput`` (``cv:Evidence``, the dossier components),
``cpsv:produces`` (``cv:Output``), ``cpsv:follows`` (a ``cpsv:Rule`` holding the
steps, ``cpsv:implements`` the legal basis), ``cv:hasLegalResource``
(``eli:LegalResource``), ``cv:hasCompetentAuthority`` and
``dct:relation`` (related procedures). The class ``cv:PublicOrganisation`` comes from the Core
Public Organisation Vocabulary (the 3.2.0 SHACL shapes target it, read).

Where the vocabulary has no term, tthc's extension namespace
(:data:`TTHC_NS`) says it: a limit in working days has no ISO 8601 duration,
so ``cv:processingTime`` is written only for calendar days and months, and every
channel carries ``tthc:timeLimit`` (amount, unit, label) with its
``tthc:condition``; component counts, the tier, the sector and the applicants
are ``tthc:`` terms too.

:func:`to_schema_org` gives the same procedure as a schema.org
``GovernmentService`` (``availableChannel``, ``offers``, ``provider``).

Both documents embed their ``@context`` (no remote context to fetch), so a
JSON-LD processor expands them offline. Text is tagged ``@language: vi``.

>>> from tthc import catalogue
>>> doc = to_cpsv_ap(catalogue.get("1.004222"))
>>> doc["@type"], doc["dct:identifier"]
('cpsv:PublicService', '1.004222')
>>> doc["cv:hasChannel"][0]["tthc:timeLimit"][0]["tthc:unit"]
'working_days'
"""

from __future__ import annotations

from typing import Any

from tthc.model import Channel, Procedure, TimeLimit, TimeUnit

__all__ = ["CPSV_AP_CONTEXT", "SCHEMA_ORG_CONTEXT", "TTHC_NS", "to_cpsv_ap", "to_schema_org"]

#: tthc's extension namespace, for what CPSV-AP and schema.org cannot say.
TTHC_NS = "https://tthc-project.github.io/tthc/ns#"

#: The embedded ``@context`` of :func:`to_cpsv_ap`.
CPSV_AP_CONTEXT: dict[str, Any] = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "tthc": TTHC_NS,
    "@language": "vi",
    # Codes are not Vietnamese text: no language tag.
    **{
        term: {"@id": iri, "@language": None}
        for term, iri in (
            ("dct:identifier", "http://purl.org/dc/terms/identifier"),
            ("tthc:unit", f"{TTHC_NS}unit"),
            ("tthc:tier", f"{TTHC_NS}tier"),
            ("tthc:feeKind", f"{TTHC_NS}feeKind"),
        )
    },
}

#: The embedded ``@context`` of :func:`to_schema_org`.
SCHEMA_ORG_CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "tthc": TTHC_NS,
    "@language": "vi",
    **{
        term: {"@id": iri, "@language": None}
        for term, iri in (
            ("identifier", "https://schema.org/identifier"),
            ("legislationIdentifier", "https://schema.org/legislationIdentifier"),
            ("priceCurrency", "https://schema.org/priceCurrency"),
            ("tthc:channel", f"{TTHC_NS}channel"),
            ("tthc:unit", f"{TTHC_NS}unit"),
        )
    },
}

_CURRENCY_VND = "http://publications.europa.eu/resource/authority/currency/VND"
_COUNTRY_VNM = "http://publications.europa.eu/resource/authority/country/VNM"
_ISO_UNITS = {TimeUnit.CALENDAR_DAYS: "D", TimeUnit.MONTHS: "M"}


def _iso_duration(limit: TimeLimit) -> str | None:
    """An ISO 8601 duration, only where one means the same thing (not working days)."""
    designator = _ISO_UNITS.get(limit.unit)
    return None if designator is None else f"P{limit.amount}{designator}"


def _limit(limit: TimeLimit) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@type": "tthc:TimeLimit",
        "tthc:amount": limit.amount,
        "tthc:unit": limit.unit.value,
        "tthc:label": limit.label("vi"),
        "tthc:labelEn": {"@value": limit.label("en"), "@language": "en"},
    }
    if limit.cutoff is not None:
        out["tthc:cutoff"] = {"@value": f"{limit.cutoff:%H:%M:%S}", "@type": "xsd:time"}
    if limit.condition:
        out["tthc:condition"] = limit.condition
    return out


def _description(p: Procedure) -> str:
    """A generated one-line description (CPSV-AP requires one; the record has none)."""
    text = f"Thủ tục hành chính “{p.name}” (mã {p.code})"
    if p.sector:
        text += f", lĩnh vực {p.sector}"
    if p.tiers:
        text += ", cấp thực hiện: " + ", ".join(t.label("vi") for t in p.tiers)
    return text + "."


def _iri(base: str, code: str, *parts: str) -> str:
    return f"{base}procedure:{code}" + "".join(f"/{p}" for p in parts)


def _organisations(p: Procedure) -> list[dict[str, Any]]:
    agencies = p.competent_agencies or p.implementing_agencies
    out = []
    for k, a in enumerate(agencies, 1):
        org: dict[str, Any] = {
            "@type": "cv:PublicOrganisation",
            "skos:prefLabel": a.name,
            "dct:identifier": a.code or f"{p.code}/authority/{k}",
            "dct:spatial": {"@id": _COUNTRY_VNM},
        }
        if a.tier is not None:
            org["tthc:tier"] = a.tier.value
        out.append(org)
    return out


def to_cpsv_ap(procedure: Procedure, *, base: str = "urn:tthc:") -> dict[str, Any]:
    """The procedure as a CPSV-AP 3.x ``PublicService`` (JSON-LD, context embedded).

    ``base`` prefixes the identifiers minted for the service and its parts
    (``urn:tthc:procedure:1.004222``, ``…/channel/online``).
    """
    p = procedure
    code = str(p.code)
    doc: dict[str, Any] = {
        "@context": CPSV_AP_CONTEXT,
        "@id": _iri(base, code),
        "@type": "cpsv:PublicService",
        "dct:identifier": code,
        "dct:title": p.name,
        "dct:description": _description(p),
    }
    if p.sector:
        doc["tthc:sector"] = p.sector
    if p.tiers:
        doc["tthc:tier"] = [t.value for t in p.tiers]
    if p.applicants:
        doc["tthc:applicant"] = list(p.applicants)
    channels = []
    costs = []
    for m in p.methods:
        channel_id = _iri(base, code, "channel", m.channel.value)
        channel: dict[str, Any] = {
            "@id": channel_id,
            "@type": "cv:Channel",
            "dct:identifier": f"{code}/channel/{m.channel.value}",
            "dct:type": {
                "@id": f"{TTHC_NS}channel-{m.channel.value}",
                "@type": "skos:Concept",
                "skos:prefLabel": [
                    m.channel.label("vi"),
                    {"@value": m.channel.label("en"), "@language": "en"},
                ],
            },
            "dct:description": m.description or m.channel.label("vi"),
            "tthc:timeLimit": [_limit(limit) for limit in m.time_limits],
        }
        durations = [d for d in (_iso_duration(limit) for limit in m.time_limits[:1]) if d]
        if durations:
            channel["cv:processingTime"] = {"@value": durations[0], "@type": "xsd:duration"}
        channels.append(channel)
        for k, fee in enumerate(m.fees, 1):
            cost: dict[str, Any] = {
                "@type": "cv:Cost",
                "dct:identifier": f"{code}/channel/{m.channel.value}/cost/{k}",
                "dct:description": fee.name,
                "cv:hasValue": {"@value": str(fee.amount), "@type": "xsd:double"},
                "cv:currency": {"@id": _CURRENCY_VND, "@type": "skos:Concept"},
                "cv:ifAccessedThrough": {"@id": channel_id},
                "tthc:feeKind": fee.kind.value,
            }
            if fee.condition:
                cost["tthc:condition"] = fee.condition
            costs.append(cost)
    if channels:
        doc["cv:hasChannel"] = channels
    if costs:
        doc["cv:hasCost"] = costs
    evidence = []
    for i, case in enumerate(p.dossier_cases, 1):
        for j, c in enumerate(case.components, 1):
            item: dict[str, Any] = {
                "@type": "cv:Evidence",
                "dct:identifier": f"{code}/case/{i}/evidence/{j}",
                "dct:title": c.name,
                "tthc:required": c.required,
            }
            # a count the source does not state (None) is left out, not written as null
            for key, count in (
                ("tthc:originals", c.originals),
                ("tthc:copies", c.copies),
                ("tthc:certifiedCopies", c.certified_copies),
            ):
                if count is not None:
                    item[key] = count
            if case.name:
                item["tthc:case"] = case.name
            if c.form:
                item["tthc:form"] = c.form
            if c.condition:
                item["tthc:condition"] = c.condition
            evidence.append(item)
    if evidence:
        doc["cpsv:hasInput"] = evidence
    if p.results:
        doc["cpsv:produces"] = [
            {"@type": "cv:Output", "dct:identifier": f"{code}/output/{k}", "dct:title": r}
            for k, r in enumerate(p.results, 1)
        ]
    legal = [
        {
            "@type": "eli:LegalResource",
            "dct:identifier": str(ref),
            **({"dct:title": ref.title} if ref.title else {}),
        }
        for ref in p.legal_basis
    ]
    if legal:
        doc["cv:hasLegalResource"] = legal
    if p.steps or legal:
        rule: dict[str, Any] = {
            "@type": "cpsv:Rule",
            "dct:identifier": f"{code}/steps",
            "dct:title": "Trình tự thực hiện",
            "dct:description": "\n".join(f"{i}. {s}" for i, s in enumerate(p.steps, 1))
            or "Căn cứ pháp lý: " + "; ".join(str(ref) for ref in p.legal_basis),
        }
        if legal:
            rule["cpsv:implements"] = [
                {"@type": "eli:LegalResource", "dct:identifier": x["dct:identifier"]} for x in legal
            ]
        doc["cpsv:follows"] = [rule]
    if p.conditions:
        doc["cv:holdsRequirement"] = [
            {
                "@type": "cv:Requirement",
                "dct:identifier": f"{code}/requirement/{k}",
                "dct:title": f"Điều kiện {k}",
                "dct:description": c,
            }
            for k, c in enumerate(p.conditions, 1)
        ]
    authorities = _organisations(p)
    if authorities:
        doc["cv:hasCompetentAuthority"] = authorities
    if p.related:
        # dct:relation (the super-property of cv:relatedService): the related
        # service is referenced, not described, so it cannot meet PublicService's shape.
        doc["dct:relation"] = [{"@id": _iri(base, str(r))} for r in p.related]
    return doc


def to_schema_org(procedure: Procedure, *, base: str = "urn:tthc:") -> dict[str, Any]:
    """The procedure as a schema.org ``GovernmentService`` (JSON-LD, context embedded).

    Channels are ``ServiceChannel`` (``processingTime`` only where an ISO 8601
    duration means the same; ``tthc:timeLimit`` always); fees are ``Offer``
    in VND; the competent or implementing agencies are ``provider``.
    """
    p = procedure
    code = str(p.code)
    doc: dict[str, Any] = {
        "@context": SCHEMA_ORG_CONTEXT,
        "@id": _iri(base, code),
        "@type": "GovernmentService",
        "identifier": code,
        "name": p.name,
        "areaServed": {"@type": "Country", "name": "Việt Nam", "identifier": "VN"},
    }
    if p.sector:
        doc["serviceType"] = p.sector
    agencies = p.competent_agencies or p.implementing_agencies
    if agencies:
        doc["provider"] = [{"@type": "GovernmentOrganization", "name": a.name} for a in agencies]
    channels = []
    offers = []
    for m in p.methods:
        channel: dict[str, Any] = {
            "@type": "ServiceChannel",
            "name": m.channel.label("vi"),
            "tthc:channel": m.channel.value,
            "tthc:timeLimit": [_limit(limit) for limit in m.time_limits],
        }
        duration = _iso_duration(m.time_limits[0]) if m.time_limits else None
        if duration:
            channel["processingTime"] = {"@value": duration, "@type": "Duration"}
        if m.channel is Channel.ONLINE:
            channel["serviceUrl"] = {"@id": "https://dichvucong.gov.vn"}
        channels.append(channel)
        offers += [
            {
                "@type": "Offer",
                "name": fee.name,
                "price": fee.amount,
                "priceCurrency": "VND",
                "tthc:channel": m.channel.value,
            }
            for fee in m.fees
        ]
    if channels:
        doc["availableChannel"] = channels
    if offers:
        doc["offers"] = offers
    if p.applicants:
        doc["audience"] = [{"@type": "Audience", "audienceType": a} for a in p.applicants]
    if p.legal_basis:
        doc["tthc:legalBasis"] = [
            {
                "@type": "Legislation",
                "legislationIdentifier": str(ref),
                "name": ref.title or str(ref),
            }
            for ref in p.legal_basis
        ]
    return doc
