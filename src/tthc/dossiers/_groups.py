"""Interconnected procedure groups (liên thông), with cited data for Decree 63/2024."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from tthc._tables import CitationRecord, read_table
from tthc._validate import (
    as_tuple,
    boolean,
    non_empty_str,
    optional,
    str_or_none,
    tuple_of,
)
from tthc.deadlines import ClockPolicy, DueDate, SupplementClock, due_date
from tthc.errors import UnknownCodeError, ValidationError
from tthc.model import ProcedureCode, TimeLimit
from tthc.rules import Rule, Rules

__all__ = [
    "BIRTH_GROUP",
    "BIRTH_INSURANCE_GROUP",
    "DEATH_GROUP",
    "GroupDueDates",
    "GroupMember",
    "ProcedureGroup",
    "group_due_dates",
    "interconnected_group",
]


def _code(value: Any) -> Any:
    return ProcedureCode(value) if isinstance(value, str) else value


@attrs.frozen
class GroupMember:
    """One procedure in an interconnected group, with its own sub-deadline.

    ``limit`` is the member's time limit inside the group (``None`` when it is
    stated in a unit tthc does not count, such as "trong thời hạn 15 ngày" of
    unstated kind, or was not found; ``limit_text`` keeps the published words).
    "Trong 24 giờ" is counted as clock hours (:attr:`~tthc.model.TimeUnit.HOURS`, issue
    20). ``optional``
    members are carried out only when the applicant asks.
    """

    name: str = attrs.field(validator=non_empty_str)
    agency: str = attrs.field(validator=non_empty_str)
    citation: str = attrs.field(validator=non_empty_str)
    code: ProcedureCode | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_code,
        validator=optional(attrs.validators.instance_of(ProcedureCode)),
    )
    limit: TimeLimit | None = attrs.field(
        default=None, kw_only=True, validator=optional(attrs.validators.instance_of(TimeLimit))
    )
    limit_text: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    optional: bool = attrs.field(default=False, kw_only=True, validator=boolean)


@attrs.frozen
class ProcedureGroup:
    """A group of procedures handled as one (nhóm thủ tục hành chính liên thông).

    The group has its own ``combined_limit``, which is NOT the sum of the
    members' limits: the members run in parallel or hand over within hours
    (Decree 63/2024/NĐ-CP as amended by Decree 301/2026/NĐ-CP, Art. 7(2)).
    ``combined_limit`` is ``None`` where no combined limit was found.
    ``supplement`` says whether the applicant's time to complete the dossier
    pauses the clock or restarts it.
    """

    name: str = attrs.field(validator=non_empty_str)
    lead_agency: str = attrs.field(validator=non_empty_str)
    members: tuple[GroupMember, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(GroupMember, non_empty=True)
    )
    citation: str = attrs.field(validator=non_empty_str)
    code: ProcedureCode | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_code,
        validator=optional(attrs.validators.instance_of(ProcedureCode)),
    )
    combined_limit: TimeLimit | None = attrs.field(
        default=None, kw_only=True, validator=optional(attrs.validators.instance_of(TimeLimit))
    )
    verification_limit: TimeLimit | None = attrs.field(
        default=None, kw_only=True, validator=optional(attrs.validators.instance_of(TimeLimit))
    )
    supplement: SupplementClock = attrs.field(
        default=SupplementClock.RESTART,
        kw_only=True,
        validator=attrs.validators.instance_of(SupplementClock),
    )
    notes: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )

    def member(self, code_or_name: str) -> GroupMember:
        """A member by procedure code or by name."""
        for m in self.members:
            if code_or_name in (m.name, None if m.code is None else m.code.value):
                return m
        raise UnknownCodeError(
            code_or_name, f"the group {self.name!r}", known=[m.name for m in self.members]
        )


@attrs.frozen
class _GroupRow:
    """One row of ``data/groups.json``: a group's version and its validity."""

    key: str
    group: ProcedureGroup
    citation: CitationRecord
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@attrs.frozen
class _GroupTable:
    groups: tuple[_GroupRow, ...]


_WHAT = {
    "birth": "interconnected birth group",
    "birth_insurance": "interconnected birth and health insurance group",
    "death": "interconnected death group",
}


def _load_groups() -> dict[str, Rules[ProcedureGroup]]:
    rows = read_table("tthc.dossiers", "groups.json", _GroupTable).groups
    unknown = sorted({row.key for row in rows} - set(_WHAT))
    if unknown:
        raise ValidationError.single(
            "groups.json: $.groups[].key", unknown, f"one of {sorted(_WHAT)}"
        )
    return {
        key: Rules(
            [
                Rule(
                    row.group,
                    valid_from=row.valid_from,
                    valid_until=row.valid_until,
                    citation=row.citation.to_citation(),
                )
                for row in rows
                if row.key == key
            ],
            what=what,
            exclusive=True,
        )
        for key, what in _WHAT.items()
    }


# Sources (data/groups.json, each version with its citation): Joint Circular
# 05/2015/TTLT-BTP-BCA-BYT (in force 1/7/2015) on paper; Decree 63/2024/NĐ-CP
# of 10/6/2024, in force 1/7/2024 (secondary: LawNet; its final article was not
# read; until issue 20 tthc applied it from Decision 296/QĐ-VPCP of 12/6/2024,
# which only published the groups); Decree 301/2026/NĐ-CP (in force 1/9/2026).
# Press and scraped copies are tagged secondary.
_GROUPS = _load_groups()

#: The birth group, effective-dated: Joint Circular 05/2015 (from 1/7/2015),
#: Decree 63/2024/NĐ-CP (from 1/7/2024), as amended by Decree 301/2026/NĐ-CP
#: (from 1/9/2026).
BIRTH_GROUP: Rules[ProcedureGroup] = _GROUPS["birth"]
#: The paper group of birth registration and health insurance card only
#: (Joint Circular 05/2015, from 1/7/2015; its end is unconfirmed).
BIRTH_INSURANCE_GROUP: Rules[ProcedureGroup] = _GROUPS["birth_insurance"]
#: Decree 63/2024/NĐ-CP's death group, effective-dated (the 2026 text from 1/9/2026).
DEATH_GROUP: Rules[ProcedureGroup] = _GROUPS["death"]


def interconnected_group(name: str, on: dt.date) -> ProcedureGroup:
    """The group ``"birth"``, ``"birth_insurance"`` or ``"death"`` as in force on ``on``.

    Raises :class:`~tthc.errors.NoRuleInForceError` on a date when no such
    group existed (before Joint Circular 05/2015 for births, before Decree
    63/2024/NĐ-CP for deaths).

    >>> import datetime as dt
    >>> g = interconnected_group("birth", dt.date(2026, 11, 20))
    >>> str(g.code), g.combined_limit.amount, [m.optional for m in g.members]
    ('3.000722', 3, [False, False, False, True])
    >>> interconnected_group("birth", dt.date(2016, 1, 1)).combined_limit.amount
    20
    """
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):  # type guard (issue 14)
        raise ValidationError.single("on", on, "a datetime.date (use .date() on a datetime)")
    rules = _GROUPS.get(name) if isinstance(name, str) else None
    if rules is None:
        raise UnknownCodeError(name, "the interconnected groups", known=sorted(_GROUPS))
    return rules.at(on).value


@attrs.frozen
class GroupDueDates:
    """The group's due date and each member's, from one receipt moment."""

    combined: DueDate | None
    members: tuple[tuple[GroupMember, DueDate | None], ...]


def group_due_dates(
    group: ProcedureGroup,
    received_at: dt.datetime,
    *,
    verification: bool = False,
    policy: ClockPolicy | None = None,
) -> GroupDueDates:
    """Due dates of the group (combined) and of each member with a countable limit.

    ``verification`` uses the group's longer limit for cases that must be
    verified. Members count from the same receipt here; in practice each
    counts from when its agency receives the electronic dossier.

    ``policy`` (default: the clock policy in force on the receipt date) decides
    how the group's 15:00 rule combines with the exclusion of the receipt day
    (new Art. 7(2) of Decree 63/2024/NĐ-CP): by default a receipt after 15:00
    makes the next working day day 1 (:attr:`~tthc.deadlines.ShiftedStart.DAY_ONE`);
    ``ShiftedStart.EXCLUDED`` adds a day (tthc before issue 20);
    ``count_receipt_day=True`` counts a receipt before 15:00 from its own day.
    """
    if policy is not None and not isinstance(policy, ClockPolicy):  # type guard
        raise ValidationError.single("policy", policy, "a ClockPolicy (CLOCK_POLICIES.at(day))")
    if not isinstance(group, ProcedureGroup):  # type guard (issue 14)
        raise ValidationError.single("group", group, "a ProcedureGroup (interconnected_group())")
    if not isinstance(received_at, dt.datetime) or received_at.utcoffset() is None:
        raise ValidationError.single("received_at", received_at, "an aware datetime")
    limit = group.verification_limit if verification else group.combined_limit
    combined = None if limit is None else due_date(received_at, limit, policy=policy)
    members = tuple(
        (m, None if m.limit is None else due_date(received_at, m.limit, policy=policy))
        for m in group.members
    )
    return GroupDueDates(combined, members)
