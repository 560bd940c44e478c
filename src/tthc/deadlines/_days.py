"""What a day is on the official calendar, and why: kinds, reasons, records, statuses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from tthc._labels import LabelledEnum
from tthc._validate import boolean, enum_member, non_empty_str, plain_date, str_or_none
from tthc.errors import ValidationError

__all__ = ["DayKind", "DayReason", "DayRecord", "DayStatus"]

#: Decision 188/1999/QĐ-TTg (17/09/1999): 40-hour week, Saturday and Sunday off.
WEEKLY_REST_CITATION = "Decision 188/1999/QĐ-TTg (17/09/1999), Art. 1: 40-hour week, Sat–Sun off"


class DayKind(LabelledEnum):
    """Whether a day is worked (ngày làm việc) or not (ngày nghỉ)."""

    WORKING_DAY = ("working_day", "Ngày làm việc", "Working day")
    DAY_OFF = ("day_off", "Ngày nghỉ", "Day off")


class DayReason(LabelledEnum):
    """Why a day has its status.

    ``ORDINARY_WEEKDAY`` and ``WEEKLY_REST`` come from the weekly rule
    (Decision 188/1999/QĐ-TTg); the others come from a record: a statutory
    holiday (Labour Code 2019 Art. 112), a compensatory day (Art. 111(3)), a
    weekday swapped for a make-up Saturday (a …/VPCP-KGVX dispatch), or a
    user-supplied local decision (``OTHER``).
    """

    ORDINARY_WEEKDAY = ("ordinary_weekday", "Ngày làm việc thông thường", "Ordinary weekday")
    WEEKLY_REST = ("weekly_rest", "Nghỉ hằng tuần (thứ Bảy, Chủ nhật)", "Weekly rest (Sat, Sun)")
    HOLIDAY = ("holiday", "Nghỉ lễ, tết", "Public holiday")
    COMPENSATORY = ("compensatory", "Nghỉ bù", "Compensatory day off")
    SWAPPED_DAY_OFF = ("swapped_day_off", "Nghỉ hoán đổi", "Swapped day off")
    MAKE_UP_WORKING_DAY = ("make_up_working_day", "Ngày làm bù", "Make-up working day")
    OTHER = ("other", "Khác", "Other")


_REASON_KIND = {
    DayReason.ORDINARY_WEEKDAY: DayKind.WORKING_DAY,
    DayReason.WEEKLY_REST: DayKind.DAY_OFF,
    DayReason.HOLIDAY: DayKind.DAY_OFF,
    DayReason.COMPENSATORY: DayKind.DAY_OFF,
    DayReason.SWAPPED_DAY_OFF: DayKind.DAY_OFF,
    DayReason.MAKE_UP_WORKING_DAY: DayKind.WORKING_DAY,
}


def _check_reason(instance: DayRecord, attribute: attrs.Attribute[Any], value: Any) -> None:
    enum_member(DayReason)(instance, attribute, value)
    expected = _REASON_KIND.get(value)
    if expected is not None and expected is not instance.kind:
        raise ValidationError.single(
            "reason",
            value,
            f"a reason that fits kind={instance.kind.value} (a {value.value} day is a "
            f"{expected.value})",
            what="DayRecord",
        )


@attrs.frozen
class DayRecord:
    """One cited fact about one day: it is off, or it is worked.

    The shipped calendar holds one record per weekday off and per make-up
    Saturday (calendar.md §2), each with the document that set it. Users add
    their own (next year's announcement, a local decision) the same way.

    >>> import datetime as dt
    >>> r = DayRecord(dt.date(2026, 1, 10), DayKind.WORKING_DAY, DayReason.MAKE_UP_WORKING_DAY,
    ...               name_vi="Làm bù cho ngày 02/01/2026", name_en="Make-up day for 02/01/2026",
    ...               citation="Công văn 12729/VPCP-KGVX (25/12/2025)")
    >>> r.working
    True
    """

    day: dt.date = attrs.field(validator=plain_date)
    kind: DayKind = attrs.field(validator=enum_member(DayKind))
    reason: DayReason = attrs.field(validator=_check_reason)
    name_vi: str = attrs.field(kw_only=True, validator=non_empty_str)
    name_en: str = attrs.field(kw_only=True, validator=non_empty_str)
    citation: str = attrs.field(kw_only=True, validator=non_empty_str)
    #: The calendar option this record depends on (only ``"culture_day"`` so far).
    switch: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)

    @property
    def working(self) -> bool:
        """Whether the day is worked."""
        return self.kind is DayKind.WORKING_DAY

    def name(self, lang: str = "vi") -> str:
        """The record's name in ``"vi"`` or ``"en"``."""
        return self.name_vi if lang == "vi" else self.name_en


@attrs.frozen
class DayStatus:
    """Why a day is or is not a working day: the answer of ``WorkingCalendar.explain``.

    ``provisional`` is ``True`` when the day is past the announced calendar
    (or before it) and the status comes from the statutory projection: the
    Prime Minister may still fix Tết or swap days differently.
    """

    day: dt.date = attrs.field(validator=plain_date)
    working: bool = attrs.field(validator=boolean)
    reason: DayReason = attrs.field(validator=enum_member(DayReason))
    name_vi: str = attrs.field(validator=non_empty_str)
    name_en: str = attrs.field(validator=non_empty_str)
    citation: str = attrs.field(validator=non_empty_str)
    provisional: bool = attrs.field(default=False, kw_only=True, validator=boolean)

    @property
    def kind(self) -> DayKind:
        """:attr:`DayKind.WORKING_DAY` or :attr:`DayKind.DAY_OFF`."""
        return DayKind.WORKING_DAY if self.working else DayKind.DAY_OFF

    def name(self, lang: str = "vi") -> str:
        """The status's name in ``"vi"`` or ``"en"``."""
        return self.name_vi if lang == "vi" else self.name_en

    def __str__(self) -> str:
        flag = " (provisional)" if self.provisional else ""
        return (
            f"{self.day.isoformat()} {self.kind.en.lower()}: {self.name_en}{flag} [{self.citation}]"
        )
