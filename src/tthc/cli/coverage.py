"""``tthc coverage FILE``: how much of a file of portal records tthc reads, per field.

Library call: :func:`tthc.sources.coverage.measure` (JSON, JSON Lines, plain or
gzipped, or the portal's xlsx list export); ``--json`` gives
:meth:`~tthc.sources.coverage.CoverageReport.to_dict`.
"""

from __future__ import annotations

import argparse
from typing import Any

from tthc.cli._common import CliError, Context
from tthc.cli._messages import Lang, message

__all__ = ["NAME", "add_parser", "run"]

NAME = "coverage"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``coverage`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.coverage", lang))
    parser.add_argument("file", metavar="FILE", help=message("arg.records_file", lang))
    parser.add_argument("--top", type=int, default=5, metavar="N", help=message("arg.top", lang))
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the report."""
    from tthc.sources.coverage import measure

    try:
        report = measure(args.file, top=args.top)
    except ImportError as e:  # an xlsx file without the xlsx extra
        raise CliError("err.extra_missing", extra="xlsx", detail=str(e)) from None
    except OSError as e:
        raise CliError(
            "err.read_file", what="records", path=args.file, reason=e.strerror or str(e)
        ) from None
    if ctx.json:
        ctx.write_json(NAME, report.to_dict())
    else:
        ctx.write(report.render(ctx.lang))
    return 0
