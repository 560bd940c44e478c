"""The portal adapter on real records, on HTML remnants, and on arbitrary input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.model import AdministrativeTier, Channel, FeeKind, ProcedureType, Severity, TimeLimit
from tthc.sources import read_portal_record, read_portal_records

RECORDS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "portal_records.json").read_text("utf-8")
)
BY_CODE = {r["Mã thủ tục"]: r for r in RECORDS}


def test_fixture_records_are_sourced() -> None:
    assert len(RECORDS) >= 5
    assert all(r["_source"].startswith("chatbot-tthc/chatbot_tthc@") for r in RECORDS)


def test_xoa_dang_ky_thuong_tru() -> None:
    result = read_portal_record(BY_CODE["1.003197"])
    p = result.procedure
    assert p is not None
    assert (str(p.code), p.name) == ("1.003197", "Xóa đăng ký thường trú")
    assert p.decision is not None
    assert p.decision.number == "1523/QĐ-BCA-C06"
    assert p.tiers == (AdministrativeTier.COMMUNE,)
    assert p.procedure_type is ProcedureType.ASSIGNED_REGULATION
    assert p.method(Channel.ONLINE).time_limits == (TimeLimit.working_days(5),)
    assert p.method(Channel.ONLINE).fees == ()
    assert len(p.steps) == 4
    assert p.steps[0].startswith("Bước 1")
    [case] = p.dossier_cases
    assert [c.originals for c in case.components] == [1, 1]
    assert case.components[1].form == "1.MuCT01banhnhkmtheoThngts53 (3).doc"
    assert [r.number for r in p.legal_basis][-2:] == ["68/2020/QH14", "57/2021/TT-BCA"]
    assert p.legal_basis[-2].title == "Luật Cư trú 2020"
    assert [a.name for a in p.competent_agencies] == ["Công an cấp Xã"]
    assert p.receiving_address == "Công an cấp xã."
    assert p.related == ()
    assert p.authorised_agencies == ()
    assert len(p.results) == 3
    # the portal's "Không có thông tin" for fees is reported, not read as free
    [finding] = result.findings
    assert (finding.code, finding.severity) == ("fees-not-stated", Severity.INFO)
    assert finding.path == "$['Cách Thức Thực Hiện'][0]['Phí, lệ phí']"


def test_bare_number_time_limit_is_not_given_a_unit() -> None:
    result = read_portal_record(BY_CODE["1.001193"])
    assert result.procedure is not None
    # every row says "1" without a unit: the channels are kept, without a time limit
    assert len(result.procedure.methods) == 3
    assert all(m.time_limits == () for m in result.procedure.methods)
    lost = [f for f in result.findings if f.code == "time-unit-lost"]
    assert [f.path for f in lost] == [
        f"$['Cách Thức Thực Hiện'][{i}]['Thời gian']" for i in range(3)
    ]
    assert all("'1'" in f.message for f in lost)
    [case] = result.procedure.dossier_cases
    assert case.name == "* Giấy tờ phải nộp:"
    assert [c.originals for c in case.components] == [1, 0, 1]


def test_unreadable_decision_and_glued_legal_number_are_reported() -> None:
    khieu_nai = read_portal_record(BY_CODE["1.000178"])
    assert khieu_nai.procedure is not None
    assert khieu_nai.procedure.decision is None
    assert any(
        f.code == "unreadable-decision" and "QĐ/0001-BCA" in f.message for f in khieu_nai.findings
    )
    assert khieu_nai.procedure.tiers == (AdministrativeTier.CENTRAL,)
    method = khieu_nai.procedure.method(Channel.POSTAL)
    assert method.time_limits == (TimeLimit.working_days(60),)
    assert method.description is not None
    assert "không quá 30 ngày" in method.description
    ket_hon = read_portal_record(BY_CODE["1.000894"])
    assert ket_hon.procedure is not None
    numbers = [r.number for r in ket_hon.procedure.legal_basis]
    assert numbers == ["120/2025/NĐ-CP", "60/2014/QH13", "03/2023/TT-BTP"]  # not "7/2025/NQ-CP"
    [glued] = [f for f in ket_hon.findings if f.code == "unreadable-legal-reference"]
    assert glued.path == "$['Căn cứ pháp lý'][1]['Mã văn bản']"


def test_exemption_is_a_zero_fee_with_its_wording() -> None:
    result = read_portal_record(BY_CODE["1.000010"])
    assert result.procedure is not None
    fees = [m.fees for m in result.procedure.methods]
    assert all(len(f) == 1 and f[0].amount == 0 and f[0].kind is FeeKind.CHARGE for f in fees)
    assert {f.code for f in result.findings} == {"fee-assumption"}
    assert all(f.severity is Severity.WARNING and f.citation for f in result.findings)
    quantities = [(c.originals, c.copies) for c in result.procedure.dossier_cases[0].components]
    assert quantities == [(1, 0), (1, 1)]


def test_headings_fold_and_html_is_stripped() -> None:
    record = {
        "MÃ THỦ TỤC": " 1.004222 ",
        "ten thu tuc": "Đăng ký&nbsp;thường trú",
        "Cấp thực hiện": ["Cấp Tỉnh", "Cấp Huyện", "Cơ quan khác"],
        "Cách thức thực hiện": [
            {
                "Hình thức nộp": "Trực tiếp",
                "Thời hạn giải quyết": "07 ngày làm việc<br>kể từ ngày nhận đủ hồ sơ hợp lệ",
                "Phí, lệ phí": "Lệ phí : 20.000 Đồng",
                "Mô tả": "<p>Nộp tại Công an cấp xã</p>",
            },
            {
                "Hình thức nộp": "Trực\u3000tuyến",
                "Thời hạn giải quyết": "07 ngày làm việc",
                "Phí, lệ phí": "Lệ phí : 10.000 Đồng",
            },
        ],
        "Thành phần hồ sơ": {
            "Trường hợp chung": [
                {
                    "Tên giấy tờ": "Tờ khai CT01",
                    "Mẫu đơn, tờ khai": "CT01.doc",
                    "Số lượng": "Bản chính: 1 - Bản sao: 0",
                }
            ]
        },
        "Số lượng hồ sơ": "01 (bộ)",
        "Căn cứ pháp lý": "Luật Cư trú số 68/2020/QH14; Nghị định 62/2021/ND-CP",
        "Thủ tục hành chính liên quan": "1.003197 Xóa đăng ký thường trú",
        "Tình trạng hiệu lực": "Còn hiệu lực",
        "Yêu cầu, điều kiện": "Không",
    }
    before = copy.deepcopy(record)
    result = read_portal_record(record)
    assert record == before  # nothing the caller passed is changed
    assert result.findings == ()
    assert result.fully_read
    p = result.procedure
    assert p is not None
    assert p.name == "Đăng ký thường trú"
    assert str(p.code) == "1.004222"
    assert p.tiers == (
        AdministrativeTier.PROVINCE,
        AdministrativeTier.DISTRICT,
        AdministrativeTier.OTHER,
    )
    assert p.channels == (Channel.IN_PERSON, Channel.ONLINE)
    assert [m.fees[0].amount for m in p.methods] == [20_000, 10_000]
    assert p.methods[0].description == "Nộp tại Công an cấp xã"
    assert p.dossier_cases[0].name == "Trường hợp chung"
    assert p.dossier_cases[0].sets == 1
    assert [r.number for r in p.legal_basis] == ["68/2020/QH14", "62/2021/NĐ-CP"]
    assert [str(c) for c in p.related] == ["1.003197"]
    assert p.conditions == ()


def test_unreadable_fee_is_kept_in_the_description() -> None:
    record = {
        "Mã thủ tục": "1.000001",
        "Tên thủ tục": "Thử",
        "Cách thức thực hiện": [
            {
                "Hình thức nộp": "Trực tiếp",
                "Thời hạn giải quyết": "10 ngày làm việc",
                "Phí, lệ phí": "0,5% giá trị hợp đồng",
                "Mô tả": "Nộp tại Sở",
            }
        ],
    }
    result = read_portal_record(record)
    assert result.procedure is not None
    method = result.procedure.methods[0]
    assert method.fees == ()
    assert method.description == (
        "Nộp tại Sở\nPhí, lệ phí (not read, kept as published): 0,5% giá trị hợp đồng"
    )
    [finding] = result.findings
    assert finding.code == "unreadable-fees"
    assert finding.path == "$['Cách thức thực hiện'][0]['Phí, lệ phí']"


@pytest.mark.parametrize(
    ("record", "code", "path"),
    [
        ("text", "not-a-record", "$"),
        ({}, "missing-code", "$"),
        ({"Mã thủ tục": "1.2.3", "Tên thủ tục": "x"}, "bad-code", "$['Mã thủ tục']"),
        ({"Mã thủ tục": 1.001193, "Tên thủ tục": "x"}, "expected-text", "$['Mã thủ tục']"),
        (
            {"Mã thủ tục": "1.000001", "Tên thủ tục": "x", "Cấp thực hiện": "Cấp Phường"},
            "unknown-tier",
            "$['Cấp thực hiện']",
        ),
        (
            {
                "Mã thủ tục": "1.000001",
                "Tên thủ tục": "x",
                "Cách thức thực hiện": [{"Hình thức nộp": "Fax", "Thời hạn giải quyết": "5 ngày"}],
            },
            "unknown-channel",
            "$['Cách thức thực hiện'][0]['Hình thức nộp']",
        ),
        (
            {
                "Mã thủ tục": "1.000001",
                "Tên thủ tục": "x",
                # a description cell of record 1.000232 (realdata line 2), without its table
                "Cách thức thực hiện": "Gửi hồ sơ và nhận kết quả qua đường bưu điện.",
            },
            "unreadable-methods",
            "$['Cách thức thực hiện']",
        ),
        (
            {"Mã thủ tục": "1.000001", "Tên thủ tục": "x", "Tình trạng hiệu lực": "Hết hiệu lực"},
            "status-without-date",
            "$['Tình trạng hiệu lực']",
        ),
        (
            {"Mã thủ tục": "1.000001", "Tên thủ tục": "x", "It's": 1},
            "unknown-heading",
            "$['It\\'s']",
        ),
    ],
)
def test_findings_have_codes_and_paths(record: Any, code: str, path: str) -> None:
    result = read_portal_record(record)
    assert any(f.code == code and f.path == path for f in result.findings), result.findings


def test_batch_reports_each_record_by_index() -> None:
    records: list[Any] = [*RECORDS, "broken", {"Mã thủ tục": "x"}]
    batch = read_portal_records(records)
    assert len(batch.results) == len(records)
    assert len(batch.procedures) == len(RECORDS)
    assert batch.results[-2].procedure is None
    assert {f.path for f in batch.results[-2].findings} == {f"$[{len(RECORDS)}]"}
    assert all(
        f.path.startswith(f"$[{i}]") for i, r in enumerate(batch.results) for f in r.findings
    )
    # a path points into the record's own keys
    first = next(f for f in batch.findings if f.code == "fees-not-stated")
    assert first.path == "$[0]['Cách Thức Thực Hiện'][0]['Phí, lệ phí']"


@pytest.mark.parametrize("records", ["abc", {"Mã thủ tục": "1.000001"}, 42, None])
def test_batch_refuses_what_is_not_a_list(records: Any) -> None:
    batch = read_portal_records(records)
    assert batch.results == ()
    assert [f.code for f in batch.findings] == ["not-a-list"]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
_headings = st.sampled_from(
    [
        "Mã thủ tục",
        "Tên thủ tục",
        "Cấp thực hiện",
        "Cách thức thực hiện",
        "Thành phần hồ sơ",
        "Căn cứ pháp lý",
        "Số quyết định",
        "Loại thủ tục",
        "Trình tự thực hiện",
        "Kết quả xử lý",
        "Thủ tục hành chính liên quan",
        "Số lượng hồ sơ",
        "Tình trạng hiệu lực",
        "Hình thức nộp",
        "Thời hạn giải quyết",
        "Phí, lệ phí",
        "Tên giấy tờ",
        "Số lượng",
        "Trường hợp",
        "Giấy tờ",
    ]
)
_portalish = st.recursive(
    st.none()
    | st.text(max_size=30)
    | st.sampled_from(["1.000001", "5 ngày làm việc", "Trực tiếp"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(_headings | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_json | _portalish, max_size=4))
def test_batch_never_raises_and_answers_once_per_record(records: list[Any]) -> None:
    before = copy.deepcopy(records)
    batch = read_portal_records(records)
    assert len(batch.results) == len(records)
    assert not [f for f in batch.findings if f.code == "internal-error"], batch.findings
    for i, result in enumerate(batch.results):
        assert result.path == f"$[{i}]"
        assert all(f.path.startswith(result.path) for f in result.findings)
        if result.procedure is None:
            assert result.findings
    assert repr(records) == repr(before)


def test_a_lone_surrogate_is_quoted_escaped_in_findings() -> None:
    """Found by the fuzz suite: a finding quoting outside text must stay a valid Finding."""
    records: list[Any] = ["\ud800", {"Mã thủ tục": "\ud800x", "Tên thủ tục": "Tên"}]
    result = read_portal_records(records)
    first, second = (r.findings for r in result.results)
    assert first[0].code == "not-a-record"
    assert "\\ud800" in first[0].message
    assert second[0].code == "lone-surrogate"


def test_lone_surrogates_inside_a_record_are_replaced_with_a_finding() -> None:
    """Found by the fuzz suite: a surrogate in a legal-basis cell escaped as an error."""
    record = copy.deepcopy(RECORDS[0])
    basis = record["Căn cứ pháp lý"]
    basis[0] = dict.fromkeys(basis[0], "\ud800")
    before = copy.deepcopy(record)
    result = read_portal_records([record]).results[0]
    assert record == before  # the caller's record is not changed
    assert result.procedure is not None
    assert result.findings[0].code == "lone-surrogate"
    assert result.findings[0].path.startswith("$[0]['Căn cứ pháp lý'][0]")
