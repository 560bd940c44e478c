"""Timelines that used to crash later or be judged by wall clocks (issue: hostile input)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tthc import catalogue
from tthc.deadlines import VIETNAM, DossierClock, due_date
from tthc.dossiers import apply, status, timeline
from tthc.errors import CalendarRangeError, IllegalTransitionError, TthcError, ValidationError
from tthc.model import (
    Channel,
    Dossier,
    Received,
    Returned,
    Supplemented,
    SupplementRequested,
    TimeLimit,
)
from tthc.serialization import EVENT_TAGS

NEW_YORK = ZoneInfo("America/New_York")


def t(*a: int) -> dt.datetime:
    return dt.datetime(*a, tzinfo=VIETNAM)  # type: ignore[arg-type, misc]


def dossier() -> Dossier:
    return Dossier(procedure=catalogue.get("1.004222"), channel=Channel.IN_PERSON)


def test_apply_refuses_a_receipt_whose_due_date_cannot_be_computed() -> None:
    # Decree 61/2018 (in force in 2024) has no cross-boundary start: the agency
    # receipt is refused when the event is applied, not at every later status().
    received = Received(t(2024, 3, 4, 9), agency_received_at=t(2024, 3, 5, 9))
    with pytest.raises(ValidationError, match="agency_received_at"):
        apply(dossier(), received)
    # From 5/8/2026 (Decree 118/2025 as amended by Decree 309/2026) it is accepted
    # and the time runs from the agency's receipt.
    d = apply(dossier(), Received(t(2026, 9, 7, 9), agency_received_at=t(2026, 9, 9, 9)))
    assert status(d, t(2026, 9, 9, 10)).due is not None


def test_a_clock_refuses_impossible_event_lists_at_construction() -> None:
    limit = TimeLimit.working_days(5)
    with pytest.raises(IllegalTransitionError):
        DossierClock(limit, [Supplemented(t(2026, 3, 2, 9))])
    with pytest.raises(IllegalTransitionError):
        DossierClock(limit, [Received(t(2026, 3, 2, 9)), Supplemented(t(2026, 3, 3, 9))])
    with pytest.raises(ValidationError, match="previous event"):
        DossierClock(limit, [Received(t(2026, 3, 2, 9)), SupplementRequested(t(2026, 3, 1, 9))])


def test_event_order_compares_instants_across_a_fall_back_hour() -> None:
    # 1/11/2026 in New York: 01:50 EDT (05:50 UTC) comes before 01:10 EST (06:10 UTC).
    first = dt.datetime(2026, 11, 1, 1, 50, tzinfo=NEW_YORK)
    second = dt.datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=NEW_YORK)
    assert first.astimezone(dt.UTC) < second.astimezone(dt.UTC)
    procedure = catalogue.get("1.004222")
    ok = Dossier(
        procedure=procedure,
        channel=Channel.ONLINE,
        events=[Received(first), Returned(second)],
    )
    assert status(ok, second).outcome is not None
    with pytest.raises(ValidationError, match="previous event"):
        Dossier(
            procedure=procedure,
            channel=Channel.ONLINE,
            events=[Received(second), Returned(first)],
        )


def test_a_timeline_before_the_first_form_numbering_prints() -> None:
    d = apply(dossier(), Received(t(2018, 1, 10, 9)))
    text = str(timeline(d, t(2018, 1, 11, 9)))
    assert "10/01/2018 09:00" in text


@pytest.mark.parametrize(
    "limit",
    [TimeLimit.calendar_days(10**7), TimeLimit.months(10**5), TimeLimit.working_days(10**6)],
)
def test_huge_limits_give_a_range_error_not_an_overflow(limit: TimeLimit) -> None:
    with pytest.raises(CalendarRangeError) as caught:
        due_date(t(2026, 3, 2, 9), limit)
    assert isinstance(caught.value, TthcError)


def test_the_event_tags_cannot_be_changed_for_every_other_caller() -> None:
    with pytest.raises(TypeError):
        EVENT_TAGS[Received] = "nhan"  # type: ignore[index]
    assert EVENT_TAGS[Received] == "received"


def test_metrics_counts_follow_the_metrics_fields() -> None:
    import attrs

    from tthc.dossiers import Metrics
    from tthc.dossiers._metrics import _FIELDS

    assert tuple(a.name for a in attrs.fields(Metrics)) == _FIELDS
    assert Metrics(received=2, late=1) + Metrics(received=1, early=1) == Metrics(
        received=3, late=1, early=1
    )


def test_an_event_in_a_repeated_hour_loads_back_equal() -> None:
    """PEP 495: a moment with fold=1 compares unequal across zones; events store the instant."""
    from tthc.model import Received as ReceivedEvent
    from tthc.serialization import from_json, to_json

    repeated = dt.datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK)  # EST, after fall-back
    event = ReceivedEvent(repeated)
    assert event.at.utcoffset() == dt.timedelta(hours=-5)
    assert event.at.astimezone(dt.UTC) == repeated.astimezone(dt.UTC)
    assert from_json(ReceivedEvent, to_json(event)) == event
    ordinary = dt.datetime(2026, 11, 20, 10, tzinfo=VIETNAM)
    assert ReceivedEvent(ordinary).at.tzinfo is VIETNAM  # unambiguous moments are kept as given


def test_a_dossier_code_takes_ascii_digits_only() -> None:
    from tthc.model import DossierCode

    assert str(DossierCode("000.00.01.H29-240115-0001")) == "000.00.01.H29-240115-0001"
    with pytest.raises(ValidationError):
        DossierCode("٠٠٠.00.01.H29-240115-0001")
