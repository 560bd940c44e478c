"""The fuzz families of issue 19: only ``TthcError`` escapes, and no wrong answer.

Families the suite of issue 14 did not use: Unicode confusables and
pathological lengths (in :data:`tests.fuzz._mutate.HOSTILE_TOKENS`), numeric
and time edges and type confusion (:data:`~tests.fuzz._mutate.HOSTILE_VALUES`)
given to the calendar, ``due_date`` and the dossier API, repeated JSON keys,
calendar overlays (statutory holidays are never lost in silence), and crafted
files generated here (xlsx parts, gzip streams, dossier files given to
``tthc check``). The budget comes from the hypothesis profile
(``TTHC_HYPOTHESIS_PROFILE``: ``ci`` by default, ``deep`` on demand).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from tests.fuzz._crafted import parts, rezip, valid_xlsx
from tests.fuzz._mutate import HOSTILE_VALUES, mutated_data, mutated_text
from tests.fuzz._stats import count, exercise
from tthc import VIETNAM, due_date, official_calendar
from tthc._io import inflate_gzip
from tthc.cli import main as tthc_main
from tthc.deadlines import DayKind, DayReason, DayRecord
from tthc.deadlines._checks import _weekdays_off
from tthc.deadlines._statutory import statutory_holidays, statutory_periods
from tthc.dossiers import apply, status, timeline
from tthc.errors import CalendarOverrideWarning, TthcError, TthcWarning, ValidationError
from tthc.model import ResultReady
from tthc.serialization import from_json, to_dict, to_json
from tthc.sources import read_portal_xlsx
from tthc.strategies import dossiers, fees, moments, procedures, time_limits

FUZZ = settings.get_profile(os.environ.get("TTHC_HYPOTHESIS_PROFILE", "ci"))
CAL = official_calendar()
_TMP = tempfile.TemporaryDirectory(prefix="tthc-fuzz19-")

# --------------------------------------------------------------------------- #
# type confusion and numeric edges: the calendar API
# --------------------------------------------------------------------------- #

_ARGS = st.sampled_from(HOSTILE_VALUES) | st.sampled_from(
    [
        2026,
        2026.0,
        dt.date(2026, 2, 17),
        dt.datetime(2026, 2, 17, tzinfo=VIETNAM),
        dt.date(1999, 12, 31),
        dt.date(2036, 1, 1),
        dt.date.min,
        dt.date.max,
        float("-inf"),
        10**400,
        -(10**400),
    ]
)
_CALENDAR_CALLS: dict[str, Any] = {
    "is_working_day": lambda a, b: CAL.is_working_day(a),
    "add_working_days": lambda a, b: CAL.add_working_days(a, b),
    "add_working_days(n)": lambda a, b: CAL.add_working_days(dt.date(2026, 2, 13), b),
    "working_days_between": lambda a, b: CAL.working_days_between(a, b),
    "roll_forward": lambda a, b: CAL.roll_forward(a),
    "working_days": lambda a, b: list(CAL.working_days(a, b)),
    "explain": lambda a, b: CAL.explain(a),
    "is_provisional": lambda a, b: CAL.is_provisional(a),
    "days_off": lambda a, b: CAL.days_off(a),
    "working_days_by_month": lambda a, b: CAL.working_days_by_month(a),
    "view": lambda a, b: CAL.view(a, b),
    "view(month)": lambda a, b: CAL.view(2026, b),
    "official_calendar": lambda a, b: official_calendar(culture_day=a, last_year=b),
    "with_announcement": lambda a, b: CAL.with_announcement(
        a, valid_from=b, valid_until=dt.date(2027, 1, 31), citation="X"
    ),
    "with_days": lambda a, b: CAL.with_days(a, b),
}


@pytest.mark.parametrize("call", sorted(_CALENDAR_CALLS))
@settings(FUZZ)
@given(a=_ARGS, b=_ARGS)
def test_calendar_api_raises_only_tthc_errors(call: str, a: Any, b: Any) -> None:
    exercise(f"calendar.{call}", lambda: _CALENDAR_CALLS[call](a, b), (a, b))


@settings(FUZZ)
@given(n=st.integers() | st.floats() | st.sampled_from(HOSTILE_VALUES))
def test_add_working_days_is_exact_or_refused(n: Any) -> None:
    start = dt.date(2026, 2, 13)
    result = exercise("add_working_days", lambda: CAL.add_working_days(start, n), n)
    if isinstance(result, TthcError):
        assert not (type(n) is int and abs(n) < 1_000), n  # small whole numbers are answers
        return
    assert type(n) is int  # nan, 1.5, True, "3" are refused, never read
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TthcWarning)  # provisional answers are answers
        assert CAL.working_days_between(start, result) == n  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# calendar overlays: statutory holidays are never lost in silence
# --------------------------------------------------------------------------- #

_KINDS = [
    (DayKind.DAY_OFF, DayReason.HOLIDAY),
    (DayKind.DAY_OFF, DayReason.OTHER),
    (DayKind.DAY_OFF, DayReason.SWAPPED_DAY_OFF),
    (DayKind.WORKING_DAY, DayReason.MAKE_UP_WORKING_DAY),
    (DayKind.WORKING_DAY, DayReason.ORDINARY_WEEKDAY),
    (DayKind.WORKING_DAY, DayReason.OTHER),
]
_DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))
_STATUTORY = st.sampled_from(
    [h.day for year in range(2024, 2031) for h in statutory_holidays(year)]
)


@st.composite
def _records(draw: st.DrawFn, first: dt.date, last: dt.date) -> list[DayRecord]:
    inside = st.dates(first, last)
    days = draw(st.lists(inside | _STATUTORY | _DAYS, max_size=6))
    return [
        DayRecord(day, kind, reason, name_vi="Ví dụ", name_en="Example", citation="QĐ 1/X")
        for day in days
        for kind, reason in [draw(st.sampled_from(_KINDS))]
    ]


@settings(FUZZ)
@given(data=st.data())
def test_overlays_never_drop_a_holiday_in_silence(data: st.DataObject) -> None:
    first = data.draw(_DAYS | _STATUTORY, label="valid_from")
    last = data.draw(st.dates(first, min(first + dt.timedelta(days=800), dt.date(2035, 12, 31))))
    records = data.draw(_records(first, last), label="records")
    means_it = data.draw(st.booleans(), label="removes_statutory_holidays")
    point = data.draw(st.booleans(), label="with_days")
    count("calendar.overlay")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if point:
                cal = CAL.with_days(*records, removes_statutory_holidays=means_it)
            else:
                cal = CAL.with_announcement(
                    records,
                    valid_from=first,
                    valid_until=last,
                    citation="X",
                    removes_statutory_holidays=means_it,
                )
        except ValidationError:
            return
    outside = [r for r in records if not first <= r.day <= last]
    assert point or not outside  # a record outside its window is refused
    overrides = [str(w.message) for w in caught if issubclass(w.category, CalendarOverrideWarning)]
    changed = [
        day
        for year in range(2000, 2036)
        for day in (h.day for h in statutory_holidays(year))
        if cal._is_working(day) and not CAL._is_working(day)
    ]
    shortened = [
        period
        for year in range(2000, 2036)
        for period in statutory_periods(year)
        if _weekdays_off(cal, period) < min(period.days, _weekdays_off(CAL, period))
    ]
    if changed or shortened:
        assert means_it  # refused otherwise
        assert overrides  # and named when meant
    # a day an announcement cited keeps its status unless a record says otherwise
    listed = {r.day for r in records}
    for index, old in CAL._records.items():
        day = old.day
        if CAL._announced[index] and day not in listed:
            assert cal._is_working(day) == CAL._is_working(day), day
    cited_changes = [
        old.day
        for index, old in CAL._records.items()
        if CAL._announced[index] and cal._is_working(old.day) != CAL._is_working(old.day)
    ]
    if cited_changes:
        assert overrides
        if len(cited_changes) + len(changed) <= 20:
            assert all(day.isoformat() in overrides[0] for day in cited_changes)


# --------------------------------------------------------------------------- #
# due dates and the dossier API: type confusion and time edges
# --------------------------------------------------------------------------- #

_NOT_A_MOMENT = st.sampled_from(HOSTILE_VALUES) | st.sampled_from(
    [
        dt.datetime(2026, 1, 5),
        dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=14))),
        dt.datetime.max.replace(tzinfo=dt.timezone(dt.timedelta(hours=-14))),
        dt.datetime(2026, 1, 5, tzinfo=dt.timezone(dt.timedelta(hours=23, minutes=59))),
    ]
)


@settings(FUZZ)
@given(received=_NOT_A_MOMENT | moments(), limit=time_limits() | st.sampled_from(HOSTILE_VALUES))
def test_due_date_type_confusion(received: Any, limit: Any) -> None:
    exercise("due_date.types", lambda: due_date(received, limit), (received, limit))


@settings(FUZZ)
@given(dossier=dossiers(), as_of=_NOT_A_MOMENT | moments())
def test_dossier_api_raises_only_tthc_errors(dossier: Any, as_of: Any) -> None:
    exercise("dossiers.status", lambda: status(dossier, as_of), as_of)
    exercise("dossiers.timeline", lambda: timeline(dossier, as_of), as_of)
    exercise("dossiers.apply", lambda: apply(dossier, ResultReady(at=as_of)), as_of)


# --------------------------------------------------------------------------- #
# repeated keys and time edges in JSON
# --------------------------------------------------------------------------- #


def _dumps_repeating(data: Any, target: tuple[Any, ...], key: str, extra: Any) -> str:
    """JSON text for ``data`` where the object at ``target`` gives ``key`` twice."""

    def dump(value: Any, path: tuple[Any, ...]) -> str:
        if isinstance(value, dict):
            items = [f"{json.dumps(k)}: {dump(v, (*path, k))}" for k, v in value.items()]
            if path == target:
                items.append(f"{json.dumps(key)}: {json.dumps(extra)}")
            return "{" + ", ".join(items) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(dump(v, (*path, i)) for i, v in enumerate(value)) + "]"
        return json.dumps(value)

    return dump(data, ())


def _objects(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    found = []
    if isinstance(value, dict):
        found.append((path, value))
        for k, v in value.items():
            found += _objects(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _objects(v, (*path, i))
    return found


@settings(FUZZ)
@given(value=fees() | procedures() | dossiers(), data=st.data())
def test_a_repeated_key_is_always_refused_with_its_path(value: Any, data: st.DataObject) -> None:
    plain = to_dict(value)
    candidates = [(p, o) for p, o in _objects(plain) if o]
    path, obj = data.draw(st.sampled_from(candidates), label="object")
    key = data.draw(st.sampled_from(sorted(obj)), label="key")
    extra = data.draw(st.sampled_from([obj[key], None, 999, "x"]), label="second value")
    text = _dumps_repeating(plain, path, key, extra)
    result = exercise("from_json.repeated_key", lambda: from_json(type(value), text), text)
    assert isinstance(result, ValidationError), result
    expected = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in (*path, key))
    assert expected in {p.path for p in result.problems}


_TIME_EDGES = st.sampled_from(
    [
        "2026-01-05T10:00:00.1234567+07:00",
        "2026-01-05T10:00:00.123456789+07:00",
        "2026-01-05T10:00:00,1234567+07:00",
        "2026-01-05T10:00:00.5+07:00",
        "2026-01-05T10:00+07:00",
        "2026-01-05T10:00:00+07:00:00.1234567",
        "0001-01-01T00:00+14:00",
        "9999-12-31T23:59:59.999999-23:59",
        "1999-12-31T16:59:59.999999+00:00",
        "1999-12-31T17:00:00+00:00",
        "2099-12-31T23:59:59.999999+07:00",
        "2100-01-01T00:00:00+07:00",
        "2026-W02-1T10:00+07:00",
        "20260105T100000+0700",
        "2026-01-05T10:00:00Z",
        "2026-01-05 10:00:00+07:00",
        "２０２６-01-05T10:00+07:00",
        "2026-01-05T10:00:00.000000+07:00",
    ]
)


@settings(FUZZ)
@given(value=dossiers(), edge=_TIME_EDGES, data=st.data())
def test_moments_in_json_are_read_exactly_or_refused(
    value: Any, edge: str, data: st.DataObject
) -> None:
    plain = to_dict(value)
    if not plain["events"]:
        return
    index = data.draw(st.integers(0, len(plain["events"]) - 1), label="event")
    plain["events"][index]["at"] = edge
    text = json.dumps(plain, ensure_ascii=False)
    result = exercise("from_json.time_edges", lambda: from_json(type(value), text), text)
    if isinstance(result, TthcError):
        return
    loaded = result.events[index].at  # type: ignore[attr-defined]
    parsed = dt.datetime.fromisoformat(edge.replace(",", "."))
    assert loaded == parsed  # nothing truncated: the same instant
    assert from_json(type(value), to_json(result)) == result


# --------------------------------------------------------------------------- #
# crafted files generated here: xlsx parts, gzip streams, dossier files for the CLI
# --------------------------------------------------------------------------- #


@settings(FUZZ)
@given(data=st.data())
def test_mutated_xlsx_parts_raise_only_parse_errors(data: st.DataObject) -> None:
    pytest.importorskip("openpyxl")
    content = parts(valid_xlsx())
    name = data.draw(st.sampled_from(sorted(content)), label="part")
    text = content[name].decode("utf-8")
    content[name] = data.draw(mutated_text(text, max_mutations=4), label="text").encode(
        "utf-8", "surrogatepass"
    )
    path = Path(_TMP.name) / "mutated.xlsx"
    path.write_bytes(rezip(content))
    exercise("read_portal_xlsx", lambda: read_portal_xlsx(path), (name, content[name][:300]))


@settings(FUZZ)
@given(data=st.data())
def test_mutated_gzip_streams_raise_only_parse_errors(data: st.DataObject) -> None:
    raw = bytearray(gzip.compress(to_json(data.draw(fees(), label="fee")).encode()))
    for _ in range(data.draw(st.integers(0, 4), label="flips")):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(raw)), label="cut")
    blob = bytes(raw[:cut])
    exercise("inflate_gzip", lambda: inflate_gzip(blob, name="x.gz", limit=1 << 16), blob)


@settings(FUZZ)
@given(value=dossiers(), data=st.data())
def test_cli_check_never_exits_70(value: Any, data: st.DataObject) -> None:
    plain = to_dict(value)
    if data.draw(st.booleans(), label="text-level"):
        text = data.draw(mutated_text(json.dumps(plain, ensure_ascii=False)), label="text")
    else:
        mutated = data.draw(mutated_data(plain), label="data")
        try:
            text = json.dumps(mutated, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            return
    path = Path(_TMP.name) / "dossier.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    count("tthc check")
    out = io.StringIO()
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stderr", err)
        code = tthc_main(["check", str(path), "--as-of", "2026-06-30 10:00"], out=out)
    assert code != 70, err.getvalue()
