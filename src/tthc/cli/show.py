"""``tthc show CODE|NAME``: a procedure of the national catalogue (or ``--catalogue FILE``).

Library calls: :meth:`tthc.catalogue.Catalogue.entry` on
:func:`tthc.catalogue.open_catalogue` for a code; for a name,
:func:`tthc.cli.search.find`: one match, or the one whose whole name matches, is
shown; several are listed (exit 1). What the sources do not state is not
shown (the record's notes say so). ``--json`` gives the
:class:`~tthc.catalogue.CatalogueEntry` shape: the procedure, its sources,
notes, issuing agency and per-field provenance.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from tthc._text import fold
from tthc.catalogue import Catalogue, CatalogueEntry
from tthc.catalogue._build import NOT_STATED_NOTE
from tthc.cli._common import Context, ExitCode
from tthc.cli._messages import Lang, message
from tthc.cli.search import add_catalogue_option, catalogue_of, find
from tthc.errors import UnknownCodeError
from tthc.messages import source
from tthc.model import Procedure
from tthc.serialization import to_dict

__all__ = ["NAME", "add_parser", "format_procedure", "run"]

NAME = "show"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``show`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.show", lang))
    parser.add_argument("code", metavar="CODE|NAME", help=message("arg.code_or_name", lang))
    add_catalogue_option(parser, lang)
    return parser


def format_procedure(
    p: Procedure,
    sources: Sequence[str],
    ctx: Context,
    *,
    notes: Sequence[str] = (),
    issuing_agency: str | None = None,
    snapshot: str | None = None,
) -> str:
    """The record as text, headings in the run's language; ``notes`` say what is not stated."""
    lang, m = ctx.lang, ctx.m
    lines = [p.name, "=" * len(p.name), f"{m('h.code')}: {p.code}"]
    if issuing_agency:
        lines.append(f"{m('h.issuing_agency')}: {issuing_agency}")
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
            counts = ", ".join(  # a count the source does not state is shown as such
                f"{m('h.not_stated') if n is None else n} {m(key)}"
                for n, key in ((c.originals, "h.originals"), (c.copies, "h.copies"))
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
        ("h.notes", tuple(notes)),
    ):
        if values:
            lines += ["", f"{m(key)}:"] + [f"  - {v}" for v in values]
    if not p.methods:
        lines += ["", m("h.methods_not_stated")]
    if snapshot:
        lines += ["", f"{m('h.snapshot')}: {snapshot}"]
    return "\n".join(lines)


def _looks_like_code(text: str) -> bool:
    head = text.strip()[:2]
    return len(head) == 2 and head[0].isdigit() and head[1] == "."


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the procedure."""
    text: str = args.code
    chosen = catalogue_of(args)
    if _looks_like_code(text):
        try:
            record = chosen.entry(text.strip())
        except UnknownCodeError as e:  # the CLI names the catalogue in the run's language
            raise UnknownCodeError(e.code, "the tthc catalogue") from None
    else:
        hits = find(text, catalogue=chosen)
        if not hits:
            raise UnknownCodeError(text, "the tthc catalogue")
        wanted = fold(text.strip())
        exact = [i for i, name in enumerate(hits.names) if fold(name) == wanted]
        if len(hits) > 1 and len(exact) == 1:
            hits = hits[exact[0] : exact[0] + 1]
        if len(hits) > 1:
            lines = [ctx.m("h.several", n=len(hits), text=text)]
            lines += [f"  {c}  {n}" for c, n in zip(hits.codes, hits.names, strict=True)]
            ctx.write("\n".join(lines))
            return ExitCode.NOT_FOUND
        record = chosen.entry(hits.codes[0])
    if ctx.json:
        ctx.write_json(NAME, _as_json(record, chosen))
    else:
        day = chosen.snapshot
        text = format_procedure(
            record.procedure,
            _sources(record, chosen),
            ctx,
            # the records' notes are written in English: shown in English; "not stated" in both
            notes=[n for n in record.notes if n != NOT_STATED_NOTE] if ctx.lang == "en" else [],
            issuing_agency=record.issuing_agency,
            snapshot=None if day is None else day.strftime("%d/%m/%Y"),
        )
        ctx.write(text)
    return 0


def _sources(record: CatalogueEntry, where: Catalogue) -> list[str]:
    """The record's sources; a record loaded from a plain file names the file."""
    if record.sources:
        return list(record.sources)
    return [where.path] if where.path else []


def _as_json(record: CatalogueEntry, where: Catalogue) -> dict[str, Any]:
    data: dict[str, Any] = to_dict(record)
    data["sources"] = _sources(record, where)
    data["snapshot"] = None if where.snapshot is None else where.snapshot.isoformat()
    return data
