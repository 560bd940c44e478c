"""The ``tthc`` command: a thin shell over the public API.

``tthc [--lang vi|en] [--json] COMMAND …`` (the global options may also follow
the command). Commands, one module each:

- ``tthc due RECEIVED LIMIT``: when the result is due and why (``tthc/cli/due.py``);
- ``tthc calendar YEAR``: weekdays off and make-up days (``tthc/cli/calendar.py``);
- ``tthc days-off YEAR``: every cited day off of a year (``tthc/cli/days_off.py``);
- ``tthc show CODE|NAME`` and ``tthc search TEXT``: the catalogue;
- ``tthc level CODE [--on DATE]``: the online service level;
- ``tthc check DOSSIER.json``: a dossier's gaps, status and timeline;
- ``tthc parse-limit TEXT``; ``tthc schema TYPE``; ``tthc serve``.

Every message, errors included, comes from one catalogue (``messages.json``,
``tthc/cli/_messages.py``) in Vietnamese and English. ``--json`` prints one
versioned envelope (``tthc_cli``, ``schema_version``, ``command``, ``ok``,
``data`` in the :mod:`tthc.serialization` shapes, ``warnings``). Exit codes:
0 ok, 1 unknown code or nothing in force, 2 bad usage or unreadable input,
3 dossier incomplete, 4 dossier overdue (docs/cli.md). Never a traceback.

**Adding a command** is adding one module and one registry line: write
``tthc/cli/NAME.py`` with ``NAME = "word"``, ``add_parser(commands, parents,
lang)`` (``commands.add_parser(NAME, parents=parents, help=…)``, help strings
from the catalogue) and ``run(args, ctx) -> int``, then add ``"NAME"`` to
``COMMANDS`` in ``tthc/cli/_registry.py``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import TextIO

__all__ = ["main"]


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Run the command line (:func:`tthc.cli._main.main`); returns the exit code.

    ``tthc --version`` alone answers before the library is imported (the
    rest of the command line loads what its command needs).
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == ["--version"]:
        from tthc._version import __version__

        print(f"tthc {__version__}", file=sys.stdout if out is None else out)
        return 0
    from tthc.cli._main import main as run

    return run(argv, out=out, err=err, now=now)
