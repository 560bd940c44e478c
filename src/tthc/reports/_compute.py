"""Computing the reform report: catalogue counts, dossier figures through tthc.batch, targets."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from tthc.batch import outcomes
from tthc.catalogue import Catalogue
from tthc.deadlines import VIETNAM
from tthc.errors import ValidationError
from tthc.model import (
    AdministrativeTier,
    Channel,
    OnlineMode,
    Procedure,
    ProcedureCode,
    SatisfactionRating,
)
from tthc.reports import _frames as frames
from tthc.reports._values import (
    MEASURE_FIGURES,
    CatalogueCounts,
    Comparison,
    DossierFigures,
    TierShare,
    Unit,
)
from tthc.scorecard import Measure, Period, Target, progress_against

__all__ = [
    "as_period",
    "catalogue_counts",
    "compare",
    "default_as_of",
    "dossier_units",
    "procedures_of",
]

# The outcome codes of tthc.batch.RowStatus (0 not received … 7 invalid).
_NOT_RECEIVED, _EARLY, _ON_TIME, _LATE, _IN_TIME, _OVERDUE, _STOPPED, _INVALID = range(8)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_VN = re.compile(r"(\d{1,2})/(\d{4})")  # 07/2022, as Vietnamese documents write it
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _end_of(text: str) -> dt.date:
    vn = _MONTH_VN.fullmatch(text)
    if vn:
        text = f"{vn[2]}-{vn[1]}"
    if _DAY.fullmatch(text):
        return dt.date.fromisoformat(_iso_day(text))
    found = _MONTH.fullmatch(text)
    if found:
        return Period.month(int(found[1]), int(found[2])).end
    if text.isdigit() and len(text) == 4:
        return dt.date(int(text), 12, 31)
    raise ValueError(text)


def _iso_day(text: str) -> str:
    y, m, d = text.split("-")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _start_of(text: str) -> dt.date:
    vn = _MONTH_VN.fullmatch(text)
    if vn:
        text = f"{vn[2]}-{vn[1]}"
    if _DAY.fullmatch(text):
        return dt.date.fromisoformat(_iso_day(text))
    found = _MONTH.fullmatch(text)
    if found:
        return dt.date(int(found[1]), int(found[2]), 1)
    if text.isdigit() and len(text) == 4:
        return dt.date(int(text), 1, 1)
    raise ValueError(text)


def as_period(value: Any) -> Period:
    """A :class:`~tthc.scorecard.Period` from a Period, a ``(start, end)`` pair or text.

    Text is ``"2022-01..2022-07"`` (whole months; ``"01/2022..07/2022"`` too),
    ``"2022-01-01..2022-07-31"``, ``"2022"`` or ``"2022-07"``.
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 40:
            raise ValidationError.single(
                "period", text[:40] + "…", "a period such as 2022-01..2022-07"
            )
        first, _, last = text.partition("..")
        try:
            return Period(_start_of(first.strip()), _end_of((last or first).strip()))
        except ValueError:
            raise ValidationError.single(
                "period", value, "a period such as 2022-01..2022-07 or 2022-01-01..2022-07-31"
            ) from None
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return Period(_day(value[0], "start", _start_of), _day(value[1], "end", _end_of))
    raise ValidationError.single(
        "period",
        value,
        "a tthc.scorecard.Period, a (start, end) pair of dates, or '2022-01..2022-07'",
    )


def _day(value: Any, name: str, read: Callable[[str], dt.date]) -> Any:
    """A period end as a date: a date, ISO text, or a naive midnight (pandas' dates)."""
    if isinstance(value, str):
        try:
            return read(value.strip())
        except ValueError:
            raise ValidationError.single(name, value, "a date such as 2022-07-31") from None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None or value.time() != dt.time(0):
            raise ValidationError.single(
                name, value, "a datetime.date (whole days in Vietnam, both ends included)"
            )
        return value.date()
    return value


def procedures_of(catalogue: Any) -> tuple[Procedure, ...]:
    """The procedures of a :class:`~tthc.catalogue.Catalogue` or an iterable of Procedure."""
    if isinstance(catalogue, Catalogue):
        return tuple(catalogue)
    source = getattr(catalogue, "procedures", None)
    items = source() if callable(source) else catalogue
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise ValidationError.single(
            "catalogue", type(catalogue).__name__, "a tthc.catalogue.Catalogue or Procedure objects"
        )
    out = tuple(items)
    for i, item in enumerate(out):
        if not isinstance(item, Procedure):
            raise ValidationError.single(f"catalogue[{i}]", type(item).__name__, "a Procedure")
    return out


def catalogue_counts(
    procedures: Iterable[Procedure],
    on: dt.date,
    integrated: Collection[str | ProcedureCode] | Callable[[Procedure], bool] | None,
) -> CatalogueCounts:
    """Procedures in force on ``on``, by the online mode their record claims; integrated ones."""
    if integrated is None or callable(integrated):
        is_integrated = integrated
    elif isinstance(integrated, (str, bytes)):
        raise ValidationError.single(
            "integrated", integrated, "a collection of procedure codes, or a predicate"
        )
    else:
        codes = {str(c) for c in integrated}

        def is_integrated(p: Procedure) -> bool:
            return str(p.code) in codes

    total = full = partial = 0
    linked = {None: 0, OnlineMode.FULL: 0, OnlineMode.PARTIAL: 0}
    for p in procedures:
        if not p.in_force_on(on):
            continue
        total += 1
        mode = None if p.online_service is None else p.online_service.mode
        full += mode is OnlineMode.FULL
        partial += mode is OnlineMode.PARTIAL
        if is_integrated is not None and is_integrated(p):
            linked[mode] += 1
    if is_integrated is None:
        return CatalogueCounts(total, full, partial)
    return CatalogueCounts(
        total,
        full,
        partial,
        integrated=sum(linked.values()),
        integrated_full=linked[OnlineMode.FULL],
        integrated_partial=linked[OnlineMode.PARTIAL],
    )


def _us(moment: dt.datetime) -> int:
    delta = moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _group_codes(
    log: Any, by: Sequence[str], months: Any, size: int
) -> tuple[Any, list[tuple[Any, ...]]]:
    """One int64 group code per row and the key of each code (``None``: no value)."""
    import numpy as np

    codes: list[Any] = []
    columns: list[list[Any]] = []
    radix = 1
    for name in by:
        if name == "month" and frames.column(log, "month") is None:
            valid = ~np.isnat(months)
            ints = months.astype(np.int64)
            found = np.unique(ints[valid])
            c = np.full(size, -1, dtype=np.int64)
            c[valid] = np.searchsorted(found, ints[valid])
            names: list[Any] = [str(np.datetime64(int(v), "M")) for v in found.tolist()]
        elif name == "tier":
            column = frames.column(log, name)
            if column is None:
                raise ValidationError.single("by", name, "a column of the log")
            c, tiers = frames.members(column, name, AdministrativeTier)
            names = [t.value for t in tiers]
        else:
            column = frames.column(log, name)
            if column is None:
                raise ValidationError.single(
                    "by", name, "'month' or a column of the log (agency, tier, channel…)"
                )
            c, names = frames.labels(column, name)
        codes.append(np.where(c < 0, len(names), c))  # the last code: no value
        radix *= len(names) + 1
        columns.append(names)
    if radix >= 2**62:  # too many combinations for one int64 code: sort the tuples
        unique, inverse = np.unique(np.stack(codes), axis=1, return_inverse=True)
        keys = [
            tuple(n[v] if v < len(n) else None for v, n in zip(row, columns, strict=True))
            for row in unique.T.tolist()
        ]
        return inverse.reshape(-1), keys
    code = np.zeros(size, dtype=np.int64)
    step = 1
    for c, names in zip(codes, columns, strict=True):
        code += c * step
        step *= len(names) + 1
    if radix <= 4 * size + 1024:
        used = np.flatnonzero(np.bincount(code, minlength=radix))
        dense = np.full(radix, -1, dtype=np.int64)
        dense[used] = np.arange(used.size)
        inverse = dense[code]
    else:
        used, inverse = np.unique(code, return_inverse=True)
        inverse = inverse.reshape(-1)
    parts: list[list[Any]] = []
    rest = used.copy()
    for names in columns:
        width = len(names) + 1
        parts.append([names[i] if i < len(names) else None for i in (rest % width).tolist()])
        rest //= width
    return inverse, list(zip(*parts, strict=True)) if parts else []


def dossier_units(
    log: Any,
    period: Period,
    as_of: dt.datetime,
    by: Sequence[str],
    options: dict[str, Any],
) -> tuple[tuple[Unit, ...], tuple[Any, ...], int]:
    """The figures of everything, then of each unit; the outcome problems and their count."""
    import numpy as np

    size = frames.row_count(log)
    result = outcomes(log, as_of, **options)
    status = np.asarray(result.status)
    recv_us, recv_null = frames.moments_us(frames.column(log, "received_at"), "received_at")
    in_period = (
        ~recv_null & (recv_us >= _us(period.start_moment)) & (recv_us <= _us(period.end_moment))
    )
    if by:
        group, keys = _group_codes(log, by, np.asarray(result.month), size)
    else:
        group, keys = None, [()]
    n = len(keys)

    def joint(codes: Any, width: int) -> Any:
        """Counts of (unit, code) pairs, ``[n, width]``: one pass for exclusive categories."""
        flat = codes if group is None else group * width + codes
        return np.bincount(flat, minlength=n * width).reshape(n, width)

    def tally(mask: Any) -> Any:
        if group is None:
            return np.array([np.count_nonzero(mask)], dtype=np.int64)
        return np.bincount(group[mask], minlength=n).astype(np.int64)

    # the outcome of each dossier received in the period (8: outside the period)
    by_status = joint(np.where(in_period, status, 8).astype(np.int64), 9)
    counts: dict[str, Any] = {
        "received": by_status[:, _EARLY:_INVALID].sum(axis=1),
        "invalid": by_status[:, _INVALID],
        "resolved": by_status[:, _EARLY : _LATE + 1].sum(axis=1),
        "early": by_status[:, _EARLY],
        "on_time": by_status[:, _ON_TIME],
        "late": by_status[:, _LATE],
        "open_in_time": by_status[:, _IN_TIME],
        "open_overdue": by_status[:, _OVERDUE],
        "stopped": by_status[:, _STOPPED],
    }
    received = in_period & (status >= _EARLY) & (status < _INVALID)
    resolved = in_period & (status >= _EARLY) & (status <= _LATE)
    channel = frames.column(log, "channel")
    online = None
    if channel is not None:
        c, found = frames.members(channel, "channel", Channel)
        order: dict[Any, int] = {Channel.IN_PERSON: 0, Channel.POSTAL: 1, Channel.ONLINE: 2}
        code_of = np.array([order[m] for m in found] + [3], dtype=np.int64)  # -1: not stated
        chan = code_of[c]
        by_channel = joint(np.where(received, chan, 4), 5)
        for i, key in enumerate(("in_person", "postal", "online", "channel_not_stated")):
            counts[key] = by_channel[:, i]
        online = received & (chan == 2)
    else:
        for key in ("in_person", "postal", "online"):
            counts[key] = np.zeros(n, dtype=np.int64)
        counts["channel_not_stated"] = counts["received"]
    full_column = frames.column(log, "full_online_service")
    if full_column is not None:
        full, stated = frames.flags(full_column, "full_online_service")
        if stated.any():  # a column of nothing stated says nothing
            counts["full_online"] = (
                tally(online & full) if online is not None else np.zeros(n, dtype=np.int64)
            )
    digitised_column = frames.column(log, "result_digitised")
    tier_counts: list[tuple[Any, Any, Any]] = []
    if digitised_column is not None:
        digitised, stated = frames.flags(digitised_column, "result_digitised")
        judged = resolved & stated
        by_result = joint(np.where(judged, digitised.astype(np.int64), 2), 3)
        counts["digitised"] = by_result[:, 1]
        counts["digitised_of"] = by_result[:, 0] + by_result[:, 1]
        tier_column = frames.column(log, "tier")
        if tier_column is not None:
            tier_codes, tiers = frames.members(tier_column, "tier", AdministrativeTier)
            for i, tier in enumerate(tiers):
                at = judged & (tier_codes == i)
                tier_counts.append((tier, tally(at & digitised), tally(at)))
    rating_column = frames.column(log, "rating")
    if rating_column is not None:
        r, ratings = frames.members(rating_column, "rating", SatisfactionRating)
        good = np.array(
            [int(m is SatisfactionRating.SATISFIED) for m in ratings] + [2], dtype=np.int64
        )  # 1 satisfied, 0 not, 2 not rated
        by_rating = joint(np.where(received, good[r], 2), 3)
        counts["satisfied"] = by_rating[:, 1]
        counts["rated"] = by_rating[:, 0] + by_rating[:, 1]
    optional = {"full_online", "digitised", "digitised_of", "satisfied", "rated"} & set(counts)

    def unit(index: int | None, key: tuple[Any, ...]) -> Unit:
        def get(name: str) -> int:
            values = counts[name]
            return int(values.sum() if index is None else values[index])

        by_tier = tuple(
            TierShare(
                tier,
                int(d.sum() if index is None else d[index]),
                int(o.sum() if index is None else o[index]),
            )
            for tier, d, o in tier_counts
        )
        figures = DossierFigures(
            **{
                name: get(name)
                for name in (
                    "received",
                    "in_person",
                    "postal",
                    "online",
                    "channel_not_stated",
                    "resolved",
                    "early",
                    "on_time",
                    "late",
                    "open_in_time",
                    "open_overdue",
                    "stopped",
                    "invalid",
                )
            },
            **{name: get(name) for name in sorted(optional)},
            by_tier=tuple(t for t in by_tier if t.resolved),
        )
        return Unit(key, figures)

    units = [unit(None, ())]
    if by:  # the units with a dossier received in the period
        seen = counts["received"] + counts["invalid"]
        units.extend(unit(i, key) for i, key in enumerate(keys) if seen[i])
    return tuple(units), result.problems, int(result.problem_count)


def _value(figure: str, total: DossierFigures, catalogue: CatalogueCounts | None) -> float | None:
    if figure.startswith("catalogue."):
        return None if catalogue is None else getattr(catalogue, figure.split(".", 1)[1])
    value: float | None = getattr(total, figure)
    return value


def compare(
    targets: Iterable[Target],
    year: int,
    total: DossierFigures,
    catalogue: CatalogueCounts | None,
) -> tuple[Comparison, ...]:
    """Each target against its figure: those in force in ``year``, then later years' targets."""
    chosen = list(targets)
    for i, target in enumerate(chosen):
        if not isinstance(target, Target):
            raise ValidationError.single(f"targets[{i}]", type(target).__name__, "a Target")
    values: dict[Any, float | None] = {}
    for measure, figure in MEASURE_FIGURES.items():
        values[measure] = _value(figure, total, catalogue)
    for share in total.by_tier:
        values[(Measure.DIGITISED_RESULT_SHARE, share.tier)] = share.share
    out: list[Comparison] = []
    relevant = [t for t in chosen if t.measure in MEASURE_FIGURES]
    for progress in progress_against(relevant, values, year=year):
        out.append(Comparison(MEASURE_FIGURES[progress.target.measure], progress, True))
    # later years' targets, for reference, where the report has the figure
    for target in sorted((t for t in relevant if t.year > year), key=lambda t: t.year):
        for progress in progress_against([target], values, year=target.year):
            if progress.value is not None:
                out.append(Comparison(MEASURE_FIGURES[target.measure], progress, False))
    return tuple(out)


def default_as_of(period: Period, now: dt.datetime | None = None) -> dt.datetime:
    """The end of the period in Vietnam, or ``now`` when that is earlier (a period not over)."""
    end = dt.datetime.combine(period.end, dt.time.max, tzinfo=VIETNAM)
    current = dt.datetime.now(VIETNAM) if now is None else now
    return min(end, current)
