"""Reading procedure records shaped as the national and provincial portals publish them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from tthc._validate import as_tuple, tuple_of
from tthc.errors import TthcError
from tthc.model import (
    Finding,
    Procedure,
    ProcedureCode,
    Severity,
)
from tthc.sources._glued import (
    split_page_text,
)
from tthc.sources._keys import (
    KeyIndex,
    record_index,
    record_shape,
    unwrap_envelope,
)
from tthc.sources._read_dossier import DossierReader
from tthc.sources._read_legal import LegalReader
from tthc.sources._read_methods import MethodReader
from tthc.sources._reader import (
    _CODE_ON_PAGE,
    _HEADINGS,
    DECREE_63_ART_8,
    PORTAL_HEADINGS,
    _is_placeholder,
    _key_path,
    _read_only,
    _short,
)
from tthc.sources._record import flag_tiers, holds, published_id, record_columns
from tthc.sources._text import clean_text

_RECORD_KEYS = record_index()

__all__ = [
    "PORTAL_HEADINGS",
    "PortalBatchResult",
    "PortalReadResult",
    "read_portal_record",
    "read_portal_records",
]

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MAX_SURROGATE_DEPTH = 6  # portal records nest two or three levels; deeper is left as is


def _without_surrogates(
    record: Mapping[Any, Any], base: str
) -> tuple[Mapping[Any, Any], list[str]]:
    """A copy of ``record`` whose strings hold U+FFFD for lone surrogates, and their paths.

    The caller's record is not changed; when nothing needs replacing it is returned as is.
    """
    replaced: list[str] = []
    if not _may_hold_surrogates(record):
        return record, replaced

    def clean(value: Any, path: str, depth: int) -> Any:
        if isinstance(value, str):
            if value.isascii() or _SURROGATE.search(value) is None:
                return value
            replaced.append(path)
            return _SURROGATE.sub("\ufffd", value)
        if depth >= _MAX_SURROGATE_DEPTH:
            return value
        if isinstance(value, Mapping):
            items = {k: clean(v, f"{path}[{k!r}]", depth + 1) for k, v in value.items()}
            return items if any(items[k] is not value[k] for k in items) else value
        if isinstance(value, list):
            found = [clean(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
            return found if any(a is not b for a, b in zip(found, value, strict=True)) else value
        return value

    cleaned = clean(record, base, 0)
    return (cleaned if isinstance(cleaned, Mapping) else record), replaced


def _may_hold_surrogates(value: object, depth: int = 0) -> bool:
    """Whether any string in ``value`` holds a lone surrogate (UTF-8 cannot encode it)."""
    if isinstance(value, str):
        if value.isascii():
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if depth >= _MAX_SURROGATE_DEPTH:
        return False
    if isinstance(value, Mapping):
        return any(_may_hold_surrogates(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_may_hold_surrogates(v, depth + 1) for v in value)
    return False


@attrs.frozen
class PortalReadResult:
    """One portal record, read: the procedure (or ``None``) and what could not be read.

    - ``procedure``: the :class:`~tthc.model.Procedure`, or ``None`` when the
      record has no readable code or name, or is not a record at all;
    - ``findings``: one :class:`~tthc.model.Finding` per value that was not
      read, or read with an assumption, each with the JSON path of the value
      (``$[3]['Cách thức thực hiện'][1]['Thời hạn giải quyết']``) and the
      unread text in its message;
    - ``path``: where the record is (``$`` or ``$[3]`` in a batch);
    - ``fields``: the record's headings that were recognised and hold a
      value (not empty, not a placeholder such as "Không có thông tin"), as
      ``(field, heading as published)`` pairs, in the record's order;
    - ``shape``: the shape of the record (:func:`._keys.record_shape`:
      ``"api"``, ``"nested"``, ``"camelCase"``, ``"snake_case"``,
      ``"headings"``, ``"english"``);
    - ``field_paths``: where each of ``fields`` was found (``$[0]['data']['executionMethods']``);
    - ``values``: what was read, by :class:`~tthc.model.Procedure` field name
      (``"code"``, ``"name"``, ``"methods"``…) plus ``"issuing_agency"`` when
      the source names it: a partial result even when no procedure could be
      built (a record without a code), read-only.
    """

    procedure: Procedure | None
    findings: tuple[Finding, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(Finding)
    )
    path: str = "$"
    fields: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    values: Mapping[str, Any] = attrs.field(factory=dict, converter=_read_only, hash=False)
    shape: str = ""
    field_paths: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)

    @property
    def fully_read(self) -> bool:
        """Whether the record was read into a procedure without a single finding."""
        return self.procedure is not None and not self.findings


@attrs.frozen
class PortalBatchResult:
    """Many portal records, read: one :class:`PortalReadResult` per record, in order."""

    results: tuple[PortalReadResult, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(PortalReadResult)
    )
    findings_outside_records: tuple[Finding, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(Finding)
    )

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        """The procedures that could be read, in record order."""
        return tuple(r.procedure for r in self.results if r.procedure is not None)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, of the batch and of each record (paths start ``$[i]``)."""
        return self.findings_outside_records + tuple(f for r in self.results for f in r.findings)


class _Reader(MethodReader, DossierReader, LegalReader):
    """Reads one record, collecting findings; never raises on bad input."""


def _required_text(
    reader: _Reader, cols: Mapping[str, tuple[object, str]], field: str
) -> str | None:
    if field not in cols:
        reader.add(
            f"missing-{field}",
            f"no {_HEADINGS[field][0]!r} in the record",
            reader.base,
            citation=DECREE_63_ART_8 if field == "name" else None,
        )
        return None
    value, path = cols[field]
    text = reader.text(value, path)
    if text is None and (value is None or isinstance(value, str)):
        reader.add(f"missing-{field}", f"{_HEADINGS[field][0]!r} is empty", path)
    return text


def _read(
    record: object,
    base: str,
    index: KeyIndex = _RECORD_KEYS,
    memo: dict[tuple[str, str], object] | None = None,
) -> PortalReadResult:
    reader = _Reader(base, memo)
    if not isinstance(record, Mapping):
        reader.add(
            "not-a-record",
            f"expected a record (a mapping of heading to value), got {_short(record)}",
            base,
        )
        return PortalReadResult(procedure=None, findings=reader.findings, path=base)
    record, replaced = _without_surrogates(record, base)
    if replaced:
        reader.add(
            "lone-surrogate",
            f"{len(replaced)} value(s) held lone surrogates (halves of UTF-16 pairs, which no "
            "text encoding can hold); each was read with U+FFFD in its place",
            replaced[0],
            severity=Severity.WARNING,
        )
    shape = record_shape(record)
    inner = unwrap_envelope(record)
    where = base
    if inner is not None:  # the API's answer {code, data, message}: the procedure is data
        record, data_key = inner
        where = _key_path(base, data_key)
    cols, fields, flags = record_columns(reader, record, where, index)
    if not ("code" in fields and "name" in fields) and "page_text" in cols:
        cols = _from_page(reader, cols, fields, fields.get("page_text", "raw_text"))
    source_id = published_id(reader, cols)
    if "code" not in cols and source_id is not None:
        code_text = None
        reader.add(
            "no-national-code",
            f"the record states no TTHC code; the procedure is identified by its source "
            f"({source_id!r}) and cannot be matched with the national catalogue by code",
            where,
            severity=Severity.WARNING,
            citation=DECREE_63_ART_8,
        )
    else:
        code_text = _required_text(reader, cols, "code")
    name = _required_text(reader, cols, "name")
    page, page_path = cols.get("page_text", (None, base))
    if code_text is not None and isinstance(page, str):
        _check_page_code(reader, code_text, page, page_path)
    code = None
    if code_text is not None:
        try:
            code = ProcedureCode(code_text)
        except TthcError:
            reader.add(
                "bad-code",
                f"{code_text!r} is not a TTHC code 'd.dddddd' (e.g. '1.004222')",
                cols["code"][1] if "code" in cols else base,
            )

    def part(field: str, read: Callable[[object, str], Any], default: Any) -> Any:
        return read(*cols[field]) if field in cols else default

    if "time_limit" in cols or "fees" in cols:
        reader.shared = (cols.get("time_limit"), cols.get("fees"))
    sets = part("sets", reader.sets, None)
    kwargs: dict[str, Any] = {
        "decision": part("decision", reader.decision, None),
        "tiers": part("tiers", reader.tiers, []),
        "source_id": source_id,
        "procedure_type": part("procedure_type", reader.procedure_type, None),
        "sector": part("sector", reader.text, None),
        "steps": part("steps", reader.steps, []),
        "methods": part("methods", reader.methods, []),
        "dossier_cases": part("dossier", lambda v, p: reader.dossier(v, p, sets), []),
        "applicants": [t for t, _ in part("applicants", reader.items, [])],
        "implementing_agencies": part("implementing_agencies", reader.agencies, []),
        "competent_agencies": part("competent_agencies", reader.agencies, []),
        "authorised_agencies": part("authorised_agencies", reader.agencies, []),
        "coordinating_agencies": part("coordinating_agencies", reader.agencies, []),
        "receiving_address": part("receiving_address", reader.text, None),
        "results": part("results", reader.results, []),
        "legal_basis": part("legal_basis", reader.legal_basis, []),
        "conditions": [t for t, _ in part("conditions", reader.items, [])],
        "related": part("related", reader.related, []),
    }
    part("status", reader.status, None)
    if flags and not kwargs["tiers"]:
        kwargs["tiers"] = flag_tiers(reader, flags)
    if reader.shared is not None and not reader.shared_used:
        for field in ("time_limit", "fees"):
            if field in cols and holds(cols[field][0]):
                reader.add(
                    "procedure-level-value-unused",
                    f"{_short(cols[field][0])!r} is stated for the whole procedure, but the "
                    "record names no channel to give it to, or its methods state their own; "
                    "kept here as published",
                    cols[field][1],
                    severity=Severity.WARNING,
                )
    if kwargs["receiving_address"] is not None and _is_placeholder(kwargs["receiving_address"]):
        kwargs["receiving_address"] = None
    if kwargs["sector"] is not None and _is_placeholder(kwargs["sector"]):
        kwargs["sector"] = None
    values: dict[str, Any] = {"code": code, "name": name}
    values.update((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items())
    if "issuing_agency" in cols:
        issuing = reader.agencies(*cols["issuing_agency"])
        values["issuing_agency"] = issuing[0] if len(issuing) == 1 else tuple(issuing) or None
    procedure = None
    if (code is not None or source_id is not None) and name is not None:
        try:
            procedure = Procedure(code=code, name=name, **kwargs)
        except TthcError as e:  # a combination the model refuses
            reader.add("invalid-procedure", f"the values read do not make a procedure: {e}", base)
    elif reader.findings:
        reader.add(
            "partial-record",
            "no procedure could be built (see the findings above); what was read is in "
            "the result's values",
            base,
            severity=Severity.INFO,
        )
    else:  # e.g. headings holding empty lists: nothing said why, so say it
        reader.add(
            "no-procedure",
            "no procedure could be built: the record holds no readable code and name",
            base,
        )
    return PortalReadResult(
        procedure=procedure,
        findings=reader.findings,
        path=base,
        fields=tuple(fields.items()),
        values={k: v for k, v in values.items() if v not in (None, ())},
        shape=shape,
        field_paths=tuple((f, cols[f][1]) for f in fields if f in cols),
    )


def _check_page_code(reader: _Reader, code: str, page: str, path: str) -> None:
    """Report a record whose code is not the one its own page text states."""
    stated = _CODE_ON_PAGE.search(page)
    if stated is not None and stated.group(1) != code.strip():
        reader.add(
            "code-differs-from-page",
            f"the record's code is {code!r} but its page text says {stated.group(0)!r}: its "
            "other values may describe that other procedure (check the scrape); the record's "
            "code was kept",
            path,
            severity=Severity.ERROR,
        )


def _from_page(
    reader: _Reader, cols: dict[str, tuple[object, str]], fields: dict[str, str], key: str
) -> dict[str, tuple[object, str]]:
    """The record's fields, with those it lacks read from its page text, when it has one.

    Used when the record has no code or no name: the page's whole text
    ("…Tên thủ tục<name>Mã thủ tục<code>Số quyết định…") is split on the
    page's headings (:func:`._glued.split_page_text`), and each section fills
    a field the record lacks or leaves empty.
    """
    if "page_text" not in cols or not isinstance(cols["page_text"][0], str):
        return cols
    text, path = clean_text(cols["page_text"][0]), cols["page_text"][1]
    filled = dict(cols)
    taken = []
    for field, _heading, value in split_page_text(text):
        if field not in fields and value and not _is_placeholder(value):
            filled[field] = (value, path)
            fields[field] = key
            taken.append(field)
    if taken:
        reader.add(
            "from-page-text",
            f"the record has no {'code' if 'code' in taken else 'name'} of its own; read "
            f"from its page text: {', '.join(_HEADINGS[f][0] for f in taken)}",
            path,
            severity=Severity.INFO,
        )
    return filled


def read_portal_record(
    record: Mapping[str, Any], *, path: str = "$", mapping: Mapping[str, Any] | None = None
) -> PortalReadResult:
    """Read one procedure record shaped as the national or a provincial portal publishes it.

    ``record`` maps the portal's headings to their values, e.g. parsed JSON::

        {"Mã thủ tục": "1.004222", "Tên thủ tục": "Đăng ký thường trú",
         "Cấp thực hiện": "Cấp Xã",
         "Cách thức thực hiện": [{"Hình thức nộp": "Trực tiếp",
                                  "Thời hạn giải quyết": "07 ngày làm việc",
                                  "Phí, lệ phí": "Lệ phí : 20.000 Đồng",
                                  "Mô tả": "…"}],
         "Thành phần hồ sơ": [{"Tên giấy tờ": "Tờ khai (Mẫu CT01)",
                               "Mẫu đơn, tờ khai": "CT01.doc",
                               "Số lượng": "Bản chính: 1 - Bản sao: 0"}]}

    Headings match whatever their case, accents and punctuation (``"CAP THUC
    HIEN"``); the known headings are in :data:`tthc.sources.PORTAL_HEADINGS`
    (field to headings, the first canonical). Values may carry HTML remnants
    (``<br>``, ``&nbsp;``) and odd spaces. "Thành phần hồ sơ" is a list of
    rows, a list of cases (``{"Trường hợp": …, "Giấy tờ": [rows]}``) or a
    mapping of case name to rows. "Căn cứ pháp lý" is text or rows of "Tên văn
    bản pháp lý" and "Mã văn bản". Keys starting with ``_`` are metadata and
    are skipped.

    Keys are matched by meaning through one vocabulary (package data,
    ``tthc/sources/data/portal.json``): the headings in any case and accents,
    snake_case, camelCase (split into words), English keys and abbreviations;
    sections (``metadata``, ``content``, ``tables``, ``procedure``,
    ``detail``) and the portal API's answer ``{code, data, message}`` are
    followed, and the API's integers and enums (``processingTime`` +
    ``processingTimeUnit``, fee rows, ``originalQty``) are taken as they are.
    ``mapping`` adds keys for a shape the vocabulary does not know
    (``{"name": ["tenTTHC"], "code": "maTTHC"}``: field → key or keys, the
    fields of :data:`PORTAL_HEADINGS`); a field it does not know raises
    :class:`~tthc.errors.ValidationError`. A record without a national code
    is identified by its portal id or page URL (``Procedure.source_id``).

    The record may also be keyed by the snake_case names scrapers write
    (``ma_thu_tuc``, ``ten_thu_tuc``, ``cach_thuc_thuc_hien``…), with each
    table's cells glued into one string as a page's text content gives them
    ("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc…"):
    tables are split on their column headers and row starts (channel names,
    "N bản chính/bản sao", document numbers); the portal's vocabularies are
    package data (``tthc/sources/data/portal.json``). Procedure types the
    portal uses that tthc has no member for ("TTHC không được luật giao cho
    địa phương quy định", "Loại khác") are kept as published with an INFO
    finding. A record without a code or name of its own is read from its
    page text (``raw_text``, split on the page's headings) when it has one.

    Never raises on bad input and never changes ``record``: each value that
    cannot be read is reported as a :class:`~tthc.model.Finding` (with the text
    in its message, the JSON path of the value, and ``path`` as the prefix).
    A method whose channel cannot be read is left out; fees that cannot be
    read are kept in the method's description. A method whose time limit is
    missing, unreadable or a bare number without its unit ("7") is kept
    without one (and reported). The
    procedure is ``None`` only when its code or name is missing or
    unreadable; what was read is then in the result's ``values``.

    >>> result = read_portal_record({
    ...     "Mã thủ tục": "1.003197", "Tên thủ tục": "Xóa đăng ký thường trú",
    ...     "Cấp thực hiện": "Cấp xã",
    ...     "Cách thức thực hiện": [{"Hình thức nộp": "Trực tuyến",
    ...                              "Thời hạn giải quyết": "5 Ngày làm việc",
    ...                              "Phí, lệ phí": "Miễn phí"}]})
    >>> str(result.procedure.time_limit()), [t.value for t in result.procedure.tiers]
    ('5 ngày làm việc', ['commune'])
    >>> [f.code for f in result.findings]
    ['fee-assumption']
    """
    # Only the errors bad input can cause are caught, where they arise (TthcError);
    # anything else is a bug in tthc and surfaces.
    return _read(record, path, _RECORD_KEYS.with_user_keys(mapping, "read_portal_record"))


def read_portal_records(
    records: Iterable[Mapping[str, Any]], *, mapping: Mapping[str, Any] | None = None
) -> PortalBatchResult:
    """Read many portal records (e.g. a parsed JSON list), one result per record.

    A record that cannot be read never stops the batch: it gets a result with
    ``procedure=None`` and findings whose paths start with its index
    (``$[3]``). Input that is not a list of records gives no results and one
    finding at ``$``. ``mapping`` is as for :func:`read_portal_record`; each
    distinct cell (a time limit, a fee, a quantity) is parsed once per batch.

    >>> batch = read_portal_records([
    ...     {"Mã thủ tục": "1.000894", "Tên thủ tục": "Đăng ký kết hôn"},
    ...     "not a record",
    ... ])
    >>> [r.procedure is not None for r in batch.results], [f.path for f in batch.findings]
    ([True, False], ['$[1]'])
    """
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        finding = Finding(
            code="not-a-list",
            message=f"expected a list of records, got {_short(records)}",
            path="$",
        )
        return PortalBatchResult(results=(), findings_outside_records=(finding,))
    index = _RECORD_KEYS.with_user_keys(mapping, "read_portal_records")
    memo: dict[tuple[str, str], object] = {}  # one batch: each distinct cell parsed once
    return PortalBatchResult(
        results=tuple(_read(record, f"$[{i}]", index, memo) for i, record in enumerate(records))
    )
