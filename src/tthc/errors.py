"""Errors and warnings raised by tthc.

Every exception tthc raises on purpose derives from :class:`TthcError`, so one
``except TthcError`` catches them all. Each leaf also derives from the builtin
that fits (``ValueError``, ``KeyError``, ``LookupError``…), so code that already
catches the familiar type keeps working.

Errors carry the data a caller needs to act (the path of the bad field, the
value, what was expected) and build their message from it.

>>> from tthc.errors import TthcError, ValidationError
>>> from tthc.model import Fee
>>> try:
...     Fee(name="Lệ phí", amount=-1)
... except ValidationError as e:
...     print(e.problems[0].path, e.problems[0].value)
amount -1
>>> issubclass(ValidationError, (TthcError, ValueError))
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from tthc.limits import MAX_PROBLEMS_LISTED

__all__ = [
    "MISSING",
    "CalendarOverrideWarning",
    "CalendarRangeError",
    "IllegalTransitionError",
    "NaiveDatetimeError",
    "NoRuleInForceError",
    "ParseError",
    "Problem",
    "ProvisionalCalendarWarning",
    "RecordNotInForceError",
    "RecordNotInForceWarning",
    "TthcError",
    "TthcWarning",
    "UnknownCodeError",
    "ValidationError",
    "ZoneOffsetError",
    "parse_error",
]


class TthcError(Exception):
    """Root of every error tthc raises on purpose.

    Every error pickles with its data (so it crosses process boundaries, e.g.
    from a worker process), whatever its constructor takes.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.args, self.__dict__.copy()))


def _restore(cls: type[TthcError], args: tuple[Any, ...], state: dict[str, Any]) -> TthcError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class TthcWarning(UserWarning):
    """Root of every warning tthc emits."""


class RecordNotInForceWarning(TthcWarning):
    """A procedure record is used for a date its own validity does not cover.

    A record keeps ``valid_from``/``valid_to`` (the decision that published
    it, the one that replaced it); judging a date outside them applies a text
    that was not, or no longer, the procedure's (issue 20). Pass
    ``strict=True`` to refuse instead (:class:`RecordNotInForceError`).
    """


class ProvisionalCalendarWarning(TthcWarning):
    """An answer depends on days the official calendar has not announced yet.

    The statutory rules (Labour Code 2019 Art. 111–112) still give an answer,
    but the Prime Minister fixes Tết and the swapped days each year, so the
    answer may change once the year is announced. The result is also flagged
    (``provisional=True``); this warning makes sure it is never silent.
    """


class _Missing:
    """The value of a field that was not given (shown as "nothing" / "không có")."""

    def __repr__(self) -> str:
        return "nothing"

    def __reduce__(self) -> str:
        return "MISSING"


#: The :attr:`Problem.value` of a required field that was not given.
MISSING: Any = _Missing()


class CalendarOverrideWarning(TthcWarning):
    """A calendar overlay replaced days that a cited document had set.

    :meth:`~tthc.deadlines.WorkingCalendar.with_announcement`, ``with_days``
    and ``with_file`` may change a day an earlier announcement cited (a
    holiday, a swapped day, a make-up Saturday); the warning names each one,
    so that no cited holiday disappears in silence.
    """


@attrs.frozen
class Problem:
    """One thing wrong with an input: where, what value, what was expected.

    ``path`` is a JSON-path-like location such as ``$.methods[0].fees[1].amount``
    (or a bare field name when the object was built directly). ``expected``
    is English; ``key`` and ``values``, when set, name the catalogue message
    (:mod:`tthc.messages`) that says the same in every language
    (:meth:`keyed` sets all three).
    """

    path: str
    value: Any
    expected: str
    key: str | None = attrs.field(default=None, kw_only=True, eq=False)
    values: dict[str, Any] = attrs.field(factory=dict, kw_only=True, eq=False, hash=False)

    @classmethod
    def keyed(cls, path: str, value: Any, key: str, /, **values: Any) -> Problem:
        """A problem whose expectation is the catalogue message ``key`` (English in expected)."""
        from tthc.messages import message

        return cls(path, value, message(key, "en", **values), key=key, values=values)

    def __str__(self) -> str:
        return f"{self.path}: expected {self.expected}, got {_short_repr(self.value)}"


def _short_repr(value: Any, limit: int = 80) -> str:
    """An excerpt of ``repr(value)``, safe for any value (huge, deep or broken)."""
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]  # repr of the head only: a 100 MB string costs nothing
    if type(value) is int and value.bit_length() > 4 * limit:
        return f"<a whole number of about {int(value.bit_length() * 0.30103):,} digits>"
    try:
        text = repr(value)
    except Exception:  # a repr that fails (recursion, a broken __repr__) must not hide the error
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ValidationError(TthcError, ValueError):
    """Input that does not describe a valid tthc object.

    Carries every problem found (not only the first), each with its path,
    the offending value and what was expected. At most
    :data:`~tthc.limits.MAX_PROBLEMS_LISTED` problems are kept and listed;
    ``omitted`` counts the others and the message ends with "… and N more",
    so a document with a million bad items gives a short error, fast.
    """

    problems: tuple[Problem, ...]
    omitted: int

    def __init__(
        self, problems: Iterable[Problem], *, what: str | None = None, omitted: int = 0
    ) -> None:
        if isinstance(problems, (list, tuple)) and len(problems) <= MAX_PROBLEMS_LISTED:
            kept, total = tuple(problems), len(problems)  # the common case, kept fast
        else:
            found: list[Problem] = []
            total = 0
            for problem in problems:
                if total < MAX_PROBLEMS_LISTED:
                    found.append(problem)
                total += 1
            kept = tuple(found)
        self.problems = kept
        self.omitted = omitted + total - len(kept)
        self.what = what
        super().__init__()  # the message is built when shown (most item errors never are)

    def __str__(self) -> str:
        head = f"invalid {self.what}" if self.what else "invalid input"
        if len(self.problems) == 1 and not self.omitted:
            return f"{head}: {self.problems[0]}"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        count = len(self.problems) + self.omitted
        more = f"\n  … and {self.omitted:,} more" if self.omitted else ""
        return f"{head}: {count:,} problems\n{lines}{more}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    @classmethod
    def single(
        cls, path: str, value: Any, expected: str, *, what: str | None = None
    ) -> ValidationError:
        """Build an error with one problem."""
        return cls([Problem(path, value, expected)], what=what)

    @classmethod
    def keyed(
        cls, path: str, value: Any, key: str, /, *, what: str | None = None, **values: Any
    ) -> ValidationError:
        """Build an error with one problem whose expectation is the catalogue message ``key``."""
        return cls([Problem.keyed(path, value, key, **values)], what=what)

    def prefixed(self, prefix: str) -> ValidationError:
        """Return the same error with every path placed under ``prefix``."""
        return ValidationError(
            [attrs.evolve(p, path=_join_path(prefix, p.path)) for p in self.problems],
            what=self.what,
            omitted=self.omitted,
        )


def _join_path(prefix: str, path: str) -> str:
    if path.startswith("$"):
        path = path[1:]
    if not path:
        return prefix
    if path.startswith(("[", ".")):
        return prefix + path
    return f"{prefix}.{path}"


class ParseError(TthcError, ValueError):
    """Text that tthc cannot read (a number, a time limit, a fee, a code…).

    ``text`` is the input, ``expected`` says what form was expected (English);
    ``key`` and ``values``, when set, name the catalogue message
    (:mod:`tthc.messages`) that says it in every language (:meth:`keyed`).
    """

    def __init__(
        self,
        text: str,
        expected: str,
        *,
        what: str = "text",
        key: str | None = None,
        values: dict[str, Any] | None = None,
    ) -> None:
        self.text = text
        self.expected = expected
        self.what = what
        self.key = key
        self.values = dict(values or {})
        super().__init__(f"cannot read {what} {_short_repr(text, 200)}: expected {expected}")


def _keyed_parse_error(
    cls: type[ParseError], text: str, key: str, what: str, values: dict[str, Any]
) -> ParseError:
    from tthc.messages import message

    return cls(text, message(key, "en", **values), what=what, key=key, values=values)


def parse_error(text: str, key: str, /, *, what: str = "text", **values: Any) -> ParseError:
    """A :class:`ParseError` whose expectation is the catalogue message ``key``."""
    return _keyed_parse_error(ParseError, text, key, what, values)


class UnknownCodeError(TthcError, KeyError):
    """A code that is not in the collection it was looked up in."""

    def __init__(self, code: str, where: str, *, known: Sequence[str] = ()) -> None:
        self.code = code
        self.where = where
        self.known = tuple(known)
        hint = f"; known codes: {', '.join(self.known)}" if 0 < len(self.known) <= 12 else ""
        super().__init__(f"{code!r} is not in {where}{hint}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class NaiveDatetimeError(ValidationError):
    """A datetime without a timezone where an aware one is required.

    tthc never assumes a timezone: attach ``ZoneInfo("Asia/Ho_Chi_Minh")``
    (``tthc.deadlines.VIETNAM``) to the value you pass. A
    :class:`ValidationError` whose one problem names the field.
    """

    def __init__(
        self,
        name: str,
        value: Any,
        *,
        what: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.name = name
        self.value = value
        if expected is None:
            expected = (
                "a timezone-aware datetime; tthc never assumes a timezone: use "
                f"{name}.replace(tzinfo=ZoneInfo('Asia/Ho_Chi_Minh')) if it is "
                "Vietnamese local time"
            )
        super().__init__([Problem(name, value, expected)], what=what)


class ZoneOffsetError(ValidationError):
    """An aware datetime whose zone is Asia/Ho_Chi_Minh but whose offset is not that zone's.

    The classic cause is a pytz zone attached with ``tzinfo=``:
    ``datetime(2026, 11, 20, 10, tzinfo=pytz.timezone("Asia/Ho_Chi_Minh"))``
    carries the zone's first (local mean time) offset, +07:07, and moves the
    moment by 7 minutes. Attach the zone with ``value.replace(tzinfo=tthc.VIETNAM)``
    (zoneinfo), or with pytz's ``localize``. A :class:`ValidationError` whose
    one problem names the field.
    """

    def __init__(
        self,
        name: str,
        value: dt.datetime,
        offset: dt.timedelta,
        expected: dt.timedelta,
        *,
        what: str | None = None,
    ) -> None:
        self.name = name
        self.value = value
        self.offset = offset
        self.expected_offset = expected
        super().__init__(
            [
                Problem(
                    name,
                    value,
                    f"the UTC offset Asia/Ho_Chi_Minh had at that moment ({_hours(expected)}), "
                    f"not {_hours(offset)}: attach the zone with "
                    f"{name}.replace(tzinfo=tthc.VIETNAM) (zoneinfo) or "
                    "pytz.timezone('Asia/Ho_Chi_Minh').localize(naive), never "
                    "tzinfo=pytz.timezone(...)",
                )
            ],
            what=what,
        )


def _hours(offset: dt.timedelta) -> str:
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes, seconds = divmod(int(abs(offset).total_seconds()), 60)
    text = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return text + (f":{seconds:02d}" if seconds else "")


class CalendarRangeError(TthcError, ValueError):
    """A date outside the range a calendar can answer for."""

    def __init__(self, name: str, value: dt.date, first: dt.date, last: dt.date) -> None:
        self.name = name
        self.value = value
        self.first = first
        self.last = last
        super().__init__(
            f"{name}={value.isoformat()} is outside the calendar's range "
            f"{first.isoformat()}..{last.isoformat()}"
        )


class NoRuleInForceError(TthcError, LookupError):
    """No rule (or more than one, where exactly one is needed) is in force on a date."""

    def __init__(self, what: str, on: dt.date, *, found: int = 0) -> None:
        self.what = what
        self.on = on
        self.found = found
        detail = "no rule" if found == 0 else f"{found} overlapping rules"
        super().__init__(f"{detail} for {what} in force on {on.isoformat()}")


class RecordNotInForceError(TthcError, LookupError):
    """A procedure record's validity does not cover the date asked about (``strict=True``)."""

    def __init__(
        self,
        code: str,
        on: dt.date,
        valid_from: dt.date | None,
        valid_to: dt.date | None,
    ) -> None:
        self.code = code
        self.on = on
        self.valid_from = valid_from
        self.valid_to = valid_to
        window = (
            f"{'' if valid_from is None else valid_from.isoformat()}.."
            f"{'' if valid_to is None else valid_to.isoformat()}"
        )
        super().__init__(
            f"the record of procedure {code} is valid {window}, not on {on.isoformat()} "
            f"(hồ sơ thủ tục {code} có hiệu lực {window}, không áp dụng cho ngày "
            f"{on:%d/%m/%Y}): use the record in force on that date"
        )


class IllegalTransitionError(TthcError, ValueError):
    """An event that cannot happen in a dossier's current state."""

    def __init__(
        self, event: str, state: str, *, allowed: Sequence[str] = (), why: str = ""
    ) -> None:
        self.event = event
        self.state = state
        self.allowed = tuple(allowed)
        reason = f" ({why})" if why else ""
        hint = f"; allowed now: {', '.join(self.allowed)}" if self.allowed else ""
        super().__init__(f"cannot apply {event!r} in state {state!r}{reason}{hint}")
