"""A dossier (hồ sơ): one applicant's case under a procedure, and its timeline.

The dossier is a value: what was filed, how, and the events that happened to
it. The rules of the one-stop lifecycle (which event may follow which, the
clock, the forms) live in :mod:`tthc.dossiers`.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Any

import attrs

from tthc._labels import LabelledEnum
from tthc._validate import (
    as_tuple,
    bool_or_none,
    boolean,
    check_zone_offset,
    enum_member,
    int_at_least,
    non_empty_str,
    optional,
    str_or_none,
    tuple_of,
)
from tthc.errors import NaiveDatetimeError, ValidationError
from tthc.limits import MAX_YEAR, MIN_YEAR
from tthc.model._enums import Channel
from tthc.model._parts import Agency
from tthc.model._procedure import Procedure
from tthc.model._time_limit import TimeLimit

__all__ = [
    "ApplicantKind",
    "ComponentForm",
    "Dossier",
    "DossierCode",
    "DossierCodeScheme",
    "DossierEvent",
    "ExtensionGranted",
    "Feedback",
    "FeedbackTopic",
    "IntakeRefused",
    "IntakeSupplementRequested",
    "Received",
    "Refused",
    "ResultReady",
    "Returned",
    "SatisfactionRating",
    "StopReason",
    "Stopped",
    "Submitted",
    "SubmittedComponent",
    "SupplementRequested",
    "Supplemented",
    "Transferred",
]


class ApplicantKind(LabelledEnum):
    """Who files the dossier (đối tượng thực hiện)."""

    CITIZEN = ("citizen", "Công dân", "Citizen")
    ENTERPRISE = ("enterprise", "Doanh nghiệp", "Enterprise")
    ORGANISATION = ("organisation", "Tổ chức", "Organisation")
    FOREIGNER = ("foreigner", "Người nước ngoài", "Foreigner")


class ComponentForm(LabelledEnum):
    """In what form a document was filed."""

    ORIGINAL = ("original", "Bản chính", "Original")
    COPY = ("copy", "Bản sao", "Copy")
    CERTIFIED_COPY = ("certified_copy", "Bản sao có chứng thực", "Certified copy")
    ELECTRONIC = ("electronic", "Bản điện tử", "Electronic")


class StopReason(LabelledEnum):
    """Why handling stopped before a decision.

    Decree 118/2025/NĐ-CP Art. 21: at the applicant's request (rút hồ sơ);
    sector laws also let the agency stop (e.g. Decree 101/2024/NĐ-CP Art.
    19(2) for land: an injunction, a dispute, a distraint order).
    """

    APPLICANT_REQUEST = ("applicant_request", "Theo đề nghị của người nộp", "Applicant's request")
    SECTOR_RULE = ("sector_rule", "Theo quy định pháp luật chuyên ngành", "Sector rule")


# --------------------------------------------------------------------------- #
# Dossier codes (mã số hồ sơ)
# --------------------------------------------------------------------------- #

# Circular 01/2018/TT-VPCP Art. 19: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX.
# ASCII digits only (re.ASCII): "١٢٣" is a Unicode digit but no dossier code.
_LEGACY = re.compile(
    r"(?P<agency>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?P<date>\d{6})-(?P<seq>\d{4,})", re.ASCII
)
# Circular 03/2025/TT-VPCP Art. 13 (cl. 3 added by Circular 04/2025/TT-VPCP):
# MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-[AA]XXXX, the sequence at least four digits.
_CURRENT = re.compile(
    r"(?P<agency>[A-Z]\d{2}\.\d{3}\.\d{2})-(?P<date>\d{6})-(?P<seq>\d{4,})", re.ASCII
)


class DossierCodeScheme(LabelledEnum):
    """The grammar a dossier code follows."""

    CIRCULAR_01_2018 = (
        "circular_01_2018",
        "Thông tư 01/2018/TT-VPCP, Điều 19",
        "Circular 01/2018/TT-VPCP, Art. 19",
    )
    CIRCULAR_03_2025 = (
        "circular_03_2025",
        "Thông tư 03/2025/TT-VPCP, Điều 13",
        "Circular 03/2025/TT-VPCP, Art. 13",
    )


def _check_dossier_code(_instance: Any, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not (_LEGACY.fullmatch(value) or _CURRENT.fullmatch(value)):
        raise ValidationError.single(
            "value",
            value,
            "a dossier code 'V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX' (Circular 01/2018/TT-VPCP "
            "Art. 19, e.g. '000.00.01.H29-240115-0001') or 'MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-XXXX' "
            "(Circular 03/2025/TT-VPCP Art. 13)",
            what="DossierCode",
        )
    match = _LEGACY.fullmatch(value) or _CURRENT.fullmatch(value)
    assert match is not None
    stamp = match["date"]
    try:
        dt.date(2000 + int(stamp[:2]), int(stamp[2:4]), int(stamp[4:]))
    except ValueError:
        raise ValidationError.single(
            "value", value, "a valid receipt date YYMMDD in the code", what="DossierCode"
        ) from None


@attrs.frozen(order=True)
class DossierCode:
    """A dossier code (mã số hồ sơ), issued on receipt for look-up.

    Two grammars are known: Circular 01/2018/TT-VPCP Art. 19
    (``000.00.01.H29-240115-0001``: agency, receipt date, daily sequence) and
    Circular 03/2025/TT-VPCP Art. 13 (``H29.123.45-260125-0001``; for
    centralised nationwide systems, cl. 3 added by Circular 04/2025/TT-VPCP,
    the sequence is prefixed with two digits of the system's owner). The
    sequence has at least four digits. The base grammar of Art. 13 cl. 1–2 was
    not read; it is taken to be the centralised one without the prefix.

    >>> code = DossierCode("000.00.01.H29-240115-0001")
    >>> code.agency_id, code.received_on, code.sequence, code.scheme.en
    ('000.00.01.H29', datetime.date(2024, 1, 15), '0001', 'Circular 01/2018/TT-VPCP, Art. 19')
    """

    value: str = attrs.field(validator=_check_dossier_code)

    def _match(self) -> re.Match[str]:
        match = _LEGACY.fullmatch(self.value) or _CURRENT.fullmatch(self.value)
        assert match is not None  # guaranteed by the validator
        return match

    @property
    def scheme(self) -> DossierCodeScheme:
        """Which circular's grammar the code follows."""
        if _LEGACY.fullmatch(self.value):
            return DossierCodeScheme.CIRCULAR_01_2018
        return DossierCodeScheme.CIRCULAR_03_2025

    @property
    def agency_id(self) -> str:
        """The electronic identifier of the receiving agency."""
        return self._match()["agency"]

    @property
    def received_on(self) -> dt.date:
        """The receipt date in the code (YYMMDD, years 2000–2099)."""
        stamp = self._match()["date"]
        return dt.date(2000 + int(stamp[:2]), int(stamp[2:4]), int(stamp[4:]))

    @property
    def sequence(self) -> str:
        """The sequence part as written (leading zeros kept)."""
        return self._match()["seq"]

    def __str__(self) -> str:
        return self.value


# --------------------------------------------------------------------------- #
# What was filed
# --------------------------------------------------------------------------- #


@attrs.frozen
class SubmittedComponent:
    """A document the applicant filed, matched to a component by name.

    ``reused_from_database`` marks a component not filed because the desk took
    its data from a national database (Decree 107/2021/NĐ-CP; Decree
    224/2026/NĐ-CP Art. 15(1)(d)); ``form`` is then ``ELECTRONIC``.
    """

    name: str = attrs.field(validator=non_empty_str)
    form: ComponentForm = attrs.field(
        default=ComponentForm.ORIGINAL, validator=enum_member(ComponentForm)
    )
    count: int = attrs.field(default=1, kw_only=True, validator=int_at_least(1))
    reused_from_database: bool = attrs.field(default=False, kw_only=True, validator=boolean)


# --------------------------------------------------------------------------- #
# Events
# --------------------------------------------------------------------------- #


# The instants a dossier may hold: the years a working calendar can count
# (tthc.limits.MIN_YEAR..MAX_YEAR), in Vietnamese time (UTC+07:00 throughout).
_EARLIEST = dt.datetime(MIN_YEAR, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
_LATEST = dt.datetime(MAX_YEAR + 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
_IN_RANGE = (
    f"a moment from {MIN_YEAR}-01-01 to {MAX_YEAR}-12-31 in Vietnamese time, the years a "
    "working calendar counts (tthc.limits.MIN_YEAR..MAX_YEAR)"
)


def check_moment(value: Any, name: str, what: str | None = None) -> None:
    """Refuse what is not an aware datetime the dossier clock can count (issue 19).

    Refused when the dossier is built, so that :func:`tthc.dossiers.status`,
    ``apply``, ``timeline`` and the evaluation never overflow on it:
    ``0001-01-01T00:00+14:00`` is year 0 in UTC, and a moment outside
    MIN_YEAR..MAX_YEAR has no working calendar. ``pandas.NaT`` (a datetime
    whose ``utcoffset()`` raises) is refused too.
    """
    expected = "a timezone-aware datetime (Asia/Ho_Chi_Minh)"
    if not isinstance(value, dt.datetime):
        raise ValidationError.single(name, value, expected, what=what)
    try:
        offset = value.utcoffset()
    except (TypeError, ValueError):
        raise ValidationError.single(name, value, expected, what=what) from None
    if offset is None:
        raise NaiveDatetimeError(name, value, what=what)
    check_zone_offset(value, name, what=what)
    if not _EARLIEST <= value < _LATEST:  # aware comparison: a timedelta, never an overflow
        raise ValidationError.single(name, value, _IN_RANGE, what=what)


def moment(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The attrs validator of every moment of a dossier (:func:`check_moment`)."""
    check_moment(value, attribute.name, type(instance).__name__)


def _unambiguous(value: Any) -> Any:
    """An aware moment in a DST zone's repeated hour, as a fixed offset (the same instant).

    Python compares such a moment unequal to the same instant in another zone
    (PEP 495), so a dossier would not load back equal from JSON; any other
    value is returned as it is, for the validator to judge.
    """
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return value
    try:
        offset = value.utcoffset()
        if offset is None or value.replace(fold=1 - value.fold).utcoffset() == offset:
            return value
        return value.astimezone(dt.timezone(offset))
    except (TypeError, ValueError, OverflowError):  # NaT, or past year 9999: the validator says
        return value


@attrs.frozen
class Submitted:
    """The applicant filed the dossier (nộp hồ sơ), through ``channel``."""

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    channel: Channel = attrs.field(validator=enum_member(Channel))


@attrs.frozen
class IntakeSupplementRequested:
    """At intake, the desk asked once, fully, for what is missing (Form 02).

    Decree 61/2018/NĐ-CP Art. 15(3); Decree 118/2025/NĐ-CP Art. 17(2)(a): the
    guidance is given once, in full ("trong một lần").
    """

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    items: tuple[str, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(str, non_empty=True)
    )


@attrs.frozen
class IntakeRefused:
    """The desk refused to receive the dossier, with reasons (Form 03)."""

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    reason: str = attrs.field(validator=non_empty_str)


@attrs.frozen
class Received:
    """The dossier was received complete (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Form 01).

    ``code`` is the dossier code issued; ``appointment`` the date promised on
    the slip, if recorded; ``agency_received_at`` when the competent agency
    received a dossier filed outside its area (Decree 118/2025/NĐ-CP Art.
    17(3) as amended by Decree 309/2026/NĐ-CP).
    """

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    code: DossierCode | None = attrs.field(
        default=None, kw_only=True, validator=optional(attrs.validators.instance_of(DossierCode))
    )
    appointment: dt.datetime | None = attrs.field(
        default=None, kw_only=True, converter=_unambiguous, validator=optional(moment)
    )
    agency_received_at: dt.datetime | None = attrs.field(
        default=None, kw_only=True, converter=_unambiguous, validator=optional(moment)
    )


@attrs.frozen
class Transferred:
    """The dossier moved between agencies (liên thông; process control slip)."""

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    to_agency: Agency = attrs.field(validator=attrs.validators.instance_of(Agency))
    from_agency: Agency | None = attrs.field(
        default=None, kw_only=True, validator=optional(attrs.validators.instance_of(Agency))
    )


@attrs.frozen
class SupplementRequested:
    """After acceptance, the agency asked for the dossier to be completed (Form 02).

    Decree 61/2018/NĐ-CP Art. 19(4): within 3 working days of receipt; the
    time limit is counted again once the complete dossier arrives. ``items``
    lists what is asked for (empty when only the clock matters).
    """

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    items: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str))


@attrs.frozen
class Supplemented:
    """The applicant completed the dossier."""

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)


@attrs.frozen
class ExtensionGranted:
    """An apology letter set a new date (Form 04; Decree 61/2018/NĐ-CP Art. 19(9)).

    At most once, and at least one day before the due date expires.
    ``reason`` is the reason given in the letter.
    """

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    new_due: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    reason: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)


@attrs.frozen
class ResultReady:
    """The competent agency produced the result."""

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)


@attrs.frozen
class Returned:
    """The result was handed to the applicant, through ``channel``."""

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    channel: Channel | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(Channel))
    )


@attrs.frozen
class Refused:
    """After appraisal, the agency refused in writing, with reasons (Decree 61/2018 Art. 19(8))."""

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    reason: str = attrs.field(validator=non_empty_str)


@attrs.frozen
class Stopped:
    """Handling stopped before a decision (Form 05 of Circular 03/2025/TT-VPCP).

    A withdrawal by the applicant is a stop with
    :attr:`StopReason.APPLICANT_REQUEST` (Decree 118/2025/NĐ-CP Art. 21).
    """

    at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    reason: StopReason = attrs.field(validator=enum_member(StopReason))
    note: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)


DossierEvent = (
    Submitted
    | IntakeSupplementRequested
    | IntakeRefused
    | Received
    | Transferred
    | SupplementRequested
    | Supplemented
    | ExtensionGranted
    | ResultReady
    | Returned
    | Refused
    | Stopped
)
_EVENT_TYPES: tuple[type, ...] = typing.get_args(DossierEvent)


# --------------------------------------------------------------------------- #
# Satisfaction and feedback (the data of Decision 766/QĐ-TTg's group 5)
# --------------------------------------------------------------------------- #


class SatisfactionRating(LabelledEnum):
    """The applicant's rating of how a dossier (or a petition) was handled.

    The national portal records a like or a dislike (đánh giá hài lòng / không
    hài lòng); Decision 766/QĐ-TTg's receipt-satisfaction indicator counts the
    dislikes (tthc.scorecard, indicator 5.4).
    """

    SATISFIED = ("satisfied", "Hài lòng", "Satisfied")
    UNSATISFIED = ("unsatisfied", "Không hài lòng", "Unsatisfied")


class FeedbackTopic(LabelledEnum):
    """What a petition (phản ánh, kiến nghị, PAKN) is about, as the portal classifies it."""

    REGULATION = (
        "regulation",
        "Quy định, chính sách, thủ tục hành chính",
        "Regulation, policy or procedure",
    )
    STAFF_CONDUCT = (
        "staff_conduct",
        "Hành vi của cán bộ, công chức, viên chức",
        "Conduct of officials",
    )


def _check_handled(instance: Feedback, _attribute: Any, value: dt.datetime | None) -> None:
    if value is not None and value.astimezone(dt.UTC) < instance.received_at.astimezone(dt.UTC):
        raise ValidationError.single(
            "handled_at",
            value,
            f"a moment on or after received_at ({instance.received_at.isoformat()})",
            what="Feedback",
        )


@attrs.frozen
class Feedback:
    """A petition (phản ánh, kiến nghị, PAKN) about a dossier or its handling.

    - ``received_at``: when the agency first received it;
    - ``handled_at``: when its handling ended (the answer published or sent;
      ``None`` while pending);
    - ``topic``: the portal's classification, if known;
    - ``rating``: the petitioner's rating of the answer, if given.
    """

    received_at: dt.datetime = attrs.field(converter=_unambiguous, validator=moment)
    handled_at: dt.datetime | None = attrs.field(
        default=None, kw_only=True, validator=[optional(moment), _check_handled]
    )
    topic: FeedbackTopic | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(FeedbackTopic))
    )
    rating: SatisfactionRating | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(SatisfactionRating))
    )


def _check_fee(_instance: Any, _attribute: Any, value: Any) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValidationError.single(
            "synced_fee", value, "None or a non-negative integer amount in đồng", what="Dossier"
        )


def _check_events(instance: Dossier, _attribute: Any, value: Any) -> None:
    tuple_of(_EVENT_TYPES)(instance, attrs.fields(Dossier).events, value)
    # Compare instants, not wall clocks: two moments in one DST zone compare by
    # their naive values and ignore ``fold``, so convert to UTC first.
    for index in range(1, len(value)):
        if value[index].at.astimezone(dt.UTC) < value[index - 1].at.astimezone(dt.UTC):
            raise ValidationError.single(
                f"events[{index}].at",
                value[index].at,
                f"a moment on or after the previous event ({value[index - 1].at.isoformat()})",
                what="Dossier",
            )


@attrs.frozen
class Dossier:
    """A dossier (hồ sơ) filed under a procedure, with its timeline.

    - ``procedure``: the procedure record as it stood when the dossier was
      received (the version of the rules it is judged by);
    - ``channel``: how it was filed; ``return_channel``: how the result is
      to be returned (they may differ);
    - ``components``: what was filed; ``case``: which dossier case
      (trường hợp) of the procedure applies, by name (``None``: the first);
    - ``time_limit``: the limit that applies when it is not the ordinary one
      of the channel's method (e.g. the 5-working-day verification case of a
      marriage registration); ``None`` uses the ordinary one;
    - ``events``: the timeline, in time order. :func:`tthc.dossiers.apply`
      appends an event after checking that it may happen now.

    The facts Decision 766/QĐ-TTg's scorecard counts (:mod:`tthc.scorecard`)
    are optional; ``None`` means *not recorded*, which makes the indicators
    that need them "not computable", never 0:

    - ``synced_to_portal``: the dossier's status was synchronised to the
      national portal (DVCQG) (indicator 1.4);
    - ``electronic_result``: an electronic result with legal value was issued
      (kết quả giải quyết điện tử; 4.1);
    - ``components_digitised``: the dossier's components were digitised
      (số hóa thành phần hồ sơ: files attached to the components; 4.2);
    - ``data_reused``: at least one component reused digitised data
      (tái sử dụng dữ liệu số hóa; 4.3);
    - ``linked_to_personal_store``: a component was taken from, or the
      e-result linked to, the applicant's store on the portal (kho dữ liệu cá
      nhân; 4.4);
    - ``population_data_used``: data from the national population database
      (VNeID-authenticated account or data taken from it; 4.5);
    - ``paid_online``: the fees were paid online (group 6);
    - ``synced_fee``: the fees and charges synchronised with the portal, in
      integer đồng (``0``: every fee listed is 0; group 6);
    - ``rating``: the applicant's rating (5.4);
    - ``feedback``: the petitions (PAKN) about the dossier; ``()`` = none,
      ``None`` = not recorded (5.2–5.4).

    >>> from tthc import catalogue
    >>> d = Dossier(procedure=catalogue.get("1.004222"), channel=Channel.ONLINE)
    >>> d.events, d.code
    ((), None)
    """

    procedure: Procedure = attrs.field(validator=attrs.validators.instance_of(Procedure))
    channel: Channel = attrs.field(validator=enum_member(Channel))
    return_channel: Channel | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(Channel))
    )
    applicant_kind: ApplicantKind = attrs.field(
        default=ApplicantKind.CITIZEN, kw_only=True, validator=enum_member(ApplicantKind)
    )
    case: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    components: tuple[SubmittedComponent, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(SubmittedComponent)
    )
    agency: Agency | None = attrs.field(
        default=None, kw_only=True, validator=optional(attrs.validators.instance_of(Agency))
    )
    time_limit: TimeLimit | None = attrs.field(
        default=None, kw_only=True, validator=optional(attrs.validators.instance_of(TimeLimit))
    )
    events: tuple[DossierEvent, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=_check_events
    )
    synced_to_portal: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)
    electronic_result: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)
    components_digitised: bool | None = attrs.field(
        default=None, kw_only=True, validator=bool_or_none
    )
    data_reused: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)
    linked_to_personal_store: bool | None = attrs.field(
        default=None, kw_only=True, validator=bool_or_none
    )
    population_data_used: bool | None = attrs.field(
        default=None, kw_only=True, validator=bool_or_none
    )
    paid_online: bool | None = attrs.field(default=None, kw_only=True, validator=bool_or_none)
    synced_fee: int | None = attrs.field(default=None, kw_only=True, validator=_check_fee)
    rating: SatisfactionRating | None = attrs.field(
        default=None, kw_only=True, validator=optional(enum_member(SatisfactionRating))
    )
    feedback: tuple[Feedback, ...] | None = attrs.field(
        default=None,
        kw_only=True,
        converter=attrs.converters.optional(as_tuple),
        validator=optional(tuple_of(Feedback)),
    )

    @property
    def code(self) -> DossierCode | None:
        """The dossier code issued on receipt, if any."""
        for event in self.events:
            if isinstance(event, Received):
                return event.code
        return None

    @property
    def received_at(self) -> dt.datetime | None:
        """When the dossier was received complete (Form 01), if it was."""
        for event in self.events:
            if isinstance(event, Received):
                return event.at
        return None
