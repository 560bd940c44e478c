"""The national portal's headings and vocabularies, loaded strictly from package data.

``tthc/sources/data/portal.json`` lists, with its source, the headings a
procedure page uses (and the snake_case keys scrapers write), the glued table
headers, channel names, tiers, procedure types, placeholders, time units and
currencies. A file that does not have exactly the expected shape is a
packaging bug and raises :class:`~tthc.errors.ValidationError` naming the key.
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from tthc.errors import Problem, ValidationError
from tthc.model import AdministrativeTier, Channel, ProcedureType

__all__ = ["VOCABULARY", "Vocabulary", "load_vocabulary"]

_TABLES = ("headings", "method_columns", "dossier_columns", "case_keys", "xlsx_columns")
_TEXTS = (
    "no_information",
    "method_table_header",
    "dossier_table_header",
    "legal_table_header",
    "result_code_marker",
)
_LISTS = (
    "placeholders",
    "time_units",
    "currencies",
    "free_fee",
    "sections",
    "envelope_keys",
    "ignored_keys",
)
# published code -> value (a member value, a TimeLimit constructor name, a currency…)
_CODES = ("tier_flags", "time_unit_codes", "currency_names", "fee_types")
_ENUMS = ("tiers", "channels", "procedure_types")
_KEYS = frozenset(
    ("_source", "_source_api", *_TABLES, *_TEXTS, *_LISTS, *_ENUMS, *_CODES, "page_sections")
)


def _frozen(table: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(table))


@attrs.frozen
class Vocabulary:
    """What the portal writes, by kind (see ``data/portal.json`` for the source)."""

    source: str
    headings: Mapping[str, tuple[str, ...]]
    method_columns: Mapping[str, tuple[str, ...]]
    dossier_columns: Mapping[str, tuple[str, ...]]
    case_keys: Mapping[str, tuple[str, ...]]
    xlsx_columns: Mapping[str, tuple[str, ...]]
    tiers: Mapping[str, AdministrativeTier]
    channels: Mapping[str, Channel]
    procedure_types: Mapping[str, ProcedureType | None]
    placeholders: tuple[str, ...]
    no_information: str
    method_table_header: str
    dossier_table_header: str
    legal_table_header: str
    result_code_marker: str
    time_units: tuple[str, ...]
    currencies: tuple[str, ...]
    free_fee: tuple[str, ...]
    page_sections: tuple[tuple[str, str], ...]
    sections: tuple[str, ...] = ()
    envelope_keys: tuple[str, ...] = ()
    ignored_keys: tuple[str, ...] = ()
    tier_flags: Mapping[str, str | None] = attrs.field(factory=dict)
    time_unit_codes: Mapping[str, str | None] = attrs.field(factory=dict)
    currency_names: Mapping[str, str | None] = attrs.field(factory=dict)
    fee_types: Mapping[str, str | None] = attrs.field(factory=dict)


def load_vocabulary(data: object) -> Vocabulary:
    """Check ``data`` (the parsed JSON) key by key and build the :class:`Vocabulary`."""
    problems: list[Problem] = []

    def bad(path: str, value: object, expected: str) -> None:
        if not any(p.path == path for p in problems):  # a missing key is reported once
            problems.append(Problem(path, value, expected))

    if not isinstance(data, dict):
        raise ValidationError([Problem("$", data, "an object")], what="portal vocabulary")
    for key in sorted(set(data) ^ _KEYS):
        bad(f"$.{key}", data.get(key), "absent" if key in data else "present")
    if not isinstance(data.get("_source"), str):
        bad("$._source", data.get("_source"), "a citation string")
    tables: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for name in _TABLES:
        table = data.get(name)
        out: dict[str, tuple[str, ...]] = {}
        if not isinstance(table, dict):
            bad(f"$.{name}", table, "an object of field to headings")
        else:
            for field, headings in table.items():
                if not isinstance(headings, list) or not all(
                    isinstance(h, str) and h for h in headings
                ):
                    bad(f"$.{name}.{field}", headings, "a list of non-empty strings")
                else:
                    out[field] = tuple(headings)
        tables[name] = _frozen(out)
    texts: dict[str, str] = {}
    for name in _TEXTS:
        value = data.get(name)
        if not isinstance(value, str) or not value:
            bad(f"$.{name}", value, "a non-empty string")
        texts[name] = value if isinstance(value, str) else ""
    lists: dict[str, tuple[str, ...]] = {}
    for name in _LISTS:
        value = data.get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            bad(f"$.{name}", value, "a list of non-empty strings")
            value = []
        lists[name] = tuple(value)
    enums: dict[str, Mapping[str, Any]] = {}
    for name, enum, nullable in (
        ("tiers", AdministrativeTier, False),
        ("channels", Channel, False),
        ("procedure_types", ProcedureType, True),
    ):
        table = data.get(name)
        members: dict[str, Any] = {}
        by_value = {m.value: m for m in enum}
        allowed = list(by_value)
        if not isinstance(table, dict):
            bad(f"$.{name}", table, "an object of published text to member value")
            table = {}
        for text, value in table.items():
            if value is None and nullable:
                members[text] = None
            elif isinstance(value, str) and value in allowed:
                members[text] = by_value[value]
            else:
                bad(
                    f"$.{name}.{text}",
                    value,
                    f"one of {allowed}" + (" or null" if nullable else ""),
                )
        enums[name] = _frozen(members)
    codes: dict[str, Mapping[str, str | None]] = {}
    for name in _CODES:
        table = data.get(name)
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in table.items()
        ):
            bad(f"$.{name}", table, "an object of published code to a string or null")
            table = {}
        codes[name] = _frozen(table)
    if not isinstance(data.get("_source_api"), str):
        bad("$._source_api", data.get("_source_api"), "a citation string")
    sections = data.get("page_sections")
    page_sections: list[tuple[str, str]] = []
    if not isinstance(sections, list):
        bad("$.page_sections", sections, "a list of [field, heading as on the page] pairs")
        sections = []
    for i, pair in enumerate(sections):
        if (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(x, str) and x for x in pair)
            and pair[0] in tables["headings"]
        ):
            page_sections.append((pair[0], pair[1]))
        else:
            bad(f"$.page_sections[{i}]", pair, "a [field of $.headings, heading] pair")
    if problems:
        raise ValidationError(problems, what="portal vocabulary (tthc/sources/data/portal.json)")
    return Vocabulary(
        source=data["_source"],
        headings=tables["headings"],
        method_columns=tables["method_columns"],
        dossier_columns=tables["dossier_columns"],
        case_keys=tables["case_keys"],
        xlsx_columns=tables["xlsx_columns"],
        tiers=enums["tiers"],
        channels=enums["channels"],
        procedure_types=enums["procedure_types"],
        placeholders=lists["placeholders"],
        time_units=lists["time_units"],
        currencies=lists["currencies"],
        free_fee=lists["free_fee"],
        page_sections=tuple(page_sections),
        no_information=texts["no_information"],
        method_table_header=texts["method_table_header"],
        dossier_table_header=texts["dossier_table_header"],
        legal_table_header=texts["legal_table_header"],
        result_code_marker=texts["result_code_marker"],
        sections=lists["sections"],
        envelope_keys=lists["envelope_keys"],
        ignored_keys=lists["ignored_keys"],
        tier_flags=codes["tier_flags"],
        time_unit_codes=codes["time_unit_codes"],
        currency_names=codes["currency_names"],
        fee_types=codes["fee_types"],
    )


def _load() -> Vocabulary:
    resource = importlib.resources.files("tthc.sources") / "data" / "portal.json"
    return load_vocabulary(json.loads(resource.read_text(encoding="utf-8")))


VOCABULARY = _load()
