"""``tthc search TEXT``: catalogue procedures whose name contains TEXT.

Library call: :func:`tthc.catalogue.search` (case and diacritics ignored).
Kept in its own module so a richer catalogue (``--catalogue FILE``) can
replace :func:`find` without touching the other commands.
"""

from __future__ import annotations

import argparse
from typing import Any

from tthc import catalogue
from tthc.cli._common import Context, ExitCode
from tthc.cli._messages import Lang, message
from tthc.errors import Problem, ValidationError
from tthc.model import Procedure

__all__ = ["NAME", "add_parser", "find", "run"]

NAME = "search"


def find(text: str, *, sector: str | None = None, tier: str | None = None) -> tuple[Procedure, ...]:
    """The procedures matching ``text`` (the swap point for another catalogue)."""
    return catalogue.search(text[:200], sector=sector, tier=tier)


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``search`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.search", lang))
    parser.add_argument("text", metavar="TEXT", help=message("arg.text", lang))
    parser.add_argument("--sector", metavar="TEXT", help=message("arg.sector", lang))
    parser.add_argument("--tier", metavar="TIER", help=message("arg.tier", lang))
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the matches; exit 1 when there are none."""
    try:
        hits = find(args.text, sector=args.sector, tier=args.tier)
    except ValidationError as e:  # an unknown --tier: name the option
        problems = [Problem("--tier", p.value, p.expected) for p in e.problems]
        raise ValidationError(problems, what="tthc search") from None
    if ctx.json:
        ctx.write_json(NAME, [{"code": str(p.code), "name": p.name} for p in hits])
        return 0 if hits else ExitCode.NOT_FOUND
    if not hits:
        ctx.write(ctx.m("h.not_found", text=args.text))
        return ExitCode.NOT_FOUND
    lines = [ctx.m("h.found", n=len(hits))]
    lines += [f"  {p.code}  {p.name}" for p in hits]
    ctx.write("\n".join(lines))
    return 0
