"""Regression examples: every escape and wrong answer found by fuzzing (issue 14)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given

from tthc import VIETNAM, due_date, official_calendar
from tthc._validate import check_zone_offset
from tthc.deadlines import DayRecord, WorkingCalendar
from tthc.dossiers import group_due_dates, interconnected_group
from tthc.errors import (
    ParseError,
    TthcError,
    UnknownCodeError,
    ValidationError,
    ZoneOffsetError,
)
from tthc.limits import MAX_JSON_DEPTH, MAX_NUMBER_DIGITS, MAX_PROBLEMS_LISTED
from tthc.model import Fee, ProcedureCode, Received, TimeLimit
from tthc.rules import Rule, Rules
from tthc.serialization import from_dict, from_json
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


# --------------------------------------------------------------------------- #
# serialization
# --------------------------------------------------------------------------- #


def test_from_json_long_number_is_a_parse_error() -> None:
    # "Exceeds the limit (4300 digits) for integer string conversion" escaped
    with pytest.raises(ParseError, match="MAX_NUMBER_DIGITS"):
        from_json(Fee, '{"name": "x", "amount": ' + "9" * 5_000 + "}")
    with pytest.raises(ParseError, match="MAX_NUMBER_DIGITS"):
        from_json(Fee, '{"name": "x", "amount": 1' + "0" * MAX_NUMBER_DIGITS + "}")
    fee = from_json(Fee, '{"name": "x", "amount": ' + "9" * MAX_NUMBER_DIGITS + "}")
    assert fee.amount == 10**MAX_NUMBER_DIGITS - 1


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999", "1.5e400"])
def test_from_json_non_finite_numbers_are_refused(literal: str) -> None:
    with pytest.raises(ParseError, match="JSON number"):
        from_json(Fee, '{"name": "x", "amount": ' + literal + "}")


def test_from_json_deep_nesting_is_a_typed_error() -> None:
    # RecursionError escaped from json.loads
    with pytest.raises(ParseError, match="MAX_JSON_DEPTH"):
        from_json(Fee, "[" * 100_000 + "]" * 100_000)
    # deep enough to pass json.loads, too deep for tthc
    deep = "[" * (MAX_JSON_DEPTH + 5) + "]" * (MAX_JSON_DEPTH + 5)
    with pytest.raises(ValidationError, match="MAX_JSON_DEPTH") as info:
        from_json(Fee, '{"name": "x", "amount": 1, "exemptions": ' + deep + "}")
    assert info.value.problems[0].path.startswith("$.exemptions[0][0]")


def test_from_dict_refuses_cycles_and_non_string_keys_with_a_path() -> None:
    data: dict[object, object] = {"name": "x", "amount": 1}
    data["exemptions"] = [data]
    with pytest.raises(ValidationError, match="MAX_JSON_DEPTH"):
        from_dict(Fee, data)
    # a non-string key crashed the report (sorting str against int)
    with pytest.raises(ValidationError) as info:
        from_dict(Fee, {"name": "x", "amount": 1, 5: "y", "z": 1})
    assert info.value.problems[0].path == "$[5]"
    assert "string key" in info.value.problems[0].expected


def test_unknown_keys_of_mixed_types_are_all_reported() -> None:
    from tthc.serialization import converter

    with pytest.raises(ValidationError) as info:
        from_dict(Fee, {"name": "x", "amount": 1, "zz": 1, "a b": 2})
    paths = [p.path for p in info.value.problems]
    assert paths == ["$['a b']", "$.zz"]
    assert converter is not None


def test_from_dict_huge_python_int_is_refused_and_shown_short() -> None:
    with pytest.raises(ValidationError, match="at most 18 digits") as info:
        from_dict(Fee, {"name": "x", "amount": 10**5_000})
    assert len(str(info.value)) < 500


def test_lone_surrogates_in_strings_are_refused() -> None:
    with pytest.raises(ValidationError, match="surrogate"):
        from_json(Fee, '{"name": "\\ud800 lệ phí", "amount": 1}')
    with pytest.raises(ValidationError, match="surrogate"):
        Fee(name="\udc80", amount=1)


def test_problem_lists_are_capped_and_counted() -> None:
    doc = '{"name": "x", "amount": 1, "exemptions": [' + ",".join(["1"] * 5_000) + "]}"
    with pytest.raises(ValidationError) as info:
        from_json(Fee, doc)
    error = info.value
    assert len(error.problems) == MAX_PROBLEMS_LISTED
    assert error.omitted == 5_000 - MAX_PROBLEMS_LISTED
    assert str(error).startswith("invalid Fee: 5,000 problems")
    assert str(error).endswith(f"… and {5_000 - MAX_PROBLEMS_LISTED:,} more")
    assert len(str(error)) < 100 * MAX_PROBLEMS_LISTED


@pytest.mark.parametrize("text", [None, 5, ["{}"]])
def test_from_json_non_text_is_a_parse_error(text: object) -> None:
    with pytest.raises(ParseError, match="JSON text"):
        from_json(Fee, text)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# model validators: strings for tuples, digits in codes, the pytz offset trap
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("value", ["trẻ", b"tre", {"trẻ em": 1}, 5])
def test_a_string_or_non_sequence_is_not_split_into_a_tuple(value: object) -> None:
    # Fee(..., exemptions="trẻ") gave ('t', 'r', 'ẻ')
    with pytest.raises(ValidationError) as info:
        Fee(name="Lệ phí", amount=1, exemptions=value)  # type: ignore[arg-type]
    assert info.value.problems[0].path == "exemptions"
    assert Fee(name="Lệ phí", amount=1, exemptions=["trẻ em"]).exemptions == ("trẻ em",)


@pytest.mark.parametrize("code", ["١.٠٠٤٢٢٢", "1.００4222", "1.004222.٠١", "𝟏.004222"])
def test_procedure_codes_take_ascii_digits_only(code: str) -> None:
    with pytest.raises(ValidationError):
        ProcedureCode(code)
    with pytest.raises(ValidationError):
        from_dict(ProcedureCode, code)


class _NaivePytzLike(dt.tzinfo):
    """What ``tzinfo=pytz.timezone("Asia/Ho_Chi_Minh")`` attaches: the LMT offset."""

    zone = "Asia/Ho_Chi_Minh"

    def utcoffset(self, d: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=7, minutes=7)

    def dst(self, d: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, d: dt.datetime | None) -> str:
        return "LMT"


def test_zone_with_the_wrong_offset_is_refused_with_the_fix() -> None:
    received = dt.datetime(2026, 11, 20, 10, tzinfo=_NaivePytzLike())
    with pytest.raises(ZoneOffsetError, match=r"replace\(tzinfo=tthc.VIETNAM\)") as info:
        due_date(received, TimeLimit.working_days(3))
    assert info.value.offset == dt.timedelta(hours=7, minutes=7)
    assert info.value.expected_offset == dt.timedelta(hours=7)
    with pytest.raises(ZoneOffsetError, match="localize"):
        Received(at=received)


def test_real_pytz_zone_attached_naively_is_refused() -> None:
    pytz = pytest.importorskip("pytz")
    zone = pytz.timezone("Asia/Ho_Chi_Minh")
    naive = dt.datetime(2026, 11, 20, 10)
    with pytest.raises(ZoneOffsetError):
        due_date(naive.replace(tzinfo=zone), TimeLimit.working_days(3))
    good = due_date(zone.localize(naive), TimeLimit.working_days(3))
    assert good == due_date(naive.replace(tzinfo=VIETNAM), TimeLimit.working_days(3))


@pytest.mark.parametrize(
    "tz",
    [dt.UTC, dt.timezone(dt.timedelta(hours=7)), dt.timezone(dt.timedelta(hours=-12)), VIETNAM],
)
def test_other_zones_are_legitimate_instants(tz: dt.tzinfo) -> None:
    moment = dt.datetime(2026, 11, 20, 10, tzinfo=VIETNAM).astimezone(tz)
    assert due_date(moment, TimeLimit.working_days(3)) == due_date(
        dt.datetime(2026, 11, 20, 10, tzinfo=VIETNAM), TimeLimit.working_days(3)
    )
    assert Received(at=moment).at == moment


def test_historical_offsets_of_the_zone_are_accepted() -> None:
    # Saigon kept +08:00 until 13 June 1975; the zone's own offset is right
    then = dt.datetime(1970, 1, 1, 12, tzinfo=VIETNAM)
    assert then.utcoffset() == dt.timedelta(hours=8)
    check_zone_offset(then, "at")  # no ZoneOffsetError
    # a dossier cannot hold it (issue 19: the clock counts 2000–2099 only), for that reason
    with pytest.raises(ValidationError) as caught:
        Received(at=then)
    assert not isinstance(caught.value, ZoneOffsetError)
    assert "2000-01-01 to 2099-12-31" in caught.value.problems[0].expected


# --------------------------------------------------------------------------- #
# calendar files and user-built calendars
# --------------------------------------------------------------------------- #

_GOOD_DAY = {
    "date": "2027-03-08",
    "kind": "day_off",
    "reason": "other",
    "vi": "Nghỉ theo quyết định tỉnh",
    "en": "Provincial day off",
    "citation": "QĐ 1/QĐ-UBND (example)",
}


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.json", b"\xff\xfe{", "UTF-8"),
        ("bad.json", '{"days": [', "JSON text"),
        ("bad.toml", "days = [", "TOML text"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "MAX_JSON_DEPTH"),
        ("deep.toml", "a = " + "[" * 100_000 + "]" * 100_000, "TOML"),
        ("long.json", '{"days": [' + "9" * 5_000 + "]}", "MAX_NUMBER_DIGITS"),
        ("long.toml", "a = " + "9" * 5_000, "TOML"),
    ],
)
def test_unreadable_calendar_files_are_a_parse_error_naming_the_file(
    tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    # UnicodeDecodeError, JSONDecodeError, TOMLDecodeError, RecursionError and
    # ValueError escaped from with_file
    path = _write(tmp_path / name, content)
    with pytest.raises(ParseError, match=expected) as info:
        official_calendar().with_file(path)
    assert name in str(info.value)


def test_missing_file_and_directory_are_a_parse_error(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.json", tmp_path, tmp_path / "a\0b.json"):
        with pytest.raises(ParseError, match="calendar file"):
            official_calendar().with_file(path)
    with pytest.raises(ParseError):
        official_calendar().with_file(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"days": [{**_GOOD_DAY, "kind": ["day_off"]}]}, "x.json.days[0].kind"),
        ({"days": [{**_GOOD_DAY, "reason": {"a": 1}}]}, "x.json.days[0].reason"),
        ({"days": [{**_GOOD_DAY, "switch": ["culture_day"]}]}, "x.json.days[0].switch"),
        ({"days": [{**_GOOD_DAY, "note": "x"}]}, "x.json.days[0].note"),
        ({"dayz": []}, "x.json.dayz"),
        (
            {"announcements": [{"valid_from": "2027-01-01", "valid_til": "2027-12-31"}]},
            "x.json.announcements[0].valid_til",
        ),
        ({"days": [[[[1]]]]}, "x.json.days[0]"),
    ],
)
def test_bad_calendar_content_is_a_validation_error_with_its_path(
    tmp_path: Path, data: dict[str, object], path: str
) -> None:
    # unhashable values raised TypeError; unknown keys were silently ignored
    file = _write(tmp_path / "x.json", json.dumps(data))
    with pytest.raises(ValidationError) as info:
        official_calendar().with_file(file)
    assert path in [p.path for p in info.value.problems]


def test_toml_calendar_with_unhashable_switch_is_refused(tmp_path: Path) -> None:
    toml = _write(
        tmp_path / "x.toml",
        '[[days]]\ndate = 2027-03-08\nkind = "day_off"\nreason = "other"\nvi = "a"\n'
        'en = "b"\ncitation = "c"\nswitch = ["culture_day"]\n',
    )
    with pytest.raises(ValidationError, match="switch"):
        official_calendar().with_file(toml)


@pytest.mark.parametrize(
    ("valid_from", "valid_until"),
    [(None, dt.date(2027, 12, 31)), (dt.date(2027, 1, 1), None), (None, None)],
)
def test_open_ended_announcement_is_refused_not_asserted(
    valid_from: dt.date | None, valid_until: dt.date | None
) -> None:
    # a user-built calendar with an open-ended announcement raised AssertionError
    rule: Rule[tuple[DayRecord, ...]] = Rule(
        (), valid_from=valid_from, valid_until=valid_until, citation="Thông báo (example)"
    )
    with pytest.raises(ValidationError, match="closed window"):
        WorkingCalendar(announcements=Rules([rule]))
    with pytest.raises(ValidationError, match="closed window"):
        official_calendar().with_announcement(
            [],
            valid_from=valid_from,  # type: ignore[arg-type]
            valid_until=valid_until,  # type: ignore[arg-type]
            citation="Thông báo (example)",
        )


# --------------------------------------------------------------------------- #
# interconnected groups: a type guard at the entry
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "on", ["2026-11-20", None, 20261120, dt.datetime(2026, 11, 20, tzinfo=VIETNAM)]
)
def test_interconnected_group_refuses_a_non_date(on: object) -> None:
    with pytest.raises(ValidationError, match=r"datetime\.date"):
        interconnected_group("birth", on)  # type: ignore[arg-type]


def test_interconnected_group_unknown_or_unhashable_name() -> None:
    with pytest.raises(UnknownCodeError):
        interconnected_group(["birth"], dt.date(2026, 11, 20))  # type: ignore[arg-type]


@pytest.mark.parametrize("received_at", ["2026-11-20T10:00+07:00", dt.date(2026, 11, 20), None])
def test_group_due_dates_refuses_a_non_datetime(received_at: object) -> None:
    # an AttributeError escaped (str has no utcoffset)
    group = interconnected_group("birth", dt.date(2026, 11, 20))
    with pytest.raises(ValidationError, match="received_at"):
        group_due_dates(group, received_at)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="ProcedureGroup"):
        group_due_dates("birth", dt.datetime(2026, 11, 20, tzinfo=VIETNAM))  # type: ignore[arg-type]


def test_a_dash_before_a_date_is_not_a_negative_fee() -> None:
    parsed = parse_fees("Từ 01/01/2020 -31/12/2020: 20.000 đồng")
    assert [fee.amount for fee in parsed.fees] == [20_000]
    with pytest.raises(ParseError, match="negative"):
        parse_quantity("01 bản chính, -01 bản sao")


def test_errors_pickle_with_their_data() -> None:
    # a ValidationError builds its message lazily; it must still cross processes
    import pickle

    errors: list[TthcError] = []
    for call in (
        lambda: from_json(Fee, '{"name": 1, "amount": "x"}'),
        lambda: parse_fees("không rõ"),
        lambda: Received(at=dt.datetime(2026, 11, 20, 10, tzinfo=_NaivePytzLike())),
        lambda: interconnected_group("marriage", dt.date(2026, 11, 20)),
    ):
        with pytest.raises(TthcError) as info:
            call()
        errors.append(info.value)
    for error in errors:
        restored = pickle.loads(pickle.dumps(error))
        assert type(restored) is type(error)
        assert str(restored) == str(error)
        assert restored.__dict__ == error.__dict__


def test_words_in_brackets_between_amount_and_currency_still_read() -> None:
    # the bracket is masked to spaces: a long run the amount pattern must cross once
    parsed = parse_fees("Lệ phí: 50.000 (năm mươi nghìn) đồng/lần")
    assert [fee.amount for fee in parsed.fees] == [50_000]
    assert parse_fees("1" + " (" + "x" * 50_000 + ") đồng").fees[0].amount == 1


def test_calendar_file_text_with_lone_surrogates_is_refused(tmp_path: Path) -> None:
    day = {**_GOOD_DAY, "vi": "Nghỉ \ud800"}
    file = _write(tmp_path / "x.json", json.dumps({"days": [day]}))  # written as \\ud800
    with pytest.raises(ValidationError, match="surrogate") as info:
        official_calendar().with_file(file)
    assert info.value.problems[0].path == "x.json.days[0].vi"


# --------------------------------------------------------------------------- #
# found by tests/fuzz/test_fuzz.py in due_date (fixed with the clock core, issue 9)
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("received_at", "limit"),
    [
        (
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7))),
            TimeLimit.working_days(3),
        ),
        (
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
            TimeLimit.working_days(3),
        ),
        (dt.datetime(2026, 11, 20, 10, tzinfo=VIETNAM), TimeLimit.calendar_days(10**7)),
        (dt.datetime(2026, 11, 20, 10, tzinfo=VIETNAM), TimeLimit.months(10**5)),
    ],
)
def test_due_date_extreme_inputs_are_typed_errors(
    received_at: dt.datetime, limit: TimeLimit
) -> None:
    # OverflowError / ValueError("year 10360 is out of range") escaped
    with pytest.raises(TthcError):
        due_date(received_at, limit)
