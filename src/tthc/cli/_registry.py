"""The commands of ``tthc``: one module of :mod:`tthc.cli` per command, one line here each.

Each module defines ``NAME`` (the command word), ``add_parser(commands, parents,
lang)`` returning its :class:`argparse.ArgumentParser`, and ``run(args, ctx)``
returning an exit code. Order here is the order of ``tthc --help``.
"""

from __future__ import annotations

__all__ = ["COMMANDS"]

COMMANDS: tuple[str, ...] = (
    "due",
    "calendar",
    "days_off",
    "show",
    "search",
    "catalogue",
    "level",
    "check",
    "parse_limit",
    "schema",
    "serve",
    "coverage",
    "scorecard",
    "report",
)
