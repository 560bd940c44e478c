"""Catalogue figures per ministry, tier or sector: the counts reform reports quote."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal

from tthc.errors import ValidationError

if TYPE_CHECKING:
    from tthc.catalogue._catalogue import Catalogue

__all__ = ["STATS_COLUMNS", "stats"]

#: The upper ends (inclusive, in days as stated: working or calendar) of the
#: time-limit buckets; a same-day limit counts as ``days_0_1``.
_BUCKETS = ((1, "days_0_1"), (5, "days_2_5"), (10, "days_6_10"), (20, "days_11_20"),
            (30, "days_21_30"))  # fmt: skip
_DAY_UNITS = frozenset({"working_days", "calendar_days"})

#: The columns of :func:`stats`, after the group column.
STATS_COLUMNS: tuple[str, ...] = (
    "procedures",
    "full_online",
    "partial_online",
    "online_not_stated",
    "fee_bearing",
    "fee_not_stated",
    "time_limit_not_stated",
    *(name for _, name in _BUCKETS),
    "days_over_30",
    "other_unit",
)
NOT_STATED = "(not stated / không rõ)"
_GROUPS = ("ministry", "tier", "sector")
_KINDS = ("pandas", "polars", "arrow", "rows")


def _bucket(unit: str | None, amount: int | None) -> str:
    if unit is None:
        return "time_limit_not_stated"
    if unit == "same_day":
        return "days_0_1"
    if unit not in _DAY_UNITS or amount is None:
        return "other_unit"
    for top, name in _BUCKETS:
        if amount <= top:
            return name
    return "days_over_30"


def stats(
    catalogue: Catalogue,
    *,
    by: Literal["ministry", "tier", "sector"] = "ministry",
    kind: Literal["pandas", "polars", "arrow", "rows"] = "pandas",
) -> Any:
    """Procedures per ministry, tier or sector: online modes, fees, time-limit distribution.

    One row per group (most procedures first), columns ``by`` then
    :data:`STATS_COLUMNS`:

    - ``procedures``; ``full_online`` / ``partial_online``: the record's
      online service mode as published (toàn trình / một phần);
      ``online_not_stated``: no source read states a mode (not "offline");
    - ``fee_bearing``: the record states a non-zero fee or charge;
      ``fee_not_stated``: no source read states a fee, nor that there is none;
    - the ordinary time limit (the first method's first limit) in buckets of
      days as stated (``days_0_1`` … ``days_over_30``: working or calendar
      days, never converted), ``other_unit`` (hours, months) and
      ``time_limit_not_stated``.

    ``by="ministry"`` groups by the issuing agency (cơ quan ban hành: a
    ministry or a provincial People's Committee); ``by="tier"`` counts a
    procedure in each tier it is carried out at. A procedure whose group is
    not stated is counted under ``"(not stated / không rõ)"``. ``kind`` is the
    caller's table: ``"pandas"`` (default), ``"polars"``, ``"arrow"``
    (pyarrow), or ``"rows"`` (a list of dicts, no dependency).

    >>> from tthc import catalogue
    >>> rows = catalogue.open_catalogue().stats(by="tier", kind="rows")
    >>> sum(r["procedures"] for r in rows) >= len(catalogue.open_catalogue())
    True
    """
    if by not in _GROUPS:
        raise ValidationError.single("by", by, "one of 'ministry', 'tier', 'sector'")
    if kind not in _KINDS:
        raise ValidationError.single("kind", kind, "one of 'pandas', 'polars', 'arrow', 'rows'")
    index = catalogue._search_index()
    counts: dict[str, dict[str, int]] = {}
    for ministry, sector, tiers, mode, fee, unit, amount in index.query(
        "SELECT ministry, sector, tiers, mode, fee_bearing, limit_unit, limit_amount "
        "FROM procedures ORDER BY id"
    ):
        if by == "ministry":
            groups = [ministry or NOT_STATED]
        elif by == "sector":
            groups = [sector or NOT_STATED]
        else:
            groups = tiers.split() or [NOT_STATED]
        for group in groups:
            row = counts.setdefault(group, dict.fromkeys(STATS_COLUMNS, 0))
            row["procedures"] += 1
            row["full_online"] += mode == "full"
            row["partial_online"] += mode == "partial"
            row["online_not_stated"] += mode is None
            row["fee_bearing"] += fee == 1
            row["fee_not_stated"] += fee is None
            row[_bucket(unit, amount)] += 1
    rows = [
        {by: group, **values}
        for group, values in sorted(counts.items(), key=lambda kv: (-kv[1]["procedures"], kv[0]))
    ]
    if kind == "rows":
        return rows
    columns = {name: [r[name] for r in rows] for name in (by, *STATS_COLUMNS)}
    if kind == "pandas":
        pd: Any = importlib.import_module("pandas")
        return pd.DataFrame(columns)
    if kind == "polars":
        pl: Any = importlib.import_module("polars")
        return pl.DataFrame(columns)
    pa: Any = importlib.import_module("pyarrow")
    return pa.table(columns)
