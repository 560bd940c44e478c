"""Parts of a procedure record: fees, methods, dossier components and cases, agencies."""

from __future__ import annotations

import re
from typing import Any

import attrs

from tthc._validate import (
    as_tuple,
    boolean,
    enum_member,
    int_at_least,
    non_empty_str,
    optional,
    str_or_none,
    tuple_of,
)
from tthc.errors import ValidationError
from tthc.model._codes import LegalReference
from tthc.model._enums import AdministrativeTier, Channel, FeeKind
from tthc.model._time_limit import TimeLimit

__all__ = ["Agency", "DossierCase", "DossierComponent", "Fee", "Method"]


_CURRENCY = re.compile(r"[A-Z]{3}")


def _currency(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
        raise ValidationError.single(
            attribute.name, value, "an ISO 4217 currency code such as 'VND' or 'USD'", what="Fee"
        )


@attrs.frozen
class Fee:
    """A fee (phí) or charge (lệ phí) for a procedure, in whole đồng.

    Money is an ``int`` in whole units of ``currency`` (``"VND"`` unless the
    source states another, e.g. ``"USD"`` for consular fees), never a float.
    ``condition`` says when this
    amount applies ("nộp hồ sơ trực tuyến"); ``exemptions`` lists who or what is
    exempt, each as published, and ``legal_basis`` the documents that set it.

    >>> fee = Fee(name="Lệ phí đăng ký thường trú", amount=20_000, kind=FeeKind.CHARGE)
    >>> fee.amount, fee.kind.vi
    (20000, 'Lệ phí')
    >>> Fee(name="Lệ phí", amount=10, currency="USD").currency
    'USD'
    """

    name: str = attrs.field(validator=non_empty_str)
    amount: int = attrs.field(validator=int_at_least(0))
    kind: FeeKind = attrs.field(default=FeeKind.CHARGE, validator=enum_member(FeeKind))
    currency: str = attrs.field(default="VND", kw_only=True, validator=_currency)
    condition: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    exemptions: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )
    legal_basis: tuple[LegalReference, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(LegalReference)
    )


def _check_time_limits(instance: Method, attribute: attrs.Attribute[Any], value: Any) -> None:
    tuple_of(TimeLimit)(instance, attribute, value)
    if value and value[0].condition is not None:
        raise ValidationError.single(
            "time_limits[0].condition",
            value[0].condition,
            "None: the first time limit is the ordinary case; conditional ones follow it",
            what="Method",
        )


@attrs.frozen
class Method:
    """One way of carrying out a procedure (cách thức thực hiện).

    The portal publishes, per channel of submission (hình thức nộp), the time
    limit, the fees and a description. ``time_limits`` holds the ordinary limit
    first, then conditional alternatives ("trường hợp … thì …"); it is empty
    when the record names the channel but its time limit was not published or
    could not be read (a portal page that lost the unit, "7").

    >>> m = Method(channel=Channel.ONLINE, time_limits=[TimeLimit.working_days(7)])
    >>> m.time_limit == TimeLimit.working_days(7)
    True
    """

    channel: Channel = attrs.field(validator=enum_member(Channel))
    time_limits: tuple[TimeLimit, ...] = attrs.field(
        converter=as_tuple, validator=_check_time_limits
    )
    fees: tuple[Fee, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Fee)
    )
    description: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)

    @property
    def time_limit(self) -> TimeLimit:
        """The ordinary time limit (the first one).

        Raises :class:`~tthc.errors.UnknownCodeError` when the method has none.
        """
        if not self.time_limits:
            from tthc.errors import UnknownCodeError

            raise UnknownCodeError("time limit", f"the {self.channel.value} method (none stated)")
        return self.time_limits[0]


@attrs.frozen
class DossierComponent:
    """A document in a dossier (thành phần hồ sơ).

    ``originals`` (bản chính), ``copies`` (bản sao) and ``certified_copies``
    (bản sao có chứng thực) are the published quantities; ``None`` means the
    source does not state that count (a record with no "Số lượng", or one
    that could not be read), never a guessed 0 or 1. ``required`` is
    ``False`` for conditional components, whose ``condition`` says when they
    are needed. ``waivable_if_in_database`` marks a component the applicant need
    not file when its data can be taken from a national database (Decree
    107/2021/NĐ-CP; Decree 224/2026/NĐ-CP Art. 15(1)(d)); ``database`` names it.
    ``paper_only`` marks a document that must be filed or shown on paper and
    cannot be supplied electronically (which rules out a full-online service,
    Circular 01/2023/TT-VPCP criterion 6).

    >>> DossierComponent(name="Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", form="CT01").originals
    1
    """

    name: str = attrs.field(validator=non_empty_str)
    form: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    originals: int | None = attrs.field(
        default=1, kw_only=True, validator=optional(int_at_least(0))
    )
    copies: int | None = attrs.field(default=0, kw_only=True, validator=optional(int_at_least(0)))
    certified_copies: int | None = attrs.field(
        default=0, kw_only=True, validator=optional(int_at_least(0))
    )

    @property
    def counts_stated(self) -> bool:
        """Whether the source states every count (none of them is ``None``)."""
        return None not in (self.originals, self.copies, self.certified_copies)

    required: bool = attrs.field(default=True, kw_only=True, validator=boolean)
    condition: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    waivable_if_in_database: bool = attrs.field(default=False, kw_only=True, validator=boolean)
    database: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    paper_only: bool = attrs.field(default=False, kw_only=True, validator=boolean)


@attrs.frozen
class DossierCase:
    """A case (trường hợp) with its own list of dossier components.

    Many procedures publish one list; some publish several ("Trường hợp đăng ký
    khai sinh có yếu tố nước ngoài"). ``name`` is ``None`` for the only case.
    ``sets`` is the number of sets to file (số lượng hồ sơ: 01 bộ).
    """

    components: tuple[DossierComponent, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(DossierComponent)
    )
    name: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    sets: int = attrs.field(default=1, kw_only=True, validator=int_at_least(1))


@attrs.frozen
class Agency:
    """A state body named in a procedure record (cơ quan).

    ``code`` is its electronic identifier where published (mã định danh);
    ``tier`` the tier it belongs to, where known.
    """

    name: str = attrs.field(validator=non_empty_str)
    code: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    tier: AdministrativeTier | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(AdministrativeTier))
    )
