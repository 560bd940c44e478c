"""The procedure record, as the national TTHC database publishes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from tthc import _views
from tthc._validate import (
    as_tuple,
    bool_or_none,
    date_or_none,
    enum_member,
    non_empty_str,
    optional,
    tuple_of,
)
from tthc.errors import ValidationError
from tthc.model._codes import LegalReference, ProcedureCode
from tthc.model._enums import (
    AdministrativeTier,
    Channel,
    Legacy2011Level,
    OnlineMode,
    PartialReason,
    ProactiveLevel,
    ProcedureType,
)
from tthc.model._parts import Agency, DossierCase, Method
from tthc.model._time_limit import TimeLimit

__all__ = ["OnlineService", "Procedure"]


def _to_code(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return ProcedureCode(value)
        except ValidationError as e:
            raise ValidationError.single("code", value, e.problems[0].expected) from None
    return value


def _to_codes(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_to_code(v) for v in value)
    return value


def _to_reference(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return LegalReference(value)
        except ValidationError as e:
            raise e.prefixed("decision") from None
    return value


@attrs.frozen
class OnlineService:
    """What a procedure record claims about its online public service.

    These are the record's claims, as published; :func:`tthc.levels.classify`
    judges them against the facts and the regime in force.

    - ``code``: the service code (the procedure's code with a suffix, ``1.000894.01``);
    - ``mode``: full (toàn trình) or partial (một phần), Decree 42/2022/NĐ-CP Art. 11;
    - ``legacy_level``: level 1–4 of Decree 43/2011/NĐ-CP Art. 3(4), in older records;
    - ``proactive_level``: level 1–4 of Decree 224/2026/NĐ-CP Art. 16;
    - ``partial_reason``: why the service is only partial (Decree 224/2026 Art. 14);
    - ``online_payment``: whether fees can be paid online (``None``: not stated).
    """

    code: ProcedureCode | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_to_code,
        validator=optional(attrs.validators.instance_of(ProcedureCode)),
    )
    mode: OnlineMode | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(OnlineMode))
    )
    legacy_level: Legacy2011Level | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(Legacy2011Level))
    )
    proactive_level: ProactiveLevel | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(ProactiveLevel))
    )
    partial_reason: PartialReason | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(PartialReason))
    )
    online_payment: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)


def _check_validity(instance: Procedure, _attribute: Any, value: dt.date | None) -> None:
    if value is not None and instance.valid_from is not None and value < instance.valid_from:
        raise ValidationError.single(
            "valid_to",
            value,
            f"a date on or after valid_from ({instance.valid_from})",
            what="Procedure",
        )


@attrs.frozen
class Procedure:
    """An administrative procedure (thủ tục hành chính) as published.

    Mirrors the record of the national TTHC database (CSDLQG) and the
    components Decree 63/2010/NĐ-CP Art. 8 requires: name, steps (trình tự),
    methods (cách thức) with time limits and fees, dossier components,
    applicants (đối tượng), agencies, results, legal basis and conditions.
    Use :func:`tthc.model.check_procedure` for the completeness findings.

    Facts the online-level rules need and records often leave implicit are
    tri-state (``None`` = not stated): ``electronic_result`` (the result is
    issued electronically), ``requires_presence`` (the applicant must appear
    in person, e.g. both parties at a marriage registration, Law on Civil
    Status 60/2014/QH13 Art. 18) and ``requires_on_site_verification``.
    ``result_channels`` lists how results can be returned.

    Facts Decision 766/QĐ-TTg's scorecard counts (:mod:`tthc.scorecard`),
    ``None`` = not recorded: ``announced_on_time`` (the announcing decision
    was signed in time, indicator 1.1), ``published_on_time`` (published on
    the national TTHC database in time, 1.2), ``paper_result`` (the result
    must be issued as a paper document, văn bản, giấy tờ: the scope of 4.1),
    ``full_online_eligible`` (marked eligible for a full online service,
    đủ điều kiện toàn trình: the scope of group 3) and ``fee_bearing`` (the
    record lists non-zero fees or charges: the scope of group 6).

    All sequences are tuples; lists passed in are copied, never kept.

    >>> from tthc.model import Procedure, Method, Channel, TimeLimit
    >>> p = Procedure(
    ...     code="1.003197",
    ...     name="Xóa đăng ký thường trú",
    ...     methods=[Method(Channel.IN_PERSON, [TimeLimit.working_days(5)])],
    ... )
    >>> str(p.code), str(p.time_limit())
    ('1.003197', '5 ngày làm việc')
    """

    __repr__ = _views.short_repr  # short; the data: attrs.asdict / tthc.serialization
    _repr_html_ = _views.html  # the views live in tthc._display, above this value

    code: ProcedureCode = attrs.field(
        converter=_to_code, validator=attrs.validators.instance_of(ProcedureCode)
    )
    name: str = attrs.field(validator=non_empty_str)
    decision: LegalReference | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_to_reference,
        validator=optional(attrs.validators.instance_of(LegalReference)),
    )
    tiers: tuple[AdministrativeTier, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(AdministrativeTier)
    )
    procedure_type: ProcedureType | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(ProcedureType))
    )
    sector: str | None = attrs.field(default=None, kw_only=True, validator=optional(non_empty_str))
    steps: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )
    methods: tuple[Method, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Method)
    )
    dossier_cases: tuple[DossierCase, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(DossierCase)
    )
    applicants: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )
    implementing_agencies: tuple[Agency, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Agency)
    )
    competent_agencies: tuple[Agency, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Agency)
    )
    authorised_agencies: tuple[Agency, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Agency)
    )
    coordinating_agencies: tuple[Agency, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Agency)
    )
    receiving_address: str | None = attrs.field(
        default=None, kw_only=True, validator=optional(non_empty_str)
    )
    results: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )
    result_channels: tuple[Channel, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Channel)
    )
    electronic_result: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)
    requires_presence: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)
    requires_on_site_verification: bool | None = attrs.field(
        default=None, kw_only=True, validator=bool_or_none
    )
    legal_basis: tuple[LegalReference, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(LegalReference)
    )
    conditions: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )
    related: tuple[ProcedureCode, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_codes, validator=tuple_of(ProcedureCode)
    )
    online_service: OnlineService | None = attrs.field(
        default=None, kw_only=True, validator=optional(attrs.validators.instance_of(OnlineService))
    )
    valid_from: dt.date | None = attrs.field(default=None, kw_only=True, validator=date_or_none)
    valid_to: dt.date | None = attrs.field(
        default=None, kw_only=True, validator=[date_or_none, _check_validity]
    )
    replaced_by: tuple[ProcedureCode, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_codes, validator=tuple_of(ProcedureCode)
    )
    announced_on_time: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)
    published_on_time: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)
    paper_result: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)
    full_online_eligible: bool | None = attrs.field(
        default=None, kw_only=True, validator=bool_or_none
    )
    fee_bearing: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)

    @property
    def channels(self) -> tuple[Channel, ...]:
        """The channels of submission the record offers, in published order."""
        return tuple(dict.fromkeys(m.channel for m in self.methods))

    def method(self, channel: Channel) -> Method:
        """The method for ``channel``; raises ``UnknownCodeError`` if not offered."""
        for m in self.methods:
            if m.channel is channel:
                return m
        from tthc.errors import UnknownCodeError

        raise UnknownCodeError(
            channel.value, f"the methods of {self.code}", known=[c.value for c in self.channels]
        )

    def time_limit(self, channel: Channel | None = None) -> TimeLimit:
        """The ordinary time limit for ``channel`` (default: the first method that has one).

        Raises ``UnknownCodeError`` when the record has no method (or none for
        ``channel``), or no time limit there (a portal page can name a channel
        but not state its time limit).
        """
        if channel is not None:
            return self.method(channel).time_limit
        for method in self.methods:
            if method.time_limits:
                return method.time_limits[0]
        from tthc.errors import UnknownCodeError

        raise UnknownCodeError(
            "time limit", f"procedure {self.code} (none of its methods states one)"
        )

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the record is in force on ``day`` (by ``valid_from``/``valid_to``)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to
