"""Properties over generated event sequences and dossier sets."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import catalogue
from tthc.deadlines import VIETNAM, Outcome
from tthc.dossiers import DossierState, apply, state_of, status, summarize
from tthc.errors import IllegalTransitionError, ValidationError
from tthc.model import (
    Channel,
    Dossier,
    DossierEvent,
    ExtensionGranted,
    IntakeRefused,
    IntakeSupplementRequested,
    Received,
    Refused,
    ResultReady,
    Returned,
    Stopped,
    StopReason,
    Submitted,
    Supplemented,
    SupplementRequested,
)

START = dt.datetime(2025, 1, 1, 8, tzinfo=VIETNAM)  # + up to ~1.3 years stays announced
KINDS = [
    "submitted",
    "intake_supplement",
    "intake_refused",
    "received",
    "supplement_requested",
    "supplemented",
    "extension",
    "result_ready",
    "returned",
    "refused",
    "stopped",
]


def make(kind: str, at: dt.datetime, extra_days: int) -> DossierEvent:
    if kind == "submitted":
        return Submitted(at, Channel.ONLINE)
    if kind == "intake_supplement":
        return IntakeSupplementRequested(at, ["Giấy tờ chứng minh chỗ ở hợp pháp"])
    if kind == "intake_refused":
        return IntakeRefused(at, "không thuộc thẩm quyền")
    if kind == "received":
        return Received(at)
    if kind == "supplement_requested":
        return SupplementRequested(at, ["Tờ khai"])
    if kind == "supplemented":
        return Supplemented(at)
    if kind == "extension":
        return ExtensionGranted(at, at + dt.timedelta(days=extra_days + 10), reason="xác minh")
    if kind == "result_ready":
        return ResultReady(at)
    if kind == "returned":
        return Returned(at)
    if kind == "refused":
        return Refused(at, "không đủ điều kiện")
    return Stopped(at, StopReason.APPLICANT_REQUEST)


steps = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 72), st.integers(0, 10)), max_size=12
)


@st.composite
def dossiers(draw: st.DrawFn) -> Dossier:
    d = Dossier(procedure=catalogue.get("1.004222"), channel=draw(st.sampled_from(Channel)))
    at = START + dt.timedelta(hours=draw(st.integers(0, 24 * 400)))
    for kind, gap, extra in draw(steps):
        at += dt.timedelta(hours=gap)
        try:
            d = apply(d, make(kind, at, extra))
        except (IllegalTransitionError, ValidationError):
            continue  # refused: the dossier is unchanged
    return d


FINAL_LAST = {
    DossierState.RETURNED: Returned,
    DossierState.REFUSED: Refused,
    DossierState.STOPPED: Stopped,
    DossierState.INTAKE_REFUSED: IntakeRefused,
}


@settings(max_examples=150, deadline=None)
@given(dossiers())
def test_no_sequence_reaches_an_impossible_state(d: Dossier) -> None:
    state = state_of(d)  # raises for an impossible timeline
    if state in FINAL_LAST:
        assert isinstance(d.events[-1], FINAL_LAST[state])
    received = [e for e in d.events if isinstance(e, Received)]
    assert len(received) <= 1
    if any(isinstance(e, (Returned, Refused, SupplementRequested)) for e in d.events):
        assert received
    assert sum(isinstance(e, ExtensionGranted) for e in d.events) <= 1


@settings(max_examples=150, deadline=None)
@given(dossiers())
def test_late_exactly_when_returned_after_the_extended_due(d: Dossier) -> None:
    end = d.events[-1].at + dt.timedelta(days=1) if d.events else START
    now = status(d, end)
    finished = next((e for e in d.events if isinstance(e, (Returned, Refused))), None)
    if finished is None or d.received_at is None:
        assert now.outcome is None
        return
    due = status(d, finished.at).due
    assert due is not None
    assert (now.outcome is Outcome.QUA_HAN) == (finished.at > due.at)


@settings(max_examples=40, deadline=None)
@given(st.lists(dossiers(), max_size=8), st.integers(0, 8))
def test_metrics_over_a_split_set_equal_metrics_over_the_whole(
    items: list[Dossier], cut: int
) -> None:
    as_of = START + dt.timedelta(days=500)
    whole = summarize(items, as_of)
    assert summarize(items[:cut], as_of) + summarize(items[cut:], as_of) == whole
    assert whole.received == whole.resolved + whole.open + whole.stopped
    assert whole.received == whole.online + whole.postal + whole.in_person
