"""Checks at the entrance of the calendar: arguments, and overlays that would erase the law.

Private to :mod:`tthc.deadlines`; :class:`~tthc.deadlines.WorkingCalendar`
calls them (issue 19).
"""

from __future__ import annotations

import datetime as dt
import operator
import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from tthc.deadlines._days import DayRecord
from tthc.deadlines._statutory import StatutoryPeriod, statutory_holidays, statutory_periods
from tthc.errors import CalendarOverrideWarning, Problem, ValidationError
from tthc.limits import MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    from tthc.deadlines._calendar import WorkingCalendar

__all__ = ["check_overlay", "count", "day_records", "year"]

_fromordinal = dt.date.fromordinal


def day_records(value: Any, name: str) -> tuple[DayRecord, ...]:
    """``value`` as a tuple of :class:`DayRecord`, or a ValidationError naming each bad item."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ValidationError.single(name, value, "an iterable of tthc.deadlines.DayRecord")
    items = tuple(value)
    bad = [
        Problem(f"{name}[{i}]", item, "a tthc.deadlines.DayRecord")
        for i, item in enumerate(items)
        if not isinstance(item, DayRecord)
    ]
    if bad:
        raise ValidationError(bad)
    return items


def year(value: Any, name: str = "year") -> int:
    if type(value) is not int or not MIN_YEAR <= value <= MAX_YEAR:
        raise ValidationError.single(
            name, value, f"a year from {MIN_YEAR} to {MAX_YEAR} (an int)", what="WorkingCalendar"
        )
    return value


def count(value: Any, name: str) -> int:
    """A whole number of days: an int (or NumPy integer), never a bool, float or NaN."""
    if type(value) is int:
        return value
    if not isinstance(value, bool):
        try:
            return operator.index(value)
        except TypeError:
            pass
    raise ValidationError.single(
        name, value, "a whole number of working days (an int; not a float, NaN or bool)"
    )


def check_overlay(
    old: WorkingCalendar,
    new: WorkingCalendar,
    removes: Any,
    *,
    source: str | None = None,
    stacklevel: int = 3,
) -> None:
    """Check ``new`` (``old`` with an overlay) before it is handed out (issue 19).

    Raises :class:`~tthc.errors.ValidationError` naming each statutory holiday
    (:func:`~tthc.deadlines._statutory.statutory_holidays`) the overlay makes
    a working day, unless ``removes`` (the caller's
    ``removes_statutory_holidays=True``); emits
    :class:`~tthc.errors.CalendarOverrideWarning` naming each day an earlier
    document cited whose status the overlay changes (and each statutory
    holiday removed on purpose).
    """
    if type(removes) is not bool:
        raise ValidationError.single(
            "removes_statutory_holidays", removes, "True or False", what="calendar overlay"
        )
    base, old_flags, new_flags = old._base, old._flags, new._flags
    removed = [
        holiday
        for year in range(old.first_year, old.last_year + 1)
        for holiday in statutory_holidays(year, culture_day=old.culture_day)
        if not old_flags[holiday.day.toordinal() - base]
        and new_flags[holiday.day.toordinal() - base]
    ]
    shortened = [
        (period, kept)
        for year in range(old.first_year, old.last_year + 1)
        for period in statutory_periods(year)
        for kept in [_weekdays_off(new, period)]
        if kept < period.days and kept < _weekdays_off(old, period)
    ]
    where = f"calendar overlay {source}" if source else "calendar overlay"
    if (removed or shortened) and not removes:
        problems = [
            Problem(
                h.day.isoformat(),
                "working day",
                f"a day off: {h.name_vi} / {h.name_en} is a public holiday under "
                f"{h.citation}; pass removes_statutory_holidays=True if the overlay "
                "means to remove it",
            )
            for h in removed
        ]
        problems += [
            Problem(
                f"{p.center.isoformat()}±{p.radius}",
                f"{kept} weekday(s) off",
                f"{p.days} weekdays off around {p.center.isoformat()}: {p.name_vi} / "
                f"{p.name_en} is {p.days} day(s) under {p.citation}, a weekend one "
                "compensated; pass removes_statutory_holidays=True if the overlay means "
                "to shorten it",
            )
            for p, kept in shortened
        ]
        raise ValidationError(sorted(problems, key=lambda p: p.path), what=where)
    announced = old._announced
    overridden = [
        f"{_fromordinal(base + i).isoformat()} {record.name_vi} / {record.name_en} "
        f"[{record.citation}] -> {'working day' if new_flags[i] else 'day off'}"
        for i, record in sorted(old._records.items())
        if announced[i] and new_flags[i] != old_flags[i]
    ]
    overridden += [
        f"{h.day.isoformat()} {h.name_vi} / {h.name_en} [{h.citation}] -> working day"
        for h in removed
    ]
    overridden += [
        f"{p.center.isoformat()}±{p.radius} {p.name_vi} / {p.name_en} [{p.citation}] -> "
        f"{kept} weekday(s) off"
        for p, kept in shortened
    ]
    if overridden:
        shown = "; ".join(overridden[:20])
        more = f"; … and {len(overridden) - 20} more" if len(overridden) > 20 else ""
        warnings.warn(
            f"the {where} overrides {len(overridden)} cited day(s): {shown}{more}",
            CalendarOverrideWarning,
            stacklevel=stacklevel,
        )


def _weekdays_off(calendar: WorkingCalendar, period: StatutoryPeriod) -> int:
    """Weekdays off within ``period.radius`` days of its center, inside the calendar."""
    base, flags, n = calendar._base, calendar._flags, calendar._n
    center = period.center.toordinal()
    return sum(
        1
        for ordinal in range(center - period.radius, center + period.radius + 1)
        if 0 <= ordinal - base < n
        and _fromordinal(ordinal).weekday() < 5
        and not flags[ordinal - base]
    )
