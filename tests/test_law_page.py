"""docs/explanation/law.md embeds the generated rule table: it cannot drift from the rules.

Run ``TTHC_REGENERATE=1 python -m pytest tests/test_law_page.py`` after changing a rule
to rewrite the table in place.
"""

from __future__ import annotations

import os
from pathlib import Path

from tthc.rules import law_table, registry

PAGE = Path(__file__).resolve().parents[1] / "docs" / "explanation" / "law.md"
BEGIN = "<!-- BEGIN GENERATED: tthc.rules.law_table() -->\n"
END = "<!-- END GENERATED -->"


def _split(text: str) -> tuple[str, str, str]:
    head, rest = text.split(BEGIN, 1)
    table, tail = rest.split(END, 1)
    return head, table, tail


def test_the_law_page_embeds_the_generated_table() -> None:
    text = PAGE.read_text(encoding="utf-8")
    head, table, tail = _split(text)
    expected = law_table()
    if os.environ.get("TTHC_REGENERATE") and table != expected:
        PAGE.write_text(head + BEGIN + expected + END + tail, encoding="utf-8")
        table = expected
    assert table == expected, (
        "docs/explanation/law.md is out of date: run "
        "TTHC_REGENERATE=1 python -m pytest tests/test_law_page.py"
    )


def test_the_table_has_one_row_per_rule() -> None:
    rows = [line for line in law_table().splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(registry())  # the header, then one row per rule
    assert all(line.count(" | ") >= 4 for line in rows)
