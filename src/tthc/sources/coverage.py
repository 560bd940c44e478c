"""How much of a file of portal records tthc reads, per field, and why the rest is not read.

:func:`measure` reads records (a JSON list, JSON Lines, either gzipped, or the
portal's xlsx list export; or records or a batch already in memory) and
returns a frozen :class:`CoverageReport`: per field, the share of records
where it was read fully, partly or not at all, with the most frequent
reasons (finding codes), and the headline figures of issue 11 (methods with a
channel, time limits, dossier counts, legal-basis numbers). The ``tthc
coverage FILE`` command prints it; ``python -m tthc.sources.coverage FILE``
is kept as an alias of that command.

A field (a heading such as "Cách thức thực hiện") counts where the record
holds a value for it (not empty, not a placeholder such as "Không có thông
tin"). It is read *fully* when something was read and no warning or error
points inside it (findings that only state an assumption, such as "ngày"
read as calendar days, do not count against it); *partly* when something was
read but such a finding points inside it; *not at all* when nothing was read.

>>> report = measure([
...     {"Mã thủ tục": "1.003197", "Tên thủ tục": "Xóa đăng ký thường trú",
...      "Cách thức thực hiện": [{"Hình thức nộp": "Trực tuyến",
...                               "Thời hạn giải quyết": "1"}]},
... ])
>>> report.records, report.procedures
(1, 1)
>>> [(f.field, f.fully, f.partly, f.not_at_all) for f in report.fields]
[('code', 1, 0, 0), ('name', 1, 0, 0), ('methods', 0, 1, 0)]
>>> report.fields[2].reasons
(('time-unit-lost', 1),)
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from tthc.errors import ParseError
from tthc.model import Severity
from tthc.sources._portal import (
    PORTAL_HEADINGS,
    PortalBatchResult,
    PortalReadResult,
    read_portal_records,
)
from tthc.sources._reader import _key_path

__all__ = [
    "CoverageReport",
    "FieldCoverage",
    "Figure",
    "ShapeCoverage",
    "load_records",
    "main",
    "measure",
]

Lang = Literal["vi", "en"]

# The result value that holds what was read for each field (None: judged by findings only).
_VALUE_OF: dict[str, str | None] = {
    "dossier": "dossier_cases",
    "sets": None,
    "status": None,
    "time_limit": None,
    "fees": None,
}
_NOT_COUNTED = ("-assumption",)


def _value_key(field: str) -> str | None:
    return _VALUE_OF.get(field, field)


@attrs.frozen
class FieldCoverage:
    """One field: in how many records it holds a value, and how it was read there."""

    field: str
    heading: str
    present: int
    fully: int
    partly: int
    not_at_all: int
    reasons: tuple[tuple[str, int], ...] = ()

    def share(self, how: Literal["fully", "partly", "not_at_all"]) -> float:
        """The share (0-1) of the records holding the field where it was read ``how``."""
        count: int = getattr(self, how)
        return count / self.present if self.present else 0.0


@attrs.frozen
class Figure:
    """A headline figure: ``count`` of ``of`` records meet what ``en`` / ``vi`` describe."""

    key: str
    en: str
    vi: str
    count: int
    of: int

    @property
    def share(self) -> float:
        """``count / of`` (0-1); 1.0 when no record is concerned."""
        return self.count / self.of if self.of else 1.0


@attrs.frozen
class ShapeCoverage:
    """The records of one shape (``"api"``, ``"snake_case"``…): per field, how they were read."""

    shape: str
    records: int
    procedures: int
    fields: tuple[FieldCoverage, ...]


@attrs.frozen
class CoverageReport:
    """What share of a batch of records was read, per field, with the reasons for the rest.

    ``shapes`` gives the same per-field figures for each shape of record in
    the batch (:attr:`~tthc.sources.PortalReadResult.shape`).
    """

    source: str | None
    records: int
    procedures: int
    fields: tuple[FieldCoverage, ...]
    figures: tuple[Figure, ...]
    reasons: tuple[tuple[str, int], ...]
    shapes: tuple[ShapeCoverage, ...] = ()

    def figure(self, key: str) -> Figure:
        """The headline figure named ``key`` (``"methods"``, ``"time_limits"``…)."""
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (shares rounded to 4 places)."""
        return {
            "source": self.source,
            "records": self.records,
            "procedures": self.procedures,
            "figures": [
                {
                    "key": f.key,
                    "en": f.en,
                    "vi": f.vi,
                    "count": f.count,
                    "of": f.of,
                    "share": round(f.share, 4),
                }
                for f in self.figures
            ],
            "fields": [
                {
                    "field": f.field,
                    "heading": f.heading,
                    "present": f.present,
                    "fully": f.fully,
                    "partly": f.partly,
                    "not_at_all": f.not_at_all,
                    "share_fully": round(f.share("fully"), 4),
                    "reasons": dict(f.reasons),
                }
                for f in self.fields
            ],
            "reasons": dict(self.reasons),
            "shapes": [
                {
                    "shape": shape.shape,
                    "records": shape.records,
                    "procedures": shape.procedures,
                    "fields": [
                        {
                            "field": f.field,
                            "present": f.present,
                            "fully": f.fully,
                            "partly": f.partly,
                            "not_at_all": f.not_at_all,
                        }
                        for f in shape.fields
                    ],
                }
                for shape in self.shapes
            ],
        }

    def render(self, lang: Lang = "vi") -> str:
        """The report as plain text, labels in Vietnamese (``"vi"``) or English (``"en"``)."""
        t = _LABELS[lang]
        lines = [
            f"{t['records']}: {self.records}, {t['procedures']}: {self.procedures}"
            + (f" ({self.source})" if self.source else ""),
            "",
        ]
        for figure in self.figures:
            label = figure.vi if lang == "vi" else figure.en
            share = f"{figure.share:>6.1%}" if figure.of else f"{'—':>6}"
            lines.append(f"{share}  {label} ({figure.count}/{figure.of})")
        lines += [
            "",
            f"{t['field']:<30} {t['present']:>7} {t['fully']:>8} {t['partly']:>8} "
            f"{t['not_at_all']:>8}  {t['reasons']}",
        ]
        for f in self.fields:
            reasons = ", ".join(f"{code} {n}" for code, n in f.reasons[:3])
            lines.append(
                f"{f.heading[:30]:<30} {f.present:>7} {f.share('fully'):>8.1%} "
                f"{f.share('partly'):>8.1%} {f.share('not_at_all'):>8.1%}  {reasons}"
            )
        for shape in self.shapes:
            lines += [
                "",
                f"{t['shape']} {shape.shape}: {t['records']} {shape.records}, "
                f"{t['procedures']} {shape.procedures}",
                f"  {t['field']:<28} {t['present']:>7} {t['fully']:>8} {t['partly']:>8} "
                f"{t['not_at_all']:>8}",
            ]
            lines += [
                f"  {f.heading[:28]:<28} {f.present:>7} {f.share('fully'):>8.1%} "
                f"{f.share('partly'):>8.1%} {f.share('not_at_all'):>8.1%}"
                for f in shape.fields
            ]
        if self.reasons:
            lines += ["", f"{t['all_reasons']}:"]
            lines += [f"  {code}: {n}" for code, n in self.reasons]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render("en")


_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "records": "bản ghi",
        "procedures": "thủ tục đọc được",
        "field": "trường",
        "present": "có",
        "fully": "đủ",
        "partly": "một phần",
        "not_at_all": "không",
        "reasons": "lý do thường gặp",
        "all_reasons": "lý do thường gặp nhất (mã phát hiện)",
        "shape": "dạng",
    },
    "en": {
        "records": "records",
        "procedures": "procedures read",
        "field": "field",
        "present": "present",
        "fully": "fully",
        "partly": "partly",
        "not_at_all": "not read",
        "reasons": "most frequent reasons",
        "all_reasons": "most frequent reasons (finding codes)",
        "shape": "shape",
    },
}


def _inside(path: str, result: PortalReadResult, field: str, heading: str) -> bool:
    prefix = dict(result.field_paths).get(field) or _key_path(result.path, heading)
    return path == prefix or path.startswith((prefix + "[", prefix + "."))


def _blocking(code: str, severity: Severity) -> bool:
    return severity in (Severity.ERROR, Severity.WARNING) and not code.endswith(_NOT_COUNTED)


def _read_something(value: object) -> bool:
    return value is not None and value != () and value != ""


def _figures(results: Sequence[PortalReadResult]) -> tuple[Figure, ...]:
    n = len(results)
    listed = [r for r in results if "methods" in dict(r.fields)]
    with_methods = sum(1 for r in listed if r.values.get("methods"))
    timed = timed_ok = 0
    methods_timed = methods_unread = 0
    dossier = dossier_ok = 0
    legal = legal_ok = 0
    type_tier_errors = 0
    for r in results:
        codes = Counter(f.code for f in r.findings)
        fields = dict(r.fields)
        methods = r.values.get("methods", ())
        methods_timed += sum(1 for m in methods if m.time_limits)
        methods_unread += codes["unreadable-time-limit"]
        stated = any(m.time_limits for m in methods) or codes["unreadable-time-limit"]
        if stated:
            timed += 1
            timed_ok += not codes["unreadable-time-limit"]
        if "dossier" in fields:
            dossier += 1
            cases = r.values.get("dossier_cases", ())
            dossier_ok += bool(
                any(c.components for c in cases)
                and not codes["unreadable-quantity"]
                and not codes["unreadable-dossier"]
            )
        if "legal_basis" in fields:
            legal += 1
            legal_ok += bool(r.values.get("legal_basis"))
        type_tier_errors += any(
            f.severity is Severity.ERROR
            and f.code in ("unknown-procedure-type", "unknown-tier", "procedure-type-as-published")
            for f in r.findings
        )
    return (
        Figure(
            "methods",
            "records with their methods, each with a channel",
            "bản ghi có cách thức thực hiện, mỗi cách có hình thức nộp",
            with_methods,
            len(listed),
        ),
        Figure(
            "time_limits",
            "records whose every time stated as a number with a unit was read",
            "bản ghi đọc được mọi thời hạn ghi bằng số kèm đơn vị",
            timed_ok,
            timed,
        ),
        Figure(
            "method_time_limits",
            "methods whose time stated as a number with a unit was read",
            "cách thức đọc được thời hạn ghi bằng số kèm đơn vị",
            methods_timed,
            methods_timed + methods_unread,
        ),
        Figure(
            "dossier_counts",
            "records with dossier components and their counts",
            "bản ghi có thành phần hồ sơ kèm số lượng",
            dossier_ok,
            dossier,
        ),
        Figure(
            "legal_numbers",
            "legal-basis cells with at least one document number read",
            "ô căn cứ pháp lý đọc được ít nhất một số hiệu văn bản",
            legal_ok,
            legal,
        ),
        Figure(
            "no_type_tier_error",
            "records without an ERROR for a procedure type or tier",
            "bản ghi không có lỗi về loại thủ tục hay cấp thực hiện",
            n - type_tier_errors,
            n,
        ),
    )


def _report(
    batch: PortalBatchResult, source: str | None, top: int, shape: str | None = None
) -> CoverageReport:
    results = batch.results
    fields = _fields(results, top)
    by_shape: dict[str, list[PortalReadResult]] = {}
    for result in results:
        by_shape.setdefault(shape or result.shape or "unknown", []).append(result)
    overall = Counter(f.code for f in batch.findings)
    return CoverageReport(
        source=source,
        records=len(results),
        procedures=sum(1 for r in results if r.procedure is not None),
        fields=fields,
        figures=_figures(results),
        reasons=tuple(sorted(overall.items(), key=lambda i: (-i[1], i[0]))[:top]),
        shapes=tuple(
            ShapeCoverage(
                shape=name,
                records=len(group),
                procedures=sum(1 for r in group if r.procedure is not None),
                fields=_fields(group, top),
            )
            for name, group in sorted(by_shape.items())
        ),
    )


def _fields(results: Sequence[PortalReadResult], top: int) -> tuple[FieldCoverage, ...]:
    present: Counter[str] = Counter()
    fully: Counter[str] = Counter()
    partly: Counter[str] = Counter()
    reasons: dict[str, Counter[str]] = {}
    for result in results:
        for field, heading in result.fields:
            present[field] += 1
            inside = [f for f in result.findings if _inside(f.path, result, field, heading)]
            reasons.setdefault(field, Counter()).update(f.code for f in inside)
            key = _value_key(field)
            blocked = any(_blocking(f.code, f.severity) for f in inside)
            if key is not None and not _read_something(result.values.get(key)):
                continue
            if key is None and blocked:
                continue
            (partly if blocked else fully)[field] += 1
    order = [field for field in PORTAL_HEADINGS if field in present]
    return tuple(
        FieldCoverage(
            field=f,
            heading=PORTAL_HEADINGS[f][0],
            present=present[f],
            fully=fully[f],
            partly=partly[f],
            not_at_all=present[f] - fully[f] - partly[f],
            reasons=tuple(reasons[f].most_common(top)),
        )
        for f in order
    )


def load_records(path: str | os.PathLike[str]) -> list[Any]:
    """The records in a JSON list or JSON Lines file, plain or gzipped (by its first bytes).

    Raises :class:`~tthc.errors.ParseError` naming the file (and the line, for
    JSON Lines) when it cannot be read, is not UTF-8 JSON, or holds no list.
    """
    name = os.fspath(path)
    try:
        raw = Path(name).read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8-sig")
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as e:
        raise ParseError(name, f"a readable file ({type(e).__name__}: {e})", what="file") from None
    stripped = text.lstrip()
    if stripped.startswith("{") and "\n" in stripped.rstrip():  # one pretty-printed record?
        try:
            single = json.loads(text)
        except (ValueError, RecursionError):
            single = None  # JSON Lines, read below
        if isinstance(single, dict):
            return [single]
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as e:
            raise ParseError(name, f"a JSON list of records ({e})", what="JSON file") from None
        if not isinstance(data, list):
            raise ParseError(name, "a JSON list of records", what="JSON file")
        return data
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except (ValueError, RecursionError) as e:
            raise ParseError(
                f"{name}, line {number}",
                f"a JSON list, or one JSON record per line (JSON Lines) ({e})",
                what="JSON file",
            ) from None
    return records


def measure(
    source: str | os.PathLike[str] | Iterable[Mapping[str, Any]] | PortalBatchResult,
    *,
    top: int = 5,
) -> CoverageReport:
    """Read ``source`` and report, per field, what share was read fully, partly, not at all.

    ``source`` is a path (``.xlsx``: the portal's list export, read by
    :func:`~tthc.sources.read_portal_xlsx`; anything else: a JSON list or
    JSON Lines, plain or gzipped, read by :func:`load_records`), records
    already in memory, or a :class:`~tthc.sources.PortalBatchResult`. ``top``
    is how many reasons to keep per field and overall. Raises
    :class:`~tthc.errors.ParseError` for a file that cannot be read.
    """
    if isinstance(source, PortalBatchResult):
        return _report(source, None, top)
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        if name.lower().endswith((".xlsx", ".xlsm")):
            from tthc.sources._xlsx import read_portal_xlsx

            return _report(read_portal_xlsx(name), name, top, shape="xlsx list export")
        return _report(read_portal_records(load_records(name)), name, top)
    return _report(read_portal_records(source), None, top)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tthc.sources.coverage FILE``: an alias of ``tthc coverage FILE``."""
    from tthc.cli import main as tthc_main

    return tthc_main(["coverage", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
