"""The entrance: the few columns a report reads, from any frame, as plain numpy arrays.

The dossier outcomes come from :func:`tthc.batch.outcomes` (which reads and
checks the clock columns); this module reads the columns the report adds
(receipt moments for the period, channel, tier, grouping columns, the
digitised-result and rating flags) through pyarrow, whatever the caller
holds: a pandas or polars DataFrame, a pyarrow Table or RecordBatch, or a
dict of columns (lists, numpy arrays, Series). Nothing passed in is changed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from tthc._labels import LabelledEnum
from tthc.errors import ValidationError

__all__ = ["column", "flags", "kind_of", "labels", "members", "moments_us", "row_count"]


def kind_of(table: Any) -> str:
    """``"pandas"``, ``"polars"``, ``"arrow"`` or ``"python"`` (the kind of the figures)."""
    module = type(table).__module__.split(".")[0]
    if module in ("pandas", "polars"):
        return module
    if module == "pyarrow":
        return "arrow"
    return "python"


def _refuse(table: Any) -> ValidationError:
    return ValidationError.single(
        "log",
        type(table).__name__,
        "a pandas or polars DataFrame, a pyarrow Table or RecordBatch, or a dict of columns",
    )


def column(table: Any, name: str) -> Any | None:
    """Column ``name`` of ``table`` (``None`` when it has none)."""
    kind = kind_of(table)
    if kind in ("pandas", "polars"):
        return table[name] if name in table.columns else None
    if kind == "arrow":
        if not hasattr(table, "schema"):
            raise _refuse(table)
        names = table.schema.names
        return table.column(names.index(name)) if name in names else None
    if isinstance(table, Mapping):
        return table.get(name)
    raise _refuse(table)


def row_count(table: Any) -> int:
    """The number of rows of ``table``."""
    kind = kind_of(table)
    if kind in ("pandas", "polars"):
        return len(table)
    if kind == "arrow" and hasattr(table, "num_rows"):
        return int(table.num_rows)
    if isinstance(table, Mapping):
        first = next(iter(table.values()), None)
        return 0 if first is None else len(first)
    raise _refuse(table)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _arrow(values: Any, name: str, *, decode: bool = True) -> Any:
    """``values`` as one pyarrow Array (a dictionary array is decoded unless ``decode``)."""
    import pyarrow as pa

    kind = kind_of(values)
    try:
        if kind == "pandas":
            array = pa.Array.from_pandas(values)
        elif kind == "polars":
            array = values.to_arrow()
        elif kind == "arrow":
            array = values
        else:
            array = pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        items = values.tolist() if hasattr(values, "tolist") else list(values)
        try:
            array = pa.array([_plain(v) for v in items])
        except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
            raise ValidationError.single(
                name, type(items[0]).__name__ if items else None, "a column of one type"
            ) from error
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    if decode and pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    return array


def moments_us(values: Any, name: str) -> tuple[Any, Any]:
    """``(int64 µs since the epoch, null mask)`` of a column of moments.

    Call it after :func:`tthc.batch.outcomes` has checked the column (aware
    moments, or numpy ``datetime64`` documented as UTC).
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    array = _arrow(values, name)
    if not pa.types.is_timestamp(array.type):
        if pa.types.is_date(array.type) or pa.types.is_null(array.type):
            array = array.cast(pa.timestamp("us", "UTC"))
        else:
            raise ValidationError.single(name, str(array.type), "a column of moments")
    if array.type.tz is None:
        array = array.cast(pa.timestamp("us"))
    else:
        array = array.cast(pa.timestamp("us", "UTC"))
    null = np.asarray(array.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    raw = pc.fill_null(array.cast(pa.int64()), 0)
    return np.asarray(raw.to_numpy(zero_copy_only=False), dtype=np.int64), null


def labels(values: Any, name: str) -> tuple[Any, list[Any]]:
    """``(codes, labels)``: int64 codes into ``labels`` (``-1`` for a missing value)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    array = _arrow(values, name, decode=False)
    if pa.types.is_dictionary(array.type):  # a categorical: its codes as they are
        found = array.dictionary.to_pylist()
        if len(set(found)) == len(found):
            codes = pc.fill_null(array.indices.cast(pa.int64()), -1)
            return np.asarray(codes.to_numpy(zero_copy_only=False), dtype=np.int64), found
        array = array.dictionary_decode()
    encoded = pc.dictionary_encode(array)
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    return np.asarray(codes, dtype=np.int64), encoded.dictionary.to_pylist()


def members(
    values: Any, name: str, enum_type: type[LabelledEnum]
) -> tuple[Any, list[LabelledEnum]]:
    """``(codes, members)`` of a column of ``enum_type`` values (or their labels).

    A value that is not a member's value, Vietnamese or English label
    (ignoring case) is refused with the row and the allowed values.
    """
    import numpy as np

    codes, found = labels(values, name)
    known: dict[str, LabelledEnum] = {}
    for member in enum_type:
        for text in (member.value, member.vi, member.en):
            known[text.casefold()] = member
    out: list[LabelledEnum] = []
    index: dict[LabelledEnum, int] = {}
    remap = np.empty(len(found) + 1, dtype=np.int64)
    remap[-1] = -1
    for i, label in enumerate(found):
        if label is None:  # a null-typed column
            remap[i] = -1
            continue
        found_member = known.get(str(label).strip().casefold())
        if found_member is None:
            rows = np.flatnonzero(codes == i)
            if rows.size == 0:  # an unused category of a categorical column
                remap[i] = -1
                continue
            row = int(rows[0])
            allowed = ", ".join(repr(m.value) for m in enum_type)
            raise ValidationError.single(f"{name}[{row}]", label, f"one of {allowed}")
        if found_member not in index:
            index[found_member] = len(out)
            out.append(found_member)
        remap[i] = index[found_member]
    return remap[codes], out


def flags(values: Any, name: str) -> tuple[Any, Any]:
    """``(true, stated)`` of a column of booleans (null: not stated)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    array = _arrow(values, name)
    if not (pa.types.is_boolean(array.type) or pa.types.is_null(array.type)):
        raise ValidationError.single(
            name, str(array.type), "a column of booleans (null: not stated)"
        )
    array = array.cast(pa.bool_())
    stated = np.asarray(array.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    true = np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)
    return true, stated
