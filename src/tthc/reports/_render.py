"""The report as a document: headings, sentences and tables in the register of the reports.

One document model (a list of :class:`~tthc.reports._markup.Block`) feeds
every output, so the Markdown, the HTML and the Word file say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from tthc._labels import Lang
from tthc.reports._markup import Block, to_html, to_markdown
from tthc.reports._text import count, date, more_than, percent, points
from tthc.reports._values import CatalogueCounts, Comparison, DossierFigures
from tthc.reports._words import BY_LABELS, CONFIDENCE, LABELS, key_text

if TYPE_CHECKING:
    from tthc.reports._report import Report

__all__ = ["Block", "blocks", "comparison_rows", "source", "to_html", "to_markdown", "verdict"]

T = TypeVar("T")


def _t(lang: Lang, vi: T, en: T) -> T:
    return vi if lang == "vi" else en


def _rounded(share: float) -> bool:
    """Whether the share is not a whole percentage (so "hơn 15%" says something)."""
    return more_than(share, "en").startswith("more")


def _catalogue(c: CatalogueCounts, report: Report, lang: Lang) -> list[Block]:
    end = date(report.period.end)
    out = [
        Block(
            _t(
                lang,
                f"Tổng số {count(c.procedures)} thủ tục hành chính còn hiệu lực đến ngày {end}, "
                f"trong đó {count(c.full_online)} dịch vụ công trực tuyến toàn trình và "
                f"{count(c.partial_online)} dịch vụ công trực tuyến một phần.",
                f"{count(c.procedures, 'en')} procedures in force on {end}, of which "
                f"{count(c.full_online, 'en')} full online services and "
                f"{count(c.partial_online, 'en')} partial online services.",
            )
        )
    ]
    if c.integrated is not None:
        out.append(
            Block(
                _t(
                    lang,
                    f"Đã tích hợp {count(c.integrated)}/{count(c.procedures)} thủ tục lên Cổng "
                    f"Dịch vụ công quốc gia, đạt {percent(c.integrated_share, digits=2)} "
                    f"({count(c.integrated_full or 0)} dịch vụ công trực tuyến toàn trình và "
                    f"{count(c.integrated_partial or 0)} dịch vụ công trực tuyến một phần).",
                    f"{count(c.integrated, 'en')} of {count(c.procedures, 'en')} procedures are "
                    f"integrated on the National Public Service Portal "
                    f"({percent(c.integrated_share, 'en', digits=2)}: "
                    f"{count(c.integrated_full or 0, 'en')} full and "
                    f"{count(c.integrated_partial or 0, 'en')} partial online services).",
                )
            )
        )
    return out


def _receipt(f: DossierFigures, lang: Lang) -> list[Block]:
    if not f.received:
        return [
            Block(
                _t(
                    lang,
                    "Trong kỳ báo cáo không tiếp nhận hồ sơ nào.",
                    "No dossier was received in the period.",
                )
            )
        ]
    if lang == "vi":
        text = (
            f"Trong kỳ báo cáo, tiếp nhận {count(f.received)} hồ sơ, trong đó: tiếp nhận trực "
            f"tiếp {count(f.in_person)} hồ sơ ({percent(f.in_person_share)}); qua dịch vụ bưu "
            f"chính công ích {count(f.postal)} hồ sơ ({percent(f.postal_share)}); trực tuyến "
            f"{count(f.online)} hồ sơ, chiếm {percent(f.online_share)}"
        )
        if f.online_share is not None and _rounded(f.online_share):
            text += f" ({more_than(f.online_share)})"
        text += "."
        if f.channel_not_stated:
            text += f" {count(f.channel_not_stated)} hồ sơ không ghi kênh tiếp nhận."
    else:
        text = (
            f"In the period, {count(f.received, 'en')} dossiers were received: "
            f"{count(f.in_person, 'en')} in person ({percent(f.in_person_share, 'en')}), "
            f"{count(f.postal, 'en')} through the public postal service "
            f"({percent(f.postal_share, 'en')}) and {count(f.online, 'en')} online, "
            f"{percent(f.online_share, 'en')}"
        )
        if f.online_share is not None and _rounded(f.online_share):
            text += f" ({more_than(f.online_share, 'en')})"
        text += "."
        if f.channel_not_stated:
            text += f" {count(f.channel_not_stated, 'en')} dossiers state no channel."
    out = [Block(text)]
    if f.full_online is not None:
        out.append(
            Block(
                _t(
                    lang,
                    f"Hồ sơ trực tuyến toàn trình (mức độ 4): {count(f.full_online)} hồ sơ trên "
                    f"tổng số {count(f.received)} hồ sơ tiếp nhận, đạt tỷ lệ "
                    f"{percent(f.full_online_share)} (tương đương "
                    f"{percent(f.full_online_share, digits=0)}).",
                    f"Full online (level-4) dossiers: {count(f.full_online, 'en')} of "
                    f"{count(f.received, 'en')} received ({percent(f.full_online_share, 'en')}, "
                    f"about {percent(f.full_online_share, 'en', digits=0)}).",
                )
            )
        )
    return out


def _results(f: DossierFigures, lang: Lang) -> list[Block]:
    if not f.received:
        return []
    share = f.on_time_share
    if lang == "vi":
        text = (
            f"Đã giải quyết và trả kết quả {count(f.resolved)} hồ sơ "
            f"({percent(f.resolved_share)} số hồ sơ tiếp nhận), trong đó trước hạn "
            f"{count(f.early)}, đúng hạn {count(f.on_time)}, quá hạn {count(f.late)} hồ sơ."
        )
        if share is not None:
            text += f" Tỷ lệ giải quyết đúng hạn {percent(share, digits=2)}"
            text += f" ({more_than(share)}); " if _rounded(share) else "; "
            text += (
                f"còn {count(f.late)} hồ sơ trả quá hạn."
                if f.late
                else "không có hồ sơ trả quá hạn."
            )
        text += (
            f" Đang giải quyết {count(f.open)} hồ sơ, trong đó {count(f.open_overdue)} hồ sơ "
            "đã quá hạn."
        )
        if f.stopped:
            text += f" {count(f.stopped)} hồ sơ dừng xử lý."
    else:
        text = (
            f"{count(f.resolved, 'en')} dossiers were resolved and returned "
            f"({percent(f.resolved_share, 'en')} of those received): {count(f.early, 'en')} "
            f"early, {count(f.on_time, 'en')} on time and {count(f.late, 'en')} late."
        )
        if share is not None:
            text += f" {percent(share, 'en', digits=2)} were resolved on time"
            text += f" ({more_than(share, 'en')})" if _rounded(share) else ""
            text += f"; {count(f.late, 'en')} were returned late."
        text += (
            f" {count(f.open, 'en')} are still being handled, {count(f.open_overdue, 'en')} "
            "of them overdue."
        )
        if f.stopped:
            text += f" {count(f.stopped, 'en')} were stopped."
    out = [Block(text)]
    if f.digitised is not None and f.digitised_of:
        tiers = "; ".join(
            f"{t.tier.label(lang).lower()} {percent(t.share, lang)} "
            f"({count(t.digitised, lang)}/{count(t.resolved, lang)})"
            for t in f.by_tier
        )
        out.append(
            Block(
                _t(
                    lang,
                    f"Số hóa kết quả giải quyết: {count(f.digitised)}/{count(f.digitised_of)} "
                    f"hồ sơ đã giải quyết ({percent(f.digitised_share)})"
                    + (f"; theo cấp: {tiers}." if tiers else "."),
                    f"Results digitised: {count(f.digitised, 'en')} of "
                    f"{count(f.digitised_of, 'en')} resolved dossiers "
                    f"({percent(f.digitised_share, 'en')})"
                    + (f"; by tier: {tiers}." if tiers else "."),
                )
            )
        )
    if f.satisfied is not None and f.rated:
        out.append(
            Block(
                _t(
                    lang,
                    f"Mức độ hài lòng: {count(f.satisfied)}/{count(f.rated)} lượt đánh giá hài "
                    f"lòng ({percent(f.satisfaction)}).",
                    f"Satisfaction: {count(f.satisfied, 'en')} of {count(f.rated, 'en')} "
                    f"ratings satisfied ({percent(f.satisfaction, 'en')}).",
                )
            )
        )
    return out


def verdict(c: Comparison, lang: Lang) -> str:
    """Met, not met (by how much) or no value; a later year's target says so."""
    p = c.progress
    if p.met is None:
        text = _t(lang, "Không có số liệu", "No value")
    elif p.met:
        text = _t(lang, "Đạt", "Met")
    else:
        text = _t(lang, "Chưa đạt", "Not met") + f" ({points(p.gap or 0.0, lang)})"
    if not c.in_force:
        text = _t(lang, f"Mục tiêu năm {p.year}, chưa đến hạn: ", f"Due in {p.year}: ") + (
            text[0].lower() + text[1:]
        )
    return text


def source(c: Comparison, lang: Lang) -> str:
    """The target's document, where it was read, and how sure tthc is."""
    citation = c.progress.target.citation
    parts = [str(citation.document)]
    if citation.source:
        parts.append(citation.source)
    return "; ".join(parts) + f" ({CONFIDENCE[citation.confidence.value][lang == 'en']})"


def comparison_rows(report: Report, lang: Lang) -> list[tuple[str, ...]]:
    """One row per figure and target (the table of :meth:`Report.to_markdown`)."""
    rows: list[tuple[str, ...]] = []
    for c in report.comparisons:
        p = c.progress
        label = LABELS[c.figure][0 if lang == "vi" else 1]
        if p.tier is not None:
            label += f" — {p.tier.label(lang).lower()}"
        scope = p.target.scope
        rows.append(
            (
                label,
                percent(p.value, lang),
                f"≥ {percent(p.minimum, lang)}",
                str(p.year),
                verdict(c, lang),
                _t(lang, "toàn quốc", "national") if scope is None else scope,
                source(c, lang),
            )
        )
    return rows


def _targets(report: Report, lang: Lang) -> list[Block]:
    year = report.year
    head = _t(
        lang,
        ("Chỉ tiêu", "Kết quả", "Mục tiêu", "Năm", "Đánh giá", "Phạm vi", "Nguồn (độ tin cậy)"),
        ("Figure", "Value", "Target", "Year", "Assessment", "Scope", "Source (confidence)"),
    )
    out: list[Block] = []
    without = [
        LABELS[key][0 if lang == "vi" else 1]
        for key in report.compared_figures()
        if not any(c.figure == key and c.in_force for c in report.comparisons)
    ]
    judged = [c for c in report.comparisons if c.in_force and c.met is not None]
    if judged:
        parts = []
        for c in judged:
            p = c.progress
            label = LABELS[c.figure][0 if lang == "vi" else 1]
            if p.tier is not None:
                label += f" ({p.tier.label(lang).lower()})"
            label = label[0].lower() + label[1:]
            scope = p.target.scope or _t(lang, "toàn quốc", "national")
            if lang == "vi":
                verdict_text = "đạt" if c.met else "chưa đạt"
                parts.append(
                    f"{label} {percent(p.value)}, {verdict_text} mục tiêu ≥ "
                    f"{percent(p.minimum)} ({scope})"
                )
            else:
                verdict_text = "meets" if c.met else "does not meet"
                parts.append(
                    f"{label} {percent(p.value, 'en')} {verdict_text} the target of ≥ "
                    f"{percent(p.minimum, 'en')} ({scope})"
                )
        out.append(
            Block(
                _t(lang, f"So với mục tiêu năm {year}: ", f"Against the targets of {year}: ")
                + "; ".join(parts)
                + "."
            )
        )
    if report.comparisons:
        out.append(Block(header=tuple(head), rows=tuple(comparison_rows(report, lang))))
    if without:
        out.append(
            Block(
                _t(
                    lang,
                    f"Chưa có mục tiêu của năm {year} (trong dữ liệu tthc) cho: "
                    + "; ".join(x[0].lower() + x[1:] for x in without)
                    + ".",
                    f"No target of {year} (in tthc's data) for: "
                    + "; ".join(x[0].lower() + x[1:] for x in without)
                    + ".",
                )
            )
        )
    return out


def _units(report: Report, lang: Lang) -> list[Block]:
    head = (
        *(BY_LABELS[b][lang == "en"] if b in BY_LABELS else b for b in report.by),
        *_t(
            lang,
            (
                "Tiếp nhận",
                "Trực tuyến",
                "Tỷ lệ trực tuyến",
                "Đã giải quyết",
                "Đúng hạn",
                "Quá hạn",
                "Đang giải quyết quá hạn",
            ),
            ("Received", "Online", "Online share", "Resolved", "On time", "Late", "Open, overdue"),
        ),
    )
    rows = []
    for unit in report.units[1:]:
        f = unit.figures
        rows.append(
            (
                *(key_text(n, v, lang) for n, v in zip(report.by, unit.key, strict=True)),
                count(f.received, lang),
                count(f.online, lang),
                percent(f.online_share, lang),
                count(f.resolved, lang),
                percent(f.on_time_share, lang),
                count(f.late, lang),
                count(f.open_overdue, lang),
            )
        )
    return [Block(header=tuple(head), rows=tuple(rows))]


def _summary(report: Report, lang: Lang) -> Block:
    """The figures table: one row per figure, its count and its share."""
    f = report.total
    en = lang == "en"
    rows: list[tuple[str, str, str]] = []

    def add(key: str, n: int | None, share: float | None = None, digits: int = 1) -> None:
        if n is None:
            return
        rows.append((LABELS[key][en], count(n, lang), percent(share, lang, digits)))

    c = report.catalogue
    if c is not None:
        add("procedures", c.procedures)
        add("full_online_services", c.full_online, c.full_online_service_share)
        add("partial_online_services", c.partial_online)
        add("integrated", c.integrated, c.integrated_share, 2)
    add("received", f.received)
    add("in_person", f.in_person, f.in_person_share)
    add("postal", f.postal, f.postal_share)
    add("online", f.online, f.online_share)
    add("full_online", f.full_online, f.full_online_share)
    add("resolved", f.resolved, f.resolved_share)
    add("early", f.early)
    add("on_time", f.on_time)
    add("late", f.late)
    add("on_time_share", f.early + f.on_time, f.on_time_share, 2)
    add("open_overdue", f.open_overdue)
    if f.digitised_of:
        add("digitised", f.digitised, f.digitised_share)
    if f.rated:
        add("satisfied", f.satisfied, f.satisfaction)
    header = ("Chỉ tiêu", "Số liệu", "Tỷ lệ") if lang == "vi" else ("Figure", "Count", "Share")
    return Block(header=header, rows=tuple(rows))


def blocks(report: Report, lang: Lang) -> list[Block]:
    """The report's document in ``lang``."""
    title = _t(
        lang,
        "Báo cáo kết quả giải quyết thủ tục hành chính",
        "Report on the handling of administrative procedures",
    )
    if report.name:
        title += f" — {report.name}"
    start, end = date(report.period.start), date(report.period.end)
    out = [
        Block(title, 1),
        Block(
            _t(
                lang,
                f"Kỳ báo cáo: từ ngày {start} đến ngày {end}.",
                f"Period: {start} to {end}.",
            )
        ),
    ]
    if report.catalogue is not None:
        out.append(
            Block(
                _t(
                    lang,
                    "Thủ tục hành chính và dịch vụ công trực tuyến",
                    "Procedures and online services",
                ),
                2,
            )
        )
        out.extend(_catalogue(report.catalogue, report, lang))
    total = report.total
    out.append(Block(_t(lang, "Tiếp nhận hồ sơ", "Dossiers received"), 2))
    out.extend(_receipt(total, lang))
    if total.received:
        out.append(Block(_t(lang, "Kết quả giải quyết", "Results"), 2))
        out.extend(_results(total, lang))
    out.append(Block(_t(lang, "Số liệu tổng hợp", "Summary figures"), 2))
    out.append(_summary(report, lang))
    if report.by:
        names = ", ".join(
            BY_LABELS[b][lang == "en"].lower() if b in BY_LABELS else b for b in report.by
        )
        out.append(Block(_t(lang, "Theo đơn vị", "By unit") + f" ({names})", 2))
        out.extend(_units(report, lang))
    out.append(Block(_t(lang, "So sánh với mục tiêu", "Against the targets"), 2))
    out.extend(_targets(report, lang))
    if total.invalid:
        first = report.problems[0] if report.problems else None
        example = f" ({first.path}: {first.expected})" if first is not None else ""
        out.append(
            Block(
                _t(
                    lang,
                    f"Ghi chú: {count(total.invalid)} hồ sơ tiếp nhận trong kỳ không tính được, "
                    f"không có trong các số liệu trên{example}.",
                    f"Note: {count(total.invalid, 'en')} dossiers received in the period could "
                    f"not be judged and are left out of the figures above{example}.",
                )
            )
        )
    return out
