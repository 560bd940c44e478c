"""A record's keys matched to fields by meaning, whatever their spelling, and its sections followed.

One vocabulary (``data/portal.json``: field → accepted keys) covers every shape
a portal or its mirrors publish: the page's Vietnamese headings in any case
and accents ("CÁCH THỨC THỰC HIỆN"), scrapers' snake_case (``cach_thuc_thuc_hien``,
``mô_tả``), the API's camelCase (``executionMethods``, split into words before
matching), English keys (``execution_methods``) and abbreviations (``tphs``).
A key is compared through :func:`normal_key`; a user adds keys for a shape
tthc does not know with ``read_portal_records(records, mapping={field: keys})``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from tthc.errors import ValidationError
from tthc.sources._text import fold
from tthc.sources._vocabulary import VOCABULARY

__all__ = ["KeyIndex", "normal_key", "record_index"]

# a lower-case letter or digit followed by a capital, or the last capital of a
# run followed by a lower-case letter: "processingTimeUnit", "HTMLText"
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_MAX_KEY = 200  # a longer key is no heading; it is compared folded, not split


@functools.lru_cache(maxsize=4096)  # keys repeat from record to record
def normal_key(key: str) -> str:
    """The form keys are compared in: words split, lower case, no accents.

    >>> normal_key("processingTimeUnit"), normal_key("CÁCH_THỨC thực-hiện")
    ('processing time unit', 'cach thuc thuc hien')
    """
    if len(key) <= _MAX_KEY and key.isascii():
        key = _CAMEL.sub(" ", key)
    return fold(key[: _MAX_KEY * 2])


class KeyIndex:
    """Keys in their normal form → field, for one kind of mapping (record, method row…)."""

    def __init__(self, table: Mapping[str, Iterable[str]]) -> None:
        self.fields = tuple(table)
        self.first = {field: next(iter(keys), field) for field, keys in table.items()}
        self._index: dict[str, str] = {}
        for field, keys in table.items():
            for key in keys:
                self._index.setdefault(normal_key(key), field)

    def field(self, key: object) -> str | None:
        """The field ``key`` names, or ``None``."""
        return self._index.get(normal_key(key)) if isinstance(key, str) else None

    def with_user_keys(self, mapping: Mapping[str, Any] | None, what: str) -> KeyIndex:
        """The index with the user's ``{field: key or keys}`` added (the user's keys win)."""
        if not mapping:
            return self
        if not isinstance(mapping, Mapping):
            raise ValidationError.single(
                "mapping", mapping, "a mapping of field to keys", what=what
            )
        extra: dict[str, list[str]] = {}
        for field, keys in mapping.items():
            if field not in self.fields:
                raise ValidationError.single(
                    f"mapping[{field!r}]",
                    field,
                    f"one of the fields {list(self.fields)}",
                    what=what,
                )
            names = [keys] if isinstance(keys, str) else keys
            if not isinstance(names, (list, tuple)) or not all(
                isinstance(k, str) and k for k in names
            ):
                raise ValidationError.single(
                    f"mapping[{field!r}]",
                    keys,
                    "a key or a list of keys (non-empty strings)",
                    what=what,
                )
            extra[field] = list(names)
        merged = KeyIndex({})
        merged.fields = self.fields
        merged.first = dict(self.first)
        merged._index = dict(self._index)
        for field, names in extra.items():
            for name in names:
                merged._index[normal_key(name)] = field
        return merged


_SECTIONS = frozenset(normal_key(k) for k in VOCABULARY.sections)
_ENVELOPE = frozenset(normal_key(k) for k in VOCABULARY.envelope_keys)
_IGNORED = frozenset(normal_key(k) for k in VOCABULARY.ignored_keys)
_TIER_FLAGS = {normal_key(k): v for k, v in VOCABULARY.tier_flags.items()}
_MAX_DEPTH = 4  # sections inside sections; deeper mappings are values, not sections


def record_index() -> KeyIndex:
    """The record-level index of the shipped vocabulary."""
    return KeyIndex(VOCABULARY.headings)


def is_section(key: object) -> bool:
    """Whether ``key`` names a section whose keys are the record's own (``metadata``…)."""
    return isinstance(key, str) and normal_key(key) in _SECTIONS


def is_ignored(key: object) -> bool:
    """Whether ``key`` is one tthc knows and deliberately does not read (ids, timestamps)."""
    if not isinstance(key, str) or key.startswith("_"):  # "_source", "_notes": metadata
        return True
    k = normal_key(key)
    return k in _IGNORED or k.endswith(" ids")


def tier_flag(key: object) -> str | None:
    """The tier a boolean key such as ``isWard`` says, or ``None``."""
    return _TIER_FLAGS.get(normal_key(key)) if isinstance(key, str) else None


def unwrap_envelope(record: Mapping[Any, Any]) -> tuple[Mapping[Any, Any], str] | None:
    """The procedure inside an API answer ``{code, data, message}``, with its key; else ``None``."""
    data_key = None
    for key in record:
        if not isinstance(key, str) or normal_key(key) not in _ENVELOPE:
            return None
        if normal_key(key) == "data":
            data_key = key
    if data_key is None or not isinstance(record[data_key], Mapping):
        return None
    return record[data_key], data_key


def holds_known_key(value: object, index: KeyIndex) -> bool:
    """Whether ``value`` is a mapping with at least one key of ``index``."""
    return isinstance(value, Mapping) and any(index.field(k) is not None for k in value)


def max_depth() -> int:
    """How deep sections are followed."""
    return _MAX_DEPTH


_CAMEL_KEY = re.compile(r"[a-z][A-Z]")
# Syllables of the Vietnamese headings scrapers write in snake_case (ma_thu_tuc…):
# a key made only of them is Vietnamese; other snake_case keys are English.
_VI_HEADING_WORDS = (
    "ma ten thu tuc cap linh vuc co quan thanh phan ho so can cu phap ly trinh tu thuc "
    "hien cach doi tuong ket qua xu yeu cau dieu kien phi le thoi han giai quyet luong "
    "bo dia chi tiep nhan duoc uy phoi hop lien quan loai quyet dinh tham quyen chi tiet "
    "tphs ctth cqth kqth ccpl thgq raw text detail url formality id"
)
_VI_SYLLABLES = frozenset(_VI_HEADING_WORDS.split())
# keys only the portal API writes; its detail records (not its list rows) have methods
_API_DETAIL_KEYS = frozenset(("execution methods", "execution cases"))
_API_KEYS = frozenset(
    ("execution cases", "legal basises details", "departments executing", "code notation")
)
SHAPES = ("api", "api list", "nested", "camelCase", "snake_case", "headings", "english")


def record_shape(record: Mapping[Any, Any]) -> str:
    """How a record is keyed, for coverage figures: one of :data:`SHAPES`.

    ``"api"``: the portal API's detail answer (an envelope ``{code, data,
    message}`` or its ``data``, camelCase with ``executionMethods``);
    ``"api list"``: a row of its list endpoint (``codeNotation``, no methods);
    ``"nested"``: fields in sections (``metadata``, ``procedure``, ``detail``…); ``"camelCase"``,
    ``"snake_case"``: scrapers' keys; ``"headings"``: the page's Vietnamese
    headings; ``"english"``: plain English keys.
    """
    if unwrap_envelope(record) is not None:
        return "api"
    keys = [k for k in record if isinstance(k, str) and not k.startswith("_")]
    normal = [normal_key(k) for k in keys]
    if not _API_KEYS.isdisjoint(normal):
        return "api" if not _API_DETAIL_KEYS.isdisjoint(normal) else "api list"
    if any(is_section(k) and isinstance(record[k], (Mapping, list)) for k in keys):
        return "nested"
    if any(_CAMEL_KEY.search(k) for k in keys if k.isascii()):
        return "camelCase"
    if any("_" in k and set(n.split()) <= _VI_SYLLABLES for k, n in zip(keys, normal, strict=True)):
        return "snake_case"
    if any(not k.isascii() for k in keys):
        return "headings"
    return "english"
