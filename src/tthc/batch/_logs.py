"""Dossier logs: per-row outcomes and grouped metrics, as :mod:`tthc.dossiers` computes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from tthc._validate import check_zone_offset
from tthc.batch import _engine as engine
from tthc.batch._columns import (
    as_limits,
    as_moments,
    column_of,
    factorize,
    has_column,
    kind_of,
    numpy,
    row_count,
)
from tthc.batch._due_dates import MAX_PROBLEMS, _Problems, _rules, _setup, cross_boundary
from tthc.deadlines import _core as core
from tthc.deadlines._calendar import WorkingCalendar
from tthc.deadlines._due import params_for
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import ClockPolicy
from tthc.dossiers._metrics import _FIELDS as _METRICS_FIELDS
from tthc.errors import NaiveDatetimeError, Problem, ValidationError
from tthc.model import EVENT_KINDS, ClockEffect, TimeLimit, TimeUnit

__all__ = [
    "COUNTS",
    "Outcomes",
    "RowStatus",
    "outcomes",
    "summarize",
    "summarize_batches",
]

#: Per-row status codes of :class:`Outcomes` (``status`` column).
RowStatus = {
    0: "not_received",
    1: "early",
    2: "on_time",
    3: "late",
    4: "open_in_time",
    5: "open_overdue",
    6: "stopped",
    7: "invalid",
}
_NOT_RECEIVED, _EARLY, _ON_TIME, _LATE, _IN_TIME, _OVERDUE, _STOPPED, _INVALID = range(8)

#: The count columns of :func:`summarize`, as in :class:`tthc.dossiers.Metrics`
#: (plus ``invalid``: rows that could not be judged, listed in the problems).
COUNTS = (*_METRICS_FIELDS, "invalid")

#: The events table's tags that move the clock (the tthc.serialization tags of
#: the event types that stop, resume or extend it; tthc.model.EVENT_KINDS).
_EFFECT_CODE = {ClockEffect.STOP: 0, ClockEffect.RESUME: 1, ClockEffect.EXTEND: 2}
_KINDS = {k.tag: _EFFECT_CODE[k.clock] for k in EVENT_KINDS.values() if k.clock in _EFFECT_CODE}
_NAT = -(2**63)


@attrs.frozen(eq=False)
class Outcomes:
    """Where every dossier of a log stands as of a moment (one row per input row).

    - ``status``: a code of :data:`RowStatus` (``early``, ``on_time``, ``late``,
      ``open_in_time``, ``open_overdue``, ``stopped``, ``not_received`` by the
      moment, ``invalid``);
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
        names = np.array([RowStatus[k] for k in range(len(RowStatus))], dtype=object)
        return names[self.status]


def limits_of_procedures(
    codes: Any, channels: Any, size: int, catalogue: Any = None
) -> tuple[list[TimeLimit | None], list[tuple[int, str, str]]]:
    """Time limits of procedure codes (per row, with its channel), and the rows not resolved.

    Each distinct (code, channel) pair is looked up once.
    """
    np = numpy()
    if catalogue is None:
        from tthc import catalogue as shipped

        catalogue = shipped
    code_ids, code_labels = factorize(codes, size)
    if channels is not None:
        channel_ids, channel_labels = factorize(channels, size)
    else:
        channel_ids, channel_labels = np.full(size, -1, dtype=np.int64), []
    pair = code_ids * (len(channel_labels) + 1) + np.where(
        channel_ids < 0, len(channel_labels), channel_ids
    )
    found: dict[int, TimeLimit | str] = {}
    for key in np.unique(pair[code_ids >= 0]).tolist():
        code = code_labels[key // (len(channel_labels) + 1)]
        c = key % (len(channel_labels) + 1)
        channel = channel_labels[c] if c < len(channel_labels) else None
        found[key] = _limit_of(catalogue, str(code), channel)
    limits: list[TimeLimit | None] = [None] * size
    bad: list[tuple[int, str, str]] = []
    for row, (key, code) in enumerate(zip(pair.tolist(), code_ids.tolist(), strict=True)):
        if code < 0:
            continue
        value = found[key]
        if isinstance(value, TimeLimit):
            limits[row] = value
        else:
            bad.append((row, str(code_labels[code]), value))
    return limits, bad


def _limit_of(catalogue: Any, code: str, channel: Any) -> TimeLimit | str:
    from tthc.errors import TthcError
    from tthc.model import Channel

    try:
        procedure = catalogue.get(code)
    except TthcError:
        return "a procedure code of the catalogue"
    if channel is not None:
        try:
            return procedure.time_limit(Channel.from_value(str(channel)))  # type: ignore[no-any-return]
        except TthcError:
            pass
    try:
        return procedure.time_limit()  # type: ignore[no-any-return]
    except TthcError:
        return "a procedure whose record publishes a time limit"


def _column(table: Any, name: str | None) -> Any | None:
    return None if name is None else column_of(table, name)


def _as_of_us(as_of: Any) -> int:
    if not isinstance(as_of, dt.datetime):
        raise ValidationError.single("as_of", as_of, "an aware datetime.datetime")
    if as_of.utcoffset() is None:
        raise NaiveDatetimeError("as_of", as_of)
    check_zone_offset(as_of, "as_of")
    delta = as_of - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


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
    np = numpy()
    names = {"received_at": "received_at", "limit": "limit", "returned_at": "returned_at"}
    names.update(
        stopped_at="stopped_at",
        agency_received_at="agency_received_at",
        dossier_id="dossier_id",
        procedure="procedure",
        channel="channel",
    )
    names.update(columns or {})
    cal, hours = _setup(calendar, hours)
    rules = _rules(policy)
    size = row_count(table)
    moment_now = _as_of_us(as_of)
    problems = _Problems()
    t = engine.tables_of(cal)

    recv_col = _column(table, names["received_at"])
    if recv_col is None:
        raise ValidationError.single(names["received_at"], None, "a column of receipt moments")
    recv_us, recv_null = as_moments(recv_col, names["received_at"])
    ret_us, ret_null = as_moments(
        _column(table, names["returned_at"]), names["returned_at"], size=size
    )
    stop_us, stop_null = as_moments(
        _column(table, names["stopped_at"]), names["stopped_at"], size=size
    )
    code_problems: list[tuple[int, str, str]] = []
    if limits is None:
        limits = _column(table, names["limit"])
        if limits is None and has_column(table, names["procedure"]):
            limits, code_problems = limits_of_procedures(
                column_of(table, names["procedure"]),
                _column(table, names["channel"]) if has_column(table, names["channel"]) else None,
                size,
                catalogue,
            )
        if limits is None:
            raise ValidationError.single(
                names["limit"], None, "a column of time limits (or a procedure column)"
            )
    amount, unit_code, units, cut_code, cutoffs, limit_null = as_limits(limits, size, unit=unit)
    for row, code, why in code_problems[:MAX_PROBLEMS]:
        problems.items.append(Problem(f"{names['procedure']}[{row}]", code, why))
    problems.count += len(code_problems)

    received = ~recv_null & (recv_us <= moment_now)
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
        _column(table, names["agency_received_at"]),
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
    original = engine.to_us(t, due.at_day, due.at_tod)

    # The current due (day index, time of day, last day) and whether it is set.
    last, at_day, at_tod = due.last.copy(), due.at_day.copy(), due.at_tod.copy()
    has_due = np.ones(size, dtype=bool)
    lo_day = np.minimum(recv.day, origin_day)
    # The provisional flag follows the scalar DueDate: the span from the due's own
    # receipt (the arrival after a restart) to its last day, or-ed over shifts.
    prov = engine.provisional(t, lo_day, last)
    anchor = recv.day.copy()

    ret_now = ~ret_null & (ret_us <= moment_now)
    stop_now = ~stop_null & (stop_us <= moment_now)
    if events is not None:
        ev_bad = _replay(
            t,
            events,
            table,
            names,
            size,
            moment_now,
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
    status = np.full(size, _NOT_RECEIVED, dtype=np.int8)
    status[received & ~ok] = _INVALID
    resolved = ok & ret_now
    if resolved.any():
        fin = engine.split(t, ret_us)
        verdict = core.judge(fin.day, fin.tod, at_day, at_tod, last, engine.NumpyDriver(t, size))
        status[resolved] = (verdict + _EARLY)[resolved]
    stopped = ok & stop_now & ~ret_now
    status[stopped] = _STOPPED
    open_ = ok & ~ret_now & ~stop_now
    in_time = ~has_due | (moment_now <= due_us)
    status[open_ & in_time] = _IN_TIME
    status[open_ & ~in_time] = _OVERDUE

    judged = ok & has_due
    provisional = prov & ok & has_due
    engine.warn_provisional(int(provisional.sum()), cal, "outcomes")
    local_month = (
        (np.floor_divide(recv_us + engine.OFFSET_US, core.US_PER_DAY))
        .astype("datetime64[D]")
        .astype("datetime64[M]")
    )
    return Outcomes(
        status=status,
        due_at=np.where(judged, due_us, _NAT).view("datetime64[us]"),
        original_due_at=np.where(ok, original, _NAT).view("datetime64[us]"),
        provisional=provisional,
        problems=tuple(problems.items),
        problem_count=problems.count,
        month=np.where(recv_null, np.datetime64("NaT", "M"), local_month),
    )


def _replay(
    t: engine.Tables,
    events: Any,
    table: Any,
    names: dict[str, str],
    size: int,
    moment_now: int,
    recv_us: Any,
    ret_us: Any,
    ret_now: Any,
    ok: Any,
    state: tuple[Any, Any, Any, Any, Any, Any],
    rule: tuple[Any, ...],
    problems: _Problems,
) -> Any:
    """Replay supplement and extension events per dossier; rows refused are returned."""
    np = numpy()
    last, at_day, at_tod, has_due, prov, anchor = state
    policy_code, policies = rule[5], rule[6]
    bad = np.zeros(size, dtype=bool)
    id_col = _column(table, names["dossier_id"])
    if id_col is None:
        raise ValidationError.single(names["dossier_id"], None, "a dossier_id column")
    ev_n = row_count(events)
    ids, id_labels = factorize(id_col, size)
    ev_ids_col = column_of(events, "dossier_id")
    kinds_col = column_of(events, "event")
    at_col = column_of(events, "at")
    if ev_ids_col is None or kinds_col is None or at_col is None:
        raise ValidationError.single(
            "events", None, "an events table with dossier_id, event and at columns"
        )
    position: dict[Any, int] = {}
    for row, code in enumerate(ids.tolist()):
        if code >= 0:
            position.setdefault(id_labels[code], row)
    ev_codes, ev_labels = factorize(ev_ids_col, ev_n)
    label_row = np.array([position.get(label, -1) for label in ev_labels] + [-1], dtype=np.int64)
    ev_row = label_row[ev_codes]
    kind_codes, kind_labels = factorize(kinds_col, ev_n)
    kind_map = np.array([_KINDS.get(str(k), -1) for k in kind_labels] + [-1], dtype=np.int64)
    ev_kind = kind_map[kind_codes]
    ev_us, ev_null = as_moments(at_col, "events.at")
    new_col = column_of(events, "new_due")
    new_us, new_null = as_moments(new_col, "events.new_due", size=ev_n)
    unknown = (ev_row < 0) & (ev_kind >= 0)
    problems.add(unknown, "events.dossier_id", None, "the dossier_id of a row of the table")
    keep = (ev_row >= 0) & (ev_kind >= 0) & ~ev_null
    keep &= ev_us <= moment_now
    rows_ok = np.where(ev_row >= 0, ok[np.clip(ev_row, 0, max(size - 1, 0))], False)
    keep &= rows_ok
    keep &= ev_us >= recv_us[np.clip(ev_row, 0, max(size - 1, 0))]
    sel = np.flatnonzero(keep)
    if sel.size == 0:
        return bad
    order = np.lexsort((sel, ev_us[sel], ev_row[sel]))
    sel = sel[order]
    rows = ev_row[sel]
    first = np.r_[True, rows[1:] != rows[:-1]]
    starts = np.flatnonzero(first)
    rank = np.arange(sel.size) - np.repeat(starts, np.diff(np.r_[starts, sel.size]))
    req_day = np.zeros(size, dtype=np.int64)
    req_tod = np.zeros(size, dtype=np.int64)
    fr_last, fr_day, fr_tod = last.copy(), at_day.copy(), at_tod.copy()
    fr_prov, fr_anchor = prov.copy(), anchor.copy()
    extensions = np.zeros(size, dtype=np.int64)
    max_ext = np.array([p.max_extensions for p in policies] + [0], dtype=np.int64)[policy_code]
    for r in range(int(rank.max()) + 1):
        at_r = sel[rank == r]
        row = ev_row[at_r]
        live = ~bad[row]
        at_r, row = at_r[live], row[live]
        kind = ev_kind[at_r]
        moment_r = ev_us[at_r]
        after_return = ret_now[row] & (moment_r > ret_us[row])
        split_r = engine.split(t, moment_r)
        # a supplement request: only while the clock runs
        k = (kind == 0) & ~after_return
        wrong = k & ~has_due[row]
        rr = row[k & ~wrong]
        fr_last[rr], fr_day[rr], fr_tod[rr] = last[rr], at_day[rr], at_tod[rr]
        fr_prov[rr], fr_anchor[rr] = prov[rr], anchor[rr]
        req_day[rr], req_tod[rr] = split_r.day[k & ~wrong], split_r.tod[k & ~wrong]
        has_due[rr] = False
        # the supplement arrives: restart or pause
        s = (kind == 1) & ~after_return
        wrong |= s & has_due[row]
        good = s & ~has_due[row]
        if good.any():
            _supplemented(
                t,
                row[good],
                split_r.day[good],
                split_r.tod[good],
                (last, at_day, at_tod, fr_last, fr_day, fr_tod, req_day, req_tod),
                (prov, anchor, fr_prov, fr_anchor),
                rule,
                bad,
            )
            has_due[row[good]] = True
        # an extension: while the clock runs, at most max_extensions, later than the due
        e = (kind == 2) & ~after_return
        e_rows = row[e]
        new = new_us[at_r[e]]
        current = engine.to_us(t, at_day[e_rows], at_tod[e_rows])
        e_wrong = (
            ~has_due[e_rows]
            | (extensions[e_rows] >= max_ext[e_rows])
            | new_null[at_r[e]]
            | (new <= current)
        )
        wrong[np.flatnonzero(e)[e_wrong]] = True
        e_good = np.flatnonzero(e)[~e_wrong]
        if e_good.size:
            g_rows = row[e_good]
            moved = engine.split(t, new_us[at_r[e_good]])
            extensions[g_rows] += 1
            at_day[g_rows], at_tod[g_rows] = moved.day, moved.tod
            last[g_rows] = np.maximum(core.last_day_of(moved.day, moved.tod), anchor[g_rows])
            prov[g_rows] |= engine.provisional(t, anchor[g_rows], last[g_rows])
            bad[g_rows[moved.outside]] = True
        wrong |= after_return
        bad[row[wrong]] = True
    problems.add(
        bad,
        "events",
        None,
        "a timeline the one-stop rules allow (a supplement after a request, at most "
        "the policy's extensions, each to a later date, nothing after the return)",
    )
    return bad


def _supplemented(
    t: engine.Tables,
    rows: Any,
    day: Any,
    tod: Any,
    state: tuple[Any, ...],
    flags: tuple[Any, ...],
    rule: tuple[Any, ...],
    bad: Any,
) -> None:
    """The due date once the complete dossier arrives: restart (Art. 19(4)) or pause."""
    last, at_day, at_tod, fr_last, fr_day, fr_tod, req_day, req_tod = state
    prov, anchor, fr_prov, fr_anchor = flags
    np = numpy()
    amount, unit_code, units, cut_code, cutoffs, policy_code, policies, hours = rule
    for (pk, uk, ck), members in engine.groups(policy_code[rows], unit_code[rows], cut_code[rows]):
        idx = rows[members]
        policy, unit = policies[pk], units[uk]
        p = params_for(policy, hours, cutoffs[ck])
        d = engine.NumpyDriver(t, idx.size)
        if engine.restarts(policy, unit):
            s_day, s_tod = core.effective_start(d, p, day[members], tod[members])
            # issue 20: the receipt moment itself is the core's origin (day, time)
            lst, a_day, a_tod = core.due(
                d, p, unit.value, amount[idx], s_day, s_tod, day[members], tod[members]
            )
            anchor[idx] = day[members]
            prov[idx] = engine.provisional(t, day[members], lst)
        else:
            lst, a_day, a_tod = core.paused_due(
                d,
                p,
                unit.value,
                fr_last[idx],
                fr_day[idx],
                fr_tod[idx],
                (req_day[idx], req_tod[idx]),
                (day[members], tod[members]),
            )
            anchor[idx] = fr_anchor[idx]
            lst = np.maximum(lst, fr_anchor[idx])
            prov[idx] = fr_prov[idx] | engine.provisional(t, fr_anchor[idx], lst)
        last[idx], at_day[idx], at_tod[idx] = lst, a_day, a_tod
        bad[idx[d.outside]] = True


# --------------------------------------------------------------------------- #
# Metrics
# --------------------------------------------------------------------------- #


def _keys(
    table: Any, by: str | Sequence[str] | None, size: int, result: Outcomes
) -> tuple[list[str], list[Any], list[list[Any]]]:
    if by is None:
        return [], [], []
    names = [by] if isinstance(by, str) else list(by)
    codes: list[Any] = []
    labels: list[list[Any]] = []
    for name in names:
        if name == "month" and not has_column(table, "month"):
            c, lab = _months(result.month)
        else:
            column = column_of(table, name)
            if column is None:
                raise ValidationError.single(
                    "by", name, "'month' or a column of the table (agency, channel, tier…)"
                )
            c, lab = factorize(column, size)
        codes.append(c)
        labels.append(lab)
    return names, codes, labels


def _months(months: Any) -> tuple[Any, list[Any]]:
    """Codes and ``"YYYY-MM"`` labels of a ``datetime64[M]`` column, without sorting."""
    np = numpy()
    missing = np.isnat(months)
    values = months.astype(np.int64)
    if missing.all():
        return np.full(values.shape, -1, dtype=np.int64), []
    low = int(values[~missing].min())
    high = int(values[~missing].max())
    codes = np.where(missing, -1, values - low)
    labels = [str(np.datetime64(m, "M")) for m in range(low, high + 1)]
    return codes, labels


def _count_columns(table: Any, size: int, result: Outcomes) -> dict[str, Any]:
    np = numpy()
    status = result.status
    received = status != _NOT_RECEIVED
    valid = received & (status != _INVALID)
    counts: dict[str, Any] = {
        "received": valid,
        "resolved": (status >= _EARLY) & (status <= _LATE),
        "early": status == _EARLY,
        "on_time": status == _ON_TIME,
        "late": status == _LATE,
        "open_in_time": status == _IN_TIME,
        "open_overdue": status == _OVERDUE,
        "stopped": status == _STOPPED,
    }
    channel = column_of(table, "channel") if has_column(table, "channel") else None
    if channel is not None:
        c, labels = factorize(channel, size)
        for name in ("online", "postal", "in_person"):
            code = labels.index(name) if name in labels else -2
            counts[name] = valid & (c == code)
        full = None
        if has_column(table, "full_online_service"):
            full = column_of(table, "full_online_service")
        if full is not None:
            f, flabels = factorize(full, size)
            true_code = flabels.index(True) if True in flabels else -2
            counts["full_online"] = counts["online"] & (f == true_code)
    counts["invalid"] = status == _INVALID
    return {name: np.asarray(mask, dtype=np.int64) for name, mask in counts.items()}


def _aggregate(
    names: list[str], codes: list[Any], labels: list[list[Any]], counts: dict[str, Any], size: int
) -> dict[str, list[Any]]:
    np = numpy()
    if not names:
        return {name: [int(values.sum())] for name, values in counts.items()}
    group = np.zeros(size, dtype=np.int64)
    radix = 1
    for c, lab in zip(codes, labels, strict=True):
        width = len(lab) + 1  # the last code stands for a missing key
        group += np.where(c < 0, len(lab), c) * radix
        radix *= width
    if radix <= 4 * size + 1024:
        present = np.bincount(group, minlength=radix) > 0
        used = np.flatnonzero(present)
        dense = np.full(radix, -1, dtype=np.int64)
        dense[used] = np.arange(used.size)
        inverse = dense[group]
    else:
        used, inverse = np.unique(group, return_inverse=True)
        inverse = inverse.reshape(-1)
    out: dict[str, list[Any]] = {}
    rest = used.copy()
    for name, lab in zip(names, labels, strict=True):
        width = len(lab) + 1
        part = rest % width
        rest //= width
        out[name] = [lab[int(x)] if x < len(lab) else None for x in part.tolist()]
    for name, values in counts.items():
        out[name] = np.bincount(inverse, weights=values, minlength=len(used)).astype(np.int64)
    return out


def _with_rates(out: dict[str, Any]) -> dict[str, Any]:
    np = numpy()

    def ratio(a: Any, b: Any) -> Any:
        a = np.asarray(a, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(b > 0, a / np.where(b > 0, b, 1), np.nan)

    out["open"] = np.asarray(out["open_in_time"]) + np.asarray(out["open_overdue"])
    good = np.asarray(out["early"]) + np.asarray(out["on_time"])
    out["on_time_rate"] = ratio(good, out["resolved"])
    out["progress_rate"] = ratio(
        good + np.asarray(out["open_in_time"]), np.asarray(out["resolved"]) + out["open"]
    )
    if "online" in out:
        out["online_share"] = ratio(out["online"], out["received"])
        out["postal_share"] = ratio(out["postal"], out["received"])
    if "full_online" in out:
        out["full_online_share"] = ratio(out["full_online"], out["received"])
    return out


def _frame(out: dict[str, Any], kind: str) -> Any:
    np = numpy()
    columns = {k: (np.asarray(v) if not isinstance(v, list) else v) for k, v in out.items()}
    if kind == "pandas":
        import pandas as pd

        return pd.DataFrame(columns)
    if kind == "polars":
        import polars as pl

        return pl.DataFrame({k: list(v) if isinstance(v, list) else v for k, v in columns.items()})
    import pyarrow as pa

    return pa.table(
        {
            k: pa.array(v) if isinstance(v, list) else pa.array(v, from_pandas=True)
            for k, v in columns.items()
        }
    )


def partial_counts(
    table: Any,
    as_of: dt.datetime,
    *,
    by: str | Sequence[str] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Grouped counts of one table (no rates): what :func:`summarize_batches` adds up."""
    size = row_count(table)
    result = outcomes(table, as_of, **options)
    names, codes, labels = _keys(table, by, size, result)
    return _aggregate(names, codes, labels, _count_columns(table, size, result), size)


def summarize(
    table: Any,
    as_of: dt.datetime,
    *,
    by: str | Sequence[str] | None = None,
    events: Any = None,
    limits: Any = None,
    unit: TimeUnit | str | None = None,
    columns: dict[str, str] | None = None,
    catalogue: Any = None,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
) -> Any:
    """Grouped on-time metrics of a dossier log, equal to :func:`tthc.dossiers.summarize_by`.

    ``table`` and the options are those of :func:`outcomes`. ``by`` is
    ``"month"`` (the month of receipt in Vietnam, ``"YYYY-MM"``), a column
    name (``agency``, ``channel``, ``tier``, ``procedure``, any other), a list
    of them, or ``None`` for one row over everything. The result has the same
    kind as ``table`` (pandas → pandas, polars → polars, otherwise a pyarrow
    Table): the group columns, the counts of :data:`COUNTS` (the channel
    counts only when the table has a ``channel`` column, ``full_online`` only
    with a ``full_online_service`` column), ``open`` and the rates
    (``on_time_rate``, ``progress_rate``, ``online_share``… NaN when the
    denominator is 0).

    >>> import datetime as dt, pandas as pd
    >>> import tthc
    >>> log = pd.DataFrame({
    ...     "received_at": pd.to_datetime(["2026-11-02 09:00", "2026-11-02 09:00"]).tz_localize(
    ...         "Asia/Ho_Chi_Minh"),
    ...     "limit": [5, 5],
    ...     "returned_at": pd.to_datetime(["2026-11-06 09:00", None]).tz_localize(
    ...         "Asia/Ho_Chi_Minh"),
    ... })
    >>> as_of = dt.datetime(2026, 11, 20, 9, tzinfo=tthc.VIETNAM)
    >>> summarize(log, as_of)[["received", "resolved", "early", "open_overdue"]]
       received  resolved  early  open_overdue
    0         2         1      1             1
    """
    out = partial_counts(
        table,
        as_of,
        by=by,
        events=events,
        limits=limits,
        unit=unit,
        columns=columns,
        catalogue=catalogue,
        calendar=calendar,
        hours=hours,
        policy=policy,
    )
    return _frame(_with_rates(out), kind_of(table))


def summarize_batches(
    batches: Iterable[Any],
    as_of: dt.datetime,
    *,
    by: str | Sequence[str] | None = None,
    kind: str = "arrow",
    **options: Any,
) -> Any:
    """:func:`summarize` over an iterable of tables (record batches, partitions), merged.

    Counts add up, so the result equals :func:`summarize` over the
    concatenated tables; memory grows with the number of groups, not rows.
    ``kind`` chooses the result: ``"arrow"``, ``"pandas"`` or ``"polars"``.
    """
    np = numpy()
    names = [] if by is None else ([by] if isinstance(by, str) else list(by))
    totals: dict[tuple[Any, ...], Any] = {}
    count_names: list[str] = []
    for batch in batches:
        part = partial_counts(batch, as_of, by=by, **options)
        current = [k for k in part if k not in names]
        for name in current:
            if name not in count_names:
                count_names.append(name)
        keys = list(zip(*(part[n] for n in names), strict=True)) if names else [()]
        for i, key in enumerate(keys):
            row = totals.setdefault(key, {})
            for name in current:
                row[name] = row.get(name, 0) + int(part[name][i])
    ordered = [n for n in COUNTS if n in count_names]
    keys_sorted = sorted(totals, key=lambda k: tuple((v is None, str(v)) for v in k))
    out: dict[str, Any] = {n: [k[i] for k in keys_sorted] for i, n in enumerate(names)}
    for name in ordered:
        out[name] = np.array([totals[k].get(name, 0) for k in keys_sorted], dtype=np.int64)
    return _frame(_with_rates(out), kind)
