"""Counting for the scorecard: units, per-unit counts, procedure-level and petition indicators.

The pieces the indicator functions (:mod:`tthc.scorecard._indicators`) are
built from; the units are the values of the ``by`` columns, coded with the one
group-index helper of :mod:`tthc.batch`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from tthc.batch._columns import (
    as_moments,
    column_of,
    factorize,
    group_index,
    has_column,
    numpy,
    row_count,
)
from tthc.batch._facts import label_mask
from tthc.deadlines import official_calendar
from tthc.deadlines._calendar import WorkingCalendar
from tthc.errors import ValidationError
from tthc.model import Procedure

if TYPE_CHECKING:
    from tthc.scorecard._compute import Period

#: Applicants that make a procedure one "for people" (indicator 4.5a, line 419).
PEOPLE = ("công dân việt nam", "người việt nam định cư ở nước ngoài", "người nước ngoài")
#: PAKN are handled within 15 working days (formula description, indicator 5.2, line 473).
PAKN_WORKING_DAYS = 15
_US_PER_DAY = 86_400_000_000


@attrs.define
class _Units:
    """Row → unit index; ``count(mask)`` gives per-unit counts and, last, the whole."""

    index: Any
    labels: list[tuple[Any, ...]]

    def count(self, mask: Any) -> list[int]:
        np = numpy()
        n = len(self.labels)
        whole = int(np.count_nonzero(mask))
        if not n:
            return [whole]
        per = np.bincount(self.index[mask & (self.index >= 0)], minlength=n)
        return [int(x) for x in per] + [whole]


def _units(table: Any, by: Sequence[str], size: int) -> _Units:
    np = numpy()
    if not by:
        return _Units(np.zeros(size, dtype=np.int64), [])
    all_codes = []
    all_labels = []
    for name in by:
        if not has_column(table, name):
            raise ValidationError.single("by", name, "a column of the dossier log")
        codes, labels = factorize(column_of(table, name), size)
        all_codes.append(codes)
        all_labels.append(labels)
    key = group_index(all_codes, [len(labels) + 1 for labels in all_labels])
    used, inverse = np.unique(key, return_inverse=True)
    names: list[tuple[Any, ...]] = []
    for k in used.tolist():
        parts = []
        for labels in all_labels:
            width = len(labels) + 1
            code = k % width
            k //= width
            label = labels[code] if code < len(labels) else None
            parts.append(getattr(label, "value", label))
        names.append(tuple(parts))
    return _Units(inverse.reshape(-1).astype(np.int64), names)


# --------------------------------------------------------------------------- #
# The indicators
# --------------------------------------------------------------------------- #


@attrs.frozen
class _Counted:
    """Per-unit counts of one indicator (lists: units then the whole), or why not."""

    numerator: list[int] | None = None
    denominator: list[int] | None = None
    reason: tuple[str, str] | None = None
    #: given for everything only, with why not per unit
    whole_only: tuple[str, str] | None = None
    #: the numerator and denominator row masks (``keep_rows=True``)
    rows: tuple[Any, Any] | None = None


_PROCEDURE_LEVEL = (
    "chỉ số tính trên danh sách TTHC: chỉ tính cho toàn bộ, không theo đơn vị",
    "a procedure-level indicator: given for everything, not per unit",
)
_NO_FEEDBACK_UNITS = (
    "bảng phản ánh, kiến nghị không có cột đơn vị",
    "the feedback table has no unit columns",
)


def _missing(what_vi: str, what_en: str) -> _Counted:
    return _Counted(
        reason=(f"thiếu dữ liệu: {what_vi}", f"missing data: {what_en}"),
    )


def _need(fact: tuple[Any, Any] | None, scope: Any, name: str) -> tuple[Any, str] | None:
    """The fact's values, or ``None`` when absent or unknown for a row in scope."""
    if fact is None:
        return None
    values, null = fact
    if (null & scope).any():
        return None
    return values, name


def _absent(name: str, scope: Any, fact: tuple[Any, Any] | None) -> _Counted:
    np = numpy()
    if fact is None:
        return _missing(f"không có cột {name}", f"no {name} column")
    unknown = int(np.count_nonzero(fact[1] & scope))
    return _missing(
        f"{unknown:,} hồ sơ/TTHC trong phạm vi chưa ghi {name}",
        f"{unknown:,} row(s) in scope without {name}",
    )


def _unjudged(mask: Any) -> _Counted:
    n = int(mask.sum())
    return _Counted(
        reason=(
            f"{n:,} hồ sơ không xác định được hạn (xem problems của tthc.batch.outcomes)",
            f"{n:,} dossier(s) could not be judged (see the problems of tthc.batch.outcomes)",
        )
    )


def _us(moment: dt.datetime) -> int:
    delta = moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _complete(p: Procedure) -> bool:
    """Decree 63/2010/NĐ-CP Art. 8(2) (a)–(g) as the formula description lists them (1.3)."""
    return bool(
        p.name
        and p.steps
        and p.methods
        and any(case.components for case in p.dossier_cases)
        and all(m.time_limits for m in p.methods)
        and p.applicants
        and (p.implementing_agencies or p.competent_agencies)
    )


def _tier_sets(found: dict[str, Procedure], tiers: list[tuple[Any, ...]] | None) -> Any:
    """Per tier unit, the codes of the procedures carried out at that tier (``None``: no split)."""
    if tiers is None:
        return None
    return [
        {code for code, p in found.items() if any(t.value == unit[0] for t in p.tiers)}
        for unit in tiers
    ]


def _procedure_rate(
    found: dict[str, Procedure] | None,
    fact: Any,
    name: str,
    tiers: list[tuple[Any, ...]] | None = None,
) -> _Counted:
    if found is None:
        return _missing("không truyền danh sách TTHC", "no procedures passed")
    values = [fact(p) for p in found.values()]
    unknown = sum(v is None for v in values)
    if unknown:
        return _missing(
            f"{unknown:,} TTHC chưa ghi {name}", f"{unknown:,} procedure(s) without {name}"
        )
    yes = {code for code, v in zip(found, values, strict=True) if v}
    per = _tier_sets(found, tiers)
    if per is not None:
        return _Counted(
            [len(yes & codes) for codes in per] + [len(yes)],
            [len(codes) for codes in per] + [len(values)],
        )
    return _Counted([len(yes)], [len(values)], whole_only=_PROCEDURE_LEVEL)


def _procedures_with(
    found: dict[str, Procedure] | None,
    codes: tuple[Any, list[Any]] | None,
    scope: Any,
    fact: tuple[Any, Any] | None,
    name: str,
    in_scope: Any,
    *,
    fee: bool = False,
    units: _Units | None = None,
) -> _Counted:
    """Procedures in scope (``in_scope``) with a dossier in ``scope`` where ``fact`` holds."""
    np = numpy()
    if found is None:
        return _missing("không truyền danh sách TTHC", "no procedures passed")
    flags = [in_scope(p) for p in found.values()]
    unknown = sum(v is None for v in flags)
    if unknown:
        what = "fee_bearing" if fee else "applicants"
        return _missing(
            f"{unknown:,} TTHC chưa ghi {what}", f"{unknown:,} procedure(s) without {what}"
        )
    chosen = {code for code, flag in zip(found, flags, strict=True) if flag}
    if codes is None:
        return _missing("không có cột procedure", "no procedure column")
    if fact is None:
        return _missing(f"không có cột {name}", f"no {name} column")
    values, null = fact
    rows_code, labels = codes
    relevant = scope & np.isin(rows_code, [k for k, c in enumerate(labels) if str(c) in chosen])
    if (null & relevant).any():
        return _absent(name, relevant, fact)

    def having(rows: Any) -> set[str]:
        return {str(labels[k]) for k in np.unique(rows_code[rows]).tolist()}

    with_fact = having(relevant & values)
    per = None if units is None else _tier_sets(found, units.labels)
    if per is not None and units is not None:
        numerators = [
            len(having(relevant & values & (units.index == k)) & chosen & codes)
            for k, codes in enumerate(per)
        ]
        return _Counted(
            [*numerators, len(with_fact & chosen)],
            [len(chosen & codes) for codes in per] + [len(chosen)],
        )
    return _Counted([len(with_fact & chosen)], [len(chosen)], whole_only=_PROCEDURE_LEVEL)


def _petitions(
    feedback: Any,
    period: Period,
    moment: dt.datetime,
    by: tuple[str, ...],
    units: _Units,
    calendar: WorkingCalendar | None,
) -> dict[str, _Counted]:
    """Indicators 5.1–5.3 over the petitions table (lines 443, 457-477, 493-498)."""
    np = numpy()
    if feedback is None:
        why = _missing("không truyền bảng phản ánh, kiến nghị", "no feedback (PAKN) table")
        return {"5.1": why, "5.2": why, "5.3": why}
    size = row_count(feedback, "feedback")
    recv_us, recv_null = as_moments(column_of(feedback, "received_at"), "feedback.received_at")
    handled = column_of(feedback, "handled_at") if has_column(feedback, "handled_at") else None
    done_us, done_null = as_moments(handled, "feedback.handled_at", size=size)
    if recv_null.any():
        row = int(np.flatnonzero(recv_null)[0])
        raise ValidationError.single(f"feedback.received_at[{row}]", None, "a moment")
    start_us, end_us = _us(period.start_moment), _us(period.end_moment)
    cal = calendar or official_calendar()
    day = ((recv_us + 7 * 3_600_000_000) // _US_PER_DAY).astype("datetime64[D]")
    from tthc.deadlines import add_working_days_array

    due_day = add_working_days_array(cal, day, PAKN_WORKING_DAYS).astype(np.int64)
    done_day = (done_us + 7 * 3_600_000_000) // _US_PER_DAY
    now_us = min(_us(moment), end_us)
    now_day = (now_us + 7 * 3_600_000_000) // _US_PER_DAY
    handled_now = ~done_null & (done_us <= now_us)
    on_time = np.where(handled_now, done_day <= due_day, now_day <= due_day)
    in_scope = (recv_us <= end_us) & (~handled_now | (done_us >= start_us))
    first_in = (recv_us >= start_us) & (recv_us <= end_us)
    unsatisfied = label_mask(feedback, "rating", size, "unsatisfied")
    topic = label_mask(feedback, "topic", size, "regulation")
    fb_units = _feedback_units(feedback, by, units, size)
    out: dict[str, _Counted] = {}
    if topic is None or (by and fb_units is None):
        out["5.1"] = _missing("không có cột topic", "no topic column")
    else:
        out["5.1"] = _count_feedback(fb_units, units, first_in & topic, first_in)
    if by and fb_units is None:
        out["5.2"] = _Counted(
            _whole_only(on_time & in_scope), _whole_only(in_scope), whole_only=_NO_FEEDBACK_UNITS
        )
    else:
        out["5.2"] = _count_feedback(fb_units, units, in_scope & on_time, in_scope)
    if unsatisfied is None:
        out["5.3"] = _missing("không có cột rating của PAKN", "no feedback rating column")
    else:
        good = first_in & ~unsatisfied & on_time
        if by and fb_units is None:
            out["5.3"] = _Counted(
                _whole_only(good), _whole_only(first_in), whole_only=_NO_FEEDBACK_UNITS
            )
        else:
            out["5.3"] = _count_feedback(fb_units, units, good, first_in)
    return out


def _whole_only(mask: Any) -> list[int]:
    return [int(mask.sum())]


def _feedback_units(feedback: Any, by: tuple[str, ...], units: _Units, size: int) -> Any | None:
    """Per petition, the index of its unit among the dossiers' (-1: none); ``None``: no columns."""
    np = numpy()
    if not by:
        return np.full(size, -1, dtype=np.int64)
    if not all(has_column(feedback, name) for name in by):
        return None
    position = {label: k for k, label in enumerate(units.labels)}
    columns = []
    for name in by:
        codes, labels = factorize(column_of(feedback, name), size)
        names = [getattr(x, "value", x) for x in labels] + [None]
        columns.append([names[c] for c in codes.tolist()])
    keys = zip(*columns, strict=True)
    return np.array([position.get(tuple(k), -1) for k in keys], dtype=np.int64)


def _count_feedback(fb_units: Any, units: _Units, numerator: Any, denominator: Any) -> _Counted:
    np = numpy()
    n = len(units.labels)

    def count(mask: Any) -> list[int]:
        whole = int(np.count_nonzero(mask))
        if not n:
            return [whole]
        idx = fb_units[mask]
        per = np.bincount(idx[idx >= 0], minlength=n)
        return [int(x) for x in per] + [whole]

    return _Counted(count(numerator), count(denominator))
