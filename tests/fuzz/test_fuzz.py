"""Fuzzing every entry point that takes outside data: only ``TthcError`` may escape.

Inputs start from valid documents (:mod:`tthc.strategies`, the published
strings and portal records under ``tests/sources/data``, and real portal
records from ``../shared/realdata`` when present) and are mutated a little
(:mod:`tests.fuzz._mutate`). The budget comes from the hypothesis profile
``TTHC_HYPOTHESIS_PROFILE`` selects (``ci`` by default, ``deep`` on demand;
profiles registered in ``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from tests.fuzz._mutate import HOSTILE_VALUES, mutated_data, mutated_text
from tests.fuzz._stats import exercise
from tthc import due_date, official_calendar, read_portal_records
from tthc.errors import TthcError
from tthc.model import LegalReference, TimeLimit
from tthc.serialization import from_dict, from_json, to_dict, to_json
from tthc.sources import (
    clean_text,
    parse_fees,
    parse_quantity,
    parse_time_limit,
    read_vietnamese_number,
)
from tthc.strategies import dossiers, fees, methods, moments, procedures, time_limits

FUZZ = settings.get_profile(os.environ.get("TTHC_HYPOTHESIS_PROFILE", "ci"))
HERE = Path(__file__).parent
DATA = HERE.parent / "sources" / "data"
REALDATA = HERE.parents[2] / "shared" / "realdata" / "portal-pages-2026.jsonl.gz"


@cache
def _published(kind: str) -> tuple[str, ...]:
    items = json.loads((DATA / "published_strings.json").read_text(encoding="utf-8"))
    return tuple(item["text"] for item in items if item["kind"] == kind)


@cache
def _portal_records() -> tuple[dict[str, Any], ...]:
    records = json.loads((DATA / "portal_records.json").read_text(encoding="utf-8"))
    return tuple(records)


@cache
def _real_records(limit: int = 300) -> tuple[dict[str, Any], ...]:
    """Real national-portal records (test data only, never copied into the package)."""
    if not REALDATA.exists():
        return ()
    found: list[dict[str, Any]] = []
    with gzip.open(REALDATA, "rt", encoding="utf-8") as lines:
        for line in lines:
            found.append(json.loads(line))
            if len(found) >= limit:
                break
    return tuple(found)


def _real_cells(field: str) -> tuple[str, ...]:
    return tuple(r[field][:2_000] for r in _real_records() if r.get(field))


# --------------------------------------------------------------------------- #
# text parsers
# --------------------------------------------------------------------------- #

_TEXT_SEEDS: dict[str, Callable[[], st.SearchStrategy[str]]] = {
    "parse_time_limit": lambda: (
        st.sampled_from(
            (*_published("time_limit"), "Ngay trong ngày; sau 15 giờ thì trả trong ngày tiếp theo")
        )
        | time_limits().map(str)
    ),
    "parse_fees": lambda: st.sampled_from((*_published("fees"), "Không", "Miễn phí")),
    "parse_quantity": lambda: st.sampled_from(
        (*_published("quantity"), "Bản chính: 1 - Bản sao: 0", "01 (một) bộ")
    ),
    "read_vietnamese_number": lambda: st.sampled_from(
        ("một", "mười lăm", "hai mươi mốt", "một trăm linh năm", "chín trăm chín mươi chín")
    ),
    "clean_text": lambda: st.sampled_from(_published("time_limit") + _published("fees")),
    "LegalReference.parse": lambda: st.sampled_from(
        (
            "khoản 3 Điều 5 Luật Hộ tịch số 60/2014/QH13",
            "Nghị định 61/2018/NĐ-CP, Art. 19(4)(a)",
            "Quyết định 766/QĐ-TTg",
            "Công văn 9794/VPCP-KGVX",
        )
    ),
}
_PARSERS: dict[str, Callable[[str], object]] = {
    "parse_time_limit": parse_time_limit,
    "parse_fees": parse_fees,
    "parse_quantity": parse_quantity,
    "read_vietnamese_number": read_vietnamese_number,
    "clean_text": clean_text,
    "LegalReference.parse": LegalReference.parse,
}


@pytest.mark.parametrize("entry", sorted(_PARSERS))
@settings(FUZZ)
@given(data=st.data())
def test_text_parsers_raise_only_tthc_errors(entry: str, data: st.DataObject) -> None:
    real = _real_cells("cach_thuc_thuc_hien") + _real_cells("thanh_phan_ho_so")
    seeds = _TEXT_SEEDS[entry]()
    if real:
        seeds = seeds | st.sampled_from(real)
    text = data.draw(seeds.flatmap(mutated_text), label="text")
    exercise(entry, lambda: _PARSERS[entry](text), text)


@settings(FUZZ)
@given(st.sampled_from(HOSTILE_VALUES))
def test_text_parsers_refuse_non_text_with_tthc_errors(value: object) -> None:
    for name, parser in _PARSERS.items():
        exercise(name, lambda parser=parser: parser(value), value)  # type: ignore[misc]


# --------------------------------------------------------------------------- #
# serialization
# --------------------------------------------------------------------------- #

_VALUES = st.one_of(
    time_limits(),
    fees(),
    methods(),
    procedures(),
    dossiers(),
    st.builds(TimeLimit.working_days, st.integers(1, 99)),
)


@settings(FUZZ)
@given(value=_VALUES, data=st.data())
def test_from_json_raises_only_tthc_errors(value: Any, data: st.DataObject) -> None:
    cls = type(value)
    if data.draw(st.booleans(), label="text-level"):
        text = data.draw(mutated_text(to_json(value)), label="json")
    else:
        mutated = data.draw(mutated_data(to_dict(value)), label="data")
        try:
            text = json.dumps(mutated, ensure_ascii=data.draw(st.booleans()))
        except (TypeError, ValueError, RecursionError):  # not expressible as JSON text
            return
    exercise("from_json", lambda: from_json(cls, text), text)
    exercise("from_json", lambda: from_json(cls, text.encode("utf-8", "surrogatepass")), text)


@settings(FUZZ)
@given(value=_VALUES, data=st.data())
def test_from_dict_raises_only_tthc_errors(value: Any, data: st.DataObject) -> None:
    mutated = data.draw(mutated_data(to_dict(value), non_string_keys=True), label="data")
    exercise("from_dict", lambda: from_dict(type(value), mutated), mutated)


# --------------------------------------------------------------------------- #
# calendar files
# --------------------------------------------------------------------------- #


@cache
def _calendar_seed() -> dict[str, Any]:
    from importlib import resources

    text = resources.files("tthc.deadlines").joinpath("data/vn_civil_service.json")
    shipped = json.loads(text.read_text(encoding="utf-8"))
    day = {
        "date": "2027-03-08",
        "kind": "day_off",
        "reason": "other",
        "vi": "Nghỉ theo quyết định tỉnh",
        "en": "Provincial day off",
        "citation": "QĐ 1/QĐ-UBND (example)",
    }
    return {"announcements": shipped["announcements"][-2:], "days": [day]}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value) if value == value else "nan"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items())
            + "}"
        )
    if value is None:
        return '""'
    return json.dumps(str(value), ensure_ascii=False)


def _toml(data: Any) -> str:
    """A small TOML writer for the calendar shape (arrays of tables, inline values)."""
    if not isinstance(data, dict):
        return f"value = {_toml_value(data)}\n"
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for table in value:
                lines.append(f"[[{json.dumps(str(key))}]]")
                lines += [f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in table.items()]
        else:
            lines.insert(0, f"{json.dumps(str(key))} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


_TMP = tempfile.TemporaryDirectory(prefix="tthc-fuzz-")


@pytest.mark.parametrize("suffix", [".json", ".toml"])
@settings(FUZZ)
@given(data=st.data())
def test_calendar_file_raises_only_tthc_errors(suffix: str, data: st.DataObject) -> None:
    mutated = data.draw(mutated_data(_calendar_seed()), label="data")
    try:
        text = json.dumps(mutated, ensure_ascii=False) if suffix == ".json" else _toml(mutated)
    except (TypeError, ValueError, RecursionError):
        return
    if data.draw(st.booleans(), label="text-level"):
        text = data.draw(mutated_text(text, max_mutations=3), label="text")
    path = Path(_TMP.name) / f"calendar{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    exercise(f"with_file{suffix}", lambda: official_calendar().with_file(path), text)


# --------------------------------------------------------------------------- #
# portal records (helper 11 rewrites the reader; see the report) and due dates
# --------------------------------------------------------------------------- #


@settings(FUZZ)
@given(data=st.data())
def test_read_portal_records_never_raises(data: st.DataObject) -> None:
    seeds = _portal_records() + _real_records(60)
    record = data.draw(st.sampled_from(seeds), label="seed")
    mutated = data.draw(mutated_data(record, non_string_keys=True), label="record")
    batch = [mutated, record] if data.draw(st.booleans()) else [mutated]
    result = exercise("read_portal_records", lambda: read_portal_records(batch), mutated)
    assert not isinstance(result, TthcError)  # it reports findings, never raises
    assert len(result.results) == len(batch)  # type: ignore[attr-defined]


class _LmtZone(dt.tzinfo):
    """A zone named Asia/Ho_Chi_Minh with the LMT offset (pytz attached with tzinfo=)."""

    zone = "Asia/Ho_Chi_Minh"

    def utcoffset(self, d: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=7, minutes=7)

    def dst(self, d: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, d: dt.datetime | None) -> str:
        return "LMT"


_ZONES = st.sampled_from(
    [
        dt.UTC,
        dt.timezone(dt.timedelta(hours=7)),
        dt.timezone(dt.timedelta(hours=14)),
        dt.timezone(dt.timedelta(hours=-12)),
        dt.timezone(dt.timedelta(hours=23, minutes=59)),
        _LmtZone(),
    ]
)
_EXTREME = st.sampled_from(
    [dt.datetime(1, 1, 1, 0, 0), dt.datetime(9999, 12, 31, 23, 59), dt.datetime(1999, 12, 31, 12)]
)
_LIMITS = time_limits() | st.sampled_from(
    [
        TimeLimit.calendar_days(10**7),
        TimeLimit.months(10**5),
        TimeLimit.working_days(10**6),
        TimeLimit.working_hours(10**7),
    ]
)


@settings(FUZZ)
@given(
    moment=moments() | _EXTREME.flatmap(lambda m: _ZONES.map(lambda z: m.replace(tzinfo=z))),
    zone=_ZONES,
    limit=_LIMITS,
)
def test_due_date_raises_only_tthc_errors(
    moment: dt.datetime, zone: dt.tzinfo, limit: TimeLimit
) -> None:
    shifted = moment.replace(tzinfo=zone) if moment.tzinfo is dt.UTC else moment
    exercise("due_date", lambda: due_date(shifted, limit), (shifted, limit))
