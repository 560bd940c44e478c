"""``tthc catalogue build FILES -o FILE``, ``… stats`` and ``… diff OLD NEW``.

Library calls: :func:`tthc.catalogue.build_catalogue` (each input read by
tthc's own readers, merged by code, written as a SQLite catalogue file that
``--catalogue FILE`` and ``TTHC_CATALOGUE`` take) and
:meth:`tthc.catalogue.Catalogue.stats`, :func:`tthc.catalogue.diff`. An
input ``FILE@2026-07-18`` carries its crawl date.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from tthc.cli._common import CliError, Context
from tthc.cli._messages import Lang, message
from tthc.cli.search import add_catalogue_option, catalogue_of

__all__ = ["NAME", "add_parser", "input_of", "run"]

NAME = "catalogue"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``catalogue`` sub-parser, with ``build`` and ``stats``."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.catalogue", lang))
    actions = parser.add_subparsers(dest="action", required=True, metavar="build|stats|diff")
    build = actions.add_parser("build", parents=parents, help=message("cmd.catalogue_build", lang))
    build.add_argument(
        "files", nargs="+", metavar="FILE", help=message("arg.catalogue_inputs", lang)
    )
    build.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=message("arg.catalogue_output", lang)
    )
    build.add_argument("--snapshot", metavar="YYYY-MM-DD", help=message("arg.snapshot", lang))
    stats = actions.add_parser("stats", parents=parents, help=message("cmd.catalogue_stats", lang))
    stats.add_argument(
        "--by",
        choices=("ministry", "tier", "sector"),
        default="ministry",
        help=message("arg.stats_by", lang),
    )
    add_catalogue_option(stats, lang)
    compare = actions.add_parser("diff", parents=parents, help=message("cmd.catalogue_diff", lang))
    compare.add_argument("old", metavar="OLD", help=message("arg.catalogue_old", lang))
    compare.add_argument("new", metavar="NEW", help=message("arg.catalogue_new", lang))
    return parser


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError("err.date", text=f"{what} {text}") from None


def input_of(text: str) -> Any:
    """A :class:`~tthc.catalogue.BuildInput` from ``FILE`` or ``FILE@YYYY-MM-DD``."""
    from tthc.catalogue import BuildInput

    path, at, day = text.rpartition("@")
    if at and len(day) == 10 and day[4] == "-":
        return BuildInput(path, crawled=_date(day, "crawl date"))
    return BuildInput(text)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Build a catalogue file, print a catalogue's figures, or compare two."""
    if args.action == "diff":
        return _diff(args, ctx)
    if args.action == "stats":
        rows = catalogue_of(args).stats(by=args.by, kind="rows")
        if ctx.json:
            ctx.write_json(NAME, rows)
            return 0
        columns = list(rows[0]) if rows else [args.by]
        widths = [max(len(c), *(len(str(r[c])) for r in rows)) for c in columns]
        lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
        lines += [
            "  ".join(str(r[c]).ljust(w) for c, w in zip(columns, widths, strict=True))
            for r in rows
        ]
        ctx.write("\n".join(lines))
        return 0
    from tthc.catalogue import build_catalogue

    snapshot = None if args.snapshot is None else _date(args.snapshot, "--snapshot")
    try:
        built = build_catalogue([input_of(f) for f in args.files], args.output, snapshot=snapshot)
    except ImportError as e:  # an xlsx file without the xlsx extra
        raise CliError("err.extra_missing", extra="xlsx", detail=str(e)) from None
    except OSError as e:
        raise CliError(
            "err.read_file", what="catalogue", path=args.output, reason=e.strerror or str(e)
        ) from None
    if ctx.json:
        ctx.write_json(
            NAME,
            {
                "path": args.output,
                "procedures": len(built),
                "snapshot": None if built.snapshot is None else built.snapshot.isoformat(),
                "sources": list(built.sources),
                "skipped": list(built.skipped),
            },
        )
    else:
        ctx.write(
            ctx.m(
                "h.catalogue_built",
                path=args.output,
                n=len(built),
                snapshot=built.snapshot or "—",
                skipped=len(built.skipped),
            )
        )
    return 0


def _diff(args: argparse.Namespace, ctx: Context) -> int:
    from tthc.catalogue import diff, open_catalogue

    d = diff(open_catalogue(args.old), open_catalogue(args.new))
    if ctx.json:
        ctx.write_json(
            NAME,
            {
                "added": [str(p.code) for p in d.added],
                "removed": [str(p.code) for p in d.removed],
                "changed": [{"code": c.code, "changes": list(c.changes)} for c in d.changed],
            },
        )
        return 0
    lines = [
        ctx.m(
            "h.catalogue_diff",
            added=len(d.added),
            removed=len(d.removed),
            changed=len(d.changed),
            limits=len(d.changed_time_limits),
            fees=len(d.changed_fees),
        )
    ]
    lines += [f"+ {p.code}  {p.name}" for p in d.added]
    lines += [f"- {p.code}  {p.name}" for p in d.removed]
    lines += [f"~ {c.code}  {c.new.name}: {', '.join(c.changes)}" for c in d.changed]
    ctx.write("\n".join(lines))
    return 0
