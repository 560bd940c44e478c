"""Short reprs and notebook views: bounded, escaped, and saying the essential."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import tthc
from tthc import catalogue, strategies
from tthc.deadlines import VIETNAM, DayReason
from tthc.dossiers import Metrics, status, summarize
from tthc.levels import classify
from tthc.model import Dossier, Procedure

LIMIT = 200


def _html(value: object) -> str:
    """The notebook view (attached by tthc._display, so not visible to the type checker)."""
    html: str = cast(Any, value)._repr_html_()
    return html


@given(strategies.procedures())
@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
def test_procedure_repr_is_short_and_html_escaped(p: Procedure) -> None:
    assert len(repr(p)) <= LIMIT
    assert repr(p).startswith(f"Procedure(code={str(p.code)!r}")
    hostile = attrs.evolve(p, name="<script>alert(1)</script>")
    page = _html(hostile)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.filterwarnings("ignore::tthc.errors.ProvisionalCalendarWarning")
@given(strategies.moments(), strategies.time_limits())
@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
def test_due_date_repr_is_short(received: dt.datetime, limit: tthc.TimeLimit) -> None:
    due = tthc.due_date(received, limit)
    assert len(repr(due)) <= LIMIT
    assert due.at.isoformat(timespec="minutes") in repr(due)
    page = due._repr_html_()
    for s in due.skipped:
        assert f"{s.day:%d/%m/%Y}" in page


def test_due_date_view_lists_skipped_days_with_citations() -> None:
    due = tthc.due_date(
        dt.datetime(2026, 11, 20, 10, tzinfo=VIETNAM), tthc.TimeLimit.working_days(3)
    )
    assert repr(due) == (
        "DueDate(at=2026-11-27T00:00+07:00, limit='3 ngày làm việc', "
        "received_at=2026-11-20T10:00+07:00, counted=3, skipped=3)"
    )
    page = due._repr_html_()
    assert "24/11/2026" in page
    assert "Ngày Văn hóa Việt Nam" in page
    assert "Nghị quyết 28/2026/QH16" in page


def test_classification_view() -> None:
    result = classify(catalogue.get("1.004222"), on=dt.date(2020, 7, 1))
    assert len(repr(result)) <= LIMIT
    assert "level=3" in repr(result)
    page = _html(result)
    assert page.count("<tr>") == len(result.criteria) + 1


@given(strategies.dossiers())
@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
def test_status_and_metrics_views(dossier: Dossier) -> None:
    as_of = dt.datetime(2026, 6, 30, 12, tzinfo=VIETNAM)
    state = status(dossier, as_of)
    assert len(repr(state)) <= LIMIT
    assert repr(state).startswith(f"DossierStatus(state={state.state.value!r}")
    html = _html(state)
    if (
        state.working_days_left is not None
        and state.working_days_left < 0
        and state.outcome is None
    ):
        assert f"Quá hạn {-state.working_days_left} ngày làm việc" in html
    metrics = summarize([dossier], as_of)
    assert len(repr(metrics)) <= LIMIT
    assert f"received={metrics.received}" in repr(metrics)
    assert "Tiếp nhận" in _html(metrics)


def test_metrics_repr_counts() -> None:
    m = Metrics(received=10, resolved=7, early=2, on_time=4, late=1)
    assert repr(m).startswith("Metrics(received=10, resolved=7, early=2, on_time=4, late=1,")


def test_days_off_are_cited_and_exclude_the_weekly_rest() -> None:
    cal = tthc.official_calendar()
    off = cal.days_off(2026)
    assert all(s.citation for s in off)
    assert all(not s.working for s in off)
    assert all(s.reason is not DayReason.WEEKLY_REST for s in off)
    assert dt.date(2026, 11, 24) in {s.day for s in off}
    # Every weekday off of the year is listed (the weekly rest is the only thing left out).
    first = dt.date(2026, 1, 1)
    every = [cal.explain(first + dt.timedelta(days=k)) for k in range(365)]
    assert [s for s in every if not s.working and s.reason is not DayReason.WEEKLY_REST] == list(
        off
    )


def test_working_days_by_month_add_up() -> None:
    cal = tthc.official_calendar()
    months = cal.working_days_by_month(2026)
    assert len(months) == 12
    assert sum(months) == len(list(cal.working_days(dt.date(2026, 1, 1), dt.date(2026, 12, 31))))
    feb = len(list(cal.working_days(dt.date(2026, 2, 1), dt.date(2026, 2, 28))))
    assert months[1] == feb


def test_calendar_view() -> None:
    view = tthc.official_calendar().view(2026, 11)
    assert repr(view) == "CalendarView('Lịch làm việc 11/2026', months=1, days_off=1)"
    assert "24* 25" in str(view)
    page = view._repr_html_()
    assert 'class="off"' in page
    assert "Ngày Văn hóa Việt Nam" in page
    year = tthc.official_calendar().view(2026)
    assert len(year.months) == 12
    assert len(year.days_off) == len(tthc.official_calendar().days_off(2026))


def test_views_follow_the_display_language(monkeypatch: pytest.MonkeyPatch) -> None:
    received = dt.datetime(2026, 11, 20, 10, tzinfo=VIETNAM)
    due = tthc.due_date(received, "3 ngày làm việc")
    vietnamese = due._repr_html_()
    assert "Hạn trả kết quả" in vietnamese
    assert "khoản 2 Điều 147 Bộ luật Dân sự 2015" in vietnamese
    monkeypatch.setenv("TTHC_LANG", "en")
    english = due._repr_html_()
    assert "Result due" in english
    assert "Civil Code 2015 Art. 147(2)" in english
    assert "Hạn trả" not in english
