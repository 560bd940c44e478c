"""The service's texts in Vietnamese and English, and the request's language (private).

Every text the service writes is a ``service.…`` message of the one catalogue
(:mod:`tthc.messages`);
:func:`negotiate` picks ``vi`` or ``en`` from an ``Accept-Language`` header
(:func:`tthc.messages.accept_language`: q-values honoured; ``vi`` by default).
"""

from __future__ import annotations

import functools
import math
from typing import Any, Literal

from tthc.messages import accept_language, keys, message

__all__ = ["LANGS", "Lang", "en", "excerpt", "negotiate", "text", "translation"]

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

_MAX_SHOWN = 120  # characters of a value quoted back in an error


_PREFIX = "service."


def text(key: str, lang: Lang, /, **values: Any) -> str:
    """The service message ``key`` (``service.<key>`` in :mod:`tthc.messages`) in ``lang``."""
    return message(_PREFIX + key, lang, **values)


def en(key: str) -> str:
    """The English text of the service message ``key`` (OpenAPI is written in English first)."""
    return text(key, "en")


@functools.cache
def translation() -> dict[str, str]:
    """English text → Vietnamese text, for every service message without placeholders."""
    table: dict[str, str] = {}
    for key in keys():
        if key.startswith(_PREFIX):
            english = message(key, "en")
            if "{" not in english:
                table[english] = message(key, "vi")
    return table


def negotiate(header: str | None, default: Lang = "vi") -> Lang:
    """The language to answer in, from an ``Accept-Language`` header.

    :func:`tthc.messages.accept_language`: q-values honoured, the first best
    range we speak wins, ``vi`` when nothing we speak is named.

    >>> negotiate("en-US,en;q=0.9,vi;q=0.8"), negotiate("fr, en;q=0.5"), negotiate(None)
    ('en', 'en', 'vi')
    """
    return accept_language(header, default)


def excerpt(value: Any) -> Any:
    r"""A value safe to quote back in JSON: short, finite, valid Unicode.

    Strings longer than 120 characters are cut (``…``); a lone surrogate is
    written as its escape; non-finite numbers and containers become a short
    text. Nothing a client sent is echoed whole.

    >>> excerpt("x" * 500)[-3:], excerpt(float("nan")), excerpt("\ud800")
    ('xx…', 'nan', '\\ud800')
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if value.bit_length() <= 64 else _cut(str(value)[:200])
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, str):
        return _cut(value[: _MAX_SHOWN + 1])
    try:
        shown = repr(value)[: _MAX_SHOWN + 1]
    except Exception:  # a value whose repr fails is still reported
        shown = f"<{type(value).__name__}>"
    return _cut(shown)


def _cut(value: str) -> str:
    if len(value) > _MAX_SHOWN:
        value = value[: _MAX_SHOWN - 1] + "…"
    return value.encode("utf-8", "backslashreplace").decode("utf-8")
