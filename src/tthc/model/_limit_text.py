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

Published text with cases ("…; trường hợp cần xác minh thì không quá 05 ngày
làm việc") is not a user-typed limit: read it with
:func:`tthc.sources.parse_time_limit` and pass its ``.ordinary``.

Readings, each as the law writes it:

- "ngày làm việc" / "working days": working days;
- "ngày" alone: calendar days, as the Civil Code 2015 (91/2015/QH13)
  Art. 144 and 147–148 count a period set in days (primary text read); the
  English "days" alone is refused as ambiguous (write "working days" or
  "calendar days");
- "giờ làm việc" / "working hours"; "tháng" / "months"; "trong ngày" / "same day";
- a bare number ("7") only where the caller says what it counts
  (``bare_number=TimeUnit.WORKING_DAYS``); otherwise it is refused.

The reading runs in linear time: the text is cut to :data:`MAX_LIMIT_TEXT`
characters' worth of checks before any pattern runs, and the patterns have no
nested repetition.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Final

from tthc.errors import ParseError
from tthc.model._enums import TimeUnit
from tthc.model._time_limit import TimeLimit

__all__ = ["EXPECTED_LIMIT", "MAX_LIMIT_TEXT", "UNIT_WORDS", "read_time_limit"]

#: The longest text read as a user-typed limit (500 characters); longer text is
#: refused before any pattern runs.
MAX_LIMIT_TEXT: Final = 500

#: What the reader accepts, for error messages.
EXPECTED_LIMIT: Final = (
    "a time limit such as '7 ngày làm việc', '15 ngày', '8 giờ làm việc', '3 tháng', "
    "'trong ngày', '3 working days', '15 calendar days' or '2 months'"
)

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
}

# Units a person may type that do not say which count they mean.
_AMBIGUOUS: Final[dict[str, str]] = {
    "days": "'working days' or 'calendar days'",
    "day": "'working days' or 'calendar days'",
    "giờ": "'giờ làm việc' (working hours)",
    "hours": "'working hours'",
    "hour": "'working hours'",
    "tuần": "the days ('5 ngày làm việc' or '7 ngày')",
    "weeks": "the days ('5 working days' or '7 calendar days')",
    "week": "the days ('5 working days' or '7 calendar days')",
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
_WORD_AMOUNT = re.compile(r"(?P<w>[^\W\d_]{2,5}) (?P<unit>.{1,40})")
_CUTOFF = re.compile(
    r"(?P<base>.{1,60}?) ?\((?:sau|after) (?P<h>[0-9]{1,2})[:h](?P<m>[0-9]{2}):? "
    r"(?:ngày làm việc tiếp theo|next working day)\)"
)
_MAX_AMOUNT: Final = 100_000


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
        raise ParseError(
            _text_of(value), "text such as '7 ngày làm việc' or a TimeLimit", what=what
        )
    if isinstance(value, int):
        if bare_number is None:
            raise ParseError(
                str(value),
                f"a unit after the number, such as '{value} ngày làm việc' "
                f"or '{value} working days'",
                what=what,
            )
        return _build(value, bare_number, None, str(value), what)
    raw = value
    if len(raw) > MAX_LIMIT_TEXT or not raw.strip():
        raise ParseError(raw, EXPECTED_LIMIT, what=what)
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
            raise ParseError(raw, "a cut-off time of day such as 15:00", what=what)
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
    if text.isascii() and text.isdigit() and len(text) <= 7:
        if bare_number is None:
            raise ParseError(
                raw,
                f"a unit after the number, such as '{int(text)} ngày làm việc' "
                f"or '{int(text)} working days'",
                what=what,
            )
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
        raise ParseError(raw, EXPECTED_LIMIT, what=what)
    unit = UNIT_WORDS.get(unit_text)
    if unit is None:
        hint = _AMBIGUOUS.get(unit_text)
        expected = f"a unit that says what it counts: {hint}" if hint else EXPECTED_LIMIT
        raise ParseError(raw, expected, what=what)
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
        raise ParseError(
            raw, f"a whole number from 1 to {_MAX_AMOUNT:,} before the unit", what=what
        )
    return TimeLimit(amount, unit, cutoff=cutoff, condition=condition, raw=raw)


def _text_of(value: Any) -> str:
    try:
        return repr(value)[:200]
    except Exception:  # a broken __repr__ must not hide the error
        return f"<{type(value).__name__} object>"
