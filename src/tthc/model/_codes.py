"""Identifiers: procedure codes and references to legal documents."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any

import attrs

from tthc._validate import date_or_none, str_or_none
from tthc.errors import ParseError, ValidationError
from tthc.model._enums import DocumentType

__all__ = ["LegalReference", "ProcedureCode"]

# ASCII digits only: "١.٠٠٤٢٢٢" (Arabic-Indic digits) matches \d but is never
# found in the national database.
_CODE = re.compile(r"[0-9]\.[0-9]{6}(?:\.[0-9]{2})?")


def _check_code(_instance: Any, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise ValidationError.keyed("value", value, "expect.procedure_code", what="ProcedureCode")


@attrs.frozen(order=True)
class ProcedureCode:
    """A code in the national TTHC database (mã thủ tục), e.g. ``1.004222``.

    The code is opaque: the meaning of its first digit is not confirmed, so
    tthc only checks the published shape ``d.dddddd``. Online services are
    published under the procedure's code with a two-digit suffix
    (``1.000894.01``).

    >>> code = ProcedureCode("1.000894.01")
    >>> str(code.procedure), code.service_suffix
    ('1.000894', '01')
    """

    value: str = attrs.field(validator=_check_code)

    @property
    def procedure(self) -> ProcedureCode:
        """The procedure's own code, without an online-service suffix."""
        return ProcedureCode(self.value[:8])

    @property
    def service_suffix(self) -> str | None:
        """The online-service suffix (``"01"``), or ``None``."""
        return self.value[9:] if len(self.value) > 8 else None

    def __str__(self) -> str:
        return self.value


# --------------------------------------------------------------------------- #
# Legal references
# --------------------------------------------------------------------------- #

# Type codes as they appear in document numbers (the law on legal documents in
# force, tthc.rules.DOCUMENT_NUMBERING_LAW: Law 80/2015/QH13 Art. 8, then Law
# 64/2025/QH15 from 1/4/2025; and Decree 30/2020/NĐ-CP Annex I on official letters).
_TYPE_CODES: dict[str, DocumentType] = {
    "NĐ": DocumentType.DECREE,
    "TT": DocumentType.CIRCULAR,
    "TTLT": DocumentType.JOINT_CIRCULAR,
    "QĐ": DocumentType.DECISION,
    "NQ": DocumentType.RESOLUTION,
    "NQLT": DocumentType.RESOLUTION,
    "CT": DocumentType.DIRECTIVE,
    "TB": DocumentType.NOTICE,
    "TTR": DocumentType.SUBMISSION,
    "HD": DocumentType.GUIDANCE,
    "KH": DocumentType.PLAN,
}
# How each code is written canonically (TTr keeps its lower-case r).
_CANONICAL_TYPE = {"TTR": "TTr"}
# Normative documents always carry the year in their number (Law 80/2015/QH13
# Art. 8(1), and its successor Law 64/2025/QH15: tthc.rules.DOCUMENT_NUMBERING_LAW;
# that the successor keeps the rule is unconfirmed); decrees and circulars are
# never numbered without one, whereas individual decisions and resolutions often are.
_YEAR_REQUIRED = {DocumentType.DECREE, DocumentType.CIRCULAR, DocumentType.JOINT_CIRCULAR}
_ASCII_ALIASES = {"ND": "NĐ", "QD": "QĐ"}

_WORD = r"[^\W_]+"
_ISSUER = rf"{_WORD}(?:-{_WORD})*"
_WITH_YEAR = re.compile(
    rf"(?P<serial>\d+)/(?P<year>\d{{4}})/(?P<type>{_WORD})-(?P<issuer>{_ISSUER})"
)
_ASSEMBLY = re.compile(r"(?P<serial>\d+)/(?P<year>\d{4})/(?P<issuer>(?:UBTV)?QH\d+)")
_NO_YEAR = re.compile(rf"(?P<serial>\d+)/(?P<type>{_WORD})-(?P<issuer>{_ISSUER})")
_PARTY = re.compile(rf"(?P<serial>\d+)-(?P<type>{_WORD})/(?P<issuer>{_ISSUER})")
_LETTER = re.compile(rf"(?P<serial>\d+)/(?P<issuer>{_ISSUER})")


@attrs.frozen
class _Number:
    canonical: str
    serial: str
    year: int | None
    doc_type: DocumentType
    issuer: str


def _normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # U+00D0 (Icelandic eth) is often typed for U+0110 (Vietnamese Đ).
    text = text.replace("Ð", "Đ").replace("ð", "đ")
    for dash in ("\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"):
        text = text.replace(dash, "-")
    return re.sub(r"\s+", " ", text.replace("\u3000", " ")).strip()


def _type_code(raw: str) -> tuple[str, DocumentType] | None:
    key = raw.upper()
    key = _ASCII_ALIASES.get(key, key)
    kind = _TYPE_CODES.get(key)
    if kind is None:
        return None
    return _CANONICAL_TYPE.get(key, key), kind


@functools.lru_cache(maxsize=4096)
def _parse_number(text: str) -> _Number:
    compact = _normalise_text(text).replace(" ", "")
    if m := _ASSEMBLY.fullmatch(compact):
        issuer = m["issuer"].upper()
        kind = DocumentType.STANDING_COMMITTEE if issuer.startswith("UBTV") else DocumentType.LAW
        return _Number(
            f"{m['serial']}/{m['year']}/{issuer}", m["serial"], int(m["year"]), kind, issuer
        )
    if (m := _WITH_YEAR.fullmatch(compact)) and (tc := _type_code(m["type"])):
        code, kind = tc
        return _Number(
            f"{m['serial']}/{m['year']}/{code}-{m['issuer']}",
            m["serial"],
            int(m["year"]),
            kind,
            m["issuer"],
        )
    if (
        (m := _NO_YEAR.fullmatch(compact))
        and (tc := _type_code(m["type"]))
        and tc[1] not in _YEAR_REQUIRED
    ):
        code, kind = tc
        return _Number(f"{m['serial']}/{code}-{m['issuer']}", m["serial"], None, kind, m["issuer"])
    if (
        (m := _PARTY.fullmatch(compact))
        and (tc := _type_code(m["type"]))
        and tc[1] not in _YEAR_REQUIRED
    ):
        code, kind = tc
        return _Number(f"{m['serial']}-{code}/{m['issuer']}", m["serial"], None, kind, m["issuer"])
    if (m := _LETTER.fullmatch(compact)) and _type_code(m["issuer"].split("-")[0]) is None:
        return _Number(
            f"{m['serial']}/{m['issuer']}",
            m["serial"],
            None,
            DocumentType.OFFICIAL_LETTER,
            m["issuer"],
        )
    raise ParseError(
        text,
        "a Vietnamese document number such as '61/2018/NĐ-CP', '68/2020/QH14', "
        "'766/QĐ-TTg', '80-NQ/TW' or '9794/VPCP-KGVX'",
        what="document number",
    )


def _canonical_number(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return _parse_number(value).canonical
    except ParseError:
        return value  # the validator reports it with its path


def _check_number(_instance: Any, _attribute: Any, value: Any) -> None:
    try:
        if not isinstance(value, str):
            raise ParseError(repr(value), "a string", what="document number")
        _parse_number(value)
    except ParseError as e:
        raise ValidationError.single("number", value, e.expected, what="LegalReference") from None


_ARTICLE_PART = re.compile(r"\w+")


def _check_part(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not _ARTICLE_PART.fullmatch(value)):
        raise ValidationError.single(
            attribute.name,
            value,
            "a single article, clause or point label such as '19' or 'a'",
            what=type(instance).__name__,
        )


@attrs.frozen
class LegalReference:
    """A reference to a Vietnamese legal document, optionally to one provision.

    ``number`` is the document number as written on it (``61/2018/NĐ-CP``,
    ``68/2020/QH14``, ``766/QĐ-TTg``); ASCII spellings (``ND``, ``QD``), the
    look-alike ``Ð`` and stray spaces are normalised. The document's kind,
    year and issuer are read from the number.

    >>> ref = LegalReference("61/2018/ND-CP", article="19", clause="4")
    >>> ref.number, ref.doc_type.en, ref.year, ref.issuer
    ('61/2018/NĐ-CP', 'Decree', 2018, 'CP')
    >>> str(ref)
    '61/2018/NĐ-CP, Art. 19(4)'
    >>> str(LegalReference.parse("khoản 3 Điều 5 Luật Hộ tịch số 60/2014/QH13"))
    '60/2014/QH13, Art. 5(3)'
    """

    number: str = attrs.field(converter=_canonical_number, validator=_check_number)
    article: str | None = attrs.field(default=None, kw_only=True, validator=_check_part)
    clause: str | None = attrs.field(default=None, kw_only=True, validator=_check_part)
    point: str | None = attrs.field(default=None, kw_only=True, validator=_check_part)
    title: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    issued_on: dt.date | None = attrs.field(default=None, kw_only=True, validator=date_or_none)

    @property
    def doc_type(self) -> DocumentType:
        """The kind of document (decree, circular, law…), read from the number."""
        return _parse_number(self.number).doc_type

    @property
    def year(self) -> int | None:
        """The year in the number, if the number has one (``766/QĐ-TTg`` does not)."""
        return _parse_number(self.number).year

    @property
    def issuer(self) -> str:
        """The issuer's code in the number (``CP``, ``TTg``, ``QH14``, ``VPCP-KGVX``)."""
        return _parse_number(self.number).issuer

    @property
    def serial(self) -> str:
        """The serial part of the number, leading zeros kept (``"01"``)."""
        return _parse_number(self.number).serial

    @property
    def document(self) -> LegalReference:
        """The same reference without article, clause and point."""
        return attrs.evolve(self, article=None, clause=None, point=None)

    @classmethod
    def parse(cls, text: str) -> LegalReference:
        """Read a reference from free text.

        Finds the document number anywhere in ``text`` and, when present, the
        article (``Điều 19`` / ``Art. 19``), clause (``khoản 4`` / ``(4)``) and
        point (``điểm a`` / ``(a)``). Text before the number (e.g. "Luật Cư trú")
        is kept as the title. Raises :class:`~tthc.errors.ParseError` when no
        number is found.
        """
        if not isinstance(text, str):
            raise ParseError(repr(text), "a string", what="legal reference")
        clean = _normalise_text(text)
        found = None
        for m in re.finditer(r"(?<![\d./])\d+\s*[/-]\s*[^\s,;()]+", clean):
            try:
                found = (m, _parse_number(m.group(0)))
                break
            except ParseError:
                continue
        if found is None:
            raise ParseError(
                text,
                "a text containing a document number such as '61/2018/NĐ-CP'",
                what="legal reference",
            )
        match, number = found
        article = clause = point = None
        if art := re.search(r"(?:Điều|điều|Art\.?|Article)\s*(\d+[a-z]?)((?:\(\w+\))*)", clean):
            article = art.group(1)
            parts = re.findall(r"\((\w+)\)", art.group(2))
            if parts and parts[0].isdigit():
                clause = parts.pop(0)
            if parts:
                point = parts[0]
        if clause is None and (cl := re.search(r"(?:khoản|Khoản|cl\.|clause)\s*(\d+)", clean)):
            clause = cl.group(1)
        if point is None and (pt := re.search(r"(?:điểm|Điểm|point)\s*(\w)\b", clean)):
            point = pt.group(1)
        before = clean[: match.start()]
        before = re.sub(r"(?:(?:khoản|Khoản)\s*\d+\s*)?(?:(?:Điều|điều)\s*\d+\w?\s*)?", "", before)
        title = re.sub(r"\s*(?:số|No\.?)\s*$", "", before).strip(" ,;:") or None
        if title is not None and (re.search(r"\d", title) or len(title) > 200):
            title = None
        return cls(number.canonical, article=article, clause=clause, point=point, title=title)

    def __str__(self) -> str:
        text = self.number
        if self.article is not None:
            text += f", Art. {self.article}"
            if self.clause is not None:
                text += f"({self.clause})"
            if self.point is not None:
                text += f"({self.point})"
        return text
