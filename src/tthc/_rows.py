"""A tuple of values that shows itself as a table: a short repr, HTML, ``to_frame()``.

Functions that return many values (``tthc.rules.registry()``) return
:class:`Rows`: still a tuple (iterate, index, compare, ``len``), but its repr
is one line, a notebook shows the first rows as an HTML table, and
:meth:`Rows.to_frame` gives a pandas, polars or Arrow frame with snake_case
columns. Each row becomes a plain dict through the ``describe`` function the
producer passes; nothing here knows what the rows are.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

__all__ = ["Rows"]

T = TypeVar("T")

_SHOWN = 50


class Rows(tuple[T, ...]):
    """A tuple of values with a table view (see the module docstring).

    >>> rows = Rows([1, 2, 3], describe=lambda n: {"n": n, "square": n * n}, noun="numbers")
    >>> rows
    <3 numbers: n, square>
    >>> rows == (1, 2, 3), rows[1]
    (True, 2)
    """

    _describe: Callable[[T], dict[str, Any]]
    _noun: str

    def __new__(
        cls, items: Iterable[T], *, describe: Callable[[T], dict[str, Any]], noun: str = "rows"
    ) -> Rows[T]:
        """Rows of ``items``; ``describe`` turns one into a dict of plain values."""
        made = super().__new__(cls, items)
        made._describe = describe
        made._noun = noun
        return made

    def __reduce__(self) -> Any:
        return (tuple, (tuple(self),))  # pickles as the plain tuple it is

    def records(self) -> list[dict[str, Any]]:
        """Every row as a dict of plain values (snake_case keys)."""
        return [self._describe(item) for item in self]

    def _columns(self) -> list[str]:
        return list(self._describe(self[0])) if self else []

    def __repr__(self) -> str:
        return f"<{len(self)} {self._noun}: {', '.join(self._columns())}>"

    def _repr_html_(self) -> str:
        columns = self._columns()
        out = ['<table class="tthc"><thead><tr>']
        out += [f"<th>{html.escape(c)}</th>" for c in columns]
        out.append("</tr></thead><tbody>")
        for item in self[:_SHOWN]:
            row = self._describe(item)
            cells = ("" if row[c] is None else html.escape(str(row[c])) for c in columns)
            out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        out.append("</tbody></table>")
        if len(self) > _SHOWN:
            out.append(f"<p>{len(self)} {html.escape(self._noun)}; {_SHOWN} shown</p>")
        return "".join(out)

    def to_frame(self, kind: str = "pandas") -> Any:
        """A frame with one row per item: ``kind`` is ``"pandas"``, ``"polars"`` or ``"arrow"``."""
        records = self.records()
        if kind == "pandas":
            import pandas as pd

            return pd.DataFrame.from_records(records, columns=self._columns() or None)
        if kind == "polars":
            import polars as pl

            return pl.DataFrame(records)
        if kind != "arrow":
            from tthc.errors import ValidationError

            raise ValidationError.single("kind", kind, "'pandas', 'polars' or 'arrow'")
        import pyarrow as pa

        return pa.Table.from_pylist(records)
