"""``tthc schema TYPE``: the JSON Schema (draft 2020-12) of a serialized type.

Library call: :func:`tthc.serialization.json_schema`. The schema itself is
printed (not wrapped in the ``--json`` envelope): it is already JSON.
"""

from __future__ import annotations

import argparse
from typing import Any

from tthc._schema import schema_type, schema_types
from tthc.cli._common import CliError, Context, ExitCode, write_json
from tthc.cli._messages import Lang, message
from tthc.errors import UnknownCodeError
from tthc.serialization import json_schema

__all__ = ["NAME", "add_parser", "run"]

NAME = "schema"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``schema`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.schema", lang))
    names = ", ".join(sorted(schema_types()))
    parser.add_argument("type", metavar="TYPE", help=message("arg.type", lang, names=names))
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the schema."""
    try:
        cls = schema_type(args.type.strip())
    except UnknownCodeError:
        names = ", ".join(sorted(schema_types()))
        raise CliError(
            "err.unknown_type", ExitCode.NOT_FOUND, name=args.type, names=names
        ) from None
    write_json(ctx.out, json_schema(cls))
    return 0
