"""Hostile input to tthc.scorecard (issue 19): typed errors naming the column and row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tthc.errors import ValidationError
from tthc.scorecard import Period, scorecard

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


@pytest.mark.parametrize(
    ("year", "month"),
    [(2026, 13), (2026, 0), (True, 1), (2026, True), ("2026", 1), (2026, 1.0), (0, 1), (10000, 1)],
)
def test_a_month_that_does_not_exist_is_refused(year: Any, month: Any) -> None:
    with pytest.raises(ValidationError, match="Period"):
        Period.month(year, month)


@pytest.mark.parametrize("year", [True, 0, -1, 1.5, "2026", None])
def test_a_year_that_is_not_a_whole_year_is_refused(year: Any) -> None:
    with pytest.raises(ValidationError, match="year"):
        Period.year(year)
    with pytest.raises(ValidationError, match="year"):
        Period.quarter(year, 1)


def test_good_periods_still_work() -> None:
    assert Period.month(2026, 2).end == dt.date(2026, 2, 28)
    assert Period.quarter(2026, 4).start == dt.date(2026, 10, 1)
    assert Period.year(2026).end == dt.date(2026, 12, 31)


def _log(**extra: Any) -> Any:
    received = pd.to_datetime(
        ["2026-09-02 09:00", "2026-09-03 09:00", "2026-09-04 09:00"]
    ).tz_localize("Asia/Ho_Chi_Minh")
    return pd.DataFrame(
        {"received_at": received, "limit": [5, 5, 5], "procedure": ["1.004222"] * 3, **extra}
    )


@pytest.mark.parametrize(
    ("column", "values", "path"),
    [
        ("synced_to_portal", [True, "yes", None], "synced_to_portal[1]"),
        ("electronic_result", [False, 1.5, None], "electronic_result[1]"),
        ("feedback_count", [1, "2", None], "feedback_count[1]"),
        ("returned_at", [dt.datetime(2026, 9, 9, tzinfo=dt.UTC), 5, None], "returned_at[1]"),
    ],
)
def test_a_column_mixing_types_is_refused_with_its_row(
    column: str, values: list[Any], path: str
) -> None:
    as_of = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as caught:
        scorecard(_log(**{column: values}), period=Period.month(2026, 9), as_of=as_of)
    assert caught.value.problems[0].path == path


def test_mixed_labels_are_compared_by_value() -> None:
    as_of = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    card = scorecard(
        _log(agency=["A", 5, None], channel=["online", 3, None]),
        period=Period.month(2026, 9),
        by="agency",
        as_of=as_of,
    )
    assert card is not None


@pytest.mark.parametrize("by", [5, [5], b"agency"])
def test_by_must_be_column_names(by: Any) -> None:
    as_of = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    with pytest.raises(ValidationError, match="by"):
        scorecard(_log(), period=Period.month(2026, 9), as_of=as_of, by=by)
