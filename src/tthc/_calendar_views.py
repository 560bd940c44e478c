"""Year views of a :class:`~tthc.deadlines.WorkingCalendar`: days off, make-up days, months.

Plain functions over :meth:`WorkingCalendar.explain` (each answer a cited
:class:`~tthc.deadlines.DayStatus`); the calendar exposes them as
:meth:`~tthc.deadlines.WorkingCalendar.days_off` and
:meth:`~tthc.deadlines.WorkingCalendar.working_days_by_month`. Statuses carry
``provisional`` for days past the announced calendar; nothing here warns.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tthc.deadlines import DayStatus, WorkingCalendar

__all__ = ["days_off", "make_up_days", "working_days_by_month", "year_statuses"]


def year_statuses(calendar: WorkingCalendar, year: int) -> tuple[DayStatus, ...]:
    """The status of every day of ``year``, in order.

    Raises :class:`~tthc.errors.CalendarRangeError` outside the calendar's range.
    """
    first = dt.date(year, 1, 1)
    count = (dt.date(year, 12, 31) - first).days + 1
    return tuple(calendar.explain(first + dt.timedelta(days=k)) for k in range(count))


def days_off(calendar: WorkingCalendar, year: int) -> tuple[DayStatus, ...]:
    """Every day off of ``year`` other than the weekly rest, each with its citation.

    Holidays, Tết, compensatory days and weekdays swapped for a make-up day
    (Labour Code 2019 Art. 111–112; the government's yearly announcements).
    """
    from tthc.deadlines import DayReason

    return tuple(
        s
        for s in year_statuses(calendar, year)
        if not s.working and s.reason is not DayReason.WEEKLY_REST
    )


def make_up_days(calendar: WorkingCalendar, year: int) -> tuple[DayStatus, ...]:
    """The weekend days worked in ``year`` (make-up days for swapped weekdays)."""
    return tuple(s for s in year_statuses(calendar, year) if s.working and s.day.weekday() >= 5)


def working_days_by_month(calendar: WorkingCalendar, year: int) -> tuple[int, ...]:
    """The number of working days in each month of ``year`` (12 numbers)."""
    counts = [0] * 12
    for s in year_statuses(calendar, year):
        if s.working:
            counts[s.day.month - 1] += 1
    return tuple(counts)
