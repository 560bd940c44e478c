"""Bounded reads of outside files and streams (private).

Every file or stream tthc reads whole goes through here, so no input can make
it read without end: reading stops one byte past :data:`~tthc.limits.MAX_INPUT_BYTES`
(``/dev/zero``, an endless pipe) and a gzip stream stops once it has inflated
past :data:`~tthc.limits.MAX_DECOMPRESSED_BYTES`. A source past its limit
raises :class:`~tthc.errors.ParseError` naming the source and the limit;
operating-system failures (a missing file, a directory, no permission) stay
:class:`OSError`, for the caller to report in its own words.

>>> import io
>>> read_stream(io.BytesIO(b"{}"), name="<stdin>", what="dossier")
b'{}'
>>> try:
...     read_stream(io.BytesIO(b"x" * 10), name="<stdin>", what="dossier", limit=4)
... except ParseError as e:
...     print(e.expected)
at most 4 bytes (tthc.limits.MAX_INPUT_BYTES); reading stopped there
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from tthc.errors import ParseError, ValidationError
from tthc.limits import MAX_DECOMPRESSED_BYTES, MAX_INPUT_BYTES

__all__ = ["inflate_gzip", "read_file", "read_stream", "refuse_overwrite"]

_CHUNK = 1 << 20


def _too_large(name: str, what: str, limit: int, limit_name: str) -> ParseError:
    return ParseError(
        name,
        f"at most {limit:,} bytes (tthc.limits.{limit_name}); reading stopped there",
        what=what,
    )


def _read_chunks(
    read: Any, name: str, what: str, limit: int, limit_name: str = "MAX_INPUT_BYTES"
) -> bytes:
    buffer = bytearray()
    while True:
        chunk = read(min(_CHUNK, limit + 1 - len(buffer)))
        if not chunk:
            return bytes(buffer)
        if isinstance(chunk, str):  # a text stream: count its UTF-8 bytes
            chunk = chunk.encode("utf-8", "surrogatepass")
        buffer += chunk
        if len(buffer) > limit:
            raise _too_large(name, what, limit, limit_name)


def read_stream(
    stream: IO[Any], *, name: str, what: str = "input", limit: int = MAX_INPUT_BYTES
) -> bytes:
    """At most ``limit`` bytes of a binary (or text) stream; more raises ParseError."""
    raw = getattr(stream, "buffer", stream)  # sys.stdin: read its bytes, not decoded text
    return _read_chunks(raw.read, name, what, limit)


def read_file(
    path: str | os.PathLike[str], *, what: str = "file", limit: int = MAX_INPUT_BYTES
) -> bytes:
    """The bytes of the file at ``path``, at most ``limit`` of them.

    Raises :class:`OSError` when the file cannot be opened or read (missing,
    a directory, no permission) and :class:`~tthc.errors.ParseError` when it
    holds more than ``limit`` bytes. A character device or a pipe is read
    the same way, and stops at the limit too.
    """
    with open(path, "rb") as file:
        return _read_chunks(file.read, os.fsdecode(path), what, limit)


def inflate_gzip(
    data: bytes, *, name: str, what: str = "gzip file", limit: int = MAX_DECOMPRESSED_BYTES
) -> bytes:
    """The inflated bytes of gzip ``data``, at most ``limit`` of them.

    A stream that inflates past ``limit`` or is not valid gzip (truncated,
    a bad CRC, not gzip at all) raises :class:`~tthc.errors.ParseError`.

    >>> import gzip
    >>> inflate_gzip(gzip.compress(b"abc"), name="x.gz")
    b'abc'
    """
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as stream:
            return _read_chunks(stream.read, name, what, limit, "MAX_DECOMPRESSED_BYTES")
    except (OSError, EOFError, zlib.error) as e:  # gzip.BadGzipFile is an OSError
        raise ParseError(name, f"gzip data ({type(e).__name__}: {e})", what=what) from None


def refuse_overwrite(
    destination: str | os.PathLike[str],
    sources: Iterable[str | os.PathLike[str]],
    *,
    field: str = "destination",
) -> Path:
    """The resolved ``destination``, refused when it is a source or lies inside a source folder.

    Every writer of tthc calls this before it opens or creates anything: paths
    are compared resolved (symbolic links followed), so no spelling of a path
    can make an output overwrite an input. Raises
    :class:`~tthc.errors.ValidationError` naming ``field`` and the source.

    >>> try:
    ...     refuse_overwrite("log.csv", ["./log.csv"], field="output")
    ... except ValidationError as e:
    ...     print(e.problems[0].path)
    output
    """
    target = Path(destination).resolve()
    for item in sources:
        path = Path(item).resolve()
        if target == path or path in target.parents:
            raise ValidationError.keyed(
                field, str(destination), "expected.outside_source", source=str(item)
            )
    return target
