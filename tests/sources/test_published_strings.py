"""Every published string in data/published_strings.json reads as its entry expects.

Each entry names where the text was published (repository and path, or the
legal text); see the data file.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tthc.errors import ParseError
from tthc.sources import parse_fees, parse_quantity, parse_time_limit

DATA = json.loads((Path(__file__).parent / "data" / "published_strings.json").read_text("utf-8"))


def _ids(entry: dict[str, Any]) -> str:
    return f"{entry['kind']}:{entry['text'][:40]}"


def test_every_entry_is_sourced() -> None:
    assert len(DATA) >= 25
    for entry in DATA:
        assert entry["kind"] in ("time_limit", "fees", "quantity")
        assert entry["text"]
        assert entry["source"]
        assert "expected" in entry


@pytest.mark.parametrize("entry", [e for e in DATA if e["kind"] == "time_limit"], ids=_ids)
def test_published_time_limits(entry: dict[str, Any]) -> None:
    expected = entry["expected"]
    if expected.get("error"):
        with pytest.raises(ParseError) as info:
            parse_time_limit(entry["text"])
        assert info.value.text == entry["text"]
        return
    result = parse_time_limit(entry["text"])
    assert result.raw == entry["text"]
    got = [
        {
            "amount": limit.amount,
            "unit": limit.unit.value,
            **({"cutoff": f"{limit.cutoff:%H:%M}"} if limit.cutoff else {}),
            **({"condition": limit.condition} if limit.condition else {}),
        }
        for limit in result.limits
    ]
    assert got == expected["limits"]
    assert result.limits[0].condition is None
    assert all(limit.raw for limit in result.limits)
    if "assumption_contains" in expected:
        assert any(expected["assumption_contains"] in a for a in result.assumptions)
    if any(limit["unit"] == "calendar_days" for limit in expected["limits"]):
        assert any("calendar days" in a for a in result.assumptions)
    if result.limits[0].cutoff is not None:
        assert result.limits[0].cutoff == dt.time(15, 0)


@pytest.mark.parametrize("entry", [e for e in DATA if e["kind"] == "fees"], ids=_ids)
def test_published_fees(entry: dict[str, Any]) -> None:
    expected = entry["expected"]
    if expected.get("error"):
        with pytest.raises(ParseError):
            parse_fees(entry["text"])
        return
    result = parse_fees(entry["text"])
    assert len(result.fees) == len(expected["fees"])
    for fee, want in zip(result.fees, expected["fees"], strict=True):
        assert (fee.name, fee.amount, fee.kind.value) == (
            want["name"],
            want["amount"],
            want["kind"],
        )
        if "condition" in want:
            assert fee.condition == want["condition"]
    if "assumption_contains" in expected:
        assert any(expected["assumption_contains"] in a for a in result.assumptions)


@pytest.mark.parametrize("entry", [e for e in DATA if e["kind"] == "quantity"], ids=_ids)
def test_published_quantities(entry: dict[str, Any]) -> None:
    q = parse_quantity(entry["text"])
    got = {
        "originals": q.originals,
        "copies": q.copies,
        "certified_copies": q.certified_copies,
        "sets": q.sets,
    }
    assert got == entry["expected"]
