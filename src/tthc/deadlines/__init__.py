"""The state agencies' official working calendar and an explainable deadline engine.

- :func:`official_calendar`: working days of a Monday–Friday state agency
  (Decision 188/1999/QĐ-TTg), statutory holidays (Labour Code 2012 Art. 115,
  Labour Code 2019 Art. 111–112), and every Tết window, swap and make-up
  Saturday announced since 2015 (up to :attr:`WorkingCalendar.announced_until`),
  each a record citing its document. Days
  outside the announcements are projected and flagged provisional.
- :class:`OfficeHours`: the daily sessions of a desk.
- :func:`due_date`: from a receipt moment and a :class:`TimeLimit` to a
  :class:`DueDate` that explains every skipped day, under the
  :class:`ClockPolicy` in force (:data:`CLOCK_POLICIES`).
- :class:`DossierClock`: a dossier's clock with supplements, one extension
  and an outcome, driven by the dossier events of :mod:`tthc.model`.
- :func:`add_working_days_array`, :func:`working_days_between_array`:
  vectorised over ``datetime64[D]`` arrays (needs ``tthc[numpy]``).

>>> import datetime as dt
>>> from tthc.deadlines import VIETNAM, TimeLimit, due_date, official_calendar
>>> cal = official_calendar()
>>> cal.is_working_day(dt.date(2026, 8, 22)), cal.is_working_day(dt.date(2026, 8, 31))
(True, False)
>>> due = due_date(dt.datetime(2026, 8, 28, 10, 0, tzinfo=VIETNAM), TimeLimit.working_days(2))
>>> due.at.isoformat()
'2026-09-05T00:00:00+07:00'
"""

from tthc.deadlines._arrays import add_working_days_array, working_days_between_array
from tthc.deadlines._calendar import MAX_YEAR, MIN_YEAR, WorkingCalendar, official_calendar
from tthc.deadlines._clock import (
    ClockEvent,
    ClockState,
    DossierClock,
    ExtensionLimitError,
    OpenStatus,
    Outcome,
)
from tthc.deadlines._data import Announcement, load_calendar_data
from tthc.deadlines._days import DayKind, DayReason, DayRecord, DayStatus
from tthc.deadlines._due import DueDate, SkippedDay, due_date
from tthc.deadlines._hours import OFFICE_HOURS_PRESETS, VIETNAM, OfficeHours
from tthc.deadlines._policy import (
    CLOCK_POLICIES,
    CalendarStart,
    ClockPolicy,
    EndOfDay,
    HoursOnDayOff,
    OffHours,
    ShiftedStart,
    SupplementClock,
)
from tthc.deadlines._provisional import provisional_answers
from tthc.deadlines._statutory import CULTURE_DAY_RULES, STATUTORY_REGIMES, StatutoryRegime
from tthc.model import TimeLimit, TimeUnit

__all__ = [
    "CLOCK_POLICIES",
    "CULTURE_DAY_RULES",
    "MAX_YEAR",
    "MIN_YEAR",
    "OFFICE_HOURS_PRESETS",
    "STATUTORY_REGIMES",
    "VIETNAM",
    "Announcement",
    "CalendarStart",
    "ClockEvent",
    "ClockPolicy",
    "ClockState",
    "DayKind",
    "DayReason",
    "DayRecord",
    "DayStatus",
    "DossierClock",
    "DueDate",
    "EndOfDay",
    "ExtensionLimitError",
    "HoursOnDayOff",
    "OffHours",
    "OfficeHours",
    "OpenStatus",
    "Outcome",
    "ShiftedStart",
    "SkippedDay",
    "StatutoryRegime",
    "SupplementClock",
    "TimeLimit",
    "TimeUnit",
    "WorkingCalendar",
    "add_working_days_array",
    "due_date",
    "load_calendar_data",
    "official_calendar",
    "provisional_answers",
    "working_days_between_array",
]

from tthc import _hooks

_hooks.install(__name__)  # pydantic hooks on this package's serialized types
