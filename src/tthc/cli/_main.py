"""Parsing the command line, dispatching to a command, rendering every error."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import Any, NoReturn, TextIO

from tthc._version import __version__
from tthc.cli._common import CliError, Context, ExitCode, write_json, write_safely
from tthc.cli._messages import Lang, explain, has_message, message
from tthc.cli._registry import COMMANDS
from tthc.errors import NoRuleInForceError, TthcError, UnknownCodeError, ValidationError
from tthc.messages import default_lang

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors go through the command's renderer."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(self.format_usage(), message)

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            write_safely(file if file is not None else sys.stdout, message)


class _UsageError(Exception):
    def __init__(self, usage: str, detail: str) -> None:
        super().__init__(detail)
        self.usage = usage
        self.detail = detail


@contextlib.contextmanager
def _argparse_in(lang: Lang) -> Iterator[None]:
    """Translate argparse's own strings (usage, errors, help headings) from the catalogue."""
    original = argparse._  # type: ignore[attr-defined]

    def translate(text: str) -> str:
        key = f"argparse.{text}"
        return message(key, lang) if has_message(key) else original(text)

    argparse._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def _modules() -> list[ModuleType]:
    return [importlib.import_module(f"tthc.cli.{name}") for name in COMMANDS]


def _global_options(parser: argparse.ArgumentParser, lang: Lang, *, top: bool) -> None:
    # Top level: real defaults. Subcommands: SUPPRESS, so "tthc --lang en due …" and
    # "tthc due … --lang en" both work and the later one wins.
    default: Any = argparse.SUPPRESS
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=default_lang() if top else default,
        help=message("opt.lang", lang),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top else default,
        help=message("opt.json", lang),
    )


def build_parser(lang: Lang) -> argparse.ArgumentParser:
    """The ``tthc`` argument parser, its help in ``lang``."""
    parser = _Parser(
        prog="tthc",
        description=message("prog.description", lang),
        epilog=message("prog.epilog", lang),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"tthc {__version__}",
        help=message("opt.version", lang),
    )
    _global_options(parser, lang, top=True)
    common = _Parser(add_help=False)
    _global_options(common, lang, top=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands._parser_class = _Parser
    for module in _modules():
        sub = module.add_parser(commands, [common], lang)
        sub.set_defaults(run=module.run, command_name=module.NAME)
    return parser


def _guess_lang(argv: Sequence[str]) -> Lang:
    """The ``--lang`` given anywhere, else ``TTHC_LANG`` or the locale (:func:`default_lang`)."""
    lang: Lang = default_lang()
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in ("vi", "en"):
            lang = "en" if value == "en" else "vi"
    return lang


def _error_text(e: BaseException, lang: Lang) -> tuple[str, ExitCode, list[dict[str, Any]]]:
    """The message (in ``lang``), exit code and JSON problems for an error."""
    if isinstance(e, CliError):
        return e.text(lang), e.code, []
    if isinstance(e, (UnknownCodeError, NoRuleInForceError)):
        return explain(e, lang), ExitCode.NOT_FOUND, []
    if isinstance(e, ValidationError):
        shown = e.problems[:20]
        data = [
            {"path": p.path, "expected": p.expected, "value": repr(p.value), "key": p.key}
            for p in shown
        ]
        return explain(e, lang), ExitCode.USAGE, data
    if isinstance(e, TthcError):
        return explain(e, lang), ExitCode.USAGE, []
    if isinstance(e, (OverflowError, RecursionError, MemoryError)):
        detail = type(e).__name__
        return message("err.limit", lang, detail=detail), ExitCode.USAGE, []
    return message("err.internal", lang, kind=type(e).__name__), ExitCode.INTERNAL, []


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Run the command line; returns the exit code (never raises, never a traceback).

    ``out``/``err`` replace standard output/error and ``now`` the clock (for
    tests). ``--help`` and ``--version`` print and return 0.

    >>> import io
    >>> buffer = io.StringIO()
    >>> main(["show", "9.999999"], out=buffer, err=io.StringIO())
    1
    >>> main(["--lang", "en", "due", "20/11/2026 10:00", "3 ngày làm việc", "--short"], out=buffer)
    0
    >>> print(buffer.getvalue(), end="")
    24:00 Thursday 26/11/2026
    """
    args_in = list(sys.argv[1:] if argv is None else argv)
    stdout = out if out is not None else sys.stdout
    stderr = err if err is not None else sys.stderr
    lang = _guess_lang(args_in)
    as_json = "--json" in args_in
    command = "tthc"
    try:
        with _argparse_in(lang):
            parser = build_parser(lang)
            try:
                with contextlib.redirect_stdout(stdout):
                    args = parser.parse_args(args_in)
            except SystemExit as exit_:  # --help, --version
                return int(exit_.code or 0)
        lang = args.lang
        as_json = args.json
        command = args.command_name
        ctx = Context(lang=lang, out=stdout, json=as_json)
        if now is not None:
            ctx.now = now
        return int(args.run(args, ctx))
    except _UsageError as e:
        text = message("err.usage", lang, detail=e.detail)
        write_safely(stderr, e.usage + f"tthc: {text}\n")
        _json_error(stdout, as_json, command, lang, text, [])
        return int(ExitCode.USAGE)
    except KeyboardInterrupt:
        return 130  # 128 + SIGINT, as shells report it
    except BrokenPipeError:  # the reader went away (tthc … | head): stop quietly
        if stdout is sys.__stdout__:
            _silence_stdout()
        return 141  # 128 + SIGPIPE
    except Exception as e:  # the contract: a message, never a traceback
        if os.environ.get("TTHC_TRACEBACK") and _error_text(e, lang)[1] is ExitCode.INTERNAL:
            raise  # for debugging tthc itself (docs/cli.md)
        text, code_, problems = _error_text(e, lang)
        write_safely(stderr, f"tthc: {text}\n")
        _json_error(stdout, as_json, command, lang, text, problems)
        return int(code_)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests, notebooks)
        pass


def _json_error(
    out: TextIO, as_json: bool, command: str, lang: Lang, text: str, problems: list[Any]
) -> None:
    if not as_json:
        return
    from tthc.cli._common import ENVELOPE_VERSION
    from tthc.serialization import SCHEMA_VERSION

    write_json(
        out,
        {
            "tthc_cli": ENVELOPE_VERSION,
            "schema_version": SCHEMA_VERSION,
            "command": command,
            "ok": False,
            "lang": lang,
            "error": {"message": text, "problems": problems},
        },
    )
