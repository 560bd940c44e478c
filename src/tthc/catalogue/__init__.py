"""Catalogues of procedures: the national catalogue tthc ships, and the ones users build.

The module functions answer over the **national catalogue** shipped in the
package: every procedure of the national portal's public list, of its
procedure pages and of the ministries' list exports, merged by code (see
``docs/catalogue.md``). :func:`get` and :func:`entry` look a code up,
:func:`search` finds names ignoring case and diacritics, :func:`snapshot` is
the day of its newest source. Each :class:`CatalogueEntry` says where every
field comes from (:class:`FieldSource`: source and crawl date) and which
sources disagreed. Facts a source does not state stay ``None`` / empty.

A handful of records were written by hand from the cited primary texts
(``entry(code).curated``): they win over every crawled source, and
:func:`codes` / :func:`procedures` list them (the test suites' and
examples' real procedures).

:class:`Catalogue` is the same service over any procedures: a catalogue file
(:func:`open_catalogue`, ``tthc catalogue build FILES -o FILE``), portal
records, JSON; :func:`diff` compares two snapshots and
:meth:`Catalogue.stats` gives figures per ministry, tier or sector.

>>> from tthc import catalogue
>>> catalogue.get("1.004222").name
'Đăng ký thường trú'
>>> hits = catalogue.search("dang ky ket hon")
>>> "1.000894" in hits.codes
True
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import json
import os
from contextlib import ExitStack

from tthc.catalogue._build import BuildInput, build_catalogue
from tthc.catalogue._catalogue import MAX_QUERY_LENGTH, Catalogue
from tthc.catalogue._diff import CatalogueDiff, ProcedureChange, diff
from tthc.catalogue._entry import CatalogueEntry, FieldSource, procedure_key
from tthc.catalogue._hits import SearchHits
from tthc.catalogue._inputs import MAX_INPUT_BYTES
from tthc.catalogue._stats import stats
from tthc.errors import ValidationError
from tthc.model import AdministrativeTier, OnlineMode, Procedure, ProcedureCode
from tthc.serialization import from_dict

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "MAX_INPUT_BYTES",
    "MAX_QUERY_LENGTH",
    "BuildInput",
    "Catalogue",
    "CatalogueDiff",
    "CatalogueEntry",
    "FieldSource",
    "ProcedureChange",
    "SearchHits",
    "build_catalogue",
    "codes",
    "curated_entries",
    "diff",
    "entry",
    "get",
    "open_catalogue",
    "procedures",
    "search",
    "snapshot",
    "stats",
]

#: The environment variable naming the catalogue file :func:`open_catalogue`
#: opens when given no path (the CLI and ``tthc serve`` use it too).
ENVIRONMENT_VARIABLE = "TTHC_CATALOGUE"

_NATIONAL = "national.sqlite"
_files = ExitStack()  # keeps the shipped file extracted while the process runs (zip imports)


@functools.cache
def curated_entries() -> tuple[CatalogueEntry, ...]:
    """The hand-written records shipped as JSON (``tthc/catalogue/data/*.json``), by code.

    Each cites the primary texts it was checked against; the national
    catalogue is built with them winning over every crawled source.
    """
    folder = importlib.resources.files("tthc.catalogue") / "data"
    loaded: list[CatalogueEntry] = []
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".json"):
            continue
        data = json.loads(resource.read_text(encoding="utf-8"))
        try:
            record = from_dict(CatalogueEntry, data)
        except ValidationError as e:  # a packaging bug: say which file
            raise ValidationError(e.problems, what=f"catalogue record {resource.name}") from None
        loaded.append(record)
    return tuple(sorted(loaded, key=lambda e: procedure_key(e.procedure)))


@functools.cache
def _national() -> Catalogue:
    resource = importlib.resources.files("tthc.catalogue") / "data" / _NATIONAL
    path = _files.enter_context(importlib.resources.as_file(resource))
    return Catalogue.load(path)


def open_catalogue(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """The catalogue at ``path``; ``None``: ``$TTHC_CATALOGUE`` if set, else the national one.

    ``path`` is a catalogue file (``tthc catalogue build``), or any file
    :meth:`Catalogue.load` reads (tthc JSON, portal records, the xlsx list
    export). The shipped national catalogue is opened once per process.
    Raises :class:`~tthc.errors.ParseError` for a file that cannot be read.
    """
    if path is None:
        path = os.environ.get(ENVIRONMENT_VARIABLE) or None
    if path is None:
        return _national()
    return Catalogue.load(path)


def entry(code: str | ProcedureCode) -> CatalogueEntry:
    """The national catalogue's record for ``code``: procedure, sources, provenance.

    Raises :class:`~tthc.errors.UnknownCodeError` (a ``KeyError``) when the
    catalogue has no such procedure, and :class:`~tthc.errors.ValidationError`
    when ``code`` is not shaped like a TTHC code.
    """
    return _national().entry(code)


def get(code: str | ProcedureCode) -> Procedure:
    """The procedure with ``code`` (an online-service code finds its procedure)."""
    return _national().get(code)


def snapshot() -> dt.date | None:
    """The day the national catalogue's newest source was crawled."""
    return _national().snapshot


def codes() -> tuple[str, ...]:
    """The codes of the curated records (hand-written, cited), sorted.

    Every code of the national catalogue: ``open_catalogue().codes()``.
    """
    return tuple(procedure_key(e.procedure) for e in curated_entries())


def procedures() -> tuple[Procedure, ...]:
    """The curated records' procedures, sorted by code (see :func:`codes`)."""
    return tuple(e.procedure for e in curated_entries())


def search(
    text: str = "",
    *,
    sector: str | None = None,
    tier: AdministrativeTier | str | None = None,
    agency: str | None = None,
    mode: OnlineMode | str | None = None,
    limit: int | None = None,
) -> SearchHits:
    """Procedures of the national catalogue whose name contains ``text``.

    Case and diacritics are ignored; see :meth:`Catalogue.search` for the
    filters and errors.
    """
    return _national().search(text, sector=sector, tier=tier, agency=agency, mode=mode, limit=limit)
