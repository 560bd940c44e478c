"""Check a record's claimed online level and tiers against its own facts."""

from __future__ import annotations

import datetime as dt

from tthc._findings import Finding, Severity
from tthc.levels._classify import classify
from tthc.levels._criteria import Criterion, CriterionResult, judge
from tthc.levels._facts import OnlineFacts
from tthc.levels._regimes import (
    REGIME_DEFINITIONS,
    REGIMES,
    LevelKind,
    OnlineRegime,
    RegimeRules,
    definition_of,
    record_date,
)
from tthc.levels._tiers import REASSIGNMENTS, TIERS, Reassignment, check_tiers
from tthc.model import AdministrativeTier, Legacy2011Level, OnlineMode, Procedure
from tthc.rules import Rules

__all__ = ["check_levels"]


def _paths(criterion: Criterion, procedure: Procedure) -> list[str]:
    """Where in the record the fact behind ``criterion`` lives."""
    if criterion in (Criterion.NO_PAPER, Criterion.ELECTRONIC_DOSSIER):
        paper = [
            f"$.dossier_cases[{i}].components[{j}].paper_only"
            for i, case in enumerate(procedure.dossier_cases)
            for j, component in enumerate(case.components)
            if component.paper_only
        ]
        if paper:
            return paper
        return ["$.methods"] if criterion is Criterion.ELECTRONIC_DOSSIER else ["$.dossier_cases"]
    return [
        {
            Criterion.PUBLISHED: "$.code",
            Criterion.FORMS_DOWNLOADABLE: "$.dossier_cases",
            Criterion.ONLINE_SUBMISSION: "$.methods",
            Criterion.ONLINE_PAYMENT: "$.online_service.online_payment",
            Criterion.NO_PRESENCE: "$.requires_presence",
            Criterion.NO_ON_SITE_VERIFICATION: "$.requires_on_site_verification",
            Criterion.ELECTRONIC_RESULT: "$.electronic_result",
            Criterion.RESULT_ONLINE_OR_POST: "$.result_channels",
        }[criterion]
    ]


def _first(kind: LevelKind) -> OnlineRegime:
    """The earliest shipped regime of ``kind`` (to judge claims made in the other scale)."""
    return next(r.value for r in REGIME_DEFINITIONS if r.value.kind is kind)


def _claim_findings(
    procedure: Procedure, facts: OnlineFacts, on: dt.date, regime: OnlineRegime
) -> list[Finding]:
    service = procedure.online_service
    if service is None:
        return []
    findings: list[Finding] = []
    # Judge claims of a mode by the full/partial criteria, whatever the date:
    # under cumulative levels the citations name the first full/partial regime.
    levels = regime.kind is LevelKind.CUMULATIVE_LEVELS
    mode_regime = _first(LevelKind.FULL_OR_PARTIAL) if levels else regime
    criteria = [judge(e.criterion, facts, mode_regime, on) for e in mode_regime.criteria]
    failing = [c for c in criteria if not c.passed]

    if service.mode is not None and levels:
        findings.append(
            Finding(
                "mode-claimed-before-regime",
                f"the record claims a mode ({service.mode.value}) on {on.isoformat()}, when "
                "online services had levels 1–4, not modes",
                path="$.online_service.mode",
                citation=(
                    "Decree 43/2011/NĐ-CP, Art. 3(4); modes from Decree 42/2022/NĐ-CP, Art. 11"
                ),
                severity=Severity.WARNING,
            )
        )
    if service.mode is OnlineMode.FULL:
        findings.extend(_full_claim(procedure, failing))
    elif service.mode is OnlineMode.PARTIAL and not failing:
        findings.append(
            Finding(
                "claimed-partial-but-meets-full",
                "the record claims một phần, but its facts meet every toàn trình criterion",
                path="$.online_service.mode",
                citation=criteria[0].citation,
                severity=Severity.WARNING if regime.full_online_default else Severity.INFO,
            )
        )
    if service.legacy_level is not None:
        findings.extend(_legacy_claim(service.legacy_level, facts, on, regime))
    return findings


def _full_claim(procedure: Procedure, failing: list[CriterionResult]) -> list[Finding]:
    findings: list[Finding] = []
    unknown = [c for c in failing if not c.known]
    for result in failing:
        if not result.known:
            continue
        findings.extend(
            Finding(
                "claimed-full-online-contradicted",
                f"the record claims toàn trình, but {result.explanation} "
                f"(criterion {result.name}: {result.criterion.en})",
                path=path,
                citation=result.citation,
            )
            for path in _paths(result.criterion, procedure)
        )
    if unknown:
        findings.append(
            Finding(
                "claimed-full-online-unconfirmed",
                "the record claims toàn trình, but these criteria cannot be confirmed from its "
                "facts: " + ", ".join(c.name for c in unknown),
                path="$.online_service.mode",
                citation=unknown[0].citation,
                severity=Severity.WARNING,
            )
        )
    return findings


def _legacy_claim(
    claimed: Legacy2011Level, facts: OnlineFacts, on: dt.date, regime: OnlineRegime
) -> list[Finding]:
    levels = regime if regime.kind is LevelKind.CUMULATIVE_LEVELS else None
    scale = levels or _first(LevelKind.CUMULATIVE_LEVELS)
    steps = [judge(e.criterion, facts, scale, on) for e in scale.criteria]
    achieved = 0
    for step in steps:
        if not step.passed:
            break
        achieved += 1
    findings: list[Finding] = []
    if achieved < int(claimed):
        missing = [c for c in steps[: int(claimed)] if not c.passed]
        findings.append(
            Finding(
                "claimed-legacy-level-too-high",
                f"the record claims level {int(claimed)}, but its facts reach "
                + (f"level {achieved}" if achieved else "no level")
                + ": "
                + "; ".join(f"{c.name} ({c.explanation})" for c in missing),
                path="$.online_service.legacy_level",
                citation=missing[0].citation,
            )
        )
    if levels is None:
        findings.append(
            Finding(
                "legacy-level-after-regime",
                f"a Decree 43/2011 level is recorded on {on.isoformat()}, after the levels were "
                "replaced by full/partial modes; it says little about the mode "
                "(see tthc.levels.legacy_to_mode)",
                path="$.online_service.legacy_level",
                citation=(
                    "Decree 42/2022/NĐ-CP, Art. 11 (replacing Decree 43/2011/NĐ-CP, Art. 3(4))"
                ),
                severity=Severity.INFO,
            )
        )
    return findings


def check_levels(
    procedure: Procedure,
    on: dt.date | None = None,
    *,
    regimes: RegimeRules = REGIMES,
    tiers: Rules[AdministrativeTier] = TIERS,
    reassignments: Rules[Reassignment] = REASSIGNMENTS,
) -> tuple[Finding, ...]:
    """Check a record's claimed online level and its tiers, judged on ``on``.

    ``on`` defaults to the record's ``valid_from``. Reports, each with its
    citation and the path of the field at fault:

    - a toàn trình claim that a known fact contradicts (a paper-only
      component, required presence…), one finding per field; a claim whose
      facts are unknown is a warning;
    - a một phần claim whose facts meet every criterion;
    - a 2011 level above what the facts reach, or recorded after 14/8/2022;
    - a mode claimed before 15/8/2022; a proactive level before 1/7/2026;
    - under Decree 224/2026/NĐ-CP, a service that is not toàn trình without an
      accepted reason (and the classifier's other findings);
    - tiers not in force on ``on`` (:func:`check_tiers`).

    >>> import datetime as dt
    >>> from tthc.model import (Procedure, Method, Channel, TimeLimit, DossierCase,
    ...                         DossierComponent, OnlineService, OnlineMode)
    >>> p = Procedure(
    ...     code="1.000894", name="Đăng ký kết hôn",
    ...     methods=[Method(Channel.ONLINE, [TimeLimit.working_days(5)])],
    ...     dossier_cases=[DossierCase([DossierComponent(name="Tờ khai đăng ký kết hôn")])],
    ...     requires_presence=True,
    ...     online_service=OnlineService(mode=OnlineMode.FULL),
    ...     valid_from=dt.date(2026, 7, 1),
    ... )
    >>> for f in check_levels(p):
    ...     print(f.severity.value, f.code, f.path)
    error claimed-full-online-contradicted $.requires_presence
    warning claimed-full-online-unconfirmed $.online_service.mode
    error partial-without-reason $.online_service.partial_reason
    """
    on = record_date(procedure, on, what="check_levels")
    facts = OnlineFacts.from_procedure(procedure)
    result = classify(facts, on=on, regimes=regimes)
    findings = list(_claim_findings(procedure, facts, on, definition_of(result.regime, on)))
    for finding in result.findings:
        path = finding.path
        if path == "$.partial_reason":
            path = "$.online_service.partial_reason"
        elif path == "$.proactive_level":
            path = "$.online_service.proactive_level"
        if finding.code == "unknown-facts":
            continue  # the claim checks above already name what is unknown where it matters
        findings.append(
            Finding(
                finding.code,
                finding.message,
                path=path,
                citation=finding.citation,
                severity=finding.severity,
            )
        )
    findings.extend(check_tiers(procedure, on, tiers=tiers, reassignments=reassignments))
    return tuple(findings)
