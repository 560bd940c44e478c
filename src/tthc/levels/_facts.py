"""The plain facts the online-level classifier judges, and how a procedure record supplies them."""

from __future__ import annotations

from typing import Any

import attrs

from tthc._validate import bool_or_none, enum_member, optional
from tthc.errors import ValidationError
from tthc.model import (
    Channel,
    PartialReason,
    ProactiveLevel,
    Procedure,
)

__all__ = ["OnlineFacts"]


def _to_channels(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _check_channels(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, tuple):
        raise ValidationError.single(
            attribute.name, value, "None (unknown) or a tuple of Channel", what="OnlineFacts"
        )
    for index, item in enumerate(value):
        if not isinstance(item, Channel):
            allowed = ", ".join(f"Channel.{m.name}" for m in Channel)
            raise ValidationError.single(
                f"{attribute.name}[{index}]", item, f"one of {allowed}", what="OnlineFacts"
            )


def _tri() -> Any:
    return attrs.field(default=None, kw_only=True, validator=bool_or_none)


@attrs.frozen
class OnlineFacts:
    """What is true of an online public service, as far as is known.

    Every fact is tri-state: ``True``, ``False`` or ``None`` (unknown). An
    unknown fact never passes a criterion; the classification says "unknown"
    and names the fact, so a caller can find it out and pass it.

    - ``published``: the procedure is published on the national TTHC database
      (CSDLQG) and on the ministry or provincial processing system;
    - ``forms_downloadable``: its forms (mẫu đơn, tờ khai) can be downloaded,
      or it has none;
    - ``online_submission``: forms are filled in and submitted online, with a
      digital signature where a signature is required;
    - ``electronic_dossier``: the whole dossier can be sent electronically;
    - ``fee_applies``: a fee, charge or other financial obligation applies;
    - ``online_payment``: it can be paid online;
    - ``paper_required``: some document must be filed or shown on paper;
    - ``presence_required``: the applicant must appear in person;
    - ``on_site_verification``: the agency must verify on site;
    - ``electronic_result``: the result is issued electronically;
    - ``result_channels``: how the result can be returned (``None``: unknown);
    - ``partial_reason``: the published reason for offering the service only
      partially online (Decree 224/2026/NĐ-CP, Art. 14);
    - ``proactive_level``: the claimed level on the proactive scale
      (Decree 224/2026/NĐ-CP, Art. 16); judged by nobody here, carried along.

    Build one directly, or from a record with :meth:`from_procedure`.

    >>> facts = OnlineFacts(online_submission=True, presence_required=False)
    >>> facts.online_payment is None
    True
    """

    published: bool | None = _tri()
    forms_downloadable: bool | None = _tri()
    online_submission: bool | None = _tri()
    electronic_dossier: bool | None = _tri()
    fee_applies: bool | None = _tri()
    online_payment: bool | None = _tri()
    paper_required: bool | None = _tri()
    presence_required: bool | None = _tri()
    on_site_verification: bool | None = _tri()
    electronic_result: bool | None = _tri()
    result_channels: tuple[Channel, ...] | None = attrs.field(
        default=None, kw_only=True, converter=_to_channels, validator=_check_channels
    )
    partial_reason: PartialReason | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(PartialReason))
    )
    proactive_level: ProactiveLevel | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(ProactiveLevel))
    )

    @classmethod
    def full_online(cls, **overrides: Any) -> OnlineFacts:
        """Facts of a service that meets every toàn trình criterion, with ``overrides``.

        A convenient starting point for "what if" questions.

        >>> OnlineFacts.full_online(presence_required=True).presence_required
        True
        """
        base = cls(
            published=True,
            forms_downloadable=True,
            online_submission=True,
            electronic_dossier=True,
            fee_applies=False,
            online_payment=True,
            paper_required=False,
            presence_required=False,
            on_site_verification=False,
            electronic_result=True,
            result_channels=(Channel.ONLINE,),
        )
        return base.replacing(**overrides)

    def replacing(self, **changes: Any) -> OnlineFacts:
        """Return a copy with ``changes`` applied (validated); unknown names are refused.

        >>> OnlineFacts().replacing(colour="red")
        Traceback (most recent call last):
        ...
        tthc.errors.ValidationError: invalid OnlineFacts: colour: expected one of published, ...
        """
        names = [f.name for f in attrs.fields(OnlineFacts)]
        unknown = [k for k in changes if k not in names]
        if unknown:
            raise ValidationError.single(
                unknown[0], changes[unknown[0]], f"one of {', '.join(names)}", what="OnlineFacts"
            )
        return attrs.evolve(self, **changes)

    @classmethod
    def from_procedure(cls, procedure: Procedure, **overrides: Any) -> OnlineFacts:
        """Read the facts a procedure record states or implies, then apply ``overrides``.

        The record is not changed. How each fact is read:

        - ``published``: ``True``: a record with a national TTHC code is the
          publication on the national database (Decree 63/2010/NĐ-CP, Arts.
          24–25); whether the ministry or provincial system also publishes it is
          not in the record, so override with ``published=False`` if it is not;
        - ``forms_downloadable``: ``True``: the forms named in a published record
          are attached to it on the national portal ("Mẫu đơn, tờ khai"); override
          when they are not;
        - ``online_submission``: ``True`` if a method uses :attr:`Channel.ONLINE`,
          ``False`` if the record lists methods and none is online, else unknown;
        - ``electronic_dossier``: ``False`` without online submission or with a
          component marked ``paper_only``; ``True`` with online submission, a
          recorded dossier and no paper-only component; else unknown;
        - ``fee_applies``: from the fees of the online method (or of every method
          when there is none): ``True`` if any amount is above 0, ``False`` if the
          methods list no positive amount, unknown without methods;
        - ``online_payment``: ``online_service.online_payment``;
        - ``paper_required``: ``True`` if any dossier component (required or
          conditional) is ``paper_only``; ``False`` if a dossier is recorded and
          none is; unknown otherwise;
        - ``presence_required``, ``on_site_verification``, ``electronic_result``:
          the record's ``requires_presence``, ``requires_on_site_verification``
          and ``electronic_result``;
        - ``result_channels``: the record's ``result_channels``, or unknown when
          it lists none;
        - ``partial_reason``, ``proactive_level``: from ``online_service``.

        >>> from tthc.model import Procedure, Method, Channel, TimeLimit
        >>> p = Procedure(code="1.004222", name="Đăng ký thường trú",
        ...               methods=[Method(Channel.ONLINE, [TimeLimit.working_days(7)])])
        >>> facts = OnlineFacts.from_procedure(p, electronic_result=True)
        >>> facts.online_submission, facts.electronic_result, facts.presence_required
        (True, True, None)
        """
        if not isinstance(procedure, Procedure):
            raise ValidationError.single(
                "procedure", procedure, "a tthc.model.Procedure", what="OnlineFacts.from_procedure"
            )
        methods = procedure.methods
        channels = procedure.channels
        components = [c for case in procedure.dossier_cases for c in case.components]
        has_dossier = bool(components)
        any_paper = any(c.paper_only for c in components)

        online_submission: bool | None
        if Channel.ONLINE in channels:
            online_submission = True
        elif methods:
            online_submission = False
        else:
            online_submission = None

        electronic_dossier: bool | None
        if online_submission is False or any_paper:
            electronic_dossier = False
        elif online_submission and has_dossier:
            electronic_dossier = True
        else:
            electronic_dossier = None

        fee_methods = [m for m in methods if m.channel is Channel.ONLINE] or list(methods)
        fee_applies: bool | None
        if not fee_methods:
            fee_applies = None
        else:
            fee_applies = any(fee.amount > 0 for m in fee_methods for fee in m.fees)

        service = procedure.online_service
        facts = cls(
            published=True,
            forms_downloadable=True,
            online_submission=online_submission,
            electronic_dossier=electronic_dossier,
            fee_applies=fee_applies,
            online_payment=service.online_payment if service is not None else None,
            paper_required=True if any_paper else (False if has_dossier else None),
            presence_required=procedure.requires_presence,
            on_site_verification=procedure.requires_on_site_verification,
            electronic_result=procedure.electronic_result,
            result_channels=procedure.result_channels or None,
            partial_reason=service.partial_reason if service is not None else None,
            proactive_level=service.proactive_level if service is not None else None,
        )
        return facts.replacing(**overrides) if overrides else facts
