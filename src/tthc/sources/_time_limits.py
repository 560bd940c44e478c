"""Reading published time limits (thời hạn giải quyết) into :class:`~tthc.model.TimeLimit`."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from tthc._validate import as_tuple, tuple_of
from tthc.errors import ParseError, TthcError
from tthc.messages import Message
from tthc.model import TimeLimit, TimeUnit
from tthc.sources._text import (
    LEADING_NUMBER_WORDS,
    NOT_AFTER_NUMBER_WORD,
    NUMBER_WORDS,
    check_cell,
    clean_text,
    read_digits,
    read_vietnamese_number,
)

__all__ = ["ParsedTimeLimit", "parse_time_limit"]

_EXPECTED = (
    "a time limit such as '07 ngày làm việc', '15 ngày', '02 giờ làm việc', '03 tháng', "
    "'Trong ngày' or 'ngay sau khi nhận đủ giấy tờ', optionally with cases "
    "('…; trường hợp cần xác minh thì không quá 05 ngày làm việc')"
)

# Citations for the readings the notes explain.
CALENDAR_DAYS_NOTE = Message.of("note.calendar_days")
MONTHS_NOTE = Message.of("note.months")
IMMEDIATE_NOTE = Message.of("note.immediate")

# issue 20 (the law): clock hours and half working days.
CLOCK_HOURS_NOTE = (
    "'giờ' without 'làm việc' read as clock hours elapsed from the receipt moment "
    "(Civil Code 2015 Art. 147(1)); working hours are written 'giờ làm việc' (Decree "
    "63/2024/NĐ-CP as amended by Decree 301/2026/NĐ-CP uses both: 'trong 24 giờ', "
    "'2 giờ làm việc')"
)
HALF_DAY_NOTE = (
    "half a working day counted as half the office minutes of a day: no text found "
    "defines it [unconfirmed]"
)
HALF_DAY_CALENDAR_NOTE = (
    "'nửa ngày' / '0,5 ngày' without 'làm việc' read as half a working day, not 12 hours"
)
_HALF_DAY = re.compile(
    r"(?<![\w.,])(?:(?P<whole>[0-9]{1,3})[,.]5|(?P<half>nửa))\s+(?P<unit>ngày\s+làm\s+việc|ngày)"
    r"(?!\w)"
)

_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_LEAD_ALT = "|".join(sorted(LEADING_NUMBER_WORDS, key=len, reverse=True))
# clean_text leaves one whitespace character between words; a run of number
# words is read from its first word only (NOT_AFTER_NUMBER_WORD), so reading
# stays linear in the length of the text.
_WORDS = rf"{NOT_AFTER_NUMBER_WORD}(?:{_LEAD_ALT})(?:\s(?:{_WORD_ALT}))*"
_UNIT = r"ngày\s+làm\s+việc|giờ\s+làm\s+việc|ngày|giờ|tháng|tuần|năm|phút"
_DURATION = re.compile(
    rf"(?<![\w./-])(?<!\d,)(?:(?P<digits>[0-9]++)(?:\s*+\((?P<check>[^()]*+)\))?|(?P<words>{_WORDS}))"
    rf"\s*+(?P<unit>{_UNIT})(?!\w)"
)
_RANGE = re.compile(
    rf"(?<![\w./])[0-9]++\s*+(?:-|–|đến|tới)\s*+[0-9]++\s*+(?:{_UNIT})(?!\w)",
)
# A minus sign attached to an amount ("-3 ngày làm việc"): a limit is never
# negative. "- 3 ngày" (a dash and a space) is a list item and stays readable.
_NEGATIVE = re.compile(rf"(?<![\w.,/])[-−–][0-9]++\s*+(?:{_UNIT})(?!\w)")
_SAME_DAY = re.compile(
    r"(?<!\w)(?:ngay\s+)?trong\s+(?:ngày|buổi)(?:\s+làm\s+việc)?"
    r"(?!\s*(?:làm\s+việc\s+)?(?:tiếp\s+theo|kế\s+tiếp|hôm\s+sau))(?!\s*\d)"
)
_IMMEDIATE = re.compile(
    r"(?<!\w)(?:ngay\s+sau\s+khi|ngay\s+khi|giải\s+quyết\s+ngay|trả\s+kết\s+quả\s+ngay"
    r"|cấp\s+ngay)(?!\w)"
)
_CUTOFF = re.compile(
    r"(?:sau|quá|từ\s+sau)\s+(?P<h>\d{1,2})\s*(?:(?:giờ|h)(?:\s*(?P<m>\d{2})(?:\s*phút)?)?"
    r"|:(?P<m2>\d{2}))(?!\s*làm\s+việc)(?:\s+(?P<part>sáng|trưa|chiều|tối))?"
)
_NEXT_DAY = re.compile(r"(?:tiếp\s+theo|kế\s+tiếp|hôm\s+sau)")
_CONDITION_START = re.compile(r"^(?:trường\s+hợp|đối\s+với|nếu|riêng|khi|với\s+trường\s+hợp)\b")
_CONDITION_INSIDE = re.compile(r"(?:với|đối\s+với|trong)\s+trường\s+hợp\b|(?<!\w)nếu\b")
_START_EVENT = re.compile(r"kể\s+từ\s+[^,;.]+")
_DATE_AFTER = re.compile(r"\s+\d")


@attrs.frozen
class ParsedTimeLimit:
    """A published time limit, read: the limits, the text, and how it was read.

    - ``limits``: the ordinary limit first (``condition`` ``None``), then the
      alternatives the text states for cases ("trường hợp cần xác minh thì
      không quá 05 ngày làm việc"), each carrying its case as ``condition``;
    - ``raw``: the text as given;
    - ``assumptions``: readings that could be wrong and that a person may want
      to check ("'ngày' read as calendar days"), each with its reason;
    - ``notes``: what was kept aside without changing the meaning (the start
      event "kể từ ngày nhận đủ hồ sơ hợp lệ", text that is not a limit).
    """

    raw: str
    limits: tuple[TimeLimit, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(TimeLimit, non_empty=True)
    )
    notes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str))
    assumptions: tuple[str, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(str)
    )

    @property
    def ordinary(self) -> TimeLimit:
        """The ordinary limit (the first)."""
        return self.limits[0]

    @property
    def alternatives(self) -> tuple[TimeLimit, ...]:
        """The limits stated for particular cases."""
        return self.limits[1:]


@attrs.frozen
class _Reading:
    limit: TimeLimit
    condition: str | None
    segment: str


def _segments(text: str) -> list[str]:
    # a line that starts in lower case continues the one before ("07 ngày<br>làm việc")
    text = re.sub(r"\n(?=[^\W\d_])(?=[^A-ZÀ-Ỹ])", " ", text)
    parts: list[str] = []
    # A case after a comma is an alternative too: "15 ngày làm việc, trường hợp
    # phức tạp thì không quá 30 ngày".
    text = re.sub(r",\s*(?=(?:trường\s+hợp|đối\s+với|riêng)\b)", ";", text, flags=re.IGNORECASE)
    for chunk in re.split(r"[;\n]", text):
        start = 0
        for m in re.finditer(r"\.\s+(?=\S)", chunk):
            nxt = chunk[m.end()]
            if nxt.isupper() or nxt in "-+*•":
                parts.append(chunk[start : m.start()])
                start = m.end()
        parts.append(chunk[start:])
    return [p.strip(" .,:-+*•\t") for p in parts if p.strip(" .,:-+*•\t")]


def _amount(m: re.Match[str], text: str) -> int:
    if m["digits"] is not None:
        value = read_digits(m["digits"], text, "time limit")
        if m["check"] is not None and m["check"].strip():
            try:
                spelled = read_vietnamese_number(m["check"])
            except ParseError:
                raise ParseError(
                    text,
                    f"the words in brackets after {m['digits']!r} to spell the same number "
                    f"(got {m['check']!r})",
                    what="time limit",
                ) from None
            if spelled != value:
                raise ParseError(
                    text,
                    f"the words in brackets to spell {value} (they spell {spelled})",
                    what="time limit",
                )
        return value
    try:
        return read_vietnamese_number(m["words"])
    except ParseError as e:
        raise ParseError(text, f"{_EXPECTED}; {e.expected}", what="time limit") from None


def _is_date(lower: str, m: re.Match[str]) -> bool:
    """``15 tháng 5 năm 2021`` and ``5 năm 2021`` are dates, not periods."""
    unit = m["unit"]
    if unit in ("tháng", "năm") and _DATE_AFTER.match(lower, m.end()):
        return True
    if unit != "tháng":
        return False
    end = m.start()
    while end > 0 and lower[end - 1].isspace():  # at most one, after clean_text
        end -= 1
    return lower.endswith("ngày", 0, end)


_CLOCK_WORDS = ("sau", "trước", "lúc", "vào", "từ", "đến", "quá", "tới")


def _is_time_of_day(lower: str, m: re.Match[str]) -> bool:
    """``trước 16 giờ``, ``lúc 8 giờ sáng`` name a time of day, not a period (issue 20)."""
    if m["unit"] != "giờ":
        return False
    before = lower[max(0, m.start() - 12) : m.start()].rstrip()
    if before.endswith(_CLOCK_WORDS) and not before.endswith("không quá"):
        return True
    after = lower[m.end() : m.end() + 8].lstrip()
    return after.startswith(("sáng", "trưa", "chiều", "tối", "hằng ngày", "hàng ngày"))


def _condition_of(segment: str, lower: str) -> str | None:
    if " thì " in lower:
        cut = lower.index(" thì ")
        return segment[:cut].strip(" ,:") or None
    if _CONDITION_START.match(lower):
        return segment.strip(" ,:")
    if m := _CONDITION_INSIDE.search(lower):
        return segment[m.start() :].strip(" ,:") or None
    return None


def _limit_from_unit(
    amount: int, unit: str, segment: str | None, text: str, assumptions: _Unique, notes: _Unique
) -> TimeLimit:
    unit = re.sub(r"\s+", " ", unit)
    try:
        if unit == "ngày làm việc":
            return TimeLimit.working_days(amount, raw=segment)
        if unit == "ngày":
            assumptions.add(CALENDAR_DAYS_NOTE)
            return TimeLimit.calendar_days(amount, raw=segment)
        if unit == "giờ làm việc":
            return TimeLimit.working_hours(amount, raw=segment)
        if unit == "tháng":
            notes.add(MONTHS_NOTE)
            return TimeLimit.months(amount, raw=segment)
        if unit == "giờ":  # issue 20: clock hours ("trong 24 giờ")
            notes.add(CLOCK_HOURS_NOTE)
            return TimeLimit.hours(amount, raw=segment)
    except TthcError:  # e.g. "0 ngày làm việc"
        raise ParseError(
            text, f"an amount of at least 1 (got {amount} {unit})", what="time limit"
        ) from None
    unsupported = {
        "tuần": "weeks: no TimeUnit for weeks, and 7 days is not assumed",
        "năm": "years: no TimeUnit for years",
        "phút": "minutes: no TimeUnit for minutes",
    }
    raise ParseError(text, f"{_EXPECTED}; got {unsupported[unit]}", what="time limit")


def _read_segment(segment: str, text: str, assumptions: _Unique, notes: _Unique) -> list[TimeLimit]:
    lower = segment.lower()
    if len(lower) != len(segment):  # pragma: no cover - no Vietnamese letter changes length
        segment = lower
    if _RANGE.search(lower):
        raise ParseError(
            text, f"{_EXPECTED}; a range such as '03 - 05 ngày' is not one limit", what="time limit"
        )
    found: list[tuple[int, TimeLimit]] = []
    for m in _DURATION.finditer(lower):
        if _is_date(lower, m) or _is_time_of_day(lower, m):
            continue
        # raw text is attached to the one limit kept: validating the same long
        # segment once per period found was quadratic
        limit = _limit_from_unit(_amount(m, text), m["unit"], None, text, assumptions, notes)
        found.append((m.start(), limit))
    for m in _HALF_DAY.finditer(lower):  # issue 20: "0,5 ngày làm việc", "nửa ngày"
        halves = 1 if m["half"] else 2 * int(m["whole"]) + 1
        assumptions.add(HALF_DAY_NOTE)
        if not m["unit"].endswith("việc"):
            assumptions.add(HALF_DAY_CALENDAR_NOTE)
        found.append((m.start(), TimeLimit.half_working_days(halves)))
    for pattern, note in ((_SAME_DAY, None), (_IMMEDIATE, IMMEDIATE_NOTE)):
        for m in pattern.finditer(lower):
            found.append((m.start(), TimeLimit.same_day()))
            if note is not None:
                assumptions.add(note)
    found.sort(key=lambda pair: pair[0])
    # "ngay trong ngày" and "ngay sau khi …" both say same-day once (a dict
    # keeps the order; a list scan per limit was quadratic)
    unique = list(dict.fromkeys(limit for _, limit in found))
    if len(unique) > 1:
        shown = unique[1:_SHOWN]
        more = len(unique) - 1 - len(shown)
        items = ", ".join(str(lim) for lim in shown)
        extra = Message.of("note.and_more", items=items, more=more) if more else items
        assumptions.append(Message.of("note.several_periods", x=segment, a=unique[0], b=extra))
    return [attrs.evolve(limit, raw=segment) for limit in unique[:1]]


_SHOWN = 11  # other periods named in an assumption


class _Unique(list[str]):
    """A list of notes that ignores repeats in constant time."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[str] = set()

    def add(self, item: str) -> None:
        if item not in self._seen:
            self._seen.add(item)
            self.append(item)


_CLAUSE_START = re.compile(r"(?:trường\s+hợp|nếu|đối\s+với|riêng)\b")


def _cutoff_of(lower: str) -> tuple[dt.time, int, int] | None:
    """The cut-off time of a "sau 15 giờ … ngày làm việc tiếp theo" clause, and its span."""
    m = _CUTOFF.search(lower)
    if m is None or (after := _NEXT_DAY.search(lower, m.end())) is None:
        return None
    hour = int(m["h"])
    minute = int(m["m"] or m["m2"] or 0)
    if m["part"] in ("chiều", "tối") and hour < 12:  # "3 giờ chiều" is 15:00
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    starts = [c.start() for c in _CLAUSE_START.finditer(lower, 0, m.start())]
    return dt.time(hour, minute), (starts[-1] if starts else m.start()), after.end()


def parse_time_limit(text: str) -> ParsedTimeLimit:
    """Read a published time limit (thời hạn giải quyết).

    Reads the forms the national and provincial portals publish:

    - working days, calendar days, working hours and months with the amount in
      digits, leading zeros kept or not ("07 ngày làm việc", "5 Ngày làm
      việc"), in words ("năm ngày làm việc", "hai mươi ngày") or both ("03 (ba)
      ngày làm việc", which must agree);
    - "không quá", "tối đa", "trong thời hạn" before the amount (a time limit
      is a maximum anyway); the start event ("kể từ ngày nhận đủ hồ sơ hợp
      lệ") is kept as a note;
    - clock hours ("trong 24 giờ", "48 giờ": elapsed from the receipt, Civil
      Code 2015 Art. 147(1)) and half working days ("0,5 ngày làm việc",
      "nửa ngày làm việc", "1,5 ngày làm việc");
    - same day: "Trong ngày", "Ngay trong ngày", "Trong ngày làm việc", and
      "ngay sau khi nhận đủ giấy tờ" (immediately, read as the same day);
    - the 15:00 rule: "trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong
      ngày làm việc tiếp theo" sets ``cutoff=time(15, 0)`` on the same-day
      limit (Law on Civil Status 60/2014/QH13 Art. 5(3));
    - cases after the ordinary limit ("…; trường hợp cần xác minh thì không quá
      05 ngày làm việc"), each an extra limit carrying its case as condition.

    "ngày" alone means calendar days (Civil Code 2015 Art. 144, 147-148); the
    result says so in ``assumptions``. Raises :class:`~tthc.errors.ParseError`
    when no limit can be read, when the unit has no :class:`~tthc.model.TimeUnit`
    (weeks, years, minutes), for ranges ("03 - 05 ngày") and for a bare
    number without a unit (the portal sometimes publishes "1").

    >>> r = parse_time_limit("07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")
    >>> r.limits[0] == TimeLimit.working_days(7)
    True
    >>> r = parse_time_limit(
    ...     "Ngay trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc"
    ... )
    >>> [str(limit) for limit in r.limits]
    ['trong ngày', '5 ngày làm việc — trường hợp cần xác minh']
    """
    clean = clean_text(check_cell(text, "time limit"))
    if not clean:
        raise ParseError(text, _EXPECTED, what="time limit")
    if m := _NEGATIVE.search(clean.lower()):
        raise ParseError(
            text, f"{_EXPECTED}; got a negative amount {m.group()!r}", what="time limit"
        )
    assumptions = _Unique()
    notes = _Unique()
    readings: list[_Reading] = []
    cutoff: dt.time | None = None
    cutoff_segment: str | None = None
    for segment in _segments(clean):
        lower = segment.lower()
        if (found := _cutoff_of(lower)) is not None:
            found_cutoff, start, end = found
            if cutoff is not None and found_cutoff != cutoff:
                raise ParseError(text, "a single cut-off time", what="time limit")
            cutoff, cutoff_segment = found_cutoff, segment[start:end]
            # one space where the clause was: the patterns expect single spaces
            segment = (segment[:start].rstrip() + " " + segment[end:].lstrip()).strip(" ,.:")
            lower = segment.lower()
            if not segment:
                continue
        for event in _START_EVENT.finditer(segment):
            notes.add(Message.of("note.counted_from", x=event.group(0).strip()))
        limits = _read_segment(segment, text, assumptions, notes)
        if not limits:
            notes.append(Message.of("note.not_a_limit", x=segment))
            continue
        readings.append(_Reading(limits[0], _condition_of(segment, lower), segment))
    if not readings:
        if cutoff is None:
            raise ParseError(text, _EXPECTED, what="time limit")
        # the rule alone: same day, or the next working day after the cut-off
        readings.append(_Reading(TimeLimit.same_day(), None, cutoff_segment or clean))
    first, rest = readings[0], readings[1:]
    if first.condition is not None:
        assumptions.append(Message.of("note.first_for_case", x=first.condition))
    ordinary = attrs.evolve(first.limit, condition=None, raw=clean)
    if cutoff is not None:
        if ordinary.unit is TimeUnit.SAME_DAY:
            ordinary = attrs.evolve(ordinary, cutoff=cutoff)
        else:
            notes.append(Message.of("note.cutoff_kept", x=cutoff_segment))
    limits = [ordinary]
    for reading in rest:
        condition = reading.condition
        if condition is None:
            assumptions.append(Message.of("note.alternative_without_case", x=reading.segment))
            condition = reading.segment
        alternative = attrs.evolve(reading.limit, condition=condition, raw=reading.segment)
        if cutoff is not None and alternative.unit is TimeUnit.SAME_DAY:
            alternative = attrs.evolve(alternative, cutoff=cutoff)
        limits.append(alternative)
    return ParsedTimeLimit(
        raw=text, limits=limits, notes=tuple(notes), assumptions=tuple(assumptions)
    )
