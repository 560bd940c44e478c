"""Text clean-up shared by the readers: HTML remnants, spaces, diacritics, number words."""

from __future__ import annotations

import html
import re
import unicodedata

from tthc._text import fold
from tthc.errors import ParseError
from tthc.limits import MAX_CELL_LENGTH, MAX_NUMBER_DIGITS

__all__ = [
    "NOT_AFTER_NUMBER_WORD",
    "check_cell",
    "clean_text",
    "fold",
    "read_digits",
    "read_vietnamese_number",
    "refuse_other_digits",
    "vietnamese_number_words",
]

# Zero-width characters (and the BOM) that published text carries invisibly.
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# Line breaks: CR LF, CR, and the ones Unicode adds (VT, FF, the C1 NEL, the
# file/group/record separators, LINE and PARAGRAPH SEPARATOR).
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Line breaks other than "\n" itself.
_OTHER_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# A run of whitespace other than "\n" (after the line breaks have become "\n").
_SPACE_RUN = re.compile(r" [^\S\n]++|[^\S\n ][^\S\n]*+")  # single spaces are left alone
# Breaks with the single spaces around them, and the empty lines they make.
_AROUND_BREAK = re.compile(r" ?\n(?: ?\n)*+ ?")
_BLOCK_TAGS = frozenset({"br", "p", "div", "li", "tr", "ul", "ol", "table", "h1", "h2", "h3"})
# A tag, a declaration (<!DOCTYPE …>, <![CDATA[…]]>) or a processing
# instruction, up to the first ">"; "<" never occurs inside, so a failed match
# stops at the next "<" and every character is looked at a bounded number of times.
_MARKUP = re.compile(r"<(?:/?(?P<name>[a-zA-Z][a-zA-Z0-9]*+)|[!?])[^<>]*+>")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _strip_markup(text: str) -> str:
    """The text with HTML comments, tags and declarations removed; block tags become breaks.

    A single left-to-right pass (linear time): an unterminated comment and a
    "<" that starts no tag are kept as text.
    """
    parts: list[str] = []
    i = 0
    while (j := text.find("<", i)) >= 0:
        parts.append(text[i:j])
        if text.startswith("<!--", j):
            k = text.find("-->", j + 4)
            if k < 0:  # unterminated: no later comment can end either
                parts.append(text[j:])
                return "".join(parts)
            i = k + 3
            continue
        m = _MARKUP.match(text, j)
        if m is None:
            parts.append("<")
            i = j + 1
            continue
        if (name := m["name"]) is not None and name.lower() in _BLOCK_TAGS:
            parts.append("\n")
        i = m.end()
    parts.append(text[i:])
    return "".join(parts)


def check_cell(text: object, what: str) -> str:
    """``text`` if a parser may read it, else :class:`~tthc.errors.ParseError`.

    Refuses a value that is not a string, text longer than
    :data:`~tthc.limits.MAX_CELL_LENGTH` characters and text holding a lone
    surrogate (a half of a UTF-16 pair, which no encoder can write back).
    """
    if not isinstance(text, str):
        raise ParseError(_excerpt(repr(text)), f"a string, not {type(text).__name__}", what=what)
    if len(text) > MAX_CELL_LENGTH:
        raise ParseError(
            text,
            f"at most {MAX_CELL_LENGTH:,} characters (tthc.limits.MAX_CELL_LENGTH); "
            f"this text has {len(text):,}: split it or check where it came from",
            what=what,
        )
    if not text.isascii() and (m := _SURROGATE.search(text)) is not None:
        raise ParseError(
            text,
            f"text without lone surrogates (found U+{ord(m.group()):04X} at index "
            f"{m.start()}): decode the source with its real encoding",
            what=what,
        )
    return text


def _excerpt(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def refuse_other_digits(clean: str, text: str, what: str) -> None:
    """Raise :class:`~tthc.errors.ParseError` if ``clean`` holds digits other than ASCII 0-9.

    Fullwidth ("１５") or Arabic-Indic ("١٥") digits are never read as numbers
    and never silently skipped: the error names the clause that holds them.
    """
    if (m := _OTHER_DIGIT.search(clean)) is None:
        return
    begin = max(clean.rfind(sep, 0, m.start()) for sep in (";", "\n")) + 1
    ends = [e for e in (clean.find(";", m.start()), clean.find("\n", m.start())) if e >= 0]
    clause = clean[begin : min(ends) if ends else len(clean)].strip()[:120]
    raise ParseError(
        text,
        f"numbers in ASCII digits 0-9; {m.group()!r} (U+{ord(m.group()):04X}) in {clause!r} "
        "is another script's digit, not guessed",
        what=what,
    )


def read_digits(digits: str, text: str, what: str) -> int:
    """The number written with ``digits`` (ASCII 0-9); refused past ``MAX_NUMBER_DIGITS``."""
    if len(digits) > MAX_NUMBER_DIGITS:
        raise ParseError(
            text,
            f"a number of at most {MAX_NUMBER_DIGITS} digits (tthc.limits.MAX_NUMBER_DIGITS); "
            f"got one of {len(digits):,} digits",
            what=what,
        )
    return int(digits)


def clean_text(text: str) -> str:
    r"""The text with HTML remnants removed and spaces normalised.

    Published records often carry pieces of the page they were scraped from:
    tags (``<br>``, ``<p>``), comments, entities (``&nbsp;``), non-breaking and
    full-width spaces (U+3000). Block tags become line breaks; every Unicode
    line break (CR, VT, FF, U+2028…) becomes ``\n``; every run of other
    spaces collapses to one ``" "``; each line is stripped and empty lines
    dropped, so the result never holds two whitespace characters in a row.
    The text is put in Unicode NFC, so ``"ệ"`` typed as ``e`` + two combining
    marks compares equal to the precomposed letter. Runs in linear time.

    Raises :class:`~tthc.errors.ParseError` for a value that is not a string.

    >>> clean_text("07&nbsp;ngày<br>làm　việc ").split("\n")
    ['07 ngày', 'làm việc']
    """
    if not isinstance(text, str):
        raise ParseError(_excerpt(repr(text)), f"a string, not {type(text).__name__}")
    if "<" in text:
        text = _strip_markup(text)
    if "&" in text:
        text = html.unescape(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _ZERO_WIDTH.search(text) is not None:
        text = _ZERO_WIDTH.sub("", text)
    # Three passes of the regex engine, no Python loop per line: breaks become "\n",
    # other runs of spaces one " ", and the spaces and empty lines around breaks go.
    text = _OTHER_BREAK.sub("\n", text)
    text = _SPACE_RUN.sub(" ", text)
    return _AROUND_BREAK.sub("\n", text).strip(" \n")


# --------------------------------------------------------------------------- #
# Vietnamese number words (1-999)
# --------------------------------------------------------------------------- #

_DIGITS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mốt": 1,
}
NUMBER_WORDS = frozenset({*_DIGITS, "mười", "mươi", "trăm", "linh", "lẻ"})
# Words a number can start with ("tư", "mốt", "lăm" only follow a tens word).
LEADING_NUMBER_WORDS = frozenset(_DIGITS) - {"tư", "mốt", "lăm"} | {"mười"}
# A run of number words is read from its first word only: these lookbehinds
# (one per word; clean_text leaves one whitespace character between words)
# keep a regex from starting again inside a run it already failed to read,
# which made reading "một một một … x" quadratic.
NOT_AFTER_NUMBER_WORD = "".join(
    rf"(?<!(?<![^\W\d_]){word}\s)" for word in sorted(NUMBER_WORDS, key=len, reverse=True)
)
_UNITS = ("", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_EXPECTED = "a number from 1 to 999 in Vietnamese words, such as 'năm' or 'hai mươi mốt'"


def _read_tens_and_units(words: list[str], text: str) -> int:
    """0-99 from words such as ``mười lăm``, ``hai mươi mốt``, ``linh năm``."""
    if not words:
        return 0
    if words[0] in ("linh", "lẻ"):  # "một trăm linh năm" = 105
        if len(words) == 2 and words[1] in _DIGITS and words[1] not in ("mốt", "lăm", "tư"):
            return _DIGITS[words[1]]
        raise ParseError(text, _EXPECTED, what="number words")
    if words[0] == "mười":  # 10-19: "mười", "mười một", "mười lăm"
        rest = words[1:]
        if not rest:
            return 10
        if len(rest) == 1 and rest[0] in _DIGITS and rest[0] not in ("mốt", "năm", "tư"):
            return 10 + _DIGITS[rest[0]]
        raise ParseError(text, _EXPECTED, what="number words")
    if len(words) >= 2 and words[1] == "mươi":  # 20-99: "hai mươi", "hai mươi mốt"
        tens = _DIGITS.get(words[0])
        if tens is None or tens < 2 or words[0] in ("mốt", "lăm", "tư"):
            raise ParseError(text, _EXPECTED, what="number words")
        rest = words[2:]
        if not rest:
            return tens * 10
        if len(rest) == 1 and rest[0] in _DIGITS and rest[0] != "một" and rest[0] != "năm":
            return tens * 10 + _DIGITS[rest[0]]
        raise ParseError(text, _EXPECTED, what="number words")
    if len(words) == 1 and words[0] in _DIGITS and words[0] not in ("mốt", "lăm", "tư"):
        return _DIGITS[words[0]]
    raise ParseError(text, _EXPECTED, what="number words")


def read_vietnamese_number(text: str) -> int:
    """Read a whole number from 1 to 999 written in Vietnamese words.

    Follows the standard spoken forms: ``mười`` for 10, ``mươi`` after a tens
    digit, ``mốt`` for 1 and ``lăm`` for 5 after a tens word, ``tư`` for 4
    after ``mươi``, ``linh``/``lẻ`` for a zero tens digit after ``trăm``.
    Colloquial shortenings ("hai lăm" for 25) and anything else raise
    :class:`~tthc.errors.ParseError`: a number is never guessed.

    >>> read_vietnamese_number("mười lăm"), read_vietnamese_number("hai mươi mốt")
    (15, 21)
    >>> read_vietnamese_number("Một trăm linh năm")
    105
    """
    words = clean_text(check_cell(text, "number words")).lower().split()
    if not words or any(w not in NUMBER_WORDS for w in words):
        raise ParseError(text, _EXPECTED, what="number words")
    if "trăm" in words:
        i = words.index("trăm")
        if i != 1 or words[0] not in _DIGITS or words[0] in ("mốt", "lăm", "tư"):
            raise ParseError(text, _EXPECTED, what="number words")
        value = _DIGITS[words[0]] * 100 + _read_tens_and_units(words[2:], text)
    else:
        value = _read_tens_and_units(words, text)
    if not 1 <= value <= 999:
        raise ParseError(text, _EXPECTED, what="number words")
    return value


def vietnamese_number_words(n: int) -> str:
    """Write ``n`` (1-999) in Vietnamese words, the inverse of :func:`read_vietnamese_number`.

    >>> vietnamese_number_words(15), vietnamese_number_words(24), vietnamese_number_words(105)
    ('mười lăm', 'hai mươi tư', 'một trăm linh năm')
    """
    if type(n) is not int or not 1 <= n <= 999:
        raise ValueError(f"expected a whole number from 1 to 999, got {n!r}")
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds:
        words += [_UNITS[hundreds], "trăm"]
        if tens == 0 and units:
            words.append("linh")
    if tens == 1:
        words.append("mười")
    elif tens > 1:
        words += [_UNITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_UNITS[units])
    return " ".join(words)
