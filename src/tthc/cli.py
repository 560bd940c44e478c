"""The ``tthc`` command: a thin shell over the public API.

``tthc show CODE`` prints a procedure from the embedded catalogue (``--json``
for machines, ``--lang en`` for English labels). Exit codes: 0 success, 1 the
input was understood but refers to nothing (unknown code), 2 bad usage or
unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from tthc import catalogue
from tthc._labels import Lang
from tthc.errors import TthcError, UnknownCodeError
from tthc.model import Procedure
from tthc.serialization import to_json

__all__ = ["main"]

_HEADINGS: dict[str, tuple[str, str]] = {
    "code": ("Mã thủ tục", "Code"),
    "tiers": ("Cấp thực hiện", "Tier"),
    "sector": ("Lĩnh vực", "Sector"),
    "decision": ("Số quyết định", "Publishing decision"),
    "steps": ("Trình tự thực hiện", "Steps"),
    "methods": ("Cách thức thực hiện", "Methods"),
    "dossier": ("Thành phần hồ sơ", "Dossier components"),
    "applicants": ("Đối tượng thực hiện", "Applicants"),
    "agencies": ("Cơ quan thực hiện", "Implementing agency"),
    "results": ("Kết quả thực hiện", "Results"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "sources": ("Nguồn", "Sources"),
    "free": ("Miễn phí", "Free"),
    "originals": ("bản chính", "original(s)"),
    "copies": ("bản sao", "copy(ies)"),
    "optional": ("khi có", "when applicable"),
}


def _h(key: str, lang: Lang) -> str:
    vi, en = _HEADINGS[key]
    return vi if lang == "vi" else en


def _format_procedure(p: Procedure, sources: Sequence[str], lang: Lang) -> str:
    lines = [p.name, "=" * len(p.name), f"{_h('code', lang)}: {p.code}"]
    if p.tiers:
        lines.append(f"{_h('tiers', lang)}: {', '.join(t.label(lang) for t in p.tiers)}")
    if p.sector:
        lines.append(f"{_h('sector', lang)}: {p.sector}")
    if p.decision:
        lines.append(f"{_h('decision', lang)}: {p.decision}")
    if p.steps:
        lines += ["", f"{_h('steps', lang)}:"]
        lines += [f"  {i}. {step}" for i, step in enumerate(p.steps, 1)]
    if p.methods:
        lines += ["", f"{_h('methods', lang)}:"]
        for m in p.methods:
            limits = "; ".join(limit.label(lang) for limit in m.time_limits)
            fees = ", ".join(
                f"{fee.name} {fee.amount:,} đ".replace(",", ".")
                if fee.amount
                else f"{fee.name}: {_h('free', lang)}"
                for fee in m.fees
            )
            lines.append(f"  - {m.channel.label(lang)}: {limits}" + (f" | {fees}" if fees else ""))
    for case in p.dossier_cases:
        title = _h("dossier", lang) + (f" ({case.name})" if case.name else "")
        lines += ["", f"{title}:"]
        for c in case.components:
            counts = f"{c.originals} {_h('originals', lang)}, {c.copies} {_h('copies', lang)}"
            form = f" [{c.form}]" if c.form else ""
            optional = f" ({_h('optional', lang)})" if not c.required or c.condition else ""
            lines.append(f"  - {c.name}{form}: {counts}{optional}")
    for key, values in (
        ("applicants", p.applicants),
        ("agencies", tuple(a.name for a in p.implementing_agencies)),
        ("results", p.results),
        (
            "legal_basis",
            tuple(f"{ref.title} {ref}" if ref.title else str(ref) for ref in p.legal_basis),
        ),
        ("sources", tuple(sources)),
    ):
        if values:
            lines += ["", f"{_h(key, lang)}:"] + [f"  - {v}" for v in values]
    return "\n".join(lines)


def _show(args: argparse.Namespace, out: TextIO) -> int:
    record = catalogue.entry(args.code)
    if args.json:
        out.write(to_json(record.procedure, indent=2) + "\n")
    else:
        out.write(_format_procedure(record.procedure, record.sources, args.lang) + "\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tthc",
        description="Vietnamese administrative procedures (thủ tục hành chính): "
        "catalogue, working calendar and deadlines.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("vi", "en"), default="vi", help="label language")
    common.add_argument("--json", action="store_true", help="machine-readable JSON output")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    show = commands.add_parser(
        "show", parents=[common], help="print a procedure from the embedded catalogue"
    )
    show.add_argument("code", help="TTHC code, e.g. 1.004222")
    show.set_defaults(handler=_show)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code.

    >>> import io
    >>> buffer = io.StringIO()
    >>> main(["show", "1.003197"], out=buffer)
    1
    """
    stream = out if out is not None else sys.stdout
    args = _parser().parse_args(argv)
    try:
        code: int = args.handler(args, stream)
    except UnknownCodeError as e:
        print(f"tthc: {e}", file=sys.stderr)
        return 1
    except TthcError as e:
        print(f"tthc: {e}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
