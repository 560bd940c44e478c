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

import attrs

from tthc import _display

if TYPE_CHECKING:
    from tthc.deadlines import DayStatus, WorkingCalendar

__all__ = [
    "CalendarView",
    "days_off",
    "make_up_days",
    "view",
    "working_days_by_month",
    "year_statuses",
]


@attrs.frozen
class CalendarView:
    """A month or a year of a calendar, for people: a text grid and a notebook table.

    ``str()`` gives Monday-first grids (``*`` a weekday off, ``+`` a weekend day
    worked); in Jupyter each day off shows its name and citation on hover, and
    the days off are listed with their citations.
    """

    title: str
    months: tuple[tuple[DayStatus, ...], ...]

    @property
    def days_off(self) -> tuple[DayStatus, ...]:
        """The days off shown, other than the weekly rest."""
        return tuple(
            s for m in self.months for s in m if not s.working and s.reason.value != "weekly_rest"
        )

    def __str__(self) -> str:
        return "\n\n".join(_display.month_text(m) for m in self.months)

    def __repr__(self) -> str:
        months, off = len(self.months), len(self.days_off)
        return f"CalendarView({self.title!r}, months={months}, days_off={off})"

    def _repr_html_(self) -> str:
        return _display.calendar_html(self.months, self.title)


def view(calendar: WorkingCalendar, year: int, month: int | None = None) -> CalendarView:
    """The view of ``year`` (or one ``month`` of it)."""
    statuses = year_statuses(calendar, year)
    months = tuple(
        tuple(s for s in statuses if s.day.month == m)
        for m in (range(1, 13) if month is None else (month,))
    )
    title = f"Lịch làm việc {year}" if month is None else f"Lịch làm việc {month:02d}/{year}"
    return CalendarView(title, months)


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
