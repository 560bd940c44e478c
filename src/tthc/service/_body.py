"""Request bodies: a size limit enforced while streaming, JSON read off the event loop (private).

:class:`BodyLimit` refuses a body over the limit before reading it when
``Content-Length`` says so, and stops reading a streamed (chunked) body the
moment it passes the limit: no request can make the service buffer more
than the limit. :func:`read_json` parses in a worker thread, so one large
body does not hold up the requests behind it.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from anyio import to_thread
from starlette.requests import Request

from tthc._json import loads_json
from tthc.errors import ParseError
from tthc.limits import MAX_JSON_DEPTH, MAX_NUMBER_DIGITS
from tthc.service._problems import BodyTooLargeError, ServiceError, lang_of, problem_body
from tthc.service._text import text

__all__ = ["DEFAULT_MAX_BODY_BYTES", "BodyLimit", "read_json"]

#: The default cap on a request body, in bytes (1 MiB): a dossier with its whole
#: procedure inline is a few tens of kilobytes.
DEFAULT_MAX_BODY_BYTES = 1_048_576

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: at most ``max_bytes`` of request body, else 413 problem+json."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _refuse(scope, send, self.max_bytes)
            return
        seen = 0
        limit = self.max_bytes

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLargeError(limit)
            return message

        await self.app(scope, limited, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length":
            digits = value.strip()
            if digits.isdigit() and len(digits) <= 18:
                return int(digits)
            return None
    return None


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    lang = lang_of(scope.get("headers", ()))
    path = str(scope.get("path", "/"))
    detail = text("detail.too_large", lang, limit=limit)
    body = problem_body(413, "body_too_large", detail, path, lang)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                (b"content-language", lang.encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _bad_json(reason_key: str, **values: Any) -> ServiceError:
    return ServiceError(400, "bad_json", "detail.bad_json", reason=(reason_key, values))


def _parse(body: bytes) -> Any:
    """JSON from bytes, strictly: tthc's limits, valid UTF-8, no lone surrogates."""
    if not body.strip():
        raise _bad_json("json.empty")
    try:
        data = loads_json(body, what="request body")
    except ParseError as e:
        if e.what.endswith("number"):
            raise _bad_json("json.number", literal=e.text[:40], digits=MAX_NUMBER_DIGITS) from None
        try:
            json.loads(body)
        except json.JSONDecodeError as syntax:
            raise _bad_json("json.syntax", line=syntax.lineno, column=syntax.colno) from None
        except UnicodeDecodeError:
            raise _bad_json("json.encoding") from None
        except RecursionError:
            raise _bad_json("json.depth", depth=MAX_JSON_DEPTH) from None
        raise _bad_json("json.depth", depth=MAX_JSON_DEPTH) from None
    if b"\\u" in body or b"\\U" in body:  # only an escape can carry a lone surrogate
        where = _lone_surrogate(data)
        if where is not None:
            raise _bad_json("json.surrogate", path=where)
    return data


def _lone_surrogate(data: Any) -> str | None:
    """The path of the first string (or key) holding a lone surrogate; iterative."""
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if not _is_unicode(value):
                return path
        elif isinstance(value, dict):
            for key, item in value.items():
                step = f"{path}.{key}" if _is_unicode(key) else f"{path}[?]"
                if step.endswith("[?]"):
                    return step
                stack.append((item, step))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
    return None


def _is_unicode(value: str) -> bool:
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


async def read_json(request: Request, *, threshold: int = 16_384) -> Any:
    """The request body as JSON; bodies over ``threshold`` bytes are parsed in a thread."""
    body = await request.body()
    if len(body) <= threshold:
        return _parse(body)
    return await to_thread.run_sync(_parse, body)
