"""The report's document model (blocks) and its Markdown and HTML forms."""

from __future__ import annotations

import html

import attrs

__all__ = ["Block", "to_html", "to_markdown"]


@attrs.frozen
class Block:
    """A heading (``level`` 1–2), a paragraph (``level`` 0) or a table (``rows``)."""

    text: str = ""
    level: int = 0
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(items: list[Block]) -> str:
    """The blocks as Markdown."""
    lines: list[str] = []
    for b in items:
        if b.header:
            lines.append("| " + " | ".join(_md_cell(h) for h in b.header) + " |")
            lines.append("|" + "|".join("---" for _ in b.header) + "|")
            lines.extend("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows)
        elif b.level:
            lines.append("#" * b.level + " " + b.text)
        else:
            lines.append(b.text)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_html(items: list[Block]) -> str:
    """The blocks as an HTML fragment (every text escaped)."""
    parts: list[str] = ['<div class="tthc-report">']
    for b in items:
        if b.header:
            parts.append("<table><thead><tr>")
            parts.extend(f"<th>{html.escape(h)}</th>" for h in b.header)
            parts.append("</tr></thead><tbody>")
            for row in b.rows:
                parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            parts.append("</tbody></table>")
        elif b.level:
            tag = f"h{b.level + 2}"
            parts.append(f"<{tag}>{html.escape(b.text)}</{tag}>")
        else:
            parts.append(f"<p>{html.escape(b.text)}</p>")
    parts.append("</div>")
    return "".join(parts)
