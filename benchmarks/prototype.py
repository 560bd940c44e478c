"""The reference: an exact numpy prototype of tthc's common case, written without tthc's engine.

It reads only ``official_calendar().is_working_day`` (one call per day) and
the office hours' closing time, then:

- **due dates**: a cumulative working-day index over the calendar's days,
  one gather for the index of the due day, one gather for the day itself;
- **monthly summary**: one status code per row, the receipt month from a
  per-day table, one ``bincount`` over (month × status).

The rules it encodes are those of tthc's clock policies for working-day limits
(Civil Code 2015 Art. 147(2): the receipt day is not counted; a receipt on a
day off or at/after closing counts from the next working day; early = returned
before the due day), with the two switches a policy may set passed in: whether
the period ends at the close of office hours or at 24:00 of its last day
(``midnight``), and whether a start moved to the next working day is day one
(``moved_is_day_one``) or is excluded again.
The benchmarks check it equal to tthc before timing anything, so a ratio is
always between two programs that give the same answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

US_PER_DAY = 86_400_000_000
OFFSET_US = 7 * 3_600_000_000  # Asia/Ho_Chi_Minh: UTC+7, no daylight saving
EPOCH = dt.date(1970, 1, 1).toordinal()

#: Status codes of the prototype (the order of tthc.batch.RowStatus).
NOT_RECEIVED, EARLY, ON_TIME, LATE, IN_TIME, OVERDUE = 0, 1, 2, 3, 4, 5
STATUSES = 6


class Prototype:
    """The calendar turned into three tables, once."""

    def __init__(
        self,
        calendar: Any,
        closing: dt.time,
        *,
        midnight: bool = False,
        moved_is_day_one: bool = False,
    ) -> None:
        first, last = calendar.first_day, calendar.last_day
        n = last.toordinal() - first.toordinal() + 1
        days = [first + dt.timedelta(days=i) for i in range(n)]
        flags = np.array([calendar.is_working_day(d) for d in days], dtype=np.int64)
        self.base = first.toordinal() - EPOCH  # day number (since 1970) of index 0
        self.n = n
        self.flags = flags
        self.cum = np.cumsum(flags)  # working days in [0, i]
        wd = np.flatnonzero(flags)
        self.closing_us = (closing.hour * 3600 + closing.minute * 60) * 1_000_000
        self.moved_is_day_one = moved_is_day_one
        # due moment (µs UTC) when the k-th working day is the last: its closing, or 24:00
        end = US_PER_DAY if midnight else self.closing_us
        self.wd_at = (wd + self.base) * US_PER_DAY + end - OFFSET_US
        self.wd_day = wd
        # per calendar day: the month code (months since 1970-01)
        dates = (np.arange(n) + self.base).astype("datetime64[D]")
        self.month = dates.astype("datetime64[M]").astype(np.int64)

    def due(self, received_us: Any, limit: Any) -> tuple[Any, Any]:
        """``(due moment µs UTC, due day index)`` for working-day limits."""
        local = received_us + OFFSET_US
        day = local // US_PER_DAY
        tod = local - day * US_PER_DAY
        day -= self.base
        if day.min() < 0 or day.max() >= self.n:
            raise ValueError("a receipt outside the calendar")
        # index of the due day in the working-day list: the limit-th working day
        # after the receipt day; a start moved to the next working day (a day
        # off, at/after closing) adds one unless that day is day one
        k = self.cum[day] + limit - 1
        if not self.moved_is_day_one:
            k += (self.flags[day] == 0) | (tod >= self.closing_us)
        return self.wd_at[k], self.wd_day[k]

    def statuses(
        self, received_us: Any, limit: Any, returned_us: Any, returned_null: Any, as_of_us: int
    ) -> tuple[Any, Any]:
        """One status code per row, and the row's day index (for the month)."""
        at, last = self.due(received_us, limit)
        day = (received_us + OFFSET_US) // US_PER_DAY - self.base
        done = ~returned_null & (returned_us <= as_of_us)
        ret_day = (returned_us + OFFSET_US) // US_PER_DAY - self.base
        status = np.where(
            done,
            np.where(returned_us > at, LATE, np.where(ret_day < last, EARLY, ON_TIME)),
            np.where(as_of_us <= at, IN_TIME, OVERDUE),
        )
        status[received_us > as_of_us] = NOT_RECEIVED
        return status, day

    def monthly(
        self, received_us: Any, limit: Any, returned_us: Any, returned_null: Any, as_of_us: int
    ) -> dict[str, dict[str, int]]:
        """``{"YYYY-MM": {status name: count}}`` by the month of receipt in Vietnam."""
        status, day = self.statuses(received_us, limit, returned_us, returned_null, as_of_us)
        month = self.month[day]
        low = int(self.month.min())
        counts = np.bincount((month - low) * STATUSES + status, minlength=0)
        width = -(-counts.size // STATUSES) * STATUSES
        table = np.pad(counts, (0, width - counts.size)).reshape(-1, STATUSES)
        names = ("not_received", "early", "on_time", "late", "open_in_time", "open_overdue")
        out = {}
        for m in np.flatnonzero(table[:, 1:].sum(axis=1)):
            label = str(np.datetime64(int(m) + low, "M"))
            out[label] = {name: int(table[m, i]) for i, name in enumerate(names)}
        return out
