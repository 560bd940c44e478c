"""A generated dossier log shared by the engine tests (DuckDB, Dask): edge rows included.

Receipts from 2024 to shortly before the end of the announced calendar (read
from the data, so the log needs no provisional answers): random moments, and
moments at the office-hours edges (07:29:59.999999, 07:30, 16:59:59.999999,
17:00, midnight) on days off, make-up Saturdays and random days. Limits of
1–30 working days (a few missing), some returns exactly at the due moment ±1 µs,
about 7% still open, a few missing receipts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tthc.deadlines import VIETNAM, official_calendar

EDGE_TIMES = (
    dt.time(0, 0),
    dt.time(7, 29, 59, 999999),
    dt.time(7, 30),
    dt.time(11, 30),
    dt.time(16, 59, 59, 999999),
    dt.time(17, 0),
    dt.time(23, 59, 59, 999999),
)
FIRST = dt.date(2024, 1, 1)
US_PER_DAY = 86_400_000_000


def last_receipt_day() -> dt.date:
    """The last receipt day whose 30-working-day due date is still announced."""
    return official_calendar().announced_until - dt.timedelta(days=75)


def as_of() -> dt.datetime:
    """The moment the log is judged at: some dossiers open, some not yet received."""
    return dt.datetime.combine(last_receipt_day() - dt.timedelta(days=40), dt.time(10), VIETNAM)


def special_days() -> list[dt.date]:
    """Weekdays off and working weekend days (make-up Saturdays) in the log's range."""
    cal = official_calendar()
    day, found = FIRST, []
    while day <= last_receipt_day():
        if cal.is_working_day(day) != (day.weekday() < 5):
            found.append(day)
        day += dt.timedelta(days=1)
    return found


def _local_us(np: Any, days: Any, times: Any) -> Any:
    """UTC µs of Vietnamese (day, time-of-day µs) pairs."""
    epoch = np.datetime64("1970-01-01", "D")
    return (days - epoch).astype(np.int64) * US_PER_DAY + times - 7 * 3_600_000_000


def generated_log(rows: int = 3000, seed: int = 9) -> Any:
    """A pandas DataFrame: received_at, limit, returned_at, channel, agency, dossier_id."""
    import numpy as np
    import pandas as pd

    from tthc import batch

    rng = np.random.default_rng(seed)
    first = np.datetime64(FIRST, "D")
    span = (np.datetime64(last_receipt_day(), "D") - first).astype(np.int64) + 1
    edge_us = np.array(
        [((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond for t in EDGE_TIMES]
    )
    special = np.array(special_days(), dtype="datetime64[D]")
    kind = rng.integers(
        0, 4, rows
    )  # 0, 1 random moments; 2 edge time on a special day; 3 random day
    days = first + rng.integers(0, span, rows)
    days = np.where(kind == 2, special[rng.integers(0, len(special), rows)], days)
    times = np.where(kind >= 2, edge_us[rng.integers(0, len(edge_us), rows)], 0)
    times = np.where(kind < 2, rng.integers(0, US_PER_DAY, rows), times)
    received = _local_us(np, days, times)
    limit = rng.integers(1, 31, rows)
    due = batch.due_dates(received.view("datetime64[us]"), limit).at.view(np.int64)
    returned = received + rng.integers(0, 45 * US_PER_DAY, rows)
    at_due = rng.random(rows) < 0.1
    returned = np.where(at_due, due + rng.integers(-1, 2, rows), returned)
    open_ = rng.random(rows) < 0.07
    received_at = received.view("datetime64[us]").copy()
    received_at[rng.random(rows) < 0.005] = np.datetime64("NaT")
    returned_at = returned.view("datetime64[us]").copy()
    returned_at[open_] = np.datetime64("NaT")
    limits = pd.array(limit, dtype="Int64")
    limits[rng.random(rows) < 0.01] = pd.NA
    return pd.DataFrame(
        {
            "dossier_id": np.arange(rows),
            "received_at": pd.to_datetime(received_at).tz_localize("UTC"),
            "limit": limits,
            "returned_at": pd.to_datetime(returned_at).tz_localize("UTC"),
            "channel": rng.choice(np.array(["online", "postal", "in_person"], dtype=object), rows),
            "agency": rng.choice(np.array(["Sở Tư pháp", "UBND xã A", "Công an tỉnh"]), rows),
        }
    )
