"""``tthc search TEXT``: procedures whose name contains TEXT, from a catalogue.

Library call: :meth:`tthc.catalogue.Catalogue.search` (case and diacritics
ignored) over the national catalogue, ``--catalogue FILE`` or
``$TTHC_CATALOGUE`` (a catalogue file from ``tthc catalogue build``, tthc
JSON, or portal records: ``.json``, ``.jsonl``, ``.gz``, ``.xlsx``; see
:func:`tthc.catalogue.open_catalogue`). Only the codes and names are read
from the index: no procedure is decoded.
"""

from __future__ import annotations

import argparse
from typing import Any

from tthc.catalogue import Catalogue, SearchHits, open_catalogue
from tthc.cli._common import CliError, Context, ExitCode
from tthc.cli._messages import Lang, message
from tthc.errors import Problem, ValidationError
from tthc.model import AdministrativeTier, OnlineMode

__all__ = ["NAME", "add_catalogue_option", "add_parser", "catalogue_of", "find", "run"]

NAME = "search"


def add_catalogue_option(parser: argparse.ArgumentParser, lang: Lang) -> None:
    """``--catalogue FILE``: look codes and names up in a user's catalogue file."""
    parser.add_argument("--catalogue", metavar="FILE", help=message("arg.catalogue", lang))


def catalogue_of(args: argparse.Namespace) -> Catalogue:
    """The catalogue a command works on: ``--catalogue FILE``, ``$TTHC_CATALOGUE``, the national."""
    path = getattr(args, "catalogue", None) or None
    try:
        return open_catalogue(path)
    except ImportError as e:  # an xlsx file without the xlsx extra
        raise CliError("err.extra_missing", extra="xlsx", detail=str(e)) from None
    except OSError as e:
        raise CliError(
            "err.read_file", what="catalogue", path=str(path), reason=e.strerror or str(e)
        ) from None


def find(
    text: str,
    *,
    sector: str | None = None,
    tier: str | None = None,
    agency: str | None = None,
    mode: str | None = None,
    catalogue: Catalogue | None = None,
) -> SearchHits:
    """The procedures matching ``text`` in ``catalogue`` (the national one by default)."""
    source = open_catalogue() if catalogue is None else catalogue
    return source.search(text, sector=sector, tier=tier, agency=agency, mode=mode)


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``search`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.search", lang))
    parser.add_argument("text", metavar="TEXT", help=message("arg.text", lang))
    add_catalogue_option(parser, lang)
    parser.add_argument("--sector", metavar="TEXT", help=message("arg.sector", lang))
    parser.add_argument(
        "--tier",
        metavar="TIER",
        help=message("arg.tier", lang),
        choices=[t.value for t in AdministrativeTier],
    )
    parser.add_argument("--agency", metavar="TEXT", help=message("arg.agency", lang))
    parser.add_argument(
        "--mode",
        metavar="MODE",
        help=message("arg.mode", lang),
        choices=[m.value for m in OnlineMode],
    )
    parser.add_argument("--limit", type=int, metavar="N", help=message("arg.limit_n", lang))
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the matches; exit 1 when there are none."""
    try:
        hits = find(
            args.text,
            sector=args.sector,
            tier=args.tier,
            agency=args.agency,
            mode=args.mode,
            catalogue=catalogue_of(args),
        )
    except ValidationError as e:  # an unknown --tier or --mode: name the option
        problems = [Problem(f"--{p.path}", p.value, p.expected) for p in e.problems]
        raise ValidationError(problems, what="tthc search") from None
    shown = hits if args.limit is None else hits[: max(args.limit, 0)]
    if ctx.json:
        rows = [
            {"code": str(p.code), "name": p.name, "sector": p.sector}
            for p in shown  # the sector needs the procedure: decoded here only
        ]
        ctx.write_json(NAME, rows)
        return 0 if hits else ExitCode.NOT_FOUND
    if not hits:
        ctx.write(ctx.m("h.not_found", text=args.text))
        return ExitCode.NOT_FOUND
    lines = [ctx.m("h.found", n=len(hits))]
    lines += [f"  {code}  {name}" for code, name in zip(shown.codes, shown.names, strict=True)]
    if len(hits) > len(shown):
        lines.append(ctx.m("h.more", n=len(hits) - len(shown)))
    ctx.write("\n".join(lines))
    return 0
