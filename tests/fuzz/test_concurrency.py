"""Concurrency and aliasing: shared state gives the same answers to every thread.

Eight threads compute due dates, classifications, portal reads and parses at
the same time, on a calendar whose lazy caches are cold, and must get exactly
what one thread gets alone. The cached calendar, its announcements and the
catalogue cannot be changed through any public attribute.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import random
import threading
import types
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import pytest

from tthc import VIETNAM, catalogue, due_date, official_calendar, read_portal_records
from tthc.deadlines import WorkingCalendar
from tthc.deadlines._data import shipped_announcements
from tthc.levels import classify
from tthc.model import TimeLimit
from tthc.sources import parse_fees, parse_quantity, parse_time_limit

DATA = Path(__file__).parent.parent / "sources" / "data"
THREADS = 8


def _tasks(calendar: WorkingCalendar) -> list[tuple[str, Callable[[], object]]]:
    """Many small independent questions, named so a mismatch says which."""
    tasks: list[tuple[str, Callable[[], object]]] = []
    start = dt.datetime(2024, 1, 2, 8, 30, tzinfo=VIETNAM)
    limits = [TimeLimit.working_days(n) for n in (1, 3, 5, 7, 15, 30)] + [
        TimeLimit.calendar_days(10),
        TimeLimit.working_hours(8),
        TimeLimit.same_day(),
    ]
    for day in range(0, 600, 7):
        moment = start + dt.timedelta(days=day, hours=day % 9)
        for limit in limits:
            tasks.append(
                (
                    f"due {moment:%Y-%m-%d %H:%M} {limit}",
                    functools.partial(due_date, moment, limit, calendar=calendar),
                )
            )
        tasks.append(
            (f"explain {moment:%Y-%m-%d}", functools.partial(calendar.explain, moment.date()))
        )
    for procedure in catalogue.procedures():
        for on in (dt.date(2021, 5, 1), dt.date(2023, 5, 1), dt.date(2026, 5, 1)):
            tasks.append(
                (f"classify {procedure.code} {on}", functools.partial(classify, procedure, on))
            )
    records = json.loads((DATA / "portal_records.json").read_text(encoding="utf-8"))
    for i in range(len(records)):
        tasks.append(
            (f"portal record {i}", functools.partial(read_portal_records, records[i : i + 1]))
        )
    tasks.append(("portal batch", lambda: read_portal_records(records)))
    strings = json.loads((DATA / "published_strings.json").read_text(encoding="utf-8"))
    parsers = {"time_limit": parse_time_limit, "fees": parse_fees, "quantity": parse_quantity}
    for item in strings:
        parser = parsers[item["kind"]]
        tasks.append((f"parse {item['text']!r}", functools.partial(parser, item["text"])))
    return tasks


def _answer(call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as e:  # an error is an answer too: it must be the same error
        return (type(e).__name__, str(e))


def test_eight_threads_get_the_sequential_answers() -> None:
    expected = {name: _answer(call) for name, call in _tasks(WorkingCalendar())}
    # a fresh calendar: its lazily filled caches (dates, explanations) start cold
    calendar = WorkingCalendar()
    tasks = _tasks(calendar)
    barrier = threading.Barrier(THREADS)

    def worker(seed: int) -> dict[str, object]:
        order = list(tasks)
        random.Random(seed).shuffle(order)
        barrier.wait()
        return {name: _answer(call) for name, call in order}

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))
    for result in results:
        mismatched = [name for name in expected if result[name] != expected[name]]
        assert not mismatched, f"{len(mismatched)} answers differ, e.g. {mismatched[:3]}"


_IMMUTABLE_LEAVES = (
    type(None),
    bool,
    int,
    float,
    complex,
    str,
    bytes,
    dt.date,
    dt.time,
    dt.timedelta,
    dt.tzinfo,
    enum.Enum,
    range,
)


def _mutable_parts(value: Any, path: str, seen: set[int]) -> list[str]:
    """The public places under ``value`` that a caller could change in place."""
    if isinstance(value, _IMMUTABLE_LEAVES) or id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, (tuple, frozenset)):
        return [
            p for i, item in enumerate(value) for p in _mutable_parts(item, f"{path}[{i}]", seen)
        ]
    if isinstance(value, types.MappingProxyType):
        return [
            p for k, item in value.items() for p in _mutable_parts(item, f"{path}[{k!r}]", seen)
        ]
    if attrs.has(type(value)):
        found = []
        fields = attrs.fields(type(value))
        if fields and fields[0].init:
            try:  # writing back the same value changes nothing, even if it succeeds
                setattr(value, fields[0].name, getattr(value, fields[0].name))
            except attrs.exceptions.FrozenInstanceError:
                pass
            else:  # pragma: no cover - reported below
                found.append(f"{path} (a mutable {type(value).__name__})")
        for field in fields:
            if not field.name.startswith("_"):
                found += _mutable_parts(getattr(value, field.name), f"{path}.{field.name}", seen)
        return found
    return [f"{path} ({type(value).__name__})"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("official_calendar()", lambda: official_calendar()),
        ("shipped announcements", shipped_announcements),
        ("catalogue.procedures()", catalogue.procedures),
        ("catalogue entries", lambda: tuple(catalogue.entry(c) for c in catalogue.codes())),
    ],
)
def test_cached_values_cannot_be_mutated_through_public_attributes(
    name: str, value: Callable[[], object]
) -> None:
    assert _mutable_parts(value(), name, set()) == []


def test_the_detector_finds_mutable_state() -> None:
    @attrs.define
    class Loose:
        items: list[int]

    assert _mutable_parts((Loose([1]),), "x", set()) == [
        "x[0] (a mutable Loose)",
        "x[0].items (list)",
    ]
    assert _mutable_parts({"a": 1}, "d", set()) == ["d (dict)"]
