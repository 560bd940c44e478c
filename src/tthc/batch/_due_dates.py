"""``due_dates``: the due moment of every row of a column of receipts."""

from __future__ import annotations

from typing import Any

import attrs

from tthc.batch import _engine as engine
from tthc.batch._columns import as_limits, as_moments, numpy
from tthc.deadlines._calendar import WorkingCalendar, official_calendar
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import ClockPolicy
from tthc.errors import Problem, ValidationError
from tthc.model import TimeUnit
from tthc.rules import Rule, Rules

__all__ = ["DueDates", "due_dates"]

#: At most this many row problems are kept (the count says how many there were).
MAX_PROBLEMS = 100


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


def _rules(policy: ClockPolicy | None) -> Rules[ClockPolicy]:
    if policy is None:
        rules: Rules[ClockPolicy] = engine.default_rules()
        return rules
    if not isinstance(policy, ClockPolicy):
        raise ValidationError.single("policy", policy, "None or a tthc.deadlines.ClockPolicy")
    return Rules([Rule(policy, citation=policy.citation)], what="clock policy")


def _setup(
    calendar: WorkingCalendar | None, hours: OfficeHours | None
) -> tuple[WorkingCalendar, OfficeHours]:
    if calendar is not None and not isinstance(calendar, WorkingCalendar):
        raise ValidationError.single(
            "calendar", calendar, "None or a tthc.deadlines.WorkingCalendar"
        )
    if hours is not None and not isinstance(hours, OfficeHours):
        raise ValidationError.single("hours", hours, "None or a tthc.deadlines.OfficeHours")
    return (official_calendar() if calendar is None else calendar), (
        OfficeHours() if hours is None else hours
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
    agency_received_at: Any,
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
    if agency_received_at is None:
        return recv.day, recv.tod
    np = numpy()
    agency_us, agency_null = as_moments(agency_received_at, name, size=recv_us.shape[0])
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
    cal, hours = _setup(calendar, hours)
    rules = _rules(policy)
    recv_us, recv_null = as_moments(received_at, "received_at")
    size = recv_us.shape[0]
    amount, unit_code, units, cut_code, cutoffs, limit_null = as_limits(limits, size, unit=unit)
    if amount.shape[0] != size:
        raise ValidationError.single("limits", f"{amount.shape[0]} rows", f"{size} rows")
    problems = _Problems()
    t = engine.tables_of(cal)
    recv = engine.split(t, recv_us)
    bad = recv.outside & ~recv_null
    problems.add(
        bad,
        "received_at",
        recv_us,
        f"a moment from {cal.first_day.isoformat()} to {cal.last_day.isoformat()} "
        "(the calendar's range; build a wider one with official_calendar(last_year=…))",
    )
    policy_code, policies = engine.policy_index(t, recv.day, rules)
    none_in_force = (policy_code < 0) & ~recv_null & ~recv.outside
    problems.add(none_in_force, "received_at", recv_us, "a receipt date with one clock policy")
    bad |= none_in_force
    origin_day, origin_tod = cross_boundary(
        t,
        recv,
        recv_us,
        recv_null,
        agency_received_at,
        "agency_received_at",
        policy_code,
        policies,
        bad,
        problems,
    )
    valid = ~recv_null & ~limit_null & ~bad
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
    )
    beyond = due.outside & valid
    problems.add(beyond, "received_at", recv_us, "a due date inside the calendar's range")
    valid &= ~due.outside
    at_us = engine.to_us(t, due.at_day, due.at_tod)
    at = np.where(valid, at_us, np.iinfo(np.int64).min).view("datetime64[us]")
    last_day = np.where(valid, due.last + (t.base - engine._EPOCH_ORDINAL), np.iinfo(np.int64).min)
    provisional = engine.provisional(t, recv.day, due.last) & valid
    engine.warn_provisional(int(provisional.sum()), cal, "due_dates")
    return DueDates(
        at=at,
        last_day=last_day.view("datetime64[D]"),
        provisional=provisional,
        valid=valid,
        problems=tuple(problems.items),
        problem_count=problems.count,
    )
