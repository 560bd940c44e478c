from __future__ import annotations

import datetime as dt

import pytest

from tthc.errors import ValidationError
from tthc.levels import (
    AdministrativeTier,
    Legacy2011Level,
    OnlineMode,
    PartialReason,
    ProactiveLevel,
    check_levels,
)
from tthc.model import (
    Channel,
    DossierCase,
    DossierComponent,
    Method,
    OnlineService,
    Procedure,
    Severity,
    TimeLimit,
)


def record(**changes: object) -> Procedure:
    """A record whose facts meet every toàn trình criterion."""
    fields: dict[str, object] = {
        "code": "1.000894",
        "name": "Đăng ký kết hôn",
        "sector": "Hộ tịch",
        "tiers": [AdministrativeTier.COMMUNE],
        "methods": [Method(Channel.ONLINE, [TimeLimit.working_days(5)])],
        "dossier_cases": [DossierCase([DossierComponent(name="Tờ khai đăng ký kết hôn")])],
        "result_channels": [Channel.ONLINE],
        "electronic_result": True,
        "requires_presence": False,
        "requires_on_site_verification": False,
        "online_service": OnlineService(mode=OnlineMode.FULL),
        "valid_from": dt.date(2026, 7, 1),
    }
    fields.update(changes)
    return Procedure(**fields)  # type: ignore[arg-type]


def codes(findings: tuple[object, ...]) -> list[str]:
    return [f.code for f in findings]  # type: ignore[attr-defined]


def test_consistent_full_record_has_no_findings() -> None:
    assert check_levels(record()) == ()


def test_full_claim_with_paper_only_component() -> None:
    p = record(
        dossier_cases=[
            DossierCase(
                [
                    DossierComponent(name="Tờ khai"),
                    DossierComponent(name="Giấy xác nhận tình trạng hôn nhân", paper_only=True),
                ]
            )
        ]
    )
    findings = check_levels(p)
    contradicted = [f for f in findings if f.code == "claimed-full-online-contradicted"]
    assert [f.path for f in contradicted] == [
        "$.dossier_cases[0].components[1].paper_only",
        "$.dossier_cases[0].components[1].paper_only",
    ]
    assert {f.citation for f in contradicted} == {
        "Decree 224/2026/NĐ-CP, Art. 14; criterion 4 of Circular 01/2023/TT-VPCP carried over "
        "(not confirmed after Decree 42/2022/NĐ-CP was repealed)",
        "Decree 224/2026/NĐ-CP, Art. 14; criterion 6 of Circular 01/2023/TT-VPCP carried over "
        "(not confirmed after Decree 42/2022/NĐ-CP was repealed)",
    }
    assert "partial-without-reason" in codes(findings)


def test_full_claim_with_presence_under_2022_rules() -> None:
    findings = check_levels(record(requires_presence=True), dt.date(2024, 1, 1))
    assert codes(findings) == ["claimed-full-online-contradicted"]
    assert findings[0].path == "$.requires_presence"
    assert findings[0].citation is not None
    assert findings[0].citation.startswith("Circular 01/2023/TT-VPCP, toàn trình criterion 6")


def test_full_claim_with_unknown_facts_is_a_warning() -> None:
    findings = check_levels(record(electronic_result=None), dt.date(2024, 1, 1))
    assert codes(findings) == ["claimed-full-online-unconfirmed"]
    assert findings[0].severity is Severity.WARNING
    assert "electronic_result" in findings[0].message


def test_partial_claim_that_meets_full() -> None:
    p = record(
        online_service=OnlineService(
            mode=OnlineMode.PARTIAL, partial_reason=PartialReason.TECHNICAL
        )
    )
    findings = check_levels(p)
    assert codes(findings) == ["claimed-partial-but-meets-full", "partial-reason-on-full-service"]
    assert findings[0].severity is Severity.WARNING
    assert findings[1].path == "$.online_service.partial_reason"
    info = check_levels(p, dt.date(2024, 1, 1))
    assert codes(info) == ["claimed-partial-but-meets-full"]
    assert info[0].severity is Severity.INFO


def test_mode_claimed_under_2011_rules() -> None:
    findings = check_levels(record(), dt.date(2022, 8, 14))
    assert codes(findings) == ["mode-claimed-before-regime"]
    assert check_levels(record(), dt.date(2022, 8, 15)) == ()


def test_legacy_level_claims() -> None:
    too_high = record(
        methods=[Method(Channel.IN_PERSON, [TimeLimit.working_days(5)])],
        online_service=OnlineService(legacy_level=Legacy2011Level.LEVEL_4),
    )
    findings = check_levels(too_high, dt.date(2020, 1, 1))
    assert codes(findings) == ["claimed-legacy-level-too-high"]
    assert "reach level 2" in findings[0].message
    assert findings[0].citation == "Decree 43/2011/NĐ-CP, Art. 3(4), level 3"
    fine = record(online_service=OnlineService(legacy_level=Legacy2011Level.LEVEL_4))
    assert check_levels(fine, dt.date(2020, 1, 1)) == ()
    later = check_levels(fine, dt.date(2023, 1, 1))
    assert codes(later) == ["legacy-level-after-regime"]
    assert later[0].severity is Severity.INFO


def test_proactive_level_before_2026() -> None:
    p = record(
        online_service=OnlineService(mode=OnlineMode.FULL, proactive_level=ProactiveLevel.LEVEL_3)
    )
    findings = check_levels(p, dt.date(2026, 6, 30))
    assert codes(findings) == ["proactive-level-before-regime"]
    assert findings[0].path == "$.online_service.proactive_level"
    assert check_levels(p, dt.date(2026, 7, 1)) == ()


def test_check_levels_includes_tiers() -> None:
    p = record(tiers=[AdministrativeTier.DISTRICT], valid_from=dt.date(2025, 7, 1))
    assert codes(check_levels(p)) == ["tier-not-in-force"]


def test_check_levels_needs_a_date_and_a_procedure() -> None:
    with pytest.raises(ValidationError):
        check_levels(record(valid_from=None))
    with pytest.raises(ValidationError):
        check_levels("1.000894", dt.date(2026, 7, 1))  # type: ignore[arg-type]


def test_every_finding_is_cited() -> None:
    p = record(
        requires_presence=True,
        tiers=[AdministrativeTier.DISTRICT],
        online_service=OnlineService(
            mode=OnlineMode.FULL,
            legacy_level=Legacy2011Level.LEVEL_4,
            proactive_level=ProactiveLevel.LEVEL_1,
        ),
    )
    for day in (dt.date(2022, 8, 14), dt.date(2024, 1, 1), dt.date(2026, 7, 1)):
        for finding in check_levels(p, day):
            assert finding.citation
