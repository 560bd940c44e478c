"""Office hours (giờ làm việc) of a one-stop desk: a morning and an afternoon session."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from tthc._validate import str_or_none
from tthc.errors import ValidationError

__all__ = ["OFFICE_HOURS_PRESETS", "VIETNAM", "OfficeHours"]

#: Vietnamese civil time (UTC+7, no daylight saving). tthc never assumes it:
#: attach it to the datetimes you pass.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _naive_time(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise ValidationError.single(
            attribute.name, value, "a naive datetime.time such as time(7, 30)", what="OfficeHours"
        )


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


@attrs.frozen
class OfficeHours:
    """The daily sessions during which a desk receives and counts working time.

    The default, 7:30–11:30 and 13:00–17:00 (8 hours, the 40-hour week of
    Decision 188/1999/QĐ-TTg), is common but not national: provinces set their
    own hours, often by season. Use a preset from
    :data:`OFFICE_HOURS_PRESETS` or build your own with its source.

    Office hours apply only on working days of the calendar: a counter that
    receives on Saturday mornings does not make Saturday a working day (the
    receipt counts from the next working day's opening).

    >>> import datetime as dt
    >>> h = OfficeHours()
    >>> h.opening, h.closing, h.minutes_per_day
    (datetime.time(7, 30), datetime.time(17, 0), 480)
    >>> h.is_open(dt.time(12, 0))
    False
    """

    morning_start: dt.time = attrs.field(default=dt.time(7, 30), validator=_naive_time)
    morning_end: dt.time = attrs.field(default=dt.time(11, 30), validator=_naive_time)
    afternoon_start: dt.time = attrs.field(default=dt.time(13, 0), validator=_naive_time)
    afternoon_end: dt.time = attrs.field(default=dt.time(17, 0), validator=_naive_time)
    name: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    citation: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)

    def __attrs_post_init__(self) -> None:
        ordered = self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end
        if not ordered:
            raise ValidationError.single(
                "afternoon_end",
                (self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end),
                "morning_start < morning_end <= afternoon_start < afternoon_end",
                what="OfficeHours",
            )

    @property
    def opening(self) -> dt.time:
        """When the desk opens (start of the morning session)."""
        return self.morning_start

    @property
    def closing(self) -> dt.time:
        """When the desk closes (end of the afternoon session)."""
        return self.afternoon_end

    @property
    def sessions(self) -> tuple[tuple[dt.time, dt.time], tuple[dt.time, dt.time]]:
        """The morning and afternoon sessions as ``(start, end)`` pairs."""
        return (self.morning_start, self.morning_end), (self.afternoon_start, self.afternoon_end)

    @property
    def minutes_per_day(self) -> int:
        """Working minutes in one working day."""
        return sum(_minutes(end) - _minutes(start) for start, end in self.sessions)

    def is_open(self, t: dt.time) -> bool:
        """Whether ``t`` falls inside a session (start included, end excluded)."""
        return any(start <= t < end for start, end in self.sessions)

    def within_day(self, t: dt.time) -> bool:
        """Whether ``t`` is between opening (included) and closing (included)."""
        return self.opening <= t <= self.closing

    def minutes_before(self, t: dt.time) -> int:
        """Whole working minutes of a day that have elapsed by ``t`` (seconds ignored)."""
        m = t.hour * 60 + t.minute
        total = 0
        for start, end in self.sessions:
            total += max(0, min(m, _minutes(end)) - _minutes(start))
        return total

    def time_after(self, minutes: int) -> dt.time:
        """The time of day when ``minutes`` working minutes have elapsed (0 < m <= a day).

        A total that ends exactly at a session's end gives that end (11:30, not 13:00).

        >>> OfficeHours().time_after(240), OfficeHours().time_after(241)
        (datetime.time(11, 30), datetime.time(13, 1))
        """
        left = minutes
        for start, end in self.sessions:
            length = _minutes(end) - _minutes(start)
            if left <= length:
                m = _minutes(start) + left
                return dt.time(m // 60, m % 60)
            left -= length
        raise ValidationError.single(
            "minutes", minutes, f"at most {self.minutes_per_day}", what="OfficeHours"
        )


@attrs.frozen
class _PresetTable:
    presets: dict[str, OfficeHours]


class _Presets(Mapping[str, OfficeHours]):
    """An immutable mapping read from ``data/office_hours.json`` on first use."""

    @functools.cached_property
    def _table(self) -> Mapping[str, OfficeHours]:
        from tthc._tables import read_table

        return MappingProxyType(
            dict(read_table("tthc.deadlines", "office_hours.json", _PresetTable).presets)
        )

    def __getitem__(self, key: str) -> OfficeHours:
        return self._table[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"OFFICE_HOURS_PRESETS({sorted(self._table)})"


#: Provincial office hours with a cited decision (``data/office_hours.json``,
#: read on first use; an immutable mapping). Other provinces' hours seen in
#: the research notes (Huế, Phú Yên, Nghệ An, Hà Tĩnh, Hải Dương, Thái Nguyên)
#: had no decision number, so they are not shipped: build an
#: :class:`OfficeHours` with your own citation. Yên Bái and Vĩnh Phúc were
#: merged into Lào Cai and Phú Thọ on 1/7/2025 (Resolution 202/2025/QH15); the
#: presets keep the names of the deciding provinces.
OFFICE_HOURS_PRESETS: Mapping[str, OfficeHours] = _Presets()
