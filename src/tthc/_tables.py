"""Tabular legal facts shipped as package data, read strictly through the cattrs converter.

Reassignments of competence, interconnected groups, form numbering and
office-hours presets are JSON files next to the code that uses them
(``data/*.json``), each row with its validity window and a structured citation.
They are read with :func:`tthc.serialization.from_dict`: an unknown key, a
wrong type or a missing field is a :class:`~tthc.errors.ValidationError`
naming the file and the path of every bad field.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any, TypeVar

import attrs

from tthc._json import loads_json
from tthc._validate import date_or_none, non_empty_str, str_or_none
from tthc.citations import Citation, Confidence
from tthc.errors import ValidationError

__all__ = ["CitationRecord", "read_table"]

T = TypeVar("T")


def _confidence(value: Any) -> Any:
    return Confidence.from_value(value) if isinstance(value, str) else value


@attrs.frozen
class CitationRecord:
    """A citation as written in a data file (see :class:`tthc.citations.Citation`)."""

    document: str = attrs.field(validator=non_empty_str)
    provision: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    confidence: Confidence = attrs.field(
        default=Confidence.UNCONFIRMED,
        kw_only=True,
        converter=_confidence,
        validator=attrs.validators.instance_of(Confidence),
    )
    note: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    source: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    #: A free-text citation kept as written (:meth:`Citation.from_text`), for rows
    #: whose citation reads better as one phrase ("Civil Code 2015 (91/2015/QH13)
    #: Art. 147(2), 148"); ``document`` still names the document.
    text: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)

    def to_citation(self) -> Citation:
        """The structured citation."""
        if self.text is not None:
            return Citation.from_text(self.text, self.confidence)
        return Citation.of(
            self.document, self.provision, self.confidence, note=self.note, source=self.source
        )


@attrs.frozen
class Window:
    """A validity window as written in a data file (both ends inclusive)."""

    valid_from: dt.date | None = attrs.field(default=None, kw_only=True, validator=date_or_none)
    valid_until: dt.date | None = attrs.field(default=None, kw_only=True, validator=date_or_none)


def read_table(package: str, name: str, cls: type[T]) -> T:
    """Read ``package``'s ``data/<name>`` (JSON) into ``cls``, strictly.

    Raises :class:`~tthc.errors.ValidationError` (every bad field, with its
    path, under the file's name) or :class:`~tthc.errors.ParseError` (not JSON).
    """
    from tthc.serialization import from_dict

    text = resources.files(package).joinpath(f"data/{name}").read_text(encoding="utf-8")
    data = loads_json(text, what=name)  # strict: limits and repeated keys (issue 19)
    try:
        return from_dict(cls, data)
    except ValidationError as error:
        raise ValidationError(error.problems, what=f"{name} ({cls.__name__})") from None
