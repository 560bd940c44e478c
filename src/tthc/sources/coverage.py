"""How much of a file of portal records tthc reads fully, per field.

Run it on a JSON file holding a list of portal-shaped records::

    python -m tthc.sources.coverage records.json
    python -m tthc.sources.coverage records.json --json

A record is *fully read* when :func:`~tthc.sources.read_portal_record` gives a
procedure and no finding at all; a field (a heading such as "Cách thức thực
hiện") is fully read in a record when no finding points inside it.

>>> report = coverage([
...     {"Mã thủ tục": "1.003197", "Tên thủ tục": "Xóa đăng ký thường trú",
...      "Cách thức thực hiện": [{"Hình thức nộp": "Trực tuyến",
...                               "Thời hạn giải quyết": "1"}]},
... ])
>>> report.records, report.fully_read
(1, 0)
>>> [(f.heading, f.present, f.fully_read) for f in report.fields]
[('Mã thủ tục', 1, 1), ('Tên thủ tục', 1, 1), ('Cách thức thực hiện', 1, 0)]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from tthc.sources._portal import PORTAL_HEADINGS, PortalReadResult, _key_path, read_portal_records

__all__ = ["CoverageReport", "FieldCoverage", "coverage", "main"]


@attrs.frozen
class FieldCoverage:
    """One field: in how many records it appears, and in how many it was fully read."""

    field: str
    heading: str
    present: int
    fully_read: int

    @property
    def share(self) -> float:
        """The share of the records having the field where it was fully read (0-1)."""
        return self.fully_read / self.present if self.present else 0.0


@attrs.frozen
class CoverageReport:
    """What share of a batch of records was read fully, overall and per field."""

    records: int
    fully_read: int
    fields: tuple[FieldCoverage, ...]
    findings_by_code: tuple[tuple[str, int], ...]

    @property
    def share(self) -> float:
        """The share of records read fully (0-1)."""
        return self.fully_read / self.records if self.records else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {
            "records": self.records,
            "fully_read": self.fully_read,
            "share": round(self.share, 4),
            "fields": [
                {
                    "field": f.field,
                    "heading": f.heading,
                    "present": f.present,
                    "fully_read": f.fully_read,
                    "share": round(f.share, 4),
                }
                for f in self.fields
            ],
            "findings_by_code": dict(self.findings_by_code),
        }

    def format(self) -> str:
        """The report as a plain-text table."""
        lines = [
            f"records fully read: {self.fully_read}/{self.records} ({self.share:.0%})",
            "",
            f"{'field':<34} {'present':>7} {'fully read':>10} {'share':>6}",
        ]
        for f in self.fields:
            lines.append(f"{f.heading:<34} {f.present:>7} {f.fully_read:>10} {f.share:>6.0%}")
        if self.findings_by_code:
            lines += ["", "findings by code:"]
            lines += [f"  {code}: {n}" for code, n in self.findings_by_code]
        return "\n".join(lines)


def _inside(path: str, result: PortalReadResult, heading: str) -> bool:
    prefix = _key_path(result.path, heading)
    return path == prefix or path.startswith((prefix + "[", prefix + "."))


def coverage(records: Iterable[Mapping[str, Any]]) -> CoverageReport:
    """Read ``records`` and count, per field, how often each was read without a finding."""
    batch = read_portal_records(records)
    present: Counter[str] = Counter()
    clean: Counter[str] = Counter()
    headings: dict[str, str] = {}
    for result in batch.results:
        for field, key in result.fields:
            headings.setdefault(field, PORTAL_HEADINGS[field][0])
            present[field] += 1
            if not any(_inside(f.path, result, key) for f in result.findings):
                clean[field] += 1
    order = [field for field in PORTAL_HEADINGS if field in present]
    codes = Counter(f.code for f in batch.findings)
    return CoverageReport(
        records=len(batch.results),
        fully_read=sum(1 for r in batch.results if r.fully_read),
        fields=tuple(FieldCoverage(f, headings[f], present[f], clean[f]) for f in order),
        findings_by_code=tuple(sorted(codes.items(), key=lambda item: (-item[1], item[0]))),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status (0, or 2 for unusable input)."""
    parser = argparse.ArgumentParser(
        prog="python -m tthc.sources.coverage",
        description="Report what share of a JSON list of portal records tthc reads fully.",
    )
    parser.add_argument("file", type=Path, help="a JSON file holding a list of records")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        print(f"cannot read {args.file}: {e}", file=sys.stderr)
        return 2
    if not isinstance(data, list):
        print(f"{args.file}: expected a JSON list of records", file=sys.stderr)
        return 2
    report = coverage(data)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.format())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
