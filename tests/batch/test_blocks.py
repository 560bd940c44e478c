"""Summaries in blocks: any block size gives the same counts; fast statuses equal general ones."""

from __future__ import annotations

from typing import Any

import pytest

from tests.batch._log import as_of, generated_log

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

from tthc import batch  # noqa: E402  (needs numpy and pyarrow)
from tthc.batch import _summary  # noqa: E402


@pytest.fixture(scope="module")
def log() -> Any:
    return generated_log()


@pytest.mark.parametrize("by", [None, "month", ["month", "agency"], "channel"])
@pytest.mark.parametrize("block", [1, 7, 1000])
def test_any_block_size_gives_the_same_counts(log: Any, by: Any, block: int) -> None:
    whole = _summary.partial_counts(log, as_of(), by=by)
    blocked = _summary.partial_counts(log, as_of(), by=by, block=block)
    assert whole.keys() == blocked.keys()
    for key, values in whole.items():
        assert list(values) == list(blocked[key]), key


def test_the_fast_statuses_equal_the_general_path(log: Any) -> None:
    """fast_status (no events, stops or agencies) gives outcomes()' status codes and months."""
    from tthc.batch._log import read_log
    from tthc.batch._outcomes import fast_status, outcomes_of
    from tthc.deadlines import CLOCK_POLICIES, OfficeHours, official_calendar

    moment = as_of()
    data = read_log(log)
    now = int(moment.timestamp() * 1_000_000)
    cal, hours = official_calendar(), OfficeHours()
    fast = fast_status(data, now, cal, hours, CLOCK_POLICIES)
    assert fast is not None
    general = outcomes_of(data, now, cal, hours, CLOCK_POLICIES, warn=False)
    np.testing.assert_array_equal(fast[0], general.status)
    months = general.month.view(np.int64)
    np.testing.assert_array_equal(fast[1], np.where(months == np.iinfo(np.int64).min, -1, months))
    assert fast[2] == int(general.provisional.sum())
    assert (general.status == batch.RowStatus.INVALID).any()  # the log has bad rows too


def test_outcomes_fast_and_general_paths_agree(log: Any) -> None:
    """On a log every row of which can be judged, the fast path equals the event replay path."""
    moment = as_of()
    everything = batch.outcomes(log, moment)
    clean = log[everything.status != batch.RowStatus.INVALID].reset_index(drop=True)
    no_events = pd.DataFrame(
        {
            "dossier_id": pd.Series([], dtype=log["dossier_id"].dtype),
            "event": pd.Series([], dtype=object),
            "at": pd.Series([], dtype="datetime64[us, UTC]"),
        }
    )
    fast = batch.outcomes(clean, moment)
    general = batch.outcomes(clean, moment, events=no_events)
    np.testing.assert_array_equal(fast.status, general.status)
    np.testing.assert_array_equal(fast.due_at, general.due_at)
    np.testing.assert_array_equal(fast.original_due_at, general.original_due_at)
    np.testing.assert_array_equal(fast.provisional, general.provisional)
    np.testing.assert_array_equal(fast.month, general.month)
    assert fast.problem_count == general.problem_count == 0
