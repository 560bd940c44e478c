"""The one reading of a time limit a person types: ``"7 ngày làm việc"``, ``"3 working days"``.

Every surface that takes a time limit from a user (:func:`tthc.due_date`,
:func:`tthc.batch.due_dates`, ``tthc due``, the HTTP service) reads it with
:func:`read_time_limit`, so they cannot disagree. The grammar is small and
table-driven (:data:`UNIT_WORDS`): an optional lead-in ("không quá", "trong
vòng", "within"), a whole number (digits, or a number word up to ten), a unit,
and an optional start clause ("kể từ ngày nhận đủ hồ sơ hợp lệ", kept in
``raw`` only: the clock starts at the receipt the caller gives). What
:meth:`TimeLimit.label` writes reads back (``"trong ngày (sau 15:00: ngày làm
việc tiếp theo)"``).

Text the small grammar does not read (published text with a cut-off clause
or cases: "Trong ngày, sau 15 giờ thì trả kết quả trong ngày làm việc tiếp
theo", "…; trường hợp cần xác minh thì không quá 05 ngày làm việc") goes to the
published-text reader, :func:`tthc.sources.parse_time_limit`, and its ordinary
limit is used. The model does not import :mod:`tthc.sources` (it sits above
the model): :mod:`tthc.reading` registers it with :func:`use_published_reader`
when imported, and :func:`read_time_limit` imports that module by name the
first time it needs it.

Readings, each as the law writes it:

- "ngày làm việc" / "working days": working days;
- "ngày" alone: calendar days, the reading :func:`tthc.sources.parse_time_limit`
  applies and cites (Civil Code 2015, 91/2015/QH13, Art. 144, 147–148); the
  English "days" alone is refused as ambiguous (write "working days" or
  "calendar days");
- "giờ làm việc" / "working hours"; "giờ" / "hours": clock hours from the
  receipt; "nửa ngày làm việc", "1,5 ngày làm việc" / "1.5 working days": half
  working days; "tháng" / "months"; "trong ngày" / "same day";
- a bare number ("7") only where the caller says what it counts
  (``bare_number=TimeUnit.WORKING_DAYS``); otherwise it is refused.

The reading runs in linear time: text longer than :data:`MAX_LIMIT_TEXT`
characters skips the small grammar, and its patterns have bounded repetition
only.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import unicodedata
from collections.abc import Callable
from typing import Any, Final

from tthc.errors import ParseError, TthcError, parse_error
from tthc.messages import Message
from tthc.model._enums import TimeUnit
from tthc.model._time_limit import TimeLimit

__all__ = ["MAX_LIMIT_TEXT", "UNIT_WORDS", "read_time_limit", "use_published_reader"]

#: The longest text read as a user-typed limit (500 characters); longer text is
#: refused before any pattern runs.
MAX_LIMIT_TEXT: Final = 500


#: Unit words (lower case, single spaces) → the unit they name.
UNIT_WORDS: Final[dict[str, TimeUnit]] = {
    "ngày làm việc": TimeUnit.WORKING_DAYS,
    "working days": TimeUnit.WORKING_DAYS,
    "working day": TimeUnit.WORKING_DAYS,
    "business days": TimeUnit.WORKING_DAYS,
    "business day": TimeUnit.WORKING_DAYS,
    "workdays": TimeUnit.WORKING_DAYS,
    "workday": TimeUnit.WORKING_DAYS,
    "ngày": TimeUnit.CALENDAR_DAYS,
    "ngày theo lịch": TimeUnit.CALENDAR_DAYS,
    "calendar days": TimeUnit.CALENDAR_DAYS,
    "calendar day": TimeUnit.CALENDAR_DAYS,
    "giờ làm việc": TimeUnit.WORKING_HOURS,
    "working hours": TimeUnit.WORKING_HOURS,
    "working hour": TimeUnit.WORKING_HOURS,
    "business hours": TimeUnit.WORKING_HOURS,
    "business hour": TimeUnit.WORKING_HOURS,
    "tháng": TimeUnit.MONTHS,
    "months": TimeUnit.MONTHS,
    "month": TimeUnit.MONTHS,
    # 'giờ' without 'làm việc': clock hours elapsed from the receipt, as
    # tthc.sources.parse_time_limit reads it (Civil Code 2015 Art. 147(1))
    "giờ": TimeUnit.HOURS,
    "hours": TimeUnit.HOURS,
    "hour": TimeUnit.HOURS,
    "clock hours": TimeUnit.HOURS,
}

#: Words for half a working day (amount 1 of TimeUnit.HALF_WORKING_DAYS).
_HALF_DAY: Final = frozenset({"nửa ngày làm việc", "half a working day", "half working day"})

# Units a person may type that do not say which count they mean.
_AMBIGUOUS: Final[dict[str, str]] = {
    "days": "hint.working_or_calendar",
    "day": "hint.working_or_calendar",
    "tuần": "hint.weeks",
    "weeks": "hint.weeks",
    "week": "hint.weeks",
}

_SAME_DAY: Final = frozenset(
    {
        "trong ngày",
        "trong ngày làm việc",
        "trong buổi làm việc",
        "same day",
        "same working day",
        "the same day",
        "the same working day",
        "within the day",
    }
)

_LEADS: Final = (
    "không vượt quá ",
    "không quá ",
    "tối đa ",
    "trong vòng ",
    "trong thời hạn ",
    "trong thời gian ",
    "trong ",
    "no more than ",
    "not more than ",
    "at most ",
    "up to ",
    "within ",
    "in ",
)
_STARTS: Final = (
    " kể từ ",
    " tính từ ",
    " từ ngày ",
    " starting from ",
    " counted from ",
    " from ",
)

_WORDS: Final[dict[str, int]] = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

# "07 (bảy) ngày làm việc": the spelled-out check in brackets is dropped.
_AMOUNT = re.compile(r"(?P<n>[0-9]{1,7})(?: ?\([^()]{1,30}\))? (?P<unit>.{1,40})")
_HALF_AMOUNT = re.compile(r"(?P<n>[0-9]{1,6})[.,]5 (?P<unit>.{1,40})")
_WORD_AMOUNT = re.compile(r"(?P<w>[^\W\d_]{2,5}) (?P<unit>.{1,40})")
_CUTOFF = re.compile(
    r"(?P<base>.{1,60}?) ?\((?:sau|after) (?P<h>[0-9]{1,2})[:h](?P<m>[0-9]{2}):? "
    r"(?:ngày làm việc tiếp theo|next working day)\)"
)
_MAX_AMOUNT: Final = 100_000


_published: list[Callable[[str], TimeLimit]] = []


def use_published_reader(reader: Callable[[str], TimeLimit]) -> None:
    """Register the reader of published limit text (``tthc.reading`` does, at import)."""
    _published[:] = [reader]


def _normalized(text: str) -> str:
    value = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    value = " ".join(value.split()).lower()
    return value.rstrip(" .;")


def read_time_limit(
    value: TimeLimit | str | int,
    *,
    bare_number: TimeUnit | None = None,
    what: str = "time limit",
) -> TimeLimit:
    """A :class:`TimeLimit` from what a person typed, or the limit itself.

    ``value`` is a :class:`TimeLimit` (returned as is), or text in Vietnamese
    or English. ``bare_number`` is the unit a bare number counts in
    (``"7"`` or ``7``), where the context says so (the command line and the
    HTTP service say working days); without it a bare number is refused.
    The text becomes the limit's ``raw``.

    Raises :class:`~tthc.errors.ParseError` (``what`` names the input) for text
    it cannot read, naming the forms it accepts.

    >>> read_time_limit("7 ngày làm việc")
    TimeLimit(amount=7, unit=<TimeUnit.WORKING_DAYS: 'working_days'>, cutoff=None, condition=None, raw='7 ngày làm việc')
    >>> read_time_limit("Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ").amount
    5
    >>> str(read_time_limit("3 working days"))
    '3 ngày làm việc'
    >>> str(read_time_limit("7", bare_number=TimeUnit.WORKING_DAYS))
    '7 ngày làm việc'
    """  # noqa: E501
    if isinstance(value, TimeLimit):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise parse_error(_text_of(value), "expect.limit_value", what=what)
    if isinstance(value, int):
        if bare_number is None:
            raise parse_error(str(value), "expect.limit_unit_after_number", what=what, n=value)
        return _build(value, bare_number, None, str(value), what)
    try:
        return _read_text(value, bare_number, what)
    except ParseError as e:
        if e.key != "expect.limit_text" or not value.strip():
            raise
        reader = _published_reader()
        if reader is None:
            raise
        try:
            return reader(value)
        except TthcError:
            raise e from None


def _published_reader() -> Callable[[str], TimeLimit] | None:
    """The registered reader of published text; looked up by name on first need.

    :mod:`tthc.reading` (above :mod:`tthc.sources`) registers it when it is
    imported; if nothing has imported it yet (a lazy ``import tthc``), it is
    imported here by name, so the answer never depends on import order while
    the model keeps no import-time dependency on the layers above it.
    """
    if not _published:
        reading = importlib.import_module("tthc.reading")
        use_published_reader(reading.read_published_limit)
    return _published[0] if _published else None


def _read_text(raw: str, bare_number: TimeUnit | None, what: str) -> TimeLimit:
    if len(raw) > MAX_LIMIT_TEXT or not raw.strip():
        raise parse_error(raw[:MAX_LIMIT_TEXT], "expect.limit_text", what=what)
    text = _normalized(raw)
    condition: str | None = None
    if " — " in text:  # what TimeLimit.label writes for a conditional limit
        text = text.partition(" — ")[0]
        condition = raw.partition(" — ")[2].strip() or None
    for start in _STARTS:
        index = text.find(start)
        if index > 0:
            text = text[:index]
            break
    cutoff: dt.time | None = None
    m = _CUTOFF.fullmatch(text)
    if m is not None:
        hour, minute = int(m["h"]), int(m["m"])
        if hour > 23 or minute > 59:
            raise parse_error(raw, "expect.cutoff", what=what)
        cutoff = dt.time(hour, minute)
        text = m["base"]
    if text in _SAME_DAY or (text.startswith("ngay ") and text[5:] in _SAME_DAY):
        return TimeLimit(0, TimeUnit.SAME_DAY, cutoff=cutoff, condition=condition, raw=raw)
    for lead in _LEADS:
        if text.startswith(lead) and len(text) > len(lead):
            rest = text[len(lead) :]
            if rest in _SAME_DAY:
                break
            text = rest
            break
    if text in _HALF_DAY:
        return _build(1, TimeUnit.HALF_WORKING_DAYS, cutoff, raw, what, condition)
    half = _HALF_AMOUNT.fullmatch(text)
    if half is not None:  # "1,5 ngày làm việc", "0.5 working days": half working days
        if UNIT_WORDS.get(half["unit"]) is not TimeUnit.WORKING_DAYS:
            raise parse_error(raw, "expect.half_days", what=what)
        halves = 2 * int(half["n"]) + 1
        return _build(halves, TimeUnit.HALF_WORKING_DAYS, cutoff, raw, what, condition)
    if text.isascii() and text.isdigit() and len(text) <= 7:
        if bare_number is None:
            raise parse_error(raw, "expect.limit_unit_after_number", what=what, n=int(text))
        return _build(int(text), bare_number, cutoff, raw, what, condition)
    amount: int | None = None
    unit_text = ""
    m = _AMOUNT.fullmatch(text)
    if m is not None:
        amount, unit_text = int(m["n"]), m["unit"]
    else:
        w = _WORD_AMOUNT.fullmatch(text)
        if w is not None and w["w"] in _WORDS:
            amount, unit_text = _WORDS[w["w"]], w["unit"]
    if amount is None:
        raise parse_error(raw, "expect.limit_text", what=what)
    unit = UNIT_WORDS.get(unit_text)
    if unit is None:
        hint = _AMBIGUOUS.get(unit_text)
        if hint is None:
            raise parse_error(raw, "expect.limit_text", what=what)
        raise parse_error(raw, "expect.limit_clear_unit", what=what, hint=Message.of(hint))
    return _build(amount, unit, cutoff, raw, what, condition)


def _build(
    amount: int,
    unit: TimeUnit,
    cutoff: dt.time | None,
    raw: str,
    what: str,
    condition: str | None = None,
) -> TimeLimit:
    if unit is TimeUnit.SAME_DAY:
        return TimeLimit(0, unit, cutoff=cutoff, condition=condition, raw=raw)
    if not 1 <= amount <= _MAX_AMOUNT:
        raise parse_error(raw, "expect.limit_amount", what=what, most=f"{_MAX_AMOUNT:,}")
    return TimeLimit(amount, unit, cutoff=cutoff, condition=condition, raw=raw)


def _text_of(value: Any) -> str:
    try:
        return repr(value)[:200]
    except Exception:  # a broken __repr__ must not hide the error
        return f"<{type(value).__name__} object>"
