"""One reading of what a person types: time limits, moments and dates (day first)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import strategies
from tthc.errors import ParseError
from tthc.model import TimeLimit, TimeUnit, read_time_limit
from tthc.reading import read_date, read_dossier, read_moment, read_year

WD = TimeUnit.WORKING_DAYS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 ngày làm việc", TimeLimit.working_days(7)),
        ("07 ngày làm việc", TimeLimit.working_days(7)),
        ("07 (bảy) ngày làm việc", TimeLimit.working_days(7)),
        ("Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", TimeLimit.working_days(5)),
        ("Trong thời hạn 10 ngày làm việc", TimeLimit.working_days(10)),
        ("ba ngày làm việc", TimeLimit.working_days(3)),
        ("15 ngày", TimeLimit.calendar_days(15)),
        ("8 giờ làm việc", TimeLimit.working_hours(8)),
        ("trong 24 giờ", TimeLimit(24, TimeUnit.HOURS)),
        ("24 hours", TimeLimit(24, TimeUnit.HOURS)),
        ("nửa ngày làm việc", TimeLimit(1, TimeUnit.HALF_WORKING_DAYS)),
        ("1,5 ngày làm việc", TimeLimit(3, TimeUnit.HALF_WORKING_DAYS)),
        ("2.5 working days", TimeLimit(5, TimeUnit.HALF_WORKING_DAYS)),
        ("03 tháng", TimeLimit.months(3)),
        ("Trong ngày", TimeLimit.same_day()),
        ("3 working days", TimeLimit.working_days(3)),
        ("within 5 business days", TimeLimit.working_days(5)),
        ("15 calendar days", TimeLimit.calendar_days(15)),
        ("2 months", TimeLimit.months(2)),
        ("same day", TimeLimit.same_day()),
        ("same day (after 15:00: next working day)", TimeLimit.same_day(cutoff=dt.time(15))),
        (
            "Trong ngày, sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
            TimeLimit.same_day(cutoff=dt.time(15)),
        ),
    ],
)
def test_limits_people_type(text: str, expected: TimeLimit) -> None:
    limit = read_time_limit(text)
    assert limit == expected
    assert limit.raw == text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("7", "expect.limit_unit_after_number"),
        ("3 days", "expect.limit_clear_unit"),
        ("2 tuần", "expect.limit_clear_unit"),
        ("1,5 tháng", "expect.half_days"),
        ("0 ngày làm việc", "expect.limit_amount"),
        ("abc", "expect.limit_text"),
        ("", "expect.limit_text"),
        ("x" * 600, "expect.limit_text"),
    ],
)
def test_limits_refused_with_a_reason(text: str, key: str) -> None:
    with pytest.raises(ParseError) as info:
        read_time_limit(text)
    assert info.value.key == key
    assert info.value.what == "time limit"


def test_a_bare_number_where_the_caller_says_what_it_counts() -> None:
    assert read_time_limit("7", bare_number=WD) == TimeLimit.working_days(7)
    assert read_time_limit(7, bare_number=WD) == TimeLimit.working_days(7)
    with pytest.raises(ParseError):
        read_time_limit(7)
    with pytest.raises(ParseError):
        read_time_limit(True, bare_number=WD)


_MINUTE_LIMITS = strategies.time_limits().map(
    lambda t: attrs.evolve(t, cutoff=None if t.cutoff is None else t.cutoff.replace(second=0))
)


@given(_MINUTE_LIMITS, st.sampled_from(["vi", "en"]))
def test_what_label_writes_reads_back(limit: TimeLimit, lang: str) -> None:
    text = limit.label("vi" if lang == "vi" else "en")
    expected = limit
    if limit.unit is TimeUnit.HALF_WORKING_DAYS and limit.amount % 2 == 0:
        # two halves are written "1 ngày làm việc": a whole working day
        expected = attrs.evolve(limit, amount=limit.amount // 2, unit=WD)
    assert read_time_limit(text) == expected


def _reads_back_the_same(limit: TimeLimit) -> bool:
    # two halves are labelled "1 ngày làm việc", which reads as one working day; the two are
    # counted differently (office minutes vs whole days), so they are left out here
    even_halves = limit.unit is TimeUnit.HALF_WORKING_DAYS and limit.amount % 2 == 0
    return limit.condition is None and not even_halves


@pytest.mark.filterwarnings("ignore::tthc.errors.ProvisionalCalendarWarning")
@given(strategies.moments(), _MINUTE_LIMITS.filter(_reads_back_the_same))
def test_due_date_of_text_equals_due_date_of_the_limit(
    received: dt.datetime, limit: TimeLimit
) -> None:
    text = limit.label("vi")
    assert tthc.due_date(received, text).at == tthc.due_date(received, limit).at


def test_a_batch_limit_column_of_text_equals_the_scalar_path() -> None:
    np = pytest.importorskip("numpy")
    from tthc.batch import due_dates

    texts = ["7 ngày làm việc", "3 working days", "7 ngày làm việc", None, "trong ngày", "5"]
    received = np.array(["2026-11-20T03:00"] * len(texts), dtype="datetime64[us]")
    got = due_dates(received, texts).at
    at = dt.datetime(2026, 11, 20, 10, tzinfo=tthc.VIETNAM)
    for i, text in enumerate(texts):
        if text is None:
            assert np.isnat(got[i])
            continue
        limit = read_time_limit(text, bare_number=WD)
        expected = tthc.due_date(at, limit).at.astimezone(dt.UTC).replace(tzinfo=None)
        assert got[i] == np.datetime64(expected, "us")
    with pytest.raises(ParseError):
        due_dates(received[:1], ["3 days"])


# --------------------------------------------------------------------------- #
# Moments and dates
# --------------------------------------------------------------------------- #


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
def test_day_first_dates_read_back(day: dt.date) -> None:
    assert read_date(f"{day:%d/%m/%Y}") == day
    assert read_date(day.isoformat()) == day
    assert read_date(f"{day.day}/{day.month}/{day.year}") == day


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)).filter(lambda d: d.day > 12))
def test_a_month_first_date_is_refused_naming_both_readings(day: dt.date) -> None:
    text = f"{day.month:02d}/{day.day:02d}/{day.year}"
    with pytest.raises(ParseError) as info:
        read_moment(text)
    assert info.value.key == "expect.day_first"
    assert f"month {day.day}" in str(info.value)
    assert f"{day:%d/%m/%Y}" in str(info.value)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("31/02/2026", "expect.real_date"),
        ("05/06/26", "expect.four_digit_year"),
        ("2026/05/06", "expect.iso_date_ymd"),
        ("25:00 20/11/2026", "expect.time_of_day"),
        ("20/11/1999", "expect.year_range"),
        ("hôm qua", "expect.moment"),
    ],
)
def test_moments_refused(text: str, key: str) -> None:
    with pytest.raises(ParseError) as info:
        read_moment(text)
    assert info.value.key == key


def test_moments_in_vietnam_time() -> None:
    vn = tthc.VIETNAM
    assert read_moment("20/11/2026 10:00") == dt.datetime(2026, 11, 20, 10, tzinfo=vn)
    assert read_moment("10:00 20/11/2026") == dt.datetime(2026, 11, 20, 10, tzinfo=vn)
    assert read_moment("10h30 20/11/2026") == dt.datetime(2026, 11, 20, 10, 30, tzinfo=vn)
    assert read_moment("2026-11-20T03:00Z") == dt.datetime(2026, 11, 20, 10, tzinfo=vn)
    now = dt.datetime(2026, 11, 20, 3, 0, 12, 5, tzinfo=dt.UTC)
    assert read_moment("bây giờ", now=now) == dt.datetime(2026, 11, 20, 10, 0, 12, tzinfo=vn)
    assert read_moment("hôm nay", now=now) == dt.date(2026, 11, 20)
    assert read_year("2026") == 2026
    with pytest.raises(ParseError):
        read_year("26")


def test_a_dossier_names_its_procedure_by_code() -> None:
    text = (
        '{"procedure": "1.004222", "channel": "in_person", '
        '"events": [{"event": "received", "at": "2026-11-16T09:00:00+07:00"}]}'
    )
    dossier = read_dossier(text)
    assert dossier.procedure.name == "Đăng ký thường trú"
    with pytest.raises(tthc.errors.ValidationError) as info:
        read_dossier(text.replace("1.004222", "9.999999"))
    assert info.value.problems[0].path == "$.procedure"
    assert info.value.problems[0].key == "expect.catalogue_code"


def test_text_limit_columns_of_every_kind() -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    from tthc.batch import due_dates

    texts = ["7 ngày làm việc", "3 working days", None, "Trong ngày"]
    received = pd.Series(
        pd.to_datetime(["2026-11-20 10:00"] * len(texts)).tz_localize("Asia/Ho_Chi_Minh")
    )
    expected = due_dates(received, [read_time_limit(t) if t else None for t in texts]).at
    for column in (
        pd.Series(texts),
        pd.Series(texts, dtype="string"),
        pa.array(texts),
        pl.Series(texts),
    ):
        got = due_dates(received, column).at
        assert [str(v) for v in got] == [str(v) for v in expected], type(column)
