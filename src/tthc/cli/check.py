"""``tthc check DOSSIER.json``: what a dossier lacks, its status and timeline.

Library calls: :func:`tthc.reading.read_dossier` (the dossier may name its
procedure by catalogue code: ``"procedure": "1.004222"``),
:func:`tthc.dossiers.check_submission`, :func:`~tthc.dossiers.status`,
:func:`~tthc.dossiers.timeline`. Exit code 3 when components are missing,
4 when the dossier is open and past its due date (4 wins over 3).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from tthc.cli._common import (
    CliError,
    Context,
    ExitCode,
    capture,
    moment_text,
    parse_moment,
    read_text,
)
from tthc.cli._messages import Lang, cite, message
from tthc.cli.due import provisional_lines
from tthc.cli.search import add_catalogue_option, catalogue_of
from tthc.deadlines import OpenStatus, official_calendar
from tthc.dossiers import ItemStatus, check_submission, status, timeline
from tthc.messages import finding_text
from tthc.model import Dossier
from tthc.reading import read_dossier
from tthc.serialization import to_dict

__all__ = ["NAME", "add_parser", "load_dossier", "run"]

NAME = "check"

_MARKS = {
    ItemStatus.PROVIDED: "✓",
    ItemStatus.REUSED: "✓",
    ItemStatus.MISSING: "✗",
    ItemStatus.INSUFFICIENT: "✗",
    ItemStatus.NOT_NEEDED: "–",
}


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``check`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.check", lang))
    parser.add_argument("dossier", metavar="DOSSIER.json", help=message("arg.dossier", lang))
    parser.add_argument("--as-of", metavar="MOMENT", default="now", help=message("arg.as_of", lang))
    add_catalogue_option(parser, lang)
    return parser


def load_dossier(text: str, source: str, catalogue: Any = None) -> Dossier:
    """A dossier from JSON text: :func:`tthc.reading.read_dossier`."""
    return read_dossier(text, source=source, catalogue=catalogue)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the check, status and timeline; exit 3/4 for incomplete/overdue."""
    lang = ctx.lang
    as_of = parse_moment(args.as_of, ctx.now)
    if not isinstance(as_of, dt.datetime):
        raise CliError("err.no_time", text=args.as_of)
    text = read_text(args.dossier, ctx.m("err.dossier_file"), lang)
    user = catalogue_of(args) if args.catalogue else None
    dossier = load_dossier(text, args.dossier, user)
    checked = check_submission(dossier)
    state, view = capture(
        ctx, lambda: (status(dossier, as_of), timeline(dossier, as_of, lang=lang))
    )
    overdue = state.open_status is OpenStatus.QUA_HAN
    code = ExitCode.OVERDUE if overdue else ExitCode.OK if checked.complete else ExitCode.INCOMPLETE
    if ctx.json:
        ctx.write_json(
            NAME,
            {
                "exit_code": int(code),
                "complete": checked.complete,
                "overdue": overdue,
                "as_of": as_of.isoformat(),
                "submission": to_dict(checked),
                "status": to_dict(state),
                "dossier": to_dict(dossier),
            },
        )
        return code
    p = dossier.procedure
    head = f"{p.name} ({p.code})" + (f" — {dossier.code}" if dossier.code is not None else "")
    lines = [head]
    if checked.case.name:
        lines.append(f"{ctx.m('h.case')}: {checked.case.name}")
    lines.append(f"{ctx.m('h.check')}:")
    for item in checked.items:
        source = cite(item.citation or "", lang)
        lines.append(
            f"  {_MARKS[item.status]} {item.component.name}: {item.status.label(lang)}"
            + (f" ({item.reason})" if lang == "vi" or item.reason else "")
            + (f" [{source}]" if source else "")
        )
    lines.append(ctx.m("h.complete") if checked.complete else checked.request_text(lang))
    if checked.unmatched:
        lines.append(f"{ctx.m('h.unmatched')}:")
        lines += [f"  - {c.name}" for c in checked.unmatched]
    findings = [f for f in checked.findings if f.code != "unknown-component"]
    if findings:
        lines.append(f"  ! {ctx.m('h.findings', n=len(findings))}")
        lines += [f"    - {finding_text(f, lang)}" for f in findings]
    lines += ["", f"{ctx.m('h.as_of')}: {moment_text(as_of, lang)}"]
    if dossier.received_at is None:
        lines.append(ctx.m("h.not_received"))
    lines += str(view).splitlines()[1:]
    left = state.working_days_left
    if left is not None and state.outcome is None:
        if left < 0:
            lines.append(ctx.m("h.overdue_by", n=-left))
        elif left == 0:
            lines.append(ctx.m("h.due_today"))
        else:
            lines.append(ctx.m("h.days_left", n=left))
    lines += provisional_lines(ctx, official_calendar().announced_until)
    ctx.write("\n".join(lines))
    return code
