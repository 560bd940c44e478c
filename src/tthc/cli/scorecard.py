"""``tthc scorecard LOG``: the Decision 766/QĐ-TTg scorecard of a dossier log file.

Library call: :func:`tthc.scorecard.run_scorecard_command` (``--period``,
``--by``, ``--format text|csv|json``). The columns a log needs are listed in
``--help``; every unreadable file, missing column or unknown ``--by`` column
is exit code 2 with a message in the chosen language.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from tthc.cli._common import CliError, Context, os_reason
from tthc.cli._messages import Lang, message

__all__ = ["NAME", "add_parser", "run"]

NAME = "scorecard"

_FACTS = (
    "synced_to_portal, electronic_result, components_digitised, data_reused, "
    "linked_to_personal_store, population_data_used, paid_online, synced_fee, rating, "
    "feedback_count, paper_result, fee_bearing, full_online_eligible, full_online_service"
)


def _columns(lang: Lang) -> str:
    return message(
        "h.sc.columns",
        lang,
        required="received_at, procedure",
        moments="returned_at, stopped_at, agency_received_at",
        dimensions="channel, agency, tier",
        facts=_FACTS,
    )


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``scorecard`` sub-parser."""
    parser = commands.add_parser(
        NAME,
        parents=parents,
        help=message("cmd.scorecard", lang),
        description=message("cmd.scorecard", lang),
        epilog=_columns(lang),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("log", metavar="LOG", help=message("arg.log", lang))
    parser.add_argument("--catalogue", metavar="FILE", help=message("arg.procedures", lang))
    parser.add_argument("--period", metavar="PERIOD", help=message("opt.period", lang))
    parser.add_argument("--by", metavar="COLUMN", help=message("arg.by", lang))
    parser.add_argument(
        "--format",
        choices=("text", "csv", "json"),
        default="text",
        help=message("opt.format", lang),
    )
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the scorecard."""
    try:
        from tthc.scorecard import run_scorecard_command
    except ImportError as e:  # numpy, pyarrow or pandas missing
        raise CliError("err.extra_missing", extra="scorecard", detail=str(e)) from None
    try:
        text = run_scorecard_command(
            args.log,
            args.catalogue,
            period=args.period,
            lang=ctx.lang,
            by=args.by,
            format="json" if ctx.json else args.format,
        )
    except ImportError as e:
        raise CliError("err.extra_missing", extra="scorecard", detail=str(e)) from None
    except OSError as e:
        what = message("what.log", ctx.lang)
        raise CliError(
            "err.read_file", what=what, path=e.filename or args.log, reason=os_reason(e, ctx.lang)
        ) from None
    if ctx.json:  # the envelope's data: title, period and the rows of tthc.scorecard.to_frame
        ctx.write_json(NAME, json.loads(text))
    else:
        ctx.write(text)
    return 0
