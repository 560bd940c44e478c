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


SWITCH_BEGIN = "<!-- BEGIN GENERATED: tthc.rules.switch_table() -->\n"


def test_the_law_page_embeds_the_generated_switch_table() -> None:
    from tthc.rules import switch_table

    text = PAGE.read_text(encoding="utf-8")
    head, rest = text.split(SWITCH_BEGIN, 1)
    table, tail = rest.split(END, 1)
    expected = switch_table()
    if os.environ.get("TTHC_REGENERATE") and table != expected:
        PAGE.write_text(head + SWITCH_BEGIN + expected + END + tail, encoding="utf-8")
        table = expected
    assert table == expected, "docs/explanation/law.md's switch table is out of date"


def test_every_clock_switch_names_the_policy_default() -> None:
    """The data's default reading of each ClockPolicy switch is the policy's actual default."""
    import enum

    import attrs

    from tthc.deadlines import CLOCK_POLICIES, ClockPolicy
    from tthc.rules import switches

    fields = {f.name for f in attrs.fields(ClockPolicy)}
    found = [s for s in switches() if s.key in fields]
    assert {s.key for s in found} >= {
        "end_of_day",
        "shifted_start",
        "calendar_start",
        "hours_on_day_off",
        "off_hours",
        "count_receipt_day",
        "supplement",
    }
    for rule in CLOCK_POLICIES:
        for s in found:
            value = getattr(rule.value, s.key)
            shown = value.value if isinstance(value, enum.Enum) else value
            shown = str(shown).lower() if isinstance(shown, (bool, int)) else shown
            if s.key == "cutoff":
                assert value is None
                continue
            assert shown == s.default, (s.key, shown, s.default)
            for alternative in s.alternatives:
                assert alternative != s.default


def test_every_switch_is_cited() -> None:
    from tthc.rules import switches

    keys = [s.key for s in switches()]
    assert len(keys) == len(set(keys))
    for s in switches():
        assert s.cited.document
        assert s.question.endswith("?")
