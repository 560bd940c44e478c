"""The service's texts in Vietnamese and English, and the request's language (private).

Every text the service writes comes from ``messages.json`` beside this module;
:func:`negotiate` picks ``vi`` or ``en`` from an ``Accept-Language`` header
(:func:`tthc.messages.accept_language`: q-values honoured; ``vi`` by default).
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import math
from typing import Any, Literal

from tthc.messages import accept_language

__all__ = ["LANGS", "Lang", "excerpt", "negotiate", "text", "translation"]

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

_MAX_SHOWN = 120  # characters of a value quoted back in an error


@functools.cache
def _messages() -> dict[str, dict[str, str]]:
    raw = (importlib.resources.files("tthc.service") / "messages.json").read_text("utf-8")
    data: dict[str, dict[str, str]] = json.loads(raw)["messages"]
    return data


def text(key: str, lang: Lang, /, **values: Any) -> str:
    """The message ``key`` in ``lang``, filled with ``values``."""
    template = _messages()[key][lang]
    return template.format(**values) if values else template


@functools.cache
def translation() -> dict[str, str]:
    """English text → Vietnamese text, for every message without placeholders."""
    return {m["en"]: m["vi"] for m in _messages().values() if "{" not in m["en"]}


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
