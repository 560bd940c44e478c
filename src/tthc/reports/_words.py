"""The words of the report: figure labels, unit headings, confidence, in Vietnamese and English."""

from __future__ import annotations

from tthc._labels import LabelledEnum, Lang
from tthc.model import AdministrativeTier, Channel

__all__ = ["BY_LABELS", "CONFIDENCE", "LABELS", "key_text"]

#: The label of each figure (the ``.figures`` column), in Vietnamese and English.
LABELS: dict[str, tuple[str, str]] = {
    "received": ("Hồ sơ tiếp nhận", "Dossiers received"),
    "in_person": ("Tiếp nhận trực tiếp", "Received in person"),
    "postal": ("Qua dịch vụ bưu chính công ích", "Through the public postal service"),
    "online": ("Tiếp nhận trực tuyến", "Received online"),
    "online_share": ("Tỷ lệ hồ sơ trực tuyến", "Online share"),
    "full_online_share": (
        "Tỷ lệ hồ sơ trực tuyến toàn trình (mức độ 4)",
        "Share of full online (level-4) dossiers",
    ),
    "procedures": ("Thủ tục hành chính", "Procedures"),
    "full_online_services": ("DVC trực tuyến toàn trình", "Full online services"),
    "partial_online_services": ("DVC trực tuyến một phần", "Partial online services"),
    "integrated": ("Tích hợp trên Cổng DVC quốc gia", "Integrated on the national portal"),
    "full_online": ("Hồ sơ trực tuyến toàn trình (mức độ 4)", "Full online (level-4) dossiers"),
    "early": ("Giải quyết trước hạn", "Resolved early"),
    "on_time": ("Giải quyết đúng hạn", "Resolved on time (on the due day)"),
    "digitised": ("Kết quả giải quyết được số hóa", "Results digitised"),
    "satisfied": ("Đánh giá hài lòng", "Satisfied ratings"),
    "resolved": ("Đã giải quyết", "Resolved"),
    "on_time_share": ("Giải quyết đúng hạn (kể cả trước hạn)", "Resolved in time (incl. early)"),
    "late": ("Trả quá hạn", "Returned late"),
    "open_overdue": ("Đang giải quyết, quá hạn", "Open, overdue"),
    "satisfaction": ("Mức độ hài lòng", "Satisfaction"),
    "digitised_share": ("Tỷ lệ số hóa kết quả giải quyết", "Results digitised"),
    "catalogue.full_online_service_share": (
        "Tỷ lệ TTHC cung cấp DVC trực tuyến toàn trình (mức độ 4)",
        "Procedures offered full online (level 4)",
    ),
    "catalogue.integrated_share": (
        "Tỷ lệ TTHC tích hợp trên Cổng DVC quốc gia",
        "Procedures integrated on the national portal",
    ),
}


#: Short labels of :class:`~tthc.citations.Confidence` for the targets table.
CONFIDENCE = {
    "primary": ("văn bản gốc", "primary text"),
    "secondary": ("nguồn thứ cấp", "secondary source"),
    "unconfirmed": ("chưa xác nhận", "unconfirmed"),
}


#: Headings of the usual ``by`` columns (others print as named).
BY_LABELS: dict[str, tuple[str, str]] = {
    "agency": ("Cơ quan", "Agency"),
    "tier": ("Cấp", "Tier"),
    "month": ("Tháng", "Month"),
    "channel": ("Kênh", "Channel"),
    "procedure": ("Thủ tục", "Procedure"),
}


def key_text(name: str, value: object, lang: Lang) -> str:
    """A unit's value as the reports print it (tiers and channels by label, months MM/YYYY)."""
    if value is None:
        return "—"
    text = str(value)
    enum_type: type[LabelledEnum] | None = {"tier": AdministrativeTier, "channel": Channel}.get(
        name
    )
    if enum_type is not None:
        for member in enum_type:
            if text in (member.value, member.vi, member.en):
                return member.label(lang)
    if name == "month" and len(text) == 7 and text[4] == "-":
        return f"{text[5:]}/{text[:4]}"
    return text
