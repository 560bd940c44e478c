"""The columnar engine equals the scalar API row by row (the same clock core, checked anyway)."""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc import strategies
from tthc.deadlines import (
    CLOCK_POLICIES,
    VIETNAM,
    ClockPolicy,
    DossierClock,
    EndOfDay,
    OffHours,
    SupplementClock,
    due_date,
    official_calendar,
)
from tthc.dossiers import DossierState, apply, status
from tthc.errors import IllegalTransitionError, ProvisionalCalendarWarning, ValidationError
from tthc.model import (
    Channel,
    Dossier,
    ExtensionGranted,
    Received,
    Refused,
    Returned,
    Stopped,
    StopReason,
    Supplemented,
    SupplementRequested,
    TimeLimit,
)

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

from tthc import batch  # noqa: E402  (needs numpy and pyarrow)

UNTIL = official_calendar().announced_until


def _edge_times() -> st.SearchStrategy[dt.time]:
    return st.sampled_from(
        [
            dt.time(7, 29, 59, 999999),
            dt.time(7, 30),
            dt.time(11, 30),
            dt.time(12, 0),
            dt.time(16, 59, 59, 999999),
            dt.time(17, 0),
            dt.time(23, 59, 59, 999999),
            dt.time(0, 0),
        ]
    )


def _special_days() -> list[dt.date]:
    """Every day of 2016 to the horizon with its own record: days off, make-up Saturdays."""
    cal = official_calendar()
    first = dt.date(2016, 1, 1)
    days = (first + dt.timedelta(days=k) for k in range((UNTIL - first).days + 1))
    return [
        d for d in days if cal.explain(d).reason.value not in ("ordinary_weekday", "weekly_rest")
    ]


SPECIAL_DAYS = _special_days()
# the boundaries of the clock policies: Decree 61/2018 from 21/6/2018, Decree 118/2025 from 1/7/2025
BOUNDARIES = [
    rule.valid_from + dt.timedelta(days=k)
    for rule in CLOCK_POLICIES
    if rule.valid_from is not None
    for k in (-2, -1, 0, 1)
]


@st.composite
def receipts(draw: st.DrawFn, end: dt.date = UNTIL) -> dt.datetime:
    """Receipts 2016 to the horizon: any day, days off, make-up Saturdays, policy boundaries."""
    day = draw(
        st.one_of(
            st.dates(dt.date(2016, 1, 1), end - dt.timedelta(days=200)),
            st.sampled_from([d for d in SPECIAL_DAYS if d <= end - dt.timedelta(days=200)]),
            st.sampled_from(BOUNDARIES),
        )
    )
    t = draw(
        st.one_of(
            _edge_times(),
            st.times().map(lambda x: x.replace(second=0, microsecond=0)),
            st.times(),
        )
    )
    return dt.datetime.combine(day, t, tzinfo=VIETNAM)


def limits() -> st.SearchStrategy[TimeLimit]:
    return strategies.time_limits().filter(
        lambda lim: lim.amount <= 40 or lim.unit.value == "working_hours"
    )


def policies() -> st.SearchStrategy[ClockPolicy | None]:
    base = CLOCK_POLICIES.at(dt.date(2026, 1, 1)).value
    return st.one_of(
        st.none(),
        st.builds(
            base.evolve,
            off_hours=st.sampled_from(OffHours),
            end_of_day=st.sampled_from(EndOfDay),
            count_receipt_day=st.booleans(),
            supplement=st.sampled_from(SupplementClock),
            cutoff=st.one_of(st.none(), st.just(dt.time(15, 0))),
        ),
    )


def utc_us(values: list[dt.datetime | None]) -> Any:
    naive = [v.astimezone(dt.UTC).replace(tzinfo=None) if v else None for v in values]
    return np.array(
        [np.datetime64(v, "us") if v else np.datetime64("NaT") for v in naive],
        dtype="datetime64[us]",
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(receipts(), limits()), min_size=1, max_size=40), policies())
def test_due_dates_equal_due_date(rows: list[tuple[dt.datetime, TimeLimit]], policy: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        got = batch.due_dates(utc_us([r for r, _ in rows]), [lim for _, lim in rows], policy=policy)
        for i, (received, limit) in enumerate(rows):
            expected = due_date(received, limit, policy=policy)
            assert got.valid[i]
            at = got.at[i].astype("datetime64[us]").item().replace(tzinfo=dt.UTC)
            assert at == expected.at, (received, limit, policy)
            assert got.last_day[i].item() == expected.last_day
            assert bool(got.provisional[i]) == expected.provisional


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(receipts(dt.date(2030, 12, 31)), limits()), min_size=1, max_size=20))
def test_past_the_horizon_one_warning_per_call(rows: list[tuple[dt.datetime, TimeLimit]]) -> None:
    rows = [(r.replace(year=2029), lim) for r, lim in rows]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = batch.due_dates(utc_us([r for r, _ in rows]), [lim for _, lim in rows])
    provisional = [w for w in caught if issubclass(w.category, ProvisionalCalendarWarning)]
    assert len(provisional) == 1
    assert f"{int(got.provisional.sum()):,} row(s)" in str(provisional[0].message)
    assert got.provisional.all()


# --------------------------------------------------------------------------- #
# Dossier logs
# --------------------------------------------------------------------------- #


@st.composite
def timelines(draw: st.DrawFn) -> Dossier:
    """A dossier built through apply(): supplements, extensions, returns, stops, any unit."""
    from tthc import catalogue

    received = draw(receipts(UNTIL - dt.timedelta(days=60)))
    limit = draw(limits())
    dossier = Dossier(
        procedure=draw(st.sampled_from(catalogue.procedures())),
        channel=draw(st.sampled_from(Channel)),
        time_limit=limit,
        events=[Received(received)],
    )
    at = received
    for kind, minutes in draw(
        st.lists(
            st.tuples(
                st.sampled_from(["request", "supplement", "extend", "return", "refuse", "stop"]),
                st.integers(1, 60 * 24 * 20),
            ),
            max_size=6,
        )
    ):
        at = at + dt.timedelta(minutes=minutes)
        event: Any
        if kind == "request":
            event = SupplementRequested(at)
        elif kind == "supplement":
            event = Supplemented(at)
        elif kind == "extend":
            event = ExtensionGranted(at, at + dt.timedelta(days=draw(st.integers(1, 30))))
        elif kind == "return":
            event = Returned(at)
        elif kind == "refuse":
            event = Refused(at, "không đủ điều kiện")
        else:
            event = Stopped(at, StopReason.APPLICANT_REQUEST)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ProvisionalCalendarWarning)
                dossier = apply(dossier, event)
        except (IllegalTransitionError, ValidationError):
            continue
    return dossier


def as_table(dossiers: list[Dossier]) -> tuple[Any, Any]:
    rows: dict[str, list[Any]] = {
        "dossier_id": [],
        "received_at": [],
        "limit": [],
        "returned_at": [],
        "stopped_at": [],
        "channel": [],
    }
    events: dict[str, list[Any]] = {"dossier_id": [], "event": [], "at": [], "new_due": []}
    tags = {SupplementRequested: "supplement_requested", Supplemented: "supplemented"}
    for i, d in enumerate(dossiers):
        rows["dossier_id"].append(f"HS{i}")
        rows["received_at"].append(d.received_at)
        rows["limit"].append(d.time_limit)
        finished = [e.at for e in d.events if isinstance(e, (Returned, Refused))]
        stopped = [e.at for e in d.events if isinstance(e, Stopped)]
        rows["returned_at"].append(finished[0] if finished else None)
        rows["stopped_at"].append(stopped[0] if stopped else None)
        rows["channel"].append(d.channel.value)
        for e in d.events:
            if isinstance(e, (SupplementRequested, Supplemented, ExtensionGranted)):
                events["dossier_id"].append(f"HS{i}")
                events["event"].append(tags.get(type(e), "extension_granted"))
                events["at"].append(e.at)
                events["new_due"].append(e.new_due if isinstance(e, ExtensionGranted) else None)
    for source, names in (
        (rows, ("received_at", "returned_at", "stopped_at")),
        (events, ("at", "new_due")),
    ):
        for name in names:
            source[name] = pd.to_datetime(
                [v.astimezone(dt.UTC).replace(tzinfo=None) if v else None for v in source[name]]
            ).tz_localize("UTC")
    return pd.DataFrame(rows), pd.DataFrame(events)


NAMES = {
    "early": "early",
    "on_time": "on_time",
    "late": "late",
}


def scalar_code(d: Dossier, as_of: dt.datetime) -> tuple[str, dt.datetime | None]:
    code, due, _ = scalar_status(d, as_of)
    return code, due


def scalar_status(d: Dossier, as_of: dt.datetime) -> tuple[str, dt.datetime | None, bool]:
    if d.received_at is None or d.received_at > as_of:
        return "not_received", None, False
    s = status(d, as_of)
    due = None if s.due is None else s.due.at
    if s.state is DossierState.STOPPED:
        return "stopped", due, s.provisional
    if s.outcome is not None:
        return s.outcome.value, due, s.provisional
    assert s.open_status is not None
    return "open_" + s.open_status.value, due, s.provisional


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(timelines(), min_size=1, max_size=25), st.integers(0, 90))
def test_outcomes_equal_status(dossiers: list[Dossier], days: int) -> None:
    as_of = dt.datetime.combine(UNTIL - dt.timedelta(days=days), dt.time(10), tzinfo=VIETNAM)
    table, events = as_table(dossiers)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        got = batch.outcomes(table, as_of, events=events)
        names = got.status_names()
        for i, d in enumerate(dossiers):
            code, due, provisional = scalar_status(d, as_of)
            assert names[i] == code, (d.events, d.time_limit)
            if code not in ("not_received", "stopped"):
                assert bool(got.provisional[i]) == provisional, (d.events, d.time_limit)
            if due is not None and code.startswith(("open", "early", "on_time", "late")):
                at = got.due_at[i].item().replace(tzinfo=dt.UTC)
                assert at == due
    assert got.problem_count == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(timelines(), min_size=1, max_size=30))
def test_summarize_equals_summarize_by(dossiers: list[Dossier]) -> None:
    from tthc.dossiers import by_channel, by_month, summarize_by

    as_of = dt.datetime.combine(UNTIL, dt.time(12), tzinfo=VIETNAM)
    table, events = as_table(dossiers)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        for key, by in ((by_month, "month"), (by_channel, "channel")):
            expected = summarize_by(dossiers, key, as_of)
            got = batch.summarize(table, as_of, by=by, events=events)
            assert len(got) == len(expected)
            for _, row in got.iterrows():
                label = row[by]
                found = [m for k, m in expected.items() if getattr(k, "value", k) == label]
                assert len(found) == 1
                m = found[0]
                for name in (
                    "received",
                    "resolved",
                    "early",
                    "on_time",
                    "late",
                    "open_in_time",
                    "open_overdue",
                    "stopped",
                    "online",
                    "postal",
                    "in_person",
                ):
                    assert row[name] == getattr(m, name), (label, name)


def test_clock_pause_equals_batch_pause() -> None:
    """A paused clock (SupplementClock.PAUSE) in working hours, days and calendar days."""
    policy = CLOCK_POLICIES.at(dt.date(2026, 1, 1)).value.evolve(supplement=SupplementClock.PAUSE)

    def t(*a: int) -> dt.datetime:
        return dt.datetime(*a, tzinfo=VIETNAM)  # type: ignore[arg-type, misc]

    for limit in (
        TimeLimit.working_hours(12),
        TimeLimit.working_days(5),
        TimeLimit.calendar_days(10),
    ):
        clock = DossierClock.start(t(2026, 3, 2, 9), limit, policy=policy)
        clock = clock.record(SupplementRequested(t(2026, 3, 3, 10)))
        clock = clock.record(Supplemented(t(2026, 3, 5, 14, 30)))
        expected = clock.due_at(t(2026, 3, 6))
        assert expected is not None
        table = pd.DataFrame(
            {
                "dossier_id": ["a"],
                "received_at": pd.to_datetime(["2026-03-02 09:00"]).tz_localize(VIETNAM.key),
                "limit": [limit],
            }
        )
        events = pd.DataFrame(
            {
                "dossier_id": ["a", "a"],
                "event": ["supplement_requested", "supplemented"],
                "at": pd.to_datetime(["2026-03-03 10:00", "2026-03-05 14:30"]).tz_localize(
                    VIETNAM.key
                ),
            }
        )
        got = batch.outcomes(table, t(2026, 3, 6), events=events, policy=policy)
        assert got.due_at[0].item().replace(tzinfo=dt.UTC) == expected.at, limit


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(receipts(), limits(), st.sampled_from([-1, 0, 1]))
def test_a_return_at_the_due_moment_plus_or_minus_a_microsecond(
    received: dt.datetime, limit: TimeLimit, offset: int
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        due = due_date(received, limit)
        returned = due.at + dt.timedelta(microseconds=offset)
        d = Dossier(
            procedure=_any_procedure(),
            channel=Channel.ONLINE,
            time_limit=limit,
            events=[Received(received), Returned(returned)],
        )
        table, events = as_table([d])
        got = batch.outcomes(table, returned + dt.timedelta(days=1), events=events)
        code, _ = scalar_code(d, returned + dt.timedelta(days=1))
    assert got.status_names()[0] == code
    assert code == ("late" if offset > 0 else code)


def _any_procedure() -> Any:
    from tthc import catalogue

    return catalogue.get("1.004222")
