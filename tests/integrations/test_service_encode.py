"""The service's fast JSON for a due date is the JSON of tthc.serialization."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")

from tthc.deadlines import OFFICE_HOURS_PRESETS, VIETNAM, OfficeHours, due_date
from tthc.errors import ProvisionalCalendarWarning
from tthc.model import read_time_limit
from tthc.serialization import to_dict
from tthc.service._encode import due_json

LIMITS = [
    "3 ngày làm việc",
    "Không quá 05 ngày làm việc",
    "15 ngày",
    "02 giờ làm việc",
    "03 tháng",
    "Trong ngày",
    "3 working days",
]


@given(
    moment=st.datetimes(min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2034, 12, 1)).map(
        lambda m: m.replace(second=0, tzinfo=VIETNAM)
    ),
    limit=st.sampled_from(LIMITS),
    hours=st.sampled_from([OfficeHours(), *OFFICE_HOURS_PRESETS.values()]),
)
@settings(max_examples=200, deadline=None)
def test_due_json_is_the_serialized_due_date(
    moment: dt.datetime, limit: str, hours: OfficeHours
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        due = due_date(moment, read_time_limit(limit), hours=hours)
        assert json.loads(due_json(due)) == to_dict(due)


@given(st.dictionaries(st.text(max_size=8), st.text(max_size=12), max_size=4))
def test_query_parameters_are_read_as_starlette_reads_them(params: dict[str, str]) -> None:
    from urllib.parse import urlencode

    from starlette.datastructures import QueryParams

    from tthc.service._due import _params

    raw = urlencode(params).encode("ascii")
    assert _params(raw) == dict(QueryParams(raw.decode("latin-1")))
    raw = b"a=1&a=2&&b&c=%E1%BB%87+x&d=%ZZ"
    assert _params(raw) == dict(QueryParams(raw.decode("latin-1")))


@given(
    before=st.integers(min_value=0, max_value=400),
    hour=st.integers(min_value=0, max_value=23),
    limit=st.sampled_from([*LIMITS, "60 ngày làm việc", "45 ngày", "6 tháng", "40 giờ làm việc"]),
)
@settings(max_examples=300, deadline=None)
def test_the_quick_path_never_hides_a_provisional_answer(
    before: int, hour: int, limit: str
) -> None:
    """/due skips catching warnings only where no answer can be provisional (warnings are
    errors in this test run, so a provisional answer on the quick path would raise)."""
    from urllib.parse import urlencode

    from tthc.deadlines import official_calendar
    from tthc.service._due import due_body

    day = official_calendar().announced_until - dt.timedelta(days=before)
    query = urlencode({"received": f"{day:%d/%m/%Y} {hour:02d}:00", "limit": limit})
    answer = json.loads(due_body(query.encode("ascii")))
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=VIETNAM)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        expected = to_dict(due_date(moment, read_time_limit(limit)))
    assert answer == expected
