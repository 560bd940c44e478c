"""Reading catalogue inputs: files (bounded), and lists mixing tthc and portal shapes."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from tthc._json import loads_json
from tthc.catalogue._entry import CatalogueEntry
from tthc.errors import ParseError, Problem, ValidationError
from tthc.model import Procedure
from tthc.serialization import from_dict

__all__ = [
    "MAX_INPUT_BYTES",
    "is_tthc_shape",
    "load_items",
    "read_bytes",
    "read_mixed",
]

#: The most bytes a catalogue input may hold once decompressed (1 GiB): a gzip
#: file that inflates beyond it is refused with a ParseError, not read into memory.
MAX_INPUT_BYTES = 1 << 30

_CHUNK = 1 << 20
_PROCEDURE_FIELDS = frozenset(a.name for a in attrs.fields(Procedure))


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, gunzipped when it starts with the gzip magic, at most ``max_bytes``.

    Raises :class:`~tthc.errors.ParseError` naming the file when it cannot be
    read, is damaged, or holds (once decompressed) more than ``max_bytes``.
    """
    name = os.fspath(path)
    too_big = f"at most {max_bytes:,} bytes once decompressed (tthc.catalogue.MAX_INPUT_BYTES)"
    try:
        with open(name, "rb") as f:
            head = f.read(2)
            f.seek(0)
            if head != b"\x1f\x8b":
                raw = f.read(max_bytes + 1)
                if len(raw) > max_bytes:
                    raise ParseError(name, too_big, what="file")
                return raw
            parts: list[bytes] = []
            size = 0
            with gzip.GzipFile(fileobj=f) as z:
                while chunk := z.read(_CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise ParseError(name, too_big, what="gzip file")
                    parts.append(chunk)
            return b"".join(parts)
    except (OSError, EOFError, zlib.error) as e:
        raise ParseError(name, f"a readable file ({type(e).__name__}: {e})", what="file") from None


def load_items(path: str | os.PathLike[str], *, max_bytes: int = MAX_INPUT_BYTES) -> list[Any]:
    """The items of a JSON list or JSON Lines file (plain or gzipped), within the limits."""
    name = os.fspath(path)
    raw = read_bytes(name, max_bytes=max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ParseError(name, f"UTF-8 text ({e})", what="file") from None
    stripped = text.lstrip()
    if stripped.startswith("{") and "\n{" not in stripped:  # one JSON object: one record
        return [loads_json(text, what=f"JSON file {name}")]
    if stripped.startswith("["):
        data = loads_json(text, what=f"JSON file {name}")
        if not isinstance(data, list):
            raise ParseError(name, "a JSON list of records", what="JSON file")
        return data
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            items.append(loads_json(line, what=f"JSON Lines file {name}, line {number}"))
    return items


def is_tthc_shape(item: object) -> bool:
    """Whether ``item`` is a tthc procedure or catalogue record (not a portal record)."""
    if not isinstance(item, Mapping):
        return False
    if "procedure" in item and isinstance(item["procedure"], Mapping):
        return True
    # every key a Procedure field: a tthc procedure, even one missing a required field
    return "code" in item and set(item) <= _PROCEDURE_FIELDS


def read_mixed(items: Sequence[Any], *, source: str | None = None) -> list[CatalogueEntry]:
    """Catalogue entries from a list mixing tthc-shaped items and portal records, in order.

    tthc-shaped items are loaded strictly (a bad one raises
    :class:`~tthc.errors.ValidationError` with every path); portal records
    are read together by :func:`tthc.read_portal_records`, and those from
    which no procedure could be built are left out (read them with it to see
    why). ``source`` is recorded as the entries' source when they have none.
    """
    from tthc.sources import read_portal_records

    sources: tuple[str, ...] = (source,) if source else ()
    portal_at = [i for i, item in enumerate(items) if not is_tthc_shape(item)]
    read = read_portal_records([items[i] for i in portal_at]).results if portal_at else ()
    from_portal = {i: r.procedure for i, r in zip(portal_at, read, strict=True)}
    out: list[CatalogueEntry] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        if i in from_portal:
            procedure = from_portal[i]
            if procedure is not None:
                out.append(CatalogueEntry(procedure, sources))
            continue
        try:
            if "procedure" in item:
                entry = from_dict(CatalogueEntry, item)
                out.append(entry if entry.sources else attrs.evolve(entry, sources=sources))
            else:
                out.append(CatalogueEntry(from_dict(Procedure, item), sources))
        except ValidationError as e:
            problems += [
                Problem(f"$[{i}]" + p.path.removeprefix("$"), p.value, p.expected)
                for p in e.problems
            ]
    if problems:
        raise ValidationError(problems, what="Catalogue")
    return out
