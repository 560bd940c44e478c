"""The procedure model: validation, conversions, findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given

from tthc import strategies
from tthc.errors import ParseError, TthcError, UnknownCodeError, ValidationError
from tthc.model import (
    AdministrativeTier,
    Agency,
    Channel,
    DocumentType,
    DossierCase,
    DossierComponent,
    Fee,
    LegalReference,
    Method,
    Procedure,
    ProcedureCode,
    TimeLimit,
    TimeUnit,
    check_procedure,
)


class TestProcedureCode:
    @pytest.mark.parametrize("code", ["1.001193", "2.000986", "3.000722", "1.000894.01"])
    def test_published_codes_are_accepted(self, code: str) -> None:
        assert str(ProcedureCode(code)) == code

    @pytest.mark.parametrize(
        "bad", ["1001193", "1.00119", "1.0011930", "a.001193", "1.001193.1", " 1.001193", ""]
    )
    def test_other_shapes_are_refused(self, bad: str) -> None:
        with pytest.raises(ValidationError) as info:
            ProcedureCode(bad)
        assert info.value.problems[0].value == bad

    def test_service_suffix_points_to_the_procedure(self) -> None:
        code = ProcedureCode("1.000894.01")
        assert code.procedure == ProcedureCode("1.000894")
        assert code.service_suffix == "01"
        assert ProcedureCode("1.000894").service_suffix is None


class TestLegalReference:
    @pytest.mark.parametrize(
        ("text", "number", "kind", "year", "issuer"),
        [
            ("61/2018/NĐ-CP", "61/2018/NĐ-CP", DocumentType.DECREE, 2018, "CP"),
            ("61/2018/ND-CP", "61/2018/NĐ-CP", DocumentType.DECREE, 2018, "CP"),
            ("61/2018/nđ-CP", "61/2018/NĐ-CP", DocumentType.DECREE, 2018, "CP"),
            ("61/2018/ÐN-CP".replace("ÐN", "NÐ"), "61/2018/NĐ-CP", DocumentType.DECREE, 2018, "CP"),
            ("01/2018/TT-VPCP", "01/2018/TT-VPCP", DocumentType.CIRCULAR, 2018, "VPCP"),
            ("68/2020/QH14", "68/2020/QH14", DocumentType.LAW, 2020, "QH14"),
            ("766/QĐ-TTg", "766/QĐ-TTg", DocumentType.DECISION, None, "TTg"),
            ("766/QD-TTg", "766/QĐ-TTg", DocumentType.DECISION, None, "TTg"),
            ("80-NQ/TW", "80-NQ/TW", DocumentType.RESOLUTION, None, "TW"),
            ("9441/TB-BNV", "9441/TB-BNV", DocumentType.NOTICE, None, "BNV"),
            ("12729/VPCP-KGVX", "12729/VPCP-KGVX", DocumentType.OFFICIAL_LETTER, None, "VPCP-KGVX"),
            (
                "05/2015/TTLT-BTP-BCA-BYT",
                "05/2015/TTLT-BTP-BCA-BYT",
                DocumentType.JOINT_CIRCULAR,
                2015,
                "BTP-BCA-BYT",
            ),
            ("89/TTr-LĐTBXH", "89/TTr-LĐTBXH", DocumentType.SUBMISSION, None, "LĐTBXH"),
            ("61 / 2018 / NĐ – CP", "61/2018/NĐ-CP", DocumentType.DECREE, 2018, "CP"),
        ],
    )
    def test_numbers_are_read_and_normalised(
        self, text: str, number: str, kind: DocumentType, year: int | None, issuer: str
    ) -> None:
        ref = LegalReference(text)
        assert (ref.number, ref.doc_type, ref.year, ref.issuer) == (number, kind, year, issuer)

    def test_leading_zeros_are_kept(self) -> None:
        assert LegalReference("01/2023/TT-VPCP").serial == "01"

    @pytest.mark.parametrize("bad", ["Luật Cư trú", "2018/NĐ-CP", "61/2018/XYZ-CP", "", "61"])
    def test_non_numbers_are_refused(self, bad: str) -> None:
        with pytest.raises(ValidationError) as info:
            LegalReference(bad)
        assert info.value.problems[0].path == "number"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Decree 61/2018/NĐ-CP, Art. 19(4)", "61/2018/NĐ-CP, Art. 19(4)"),
            ("khoản 4 Điều 19 Nghị định 61/2018/NĐ-CP", "61/2018/NĐ-CP, Art. 19(4)"),
            ("điểm b khoản 1 Điều 11 Luật Hộ tịch 60/2014/QH13", "60/2014/QH13, Art. 11(1)(b)"),
            ("Nghị định số 118/2025/NĐ-CP ngày 09/6/2025", "118/2025/NĐ-CP"),
        ],
    )
    def test_parse_finds_number_and_provision(self, text: str, expected: str) -> None:
        assert str(LegalReference.parse(text)) == expected

    def test_parse_keeps_the_title(self) -> None:
        ref = LegalReference.parse("Luật Cư trú số 68/2020/QH14")
        assert ref.title == "Luật Cư trú"

    def test_parse_without_number_is_a_parse_error(self) -> None:
        with pytest.raises(ParseError):
            LegalReference.parse("Hiến pháp năm 2013")

    def test_parse_does_not_read_part_of_a_number(self) -> None:
        # A malformed number seen on the portal: not silently read as 7/2025/NQ-CP.
        with pytest.raises(ParseError):
            LegalReference.parse("66.7/2025/NQ-CP")

    @given(strategies.legal_references())
    def test_citations_read_back(self, ref: LegalReference) -> None:
        assert LegalReference(ref.number).number == ref.number  # canonical form is a fixpoint
        parsed = LegalReference.parse(str(ref))
        assert parsed.number == ref.number
        if ref.article is not None:
            assert (parsed.article, parsed.clause, parsed.point) == (
                ref.article,
                ref.clause,
                ref.point,
            )


class TestTimeLimit:
    def test_constructors(self) -> None:
        assert TimeLimit.working_days(7) == TimeLimit(7, TimeUnit.WORKING_DAYS)
        assert TimeLimit.calendar_days(30).unit is TimeUnit.CALENDAR_DAYS
        assert TimeLimit.working_hours(8).unit is TimeUnit.WORKING_HOURS
        assert TimeLimit.months(3).unit is TimeUnit.MONTHS
        assert TimeLimit.same_day().amount == 0

    @pytest.mark.parametrize("bad", [0, -1, 1.5, True, "7"])
    def test_bad_amounts_are_refused(self, bad: Any) -> None:
        with pytest.raises(ValidationError) as info:
            TimeLimit(bad, TimeUnit.WORKING_DAYS)
        assert info.value.problems[0].path == "amount"

    def test_same_day_has_no_amount(self) -> None:
        with pytest.raises(ValidationError):
            TimeLimit(1, TimeUnit.SAME_DAY)

    def test_raw_text_is_provenance_not_meaning(self) -> None:
        a = TimeLimit.working_days(7, raw="07 ngày làm việc")
        assert a == TimeLimit.working_days(7)
        assert hash(a) == hash(TimeLimit.working_days(7))
        assert a.raw == "07 ngày làm việc"

    def test_condition_is_meaning(self) -> None:
        assert TimeLimit.working_days(5, condition="cần xác minh") != TimeLimit.working_days(5)

    def test_a_unit_must_be_a_member(self) -> None:
        with pytest.raises(ValidationError):
            TimeLimit(7, "working_days")  # type: ignore[arg-type]

    def test_cutoff_must_be_a_naive_time(self) -> None:
        with pytest.raises(ValidationError):
            TimeLimit.same_day(cutoff=dt.time(15, tzinfo=dt.UTC))

    def test_labels(self) -> None:
        assert str(TimeLimit.working_days(7)) == "7 ngày làm việc"
        assert TimeLimit.calendar_days(30).label("en") == "30 calendar days"


class TestValueObjects:
    def test_fee_amount_is_whole_dong(self) -> None:
        bad_amounts: tuple[Any, ...] = (1.5, -1, "20000", True)
        for bad in bad_amounts:
            with pytest.raises(ValidationError):
                Fee(name="Lệ phí", amount=bad)

    def test_objects_are_frozen(self) -> None:
        fee = Fee(name="Lệ phí", amount=1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            fee.amount = 2  # type: ignore[misc]

    def test_lists_passed_in_are_copied(self) -> None:
        limits = [TimeLimit.working_days(7)]
        method = Method(Channel.ONLINE, limits)
        limits.append(TimeLimit.working_days(9))
        assert method.time_limits == (TimeLimit.working_days(7),)

    def test_the_first_limit_is_the_ordinary_case(self) -> None:
        with pytest.raises(ValidationError) as info:
            Method(Channel.ONLINE, [TimeLimit.working_days(5, condition="cần xác minh")])
        assert info.value.problems[0].path == "time_limits[0].condition"

    def test_a_method_without_a_time_limit_says_so_when_asked(self) -> None:
        # A portal page can name the channel but lose the time cell's unit (issue 11).
        method = Method(Channel.ONLINE, [])
        with pytest.raises(UnknownCodeError):
            _ = method.time_limit

    def test_bad_item_index_is_reported(self) -> None:
        with pytest.raises(ValidationError) as info:
            DossierCase([DossierComponent(name="Tờ khai"), "Giấy chứng sinh"])
        assert info.value.problems[0].path == "components[1]"

    def test_flags_are_booleans(self) -> None:
        with pytest.raises(ValidationError):
            DossierComponent(name="Tờ khai", required=1)  # type: ignore[arg-type]

    def test_agency_tier(self) -> None:
        assert Agency(name="Công an cấp xã", tier=AdministrativeTier.COMMUNE).tier is not None

    def test_procedure_code_strings_are_converted(self) -> None:
        p = Procedure(code="1.004222", name="Đăng ký thường trú", related=["1.003197"])
        assert p.code == ProcedureCode("1.004222")
        assert p.related == (ProcedureCode("1.003197"),)

    def test_bad_procedure_code_names_the_field(self) -> None:
        with pytest.raises(ValidationError) as info:
            Procedure(code="1004222", name="Đăng ký thường trú")
        assert info.value.problems[0].path == "code"

    def test_bad_decision_names_the_field(self) -> None:
        with pytest.raises(ValidationError) as info:
            Procedure(code="1.004222", name="x", decision="số 5")
        assert info.value.problems[0].path == "decision.number"

    def test_validity_window_is_ordered(self) -> None:
        with pytest.raises(ValidationError):
            Procedure(
                code="1.004222",
                name="x",
                valid_from=dt.date(2025, 7, 1),
                valid_to=dt.date(2025, 6, 30),
            )

    def test_in_force_on(self) -> None:
        p = Procedure(code="2.000986", name="x", valid_to=dt.date(2024, 6, 30))
        assert p.in_force_on(dt.date(2024, 6, 30))
        assert not p.in_force_on(dt.date(2024, 7, 1))

    def test_time_limit_by_channel(self) -> None:
        p = Procedure(
            code="1.004222",
            name="x",
            methods=[
                Method(Channel.IN_PERSON, [TimeLimit.working_days(7)]),
                Method(Channel.ONLINE, [TimeLimit.working_days(5)]),
            ],
        )
        assert p.time_limit() == TimeLimit.working_days(7)
        assert p.time_limit(Channel.ONLINE) == TimeLimit.working_days(5)
        with pytest.raises(KeyError):
            p.time_limit(Channel.POSTAL)
        with pytest.raises(TthcError):
            Procedure(code="1.004222", name="x").time_limit()

    def test_dates_are_not_datetimes(self) -> None:
        with pytest.raises(ValidationError):
            Procedure(code="1.004222", name="x", valid_from=dt.datetime(2025, 7, 1))


@given(strategies.procedures())
def test_generated_procedures_are_valid(procedure: Procedure) -> None:
    # Rebuilding from the fields runs every validator again.
    rebuilt = Procedure(**{f.name: getattr(procedure, f.name) for f in attrs.fields(Procedure)})
    assert rebuilt == procedure


class TestCompleteness:
    def test_complete_record_has_no_findings(self) -> None:
        from tthc import catalogue

        for procedure in catalogue.procedures():
            assert check_procedure(procedure) == ()

    def test_each_missing_component_is_reported_with_its_article(self) -> None:
        p = Procedure(code="1.004222", name="Đăng ký thường trú")
        findings = {f.code: f for f in check_procedure(p)}
        assert findings["missing-time-limit"].citation is not None
        assert findings["missing-time-limit"].citation.endswith("Art. 8(2)(đ)")
        assert findings["missing-steps"].path == "$.steps"

    def test_an_empty_case_does_not_count_as_a_dossier(self) -> None:
        p = Procedure(code="1.004222", name="x", dossier_cases=[DossierCase([])])
        assert "missing-dossier" in {f.code for f in check_procedure(p)}
