"""Reading what a person types: moments, dates, years, time limits, dossiers.

The command line and the HTTP service read their arguments with these
functions, so every surface reads the same text the same way. Errors are
:class:`~tthc.errors.ParseError` (or :class:`~tthc.errors.ValidationError`
for a dossier) naming the input and the forms accepted.

Dates are **day-first** everywhere, as Vietnamese is written: ``20/11/2026``
is 20 November 2026. A date that is impossible day-first but possible
month-first (``11/20/2026``), a two-digit year, or a year-first date written
with slashes is refused with both readings named, never guessed.

>>> import datetime as dt
>>> from tthc.reading import read_moment
>>> read_moment("20/11/2026 10:00").isoformat()
'2026-11-20T10:00:00+07:00'
>>> read_moment("20/11/2026")
datetime.date(2026, 11, 20)
>>> read_moment("11/20/2026")
Traceback (most recent call last):
...
tthc.errors.ParseError: cannot read moment '11/20/2026': expected a day-first date: read day-first it is day 11 of month 20, which does not exist; read month-first it would be 20/11/2026 (write that)
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Final, TypeVar

from tthc.deadlines import MAX_YEAR, MIN_YEAR, VIETNAM
from tthc.errors import ParseError, UnknownCodeError, ValidationError, parse_error
from tthc.model import Dossier, TimeLimit
from tthc.model._limit_text import read_time_limit, use_published_reader
from tthc.sources import parse_time_limit

__all__ = [
    "read_date",
    "read_dossier",
    "read_moment",
    "read_published_limit",
    "read_time_limit",
    "read_year",
]


def read_published_limit(text: str) -> TimeLimit:
    """The ordinary limit of a published text (:func:`tthc.sources.parse_time_limit`).

    The cases the text also states and its start event are set aside; read
    them with :func:`~tthc.sources.parse_time_limit`.

    >>> str(read_published_limit("Trong ngày; trường hợp cần xác minh thì 03 ngày làm việc"))
    'trong ngày'
    """
    return parse_time_limit(text).ordinary


use_published_reader(read_published_limit)

_MAX_TEXT: Final = 200
_D = TypeVar("_D", dt.date, dt.datetime)


_DMY = re.compile(r"(?P<a>[0-9]{1,4})(?P<s>[/.-])(?P<b>[0-9]{1,2})(?P=s)(?P<c>[0-9]{1,4})")
_TIME = re.compile(r"(?P<h>[0-9]{1,2})(?::|h|g)(?P<m>[0-9]{2})?(?::(?P<s>[0-9]{2}))?")
_WORDS_NOW: Final = frozenset({"now", "bây giờ", "hiện tại"})
_WORDS_TODAY: Final = frozenset({"today", "hôm nay"})


def _refuse(text: str, key: str, what: str, **values: Any) -> ParseError:
    return parse_error(text, key, what=what, **values)


def _date_part(text: str, raw: str, what: str) -> dt.date:
    m = _DMY.fullmatch(text)
    if m is None:
        raise _refuse(raw, "expect.moment", what)
    a, b, c = m["a"], m["b"], m["c"]
    if len(a) == 4:  # 2026/11/20: year first with slashes or dots
        if m["s"] == "-":
            try:
                return dt.date(int(a), int(b), int(c))
            except ValueError:
                raise _refuse(raw, "expect.real_iso", what) from None
        iso, dmy = f"{a}-{int(b):02d}-{int(c):02d}", f"{int(c):02d}/{int(b):02d}/{a}"
        raise _refuse(raw, "expect.iso_date_ymd", what, iso=iso, dmy=dmy)
    if len(c) != 4:
        raise _refuse(raw, "expect.four_digit_year", what, yy=c.zfill(2))
    day, month, year = int(a), int(b), int(c)
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    try:
        other = dt.date(year, day, month)
    except ValueError:
        raise _refuse(raw, "expect.real_date", what, day=day, month=month, year=year) from None
    raise _refuse(raw, "expect.day_first", what, day=day, month=month, other=f"{other:%d/%m/%Y}")


def _time_part(text: str, raw: str, what: str) -> dt.time:
    m = _TIME.fullmatch(text)
    if m is None:
        raise _refuse(raw, "expect.moment", what)
    try:
        return dt.time(int(m["h"]), int(m["m"] or 0), int(m["s"] or 0))
    except ValueError:
        raise _refuse(raw, "expect.time_of_day", what) from None


def read_moment(
    text: str, *, now: dt.datetime | None = None, what: str = "moment"
) -> dt.datetime | dt.date:
    """A moment in Vietnam time, or a bare date when no time is given.

    Accepts ``now`` / ``bây giờ``, ``today`` / ``hôm nay``, ISO 8601
    (``2026-11-20``, ``2026-11-20 10:00``, ``2026-11-20T03:00Z``) and day-first
    ``dd/mm/yyyy`` with an optional time before or after it (``10:00``,
    ``10h30``). A moment without an offset is Vietnamese local time; one with
    an offset is converted to Asia/Ho_Chi_Minh. ``now`` defaults to the clock.
    """
    if not isinstance(text, str):
        raise _refuse(repr(text)[:_MAX_TEXT], "expect.moment", what)
    value = " ".join(text.split())
    if not value or len(value) > _MAX_TEXT or not value.isprintable():
        raise _refuse(text[:_MAX_TEXT], "expect.moment", what)
    lowered = value.lower()
    if lowered in _WORDS_NOW or lowered in _WORDS_TODAY:
        current = (now or dt.datetime.now(VIETNAM)).astimezone(VIETNAM).replace(microsecond=0)
        return current if lowered in _WORDS_NOW else current.date()
    if len(value) >= 10 and value[:4].isdigit() and value[4] == "-":
        return _iso(value, text, what)
    parts = value.replace(",", " ").split()
    if len(parts) == 1:
        return _checked(_date_part(parts[0], text, what), text, what)
    if len(parts) == 2:
        first, second = parts
        if _DMY.fullmatch(first):
            date, time = _date_part(first, text, what), _time_part(second, text, what)
        else:
            time, date = _time_part(first, text, what), _date_part(second, text, what)
        return _checked(dt.datetime.combine(date, time, tzinfo=VIETNAM), text, what)
    raise _refuse(text, "expect.moment", what)


def _iso(value: str, raw: str, what: str) -> dt.datetime | dt.date:
    try:
        if len(value) == 10:
            return _checked(dt.date.fromisoformat(value), raw, what)
        if value[10] in " T":
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=VIETNAM)
            else:
                moment = moment.astimezone(VIETNAM)
            return _checked(moment, raw, what)
    except (ValueError, OverflowError):
        raise _refuse(raw, "expect.real_iso", what) from None
    raise _refuse(raw, "expect.moment", what)


def _checked(value: _D, raw: str, what: str) -> _D:
    year = value.year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _refuse(raw, "expect.year_range", what, first=MIN_YEAR, last=MAX_YEAR)
    return value


def read_date(text: str, *, now: dt.datetime | None = None, what: str = "date") -> dt.date:
    """A date: ``today``, ``dd/mm/yyyy`` or ``YYYY-MM-DD`` (day-first, like :func:`read_moment`).

    >>> read_date("24/11/2026")
    datetime.date(2026, 11, 24)
    """
    value = read_moment(text, now=now, what=what)
    if isinstance(value, dt.datetime):
        raise _refuse(text, "expect.date_only", what)
    return value


def read_year(text: str | int, *, what: str = "year") -> int:
    """A year the calendar covers (four digits).

    >>> read_year("2026")
    2026
    """
    value = str(text).strip()
    if len(value) == 4 and value.isascii() and value.isdigit():
        year = int(value)
        if MIN_YEAR <= year <= MAX_YEAR:
            return year
    raise _refuse(str(text)[:_MAX_TEXT], "expect.year", what, first=MIN_YEAR, last=MAX_YEAR)


def read_dossier(text: str, *, source: str = "dossier", catalogue: Any = None) -> Dossier:
    """A :class:`~tthc.model.Dossier` from JSON text.

    ``"procedure"`` may be a code, looked up in ``catalogue`` (anything with
    ``get(code)``, such as a :class:`tthc.catalogue.Catalogue`; by default the
    shipped one, :func:`tthc.catalogue.get`), or a whole procedure object.
    Raises :class:`~tthc.errors.ValidationError` listing every problem with its
    path.
    """
    from tthc import catalogue as shipped
    from tthc._json import loads_json
    from tthc.serialization import from_dict, to_dict

    lookup = shipped if catalogue is None else catalogue

    try:
        data = json.loads(text)
    except RecursionError:
        raise ValidationError.keyed("$", "…", "expect.json_depth", what=source) from None
    except json.JSONDecodeError as e:
        raise ValidationError.keyed(
            "$", text[:60], "expect.json_at", what=source, line=e.lineno, column=e.colno
        ) from None
    loads_json(text, what=source)  # the strict reading: repeated keys, tthc.limits (issue 19)
    if isinstance(data, dict) and isinstance(data.get("procedure"), str):
        code = data["procedure"]
        try:
            procedure = lookup.get(code)
        except (UnknownCodeError, ValidationError):
            raise ValidationError.keyed(
                "$.procedure", code, "expect.catalogue_code", what=source
            ) from None
        data = {**data, "procedure": to_dict(procedure)}
    try:
        return from_dict(Dossier, data)
    except ValidationError as e:
        raise ValidationError(e.problems, what=f"{source}: Dossier") from None
