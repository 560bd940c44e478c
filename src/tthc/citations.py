"""Structured citations: which document set a rule, where in it, and how sure tthc is.

Every legal rule, calendar fact and catalogue record tthc ships names its
source. A :class:`Citation` is that name as a value:

- ``document``: the legal document, a :class:`~tthc.model.LegalReference`
  (``118/2025/NĐ-CP``), or, when the fact comes from no document, a named
  source such as a portal page (a plain string);
- ``provision``: where in it (``"Art. 13(1)"``, ``"Annex I"``), when the
  reference does not already say it;
- ``confidence``: :class:`Confidence`: the primary text was read, only a
  secondary source (press, a scraped copy, a Q&A page, a portal record) was,
  or the fact is unconfirmed;
- ``note``: how to read it ("applied from signing: the entry into force was
  not confirmed"), and ``source``: the secondary source it was read in.

>>> c = Citation.of("Circular 01/2018/TT-VPCP", "Art. 13(1)", Confidence.PRIMARY)
>>> str(c), c.document.number, c.confidence.value
('Circular 01/2018/TT-VPCP, Art. 13(1)', '01/2018/TT-VPCP', 'primary')
>>> Citation.from_text("Decree 63/2024/NĐ-CP [S: cand.com.vn]").confidence
<Confidence.SECONDARY: 'secondary'>
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from tthc._labels import LabelledEnum
from tthc._validate import str_or_none
from tthc.errors import ParseError, ValidationError
from tthc.model._codes import LegalReference

__all__ = ["UNNUMBERED_DOCUMENTS", "Citation", "Confidence", "cite"]


class Confidence(LabelledEnum):
    """How sure tthc is of a cited fact."""

    PRIMARY = ("primary", "Đã đọc văn bản gốc", "Primary text read")
    SECONDARY = (
        "secondary",
        "Nguồn thứ cấp (báo chí, bản sao, hỏi đáp, Cổng dịch vụ công)",
        "Secondary source (press, scraped copy, Q&A, portal record)",
    )
    UNCONFIRMED = ("unconfirmed", "Chưa xác nhận", "Unconfirmed")


def _document(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return LegalReference.parse(value)
        except ParseError:
            return value.strip()
    return value


def _check_document(_instance: object, _attribute: object, value: Any) -> None:
    if isinstance(value, LegalReference):
        return
    if not isinstance(value, str) or not value:
        raise ValidationError.single(
            "document",
            value,
            "a tthc.model.LegalReference or the name of a source, e.g. '118/2025/NĐ-CP'",
            what="Citation",
        )


def _check_confidence(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Confidence):
        allowed = ", ".join(c.value for c in Confidence)
        raise ValidationError.single("confidence", value, f"a Confidence ({allowed})")


#: Legal documents that carry no number (and so cannot be a LegalReference).
UNNUMBERED_DOCUMENTS: tuple[str, ...] = ("Constitution 2013", "Hiến pháp 2013")

# How a document's kind is named before its number ("Decree 118/2025/NĐ-CP").
_SHORT = {"law": "Law", "standing_committee": ""}

# A candidate document number inside free text (linear: no nested repetition).
_NUMBER = re.compile(r"\d+/[^\s,;()\[\]]+")

# Markers used in free-text citations: "[S]", "[S: cand.com.vn]", "[U]", "[P]",
# "unconfirmed", "secondary", "not confirmed", "not read".
_MARK_P = re.compile(r"\[P\b")
_MARK_S = re.compile(r"\[S\b|\bsecondary\b", re.IGNORECASE)
_MARK_U = re.compile(r"\[U\b|\bunconfirmed\b", re.IGNORECASE)
_MARK_U_WEAK = re.compile(
    r"\bnot confirmed\b|\bnot verified\b|\bnot read\b|\brecalled\b", re.IGNORECASE
)


@attrs.frozen
class Citation:
    """A cited source: document (or named source), provision, confidence.

    Build one with :meth:`of` (or :func:`cite`); :meth:`from_text` reads the
    free-text citations of earlier versions (the text is kept as written and
    the confidence read from its markers; unmarked text is unconfirmed).
    ``str()`` gives the text to show.
    """

    document: LegalReference | str = attrs.field(converter=_document, validator=_check_document)
    provision: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    confidence: Confidence = attrs.field(
        default=Confidence.UNCONFIRMED, kw_only=True, validator=_check_confidence
    )
    note: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    source: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    text: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)

    @classmethod
    def of(
        cls,
        document: LegalReference | str,
        provision: str | None = None,
        confidence: Confidence = Confidence.PRIMARY,
        *,
        note: str | None = None,
        source: str | None = None,
    ) -> Citation:
        """A citation of ``provision`` of ``document`` (primary text read by default)."""
        return cls(document, provision=provision, confidence=confidence, note=note, source=source)

    @classmethod
    def from_text(cls, text: str, confidence: Confidence | None = None) -> Citation:
        """Read a free-text citation; the text is kept as written.

        The first document number found is the document (the whole text is
        the source's name when none is found); ``confidence`` defaults to the
        text's markers, first match wins: ``[U]``/"unconfirmed" unconfirmed;
        ``[S]``/"secondary" secondary; "not confirmed"/"not read"/"recalled"
        unconfirmed; ``[P]`` primary; unconfirmed when unmarked.
        """
        if not isinstance(text, str) or not text.strip():
            raise ValidationError.single(
                "citation", text, "the document that set the rule, e.g. '118/2025/NĐ-CP, Art. 17'"
            )
        if confidence is None:
            if _MARK_U.search(text):
                confidence = Confidence.UNCONFIRMED
            elif _MARK_S.search(text):
                confidence = Confidence.SECONDARY
            elif _MARK_U_WEAK.search(text):
                confidence = Confidence.UNCONFIRMED
            elif _MARK_P.search(text):
                confidence = Confidence.PRIMARY
            else:
                confidence = Confidence.UNCONFIRMED
        return cls(text, confidence=confidence, text=text)

    @property
    def names_document(self) -> bool:
        """Whether the citation names a legal document: a numbered one, or the Constitution."""
        if self.reference is not None:
            return True
        return str(self.document).startswith(UNNUMBERED_DOCUMENTS)

    @property
    def reference(self) -> LegalReference | None:
        """The legal document cited (``None`` for a named source)."""
        return self.document if isinstance(self.document, LegalReference) else None

    def cites(self, document: LegalReference | str) -> bool:
        """Whether this citation names ``document`` (a number such as ``"60/2014/QH13"``)."""
        wanted = document if isinstance(document, LegalReference) else _document(document)
        if not isinstance(wanted, LegalReference):
            return False
        return wanted.number in self.numbers()

    def numbers(self) -> frozenset[str]:
        """Every document number the citation names (its document, note and text)."""
        found = set()
        if self.reference is not None:
            found.add(self.reference.number)
        for text in (self.text, self.note, self.provision, self.source):
            if text:
                for match in _NUMBER.finditer(text):
                    try:
                        found.add(LegalReference.parse(match.group(0)).number)
                    except (ParseError, ValidationError):
                        continue
        return frozenset(found)

    def __str__(self) -> str:
        if self.text is not None:
            return self.text
        ref = self.reference
        if ref is None:
            shown = str(self.document)
        else:
            kind = _SHORT.get(ref.doc_type.value, ref.doc_type.en)
            shown = f"{ref.title or kind} {ref}" if kind or ref.title else str(ref)
        if self.provision:
            shown += f", {self.provision}"
        if self.note:
            shown += f" ({self.note})"
        if self.confidence is Confidence.SECONDARY:
            shown += f" [secondary: {self.source}]" if self.source else " [secondary]"
        elif self.confidence is Confidence.UNCONFIRMED:
            shown += " [unconfirmed]"
        return shown


def cite(
    document: LegalReference | str,
    provision: str | None = None,
    confidence: Confidence = Confidence.PRIMARY,
    *,
    note: str | None = None,
    source: str | None = None,
) -> Citation:
    """Shorthand for :meth:`Citation.of`."""
    return Citation.of(document, provision, confidence, note=note, source=source)


def as_citation(value: Any) -> Citation:
    """A :class:`Citation` from a citation or its free text (see :meth:`Citation.from_text`)."""
    if isinstance(value, Citation):
        return value
    return Citation.from_text(value)
