"""Coverage measurement on real records: JSON, JSON Lines, gzipped, xlsx; the command line."""

from __future__ import annotations

import gzip
import importlib
import io
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tthc.cli import main as tthc_main
from tthc.errors import ParseError
from tthc.sources import read_portal_records
from tthc.sources.coverage import load_records, main, measure

FIXTURE = Path(__file__).parent / "data" / "portal_records.json"
RECORDS: list[dict[str, Any]] = json.loads(FIXTURE.read_text("utf-8"))


def test_report_on_real_records() -> None:
    report = measure(RECORDS)
    assert (report.records, report.procedures) == (5, 5)
    fields = {f.field: f for f in report.fields}
    assert fields["code"].present == fields["code"].fully == 5
    # 'QĐ/0001-BCA' (record 1.000894) is not a document number: not read at all, kept raw
    assert fields["decision"].not_at_all == 1
    assert dict(fields["decision"].reasons) == {"unreadable-decision": 1}
    for f in report.fields:
        assert f.fully + f.partly + f.not_at_all == f.present
        assert 0.0 <= f.share("fully") <= 1.0
    assert report.figure("methods").of == 5
    data = report.to_dict()
    assert data["records"] == 5
    assert data["fields"][0]["heading"] == "Mã thủ tục"
    assert json.loads(json.dumps(data)) == data


def test_renders_in_both_languages() -> None:
    report = measure(RECORDS)
    assert "bản ghi: 5" in report.render("vi")
    assert "records: 5" in report.render("en")
    assert str(report) == report.render("en")


def test_a_batch_already_read_gives_the_same_report() -> None:
    assert measure(read_portal_records(RECORDS)) == measure(RECORDS)


def test_json_jsonl_and_gzip_files_give_the_same_report(tmp_path: Path) -> None:
    as_list = tmp_path / "records.json"
    as_list.write_text(json.dumps(RECORDS, ensure_ascii=False), "utf-8")
    as_lines = tmp_path / "records.jsonl"
    as_lines.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), "utf-8")
    zipped = tmp_path / "records.jsonl.gz"
    zipped.write_bytes(gzip.compress(as_lines.read_bytes()))
    expected = measure(RECORDS).fields
    for path in (as_list, as_lines, zipped):
        assert load_records(path) == RECORDS
        assert measure(path).fields == expected
        assert measure(str(path)).source == str(path)


def test_unreadable_files_are_parse_errors_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"Mã thủ tục": "1.000894"}\n{not json', "utf-8")
    with pytest.raises(ParseError, match="line 2"):
        load_records(bad)
    obj = tmp_path / "obj.json"
    obj.write_text("[1,", "utf-8")
    with pytest.raises(ParseError, match=r"obj\.json"):
        load_records(obj)
    with pytest.raises(ParseError, match=r"missing\.json"):
        load_records(tmp_path / "missing.json")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, "utf-8")
    with pytest.raises(ParseError):
        load_records(deep)


def _xlsx(path: Path, rows: Sequence[tuple[str, ...]]) -> None:
    openpyxl: Any = importlib.import_module("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách TTHC"
    sheet.append(("DANH SÁCH THỦ TỤC HÀNH CHÍNH", None, None, None, None))
    sheet.append(("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"))
    for row in rows:
        sheet.append(row)
    workbook.save(path)


# Two rows of the portal's list export (danh-sach-tthc-BoTuPhap.xlsx row 3 and
# danh-sach-tthc-toa-an-nhan-dan.xlsx row 3, chatbot-tthc/chatbot_tthc scripts/crawler/).
XLSX_ROWS = [
    (
        "1.014966",
        "Cấp lại chứng chỉ hành nghề Quản tài viên trong trường hợp bị thu hồi chứng chỉ hành "
        "nghề ",
        "Bộ Tư pháp",
        "Chủ tịch ủy ban nhân dân cấp tỉnh\nSở Tư Pháp",
        "Quản tài viên",
    ),
    (
        "3.000164",
        "Đăng ký nhận các thông báo, văn bản tố tụng bằng phương tiện điện tử",
        "Tòa án nhân dân",
        "Tòa án nhân dân cấp cao\nTòa án nhân dân tỉnh, thành phố trực thuộc trung ương\n"
        "Tòa án nhân dân cấp huyện, quận, thị xã, thành phố thuộc tỉnh và tương đương\n",
        "Tòa án",
    ),
]


def test_xlsx_export(tmp_path: Path) -> None:
    from tthc.sources import read_portal_xlsx

    path = tmp_path / "danh-sach.xlsx"
    _xlsx(path, XLSX_ROWS)
    batch = read_portal_xlsx(path)
    first, second = (r.procedure for r in batch.results)
    assert first is not None
    assert second is not None
    assert [a.name for a in first.implementing_agencies] == [
        "Chủ tịch ủy ban nhân dân cấp tỉnh",
        "Sở Tư Pháp",
    ]
    assert batch.results[0].values["issuing_agency"].name == "Bộ Tư pháp"
    assert len(second.implementing_agencies) == 3
    assert batch.results[1].path == "$['Danh sách TTHC'][4]"
    report = measure(path)
    assert report.records == 2
    assert {f.field: f.fully for f in report.fields}["implementing_agencies"] == 2


def test_xlsx_without_header_is_refused(tmp_path: Path) -> None:
    from tthc.sources import read_portal_xlsx

    path = tmp_path / "other.xlsx"
    openpyxl: Any = importlib.import_module("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.append(("a", "b"))
    workbook.save(path)
    with pytest.raises(ParseError, match="header row"):
        read_portal_xlsx(path)
    not_a_workbook = tmp_path / "x.xlsx"
    not_a_workbook.write_text("plain text", "utf-8")
    with pytest.raises(ParseError, match="could not be opened"):
        read_portal_xlsx(not_a_workbook)


def test_cli_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert tthc_main(["coverage", str(FIXTURE), "--lang", "en"], out=out) == 0
    assert "Cách thức thực hiện" in out.getvalue()
    assert "records: 5" in out.getvalue()
    out = io.StringIO()
    assert tthc_main(["coverage", str(FIXTURE), "--json"], out=out) == 0
    assert json.loads(out.getvalue())["data"]["records"] == 5
    assert tthc_main(["coverage", str(tmp_path / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err


def test_module_alias_runs_the_same_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(FIXTURE), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("records: 5")
    done = subprocess.run(
        [sys.executable, "-m", "tthc.sources.coverage", str(FIXTURE), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["data"]["records"] == 5


def test_openpyxl_is_imported_only_when_an_xlsx_is_read() -> None:
    code = (
        "import sys, tthc, tthc.sources, tthc.sources.coverage, tthc.catalogue; "
        "print('openpyxl' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_cli_says_when_the_xlsx_extra_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "danh-sach.xlsx"
    _xlsx(path, XLSX_ROWS)
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    assert tthc_main(["coverage", str(path)]) == 2
    assert "pip install 'tthc[xlsx]'" in capsys.readouterr().err
    assert tthc_main(["search", "x", "--catalogue", str(path)]) == 2


def test_figures_per_shape() -> None:
    records: list[dict[str, Any]] = [
        {"ma_thu_tuc": "1.003197", "ten_thu_tuc": "Xóa đăng ký thường trú"},
        {
            "code": "OK",
            "message": "OK",
            "data": {
                "code": "1.000080",
                "name": "Đăng ký nhận cha, mẹ, con",
                "executionMethods": [
                    {
                        "submissionMethod": "ONLINE",
                        "processingTime": 7,
                        "processingTimeUnit": "OTHER",
                    }
                ],
            },
        },
        {"metadata": {"code": "1.000894", "title": "Đăng ký kết hôn"}},
    ]
    report = measure(records)
    shapes = {s.shape: s for s in report.shapes}
    assert set(shapes) == {"snake_case", "api", "nested"}
    assert all(s.records == s.procedures == 1 for s in shapes.values())
    methods = {f.field: f for f in shapes["api"].fields}["methods"]
    # OTHER is "not stated": the method is read, its time limit not
    assert (methods.present, methods.partly) == (1, 1)
    assert [s["shape"] for s in report.to_dict()["shapes"]] == sorted(shapes)
    assert "api" in report.render("en")
