"""Text keys shared across the package (private)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """A key for comparing Vietnamese text: lower case, no diacritics, single spaces.

    ``đ`` folds to ``d``; punctuation other than letters and digits becomes a
    space. Headings and names match whatever their accents or capitals:

    >>> fold("Cơ quan được Uỷ quyền:") == fold("co quan duoc ủy quyền")
    True
    >>> fold("ĐĂNG KÝ  khai-sinh")
    'dang ky khai sinh'
    """
    value: object = text  # callers outside the type checker pass anything
    if not isinstance(value, str):
        from tthc.errors import ParseError  # errors imports nothing from here

        raise ParseError(repr(value)[:80], f"a string, not {type(value).__name__}")
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))
