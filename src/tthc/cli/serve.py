"""``tthc serve [--host H] [--port N]``: the HTTP JSON service (extra ``serve``).

Runs :func:`tthc.service.create_app` under uvicorn; see :mod:`tthc.service`.
"""

from __future__ import annotations

import argparse
from typing import Any

from tthc.cli._common import CliError, Context
from tthc.cli._messages import Lang, message

__all__ = ["NAME", "add_parser", "run"]

NAME = "serve"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``serve`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.serve", lang))
    parser.add_argument("--host", default="127.0.0.1", help=message("arg.host", lang))
    parser.add_argument("--port", type=int, default=8000, help=message("arg.port", lang))
    return parser


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Serve until interrupted."""
    try:
        import uvicorn

        from tthc.service import create_app
    except ImportError as e:
        raise CliError("err.extra_missing", extra="serve", detail=e.name or str(e)) from None
    ctx.write(ctx.m("h.serving", host=args.host, port=args.port))
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="warning")
    return 0
