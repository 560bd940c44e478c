"""``due_dates``: the due moment of every row of a column of receipts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any

import attrs

from tthc.batch import _engine as engine
from tthc.batch._clock import Clock, clock_of
from tthc.batch._columns import as_limits, as_moments, numpy
from tthc.deadlines._calendar import WorkingCalendar
from tthc.deadlines._due import params_for
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import ClockPolicy
from tthc.errors import Problem, ValidationError
from tthc.model import TimeUnit
from tthc.rules import Rules

__all__ = ["DueDates", "due_dates"]

#: At most this many row problems are kept (the count says how many there were).
MAX_PROBLEMS = 100
_NAT = -(2**63)


@attrs.frozen(eq=False)
class DueDates:
    """Due moments of a batch, one row per input row.

    - ``at``: the due moment, ``datetime64[us]`` in UTC (``NaT`` for a null row);
    - ``last_day``: the due day in Vietnam, ``datetime64[D]``;
    - ``provisional``: whether the answer depends on days past the announced
      calendar (one :class:`~tthc.errors.ProvisionalCalendarWarning` per call
      says how many rows are);
    - ``valid``: ``False`` where the row has no answer: a missing receipt or
      limit (NaN, NaT, None), or a problem listed in ``problems``;
    - ``problems``: what was wrong with which row (``received_at[12]``…), at
      most :data:`MAX_PROBLEMS` of them; ``problem_count`` counts them all.
    """

    at: Any
    last_day: Any
    provisional: Any
    valid: Any
    problems: tuple[Problem, ...]
    problem_count: int

    def __len__(self) -> int:
        return int(self.at.shape[0])

    def raise_for_problems(self) -> None:
        """Raise :class:`~tthc.errors.ValidationError` naming the bad rows, if any."""
        if self.problem_count:
            raise ValidationError(self.problems, what=f"batch ({self.problem_count} bad rows)")

    def to_pandas(self) -> Any:
        """A pandas DataFrame: ``at`` (aware, Asia/Ho_Chi_Minh), ``last_day``, flags."""
        import pandas as pd

        at = pd.to_datetime(self.at).tz_localize("UTC").tz_convert("Asia/Ho_Chi_Minh")
        return pd.DataFrame(
            {
                "at": at,
                "last_day": self.last_day,
                "provisional": self.provisional,
                "valid": self.valid,
            }
        )

    def to_arrow(self) -> Any:
        """A pyarrow Table: ``at`` (``timestamp[us]``, Asia/Ho_Chi_Minh), ``last_day``, flags."""
        import pyarrow as pa

        np = numpy()
        at = pa.array(self.at.view(np.int64), mask=~self.valid, type=pa.int64())
        day = pa.array(self.last_day.view(np.int64).astype(np.int32), mask=~self.valid)
        return pa.table(
            {
                "at": at.cast(pa.timestamp("us", tz="UTC")).cast(
                    pa.timestamp("us", tz="Asia/Ho_Chi_Minh")
                ),
                "last_day": day.cast(pa.date32()),
                "provisional": pa.array(self.provisional),
                "valid": pa.array(self.valid),
            }
        )


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.count = 0

    def add(self, rows: Any, path: str, values: Any, expected: str) -> None:
        rows = numpy().flatnonzero(rows) if rows.dtype == bool else rows
        self.count += int(rows.size)
        room = MAX_PROBLEMS - len(self.items)
        for i in rows[: max(room, 0)].tolist():
            self.items.append(Problem(f"{path}[{i}]", _value(values, i), expected))


def _value(values: Any, i: int) -> Any:
    if values is None:
        return None
    np = numpy()
    if values.dtype.kind == "i":
        return str(np.datetime64(int(values[i]), "us")) + "Z"
    return values[i].item() if hasattr(values[i], "item") else values[i]


def cross_boundary(
    t: engine.Tables,
    recv: engine.Rows,
    recv_us: Any,
    recv_null: Any,
    agency_received_at: tuple[Any, Any],
    name: str,
    policy_code: Any,
    policies: list[ClockPolicy],
    bad: Any,
    problems: _Problems,
) -> tuple[Any, Any]:
    """Where each row's time runs from: the competent agency's receipt when given.

    Decree 118/2025/NĐ-CP Art. 17(3) as amended: only under a policy with a
    cross-boundary start, and on or after the filing; other rows are marked
    bad (in place) with a problem.
    """
    agency_us, agency_null = agency_received_at
    if agency_us is None:
        return recv.day, recv.tod
    np = numpy()
    agency = engine.split(t, agency_us)
    given = ~agency_null & ~recv_null
    cross = np.array([p.cross_boundary_start for p in policies] + [False])[policy_code]
    wrong = given & (~cross | (agency_us < recv_us) | agency.outside) & ~bad
    problems.add(
        wrong,
        name,
        agency_us,
        "a moment on or after received_at, inside the calendar, under a policy with a "
        "cross-boundary start (Decree 118/2025/NĐ-CP Art. 17(3))",
    )
    bad |= wrong
    return np.where(given, agency.day, recv.day), np.where(given, agency.tod, recv.tod)


def due_dates(
    received_at: Any,
    limits: Any,
    *,
    unit: TimeUnit | str | None = None,
    agency_received_at: Any = None,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
    clock: Clock | None = None,
    warn: bool = True,
) -> DueDates:
    """The due moment of every receipt, as :func:`tthc.due_date` computes it for one.

    - ``received_at``: a column of moments: numpy ``datetime64`` (read as UTC),
      or timezone-aware pandas / polars / pyarrow timestamps, or aware
      datetimes. A naive pandas/polars/pyarrow column is refused.
    - ``limits``: one :class:`~tthc.model.TimeLimit` for every row, a sequence
      or column of them, or a numeric column of amounts in ``unit`` (working
      days unless said otherwise).
    - ``agency_received_at``: optional column, for dossiers filed outside the
      competent agency's area (Decree 118/2025/NĐ-CP Art. 17(3)).
    - ``policy``: one clock policy for all rows; by default each row is judged
      under the policy in force on its own receipt date (:data:`CLOCK_POLICIES`).
    - ``clock``: a :class:`~tthc.batch.Clock` (calendar, office hours, policy)
      instead of the three keywords.
    - ``warn=False``: no :class:`~tthc.errors.ProvisionalCalendarWarning` (the
      ``provisional`` column still says which rows are); for callers that
      report it their own way, without touching the process-wide warning
      filters (DuckDB's functions, from several threads).

    Missing values (NaN, NaT, None) give a null row; a bad row (outside the
    calendar, no policy in force, a cross-boundary receipt under a policy
    without that rule) gives a null row and a :class:`~tthc.errors.Problem`
    naming it; nothing in the batch raises for one row.

    >>> import numpy as np
    >>> from tthc import TimeLimit
    >>> received = np.array(["2026-11-20T03:00"], dtype="datetime64[us]")  # 10:00 in Vietnam
    >>> due_dates(received, TimeLimit.working_days(3)).at  # UTC: 24:00 of 26/11 in Vietnam
    array(['2026-11-26T17:00:00.000000'], dtype='datetime64[us]')
    """
    np = numpy()
    cal, hours, rules = clock_of(clock, calendar, hours, policy).resolved()
    recv_us, recv_null = as_moments(received_at, "received_at")
    size = recv_us.shape[0]
    if limits is None:
        raise ValidationError.single(
            "limits", None, "a TimeLimit, a sequence or column of them, or a column of amounts"
        )
    amount, unit_code, units, cut_code, cutoffs, limit_null = as_limits(limits, size, unit=unit)
    if amount.shape[0] != size:
        raise ValidationError.single("limits", f"{amount.shape[0]} rows", f"{size} rows")
    problems = _Problems()
    t = engine.tables_of(cal)
    recv = engine.split(t, recv_us)
    any_null = bool(recv_null.any()) or bool(limit_null.any())
    any_outside = bool(recv.outside.any())
    bad = recv.outside & ~recv_null
    if any_outside:
        problems.add(
            bad,
            "received_at",
            recv_us,
            f"a moment from {cal.first_day.isoformat()} to {cal.last_day.isoformat()} "
            "(the calendar's range; build a wider one with official_calendar(last_year=…))",
        )
    live = None if not (any_null or any_outside) else ~recv_null & ~limit_null & ~bad
    extra = ("cross_boundary_start",) if agency_received_at is not None else ()
    policy_code, policies = policy_rows(
        t, recv.day, rules, live, counting_key(hours, cutoffs, *extra), recv.span
    )
    if not isinstance(policy_code, int) or policy_code < 0:
        code = np.full(size, policy_code) if isinstance(policy_code, int) else policy_code
        none_in_force = (code < 0) & ~recv_null & ~recv.outside
        problems.add(none_in_force, "received_at", recv_us, "a receipt date with one clock policy")
        bad |= none_in_force
        policy_code = np.maximum(code, 0) if isinstance(policy_code, int) else code
        any_null = True
    origin_day, origin_tod = recv.day, recv.tod
    if agency_received_at is not None:
        code = np.full(size, policy_code) if isinstance(policy_code, int) else policy_code
        origin_day, origin_tod = cross_boundary(
            t,
            recv,
            recv_us,
            recv_null,
            as_moments(agency_received_at, "agency_received_at", size=size),
            "agency_received_at",
            code,
            policies,
            bad,
            problems,
        )
        any_null = True
    all_valid = not (any_null or any_outside)
    valid = np.ones(size, dtype=bool) if all_valid else ~recv_null & ~limit_null & ~bad
    due = engine.compute_due(
        t,
        origin_day,
        origin_tod,
        amount,
        unit_code,
        units,
        cut_code,
        cutoffs,
        policy_code,
        policies,
        hours,
        valid,
        all_valid=all_valid,
    )
    if due.outside.any():
        beyond = due.outside & valid
        problems.add(beyond, "received_at", recv_us, "a due date inside the calendar's range")
        valid &= ~due.outside
        all_valid = False
    offset = t.base - engine._EPOCH_ORDINAL
    if all_valid:
        at = due.at_us.view("datetime64[us]")
        last_day = due.last + offset
        s0, s1 = t.span
        if (
            recv.span is not None
            and due.latest is not None
            and (recv.span[0] >= s0 and due.latest <= s1)
        ):  # every receipt and due day inside the announced span: none provisional
            provisional = np.zeros(size, dtype=bool)
        else:
            provisional = engine.provisional(t, recv.day, due.last)
    else:
        at = np.where(valid, due.at_us, _NAT).view("datetime64[us]")
        last_day = np.where(valid, due.last + offset, _NAT)
        provisional = engine.provisional(t, recv.day, due.last) & valid
    if warn:
        engine.warn_provisional(int(np.count_nonzero(provisional)), cal, "due_dates")
    return DueDates(
        at=at,
        last_day=last_day.view("datetime64[D]"),
        provisional=provisional,
        valid=valid,
        problems=tuple(problems.items),
        problem_count=problems.count,
    )


def policy_rows(
    t: engine.Tables,
    day: Any,
    rules: Rules[ClockPolicy],
    live: Any,
    key: Callable[[ClockPolicy], Hashable],
    span: tuple[int, int] | None = None,
) -> tuple[Any, list[ClockPolicy]]:
    """The policy code of every row: an ``int`` when the live rows need only one, else a column.

    The live rows' days are read through their range. When every policy in
    force over it has the same ``key`` (the counting parameters and whatever
    else the caller reads from the policy), they are interchangeable and the
    first stands for all: no per-row column is built.
    """
    np = numpy()
    table, policies = engine.policy_table(t, rules)
    if span is None or live is not None:
        span = engine.span_of(day, live)
    if span is None:
        return 0, policies
    present = np.unique(table[span[0] : span[1] + 1]).tolist()
    if present[0] >= 0 and len({key(policies[k]) for k in present}) == 1:
        return int(present[0]), policies
    return table[day].astype(np.int64), policies


def counting_key(
    hours: OfficeHours, cutoffs: list[dt.time | None], *fields: str
) -> Callable[[ClockPolicy], Hashable]:
    """A policy's counting parameters (for each cut-off) and the named extra fields."""

    def key(policy: ClockPolicy) -> Hashable:
        counting = tuple(params_for(policy, hours, c) for c in cutoffs)
        return counting, tuple(getattr(policy, name) for name in fields)

    return key
