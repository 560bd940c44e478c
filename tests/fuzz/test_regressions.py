"""Regression examples: every escape and wrong answer found by fuzzing (issue 14)."""

from __future__ import annotations

import itertools

import hypothesis.strategies as st
import pytest
from hypothesis import given

from tthc.errors import ParseError
from tthc.limits import MAX_NUMBER_DIGITS
from tthc.model import TimeLimit
from tthc.sources import (
    clean_text,
    fold,
    parse_fees,
    parse_quantity,
    parse_time_limit,
    read_vietnamese_number,
)

# --------------------------------------------------------------------------- #
# text parsers
# --------------------------------------------------------------------------- #


def test_malformed_markup_no_longer_escapes_as_assertion_error() -> None:
    # html.parser raised AssertionError on "<![" and dropped whole portal records
    parsed = parse_time_limit("5 ngày làm việc <![&")
    assert parsed.ordinary == TimeLimit.working_days(5)
    assert parse_fees("<![CDATA[x]]> 20.000 đồng").fees[0].amount == 20_000
    assert clean_text("a <![ b") == "a <![ b"


def test_markup_is_removed_once_and_entities_decoded_once() -> None:
    assert clean_text("<p>Bước 1:&nbsp;Nộp</p><!-- note --><p>Bước 2</p>") == "Bước 1: Nộp\nBước 2"
    assert clean_text("&lt;br&gt; là thẻ") == "<br> là thẻ"
    assert clean_text("a <!-- unterminated") == "a <!-- unterminated"
    assert clean_text("1 < 2 & 3") == "1 < 2 & 3"


@pytest.mark.parametrize(
    "separator", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\r"]
)
def test_every_unicode_line_break_is_a_line_break(separator: str) -> None:
    assert clean_text(f"07 ngày{separator * 3}làm việc") == "07 ngày\nlàm việc"


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000ab<>&;")))
def test_clean_text_never_leaves_two_whitespace_characters_in_a_row(text: str) -> None:
    # the parsers' patterns rely on this to stay linear
    cleaned = clean_text(text)
    assert not any(a.isspace() and b.isspace() for a, b in itertools.pairwise(cleaned))
    assert cleaned == cleaned.strip()


@pytest.mark.parametrize(
    ("parser", "text"),
    [
        (parse_time_limit, "9" * 5_000 + " ngày làm việc"),
        (parse_fees, "9" * 5_000 + " đồng"),
        (parse_quantity, "9" * 5_000 + " bản chính"),
        (parse_fees, "1" + ".000" * 10 + " đồng"),
        (parse_fees, "1" * MAX_NUMBER_DIGITS + " triệu đồng"),
    ],
)
def test_long_numbers_are_a_parse_error_naming_the_limit(parser: object, text: str) -> None:
    # they raised a bare ValueError (Python's 4,300-digit conversion limit)
    with pytest.raises(ParseError, match="MAX_NUMBER_DIGITS"):
        parser(text)  # type: ignore[operator]


def test_the_longest_allowed_number_is_read() -> None:
    assert parse_fees("9" * MAX_NUMBER_DIGITS + " đồng").fees[0].amount == 10**MAX_NUMBER_DIGITS - 1


@pytest.mark.parametrize(
    "text", ["-3 ngày làm việc", "−3 ngày làm việc", "Không quá -5 ngày", "-1 tháng"]
)
def test_negative_time_limit_is_refused(text: str) -> None:
    # "-3 ngày làm việc" was read as +3: the sign was stripped with the bullets
    with pytest.raises(ParseError, match="negative"):
        parse_time_limit(text)


@pytest.mark.parametrize("text", ["0 ngày làm việc", "00 ngày", "0 tháng"])
def test_zero_time_limit_is_refused(text: str) -> None:
    with pytest.raises(ParseError, match="at least 1"):
        parse_time_limit(text)


def test_a_dash_bullet_is_not_a_minus_sign() -> None:
    assert parse_time_limit("- 3 ngày làm việc").ordinary == TimeLimit.working_days(3)
    with pytest.raises(ParseError, match="range"):  # a range, not a negative amount
        parse_time_limit("03-05 ngày")
    assert parse_quantity("Bản chính: 1 - Bản sao: 0").originals == 1


def test_negative_fee_and_count_are_refused() -> None:
    with pytest.raises(ParseError, match="negative"):
        parse_fees("Lệ phí: -20.000 đồng")
    with pytest.raises(ParseError, match="negative"):
        parse_quantity("-1 bản chính")


@pytest.mark.parametrize(
    ("parser", "text"),
    [
        (parse_time_limit, "٣ ngày làm việc"),  # Arabic-Indic three
        (parse_quantity, "١ bản chính"),
        (parse_fees, "٢٠٠٠٠ đồng"),
    ],
)
def test_non_ascii_digits_are_not_read_as_numbers(parser: object, text: str) -> None:
    with pytest.raises(ParseError):
        parser(text)  # type: ignore[operator]


def test_number_words_inside_a_longer_run_are_not_read_from_the_middle() -> None:
    # "một" before a valid 999 used to be skipped silently
    with pytest.raises(ParseError):
        parse_time_limit("một chín trăm chín mươi chín ngày")
    assert parse_time_limit("chín trăm chín mươi chín ngày").ordinary.amount == 999


@pytest.mark.parametrize("parser", [parse_time_limit, parse_fees, parse_quantity])
def test_lone_surrogates_are_refused(parser: object) -> None:
    with pytest.raises(ParseError, match="surrogate"):
        parser("5 ngày \ud800 đồng")  # type: ignore[operator]


@pytest.mark.parametrize("value", [None, 5, b"5 ngay", ["năm"]])
def test_text_helpers_refuse_non_strings_with_a_typed_error(value: object) -> None:
    # read_vietnamese_number and clean_text raised TypeError / AttributeError
    for helper in (read_vietnamese_number, clean_text, fold):
        with pytest.raises(ParseError, match="a string"):
            helper(value)  # type: ignore[arg-type]
    for parser in (parse_time_limit, parse_fees, parse_quantity):
        with pytest.raises(ParseError, match="a string"):
            parser(value)  # type: ignore[arg-type]


def test_many_distinct_periods_are_summarised_not_listed() -> None:
    text = " ".join(f"{i} ngày" for i in range(1, 2_000))
    parsed = parse_time_limit(text)
    assert parsed.ordinary == TimeLimit.calendar_days(1)
    summary = [a for a in parsed.assumptions if "states more than one period" in a]
    assert len(summary) == 1
    assert "and 1988 more" in summary[0]
