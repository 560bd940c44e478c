"""summarize's quick path (no supplement, no extension) counts what status() says."""

from __future__ import annotations

import datetime as dt
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc import strategies
from tthc.deadlines import VIETNAM, OpenStatus, Outcome
from tthc.dossiers import DossierState, Metrics, status, summarize
from tthc.errors import ProvisionalCalendarWarning
from tthc.model import Channel, Dossier, OnlineMode


def expected(d: Dossier, as_of: dt.datetime) -> Metrics:
    if d.received_at is None or d.received_at > as_of:
        return Metrics()
    s = status(d, as_of)
    counts = {"received": 1, d.channel.value: 1}
    if s.state is DossierState.STOPPED:
        counts["stopped"] = 1
    elif s.outcome is not None:
        counts["resolved"] = 1
        counts[{Outcome.TRUOC_HAN: "early", Outcome.DUNG_HAN: "on_time"}.get(s.outcome, "late")] = 1
    elif s.open_status is OpenStatus.QUA_HAN:
        counts["open_overdue"] = 1
    else:
        counts["open_in_time"] = 1
    service = d.procedure.online_service
    if d.channel is Channel.ONLINE and service is not None and service.mode is OnlineMode.FULL:
        counts["full_online"] = 1
    return Metrics(**counts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.dossiers(), st.integers(0, 4000))
def test_summarize_counts_what_status_says(d: Dossier, days: int) -> None:
    as_of = dt.datetime(2016, 1, 1, 12, tzinfo=VIETNAM) + dt.timedelta(days=days)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        assert summarize([d], as_of) == expected(d, as_of)
