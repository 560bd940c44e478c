"""The readers on the real published corpus in ../shared/realdata (skipped when it is absent).

The corpus (see its README.md) is the national portal's pages and xlsx list
exports as scraped in 2026 by the public project chatbot-tthc/chatbot_tthc;
it is test data only and is never copied into the package.
"""

from __future__ import annotations

import gzip
import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from tthc.sources import clean_text, fold, read_portal_records, read_portal_xlsx

REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "realdata"
PAGES = REALDATA / "portal-pages-2026.jsonl.gz"
XLSX = sorted(REALDATA.glob("danh-sach-tthc-*.xlsx"))

needs_pages = pytest.mark.skipif(not PAGES.exists(), reason="../shared/realdata is absent")
needs_xlsx = pytest.mark.skipif(not XLSX, reason="../shared/realdata is absent")


@pytest.fixture(scope="module")
def pages() -> list[dict[str, Any]]:
    with gzip.open(PAGES, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@needs_xlsx
@pytest.mark.parametrize("path", XLSX, ids=lambda p: p.name)
def test_xlsx_rows_load_with_nothing_lost(path: Path) -> None:
    openpyxl: Any = importlib.import_module("openpyxl")  # the optional extra
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = rows.index(("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"))
    data = [r for r in rows[header + 1 :] if any(c not in (None, "") for c in r)]
    batch = read_portal_xlsx(path)
    assert len(batch.results) == len(data)
    for row, result in zip(data, batch.results, strict=True):
        code, name, issuing, implementing, sector = ("" if c is None else str(c) for c in row)
        p = result.procedure
        assert p is not None, result.findings
        assert str(p.code) == code.strip()
        assert p.name == clean_text(name)
        assert result.values["issuing_agency"].name == clean_text(issuing)
        lines = [clean_text(x) for x in implementing.split("\n") if x.strip()]
        # repeated agencies ("A\nB\nA\nB") collapse, in their first order
        unique: dict[str, str] = {}
        for line in lines:
            unique.setdefault(fold(line), line)
        assert [a.name for a in p.implementing_agencies] == list(unique.values())
        assert p.sector == (clean_text(sector) or None)
        assert not [f for f in result.findings if f.severity.value != "info"]


@needs_pages
def test_every_page_yields_a_result_and_nothing_raises(pages: list[dict[str, Any]]) -> None:
    batch = read_portal_records(pages)
    assert len(batch.results) == len(pages)
    assert all(r.procedure is not None or r.findings for r in batch.results)
    # no ERROR for a procedure type or tier the portal uses
    blocked = {"unknown-procedure-type", "unknown-tier", "procedure-type-as-published"}
    assert not [f for f in batch.findings if f.code in blocked and f.severity.value == "error"]


@needs_pages
def test_a_page_without_its_code_key_is_read_from_the_page_text(
    pages: list[dict[str, Any]],
) -> None:
    # line 1 of the corpus, 1.000178, with the scraper's ma_thu_tuc key taken away
    record = {k: v for k, v in pages[0].items() if k != "ma_thu_tuc"}
    [result] = read_portal_records([record]).results
    assert result.procedure is not None
    assert str(result.procedure.code) == "1.000178"
    assert "from-page-text" in [f.code for f in result.findings]
    # the page text's sections are read as the record's own fields would be
    [with_code] = read_portal_records([pages[0]]).results
    assert with_code.procedure is not None
    assert result.procedure.methods == with_code.procedure.methods
    # with no code anywhere, the procedure is identified by its portal id
    record.pop("raw_text")
    [result] = read_portal_records([record]).results
    assert result.procedure is not None
    assert result.procedure.code is None
    # (its formality_id is empty: the page URL identifies it)
    assert result.procedure.source_id == pages[0]["detail_url"]
    assert result.procedure.methods == with_code.procedure.methods
    assert "no-national-code" in [f.code for f in result.findings]
    # and with no id either, what was read is still there
    for key in ("formality_id", "detail_url"):
        record.pop(key)
    [result] = read_portal_records([record]).results
    assert result.procedure is None
    assert result.values["name"] == pages[0]["ten_thu_tuc"]
    assert result.values["methods"]
    assert "missing-code" in [f.code for f in result.findings]


@needs_pages
def test_acceptance_figures_on_the_corpus() -> None:
    from tthc.sources.coverage import measure

    report = measure(PAGES)
    assert report.records == report.procedures
    assert report.figure("methods").share >= 0.95
    assert report.figure("time_limits").share >= 0.90
    assert report.figure("dossier_counts").share >= 0.90
    assert report.figure("legal_numbers").share >= 0.90
    assert report.figure("no_type_tier_error").share == 1.0


@needs_pages
def test_a_record_whose_page_states_another_code_is_flagged(pages: list[dict[str, Any]]) -> None:
    # line 156 of the corpus: the scraper filed the page of 1.014023 under 1.014208
    [result] = read_portal_records([pages[155]]).results
    [finding] = [f for f in result.findings if f.code == "code-differs-from-page"]
    assert "1.014208" in finding.message
    assert "1.014023" in finding.message


@needs_pages
def test_records_are_not_changed(pages: list[dict[str, Any]]) -> None:
    sample = pages[:200]
    before = json.dumps(sample, ensure_ascii=False, sort_keys=True)
    read_portal_records(sample)
    assert json.dumps(sample, ensure_ascii=False, sort_keys=True) == before
