"""ProvisionalCalendarWarning: once per calendar per process, every answer counted."""

from __future__ import annotations

import datetime as dt
import warnings

import tthc
from tthc.deadlines import official_calendar, provisional_answers


def test_sixty_due_dates_past_the_calendar_warn_once() -> None:
    cal = official_calendar(last_year=2031)  # a calendar of its own: nothing counted yet
    assert provisional_answers(cal) == 0
    start = dt.datetime.combine(cal.announced_until, dt.time(9), tzinfo=tthc.VIETNAM)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        dues = [
            tthc.due_date(start + dt.timedelta(days=d), "10 ngày làm việc", calendar=cal)
            for d in range(60)
        ]
    assert all(d.provisional for d in dues)
    provisional = [w for w in caught if w.category is tthc.errors.ProvisionalCalendarWarning]
    assert len(provisional) == 1
    assert "once per calendar" in str(provisional[0].message)
    assert provisional_answers(cal) == 60


def test_every_answer_warns_when_asked() -> None:
    cal = official_calendar(last_year=2032)
    start = dt.datetime.combine(cal.announced_until, dt.time(9), tzinfo=tthc.VIETNAM)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for d in range(3):
            tthc.due_date(start + dt.timedelta(days=d), "10 ngày làm việc", calendar=cal)
    assert len(caught) == 3
