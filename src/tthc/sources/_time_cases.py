"""How the parts of a time-limit text combine: stages that add up, cases, extensions.

:func:`~tthc.sources.parse_time_limit` reads each segment of the text into at
most one limit (:class:`Reading`); the functions here decide what the
readings say together: labelled stages of one procedure are added up
(:func:`add_stages`), the limit for "các trường hợp khác" is the ordinary one
(:func:`ordinary_first`), "tăng thêm N ngày" extends the ordinary limit
(:func:`extended`).
"""

from __future__ import annotations

import re

import attrs

from tthc.messages import Message
from tthc.model import TimeLimit, TimeUnit

__all__ = [
    "Reading",
    "Unique",
    "add_stages",
    "extended",
    "ordinary_first",
    "split_outside_brackets",
]


@attrs.frozen
class Reading:
    """One segment's limit, its case (``None``: none stated) and what kind of part it is."""

    limit: TimeLimit
    condition: str | None
    segment: str
    extension: bool = False  # "tăng thêm N ngày": added to the ordinary limit
    stage: bool = False  # "a) Thẩm định: 33 ngày", "Bước 2: …": a step of one procedure


def split_outside_brackets(text: str) -> list[str]:
    """``text`` split on ";" and line breaks that are not inside brackets (one pass)."""
    chunks: list[str] = []
    depth = start = 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char in ";\n" and (depth == 0 or char == "\n"):
            chunks.append(text[start:i])
            start, depth = i + 1, 0
    chunks.append(text[start:])
    return chunks


class Unique(list[str]):
    """A list of notes that ignores repeats in constant time."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[str] = set()

    def add(self, item: str) -> None:
        if item not in self._seen:
            self._seen.add(item)
            self.append(item)


def add_stages(readings: list[Reading], notes: Unique) -> list[Reading]:
    """Stages of one procedure, added up (each labelled, none a case, all in one unit).

    "a) Thông báo…: 02 ngày làm việc; b) Thẩm định…: 33 ngày làm việc" is 35
    working days.
    """
    if (
        len(readings) < 2
        or not all(r.stage and not r.extension for r in readings)
        or len({r.limit.unit for r in readings}) != 1
        or readings[0].limit.unit is TimeUnit.SAME_DAY
    ):
        return readings
    total = sum(r.limit.amount or 0 for r in readings)
    summed = attrs.evolve(readings[0].limit, amount=total)
    parts = " + ".join(str(r.limit.amount) for r in readings)
    notes.add(Message.of("note.stages_added", parts=parts, total=summed))
    return [Reading(summed, None, "; ".join(r.segment for r in readings))]


def ordinary_first(readings: list[Reading], notes: Unique) -> list[Reading]:
    """The limit stated for "các trường hợp khác" (the other cases) is the ordinary one."""
    if not readings or readings[0].condition is None:
        return readings
    for i, reading in enumerate(readings):
        if reading.condition is not None and _OTHER_CASES.search(reading.condition.lower()):
            notes.add(Message.of("note.other_cases_ordinary", x=reading.segment))
            ordinary = attrs.evolve(reading, condition=None)
            return [ordinary, *readings[:i], *readings[i + 1 :]]
    return readings


def extended(ordinary: TimeLimit, reading: Reading, notes: Unique, assumptions: Unique) -> Reading:
    """An extension ("… thì thời gian được tăng thêm 10 ngày làm việc") added to the limit."""
    added = reading.limit
    if added.unit is not ordinary.unit or ordinary.unit is TimeUnit.SAME_DAY:
        assumptions.add(
            Message.of("note.extension_other_unit", x=reading.segment, a=ordinary, b=added)
        )
        return reading
    total = attrs.evolve(added, amount=(ordinary.amount or 0) + (added.amount or 0))
    notes.add(
        Message.of("note.extension_added", x=reading.segment, a=ordinary, b=added, total=total)
    )
    return attrs.evolve(reading, limit=total)


# "các trường hợp khác", "trường hợp còn lại": the case that is the ordinary one.
_OTHER_CASES = re.compile(r"(?:các\s+)?trường\s+hợp\s+(?:khác|còn\s+lại)|còn\s+lại")
