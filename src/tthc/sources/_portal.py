"""Reading procedure records shaped as the national and provincial portals publish them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from tthc._validate import as_tuple, tuple_of
from tthc.errors import ParseError, TthcError
from tthc.model import (
    AdministrativeTier,
    Agency,
    Channel,
    DossierCase,
    DossierComponent,
    Fee,
    Finding,
    LegalReference,
    Method,
    Procedure,
    ProcedureCode,
    ProcedureType,
    Severity,
    TimeLimit,
)
from tthc.sources._fees import parse_fees
from tthc.sources._glued import (
    GluedMethod,
    document_numbers,
    split_dossier_table,
    split_legal_table,
    split_method_table,
    split_page_text,
    split_results,
)
from tthc.sources._quantities import parse_quantity
from tthc.sources._text import clean_text, fold
from tthc.sources._time_limits import parse_time_limit
from tthc.sources._vocabulary import VOCABULARY

__all__ = [
    "PORTAL_HEADINGS",
    "PortalBatchResult",
    "PortalReadResult",
    "read_portal_record",
    "read_portal_records",
]

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
_STEP_START = re.compile(r"(?<!\w)(?=Bước\s+\d+)")
_PORTAL_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+) ?(Việt Nam Đồng|VNĐ|Đồng)")


def _index(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(heading): field for field, headings in table.items() for heading in headings}


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


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MAX_SURROGATE_DEPTH = 6  # portal records nest two or three levels; deeper is left as is


def _without_surrogates(
    record: Mapping[Any, Any], base: str
) -> tuple[Mapping[Any, Any], list[str]]:
    """A copy of ``record`` whose strings hold U+FFFD for lone surrogates, and their paths.

    The caller's record is not changed; when nothing needs replacing it is returned as is.
    """
    replaced: list[str] = []

    def clean(value: Any, path: str, depth: int) -> Any:
        if isinstance(value, str):
            if value.isascii() or _SURROGATE.search(value) is None:
                return value
            replaced.append(path)
            return _SURROGATE.sub("\ufffd", value)
        if depth >= _MAX_SURROGATE_DEPTH:
            return value
        if isinstance(value, Mapping):
            items = {k: clean(v, f"{path}[{k!r}]", depth + 1) for k, v in value.items()}
            return items if any(items[k] is not value[k] for k in items) else value
        if isinstance(value, list):
            found = [clean(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
            return found if any(a is not b for a, b in zip(found, value, strict=True)) else value
        return value

    cleaned = clean(record, base, 0)
    return (cleaned if isinstance(cleaned, Mapping) else record), replaced


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


@attrs.frozen
class PortalReadResult:
    """One portal record, read: the procedure (or ``None``) and what could not be read.

    - ``procedure``: the :class:`~tthc.model.Procedure`, or ``None`` when the
      record has no readable code or name, or is not a record at all;
    - ``findings``: one :class:`~tthc.model.Finding` per value that was not
      read, or read with an assumption, each with the JSON path of the value
      (``$[3]['Cách thức thực hiện'][1]['Thời hạn giải quyết']``) and the
      unread text in its message;
    - ``path``: where the record is (``$`` or ``$[3]`` in a batch);
    - ``fields``: the record's headings that were recognised and hold a
      value (not empty, not a placeholder such as "Không có thông tin"), as
      ``(field, heading as published)`` pairs, in the record's order;
    - ``values``: what was read, by :class:`~tthc.model.Procedure` field name
      (``"code"``, ``"name"``, ``"methods"``…) plus ``"issuing_agency"`` when
      the source names it: a partial result even when no procedure could be
      built (a record without a code), read-only.
    """

    procedure: Procedure | None
    findings: tuple[Finding, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(Finding)
    )
    path: str = "$"
    fields: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    values: Mapping[str, Any] = attrs.field(factory=dict, converter=_read_only, hash=False)

    @property
    def fully_read(self) -> bool:
        """Whether the record was read into a procedure without a single finding."""
        return self.procedure is not None and not self.findings


@attrs.frozen
class PortalBatchResult:
    """Many portal records, read: one :class:`PortalReadResult` per record, in order."""

    results: tuple[PortalReadResult, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(PortalReadResult)
    )
    findings_outside_records: tuple[Finding, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(Finding)
    )

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        """The procedures that could be read, in record order."""
        return tuple(r.procedure for r in self.results if r.procedure is not None)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, of the batch and of each record (paths start ``$[i]``)."""
        return self.findings_outside_records + tuple(f for r in self.results for f in r.findings)


class _Reader:
    """Reads one record, collecting findings; never raises on bad input."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.findings: list[Finding] = []
        # The procedure-level "Thời hạn giải quyết" and "Phí" cells, when the record has them.
        self.shared: tuple[tuple[object, str] | None, tuple[object, str] | None] | None = None
        self.shared_used = False

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
            return clean_text(value) or None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return clean_text("\n".join(value)) or None
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
                if text is not None and fold(text) not in _PLACEHOLDERS:
                    out.append((text, _key_path(path, i)))
            return out
        text = self.text(value, path)
        if text is None or fold(text) in _PLACEHOLDERS:
            return []
        return [(part.strip(), path) for part in re.split(split, text) if part.strip()]

    def rows(self, value: object, path: str, what: str) -> list[tuple[Mapping[Any, Any], str]]:
        if value is None:
            return []
        if isinstance(value, str) and fold(clean_text(value)) in _PLACEHOLDERS:
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
            if isinstance(key, str) and key.startswith("_"):
                continue
            field = index.get(fold(key)) if isinstance(key, str) else None
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
        if text is None or fold(text) in _PLACEHOLDERS:
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
            tier = _TIERS.get(fold(text))
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
        if text is None or fold(text) in _PLACEHOLDERS:
            return None
        key = fold(text)
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
        if isinstance(value, list):
            return [text for text, _ in self.items(value, path)]
        text = self.text(value, path)
        if text is None or fold(text) in _PLACEHOLDERS:
            return []
        parts = [p.strip() for p in _STEP_START.split(text) if p.strip()]
        return parts or [text]

    def agencies(self, value: object, path: str) -> list[Agency]:
        return [Agency(name=text) for text, _ in self.items(value, path)]

    def legal_basis(self, value: object, path: str) -> list[LegalReference]:
        # Keyed by the reference: a repeated document is kept once, in constant time.
        refs: _Refs = {}
        if isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
            for row, row_path in self.rows(value, path, "legal basis"):
                number = title = None
                number_path = row_path
                for key, cell in row.items():
                    if not isinstance(key, str):
                        continue
                    k = fold(key)
                    if k in ("ma van ban", "so hieu", "so ky hieu"):
                        number, number_path = (
                            self.text(cell, _key_path(row_path, key)),
                            _key_path(row_path, key),
                        )
                    elif k in ("ten van ban phap ly", "ten van ban", "trich yeu"):
                        title = self.text(cell, _key_path(row_path, key))
                if number is None:
                    self.add(
                        "unreadable-legal-reference",
                        f"legal basis row without a document number: {_short(dict(row))}",
                        row_path,
                    )
                    continue
                self.document(number, title, number_path, refs)
            return list(refs.values())
        text = self.text(value, path) if isinstance(value, str) else None
        table = split_legal_table(text) if text is not None else None
        if table is not None and text is not None:
            for legal_row in table:
                self.glued_document(legal_row.number, legal_row.title, path, refs)
            if not table:
                self.numbers_in_text(text, path, refs)
            return list(refs.values())
        for item, item_path in self.items(value, path):
            self.legal_reference(item, item_path, refs)
        return list(refs.values())

    def glued_document(self, number: str, title: str | None, path: str, refs: _Refs) -> None:
        """A glued legal-basis row: its number cell, else the numbers its title states."""
        ref = _reference(number, title)
        if ref is not None:
            _add_reference(refs, ref)
            return
        in_title = [r for _, _, n in document_numbers(title or "") if (r := _reference(n, title))]
        for ref in in_title:
            _add_reference(refs, ref)
        if in_title:
            self.add(
                "legal-number-from-title",
                f"the number cell {number!r} is not a document number; the one its title "
                f"states was read instead: {', '.join(r.number for r in in_title)}",
                path,
                severity=Severity.INFO,
            )
        else:
            self.add(
                "unreadable-legal-reference",
                f"no document number could be read in {number!r} (title {_short(title)!r})",
                path,
            )

    def numbers_in_text(self, text: str, path: str, refs: _Refs) -> None:
        """A legal-basis table with no row ending in a number: the numbers its text states."""
        found = [r for _, _, n in document_numbers(text) if (r := _reference(n, None))]
        for ref in found:
            _add_reference(refs, ref)
        if not found:
            self.add(
                "unreadable-legal-reference",
                f"no document number could be read in {_short(text)!r}",
                path,
            )

    def document(self, number: str, title: str | None, path: str, refs: _Refs) -> None:
        """One document number as published in a table cell, with its row's title."""
        try:
            _add_reference(refs, LegalReference(number, title=title))
            return
        except TthcError:
            pass
        found: _Refs = {}
        self.legal_reference(number, path, found)
        for ref in found.values():
            _add_reference(refs, attrs.evolve(ref, title=title))

    def legal_reference(self, text: str, path: str, refs: _Refs) -> None:
        try:
            ref = LegalReference.parse(text)
            if not _number_stands_alone(text, ref):
                raise ParseError(text, "a document number not glued to other digits")
        except ParseError:
            self.add(
                "unreadable-legal-reference",
                f"no document number could be read in {_short(text)!r}",
                path,
            )
            return
        _add_reference(refs, ref)

    def results(self, value: object, path: str) -> list[str]:
        """Result names: items, or the portal's glued "name + Mã: KQ.…" text."""
        text = self.text(value, path) if isinstance(value, str) else None
        split = split_results(text) if text is not None else None
        if split is None:
            return [t for t, _ in self.items(value, path)]
        names, rest = split
        details = _RESULT_DETAILS.match(rest or "")
        if rest is not None and (
            details is None
            or fold(details.group(2)) not in _PLACEHOLDERS
            or fold(details.group(3)) not in _PLACEHOLDERS
        ):
            self.add(
                "result-details-not-read",
                f"text after the results' names and codes, not read: {_short(rest)!r}",
                path,
                severity=Severity.INFO,
            )
        return list(names)

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
        key = fold(text)
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
            sets = parse_quantity(text).sets
        except ParseError as e:
            self.add("unreadable-sets", f"number of sets not read: {text!r} ({e.expected})", path)
            return None
        if sets is None:
            self.add("unreadable-sets", f"no number of sets (bộ) in {text!r}", path)
        return sets

    # -- methods -------------------------------------------------------------

    def methods(self, value: object, path: str) -> list[Method]:
        methods: list[Method] = []
        if isinstance(value, str):
            return self.glued_methods(value, path)
        for row, row_path in self.rows(value, path, "method"):
            method = self.method(row, row_path)
            if method is not None:
                methods.append(method)
        return methods

    def method(self, row: Mapping[Any, Any], path: str) -> Method | None:
        cols = self.columns(row, path, _METHOD_INDEX)
        channel_value, channel_path = cols.get("channel", (None, _key_path(path, "Hình thức nộp")))
        channel_text = self.text(channel_value, channel_path)
        channel = _CHANNELS.get(fold(channel_text)) if channel_text else None
        description = None
        if "description" in cols:
            description = self.text(*cols["description"])
        if channel is None:
            known = ", ".join(repr(c.vi) for c in Channel)
            self.add(
                "unknown-channel",
                f"channel {channel_text!r} not read (known: {known}); the row was not read: "
                f"{_short(dict(row))}",
                channel_path,
            )
            return None
        # A method whose time limit cannot be read is kept, without one: the finding
        # quotes the cell, and the channel is still offered.
        limits = self.time_limits(cols.get("time_limit"), path, row)
        fees, unread_fees = self.fees(cols.get("fees"))
        if unread_fees is not None:
            kept = f"Phí, lệ phí (not read, kept as published): {unread_fees}"
            description = f"{description}\n{kept}" if description else kept
        try:
            return Method(channel=channel, time_limits=limits, fees=fees, description=description)
        except TthcError as e:  # a combination the model refuses
            self.add("invalid-method", f"not a method: {e}; row: {_short(dict(row))}", path)
            return None

    def glued_methods(self, value: str, path: str) -> list[Method]:
        """Methods from the table text a scraper glued together (see :mod:`._glued`)."""
        text = clean_text(value)
        if fold(text) in _PLACEHOLDERS:
            return []
        rows = split_method_table(text)
        if rows is None and self.shared is not None:
            return self.shared_methods(text, path)
        if rows is None or not rows:
            self.add(
                "unreadable-methods",
                f"no method table (channel, time, fee, description) in {_short(text)!r}; "
                "kept here as published",
                path,
            )
            return []
        methods: list[Method] = []
        for row in rows:
            method = self.glued_method(row, path)
            if method is not None:
                methods.append(method)
        return methods

    def shared_methods(self, text: str, path: str) -> list[Method]:
        """Channels named in text, with the record's procedure-level time limit and fees.

        Some portals (a ministry's own, the old national one) state "Cách thức
        thực hiện" as text naming the channels, and one "Thời hạn giải quyết"
        and "Phí" for the whole procedure: each channel named gets them.
        """
        assert self.shared is not None
        key = fold(text)
        channels = list(dict.fromkeys(c for name, c in _CHANNELS.items() if name in key))
        if not channels:
            self.add(
                "unreadable-methods",
                f"no channel (Trực tiếp, Trực tuyến, Dịch vụ bưu chính) named in "
                f"{_short(text)!r}; kept here as published",
                path,
            )
            return []
        limit_cell, fee_cell = self.shared
        self.shared_used = True
        limits = self.time_limits(limit_cell, path, {}) if limit_cell else []
        fees, unread = self.fees(fee_cell)
        description = (
            text if unread is None else f"{text}\nPhí (not read, kept as published): {unread}"
        )
        self.add(
            "procedure-level-time-limit",
            "the record states one time limit and fee for the procedure; each channel it "
            f"names ({', '.join(c.vi for c in channels)}) gets them",
            path,
            severity=Severity.INFO,
        )
        return [
            Method(channel=c, time_limits=limits, fees=fees, description=description)
            for c in channels
        ]

    def glued_method(self, row: GluedMethod, path: str) -> Method | None:
        channel = _CHANNELS[fold(row.channel)]
        limits: list[TimeLimit] = []
        if row.glued is not None:
            self.add(
                "time-and-fee-glued",
                f"{row.channel}: the time and fee cells are glued as {row.glued!r} and cannot "
                "be told apart; neither was read (kept here as published)",
                path,
                severity=Severity.WARNING,
            )
        elif row.time is None:
            self.add(
                "missing-time-limit",
                f"{row.channel}: the time limit is not stated ({VOCABULARY.no_information!r})",
                path,
                severity=Severity.WARNING,
                citation=DECREE_63_ART_8,
            )
        elif row.unit_lost:
            self.add(
                "time-unit-lost",
                f"{row.channel}: the time cell is a bare {row.time!r}, the unit is not on the "
                "page; not read (a unit is never guessed)",
                path,
                severity=Severity.WARNING,
            )
        else:
            limits = self.time_limit_text(row.time, path, row.channel)
        fees: list[Fee] = []
        description = row.description
        if description is not None and (lost := _ROW_IN_DESCRIPTION.search(description)):
            around = description[max(0, lost.start() - 40) : lost.end()]
            self.add(
                "row-in-description",
                f"{row.channel}: its description holds what looks like another row, a time "
                f"cell glued to a name ({around!r}): a channel tthc does not know? Kept in "
                "the description",
                path,
                severity=Severity.WARNING,
            )
        if row.fee is not None:
            fees, unread = self.fees((_portal_amounts(row.fee), path), published=row.fee)
            if unread is not None:
                kept = f"Phí, lệ phí (not read, kept as published): {row.fee}"
                description = f"{description}\n{kept}" if description else kept
        if row.glued is not None:
            kept = f"Thời gian / Phí, lệ phí (glued, kept as published): {row.glued}"
            description = f"{description}\n{kept}" if description else kept
        try:
            return Method(channel=channel, time_limits=limits, fees=fees, description=description)
        except TthcError as e:  # a combination the model refuses
            self.add("invalid-method", f"{row.channel}: not a method: {e}", path)
            return None

    def time_limit_text(self, text: str, path: str, channel: str) -> list[TimeLimit]:
        try:
            parsed = parse_time_limit(text)
        except ParseError as e:
            self.time_limit_unread(text, e, path, f"{channel}: ", "kept here as published")
            return []
        self.time_limit_assumptions(parsed.assumptions, text, path)
        return list(parsed.limits)

    def time_limit_unread(
        self, text: str, error: ParseError, path: str, prefix: str, kept: str
    ) -> None:
        """A time limit that could not be read: a number with a unit, or words only."""
        if any(c.isdigit() for c in text):
            code, severity = "unreadable-time-limit", Severity.ERROR
        else:  # "Không quy định", "Không phải trả kết quả…": no period stated
            code, severity = "time-limit-in-words", Severity.WARNING
        self.add(
            code,
            f"{prefix}time limit not read: {_short(text)!r} ({error.expected}); {kept}",
            path,
            severity=severity,
        )

    def time_limit_assumptions(self, assumptions: Iterable[str], text: str, path: str) -> None:
        for assumption in assumptions:
            self.add(
                "time-limit-assumption",
                f"{text!r}: {assumption}",
                path,
                severity=Severity.WARNING,
                citation="Civil Code 2015 (91/2015/QH13), Art. 144, 147-148"
                if "calendar days" in assumption
                else None,
            )

    def time_limits(
        self, cell: tuple[object, str] | None, row_path: str, row: Mapping[Any, Any]
    ) -> list[TimeLimit]:
        if cell is None:
            self.add(
                "missing-time-limit",
                "no time limit (Thời hạn giải quyết); the method is kept without one: "
                f"{_short(dict(row))}",
                _key_path(row_path, "Thời hạn giải quyết"),
                severity=Severity.WARNING,
                citation=DECREE_63_ART_8,
            )
            return []
        value, path = cell
        text = self.text(value, path)
        if text is None or fold(text) in _PLACEHOLDERS:
            self.add(
                "missing-time-limit",
                f"the time limit is not stated ({_short(value)}); the method is kept without one",
                path,
                severity=Severity.WARNING,
                citation=DECREE_63_ART_8,
            )
            return []
        if _BARE_NUMBER.fullmatch(text):
            self.add(
                "time-unit-lost",
                f"the time limit is a bare {text!r}: the unit is not in the record; not read "
                "(a unit is never guessed), the method is kept without a time limit",
                path,
                severity=Severity.WARNING,
            )
            return []
        try:
            parsed = parse_time_limit(text)
        except ParseError as e:
            self.time_limit_unread(text, e, path, "", "the method is kept without a time limit")
            return []
        self.time_limit_assumptions(parsed.assumptions, text, path)
        return list(parsed.limits)

    def fees(
        self, cell: tuple[object, str] | None, *, published: str | None = None
    ) -> tuple[list[Fee], str | None]:
        if cell is None:
            return [], None
        value, path = cell
        text = self.text(value, path)
        if text is None:
            return [], None
        try:
            parsed = parse_fees(text)
        except ParseError as e:
            if fold(text) in _PLACEHOLDERS:
                self.add(
                    "fees-not-stated",
                    f"the record says {text!r} about fees",
                    path,
                    severity=Severity.INFO,
                )
                return [], None
            self.add(
                "unreadable-fees",
                f"fees not read: {published or text!r} ({e.expected}); kept in the description",
                path,
            )
            return [], text
        for assumption in parsed.assumptions:
            self.add(
                "fee-assumption",
                f"{published or text!r}: {assumption}",
                path,
                severity=Severity.WARNING,
                citation="Law on Fees and Charges 97/2015/QH13, Art. 3",
            )
        return list(parsed.fees), None

    # -- dossier -------------------------------------------------------------

    def dossier(self, value: object, path: str, sets: int | None) -> list[DossierCase]:
        """Cases from a list of rows, a list of cases, or a mapping of case name to rows."""
        cases: list[DossierCase | None] = []
        if isinstance(value, str):
            return self.glued_dossier(value, path, sets)
        if isinstance(value, Mapping):
            for name, rows in value.items():
                key_path = _key_path(path, name)
                case_name = self.text(name, key_path) if isinstance(name, str) else None
                cases.append(self.case(case_name, rows, key_path, sets))
        elif (
            isinstance(value, list)
            and value
            and all(
                isinstance(g, Mapping)
                and any(isinstance(k, str) and fold(k) in _CASE_INDEX for k in g)
                and not any(isinstance(k, str) and fold(k) in _DOSSIER_INDEX for k in g)
                for g in value
            )
        ):
            for i, group in enumerate(value):
                group_path = _key_path(path, i)
                cols = self.columns(group, group_path, _CASE_INDEX)
                name = self.text(*cols["name"]) if "name" in cols else None
                case_sets = (self.sets(*cols["sets"]) if "sets" in cols else None) or sets
                rows, rows_path = cols.get("components", (None, group_path))
                cases.append(self.case(name, rows, rows_path, case_sets))
        else:
            cases.append(self.case(None, value, path, sets))
        return [case for case in cases if case is not None]

    def glued_dossier(self, value: str, path: str, sets: int | None) -> list[DossierCase]:
        """Cases from the dossier tables a scraper glued together (see :mod:`._glued`)."""
        text = clean_text(value)
        if fold(text) in _PLACEHOLDERS:
            return []
        tables = split_dossier_table(text)
        if tables is None:
            self.add(
                "unreadable-dossier",
                f"no dossier table (Tên giấy tờ, Mẫu đơn, Số lượng) in {_short(text)!r}; "
                "kept here as published",
                path,
            )
            return []
        cases: list[DossierCase] = []
        for table in tables:
            components = []
            for row in table.components:
                if row.form_glued:
                    self.add(
                        "form-glued-to-name",
                        f"the form file name is glued to the document name in {row.name!r}; "
                        "kept together as the name",
                        path,
                        severity=Severity.INFO,
                    )
                components.append(self.counted(row.name, row.form, row.quantity, path))
            if table.leftover is not None:
                self.add(
                    "dossier-text-outside-table",
                    f"text after the last dossier row, not read: {_short(table.leftover)!r}",
                    path,
                    severity=Severity.INFO,
                )
            if components or table.name is not None:
                cases.append(DossierCase(components=components, name=table.name, sets=sets or 1))
        return cases

    def counted(self, name: str, form: str | None, quantity: str, path: str) -> DossierComponent:
        counts = {"originals": 0, "copies": 0, "certified_copies": 0}
        try:
            q = parse_quantity(quantity)
            counts = {
                "originals": q.originals,
                "copies": q.copies,
                "certified_copies": q.certified_copies,
            }
        except ParseError as e:
            self.add(
                "unreadable-quantity",
                f"quantity {_short(quantity, 120)!r} for {_short(name, 120)!r} not read "
                f"({e.expected}); recorded as "
                "0 originals, 0 copies",
                path,
            )
        return DossierComponent(
            name=name,
            form=form,
            originals=counts["originals"],
            copies=counts["copies"],
            certified_copies=counts["certified_copies"],
        )

    def case(
        self, name: str | None, rows: object, path: str, sets: int | None
    ) -> DossierCase | None:
        components = [
            component
            for row, row_path in self.rows(rows, path, "dossier")
            if (component := self.component(row, row_path)) is not None
        ]
        if not components and name is None:
            return None
        return DossierCase(components=components, name=name, sets=sets or 1)

    def component(self, row: Mapping[Any, Any], path: str) -> DossierComponent | None:
        cols = self.columns(row, path, _DOSSIER_INDEX)
        name = self.text(*cols["name"]) if "name" in cols else None
        if name is None:
            self.add(
                "missing-document-name",
                f"dossier row without a document name (Tên giấy tờ): {_short(dict(row))}",
                path,
            )
            return None
        form = self.text(*cols["form"]) if "form" in cols else None
        quantity_value, quantity_path = cols.get("quantity", (None, _key_path(path, "Số lượng")))
        quantity = self.text(quantity_value, quantity_path)
        if quantity is not None:
            return self.counted(name, form, quantity, quantity_path)
        self.add(
            "missing-quantity",
            f"no quantity (Số lượng) for {_short(name, 120)!r}; recorded as 0 originals, 0 copies",
            quantity_path,
            severity=Severity.WARNING,
        )
        return DossierComponent(name=name, form=form, originals=0, copies=0)


_Refs = dict[LegalReference, LegalReference]


def _reference(number: str, title: str | None) -> LegalReference | None:
    """The reference a number cell holds ("Số 73/2025/TT-NHNN" too), or ``None``."""
    try:
        return LegalReference(number, title=title)
    except TthcError:
        pass
    try:
        ref = LegalReference.parse(number)
    except ParseError:
        return None
    return attrs.evolve(ref, title=title) if _number_stands_alone(number, ref) else None


def _add_reference(refs: _Refs, ref: LegalReference) -> None:
    """Add ``ref`` unless the same provision is there already (titles aside), in O(1)."""
    refs.setdefault(attrs.evolve(ref, title=None), ref)


def _portal_amounts(text: str) -> str:
    """The portal's fee cell with its amounts in the form :func:`parse_fees` reads.

    The portal writes a structured amount with "," grouping thousands and the
    currency spelled out ("1,000,000 Việt Nam Đồng"); only that exact shape
    (groups of three digits, then the currency) is rewritten ("1000000 đồng").
    Anything else is passed on as published.
    """
    return _PORTAL_AMOUNT.sub(lambda m: m.group(1).replace(",", "") + " đồng", text)


def _number_stands_alone(text: str, ref: LegalReference) -> bool:
    """Whether the number read starts the number in the text ("66.7/2025/NQ-CP" is not 7/…)."""
    compact = re.sub(r"\s+", "", text)
    serial = ref.serial
    return any(
        i == 0 or compact[i - 1] not in "0123456789.,"
        for i in (m.start() for m in re.finditer(re.escape(serial) + r"[/-]", compact))
    )


def _required_text(
    reader: _Reader, cols: Mapping[str, tuple[object, str]], field: str
) -> str | None:
    if field not in cols:
        reader.add(
            f"missing-{field}",
            f"no {_HEADINGS[field][0]!r} in the record",
            reader.base,
            citation=DECREE_63_ART_8 if field == "name" else None,
        )
        return None
    value, path = cols[field]
    text = reader.text(value, path)
    if text is None and (value is None or isinstance(value, str)):
        reader.add(f"missing-{field}", f"{_HEADINGS[field][0]!r} is empty", path)
    return text


def _read(record: object, base: str) -> PortalReadResult:
    reader = _Reader(base)
    if not isinstance(record, Mapping):
        reader.add(
            "not-a-record",
            f"expected a record (a mapping of heading to value), got {_short(record)}",
            base,
        )
        return PortalReadResult(procedure=None, findings=reader.findings, path=base)
    record, replaced = _without_surrogates(record, base)
    if replaced:
        reader.add(
            "lone-surrogate",
            f"{len(replaced)} value(s) held lone surrogates (halves of UTF-16 pairs, which no "
            "text encoding can hold); each was read with U+FFFD in its place",
            replaced[0],
            severity=Severity.WARNING,
        )
    cols = reader.columns(record, base, _RECORD_INDEX)
    fields: dict[str, str] = {}
    for key in record:
        if isinstance(key, str) and not key.startswith("_"):
            field = _RECORD_INDEX.get(fold(key))
            if field is not None and not field.startswith("page_") and _holds(record[key]):
                fields.setdefault(field, key)
    if not ("code" in fields and "name" in fields):
        page_key = next(
            (k for k in record if isinstance(k, str) and _RECORD_INDEX.get(fold(k)) == "page_text"),
            None,
        )
        if page_key is not None:
            cols = _from_page(reader, cols, fields, page_key)
    code_text = _required_text(reader, cols, "code")
    name = _required_text(reader, cols, "name")
    page, page_path = cols.get("page_text", (None, base))
    if code_text is not None and isinstance(page, str):
        _check_page_code(reader, code_text, page, page_path)
    code = None
    if code_text is not None:
        try:
            code = ProcedureCode(code_text)
        except TthcError:
            reader.add(
                "bad-code",
                f"{code_text!r} is not a TTHC code 'd.dddddd' (e.g. '1.004222')",
                cols["code"][1] if "code" in cols else base,
            )

    def part(field: str, read: Callable[[object, str], Any], default: Any) -> Any:
        return read(*cols[field]) if field in cols else default

    if "time_limit" in cols or "fees" in cols:
        reader.shared = (cols.get("time_limit"), cols.get("fees"))
    sets = part("sets", reader.sets, None)
    kwargs: dict[str, Any] = {
        "decision": part("decision", reader.decision, None),
        "tiers": part("tiers", reader.tiers, []),
        "procedure_type": part("procedure_type", reader.procedure_type, None),
        "sector": part("sector", reader.text, None),
        "steps": part("steps", reader.steps, []),
        "methods": part("methods", reader.methods, []),
        "dossier_cases": part("dossier", lambda v, p: reader.dossier(v, p, sets), []),
        "applicants": [t for t, _ in part("applicants", reader.items, [])],
        "implementing_agencies": part("implementing_agencies", reader.agencies, []),
        "competent_agencies": part("competent_agencies", reader.agencies, []),
        "authorised_agencies": part("authorised_agencies", reader.agencies, []),
        "coordinating_agencies": part("coordinating_agencies", reader.agencies, []),
        "receiving_address": part("receiving_address", reader.text, None),
        "results": part("results", reader.results, []),
        "legal_basis": part("legal_basis", reader.legal_basis, []),
        "conditions": [t for t, _ in part("conditions", reader.items, [])],
        "related": part("related", reader.related, []),
    }
    part("status", reader.status, None)
    if reader.shared is not None and not reader.shared_used:
        for field in ("time_limit", "fees"):
            if field in cols and _holds(cols[field][0]):
                reader.add(
                    "procedure-level-value-unused",
                    f"{_short(cols[field][0])!r} is stated for the whole procedure, but the "
                    "record names no channel to give it to, or its methods state their own; "
                    "kept here as published",
                    cols[field][1],
                    severity=Severity.WARNING,
                )
    if (
        kwargs["receiving_address"] is not None
        and fold(kwargs["receiving_address"]) in _PLACEHOLDERS
    ):
        kwargs["receiving_address"] = None
    if kwargs["sector"] is not None and fold(kwargs["sector"]) in _PLACEHOLDERS:
        kwargs["sector"] = None
    values: dict[str, Any] = {"code": code, "name": name}
    values.update((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items())
    if "issuing_agency" in cols:
        issuing = reader.agencies(*cols["issuing_agency"])
        values["issuing_agency"] = issuing[0] if len(issuing) == 1 else tuple(issuing) or None
    procedure = None
    if code is not None and name is not None:
        try:
            procedure = Procedure(code=code, name=name, **kwargs)
        except TthcError as e:  # a combination the model refuses
            reader.add("invalid-procedure", f"the values read do not make a procedure: {e}", base)
    elif reader.findings:
        reader.add(
            "partial-record",
            "no procedure could be built (see the findings above); what was read is in "
            "the result's values",
            base,
            severity=Severity.INFO,
        )
    else:  # e.g. headings holding empty lists: nothing said why, so say it
        reader.add(
            "no-procedure",
            "no procedure could be built: the record holds no readable code and name",
            base,
        )
    return PortalReadResult(
        procedure=procedure,
        findings=reader.findings,
        path=base,
        fields=tuple(fields.items()),
        values={k: v for k, v in values.items() if v not in (None, ())},
    )


def _holds(value: object) -> bool:
    """Whether a record's value says something (not empty, not a placeholder)."""
    if value is None:
        return False
    if isinstance(value, str):
        return fold(clean_text(value)) not in _PLACEHOLDERS
    if isinstance(value, (list, tuple, Mapping)):
        return bool(value)
    return True


def _check_page_code(reader: _Reader, code: str, page: str, path: str) -> None:
    """Report a record whose code is not the one its own page text states."""
    stated = _CODE_ON_PAGE.search(page)
    if stated is not None and stated.group(1) != code.strip():
        reader.add(
            "code-differs-from-page",
            f"the record's code is {code!r} but its page text says {stated.group(0)!r}: its "
            "other values may describe that other procedure (check the scrape); the record's "
            "code was kept",
            path,
            severity=Severity.ERROR,
        )


def _from_page(
    reader: _Reader, cols: dict[str, tuple[object, str]], fields: dict[str, str], key: str
) -> dict[str, tuple[object, str]]:
    """The record's fields, with those it lacks read from its page text, when it has one.

    Used when the record has no code or no name: the page's whole text
    ("…Tên thủ tục<name>Mã thủ tục<code>Số quyết định…") is split on the
    page's headings (:func:`._glued.split_page_text`), and each section fills
    a field the record lacks or leaves empty.
    """
    if "page_text" not in cols or not isinstance(cols["page_text"][0], str):
        return cols
    text, path = clean_text(cols["page_text"][0]), cols["page_text"][1]
    filled = dict(cols)
    taken = []
    for field, _heading, value in split_page_text(text):
        if field not in fields and value and fold(value) not in _PLACEHOLDERS:
            filled[field] = (value, path)
            fields[field] = key
            taken.append(field)
    if taken:
        reader.add(
            "from-page-text",
            f"the record has no {'code' if 'code' in taken else 'name'} of its own; read "
            f"from its page text: {', '.join(_HEADINGS[f][0] for f in taken)}",
            path,
            severity=Severity.INFO,
        )
    return filled


def read_portal_record(record: Mapping[str, Any], *, path: str = "$") -> PortalReadResult:
    """Read one procedure record shaped as the national or a provincial portal publishes it.

    ``record`` maps the portal's headings to their values, e.g. parsed JSON::

        {"Mã thủ tục": "1.004222", "Tên thủ tục": "Đăng ký thường trú",
         "Cấp thực hiện": "Cấp Xã",
         "Cách thức thực hiện": [{"Hình thức nộp": "Trực tiếp",
                                  "Thời hạn giải quyết": "07 ngày làm việc",
                                  "Phí, lệ phí": "Lệ phí : 20.000 Đồng",
                                  "Mô tả": "…"}],
         "Thành phần hồ sơ": [{"Tên giấy tờ": "Tờ khai (Mẫu CT01)",
                               "Mẫu đơn, tờ khai": "CT01.doc",
                               "Số lượng": "Bản chính: 1 - Bản sao: 0"}]}

    Headings match whatever their case, accents and punctuation (``"CAP THUC
    HIEN"``); the known headings are in :data:`tthc.sources.PORTAL_HEADINGS`
    (field to headings, the first canonical). Values may carry HTML remnants
    (``<br>``, ``&nbsp;``) and odd spaces. "Thành phần hồ sơ" is a list of
    rows, a list of cases (``{"Trường hợp": …, "Giấy tờ": [rows]}``) or a
    mapping of case name to rows. "Căn cứ pháp lý" is text or rows of "Tên văn
    bản pháp lý" and "Mã văn bản". Keys starting with ``_`` are metadata and
    are skipped.

    The record may also be keyed by the snake_case names scrapers write
    (``ma_thu_tuc``, ``ten_thu_tuc``, ``cach_thuc_thuc_hien``…), with each
    table's cells glued into one string as a page's text content gives them
    ("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc…"):
    tables are split on their column headers and row starts (channel names,
    "N bản chính/bản sao", document numbers); the portal's vocabularies are
    package data (``tthc/sources/data/portal.json``). Procedure types the
    portal uses that tthc has no member for ("TTHC không được luật giao cho
    địa phương quy định", "Loại khác") are kept as published with an INFO
    finding. A record without a code or name of its own is read from its
    page text (``raw_text``, split on the page's headings) when it has one.

    Never raises on bad input and never changes ``record``: each value that
    cannot be read is reported as a :class:`~tthc.model.Finding` (with the text
    in its message, the JSON path of the value, and ``path`` as the prefix).
    A method whose channel cannot be read is left out; fees that cannot be
    read are kept in the method's description. A method whose time limit is
    missing, unreadable or a bare number without its unit ("7") is kept
    without one (and reported). The
    procedure is ``None`` only when its code or name is missing or
    unreadable; what was read is then in the result's ``values``.

    >>> result = read_portal_record({
    ...     "Mã thủ tục": "1.003197", "Tên thủ tục": "Xóa đăng ký thường trú",
    ...     "Cấp thực hiện": "Cấp xã",
    ...     "Cách thức thực hiện": [{"Hình thức nộp": "Trực tuyến",
    ...                              "Thời hạn giải quyết": "5 Ngày làm việc",
    ...                              "Phí, lệ phí": "Miễn phí"}]})
    >>> str(result.procedure.time_limit()), [t.value for t in result.procedure.tiers]
    ('5 ngày làm việc', ['commune'])
    >>> [f.code for f in result.findings]
    ['fee-assumption']
    """
    # Only the errors bad input can cause are caught, where they arise (TthcError);
    # anything else is a bug in tthc and surfaces.
    return _read(record, path)


def read_portal_records(records: Iterable[Mapping[str, Any]]) -> PortalBatchResult:
    """Read many portal records (e.g. a parsed JSON list), one result per record.

    A record that cannot be read never stops the batch: it gets a result with
    ``procedure=None`` and findings whose paths start with its index
    (``$[3]``). Input that is not a list of records gives no results and one
    finding at ``$``.

    >>> batch = read_portal_records([
    ...     {"Mã thủ tục": "1.000894", "Tên thủ tục": "Đăng ký kết hôn"},
    ...     "not a record",
    ... ])
    >>> [r.procedure is not None for r in batch.results], [f.path for f in batch.findings]
    ([True, False], ['$[1]'])
    """
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        finding = Finding(
            code="not-a-list",
            message=f"expected a list of records, got {_short(records)}",
            path="$",
        )
        return PortalBatchResult(results=(), findings_outside_records=(finding,))
    return PortalBatchResult(
        results=tuple(
            read_portal_record(record, path=f"$[{i}]") for i, record in enumerate(records)
        )
    )
