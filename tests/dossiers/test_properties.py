"""Properties over generated event sequences and dossier sets."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import strategies
from tthc.deadlines import VIETNAM, Outcome
from tthc.dossiers import DossierState, state_of, status, summarize
from tthc.model import (
    Dossier,
    ExtensionGranted,
    IntakeRefused,
    Received,
    Refused,
    Returned,
    Stopped,
    SupplementRequested,
)

START = dt.datetime(2016, 1, 1, 8, tzinfo=VIETNAM)
dossiers = strategies.dossiers  # the same generator users get (tthc.strategies)


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
    as_of = dt.datetime(2026, 6, 30, 17, tzinfo=VIETNAM)  # after every generated event
    whole = summarize(items, as_of)
    assert summarize(items[:cut], as_of) + summarize(items[cut:], as_of) == whole
    assert whole.received == whole.resolved + whole.open + whole.stopped
    assert whole.received == whole.online + whole.postal + whole.in_person
