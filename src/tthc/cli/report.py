"""``tthc report LOG [--catalogue FILE] --period 2022-01..2022-07``: the reform report of a log.

Library call: :func:`tthc.reports.run_report_command` (a CSV or Parquet
dossier log with the columns of :func:`tthc.reports.reform_report`; ``FILE`` a
catalogue :meth:`tthc.catalogue.Catalogue.load` reads). Markdown by default,
``--format html`` or ``--format docx`` (a Word document: needs ``-o`` and the
``report`` extra). Needs the ``scorecard`` extra (numpy, pyarrow, pandas).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tthc._io import refuse_overwrite
from tthc.cli._common import CliError, Context
from tthc.cli._messages import Lang, message
from tthc.errors import ValidationError

__all__ = ["NAME", "add_parser", "run"]

NAME = "report"


def _t(key: str, lang: Lang, **values: Any) -> str:
    """The message ``report.<key>`` of ``tthc/messages_report.json``, in ``lang``."""
    return message(f"report.{key}", lang, **values)


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``report`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=_t("help", lang))
    parser.add_argument("log", metavar="LOG", help=message("arg.log", lang))
    parser.add_argument("--catalogue", metavar="FILE", help=_t("catalogue", lang))
    parser.add_argument("--period", metavar="PERIOD", help=_t("period", lang))
    parser.add_argument(
        "--format", choices=("md", "html", "docx"), default="md", help=_t("format", lang)
    )
    parser.add_argument("-o", "--output", metavar="FILE", help=_t("output", lang))
    parser.add_argument("--by", metavar="COLUMN", help=message("arg.by", lang))
    parser.add_argument("--integrated", metavar="FILE", help=_t("integrated", lang))
    parser.add_argument("--name", metavar="TEXT", help=_t("name", lang))
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print (or write) the report."""
    lang = ctx.lang
    if args.format == "docx" and not args.output:
        raise CliError("err.tthc", detail=_t("docx_output", lang))
    if args.period is not None:
        from tthc.reports._compute import as_period

        try:
            as_period(args.period)
        except ValidationError:
            raise CliError("err.tthc", detail=_t("bad_period", lang, value=args.period)) from None
    if args.output:
        folder = Path(args.output).expanduser().resolve().parent
        if not folder.is_dir():
            raise CliError("err.tthc", detail=_t("no_folder", lang, path=str(folder)))
        inputs = [p for p in (args.log, args.catalogue, args.integrated) if p is not None]
        refuse_overwrite(Path(args.output).expanduser(), inputs, field="--output")
    try:
        from tthc.reports._command import load_report, write_report

        report = load_report(
            args.log,
            args.catalogue,
            period=args.period,
            by=args.by,
            integrated_path=args.integrated,
            name=args.name,
        )
        text = write_report(report, fmt=args.format, lang=lang, output=args.output)
    except ImportError as e:  # numpy, pyarrow, pandas or python-docx missing
        extra = "report" if args.format == "docx" else "scorecard"
        raise CliError("err.extra_missing", extra=extra, detail=str(e)) from None
    except OSError as e:
        path = e.filename if isinstance(e.filename, str) else args.log
        raise CliError(
            "err.read_file",
            what=_t("file_word", lang),
            path=path,
            reason=e.strerror or str(e),
        ) from None
    if text is None:
        text = _t("written", lang, path=args.output)
    if ctx.json:
        data = {"text": text, "format": args.format, "output": args.output}
        ctx.write_json(NAME, {**data, "report": report.to_dict()})
    else:
        ctx.write(text.rstrip("\n"))
    return 0
