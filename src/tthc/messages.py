"""One message catalogue for every user-facing text, in Vietnamese and English.

Every text tthc shows a person (errors and their problem lines, rule notes,
display headings, citation words, the command's help) is a keyed template in
one data file, ``tthc/messages.json``; adding a language is adding a key to
each entry. The library, the command line, the HTTP service and the notebook
displays all read it through this module.

- :func:`message` renders a key in a language;
- :class:`Message` is a ``str`` (its English text, so code that stores notes
  as strings keeps working) that remembers its key and values, so
  :func:`render` can show it in any language;
- :func:`explain` renders any :class:`~tthc.errors.TthcError` with its
  problem lines;
- :func:`default_lang` reads ``TTHC_LANG`` then the locale (``LC_ALL``,
  ``LC_MESSAGES``, ``LANG``); :func:`accept_language` reads an HTTP
  ``Accept-Language`` header. Vietnamese is the default.

>>> message("h.due", "vi"), message("h.due", "en")
('Hạn trả kết quả', 'Result due')
>>> note = Message.of("note.receipt_not_counted", cite="Civil Code 2015 Art. 147(2)")
>>> str(note)
'the receipt day is not counted (Civil Code 2015 Art. 147(2))'
>>> render(note, "vi")
'không tính ngày tiếp nhận (khoản 2 Điều 147 Bộ luật Dân sự 2015)'
>>> accept_language("en-GB,en;q=0.9,vi;q=0.8")
'en'
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import functools
import importlib.resources
import json
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final, Literal, Self

__all__ = [
    "LANGS",
    "Lang",
    "Message",
    "accept_language",
    "cite",
    "day",
    "default_lang",
    "explain",
    "finding_text",
    "has_message",
    "keys",
    "message",
    "month",
    "problem_line",
    "render",
    "source",
    "use_lang",
    "weekday",
]

Lang = Literal["vi", "en"]

#: The languages every message exists in (a test checks it).
LANGS: Final[tuple[Lang, ...]] = ("vi", "en")


@functools.cache
def _catalogue() -> dict[str, Any]:
    """``messages.json``, plus the messages of any ``messages_*.json`` beside it.

    A part (``messages_service.json``, ``messages_report.json``) lets a
    subsystem keep its own keys; a key defined twice is an error.
    """
    package = importlib.resources.files("tthc")
    data: dict[str, Any] = json.loads((package / "messages.json").read_text(encoding="utf-8"))
    parts = sorted(
        (item for item in package.iterdir() if item.name.startswith("messages_")),
        key=lambda item: item.name,
    )
    for part in parts:
        if not part.name.endswith(".json"):
            continue
        extra: dict[str, Any] = json.loads(part.read_text(encoding="utf-8"))
        for key, value in extra.get("messages", {}).items():
            if key in data["messages"]:
                raise RuntimeError(f"message {key!r} is defined twice (messages.json, {part.name})")
            data["messages"][key] = value
    # Transition: the catalogue lived in tthc/cli/messages.json until issue 18; branches written
    # against it may still add keys there. Its keys that messages.json lacks are read (the file is
    # read as data: the CLI package is not imported). Move them to messages*.json and delete it.
    legacy = package / "cli" / "messages.json"
    if legacy.is_file():
        old: dict[str, Any] = json.loads(legacy.read_text(encoding="utf-8"))
        for key, value in old.get("messages", {}).items():
            data["messages"].setdefault(key, value)
    return data


def keys() -> Iterator[str]:
    """Every message key of the catalogue."""
    return iter(_catalogue()["messages"])


def has_message(key: str) -> bool:
    """Whether the catalogue has ``key``."""
    return key in _catalogue()["messages"]


def _lang(lang: str | None) -> Lang:
    if lang is None:
        return default_lang()
    if lang not in LANGS:
        from tthc.errors import ValidationError

        raise ValidationError.single("lang", lang, "'vi' or 'en'")
    return "en" if lang == "en" else "vi"


def message(key: str, lang: str | None = None, /, **values: Any) -> str:
    """The message ``key`` in ``lang`` (default :func:`default_lang`), formatted with ``values``.

    Values that are :class:`Message`, dates or citations (a value named
    ``cite``) are rendered in ``lang`` too.
    """
    chosen = _lang(lang)
    template: str = _catalogue()["messages"][key][chosen]
    if not values:
        return template
    return template.format(**{k: _value(k, v, chosen) for k, v in values.items()})


def _value(name: str, value: Any, lang: Lang) -> Any:
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}" if lang == "en" else f"{value:%H:%M %d/%m/%Y}"
    if isinstance(value, dt.date):
        return value.isoformat() if lang == "en" else f"{value:%d/%m/%Y}"
    label = getattr(value, "label", None)
    if isinstance(value, enum.Enum) and callable(label):
        return label(lang)
    if name.startswith("cite") and value is not None:
        text = str(value)
        return cite(text, lang) or text
    return value


class Message(str):
    """A user-facing text that remembers its catalogue key and values.

    It *is* its English text (a ``str``), so it serializes, compares and
    prints as before; :func:`render` shows it in another language.

    >>> m = Message.of("note.close_of_hours", t="17:00")
    >>> m == "ends at the close of office hours (17:00)", render(m, "vi")
    (True, 'kết thúc khi hết giờ làm việc (17:00)')
    """

    __slots__ = ("key", "values")
    key: str
    values: Mapping[str, Any]

    def __new__(cls, text: str, key: str, values: Mapping[str, Any]) -> Self:
        """A message whose English text is ``text`` (use :meth:`of`)."""
        made = super().__new__(cls, text)
        made.key = key
        made.values = dict(values)
        return made

    @classmethod
    def of(cls, key: str, /, **values: Any) -> Message:
        """The message ``key`` with ``values``; its text is the English rendering."""
        return cls(message(key, "en", **values), key, values)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (str(self), self.key, self.values))

    def in_lang(self, lang: str | None = None) -> str:
        """The text in ``lang``."""
        return message(self.key, lang, **self.values)


def render(text: str, lang: str | None = None) -> str:
    """A library text in ``lang``: a :class:`Message` is rendered from its key; other text as is."""
    if isinstance(text, Message):
        return text.in_lang(lang)
    return text


# --------------------------------------------------------------------------- #
# Errors
# --------------------------------------------------------------------------- #


def _short(value: Any, limit: int = 80) -> str:
    from tthc.errors import MISSING, _short_repr

    if value is MISSING:
        return "\x00missing"
    return _short_repr(value, limit)


def problem_line(problem: Any, lang: str | None = None) -> str:
    """One :class:`~tthc.errors.Problem` as a line: where, what was expected, what was given.

    >>> from tthc.errors import MISSING, Problem
    >>> problem_line(Problem.keyed("$.received_at", MISSING, "expect.required"), "vi")
    '$.received_at: cần một giá trị (trường bắt buộc), nhận được (không có)'
    """
    chosen = _lang(lang)
    value = _short(problem.value)
    if value == "\x00missing":
        value = message("value.missing", chosen)
    key: str | None = getattr(problem, "key", None)
    if key is not None and has_message(key):
        expected = message(key, chosen, **problem.values)
    elif chosen == "en":
        expected = problem.expected
    else:  # an English-only expectation is not shown in Vietnamese
        return message("err.problem_unkeyed", chosen, path=problem.path, value=value)
    return message("err.problem", chosen, path=problem.path, expected=expected, value=value)


def finding_text(finding: Any, lang: str | None = None) -> str:
    """A :class:`~tthc.model.Finding`'s message in ``lang``.

    A keyed message renders from its key; otherwise Vietnamese says what the
    finding's stable ``code`` means (``finding.<code>`` in the catalogue), and
    English keeps the finding's own, more detailed, text.
    """
    chosen = _lang(lang)
    text = finding.message
    if isinstance(text, Message):
        return text.in_lang(chosen)
    if chosen == "en":
        return str(text)
    key = f"finding.{finding.code}"
    if has_message(key):
        return message(key, chosen)
    return message("finding.other", chosen, code=finding.code)


# What an unkeyed ParseError expected, by what it was reading.
_FALLBACK: Final = {
    "time limit": "expect.limit_text",
    "moment": "expect.moment",
    "date": "expect.moment",
    "period": "expect.period",
}


def _what(what: str | None, lang: Lang) -> str:
    if not what:
        return message("what.input", lang)
    key = f"what.{what}"
    return message(key, lang) if has_message(key) else what


def explain(error: BaseException, lang: str | None = None, *, max_problems: int = 20) -> str:
    """The text of a tthc error in ``lang``, problem lines included.

    Errors tthc raises carry their data (paths, values, catalogue keys); this
    renders them. Text that exists only in English is not mixed into
    Vietnamese: the Vietnamese line then says what was wrong and where.

    >>> from tthc.reading import read_moment
    >>> try:
    ...     read_moment("11/20/2026")
    ... except Exception as e:
    ...     print(explain(e, "vi"))
    không đọc được thời điểm '11/20/2026': cần ngày ghi trước tháng: đọc ngày trước thì là ngày 11 tháng 20, không tồn tại; đọc tháng trước thì là 20/11/2026 (hãy viết như vậy)
    """  # noqa: E501
    from tthc import errors

    chosen = _lang(lang)
    if isinstance(error, errors.ValidationError):
        shown = error.problems[:max_problems]
        count = len(error.problems) + error.omitted
        if error.what:
            head = message("err.invalid", chosen, what=_what(error.what, chosen), count=count)
        else:
            head = message("err.invalid_input", chosen, count=count)
        lines = [head]
        lines += [f"  - {problem_line(p, chosen)}" for p in shown]
        if count > len(shown):
            lines.append(f"  … (+{count - len(shown):,})")
        return "\n".join(lines)
    if isinstance(error, errors.ParseError):
        text = error.text if len(error.text) <= 200 else error.text[:199] + "…"
        key = error.key
        if key is not None and has_message(key):
            expected = message(key, chosen, **error.values)
        elif chosen == "en":
            expected = error.expected
        else:  # the English detail is not mixed in: say what form the input takes
            expected = message(_FALLBACK.get(error.what, "expect.invalid_value"), chosen)
            if error.what.endswith("file"):
                expected = message("expect.readable_file", chosen)
        what = _what(error.what, chosen)
        return message("err.parse", chosen, what=what, text=text, expected=expected)
    if isinstance(error, errors.UnknownCodeError):
        where = error.where
        if where == "the tthc catalogue":
            where = message("err.catalogue", chosen)
        return message("err.unknown_code", chosen, code=error.code, where=where)
    if isinstance(error, errors.NoRuleInForceError):
        key = "err.no_rule_on" if error.found == 0 else "err.rules_overlap"
        what = _what(error.what, chosen)
        return message(key, chosen, what=what, on=error.on, found=error.found)
    if isinstance(error, errors.CalendarRangeError):
        return message(
            "err.calendar_range",
            chosen,
            name=error.name,
            value=error.value,
            first=error.first,
            last=error.last,
        )
    if isinstance(error, errors.IllegalTransitionError):
        hint = ""
        if error.allowed:
            hint = message("err.transition_allowed", chosen, allowed=", ".join(error.allowed))
        return message("err.transition", chosen, event=error.event, state=error.state, hint=hint)
    return message("err.other", chosen, kind=type(error).__name__, detail=str(error))


# --------------------------------------------------------------------------- #
# Choosing the language
# --------------------------------------------------------------------------- #


def _from_locale(value: str) -> Lang | None:
    code = value.strip().lower().replace("-", "_")
    if code.startswith("vi"):
        return "vi"
    if code.startswith("en"):
        return "en"
    return None


_chosen: contextvars.ContextVar[Lang | None] = contextvars.ContextVar("tthc_lang", default=None)


@contextlib.contextmanager
def use_lang(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the block (displays, and every call that takes no ``lang``).

    >>> with use_lang("en"):
    ...     message("h.due")
    'Result due'
    """
    token = _chosen.set(_lang(lang))
    try:
        yield
    finally:
        _chosen.reset(token)


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language to speak when the caller did not choose one.

    Inside :func:`use_lang`, that language; else ``TTHC_LANG`` (``vi`` or
    ``en``); then the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is
    set (``vi_VN.UTF-8`` → ``vi``, ``en_US.UTF-8`` → ``en``; ``C`` /
    ``POSIX`` and other languages say nothing); Vietnamese otherwise.

    >>> default_lang({"LANG": "en_US.UTF-8"}), default_lang({"TTHC_LANG": "vi", "LANG": "en_US"})
    ('en', 'vi')
    >>> default_lang({"LC_ALL": "C.UTF-8"})
    'vi'
    """
    if environ is None:
        chosen_here = _chosen.get()
        if chosen_here is not None:
            return chosen_here
    env = os.environ if environ is None else environ
    chosen = _from_locale(env.get("TTHC_LANG", ""))
    if chosen is not None:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return _from_locale(value) or "vi"
    return "vi"


_RANGE = re.compile(
    r"\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]{1,5}))?\s*"
)


def accept_language(header: str | None, default: Lang = "vi") -> Lang:
    """The language an HTTP ``Accept-Language`` header prefers among vi and en (RFC 9110 §12.5.4).

    Ranges are weighed by their ``q`` (1 when absent); the first best one we
    speak wins; ``*`` or nothing we speak gives ``default``.

    >>> accept_language("vi-VN,vi;q=0.9,en;q=0.8"), accept_language("fr, en;q=0.5")
    ('vi', 'en')
    >>> accept_language(None), accept_language("de")
    ('vi', 'vi')
    """
    if not header:
        return default
    best: tuple[float, int] | None = None
    chosen: Lang = default
    for index, part in enumerate(header[:1000].split(",")[:50]):
        m = _RANGE.fullmatch(part)
        if m is None:
            continue
        try:
            weight = float(m[2]) if m[2] is not None else 1.0
        except ValueError:
            continue
        lang = default if m[1] == "*" else _from_locale(m[1])
        if lang is None or weight <= 0:
            continue
        rank = (weight, -index)
        if best is None or rank > best:
            best, chosen = rank, lang
    return chosen


# --------------------------------------------------------------------------- #
# Dates and citations
# --------------------------------------------------------------------------- #


def weekday(d: dt.date, lang: str | None = None) -> str:
    """``thứ Năm`` / ``Thursday``."""
    names: list[str] = _catalogue()["weekdays"][_lang(lang)]
    return names[d.weekday()]


def day(d: dt.date, lang: str | None = None) -> str:
    """``thứ Năm 26/11/2026`` (day-first dates in both languages).

    >>> day(dt.date(2026, 11, 26), "en")
    'Thursday 26/11/2026'
    """
    return f"{weekday(d, lang)} {d.day:02d}/{d.month:02d}/{d.year:04d}"


def month(n: int, lang: str | None = None) -> str:
    """``Tháng 11`` / ``November``."""
    names = _catalogue()["months"][_lang(lang)]
    return names.format(n=n) if isinstance(names, str) else str(names[n - 1])


_KINDS = (
    "Labour Code|Civil Code|Decision|Decree|Resolution|Circular|Constitution|"
    "Nghị quyết|Nghị định|Quyết định|Thông tư|Công văn|Thông báo|Hiến pháp|"
    "Bộ luật Lao động|Bộ luật Dân sự|Luật|Law on [A-Z][a-z]+(?: [A-Z][a-z]+){0,3}"
)
_NUMBER = r"[0-9][0-9A-Za-zĐđ/.\-]*"
# Bounded gaps only: linear time on any citation text.
_DOC = re.compile(
    rf"(?P<kind>{_KINDS})(?P<num>(?: {_NUMBER})?(?: \({_NUMBER}\))?)"
    r"(?:[^;\[\]]{0,40}?\bArt\. ?(?P<art>[0-9]+)(?P<parts>(?:\([0-9a-zđ]+\)){0,3})"
    r"(?P<span>[–-][0-9]+)?)?"
)
_PART = re.compile(r"\(([0-9a-zđ]+)\)")


def _article(art: str, parts: str, span: str, lang: Lang) -> str:
    words = _catalogue()["citation_words"][lang]
    inner = _PART.findall(parts)
    if lang == "en":
        return f"{words['article']} {art}{parts}{span}"
    text = f"{words['article']} {art}{span}"
    if inner:
        text = f"{words['clause']} {inner[0]} {text}"
    if len(inner) > 1:
        text = f"{words['point']} {inner[1]} {text}"
    return text


_ADDRESS = re.compile(
    r"\b(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.vn|vn|com|org|net)(?:/[^\s,;)]*)?"
)


def source(text: str, lang: str | None = None) -> str:
    """A provenance note (a record's source) for display.

    English as written; in Vietnamese its documents as :func:`cite` renders
    them, else its web addresses ("theo dichvucong.gov.vn/…"), never the
    English prose around them.

    >>> source("National portal record 1.004222 (dichvucong.gov.vn/x), as crawled", "vi")
    'theo dichvucong.gov.vn/x'
    """
    chosen = _lang(lang)
    if chosen == "en":
        return text
    cited = cite(text, chosen)
    if cited:
        return cited
    addresses = list(dict.fromkeys(m[0] for m in _ADDRESS.finditer(text[:2000])))
    if addresses:
        return message("h.according_to", chosen, where=", ".join(addresses))
    return message("h.source_unnamed", chosen)


def cite(citation: str, lang: str | None = None) -> str:
    """A citation for display: as written in English; its documents and articles in Vietnamese.

    The library's citations are English prose around document numbers. For
    ``vi`` the document references are kept, with the kind in Vietnamese and
    the article as Vietnamese cites it (``Art. 147(2)`` → ``khoản 2 Điều 147``),
    the certainty tags in Vietnamese (``secondary`` → ``nguồn thứ cấp``) and
    the rest of the English commentary left out.

    >>> cite("Labour Code 2019 (45/2019/QH14) Art. 112(1); secondary", "vi")
    'khoản 1 Điều 112 Bộ luật Lao động 2019 (45/2019/QH14) (nguồn thứ cấp)'
    """
    chosen = _lang(lang)
    if chosen == "en":
        return citation
    terms = dict(_catalogue()["terms"])
    parts: list[str] = []
    for m in _DOC.finditer(citation[:2000]):
        kind: str = m["kind"] or ""
        # a law's English name is not Vietnamese: an unknown one is just "Luật"
        kind_vi = terms.get(kind, "Luật" if kind.startswith("Law on ") else kind)
        doc = kind_vi + (m["num"] or "")
        if m["art"]:
            doc = f"{_article(m['art'], m['parts'] or '', m['span'] or '', 'vi')} {doc}"
        if doc not in parts:
            parts.append(doc)
    lowered = citation.lower()
    caveats = list(dict.fromkeys(vi for en, vi in _catalogue()["caveats"] if en in lowered))
    return "; ".join(parts) + (f" ({'; '.join(caveats)})" if caveats else "")
