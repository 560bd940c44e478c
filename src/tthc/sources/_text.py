"""Text clean-up shared by the readers: HTML remnants, spaces, diacritics, number words."""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

from tthc._text import fold
from tthc.errors import ParseError

__all__ = [
    "clean_text",
    "fold",
    "read_vietnamese_number",
    "vietnamese_number_words",
]

# Spaces published records carry: NBSP, the ideographic space U+3000 (typed
# with a Vietnamese IME left in full-width mode), thin and zero-width spaces.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_BLOCK_TAGS = frozenset({"br", "p", "div", "li", "tr", "ul", "ol", "table", "h1", "h2", "h3"})


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; block tags become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def clean_text(text: str) -> str:
    r"""The text with HTML remnants removed and spaces normalised.

    Published records often carry pieces of the page they were scraped from:
    tags (``<br>``, ``<p>``), entities (``&nbsp;``), non-breaking and
    full-width spaces (U+3000). Block tags become line breaks; runs of spaces
    collapse to one; each line is stripped and empty lines dropped. The text
    is put in Unicode NFC, so ``"ệ"`` typed as ``e`` + two combining marks
    compares equal to the precomposed letter.

    >>> clean_text("07&nbsp;ngày<br>làm　việc ").split("\n")
    ['07 ngày', 'làm việc']
    """
    if _TAG.search(text) or "&" in text:
        parser = _TextOnly()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
        text = html.unescape(text)  # entities the parser saw outside data
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


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
    words = clean_text(text).lower().split()
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
