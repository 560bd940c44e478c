"""Decision 766/QĐ-TTg's scorecard as dated, cited data: groups, indicators, conversions.

The indicators, their maxima and their conversion to points are what the
national portal (Cổng Dịch vụ công quốc gia, DVCQG) computes, as transcribed
by the public project ChippedTopaz/qd766 from the administrators' formula
description (``Mô tả công thức tính chỉ số 766.docx``), the portal's METRICS
sheet (``Công thức 766.xlsx``) and scores fitted to the portal's answers. None
of it is legal text: every citation is *secondary*, and what the sources leave
open is a documented switch or an unresolved indicator.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from tthc._labels import LabelledEnum, Lang
from tthc.citations import Citation, Confidence
from tthc.errors import UnknownCodeError

__all__ = [
    "VERSIONS",
    "Basis",
    "Conversion",
    "ConversionKind",
    "Group",
    "Indicator",
    "ScorecardVersion",
    "ZeroDenominator",
    "version",
]

_REPO = "github.com/ChippedTopaz/qd766"
_DOC = "web/src/formula-document.ts@0a54bd2"  # the DOCX extracted paragraph by paragraph
_METRICS = "docs/metrics.m0.json@72417cd"  # the METRICS sheet (maxima)
_FIT = "docs/SCORING_ANALYSIS_M0.md@4b89c95"  # conversions fitted to the portal's scores
_MAX = "web/src/formula-maximums.ts@795e27e"  # payment split 2 + 2 + 6


class Group(LabelledEnum):
    """The six groups of the 2026 scorecard (the portal's API path in the docstrings)."""

    TRANSPARENCY = ("transparency", "Công khai, minh bạch", "Transparency")
    PROGRESS = ("progress", "Tiến độ giải quyết", "Progress of handling")
    ONLINE_SERVICE = ("online_service", "Dịch vụ công trực tuyến", "Online public services")
    DIGITISATION = ("digitisation", "Số hóa hồ sơ", "Digitisation of dossiers")
    SATISFACTION = ("satisfaction", "Mức độ hài lòng", "Satisfaction")
    ONLINE_PAYMENT = ("online_payment", "Thanh toán trực tuyến", "Online payment")


class Basis(LabelledEnum):
    """What an indicator counts: dossiers, procedures, petitions, or data tthc does not hold."""

    DOSSIERS = ("dossiers", "Hồ sơ", "Dossiers")
    PROCEDURES = ("procedures", "Thủ tục hành chính", "Procedures")
    FEEDBACK = ("feedback", "Phản ánh, kiến nghị", "Petitions (PAKN)")
    OTHER = ("other", "Dữ liệu khác", "Other data")


class ConversionKind(enum.Enum):
    """How a fraction becomes points."""

    #: ``maximum × min(1, fraction)``
    LINEAR = "linear"
    #: ``maximum × min(1, fraction / target)``: full marks from ``target``
    THRESHOLD = "threshold"
    #: no points (tracked indicator, maximum 0 or none)
    TRACKED = "tracked"
    #: the sources do not say how points are given
    UNRESOLVED = "unresolved"


class ZeroDenominator(enum.Enum):
    """What an indicator scores when nothing is in its scope (denominator 0)."""

    NOT_COMPUTABLE = "not_computable"
    FULL = "full"
    ZERO = "zero"


@attrs.frozen
class Conversion:
    """The conversion of a fraction to points, with where it was read."""

    kind: ConversionKind
    target: float = 1.0
    zero: ZeroDenominator = ZeroDenominator.NOT_COMPUTABLE
    citation: Citation | None = None

    def points(self, maximum: float, fraction: float) -> float:
        """Points for ``fraction`` (0–1) out of ``maximum``; always within ``[0, maximum]``."""
        if self.kind is ConversionKind.THRESHOLD:
            return maximum * min(1.0, max(0.0, fraction) / self.target)
        return maximum * min(1.0, max(0.0, fraction))


@attrs.frozen
class Indicator:
    """One indicator of a scorecard version.

    ``id`` is the number in the formula description (``"2.1"``; ``"3.0"`` and
    ``"4.6"`` for METRICS rows the description has no number for);
    ``metric_code`` the portal's code when it has one; ``maximum`` ``None``
    for an indicator tracked without points. ``conversion`` is the one fitted
    to the portal's scores (the default); ``described`` the one the
    description's notes state, when they differ.
    """

    id: str
    group: Group
    name_vi: str
    name_en: str
    basis: Basis
    numerator: str
    denominator: str
    scope: str
    maximum: float | None
    conversion: Conversion
    citation: Citation
    metric_code: str | None = None
    described: Conversion | None = None
    uncertain: str | None = None

    def name(self, lang: Lang = "vi") -> str:
        """The indicator's name in ``lang``."""
        return self.name_vi if lang == "vi" else self.name_en

    @property
    def confidence(self) -> Confidence:
        """How sure tthc is of the indicator (secondary for the whole 2026 table)."""
        return self.citation.confidence


@attrs.frozen
class ScorecardVersion:
    """One formula description: its indicators, group maxima and the date it was read."""

    id: str
    described_on: dt.date
    title: str
    indicators: tuple[Indicator, ...]
    citation: Citation

    def indicator(self, id: str) -> Indicator:
        """The indicator numbered ``id``; raises ``UnknownCodeError`` listing the known ones."""
        for item in self.indicators:
            if item.id == id:
                return item
        raise UnknownCodeError(id, f"the indicators of {self.id}", known=self.ids)

    @property
    def ids(self) -> list[str]:
        """The indicator numbers, in order."""
        return [i.id for i in self.indicators]

    def group_maximum(self, group: Group) -> float:
        """The points a group is worth (the sum of its indicators' maxima)."""
        return sum(i.maximum or 0.0 for i in self.indicators if i.group is group)

    @property
    def maximum(self) -> float:
        """The points the whole scorecard is worth (100 for the 2026 version)."""
        return sum(i.maximum or 0.0 for i in self.indicators)


def _doc(provision: str, note: str | None = None) -> Citation:
    return Citation.of(
        "Mô tả công thức tính chỉ số 766 (DVCQG administrators)",
        provision,
        Confidence.SECONDARY,
        note=note,
        source=f"{_REPO}, {_DOC}",
    )


def _fit(lines: str, note: str | None = None) -> Citation:
    return Citation.of(
        "Scores fitted to the portal's API (Phú Thọ, 26/9/2026, within 0.015 points)",
        lines,
        Confidence.SECONDARY,
        note=note,
        source=f"{_REPO}, {_FIT}",
    )


def _linear(zero: ZeroDenominator, lines: str) -> Conversion:
    return Conversion(ConversionKind.LINEAR, zero=zero, citation=_fit(lines))


def _threshold(target: float, zero: ZeroDenominator, citation: Citation) -> Conversion:
    return Conversion(ConversionKind.THRESHOLD, target, zero, citation)


_NA = ZeroDenominator.NOT_COMPUTABLE
_TRACKED = Conversion(ConversionKind.TRACKED)
_UNRESOLVED = Conversion(
    ConversionKind.UNRESOLVED,
    citation=_fit("lines 107-117", "the online-service points were not reproduced"),
)
_ZERO_NOTE = (
    "denominator 0: the description says 'show 0 or N/A' (notes of the indicator), so "
    "tthc says not computable"
)

_INDICATORS_2026: tuple[Indicator, ...] = (
    Indicator(
        "1.1",
        Group.TRANSPARENCY,
        "Tỷ lệ thủ tục hành chính công bố đúng hạn",
        "Procedures announced on time",
        Basis.PROCEDURES,
        "procedures whose announcing decision was signed in time (Procedure.announced_on_time)",
        "procedures announced in the period (the procedures passed)",
        "the procedures passed; a province's announcing decision is on time 5 working days "
        "before the legal basis takes effect, a ministry's 20",
        6.0,
        _linear(_NA, "lines 24-32"),
        _doc("indicator 1.1, lines 14-24", _ZERO_NOTE),
        metric_code="PUBLISH_ON_TIME",
    ),
    Indicator(
        "1.2",
        Group.TRANSPARENCY,
        "Tỷ lệ thủ tục hành chính được cập nhật, công khai đúng hạn",
        "Procedures published on the national database on time",
        Basis.PROCEDURES,
        "procedures published on the national TTHC database in time (Procedure.published_on_time)",
        "procedures to publish in the period (the procedures passed)",
        "the procedures passed; a province publishes within 5 working days of the announcing "
        "decision, a ministry within 10",
        4.0,
        _linear(_NA, "lines 24-32"),
        _doc("indicator 1.2, lines 40-58", _ZERO_NOTE),
        metric_code="PUBLIC_UPDATE_ON_TIME",
    ),
    Indicator(
        "1.3",
        Group.TRANSPARENCY,
        "Tỷ lệ thủ tục hành chính được công khai có đầy đủ các nội dung quy định về các bộ "
        "phận tạo thành của thủ tục hành chính",
        "Procedures published with every mandatory part",
        Basis.PROCEDURES,
        "procedures whose record has (a) name, (b) steps, (c) methods, (d) dossier "
        "components, (đ) time limit, (e) applicants, (g) implementing agency (Decree "
        "63/2010/NĐ-CP Art. 8(2))",
        "procedures publicly listed (the procedures passed)",
        "the procedures passed, whatever the period (the indicator is not time-bound)",
        2.0,
        _linear(_NA, "lines 24-32"),
        _doc("indicator 1.3, lines 74-86", _ZERO_NOTE),
        metric_code="PUBLIC_CONTENT_FULL",
        uncertain="forms, declarations and result templates are not checked (line 83)",
    ),
    Indicator(
        "1.4",
        Group.TRANSPARENCY,
        "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia",
        "Dossiers synchronised to the national portal",
        Basis.DOSSIERS,
        "dossiers received in the period whose status was synchronised (Dossier.synced_to_portal)",
        "dossiers received in the period",
        "the log passed",
        6.0,
        _linear(_NA, "lines 24-32"),
        _doc("indicator 1.4, lines 102-110", _ZERO_NOTE),
        metric_code="DOSSIER_SYNC",
        uncertain="the portal's denominator is the larger of the national reporting system's "
        "and the portal's counts (line 104); tthc only has the log",
    ),
    Indicator(
        "2.1",
        Group.PROGRESS,
        "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
        "Dossiers handled early or on time",
        Basis.DOSSIERS,
        "dossiers finished early or on time, and dossiers open within time at the end of "
        "the period",
        "dossiers received or handled in the period (received by its end, not finished "
        "before its start)",
        "the log passed; a dossier stopped or withdrawn is finished at the stop (switch "
        "stopped='excluded' to leave it out, as tthc.dossiers.Metrics does)",
        20.0,
        _linear(_NA, "lines 34-42 (denominator 0 not observed)"),
        _doc("indicator 2.1, lines 126-137"),
        uncertain="a dossier waiting for a supplement counts as finished at the request in the "
        "portal (line 129); tthc keeps the clock stopped, as the one-stop rules say",
    ),
    Indicator(
        "3.0",
        Group.ONLINE_SERVICE,
        "Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình trên tổng số hồ sơ thủ tục hành "
        "chính đủ điều kiện cung cấp toàn trình",
        "Full-online dossiers of procedures eligible for a full online service",
        Basis.DOSSIERS,
        "dossiers received online in the period under a full online service",
        "dossiers received in the period of procedures eligible for a full online service "
        "(Procedure.full_online_eligible)",
        "the log passed",
        12.0,
        _UNRESOLVED,
        Citation.of(
            "METRICS sheet of 'Công thức 766.xlsx' (DVCQG)",
            "row 7",
            Confidence.SECONDARY,
            source=f"{_REPO}, {_METRICS}",
        ),
        uncertain="how the 12 points are given is unknown: the fitted analysis failed "
        "(SCORING_ANALYSIS_M0 lines 107-117); tthc gives the fraction, no points",
    ),
    Indicator(
        "3.1",
        Group.ONLINE_SERVICE,
        "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
        "Procedures offered as an online public service",
        Basis.PROCEDURES,
        "procedures with a full or partial online service (Procedure.online_service.mode)",
        "the procedures passed",
        "the procedures passed",
        None,
        _TRACKED,
        _doc("indicator 3.1, lines 175-176"),
        described=_threshold(0.8, _NA, _doc("indicator 3.1, notes, lines 195-197")),
        uncertain="tracked with no maximum of its own in the METRICS sheet (row 8)",
    ),
    Indicator(
        "3.3",
        Group.ONLINE_SERVICE,
        "Tỷ lệ hồ sơ TTHC nộp trực tuyến",
        "Dossiers filed online",
        Basis.DOSSIERS,
        "dossiers received online in the period, with an electronic result when the "
        "procedure's result is a paper document",
        "dossiers received in the period",
        "the log passed",
        None,
        _TRACKED,
        _doc("indicator 3.3, lines 238-240"),
        described=_threshold(0.5, _NA, _doc("indicator 3.3, notes, lines 247-249")),
        uncertain="the portal multiplies by the synchronisation rate (line 238)",
    ),
    Indicator(
        "4.1",
        Group.DIGITISATION,
        "Tỷ lệ hồ sơ thủ tục hành chính có cấp kết quả giải quyết thủ tục hành chính điện tử",
        "Dossiers with an electronic result",
        Basis.DOSSIERS,
        "finished dossiers with an electronic result (Dossier.electronic_result)",
        "dossiers received in the period and finished, of procedures whose result is a "
        "paper document (Procedure.paper_result)",
        "the log passed",
        6.0,
        _linear(_NA, "lines 69-75"),
        _doc("indicator 4.1, lines 314-316", _ZERO_NOTE),
        metric_code="ORIGINAL_RESULT_AVAILABLE",
        uncertain="the description's denominator counts every dossier of those procedures "
        "(line 316), the METRICS sheet (row 12) the finished ones: tthc follows the sheet",
    ),
    Indicator(
        "4.2",
        Group.DIGITISATION,
        "Tỷ lệ hồ sơ thủ tục hành chính thực hiện số hóa hồ sơ",
        "Dossiers digitised",
        Basis.DOSSIERS,
        "dossiers whose components were digitised (Dossier.components_digitised) and, for a "
        "procedure with a paper result, with an electronic result",
        "dossiers received in the period",
        "the log passed",
        4.0,
        _linear(_NA, "lines 69-75"),
        _doc("indicator 4.2, lines 337-347", _ZERO_NOTE),
        metric_code="SO_HOA_GIAY_TO_GIAI_QUYET",
        described=_threshold(0.8, _NA, _doc("indicator 4.2, notes, lines 353-355")),
        uncertain="the description gives full marks from 80% (conversion='described'); the "
        "scores fitted to the portal do not",
    ),
    Indicator(
        "4.3",
        Group.DIGITISATION,
        "Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa",
        "Dossiers reusing digitised data",
        Basis.DOSSIERS,
        "dossiers with a component marked as reusing digitised data (Dossier.data_reused)",
        "dossiers received in the period",
        "the log passed",
        2.0,
        _threshold(0.8, _NA, _fit("lines 77-81")),
        _doc("indicator 4.3, lines 366-372", _ZERO_NOTE),
        metric_code="REUSED_DIGITIZED_DATA",
    ),
    Indicator(
        "4.4",
        Group.DIGITISATION,
        "Tỷ lệ hồ sơ TTHC được số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng",
        "Digitised dossiers linked to the applicant's store on the portal",
        Basis.DOSSIERS,
        "dossiers with a component taken from, or the e-result linked to, the applicant's "
        "store on the portal (Dossier.linked_to_personal_store)",
        "dossiers received in the period",
        "the log passed",
        4.0,
        _linear(_NA, "lines 69-75, 83-86"),
        _doc("indicator 4.4, lines 395-401", _ZERO_NOTE),
        metric_code="SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
        uncertain="only a 0% rate was observed, so the slope is not confirmed (SCORING lines "
        "83-86)",
    ),
    Indicator(
        "4.5a",
        Group.DIGITISATION,
        "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết TTHC",
        "Procedures connected to the population database",
        Basis.PROCEDURES,
        "procedures with a dossier in the period that used population data "
        "(Dossier.population_data_used)",
        "procedures whose applicants include 'Công dân Việt Nam', 'Người Việt Nam định cư ở "
        "nước ngoài' or 'Người nước ngoài' (Procedure.applicants)",
        "the procedures passed",
        2.0,
        _linear(_NA, "lines 69-75"),
        _doc("indicator 4.5, lines 415-419", _ZERO_NOTE),
        metric_code="CITIZEN_DATA_CONNECTED_FORMALITY",
    ),
    Indicator(
        "4.5b",
        Group.DIGITISATION,
        "Tỷ lệ hồ sơ TTHC sử dụng thông tin, dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư",
        "Dossiers using population data",
        Basis.DOSSIERS,
        "dossiers that used population data (Dossier.population_data_used)",
        "dossiers received in the period",
        "the log passed",
        2.0,
        _linear(_NA, "lines 69-75"),
        _doc("indicator 4.5, line 424", _ZERO_NOTE),
        metric_code="CITIZEN_DATA_CONNECTED_DOSSIER",
    ),
    Indicator(
        "4.6",
        Group.DIGITISATION,
        "Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
        "Communes offering electronic certified copies",
        Basis.OTHER,
        "communes offering electronic certified copies from originals",
        "communes of the province",
        "a list of communes, not dossiers or procedures",
        2.0,
        _linear(_NA, "lines 69-75"),
        Citation.of(
            "METRICS sheet of 'Công thức 766.xlsx' (DVCQG)",
            "row 13",
            Confidence.SECONDARY,
            source=f"{_REPO}, {_METRICS}",
        ),
        metric_code="ELECTRONIC_CERTIFIED_COPY",
        uncertain="not computable from a dossier log: it counts communes",
    ),
    Indicator(
        "5.1",
        Group.SATISFACTION,
        "Tỷ lệ phản ánh, kiến nghị theo phân loại",
        "Petitions about regulations and procedures",
        Basis.FEEDBACK,
        "petitions classified as about regulations, policies or procedures",
        "petitions received in the period",
        "the petitions passed",
        None,
        _TRACKED,
        _doc("indicator 5.1, line 443"),
        metric_code="PETITION_CLASSIFICATION_TTHC",
        uncertain="maximum 0: tracked only (METRICS rows 20-21)",
    ),
    Indicator(
        "5.2",
        Group.SATISFACTION,
        "Tiến độ xử lý phản ánh, kiến nghị",
        "Petitions handled on time",
        Basis.FEEDBACK,
        "petitions handled within 15 working days of receipt, and petitions pending within "
        "15 working days at the end of the period",
        "petitions received or handled in the period",
        "the petitions passed",
        6.0,
        Conversion(ConversionKind.LINEAR, zero=ZeroDenominator.FULL, citation=_fit("lines 53-63")),
        _doc("indicator 5.2, lines 461-476"),
        metric_code="PETITION_PROCESSING_ON_TIME",
        uncertain="refusals (2 working days) and supplement requests (5) have their own "
        "deadlines (lines 465-470); tthc's Feedback does not record them. With no "
        "petitions the METRICS sheet (row 23) splits these points over two other "
        "indicators; tthc follows the fitted scores (6 points)",
    ),
    Indicator(
        "5.3",
        Group.SATISFACTION,
        "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị",
        "Satisfaction with the handling of petitions",
        Basis.FEEDBACK,
        "petitions received in the period, minus those rated unsatisfied or handled late",
        "petitions first received in the period",
        "the petitions passed",
        6.0,
        Conversion(ConversionKind.LINEAR, zero=ZeroDenominator.FULL, citation=_fit("lines 53-63")),
        _doc("indicator 5.3, lines 493-498"),
        metric_code="PETITION_HANDLING_SATISFACTION",
        uncertain="a petition repeated later with an unsatisfied content also counts (line "
        "497); tthc cannot see it",
    ),
    Indicator(
        "5.4",
        Group.SATISFACTION,
        "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC",
        "Satisfaction with the receipt and handling of dossiers",
        Basis.DOSSIERS,
        "dossiers received in the period, minus those finished late, with a petition, or "
        "rated unsatisfied",
        "dossiers received in the period",
        "the log passed; switch overdue='late_or_open' to count dossiers still open past "
        "their due date as late",
        6.0,
        _threshold(0.9, ZeroDenominator.ZERO, _fit("lines 46-51")),
        _doc("indicator 5.4, lines 516, 522-524"),
        metric_code="DOSSIER_RECEIVING_SATISFACTION",
    ),
    Indicator(
        "6.1",
        Group.ONLINE_PAYMENT,
        "Tỷ lệ TTHC có yêu cầu nghĩa vụ tài chính được tích hợp thanh toán trực tuyến trên "
        "Cổng Dịch vụ công quốc gia",
        "Fee-bearing procedures integrated for online payment",
        Basis.PROCEDURES,
        "fee-bearing procedures with a dossier in the period whose fees were synchronised "
        "and non-zero (Dossier.synced_fee > 0)",
        "fee-bearing procedures (Procedure.fee_bearing)",
        "the procedures passed",
        2.0,
        _threshold(
            0.8,
            ZeroDenominator.ZERO,
            _fit("lines 90-104", "C; full marks from 80% as the description's notes say"),
        ),
        _doc("indicator 3.5, lines 260-263, notes lines 278-280"),
        uncertain="the fitted formula has 2.5 × C without a cap (SCORING line 101); tthc caps "
        "it at the 2-point maximum (formula-maximums.ts) as the 80% note implies",
    ),
    Indicator(
        "6.2",
        Group.ONLINE_PAYMENT,
        "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến",
        "Fee-bearing procedures with an online payment",
        Basis.PROCEDURES,
        "fee-bearing procedures with a dossier in the period paid online (Dossier.paid_online)",
        "fee-bearing procedures (Procedure.fee_bearing)",
        "the procedures passed",
        2.0,
        _threshold(0.8, ZeroDenominator.ZERO, _fit("lines 90-104", "B: min(2, 2.5 × B)")),
        Citation.of(
            "Payment maxima reconciled with the portal's charts",
            "3.5b",
            Confidence.SECONDARY,
            source=f"{_REPO}, {_MAX}",
        ),
        uncertain="the formula description has no text for this part",
    ),
    Indicator(
        "6.3",
        Group.ONLINE_PAYMENT,
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        "Dossiers paid online",
        Basis.DOSSIERS,
        "dossiers received in the period paid online (Dossier.paid_online)",
        "dossiers received in the period of fee-bearing procedures, minus those whose "
        "synchronised fees are all 0 (Dossier.synced_fee == 0)",
        "the log passed",
        6.0,
        Conversion(
            ConversionKind.LINEAR,
            zero=ZeroDenominator.ZERO,
            citation=_fit("lines 90-104", "A: 6 × A"),
        ),
        _doc("indicator 3.6, lines 292-299"),
    ),
)

#: Every scorecard version tthc ships, newest first.
VERSIONS: tuple[ScorecardVersion, ...] = (
    ScorecardVersion(
        "dvcqg-2026",
        dt.date(2026, 10, 7),
        "Bộ chỉ số 766 trên Cổng DVCQG, 2026 (6 nhóm, 100 điểm)",
        _INDICATORS_2026,
        Citation.of(
            "Decision 766/QĐ-TTg",
            None,
            Confidence.SECONDARY,
            note="of 23/6/2022; the 2026 indicator set and formulas as the national portal "
            "computes them, from the administrators' formula description (received "
            "3/10/2026, re-sent 7/10/2026) and the METRICS sheet; the 2022 annex was not read",
            source=f"{_REPO}: docs/FORMULA_REFERENCE_20261007.md, {_DOC}, {_METRICS}, {_FIT}",
        ),
    ),
)


def version(id: str | None = None) -> ScorecardVersion:
    """The scorecard version ``id`` (the newest when ``None``).

    >>> v = version()
    >>> v.id, v.maximum, len(v.indicators)
    ('dvcqg-2026', 100.0, 22)
    """
    if id is None:
        return VERSIONS[0]
    for item in VERSIONS:
        if item.id == id:
            return item
    raise UnknownCodeError(id, "the scorecard versions", known=[v.id for v in VERSIONS])
