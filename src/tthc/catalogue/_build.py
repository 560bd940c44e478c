"""Building a catalogue file: every input read by tthc's own readers, merged by code.

The merge rule (one rule, for every field): among the records of a code, the
curated record wins outright; otherwise each :class:`~tthc.model.Procedure`
field is taken from the most detailed record stating it: by the inputs'
priority when given (the shipped build: an API detail record, then a
procedure page, then a list row, then an xlsx list row), then by the number
of fields the record states, ties going to the earlier input. Every other
record stating the field differently is kept as a disagreement. A value no
record states stays ``None`` / empty: nothing is filled in by default.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from tthc._io import refuse_overwrite
from tthc._validate import date_or_none, non_empty_str, optional, str_or_none
from tthc.catalogue._entry import CatalogueEntry, FieldSource, procedure_key
from tthc.catalogue._inputs import MAX_INPUT_BYTES, is_tthc_shape, load_items
from tthc.catalogue._store import write_store
from tthc.errors import TthcError, ValidationError
from tthc.model import Agency, Procedure
from tthc.serialization import converter, from_dict

if TYPE_CHECKING:
    from tthc.catalogue._catalogue import Catalogue

__all__ = ["LIST_ROW_FIELDS", "LIST_ROW_KEYS", "NOT_STATED_NOTE", "BuildInput", "build_catalogue"]

#: The portal API's list rows (``list-all-public-formality-by-citizen``) in the
#: headings the portal reader knows, for a reader that takes no ``mapping``: a
#: record no procedure was read from is read again renamed.
LIST_ROW_KEYS: Mapping[str, str] = {
    "code": "Mã thủ tục",
    "name": "Tên thủ tục",
    "categories": "Lĩnh vực",
    "departments": "Cơ quan thực hiện",
    "formalityTargetType": "Đối tượng thực hiện",
    "departmentPromulgate": "Cơ quan ban hành",
}
#: The note of a record no source of which states how the procedure is carried out.
NOT_STATED_NOTE = (
    "Không nguồn nào đã đọc nêu cách thức thực hiện (hình thức nộp, thời hạn, phí, lệ phí): "
    "chưa rõ, không có nghĩa là không có. / No source read states how the procedure is "
    "carried out (channels, time limits, fees): not stated, which is not 'none'."
)
#: The same keys as reader fields, for a reader that takes a ``mapping`` of field to keys.
LIST_ROW_FIELDS: Mapping[str, str] = {
    "sector": "categories",
    "implementing_agencies": "departments",
    "applicants": "formalityTargetType",
    "issuing_agency": "departmentPromulgate",
}
_ENVELOPE = frozenset({"code", "data", "message"})  # the API's answer around a record
_FIELDS = tuple(a.name for a in attrs.fields(Procedure) if a.name != "code")
_SHOWN = 200  # characters of a disagreeing value kept
_UNRANKED = 1 << 30  # the priority of an input that states none


def _path(value: str | os.PathLike[str]) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise ValidationError.single("path", value, "a file path", what="BuildInput")
    return os.fspath(value)


@attrs.frozen
class BuildInput:
    """One input of a catalogue build: a file, its label, crawl date and citation.

    ``path`` is a portal xlsx list export, or a JSON / JSON Lines file
    (plain or gzipped) of portal records in any shape the reader reads, or of
    tthc procedures. ``label`` names the source in the records' provenance
    (default: the file name); ``crawled`` is the day it was crawled or
    exported (``None``: not stated); ``citation`` says where it comes from.
    ``priority`` ranks the input's shape when you know it (lower wins: the
    shipped build gives the portal's API detail records 0, its pages 1, its
    list 2, the xlsx exports 3); inputs without one rank after those with
    one, and records of equal priority by how many fields they state.
    """

    path: str = attrs.field(converter=_path)
    label: str | None = attrs.field(default=None, kw_only=True, validator=optional(non_empty_str))
    crawled: dt.date | None = attrs.field(default=None, kw_only=True, validator=date_or_none)
    citation: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    priority: int | None = attrs.field(
        default=None, kw_only=True, validator=optional(attrs.validators.instance_of(int))
    )

    @property
    def name(self) -> str:
        """The label, or the file name."""
        return self.label or os.path.basename(self.path)


@attrs.frozen
class _Record:
    rank: tuple[int, int, int, int]  # (priority, -fields stated, input, record): lower wins
    source: BuildInput
    path: str
    procedure: Procedure
    issuing_agency: str | None


def _stated(value: Any) -> bool:
    return value is not None and value != ()


def _shown(value: Any) -> str:
    text = json.dumps(converter.unstructure(value), ensure_ascii=False, sort_keys=True)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _renamed(item: Any) -> Any:
    if not isinstance(item, Mapping) or not ({"code", "name"} <= set(item)):
        return None
    return {LIST_ROW_KEYS[k]: v for k, v in item.items() if k in LIST_ROW_KEYS}


def _agency_name(value: Any) -> str | None:
    if isinstance(value, Agency):
        return value.name
    if isinstance(value, (tuple, list)):  # several issuing agencies, as the source lists them
        names = [n for n in map(_agency_name, value) if n]
        return "; ".join(names) or None
    return value if isinstance(value, str) and value.strip() else None


def _read_records(records: list[Any]) -> Any:
    """The reader's results, the list rows' keys given to it when it takes a ``mapping``."""
    from tthc.sources import read_portal_records

    reader: Any = read_portal_records
    if "mapping" in inspect.signature(reader).parameters:
        return reader(records, mapping=LIST_ROW_FIELDS).results
    return reader(records).results


def _portal(items: list[Any], at: list[int]) -> dict[int, Any]:
    """Portal read results of ``items[i]`` for ``i`` in ``at``; list rows read again renamed."""
    from tthc.sources import read_portal_records

    results = dict(zip(at, _read_records([items[i] for i in at]), strict=True))
    again = [
        (i, renamed)
        for i in at
        if results[i].procedure is None and (renamed := _renamed(items[i])) is not None
    ]
    if again:
        reread = read_portal_records([r for _, r in again]).results
        for (i, _), result in zip(again, reread, strict=True):
            results[i] = attrs.evolve(result, path=results[i].path)
    return results


def _read_input(
    source: BuildInput, number: int, max_bytes: int
) -> tuple[list[_Record], list[dict[str, str]], int]:
    """The procedures read from one input, what was skipped (with why), and the record count."""
    from tthc.sources import read_portal_xlsx

    # (path, procedure or None, issuing agency, why not read)
    read: list[tuple[str, Procedure | None, str | None, str]] = []
    if source.path.lower().endswith((".xlsx", ".xlsm")):
        for r in read_portal_xlsx(source.path).results:
            read.append(
                (r.path, r.procedure, _agency_name(r.values.get("issuing_agency")), _why(r))
            )
    else:
        items = [
            i["data"]
            if isinstance(i, Mapping) and set(i) == _ENVELOPE and isinstance(i["data"], Mapping)
            else i
            for i in load_items(source.path, max_bytes=max_bytes)
        ]
        portal = _portal(items, [i for i, item in enumerate(items) if not is_tthc_shape(item)])
        for i, item in enumerate(items):
            if i in portal:
                r = portal[i]
                issuing = _agency_name(r.values.get("issuing_agency"))
                read.append((f"$[{i}]", r.procedure, issuing, _why(r)))
                continue
            try:  # a tthc procedure or catalogue record
                if "procedure" in item:
                    entry = from_dict(CatalogueEntry, item)
                    read.append((f"$[{i}]", entry.procedure, entry.issuing_agency, ""))
                else:
                    read.append((f"$[{i}]", from_dict(Procedure, item), None, ""))
            except ValidationError as e:
                read.append((f"$[{i}]", None, None, str(e.problems[0])))
    records: list[_Record] = []
    skipped: list[dict[str, str]] = []
    for k, (path, p, issuing, why) in enumerate(read):
        if p is not None and getattr(p, "code", None) is None:  # a record without a national code
            ident = getattr(p, "source_id", None)
            why = f"no national procedure code (the source identifies it as {ident!r})"
            p = None
        if p is None:
            skipped.append({"source": source.name, "path": path, "why": why or "not read"})
            continue
        stated = sum(1 for f in _FIELDS if _stated(getattr(p, f)))
        priority = _UNRANKED if source.priority is None else source.priority
        records.append(_Record((priority, -stated, number, k), source, path, p, issuing))
    return records, skipped, len(read)


def _why(result: Any) -> str:
    """The first error the reader found in a record no procedure was read from."""
    errors = [f.message for f in result.findings if f.severity.value == "error"]
    return errors[0] if errors else ""


def _provenance(field: str, record: _Record, value: Any = None) -> FieldSource:
    return FieldSource(
        field,
        record.source.name,
        crawled=record.source.crawled,
        path=record.path,
        value=None if value is None else _shown(value),
    )


def _citation(source: BuildInput) -> str:
    when = f"crawled {source.crawled.isoformat()}" if source.crawled else "crawl date not stated"
    cite = f": {source.citation}" if source.citation else ""
    return f"{source.name}{cite} ({when})"


def _merge(code: str, records: Sequence[_Record], curated: CatalogueEntry | None) -> CatalogueEntry:
    ranked = sorted(records, key=lambda r: r.rank)
    fields: list[FieldSource] = []
    disagreements: list[FieldSource] = []
    values: dict[str, Any] = {}
    used: dict[str, BuildInput] = {}
    for field in _FIELDS:
        stating = [r for r in ranked if _stated(getattr(r.procedure, field))]
        if curated is not None:
            kept = getattr(curated.procedure, field)
        elif stating:
            kept = getattr(stating[0].procedure, field)
            values[field] = kept
            fields.append(_provenance(field, stating[0]))
            used[stating[0].source.name] = stating[0].source
        else:
            continue
        disagreements += [
            _provenance(field, r, getattr(r.procedure, field))
            for r in stating
            if getattr(r.procedure, field) != kept
        ]
    agencies = [r for r in ranked if r.issuing_agency]
    issuing = curated.issuing_agency if curated is not None else None
    if issuing is None and agencies:
        issuing = agencies[0].issuing_agency
        fields.append(_provenance("issuing_agency", agencies[0]))
        used.setdefault(agencies[0].source.name, agencies[0].source)
    disagreements += [
        _provenance("issuing_agency", r, r.issuing_agency)
        for r in agencies
        if r.issuing_agency != issuing
    ]
    if curated is not None:
        return attrs.evolve(
            curated, issuing_agency=issuing, disagreements=disagreements, curated=True
        )
    notes: list[str] = []
    try:
        procedure = Procedure(code=code, **values)
    except (TthcError, ValueError, TypeError) as e:  # fields of two records that cannot meet
        procedure = ranked[0].procedure
        fields = [_provenance(f, ranked[0]) for f in _FIELDS if _stated(getattr(procedure, f))]
        used = {ranked[0].source.name: ranked[0].source}
        notes.append(f"the sources' fields could not be merged ({e}); the most detailed kept")
    if not procedure.methods:
        notes.append(NOT_STATED_NOTE)
    return CatalogueEntry(
        procedure,
        sources=[_citation(s) for s in used.values()],
        notes=notes,
        issuing_agency=issuing,
        fields=fields,
        disagreements=disagreements,
    )


def build_catalogue(
    inputs: Iterable[BuildInput | str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    curated: Iterable[CatalogueEntry] | None = None,
    snapshot: dt.date | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Catalogue:
    """Read every input with tthc's readers, merge by code, write a catalogue file.

    ``inputs`` are :class:`BuildInput` values or paths (read in order; an
    earlier input wins a tie). ``curated`` records win outright over the
    inputs for their codes (default: the curated records tthc ships;
    ``()`` for none). ``snapshot`` is the catalogue's date (default: the
    newest crawl date of the inputs). Records from which no procedure can be
    read are listed in the file's ``skipped`` (see
    :attr:`Catalogue.skipped <tthc.catalogue.Catalogue.skipped>`) with why.
    The same inputs give the same file. Returns the written catalogue,
    opened read-only.
    """
    from tthc.catalogue import curated_entries
    from tthc.catalogue._catalogue import Catalogue

    sources = [s if isinstance(s, BuildInput) else BuildInput(s) for s in inputs]
    labels = [s.name for s in sources]
    if len(set(labels)) != len(labels):
        raise ValidationError.single("inputs", labels, "inputs with distinct labels")
    refuse_overwrite(output, [s.path for s in sources], field="output")
    hand = tuple(curated_entries() if curated is None else curated)
    by_code: dict[str, list[_Record]] = {}
    skipped: list[dict[str, str]] = []
    described: list[dict[str, Any]] = []
    for number, source in enumerate(sources):
        records, missed, total = _read_input(source, number, max_bytes)
        for record in records:
            by_code.setdefault(procedure_key(record.procedure), []).append(record)
        skipped += missed
        described.append(
            {
                "label": source.name,
                "file": os.path.basename(source.path),
                "crawled": source.crawled.isoformat() if source.crawled else None,
                "citation": source.citation,
                "records": total,
                "read": len(records),
            }
        )
    curated_by_code = {procedure_key(e.procedure): e for e in hand}
    codes = sorted(set(by_code) | set(curated_by_code))
    entries = [_merge(c, by_code.get(c, ()), curated_by_code.get(c)) for c in codes]
    dates = [s.crawled for s in sources if s.crawled is not None]
    day = snapshot or (max(dates) if dates else None)
    meta = {
        "sources": json.dumps(described, ensure_ascii=False, sort_keys=True),
        "skipped": json.dumps(skipped, ensure_ascii=False, sort_keys=True),
    }
    if day is not None:
        meta["snapshot"] = day.isoformat()
    write_store(output, entries, meta)
    return Catalogue.load(output)
