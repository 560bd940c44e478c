"""Numbers and sentences as provincial reform reports print them, in Vietnamese and English.

Vietnamese groups thousands with a dot and writes decimals with a comma
(88.500 hồ sơ; 15,8%); a share the reports round down is "hơn 15%".
"""

from __future__ import annotations

import datetime as dt
import math

from tthc._labels import Lang

__all__ = ["count", "date", "more_than", "percent", "points"]


def count(n: int, lang: Lang = "vi") -> str:
    """``88500`` → ``"88.500"`` (vi) / ``"88,500"`` (en).

    >>> count(88500), count(88500, "en"), count(223)
    ('88.500', '88,500', '223')
    """
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "vi" else text


def percent(share: float | None, lang: Lang = "vi", digits: int = 1) -> str:
    """A share (0–1) as a percentage: ``0.1582`` → ``"15,8%"`` (vi) / ``"15.8%"`` (en).

    ``None`` (no denominator) prints as a dash.

    >>> percent(14000 / 88500), percent(14000 / 88500, "en"), percent(0.9973, digits=2)
    ('15,8%', '15.8%', '99,73%')
    """
    if share is None:
        return "—"
    text = f"{100 * share:,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text + "%"


def points(gap: float, lang: Lang = "vi") -> str:
    """A gap between two shares in percentage points (``-0.342`` → ``"34,2 điểm %"``)."""
    text = percent(abs(gap), lang)[:-1]
    return f"{text} điểm %" if lang == "vi" else f"{text} percentage points"


def more_than(share: float, lang: Lang = "vi") -> str:
    """The whole percentage the share exceeds, as articles print it.

    ``"hơn 15%"`` when the share is above 15% and below 16%; an exact whole
    percentage prints as itself.

    >>> more_than(14000 / 88500), more_than(0.99731, "en"), more_than(0.5)
    ('hơn 15%', 'more than 99%', '50%')
    """
    value = 100 * share
    whole = math.floor(value + 1e-9)
    if value - whole <= 1e-9:
        return f"{whole}%"
    return f"hơn {whole}%" if lang == "vi" else f"more than {whole}%"


def date(day: dt.date, lang: Lang = "vi") -> str:
    """``01/07/2022`` (day first, as Vietnamese documents write it; English too)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
