"""parse_time_limit: the accepted forms, the refusals, and round-trip properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.errors import ParseError, TthcError
from tthc.model import TimeLimit, TimeUnit
from tthc.sources import parse_time_limit, vietnamese_number_words

FAST = settings(max_examples=120, deadline=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", TimeLimit.working_days(7)),
        ("05 ngày làm việc", TimeLimit.working_days(5)),
        ("10 ngày", TimeLimit.calendar_days(10)),
        ("15 ngày kể từ ngày nhận đủ hồ sơ", TimeLimit.calendar_days(15)),
        ("02 giờ làm việc", TimeLimit.working_hours(2)),
        ("08 giờ làm việc", TimeLimit.working_hours(8)),
        ("Trong ngày", TimeLimit.same_day()),
        ("Ngay trong ngày", TimeLimit.same_day()),
        ("Trong ngày làm việc", TimeLimit.same_day()),
        (
            "trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
            TimeLimit.same_day(cutoff=dt.time(15)),
        ),
        ("Không quá 05 ngày làm việc", TimeLimit.working_days(5)),
        ("tối đa 03 ngày làm việc", TimeLimit.working_days(3)),
        ("03 tháng", TimeLimit.months(3)),
        ("năm ngày làm việc", TimeLimit.working_days(5)),
        ("mười lăm ngày", TimeLimit.calendar_days(15)),
        ("hai mươi ngày", TimeLimit.calendar_days(20)),
        ("ngay sau khi nhận đủ giấy tờ", TimeLimit.same_day()),
        ("07&nbsp;ngày<br>làm\u3000việc", TimeLimit.working_days(7)),
        ("<p>05\u00a0Ngày làm việc</p>", TimeLimit.working_days(5)),
        (
            "sau 15h thì trả kết quả vào ngày làm việc tiếp theo",
            TimeLimit.same_day(cutoff=dt.time(15)),
        ),
    ],
)
def test_accepted_forms(text: str, expected: TimeLimit) -> None:
    result = parse_time_limit(text)
    assert result.limits[0] == expected
    assert result.limits[0].raw is not None
    assert result.raw == text


def test_conditional_alternatives_carry_their_condition() -> None:
    result = parse_time_limit(
        "Ngay trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc"
    )
    assert result.limits == (
        TimeLimit.same_day(),
        TimeLimit.working_days(5, condition="trường hợp cần xác minh"),
    )
    assert result.ordinary is result.limits[0]
    assert result.alternatives == result.limits[1:]
    assert result.limits[1].raw == "trường hợp cần xác minh thì không quá 05 ngày làm việc"


def test_sentence_case_is_an_alternative() -> None:
    result = parse_time_limit("03 ngày làm việc. Trường hợp phải xác minh thì 10 ngày làm việc.")
    assert [lim.amount for lim in result.limits] == [3, 10]
    assert result.limits[1].condition == "Trường hợp phải xác minh"


def test_cutoff_applies_to_same_day_and_not_to_days() -> None:
    result = parse_time_limit(
        "07 ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì tính từ ngày làm việc tiếp theo"
    )
    assert result.limits == (TimeLimit.working_days(7),)
    assert result.limits[0].cutoff is None
    assert any("cut-off clause" in note for note in result.notes)


def test_calendar_days_and_months_are_explained() -> None:
    assert any("Art. 144" in a for a in parse_time_limit("10 ngày").assumptions)
    assert any("Art. 148" in n for n in parse_time_limit("03 tháng").notes)
    assert parse_time_limit("10 ngày làm việc").assumptions == ()


def test_start_event_is_kept_as_a_note() -> None:
    notes = parse_time_limit("07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ").notes
    assert notes == ("counted from: kể từ ngày nhận đủ hồ sơ hợp lệ",)


def test_dates_are_not_periods() -> None:
    result = parse_time_limit("05 ngày làm việc (Thông tư ngày 15 tháng 5 năm 2021)")
    assert result.limits == (TimeLimit.working_days(5),)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "1",
        "Không có thông tin",
        "theo quy định",
        "03 - 05 ngày làm việc",
        "2 tuần",
        "01 năm",
        "0 ngày làm việc",
        "03 (bốn) ngày làm việc",
        "hai lăm ngày",
    ],
)
def test_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_time_limit(text)
    assert info.value.text == text
    assert isinstance(info.value, TthcError)
    assert isinstance(info.value, ValueError)


def test_refuses_non_strings() -> None:
    with pytest.raises(ParseError):
        parse_time_limit(7)  # type: ignore[arg-type]


_UNITS = {
    "ngày làm việc": TimeUnit.WORKING_DAYS,
    "ngày": TimeUnit.CALENDAR_DAYS,
    "giờ làm việc": TimeUnit.WORKING_HOURS,
    "tháng": TimeUnit.MONTHS,
}


@FAST
@given(
    n=st.integers(1, 999),
    unit=st.sampled_from(sorted(_UNITS)),
    zeros=st.integers(0, 2),
    prefix=st.sampled_from(["", "Không quá ", "tối đa ", "Trong thời hạn "]),
    suffix=st.sampled_from(["", " kể từ ngày nhận đủ hồ sơ hợp lệ"]),
)
def test_digits_round_trip(n: int, unit: str, zeros: int, prefix: str, suffix: str) -> None:
    text = f"{prefix}{'0' * zeros}{n} {unit}{suffix}"
    limit = parse_time_limit(text).limits[0]
    assert (limit.amount, limit.unit) == (n, _UNITS[unit])


@FAST
@given(n=st.integers(1, 999), unit=st.sampled_from(sorted(_UNITS)), upper=st.booleans())
def test_words_round_trip(n: int, unit: str, upper: bool) -> None:
    words = vietnamese_number_words(n)
    text = f"{words.capitalize() if upper else words} {unit}"
    limit = parse_time_limit(text).limits[0]
    assert (limit.amount, limit.unit) == (n, _UNITS[unit])


@FAST
@given(n=st.integers(1, 999))
def test_digits_with_words_in_brackets(n: int) -> None:
    text = f"{n:02d} ({vietnamese_number_words(n)}) ngày làm việc"
    assert parse_time_limit(text).limits[0] == TimeLimit.working_days(n)


@FAST
@given(st.text(max_size=60))
def test_total_on_arbitrary_text(text: str) -> None:
    try:
        result = parse_time_limit(text)
    except ParseError as e:
        error: ParseError | None = e
    else:
        error = None
        assert result.limits
        assert result.limits[0].condition is None
    assert error is None or error.text == text


@pytest.mark.parametrize("text", ["2,5 giờ làm việc", "0,25 ngày làm việc"])
def test_a_decimal_comma_is_not_read_as_a_whole_number(text: str) -> None:
    # Vietnamese writes decimals with a comma; a TimeLimit holds whole units only
    # (half working days excepted: issue 20, tests/law/test_time_units.py).
    with pytest.raises(ParseError):
        parse_time_limit(text)


def test_an_afternoon_cutoff_is_in_the_afternoon() -> None:
    # "sau 3 giờ chiều" is 15:00 (Law on Civil Status 60/2014/QH13 Art. 5(3) uses 15:00).
    parsed = parse_time_limit(
        "Trong ngày; trường hợp nhận sau 3 giờ chiều thì trả kết quả trong ngày làm việc tiếp theo"
    )
    assert parsed.limits[0].cutoff == dt.time(15, 0)


def test_a_case_after_a_comma_is_an_alternative() -> None:
    parsed = parse_time_limit(
        "15 ngày làm việc, trường hợp phức tạp thì không quá 30 ngày làm việc"
    )
    assert parsed.limits[0] == TimeLimit.working_days(15)
    assert parsed.limits[1].amount == 30
    assert parsed.limits[1].condition is not None
