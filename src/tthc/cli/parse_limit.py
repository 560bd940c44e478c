"""``tthc parse-limit TEXT``: how a published time limit is read.

Library call: :func:`tthc.parse_time_limit`; ``--json`` gives the
:class:`~tthc.sources.ParsedTimeLimit` shape.
"""

from __future__ import annotations

import argparse
from typing import Any

from tthc.cli._common import Context
from tthc.cli._messages import Lang, message, note
from tthc.serialization import to_dict
from tthc.sources import parse_time_limit

__all__ = ["NAME", "add_parser", "run"]

NAME = "parse-limit"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``parse-limit`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.parse_limit", lang))
    parser.add_argument("text", metavar="TEXT", help=message("arg.limit_text", lang))
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the reading."""
    parsed = parse_time_limit(args.text)
    if ctx.json:
        ctx.write_json(NAME, to_dict(parsed))
        return 0
    lines = [f"{ctx.m('h.ordinary')}: {parsed.ordinary.label(ctx.lang)}"]
    if parsed.alternatives:
        lines.append(f"{ctx.m('h.cases')}:")
        lines += [f"  - {a.label(ctx.lang)}" for a in parsed.alternatives]
    for key, values in (("h.assumptions", parsed.assumptions), ("h.notes", parsed.notes)):
        if values:
            lines.append(f"{ctx.m(key)}:")
            lines += [f"  - {note(v, ctx.lang)}" for v in values]
    ctx.write("\n".join(lines))
    return 0
