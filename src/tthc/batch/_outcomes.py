"""Outcomes: where every dossier of a :class:`~tthc.batch._log.Log` stands as of a moment."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from tthc.batch import _engine as engine
from tthc.batch._clock import Clock, clock_of
from tthc.batch._columns import numpy
from tthc.batch._due_dates import (
    MAX_PROBLEMS,
    _Problems,
    counting_key,
    cross_boundary,
    policy_rows,
)
from tthc.batch._log import Log, as_of_us, read_log
from tthc.deadlines import _core as core
from tthc.deadlines._calendar import WorkingCalendar
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import ClockPolicy
from tthc.errors import Problem
from tthc.model import TimeUnit
from tthc.rules import Rules

__all__ = ["Outcomes", "RowStatus", "fast_status", "outcomes", "outcomes_of"]

_NAT = -(2**63)


class RowStatus(enum.IntEnum):
    """Where one dossier stands (the ``status`` column of :class:`Outcomes`).

    The integer values are the codes in ``Outcomes.status``; ``label`` is the
    name used in Parquet output and :meth:`Outcomes.status_names`.
    """

    NOT_RECEIVED = 0
    EARLY = 1
    ON_TIME = 2
    LATE = 3
    OPEN_IN_TIME = 4
    OPEN_OVERDUE = 5
    STOPPED = 6
    INVALID = 7

    @property
    def label(self) -> str:
        """``"not_received"``, ``"early"``, … (the lower-case name)."""
        return self.name.lower()


_LABELS = tuple(s.label for s in RowStatus)


@attrs.frozen(eq=False)
class Outcomes:
    """Where every dossier of a log stands as of a moment (one row per input row).

    - ``status``: a :class:`RowStatus` code per row (``int8``): early, on
      time, late, open in time, open overdue, stopped, not received by the
      moment, invalid;
    - ``due_at``: the due moment in force (UTC ``datetime64[us]``; ``NaT``
      while the clock is stopped for a supplement, and for invalid rows);
    - ``original_due_at``: the date on the receipt slip;
    - ``provisional``: whether the due date depends on unannounced days;
    - ``problems`` / ``problem_count``: why rows are invalid.
    """

    status: Any
    due_at: Any
    original_due_at: Any
    provisional: Any
    problems: tuple[Problem, ...]
    problem_count: int
    month: Any = attrs.field(repr=False)

    def status_names(self) -> Any:
        """The ``status`` codes as strings (a numpy object array)."""
        np = numpy()
        return np.array(_LABELS, dtype=object)[self.status]


def outcomes(
    table: Any,
    as_of: dt.datetime,
    *,
    events: Any = None,
    limits: Any = None,
    unit: TimeUnit | str | None = None,
    columns: dict[str, str] | None = None,
    catalogue: Any = None,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
    clock: Clock | None = None,
) -> Outcomes:
    """Where every dossier of ``table`` stands at ``as_of``, as :func:`tthc.dossiers.status`.

    ``table`` has one row per dossier, with columns (rename with ``columns``,
    e.g. ``columns={"received_at": "ngay_tiep_nhan"}``):

    - ``received_at`` (required): when it was received complete (Form 01);
    - ``limit``: the time limit: working days as a number, or TimeLimit
      objects (or pass ``limits=`` / ``unit=`` like :func:`due_dates`);
    - ``returned_at``: when the result was returned or the refusal sent
      (``NaT``/null while open); ``stopped_at``: when handling stopped;
    - ``agency_received_at``: the competent agency's receipt (cross-boundary);
    - ``dossier_id``: the key of the optional ``events`` table;
    - ``procedure`` (when there is no ``limit`` column): procedure codes,
      resolved against ``catalogue`` (anything with ``get(code)`` returning a
      :class:`~tthc.model.Procedure`: a :class:`tthc.catalogue.Catalogue`;
      the shipped :mod:`tthc.catalogue` by default) to the ordinary limit of the
      row's ``channel`` method, else the first method's
      (:func:`tthc.dossiers.time_limit_of`). An unknown code makes the row
      invalid with a problem.

    ``events`` (optional, long format): ``dossier_id``, ``event`` (the
    serialization tags ``supplement_requested``, ``supplemented``,
    ``extension_granted``; other tags are ignored), ``at`` and ``new_due``
    (for extensions). They are replayed per dossier with the scalar clock's
    rules (restart or pause, one extension, Decree 61/2018/NĐ-CP Art. 19).

    A timeline the scalar API would refuse (a supplement never requested, a
    second extension, an event after the return…) makes that row ``invalid``
    with a problem; it never aborts the batch.
    """
    cal, hours, rules = clock_of(clock, calendar, hours, policy).resolved()
    now = as_of_us(as_of)
    log = read_log(table, limits=limits, unit=unit, columns=columns, catalogue=catalogue)
    return outcomes_of(log, now, cal, hours, rules, events=events)


def _months_of(us: Any) -> Any:
    np = numpy()
    local = np.floor_divide(us + engine.OFFSET_US, core.US_PER_DAY)
    return local.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def outcomes_of(
    log: Log,
    now: int,
    cal: WorkingCalendar,
    hours: OfficeHours,
    rules: Rules[ClockPolicy],
    *,
    events: Any = None,
    warn: bool = True,
) -> Outcomes:
    """:func:`outcomes` over a log already read.

    Without events, stops or cross-boundary receipts, and when every received
    row can be judged, the fast path answers (:func:`fast_status`); otherwise
    the general path replays events and lists what is wrong with which row.
    """
    np = numpy()
    if events is None:
        fast = _fast(log, now, cal, hours, rules)
        if fast is not None and not fast.bad:
            prov = fast.provisional
            if prov is None:
                prov = np.zeros(log.size, dtype=bool)
            if warn:
                engine.warn_provisional(int(np.count_nonzero(prov)), cal, "outcomes", stacklevel=4)
            due_at = np.where(fast.counted, fast.at_us, _NAT).view("datetime64[us]")
            months = np.where(fast.months < 0, _NAT, fast.months).view("datetime64[M]")
            return Outcomes(
                status=fast.status,
                due_at=due_at,
                original_due_at=due_at.copy(),
                provisional=prov,
                problems=(),
                problem_count=0,
                month=months,
            )
    size = log.size
    names = log.names
    problems = _Problems()
    t = engine.tables_of(cal)
    recv_us, recv_null = log.received, log.received_null
    zeros = np.zeros(size, dtype=np.int64)
    nulls = np.ones(size, dtype=bool)
    ret_us, ret_null = (
        (log.returned, log.returned_null) if log.returned is not None else (zeros, nulls)
    )
    stop_us, stop_null = (
        (log.stopped, log.stopped_null) if log.stopped is not None else (zeros, nulls)
    )
    amount, unit_code, units = log.amount, log.unit_code, log.units
    cut_code, cutoffs, limit_null = log.cut_code, log.cutoffs, log.limit_null
    code_problems = log.code_problems
    for row, code, why in code_problems[:MAX_PROBLEMS]:
        problems.items.append(Problem(f"{names['procedure']}[{row}]", code, why))
    problems.count += len(code_problems)

    received = ~recv_null & (recv_us <= now)
    recv = engine.split(t, recv_us)
    bad = received & recv.outside
    problems.add(bad, names["received_at"], recv_us, "a moment inside the calendar's range")
    bad |= received & limit_null
    if not code_problems:
        problems.add(received & limit_null, names["limit"], None, "a time limit")
    policy_code, policies = engine.policy_index(t, recv.day, rules)
    none_in_force = received & (policy_code < 0) & ~bad
    problems.add(none_in_force, names["received_at"], recv_us, "a date with one clock policy")
    bad |= none_in_force

    origin_day, origin_tod = cross_boundary(
        t,
        recv,
        recv_us,
        ~received,
        (log.agency, log.agency_null),
        names["agency_received_at"],
        policy_code,
        policies,
        bad,
        problems,
    )

    ok = received & ~bad
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
        ok,
    )
    beyond = due.outside & ok
    problems.add(beyond, names["received_at"], recv_us, "a due date inside the calendar's range")
    ok &= ~due.outside
    original = due.at_us

    # The current due (day index, time of day, last day) and whether it is set.
    last, at_day, at_tod = due.last.copy(), due.at_day.copy(), due.at_tod.copy()
    has_due = np.ones(size, dtype=bool)
    lo_day = np.minimum(recv.day, origin_day)
    # The provisional flag follows the scalar DueDate: the span from the due's own
    # receipt (the arrival after a restart) to its last day, or-ed over shifts.
    prov = engine.provisional(t, lo_day, last)
    anchor = recv.day.copy()

    ret_now = ~ret_null & (ret_us <= now)
    stop_now = ~stop_null & (stop_us <= now)
    if events is not None:
        from tthc.batch._replay import replay

        ev_bad = replay(
            t,
            events,
            log.table,
            names,
            size,
            now,
            recv_us,
            ret_us,
            ret_now,
            ok,
            (last, at_day, at_tod, has_due, prov, anchor),
            (amount, unit_code, units, cut_code, cutoffs, policy_code, policies, hours),
            problems,
        )
        ok &= ~ev_bad

    both = ret_now & stop_now & ok
    problems.add(both, names["stopped_at"], stop_us, "no stop once the result is returned")
    ok &= ~both
    waiting_return = ret_now & ~has_due & ok
    problems.add(
        waiting_return,
        names["returned_at"],
        ret_us,
        "a return after the requested supplement arrived (the clock is stopped)",
    )
    ok &= ~waiting_return
    early_end = ret_now & (ret_us < recv_us) & ok
    problems.add(early_end, names["returned_at"], ret_us, "a moment on or after received_at")
    ok &= ~early_end

    due_us = engine.to_us(t, at_day, at_tod)
    status = np.full(size, RowStatus.NOT_RECEIVED, dtype=np.int8)
    status[received & ~ok] = RowStatus.INVALID
    resolved = ok & ret_now
    if resolved.any():
        fin = engine.split(t, ret_us)
        verdict = core.judge(fin.day, fin.tod, at_day, at_tod, last, engine.NumpyDriver(t, size))
        status[resolved] = (verdict + RowStatus.EARLY)[resolved]
    stopped = ok & stop_now & ~ret_now
    status[stopped] = RowStatus.STOPPED
    open_ = ok & ~ret_now & ~stop_now
    in_time = ~has_due | (now <= due_us)
    status[open_ & in_time] = RowStatus.OPEN_IN_TIME
    status[open_ & ~in_time] = RowStatus.OPEN_OVERDUE

    judged = ok & has_due
    provisional = prov & ok & has_due
    if warn:
        engine.warn_provisional(int(provisional.sum()), cal, "outcomes", stacklevel=4)
    months = np.where(recv.outside, _months_of(recv_us), month_table(t)[recv.day])
    return Outcomes(
        status=status,
        due_at=np.where(judged, due_us, _NAT).view("datetime64[us]"),
        original_due_at=np.where(ok, original, _NAT).view("datetime64[us]"),
        provisional=provisional,
        problems=tuple(problems.items),
        problem_count=problems.count,
        month=np.where(recv_null, _NAT, months).view("datetime64[M]"),
    )


def month_table(t: engine.Tables) -> Any:
    """Per calendar day, its month as months since 1970-01 (built once per calendar)."""
    np = numpy()
    table = t.kernels.get("month")
    if table is None:
        days = (np.arange(t.n) + (t.base - engine._EPOCH_ORDINAL)).astype("datetime64[D]")
        table = days.astype("datetime64[M]").astype(np.int64)
        table.setflags(write=False)
        t.kernels["month"] = table
    return table


@attrs.frozen(eq=False)
class _Fast:
    """What the fast path knows about every row (see :func:`fast_status`)."""

    status: Any
    months: Any
    at_us: Any
    provisional: Any  # None when no row can be provisional
    counted: Any  # received, valid rows
    bad: bool  # whether some received row is invalid (the general path lists why)


def fast_status(
    log: Log,
    now: int,
    cal: WorkingCalendar,
    hours: OfficeHours,
    rules: Rules[ClockPolicy],
) -> tuple[Any, Any, int] | None:
    """``(status, month, provisional count)`` of a log without events, stops or agencies.

    ``None`` when the log needs the general path. One status code per row
    (:class:`RowStatus`), computed from the due moment and the start of the
    due day with comparisons only; ``month`` is months since 1970-01 of the
    receipt (-1 when it is missing). Equal to :func:`outcomes_of` by
    construction of the same due moments (and checked by the property tests).
    """
    fast = _fast(log, now, cal, hours, rules)
    if fast is None:
        return None
    count = 0 if fast.provisional is None else int(numpy().count_nonzero(fast.provisional))
    return fast.status, fast.months, count


def _fast(
    log: Log,
    now: int,
    cal: WorkingCalendar,
    hours: OfficeHours,
    rules: Rules[ClockPolicy],
) -> _Fast | None:
    np = numpy()
    if (log.stopped is not None and not log.stopped_null.all()) or (
        log.agency is not None and not log.agency_null.all()
    ):
        return None
    t = engine.tables_of(cal)
    recv_us, recv_null = log.received, log.received_null
    recv = engine.split(t, recv_us)
    any_null = bool(recv_null.any()) or bool(log.limit_null.any())
    any_outside = bool(recv.outside.any())
    live = None if not (any_null or any_outside) else ~recv_null & ~log.limit_null & ~recv.outside
    policy_code, policies = policy_rows(t, recv.day, rules, live, counting_key(hours, log.cutoffs))
    if not isinstance(policy_code, int) or policy_code < 0:
        return None
    all_valid = live is None
    valid: Any = live
    due = engine.compute_due(
        t,
        recv.day,
        recv.tod,
        log.amount,
        log.unit_code,
        log.units,
        log.cut_code,
        log.cutoffs,
        policy_code,
        policies,
        hours,
        valid,
        all_valid=all_valid,
    )
    at = due.at_us
    if due.index is not None:
        start = due.kernel.start_us[due.index]
    else:
        start = (due.last + (t.base - engine._EPOCH_ORDINAL)) * core.US_PER_DAY - engine.OFFSET_US
    i8 = np.int8
    if log.returned is not None:
        ret, ret_null = log.returned, log.returned_null
        done = ret <= now
        done &= ~ret_null
        resolved = (ret >= start).view(i8)
        resolved += (ret > at).view(i8)
        resolved += i8(RowStatus.EARLY)
        waiting = (at < now).view(i8)
        waiting += i8(RowStatus.OPEN_IN_TIME)
        status = np.where(done, resolved, waiting)
        early_end = done & (ret < recv_us)
    else:
        status = (at < now).view(i8) + i8(RowStatus.OPEN_IN_TIME)
        early_end = None
    invalid = due.outside if early_end is None else due.outside | early_end
    if not all_valid:
        invalid |= ~valid
    later = recv_us > now
    if invalid.any():
        status[invalid] = RowStatus.INVALID
    if later.any() or any_null:
        status[later | recv_null] = RowStatus.NOT_RECEIVED
    months = month_table(t)[recv.day]
    if any_outside:
        months = np.where(recv.outside, _months_of(recv_us), months)
    if any_null:
        months = np.where(recv_null, -1, months)
    counted = ~(later | invalid)
    bad = bool((invalid & ~later & ~recv_null).any())
    if not counted.any():
        return _Fast(status, months, at, None, counted, bad)
    prov = engine.provisional(t, recv.day, due.last)
    prov &= counted
    return _Fast(status, months, at, prov, counted, bad)
