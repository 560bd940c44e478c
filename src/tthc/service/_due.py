"""``GET /due``, the hot path: its parameters read lean, the answer computed and sent (private).

The bare-endpoint benchmark (``benchmarks/bench_service.py``) measures this
route: the parameters are read from the query string here (not by FastAPI's
dependency machinery), limits and moments are read once per distinct text,
and :class:`PlainDue` sends the bytes without Request or Response objects.
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import unquote_plus

from tthc.deadlines import (
    CLOCK_POLICIES,
    OFFICE_HOURS_PRESETS,
    VIETNAM,
    EndOfDay,
    OfficeHours,
    due_date,
    official_calendar,
)
from tthc.errors import ParseError, ProvisionalCalendarWarning
from tthc.model import TimeLimit, TimeUnit, read_time_limit
from tthc.reading import read_moment
from tthc.service._encode import due_json
from tthc.service._problems import invalid
from tthc.service._text import en

__all__ = ["DUE_PARAMETERS", "PlainDue", "due_body", "moment_param", "quiet"]

T = TypeVar("T")
_NOW_WORDS = frozenset({"now", "bây giờ", "hiện tại", "today", "hôm nay"})


@functools.cache
def _announced_until() -> dt.date:
    return official_calendar().announced_until


@functools.lru_cache(maxsize=4096)
def _reach(limit: TimeLimit) -> int:
    """More calendar days than a due date under ``limit`` can lie after its receipt.

    Generous on purpose (three days per unit, a month per month, and two months
    for Tết, swapped days and a receipt on a day off): it only decides whether the
    answer could depend on unannounced days, i.e. whether a warning needs catching.
    """
    amount = limit.amount if isinstance(limit.amount, int) and limit.amount > 0 else 0
    per_unit = 31 if limit.unit is TimeUnit.MONTHS else 3
    return amount * per_unit + 60


@functools.lru_cache(maxsize=4096)
def _limit(value: str) -> TimeLimit:
    """The one reading of a time limit (a bare number counts working days), cached."""
    return read_time_limit(value, bare_number=TimeUnit.WORKING_DAYS)


@functools.lru_cache(maxsize=4096)
def _fixed_moment(value: str) -> dt.datetime | dt.date:
    return read_moment(value)


def moment_param(value: str, name: str) -> dt.datetime | dt.date:
    try:
        if value.strip().lower() in _NOW_WORDS:
            return read_moment(value)
        return _fixed_moment(value)
    except ParseError:
        raise invalid(name, "query", value, "expected.moment_text") from None


_OFFICE_HOURS = OfficeHours()
_END_OF_DAY = {"close": EndOfDay.CLOSE_OF_OFFICE_HOURS, "midnight": EndOfDay.MIDNIGHT}


def _parameter(name: str, max_length: int, example: str, default: str | None = None) -> Any:
    schema: dict[str, Any] = {"type": "string", "maxLength": max_length}
    if default is not None:
        schema["default"] = default
    return {
        "name": name,
        "in": "query",
        "required": default is None,
        "description": en(f"param.{name}"),
        "schema": schema,
        "example": example,
    }


DUE_PARAMETERS = [
    _parameter("received", 200, "20/11/2026 10:00"),
    _parameter("limit", 2000, "3 ngày làm việc"),
    _parameter("hours", 40, "default", "default"),
    {
        **_parameter("end_of_day", 20, "close", ""),
        "required": False,
        "schema": {"type": "string", "enum": ["close", "midnight"]},
    },
]


_unquote = functools.lru_cache(maxsize=4096)(unquote_plus)  # limit texts repeat


def _params(raw: bytes) -> dict[str, str]:
    """A query string's parameters, read as Starlette reads them (the last of a repeated name).

    A lean version of ``request.query_params`` for the hot path: values are
    unquoted only when they hold ``%`` or ``+``.
    """
    params: dict[str, str] = {}
    for part in raw.decode("latin-1").split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        if "%" in name or "+" in name:
            name = _unquote(name)
        if "%" in value or "+" in value:
            value = _unquote(value)
        params[name] = value
    return params


def _query(query: Any, name: str, max_length: int, default: str | None = None) -> str:
    """A query parameter, present (or defaulted) and at most ``max_length`` characters."""
    value: str | None = query.get(name)
    if value is None:
        if default is None:
            raise invalid(name, "query", None, "expected.missing")
        return default
    if len(value) > max_length:
        raise invalid(name, "query", value, "expected.too_long", max_length=max_length)
    return value


def quiet(compute: Callable[[], T]) -> T:
    """Run ``compute`` without showing provisional-calendar warnings (answers carry the flag).

    Only the event loop's thread calls this: the warning filters are process-wide,
    and two threads swapping them at once would leave them wrong for good.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        return compute()


def due_body(query_string: bytes) -> bytes:
    """The JSON of ``GET /due`` for a query string (raises for a bad parameter)."""
    # The parameters are read here, not by FastAPI's dependency machinery: /due is
    # the hot path (the bare-endpoint benchmark), and these four need no more.
    query = _params(query_string)
    received = _query(query, "received", 200)
    limit = _query(query, "limit", 2000)
    hours = _query(query, "hours", 40, "default")
    end_of_day = _query(query, "end_of_day", 20, "")
    try:
        time_limit = _limit(limit)
    except ParseError:
        raise invalid("limit", "query", limit, "expected.limit") from None
    moment = moment_param(received, "received")
    office = _OFFICE_HOURS if hours == "default" else OFFICE_HOURS_PRESETS.get(hours)
    if office is None:
        choices = ", ".join(["default", *OFFICE_HOURS_PRESETS])
        raise invalid("hours", "query", hours, "expected.one_of", choices=choices)
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, office.opening, tzinfo=VIETNAM)
    policy = None
    if end_of_day:
        if end_of_day not in _END_OF_DAY:
            choices = ", ".join(_END_OF_DAY)
            raise invalid("end_of_day", "query", end_of_day, "expected.one_of", choices=choices)
        policy = CLOCK_POLICIES.at(moment.date()).value.evolve(end_of_day=_END_OF_DAY[end_of_day])
    at = moment
    if (_announced_until() - at.date()).days > _reach(time_limit):  # cannot be provisional
        text = due_json(due_date(at, time_limit, hours=office, policy=policy))
    else:
        text = quiet(lambda: due_json(due_date(at, time_limit, hours=office, policy=policy)))
    return text.encode("utf-8", "backslashreplace")  # a due date holds no client text but limit


class PlainDue:
    """``GET /due`` as a bare ASGI app: no Request, no Response objects on the hot path.

    Errors propagate to the app's exception handlers like any endpoint's.
    """

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        body = due_body(scope["query_string"])
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode("ascii")),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
