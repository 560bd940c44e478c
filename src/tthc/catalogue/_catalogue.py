"""A catalogue of procedures: lookup by code, diacritic-insensitive search, snapshots."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from tthc._text import fold
from tthc.catalogue._entry import CatalogueEntry, procedure_key
from tthc.catalogue._hits import SearchHits
from tthc.catalogue._inputs import MAX_INPUT_BYTES, load_items, read_mixed
from tthc.catalogue._store import Store, decode_entry, decode_procedure
from tthc.errors import ParseError, Problem, UnknownCodeError, ValidationError
from tthc.model import AdministrativeTier, OnlineMode, Procedure, ProcedureCode
from tthc.serialization import to_dict

if TYPE_CHECKING:
    from tthc.sources import PortalBatchResult

__all__ = ["MAX_QUERY_LENGTH", "Catalogue"]

#: The longest text :meth:`Catalogue.search` accepts (and each of its text
#: filters), in characters; a longer one raises ValidationError. No procedure
#: name in the national catalogue comes near it.
MAX_QUERY_LENGTH = 500

_CACHE_SIZE = 8192  # decoded records kept per catalogue file (the shipped one: all of them)


def _key(code: str | ProcedureCode) -> str:
    if isinstance(code, str):
        code = code.strip()  # one published code carries a leading space: " 1.014325"
    return str(code.procedure if isinstance(code, ProcedureCode) else ProcedureCode(code).procedure)


def _duplicates(entries: Sequence[CatalogueEntry]) -> None:
    first: dict[str, int] = {}
    problems = []
    for i, e in enumerate(entries):
        key = procedure_key(e.procedure)
        if key in first:
            problems.append(
                Problem(
                    f"$[{i}].code",
                    key,
                    f"a code not already in the catalogue (it is at $[{first[key]}]); "
                    "to compare two snapshots of the same catalogue, use tthc.catalogue.diff",
                )
            )
        else:
            first[key] = i
    if problems:
        raise ValidationError(problems, what="Catalogue")


def _as_entries(value: Any) -> tuple[CatalogueEntry, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ValidationError.single("procedures", value, "an iterable of Procedure values")
    items = tuple(value)
    problems = [
        Problem(f"$[{i}]", p, "a tthc.model.Procedure")
        for i, p in enumerate(items)
        if not isinstance(p, (Procedure, CatalogueEntry))
    ]
    if problems:
        raise ValidationError(problems, what="Catalogue")
    return tuple(p if isinstance(p, CatalogueEntry) else CatalogueEntry(p) for p in items)


def _text_filter(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError.single(name, value, "None or a string")
    if len(value) > MAX_QUERY_LENGTH:
        raise ValidationError.single(
            name,
            value[:80] + "…",
            f"at most {MAX_QUERY_LENGTH} characters (tthc.catalogue.MAX_QUERY_LENGTH), "
            f"not {len(value)}",
        )
    return fold(value)


class Catalogue:
    """Procedures by code, with a diacritic-insensitive search index.

    Two kinds, one interface:

    - in memory, from procedures (or :class:`CatalogueEntry` records):
      ``Catalogue(procedures)``, :meth:`from_portal`, :meth:`from_json`, or
      :meth:`load` of a JSON / portal / xlsx file; the search index is built
      on the first search;
    - a catalogue file (SQLite, written by ``tthc catalogue build`` or
      :func:`tthc.catalogue.build_catalogue`), opened read-only by
      :meth:`load` / :func:`tthc.catalogue.open_catalogue`; each record is
      decoded when it is first asked for. :meth:`shipped` is the national
      catalogue tthc ships.

    Codes are unique (a second procedure with a code raises
    :class:`~tthc.errors.ValidationError`; two snapshots of the same
    catalogue are compared with :func:`~tthc.catalogue.diff`). Catalogues
    compare equal when they hold the same procedures in the same order.

    >>> from tthc.catalogue import Catalogue
    >>> national = Catalogue.shipped()
    >>> national.get("1.004222").name
    'Đăng ký thường trú'
    >>> mine = Catalogue([national.get("1.004222"), national.get("1.001193")])
    >>> [p.name for p in mine.search("DANG KY khai")]
    ['Đăng ký khai sinh']
    """

    __slots__ = ("__weakref__", "_by_code", "_cache", "_entries", "_index", "_lock", "_store")

    def __init__(self, procedures: Iterable[Procedure | CatalogueEntry]) -> None:
        entries = _as_entries(procedures)
        _duplicates(entries)
        self._entries: tuple[CatalogueEntry, ...] | None = entries
        self._by_code = {procedure_key(e.procedure): i for i, e in enumerate(entries)}
        self._store: Store | None = None  # a catalogue file
        self._index: Store | None = None  # the in-memory search index, built when first needed
        self._cache: dict[int, Any] = {}
        self._lock = threading.Lock()

    @classmethod
    def _of_store(cls, store: Store) -> Catalogue:
        self = cls.__new__(cls)
        self._entries = None
        self._by_code = {}
        self._store = store
        self._index = store
        self._cache = {}
        self._lock = threading.Lock()
        return self

    # -- the records ---------------------------------------------------------------------

    def _decoded(self, row_id: int, column: str) -> Any:
        key = row_id if column == "procedure" else -row_id
        found = self._cache.get(key)
        if found is None:
            assert self._store is not None
            code, blob = self._store.blob(row_id, column)
            if blob is None:
                raise ParseError(code, "a catalogue record (the row has none)", what="catalogue")
            dictionary = self._store.dictionary
            if column == "procedure":
                found = decode_procedure(blob, code, dictionary)
            else:
                found = decode_entry(self._decoded(row_id, "procedure"), blob, code, dictionary)
            with self._lock:
                if len(self._cache) >= _CACHE_SIZE:
                    self._cache.clear()
                self._cache[key] = found
        return found

    def _entry_at(self, row_id: int) -> CatalogueEntry:
        """The entry in row ``row_id`` (1-based, catalogue order)."""
        if self._entries is not None:
            return self._entries[row_id - 1]
        entry: CatalogueEntry = self._decoded(row_id, "about")
        return entry

    def _procedure_at(self, row_id: int) -> Procedure:
        if self._entries is not None:
            return self._entries[row_id - 1].procedure
        procedure: Procedure = self._decoded(row_id, "procedure")
        return procedure

    def _row_id(self, code: str | ProcedureCode) -> int:
        if isinstance(code, str) and self._entries is not None:
            i = self._by_code.get(code.strip())  # a code, or a record's source identifier
            if i is not None:
                return i + 1
        key = _key(code)
        if self._store is not None:
            found = self._store.id_of(key)
        else:
            i = self._by_code.get(key)
            found = None if i is None else i + 1
        if found is None:
            raise UnknownCodeError(key, self._where())
        return found

    def _where(self) -> str:
        day = self.snapshot
        size = f"{len(self):,} procedures" + (f", snapshot {day.isoformat()}" if day else "")
        where = f"the catalogue {os.path.basename(self.path)}" if self.path else "this catalogue"
        return f"{where} ({size}; find a procedure by name with .search(text) or `tthc search`)"

    def entry(self, code: str | ProcedureCode) -> CatalogueEntry:
        """The record for ``code``: the procedure, its sources and per-field provenance.

        An online-service code (``1.000894.01``) finds its procedure; spaces
        around the code are ignored. Raises
        :class:`~tthc.errors.UnknownCodeError` (a ``KeyError``) when the
        catalogue has no such procedure, :class:`~tthc.errors.ValidationError`
        when ``code`` is not shaped like a TTHC code.
        """
        return self._entry_at(self._row_id(code))

    def get(self, code: str | ProcedureCode) -> Procedure:
        """The procedure with ``code``; see :meth:`entry` for the errors."""
        return self._procedure_at(self._row_id(code))

    def fingerprint(self, code: str) -> bytes | None:
        """The stored bytes of ``code``'s record in a catalogue file (``None`` in memory).

        Two files holding the same bytes for a code hold the same record.
        """
        if self._store is None:
            return None
        row_id = self._row_id(code)
        return (self._store.blob(row_id)[1] or b"") + (self._store.blob(row_id, "about")[1] or b"")

    def codes(self) -> tuple[str, ...]:
        """Every code, in the catalogue's order."""
        if self._entries is not None:
            return tuple(procedure_key(e.procedure) for e in self._entries)
        assert self._store is not None
        return tuple(r[0] for r in self._store.query("SELECT code FROM procedures ORDER BY id"))

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        """Every procedure, in order (a catalogue file decodes them all: prefer :meth:`get`)."""
        return tuple(self)

    @property
    def entries(self) -> tuple[CatalogueEntry, ...]:
        """Every record, in order (a catalogue file decodes them all)."""
        if self._entries is not None:
            return self._entries
        return tuple(self._entry_at(i) for i in range(1, len(self) + 1))

    @property
    def path(self) -> str | None:
        """The catalogue file, or ``None`` for a catalogue in memory."""
        return None if self._store is None else self._store.path

    @property
    def snapshot(self) -> dt.date | None:
        """The day the catalogue's newest source was crawled (``None``: not stated)."""
        if self._store is None or "snapshot" not in self._store.meta:
            return None
        return dt.date.fromisoformat(self._store.meta["snapshot"])

    @property
    def sources(self) -> tuple[Mapping[str, Any], ...]:
        """The inputs a catalogue file was built from (label, file, crawl date, records)."""
        if self._store is None:
            return ()
        return tuple(json.loads(self._store.meta.get("sources", "[]")))

    @property
    def skipped(self) -> tuple[Mapping[str, Any], ...]:
        """The input records a catalogue file was built without, each with why."""
        if self._store is None:
            return ()
        return tuple(json.loads(self._store.meta.get("skipped", "[]")))

    def __len__(self) -> int:
        if self._entries is not None:
            return len(self._entries)
        assert self._store is not None
        return int(self._store.size)

    def __iter__(self) -> Iterator[Procedure]:
        return (self._procedure_at(i) for i in range(1, len(self) + 1))

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, (str, ProcedureCode)):
            return False
        try:
            self._row_id(code)
        except (ValidationError, UnknownCodeError):
            return False
        return True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalogue):
            return NotImplemented
        if self.path is not None and self.path == other.path:
            return True
        codes = self.codes()
        if codes != other.codes():
            return False
        return all(self._same(code, other) for code in codes)

    def _same(self, code: str, other: Catalogue) -> bool:
        """Whether ``code``'s records are equal; stored alike in two files, without decoding."""
        mine = self.fingerprint(code)
        if mine is not None and mine == other.fingerprint(code):
            return True
        return self.get(code) == other.get(code)

    def __hash__(self) -> int:
        return hash(self.codes())

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # pickled as its records, or its file's path; the index is rebuilt when unpickled
        if self._store is not None and self._store.path is not None:
            return (Catalogue.load, (self._store.path,))
        return (Catalogue, (self.entries,))

    def __repr__(self) -> str:
        codes = self.codes()[:3] if self._entries is not None else ()
        shown = ", ".join(codes) + (", …" if len(self) > len(codes) and codes else "")
        where = f" from {self.path}" if self.path else ""
        return f"Catalogue({len(self)} procedures{where}{': ' + shown if shown else ''})"

    # -- search ----------------------------------------------------------------------------

    def _search_index(self) -> Store:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    assert self._entries is not None
                    self._index = Store.in_memory(self._entries, {})
        return self._index

    def search(
        self,
        text: str = "",
        *,
        sector: str | None = None,
        tier: AdministrativeTier | str | None = None,
        agency: str | None = None,
        mode: OnlineMode | str | None = None,
        limit: int | None = None,
    ) -> SearchHits:
        """Procedures whose name contains ``text``, ignoring case and diacritics, in order.

        Filters (each ignoring case and diacritics where it is text):
        ``sector`` (part of the lĩnh vực), ``tier`` (an
        :class:`~tthc.model.AdministrativeTier` or its value, ``"commune"``),
        ``agency`` (part of an implementing, competent or authorised
        agency's name) and ``mode`` (the online service's
        :class:`~tthc.model.OnlineMode` or its value, ``"full"``); ``limit``
        keeps the first ones. An unknown tier or mode raises
        :class:`~tthc.errors.ValidationError` listing the allowed ones, and so
        does a text longer than :data:`MAX_QUERY_LENGTH`.

        The answer is a :class:`SearchHits` sequence: the index (SQLite FTS5
        trigrams over the folded names) answers in time linear in the query,
        and each procedure is decoded only when read.
        """
        if not isinstance(text, str):
            raise ValidationError.single("text", text, "a string (part of a procedure's name)")
        wanted = _text_filter("text", text) or ""
        wanted_sector = _text_filter("sector", sector)
        wanted_agency = _text_filter("agency", agency)
        if isinstance(tier, str):
            tier = AdministrativeTier.from_value(tier)
        elif tier is not None and not isinstance(tier, AdministrativeTier):
            raise ValidationError.single("tier", tier, "None or an AdministrativeTier")
        if isinstance(mode, str):
            mode = OnlineMode.from_value(mode)
        elif mode is not None and not isinstance(mode, OnlineMode):
            raise ValidationError.single("mode", mode, "None or an OnlineMode")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
            raise ValidationError.single("limit", limit, "None or a whole number")
        index = self._search_index()
        filters: dict[str, Any] = {
            "sector": wanted_sector,
            "agency": wanted_agency,
            "tier": None if tier is None else tier.value,
            "mode": None if mode is None else mode.value,
            "limit": None if limit is None else max(limit, 0),
        }
        ids = index.search(wanted, **filters)
        return SearchHits(ids, self._procedure_at, lambda: index.describe(wanted, **filters))

    def stats(
        self,
        by: Literal["ministry", "tier", "sector"] = "ministry",
        *,
        kind: Literal["pandas", "polars", "arrow", "rows"] = "pandas",
    ) -> Any:
        """Catalogue figures per ministry, tier or sector; see :func:`tthc.catalogue.stats`."""
        from tthc.catalogue._stats import stats

        return stats(self, by=by, kind=kind)

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def shipped(cls) -> Catalogue:
        """The national catalogue shipped with tthc (a catalogue file); opened once."""
        from tthc.catalogue import _national

        return _national()

    @classmethod
    def from_portal(cls, source: Any) -> Catalogue:
        """The procedures read from portal records.

        ``source`` is records in memory, a
        :class:`~tthc.sources.PortalBatchResult` or a path (JSON, JSON Lines,
        gzipped, or the xlsx list export). Records from which no procedure
        could be built are left out; read them with
        :func:`tthc.read_portal_records` to see why.
        """
        from tthc.sources import PortalBatchResult, read_portal_records, read_portal_xlsx

        batch: PortalBatchResult
        if isinstance(source, PortalBatchResult):
            batch = source
        elif isinstance(source, (str, os.PathLike)):
            name = os.fspath(source)
            if name.lower().endswith((".xlsx", ".xlsm")):
                batch = read_portal_xlsx(name)
            else:
                batch = read_portal_records(load_items(name))
        else:
            batch = read_portal_records(source)
        return cls(batch.procedures)

    @classmethod
    def from_json(cls, text: str | bytes) -> Catalogue:
        """A catalogue from JSON text (as :meth:`to_json` writes it).

        The text is a list of procedures in the :mod:`tthc.serialization`
        shape, or of catalogue records (``{"procedure": …, "sources": […]}``);
        portal records among them are read as :meth:`load` reads them.

        Raises :class:`~tthc.errors.ParseError` for text that is not JSON and
        :class:`~tthc.errors.ValidationError` with every bad item's path.
        """
        from tthc._json import loads_json

        data = loads_json(text, what="catalogue JSON")
        if not isinstance(data, list):
            raise ValidationError([Problem("$", data, "a list of procedures")], what="Catalogue")
        return cls(read_mixed(data))

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, max_bytes: int = MAX_INPUT_BYTES) -> Catalogue:
        """A catalogue from a file: a catalogue file, tthc's JSON, or portal records.

        A SQLite catalogue file (``tthc catalogue build``) is opened
        read-only. ``.xlsx`` is the portal's list export. A JSON list or JSON
        Lines file, plain or gzipped, may mix :mod:`tthc.serialization`
        procedures or catalogue records with portal records: each item is
        read in its own shape, none is dropped for its neighbours' shape.
        A file holding more than ``max_bytes`` once decompressed is refused.
        Raises :class:`~tthc.errors.ParseError` for a file that cannot be read.
        """
        name = os.fspath(path)
        if name.lower().endswith((".xlsx", ".xlsm")):
            return cls.from_portal(name)
        try:
            with open(name, "rb") as f:
                head = f.read(16)
        except OSError as e:
            raise ParseError(name, f"a readable file ({e.strerror or e})", what="file") from None
        if head == b"SQLite format 3\x00":
            return cls._of_store(Store.open(name))
        return cls(read_mixed(load_items(name, max_bytes=max_bytes), source=name))

    def to_json(self, *, indent: int | None = None) -> str:
        """The catalogue as JSON (a list of procedures), as :meth:`from_json` reads it."""
        return json.dumps([to_dict(p) for p in self], ensure_ascii=False, indent=indent)
