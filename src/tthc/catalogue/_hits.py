"""The answer of a catalogue search: a sequence of procedures decoded only when read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import overload

from tthc.model import Procedure

__all__ = ["SearchHits"]


class SearchHits(Sequence[Procedure]):
    """Procedures found by :meth:`Catalogue.search <tthc.catalogue.Catalogue.search>`, in order.

    A sequence of :class:`~tthc.model.Procedure`: ``len()``, indexing,
    slicing and iteration work as on a tuple, and it compares equal to any
    sequence holding the same procedures (``hits == ()`` when nothing was
    found). Each procedure is decoded from the catalogue only when it is read,
    so a search matching thousands of procedures costs no more than the
    index lookup; :attr:`codes` and :attr:`names` are read from the index
    without decoding any procedure.
    """

    __slots__ = ("_describe", "_described", "_ids", "_load")

    def __init__(
        self,
        ids: Sequence[int],
        load: Callable[[int], Procedure],
        describe: Callable[[], list[tuple[str, str]]],
        described: list[tuple[str, str]] | None = None,
    ) -> None:
        self._ids = tuple(ids)
        self._load = load
        self._describe = describe  # the (code, name) of every id, in order: one more query
        self._described = described

    def _rows(self) -> list[tuple[str, str]]:
        if self._described is None:
            described = self._describe()
            if len(described) != len(self._ids):  # pragma: no cover - a store changed under us
                raise RuntimeError("the catalogue changed during a search")
            self._described = described
        return self._described

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the procedures found, in order (nothing decoded)."""
        return tuple(code for code, _ in self._rows())

    @property
    def names(self) -> tuple[str, ...]:
        """Their names, in order (nothing decoded)."""
        return tuple(name for _, name in self._rows())

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> Procedure: ...

    @overload
    def __getitem__(self, index: slice) -> SearchHits: ...

    def __getitem__(self, index: int | slice) -> Procedure | SearchHits:
        if isinstance(index, slice):
            rows = self._rows()[index]
            return SearchHits(self._ids[index], self._load, self._describe, rows)
        return self._load(self._ids[index])

    def __iter__(self) -> Iterator[Procedure]:
        return (self._load(i) for i in self._ids)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SearchHits):
            if len(self) != len(other) or self.codes != other.codes:
                return False
        elif not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        elif len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to tuples, so not hashable

    def __repr__(self) -> str:
        shown = ", ".join(self[:5].codes) + (", …" if len(self) > 5 else "")
        return f"SearchHits({len(self)} procedures: {shown})"
