"""``tthc days-off YEAR``: every holiday, compensatory and swapped day off of a year, cited.

Library call: :meth:`~tthc.deadlines.WorkingCalendar.days_off`; ``--json``
gives :class:`~tthc.deadlines.DayStatus` objects.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from tthc.cli._common import Context, calendar_from, calendar_options, parse_year
from tthc.cli._messages import Lang, message
from tthc.cli.calendar import header, status_line
from tthc.serialization import to_dict

__all__ = ["NAME", "add_parser", "run"]

NAME = "days-off"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``days-off`` sub-parser."""
    parser = commands.add_parser(
        NAME, parents=[*parents, calendar_options(lang)], help=message("cmd.days_off", lang)
    )
    parser.add_argument("year", metavar="YEAR", help=message("arg.year", lang))
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the year's days off."""
    year = parse_year(args.year)
    cal = calendar_from(args, ctx.lang, year=year)
    off = cal.days_off(year)
    provisional = cal.span_is_provisional(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if ctx.json:
        ctx.write_json(
            NAME,
            {
                "year": year,
                "provisional": provisional,
                "announced_until": cal.announced_until.isoformat(),
                "days_off": [to_dict(s) for s in off],
            },
        )
        return 0
    lines = header(
        ctx, f"{ctx.m('h.days_off', year=year)} ({len(off)})", provisional, cal.announced_until
    )
    lines += [status_line(s, ctx) for s in off]
    ctx.write("\n".join(lines))
    return 0
