"""Dated procedure records: classify() on a date the record does not cover (issue 20)."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest

from tthc import catalogue
from tthc.errors import RecordNotInForceError, RecordNotInForceWarning, ValidationError
from tthc.levels import classify
from tthc.model import Procedure
from tthc.serialization import from_json, to_json

RECORD = attrs.evolve(
    catalogue.get("1.004222"), valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2025, 6, 30)
)


def test_inside_the_window_is_silent() -> None:
    result = classify(RECORD, on=dt.date(2024, 3, 1))
    assert all(f.code != "record-not-in-force" for f in result.findings)


@pytest.mark.parametrize("day", [dt.date(2022, 12, 31), dt.date(2025, 7, 1)])
def test_outside_the_window_warns_with_a_finding(day: dt.date) -> None:
    with pytest.warns(RecordNotInForceWarning, match="1.004222"):
        result = classify(RECORD, on=day)
    codes = [f.code for f in result.findings]
    assert "record-not-in-force" in codes
    assert result.on == day


@pytest.mark.parametrize("day", [dt.date(2022, 12, 31), dt.date(2025, 7, 1)])
def test_strict_refuses(day: dt.date) -> None:
    with pytest.raises(RecordNotInForceError) as info:
        classify(RECORD, on=day, strict=True)
    error = info.value
    assert (error.code, error.on, error.valid_from, error.valid_to) == (
        "1.004222",
        day,
        dt.date(2023, 1, 1),
        dt.date(2025, 6, 30),
    )
    assert "hiệu lực" in str(error)
    assert pickle.loads(pickle.dumps(error)).valid_to == dt.date(2025, 6, 30)
    assert classify(RECORD, on=dt.date(2024, 1, 1), strict=True).on == dt.date(2024, 1, 1)


def test_strict_must_be_a_bool() -> None:
    with pytest.raises(ValidationError):
        classify(RECORD, on=dt.date(2024, 1, 1), strict="yes")  # type: ignore[arg-type]


def test_open_records_apply_to_any_date() -> None:
    open_record = attrs.evolve(RECORD, valid_from=None, valid_to=None)
    classify(open_record, on=dt.date(2012, 1, 1), strict=True)


def test_the_window_survives_a_json_round_trip() -> None:
    loaded = from_json(Procedure, to_json(RECORD))
    assert (loaded.valid_from, loaded.valid_to) == (RECORD.valid_from, RECORD.valid_to)
    assert loaded == RECORD
