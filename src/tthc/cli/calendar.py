"""``tthc calendar YEAR``: the weekdays off and make-up weekend days of a year.

Library calls: :meth:`~tthc.deadlines.WorkingCalendar.explain`,
:meth:`~tthc.deadlines.WorkingCalendar.working_days_by_month`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from tthc._calendar_views import make_up_days, year_statuses
from tthc.cli._common import Context, calendar_from, calendar_options, parse_year
from tthc.cli._messages import Lang, cite, day, message, month
from tthc.deadlines import DayStatus
from tthc.serialization import to_dict

__all__ = ["NAME", "add_parser", "run", "status_line"]

NAME = "calendar"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``calendar`` sub-parser."""
    parser = commands.add_parser(
        NAME, parents=[*parents, calendar_options(lang)], help=message("cmd.calendar", lang)
    )
    parser.add_argument("year", metavar="YEAR", help=message("arg.year", lang))
    return parser


def status_line(s: DayStatus, ctx: Context) -> str:
    """``  - thứ Năm 01/01/2026: Tết Dương lịch [Điều 112(1)(a) …]``."""
    mark = f" ({ctx.m('h.provisional_lower')})" if s.provisional else ""
    source = cite(s.citation, ctx.lang)
    return f"  - {day(s.day, ctx.lang)}: {s.name(ctx.lang)}{mark}" + (
        f" [{source}]" if source else ""
    )


def header(ctx: Context, title: str, provisional: bool, until: dt.date) -> list[str]:
    """A year's title, flagged and explained when provisional."""
    flag = f" [{ctx.m('h.provisional')}]" if provisional else ""
    lines = [f"{title}{flag}"]
    if provisional:
        lines.append(
            f"{ctx.m('h.announced_until', day=f'{until:%d/%m/%Y}')} {ctx.m('h.projected')}"
        )
    return lines


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the year's calendar."""
    year = parse_year(args.year)
    cal = calendar_from(args, ctx.lang, year=year)
    statuses = year_statuses(cal, year)
    off = [s for s in statuses if not s.working and s.day.weekday() < 5]
    make_up = list(make_up_days(cal, year))
    by_month = cal.working_days_by_month(year)
    provisional = cal.span_is_provisional(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if ctx.json:
        ctx.write_json(
            NAME,
            {
                "year": year,
                "provisional": provisional,
                "announced_until": cal.announced_until.isoformat(),
                "working_days": sum(by_month),
                "working_days_by_month": list(by_month),
                "weekdays_off": [to_dict(s) for s in off],
                "make_up_days": [to_dict(s) for s in make_up],
            },
        )
        return 0
    lines = header(ctx, f"{ctx.m('h.calendar')} {year}", provisional, cal.announced_until)
    for key, group in (("h.weekdays_off", off), ("h.make_up", make_up)):
        lines.append(f"{ctx.m(key)} ({len(group)}):")
        if not group:
            lines.append(f"  ({ctx.m('h.none')})")
        lines += [status_line(s, ctx) for s in group]
    lines.append(f"{ctx.m('h.by_month')}:")
    lines += [f"  - {month(i, ctx.lang)}: {n}" for i, n in enumerate(by_month, 1)]
    lines.append(f"{ctx.m('h.working_total')}: {sum(by_month)}")
    ctx.write("\n".join(lines))
    return 0
