"""Hostile input to tthc.batch (issue 19): typed errors naming what was wrong, and no data loss."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tthc.deadlines import VIETNAM
from tthc.errors import NaiveDatetimeError, TthcError, ValidationError
from tthc.model import TimeLimit

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from tthc import batch  # noqa: E402  (needs numpy and pyarrow)

AS_OF = dt.datetime(2026, 11, 20, 9, tzinfo=VIETNAM)


def _log() -> Any:
    received = pd.to_datetime(["2026-11-02 09:00", "2026-11-03 09:00"]).tz_localize(
        "Asia/Ho_Chi_Minh"
    )
    return pd.DataFrame({"received_at": received, "limit": [5, 5]})


def _write(path: Path, table: Any) -> Path:
    pq.write_table(table, path)
    return path


def test_duplicate_column_names_are_refused_with_the_name() -> None:
    log = _log()
    doubled = pd.concat([log, log[["limit"]]], axis=1)
    with pytest.raises(ValidationError, match="limit") as caught:
        batch.summarize(doubled, AS_OF)
    assert caught.value.problems[0].path == "table.columns"
    with pytest.raises(ValidationError, match="received_at"):
        batch.outcomes(pd.concat([log, log[["received_at"]]], axis=1), AS_OF)


def test_a_datetime_index_is_a_column_of_moments_and_a_naive_one_is_refused() -> None:
    index = pd.DatetimeIndex(_log()["received_at"])
    assert batch.due_dates(index, 5).valid.all()
    with pytest.raises(NaiveDatetimeError):
        batch.due_dates(pd.DatetimeIndex(["2026-11-02 09:00"]), 5)
    # a frame whose receipts are its index has no received_at column: said so
    with pytest.raises(ValidationError, match="received_at"):
        batch.summarize(_log().set_index("received_at"), AS_OF)


def test_limits_none_and_a_list_of_the_wrong_length_are_refused() -> None:
    received = _log()["received_at"]
    with pytest.raises(ValidationError, match="limits"):
        batch.due_dates(received, None)
    empty = np.array([], dtype="datetime64[us]")
    with pytest.raises(ValidationError, match="limits"):
        batch.due_dates(empty, [TimeLimit.working_days(3)])
    assert len(batch.due_dates(empty, [])) == 0


@pytest.mark.parametrize("as_of", [pd.NaT, None, "2026-11-20", dt.date(2026, 11, 20)])
def test_as_of_must_be_an_aware_moment(as_of: Any) -> None:
    with pytest.raises(ValidationError, match="as_of"):
        batch.summarize(_log(), as_of)
    with pytest.raises(ValidationError, match="as_of"):
        batch.outcomes(_log(), as_of)


def test_a_naive_as_of_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError):
        batch.summarize(_log(), dt.datetime(2026, 11, 20))


@pytest.mark.parametrize("by", [5, [5], ("month", 1.5), b"month"])
def test_by_must_be_names(by: Any) -> None:
    with pytest.raises(ValidationError, match="by"):
        batch.summarize(_log(), AS_OF, by=by)


def test_a_zero_row_parquet_file_summarises_to_zero_counts(tmp_path: Path) -> None:
    schema = {
        "received_at": pa.array([], pa.timestamp("us", tz="UTC")),
        "limit": pa.array([], pa.int64()),
    }
    path = _write(tmp_path / "empty.parquet", pa.table(schema))
    total = batch.summarize_parquet(path, AS_OF, kind="pandas")
    assert total["received"].tolist() == [0]
    assert total["invalid"].tolist() == [0]
    assert batch.summarize_parquet(path, AS_OF, by="month").num_rows == 0
    assert batch.outcomes_parquet(path, tmp_path / "out.parquet", AS_OF) == 0
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 0


def test_a_parquet_file_without_receipts_is_refused_even_without_rows(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.parquet", pa.table({"x": pa.array([], pa.int64())}))
    with pytest.raises(ValidationError, match="received_at"):
        batch.summarize_parquet(path, AS_OF)
    with pytest.raises(ValidationError, match="received_at"):
        batch.outcomes_parquet(path, tmp_path / "out.parquet", AS_OF)
    assert not (tmp_path / "out.parquet").exists()


def test_the_output_can_never_be_the_input(tmp_path: Path) -> None:
    source = _write(tmp_path / "log.parquet", pa.Table.from_pandas(_log(), preserve_index=False))
    before = source.read_bytes()
    for destination in (source, str(source), tmp_path / "." / "log.parquet"):
        with pytest.raises(ValidationError, match="destination"):
            batch.outcomes_parquet(source, destination, AS_OF)
    assert source.read_bytes() == before
    # inside a source folder: refused before anything is created
    folder = tmp_path / "logs"
    folder.mkdir()
    _write(folder / "a.parquet", pa.Table.from_pandas(_log(), preserve_index=False))
    with pytest.raises(ValidationError, match="destination"):
        batch.outcomes_parquet(folder, folder / "out.parquet", AS_OF)
    with pytest.raises(ValidationError, match="destination"):
        batch.outcomes_parquet([source, folder], folder / "sub" / "out.parquet", AS_OF)
    assert sorted(p.name for p in folder.iterdir()) == ["a.parquet"]


def test_a_symbolic_link_to_the_source_is_refused(tmp_path: Path) -> None:
    source = _write(tmp_path / "log.parquet", pa.Table.from_pandas(_log(), preserve_index=False))
    link = tmp_path / "link.parquet"
    try:
        link.symlink_to(source)
    except OSError:  # pragma: no cover - no symbolic links on this system
        pytest.skip("symbolic links not available")
    with pytest.raises(ValidationError, match="destination"):
        batch.outcomes_parquet(source, link, AS_OF)
    assert pq.read_table(source).num_rows == 2


@pytest.mark.parametrize(
    "table",
    [
        pa.table({"received_at": pa.array([1], pa.timestamp("us")), "limit": [1]}),  # naive
        pa.table({"received_at": ["2026-11-02 09:00"], "limit": [1]}),  # text
        pa.table({"limit": [1]}),  # no receipts
    ],
)
def test_a_failed_run_leaves_an_existing_destination_as_it_was(tmp_path: Path, table: Any) -> None:
    source = _write(tmp_path / "bad.parquet", table)
    destination = tmp_path / "result.parquet"
    destination.write_bytes(b"yesterday's results")
    with pytest.raises(TthcError):
        batch.outcomes_parquet(source, destination, AS_OF)
    assert destination.read_bytes() == b"yesterday's results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.parquet", "result.parquet"]


def test_a_good_run_replaces_the_destination(tmp_path: Path) -> None:
    source = _write(tmp_path / "log.parquet", pa.Table.from_pandas(_log(), preserve_index=False))
    destination = tmp_path / "result.parquet"
    destination.write_bytes(b"old")
    assert batch.outcomes_parquet(source, destination, AS_OF) == 2
    statuses = pq.read_table(destination).column("status").to_pylist()
    assert statuses == [batch.outcomes(_log(), AS_OF).status_names()[i] for i in range(2)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.parquet", "result.parquet"]


@pytest.mark.parametrize(
    "limits",
    [True, object(), b"5", np.array([1.0, 2.0, 3.0]), np.array([1, 2, 3]), [[1, 2]]],
)
def test_limits_of_the_wrong_kind_or_length_are_refused(limits: Any) -> None:
    received = _log()["received_at"]
    with pytest.raises(TthcError, match="limits"):
        batch.due_dates(received, limits)


def test_huge_amounts_are_null_rows_not_errors() -> None:
    received = _log()["received_at"]
    got = batch.due_dates(received, np.array([2**62, -(2**62)]))
    assert not got.valid.any()
    got = batch.due_dates(received, np.array([1e300, float("nan")]))
    assert not got.valid.any()
