"""Catalogues of procedures: the cited set tthc ships, and the ones users load.

The module functions (:func:`get`, :func:`search`, :func:`entry`…) answer
over the shipped set: each record is a JSON file under
``tthc/catalogue/data/`` holding the procedure (in the
:mod:`tthc.serialization` shape), the sources it was taken from and notes on
what was left out, loaded lazily, once.

:class:`Catalogue` is the same service over any procedures: read from the
national portal (:meth:`Catalogue.from_portal`, :meth:`Catalogue.load`),
from JSON (:meth:`Catalogue.from_json`) or the shipped set
(:meth:`Catalogue.shipped`), with lookup by code and a search index built
once. :func:`diff` compares two loads of the same catalogue (added, removed,
changed time limits or fees).

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

from tthc._validate import as_tuple, tuple_of
from tthc.catalogue._catalogue import Catalogue, CatalogueDiff, ProcedureChange, diff
from tthc.errors import UnknownCodeError, ValidationError
from tthc.model import AdministrativeTier, Procedure, ProcedureCode
from tthc.serialization import from_dict

__all__ = [
    "Catalogue",
    "CatalogueDiff",
    "CatalogueEntry",
    "ProcedureChange",
    "codes",
    "diff",
    "entry",
    "get",
    "procedures",
    "search",
]


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
    The shipped set's index is built once (see :meth:`Catalogue.search`).
    """
    return _shipped().search(text, sector=sector, tier=tier)


@functools.cache
def _shipped() -> Catalogue:
    return Catalogue(procedures())
