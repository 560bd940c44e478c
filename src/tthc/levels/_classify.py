"""Classify an online public service under the regime in force on a date, explaining why."""

from __future__ import annotations

import datetime as dt
import warnings

import attrs

from tthc import _views
from tthc._findings import Finding, Severity
from tthc._labels import Lang
from tthc.errors import RecordNotInForceError, RecordNotInForceWarning, ValidationError
from tthc.levels._criteria import Criterion, CriterionResult, judge
from tthc.levels._facts import OnlineFacts
from tthc.levels._regimes import (
    REGIMES,
    LevelKind,
    OnlineRegime,
    Regime,
    RegimeRules,
    check_date,
    definition_of,
)
from tthc.model import (
    Legacy2011Level,
    OnlineMode,
    PartialReason,
    ProactiveLevel,
    Procedure,
)
from tthc.rules import Rules

__all__ = ["Classification", "classify"]

_ART_16 = "Decree 224/2026/NĐ-CP, Art. 16"


@attrs.frozen
class Classification:
    """The online level of a service on a date, with every criterion and its citation.

    - ``on``, ``regime``, ``regime_citation``: the date judged and the regime
      in force then (a dossier or report is judged under its own date): a
      :class:`Regime` member for the shipped regimes, the
      :class:`OnlineRegime` value for one added by the caller;
      ``definition``: the regime as a value (its criteria, citations, kind);
    - ``mode``: toàn trình / một phần under Decree 42/2022/NĐ-CP or Decree
      224/2026/NĐ-CP; ``None`` under Decree 43/2011/NĐ-CP, and ``None`` when
      nothing can be filed online (not an online public service) or whether
      it can is unknown;
    - ``legacy_level``: level 1–4 under Decree 43/2011/NĐ-CP only (``None``
      under later regimes, and when even level 1 is not met);
    - ``proactive_level``: the claimed level on the proactive scale of Decree
      224/2026/NĐ-CP Art. 16, carried from the facts under that regime only
      (it is a claim, not judged here);
    - ``criteria``: every criterion the regime judges, passed or not;
    - ``findings``: problems the rules make of the outcome (a partial service
      without a published reason…);
    - ``facts``: the facts judged; ``notes``: how to read the answer.

    :attr:`level` is whatever the regime assigns, :attr:`reasons` the failing
    criteria.
    """

    __repr__ = _views.short_repr  # short; the data: attrs.asdict / tthc.serialization
    _repr_html_ = _views.html  # the views live in tthc._display, above this value

    on: dt.date
    regime: Regime | OnlineRegime
    regime_citation: str
    mode: OnlineMode | None
    legacy_level: Legacy2011Level | None
    proactive_level: ProactiveLevel | None
    criteria: tuple[CriterionResult, ...]
    findings: tuple[Finding, ...]
    facts: OnlineFacts
    notes: tuple[str, ...] = ()

    @property
    def definition(self) -> OnlineRegime:
        """The regime applied, as a value (its criteria, citations, kind, findings)."""
        return definition_of(self.regime, self.on)

    @property
    def level(self) -> Legacy2011Level | OnlineMode | None:
        """The level the regime in force assigns: a 2011 level, or a mode after 15/8/2022."""
        if self.definition.kind is LevelKind.CUMULATIVE_LEVELS:
            return self.legacy_level
        return self.mode

    @property
    def reasons(self) -> tuple[CriterionResult, ...]:
        """The criteria that did not pass (failed, or unknown), in order."""
        return tuple(c for c in self.criteria if not c.passed)

    @property
    def unknown(self) -> tuple[CriterionResult, ...]:
        """The criteria that did not pass because a fact is unknown."""
        return tuple(c for c in self.criteria if not c.known)

    @property
    def full_online(self) -> bool:
        """Whether the service is toàn trình (``mode is OnlineMode.FULL``)."""
        return self.mode is OnlineMode.FULL

    @property
    def partial_reason(self) -> PartialReason | None:
        """The published reason for a partial service, from the facts."""
        return self.facts.partial_reason

    def explain(self, lang: Lang = "en") -> str:
        """Describe the outcome: the regime, the level, each criterion with its citation.

        ``lang`` chooses the labels (``"en"`` or ``"vi"``).
        """
        vi = lang == "vi"
        level = self.level
        if level is None:
            shown = "không có mức độ" if vi else "no level"
        elif isinstance(level, OnlineMode):
            shown = level.label("vi" if vi else "en")
        else:
            shown = f"mức độ {int(level)}" if vi else f"level {int(level)}"
        name = self.definition.label("vi" if vi else "en")
        lines = [f"{name} ({self.on.isoformat()}): {shown}"]
        for c in self.criteria:
            mark = "✓" if c.passed else ("?" if not c.known else "✗")
            label = c.criterion.vi if vi else c.criterion.en
            lines.append(f"  {mark} {label}: {c.explanation} [{c.citation}]")
        lines.extend(f"  ! {f.message} [{f.citation}]" for f in self.findings)
        return "\n".join(lines)


def _facts_of(procedure_or_facts: object) -> OnlineFacts:
    if isinstance(procedure_or_facts, OnlineFacts):
        return procedure_or_facts
    if isinstance(procedure_or_facts, Procedure):
        return OnlineFacts.from_procedure(procedure_or_facts)
    raise ValidationError.single(
        "procedure_or_facts",
        procedure_or_facts,
        "a tthc.model.Procedure or a tthc.levels.OnlineFacts",
        what="classify",
    )


def _legacy_level(results: dict[Criterion, CriterionResult]) -> Legacy2011Level | None:
    level: Legacy2011Level | None = None
    for n, result in enumerate(results.values(), start=1):
        if not result.passed or n > len(Legacy2011Level):
            break
        level = Legacy2011Level(n)
    return level


def _mode(results: dict[Criterion, CriterionResult], facts: OnlineFacts) -> OnlineMode | None:
    if all(r.passed for r in results.values()):
        return OnlineMode.FULL
    if facts.online_submission is not True:
        return None  # nothing can be filed online (or that is unknown): no online mode
    return OnlineMode.PARTIAL


def _check_record_window(procedure: object, on: dt.date, strict: bool) -> Finding | None:
    """Warn (or refuse) when a record's own validity does not cover ``on`` (issue 20)."""
    if not isinstance(procedure, Procedure) or procedure.in_force_on(on):
        return None
    code = str(procedure.code)
    if strict:
        raise RecordNotInForceError(code, on, procedure.valid_from, procedure.valid_to)
    window = f"{procedure.valid_from or ''}..{procedure.valid_to or ''}"
    message = (
        f"the record of {code} is valid {window}, not on {on.isoformat()}: it was classified "
        "as published, which may not be the text in force that day"
    )
    warnings.warn(message, RecordNotInForceWarning, stacklevel=3)
    return Finding(
        "record-not-in-force",
        message,
        path="$.valid_from" if procedure.valid_from and on < procedure.valid_from else "$.valid_to",
        severity=Severity.WARNING,
    )


def classify(
    procedure_or_facts: Procedure | OnlineFacts,
    on: dt.date,
    *,
    regimes: RegimeRules = REGIMES,
    strict: bool = False,
) -> Classification:
    """Classify a procedure's online service under the regime in force on ``on``.

    Takes a :class:`~tthc.model.Procedure` (its facts are read with
    :meth:`OnlineFacts.from_procedure`; build the facts yourself to override
    any) or :class:`OnlineFacts`. Neither is modified.

    The regime in force on ``on`` (a rule of ``regimes``: a shipped
    :class:`Regime` or any :class:`OnlineRegime` value) decides:

    - cumulative levels (Decree 43/2011/NĐ-CP, until 14/8/2022): the highest
      level 1–4 whose conditions, and those below, all pass;
    - full or partial (Decree 42/2022/NĐ-CP, 15/8/2022–30/6/2026, and Decree
      224/2026/NĐ-CP, from 1/7/2026): toàn trình only if every criterion
      passes; một phần otherwise, unless nothing can be filed online or that
      is unknown (mode ``None``);
    - then the regime's own finding rules run (under 224/2026, a service that
      is not toàn trình without an accepted reason, Art. 14).

    An unknown fact never passes a criterion. Raises
    :class:`~tthc.errors.NoRuleInForceError` for a date before Decree
    43/2011/NĐ-CP and :class:`~tthc.errors.ValidationError` for bad input.

    A procedure record carries its own validity (``valid_from``/``valid_to``:
    the publishing decision, the one that replaced it). When it does not
    cover ``on``, the record is still classified as published, with a
    :class:`~tthc.errors.RecordNotInForceWarning` and a
    ``record-not-in-force`` finding; ``strict=True`` raises
    :class:`~tthc.errors.RecordNotInForceError` instead (issue 20).

    >>> import datetime as dt
    >>> from tthc.levels import OnlineFacts, classify
    >>> facts = OnlineFacts.full_online(presence_required=True)
    >>> result = classify(facts, on=dt.date(2026, 7, 1))
    >>> result.mode, [c.name for c in result.reasons]
    (<OnlineMode.PARTIAL: 'partial'>, ['no_presence'])
    >>> [f.code for f in result.findings]
    ['partial-without-reason']
    >>> classify(facts, on=dt.date(2022, 8, 14)).level
    <Legacy2011Level.LEVEL_4: 4>
    """
    check_date("on", on)
    if not isinstance(strict, bool):
        raise ValidationError.single("strict", strict, "True or False", what="classify")
    facts = _facts_of(procedure_or_facts)
    record_finding = _check_record_window(procedure_or_facts, on, strict)
    if not isinstance(regimes, Rules):
        raise ValidationError.single(
            "regimes", regimes, "a tthc.rules.Rules[Regime | OnlineRegime]", what="classify"
        )
    rule = regimes.at(on)
    regime = rule.value
    if not isinstance(regime, (Regime, OnlineRegime)):
        raise ValidationError.single(
            "regimes",
            regime,
            "rules whose values are tthc.levels.Regime members or OnlineRegime values",
            what="classify",
        )
    definition = definition_of(regime, on)
    results = {
        entry.criterion: judge(entry.criterion, facts, definition, on)
        for entry in definition.criteria
    }
    findings: list[Finding] = [] if record_finding is None else [record_finding]
    notes: list[str] = list(definition.notes)
    mode: OnlineMode | None = None
    legacy: Legacy2011Level | None = None
    proactive: ProactiveLevel | None = None

    if definition.kind is LevelKind.CUMULATIVE_LEVELS:
        legacy = _legacy_level(results)
    else:
        mode = _mode(results, facts)
        if mode is None:
            notes.append(
                "Nothing can be filed online, so there is no online mode."
                if facts.online_submission is False
                else "Whether the dossier can be filed online is unknown, so no mode is given."
            )
    for finding_rule in definition.findings:
        findings.extend(finding_rule(facts, mode, definition))
    if definition.proactive_scale:
        proactive = facts.proactive_level
    elif facts.proactive_level is not None:
        findings.append(
            Finding(
                "proactive-level-before-regime",
                f"a proactive level ({int(facts.proactive_level)}) is claimed, but the proactive "
                f"scale does not exist under {definition.name_en}",
                path="$.proactive_level",
                citation=_ART_16,
                severity=Severity.WARNING,
            )
        )
    unknown = [r.name for r in results.values() if not r.known]
    if unknown:
        findings.append(
            Finding(
                "unknown-facts",
                "not judged for lack of facts (they count as not passed): " + ", ".join(unknown),
                path="$",
                citation=rule.citation,
                severity=Severity.WARNING,
            )
        )
    return Classification(
        on=on,
        regime=regime,
        regime_citation=rule.citation,
        mode=mode,
        legacy_level=legacy,
        proactive_level=proactive,
        criteria=tuple(results.values()),
        findings=tuple(findings),
        facts=facts,
        notes=tuple(notes),
    )
