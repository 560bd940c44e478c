"""Parquet in, metrics out: a log summarised by streaming record batches in bounded memory."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tthc._io import refuse_overwrite
from tthc.batch._outcomes import outcomes
from tthc.batch._summary import summarize_batches
from tthc.errors import ValidationError

__all__ = ["outcomes_parquet", "summarize_parquet"]


def summarize_parquet(
    source: str | Path | Sequence[str | Path],
    as_of: dt.datetime,
    *,
    by: str | Sequence[str] | None = None,
    batch_size: int = 1_000_000,
    progress: bool = False,
    kind: str = "arrow",
    **options: Any,
) -> Any:
    """:func:`summarize` over a Parquet file, a directory of them or a list, batch by batch.

    The log is read in record batches of at most ``batch_size`` rows (only the
    columns the summary needs), each batch is reduced to grouped counts, and
    the counts are added up: memory grows with ``batch_size`` and the number of
    groups, not with the number of rows, so a 100-million-row log needs no
    more memory than a one-million-row one. The result equals :func:`summarize`
    over the whole table loaded at once.

    ``progress=True`` shows a progress bar (needs ``tthc[progress]``: tqdm).
    ``options`` are those of :func:`summarize` (``limits``, ``unit``,
    ``columns``, ``calendar``…); an ``events`` table is not streamed: pass the
    supplement and extension events through :func:`summarize` instead.
    """
    if type(batch_size) is not int or batch_size < 1:
        raise ValidationError.single("batch_size", batch_size, "a whole number of rows >= 1")
    if "events" in options:
        raise ValidationError.single(
            "events", "…", "no events table when streaming: use tthc.batch.summarize"
        )
    files = _open(source)
    _require(files[0].schema_arrow.names, options.get("columns"))
    wanted = _columns(files[0].schema_arrow.names, by, options.get("columns"))
    batches = _batches(files, batch_size, wanted, progress)
    return summarize_batches(batches, as_of, by=by, kind=kind, **options)


def _columns(
    names: list[str], by: str | Sequence[str] | None, renamed: dict[str, str] | None
) -> list[str]:
    wanted = {
        "received_at",
        "limit",
        "returned_at",
        "stopped_at",
        "agency_received_at",
        "channel",
        "full_online_service",
    }
    if renamed:
        wanted = {renamed.get(name, name) for name in wanted}
    if by is not None:
        wanted |= {by} if isinstance(by, str) else set(by)
    return [name for name in names if name in wanted]


def _open(source: str | Path | Sequence[str | Path]) -> list[Any]:
    """The Parquet files of ``source`` (a file, a directory of them, or a list), opened.

    Files are read one record batch at a time without pre-buffering, so memory
    stays flat whatever the number of rows (pyarrow's dataset scanner buffers
    ahead and grows with the file).
    """
    import pyarrow.parquet as pq

    items: list[Any] = list(source) if isinstance(source, (list, tuple)) else [source]
    paths: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            paths.extend(sorted(p for p in path.rglob("*.parquet") if p.is_file()))
        else:
            paths.append(path)
    if not paths:
        raise ValidationError.single("source", str(source), "a Parquet file or a folder of them")
    files = []
    for path in paths:
        try:
            files.append(pq.ParquetFile(path, pre_buffer=False))
        except (OSError, ValueError) as error:
            raise ValidationError.single(
                "source", str(path), f"a readable Parquet file ({error})"
            ) from error
    return files


def _batches(
    files: list[Any], batch_size: int, columns: list[str] | None, progress: bool
) -> Iterator[Any]:
    """The record batches of the files, in order, with an optional progress bar."""
    total = sum(-(-f.metadata.num_rows // batch_size) for f in files)

    def each() -> Iterator[Any]:
        for f in files:
            yield from f.iter_batches(batch_size=batch_size, columns=columns)

    if not progress:
        return each()
    try:
        from tqdm.auto import tqdm
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("progress=True needs tqdm: pip install 'tthc[progress]'") from error
    return iter(tqdm(each(), total=total, unit="batch"))


def outcomes_parquet(
    source: str | Path | Sequence[str | Path],
    destination: str | Path,
    as_of: dt.datetime,
    *,
    batch_size: int = 1_000_000,
    progress: bool = False,
    **options: Any,
) -> int:
    """Parquet in, Parquet out: the log with each dossier's outcome, batch by batch.

    Every row of ``source`` is written to ``destination`` with four more
    columns: ``status`` (:data:`RowStatus` names), ``due_at`` and
    ``original_due_at`` (``timestamp[us, UTC]``, null where there is none) and
    ``provisional``. Memory stays bounded by ``batch_size``. Returns the number
    of rows written. ``options`` are those of :func:`outcomes` (no ``events``).
    """
    if type(batch_size) is not int or batch_size < 1:
        raise ValidationError.single("batch_size", batch_size, "a whole number of rows >= 1")
    if "events" in options:
        raise ValidationError.single(
            "events", "…", "no events table when streaming: use tthc.batch.outcomes"
        )
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = _destination(source, destination)
    files = _open(source)
    batches = _batches(files, batch_size, None, progress)
    stamp = pa.timestamp("us", tz="UTC")
    schema = files[0].schema_arrow
    for name in ("status", "due_at", "original_due_at", "provisional"):
        if name in schema.names:
            raise ValidationError.single(
                "source", name, "a log without the output columns status, due_at, …"
            )
    _require(schema.names, options.get("columns"))
    schema = (
        schema.append(pa.field("status", pa.string()))
        .append(pa.field("due_at", stamp))
        .append(pa.field("original_due_at", stamp))
        .append(pa.field("provisional", pa.bool_()))
    )
    written = 0
    # written beside the destination, renamed over it only once every batch is done:
    # a failed run leaves an existing destination as it was
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        with pq.ParquetWriter(temporary, schema) as writer:
            for batch in batches:
                result = outcomes(batch, as_of, **options)
                due = result.due_at.view(np.int64)
                original = result.original_due_at.view(np.int64)
                columns = [
                    *batch.columns,
                    pa.array(result.status_names().tolist(), pa.string()),
                    pa.array(due, pa.int64(), mask=np.isnat(result.due_at)).cast(stamp),
                    pa.array(original, pa.int64(), mask=np.isnat(result.original_due_at)).cast(
                        stamp
                    ),
                    pa.array(result.provisional),
                ]
                writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=schema))
                written += batch.num_rows
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return written


def _destination(source: str | Path | Sequence[str | Path], destination: str | Path) -> Path:
    """The destination path, refused when it is a source or lies inside a source folder.

    Checked before anything is opened or created, on resolved paths (symbolic
    links followed), so no spelling of a path can make the output overwrite
    the input.
    """
    if not isinstance(destination, (str, os.PathLike)) or str(destination) == "":
        raise ValidationError.single("destination", destination, "a path to a Parquet file")
    target = Path(destination).resolve()
    if target.is_dir():
        raise ValidationError.single("destination", str(destination), "a file path, not a folder")
    if not target.parent.is_dir():
        raise ValidationError.single(
            "destination", str(destination), "a path in an existing folder"
        )
    items: list[Any] = list(source) if isinstance(source, (list, tuple)) else [source]
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise ValidationError.single("source", item, "a path to a Parquet file or folder")
    return refuse_overwrite(destination, items)


def _require(names: list[str], renamed: dict[str, str] | None) -> None:
    """The log's receipt column must be there, even when the file has no rows."""
    wanted = (renamed or {}).get("received_at", "received_at")
    if wanted not in names:
        raise ValidationError.single(wanted, None, "a column of receipt moments")
