"""Closed vocabularies of the national TTHC record.

Values are stable English snake_case strings (what JSON carries); each member
also has a Vietnamese and an English label (``.vi``, ``.en``, ``.label(lang)``).
"""

from __future__ import annotations

import enum

from tthc._labels import LabelledEnum

__all__ = [
    "AdministrativeTier",
    "Channel",
    "DocumentType",
    "FeeKind",
    "Legacy2011Level",
    "OnlineMode",
    "PartialReason",
    "ProactiveLevel",
    "ProcedureType",
    "TimeUnit",
]


class Channel(LabelledEnum):
    """How a dossier is filed or a result returned (cách thức thực hiện).

    Decree 61/2018/NĐ-CP Art. 16 and Decree 118/2025/NĐ-CP Art. 15: in person at
    the one-stop unit, through the public postal service (bưu chính công ích;
    also a hired service or an authorised person), or online.
    """

    IN_PERSON = ("in_person", "Trực tiếp", "In person")
    POSTAL = ("postal", "Dịch vụ bưu chính", "Public postal service")
    ONLINE = ("online", "Trực tuyến", "Online")


class TimeUnit(LabelledEnum):
    """The unit a time limit (thời hạn giải quyết) is stated in.

    The units never convert silently into one another: a working day is not a
    calendar day, and a working hour is counted only inside office hours.
    """

    WORKING_DAYS = ("working_days", "ngày làm việc", "working days")
    CALENDAR_DAYS = ("calendar_days", "ngày", "calendar days")
    WORKING_HOURS = ("working_hours", "giờ làm việc", "working hours")
    SAME_DAY = ("same_day", "trong ngày", "same day")
    MONTHS = ("months", "tháng", "months")
    #: Clock hours ("trong 24 giờ"): elapsed time from the receipt moment (Civil
    #: Code 2015 Art. 147(1)), not office hours (issue 20).
    HOURS = ("hours", "giờ", "hours")
    #: Half working days ("0,5 ngày làm việc", "nửa ngày làm việc"): the amount
    #: counts halves; half a day is half the office minutes of a day (issue 20).
    HALF_WORKING_DAYS = ("half_working_days", "nửa ngày làm việc", "half working days")


class AdministrativeTier(LabelledEnum):
    """The tier that implements a procedure (cấp thực hiện).

    Central, province, district and commune until 30/6/2025; the district tier
    was abolished on 1/7/2025 (Law on Organisation of Local Government
    72/2025/QH15). ``OTHER`` is for bodies outside the hierarchy (cơ quan khác).
    Validity windows and checks live in :mod:`tthc.levels`.
    """

    CENTRAL = ("central", "Cấp Bộ", "Central (ministry)")
    PROVINCE = ("province", "Cấp Tỉnh", "Province")
    DISTRICT = ("district", "Cấp Huyện", "District (until 30/6/2025)")
    COMMUNE = ("commune", "Cấp Xã", "Commune")
    OTHER = ("other", "Cơ quan khác", "Other agency")


class ProcedureType(LabelledEnum):
    """Kind of procedure as the national portal classifies it (loại thủ tục).

    Values mirror the portal API's ``ASSIGNED_REGULATION``, ``STANDARD``…; the
    Vietnamese labels are the ones the portal shows (seen in published portal
    clients). The labels of the last two were not seen and repeat the code.
    """

    ASSIGNED_REGULATION = (
        "assigned_regulation",
        "TTHC được luật giao quy định chi tiết",
        "Detailed by a law's delegation",
    )
    STANDARD = ("standard", "TTHC Tiêu chuẩn", "Standard")
    SPECIFIC = ("specific", "TTHC Đặc thù", "Specific")
    INTERCONNECTED = ("interconnected", "TTHC liên thông", "Interconnected")
    STANDARD_INTERNAL = ("standard_internal", "TTHC nội bộ", "Internal")
    INTERCONNECTED_INTERNAL = (
        "interconnected_internal",
        "TTHC nội bộ liên thông",
        "Internal, interconnected",
    )
    LOCAL_REGULATION = ("local_regulation", "LOCAL_REGULATION", "Set by a local authority")
    CENTRAL_REGULATION = ("central_regulation", "CENTRAL_REGULATION", "Set by a central authority")


class FeeKind(LabelledEnum):
    """Phí (a fee for a service) or lệ phí (a charge).

    Law on Fees and Charges 97/2015/QH13, Art. 3.
    """

    FEE = ("fee", "Phí", "Fee")
    CHARGE = ("charge", "Lệ phí", "Charge")


class DocumentType(LabelledEnum):
    """The kind of a Vietnamese legal or administrative document, from its number.

    The code in the number (``NĐ`` in ``61/2018/NĐ-CP``) gives the kind; a number
    ending ``/QHnn`` is a law or a resolution of the National Assembly.
    """

    LAW = ("law", "Luật / Nghị quyết của Quốc hội", "Law or National Assembly resolution")
    STANDING_COMMITTEE = (
        "standing_committee",
        "Văn bản của Ủy ban Thường vụ Quốc hội",
        "National Assembly Standing Committee document",
    )
    DECREE = ("decree", "Nghị định", "Decree")
    CIRCULAR = ("circular", "Thông tư", "Circular")
    JOINT_CIRCULAR = ("joint_circular", "Thông tư liên tịch", "Joint circular")
    DECISION = ("decision", "Quyết định", "Decision")
    RESOLUTION = ("resolution", "Nghị quyết", "Resolution")
    DIRECTIVE = ("directive", "Chỉ thị", "Directive")
    NOTICE = ("notice", "Thông báo", "Notice")
    SUBMISSION = ("submission", "Tờ trình", "Submission")
    GUIDANCE = ("guidance", "Hướng dẫn", "Guidance")
    PLAN = ("plan", "Kế hoạch", "Plan")
    OFFICIAL_LETTER = ("official_letter", "Công văn", "Official letter")


class OnlineMode(LabelledEnum):
    """Full (toàn trình) or partial (một phần) online service.

    Decree 42/2022/NĐ-CP Art. 11; Decree 224/2026/NĐ-CP Art. 14.
    """

    FULL = ("full", "Toàn trình", "Full online")
    PARTIAL = ("partial", "Một phần", "Partially online")


class PartialReason(LabelledEnum):
    """Accepted reasons for offering a service only partially online.

    Decree 224/2026/NĐ-CP Art. 14.
    """

    PRESENCE_REQUIRED = (
        "presence_required",
        "Bắt buộc có mặt",
        "The applicant must be present",
    )
    ON_SITE_VERIFICATION = (
        "on_site_verification",
        "Phải kiểm tra, xác minh tại chỗ",
        "On-site verification is required",
    )
    TECHNICAL = ("technical", "Lý do kỹ thuật", "Technical reason")


class Legacy2011Level(enum.IntEnum):
    """Online public service levels 1–4 of Decree 43/2011/NĐ-CP Art. 3(4) (until 14/8/2022)."""

    LEVEL_1 = 1
    LEVEL_2 = 2
    LEVEL_3 = 3
    LEVEL_4 = 4


class ProactiveLevel(enum.IntEnum):
    """Levels 1–4 of proactive services (dịch vụ công chủ động), Decree 224/2026/NĐ-CP Art. 16."""

    LEVEL_1 = 1
    LEVEL_2 = 2
    LEVEL_3 = 3
    LEVEL_4 = 4
