"""Fact columns of a dossier log (booleans, counts, labels), read strictly for the scorecard.

Part of :mod:`tthc.batch`'s one boundary: the scorecard reads its optional
columns (``synced_to_portal``, ``feedback_count``, ``rating``…) through these
functions, which accept the same kinds of tables as :func:`tthc.batch.outcomes`
and refuse a column mixing types with the path of its first odd row.
"""

from __future__ import annotations

from typing import Any

from tthc.batch._columns import _is_missing, column_of, factorize, has_column, kind_of, numpy
from tthc.errors import ValidationError

__all__ = ["as_bools", "as_counts", "label_mask"]


def _arrow(values: Any, name: str) -> Any:
    """A pyarrow array of a column; a column mixing types is refused naming its first odd row."""
    import pyarrow as pa

    kind = kind_of(values)
    if kind == "polars":
        return values.to_arrow()
    if kind == "pandas":
        try:
            return pa.Array.from_pandas(values)
        except (pa.ArrowTypeError, pa.ArrowInvalid, TypeError, ValueError, OverflowError):
            raise _mixed(name, list(values)) from None
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    if isinstance(values, pa.Array):
        return values
    items = values if kind == "numpy" else list(values)
    try:
        return pa.array(items, from_pandas=True)
    except (pa.ArrowTypeError, pa.ArrowInvalid, TypeError, ValueError, OverflowError):
        raise _mixed(name, list(items)) from None


def as_bools(table: Any, name: str) -> tuple[Any, Any] | None:
    """``(values, null)`` of a boolean column, ``None`` when the table has none."""
    import pyarrow as pa

    if not has_column(table, name):
        return None
    np = numpy()
    array = _arrow(column_of(table, name), name)
    if pa.types.is_null(array.type):
        size = len(array)
        return np.zeros(size, dtype=bool), np.ones(size, dtype=bool)
    if not pa.types.is_boolean(array.type):
        raise _first_odd(
            column_of(table, name), name, array, "a column of booleans (null: unknown)", bool
        )
    if array.null_count == 0:
        return array.to_numpy(zero_copy_only=False).astype(bool), np.zeros(len(array), bool)
    null = array.is_null().to_numpy(zero_copy_only=False)
    values = array.fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
    return values, null


def as_counts(table: Any, name: str) -> tuple[Any, Any] | None:
    import pyarrow as pa

    if not has_column(table, name):
        return None
    np = numpy()
    array = _arrow(column_of(table, name), name)
    if pa.types.is_null(array.type):
        size = len(array)
        return np.zeros(size, dtype=np.int64), np.ones(size, dtype=bool)
    if not pa.types.is_integer(array.type):
        raise _first_odd(
            column_of(table, name),
            name,
            array,
            "a column of non-negative integers (null: unknown)",
            int,
        )
    null = array.is_null().to_numpy(zero_copy_only=False)
    values = array.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    if (values < 0).any():
        row = int(np.flatnonzero(values < 0)[0])
        raise ValidationError.single(f"{name}[{row}]", int(values[row]), "a non-negative integer")
    return values, null


def label_mask(table: Any, name: str, size: int, wanted: str) -> Any | None:
    """Rows whose column ``name`` equals ``wanted`` (enum values compare by value)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not has_column(table, name):
        return None
    np = numpy()
    column = column_of(table, name)
    if kind_of(column) in ("arrow", "polars", "pandas"):
        try:
            array = _arrow(column, name)
        except ValidationError:  # mixed labels: compared one by one below
            array = None
        if array is None:
            pass
        elif pa.types.is_dictionary(array.type) and pa.types.is_string(array.type.value_type):
            hit = pc.equal(array.dictionary, wanted).fill_null(False).to_numpy(zero_copy_only=False)
            codes = array.indices.fill_null(0).to_numpy(zero_copy_only=False)
            return hit[codes] & ~array.is_null().to_numpy(zero_copy_only=False)
        elif pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
            return pc.equal(array, wanted).fill_null(False).to_numpy(zero_copy_only=False)
    codes, labels = factorize(column, size)
    hits = [k for k, label in enumerate(labels) if str(getattr(label, "value", label)) == wanted]
    return np.isin(codes, hits) if hits else np.zeros(size, dtype=bool)


def _first_odd(column: Any, name: str, array: Any, expected: str, kind: type) -> ValidationError:
    """An error naming the first row that is not a ``kind`` (or the column's type)."""
    if kind_of(column) in ("pandas", "python", "numpy"):
        for row, item in enumerate(list(column)):
            if item is None or _is_missing(item):
                continue
            ok = isinstance(item, kind) and (kind is bool or not isinstance(item, bool))
            ok = ok or (
                kind is int
                and type(item).__module__ == "numpy"
                and getattr(item, "dtype", None) is not None
                and item.dtype.kind in "iu"
            )
            ok = ok or (
                kind is bool
                and type(item).__module__ == "numpy"
                and getattr(item, "dtype", None) is not None
                and item.dtype.kind == "b"
            )
            if not ok:
                return ValidationError.single(f"{name}[{row}]", item, expected)
    return ValidationError.single(name, str(array.type), expected)


def _mixed(name: str, items: list[Any]) -> ValidationError:
    """The first row whose type differs from the first non-missing value's."""
    first: type | None = None
    for row, item in enumerate(items):
        if item is None or _is_missing(item):
            continue
        if first is None:
            first = type(item)
        elif type(item) is not first and not (
            isinstance(item, (int, float))
            and issubclass(first, (int, float))
            and not isinstance(item, bool)
            and first is not bool
        ):
            return ValidationError.single(
                f"{name}[{row}]", item, f"a value of the column's type ({first.__name__})"
            )
    return ValidationError.single(name, "…", "a column of one type")
