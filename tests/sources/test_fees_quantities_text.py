"""parse_fees, parse_quantity and the text helpers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.errors import ParseError
from tthc.model import FeeKind
from tthc.sources import (
    clean_text,
    fold,
    parse_fees,
    parse_quantity,
    read_vietnamese_number,
    vietnamese_number_words,
)

FAST = settings(max_examples=150, deadline=None)


@pytest.mark.parametrize(
    ("text", "amount", "kind", "assumed"),
    [
        ("20.000 đồng", 20_000, FeeKind.CHARGE, True),
        ("Lệ phí : 20.000 Đồng", 20_000, FeeKind.CHARGE, False),
        ("50.000đ/lần", 50_000, FeeKind.CHARGE, True),
        ("100.000 VNĐ", 100_000, FeeKind.CHARGE, True),
        ("Phí thẩm định: 1.500.000 đồng", 1_500_000, FeeKind.FEE, False),
        ("Lệ phí: 2 triệu đồng", 2_000_000, FeeKind.CHARGE, False),
        ("Miễn lệ phí", 0, FeeKind.CHARGE, False),
        ("Miễn phí", 0, FeeKind.CHARGE, True),
    ],
)
def test_single_fee(text: str, amount: int, kind: FeeKind, assumed: bool) -> None:
    result = parse_fees(text)
    assert [(f.amount, f.kind) for f in result.fees] == [(amount, kind)]
    assert bool(result.assumptions) is assumed
    assert result.free is (amount == 0)


def test_per_unit_is_a_note() -> None:
    assert parse_fees("50.000đ/lần").notes == ("50.000 đồng is per lần",)


def test_several_fees_with_conditions() -> None:
    result = parse_fees("Nộp trực tiếp: 20.000 đồng; nộp trực tuyến: 10.000 đồng")
    assert [(f.amount, f.condition) for f in result.fees] == [
        (20_000, "Nộp trực tiếp"),
        (10_000, "nộp trực tuyến"),
    ]


def test_named_fees_keep_their_name() -> None:
    result = parse_fees("Lệ phí đăng ký thường trú: 20.000 đồng (nộp hồ sơ trực tiếp)")
    fee = result.fees[0]
    assert (fee.name, fee.condition, fee.kind) == (
        "Lệ phí đăng ký thường trú",
        "nộp hồ sơ trực tiếp",
        FeeKind.CHARGE,
    )


@pytest.mark.parametrize("text", ["Không", "Không có", "không thu"])
def test_no_fee(text: str) -> None:
    result = parse_fees(text)
    assert result.fees == ()
    assert result.free


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Không có thông tin",
        "0,5% giá trị tài sản",
        "20,000 đồng",
        "theo quy định của Bộ Tài chính",
        "20.000",
        "1,5 triệu đồng",
    ],
)
def test_fee_refusals(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_fees(text)
    assert info.value.text == text


@FAST
@given(amount=st.integers(0, 10**12), currency=st.sampled_from(["đồng", "Đồng", "đ", "VNĐ", "VND"]))
def test_amount_round_trip(amount: int, currency: str) -> None:
    text = f"Lệ phí: {amount:,} {currency}".replace(",", ".")
    fee = parse_fees(text).fees[0]
    assert (fee.amount, fee.kind) == (amount, FeeKind.CHARGE)


@FAST
@given(st.text(max_size=60))
def test_fees_total(text: str) -> None:
    error: ParseError | None = None
    try:
        parse_fees(text)
    except ParseError as e:
        error = e
    assert error is None or error.text == text


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Bản chính: 1 - Bản sao: 0", (1, 0, 0, None)),
        ("01 bản chính", (1, 0, 0, None)),
        ("01 bản sao có chứng thực", (0, 0, 1, None)),
        ("02 bản sao chứng thực", (0, 0, 2, None)),
        ("Số lượng hồ sơ: 01 (bộ)", (0, 0, 0, 1)),
        ("01 bộ hồ sơ", (0, 0, 0, 1)),
        ("1 bản chính,1 bản sao", (1, 1, 0, None)),
        ("01 (một) bản chính và 02 bản sao", (1, 2, 0, None)),
        ("Bản chính: 1 - Bản sao: 0 - Bản sao có chứng thực: 2", (1, 0, 2, None)),
    ],
)
def test_quantities(text: str, counts: tuple[int, int, int, int | None]) -> None:
    q = parse_quantity(text)
    assert (q.originals, q.copies, q.certified_copies, q.sets) == counts
    assert q.raw == text


@pytest.mark.parametrize(
    "text",
    ["", "abc", "01 bản chính hoặc 01 bản sao", "Bản chính: 1 - Bản chính: 2", "Số lượng hồ sơ: 0"],
)
def test_quantity_refusals(text: str) -> None:
    with pytest.raises(ParseError):
        parse_quantity(text)


@FAST
@given(o=st.integers(0, 99), c=st.integers(0, 99))
def test_quantity_round_trip(o: int, c: int) -> None:
    q = parse_quantity(f"Bản chính: {o} - Bản sao: {c}")
    assert (q.originals, q.copies) == (o, c)


@FAST
@given(st.integers(1, 999))
def test_number_words_round_trip(n: int) -> None:
    assert read_vietnamese_number(vietnamese_number_words(n)) == n


@pytest.mark.parametrize(
    ("words", "n"),
    [
        ("một", 1),
        ("mười", 10),
        ("mười một", 11),
        ("mười bốn", 14),
        ("mười lăm", 15),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("hai mươi bốn", 24),
        ("ba mươi lăm", 35),
        ("bẩy", 7),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("hai trăm lẻ một", 201),
        ("chín trăm chín mươi chín", 999),
    ],
)
def test_number_words(words: str, n: int) -> None:
    assert read_vietnamese_number(words) == n


@pytest.mark.parametrize("words", ["", "không", "mười năm", "hai lăm", "mốt", "một mươi", "trăm"])
def test_number_word_refusals(words: str) -> None:
    with pytest.raises(ParseError):
        read_vietnamese_number(words)


@pytest.mark.parametrize("n", [0, 1000, -1, True])
def test_number_words_range(n: int) -> None:
    with pytest.raises(ValueError, match="1 to 999"):
        vietnamese_number_words(n)


def test_clean_text_and_fold() -> None:
    assert clean_text("<p>Bước 1:&nbsp;Nộp</p><p>Bước 2</p>") == "Bước 1: Nộp\nBước 2"
    assert clean_text("a\u3000\u00a0 b\u200b") == "a b"
    decomposed = "Thu\u0309 tu\u0323c"  # "Thủ tục" with combining marks
    assert clean_text(decomposed) == "Thủ tục"
    assert fold("CÁCH THỨC THỰC HIỆN") == fold("Cách thức thực hiện") == "cach thuc thuc hien"
    assert fold("Đối tượng") == "doi tuong"
