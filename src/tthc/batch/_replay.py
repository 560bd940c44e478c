"""Event replay: supplement requests, arrivals and extensions, per dossier, as the scalar clock."""

from __future__ import annotations

from typing import Any

from tthc.batch import _engine as engine
from tthc.batch._columns import as_moments, column_of, factorize, numpy, row_count
from tthc.batch._due_dates import _Problems
from tthc.deadlines import _core as core
from tthc.deadlines._due import params_for
from tthc.errors import ValidationError
from tthc.model import EVENT_KINDS, ClockEffect

__all__ = ["replay"]

#: The events table's tags that move the clock (the tthc.serialization tags of
#: the event types that stop, resume or extend it; tthc.model.EVENT_KINDS).
_EFFECT_CODE = {ClockEffect.STOP: 0, ClockEffect.RESUME: 1, ClockEffect.EXTEND: 2}
_KINDS = {k.tag: _EFFECT_CODE[k.clock] for k in EVENT_KINDS.values() if k.clock in _EFFECT_CODE}


def replay(
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
    id_col = column_of(table, names["dossier_id"])
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
            lst, a_day, a_tod = engine.due_from(
                d, p, unit.value, amount[idx], day[members], tod[members]
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
