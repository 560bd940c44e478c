"""The command's message catalogue (``messages.json``): every string in vi and en.

One data file holds every user-facing string of the command (headings, help,
errors, argparse's own messages), the Vietnamese renderings of the library's
rule notes (English in the library) and the terms used to cite documents in
Vietnamese. Adding a language is adding a key to each entry.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import json
import re
from typing import Any, Literal

__all__ = ["Lang", "cite", "day", "message", "month", "note", "weekday"]

Lang = Literal["vi", "en"]


@functools.cache
def _catalogue() -> dict[str, Any]:
    text = (importlib.resources.files("tthc.cli") / "messages.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def _note_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), vi) for p, vi in _catalogue()["notes"])


def message(key: str, lang: Lang, /, **values: Any) -> str:
    """The message ``key`` in ``lang``, formatted with ``values``."""
    template: str = _catalogue()["messages"][key][lang]
    return template.format(**values) if values else template


def has_message(key: str) -> bool:
    """Whether the catalogue has ``key``."""
    return key in _catalogue()["messages"]


def weekday(d: dt.date, lang: Lang) -> str:
    """``thứ Năm`` / ``Thursday``."""
    names: list[str] = _catalogue()["weekdays"][lang]
    return names[d.weekday()]


def day(d: dt.date, lang: Lang) -> str:
    """``thứ Năm 26/11/2026`` (day-first dates in both languages)."""
    return f"{weekday(d, lang)} {d.day:02d}/{d.month:02d}/{d.year:04d}"


def month(n: int, lang: Lang) -> str:
    """``Tháng 11`` / ``November``."""
    names = _catalogue()["months"][lang]
    return names.format(n=n) if isinstance(names, str) else str(names[n - 1])


_KINDS = (
    "Labour Code|Civil Code|Decision|Decree|Resolution|Circular|Constitution|"
    "Nghị quyết|Nghị định|Quyết định|Thông tư|Công văn|Thông báo|Hiến pháp|"
    "Bộ luật Lao động|Bộ luật Dân sự|Luật"
)
_NUMBER = r"[0-9][0-9A-Za-zĐđ/.\-]*"
# Bounded gaps only: linear time on any citation text.
_DOC = re.compile(
    rf"(?P<kind>{_KINDS})(?P<num>(?: {_NUMBER})?(?: \({_NUMBER}\))?)"
    r"(?:[^;\[\]]{0,40}?\bArt\. ?(?P<art>[0-9]+(?:\([0-9a-zđ]+\))*(?:[–-][0-9]+)?))?"
)


def cite(citation: str, lang: Lang) -> str:
    """A citation for display: as is in English; its documents and articles in Vietnamese.

    The library's citations are English prose around document numbers. For
    ``vi`` the document references are kept (kind translated through the
    catalogue's ``terms``, ``Art. 147(2)`` → ``Điều 147(2)``), the certainty
    tags are kept in Vietnamese (``secondary`` → ``nguồn thứ cấp``, ``not
    confirmed`` → ``chưa xác nhận``) and the rest of the English commentary is
    left out; read it with ``--lang en``.
    """
    if lang == "en":
        return citation
    terms = dict(_catalogue()["terms"])
    parts: list[str] = []
    for m in _DOC.finditer(citation[:2000]):
        kind: str = m["kind"] or ""
        doc = terms.get(kind, kind) + (m["num"] or "")
        text = f"Điều {m['art']} {doc}" if m["art"] else doc
        if text not in parts:
            parts.append(text)
    lowered = citation.lower()
    caveats = list(dict.fromkeys(vi for en, vi in _catalogue()["caveats"] if en in lowered))
    return "; ".join(parts) + (f" ({'; '.join(caveats)})" if caveats else "")


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def note(text: str, lang: Lang) -> str:
    """A library note (English) in ``lang``; untranslatable ones say so in Vietnamese."""
    if lang == "en":
        return text
    for pattern, template in _note_patterns():
        m = pattern.match(text)
        if m is not None:
            values = {k: _vi_value(k, v or "") for k, v in m.groupdict().items()}
            return template.format(**values)
    return message("h.untranslated", lang, note=text)


def _vi_value(name: str, value: str) -> str:
    if name in ("cite", "name"):
        return cite(value, "vi") or value
    return _ISO_DAY.sub(lambda m: f"{m[3]}/{m[2]}/{m[1]}", value)
