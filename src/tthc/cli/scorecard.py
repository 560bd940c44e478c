"""``tthc scorecard LOG [--catalogue FILE] [--by COLUMN]``: Decision 766's scorecard of a log.

Library call: :func:`tthc.scorecard.run_scorecard_command` (a CSV or Parquet
dossier log with the columns of :func:`tthc.scorecard.scorecard`; ``FILE`` a
JSON list of procedures). Needs the ``scorecard`` extra (numpy, pyarrow, pandas).
"""

from __future__ import annotations

import argparse
from typing import Any

from tthc.cli._common import CliError, Context
from tthc.cli._messages import Lang, message

__all__ = ["NAME", "add_parser", "run"]

NAME = "scorecard"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``scorecard`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.scorecard", lang))
    parser.add_argument("log", metavar="LOG", help=message("arg.log", lang))
    parser.add_argument("--catalogue", metavar="FILE", help=message("arg.procedures", lang))
    parser.add_argument("--by", metavar="COLUMN", help=message("arg.by", lang))
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the scorecard."""
    try:
        from tthc.scorecard import run_scorecard_command

        text = run_scorecard_command(args.log, args.catalogue, lang=ctx.lang, by=args.by)
    except ImportError as e:  # numpy, pyarrow or pandas missing
        raise CliError("err.extra_missing", extra="scorecard", detail=str(e)) from None
    except OSError as e:
        raise CliError(
            "err.read_file", what="log", path=args.log, reason=e.strerror or str(e)
        ) from None
    if ctx.json:
        ctx.write_json(NAME, {"text": text})
    else:
        ctx.write(text)
    return 0
