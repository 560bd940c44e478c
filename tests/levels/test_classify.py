from __future__ import annotations

import datetime as dt

import pytest

from tthc.errors import ValidationError
from tthc.levels import (
    Classification,
    Criterion,
    Legacy2011Level,
    OnlineFacts,
    OnlineMode,
    PartialReason,
    ProactiveLevel,
    Regime,
    classify,
)
from tthc.model import Channel

D43 = dt.date(2022, 8, 14)  # last day of Decree 43/2011
D42 = dt.date(2022, 8, 15)  # first day of Decree 42/2022
D42_LATE = dt.date(2026, 6, 30)  # last day of Decree 42/2022
D224 = dt.date(2026, 7, 1)  # first day of Decree 224/2026


def names(result: Classification) -> list[str]:
    return [c.name for c in result.reasons]


def codes(result: Classification) -> list[str]:
    return [f.code for f in result.findings]


# --------------------------------------------------------------------------- #
# Decree 43/2011: levels 1–4
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("facts", "level"),
    [
        (OnlineFacts(), None),
        (OnlineFacts(published=True), Legacy2011Level.LEVEL_1),
        (OnlineFacts(published=True, forms_downloadable=True), Legacy2011Level.LEVEL_2),
        (
            OnlineFacts(published=True, forms_downloadable=True, online_submission=True),
            Legacy2011Level.LEVEL_3,
        ),
        (
            OnlineFacts(
                published=True,
                forms_downloadable=True,
                online_submission=True,
                fee_applies=True,
                online_payment=True,
            ),
            Legacy2011Level.LEVEL_4,
        ),
        (
            OnlineFacts(
                published=True, forms_downloadable=True, online_submission=True, fee_applies=False
            ),
            Legacy2011Level.LEVEL_4,
        ),
        # cumulative: a level-3 fact without level 2 is not level 3
        (OnlineFacts(published=True, online_submission=True), Legacy2011Level.LEVEL_1),
    ],
)
def test_legacy_levels(facts: OnlineFacts, level: Legacy2011Level | None) -> None:
    result = classify(facts, on=D43)
    assert result.regime is Regime.DECREE_43_2011
    assert result.legacy_level is level
    assert result.level is level
    assert result.mode is None
    assert [c.criterion for c in result.criteria] == [
        Criterion.PUBLISHED,
        Criterion.FORMS_DOWNLOADABLE,
        Criterion.ONLINE_SUBMISSION,
        Criterion.ONLINE_PAYMENT,
    ]
    for c in result.criteria:
        assert c.citation.startswith("Decree 43/2011/NĐ-CP, Art. 3(4), level ")


def test_level_4_allowed_result_in_person_but_toan_trinh_does_not() -> None:
    facts = OnlineFacts.full_online(result_channels=(Channel.IN_PERSON,))
    before = classify(facts, on=D43)
    after = classify(facts, on=D42)
    assert before.legacy_level is Legacy2011Level.LEVEL_4
    assert after.mode is OnlineMode.PARTIAL
    assert names(after) == ["result_online_or_post"]
    assert any("level 4 allowed collecting the result in person" in n for n in before.notes)


# --------------------------------------------------------------------------- #
# Decree 42/2022 (+ Circular 01/2023)
# --------------------------------------------------------------------------- #


def test_full_online_on_both_sides_of_the_2022_boundary() -> None:
    facts = OnlineFacts.full_online()
    before, after = classify(facts, on=D43), classify(facts, on=D42)
    assert before.level is Legacy2011Level.LEVEL_4
    assert before.mode is None
    assert after.level is OnlineMode.FULL
    assert after.legacy_level is None
    assert after.full_online
    assert after.reasons == ()
    assert after.findings == ()
    assert len(after.criteria) == 10


@pytest.mark.parametrize(
    ("override", "failing"),
    [
        ({"published": False}, ["published"]),
        ({"forms_downloadable": False}, ["forms_downloadable"]),
        ({"electronic_dossier": False}, ["electronic_dossier"]),
        ({"fee_applies": True, "online_payment": False}, ["online_payment"]),
        ({"paper_required": True}, ["no_paper"]),
        ({"presence_required": True}, ["no_presence"]),
        ({"on_site_verification": True}, ["no_on_site_verification"]),
        ({"electronic_result": False}, ["electronic_result"]),
        ({"result_channels": (Channel.IN_PERSON,)}, ["result_online_or_post"]),
        ({"result_channels": ()}, ["result_online_or_post"]),
    ],
)
def test_each_criterion_alone_makes_it_partial(
    override: dict[str, object], failing: list[str]
) -> None:
    result = classify(OnlineFacts.full_online(**override), on=dt.date(2024, 1, 1))
    assert result.mode is OnlineMode.PARTIAL
    assert names(result) == failing
    assert all(c.known for c in result.reasons)
    assert "Circular 01/2023/TT-VPCP, toàn trình criterion" in result.reasons[0].citation


def test_postal_result_return_counts() -> None:
    facts = OnlineFacts.full_online(result_channels=(Channel.IN_PERSON, Channel.POSTAL))
    assert classify(facts, on=dt.date(2024, 1, 1)).full_online


def test_payment_where_no_fee_applies_or_fee_unknown_but_online_payment() -> None:
    no_fee = OnlineFacts.full_online(fee_applies=False, online_payment=False)
    assert classify(no_fee, on=D42).full_online
    paid_online = OnlineFacts.full_online(fee_applies=None, online_payment=True)
    assert classify(paid_online, on=D42).full_online
    unknown = OnlineFacts.full_online(fee_applies=True, online_payment=None)
    result = classify(unknown, on=D42)
    assert names(result) == ["online_payment"]
    assert not result.reasons[0].known
    assert "unknown" in result.reasons[0].explanation


def test_nothing_online_has_no_mode() -> None:
    result = classify(OnlineFacts.full_online(online_submission=False), on=D42)
    assert result.mode is None
    assert "online_submission" in names(result)


def test_unknown_online_submission_has_no_mode_and_a_warning() -> None:
    result = classify(OnlineFacts.full_online(online_submission=None), on=D42)
    assert result.mode is None
    assert codes(result) == ["unknown-facts"]
    assert "online_submission" in result.findings[0].message


def test_before_circular_01_2023_the_decree_definition_is_cited() -> None:
    early = classify(OnlineFacts.full_online(presence_required=True), on=D42)
    late = classify(OnlineFacts.full_online(presence_required=True), on=dt.date(2023, 4, 5))
    assert early.mode is late.mode is OnlineMode.PARTIAL
    assert early.reasons[0].citation.startswith("Decree 42/2022/NĐ-CP, Art. 11(1)")
    assert late.reasons[0].citation.startswith("Circular 01/2023/TT-VPCP")
    assert any("Circular 01/2023" in n for n in early.notes)


def test_partial_reason_is_not_required_before_2026() -> None:
    result = classify(OnlineFacts.full_online(presence_required=True), on=D42_LATE)
    assert result.mode is OnlineMode.PARTIAL
    assert codes(result) == []


# --------------------------------------------------------------------------- #
# Decree 224/2026
# --------------------------------------------------------------------------- #


def test_partial_without_reason_is_a_finding_only_from_1_7_2026() -> None:
    facts = OnlineFacts.full_online(on_site_verification=True)
    assert codes(classify(facts, on=D42_LATE)) == []
    after = classify(facts, on=D224)
    assert after.regime is Regime.DECREE_224_2026
    assert after.mode is OnlineMode.PARTIAL
    assert codes(after) == ["partial-without-reason"]
    assert after.findings[0].citation == "Decree 224/2026/NĐ-CP, Art. 14"


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            OnlineFacts.full_online(
                presence_required=True, partial_reason=PartialReason.PRESENCE_REQUIRED
            ),
            [],
        ),
        (
            OnlineFacts.full_online(
                electronic_result=False, partial_reason=PartialReason.TECHNICAL
            ),
            [],
        ),
        (
            OnlineFacts.full_online(
                electronic_result=False, partial_reason=PartialReason.PRESENCE_REQUIRED
            ),
            ["partial-reason-contradicted"],
        ),
        (
            OnlineFacts.full_online(
                paper_required=True, partial_reason=PartialReason.ON_SITE_VERIFICATION
            ),
            ["partial-reason-contradicted"],
        ),
        (
            OnlineFacts.full_online(partial_reason=PartialReason.TECHNICAL),
            ["partial-reason-on-full-service"],
        ),
        (OnlineFacts.full_online(online_submission=False), ["not-online-without-reason"]),
        (
            OnlineFacts.full_online(
                online_submission=False, partial_reason=PartialReason.PRESENCE_REQUIRED
            ),
            ["not-online-despite-reason"],
        ),
    ],
)
def test_decree_224_reasons(facts: OnlineFacts, expected: list[str]) -> None:
    assert codes(classify(facts, on=D224)) == expected


def test_224_citations_name_the_decree_and_the_carried_criteria() -> None:
    result = classify(OnlineFacts.full_online(fee_applies=True, online_payment=False), on=D224)
    (reason,) = result.reasons
    assert reason.citation.startswith("Decree 224/2026/NĐ-CP, Art. 15(1)(đ)")
    assert "Circular 01/2023/TT-VPCP" in reason.citation


def test_proactive_level_is_separate_and_only_from_2026() -> None:
    facts = OnlineFacts.full_online(proactive_level=ProactiveLevel.LEVEL_2)
    after = classify(facts, on=D224)
    assert after.proactive_level is ProactiveLevel.LEVEL_2
    assert after.mode is OnlineMode.FULL
    before = classify(facts, on=D42_LATE)
    assert before.proactive_level is None
    assert codes(before) == ["proactive-level-before-regime"]


# --------------------------------------------------------------------------- #
# Results, inputs
# --------------------------------------------------------------------------- #


def test_explain_mentions_every_criterion_and_citation() -> None:
    result = classify(OnlineFacts.full_online(presence_required=True), on=D224)
    text = result.explain()
    assert text.count("\n") == len(result.criteria) + len(result.findings)
    assert "✗ The applicant need not be present" in text
    assert "Decree 224/2026/NĐ-CP, Art. 14" in text
    assert "Không phải hiện diện" in result.explain("vi")
    assert "level 4" in classify(OnlineFacts.full_online(), on=D43).explain()


def test_criterion_results_have_name_and_str() -> None:
    result = classify(OnlineFacts.full_online(presence_required=None), on=D224)
    (reason,) = result.reasons
    assert reason.name == "no_presence"
    assert str(reason).startswith("unknown: ")
    assert result.unknown == (reason,)


def test_bad_inputs_are_typed_errors() -> None:
    with pytest.raises(ValidationError) as e:
        classify("1.004222", on=D224)  # type: ignore[arg-type]
    assert e.value.problems[0].path == "procedure_or_facts"
    with pytest.raises(ValidationError):
        classify(OnlineFacts(), on="2026-07-01")  # type: ignore[arg-type]


def test_classify_does_not_mutate_facts() -> None:
    facts = OnlineFacts.full_online(paper_required=True)
    before = facts
    classify(facts, on=D224)
    assert facts == before
