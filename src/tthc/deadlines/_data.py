"""Reading calendar announcements (shipped or user-supplied) from JSON or TOML."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from tthc._io import read_file
from tthc._json import check_shape, key_path, loads_json
from tthc.deadlines._days import DayKind, DayReason, DayRecord
from tthc.errors import ParseError, Problem, ValidationError
from tthc.rules import Rule, Rules

__all__ = [
    "KNOWN_SWITCHES",
    "Announcement",
    "CalendarData",
    "check_announcement",
    "load_calendar_data",
]

#: An announcement: the cited records of a window of days (usually a year).
#: Inside the window, a weekday not listed is worked and a weekend day not
#: listed is a rest day; the ``Rule``'s window and citation come from
#: :mod:`tthc.rules`.
Announcement = Rule[tuple[DayRecord, ...]]

#: Record switches the calendar knows (see ``official_calendar(culture_day=...)``).
KNOWN_SWITCHES = frozenset({"culture_day"})

CalendarData = tuple[tuple[Announcement, ...], tuple[DayRecord, ...]]

# The keys each table may hold; anything else is refused (a typo such as
# "valid_til" must not silently drop a window). The top level also allows the
# descriptive keys of the shipped file.
_TOP_KEYS = ("announcements", "days", "calendar", "weekly_rest", "rule")
_ANNOUNCEMENT_KEYS = ("valid_from", "valid_until", "citation", "days")
_DAY_KEYS = ("date", "kind", "reason", "vi", "en", "citation", "switch")


def _unknown_keys(raw: Mapping[Any, Any], allowed: tuple[str, ...], path: str) -> list[Problem]:
    names = ", ".join(allowed)
    return [
        Problem(key_path(path, key), raw[key], f"a known key ({names}); this key is unknown")
        for key in raw
        if key not in allowed
    ]


def _date(value: Any, path: str, problems: list[Problem]) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(Problem(path, value, "an ISO date such as '2027-02-04'"))
    return None


def _text(value: Any, path: str, problems: list[Problem], what: str) -> str | None:
    if isinstance(value, str) and value.strip():
        if value.isascii() or not _SURROGATE.search(value):
            return value
        what = f"{what}, without lone surrogates (halves of UTF-16 pairs)"
    problems.append(Problem(path, value, what))
    return None


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _day(raw: Any, path: str, problems: list[Problem]) -> DayRecord | None:
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, raw, "a table with date, kind, reason, vi, en, citation"))
        return None
    before = len(problems)
    problems.extend(_unknown_keys(raw, _DAY_KEYS, path))
    day = _date(raw.get("date"), f"{path}.date", problems)
    kind = reason = None
    try:
        if not isinstance(raw.get("kind"), str):
            raise ValidationError.single("kind", raw.get("kind"), "a string")
        kind = DayKind.from_value(raw["kind"])
    except ValidationError:
        problems.append(Problem(f"{path}.kind", raw.get("kind"), "'day_off' or 'working_day'"))
    try:
        if not isinstance(raw.get("reason"), str):
            raise ValidationError.single("reason", raw.get("reason"), "a string")
        reason = DayReason.from_value(raw["reason"])
    except ValidationError:
        allowed = ", ".join(repr(r.value) for r in DayReason)
        problems.append(Problem(f"{path}.reason", raw.get("reason"), f"one of {allowed}"))
    vi = _text(raw.get("vi"), f"{path}.vi", problems, "the Vietnamese name")
    en = _text(raw.get("en"), f"{path}.en", problems, "the English name")
    citation = _text(
        raw.get("citation"), f"{path}.citation", problems, "the document that set the day"
    )
    switch = raw.get("switch")
    if switch is not None and (not isinstance(switch, str) or switch not in KNOWN_SWITCHES):
        problems.append(Problem(f"{path}.switch", switch, f"one of {sorted(KNOWN_SWITCHES)}"))
    if len(problems) > before:
        return None
    assert day is not None
    assert kind is not None
    assert reason is not None
    assert vi is not None
    assert en is not None
    assert citation is not None
    try:
        return DayRecord(
            day, kind, reason, name_vi=vi, name_en=en, citation=citation, switch=switch
        )
    except ValidationError as error:
        problems.extend(error.prefixed(path).problems)
        return None


def _announcement(raw: Any, path: str, problems: list[Problem]) -> Announcement | None:
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, raw, "a table with valid_from, valid_until, citation, days"))
        return None
    before = len(problems)
    problems.extend(_unknown_keys(raw, _ANNOUNCEMENT_KEYS, path))
    start = _date(raw.get("valid_from"), f"{path}.valid_from", problems)
    end = _date(raw.get("valid_until"), f"{path}.valid_until", problems)
    citation = _text(
        raw.get("citation"), f"{path}.citation", problems, "the document that announced it"
    )
    raw_days = raw.get("days", [])
    if not isinstance(raw_days, list):
        problems.append(Problem(f"{path}.days", raw_days, "a list of days"))
        raw_days = []
    days = [_day(item, f"{path}.days[{i}]", problems) for i, item in enumerate(raw_days)]
    if start is not None and end is not None and end < start:
        problems.append(Problem(f"{path}.valid_until", end, "a date on or after valid_from"))
    elif start is not None and end is not None:
        problems.extend(
            Problem(f"{path}.days[{i}].date", day.day, _inside(start, end))
            for i, day in enumerate(days)
            if day is not None and not start <= day.day <= end
        )
    if len(problems) > before:
        return None
    assert start is not None
    assert end is not None
    assert citation is not None
    return Rule(
        tuple(d for d in days if d is not None),
        valid_from=start,
        valid_until=end,
        citation=citation,
    )


def check_announcement(rule: Any, path: str) -> tuple[dt.date, dt.date]:
    """Refuse an announcement a calendar cannot use: open-ended, or not a window of days.

    An announcement says which days of a *closed* window are worked, so both
    ``valid_from`` and ``valid_until`` are needed, and its value is a tuple of
    :class:`DayRecord`. Returns the window.
    """
    window: list[dt.date] = []
    for name in ("valid_from", "valid_until"):
        value = getattr(rule, name, None)
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ValidationError.single(
                f"{path}.{name}",
                value,
                "a datetime.date: an announcement covers a closed window of days "
                "(use with_days for single records)",
                what="calendar announcement",
            )
        window.append(value)
    records = getattr(rule, "value", None)
    if not isinstance(records, tuple) or not all(isinstance(r, DayRecord) for r in records):
        raise ValidationError.single(
            f"{path}.value", records, "a tuple of DayRecord", what="calendar announcement"
        )
    outside = [
        Problem(f"{path}.value[{i}].day", record.day, _inside(window[0], window[1]))
        for i, record in enumerate(records)
        if not window[0] <= record.day <= window[1]
    ]
    if outside:
        raise ValidationError(outside, what="calendar announcement")
    return window[0], window[1]


def _inside(start: dt.date, end: dt.date) -> str:
    return (
        f"a day inside the announcement's window {start.isoformat()}..{end.isoformat()} "
        "(give a day outside it its own window, or add it with with_days)"
    )


def parse_calendar_data(data: Any, *, source: str = "$") -> CalendarData:
    """Read ``{"announcements": [...], "days": [...]}``, reporting every bad field.

    >>> anns, days = parse_calendar_data({"days": [{"date": "2027-03-08",
    ...     "kind": "day_off", "reason": "other", "vi": "Nghỉ theo quyết định tỉnh",
    ...     "en": "Provincial day off", "citation": "QĐ 1/QĐ-UBND"}]})
    >>> days[0].day
    datetime.date(2027, 3, 8)
    """
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise ValidationError([Problem(source, data, "a table")], what="calendar data")
    check_shape(data, what="calendar data", root=source)
    problems.extend(_unknown_keys(data, _TOP_KEYS, source))
    raw_anns = data.get("announcements", [])
    raw_days = data.get("days", [])
    announcements: list[Announcement] = []
    if isinstance(raw_anns, list):
        for i, item in enumerate(raw_anns):
            ann = _announcement(item, f"{source}.announcements[{i}]", problems)
            if ann is not None:
                announcements.append(ann)
    else:
        problems.append(Problem(f"{source}.announcements", raw_anns, "a list"))
    days: list[DayRecord] = []
    if isinstance(raw_days, list):
        for i, item in enumerate(raw_days):
            day = _day(item, f"{source}.days[{i}]", problems)
            if day is not None:
                days.append(day)
    else:
        problems.append(Problem(f"{source}.days", raw_days, "a list"))
    if problems:
        raise ValidationError(problems, what="calendar data")
    return tuple(announcements), tuple(days)


def load_calendar_data(path: str | Path) -> CalendarData:
    """Read announcements and day records from a ``.json`` or ``.toml`` file.

    The format is the one of the shipped ``data/vn_civil_service.json``: a
    list ``announcements`` (each with ``valid_from``, ``valid_until``,
    ``citation`` and ``days``) and/or a list ``days`` of single cited records.
    Reading is strict: an unknown key is an error, as in
    :mod:`tthc.serialization`.

    Every failure is a :class:`~tthc.errors.TthcError` naming the file: a
    missing or unreadable file, text that is not UTF-8, JSON or TOML that does
    not parse, nesting or numbers past :mod:`tthc.limits`
    (:class:`~tthc.errors.ParseError`), and content that is not calendar data
    (:class:`~tthc.errors.ValidationError` with the path of every bad field).
    """
    try:
        file = Path(path)
    except TypeError:
        raise ParseError(
            repr(path)[:200], "a path to a .json or .toml file", what="calendar file"
        ) from None
    try:
        raw = read_file(file, what="calendar file")  # at most tthc.limits.MAX_INPUT_BYTES
    except (OSError, ValueError) as e:  # ValueError: a NUL character in the path
        if isinstance(e, ParseError):
            raise
        reason = getattr(e, "strerror", None) or e
        raise ParseError(
            str(file),
            f"a readable .json or .toml file ({type(e).__name__}: {reason})",
            what="calendar file",
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ParseError(
            str(file), f"UTF-8 text (byte {e.start}: {e.reason})", what="calendar file"
        ) from None
    if file.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise ParseError(str(file), f"TOML text ({e})", what="calendar file") from None
        except (RecursionError, ValueError) as e:  # deep nesting, Python's int-digit limit
            raise ParseError(
                str(file), f"TOML within tthc.limits ({type(e).__name__})", what="calendar file"
            ) from None
    else:
        try:
            data = loads_json(text, what="calendar file", root=file.name)
        except ParseError as e:
            raise ParseError(str(file), f"{e.expected} ({e.text[:80]!r})", what=e.what) from None
    return parse_calendar_data(data, source=file.name)


@functools.cache
def shipped_announcements() -> Rules[tuple[DayRecord, ...]]:
    """The announcements shipped with tthc (from 2015, each record cited), read once."""
    text = (
        resources.files("tthc.deadlines")
        .joinpath("data/vn_civil_service.json")
        .read_text(encoding="utf-8")
    )
    data = loads_json(text, what="vn_civil_service.json")
    announcements, _ = parse_calendar_data(data, source="vn_civil_service.json")
    return Rules(announcements, what="calendar announcement")
