"""The report as a Word document (python-docx), with a chart (matplotlib), written atomically."""

from __future__ import annotations

import io
import os
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tthc._labels import Lang
from tthc.reports._render import blocks
from tthc.reports._text import count, percent
from tthc.reports._words import LABELS

if TYPE_CHECKING:
    from tthc.reports._report import Report

__all__ = ["chart_png", "write_docx"]


def _docx() -> Any:
    try:
        import docx
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("Report.to_docx needs python-docx: pip install 'tthc[report]'") from error
    return docx


def chart_png(report: Report, lang: Lang) -> bytes:
    """A PNG chart: dossiers by channel, and each share against its target of the year."""
    try:
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter, MaxNLocator
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the report's chart needs matplotlib: pip install 'tthc[report]' (or chart=False)"
        ) from error

    f = report.total
    vi = lang == "vi"
    figure = Figure(figsize=(9, 3.6), dpi=150, layout="constrained")
    left, right = figure.subplots(1, 2, width_ratios=(2, 3))
    names = ("Trực tiếp", "Bưu chính", "Trực tuyến") if vi else ("In person", "Postal", "Online")
    values = (f.in_person, f.postal, f.online)
    left.bar(names, values, color=("#8c8c8c", "#d4a017", "#1f77b4"))
    left.tick_params(axis="x", labelsize=8)
    left.tick_params(axis="y", labelsize=7)
    left.yaxis.set_major_locator(MaxNLocator(integer=True))
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _: count(int(v), lang)))
    left.margins(y=0.12)
    left.set_title("Hồ sơ tiếp nhận theo kênh" if vi else "Dossiers by channel", fontsize=10)
    for x, v in enumerate(values):
        left.annotate(
            count(v, lang),
            (x, v),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    shares: list[tuple[str, float, float | None]] = []
    for key in report.compared_figures():
        value = (
            getattr(report.catalogue, key.split(".", 1)[1])
            if key.startswith("catalogue.")
            else getattr(f, key)
        )
        if value is None:
            continue
        minimum = next(
            (c.progress.minimum for c in report.comparisons if c.figure == key and c.in_force),
            None,
        )
        shares.append((LABELS[key][0 if vi else 1], float(value), minimum))
    if shares:
        ys = range(len(shares))
        right.barh(list(ys), [100 * s for _, s, _ in shares], color="#1f77b4")
        for y, (_, share, minimum) in zip(ys, shares, strict=True):
            right.annotate(percent(share, lang), (100 * share, y), va="center", fontsize=8)
            if minimum is not None:
                right.plot([100 * minimum] * 2, [y - 0.4, y + 0.4], color="#d62728", lw=2)
        right.set_yticks(list(ys), [textwrap.fill(label, 30) for label, _, _ in shares], fontsize=7)
        right.tick_params(axis="x", labelsize=7)
        right.set_xlim(0, 110)
        right.invert_yaxis()
        right.set_title(
            f"Tỷ lệ (vạch đỏ: mục tiêu năm {report.year})"
            if vi
            else f"Shares (red: target of {report.year})",
            fontsize=10,
        )
    else:
        right.set_axis_off()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def write_docx(report: Report, path: Path, lang: Lang, *, chart: bool = True) -> Path:
    """Write the report to ``path`` (a temporary file beside it, then renamed); returns ``path``."""
    docx = _docx()
    from docx.shared import Inches, Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    for block in blocks(report, lang):
        if block.header:
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
            document.add_paragraph()
        elif block.level:
            document.add_heading(block.text, level=block.level)
        else:
            document.add_paragraph(block.text)
    if chart:
        document.add_picture(io.BytesIO(chart_png(report, lang)), width=Inches(6.3))
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        document.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
