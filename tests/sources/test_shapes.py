"""One procedure, rendered in every shape the reader supports, reads back the same.

The shapes are those real records come in (see ../shared/realdata/README.md):
the page's Vietnamese headings, scrapers' snake_case, camelCase, the portal
API's answer (``{code, data, message}`` with integers and enums), and nested
sections (``metadata`` / ``procedure`` / ``detail``), and the same English keys flat.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.model import (
    AdministrativeTier,
    Agency,
    Channel,
    DossierCase,
    DossierComponent,
    Fee,
    FeeKind,
    LegalReference,
    Method,
    Procedure,
    TimeLimit,
    TimeUnit,
)
from tthc.sources import fold, read_portal_records
from tthc.strategies import procedure_codes

_WORDS = ["Đăng", "ký", "thường", "trú", "cấp", "giấy", "phép", "hộ", "tịch", "xây", "dựng"]
_TIER_TEXT = {AdministrativeTier.COMMUNE: "Cấp xã", AdministrativeTier.PROVINCE: "Cấp tỉnh"}
_TIER_FLAG = {AdministrativeTier.COMMUNE: "isWard", AdministrativeTier.PROVINCE: "isProvince"}
_API_CHANNEL = {Channel.IN_PERSON: "DIRECT", Channel.ONLINE: "ONLINE", Channel.POSTAL: "POSTAL"}
_API_UNIT = {TimeUnit.WORKING_DAYS: "WORKING_DAY", TimeUnit.CALENDAR_DAYS: "DAY"}
_UNIT_TEXT = {TimeUnit.WORKING_DAYS: "ngày làm việc", TimeUnit.CALENDAR_DAYS: "ngày"}
_API_FEE = {FeeKind.FEE: "FEE", FeeKind.CHARGE: "SERVICE_FEE"}

names = st.lists(st.sampled_from(_WORDS), min_size=2, max_size=6).map(" ".join)


@st.composite
def procedures(draw: st.DrawFn) -> Procedure:
    channels = draw(st.lists(st.sampled_from(list(Channel)), min_size=1, max_size=3, unique=True))
    methods = []
    for channel in channels:
        unit = draw(st.sampled_from(list(_API_UNIT)))
        limit = TimeLimit(draw(st.integers(1, 90)), unit)
        kind = draw(st.sampled_from(list(FeeKind)))
        amount = draw(st.integers(1, 500)) * 1000
        fees = [Fee(name=kind.vi, amount=amount, kind=kind)] if draw(st.booleans()) else []
        methods.append(Method(channel, [limit], fees=fees))
    components = [
        DossierComponent(
            name=draw(names), originals=draw(st.integers(0, 3)), copies=draw(st.integers(0, 3))
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    serials = draw(st.lists(st.integers(1, 300), min_size=1, max_size=3, unique=True))
    return Procedure(
        code=draw(procedure_codes(with_suffix=False)),
        name=draw(names),
        tiers=sorted(  # in the tiers' order, as the API's flags give them
            draw(st.lists(st.sampled_from(list(_TIER_TEXT)), min_size=1, unique=True)),
            key=list(AdministrativeTier).index,
        ),
        sector=draw(names),
        methods=methods,
        dossier_cases=[DossierCase(components)],
        implementing_agencies=[
            Agency(name=n) for n in draw(st.lists(names, min_size=1, max_size=2, unique_by=fold))
        ],
        legal_basis=[LegalReference(f"{n}/2020/NĐ-CP") for n in serials],
    )


def _tiers(p: Procedure) -> str:
    order = list(AdministrativeTier)
    return ", ".join(_TIER_TEXT[t] for t in sorted(p.tiers, key=order.index))


def _fee_text(m: Method) -> str:
    return "; ".join(f"{f.kind.vi}: {f.amount:,} đồng".replace(",", ".") for f in m.fees)


def _count(c: DossierComponent) -> str:
    return f"Bản chính: {c.originals} - Bản sao: {c.copies}"


def headings(p: Procedure) -> dict[str, Any]:
    return {
        "Mã thủ tục": str(p.code),
        "Tên thủ tục": p.name,
        "Cấp thực hiện": _tiers(p),
        "Lĩnh vực": p.sector,
        "Cách thức thực hiện": [
            {
                "Hình thức nộp": m.channel.vi,
                "Thời hạn giải quyết": f"{m.time_limit.amount} {_UNIT_TEXT[m.time_limit.unit]}",
                "Phí, lệ phí": _fee_text(m) or "Không",
            }
            for m in p.methods
        ],
        "Thành phần hồ sơ": [
            {"Tên giấy tờ": c.name, "Số lượng": _count(c)} for c in p.dossier_cases[0].components
        ],
        "Căn cứ pháp lý": [{"Mã văn bản": r.number} for r in p.legal_basis],
        "Cơ quan thực hiện": "; ".join(a.name for a in p.implementing_agencies),
    }


def snake_case(p: Procedure) -> dict[str, Any]:
    keys = {
        "Mã thủ tục": "ma_thu_tuc",
        "Tên thủ tục": "ten_thu_tuc",
        "Cấp thực hiện": "cap_thuc_hien",
        "Lĩnh vực": "linh_vuc",
        "Cách thức thực hiện": "cach_thuc_thuc_hien",
        "Thành phần hồ sơ": "thanh_phan_ho_so",
        "Căn cứ pháp lý": "can_cu_phap_ly",
        "Cơ quan thực hiện": "co_quan_thuc_hien",
    }
    return {keys[k]: v for k, v in headings(p).items()}


def camel_case(p: Procedure) -> dict[str, Any]:
    return {
        "procedureCode": str(p.code),
        "procedureName": p.name,
        "implementationLevel": _tiers(p),
        "sector": p.sector,
        "executionMethods": [
            {
                "submissionMethod": m.channel.vi,
                "processingTime": f"{m.time_limit.amount} {_UNIT_TEXT[m.time_limit.unit]}",
                "fees": _fee_text(m) or "Không",
            }
            for m in p.methods
        ],
        "documents": [
            {"documentName": c.name, "quantity": _count(c)} for c in p.dossier_cases[0].components
        ],
        "legalBasis": [{"code": r.number} for r in p.legal_basis],
        "implementingAgencies": [a.name for a in p.implementing_agencies],
    }


def api(p: Procedure) -> dict[str, Any]:
    data = {
        "id": "019d2bfd-380b-73df-9a18-5658e09794d3",
        "code": str(p.code),
        "name": p.name,
        **{flag: tier in p.tiers for tier, flag in _TIER_FLAG.items()},
        "categoriesDetails": [{"id": "x", "name": p.sector, "code": "G15-TP07"}],
        "executionMethods": [
            {
                "submissionMethod": _API_CHANNEL[m.channel],
                "processingTime": m.time_limit.amount,
                "processingTimeUnit": _API_UNIT[m.time_limit.unit],
                "description": "",
                "fees": [
                    {
                        "type": _API_FEE[f.kind],
                        "value": f.amount,
                        "currencyName": "Việt Nam Đồng",
                        "description": "",
                    }
                    for f in m.fees
                ],
            }
            for m in p.methods
        ],
        "executionCases": [
            {
                "name": "",
                "profileComponents": [
                    {"name": c.name, "originalQty": c.originals, "copyQty": c.copies}
                    for c in p.dossier_cases[0].components
                ],
            }
        ],
        "legalBasisesDetails": [{"id": "y", "name": "", "code": r.number} for r in p.legal_basis],
        "departmentsExecuting": [{"id": "z", "name": a.name} for a in p.implementing_agencies],
        "createdAt": 1775659978803,
    }
    return {"code": "OK", "data": data, "message": "OK"}


def nested(p: Procedure) -> dict[str, Any]:
    flat = headings(p)
    return {
        "metadata": {"code": str(p.code), "title": p.name, "level": flat["Cấp thực hiện"]},
        "procedure": {
            "documents": flat["Thành phần hồ sơ"],
            "execution_methods": flat["Cách thức thực hiện"],
        },
        "detail": {
            "sector": p.sector,
            "legal_basis": flat["Căn cứ pháp lý"],
            "implementing_agency": flat["Cơ quan thực hiện"],
        },
    }


def english(p: Procedure) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for section in nested(p).values():
        flat.update(section)
    return flat


SHAPES: dict[str, Callable[[Procedure], dict[str, Any]]] = {
    "english": english,
    "headings": headings,
    "snake_case": snake_case,
    "camelCase": camel_case,
    "api": api,
    "nested": nested,
}


@settings(max_examples=60, deadline=None)
@given(procedures())
def test_every_shape_reads_back_the_same_procedure(procedure: Procedure) -> None:
    batch = read_portal_records([render(procedure) for render in SHAPES.values()])
    for shape, result in zip(SHAPES, batch.results, strict=True):
        assert result.procedure is not None, (shape, result.findings)
        read = attrs.evolve(result.procedure, source_id=None)
        assert read == procedure, shape
        assert result.shape == shape
        # nothing was left unread: only assumptions (the kind of an unnamed fee…)
        assert all(f.severity.value == "info" or "assumption" in f.code for f in result.findings)
