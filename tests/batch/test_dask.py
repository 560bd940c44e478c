"""The Dask path: a local dask.distributed cluster (2 workers) gives the numpy path's metrics."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.batch._log import as_of, generated_log
from tthc.errors import ValidationError
from tthc.model import TimeLimit

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from tthc import batch  # noqa: E402  (needs numpy and pyarrow)
from tthc.batch import summarize_dask  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        silence_logs=40,  # logging.ERROR
    )
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


@pytest.fixture(scope="module")
def log() -> Any:
    return generated_log()


def _sorted(frame: Any, names: list[str]) -> Any:
    if not names:
        return frame.reset_index(drop=True)
    keys = [frame[n].map(lambda v: (v is None, str(v))) for n in names]
    order = sorted(range(len(frame)), key=lambda i: tuple(k.iloc[i] for k in keys))
    return frame.iloc[order].reset_index(drop=True)


@pytest.mark.parametrize("by", [None, "month", "agency", ["agency", "channel"]])
def test_cluster_equals_the_in_memory_summary(client: Any, log: Any, by: Any) -> None:
    frame = dd.from_pandas(log, npartitions=5)
    got = summarize_dask(frame, as_of(), by=by)
    expected = batch.summarize(log, as_of(), by=by)
    names = [] if by is None else ([by] if isinstance(by, str) else by)
    pd.testing.assert_frame_equal(got, _sorted(expected, names))
    for column in ("received", "early", "on_time", "late", "open_overdue", "invalid"):
        assert got[column].dtype == np.int64
    assert got["received"].sum() > 0.9 * len(log)
    assert got["invalid"].sum() > 0  # missing limits
    # the work ran on the cluster's two workers
    assert len(client.scheduler_info()["workers"]) == 2


def test_partitions_that_split_a_month_add_up(client: Any, log: Any) -> None:
    ordered = log.sort_values("received_at").reset_index(drop=True)
    frame = dd.from_pandas(ordered, npartitions=7, sort=False)
    got = summarize_dask(frame, as_of(), by="month")
    expected = batch.summarize(ordered, as_of(), by="month")
    pd.testing.assert_frame_equal(got, _sorted(expected, ["month"]))


def test_one_limit_for_every_row(client: Any, log: Any) -> None:
    frame = dd.from_pandas(log.drop(columns=["limit"]), npartitions=3)
    limit = TimeLimit.working_days(7)
    got = summarize_dask(frame, as_of(), by="channel", limits=limit)
    expected = batch.summarize(log.drop(columns=["limit"]), as_of(), by="channel", limits=limit)
    pd.testing.assert_frame_equal(got, _sorted(expected, ["channel"]))


def test_what_is_not_a_dask_frame_is_refused(log: Any) -> None:
    with pytest.raises(ValidationError, match="dask"):
        summarize_dask(log, as_of())
    with pytest.raises(ValidationError, match="limits"):
        summarize_dask(dd.from_pandas(log, npartitions=2), as_of(), limits=[7])  # type: ignore[arg-type]
