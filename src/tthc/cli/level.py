"""``tthc level CODE [--on DATE]``: a procedure's online service level on a date (default today).

Library call: :func:`tthc.levels.classify`; ``--json`` gives the
:class:`~tthc.levels.Classification` shape.
"""

from __future__ import annotations

import argparse
from typing import Any

from tthc.cli._common import Context, parse_date
from tthc.cli._messages import Lang, cite, message, note
from tthc.cli.search import add_catalogue_option, catalogue_of
from tthc.levels import classify
from tthc.messages import finding_text
from tthc.serialization import to_dict

__all__ = ["NAME", "add_parser", "run"]

NAME = "level"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``level`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.level", lang))
    parser.add_argument("code", metavar="CODE", help=message("arg.code", lang))
    parser.add_argument("--on", metavar="DATE", default="today", help=message("arg.on", lang))
    add_catalogue_option(parser, lang)
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the classification."""
    on = parse_date(args.on, ctx.now)
    procedure = catalogue_of(args).get(args.code.strip())
    result = classify(procedure, on=on)
    if ctx.json:
        level = result.level
        ctx.write_json(
            NAME,
            {
                "code": str(procedure.code),
                "name": procedure.name,
                "level": None if level is None else level.value,
                "classification": to_dict(result),
            },
        )
        return 0
    lines = [
        f"{procedure.name} ({procedure.code})",
        f"{ctx.m('h.on')}: {result.on:%d/%m/%Y}",
        f"{ctx.m('h.regime')}: {cite(result.regime_citation, ctx.lang) or result.regime_citation}",
    ]
    if ctx.lang == "en":
        lines.append(result.explain("en"))
    else:  # the library's explanations are English: say pass/fail/unknown in Vietnamese
        lines.append(result.explain("vi").splitlines()[0])
        for c in result.criteria:
            mark, verdict = (
                ("✓", "h.passed")
                if c.passed
                else ("?", "h.unknown")
                if not c.known
                else ("✗", "h.failed")
            )
            source = cite(c.citation, "vi")
            lines.append(
                f"  {mark} {c.criterion.vi}: {ctx.m(verdict)}" + (f" [{source}]" if source else "")
            )
        if result.findings:
            lines.append(f"  ! {ctx.m('h.findings', n=len(result.findings))}")
            for f in result.findings:
                source = cite(f.citation or "", "vi")
                lines.append(f"    - {finding_text(f, 'vi')}" + (f" [{source}]" if source else ""))
    if result.notes:
        lines.append(f"{ctx.m('h.notes')}:")
        lines += [f"  - {note(n, ctx.lang)}" for n in result.notes]
    ctx.write("\n".join(lines))
    return 0
