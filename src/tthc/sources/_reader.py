"""The record reader's core: findings, values, rows and columns, the simple record parts.

The reader is split by concern: this module holds what every part uses;
:mod:`._read_methods` (channels, time limits, fees), :mod:`._read_dossier`
(dossier cases and components) and :mod:`._read_legal` (legal basis, results)
add theirs; :mod:`._portal` puts them together and reads whole records.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from tthc.errors import ParseError, TthcError
from tthc.model import (
    AdministrativeTier,
    Agency,
    Finding,
    LegalReference,
    ProcedureCode,
    ProcedureType,
    Severity,
)
from tthc.sources._keys import is_ignored, normal_key
from tthc.sources._quantities import parse_quantity
from tthc.sources._text import clean_text, fold
from tthc.sources._vocabulary import VOCABULARY

DECREE_63_ART_8 = "Decree 63/2010/NĐ-CP (as amended by 92/2017/NĐ-CP), Art. 8(2)"

# Headings, columns and vocabularies as the portal publishes them: package data
# (tthc/sources/data/portal.json, with its source), loaded strictly.
_HEADINGS: Mapping[str, tuple[str, ...]] = VOCABULARY.headings
_METHOD_COLUMNS = VOCABULARY.method_columns
_DOSSIER_COLUMNS = VOCABULARY.dossier_columns
_CASE_KEYS = VOCABULARY.case_keys
_TIERS = {fold(text): tier for text, tier in VOCABULARY.tiers.items()}
_CHANNELS = {fold(text): channel for text, channel in VOCABULARY.channels.items()}
_PROCEDURE_TYPES: dict[str, ProcedureType | None] = {}
for _member in ProcedureType:
    _PROCEDURE_TYPES[fold(_member.vi)] = _member
    _PROCEDURE_TYPES[fold(_member.value)] = _member
_PROCEDURE_TYPES.update((fold(t), m) for t, m in VOCABULARY.procedure_types.items())
_PLACEHOLDERS = frozenset(fold(t) for t in VOCABULARY.placeholders) | {""}
# A placeholder is short: longer text is never folded to be compared with them
# (folding whole long fields was most of the reading time).
_PLACEHOLDER_LENGTH = max(len(t) for t in VOCABULARY.placeholders) + 8


def _is_placeholder(text: str) -> bool:
    """Whether ``text`` is empty or a placeholder such as "Không có thông tin"."""
    return len(text) <= _PLACEHOLDER_LENGTH and _folded(text) in _PLACEHOLDERS


@functools.lru_cache(maxsize=4096)  # short cells ("Trực tiếp", "Cấp xã") repeat
def _folded(text: str) -> str:
    return fold(text)


_CODE_IN_TEXT = re.compile(r"(?<![\d.])\d\.\d{6}(?![\d])")
_BARE_NUMBER = re.compile(r"\d+")
# After the results: "Từ khóa<keywords>Mô tả<description>", then the page's own form
# ("Chọn cơ quan thực hiện…Nộp hồ sơ"), which is not part of the record.
_RESULT_DETAILS = re.compile(r"(Từ khóa)(.*?)Mô tả(.*?)(?:Chọn cơ quan thực hiện.*)?\Z", re.DOTALL)
# A glued row whose channel is not in the vocabulary: a word glued to "N <unit>" then a fee.
_ROW_IN_DESCRIPTION = re.compile(
    r"[^\W\d_]\d{1,4} ?(?:"
    + "|".join(re.escape(u) for u in sorted(VOCABULARY.time_units, key=len, reverse=True))
    + r")(?:Miễn phí|Không có thông tin|\d)"
)
_CODE_ON_PAGE = re.compile(r"Mã thủ tục\s*(\d\.\d{6})(?!\d)")
# "Bước" first, so the engine looks for the word, not at every position.
_STEP_START = re.compile(r"Bước(?=\s+\d)")
_PORTAL_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+) ?(Việt Nam Đồng|VNĐ|Đồng)")


def _index(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {normal_key(h): field for field, headings in table.items() for h in headings}


PORTAL_HEADINGS: Mapping[str, tuple[str, ...]] = MappingProxyType(dict(_HEADINGS))
_RECORD_INDEX = _index(_HEADINGS)
_METHOD_INDEX = _index(_METHOD_COLUMNS)
_DOSSIER_INDEX = _index(_DOSSIER_COLUMNS)
_CASE_INDEX = _index(_CASE_KEYS)


def _key_path(base: str, key: object) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    escaped = str(key).replace("\\", "\\\\").replace("'", "\\'")
    return f"{base}['{escaped}']"


def _printable(text: str) -> str:
    """``text`` with lone surrogates escaped (they cannot be written out as UTF-8)."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _short(value: object, limit: int = 300) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read_only(values: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(values))


# A legal-basis row's number and title cells (fold of the column name).
_LEGAL_NUMBER_KEYS = frozenset(
    ("ma van ban", "so hieu", "so ky hieu", "so hieu van ban", "code", "number", "so van ban")
)
_LEGAL_TITLE_KEYS = frozenset(
    ("ten van ban phap ly", "ten van ban", "trich yeu", "name", "title", "ten")
)
_NAME_KEYS = frozenset(("name", "ten", "title", "ten van ban", "label", "value", "text"))
_CODE_KEYS = frozenset(("code", "ma", "ma dinh danh", "id code"))
_STEP_KEYS = ("name", "title", "description", "content", "noi dung", "mo ta")


def _named(item: Mapping[Any, Any]) -> str | None:
    """The name a structured item states (``{"id": …, "name": "Hộ tịch", "code": …}``)."""
    for key, value in item.items():
        if isinstance(key, str) and isinstance(value, str) and normal_key(key) in _NAME_KEYS:
            return value
    return None


def _coded(item: Mapping[Any, Any]) -> str | None:
    for key, value in item.items():
        if isinstance(key, str) and isinstance(value, str) and normal_key(key) in _CODE_KEYS:
            return clean_text(value) or None
    return None


def _step_text(item: Mapping[Any, Any]) -> str | None:
    """A structured step: its title and description, joined."""
    by_key = {
        normal_key(k): v for k, v in item.items() if isinstance(k, str) and isinstance(v, str)
    }
    parts = [clean_text(by_key[k]) for k in _STEP_KEYS if by_key.get(k, "").strip()]
    return ": ".join(dict.fromkeys(parts)) or None


_T = TypeVar("_T")
_REMEMBERED_TEXT = 300  # short cells (names, agencies, units) repeat across records


def _cleaned(text: str) -> str | None:
    return clean_text(text) or None


_MEMO_SIZE = 200_000  # distinct cells remembered per batch


class ReaderBase:
    """Reads one record, collecting findings; never raises on bad input."""

    def __init__(self, base: str, memo: dict[tuple[str, str], object] | None = None) -> None:
        self.base = base
        # Cells read before in the same batch ("5 Ngày làm việc", "Miễn phí", "01 bản
        # chính" repeat across records): each distinct text is parsed once per batch.
        self.memo: dict[tuple[str, str], object] = {} if memo is None else memo
        self.findings: list[Finding] = []
        # The procedure-level "Thời hạn giải quyết" and "Phí" cells, when the record has them.
        self.shared: tuple[tuple[object, str] | None, tuple[object, str] | None] | None = None
        self.shared_used = False

    def parsed(self, kind: str, parser: Callable[[str], _T], text: str) -> _T:
        """``parser(text)``, or the error it raises, remembered for the batch."""
        key = (kind, text)
        found = self.memo.get(key)
        if found is None:
            try:
                found = parser(text)
            except ParseError as e:
                found = e
            if len(self.memo) < _MEMO_SIZE:
                self.memo[key] = found
        if isinstance(found, ParseError):
            raise found.with_traceback(None)
        return found  # type: ignore[return-value]

    def add(
        self,
        code: str,
        message: str,
        path: str,
        *,
        severity: Severity = Severity.ERROR,
        citation: str | None = None,
    ) -> None:
        # A finding quotes outside text: a lone surrogate in it would make the
        # Finding invalid, so it is shown escaped (\\ud800) instead.
        message, path = _printable(message), _printable(path)
        self.findings.append(
            Finding(code=code, message=message, path=path, citation=citation, severity=severity)
        )

    # -- values -------------------------------------------------------------

    def text(self, value: object, path: str) -> str | None:
        """A text value, cleaned; ``None`` for empty or not text (with a finding)."""
        if value is None:
            return None
        if isinstance(value, str):
            if len(value) <= _REMEMBERED_TEXT:
                return self.parsed("text", _cleaned, value)
            return clean_text(value) or None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return clean_text("\n".join(value)) or None
        if isinstance(value, Mapping) and (named := _named(value)) is not None:
            return clean_text(named) or None
        if isinstance(value, list) and all(
            isinstance(v, Mapping) and _named(v) is not None for v in value
        ):
            return clean_text("\n".join(_named(v) or "" for v in value)) or None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # a JSON integer in a text cell ("Số lượng": 1); floats are not
        self.add("expected-text", f"expected text, got {_short(value)}; not read", path)
        return None

    def items(self, value: object, path: str, *, split: str = r"[;\n]") -> list[tuple[str, str]]:
        """Text items with their paths: a list of strings, or one string split on ``split``."""
        if value is None:
            return []
        if isinstance(value, list):
            out: list[tuple[str, str]] = []
            for i, item in enumerate(value):
                text = self.text(item, _key_path(path, i))
                if text is not None and not _is_placeholder(text):
                    out.append((text, _key_path(path, i)))
            return out
        text = self.text(value, path)
        if text is None or _is_placeholder(text):
            return []
        return [(part.strip(), path) for part in re.split(split, text) if part.strip()]

    def rows(self, value: object, path: str, what: str) -> list[tuple[Mapping[Any, Any], str]]:
        if value is None:
            return []
        if isinstance(value, str) and _is_placeholder(clean_text(value)):
            return []
        if not isinstance(value, list):
            self.add(
                "expected-rows",
                f"expected a list of {what} rows, got {_short(value)}; not read",
                path,
            )
            return []
        out = []
        for i, row in enumerate(value):
            if isinstance(row, Mapping):
                out.append((row, _key_path(path, i)))
            else:
                self.add(
                    "expected-row",
                    f"expected a {what} row (a mapping of column to text), got {_short(row)}",
                    _key_path(path, i),
                )
        return out

    def columns(
        self, row: Mapping[Any, Any], path: str, index: Mapping[str, str]
    ) -> dict[str, tuple[object, str]]:
        found: dict[str, tuple[object, str]] = {}
        for key, value in row.items():
            if is_ignored(key) and index.get(normal_key(key)) is None:
                continue
            field = index.get(normal_key(key)) if isinstance(key, str) else None
            key_path = _key_path(path, key)
            if field is None:
                self.add(
                    "unknown-heading",
                    f"column {_short(key)} is not a known heading; its value was not read: "
                    f"{_short(value)}",
                    key_path,
                    severity=Severity.INFO,
                )
            elif field in found:
                self.add(
                    "duplicate-heading",
                    f"column {_short(key)} repeats {found[field][1]!r}; only the first was read",
                    key_path,
                    severity=Severity.WARNING,
                )
            else:
                found[field] = (value, key_path)
        return found

    # -- record parts --------------------------------------------------------

    def decision(self, value: object, path: str) -> LegalReference | None:
        text = self.text(value, path)
        if text is None or _is_placeholder(text):
            return None
        try:
            return LegalReference(text)
        except TthcError:
            pass
        try:
            return LegalReference.parse(text)
        except ParseError as e:
            self.add(
                "unreadable-decision",
                f"decision number not read, kept here as published: {text!r} ({e.expected})",
                path,
                severity=Severity.WARNING,
            )
            return None

    def tiers(self, value: object, path: str) -> list[AdministrativeTier]:
        tiers: dict[AdministrativeTier, None] = {}
        for text, item_path in self.items(value, path, split=r"[;,/\n]"):
            tier = _TIERS.get(_folded(text))
            if tier is None:
                known = ", ".join(repr(t) for t in VOCABULARY.tiers)
                self.add(
                    "unknown-tier",
                    f"tier {text!r} not read (kept here as published); known: {known}",
                    item_path,
                    severity=Severity.WARNING,
                )
            else:
                tiers[tier] = None
        return list(tiers)

    def procedure_type(self, value: object, path: str) -> ProcedureType | None:
        text = self.text(value, path)
        if text is None or _is_placeholder(text):
            return None
        key = _folded(text)
        if key not in _PROCEDURE_TYPES:
            self.add(
                "unknown-procedure-type",
                f"procedure type {text!r} is not one tthc knows; kept here as published",
                path,
                severity=Severity.WARNING,
            )
            return None
        found = _PROCEDURE_TYPES[key]
        if found is None:
            self.add(
                "procedure-type-as-published",
                f"procedure type {text!r}: a type the national portal uses that has no "
                "tthc.model.ProcedureType member (its legal meaning is not confirmed); "
                "kept here as published",
                path,
                severity=Severity.INFO,
            )
        return found

    def steps(self, value: object, path: str) -> list[str]:
        if isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
            steps = []
            for i, item in enumerate(value):
                step = _step_text(item) if isinstance(item, Mapping) else None
                if step is None:
                    step = self.text(item, _key_path(path, i))
                if step:
                    steps.append(step)
            return steps
        if isinstance(value, list):
            return [text for text, _ in self.items(value, path)]
        text = self.text(value, path)
        if text is None or _is_placeholder(text):
            return []
        starts = [
            m.start()
            for m in _STEP_START.finditer(text)
            if m.start() == 0 or not text[m.start() - 1].isalnum()
        ]
        bounds = [0, *starts, len(text)] if starts and starts[0] else [*starts, len(text)]
        parts = [p for a, b in itertools.pairwise(bounds) if (p := text[a:b].strip())]
        return parts or [text]

    def agencies(self, value: object, path: str) -> list[Agency]:
        """Agencies, each once ("A; B; A; B" is A and B), with their codes where published."""
        found: dict[str, Agency] = {}
        if isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
            for i, item in enumerate(value):
                name = self.text(item, _key_path(path, i))
                if name is None or _is_placeholder(name):
                    continue
                code = _coded(item) if isinstance(item, Mapping) else None
                found.setdefault(_folded(name), Agency(name=name, code=code))
            return list(found.values())
        for text, _ in self.items(value, path):
            found.setdefault(_folded(text), Agency(name=text))
        return list(found.values())

    def related(self, value: object, path: str) -> list[ProcedureCode]:
        codes: dict[ProcedureCode, None] = {}
        for text, item_path in self.items(value, path):
            found = _CODE_IN_TEXT.findall(text)
            if not found:
                self.add(
                    "unreadable-related",
                    f"no procedure code (d.dddddd) in {_short(text)!r}; kept here as published",
                    item_path,
                    severity=Severity.WARNING,
                )
            for code in found:
                codes[ProcedureCode(code)] = None
        return list(codes)

    def status(self, value: object, path: str) -> None:
        text = self.text(value, path)
        if text is None:
            return
        key = _folded(text)
        if key in ("con hieu luc", "dang co hieu luc", "co hieu luc"):
            return
        if "het hieu luc" in key or "bai bo" in key or "thay the" in key:
            self.add(
                "status-without-date",
                f"the record says {text!r}, but gives no date; tthc records when a procedure "
                "is in force with valid_from/valid_to dates, which were left empty",
                path,
                severity=Severity.WARNING,
            )
            return
        self.add("unreadable-status", f"status {text!r} not read", path)

    def sets(self, value: object, path: str) -> int | None:
        text = self.text(value, path)
        if text is None:
            return None
        try:
            sets = self.parsed("quantity", parse_quantity, text).sets
        except ParseError as e:
            self.add("unreadable-sets", f"number of sets not read: {text!r} ({e.expected})", path)
            return None
        if sets is None:
            self.add("unreadable-sets", f"no number of sets (bộ) in {text!r}", path)
        return sets
