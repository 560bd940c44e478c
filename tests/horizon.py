"""The announced calendar horizon, read from the shipped data (never copied into a test).

The horizon is the last day of the contiguous run of announced windows that
starts with the first one; it moves each year when an announcement is added to
``tthc/deadlines/data/vn_civil_service.json``, and every test reads it here.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources


def data_horizon() -> dt.date:
    """The last announced day of the shipped data's longest contiguous span.

    The calendar's own rule (``WorkingCalendar.announced_until``): a lone
    one-day window such as the make-up Saturday 27/12/2014 does not move it.
    """
    text = (
        resources.files("tthc.deadlines")
        .joinpath("data/vn_civil_service.json")
        .read_text(encoding="utf-8")
    )
    windows = sorted(
        (dt.date.fromisoformat(a["valid_from"]), dt.date.fromisoformat(a["valid_until"]))
        for a in json.loads(text)["announcements"]
    )
    runs = [list(windows[0])]
    for start, until in windows[1:]:
        if start > runs[-1][1] + dt.timedelta(days=1):
            runs.append([start, until])
        else:
            runs[-1][1] = max(runs[-1][1], until)
    return max(runs, key=lambda run: run[1] - run[0])[1]


HORIZON = data_horizon()
AFTER = HORIZON + dt.timedelta(days=1)
