"""The portal's API records and the other shapes: structured values taken as they are.

Real records: ../shared/realdata/portal-api-2026/ (502 detail records in
their envelope, 12 more as ``data`` only); tests reading them skip without it.
"""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from tthc.errors import ValidationError
from tthc.model import AdministrativeTier, Channel, FeeKind, TimeLimit
from tthc.sources import read_portal_records

API = Path(__file__).resolve().parents[2] / ".." / "shared" / "realdata" / "portal-api-2026"
needs_api = pytest.mark.skipif(not API.exists(), reason="../shared/realdata is absent")


def _method(**changes: Any) -> dict[str, Any]:
    method: dict[str, Any] = {
        "submissionMethod": "DIRECT",
        "processingTime": 7,
        "processingTimeUnit": "WORKING_DAY",
        "description": "",
        "fees": [],
    }
    method.update(changes)
    return method


def _answer(*methods: dict[str, Any], **data: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "019d2bfd-380b-73df-9a18-5658e09794d3",
        "code": "1.000080",
        "name": "Thủ tục đăng ký nhận cha, mẹ, con",
        "isWard": True,
        "isProvince": True,
        "isMinistry": False,
        "executionMethods": list(methods),
    }
    body.update(data)
    return {"code": "OK", "data": body, "message": "OK"}


def _read(record: dict[str, Any]) -> Any:
    [result] = read_portal_records([record]).results
    return result


def test_structured_values_are_taken_as_they_are() -> None:
    result = _read(
        _answer(
            _method(fees=[{"type": "FEE", "value": 5000, "currencyName": "Việt Nam Đồng"}]),
            _method(submissionMethod="ONLINE", processingTime=2, processingTimeUnit="MONTH"),
        )
    )
    p = result.procedure
    assert p.methods[0].channel is Channel.IN_PERSON
    assert p.methods[0].time_limits == (TimeLimit.working_days(7),)
    assert p.methods[1].time_limits == (TimeLimit.months(2),)
    [fee] = p.methods[0].fees
    assert (fee.amount, fee.kind, fee.currency) == (5000, FeeKind.FEE, "VND")
    assert p.tiers == (AdministrativeTier.PROVINCE, AdministrativeTier.COMMUNE)
    assert result.shape == "api"
    assert p.source_id == "019d2bfd-380b-73df-9a18-5658e09794d3"


def test_a_typed_time_cell_is_taken_as_it_is() -> None:
    # the API's cases give {"qty": 12, "type": "WORKING_DAY"}
    record = {
        "ma_thu_tuc": "1.000080",
        "ten_thu_tuc": "Đăng ký nhận cha, mẹ, con",
        "cach_thuc_thuc_hien": [
            {"hinh_thuc_nop": "Trực tuyến", "thoi_han": {"qty": 12, "type": "WORKING_DAY"}},
            {"hinh_thuc_nop": "Trực tiếp", "thoi_han": 12},
        ],
    }
    result = _read(record)
    online, in_person = result.procedure.methods
    assert online.time_limits == (TimeLimit.working_days(12),)
    # a bare number: the unit is never guessed
    assert in_person.time_limits == ()
    assert "time-unit-lost" in {f.code for f in result.findings}


def test_clock_hours_and_half_days_are_read() -> None:
    # api: 7 methods in HOUR, 118 with halves of working days (7.5, 16.5…)
    result = _read(
        _answer(
            _method(processingTime=24, processingTimeUnit="HOUR"),
            _method(submissionMethod="ONLINE", processingTime=7.5),
        )
    )
    hours, halves = result.procedure.methods
    assert hours.time_limits == (TimeLimit.hours(24),)
    assert halves.time_limits == (TimeLimit.half_working_days(15),)


@pytest.mark.parametrize(("time", "unit"), [(7, "OTHER"), (0, "WORKING_DAY"), (6.25, "DAY")])
def test_other_units_and_zero_times_are_not_stated(time: float, unit: str) -> None:
    result = _read(_answer(_method(processingTime=time, processingTimeUnit=unit)))
    assert result.procedure.methods[0].time_limits == ()
    assert {f.code for f in result.findings} & {
        "time-unit-not-stated",
        "missing-time-limit",
        "unreadable-time-limit",
    }


def test_a_limit_the_text_contradicts_is_reported() -> None:
    # as in 590 real API methods (api line 5, 1.000578: 1 WORKING_DAY, its text says "trong ngày")
    result = _read(_answer(_method(processingTime=10, description="Không quá 15 ngày làm việc")))
    assert result.procedure.methods[0].time_limits == (TimeLimit.working_days(10),)
    [finding] = [f for f in result.findings if f.code == "time-limit-differs-from-text"]
    assert "15 ngày làm việc" in finding.message


def test_a_zero_fee_beside_a_text_is_not_free_and_a_price_is_not_a_fee() -> None:
    # api line 1, 1.000080: value 0 with "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh… quyết định"
    text = (
        "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định."
    )
    result = _read(
        _answer(
            _method(
                fees=[
                    {"type": "SERVICE_FEE", "value": 0, "description": text},
                    {"type": "PRICE_LEVEL", "value": None, "description": "Không quy định"},
                ]
            )
        )
    )
    method = result.procedure.methods[0]
    assert method.fees == ()
    assert method.description is not None
    assert "Hội đồng nhân dân" in method.description
    codes = {f.code for f in result.findings}
    assert {"fee-amount-not-stated", "price-not-a-fee"} <= codes


def test_counts_are_taken_from_the_rows() -> None:
    cases = [
        {
            "name": "",
            "profileComponents": [
                {"profileComponentId": "x", "name": "Tờ khai", "originalQty": 1, "copyQty": 2},
                {"name": "Ảnh", "quantity": 2},
            ],
        }
    ]
    result = _read(_answer(_method(), executionCases=cases))
    first, second = result.procedure.dossier_cases[0].components
    assert (first.originals, first.copies, first.certified_copies) == (1, 2, 0)
    # a bare number does not say originals or copies: not stated
    assert (second.originals, second.copies) == (None, None)
    assert "quantity-kind-lost" in {f.code for f in result.findings}


def test_a_record_without_a_code_is_identified_by_its_source() -> None:
    record = {"ten_thu_tuc": "Cấp phép", "detail_url": "https://dichvucong.gov.vn/p/1"}
    result = _read(record)
    assert result.procedure.code is None
    assert result.procedure.source_id == "https://dichvucong.gov.vn/p/1"
    assert result.procedure.identifier == "https://dichvucong.gov.vn/p/1"
    assert "no-national-code" in {f.code for f in result.findings}
    # a link under a key tthc does not know identifies it as well
    url = "https://thutuc.dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2231"
    result = _read({"Tên thủ tục": "Cấp phép", "nguon": url})
    assert result.procedure.source_id == url


def test_nested_sections_tables_and_unknown_keys() -> None:
    record = {
        "metadata": {"ma_thu_tuc": "1.000894", "ten_thu_tuc": "Đăng ký kết hôn", "tac_gia": "x"},
        "content": {"cap_thuc_hien": "Cấp xã"},
        "tables": [
            [
                ["Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí"],
                ["Trực tiếp", "05 ngày làm việc", "Miễn phí"],
            ],
            [["Tên giấy tờ", "Số lượng"], ["Tờ khai đăng ký kết hôn", "1 bản chính"]],
        ],
    }
    result = _read(record)
    p = result.procedure
    assert p.methods[0].time_limits == (TimeLimit.working_days(5),)
    assert p.dossier_cases[0].components[0].originals == 1
    assert result.shape == "nested"
    [unknown] = [f for f in result.findings if f.code == "unknown-heading"]
    assert unknown.path == "$[0]['metadata']['tac_gia']"


def test_a_user_mapping_adds_keys_and_is_checked() -> None:
    records = [{"maSo": "1.000894", "tieuDe": "Đăng ký kết hôn"}]
    assert not read_portal_records(records).procedures
    batch = read_portal_records(records, mapping={"code": "maSo", "name": ["tieuDe"]})
    assert [str(p.code) for p in batch.procedures] == ["1.000894"]
    with pytest.raises(ValidationError):
        read_portal_records(records, mapping={"no such field": "x"})


def test_the_caller_s_records_are_not_changed() -> None:
    record = _answer(_method(fees=[{"type": "FEE", "value": 5000}]))
    before = copy.deepcopy(record)
    read_portal_records([record])
    assert record == before


@needs_api
def test_every_real_api_record_yields_a_procedure() -> None:
    with gzip.open(API / "opengov-details-2026-07.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    records += [json.loads(p.read_text(encoding="utf-8")) for p in sorted(API.glob("019d*.json"))]
    batch = read_portal_records(records)
    assert len(batch.procedures) == len(records) == 514
    for record, result in zip(records, batch.results, strict=True):
        data = record.get("data", record)
        assert result.procedure is not None
        assert str(result.procedure.code) == data["code"].strip()
        assert len(result.procedure.methods) == len(data["executionMethods"])


def test_an_english_procedure_section() -> None:
    record = {
        "procedure": {
            "code": "1.000894",
            "name": "Đăng ký kết hôn",
            "level": "Cấp xã",
            "documents": [
                {"name": "Tờ khai", "original": 1, "copy": 0},
                "Giấy tờ tùy thân (01 bản sao)",
            ],
            "execution_methods": [{"method": "Trực tiếp", "time": "05 ngày làm việc"}],
            "legal_basis": ["Luật Hộ tịch 60/2014/QH13"],
        }
    }
    p = _read(record).procedure
    assert p.tiers == (AdministrativeTier.COMMUNE,)
    assert p.methods[0].time_limits == (TimeLimit.working_days(5),)
    components = p.dossier_cases[0].components
    assert [(c.name, c.originals, c.copies) for c in components] == [
        ("Tờ khai", 1, 0),
        ("Giấy tờ tùy thân", 0, 1),
    ]
    assert [r.number for r in p.legal_basis] == ["60/2014/QH13"]


def test_a_document_s_text_and_its_tables() -> None:
    # a .docx extraction: metadata, the whole text, tables as {headers, rows}
    record = {
        "metadata": {"file": "tt.docx", "title": "Cấp giấy phép xây dựng"},
        "content": "Tên thủ tụcCấp giấy phép xây dựngMã thủ tục1.009794Cấp thực hiệnCấp tỉnh",
        "tables": [
            {
                "headers": ["Hình thức nộp", "Thời gian", "Phí, lệ phí"],
                "rows": [["Trực tuyến", "20 Ngày làm việc", "Miễn phí"]],
            }
        ],
    }
    result = _read(record)
    assert str(result.procedure.code) == "1.009794"
    assert result.procedure.tiers == (AdministrativeTier.PROVINCE,)
    assert result.procedure.methods[0].time_limits == (TimeLimit.working_days(20),)
    assert "from-page-text" in {f.code for f in result.findings}


@needs_api
def test_every_row_of_the_api_list_yields_a_procedure() -> None:
    with gzip.open(API / "opengov-catalog-2026-07.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    batch = read_portal_records(rows)
    assert len(batch.procedures) == len(rows) == 5670
    first = batch.results[0]
    assert first.shape == "api list"
    assert first.procedure is not None
    assert first.procedure.sector == rows[0]["categories"][0]
    assert [a.name for a in first.procedure.implementing_agencies] == rows[0]["departments"]
    # three codes with a digit too many: identified by the portal's id, reported
    bad = [r for r in batch.results if "bad-code" in {f.code for f in r.findings}]
    assert len(bad) == 3
    assert all(r.procedure is not None and r.procedure.code is None for r in bad)
