from __future__ import annotations

import datetime as dt

import pytest

from tthc.errors import ValidationError
from tthc.levels import OnlineFacts, OnlineMode, PartialReason, ProactiveLevel, classify
from tthc.model import (
    Channel,
    DossierCase,
    DossierComponent,
    Fee,
    Method,
    OnlineService,
    Procedure,
    TimeLimit,
)


def residence(**changes: object) -> Procedure:
    """Đăng ký thường trú (1.004222), as legal.md §5 describes it, plus online facts."""
    fields: dict[str, object] = {
        "code": "1.004222",
        "name": "Đăng ký thường trú",
        "sector": "Đăng ký, quản lý cư trú",
        "methods": [
            Method(
                Channel.IN_PERSON,
                [TimeLimit.working_days(7)],
                fees=[Fee(name="Lệ phí", amount=20_000)],
            ),
            Method(
                Channel.ONLINE,
                [TimeLimit.working_days(7)],
                fees=[Fee(name="Lệ phí", amount=10_000)],
            ),
        ],
        "dossier_cases": [
            DossierCase([DossierComponent(name="Tờ khai thay đổi thông tin cư trú", form="CT01")])
        ],
        "result_channels": [Channel.ONLINE, Channel.IN_PERSON],
        "electronic_result": True,
        "requires_presence": False,
        "requires_on_site_verification": False,
        "online_service": OnlineService(mode=OnlineMode.FULL, online_payment=True),
    }
    fields.update(changes)
    return Procedure(**fields)  # type: ignore[arg-type]


def test_from_procedure_reads_the_record() -> None:
    facts = OnlineFacts.from_procedure(residence())
    assert facts == OnlineFacts.full_online(
        fee_applies=True, result_channels=(Channel.ONLINE, Channel.IN_PERSON)
    )
    assert classify(residence(), on=dt.date(2026, 7, 1)).full_online


def test_from_procedure_paper_only_component() -> None:
    p = residence(
        dossier_cases=[
            DossierCase(
                [
                    DossierComponent(name="Tờ khai", form="CT01"),
                    DossierComponent(name="Giấy tờ chứng minh chỗ ở", paper_only=True),
                ]
            )
        ]
    )
    facts = OnlineFacts.from_procedure(p)
    assert facts.paper_required is True
    assert facts.electronic_dossier is False
    result = classify(p, on=dt.date(2026, 7, 1))
    assert [c.name for c in result.reasons] == ["electronic_dossier", "no_paper"]


def test_from_procedure_unknowns_stay_unknown() -> None:
    p = Procedure(code="1.003197", name="Xóa đăng ký thường trú")
    facts = OnlineFacts.from_procedure(p)
    assert facts.online_submission is None
    assert facts.fee_applies is None
    assert facts.paper_required is None
    assert facts.result_channels is None
    assert facts.online_payment is None
    result = classify(p, on=dt.date(2026, 7, 1))
    assert result.mode is None
    assert all(not c.known for c in result.reasons if c.name != "published")


def test_from_procedure_without_online_method() -> None:
    p = residence(methods=[Method(Channel.IN_PERSON, [TimeLimit.working_days(7)])])
    facts = OnlineFacts.from_procedure(p)
    assert facts.online_submission is False
    assert facts.electronic_dossier is False
    assert facts.fee_applies is False  # the in-person method lists no fee


def test_from_procedure_overrides_and_reasons() -> None:
    p = residence(
        online_service=OnlineService(
            partial_reason=PartialReason.TECHNICAL, proactive_level=ProactiveLevel.LEVEL_1
        )
    )
    facts = OnlineFacts.from_procedure(p, published=False)
    assert facts.published is False
    assert facts.partial_reason is PartialReason.TECHNICAL
    assert facts.proactive_level is ProactiveLevel.LEVEL_1
    assert facts.online_payment is None


def test_from_procedure_does_not_mutate() -> None:
    p = residence()
    copy = residence()
    OnlineFacts.from_procedure(p, electronic_result=False)
    assert p == copy


def test_unknown_override_is_refused_with_the_allowed_names() -> None:
    with pytest.raises(ValidationError) as e:
        OnlineFacts.from_procedure(residence(), online=True)
    assert e.value.problems[0].path == "online"
    assert "online_submission" in e.value.problems[0].expected


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"published": 1}, "published"),
        ({"presence_required": "no"}, "presence_required"),
        ({"result_channels": ["online"]}, "result_channels[0]"),
        ({"result_channels": "online"}, "result_channels"),
        ({"partial_reason": "technical"}, "partial_reason"),
    ],
)
def test_bad_facts_are_refused_with_their_path(kwargs: dict[str, object], path: str) -> None:
    with pytest.raises(ValidationError) as e:
        OnlineFacts(**kwargs)  # type: ignore[arg-type]
    assert e.value.problems[0].path == path


def test_from_procedure_needs_a_procedure() -> None:
    with pytest.raises(ValidationError):
        OnlineFacts.from_procedure(OnlineFacts())  # type: ignore[arg-type]


def test_result_channels_list_becomes_tuple() -> None:
    facts = OnlineFacts(result_channels=[Channel.POSTAL])
    assert facts.result_channels == (Channel.POSTAL,)
