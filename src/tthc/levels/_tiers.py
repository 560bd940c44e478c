"""Administrative tiers with their validity, and the reassignment of former district competences.

Until 30/6/2025 procedures were implemented by the central, province, district
and commune tiers; from 1/7/2025 local government has two levels, province and
commune (Law on Organisation of Local Government 72/2025/QH15; Constitution
Art. 110 as amended in 2025). The district's competences were moved by some 28
decentralisation decrees; tthc ships the ones it could cite and lets users add
theirs.
"""

from __future__ import annotations

import datetime as dt

import attrs

from tthc._findings import Finding, Severity
from tthc._tables import CitationRecord, read_table
from tthc._text import fold
from tthc._validate import as_tuple, enum_member, non_empty_str, tuple_of
from tthc.errors import ValidationError
from tthc.levels._regimes import check_date, record_date
from tthc.model import AdministrativeTier, Procedure
from tthc.rules import CIVIL_STATUS_LAW, Rule, Rules, read_dated_rules

__all__ = [
    "REASSIGNMENTS",
    "TIERS",
    "Reassignment",
    "check_tiers",
    "successor_tier",
    "tiers_in_force",
]

_REFORM = (
    "Law on Organisation of Local Government 72/2025/QH15 (in force 1/7/2025); Constitution "
    "2013, Art. 110 as amended in 2025 (two levels of local government)"
)

# Read from data/tiers.json by the strict loader (issue 20): the district tier
# ends on 30/6/2025 (Law on Organisation of Local Government 72/2025/QH15).
TIERS: Rules[AdministrativeTier] = read_dated_rules(
    "tthc.levels",
    "tiers.json",
    {"tiers": "administrative tier"},
    AdministrativeTier.from_value,
    exclusive=False,
)["tiers"]
"""The tiers as effective-dated rules (district until 30/6/2025)."""


def tiers_in_force(
    on: dt.date, *, tiers: Rules[AdministrativeTier] = TIERS
) -> tuple[AdministrativeTier, ...]:
    """Return the administrative tiers in force on ``on``, in the enum's order.

    >>> import datetime as dt
    >>> [t.value for t in tiers_in_force(dt.date(2025, 6, 30))]
    ['central', 'province', 'district', 'commune', 'other']
    >>> [t.value for t in tiers_in_force(dt.date(2025, 7, 1))]
    ['central', 'province', 'commune', 'other']
    """
    check_date("on", on)
    found = {rule.value for rule in tiers.in_force(on)}
    return tuple(t for t in AdministrativeTier if t in found)


@attrs.frozen
class Reassignment:
    """A competence moved from one tier to another (phân định thẩm quyền).

    ``sectors`` names the sectors (lĩnh vực) it covers, as the national
    database writes them and in English (matched without regard to case);
    empty means every sector. ``competence`` says what moved. Wrap it in a
    :class:`~tthc.rules.Rule` for its validity and citation.

    >>> Reassignment(AdministrativeTier.DISTRICT, AdministrativeTier.COMMUNE,
    ...              sectors=("Chứng thực",), competence="certification").covers("chứng thực")
    True
    """

    from_tier: AdministrativeTier = attrs.field(validator=enum_member(AdministrativeTier))
    to_tier: AdministrativeTier = attrs.field(validator=enum_member(AdministrativeTier))
    sectors: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )
    competence: str = attrs.field(kw_only=True, validator=non_empty_str)

    def covers(self, sector: str | None) -> bool:
        """Whether this reassignment applies to ``sector`` (``None``: sector not given)."""
        if not self.sectors:
            return True
        if sector is None:
            return False
        return fold(sector) in {fold(s) for s in self.sectors}


@attrs.frozen
class _ReassignmentRow:
    """One row of ``data/reassignments.json``."""

    from_tier: AdministrativeTier
    to_tier: AdministrativeTier
    competence: str
    citation: CitationRecord
    sectors: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def to_rule(self) -> Rule[Reassignment]:
        value = Reassignment(
            self.from_tier, self.to_tier, sectors=self.sectors, competence=self.competence
        )
        return Rule(
            value,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            citation=self.citation.to_citation(),
        )


@attrs.frozen
class _ReassignmentTable:
    reassignments: tuple[_ReassignmentRow, ...]


REASSIGNMENTS: Rules[Reassignment] = Rules(
    [
        row.to_rule()
        for row in read_table("tthc.levels", "reassignments.json", _ReassignmentTable).reassignments
    ],
    what="reassignment of competence",
)
"""Cited reassignments of former district competences; extend with ``REASSIGNMENTS.adding(...)``."""


def successor_tier(
    tier: AdministrativeTier,
    on: dt.date,
    *,
    sector: str | None = None,
    reassignments: Rules[Reassignment] = REASSIGNMENTS,
) -> Rule[Reassignment] | None:
    """Return the recorded reassignment of ``tier``'s competence in ``sector`` on ``on``.

    Returns the rule (its value says the new tier, its citation the decree),
    or ``None`` when no recorded reassignment applies: the tier may still be
    in force, the sector may not be recorded yet (pass your own rules), or the
    decree may have lapsed. Several matching rules raise
    :class:`~tthc.errors.NoRuleInForceError`.

    Civil status: Decree 120/2025/NĐ-CP Art. 4 moves the district's
    registrations to the commune from 1/7/2025 and ceases to have effect from
    1/3/2027, when the Law on Civil Status 03/2026/QH16 takes effect
    (:data:`tthc.rules.CIVIL_STATUS_LAW`). That law's competence articles were
    not read, so from 1/3/2027 ``None`` is returned and :func:`check_tiers`
    names the law in force instead of guessing a tier; add a rule with
    ``REASSIGNMENTS.adding`` once the article is confirmed.

    >>> import datetime as dt
    >>> rule = successor_tier(AdministrativeTier.DISTRICT, dt.date(2025, 7, 1), sector="Hộ tịch")
    >>> rule.value.to_tier, rule.citation.split(",")[0]
    (<AdministrativeTier.COMMUNE: 'commune'>, 'Decree 120/2025/NĐ-CP')
    >>> successor_tier(AdministrativeTier.DISTRICT, dt.date(2027, 3, 1), sector="Hộ tịch") is None
    True
    """
    if not isinstance(tier, AdministrativeTier):
        raise ValidationError.single("tier", tier, "an AdministrativeTier", what="successor_tier")
    check_date("on", on)
    if sector is not None and (not isinstance(sector, str) or not sector.strip()):
        raise ValidationError.single(
            "sector", sector, "None or a non-empty string", what="successor_tier"
        )
    matching: Rules[Reassignment] = Rules(
        [r for r in reassignments if r.value.from_tier is tier and r.value.covers(sector)],
        what=f"reassignment of {tier.value} competence" + (f" in {sector!r}" if sector else ""),
    )
    return matching.get(on)


# The law that governs a sector's competence once a temporary reassignment ends.
_SECTOR_LAWS: dict[str, Rules[str]] = {
    fold("Hộ tịch"): CIVIL_STATUS_LAW,
    fold("civil status"): CIVIL_STATUS_LAW,
}


def _no_successor(
    tier: AdministrativeTier, on: dt.date, sector: str | None, reassignments: Rules[Reassignment]
) -> str:
    """Why no successor is recorded: never recorded, or ended (and what governs then)."""
    ended = [
        r
        for r in reassignments
        if r.value.from_tier is tier
        and r.value.covers(sector)
        and r.valid_until is not None
        and r.valid_until < on
    ]
    if not ended:
        return (
            "; no recorded reassignment for this sector: see the decentralisation decree of "
            "the sector (tthc.levels.REASSIGNMENTS can be extended)"
        )
    last = max(ended, key=lambda r: r.valid_until or on)
    text = (
        f"; the recorded reassignment ({last.citation}) ended on "
        f"{last.valid_until:%d/%m/%Y} and no later one is recorded"
    )
    law = _SECTOR_LAWS.get(fold(sector)) if sector else None
    in_force = None if law is None else law.get(on)
    if in_force is not None:
        since = "" if in_force.valid_from is None else f", in force {in_force.valid_from:%d/%m/%Y}"
        text += (
            f"; the sector's law is {in_force.value}{since} (tthc.rules): its competence "
            "articles were not read, so tthc does not name a tier"
        )
    return text


def _ending_citation(
    tier: AdministrativeTier, on: dt.date, tiers: Rules[AdministrativeTier]
) -> str:
    rules = [r for r in tiers if r.value is tier]
    ended = [r for r in rules if r.valid_until is not None and r.valid_until < on]
    if ended:
        return max(ended, key=lambda r: r.valid_until or on).citation
    if rules:
        return rules[0].citation
    return "no rule for this tier in the tiers given"


def check_tiers(
    procedure: Procedure,
    on: dt.date | None = None,
    *,
    tiers: Rules[AdministrativeTier] = TIERS,
    reassignments: Rules[Reassignment] = REASSIGNMENTS,
) -> tuple[Finding, ...]:
    """Check the tiers a record names against those in force on its date.

    ``on`` defaults to the record's ``valid_from``. Checks ``procedure.tiers``
    and the tier of every agency the record names. A finding on the district
    tier names the recorded successor for the record's sector, if any.

    >>> import datetime as dt
    >>> from tthc.model import Procedure
    >>> p = Procedure(code="1.001193", name="Đăng ký khai sinh", sector="Hộ tịch",
    ...               tiers=[AdministrativeTier.DISTRICT], valid_from=dt.date(2025, 7, 1))
    >>> [(f.code, f.path) for f in check_tiers(p)]
    [('tier-not-in-force', '$.tiers[0]')]
    """
    on = record_date(procedure, on, what="check_tiers")
    in_force = set(tiers_in_force(on, tiers=tiers))
    named: list[tuple[str, AdministrativeTier]] = [
        (f"$.tiers[{i}]", t) for i, t in enumerate(procedure.tiers)
    ]
    for field in (
        "implementing_agencies",
        "competent_agencies",
        "authorised_agencies",
        "coordinating_agencies",
    ):
        agencies = getattr(procedure, field)
        named.extend(
            (f"$.{field}[{i}].tier", a.tier) for i, a in enumerate(agencies) if a.tier is not None
        )
    findings: list[Finding] = []
    for path, tier in named:
        if tier in in_force:
            continue
        message = (
            f"the record names the {tier.en.lower()} tier ({tier.vi}), not in force on "
            f"{on.isoformat()}"
        )
        successor = successor_tier(tier, on, sector=procedure.sector, reassignments=reassignments)
        if successor is not None:
            message += (
                f"; for sector {procedure.sector!r} the competence moved to the "
                f"{successor.value.to_tier.en.lower()} tier ({successor.citation})"
            )
        elif tier is AdministrativeTier.DISTRICT:
            message += _no_successor(tier, on, procedure.sector, reassignments)
        findings.append(
            Finding(
                "tier-not-in-force",
                message,
                path=path,
                citation=_ending_citation(tier, on, tiers),
                severity=Severity.ERROR,
            )
        )
    return tuple(findings)
