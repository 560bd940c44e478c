"""The legal regimes of online public service levels, as values and effective-dated rules.

- Decree 43/2011/NĐ-CP, Art. 3(4): levels 1–4, until 14/8/2022;
- Decree 42/2022/NĐ-CP, Art. 11: toàn trình / một phần, from 15/8/2022 until
  30/6/2026 (repealed by Decree 224/2026/NĐ-CP, Art. 90(2)(b)); its detailed
  criteria are those of Circular 01/2023/TT-VPCP (5/4/2023);
- Decree 224/2026/NĐ-CP, Arts. 14–16: toàn trình by default, một phần only with
  a published reason, and a separate 1–4 scale for proactive services; from
  1/7/2026 (Art. 90(1)).

A regime is an :class:`OnlineRegime` value: its criteria, each with its
citation, the kind of level it assigns, and the findings it makes. Adding a
regime (next year's decree, a province's pilot) is adding a
:class:`~tthc.rules.Rule` whose value is an ``OnlineRegime``, e.g. with
``REGIMES.superseding(rule)``; nothing in tthc needs to change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from tthc._findings import Finding, Severity
from tthc._labels import LabelledEnum
from tthc._tables import CitationRecord, read_table
from tthc._validate import as_tuple, boolean, enum_member, non_empty_str, tuple_of
from tthc.citations import Citation
from tthc.errors import ValidationError
from tthc.levels._criteria import Criterion
from tthc.levels._facts import OnlineFacts
from tthc.messages import Message, has_message
from tthc.model import OnlineMode, PartialReason, Procedure
from tthc.rules import Rule, Rules, read_dated_rules

__all__ = [
    "CIRCULAR_01_2023_ISSUED",
    "REGIMES",
    "REGIME_DEFINITIONS",
    "LevelKind",
    "OnlineRegime",
    "Regime",
    "RegimeCriterion",
    "RegimeRules",
    "definition_of",
    "partial_needs_reason",
    "regime_on",
]


class Regime(LabelledEnum):
    """A legal regime of online public service levels (chế độ mức độ dịch vụ công trực tuyến).

    >>> Regime.DECREE_42_2022.label("en")
    'Decree 42/2022/NĐ-CP: full or partial online (toàn trình / một phần)'
    """

    DECREE_43_2011 = (
        "decree_43_2011",
        "Nghị định 43/2011/NĐ-CP: dịch vụ công trực tuyến mức độ 1–4",
        "Decree 43/2011/NĐ-CP: online service levels 1–4",
    )
    DECREE_42_2022 = (
        "decree_42_2022",
        "Nghị định 42/2022/NĐ-CP: dịch vụ công trực tuyến toàn trình / một phần",
        "Decree 42/2022/NĐ-CP: full or partial online (toàn trình / một phần)",
    )
    DECREE_224_2026 = (
        "decree_224_2026",
        "Nghị định 224/2026/NĐ-CP: toàn trình là mặc định; mức độ dịch vụ công trực tuyến chủ động",
        "Decree 224/2026/NĐ-CP: full online by default; proactive service levels",
    )


class LevelKind(LabelledEnum):
    """What kind of level a regime assigns."""

    CUMULATIVE_LEVELS = (
        "cumulative_levels",
        "Mức độ 1–4 (mỗi mức gồm các mức dưới)",
        "Levels 1–4, each including the ones below",
    )
    FULL_OR_PARTIAL = (
        "full_or_partial",
        "Toàn trình / một phần",
        "Full or partial online (toàn trình / một phần)",
    )


def _criterion(value: Any) -> Any:
    if isinstance(value, str):
        return Criterion.from_value(value)
    return value


def _check_criterion(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Criterion):
        raise ValidationError.single("criterion", value, "a tthc.levels.Criterion")


def _to_citation(value: Any) -> Citation:
    if isinstance(value, Citation):
        return value
    if isinstance(value, str) and value.strip():
        return Citation.from_text(value)
    raise ValidationError.single("citation", value, "a tthc.citations.Citation or its text")


@attrs.frozen
class RegimeCriterion:
    """One criterion a regime judges, with the provision that sets it under that regime."""

    criterion: Criterion = attrs.field(converter=_criterion, validator=_check_criterion)
    citation: Citation = attrs.field(converter=_to_citation)


#: A finding rule: given the facts and the mode reached, the findings the
#: regime makes of them (e.g. a partial service without a published reason).
FindingRule = Callable[[OnlineFacts, "OnlineMode | None", "OnlineRegime"], list[Finding]]


@attrs.frozen
class OnlineRegime:
    """A regime of online service levels, as a value.

    - ``key``: a stable identifier (``"decree_224_2026"``); ``name_vi``,
      ``name_en``: its labels;
    - ``kind``: :attr:`LevelKind.CUMULATIVE_LEVELS` (the highest level whose
      criteria and those below all pass, Decree 43/2011) or
      :attr:`LevelKind.FULL_OR_PARTIAL` (toàn trình when every criterion
      passes);
    - ``criteria``: the criteria judged, in order (for cumulative levels, one
      per level), each with its citation;
    - ``findings``: finding rules run on the outcome (see
      :func:`partial_needs_reason`);
    - ``full_online_default``: toàn trình is the default, so a partial claim
      that meets every criterion is a warning rather than information;
    - ``proactive_scale``: whether the proactive levels (Decree 224/2026 Art.
      16) exist under it;
    - ``citation``: the document that set the regime; ``notes``: how to read
      the answers.

    >>> REGIME_DEFINITIONS.at(dt.date(2026, 7, 1)).value.key
    'decree_224_2026'
    """

    key: str = attrs.field(validator=non_empty_str)
    name_vi: str = attrs.field(validator=non_empty_str)
    name_en: str = attrs.field(validator=non_empty_str)
    kind: LevelKind = attrs.field(validator=enum_member(LevelKind))
    criteria: tuple[RegimeCriterion, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(RegimeCriterion, non_empty=True)
    )
    citation: Citation = attrs.field(converter=_to_citation)
    findings: tuple[FindingRule, ...] = attrs.field(default=(), kw_only=True, converter=as_tuple)
    full_online_default: bool = attrs.field(default=False, kw_only=True, validator=boolean)
    proactive_scale: bool = attrs.field(default=False, kw_only=True, validator=boolean)
    notes: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )

    @property
    def value(self) -> str:
        """The key (as for the :class:`Regime` members)."""
        return self.key

    def label(self, lang: str = "en") -> str:
        """The regime's name in ``"vi"`` or ``"en"``."""
        return self.name_vi if lang == "vi" else self.name_en

    def criterion(self, criterion: Criterion) -> RegimeCriterion:
        """The regime's entry for ``criterion`` (``KeyError`` if it does not judge it)."""
        for entry in self.criteria:
            if entry.criterion is criterion:
                return entry
        raise KeyError(criterion)


_ART_14_TEXT = "Decree 224/2026/NĐ-CP, Art. 14"


def partial_needs_reason(
    facts: OnlineFacts, mode: OnlineMode | None, regime: OnlineRegime
) -> list[Finding]:
    """Decree 224/2026/NĐ-CP Art. 14: toàn trình is the default.

    A service that is not toàn trình needs an accepted reason (presence
    required, on-site verification, technical) published on the National
    Public Service Portal; a reason contradicted by the facts, or recorded on
    a service that meets every criterion, is a warning.
    """
    found: list[Finding] = []
    reason = facts.partial_reason
    if mode is OnlineMode.FULL:
        if reason is not None:
            found.append(
                Finding(
                    "partial-reason-on-full-service",
                    f"a reason for partial service ({reason.value}) is recorded, but the facts "
                    "meet every toàn trình criterion",
                    path="$.partial_reason",
                    citation=_ART_14_TEXT,
                    severity=Severity.WARNING,
                )
            )
        return found
    if mode is None:
        if facts.online_submission is None:
            return found  # unknown whether anything is online: the unknown-facts finding says so
        found.append(
            Finding(
                "not-online-without-reason" if reason is None else "not-online-despite-reason",
                "nothing can be filed online; toàn trình is the default"
                + (
                    ", and no accepted reason for a partial service is recorded"
                    if reason is None
                    else f"; the recorded reason ({reason.value}) justifies a partial online "
                    "service, not none"
                ),
                path="$.partial_reason",
                citation=_ART_14_TEXT,
                severity=Severity.ERROR if reason is None else Severity.WARNING,
            )
        )
        return found
    if reason is None:
        found.append(
            Finding(
                "partial-without-reason",
                "the service is partially online (một phần) but no accepted reason is recorded; "
                "toàn trình is the default and a partial service must publish its reason on the "
                "National Public Service Portal (presence required, on-site verification, "
                "technical)",
                path="$.partial_reason",
                citation=_ART_14_TEXT,
            )
        )
        return found
    contradicted = (
        reason is PartialReason.PRESENCE_REQUIRED and facts.presence_required is False
    ) or (reason is PartialReason.ON_SITE_VERIFICATION and facts.on_site_verification is False)
    if contradicted:
        found.append(
            Finding(
                "partial-reason-contradicted",
                f"the recorded reason ({reason.value}: {reason.en}) is contradicted by the facts",
                path="$.partial_reason",
                citation=_ART_14_TEXT,
                severity=Severity.WARNING,
            )
        )
    return found


@attrs.frozen
class _CriterionRow:
    criterion: str
    citation: CitationRecord


@attrs.frozen
class _RegimeRecord:
    key: str
    name_vi: str
    name_en: str
    kind: str
    criteria: tuple[_CriterionRow, ...]
    citation: CitationRecord
    findings: tuple[str, ...] = ()
    full_online_default: bool = False
    proactive_scale: bool = False
    notes: tuple[str, ...] = ()


@attrs.frozen
class _DefinitionRow:
    regime: _RegimeRecord
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@attrs.frozen
class _DefinitionTable:
    definitions: tuple[_DefinitionRow, ...]


#: Finding rules a definition in ``data/regime_definitions.json`` may name.
_FINDING_RULES: dict[str, FindingRule] = {"partial_needs_reason": partial_needs_reason}


def _shipped_definitions() -> Rules[OnlineRegime]:
    """The regimes' criteria tables, read from ``data/regime_definitions.json`` (issue 20).

    Each definition names its criteria in order, each with the provision that
    sets it under that regime, and its finding rules by name; a new decree is
    a new row (and, if it brings a new kind of finding, one function).
    """
    rows = read_table("tthc.levels", "regime_definitions.json", _DefinitionTable).definitions
    rules: list[Rule[OnlineRegime]] = []
    for n, row in enumerate(rows):
        record = row.regime
        unknown = [name for name in record.findings if name not in _FINDING_RULES]
        if unknown:
            raise ValidationError.single(
                f"regime_definitions.json: $.definitions[{n}].regime.findings",
                unknown,
                f"finding rules among {sorted(_FINDING_RULES)}",
            )
        regime = OnlineRegime(
            record.key,
            record.name_vi,
            record.name_en,
            LevelKind.from_value(record.kind),
            [RegimeCriterion(c.criterion, c.citation.to_citation()) for c in record.criteria],
            citation=record.citation.to_citation(),
            findings=tuple(_FINDING_RULES[name] for name in record.findings),
            full_online_default=record.full_online_default,
            proactive_scale=record.proactive_scale,
            notes=tuple(Message.of(n) if has_message(n) else n for n in record.notes),
        )
        rules.append(
            Rule(
                regime,
                valid_from=row.valid_from,
                valid_until=row.valid_until,
                citation=regime.citation,
            )
        )
    return Rules(rules, what="online service level regime (definition)", exclusive=True)


# Decree 43/2011/NĐ-CP is dated 13/6/2011 and in force from 1/10/2011: the
# official codification (Pháp điển, topic "Công nghệ thông tin", Điều
# 3.3.NĐ.3.1) notes each of its articles "có hiệu lực thi hành kể từ ngày
# 01/10/2011" (primary text read, repository copy diepxuan/diepxuan.github.io
# van-ban/buu-chinh-vien-thong_cong-nghe-thong-tin.md). Before that date no
# regime is known and `REGIMES.at` raises NoRuleInForceError. (Until issue 20
# tthc applied it from its signing date, 13/6/2011.)
_DECREE_43_2011_IN_FORCE = dt.date(2011, 10, 1)

# Read from data/regimes.json by the strict loader (issue 20): the next decree
# on online service levels is one more row.
REGIMES: Rules[Regime | OnlineRegime] = read_dated_rules(
    "tthc.levels",
    "regimes.json",
    {"regimes": "online service level regime"},
    Regime.from_value,
)["regimes"]
"""The regimes as effective-dated rules; pass your own ``Rules[Regime]`` to override."""

CIRCULAR_01_2023_ISSUED = dt.date(2023, 4, 5)
"""Date of Circular 01/2023/TT-VPCP, which details the toàn trình criteria.

Under Decree 42/2022/NĐ-CP, days before this date are judged by the Art. 11(1)
definition, read through the same criteria (the Circular spells the definition
out; it did not change it); the citations say so. The Circular's own
entry-into-force date was not confirmed; its date of issue is used.
"""


REGIME_DEFINITIONS: Rules[OnlineRegime] = _shipped_definitions()

#: What ``classify`` and friends accept as ``regimes``.
RegimeRules = Rules[Regime] | Rules[OnlineRegime] | Rules[Regime | OnlineRegime]
"""The shipped regimes as values, by the dates their criteria's citations hold.

Decree 42/2022/NĐ-CP has two: before and from Circular 01/2023/TT-VPCP
(5/4/2023), whose criteria it cites.
"""


def definition_of(regime: Regime | OnlineRegime, on: dt.date) -> OnlineRegime:
    """The :class:`OnlineRegime` value of ``regime`` as judged on ``on``.

    An ``OnlineRegime`` is returned as is; a :class:`Regime` member is looked
    up in :data:`REGIME_DEFINITIONS`: the definition in force on ``on`` with
    its key, else (a shipped regime applied outside its own dates by
    user-supplied rules) its nearest definition.
    """
    if isinstance(regime, OnlineRegime):
        return regime
    if not isinstance(regime, Regime):
        raise ValidationError.single(
            "regimes",
            regime,
            "rules whose values are tthc.levels.Regime members or OnlineRegime values",
        )
    same = [r for r in REGIME_DEFINITIONS if r.value.key == regime.value]
    for rule in same:
        if rule.in_force_on(on):
            return rule.value
    earlier = [r for r in same if r.valid_from is None or r.valid_from <= on]
    return (earlier[-1] if earlier else same[0]).value


def check_date(name: str, value: object) -> dt.date:
    """Return ``value`` if it is a plain date, else raise ValidationError naming ``name``."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError.single(name, value, "a datetime.date (not a datetime)")
    return value


def record_date(procedure: object, on: dt.date | None, *, what: str) -> dt.date:
    """The date to judge a record on: ``on``, else the record's ``valid_from``.

    Raises ``ValidationError`` (naming ``what``) when ``procedure`` is not a
    :class:`~tthc.model.Procedure` or no date can be found.
    """
    if not isinstance(procedure, Procedure):
        raise ValidationError.single("procedure", procedure, "a tthc.model.Procedure", what=what)
    if on is None:
        if procedure.valid_from is None:
            raise ValidationError.single(
                "on", None, "a date: the record has no valid_from to judge it by", what=what
            )
        on = procedure.valid_from
    return check_date("on", on)


def regime_on(on: dt.date, *, regimes: RegimeRules = REGIMES) -> Rule[Any]:
    """Return the regime rule in force on ``on`` (with its validity and citation).

    Raises :class:`~tthc.errors.NoRuleInForceError` for a date before Decree
    43/2011/NĐ-CP (or when user-supplied rules overlap), and
    :class:`~tthc.errors.ValidationError` if ``on`` is not a plain date.

    >>> import datetime as dt
    >>> regime_on(dt.date(2022, 8, 14)).value
    <Regime.DECREE_43_2011: 'decree_43_2011'>
    >>> regime_on(dt.date(2022, 8, 15)).value
    <Regime.DECREE_42_2022: 'decree_42_2022'>
    >>> regime_on(dt.date(2026, 7, 1)).value
    <Regime.DECREE_224_2026: 'decree_224_2026'>
    """
    check_date("on", on)
    return regimes.at(on)
