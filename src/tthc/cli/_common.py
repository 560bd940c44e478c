"""What every command shares: the context, argument readers, output, errors.

Commands receive a :class:`Context` (language, output stream, JSON mode, the
moment "now") and raise :class:`CliError` (a message key, values and an exit
code) for anything the user should fix; library errors (:class:`~tthc.errors.TthcError`)
are rendered in the chosen language by :mod:`tthc.cli._main`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import errno
import json
import sys
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TextIO, TypeVar

import attrs

from tthc._schema import SCHEMA_VERSION
from tthc.cli._messages import Lang, day, has_message, message
from tthc.deadlines import MAX_YEAR, MIN_YEAR, VIETNAM, WorkingCalendar, official_calendar
from tthc.errors import ParseError, ProvisionalCalendarWarning, TthcError
from tthc.reading import read_date, read_moment, read_year

__all__ = [
    "ENVELOPE_VERSION",
    "CliError",
    "Context",
    "ExitCode",
    "calendar_from",
    "capture",
    "moment_text",
    "parse_date",
    "parse_moment",
    "parse_year",
    "read_text",
]

T = TypeVar("T")

#: Version of the ``--json`` envelope (``{"tthc_cli": …}``); bumped on incompatible changes.
ENVELOPE_VERSION = "1"
_MAX_ARG = 200  # longer moments/dates are refused before any parsing


class ExitCode(enum.IntEnum):
    """The command's exit codes (documented in docs/cli.md)."""

    OK = 0
    NOT_FOUND = 1  # understood, but refers to nothing (unknown code, nothing in force)
    USAGE = 2  # bad usage or unreadable input
    INCOMPLETE = 3  # tthc check: the dossier lacks components
    OVERDUE = 4  # tthc check: the dossier is open and past its due date
    INTERNAL = 70  # a bug in tthc (EX_SOFTWARE); the message asks for a report


class CliError(Exception):
    """An error for the user: a catalogue message key, its values, an exit code."""

    def __init__(self, key: str, code: ExitCode = ExitCode.USAGE, **values: Any) -> None:
        super().__init__(key, values)
        self.key = key
        self.code = code
        self.values = values

    def text(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return message(self.key, lang, **self.values)


@attrs.define
class Context:
    """Per-run state handed to a command."""

    lang: Lang
    out: TextIO
    json: bool = False
    now: dt.datetime = attrs.field(factory=lambda: dt.datetime.now(VIETNAM))
    provisional: list[str] = attrs.field(factory=list)

    def m(self, key: str, /, **values: Any) -> str:
        """A catalogue message in the run's language."""
        return message(key, self.lang, **values)

    def write(self, text: str) -> None:
        """Write text (a line break is added)."""
        write_safely(self.out, text + "\n")

    def write_json(self, command: str, data: Any) -> None:
        """Write the versioned ``--json`` envelope around ``data``."""
        envelope = {
            "tthc_cli": ENVELOPE_VERSION,
            "schema_version": SCHEMA_VERSION,
            "command": command,
            "ok": True,
            "lang": self.lang,
            "data": data,
            "warnings": self.warnings(),
        }
        write_json(self.out, envelope)

    def warnings(self) -> list[dict[str, Any]]:
        """The run's provisional-calendar warnings, aggregated (one entry with a count)."""
        if not self.provisional:
            return []
        return [
            {
                "kind": "provisional_calendar",
                "count": len(self.provisional),
                "messages": list(dict.fromkeys(self.provisional)),
            }
        ]


def write_json(out: TextIO, data: Any) -> None:
    """JSON text, with ASCII escapes when the stream cannot encode the characters."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if not _encodable(out, text):
        text = json.dumps(data, ensure_ascii=True, indent=2)
    out.write(text + "\n")


def _encodable(out: TextIO, text: str) -> bool:
    encoding = getattr(out, "encoding", None)
    if not encoding:
        return True
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics (``Hạn trả`` → ``Han tra``), for ASCII terminals."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("–", "-").replace("…", "...")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def write_safely(out: TextIO, text: str) -> None:
    """Write ``text`` whatever the stream's encoding can hold.

    A terminal that cannot show Vietnamese (``PYTHONIOENCODING=ascii``) gets
    the text without diacritics; what still cannot be encoded (a lone
    surrogate from a badly encoded argument) is written as backslash escapes.
    """
    if _encodable(out, text):
        out.write(text)
        return
    folded = ascii_fold(text)
    if _encodable(out, folded):
        out.write(folded)
        return
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        out.write(folded.encode(encoding, "backslashreplace").decode(encoding, "replace"))
    except LookupError:
        out.write(folded.encode("ascii", "backslashreplace").decode("ascii"))


def capture(ctx: Context, compute: Callable[[], T]) -> T:
    """Run ``compute``; provisional-calendar warnings are collected on ``ctx``, not raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ProvisionalCalendarWarning)
        result = compute()
    for w in caught:
        if issubclass(w.category, ProvisionalCalendarWarning):
            ctx.provisional.append(str(w.message))
        else:  # pragma: no cover - tthc emits no other warning here
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result


# --------------------------------------------------------------------------- #
# Reading arguments
# --------------------------------------------------------------------------- #


def _clean(text: str) -> str:
    value = text.strip()
    if not value or len(value) > _MAX_ARG or not value.isprintable():
        return ""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from undecodable bytes
        return ""
    return value


def parse_moment(text: str, now: dt.datetime) -> dt.datetime | dt.date:
    """A moment in Vietnam time, or a bare date: :func:`tthc.reading.read_moment`.

    Day-first dates; a date impossible day-first but possible month-first is
    refused with both readings named. Raises :class:`CliError` for text that
    cannot be an argument, :class:`~tthc.errors.ParseError` otherwise.
    """
    if not _clean(text):
        raise CliError("err.moment", text=text)
    return read_moment(text, now=now)


def parse_date(text: str, now: dt.datetime) -> dt.date:
    """A date: ``today``, ``dd/mm/yyyy`` or ``YYYY-MM-DD`` (:func:`tthc.reading.read_date`)."""
    if not _clean(text):
        raise CliError("err.date", text=text)
    return read_date(text, now=now)


def parse_year(text: str) -> int:
    """A year the calendar covers. Raises :class:`CliError`."""
    try:
        return read_year(_clean(text))
    except ParseError:
        raise CliError("err.year", text=text, first=MIN_YEAR, last=MAX_YEAR) from None


def moment_text(at: dt.datetime, lang: Lang) -> str:
    """``17:00 thứ Năm 26/11/2026`` in Vietnam time."""
    local = at.astimezone(VIETNAM)
    return f"{local:%H:%M} {day(local.date(), lang)}"


def read_text(path: str, what: str, lang: Lang) -> str:
    """A UTF-8 file's text (``-``: standard input), bounded. Raises :class:`CliError`.

    At most :data:`tthc.limits.MAX_INPUT_BYTES` are read (``/dev/zero`` stops
    there); ``-`` with no standard input (closed, or a terminal nobody pipes
    into) is refused at once instead of waiting; a leading BOM is dropped.
    """
    from tthc._io import read_file, read_stream
    from tthc.limits import MAX_INPUT_BYTES

    def refuse(key: str, **values: Any) -> CliError:
        return CliError("err.read_file", what=what, path=path, reason=message(key, lang, **values))

    try:
        if path == "-":
            stdin = sys.stdin
            if stdin is None or stdin.closed:
                raise refuse("err.no_stdin")
            if stdin.isatty():
                raise refuse("err.stdin_tty")
            raw = read_stream(stdin, name=path, what=what)
        else:
            raw = read_file(path, what=what)
        return raw.decode("utf-8-sig")
    except TthcError:  # past the limit
        raise refuse("err.too_large", limit=f"{MAX_INPUT_BYTES:,}") from None
    except OSError as e:
        raise CliError("err.read_file", what=what, path=path, reason=os_reason(e, lang)) from None
    except (UnicodeDecodeError, ValueError):
        raise refuse("err.not_utf8") from None


def os_reason(error: OSError, lang: Lang) -> str:
    """Why a file could not be read, in ``lang`` (the system's text is English)."""
    name = errno.errorcode.get(error.errno or 0, "")
    key = f"err.os.{name}"
    if has_message(key):
        return message(key, lang)
    return message("err.os.other", lang, name=name or type(error).__name__)


# --------------------------------------------------------------------------- #
# Shared options
# --------------------------------------------------------------------------- #


def calendar_options(lang: Lang) -> argparse.ArgumentParser:
    """``--no-culture-day`` and ``--calendar FILE`` (due, calendar, days-off)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--no-culture-day", action="store_true", help=message("opt.no_culture_day", lang)
    )
    parent.add_argument("--calendar", metavar="FILE", help=message("opt.calendar", lang))
    return parent


def calendar_from(
    args: argparse.Namespace, lang: Lang, *, year: int | None = None
) -> WorkingCalendar:
    """The official calendar with the options given."""
    last = max(2035, year) if year is not None else 2035
    cal = official_calendar(culture_day=not args.no_culture_day, last_year=last)
    if args.calendar is None:
        return cal
    what = message("err.calendar_file", lang)
    try:
        return cal.with_file(args.calendar)
    except TthcError:
        raise
    except OSError as e:
        raise CliError(
            "err.read_file", what=what, path=args.calendar, reason=os_reason(e, lang)
        ) from None
    except (ValueError, TypeError, RecursionError) as e:  # syntax the loader lets through
        raise CliError("err.read_file", what=what, path=args.calendar, reason=e) from None


def first_line(items: Sequence[str]) -> str:
    """Items joined by ``, ``."""
    return ", ".join(items)
