"""A catalogue record: the procedure, where each of its facts comes from, and notes."""

from __future__ import annotations

import datetime as dt

import attrs

from tthc._validate import as_tuple, date_or_none, non_empty_str, optional, str_or_none, tuple_of
from tthc.model import Procedure

__all__ = ["CatalogueEntry", "FieldSource", "procedure_key"]


def procedure_key(p: Procedure) -> str:
    """The key of ``p`` in a catalogue: its code without a service suffix.

    A record the reader identifies by its source alone (no national code: an
    old portal's page) is keyed by that identifier.
    """
    code = getattr(p, "code", None)
    if code is not None:
        return str(code.procedure)
    return str(getattr(p, "identifier", None) or getattr(p, "source_id", None))


@attrs.frozen
class FieldSource:
    """Where one field of a catalogue record comes from (or what another source said).

    - ``field``: the :class:`~tthc.model.Procedure` field (``"methods"``, ``"name"``…);
    - ``source``: the source's label (``"portal-pages-2026"``, ``"curated"``);
    - ``crawled``: the day the source was crawled or exported, ``None`` when the
      source does not state it;
    - ``path``: where the record is in the source (``$[1204]``,
      ``$['Danh sách TTHC'][12]``), when known;
    - ``value``: for a disagreement, the other source's value as short JSON
      (at most 200 characters); ``None`` for the field's own provenance.
    """

    field: str = attrs.field(validator=non_empty_str)
    source: str = attrs.field(validator=non_empty_str)
    crawled: dt.date | None = attrs.field(default=None, kw_only=True, validator=date_or_none)
    path: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    value: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)


@attrs.frozen
class CatalogueEntry:
    """A catalogue record: the procedure, where its facts come from, and notes.

    - ``sources``: the sources the record was taken from, as citations (empty
      for procedures given to :class:`~tthc.catalogue.Catalogue` in memory);
    - ``notes``: what was left out or could not be confirmed;
    - ``issuing_agency``: the agency that published the procedure (cơ quan
      ban hành: a ministry or a provincial People's Committee), when a source
      names it; the :class:`~tthc.model.Procedure` has no field for it;
    - ``fields``: for a record merged from several sources, which source
      each stated field was taken from (the most detailed source stating it);
    - ``disagreements``: the other sources that stated a field differently,
      with their value;
    - ``curated``: the record was written and checked by hand against the
      cited texts (it wins over every crawled source).
    """

    procedure: Procedure
    sources: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str))
    notes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str))
    issuing_agency: str | None = attrs.field(
        default=None, kw_only=True, validator=optional(non_empty_str)
    )
    fields: tuple[FieldSource, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(FieldSource)
    )
    disagreements: tuple[FieldSource, ...] = attrs.field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(FieldSource)
    )
    curated: bool = attrs.field(
        default=False, kw_only=True, validator=attrs.validators.instance_of(bool)
    )

    def source_of(self, field: str) -> FieldSource | None:
        """Where ``field`` was taken from, or ``None`` (not stated, or a curated record)."""
        return next((f for f in self.fields if f.field == field), None)
