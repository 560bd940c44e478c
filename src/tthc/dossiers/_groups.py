"""Interconnected procedure groups (liên thông), with cited data for Decree 63/2024."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from tthc._validate import (
    as_tuple,
    boolean,
    non_empty_str,
    optional,
    str_or_none,
    tuple_of,
)
from tthc.deadlines import DueDate, SupplementClock, due_date
from tthc.errors import UnknownCodeError, ValidationError
from tthc.model import ProcedureCode, TimeLimit, TimeUnit
from tthc.rules import Rule, Rules

__all__ = [
    "BIRTH_GROUP",
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
    stated in a unit tthc does not count, such as "trong 24 giờ", or was not
    found; ``limit_text`` then keeps the published words). ``optional``
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


_15H = dt.time(15, 0)
_WD = TimeUnit.WORKING_DAYS
_TEXT_63 = "Decree 63/2024/NĐ-CP and Decision 296/QĐ-VPCP (12/6/2024)"
_TEXT_301 = "Decree 63/2024/NĐ-CP as amended by Decree 301/2026/NĐ-CP (in force 1/9/2026)"

# Birth registration + permanent residence + health insurance card for children
# under 6 (and, from 1/9/2026, optionally the ID card). Sources: ../shared/domain
# and the research notes; press and scraped copies are tagged [S].
_BIRTH_2024 = ProcedureGroup(
    name="Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    lead_agency="Ủy ban nhân dân cấp xã (đăng ký khai sinh)",
    code="2.002621",
    citation=f"{_TEXT_63} [S: cand.com.vn 15/06/2024; thanhnien.vn 09/09/2025]",
    combined_limit=TimeLimit(3, _WD, cutoff=_15H, raw="không quá 3 ngày làm việc"),
    verification_limit=TimeLimit(5, _WD, cutoff=_15H, raw="nếu phải xác minh thì tối đa 5 ngày"),
    members=[
        GroupMember(
            "Đăng ký khai sinh",
            "Ủy ban nhân dân cấp xã",
            "Decision 296/QĐ-VPCP [S: thuvienphapluat 65441]: ngay trong ngày làm việc",
            code="1.001193",
            limit=TimeLimit.same_day(raw="ngay trong ngày làm việc"),
        ),
        GroupMember(
            "Đăng ký thường trú",
            "Công an cấp xã",
            "[S: thanhnien.vn 09/09/2025]: tối đa 2 ngày làm việc, xác minh không quá 5 ngày",
            code="1.004222",
            limit=TimeLimit.working_days(2, raw="tối đa 2 ngày làm việc"),
        ),
        GroupMember(
            "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
            "Bảo hiểm xã hội",
            "[S: thanhnien.vn 09/09/2025]: tối đa 2 ngày làm việc",
            limit=TimeLimit.working_days(2, raw="tối đa 2 ngày làm việc"),
        ),
    ],
    notes=["The member code of the health insurance card procedure was not found."],
)

_BIRTH_2026 = ProcedureGroup(
    name="Liên thông điện tử: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế, "
    "cấp thẻ căn cước cho trẻ em dưới 6 tuổi",
    lead_agency="Bộ Tư pháp (Hệ thống thông tin giải quyết thủ tục hành chính của Bộ Tư pháp)",
    code="3.000722",
    citation=f"{_TEXT_301}, Art. 5 (new Art. 7(2) of Decree 63/2024) [S: scraped full text]",
    combined_limit=TimeLimit(
        3,
        _WD,
        cutoff=_15H,
        raw="không quá 03 ngày làm việc kể từ khi các cơ quan có thẩm quyền giải quyết nhận "
        "đầy đủ hồ sơ theo quy định … Nếu tiếp nhận hồ sơ sau 15 giờ thì thời gian được tính "
        "bắt đầu từ ngày làm việc tiếp theo",
    ),
    verification_limit=TimeLimit(
        5,
        _WD,
        cutoff=_15H,
        raw="trường hợp phải xác minh thì không quá 05 ngày làm việc",
    ),
    supplement=SupplementClock.PAUSE,
    members=[
        GroupMember(
            "Đăng ký khai sinh",
            "Ủy ban nhân dân cấp xã",
            f"{_TEXT_301}, Art. 6 (new Art. 8 of Decree 63/2024)",
            code="1.001193",
            limit_text="trong 24 giờ kể từ khi Hệ thống đăng ký, quản lý hộ tịch điện tử của "
            "Bộ Tư pháp nhận đủ hồ sơ hợp lệ",
        ),
        GroupMember(
            "Đăng ký thường trú",
            "Công an cấp xã",
            f"{_TEXT_301}, Art. 6 (new Art. 8 of Decree 63/2024)",
            code="1.004222",
            limit=TimeLimit.working_days(
                2, raw="không quá 02 ngày làm việc kể từ ngày nhận được hồ sơ điện tử"
            ),
        ),
        GroupMember(
            "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
            "Bảo hiểm xã hội",
            f"{_TEXT_301} (sub-deadline not restated; 2 working days before it "
            "[S: thanhnien.vn 09/09/2025])",
        ),
        GroupMember(
            "Cấp thẻ căn cước cho trẻ em dưới 6 tuổi",
            "Công an",
            f"{_TEXT_301}, Art. 6 (new Art. 8(3a) of Decree 63/2024)",
            limit=TimeLimit.working_days(
                5, raw="không quá 05 ngày làm việc kể từ ngày nhận được hồ sơ điện tử"
            ),
            optional=True,
        ),
    ],
    notes=[
        "Time the applicant spends completing the dossier does not count (new Art. 4(7)).",
        "Dossiers received before 1/9/2026 continue under the 2024 text (Art. 18).",
    ],
)

_DEATH_2024 = ProcedureGroup(
    name="Đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất",
    lead_agency="Ủy ban nhân dân cấp xã (đăng ký khai tử)",
    code="2.002622",
    citation=f"{_TEXT_63} [S]",
    members=[
        GroupMember(
            "Đăng ký khai tử", "Ủy ban nhân dân cấp xã", f"{_TEXT_63} [S]", code="1.000656"
        ),
        GroupMember(
            "Xóa đăng ký thường trú",
            "Công an cấp xã",
            f"{_TEXT_63} [S]",
            code="1.003197",
            optional=True,
        ),
        GroupMember(
            "Giải quyết mai táng phí, tử tuất",
            "Bảo hiểm xã hội / ngành lao động - thương binh và xã hội",
            f"{_TEXT_63} [S]",
            optional=True,
        ),
    ],
    notes=[
        "No combined time limit was found [U]; members can be combined two, three or four "
        "at a time [S].",
    ],
)

_DEATH_2026 = ProcedureGroup(
    name="Liên thông điện tử: đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, "
    "tử tuất",
    lead_agency="Bộ Tư pháp (Hệ thống thông tin giải quyết thủ tục hành chính của Bộ Tư pháp)",
    code="2.002913",
    citation=f"{_TEXT_301}, Art. 10 (new Art. 14 of Decree 63/2024) [S: scraped full text]",
    supplement=SupplementClock.PAUSE,
    members=[
        GroupMember(
            "Đăng ký khai tử",
            "Ủy ban nhân dân cấp xã",
            f"{_TEXT_301}, Art. 10 (new Art. 14 of Decree 63/2024)",
            code="1.000656",
            limit_text="trong 24 giờ kể từ thời điểm Hệ thống nhận đủ hồ sơ hợp lệ; trường hợp "
            "cần xác minh thì không quá 03 ngày làm việc",
        ),
        GroupMember(
            "Xóa đăng ký thường trú",
            "Công an cấp xã",
            f"{_TEXT_301}, Art. 10 (new Art. 14 of Decree 63/2024)",
            code="1.003197",
            limit=TimeLimit.working_days(
                1, raw="trong thời hạn 01 ngày làm việc kể từ ngày tiếp nhận thông tin"
            ),
        ),
        GroupMember(
            "Giải quyết hưởng trợ cấp mai táng, trợ cấp tuất (bảo hiểm xã hội)",
            "Bảo hiểm xã hội",
            f"{_TEXT_301}, Art. 10 (new Art. 14 of Decree 63/2024)",
            limit=TimeLimit.working_days(8, raw="không quá 08 ngày làm việc"),
            optional=True,
        ),
        GroupMember(
            "Hỗ trợ chi phí mai táng (bảo trợ xã hội)",
            "Ngành y tế",
            f"{_TEXT_301}, Art. 10 (new Art. 14 of Decree 63/2024)",
            limit=TimeLimit.working_days(3, raw="không quá 03 ngày làm việc"),
            optional=True,
        ),
        GroupMember(
            "Trợ cấp mai táng, trợ cấp tuất (người có công với cách mạng)",
            "Ngành nội vụ",
            f"{_TEXT_301}, Art. 10 (new Art. 14 of Decree 63/2024)",
            limit=TimeLimit.working_days(18, raw="không quá 18 ngày làm việc"),
            optional=True,
        ),
    ],
    notes=["No combined time limit was found in the amended text [U]."],
)

#: Decree 63/2024/NĐ-CP's birth group, effective-dated (the 2026 text from 1/9/2026).
BIRTH_GROUP: Rules[ProcedureGroup] = Rules(
    [
        Rule(_BIRTH_2024, valid_until=dt.date(2026, 8, 31), citation=_BIRTH_2024.citation),
        Rule(_BIRTH_2026, valid_from=dt.date(2026, 9, 1), citation=_BIRTH_2026.citation),
    ],
    what="interconnected birth group",
)
#: Decree 63/2024/NĐ-CP's death group, effective-dated (the 2026 text from 1/9/2026).
DEATH_GROUP: Rules[ProcedureGroup] = Rules(
    [
        Rule(_DEATH_2024, valid_until=dt.date(2026, 8, 31), citation=_DEATH_2024.citation),
        Rule(_DEATH_2026, valid_from=dt.date(2026, 9, 1), citation=_DEATH_2026.citation),
    ],
    what="interconnected death group",
)

_GROUPS = {"birth": BIRTH_GROUP, "death": DEATH_GROUP}


def interconnected_group(name: str, on: dt.date) -> ProcedureGroup:
    """The group ``"birth"`` or ``"death"`` as in force on ``on``.

    >>> import datetime as dt
    >>> g = interconnected_group("birth", dt.date(2026, 11, 20))
    >>> str(g.code), g.combined_limit.amount, [m.optional for m in g.members]
    ('3.000722', 3, [False, False, False, True])
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
    group: ProcedureGroup, received_at: dt.datetime, *, verification: bool = False
) -> GroupDueDates:
    """Due dates of the group (combined) and of each member with a countable limit.

    ``verification`` uses the group's longer limit for cases that must be
    verified. Members count from the same receipt here; in practice each
    counts from when its agency receives the electronic dossier.
    """
    if not isinstance(group, ProcedureGroup):  # type guard (issue 14)
        raise ValidationError.single("group", group, "a ProcedureGroup (interconnected_group())")
    if not isinstance(received_at, dt.datetime) or received_at.utcoffset() is None:
        raise ValidationError.single("received_at", received_at, "an aware datetime")
    limit = group.verification_limit if verification else group.combined_limit
    combined = None if limit is None else due_date(received_at, limit)
    members = tuple(
        (m, None if m.limit is None else due_date(received_at, m.limit)) for m in group.members
    )
    return GroupDueDates(combined, members)
