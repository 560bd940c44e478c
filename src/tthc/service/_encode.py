"""JSON for the hot path: a :class:`~tthc.deadlines.DueDate` without re-serializing its constants.

Most of a due date's JSON is the same from one answer to the next: the time
limit, the clock policy with its citation, the status of each day skipped
(a weekend, a holiday). Those are frozen values; their JSON is computed once
(:func:`tthc.serialization.to_dict`) and reused, and only the moments, the
days counted and the notes are written per answer. The result is the same
JSON as ``to_dict`` gives (a property test checks it); if ``DueDate`` ever
gains a field this module does not know, it falls back to ``to_dict``
(private module).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import attrs

from tthc.deadlines import DueDate
from tthc.serialization import to_dict

__all__ = ["due_json", "dumps"]

_FIELDS = (
    "at",
    "last_day",
    "start",
    "received_at",
    "limit",
    "policy",
    "provisional",
    "counted",
    "skipped",
    "notes",
)
_KNOWN = tuple(f.name for f in attrs.fields(DueDate) if not f.name.startswith("_")) == _FIELDS


def dumps(data: Any) -> str:
    """JSON text, Vietnamese unescaped."""
    return json.dumps(data, ensure_ascii=False)


@functools.cache
def _unequal(kind: type) -> tuple[str, ...]:
    """The fields of an attrs class that ``==`` ignores (``TimeLimit.raw``)."""
    return tuple(f.name for f in attrs.fields(kind) if not f.eq)


@functools.lru_cache(maxsize=4096)
def _cached(value: Any, _unequal_values: tuple[Any, ...]) -> str:
    return dumps(to_dict(value))


_SEEN_MAX = 8192
_seen: dict[int, tuple[Any, str]] = {}  # id -> (the value itself, kept alive; its JSON)


def _fragment(value: Any) -> str:
    """The JSON of a frozen tthc value, computed once per distinct value.

    Values are told apart by ``==`` and by the fields ``==`` ignores, which
    the JSON still carries. The same object (a calendar's day status, a
    policy, a cached limit) is found by identity first: the entry holds the
    object, so its id cannot be reused while it is there.
    """
    seen = _seen.get(id(value))
    if seen is not None and seen[0] is value:
        return seen[1]
    kind: type = type(value)
    text = _cached(value, tuple(getattr(value, name) for name in _unequal(kind)))
    if len(_seen) < _SEEN_MAX:
        _seen[id(value)] = (value, text)
    return text


@functools.lru_cache(maxsize=65536)
def _day(day: dt.date) -> str:
    return f'"{day.isoformat()}"'


@functools.lru_cache(maxsize=4096)
def _notes(notes: tuple[str, ...]) -> str:
    """The JSON of a due date's notes (the same few notes recur from answer to answer)."""
    return dumps(list(notes))


def _skipped(day: Any) -> str:
    return f'{{"day":"{day.day.isoformat()}","status":{_fragment(day.status)}}}'


def due_json(due: DueDate) -> str:
    """The JSON of ``due``, equal to ``json.dumps(to_dict(due))`` once parsed."""
    if not _KNOWN:  # pragma: no cover - a DueDate shape this module does not know
        return dumps(to_dict(due))
    counted = ",".join(map(_day, due.counted))
    skipped = ",".join(_skipped(s) for s in due.skipped)
    return (
        f'{{"at":"{due.at.isoformat()}","last_day":"{due.last_day.isoformat()}",'
        f'"start":"{due.start.isoformat()}","received_at":"{due.received_at.isoformat()}",'
        f'"limit":{_fragment(due.limit)},"policy":{_fragment(due.policy)},'
        f'"provisional":{"true" if due.provisional else "false"},'
        f'"counted":[{counted}],"skipped":[{skipped}],"notes":{_notes(tuple(due.notes))}}}'
    )
