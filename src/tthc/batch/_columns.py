"""Columns in, columns out: numpy, pyarrow, pandas and polars, without the user converting.

Moments become ``int64`` microseconds since the Unix epoch (UTC) with a null
mask; limits become amount / unit / cut-off arrays. Nothing the caller passed
is modified: every conversion copies or reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from tthc._validate import check_zone_offset
from tthc.errors import NaiveDatetimeError, ValidationError
from tthc.model import TimeLimit, TimeUnit, read_time_limit

__all__ = [
    "as_limits",
    "as_moments",
    "column_of",
    "factorize",
    "group_index",
    "has_column",
    "kind_of",
    "numpy",
    "row_count",
]

_NULL = -(2**63)  # numpy's NaT as int64
#: µs from a unit: divide by a positive scale, multiply by a negative one
_US_SCALE = {"ns": 1000, "us": 1, "ms": -1000, "s": -1_000_000}


def numpy() -> Any:
    """The numpy module, or an ImportError that says which extra to install."""
    try:
        import numpy as np
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "tthc.batch needs numpy and pyarrow: pip install 'tthc[batch]'"
        ) from error
    return np


def kind_of(value: Any) -> str:
    """``"pandas"``, ``"polars"``, ``"arrow"``, ``"numpy"`` or ``"python"``."""
    module = type(value).__module__.split(".")[0]
    if module == "pandas":
        return "pandas"
    if module == "polars":
        return "polars"
    if module == "pyarrow":
        return "arrow"
    if module == "numpy":
        return "numpy"
    return "python"


def column_of(table: Any, name: str) -> Any | None:
    """Column ``name`` of a pandas/polars DataFrame, a pyarrow Table/RecordBatch or a mapping."""
    kind = kind_of(table)
    if kind == "pandas":
        return table[name] if name in table.columns else None
    if kind == "polars":
        return table.get_column(name) if name in table.columns else None
    if kind == "arrow":
        names = table.schema.names
        return table.column(names.index(name)) if name in names else None
    if isinstance(table, dict):
        return table.get(name)
    raise ValidationError.single(
        "table",
        type(table).__name__,
        "a pandas or polars DataFrame, a pyarrow Table or RecordBatch, or a dict of columns",
    )


def has_column(table: Any, name: str) -> bool:
    """Whether ``table`` has a column ``name`` (``False`` for a kind of table tthc cannot read)."""
    try:
        return column_of(table, name) is not None
    except ValidationError:
        return False


def row_count(table: Any, name: str = "table") -> int:
    """The number of rows of a DataFrame, a pyarrow Table/RecordBatch or a dict of columns."""
    kind = kind_of(table)
    if kind in ("pandas", "polars"):
        return len(table)
    if kind == "arrow":
        return int(table.num_rows)
    if isinstance(table, dict):
        first = next(iter(table.values()), None)
        return 0 if first is None else len(first)
    raise ValidationError.single(
        name,
        type(table).__name__,
        "a pandas or polars DataFrame, a pyarrow Table or RecordBatch, or a dict of columns",
    )


def _to_arrow(values: Any) -> Any | None:
    """A pyarrow array for arrow/polars inputs (``None`` for others)."""
    kind = kind_of(values)
    if kind == "polars":
        return values.to_arrow()
    if kind == "arrow":
        import pyarrow as pa

        if isinstance(values, pa.ChunkedArray):
            return values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
        return values
    return None


def as_moments(values: Any, name: str, *, size: int | None = None) -> tuple[Any, Any]:
    """``(int64 µs since epoch UTC, null mask)`` of a column of moments.

    Accepted: numpy ``datetime64`` (any unit, documented as UTC), timezone-aware
    pandas/polars/pyarrow timestamps, or a sequence of aware datetimes (``None``
    for missing). A naive pandas/polars/pyarrow column, or a naive datetime, is
    refused with :class:`~tthc.errors.NaiveDatetimeError` naming the column.
    ``None`` as the whole column gives an all-null column of ``size`` rows.
    """
    np = numpy()
    if values is None:
        if size is None:
            raise ValidationError.single(name, None, "a column of moments")
        return np.zeros(size, dtype=np.int64), np.ones(size, dtype=bool)
    kind = kind_of(values)
    arrow = _to_arrow(values)
    if kind == "pandas":
        import pandas as pd

        dtype = values.dtype
        if isinstance(dtype, pd.DatetimeTZDtype):
            # the UTC instants as int64 in the column's unit, read without a copy
            ints = values.array.asi8
            null = ints == _NULL
            scale = _US_SCALE.get(dtype.unit)
            if scale is None:
                raise ValidationError.single(name, str(dtype), "timestamps in s, ms, us or ns")
            if scale == 1:
                return ints, null
            out = np.floor_divide(ints, scale) if scale > 0 else ints * -scale
            if null.any():
                out[null] = 0
            return out, null
        if str(dtype).startswith("datetime64"):
            raise _naive_column(name, values)
        if dtype.kind == "O":
            return _from_python(np, list(values), name)
        raise ValidationError.single(name, str(dtype), "a timezone-aware datetime column")
    if arrow is not None:
        import pyarrow as pa
        import pyarrow.compute as pc

        if pa.types.is_timestamp(arrow.type):
            if arrow.type.tz is None:
                raise _naive_column(name, arrow)
            scale = _US_SCALE.get(arrow.type.unit)
            if scale is not None and len(arrow.buffers()) == 2 and arrow.buffers()[1] is not None:
                # the int64 instants (UTC whatever the zone) read from the buffer, no copy
                ints = np.frombuffer(arrow.buffers()[1], dtype=np.int64)
                ints = ints[arrow.offset : arrow.offset + len(arrow)]
                if arrow.null_count:
                    null = np.asarray(arrow.is_null().to_numpy(zero_copy_only=False), dtype=bool)
                else:
                    null = np.zeros(len(arrow), dtype=bool)
                if scale == 1:
                    return ints, null
                out = np.floor_divide(ints, scale) if scale > 0 else ints * -scale
                if null.any():
                    out[null] = 0
                return out, null
            cast = pc.cast(arrow, pa.timestamp("us", tz="UTC"))
            mask = np.asarray(cast.is_null().to_numpy(zero_copy_only=False), dtype=bool)
            ints = np.asarray(
                cast.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64
            )
            return ints.copy(), mask
        if pa.types.is_null(arrow.type):
            return np.zeros(len(arrow), dtype=np.int64), np.ones(len(arrow), dtype=bool)
        raise ValidationError.single(name, str(arrow.type), "a timezone-aware timestamp column")
    if kind == "numpy":
        if values.dtype.kind == "M":
            # read only, never written: a datetime64[us] column is used as it is
            raw = (
                values
                if values.dtype == np.dtype("datetime64[us]")
                else values.astype("datetime64[us]")
            )
            return raw.view(np.int64), np.isnat(raw)
        if values.dtype == object:
            return _from_python(np, list(values), name)
        raise ValidationError.single(name, str(values.dtype), "a datetime64 array")
    if isinstance(values, Sequence) and not isinstance(values, (str, bytes)):
        return _from_python(np, list(values), name)
    raise ValidationError.single(name, type(values).__name__, "a column of moments")


def _naive_column(name: str, values: Any) -> NaiveDatetimeError:
    return NaiveDatetimeError(
        name,
        f"a {type(values).__name__} of timestamps without a timezone",
        expected="timezone-aware timestamps; tthc never assumes a timezone: attach one "
        "(pandas: series.dt.tz_localize('Asia/Ho_Chi_Minh'); pyarrow: cast to "
        "timestamp('us', tz='Asia/Ho_Chi_Minh')), or pass numpy datetime64 values in UTC",
    )


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _from_python(np: Any, items: list[Any], name: str) -> tuple[Any, Any]:
    out = np.zeros(len(items), dtype=np.int64)
    mask = np.zeros(len(items), dtype=bool)
    for i, item in enumerate(items):
        if item is None or _is_missing(item):
            mask[i] = True
            continue
        if not isinstance(item, dt.datetime):
            raise ValidationError.single(f"{name}[{i}]", item, "an aware datetime or None")
        if item.utcoffset() is None:
            raise NaiveDatetimeError(f"{name}[{i}]", item)
        check_zone_offset(item, f"{name}[{i}]")  # the pytz +07:07 trap
        delta = item - _EPOCH
        out[i] = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return out, mask


def _is_missing(item: Any) -> bool:
    # NaN, pandas NaT / NA: values that are not equal to themselves or that say so
    if type(item).__name__ == "NAType":  # pandas.NA (a "string" column's missing value)
        return True
    try:
        return bool(item != item)
    except (TypeError, ValueError):
        return False


_UNITS = {unit.value: unit for unit in TimeUnit}


def as_limits(
    limits: Any, size: int, *, unit: TimeUnit | str | None = None
) -> tuple[Any, Any, list[TimeUnit], Any, list[dt.time | None], Any]:
    """Limits as ``(amount, unit code, units, cut-off code, cut-offs, null mask)`` arrays.

    ``limits`` is a :class:`~tthc.model.TimeLimit` (broadcast), a sequence or
    column of them (``None``/NaN for missing) or of their text (``"7 ngày làm
    việc"``, read once per distinct text by :func:`tthc.model.read_time_limit`;
    a bare number counts in ``unit``), or a numeric column of amounts
    in ``unit`` (working days by default; NaN for missing). A non-whole or
    out-of-range amount makes that row null, never an exception.
    """
    np = numpy()
    if isinstance(limits, str):  # one text for every row, read as tthc.due_date reads it
        limits = read_time_limit(limits, bare_number=_unit(unit), what="limits")
    if isinstance(limits, TimeLimit):
        units = [limits.unit]
        cutoffs = [limits.cutoff]
        return (
            np.full(size, limits.amount, dtype=np.int64),
            np.zeros(size, dtype=np.int8),
            units,
            np.zeros(size, dtype=np.int8),
            cutoffs,
            np.zeros(size, dtype=bool),
        )
    kind = kind_of(limits)
    arrow = _to_arrow(limits)
    if arrow is not None:
        import pyarrow as pa

        if pa.types.is_integer(arrow.type) or pa.types.is_floating(arrow.type):
            values = np.asarray(
                arrow.cast(pa.float64()).fill_null(float("nan")).to_numpy(zero_copy_only=False)
            )
            return _numeric_limits(np, values, size, unit)
        limits = arrow.to_pylist()
        kind = "python"
    if kind == "pandas":
        if limits.dtype.kind in "iu" and isinstance(limits.dtype, numpy().dtype):
            return _integer_limits(np, limits.to_numpy(), size, unit)
        if limits.dtype.kind in "iufb" or str(limits.dtype) in ("Int64", "Int32", "Float64"):
            values = limits.to_numpy(dtype="float64", na_value=float("nan"))
            return _numeric_limits(np, values, size, unit)
        limits = list(limits)
    elif kind == "numpy" and limits.dtype.kind in "iu":
        return _integer_limits(np, limits, size, unit)
    elif kind == "numpy" and limits.dtype.kind == "f":
        return _numeric_limits(np, limits.astype(np.float64), size, unit)
    elif isinstance(limits, (int, float)) and not isinstance(limits, bool):
        return _numeric_limits(np, np.full(size, float(limits)), size, unit)
    if isinstance(limits, (str, bytes, bool)) or not hasattr(limits, "__iter__"):
        raise ValidationError.single(
            "limits",
            limits,
            "a TimeLimit, a number of days, or a sequence or column of them (one per row)",
        )
    items = list(limits)
    if len(items) != size:
        raise ValidationError.single(
            "limits", f"{len(items)} limits", f"{size} limits (one per row) or one TimeLimit"
        )
    found: dict[TimeLimit, int] = {}
    unit_list: list[TimeUnit] = []
    cut_list: list[dt.time | None] = []
    amount = np.zeros(size, dtype=np.int64)
    unit_code = np.zeros(size, dtype=np.int8)
    cut_code = np.zeros(size, dtype=np.int8)
    mask = np.zeros(size, dtype=bool)
    texts: dict[str, TimeLimit] = {}  # one reading per distinct text
    for i, item in enumerate(items):
        if isinstance(item, str):
            read = texts.get(item)
            if read is None:
                read = texts[item] = read_time_limit(
                    item, bare_number=_unit(unit), what=f"limits[{i}]"
                )
            item = read
        if isinstance(item, TimeLimit):
            amount[i] = item.amount
            if item.unit not in unit_list:
                unit_list.append(item.unit)
            unit_code[i] = unit_list.index(item.unit)
            if item.cutoff not in cut_list:
                cut_list.append(item.cutoff)
            cut_code[i] = cut_list.index(item.cutoff)
            found.setdefault(item, i)
        elif item is None or _is_missing(item):
            mask[i] = True
        elif isinstance(item, (int, float)) and not isinstance(item, bool):
            amount[i], bad = _whole(item)
            mask[i] = bad
            the_unit = _unit(unit)
            if the_unit not in unit_list:
                unit_list.append(the_unit)
            unit_code[i] = unit_list.index(the_unit)
            if None not in cut_list:
                cut_list.append(None)
            cut_code[i] = cut_list.index(None)
        else:
            raise ValidationError.single(
                f"limits[{i}]",
                item,
                "a tthc.TimeLimit, a time limit text ('7 ngày làm việc'), a whole number "
                "of days, or None",
            )
    if not unit_list:
        unit_list.append(_unit(unit))
    if not cut_list:
        cut_list.append(None)
    return amount, unit_code, unit_list, cut_code, cut_list, mask


def _unit(unit: TimeUnit | str | None) -> TimeUnit:
    if unit is None:
        return TimeUnit.WORKING_DAYS
    if isinstance(unit, TimeUnit):
        return unit
    found = _UNITS.get(unit)
    if found is None:
        raise ValidationError.single("unit", unit, f"one of {', '.join(map(repr, _UNITS))}")
    return found


def _whole(value: float) -> tuple[int, bool]:
    if value != value or value in (float("inf"), float("-inf")):
        return 0, True
    if value != int(value) or not 0 <= value <= 1_000_000:
        return 0, True
    return int(value), False


def _integer_limits(
    np: Any, values: Any, size: int, unit: TimeUnit | str | None
) -> tuple[Any, Any, list[TimeUnit], Any, list[dt.time | None], Any]:
    """An integer column of amounts: used as it is when every amount is in range."""
    the_unit = _unit(unit)
    low, high = (0, 0) if the_unit is TimeUnit.SAME_DAY else (1, 1_000_000)
    if values.ndim != 1 or values.shape[0] != size or values.size == 0:
        return _numeric_limits(np, values.astype(np.float64), size, unit)
    if int(values.min()) < low or int(values.max()) > high:
        return _numeric_limits(np, values.astype(np.float64), size, unit)
    return (
        values.astype(np.int64, copy=False),
        np.zeros(size, dtype=np.int8),
        [the_unit],
        np.zeros(size, dtype=np.int8),
        [None],
        np.zeros(size, dtype=bool),
    )


def _numeric_limits(
    np: Any, values: Any, size: int, unit: TimeUnit | str | None
) -> tuple[Any, Any, list[TimeUnit], Any, list[dt.time | None], Any]:
    the_unit = _unit(unit)
    values = np.asarray(values, dtype=np.float64)
    if values.ndim > 1 or (values.ndim == 1 and values.shape[0] != size):
        raise ValidationError.single(
            "limits", f"{values.size} limits", f"{size} limits (one per row) or one TimeLimit"
        )
    values = np.broadcast_to(values, (size,))
    finite = np.isfinite(values)
    safe = np.where(finite, values, 0.0)
    whole = finite & (safe == np.floor(safe))
    minimum = 0 if the_unit is TimeUnit.SAME_DAY else 1
    ok = whole & (safe >= minimum) & (safe <= 1_000_000)
    if the_unit is TimeUnit.SAME_DAY:
        ok &= safe == 0
    amount = np.where(ok, safe, 0).astype(np.int64)
    return (
        amount,
        np.zeros(size, dtype=np.int8),
        [the_unit],
        np.zeros(size, dtype=np.int8),
        [None],
        ~ok,
    )


def factorize(values: Any, size: int) -> tuple[Any, list[Any]]:
    """``(codes, labels)`` of a grouping column: ``codes[i]`` indexes ``labels``, -1 when missing.

    tthc enums (``Channel``, ``AdministrativeTier``…) are labelled by their value.
    """
    np = numpy()
    arrow = _to_arrow(values)
    if arrow is not None:
        import pyarrow as pa
        import pyarrow.compute as pc

        if pa.types.is_dictionary(arrow.type):
            values = [_label(v) for v in arrow.dictionary.to_pylist()]
            if None not in values and len(set(values)) == len(values):  # codes used as they are
                indices = np.asarray(
                    arrow.indices.cast(pa.int64()).fill_null(-1).to_numpy(zero_copy_only=False)
                )
                return indices.astype(np.int64, copy=False), values
            arrow = arrow.cast(arrow.type.value_type)
        encoded = pc.dictionary_encode(arrow)
        codes = np.asarray(
            encoded.indices.cast(pa.int64()).fill_null(-1).to_numpy(zero_copy_only=False)
        )
        return codes.astype(np.int64, copy=True), [
            _label(v) for v in encoded.dictionary.to_pylist()
        ]
    if kind_of(values) == "pandas":
        import pandas as pd

        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        return np.asarray(codes, dtype=np.int64), [_label(v) for v in list(uniques)]
    items = values if kind_of(values) == "numpy" else np.asarray(list(values), dtype=object)
    if len(items) != size:
        raise ValidationError.single("by", f"{len(items)} values", f"{size} values (one per row)")
    labels: dict[Any, int] = {}
    codes = np.empty(size, dtype=np.int64)
    for i, item in enumerate(items.tolist()):
        if item is None or _is_missing(item):
            codes[i] = -1
            continue
        key = _label(item)
        codes[i] = labels.setdefault(key, len(labels))
    return codes, list(labels)


def _label(value: Any) -> Any:
    enum_value = getattr(value, "value", None)
    if isinstance(enum_value, str) and type(value).__module__.startswith("tthc."):
        return enum_value
    return value


def group_index(codes: list[Any], widths: list[int]) -> Any:
    """One code per row from several code columns (-1 = missing, coded ``width - 1``).

    The one group-index helper of :mod:`tthc.batch` and :mod:`tthc.scorecard`:
    the first column varies fastest, the code is ``c0 + w0 * (c1 + w1 * …)``,
    so the codes of a group are decoded with ``divmod`` in the same order.
    """
    np = numpy()
    group: Any = 0
    radix = 1
    for c, width in zip(codes, widths, strict=True):
        part = np.where(c < 0, width - 1, c) if int(c.min(initial=0)) < 0 else c
        group = group + part.astype(np.int64) * radix if radix > 1 else part.astype(np.int64)
        radix *= width
    return group
