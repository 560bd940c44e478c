"""Parquet logs summarised by streaming equal the in-memory summary; the timezone regressions."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import pytest

from tthc import catalogue
from tthc.deadlines import VIETNAM, Outcome, due_date
from tthc.dossiers import by_month
from tthc.errors import ProvisionalCalendarWarning, ValidationError
from tthc.model import Channel, Dossier, Received, TimeLimit

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from tthc import batch  # noqa: E402


def synthetic_log(rows: int, seed: int = 7) -> Any:
    """A log like a province's: receipts 2024–2026 at any minute, 1–30 working days, 7% open."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01T00:00", "us").astype(np.int64)
    span = 2 * 365 * 86_400_000_000
    received = start + rng.integers(0, span, rows)
    limit = rng.integers(1, 31, rows)
    returned = received + rng.integers(3_600_000_000, 45 * 86_400_000_000, rows)
    open_ = rng.random(rows) < 0.07
    channel = rng.choice(np.array(["online", "postal", "in_person"], dtype=object), rows)
    return pa.table(
        {
            "received_at": pa.array(received, pa.timestamp("us", tz="UTC")),
            "limit": pa.array(limit),
            "returned_at": pa.array(returned, pa.timestamp("us", tz="UTC"), mask=open_),
            "channel": pa.array(channel.tolist()),
        }
    )


def test_a_log_larger_than_one_batch_streams_to_the_in_memory_answer(tmp_path: Path) -> None:
    table = synthetic_log(5_000)
    path = tmp_path / "log.parquet"
    pq.write_table(table, path, row_group_size=700)
    as_of = dt.datetime(2025, 12, 31, 17, tzinfo=VIETNAM)
    whole = batch.summarize(table, as_of, by=["month", "channel"])
    streamed = batch.summarize_parquet(path, as_of, by=["month", "channel"], batch_size=600)
    key = ["month", "channel"]
    assert whole.num_rows == streamed.num_rows > 24
    assert whole.sort_by([(k, "ascending") for k in key]).equals(
        streamed.sort_by([(k, "ascending") for k in key])
    )
    total = batch.summarize_parquet(path, as_of, batch_size=1_000, kind="pandas")
    assert int(total["received"][0]) == int(pa.compute.sum(whole["received"]).as_py())


def test_a_receipt_early_on_the_first_of_the_month_in_vietnam_is_that_month() -> None:
    """03:00 on 1/12 in Vietnam is 20:00 on 30/11 in UTC: December's, in both paths."""
    at_utc = dt.datetime(2026, 11, 30, 20, 0, tzinfo=dt.UTC)
    dossier = Dossier(
        procedure=catalogue.get("1.004222"), channel=Channel.ONLINE, events=[Received(at_utc)]
    )
    assert by_month(dossier) == "2026-12"
    table = pa.table(
        {
            "received_at": pa.array([at_utc], pa.timestamp("us", tz="UTC")),
            "limit": pa.array([3]),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        got = batch.summarize(table, dt.datetime(2026, 12, 1, 9, tzinfo=VIETNAM), by="month")
    assert got.column("month").to_pylist() == ["2026-12"]


def test_the_same_instant_in_utc_is_judged_the_same() -> None:
    """Returned at 16:00 on the due day in Vietnam (09:00 UTC): on time, not early."""
    due = due_date(dt.datetime(2026, 11, 20, 10, tzinfo=VIETNAM), TimeLimit.working_days(3))
    local = dt.datetime(2026, 11, 26, 16, tzinfo=VIETNAM)
    utc = local.astimezone(dt.UTC)
    assert utc.date() == local.date()
    next_morning = dt.datetime(2026, 11, 26, 1, 30, tzinfo=dt.UTC)  # 08:30 on 26/11 in Vietnam
    assert Outcome.judge(local, due) is Outcome.DUNG_HAN
    assert Outcome.judge(utc, due) is Outcome.DUNG_HAN
    assert Outcome.judge(next_morning, due) is Outcome.DUNG_HAN
    previous_day = dt.datetime(2026, 11, 25, 16, 59, tzinfo=dt.UTC)  # 23:59 on 25/11 in Vietnam
    assert Outcome.judge(previous_day, due) is Outcome.TRUOC_HAN


def test_missing_values_give_null_rows_not_errors() -> None:
    received = np.array(["2026-03-02T02:00", "NaT", "2026-03-02T02:00"], dtype="datetime64[us]")
    got = batch.due_dates(received, np.array([5.0, 5.0, np.nan]))
    assert got.valid.tolist() == [True, False, False]
    assert np.isnat(got.at[1:]).all()
    assert got.problem_count == 0


def test_bad_rows_are_named_and_never_abort_the_batch() -> None:
    received = np.array(["1999-12-31T02:00", "2026-03-02T02:00"], dtype="datetime64[us]")
    got = batch.due_dates(received, TimeLimit.working_days(5))
    assert got.valid.tolist() == [False, True]
    assert [p.path for p in got.problems] == ["received_at[0]"]
    with pytest.raises(ValidationError, match=r"received_at\[0\]"):
        got.raise_for_problems()


def test_a_naive_pandas_column_is_refused_like_a_naive_datetime() -> None:
    pd = pytest.importorskip("pandas")
    from tthc.errors import NaiveDatetimeError

    naive = pd.Series(pd.to_datetime(["2026-03-02 09:00"]))
    with pytest.raises(NaiveDatetimeError, match="tz_localize"):
        batch.due_dates(naive, TimeLimit.working_days(5))


def test_limits_from_procedure_codes_and_channels() -> None:
    """A log that names the procedure: the ordinary limit of the row's channel method."""
    pd = pytest.importorskip("pandas")
    from tthc.dossiers import status, time_limit_of

    received = dt.datetime(2026, 3, 2, 9, tzinfo=VIETNAM)
    codes = ["1.004222", "1.000656", "9.999999"]
    log = pd.DataFrame(
        {
            "received_at": pd.to_datetime([received.isoformat()] * 3, utc=True),
            "procedure": codes,
            "channel": ["online", "in_person", "online"],
        }
    )
    as_of = dt.datetime(2026, 4, 30, 9, tzinfo=VIETNAM)
    got = batch.outcomes(log, as_of)
    pairs = zip(codes[:2], [Channel.ONLINE, Channel.IN_PERSON], strict=True)
    for i, (code, channel) in enumerate(pairs):
        d = Dossier(procedure=catalogue.get(code), channel=channel, events=[Received(received)])
        expected = status(d, as_of)
        assert expected.due is not None
        assert got.due_at[i].item().replace(tzinfo=dt.UTC) == expected.due.at, time_limit_of(d)
    assert got.status_names()[2] == "invalid"
    assert [p.path for p in got.problems] == ["procedure[2]"]


def test_parquet_in_parquet_out_keeps_every_row_with_its_outcome(tmp_path: Path) -> None:
    table = synthetic_log(2_500, seed=11)
    source = tmp_path / "log.parquet"
    pq.write_table(table, source, row_group_size=400)
    as_of = dt.datetime(2025, 6, 30, 17, tzinfo=VIETNAM)
    written = batch.outcomes_parquet(source, tmp_path / "out.parquet", as_of, batch_size=300)
    out = pq.read_table(tmp_path / "out.parquet")
    assert written == out.num_rows == table.num_rows
    expected = batch.outcomes(table, as_of)
    assert out.column("status").to_pylist() == expected.status_names().tolist()
    due = out.column("due_at").cast(pa.int64()).to_numpy(zero_copy_only=False)
    mask = ~np.isnat(expected.due_at)
    assert (due[mask] == expected.due_at.view(np.int64)[mask]).all()
    assert out.column("received_at").equals(table.column("received_at"))


def test_pandas_polars_and_arrow_inputs_give_the_same_summary() -> None:
    pl = pytest.importorskip("polars")
    table = synthetic_log(3_000, seed=3)
    as_of = dt.datetime(2025, 9, 30, 12, tzinfo=VIETNAM)
    arrow = batch.summarize(table, as_of, by="month").sort_by("month")
    frame = batch.summarize(table.to_pandas(), as_of, by="month").sort_values("month")
    polar = batch.summarize(pl.from_arrow(table), as_of, by="month").sort("month")
    for name in ("received", "resolved", "early", "on_time", "late", "open_overdue"):
        expected = arrow.column(name).to_pylist()
        assert frame[name].tolist() == expected
        assert polar.get_column(name).to_list() == expected


def test_cross_boundary_receipts_count_from_the_agency_like_due_date() -> None:
    """Decree 118/2025 Art. 17(3) as amended, from 5/8/2026: time runs from the agency."""
    filed = [
        dt.datetime(2026, 9, 7, 16, 30, tzinfo=VIETNAM),
        dt.datetime(2026, 3, 2, 9, tzinfo=VIETNAM),
    ]
    agency = [
        dt.datetime(2026, 9, 9, 8, 0, tzinfo=VIETNAM),
        dt.datetime(2026, 3, 4, 9, tzinfo=VIETNAM),
    ]
    got = batch.due_dates(filed, TimeLimit.working_days(3), agency_received_at=agency)
    expected = due_date(filed[0], TimeLimit.working_days(3), agency_received_at=agency[0])
    assert got.at[0].item().replace(tzinfo=dt.UTC) == expected.at
    assert got.valid.tolist() == [True, False]  # no cross-boundary start before 5/8/2026
    assert [p.path for p in got.problems] == ["agency_received_at[1]"]
