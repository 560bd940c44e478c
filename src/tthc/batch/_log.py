"""The one boundary of :mod:`tthc.batch`: a dossier table in, plain int64 arrays out.

:func:`read_log` is the only code of the columnar engine that asks what kind
of table it was given (pandas, polars, pyarrow, numpy, a dict of columns);
it turns the columns the clock needs into a :class:`Log` of plain arrays
(µs UTC moments with null masks, limit amounts and codes) in one step.
Everything below (outcomes, event replay, summaries) reads the :class:`Log`.
Nothing the caller passed is modified; numpy and pandas columns already in
the engine's layout are used as they are, read only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from tthc._validate import check_zone_offset
from tthc.batch._columns import (
    as_limits,
    as_moments,
    column_of,
    factorize,
    group_index,
    has_column,
    kind_of,
    numpy,
    row_count,
)
from tthc.errors import NaiveDatetimeError, TthcError, ValidationError
from tthc.model import TimeLimit, TimeUnit

__all__ = ["COLUMNS", "Log", "as_of_us", "read_log"]

#: The columns of a dossier log and their default names (rename with ``columns=``).
COLUMNS = (
    "received_at",
    "limit",
    "returned_at",
    "stopped_at",
    "agency_received_at",
    "dossier_id",
    "procedure",
    "channel",
    "full_online_service",
)


@attrs.frozen(eq=False)
class Log:
    """A dossier log as plain arrays (one row per dossier), read once from a table.

    Moments are ``int64`` microseconds since 1970-01-01 UTC with a null mask
    (``None`` when the table has no such column); limits are
    ``amount``/``unit_code``/``cut_code`` with the ``units``/``cutoffs`` they
    index and a null mask. ``table`` and ``names`` are kept for the grouping
    columns and the events' dossier ids.
    """

    size: int
    received: Any
    received_null: Any
    returned: Any  # None when the table has no such column
    returned_null: Any  # None when the table has no such column
    stopped: Any  # None when the table has no such column
    stopped_null: Any  # None when the table has no such column
    agency: Any  # None when the table has no such column
    agency_null: Any  # None when the table has no such column
    amount: Any
    unit_code: Any
    units: list[TimeUnit]
    cut_code: Any
    cutoffs: list[dt.time | None]
    limit_null: Any
    code_problems: list[tuple[int, str, str]]
    names: dict[str, str]
    table: Any

    def rows(self, start: int, stop: int) -> Log:
        """Rows ``start:stop`` (views, nothing copied)."""

        def cut(a: Any) -> Any:
            return None if a is None else a[start:stop]

        return Log(
            size=max(0, min(stop, self.size) - start),
            received=cut(self.received),
            received_null=cut(self.received_null),
            returned=cut(self.returned),
            returned_null=cut(self.returned_null),
            stopped=cut(self.stopped),
            stopped_null=cut(self.stopped_null),
            agency=cut(self.agency),
            agency_null=cut(self.agency_null),
            amount=cut(self.amount),
            unit_code=cut(self.unit_code),
            units=self.units,
            cut_code=cut(self.cut_code),
            cutoffs=self.cutoffs,
            limit_null=cut(self.limit_null),
            code_problems=[
                (row - start, code, why)
                for row, code, why in self.code_problems
                if start <= row < stop
            ],
            names=self.names,
            table=None,
        )


def column_names(columns: dict[str, str] | None) -> dict[str, str]:
    """The column names of a log: the defaults, renamed by ``columns``."""
    names = {name: name for name in COLUMNS}
    if columns is not None:
        if not isinstance(columns, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
        ):
            raise ValidationError.single(
                "columns", columns, "a dict of column names, e.g. {'received_at': 'ngay_nhan'}"
            )
        names.update(columns)
    return names


def _column(table: Any, name: str) -> Any | None:
    return column_of(table, name)


def _moments(table: Any, name: str) -> tuple[Any | None, Any | None]:
    column = _column(table, name)
    if column is None:
        return None, None
    return as_moments(column, name)


def read_log(
    table: Any,
    *,
    limits: Any = None,
    unit: TimeUnit | str | None = None,
    columns: dict[str, str] | None = None,
    catalogue: Any = None,
) -> Log:
    """Read a dossier table once into a :class:`Log` (see :func:`tthc.batch.outcomes`)."""
    names = column_names(columns)
    size = row_count(table)
    _check_columns(table)
    received = _column(table, names["received_at"])
    if received is None:
        raise ValidationError.single(names["received_at"], None, "a column of receipt moments")
    recv_us, recv_null = as_moments(received, names["received_at"])
    if recv_us.shape[0] != size:
        raise ValidationError.single(names["received_at"], f"{recv_us.shape[0]} rows", f"{size}")
    ret_us, ret_null = _moments(table, names["returned_at"])
    stop_us, stop_null = _moments(table, names["stopped_at"])
    agency_us, agency_null = _moments(table, names["agency_received_at"])
    code_problems: list[tuple[int, str, str]] = []
    if limits is None:
        limits = _column(table, names["limit"])
        if limits is None and has_column(table, names["procedure"]):
            limits, code_problems = limits_of_procedures(
                column_of(table, names["procedure"]),
                _column(table, names["channel"]),
                size,
                catalogue,
            )
        if limits is None:
            raise ValidationError.single(
                names["limit"], None, "a column of time limits (or a procedure column)"
            )
    amount, unit_code, units, cut_code, cutoffs, limit_null = as_limits(limits, size, unit=unit)
    return Log(
        size=size,
        received=recv_us,
        received_null=recv_null,
        returned=ret_us,
        returned_null=ret_null,
        stopped=stop_us,
        stopped_null=stop_null,
        agency=agency_us,
        agency_null=agency_null,
        amount=amount,
        unit_code=unit_code,
        units=units,
        cut_code=cut_code,
        cutoffs=cutoffs,
        limit_null=limit_null,
        code_problems=code_problems,
        names=names,
        table=table,
    )


def _check_columns(table: Any) -> None:
    """Refuse a table whose column names repeat (which column would be read?)."""
    kind = kind_of(table)
    if kind in ("pandas", "polars"):
        names = list(table.columns)
    elif kind == "arrow":
        names = list(table.schema.names)
    else:
        return
    seen: set[Any] = set()
    for name in names:
        if name in seen:
            raise ValidationError.single(
                "table.columns", str(name), "column names that appear once each"
            )
        seen.add(name)


def as_of_us(as_of: Any) -> int:
    """``as_of`` (an aware datetime) as µs since 1970-01-01 UTC."""
    if not isinstance(as_of, dt.datetime) or _is_nat(as_of):
        raise ValidationError.single("as_of", as_of, "an aware datetime.datetime")
    if as_of.utcoffset() is None:
        raise NaiveDatetimeError("as_of", as_of)
    check_zone_offset(as_of, "as_of")
    delta = as_of - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _is_nat(value: Any) -> bool:
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def limits_of_procedures(
    codes: Any, channels: Any, size: int, catalogue: Any = None
) -> tuple[list[TimeLimit | None], list[tuple[int, str, str]]]:
    """Time limits of procedure codes (per row, with its channel), and the rows not resolved.

    Each distinct (code, channel) pair is looked up once.
    """
    np = numpy()
    if catalogue is None:
        from tthc import catalogue as shipped

        catalogue = shipped
    code_ids, code_labels = factorize(codes, size)
    if channels is not None:
        channel_ids, channel_labels = factorize(channels, size)
    else:
        channel_ids, channel_labels = np.full(size, -1, dtype=np.int64), []
    pair = group_index([channel_ids, code_ids], [len(channel_labels) + 1, len(code_labels) + 1])
    found: dict[int, TimeLimit | str] = {}
    for key in np.unique(pair[code_ids >= 0]).tolist():
        code = code_labels[key // (len(channel_labels) + 1)]
        c = key % (len(channel_labels) + 1)
        channel = channel_labels[c] if c < len(channel_labels) else None
        found[key] = _limit_of(catalogue, str(code), channel)
    limits: list[TimeLimit | None] = [None] * size
    bad: list[tuple[int, str, str]] = []
    for row, (key, code) in enumerate(zip(pair.tolist(), code_ids.tolist(), strict=True)):
        if code < 0:
            continue
        value = found[key]
        if isinstance(value, TimeLimit):
            limits[row] = value
        else:
            bad.append((row, str(code_labels[code]), value))
    return limits, bad


def _limit_of(catalogue: Any, code: str, channel: Any) -> TimeLimit | str:
    from tthc.model import Channel

    try:
        procedure = catalogue.get(code)
    except TthcError:
        return "a procedure code of the catalogue"
    if channel is not None:
        try:
            return procedure.time_limit(Channel.from_value(str(channel)))  # type: ignore[no-any-return]
        except TthcError:
            pass
    try:
        return procedure.time_limit()  # type: ignore[no-any-return]
    except TthcError:
        return "a procedure whose record publishes a time limit"
