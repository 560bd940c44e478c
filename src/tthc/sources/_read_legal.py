"""Reading a record's legal basis and results: document numbers in cells, rows and text."""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from tthc.errors import ParseError, TthcError
from tthc.model import (
    LegalReference,
    Severity,
)
from tthc.sources._glued import (
    document_numbers,
    split_legal_table,
    split_results,
)
from tthc.sources._keys import normal_key
from tthc.sources._reader import (
    _LEGAL_NUMBER_KEYS,
    _LEGAL_TITLE_KEYS,
    _RESULT_DETAILS,
    ReaderBase,
    _is_placeholder,
    _key_path,
    _short,
)

# keyed by the provision (number, article, clause, point, date): titles aside
_Refs = dict[tuple[object, ...], LegalReference]


class LegalReader(ReaderBase):
    """Legal basis, results and their document numbers."""

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
                    k = normal_key(key)
                    if k in _LEGAL_NUMBER_KEYS:
                        number, number_path = (
                            self.text(cell, _key_path(row_path, key)),
                            _key_path(row_path, key),
                        )
                    elif k in _LEGAL_TITLE_KEYS:
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
            or not _is_placeholder(details.group(2))
            or not _is_placeholder(details.group(3))
        ):
            self.add(
                "result-details-not-read",
                f"text after the results' names and codes, not read: {_short(rest)!r}",
                path,
                severity=Severity.INFO,
            )
        return list(names)


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
    refs.setdefault((ref.number, ref.article, ref.clause, ref.point, ref.issued_on), ref)


def _number_stands_alone(text: str, ref: LegalReference) -> bool:
    """Whether the number read starts the number in the text ("66.7/2025/NQ-CP" is not 7/…)."""
    compact = re.sub(r"\s+", "", text)
    serial = ref.serial
    return any(
        i == 0 or compact[i - 1] not in "0123456789.,"
        for i in (m.start() for m in re.finditer(re.escape(serial) + r"[/-]", compact))
    )
