"""``tthc serve [--host H] [--port N] [--catalogue FILE] [--max-body BYTES]``: the HTTP service.

Runs :func:`tthc.service.create_app` under uvicorn (extra ``serve``, which
brings uvloop and httptools through ``uvicorn[standard]``). The arguments are
checked before anything starts: a bad port, host or size, a port in use or a
catalogue file that cannot be read is a message and exit code 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
from typing import Any

from tthc.cli._common import CliError, Context
from tthc.cli._messages import Lang, message

__all__ = ["NAME", "add_parser", "run"]

NAME = "serve"
_DEFAULT_MAX_BODY = 1_048_576  # tthc.service.DEFAULT_MAX_BODY_BYTES (not imported: extra)


def _port(lang: Lang) -> Any:
    def read(text: str) -> int:
        value = text.strip()
        if value.isascii() and value.isdigit() and len(value) <= 5 and int(value) <= 65535:
            return int(value)
        raise argparse.ArgumentTypeError(message("err.port", lang, text=text))

    return read


def _host(lang: Lang) -> Any:
    def read(text: str) -> str:
        value = text.strip()
        if value.startswith("[") and value.endswith("]"):  # [::1]
            value = value[1:-1]
        if (
            not value
            or len(value) > 253
            or not value.isprintable()
            or any(c.isspace() for c in value)
        ):
            raise argparse.ArgumentTypeError(message("err.host", lang, text=text))
        return value

    return read


def _size(lang: Lang) -> Any:
    def read(text: str) -> int:
        value = text.strip()
        if value.isascii() and value.isdigit() and len(value) <= 15 and int(value) > 0:
            return int(value)
        raise argparse.ArgumentTypeError(message("err.max_body", lang, text=text))

    return read


def add_parser(commands: Any, parents: list[argparse.ArgumentParser], lang: Lang) -> Any:
    """The ``serve`` sub-parser."""
    parser = commands.add_parser(NAME, parents=parents, help=message("cmd.serve", lang))
    parser.add_argument(
        "--host", type=_host(lang), default="127.0.0.1", help=message("arg.host", lang)
    )
    parser.add_argument("--port", type=_port(lang), default=8000, help=message("arg.port", lang))
    parser.add_argument(
        "--catalogue",
        metavar="FILE",
        default=os.environ.get("TTHC_CATALOGUE") or None,
        help=message("arg.serve_catalogue", lang),
    )
    parser.add_argument(
        "--max-body",
        metavar="BYTES",
        type=_size(lang),
        default=_DEFAULT_MAX_BODY,
        help=message("arg.max_body", lang, default=_DEFAULT_MAX_BODY),
    )
    return parser


def _reason(error: OSError, lang: Lang) -> str:
    if isinstance(error, socket.gaierror):
        return message("err.bind.unknown_host", lang)
    key = {
        errno.EADDRINUSE: "err.bind.in_use",
        errno.EACCES: "err.bind.denied",
        errno.EADDRNOTAVAIL: "err.bind.not_here",
    }.get(error.errno or 0)
    if key is None:
        return message("err.bind.other", lang, errno=error.errno)
    return message(key, lang)


def _listen(host: str, port: int, lang: Lang) -> socket.socket:
    """A bound socket for ``host:port`` (so a port in use is our message, not uvicorn's)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
        except OSError:
            sock.close()
            raise
    except (OSError, UnicodeError) as e:
        reason = (
            _reason(e, lang) if isinstance(e, OSError) else message("err.host", lang, text=host)
        )
        raise CliError("err.bind", host=host, port=port, reason=reason) from None
    return sock


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Serve until interrupted."""
    try:
        import uvicorn

        from tthc.service import create_app
    except ImportError as e:
        raise CliError("err.extra_missing", extra="serve", detail=e.name or str(e)) from None
    app = create_app(args.catalogue, max_body_bytes=args.max_body)
    sock = _listen(args.host, args.port, ctx.lang)
    port = sock.getsockname()[1]
    shown = f"[{args.host}]" if ":" in args.host else args.host  # an IPv6 address in a URL
    ctx.write(ctx.m("h.serving", host=shown, port=port))
    config = uvicorn.Config(app, log_level="warning", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
    return 0
