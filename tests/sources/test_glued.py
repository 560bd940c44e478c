"""Splitting glued portal tables, on real published cells and on tables built from known cells.

Every string below is copied from ``portal-pages-2026.jsonl.gz`` (the national
portal's pages as scraped by the public project chatbot-tthc/chatbot_tthc,
commit 53229487610b07e0d7127f529b87c333f19aeb1e, see ../shared/realdata/README.md):
the comment before each gives the line of the JSONL file, the procedure code
and the key.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.errors import ParseError, UnknownCodeError
from tthc.model import Channel, TimeLimit
from tthc.sources import read_portal_record
from tthc.sources._glued import (
    document_numbers,
    split_dossier_table,
    split_legal_table,
    split_method_table,
)

# line 2474, 1.001651, cach_thuc_thuc_hien
METHODS_1_001651 = (
    "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến10 NgàyMiễn phíDịch vụ bưu chính10 Ngày"
    "Miễn phíTrực tiếp10 NgàyMiễn phí"
)
# line 975, 1.007664, cach_thuc_thuc_hien: the time cells lost their unit
METHODS_1_007664 = "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1Miễn phíTrực tiếp1Miễn phí"
# line 877, 1.000005, cach_thuc_thuc_hien: a bare time glued to the fee amount
METHODS_1_000005 = (
    "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến120,000 VNĐ(Theo khoản 1 Điều 3 Thông tư số "
    "172/2010/TT-BTC ngày 02/11/2010 của Bộ Tài chính hướng dẫn mức mức thu, chế độ thu, nộp, "
    "quản lý và sử dụng lệ phí trong lĩnh vực hải quan)"
)
# line 2, 1.000232, cach_thuc_thuc_hien: no time stated, channel names inside descriptions
METHODS_1_000232 = (
    "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếpKhông có thông tinKhông có thông tinnộp hồ "
    "sơ trực tiếp tại trụ sở Cục Quản lý xuất nhập cảnh.Dịch vụ bưu chínhKhông có thông tinKhông "
    "có thông tinGửi hồ sơ và nhận kết quả qua đường bưu điện.Trực tuyếnKhông có thông tinKhông "
    "có thông tinTrực tuyến: nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia hoặc Cổng dịch "
    "vụ công Bộ Công an."
)
# line 2, 1.000232, thanh_phan_ho_so
DOSSIER_1_000232 = (
    "--Tên giấy tờMẫu đơn, tờ khaiSố lượngVăn bản đề nghị hủy tài khoản điện tử (NA20).Mau "
    "NA20-BCA.docx1 bản chính"
)
# line 2474, 1.001651, can_cu_phap_ly
LEGAL_1_001651 = (
    "Tên văn bản pháp lýMã văn bản73/2025/TT-NHNNSố 73/2025/TT-NHNNLuật Các tổ chức tín "
    "dụngLuật số 32/2024/QH15"
)
# line 975, 1.007664, can_cu_phap_ly: a law's number in the title glued to its number cell
LEGAL_1_007664 = (
    "Tên văn bản pháp lýMã văn bảnLuật 54/2014/QH1354/2014/QH13Thuế xuất khẩu, thuế nhập "
    "khẩu107/2016/QH13Quy định chi tiết một số điều và biện pháp thi hành Luật thuế xuất khẩu, "
    "thuế nhập khẩu134/2016/NĐ-CP"
)


def test_method_rows_with_units() -> None:
    rows = split_method_table(METHODS_1_001651)
    assert rows is not None
    assert [(r.channel, r.time, r.fee) for r in rows] == [
        ("Trực tuyến", "10 Ngày", "Miễn phí"),
        ("Dịch vụ bưu chính", "10 Ngày", "Miễn phí"),
        ("Trực tiếp", "10 Ngày", "Miễn phí"),
    ]


def test_a_bare_number_is_not_given_a_unit() -> None:
    result = read_portal_record(
        {"ma_thu_tuc": "1.007664", "ten_thu_tuc": "x", "cach_thuc_thuc_hien": METHODS_1_007664}
    )
    assert result.procedure is not None
    assert [m.channel for m in result.procedure.methods] == [Channel.ONLINE, Channel.IN_PERSON]
    assert all(m.time_limits == () for m in result.procedure.methods)
    lost = [f for f in result.findings if f.code == "time-unit-lost"]
    assert len(lost) == 2
    assert "'1'" in lost[0].message


def test_a_time_glued_to_a_fee_is_kept_whole() -> None:
    [row] = split_method_table(METHODS_1_000005) or ()
    assert (row.time, row.fee, row.glued) == (None, None, "120,000 VNĐ")
    result = read_portal_record(
        {"ma_thu_tuc": "1.000005", "ten_thu_tuc": "x", "cach_thuc_thuc_hien": METHODS_1_000005}
    )
    assert result.procedure is not None
    [method] = result.procedure.methods
    assert method.fees == ()
    assert method.time_limits == ()
    assert method.description is not None
    assert "120,000 VNĐ" in method.description
    assert [f.code for f in result.findings] == ["time-and-fee-glued"]


def test_channel_names_inside_descriptions_do_not_start_rows() -> None:
    rows = split_method_table(METHODS_1_000232)
    assert rows is not None
    assert [r.channel for r in rows] == ["Trực tiếp", "Dịch vụ bưu chính", "Trực tuyến"]
    assert rows[2].description == (
        "Trực tuyến: nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia hoặc Cổng dịch vụ công "
        "Bộ Công an."
    )
    assert all(r.time is None and r.fee is None for r in rows)


def test_dossier_row_with_form_file() -> None:
    [case] = split_dossier_table(DOSSIER_1_000232) or ()
    assert case.name is None
    [row] = case.components
    assert (row.name, row.form, row.quantity) == (
        "Văn bản đề nghị hủy tài khoản điện tử (NA20).",
        "Mau NA20-BCA.docx",
        "1 bản chính",
    )


def test_legal_rows() -> None:
    # A title that is itself the number, then "Số <number>": the reader keeps it once.
    result = read_portal_record(
        {"ma_thu_tuc": "1.001651", "ten_thu_tuc": "x", "can_cu_phap_ly": LEGAL_1_001651}
    )
    assert result.procedure is not None
    assert [r.number for r in result.procedure.legal_basis] == ["73/2025/TT-NHNN", "32/2024/QH15"]
    rows = split_legal_table(LEGAL_1_007664) or ()
    assert [r.number for r in rows] == ["54/2014/QH13", "107/2016/QH13", "134/2016/NĐ-CP"]
    assert rows[0].title == "Luật 54/2014/QH13"


def test_whole_record_from_glued_cells() -> None:
    result = read_portal_record(
        {
            "ma_thu_tuc": "1.001651",
            "ten_thu_tuc": "x",
            "cap_thuc_hien": "Cấp bộ, Cấp tỉnh",  # line 2474
            "loai_thu_tuc": "TTHC không được luật giao cho địa phương quy định",  # line 1406
            "cach_thuc_thuc_hien": METHODS_1_001651,
            "thanh_phan_ho_so": DOSSIER_1_000232,
            "can_cu_phap_ly": LEGAL_1_001651,
        }
    )
    p = result.procedure
    assert p is not None
    assert p.time_limit(Channel.POSTAL) == TimeLimit.calendar_days(10)
    assert [ref.number for ref in p.legal_basis] == ["73/2025/TT-NHNN", "32/2024/QH15"]
    assert p.dossier_cases[0].components[0].originals == 1
    assert p.procedure_type is None
    assert not [f for f in result.findings if f.severity.value == "error"]
    [kept] = [f for f in result.findings if f.code == "procedure-type-as-published"]
    assert "TTHC không được luật giao cho địa phương quy định" in kept.message


# -- tables built from known cells split back into those cells ---------------------------

# Cells as the portal writes them (values seen in portal-pages-2026.jsonl.gz).
_CHANNELS = st.sampled_from(["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"])
_TIMES = st.builds(
    lambda n, unit: f"{n} {unit}",
    st.integers(1, 90),
    st.sampled_from(["Ngày làm việc", "Ngày", "Giờ", "Tháng"]),
)
_FEES = st.one_of(
    st.sampled_from(["Miễn phí"]),
    st.builds(
        lambda n, cur: f"{n:,} {cur}",
        st.integers(1, 10**7),
        st.sampled_from(["Việt Nam Đồng", "VNĐ"]),
    ),
)
# Descriptions published on the portal (line 535, 1.010093; line 2, 1.000232; line 2230, 2.000769).
_DESCRIPTIONS = st.sampled_from(
    [
        None,
        "Trong thời hạn 02 ngày làm việc kể từ ngày nhận hồ sơ đầy đủ, hợp lệ.",
        "Gửi hồ sơ và nhận kết quả qua đường bưu điện.",
        "Trực tuyến: nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia hoặc Cổng dịch vụ công "
        "Bộ Công an.",
        "(Theo quy định tại Thông tư liên tịch số 72/2011/TTLT-BTC-BGTVT ngày 27/5/2011)",
    ]
)


@given(st.lists(st.tuples(_CHANNELS, _TIMES, _FEES, _DESCRIPTIONS), min_size=1, max_size=6))
def test_glued_method_table_splits_back(rows: list[tuple[str, str, str, str | None]]) -> None:
    text = "Hình thức nộpThời gianPhí, lệ phíMô tả" + "".join(
        f"{c}{t}{f}{d or ''}" for c, t, f, d in rows
    )
    split = split_method_table(text)
    assert split is not None
    assert [(r.channel, r.time, r.fee, r.description) for r in split] == rows


# Dossier rows published on the portal (lines 2428, 2474, 2230; codes 1.000823, 1.001651, 2.000769).
_NAMES = st.sampled_from(
    [
        "Quy chế quản lý, kiểm soát nội bộ đối với nguồn thu, chi ngoại tệ do người đại diện "
        "theo pháp luật của doanh nghiệp ký;",
        "Nghị quyết của Đại hội thành viên về việc tạm ngừng giao dịch;",
        "03 ảnh màu kích thước 2x3 cm chụp không quá 06 tháng",
        "b) Phương án huy động các nguồn vốn thực hiện chương trình tín dụng chính sách của Nhà "
        "nước, trong đó có nguồn vốn phát hành trái phiếu;",
    ]
)
_FORMS = st.sampled_from([None, "Mus08.docx", "Phụ lục VIII.docx", "Mau NA20-BCA.docx"])
_QUANTITIES = st.sampled_from(["1 bản chính", "0 bản chính,1 bản sao", "2 bản chính", "1 bản sao"])


@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "Trường hợp đăng ký doanh nghiệp xã hội:"]),
            st.lists(st.tuples(_NAMES, _FORMS, _QUANTITIES), min_size=1, max_size=5),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_glued_dossier_table_splits_back(
    cases: list[tuple[str | None, list[tuple[str, str | None, str]]]],
) -> None:
    text = "".join(
        (name or "--")
        + "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
        + "".join(f"{n}{f or ''}{q}" for n, f, q in rows)
        for name, rows in cases
    )
    split = split_dossier_table(text)
    assert split is not None
    assert [(c.name, [(r.name, r.form, r.quantity) for r in c.components]) for c in split] == [
        (name, rows) for name, rows in cases
    ]


# Legal-basis rows published on the portal (lines 2, 975, 2428, 2474).
_LEGAL_ROWS = st.sampled_from(
    [
        (
            "Quy định mẫu giấy tờ liên quan đến việc nhập cảnh, xuất cảnh, cư trú của người nước "
            "ngoài tại Việt Nam",
            "04/2015/TT-BCA",
        ),
        ("Luật 51/2019/QH14", "51/2019/QH14"),
        ("Thông tư 57/2020/TT-BCA", "57/2020/TT-BCA"),
        ("Thuế xuất khẩu, thuế nhập khẩu", "107/2016/QH13"),
        (
            "Nghị quyết số 24/2026/NQ-CP ngày 29/4/2026 của Chính phủ cắt giảm, phân cấp, đơn giản "
            "hóa thủ tục hành chính.",
            "24/2026/NQ-CP",
        ),
        ("Nghị định 121/2021/NĐ-CP", "121/2021/NĐ-CP"),
    ]
)


@given(st.lists(_LEGAL_ROWS, min_size=1, max_size=6))
def test_glued_legal_table_splits_back(rows: list[tuple[str, str]]) -> None:
    text = "Tên văn bản pháp lýMã văn bản" + "".join(t + n for t, n in rows)
    split = split_legal_table(text)
    assert split is not None
    assert [(r.title, r.number) for r in split] == rows


def test_document_numbers_glued_to_words() -> None:
    # line 1, 1.000178, can_cu_phap_ly
    text = (
        "Hướng dẫn xử lý khiếu nại, kiến nghị, phản ánh; giải quyết khiếu nại và quản lý công tác "
        "giải quyết khiếu nại trong công an nhân dân68/2013/TT-BCALuật Khiếu nại  năm "
        "201102/2011/QH13"
    )
    # "năm 201102/2011/QH13": the year's digits run into the serial; it is not split by guessing.
    assert [n for _, _, n in document_numbers(text)] == ["68/2013/TT-BCA"]


def test_only_expected_errors_become_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    record = {"ma_thu_tuc": "1.001651", "ten_thu_tuc": "x", "cach_thuc_thuc_hien": METHODS_1_001651}

    def bug(text: str) -> None:
        raise RuntimeError("a bug in tthc")

    monkeypatch.setattr("tthc.sources._read_methods.parse_time_limit", bug)
    with pytest.raises(RuntimeError, match="a bug in tthc"):
        read_portal_record(record)

    def refuses(text: str) -> None:
        raise ParseError(text, "a time limit")

    monkeypatch.setattr("tthc.sources._read_methods.parse_time_limit", refuses)
    result = read_portal_record(record)
    assert [f.code for f in result.findings].count("unreadable-time-limit") == 3


def test_results_and_their_codes() -> None:
    # line 1, 1.000178, ket_qua_xu_ly
    record = {
        "ma_thu_tuc": "1.000178",
        "ten_thu_tuc": "x",
        "ket_qua_xu_ly": "Quyết định giải quyết khiếu nại lần 1, lần 2Mã: KQ.G01.00262Từ khóa"
        "Không có thông tinMô tảKhông có thông tin",
    }
    result = read_portal_record(record)
    assert result.procedure is not None
    assert result.procedure.results == ("Quyết định giải quyết khiếu nại lần 1, lần 2",)
    assert result.findings == ()


def test_a_number_cell_that_is_not_a_number_takes_the_titles() -> None:
    # line 1551, 3.000137, can_cu_phap_ly: the number cell lost its type ("46/2020")
    cell = "Tên văn bản pháp lýMã văn bảnNghị định số 46/2020/NĐ-CP46/2020"
    result = read_portal_record(
        {"ma_thu_tuc": "3.000137", "ten_thu_tuc": "x", "can_cu_phap_ly": cell}
    )
    assert result.procedure is not None
    assert [r.number for r in result.procedure.legal_basis] == ["46/2020/NĐ-CP"]
    # line 286, 3.000368: "31/2025/TT_BCA" in the number cell, "31/2025/TT-BCA" in the title
    cell = (
        "Tên văn bản pháp lýMã văn bảnThông tư số 31/2025/TT-BCA ngày 21/4/2025 của Bộ trưởng Bộ "
        "Công an quy định thẻ, giấy phép, chứng nhận an ninh hàng không31/2025/TT_BCAVề an ninh "
        "hàng không92/2015/NĐ-CPLuật 61/2014/QH1361/2014/QH13"
    )
    result = read_portal_record(
        {"ma_thu_tuc": "3.000368", "ten_thu_tuc": "x", "can_cu_phap_ly": cell}
    )
    assert result.procedure is not None
    assert [r.number for r in result.procedure.legal_basis] == [
        "31/2025/TT-BCA",
        "92/2015/NĐ-CP",
        "61/2014/QH13",
    ]
    assert [f.code for f in result.findings] == ["legal-number-from-title"]


def test_channels_named_in_text_get_the_procedure_level_limit() -> None:
    # The shape of a ministry portal's page as its scraper writes it (keys of
    # chatbot-tthc/chatbot_tthc's Bộ Công an scraper: cach_thuc_thuc_hien as text,
    # thoi_han_giai_quyet and phi for the whole procedure); the values are those of
    # record 1.003197 in tests/sources/data/portal_records.json.
    record = {
        "ma_thu_tuc": "1.003197",
        "ten_thu_tuc": "Xóa đăng ký thường trú",
        "cach_thuc_thuc_hien": "Trực tuyến",
        "thoi_han_giai_quyet": "5 Ngày làm việc",
        "phi": "Không có thông tin",
    }
    result = read_portal_record(record)
    assert result.procedure is not None
    [method] = result.procedure.methods
    assert method.channel is Channel.ONLINE
    assert method.time_limits == (TimeLimit.working_days(5),)
    assert [f.code for f in result.findings] == ["fees-not-stated", "procedure-level-time-limit"]
    del record["cach_thuc_thuc_hien"]
    result = read_portal_record(record)
    assert [f.code for f in result.findings] == ["procedure-level-value-unused"]


def test_rows_without_their_header_row() -> None:
    # line 2428, 1.000823, cach_thuc_thuc_hien without "Hình thức nộpThời gianPhí, lệ phíMô tả"
    rows = split_method_table(
        "Dịch vụ bưu chính22 Ngày làm việcMiễn phíTrực tiếp22 Ngày làm việcMiễn phí"
    )
    assert rows is not None
    assert [(r.channel, r.time) for r in rows] == [
        ("Dịch vụ bưu chính", "22 Ngày làm việc"),
        ("Trực tiếp", "22 Ngày làm việc"),
    ]


def test_the_procedure_time_limit_is_the_first_one_stated() -> None:
    # line 522, 1.008118, cach_thuc_thuc_hien: the postal row lost its unit, in person did not
    cell = (
        "Hình thức nộpThời gianPhí, lệ phíMô tảDịch vụ bưu chính1Miễn phíTrực tiếp15 Ngày làm việc"
        "Miễn phí"
    )
    result = read_portal_record(
        {"ma_thu_tuc": "1.008118", "ten_thu_tuc": "x", "cach_thuc_thuc_hien": cell}
    )
    p = result.procedure
    assert p is not None
    assert p.time_limit() == TimeLimit.working_days(15)
    assert p.time_limit(Channel.IN_PERSON) == TimeLimit.working_days(15)
    with pytest.raises(UnknownCodeError):
        p.time_limit(Channel.POSTAL)


def test_a_row_under_a_channel_name_the_vocabulary_lacks_is_reported() -> None:
    # line 2428, 1.000823, cach_thuc_thuc_hien, with its second channel name misspelt
    # ("Trưc tiếp") as a stand-in for a channel the vocabulary does not list
    cell = (
        "Hình thức nộpThời gianPhí, lệ phíMô tảDịch vụ bưu chính22 Ngày làm việcMiễn phí"
        "Trưc tiếp22 Ngày làm việcMiễn phí"
    )
    result = read_portal_record(
        {"ma_thu_tuc": "1.000823", "ten_thu_tuc": "x", "cach_thuc_thuc_hien": cell}
    )
    assert result.procedure is not None
    assert [m.channel for m in result.procedure.methods] == [Channel.POSTAL]
    [lost] = [f for f in result.findings if f.code == "row-in-description"]
    assert "Trưc tiếp22 Ngày làm việc" in lost.message
