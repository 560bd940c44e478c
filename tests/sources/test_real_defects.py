"""The fee and time-limit defects of issue 17, each on the real string that showed it.

Sources (see ../shared/realdata/README.md): ``pages`` is
portal-pages-2026.jsonl.gz (line, procedure code), ``api`` is
portal-api-2026/opengov-details-2026-07.jsonl.gz (line, code); strings
quoted in issue 17 come from old-portal and list-export records the issue cites.
"""

from __future__ import annotations

import pytest

from tthc.errors import ParseError
from tthc.model import FeeKind, TimeLimit, TimeUnit
from tthc.sources import parse_fees, parse_time_limit

# -- fees ---------------------------------------------------------------------


def test_a_link_label_glued_to_the_currency_is_set_aside() -> None:
    # issue 17, old national portal: "Lệ phí: 200000 ĐồngXem chi tiết"
    result = parse_fees("Lệ phí: 200000 ĐồngXem chi tiết")
    assert [(f.amount, f.kind, f.currency) for f in result.fees] == [
        (200_000, FeeKind.CHARGE, "VND")
    ]
    assert any("Xem chi tiết" in note for note in result.notes)


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "\u2009"])
def test_spaces_group_thousands(space: str) -> None:
    # issue 17: "50 000 đồng" was read as 0 (and so as free of charge)
    result = parse_fees(f"Lệ phí: 50{space}000 đồng")
    assert [f.amount for f in result.fees] == [50_000]
    assert not result.free


def test_a_fee_in_dollars_carries_its_currency() -> None:
    # pages line 6, 1.000771: the fee cell of each channel is "10 USD(/lần)"
    result = parse_fees("10 USD(/lần)")
    assert [(f.amount, f.currency) for f in result.fees] == [(10, "USD")]


def test_several_fees_in_one_cell_keep_their_own_labels() -> None:
    # api line 429, 1.115759: one fee description with five amounts in a list
    text = (
        "Lệ phí cấp giấy chứng nhận: + Cấp mới 100.000 đồng/GCN (chỉ có quyền sử dụng đất); "
        "500.000 đồng/GCN (quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất). + Trích "
        "lục bản đồ địa chính: 20.000 đồng/bản (nếu có). + Lệ phí chứng nhận biến động về đất "
        "đai: 30.000 đồng/GCN. * Mức thu áp dụng khi thực hiện thủ tục hành chính bằng hình "
        "thức dịch vụ công trực tuyến là 0 đồng."
    )
    fees = parse_fees(text).fees
    assert [f.amount for f in fees] == [100_000, 500_000, 20_000, 30_000, 0]
    assert fees[1].condition == "quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"
    assert fees[2].condition is not None
    assert "Trích lục bản đồ địa chính" in fees[2].condition
    assert fees[3].name == "Lệ phí chứng nhận biến động về đất đai"
    assert fees[4].condition is not None
    assert "trực tuyến" in fees[4].condition
    assert not parse_fees(text).free


@pytest.mark.parametrize(
    "text",
    [
        "1/2 triệu đồng",  # never 2,000,000
        "Lệ phí: 1.5 triệu đồng; phí: 20.000 đồng",  # a decimal is not dropped beside another
        "2\u0301000 đồng",  # a combining mark inside a number
        "Lệ phí: ２０.０００ đồng",  # fullwidth digits
        "Lệ phí: ٢٠٠٠٠ đồng",  # Arabic-Indic digits
    ],
)
def test_amounts_that_cannot_be_read_exactly_are_refused(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_fees(text)
    # the message names the clause that was not read
    assert text.split(";")[0].split(": ")[-1][:4] in info.value.expected


def test_free_is_never_true_beside_a_charge() -> None:
    result = parse_fees("Miễn phí; lệ phí 50 000 đồng")
    assert [f.amount for f in result.fees] == [0, 50_000]
    assert not result.free


def test_a_council_named_after_a_number_is_not_an_amount() -> None:
    # "Hội đồng" after a document number is not "đồng" after an amount
    text = "Theo Nghị quyết 12/2020/NQ-HĐND của Hội đồng nhân dân tỉnh: 20.000 đồng"
    assert [f.amount for f in parse_fees(text).fees] == [20_000]


# -- time limits ------------------------------------------------------------------


def test_lettered_stages_add_up() -> None:
    # pages line 451, 1.003956
    text = (
        "a) Thông báo Phương án bảo vệ và khai thác nguồn lợi thủy sản: 02 ngày làm việc kể "
        "từ ngày nhận được hồ sơ đầy đủ; b) Thẩm định hồ sơ và trình Chủ tịch Ủy ban nhân dân "
        "cấp xã xem xét, quyết định: 33 ngày làm việc."
    )
    result = parse_time_limit(text)
    assert result.limits == (TimeLimit.working_days(35),)
    assert any("2 + 33" in note for note in result.notes)


def test_stages_on_lines_add_up() -> None:
    # api line 199, 1.115517
    text = (
        "a) Thời gian thu hồi Giấy chứng nhận đã cấp không quá 12 ngày làm việc.\n"
        "b) Thời gian thực hiện việc cấp Giấy chứng nhận sau thu hồi không quá 10 ngày làm việc."
    )
    assert parse_time_limit(text).limits == (TimeLimit.working_days(22),)


def test_stages_written_as_a_sum_add_up() -> None:
    # issue 17: "1 + 31 + 7 + 5 working days" became alternatives
    for text in (
        "01 + 31 + 07 + 05 ngày làm việc",
        "Bước 1: 01 ngày làm việc; Bước 2: 31 ngày làm việc; Bước 3: 07 ngày làm việc; "
        "Bước 4: 05 ngày làm việc",
    ):
        assert parse_time_limit(text).limits == (TimeLimit.working_days(44),)


def test_a_breakdown_in_brackets_is_not_an_alternative() -> None:
    # pages line 220, 2.001428
    text = "07 ngày làm việc, kể từ ngày nhận đủ hồ sơ (Sở Nội vụ: 03 ngày; UBND cấp xã: 04 ngày)"
    result = parse_time_limit(text)
    assert result.limits == (TimeLimit.working_days(7),)
    assert any("breakdown" in note for note in result.notes)


def test_a_sum_of_months_and_days_is_never_two_cases() -> None:
    # issue 17: "02 tháng và 15 ngày làm việc" became two cases
    with pytest.raises(ParseError) as info:
        parse_time_limit("02 tháng và 15 ngày làm việc")
    assert "sum" in info.value.expected


def test_days_counted_as_working_days() -> None:
    # issue 17: "15 ngày tính theo ngày làm việc" was read as calendar days
    result = parse_time_limit("15 ngày tính theo ngày làm việc")
    assert result.limits == (TimeLimit.working_days(15),)
    assert not result.assumptions


def test_lettered_cases_are_kept() -> None:
    # pages line 476, 1.004498 (shortened)
    text = (
        "a) Đối với trường hợp đề nghị thay đổi tên tổ chức cộng đồng: 05 ngày làm việc kể từ "
        "ngày nhận được hồ sơ đầy đủ; b) Đối với trường hợp đề nghị sửa đổi, bổ sung vị trí, "
        "ranh giới khu vực địa lý được giao: 15 ngày làm việc"
    )
    limits = parse_time_limit(text).limits
    assert [(lim.amount, lim.unit) for lim in limits] == [
        (5, TimeUnit.WORKING_DAYS),
        (15, TimeUnit.WORKING_DAYS),
    ]
    assert limits[1].condition is not None
    assert "vị trí" in limits[1].condition


@pytest.mark.parametrize(
    ("text", "maximum"),
    [
        ("17-20 ngày", TimeLimit.calendar_days(20)),
        ("03 – 15 ngày làm việc", TimeLimit.working_days(15)),
    ],
)
def test_a_range_reads_as_its_maximum_with_an_assumption(text: str, maximum: TimeLimit) -> None:
    # issue 17: ranges were refused
    result = parse_time_limit(text)
    assert result.limits == (maximum,)
    assert any("range" in a and "maximum" in a for a in result.assumptions)


def test_a_payment_period_is_not_a_time_limit() -> None:
    # issue 17: "chi trả đủ 5 tháng" was read as a time limit
    with pytest.raises(ParseError):
        parse_time_limit("Chi trả đủ 5 tháng")
    result = parse_time_limit("10 ngày làm việc; chi trả đủ 5 tháng trợ cấp")
    assert result.limits == (TimeLimit.working_days(10),)


@pytest.mark.parametrize(
    ("text", "ordinary"),
    [
        # issue 17
        ("01 ngày đối với đám tang / 03 ngày làm việc đối với các trường hợp khác", 3),
        # pages line 2198, 1.013274 (its description; the time cell says 5 Ngày làm việc)
        (
            "- 01 ngày đối với đám tang\n- 05 ngày làm việc đối với các trường hợp khác kể từ "
            "khi tiếp nhận hồ sơ",
            5,
        ),
    ],
)
def test_an_exception_does_not_become_the_ordinary_limit(text: str, ordinary: int) -> None:
    limits = parse_time_limit(text).limits
    assert limits[0] == TimeLimit.working_days(ordinary)
    assert limits[1].amount == 1
    assert limits[1].condition == "đối với đám tang"


def test_an_extension_is_added_to_the_ordinary_limit() -> None:
    # api line 122, 1.115364
    text = (
        "- Không quá 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.\nĐối với các xã miền "
        "núi, hải đảo, vùng sâu, vùng xa, vùng có điều kiện kinh tế - xã hội khó khăn, vùng có "
        "điều kiện kinh tế - xã hội đặc biệt khó khăn thì thời gian được tăng thêm 10 ngày làm "
        "việc."
    )
    limits = parse_time_limit(text).limits
    assert limits[0] == TimeLimit.working_days(7)
    assert (limits[1].amount, limits[1].unit) == (17, TimeUnit.WORKING_DAYS)


def test_a_fraction_of_a_day_is_never_truncated() -> None:
    # api line 112, 1.115354: "Không quá 7,5 ngày làm việc": fifteen half working days
    # (issue 20's unit), never 5 or 7 days
    result = parse_time_limit("- Không quá 7,5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.")
    assert result.limits == (TimeLimit.half_working_days(15),)
    # other fractions are refused
    with pytest.raises(ParseError):
        parse_time_limit("Không quá 6,25 ngày làm việc")


# -- counts ---------------------------------------------------------------------


def test_counts_written_in_a_plain_text_dossier_are_read() -> None:
    # issue 17: old-portal dossiers state counts in words ("Bản chính: 1 - Bản sao: 0",
    # "1 bản chính") that were recorded as 0 originals, 0 copies
    from tthc.sources import read_portal_records

    record = {
        "ma_thu_tuc": "1.000001",
        "ten_thu_tuc": "Cấp giấy phép",
        "thanh_phan_ho_so": "- Đơn đề nghị (Mẫu 01): 01 bản chính\n"
        "- Giấy khai sinh, Bản chính: 1 - Bản sao: 0\n- Ảnh 4x6",
    }
    [result] = read_portal_records([record]).results
    assert result.procedure is not None
    components = result.procedure.dossier_cases[0].components
    assert [(c.name, c.originals, c.copies) for c in components] == [
        ("Đơn đề nghị (Mẫu 01)", 1, 0),
        ("Giấy khai sinh", 1, 0),
        ("Ảnh 4x6", None, None),  # not stated: never a guessed 0 or 1
    ]
