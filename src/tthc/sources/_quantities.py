"""Reading published quantities of dossier documents (số lượng)."""

from __future__ import annotations

import re

import attrs

from tthc._validate import as_tuple, int_at_least, optional, tuple_of
from tthc.errors import ParseError
from tthc.sources._text import (
    LEADING_NUMBER_WORDS,
    NOT_AFTER_NUMBER_WORD,
    NUMBER_WORDS,
    check_cell,
    clean_text,
    read_digits,
    read_vietnamese_number,
    refuse_other_digits,
)

__all__ = ["Quantity", "parse_quantity"]

_EXPECTED = (
    "a quantity such as 'Bản chính: 1 - Bản sao: 0', '01 bản chính', "
    "'01 bản sao có chứng thực', '1 bản chính,1 bản sao' or 'Số lượng hồ sơ: 01 (bộ)'"
)

# Longest labels first, so "bản sao có chứng thực" is not read as "bản sao".
_LABELS: tuple[tuple[str, str], ...] = (
    (r"bản\s+sao\s+(?:có|được)\s+chứng\s+thực", "certified_copies"),
    (r"bản\s+sao\s+chứng\s+thực", "certified_copies"),
    (r"bản\s+chính", "originals"),
    (r"bản\s+sao", "copies"),
    (r"số\s+lượng\s+hồ\s+sơ", "sets"),
    (r"bộ\s+hồ\s+sơ", "sets"),
    (r"\(?bộ\)?", "sets"),
)
_LABEL = "|".join(f"(?P<l{i}>{pattern})" for i, (pattern, _) in enumerate(_LABELS))
_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_LEAD_ALT = "|".join(sorted(LEADING_NUMBER_WORDS, key=len, reverse=True))
# Digits are ASCII only: a quantity in another script's digits is not guessed.
_NUMBER = (
    rf"(?P<n>[0-9]++)(?:\s*+\((?P<check>[^()]*+)\))?"
    rf"|(?P<words>{NOT_AFTER_NUMBER_WORD}(?:{_LEAD_ALT})(?:\s(?:{_WORD_ALT}))*)"
)
_LABEL_FIRST = re.compile(rf"(?<!\w)(?:{_LABEL})\s*:\s*(?:{_NUMBER})(?:\s*\(?bộ\)?(?!\w))?")
_NUMBER_FIRST = re.compile(rf"(?<![\w.])(?:{_NUMBER})\s*(?:{_LABEL})(?!\w)")
# What may stand between the counts: separators and "và". One character class
# or one word per step, never two ways to match the same text (the nested
# quantifiers this replaces backtracked exponentially on "01 bản chính,,,,,x").
_FILLER = re.compile(r"(?:[\s,;.\-–:+/&]|và)*+")
# A minus sign attached to a count ("-1 bản chính"): a count is never negative.
_NEGATIVE = re.compile(rf"(?<![\w.,/])[-−–][0-9]++\s*+(?:{_LABEL})(?!\w)")


@attrs.frozen
class Quantity:
    """How many of a document to file: originals, copies, certified copies, sets.

    Counts not mentioned in the text are 0; ``sets`` is ``None`` unless the text
    names a number of sets (bộ). ``raw`` is the text as given.
    """

    raw: str
    originals: int = attrs.field(default=0, validator=int_at_least(0))
    copies: int = attrs.field(default=0, validator=int_at_least(0))
    certified_copies: int = attrs.field(default=0, validator=int_at_least(0))
    sets: int | None = attrs.field(default=None, validator=optional(int_at_least(1)))
    notes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str))


def _field_of(m: re.Match[str]) -> str:
    for i, (_, field) in enumerate(_LABELS):
        if m[f"l{i}"] is not None:
            return field
    raise AssertionError("a label group always matches")  # pragma: no cover


def _number_of(m: re.Match[str], text: str) -> int:
    if m["n"] is not None:
        value = read_digits(m["n"], text, "quantity")
        check = m["check"]
        if check is not None and check.strip() and check.strip().lower() != "bộ":
            try:
                spelled = read_vietnamese_number(check)
            except ParseError:
                raise ParseError(text, _EXPECTED, what="quantity") from None
            if spelled != value:
                raise ParseError(
                    text, f"the words in brackets to spell {value}", what="quantity"
                ) from None
        return value
    return read_vietnamese_number(m["words"])


def parse_quantity(text: str) -> Quantity:
    """Read the quantity column of a dossier component (số lượng).

    Accepts the portal's "Bản chính: 1 - Bản sao: 0", counts before their kind
    ("01 bản chính", "1 bản chính,1 bản sao", "01 bản sao có chứng thực") and
    the number of sets ("Số lượng hồ sơ: 01 (bộ)", "01 bộ"). A certified copy
    (bản sao có chứng thực) is counted apart from a plain copy.

    Raises :class:`~tthc.errors.ParseError` for anything else, including
    alternatives ("01 bản chính hoặc 01 bản sao"): which one to file is a
    choice the text leaves open, not a quantity.

    >>> q = parse_quantity("Bản chính: 1 - Bản sao: 0")
    >>> q.originals, q.copies, q.certified_copies, q.sets
    (1, 0, 0, None)
    >>> parse_quantity("Số lượng hồ sơ: 01 (bộ)").sets
    1
    """
    clean = clean_text(check_cell(text, "quantity"))
    refuse_other_digits(clean, text, "quantity")
    lower = clean.lower()
    if _NEGATIVE.search(lower):
        raise ParseError(text, f"{_EXPECTED}; a count is never negative", what="quantity")
    if re.search(r"(?<!\w)hoặc(?!\w)", lower):
        raise ParseError(
            text, f"{_EXPECTED}; 'hoặc' offers alternatives, not one quantity", what="quantity"
        )
    counts: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    for pattern in (_LABEL_FIRST, _NUMBER_FIRST):
        for m in pattern.finditer(lower):
            if any(start < m.end() and m.start() < end for start, end in spans):
                continue
            field = _field_of(m)
            if field in counts:
                raise ParseError(text, f"{_EXPECTED}; {field} is stated twice", what="quantity")
            counts[field] = _number_of(m, text)
            spans.append((m.start(), m.end()))
    rest = lower
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    if not counts or not _FILLER.fullmatch(rest):
        raise ParseError(text, _EXPECTED, what="quantity")
    try:
        return Quantity(
            raw=text,
            originals=counts.get("originals", 0),
            copies=counts.get("copies", 0),
            certified_copies=counts.get("certified_copies", 0),
            sets=counts.get("sets"),
        )
    except ValueError:
        raise ParseError(
            text, f"{_EXPECTED}; a number of sets of at least 1", what="quantity"
        ) from None
