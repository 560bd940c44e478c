"""A record's own fields: keys matched through the vocabulary, sections and tables followed.

:func:`record_columns` walks a record once: each key the vocabulary (or the
user's mapping) knows gives a field with its value and path; sections
(``metadata``, ``procedure``, ``detail``…, or any mapping holding a known
key) are followed; tables of a document's extraction fill the field their
columns name; the API's ``isWard``/``isProvince`` flags give tiers; anything
else is an INFO finding.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from tthc.model import AdministrativeTier, Severity
from tthc.sources._keys import (
    KeyIndex,
    holds_known_key,
    is_ignored,
    is_section,
    max_depth,
    normal_key,
    tier_flag,
)
from tthc.sources._reader import (
    _DOSSIER_INDEX,
    _LEGAL_NUMBER_KEYS,
    _METHOD_INDEX,
    _PLACEHOLDER_LENGTH,
    ReaderBase,
    _is_placeholder,
    _key_path,
    _short,
)
from tthc.sources._text import clean_text

__all__ = ["flag_tiers", "holds", "published_id", "record_columns"]


_TIER_MEMBERS = {t.value: t for t in AdministrativeTier}


def flag_tiers(
    reader: ReaderBase, flags: list[tuple[str, object, str]]
) -> list[AdministrativeTier]:
    """Tiers from the API's flags (``isWard: true`` → commune), in the tiers' order."""
    tiers: list[AdministrativeTier] = []
    for tier, value, path in flags:
        if value is True:
            tiers.append(_TIER_MEMBERS[tier])
        elif value is not False and value is not None:
            reader.add(
                "expected-boolean",
                f"expected true or false, got {_short(value)}; not read",
                path,
                severity=Severity.WARNING,
            )
    order = list(AdministrativeTier)
    return sorted(set(tiers), key=order.index)


def published_id(reader: ReaderBase, cols: Mapping[str, tuple[object, str]]) -> str | None:
    """Where the record was published: its portal id, else its page URL."""
    for field in ("page_id", "page_url"):
        if field in cols:
            value = cols[field][0]
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if isinstance(value, str) and (text := clean_text(value)):
                return text
    return None


def record_columns(
    reader: ReaderBase, record: Mapping[Any, Any], base: str, index: KeyIndex
) -> tuple[dict[str, tuple[object, str]], dict[str, str], list[tuple[str, object, str]]]:
    """The record's fields (value, path), the keys they came from, and its tier flags.

    Keys are matched through ``index`` (:mod:`._keys`); sections (``metadata``,
    ``content``, ``procedure``, ``detail``… or any mapping holding a known key)
    are followed; a key read twice keeps the first value that says something.
    """
    cols: dict[str, tuple[object, str]] = {}
    fields: dict[str, str] = {}
    flags: list[tuple[str, object, str]] = []

    def walk(mapping: Mapping[Any, Any], path: str, depth: int) -> None:
        for key, value in mapping.items():
            key_path = _key_path(path, key)
            field = index.field(key)
            # (dict first: an ABC check per value was a tenth of the reading time)
            is_mapping = isinstance(value, dict) or (
                not isinstance(value, (str, list)) and isinstance(value, Mapping)
            )
            if field is not None and not (is_mapping and is_section(key)):
                if field in cols:
                    first, first_path = cols[field]
                    if holds(value) and not holds(first):
                        cols[field] = (value, key_path)
                        fields[field] = key
                    elif (
                        holds(value)
                        and isinstance(value, str)
                        and isinstance(first, str)
                        and clean_text(value) != clean_text(first)
                    ):
                        reader.add(
                            "duplicate-heading",
                            f"{_short(key)!r} repeats {first_path!r} with another value; only "
                            f"the first was read: {_short(value)}",
                            key_path,
                            severity=Severity.WARNING,
                        )
                    continue
                cols[field] = (value, key_path)
                if holds(value):
                    fields[field] = key
                continue
            if (tier := tier_flag(key)) is not None:
                flags.append((tier, value, key_path))
                continue
            if (
                isinstance(value, str)
                and value.startswith(("https://", "http://"))
                and "page_url" not in cols
                and " " not in value.strip()
            ):
                # a link under a key tthc does not know ("source", "nguon"): where the
                # record was published, its identifier when it states no code
                cols["page_url"] = (value.strip(), key_path)
                continue
            if is_ignored(key):
                continue
            if is_section(key) and isinstance(value, str) and "page_text" not in cols:
                # a document's whole text ("content": "…Tên thủ tục…Mã thủ tục…"): read as
                # the page text, whose sections fill the fields the record lacks
                cols["page_text"] = (value, key_path)
                fields["page_text"] = key
                continue
            if depth < max_depth() and (
                (is_section(key) and (is_mapping or isinstance(value, list)))
                or (is_mapping and holds_known_key(value, index))
            ):
                if is_mapping:
                    walk(value, key_path, depth + 1)
                else:
                    _tables(reader, value, key_path, cols, fields)
                continue
            reader.add(
                "unknown-heading",
                f"{_short(key)!r} is not a known heading; its value was not read: {_short(value)}",
                key_path,
                severity=Severity.INFO,
            )

    walk(record, base, 0)
    return cols, {f: k for f, k in fields.items() if not f.startswith("page_")}, flags


def _tables(
    reader: ReaderBase,
    value: list[Any],
    path: str,
    cols: dict[str, tuple[object, str]],
    fields: dict[str, str],
) -> None:
    """Tables of a document's extraction: each a list of rows, the first its header.

    A table whose header names the method, dossier or legal-basis columns fills
    that field (when the record has not stated it otherwise).
    """
    for i, table in enumerate(value):
        table_path = _key_path(path, i)
        rows = table
        if isinstance(table, Mapping):
            rows = _table_rows(table)
        if not (
            isinstance(rows, list) and rows and all(isinstance(r, (list, Mapping)) for r in rows)
        ):
            reader.add(
                "unreadable-table",
                f"expected a table (a list of rows), got {_short(table)}; not read",
                table_path,
            )
            continue
        if isinstance(rows[0], list):
            header = [str(h) for h in rows[0]]
            rows = [dict(zip(header, r, strict=False)) for r in rows[1:] if isinstance(r, list)]
        else:
            header = [str(k) for k in rows[0]]
        field = _table_field(header)
        if field is None:
            reader.add(
                "unreadable-table",
                f"a table whose columns ({', '.join(header)}) are not those of methods, "
                "dossier or legal basis; not read",
                table_path,
                severity=Severity.WARNING,
            )
        elif field not in cols or not holds(cols[field][0]):
            cols[field] = (rows, table_path)
            fields[field] = str(path)


_HEADER_KEYS = ("headers", "header", "columns", "cols", "tieu de")
_ROW_KEYS = ("rows", "data", "cells", "body", "values")


def _table_rows(table: Mapping[Any, Any]) -> Any:
    """A table given as ``{"headers": [...], "rows": [[...]]}`` as a list of rows, header first."""
    by_key = {normal_key(k): v for k, v in table.items() if isinstance(k, str)}
    header = next((by_key[k] for k in _HEADER_KEYS if isinstance(by_key.get(k), list)), None)
    rows = next((by_key[k] for k in _ROW_KEYS if isinstance(by_key.get(k), list)), None)
    if rows is None:
        return next((v for v in table.values() if isinstance(v, list)), None)
    return [header, *rows] if header is not None else rows


def _table_field(header: list[str]) -> str | None:
    for field, columns in (
        ("methods", _METHOD_INDEX),
        ("dossier", _DOSSIER_INDEX),
    ):
        if sum(normal_key(h) in columns for h in header) >= 2:
            return field
    if any(normal_key(h) in _LEGAL_NUMBER_KEYS for h in header):
        return "legal_basis"
    return None


@functools.lru_cache(maxsize=4096)
def _short_textholds(value: str) -> bool:
    return not _is_placeholder(clean_text(value))


def _says_something(value: str) -> bool:
    # a long text is no placeholder: it is not cleaned just to be compared
    if len(value) > 4 * _PLACEHOLDER_LENGTH:
        return not value.isspace()
    return _short_textholds(value)


def holds(value: object) -> bool:
    """Whether a record's value says something (not empty, not a placeholder)."""
    if value is None:
        return False
    if isinstance(value, str):
        return _says_something(value)
    if isinstance(value, (list, tuple)):
        # [""] (the API's list rows) says nothing; a list of rows or tables says something
        return any(not isinstance(v, str) or _says_something(v) for v in value if v is not None)
    if isinstance(value, Mapping):
        return bool(value)
    return True
