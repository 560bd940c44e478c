"""``tthc show CODE|NAME``: a procedure of the embedded catalogue.

Library calls: :func:`tthc.catalogue.entry` for a code; for a name,
:func:`tthc.cli.search.find`: one match, or the one whose whole name matches, is
shown; several are listed (exit 1).
``--json`` gives the :class:`~tthc.model.Procedure` shape and the sources.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from tthc import catalogue
from tthc.catalogue import Catalogue
from tthc.cli._common import Context, ExitCode
from tthc.cli._messages import Lang, message
from tthc.cli.search import add_catalogue_option, catalogue_of, find
from tthc.errors import UnknownCodeError
from tthc.messages import source
from tthc.model import Procedure
from tthc.serialization import to_dict
from tthc.sources import fold

__all__ = ["NAME", "add_parser", "format_procedure", "run"]

NAME = "show"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``show`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.show", lang))
    parser.add_argument("code", metavar="CODE|NAME", help=message("arg.code_or_name", lang))
    add_catalogue_option(parser, lang)
    return parser


def format_procedure(p: Procedure, sources: Sequence[str], ctx: Context) -> str:
    """The record as text, headings in the run's language."""
    lang, m = ctx.lang, ctx.m
    lines = [p.name, "=" * len(p.name), f"{m('h.code')}: {p.code}"]
    if p.tiers:
        lines.append(f"{m('h.tiers')}: {', '.join(t.label(lang) for t in p.tiers)}")
    if p.sector:
        lines.append(f"{m('h.sector')}: {p.sector}")
    if p.decision:
        lines.append(f"{m('h.decision')}: {p.decision}")
    if p.steps:
        lines += ["", f"{m('h.steps')}:"]
        lines += [f"  {i}. {step}" for i, step in enumerate(p.steps, 1)]
    if p.methods:
        lines += ["", f"{m('h.methods')}:"]
        for method in p.methods:
            limits = "; ".join(limit.label(lang) for limit in method.time_limits)
            fees = ", ".join(
                f"{fee.name} {fee.amount:,} đ".replace(",", ".")
                if fee.amount
                else f"{fee.name}: {m('h.free')}"
                for fee in method.fees
            )
            lines.append(
                f"  - {method.channel.label(lang)}: {limits}" + (f" | {fees}" if fees else "")
            )
    for case in p.dossier_cases:
        title = m("h.dossier") + (f" ({case.name})" if case.name else "")
        lines += ["", f"{title}:"]
        for c in case.components:
            counts = f"{'?' if c.originals is None else c.originals} {m('h.originals')}, " + (
                f"{'?' if c.copies is None else c.copies} {m('h.copies')}"
            )
            form = f" [{c.form}]" if c.form else ""
            optional = f" ({m('h.optional')})" if not c.required or c.condition else ""
            lines.append(f"  - {c.name}{form}: {counts}{optional}")
    for key, values in (
        ("h.applicants", p.applicants),
        ("h.agencies", tuple(a.name for a in p.implementing_agencies)),
        ("h.results", p.results),
        (
            "h.legal_basis",
            tuple(f"{ref.title} {ref}" if ref.title else str(ref) for ref in p.legal_basis),
        ),
        ("h.sources", tuple(source(s, ctx.lang) for s in sources)),
    ):
        if values:
            lines += ["", f"{m(key)}:"] + [f"  - {v}" for v in values]
    return "\n".join(lines)


def _looks_like_code(text: str) -> bool:
    head = text.strip()[:2]
    return len(head) == 2 and head[0].isdigit() and head[1] == "."


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the procedure."""
    text: str = args.code
    user = catalogue_of(args) if args.catalogue else None
    if _looks_like_code(text):
        procedure, sources = _lookup(text.strip(), user, args.catalogue)
    else:
        hits = find(text, catalogue=user)
        if not hits:
            raise UnknownCodeError(text, "the tthc catalogue")
        exact = [p for p in hits if fold(p.name) == fold(text.strip())]
        if len(hits) > 1 and len(exact) == 1:
            hits = (exact[0],)
        if len(hits) > 1:
            lines = [ctx.m("h.several", n=len(hits), text=text)]
            lines += [f"  {p.code}  {p.name}" for p in hits]
            ctx.write("\n".join(lines))
            return ExitCode.NOT_FOUND
        procedure, sources = _lookup(str(hits[0].code), user, args.catalogue)
    if ctx.json:
        ctx.write_json(NAME, {"procedure": to_dict(procedure), "sources": list(sources)})
    else:
        ctx.write(format_procedure(procedure, sources, ctx))
    return 0


def _lookup(code: str, user: Catalogue | None, path: str | None) -> tuple[Procedure, list[str]]:
    """The procedure and its sources: the shipped record's, or the user's file."""
    if user is None:
        record = catalogue.entry(code)
        return record.procedure, list(record.sources)
    return user.get(code), [str(path)]
