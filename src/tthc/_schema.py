"""JSON Schema (draft 2020-12) for every JSON shape of :mod:`tthc.serialization`.

The schema is derived from the same attrs field types that the cattrs converter
structures, with one rule per hook of :func:`tthc.serialization._make_converter`
(strict scalars, ISO dates and moments, enums by value, tuples as arrays,
tagged dossier events, no unknown keys). It is deliberately never *stricter*
than loading: a document the schema refuses is refused by
:func:`tthc.serialization.from_dict` too (the test suite checks this on mutated
documents). Loading checks more than a schema can say (a fee amount ``>= 0``,
events in order, a code's published shape…), so a schema-valid document may
still be refused, always with a path.

The shape is versioned by :data:`SCHEMA_VERSION`; each schema's ``$id`` carries
it. The schemas are also shipped as files in ``tthc/schemas/v1/`` for
integrators who do not run Python (regenerate them with
``python -c "import tthc._schema as s; s.write_shipped()"``; a test checks that
they match).
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import inspect
import json
import re
import sys
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from tthc.errors import UnknownCodeError

__all__ = ["SCHEMA_DIALECT", "SCHEMA_VERSION", "json_schema", "schema_type", "schema_types"]

#: Version of the JSON shapes (bumped when a shape changes incompatibly).
SCHEMA_VERSION = "1"
#: The JSON Schema dialect of every generated schema.
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_BASE_ID = f"https://tthc-project.github.io/tthc/schemas/v{SCHEMA_VERSION}/"


#: The serialized types of each subpackage (by module name), in one place:
#: :func:`schema_types` reads it, and :func:`tthc._hooks.install` attaches the
#: pydantic hooks to a subpackage's types when that subpackage is imported.
SERIALIZED: dict[str, str] = {
    "tthc.model": (
        "Procedure Method Fee TimeLimit DossierCase DossierComponent LegalReference "
        "Agency OnlineService Dossier SubmittedComponent Submitted "
        "IntakeSupplementRequested IntakeRefused Received Transferred SupplementRequested "
        "Supplemented ExtensionGranted ResultReady Returned Refused Stopped Finding"
    ),
    "tthc.deadlines": (
        "DueDate SkippedDay DayStatus DayRecord ClockPolicy OfficeHours StatutoryRegime"
    ),
    "tthc.levels": "Classification CriterionResult OnlineFacts Reassignment",
    "tthc.dossiers": (
        "DossierStatus SubmissionCheck CheckedItem Metrics CatalogueFigures ProcedureGroup "
        "GroupMember GroupDueDates DossierEvaluation IndexScore EvaluationSummary"
    ),
    "tthc.sources": "ParsedTimeLimit ParsedFees Quantity",
}


def _serialized_types() -> dict[str, type]:
    """Name → class of every type with a JSON shape (imported lazily)."""
    import importlib

    return {
        n: getattr(importlib.import_module(package), n)
        for package, text in SERIALIZED.items()
        for n in text.split()
    }


def schema_types() -> dict[str, type]:
    """Name → class of every type with a JSON Schema (a fresh dict on each call)."""
    return dict(_serialized_types())


def schema_type(name: str) -> type:
    """The serialized type called ``name`` (``"Procedure"``, ``"DueDate"`` …).

    Raises :class:`~tthc.errors.UnknownCodeError` listing the known names.
    """
    known = _serialized_types()
    if name in known:
        return known[name]
    folded = {k.lower(): v for k, v in known.items()}
    if name.lower() in folded:
        return folded[name.lower()]
    raise UnknownCodeError(
        name, f"the serialized types ({', '.join(sorted(known))})", known=sorted(known)
    )


def _doc(cls: type) -> str | None:
    doc = inspect.getdoc(cls)
    if not doc:
        return None
    first = doc.split("\n\n", 1)[0].replace("\n", " ")
    return _ROLE.sub(r"\1", first).replace("``", "")


_ROLE = re.compile(r":[a-z:]+:`~?([^`]*)`")


class _Builder:
    """Walks field types exactly as the converter's hooks dispatch them."""

    def __init__(self, ref_template: str | None) -> None:
        self.ref_template = ref_template
        self.defs: dict[str, dict[str, Any]] = {}
        from tthc.serialization import EVENT_TAGS

        self.event_tags: Mapping[type, str] = EVENT_TAGS

    def of(self, tp: Any) -> dict[str, Any]:
        from tthc.model import DossierCode, ProcedureCode

        if tp is type(None) or tp is None:
            return {"type": "null"}
        if tp is Any:
            return {}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is str:
            return {"type": "string"}
        if tp is dt.datetime:
            return {
                "type": "string",
                "format": "date-time",
                "description": "ISO 8601 moment with its UTC offset",
                "examples": ["2026-11-20T10:00:00+07:00"],
            }
        if tp is dt.date:
            return {"type": "string", "format": "date", "examples": ["2026-11-20"]}
        if tp is dt.time:
            return {
                "type": "string",
                "description": "time of day 'HH:MM' or 'HH:MM:SS', without offset",
                "examples": ["17:00"],
            }
        if tp is ProcedureCode:
            return {
                "type": "string",
                "pattern": r"^[0-9]\.[0-9]{6}(\.[0-9]{2})?$",
                "description": "TTHC code (mã thủ tục) 'd.dddddd', optionally '.NN'",
                "examples": ["1.004222"],
            }
        if tp is DossierCode:
            return {
                "type": "string",
                "description": "dossier code (mã hồ sơ), Circular 01/2018 or 2025 shape",
                "examples": ["H29.123.45-261116-0001"],
            }
        if getattr(tp, "__name__", None) == "OnlineRegime":
            return {
                "type": "string",
                "description": "the key of a regime defined outside tthc (loading accepts "
                "only the shipped regimes)",
            }
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            values = [m.value for m in tp]
            kind = "integer" if issubclass(tp, int) else "string"
            return {"type": kind, "enum": values, "title": tp.__name__}
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            members = [a for a in args if a is not type(None)]
            events = [a for a in members if a in self.event_tags]
            options = [self.of(a) for a in members]
            if len(args) > len(members):
                options.append({"type": "null"})
            if events and len(events) == len(members):
                return {"oneOf": options}
            return {"anyOf": options}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.of(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.of(a) for a in args],
                "items": False,
                "minItems": len(args),
            }
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON shape for {tp!r}")

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder while building (no recursive types today)
            self.defs[name] = self.obj(cls)
        if self.ref_template is None:
            return copy.deepcopy(self.defs[name])
        return {"$ref": self.ref_template.format(model=name)}

    def obj(self, cls: type) -> dict[str, Any]:
        from tthc.serialization import to_dict

        hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
        properties: dict[str, Any] = {}
        required: list[str] = []
        tag = self.event_tags.get(cls)
        if tag is not None:
            properties["event"] = {"const": tag, "description": "the event type (required)"}
            required.append("event")
        for field in attrs.fields(cls):
            if not field.init:
                continue
            schema = self.of(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(field.name)
            elif not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                schema = {**schema, "default": to_dict(field.default)}
            properties[field.name] = schema
        out: dict[str, Any] = {"type": "object", "title": cls.__name__}
        doc = _doc(cls)
        if doc:
            out["description"] = doc
        out |= {"properties": properties, "required": required, "additionalProperties": False}
        return out


def json_schema(cls: type, *, ref_template: str | None = "#/$defs/{model}") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``cls``'s JSON shape.

    ``cls`` is any type with a JSON shape (``tthc schema --help`` lists them) (``Procedure``,
    ``Dossier``, ``DueDate``, ``Classification`` …). Nested types go to
    ``$defs`` and are referenced through ``ref_template`` (``{model}`` is the
    class name); ``ref_template=None`` inlines them. The schema's ``$id`` and
    ``x-tthc-schema-version`` carry ``SCHEMA_VERSION``.

    Raises :class:`TypeError` for a type without a JSON shape.

    >>> from tthc.model import TimeLimit
    >>> schema = json_schema(TimeLimit)
    >>> schema["properties"]["unit"]["enum"][:2]
    ['working_days', 'calendar_days']
    >>> schema["required"], schema["additionalProperties"]
    (['amount', 'unit'], False)
    """
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise TypeError(f"no JSON shape for {cls!r}: expected one of {sorted(schema_types())}")
    builder = _Builder(ref_template)
    root = builder.obj(cls)
    defs = {k: v for k, v in builder.defs.items() if k != cls.__name__}
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{_BASE_ID}{cls.__name__}.json",
        "x-tthc-schema-version": SCHEMA_VERSION,
        **root,
    }
    if defs and ref_template is not None:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def shipped_dir() -> Path:
    """The folder of the shipped schema files (``tthc/schemas/v1``)."""
    return Path(__file__).parent / "schemas" / f"v{SCHEMA_VERSION}"


def write_shipped(folder: Path | None = None) -> None:
    """Write every schema to ``folder`` (default: the shipped ``tthc/schemas/v1``)."""
    folder = shipped_dir() if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    for name, cls in sorted(_serialized_types().items()):
        text = json.dumps(json_schema(cls), ensure_ascii=False, indent=2) + "\n"
        (folder / f"{name}.json").write_text(text, encoding="utf-8")
