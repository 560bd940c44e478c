"""Parquet in, metrics out: a log summarised by streaming record batches in bounded memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tthc.batch._logs import summarize_batches
from tthc.errors import ValidationError

__all__ = ["summarize_parquet"]


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
    import pyarrow.dataset as ds

    paths = [str(p) for p in source] if isinstance(source, (list, tuple)) else str(source)
    try:
        dataset = ds.dataset(paths, format="parquet")
    except (OSError, ValueError) as error:
        raise ValidationError.single(
            "source", str(source), f"a readable Parquet log ({error})"
        ) from error
    wanted = _columns(dataset.schema.names, by, options.get("columns"))
    batches: Iterator[Any] = dataset.to_batches(columns=wanted, batch_size=batch_size)
    if progress:
        try:
            from tqdm.auto import tqdm
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError("progress=True needs tqdm: pip install 'tthc[progress]'") from error
        batches = iter(tqdm(batches, total=_batch_count(dataset, batch_size), unit="batch"))
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


def _batch_count(dataset: Any, batch_size: int) -> int:
    rows = int(dataset.count_rows())
    return -(-rows // batch_size)
