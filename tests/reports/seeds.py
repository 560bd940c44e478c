"""Synthetic logs and catalogues whose aggregate counts are those the seed reports state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tthc.model import Channel as Ch
from tthc.model import Method, OnlineService, Procedure, TimeLimit
from tthc.model import OnlineMode as Mode

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
TAY_NINH = "003_e177cc0a97907b0b.txt"  # Vietnam+, 7 months of 2022
DONG_THAP = "000_4d43844814b01176.txt"  # ĐTO, 29/12/2023
KON_TUM = "001_107699b144bc9579.txt"  # 28/09/2023


def seed_text(name: str) -> str | None:
    path = SEEDS / name
    return path.read_text(encoding="utf-8") if path.exists() else None


def synthetic_log(
    *,
    in_person: int,
    postal: int,
    online: int,
    resolved: int,
    late: int,
    year: int,
    full_online: int | None = None,
    seed: int = 22,
) -> Any:
    """A pandas log: receipts on working days from January to June of ``year``.

    ``resolved`` dossiers are returned: ``late`` of them 20 calendar days after
    receipt (past a 5-working-day limit), the others the next day; the rest
    are received in the last week of July and still open in time on 31/7.
    Channels are shuffled over the rows; ``full_online`` of the online ones
    are full online (level-4) services.
    """
    import numpy as np
    import pandas as pd

    n = in_person + postal + online
    rng = np.random.default_rng(seed)
    channel = np.repeat(np.array(["in_person", "postal", "online"]), [in_person, postal, online])[
        rng.permutation(n)
    ]
    days = pd.bdate_range(f"{year}-01-04", f"{year}-06-30")
    tail = pd.bdate_range(f"{year}-07-25", f"{year}-07-29")
    index = np.arange(n)
    first = days[index[:resolved] % len(days)]
    last = tail[index[resolved:] % len(tail)]
    received = (first.append(last) + pd.Timedelta(hours=9)).tz_localize("Asia/Ho_Chi_Minh")
    back = np.where(index < late, 20, 1)
    returned = pd.Series(received + pd.to_timedelta(back, unit="D"))
    returned[resolved:] = pd.NaT
    log = pd.DataFrame(
        {"received_at": received, "limit": 5, "returned_at": returned, "channel": channel}
    )
    if full_online is not None:
        online_rows = np.flatnonzero(channel == "online")
        flag = np.zeros(n, dtype=bool)
        flag[online_rows[:full_online]] = True
        log["full_online_service"] = flag
    return log


def synthetic_catalogue(
    full: int, partial: int, *, integrated_full: int, integrated_partial: int, other: int = 0
) -> tuple[list[Procedure], set[str]]:
    """Procedures (full / partial online / not online) and the codes integrated."""
    procedures: list[Procedure] = []
    integrated: set[str] = set()
    plan: list[tuple[Mode | None, int, int]] = [
        (Mode.FULL, full, integrated_full),
        (Mode.PARTIAL, partial, integrated_partial),
        (None, other, 0),
    ]
    for mode, count, linked in plan:
        for i in range(count):
            code = f"1.{len(procedures) + 1:06d}"
            procedures.append(
                Procedure(
                    code,
                    f"Thủ tục {code}",
                    methods=[Method(Ch.IN_PERSON, [TimeLimit.working_days(5)])],
                    online_service=None if mode is None else OnlineService(mode=mode),
                )
            )
            if i < linked:
                integrated.add(code)
    return procedures, integrated
