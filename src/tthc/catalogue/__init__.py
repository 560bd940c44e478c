"""A curated catalogue of real procedures, shipped as cited package data.

Each record is a JSON file under ``tthc/catalogue/data/`` holding the
procedure (in the :mod:`tthc.serialization` shape), the sources it was taken
from and notes on what was left out. Records are loaded lazily, once.

>>> from tthc import catalogue
>>> catalogue.get("1.004222").name
'Đăng ký thường trú'
>>> [p.name for p in catalogue.search("dang ky ket hon")]
['Đăng ký kết hôn']
"""

from __future__ import annotations

import functools
import importlib.resources
import json

import attrs

from tthc._text import fold
from tthc._validate import as_tuple, tuple_of
from tthc.errors import UnknownCodeError, ValidationError
from tthc.model import AdministrativeTier, Procedure, ProcedureCode
from tthc.serialization import from_dict

__all__ = ["CatalogueEntry", "codes", "entry", "get", "procedures", "search"]


@attrs.frozen
class CatalogueEntry:
    """A catalogue record: the procedure, where its facts come from, and notes."""

    procedure: Procedure
    sources: tuple[str, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(str, non_empty=True)
    )
    notes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str))


@functools.cache
def _entries() -> dict[str, CatalogueEntry]:
    folder = importlib.resources.files("tthc.catalogue") / "data"
    loaded: dict[str, CatalogueEntry] = {}
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".json"):
            continue
        data = json.loads(resource.read_text(encoding="utf-8"))
        try:
            record = from_dict(CatalogueEntry, data)
        except ValidationError as e:  # a packaging bug: say which file
            raise ValidationError(e.problems, what=f"catalogue record {resource.name}") from None
        loaded[str(record.procedure.code)] = record
    return loaded


def _key(code: str | ProcedureCode) -> str:
    return str(code.procedure if isinstance(code, ProcedureCode) else ProcedureCode(code).procedure)


def entry(code: str | ProcedureCode) -> CatalogueEntry:
    """The catalogue record for ``code``, with its sources.

    Raises :class:`~tthc.errors.UnknownCodeError` (a ``KeyError``) when the
    catalogue has no such procedure, and :class:`~tthc.errors.ValidationError`
    when ``code`` is not shaped like a TTHC code.
    """
    entries = _entries()
    key = _key(code)
    if key not in entries:
        raise UnknownCodeError(key, "the tthc catalogue", known=sorted(entries))
    return entries[key]


def get(code: str | ProcedureCode) -> Procedure:
    """The procedure with ``code`` (an online-service code finds its procedure)."""
    return entry(code).procedure


def codes() -> tuple[str, ...]:
    """Every code in the catalogue, sorted."""
    return tuple(sorted(_entries()))


def procedures() -> tuple[Procedure, ...]:
    """Every procedure in the catalogue, sorted by code."""
    entries = _entries()
    return tuple(entries[c].procedure for c in sorted(entries))


def search(
    text: str = "",
    *,
    sector: str | None = None,
    tier: AdministrativeTier | str | None = None,
) -> tuple[Procedure, ...]:
    """Procedures whose name contains ``text``, ignoring case and diacritics.

    ``sector`` (lĩnh vực) filters the same way; ``tier`` keeps procedures
    implemented at that tier (a member or its value, ``"commune"``; an unknown
    value raises :class:`~tthc.errors.ValidationError` listing the allowed ones).
    """
    if not isinstance(text, str):
        raise ValidationError.single("text", text, "a string (part of a procedure's name)")
    if sector is not None and not isinstance(sector, str):
        raise ValidationError.single("sector", sector, "None or a string")
    if isinstance(tier, str):  # "commune" as well as AdministrativeTier.COMMUNE
        tier = AdministrativeTier.from_value(tier)
    elif tier is not None and not isinstance(tier, AdministrativeTier):
        raise ValidationError.single("tier", tier, "None or an AdministrativeTier")
    wanted = fold(text)
    wanted_sector = fold(sector) if sector is not None else None
    return tuple(
        p
        for p in procedures()
        if wanted in fold(p.name)
        and (wanted_sector is None or (p.sector is not None and wanted_sector in fold(p.sector)))
        and (tier is None or tier in p.tiers)
    )
