"""``tthc due RECEIVED LIMIT``: when the result is due, with every skipped day and why.

Library calls: :func:`tthc.model.read_time_limit` (a bare number is working
days), :func:`tthc.due_date`. ``--short``
prints only the appointment; ``--json`` the :class:`~tthc.deadlines.DueDate`
shape (plus the parsed limit and office hours) in the envelope.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from tthc.cli._common import (
    CliError,
    Context,
    calendar_from,
    calendar_options,
    capture,
    moment_text,
    parse_moment,
)
from tthc.cli._messages import Lang, cite, day, message, note
from tthc.deadlines import (
    CLOCK_POLICIES,
    OFFICE_HOURS_PRESETS,
    VIETNAM,
    DueDate,
    EndOfDay,
    OfficeHours,
    due_date,
)
from tthc.messages import Message
from tthc.model import TimeLimit, TimeUnit, read_time_limit
from tthc.serialization import to_dict

__all__ = ["NAME", "add_parser", "appointment", "run"]

NAME = "due"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``due`` sub-parser."""
    parser = commands.add_parser(
        NAME,
        parents=[*parents, calendar_options(lang)],
        help=message("cmd.due", lang),
        description=message("cmd.due", lang),
        epilog=message("epilog.due", lang),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("received", metavar="RECEIVED", help=message("arg.received", lang))
    parser.add_argument("limit", metavar="LIMIT", help=message("arg.limit", lang))
    parser.add_argument(
        "--hours",
        choices=("default", *OFFICE_HOURS_PRESETS),
        default="default",
        help=message("arg.hours", lang),
    )
    parser.add_argument(
        "--end-of-day", choices=("close", "midnight"), help=message("arg.end_of_day", lang)
    )
    parser.add_argument("--short", action="store_true", help=message("arg.short", lang))
    return parser


def _receipt(
    text: str, limit: TimeLimit, hours: OfficeHours, ctx: Context
) -> tuple[dt.datetime, bool]:
    value = parse_moment(text, ctx.now)
    if isinstance(value, dt.datetime):
        return value, False
    timed = (TimeUnit.WORKING_HOURS, TimeUnit.HOURS, TimeUnit.HALF_WORKING_DAYS)  # issue 20
    if limit.unit in timed or limit.cutoff is not None:
        raise CliError("err.time_needed", text=text, limit=limit.label(ctx.lang))
    return dt.datetime.combine(value, hours.opening, tzinfo=VIETNAM), True


def appointment(due: DueDate, lang: Lang) -> str:
    """The due moment; a period ending at midnight reads ``24:00`` of its last day."""
    local = due.at.astimezone(VIETNAM)
    if local.time() == dt.time(0) and local.date() == due.last_day + dt.timedelta(days=1):
        return f"24:00 {day(due.last_day, lang)}"
    return moment_text(local, lang)


def _hours_text(hours: OfficeHours, lang: Lang) -> str:
    (a, b), (c, d) = hours.sessions
    text = f"{a:%H:%M}–{b:%H:%M}, {c:%H:%M}–{d:%H:%M}"
    source = "; ".join(
        part for part in (hours.name, cite(hours.citation or "", lang) or None) if part
    )
    return text + (f" ({source})" if source else "")


def _days(days: tuple[dt.date, ...], lang: Lang) -> str:
    if len(days) <= 10:
        return ", ".join(day(d, lang) for d in days)
    return f"{len(days)}: {day(days[0], lang)} … {day(days[-1], lang)}"


def provisional_lines(ctx: Context, until: dt.date) -> list[str]:
    """The aggregated provisional note (one line, with a count)."""
    if not ctx.provisional:
        return []
    return [
        f"{ctx.m('h.provisional')}:",
        "  - "
        + ctx.m(
            "h.provisional_note",
            count=len(ctx.provisional),
            until=f"{until:%d/%m/%Y}",
        ),
    ]


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Compute and print the due date."""
    lang = ctx.lang
    limit = read_time_limit(args.limit, bare_number=TimeUnit.WORKING_DAYS)
    hours = OfficeHours() if args.hours == "default" else OFFICE_HOURS_PRESETS[args.hours]
    received, assumed = _receipt(args.received, limit, hours, ctx)
    cal = calendar_from(args, lang)
    policy = None
    if args.end_of_day is not None:
        in_force = CLOCK_POLICIES.at(received.date()).value
        policy = in_force.evolve(
            end_of_day=EndOfDay.MIDNIGHT
            if args.end_of_day == "midnight"
            else EndOfDay.CLOSE_OF_OFFICE_HOURS
        )
    due = capture(ctx, lambda: due_date(received, limit, calendar=cal, hours=hours, policy=policy))
    if ctx.json:
        ctx.write_json(
            NAME,
            {
                "appointment": due.at.isoformat(),
                "time_assumed": assumed,
                "due_date": to_dict(due),
                "limit": to_dict(limit),
                "hours": to_dict(hours),
            },
        )
        return 0
    flag = f" [{ctx.m('h.provisional')}]" if due.provisional else ""
    if args.short:
        ctx.write(appointment(due, lang) + flag)
        return 0
    lines = [
        f"{ctx.m('h.due')}: {appointment(due, lang)}{flag}",
        f"{ctx.m('h.limit')}: {limit.label(lang)}",
        f"{ctx.m('h.received')}: {moment_text(due.received_at, lang)} ({ctx.m('h.vietnam_time')})",
    ]
    if assumed:
        lines.append(f"  ({ctx.m('h.time_assumed', opening=f'{hours.opening:%H:%M}')})")
    lines.append(f"{ctx.m('h.start')}: {moment_text(due.start, lang)}")
    if due.counted:
        lines.append(f"{ctx.m('h.counted')}: {_days(due.counted, lang)}")
    if due.skipped:
        lines.append(f"{ctx.m('h.skipped')}:")
        for s in due.skipped:
            mark = f" ({ctx.m('h.provisional_lower')})" if s.status.provisional else ""
            source = cite(s.status.citation, lang)
            lines.append(
                f"  - {day(s.day, lang)}: {s.status.name(lang)}{mark}"
                + (f" [{source}]" if source else "")
            )
    lines.append(f"{ctx.m('h.hours')}: {_hours_text(hours, lang)}")
    lines.append(f"{ctx.m('h.rules')}:")
    lines += [f"  - {note(n, lang)}" for n in due.notes]
    raw = (limit.raw or "").lower()
    if limit.unit is TimeUnit.CALENDAR_DAYS and "lịch" not in raw and "calendar" not in raw:
        lines.append(f"{ctx.m('h.assumptions')}:")  # 'ngày' alone read as calendar days
        lines.append(f"  - {note(Message.of('note.calendar_days'), lang)}")
    lines += provisional_lines(ctx, cal.announced_until)
    ctx.write("\n".join(lines))
    return 0
