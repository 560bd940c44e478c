"""Scenario tests written from the one-stop rules (Decree 61/2018/NĐ-CP, Decree 118/2025/NĐ-CP)."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import catalogue
from tthc.deadlines import VIETNAM, ExtensionLimitError, OpenStatus, Outcome
from tthc.dossiers import (
    DossierState,
    ItemStatus,
    apply,
    check_submission,
    form_of,
    state_of,
    status,
    timeline,
)
from tthc.errors import IllegalTransitionError
from tthc.model import (
    Agency,
    Channel,
    ComponentForm,
    Dossier,
    DossierCase,
    DossierCode,
    DossierComponent,
    DossierEvent,
    ExtensionGranted,
    IntakeSupplementRequested,
    Method,
    Procedure,
    Received,
    Refused,
    ResultReady,
    Returned,
    Stopped,
    StopReason,
    Submitted,
    SubmittedComponent,
    Supplemented,
    SupplementRequested,
    TimeLimit,
    Transferred,
)


def t(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


PROCEDURE = Procedure(
    code="2.000001",
    name="Thủ tục thử nghiệm",
    methods=[Method(Channel.IN_PERSON, [TimeLimit.working_days(5)])],
    dossier_cases=[
        DossierCase(
            [
                DossierComponent(name="Tờ khai", form="Mẫu 01"),
                DossierComponent(name="Giấy chứng nhận", originals=0, certified_copies=1),
                DossierComponent(name="Bản vẽ", originals=0, copies=2),
                DossierComponent(
                    name="Giấy tờ chứng minh chỗ ở",
                    originals=0,
                    copies=1,
                    waivable_if_in_database=True,
                    database="Cơ sở dữ liệu quốc gia về dân cư",
                ),
                DossierComponent(name="Giấy ủy quyền", required=False, condition="nếu ủy quyền"),
            ]
        )
    ],
)


def dossier(*events: DossierEvent, **kw: object) -> Dossier:
    d = Dossier(procedure=PROCEDURE, channel=Channel.IN_PERSON, **kw)  # type: ignore[arg-type]
    for event in events:
        d = apply(d, event)
    return d


class TestSubmissionCheck:
    def test_complete_dossier(self) -> None:
        d = dossier(
            components=[
                SubmittedComponent("Tờ khai"),
                SubmittedComponent("Giấy chứng nhận", ComponentForm.CERTIFIED_COPY),
                SubmittedComponent("Bản vẽ", ComponentForm.COPY, count=2),
                SubmittedComponent("Giấy tờ chứng minh chỗ ở", ComponentForm.COPY),
            ]
        )
        result = check_submission(d)
        assert result.complete
        assert result.request_text() == ""
        statuses = [i.status for i in result.items]
        assert statuses[-1] is ItemStatus.NOT_NEEDED

    def test_two_missing_and_one_waived_by_database_reuse(self) -> None:
        d = dossier(
            components=[
                SubmittedComponent("tờ khai"),  # names match without case or diacritics
                SubmittedComponent(
                    "Giấy tờ chứng minh chỗ ở", ComponentForm.ELECTRONIC, reused_from_database=True
                ),
            ]
        )
        result = check_submission(d)
        assert not result.complete
        assert [i.component.name for i in result.to_request] == ["Giấy chứng nhận", "Bản vẽ"]
        waived = [i for i in result.items if i.status is ItemStatus.REUSED]
        assert [i.component.name for i in waived] == ["Giấy tờ chứng minh chỗ ở"]
        assert waived[0].citation is not None
        assert "Giấy chứng nhận" in result.request_text()
        assert "Giấy tờ chứng minh chỗ ở" not in result.request_text()

    def test_wrong_form_or_count_is_insufficient(self) -> None:
        d = dossier(
            components=[
                SubmittedComponent("Tờ khai", ComponentForm.COPY),  # an original is required
                SubmittedComponent("Giấy chứng nhận", ComponentForm.COPY),  # needs certification
                SubmittedComponent("Bản vẽ", ComponentForm.COPY, count=1),  # two are required
            ]
        )
        result = check_submission(d, in_database=["Giấy tờ chứng minh chỗ ở"])
        assert [i.status for i in result.items[:3]] == [ItemStatus.INSUFFICIENT] * 3
        assert result.items[3].status is ItemStatus.REUSED

    def test_paper_only_refuses_electronic(self) -> None:
        procedure = Procedure(
            code="2.000002",
            name="x",
            dossier_cases=[DossierCase([DossierComponent(name="Hộ chiếu", paper_only=True)])],
        )
        d = Dossier(
            procedure=procedure,
            channel=Channel.ONLINE,
            components=[SubmittedComponent("Hộ chiếu", ComponentForm.ELECTRONIC)],
        )
        assert check_submission(d).items[0].status is ItemStatus.INSUFFICIENT

    def test_unknown_documents_are_reported_not_dropped(self) -> None:
        d = dossier(components=[SubmittedComponent("Giấy khen")])
        result = check_submission(d)
        assert [c.name for c in result.unmatched] == ["Giấy khen"]
        assert any(f.code == "unknown-component" for f in result.findings)


class TestLifecycle:
    def test_complete_dossier_returned_early(self) -> None:
        # Received Mon 2/3/2026; 5 working days -> due Mon 9/3/2026
        # (Decision 188/1999/QĐ-TTg: Saturday and Sunday off).
        d = dossier(
            Submitted(t(2026, 3, 2, 8, 30), Channel.IN_PERSON),
            Received(t(2026, 3, 2, 9), code=DossierCode("H29.123.45-260302-0001")),
            ResultReady(t(2026, 3, 5, 16)),
            Returned(t(2026, 3, 6, 9), channel=Channel.IN_PERSON),
        )
        now = status(d, t(2026, 3, 20, 9))
        assert now.state is DossierState.RETURNED
        assert now.original_due is not None
        assert now.original_due.last_day == dt.date(2026, 3, 9)
        assert now.outcome is Outcome.TRUOC_HAN
        assert now.open_status is None
        assert d.code is not None
        assert d.code.received_on == dt.date(2026, 3, 2)

    def test_supplement_after_receipt_restarts_the_count(self) -> None:
        # Decree 61/2018/NĐ-CP Art. 19(4): counted again from the complete dossier.
        d = dossier(
            Received(t(2024, 3, 4, 9)),
            SupplementRequested(t(2024, 3, 5, 10), ["Giấy chứng nhận"]),
            Supplemented(t(2024, 3, 8, 10)),
        )
        assert status(d, t(2024, 3, 6, 9)).due is None  # clock stopped
        assert status(d, t(2024, 3, 6, 9)).state is DossierState.SUPPLEMENT_REQUESTED
        due = status(d, t(2024, 3, 8, 11)).due
        assert due is not None
        assert due.last_day == dt.date(2024, 3, 15)  # 5 working days after Fri 8/3
        original = status(d, t(2024, 3, 8, 11)).original_due
        assert original is not None
        assert original.last_day == dt.date(2024, 3, 11)

    def test_extension_granted_once_and_a_second_refused(self) -> None:
        d = dossier(
            Received(t(2026, 3, 2, 9)),
            ExtensionGranted(t(2026, 3, 6, 9), t(2026, 3, 13, 17), reason="cần xác minh thêm"),
        )
        extended = status(d, t(2026, 3, 10, 9)).due
        assert extended is not None
        assert extended.at == t(2026, 3, 13, 17)
        assert status(d, t(2026, 3, 10, 9)).open_status is OpenStatus.TRONG_HAN
        with pytest.raises(ExtensionLimitError):
            apply(d, ExtensionGranted(t(2026, 3, 11, 9), t(2026, 3, 20, 17), reason="lần hai"))
        assert form_of(d.events[1]) == (
            "Mẫu 04 (Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết)"
        )
        assert form_of(d.events[1], on=dt.date(2024, 3, 4)) == (
            "Mẫu 04 (Phiếu xin lỗi và hẹn lại ngày trả kết quả)"
        )

    def test_extension_must_come_a_day_before_expiry(self) -> None:
        d = dossier(Received(t(2026, 3, 2, 9)))  # due Mon 9/3
        with pytest.raises(IllegalTransitionError, match=r"Art\. 19"):
            apply(d, ExtensionGranted(t(2026, 3, 9, 8), t(2026, 3, 13, 17), reason="muộn"))

    def test_late_result(self) -> None:
        d = dossier(Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, 10, 9)))
        assert status(d, t(2026, 3, 10, 10)).outcome is Outcome.QUA_HAN
        # the due day (Mon 9/3) lasts until 24:00 (Civil Code 2015 Art. 148(6); issue 20)
        assert status(d, t(2026, 3, 9, 18)).open_status is OpenStatus.TRONG_HAN
        assert status(d, t(2026, 3, 10, 0) + dt.timedelta(minutes=1)).open_status is (
            OpenStatus.QUA_HAN
        )

    def test_returned_on_the_due_day_is_on_time(self) -> None:
        d = dossier(Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, 9, 16)))
        assert status(d, t(2026, 3, 10, 10)).outcome is Outcome.DUNG_HAN
        evening = dossier(Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, 9, 19)))
        assert status(evening, t(2026, 3, 10, 10)).outcome is Outcome.DUNG_HAN

    def test_refusal_after_appraisal(self) -> None:
        d = dossier(Received(t(2026, 3, 2, 9)), Refused(t(2026, 3, 4, 9), "không đủ điều kiện"))
        assert state_of(d) is DossierState.REFUSED
        with pytest.raises(IllegalTransitionError, match="closed"):
            apply(d, Returned(t(2026, 3, 5, 9)))

    def test_withdrawal_at_the_applicants_request(self) -> None:
        # Decree 118/2025/NĐ-CP Art. 21; Form 05 of Circular 03/2025/TT-VPCP.
        d = dossier(
            Received(t(2026, 3, 2, 9)), Stopped(t(2026, 3, 3, 9), StopReason.APPLICANT_REQUEST)
        )
        now = status(d, t(2026, 3, 20, 9))
        assert now.state is DossierState.STOPPED
        assert now.outcome is None
        assert now.open_status is None
        assert form_of(d.events[-1]) == "Mẫu 05 (Thông báo dừng giải quyết hồ sơ)"

    def test_no_withdrawal_once_a_result_exists(self) -> None:
        d = dossier(Received(t(2026, 3, 2, 9)), ResultReady(t(2026, 3, 3, 9)))
        with pytest.raises(IllegalTransitionError, match=r"Art\. 21"):
            apply(d, Stopped(t(2026, 3, 3, 10), StopReason.APPLICANT_REQUEST))

    def test_intake_guidance_is_given_once_and_fully(self) -> None:
        d = dossier(
            Submitted(t(2026, 3, 2, 8), Channel.IN_PERSON),
            IntakeSupplementRequested(t(2026, 3, 2, 8, 30), ["Giấy chứng nhận", "Bản vẽ"]),
            Submitted(t(2026, 3, 3, 8), Channel.IN_PERSON),
            IntakeSupplementRequested(t(2026, 3, 3, 8, 30), ["Bản vẽ"]),  # still missing: fine
            Submitted(t(2026, 3, 4, 8), Channel.IN_PERSON),
        )
        with pytest.raises(IllegalTransitionError, match=r"Art\. 15"):
            apply(d, IntakeSupplementRequested(t(2026, 3, 4, 8, 30), ["Tờ khai"]))

    def test_nothing_before_receipt_but_filing(self) -> None:
        with pytest.raises(IllegalTransitionError):
            dossier(Returned(t(2026, 3, 2, 9)))

    def test_apply_never_changes_the_dossier_it_was_given(self) -> None:
        d = dossier(Received(t(2026, 3, 2, 9)))
        before = d.events
        apply(d, ResultReady(t(2026, 3, 3, 9)))
        assert d.events == before

    def test_forms_follow_the_numbering_in_force(self) -> None:
        # Circular 01/2018/TT-VPCP Art. 9: process control slip is form 05; Circular
        # 03/2025/TT-VPCP: form 06.
        old = Transferred(t(2024, 3, 4, 9), Agency(name="Sở Tư pháp"))
        new = Transferred(t(2026, 3, 4, 9), Agency(name="Sở Tư pháp"))
        assert form_of(old) == "Mẫu 05 (Phiếu kiểm soát quá trình giải quyết hồ sơ)"
        assert form_of(new) == "Mẫu 06 (Phiếu kiểm soát quá trình giải quyết hồ sơ)"

    def test_the_verification_limit_can_be_chosen(self) -> None:
        # Law on Civil Status 60/2014/QH13 Art. 18(2): up to 5 working days when
        # the conditions must be verified.
        marriage = catalogue.get("1.000894")
        limit = marriage.methods[0].time_limits[1]
        d = Dossier(procedure=marriage, channel=Channel.IN_PERSON, time_limit=limit)
        d = apply(d, Received(t(2026, 3, 2, 9)))
        due = status(d, t(2026, 3, 2, 10)).due
        assert due is not None
        assert due.last_day == dt.date(2026, 3, 9)

    def test_timeline_text_and_html(self) -> None:
        d = dossier(Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, 6, 9)))
        view = timeline(d, t(2026, 3, 20, 9))
        assert "Trước hạn" in str(view)
        assert "<table>" in view._repr_html_()
        assert "Early" in str(timeline(d, t(2026, 3, 20, 9), lang="en"))


def test_bad_arguments_are_typed_errors() -> None:
    from tthc.errors import NaiveDatetimeError, ValidationError

    d = dossier(Received(t(2026, 3, 2, 9)))
    with pytest.raises(NaiveDatetimeError):
        status(d, dt.datetime(2026, 3, 3, 9))
    with pytest.raises(ValidationError):
        check_submission("hồ sơ")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):  # one name, not a collection of names
        check_submission(d, in_database="Giấy tờ chứng minh chỗ ở")


def test_the_once_rule_cited_is_the_one_in_force() -> None:
    old = dossier(Received(t(2024, 3, 4, 9)))
    new = dossier(Received(t(2026, 3, 4, 9)))
    assert check_submission(old).to_request[0].citation == "Decree 61/2018/NĐ-CP, Art. 15(3)"
    assert "Decree 118/2025/NĐ-CP" in (check_submission(new).to_request[0].citation or "")
