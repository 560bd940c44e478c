"""The indicators of Decision 766/QĐ-TTg as a registry of functions over one set of inputs.

Each indicator is a function of :class:`Inputs` (the log read once: row
statuses, the period's masks, the facts columns, the units) registered with
``@indicator("2.1")``. :func:`tthc.scorecard.scorecard` computes, for the
version asked, each of that version's indicator ids through this registry; a
test checks that every version's ids are registered and every registered id
belongs to a version. Adding an indicator is one function and a data record.

Indicator 5.4 ("Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC") has a
switch, ``receipt_satisfaction``: the formula description (the Decision 766
formula document, record 5.4, *secondary*) writes "=100%- (Tỷ lệ hồ sơ giải
quyết quá hạn + Tỷ lệ hồ sơ TTHC có phản ánh, kiến nghị hoặc đánh giá
dislike)", a sum of two rates in which a dossier both late and petitioned is
subtracted twice (``"sum"``; floored at 0, which the description does not
say); the METRICS sheet (*secondary*) counts the dossiers that are late, or
petitioned, or rated unsatisfied, once (``"union"``, the default: the portal
publishes an integer numerator no larger than the denominator, a count of
dossiers). The two differ only when a dossier is both late and petitioned or
unsatisfied. Finding by the issue-20 helper (law-for-21), both sources
secondary; no primary text of the formulas was found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from tthc.batch._columns import numpy
from tthc.batch._log import Log
from tthc.batch._outcomes import RowStatus as S
from tthc.deadlines._calendar import WorkingCalendar
from tthc.model import OnlineMode, Procedure
from tthc.scorecard._compute import Period
from tthc.scorecard._counting import (
    PEOPLE,
    _absent,
    _complete,
    _Counted,
    _missing,
    _need,
    _petitions,
    _procedure_rate,
    _procedures_with,
    _Units,
    _unjudged,
)

__all__ = ["INDICATORS", "Inputs", "indicator"]

#: Indicator id → the function computing it.
INDICATORS: dict[str, Callable[[Inputs], _Counted]] = {}


def indicator(*ids: str) -> Callable[[Callable[[Inputs], _Counted]], Callable[[Inputs], _Counted]]:
    """Register the decorated function as the computation of the indicators named ``ids``."""

    def register(function: Callable[[Inputs], _Counted]) -> Callable[[Inputs], _Counted]:
        for id_ in ids:
            if id_ in INDICATORS:
                raise ValueError(f"indicator {id_} registered twice")
            INDICATORS[id_] = function
        return function

    return register


@attrs.define(eq=False)
class Inputs:
    """What the indicators read, computed once per scorecard (row masks are numpy arrays)."""

    size: int
    table: Any
    log: Log
    result: Any
    status: Any
    invalid: Any
    received: Any
    recv_us: Any
    in_period: Any
    start_us: int
    end_us: int
    moment: dt.datetime
    period: Period
    units: _Units
    by_names: tuple[str, ...]
    found: dict[str, Procedure] | None
    facts: dict[str, tuple[Any, Any] | None]
    full_service: tuple[Any, Any] | None
    fee: tuple[Any, Any] | None
    feedback_count: tuple[Any, Any] | None
    unsatisfied: Any
    online: Any
    codes: tuple[Any, list[Any]] | None
    feedback: Any
    calendar: WorkingCalendar | None
    stopped: str
    overdue: str
    receipt_satisfaction: str
    keep_rows: bool
    _petitions: dict[str, _Counted] | None = None

    @property
    def scope(self) -> Any:
        """Dossiers received in the period (the scope of groups 3–6)."""
        return self.in_period

    @property
    def tier_split(self) -> _Units | None:
        """Procedure-level indicators are split by tier only (``by="tier"``), e.g. 3.1 line 181."""
        return self.units if self.by_names == ("tier",) else None

    @property
    def tier_units(self) -> list[tuple[Any, ...]] | None:
        split = self.tier_split
        return split.labels if split is not None else None

    def of_rows(self, numerator: Any, denominator: Any) -> _Counted:
        """Per-unit counts of two row masks (kept when ``keep_rows``)."""
        kept = (numerator, denominator) if self.keep_rows else None
        return _Counted(self.units.count(numerator), self.units.count(denominator), rows=kept)

    def rate(self, name: str, scope: Any, need: Iterable[str] = ()) -> _Counted:
        """A dossier indicator: rows in ``scope`` whose fact ``name`` is true."""
        for other in (name, *need):
            if _need(self.facts[other], scope, other) is None:
                return _absent(other, scope, self.facts[other])
        values = self.facts[name]
        assert values is not None
        return self.of_rows(scope & values[0], scope)

    def petitions(self) -> dict[str, _Counted]:
        """Indicators 5.1–5.3 over the petitions table, computed once."""
        if self._petitions is None:
            self._petitions = _petitions(
                self.feedback, self.period, self.moment, self.by_names, self.units, self.calendar
            )
        return self._petitions


# -- group 1: publicity ----------------------------------------------------------


@indicator("1.1")
def _announced(i: Inputs) -> _Counted:
    return _procedure_rate(
        i.found, lambda p: p.announced_on_time, "announced_on_time", i.tier_units
    )


@indicator("1.2")
def _published(i: Inputs) -> _Counted:
    return _procedure_rate(
        i.found, lambda p: p.published_on_time, "published_on_time", i.tier_units
    )


@indicator("1.3")
def _complete_records(i: Inputs) -> _Counted:
    return _procedure_rate(i.found, _complete, "the procedure records", i.tier_units)


@indicator("1.4")
def _synced(i: Inputs) -> _Counted:
    return i.rate("synced_to_portal", i.in_period)


# -- group 2: handling on time ---------------------------------------------------


@indicator("2.1")
def _on_time(i: Inputs) -> _Counted:
    np = numpy()
    status, log = i.status, i.log
    zeros, nulls = np.zeros(i.size, dtype=np.int64), np.ones(i.size, dtype=bool)
    ret_us, ret_null = (
        (log.returned, log.returned_null)
        if log.returned is not None
        else (
            zeros,
            nulls,
        )
    )
    stop_us, stop_null = (
        (log.stopped, log.stopped_null)
        if log.stopped is not None
        else (
            zeros,
            nulls,
        )
    )
    moment_us = _us(i.moment)
    finished_before = (~ret_null & (ret_us < i.start_us) & (ret_us <= moment_us)) | (
        ~stop_null & (stop_us < i.start_us) & ret_null
    )
    handled = i.received & (i.recv_us <= i.end_us) & ~finished_before
    if (handled & i.invalid).any():
        return _unjudged(handled & i.invalid)
    good = handled & ((status == S.EARLY) | (status == S.ON_TIME) | (status == S.OPEN_IN_TIME))
    scope = handled & (status >= S.EARLY) & (status <= S.OPEN_OVERDUE)
    if i.stopped == "finished":
        due = i.result.due_at.view("int64")
        stop_scope = handled & (status == S.STOPPED)
        good = good | (stop_scope & (stop_us <= due) & (due != np.iinfo(np.int64).min))
        scope = scope | stop_scope
    return i.of_rows(good, scope)


# -- group 3: online service -----------------------------------------------------


@indicator("3.0")
def _full_online(i: Inputs) -> _Counted:
    eligible = i.facts["full_online_eligible"]
    if _need(eligible, i.scope, "full_online_eligible") is None:
        return _absent("full_online_eligible", i.scope, eligible)
    if i.full_service is None or i.online is None:
        return _missing("kênh nộp và dịch vụ toàn trình", "channel and full service")
    assert eligible is not None
    den = i.scope & eligible[0]
    return i.of_rows(den & i.online & i.full_service[0] & ~i.full_service[1], den)


@indicator("3.1")
def _online_services(i: Inputs) -> _Counted:
    return _procedure_rate(
        i.found,
        lambda p: (
            p.online_service is not None
            and p.online_service.mode in (OnlineMode.FULL, OnlineMode.PARTIAL)
        ),
        "online_service",
        i.tier_units,
    )


@indicator("3.3")
def _online_results(i: Inputs) -> _Counted:
    paper = i.facts["paper_result"]
    if i.online is None:
        return _missing("không có cột channel", "no channel column")
    if _need(paper, i.scope & i.online, "paper_result") is None:
        return _absent("paper_result", i.scope & i.online, paper)
    assert paper is not None
    e_result = i.facts["electronic_result"]
    needs = i.scope & i.online & paper[0]
    if _need(e_result, needs, "electronic_result") is None:
        return _absent("electronic_result", needs, e_result)
    assert e_result is not None
    ok = i.scope & i.online & (~paper[0] | e_result[0])
    return i.of_rows(ok, i.scope)


# -- group 4: digitisation -------------------------------------------------------


@indicator("4.1")
def _electronic_results(i: Inputs) -> _Counted:
    status = i.status
    paper = i.facts["paper_result"]
    finished = i.scope & (status >= S.EARLY) & (status <= S.LATE)
    if (i.scope & i.invalid).any():
        return _unjudged(i.scope & i.invalid)
    if _need(paper, finished, "paper_result") is None:
        return _absent("paper_result", finished, paper)
    assert paper is not None
    return i.rate("electronic_result", finished & paper[0])


@indicator("4.2")
def _digitised(i: Inputs) -> _Counted:
    np = numpy()
    digitised = i.facts["components_digitised"]
    paper = i.facts["paper_result"]
    if _need(digitised, i.scope, "components_digitised") is None:
        return _absent("components_digitised", i.scope, digitised)
    if _need(paper, i.scope, "paper_result") is None:
        return _absent("paper_result", i.scope, paper)
    assert digitised is not None
    assert paper is not None
    e_result = i.facts["electronic_result"]
    needs = i.scope & paper[0]
    if _need(e_result, needs, "electronic_result") is None:
        return _absent("electronic_result", needs, e_result)
    e_values = e_result[0] if e_result is not None else np.zeros(i.size, dtype=bool)
    ok = i.scope & digitised[0] & (~paper[0] | e_values)
    return i.of_rows(ok, i.scope)


@indicator("4.3")
def _reused(i: Inputs) -> _Counted:
    return i.rate("data_reused", i.scope)


@indicator("4.4")
def _personal_store(i: Inputs) -> _Counted:
    return i.rate("linked_to_personal_store", i.scope)


@indicator("4.5b")
def _population_rows(i: Inputs) -> _Counted:
    return i.rate("population_data_used", i.scope)


@indicator("4.5a")
def _population_procedures(i: Inputs) -> _Counted:
    return _procedures_with(
        i.found,
        i.codes,
        i.scope,
        i.facts["population_data_used"],
        "population_data_used",
        lambda p: any(a.strip().casefold() in PEOPLE for a in p.applicants),
        units=i.tier_split,
    )


@indicator("4.6")
def _certified_copies(i: Inputs) -> _Counted:
    return _Counted(
        reason=(
            "cần danh sách xã cung cấp chứng thực bản sao điện tử, không có trong nhật ký hồ sơ",
            "needs the list of communes offering e-certified copies, not in a dossier log",
        )
    )


# -- group 5: satisfaction -------------------------------------------------------


@indicator("5.1")
def _regulation_petitions(i: Inputs) -> _Counted:
    return i.petitions()["5.1"]


@indicator("5.2")
def _petitions_on_time(i: Inputs) -> _Counted:
    return i.petitions()["5.2"]


@indicator("5.3")
def _petition_satisfaction(i: Inputs) -> _Counted:
    return i.petitions()["5.3"]


@indicator("5.4")
def _receipt_satisfaction(i: Inputs) -> _Counted:
    """100% minus late dossiers and dossiers petitioned or rated unsatisfied (see the module)."""
    if (i.scope & i.invalid).any():
        return _unjudged(i.scope & i.invalid)
    if i.feedback_count is None or _need(i.feedback_count, i.scope, "feedback_count") is None:
        return _absent("feedback_count", i.scope, i.feedback_count)
    if i.unsatisfied is None:
        return _missing("không có cột rating", "no rating column")
    late = i.status == S.LATE
    if i.overdue == "late_or_open":
        late = late | (i.status == S.OPEN_OVERDUE)
    complained = (i.feedback_count[0] > 0) | i.unsatisfied
    if i.receipt_satisfaction == "union":
        return i.of_rows(i.scope & ~(late | complained), i.scope)
    # "sum": N − late − complained, counted separately, floored at 0 per unit
    scope_count = i.units.count(i.scope)
    late_count = i.units.count(i.scope & late)
    complained_count = i.units.count(i.scope & complained)
    numerator = [
        max(0, n - a - b) for n, a, b in zip(scope_count, late_count, complained_count, strict=True)
    ]
    kept = (i.scope & ~(late | complained), i.scope) if i.keep_rows else None
    return _Counted(numerator, scope_count, rows=kept)


# -- group 6: online payment -----------------------------------------------------


@indicator("6.3")
def _paid_online_rows(i: Inputs) -> _Counted:
    np = numpy()
    fee_bearing = i.facts["fee_bearing"]
    if _need(fee_bearing, i.scope, "fee_bearing") is None:
        return _absent("fee_bearing", i.scope, fee_bearing)
    assert fee_bearing is not None
    fee = i.fee
    zero_fee = np.zeros(i.size, dtype=bool) if fee is None else (~fee[1] & (fee[0] == 0))
    return i.rate("paid_online", i.scope & fee_bearing[0] & ~zero_fee)


@indicator("6.1")
def _fee_synced(i: Inputs) -> _Counted:
    np = numpy()
    fee = i.fee
    fee_synced = None if fee is None else (fee[0] > 0, np.zeros(i.size, dtype=bool))
    return _procedures_with(
        i.found,
        i.codes,
        i.scope,
        fee_synced,
        "synced_fee",
        lambda p: p.fee_bearing,
        fee=True,
        units=i.tier_split,
    )


@indicator("6.2")
def _paid_online_procedures(i: Inputs) -> _Counted:
    return _procedures_with(
        i.found,
        i.codes,
        i.scope,
        i.facts["paid_online"],
        "paid_online",
        lambda p: p.fee_bearing,
        fee=True,
        units=i.tier_split,
    )


def _us(moment: dt.datetime) -> int:
    delta = moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
