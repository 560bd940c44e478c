"""The catalogue's SQLite store: one row per procedure, an FTS5 name index, lazy decoding.

A catalogue file is a SQLite database (the standard library's ``sqlite3``):

- ``meta(key, value)``: ``format`` (:data:`FORMAT`), ``snapshot`` (ISO date),
  ``sources`` (JSON list of the inputs with their crawl dates), ``skipped``
  (JSON list of the records left out, with why);
- ``procedures``: per procedure its code, name, the folded (lower case, no
  diacritics) name, sector and agencies searched, the tiers, online mode,
  issuing agency, fee and ordinary time limit the statistics group by, and the
  whole :class:`~tthc.catalogue.CatalogueEntry` as compact JSON in the
  :mod:`tthc.serialization` shape (fields at their default left out),
  zlib-compressed;
- ``names``: an FTS5 trigram index over the folded names (substring search),
  when the SQLite library has FTS5 with the trigram tokenizer; without it a
  search scans the folded names (same answers, slower).

Files are opened read-only (``mode=ro&immutable=1``); an entry is decoded
only when asked for.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import pathlib
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from tthc._text import fold
from tthc.catalogue._entry import CatalogueEntry, procedure_key
from tthc.errors import ParseError, TthcError, ValidationError
from tthc.model import Procedure
from tthc.serialization import converter, from_dict, to_dict

__all__ = [
    "FORMAT",
    "Row",
    "Store",
    "decode_entry",
    "decode_procedure",
    "encode_entry",
    "make_dictionary",
    "row_of",
    "write_store",
]

FORMAT = "tthc-catalogue/1"

#: The most bytes one stored record may inflate to (16 MiB; the largest real one is ~60 kB).
MAX_RECORD_BYTES = 1 << 24

T = TypeVar("T")

_COLUMNS = (
    "code",
    "name",
    "sector",
    "ministry",
    "folded_name",
    "folded_sector",
    "folded_agencies",
    "tiers",
    "mode",
    "fee_bearing",
    "limit_unit",
    "limit_amount",
)

_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE procedures (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    sector TEXT,
    ministry TEXT,
    folded_name TEXT NOT NULL,
    folded_sector TEXT NOT NULL,
    folded_agencies TEXT NOT NULL,
    tiers TEXT NOT NULL,
    mode TEXT,
    fee_bearing INTEGER,
    limit_unit TEXT,
    limit_amount INTEGER
);
CREATE TABLE records (id INTEGER PRIMARY KEY, procedure BLOB NOT NULL, about BLOB NOT NULL);
"""
_FTS = (
    "CREATE VIRTUAL TABLE names USING fts5(folded_name, content='procedures', "
    "content_rowid='id', tokenize='trigram')"
)

Row = tuple[Any, ...]


# -- encoding ---------------------------------------------------------------------------


def _default_of(field: Any) -> Any:
    default = field.default
    if default is attrs.NOTHING:
        return attrs.NOTHING
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return attrs.NOTHING
        default = default.factory()
    if field.converter is not None and not isinstance(default, tuple):
        try:
            default = field.converter(default)
        except Exception:  # a converter that refuses its own default: keep the field
            return attrs.NOTHING
    return default


@functools.cache
def _defaults(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(attribute, key in the plain data, default or NOTHING) of each field of ``cls``."""
    return tuple((f.name, f.alias or f.name, _default_of(f)) for f in attrs.fields(cls))


def _prune(obj: Any, data: Any) -> None:
    """Drop from ``data`` (``to_dict(obj)``) the fields at their default, recursively."""
    if isinstance(data, dict) and attrs.has(type(obj)):
        cls: type = type(obj)
        for name, alias, default in _defaults(cls):
            key = alias if alias in data else name
            if key not in data:
                continue
            value = getattr(obj, name)
            if default is not attrs.NOTHING and type(value) is type(default) and value == default:
                del data[key]
            elif isinstance(value, tuple) or attrs.has(type(value)):
                _prune(value, data[key])
    elif isinstance(obj, tuple) and isinstance(data, list):
        for item, item_data in zip(obj, data, strict=False):
            _prune(item, item_data)


def _json_of(obj: Any) -> bytes:
    data = to_dict(obj)
    _prune(obj, data)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.encode("utf-8")


def _about_of(entry: CatalogueEntry) -> bytes:
    """The entry without its procedure (stored apart: :meth:`Catalogue.get` needs only that)."""
    data = to_dict(entry)
    _prune(entry, data)
    del data["procedure"]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.encode("utf-8")


def make_dictionary(entries: Sequence[CatalogueEntry], size: int = 32768) -> bytes:
    """A zlib preset dictionary from an even sample of ``entries`` (deterministic).

    Records are short and alike (the same keys, agencies, legal bases): a
    shared dictionary compresses each one far better than zlib alone.
    """
    if not entries:
        return b""
    step = max(1, len(entries) // 64)
    sample = b"".join(_json_of(e.procedure) + _about_of(e) for e in entries[::step])
    return sample[-size:]


def _pack(data: bytes, dictionary: bytes) -> bytes:
    if dictionary:
        packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, dictionary)
    else:
        packer = zlib.compressobj(9)
    return packer.compress(data) + packer.flush()


def _unpack(blob: bytes, code: str, dictionary: bytes) -> Any:
    try:
        unpacker = zlib.decompressobj(15, dictionary) if dictionary else zlib.decompressobj()
        text = unpacker.decompress(blob, MAX_RECORD_BYTES)
        if unpacker.unconsumed_tail:  # a record inflating beyond the cap: refused, not inflated
            raise ValueError(f"more than {MAX_RECORD_BYTES:,} bytes once decompressed")
        return json.loads(text + unpacker.flush())
    except (zlib.error, ValueError, RecursionError, TypeError) as e:
        raise ParseError(code, f"a compressed JSON catalogue record ({e})", what="catalogue") from e


@functools.cache
def _fast() -> Any:
    """The serialization converter without detailed validation (errors: see _structure)."""
    return converter.copy(detailed_validation=False)


def _structure(data: Any, cls: type[T]) -> T:
    try:  # the fast converter first: a catalogue file holds what encode_entry wrote
        value = _fast().structure(data, cls)
    except Exception:
        value = from_dict(cls, data)  # raises ValidationError with every path
    if not isinstance(value, cls):  # pragma: no cover - the converter's contract
        raise ValidationError.single("$", data, f"a {cls.__name__}", what="catalogue")
    return value


def encode_entry(entry: CatalogueEntry, dictionary: bytes = b"") -> tuple[bytes, bytes]:
    """The procedure and the rest of the entry, each compact JSON (defaults left out), zlib'd."""
    return _pack(_json_of(entry.procedure), dictionary), _pack(_about_of(entry), dictionary)


def decode_procedure(blob: bytes, code: str = "?", dictionary: bytes = b"") -> Procedure:
    """The procedure :func:`encode_entry` wrote; a damaged one raises a typed error."""
    return _structure(_unpack(blob, code, dictionary), Procedure)


def decode_entry(
    procedure: Procedure, about: bytes, code: str = "?", dictionary: bytes = b""
) -> CatalogueEntry:
    """The entry around ``procedure`` from its stored rest."""
    data = _unpack(about, code, dictionary)
    if not isinstance(data, dict):
        raise ParseError(code, "a catalogue record (a JSON object)", what="catalogue")
    data["procedure"] = {"code": "0.000000", "name": "-"}  # a placeholder, replaced below
    return attrs.evolve(_structure(data, CatalogueEntry), procedure=procedure)


# -- the searched and grouped columns ---------------------------------------------------------


def _fee_bearing(p: Procedure) -> bool | None:
    if p.fee_bearing is not None:
        return p.fee_bearing
    fees = [fee for m in p.methods for fee in m.fees]
    if any(fee.amount > 0 for fee in fees):
        return True
    return False if fees else None


def row_of(entry: CatalogueEntry) -> Row:
    """The searched and grouped columns of ``entry`` (in the order of ``_COLUMNS``)."""
    p = entry.procedure
    agencies = (
        *p.implementing_agencies,
        *p.competent_agencies,
        *p.authorised_agencies,
    )
    try:
        limit = p.time_limit()
        unit, amount = limit.unit.value, limit.amount
    except TthcError:
        unit = amount = None
    fee = _fee_bearing(p)
    mode = p.online_service.mode if p.online_service is not None else None
    return (
        procedure_key(p),
        p.name,
        p.sector,
        entry.issuing_agency,
        fold(p.name),
        fold(p.sector) if p.sector else "",
        "\n".join(fold(a.name) for a in agencies),
        " " + " ".join(t.value for t in p.tiers) + " ",
        mode.value if mode is not None else None,
        None if fee is None else int(fee),
        unit,
        amount,
    )


def _create(conn: sqlite3.Connection) -> bool:
    conn.executescript(_DDL)
    try:
        conn.execute(_FTS)
    except sqlite3.OperationalError:  # no FTS5 or no trigram tokenizer: searches scan
        return False
    return True


def _fill(
    conn: sqlite3.Connection, rows: Iterable[tuple[Row, tuple[bytes, bytes] | None]], fts: bool
) -> None:
    marks = ", ".join("?" * (len(_COLUMNS) + 1))
    insert = f"INSERT INTO procedures (id, {', '.join(_COLUMNS)}) VALUES ({marks})"
    for i, (row, blob) in enumerate(rows, start=1):
        conn.execute(insert, (i, *row))
        if blob is not None:
            conn.execute("INSERT INTO records VALUES (?, ?, ?)", (i, *blob))
    if fts:
        conn.execute(
            "INSERT INTO names (rowid, folded_name) SELECT id, folded_name FROM procedures"
        )
        conn.execute("INSERT INTO names (names) VALUES ('optimize')")


def write_store(
    path: str | os.PathLike[str], entries: Sequence[CatalogueEntry], meta: Mapping[str, str]
) -> None:
    """Write ``entries`` (in their order) and ``meta`` as a new catalogue file at ``path``.

    The file is written to a temporary name and moved in place, so a reader
    never sees half a catalogue. Same entries and meta give the same content.
    """
    target = os.fspath(path)
    tmp = target + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("PRAGMA journal_mode = OFF")
        fts = _create(conn)
        dictionary = make_dictionary(entries)
        values = {
            "format": FORMAT,
            **meta,
            "search_index": "fts5-trigram" if fts else "scan",
            "dictionary": base64.b64encode(dictionary).decode("ascii"),
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(values.items()))
        _fill(conn, ((row_of(e), encode_entry(e, dictionary)) for e in entries), fts)
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    os.replace(tmp, target)


# -- reading ------------------------------------------------------------------------------------


class Store:
    """A read-only catalogue database (a file, or an index built in memory).

    Thread-safe: one connection, used under a lock.
    """

    def __init__(self, conn: sqlite3.Connection, path: str | None) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.path = path
        with self._lock:
            self.meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            self.fts = self.meta.get("search_index") == "fts5-trigram"
            self.size = conn.execute("SELECT count(*) FROM procedures").fetchone()[0]
        try:
            self.dictionary = base64.b64decode(self.meta.get("dictionary", ""), validate=True)
        except ValueError:
            raise ParseError(
                str(path), "a catalogue file with a base64 'dictionary'", what="catalogue file"
            ) from None

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Store:
        """Open a catalogue file read-only; raise :class:`ParseError` if it is not one."""
        name = os.fspath(path)
        if not os.path.isfile(name):
            raise ParseError(name, "an existing catalogue file", what="catalogue file")
        uri = pathlib.Path(os.path.abspath(name)).as_uri() + "?mode=ro&immutable=1"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            store = cls(conn, name)
        except sqlite3.DatabaseError as e:
            raise ParseError(
                name, f"a tthc catalogue file (SQLite: {e})", what="catalogue file"
            ) from None
        if store.meta.get("format") != FORMAT:
            conn.close()
            raise ParseError(
                name,
                f"a tthc catalogue file of format {FORMAT!r} (found "
                f"{store.meta.get('format')!r}); rebuild it with `tthc catalogue build`",
                what="catalogue file",
            )
        return store

    @classmethod
    def in_memory(cls, entries: Sequence[CatalogueEntry], meta: Mapping[str, str]) -> Store:
        """An index over ``entries`` in memory (no encoded records: the caller keeps them)."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        fts = _create(conn)
        values = {"format": FORMAT, **meta, "search_index": "fts5-trigram" if fts else "scan"}
        conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(values.items()))
        _fill(conn, ((row_of(e), None) for e in entries), fts)
        return cls(conn, None)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Rows of a read query; a damaged file raises :class:`~tthc.errors.ParseError`."""
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as e:
                raise ParseError(
                    str(self.path or ":memory:"),
                    f"a tthc catalogue file whose tables answer ({type(e).__name__}: {e})",
                    what="catalogue file",
                ) from None

    def id_of(self, code: str) -> int | None:
        """The row id of ``code`` (a procedure code, no service suffix), or ``None``."""
        found = self.query("SELECT id FROM procedures WHERE code = ?", (code,))
        return int(found[0][0]) if found else None

    def blob(self, row_id: int, column: str = "procedure") -> tuple[str, bytes | None]:
        """The code and the encoded ``"procedure"`` or ``"about"`` of a row."""
        [(code, blob)] = self.query(
            f"SELECT p.code, r.{column} FROM procedures AS p LEFT JOIN records AS r "
            "ON r.id = p.id WHERE p.id = ?",
            (row_id,),
        )
        return code, blob

    def _matching(
        self,
        columns: str,
        wanted: str,
        *,
        sector: str | None = None,
        agency: str | None = None,
        tier: str | None = None,
        mode: str | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        clauses: list[str] = []
        params: list[Any] = []
        fts = bool(wanted) and self.fts and len(wanted) >= 3
        if fts and columns == "id" and not (sector or agency or tier or mode):
            # the index alone answers: the folded text holds only [a-z0-9 ], so a quoted FTS5
            # string of trigrams is a substring query
            sql = "SELECT rowid FROM names WHERE names MATCH ? ORDER BY rowid"
            params.append(f'"{wanted}"')
        else:
            if fts:
                clauses.append("id IN (SELECT rowid FROM names WHERE names MATCH ?)")
                params.append(f'"{wanted}"')
            elif wanted:
                clauses.append("instr(folded_name, ?) > 0")
                params.append(wanted)
            for column, value in (("folded_sector", sector), ("folded_agencies", agency)):
                if value:
                    clauses.append(f"instr({column}, ?) > 0")
                    params.append(value)
            if tier is not None:
                clauses.append("instr(tiers, ?) > 0")
                params.append(f" {tier} ")
            if mode is not None:
                clauses.append("mode = ?")
                params.append(mode)
            sql = f"SELECT {columns} FROM procedures"
            if clauses:
                sql += " WHERE " + " AND ".join(clauses)
            sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.query(sql, params)

    def search(self, wanted: str, **filters: Any) -> list[int]:
        """The row ids matching, in catalogue order.

        The arguments are folded: ``sector``, ``agency``, ``tier``, ``mode``, ``limit``.
        """
        return [r[0] for r in self._matching("id", wanted, **filters)]

    def describe(self, wanted: str, **filters: Any) -> list[tuple[str, str]]:
        """The code and name of the rows :meth:`search` finds, in the same order."""
        return [(r[0], r[1]) for r in self._matching("code, name", wanted, **filters)]

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()
