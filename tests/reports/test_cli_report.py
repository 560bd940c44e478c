"""``tthc report``: Markdown, HTML, Word; bad input exits 2, the message in the chosen language."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.reports.seeds import synthetic_catalogue, synthetic_log
from tthc.catalogue import Catalogue
from tthc.cli import main

pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report")
    log = synthetic_log(in_person=710, postal=35, online=140, resolved=830, late=3, year=2022)
    log["agency"] = ["Sở Tư pháp", "Sở Nội vụ"] * (len(log) // 2) + ["Sở Tư pháp"] * (len(log) % 2)
    log.to_csv(folder / "log.csv", index=False)
    log.to_parquet(folder / "log.parquet")
    procedures, integrated = synthetic_catalogue(8, 4, integrated_full=5, integrated_partial=1)
    (folder / "catalogue.json").write_text(Catalogue(procedures).to_json(), encoding="utf-8")
    (folder / "integrated.txt").write_text("\n".join(sorted(integrated)), encoding="utf-8")
    return {
        "csv": folder / "log.csv",
        "parquet": folder / "log.parquet",
        "catalogue": folder / "catalogue.json",
        "integrated": folder / "integrated.txt",
        "folder": folder,
    }


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_markdown_from_csv_and_parquet(files: dict[str, Path]) -> None:
    for log in (files["csv"], files["parquet"]):
        code, out, err = run(
            "report",
            str(log),
            "--catalogue",
            str(files["catalogue"]),
            "--integrated",
            str(files["integrated"]),
            "--period",
            "2022-01..2022-07",
        )
        assert (code, err) == (0, "")
        assert "tiếp nhận 885 hồ sơ" in out
        assert "trực tuyến 140 hồ sơ, chiếm 15,8% (hơn 15%)" in out
        assert "còn 3 hồ sơ trả quá hạn" in out
        assert "Đã tích hợp 6/12 thủ tục" in out


def test_english_html_by_agency_and_json(files: dict[str, Path]) -> None:
    code, out, _ = run(
        "report", str(files["csv"]), "--period", "2022", "--format", "html", "--lang", "en"
    )
    assert code == 0
    assert out.startswith('<div class="tthc-report">')
    assert "885 dossiers were received" in out
    code, out, _ = run("report", str(files["csv"]), "--by", "agency", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["command"] == "report"
    assert "| Sở Tư pháp |" in data["data"]["text"]
    report = data["data"]["report"]
    assert report["total"]["received"] == 885
    assert {u["key"][0] for u in report["units"]} == {"Sở Tư pháp", "Sở Nội vụ"}


def test_word_document(files: dict[str, Path]) -> None:
    docx = pytest.importorskip("docx")
    target = files["folder"] / "out.docx"
    code, out, _ = run("report", str(files["parquet"]), "--format", "docx", "-o", str(target))
    assert code == 0
    assert str(target) in out
    table = docx.Document(str(target)).tables[0]
    assert table.rows[1].cells[:2][0].text == "Hồ sơ tiếp nhận"
    assert table.rows[1].cells[1].text == "885"


@pytest.mark.parametrize(
    ("argv", "vi", "en"),
    [
        (["--period", "2022-13"], "kỳ báo cáo không hợp lệ", "invalid period"),
        (["--format", "docx"], "cần tệp đầu ra", "needs an output file"),
    ],
)
def test_bad_input_exits_2_in_the_chosen_language(
    files: dict[str, Path], argv: list[str], vi: str, en: str
) -> None:
    code, out, err = run("report", str(files["csv"]), *argv)
    assert (code, out) == (2, "")
    assert vi in err
    code, _, err = run("--lang", "en", "report", str(files["csv"]), *argv)
    assert code == 2
    assert en in err


def test_unreadable_files_exit_2(files: dict[str, Path], tmp_path: Path) -> None:
    code, _, err = run("report", str(tmp_path / "missing.csv"))
    assert code == 2
    assert "không đọc được" in err
    naive = tmp_path / "naive.csv"
    naive.write_text("received_at,limit\n2022-01-04 09:00,5\n", encoding="utf-8")
    code, _, err = run("--lang", "en", "report", str(naive))
    assert code == 2
    assert "offset" in err
    code, _, err = run("report", str(files["csv"]), "-o", str(tmp_path / "no" / "x.md"))
    assert code == 2
    assert "không có thư mục" in err
    before = files["csv"].read_bytes()
    code, _, err = run("report", str(files["csv"]), "-o", str(files["csv"]))
    assert code == 2
    assert "ghi đè" in err  # the output would overwrite the log: refused, the log untouched
    assert files["csv"].read_bytes() == before
    other = tmp_path / "log.txt"
    other.write_text("x", encoding="utf-8")
    assert run("report", str(other))[0] == 2


def test_no_english_in_vietnamese_and_back(files: dict[str, Path], tmp_path: Path) -> None:
    from tests.cli.helpers import english_words
    from tests.cli.test_languages import VIETNAMESE, _without_input

    log = str(files["csv"])
    cases = [
        ("report", log, "--period", "2022-01..2022-07", "--by", "agency"),
        ("report", log, "--period", "2022-13"),
        ("report", log, "--format", "docx"),
        ("report", str(tmp_path / "missing.csv")),
        ("report", "--help"),
    ]
    for argv in cases:
        code, out, err = run("--lang", "vi", *argv)
        assert code in (0, 2), (argv, err)
        assert english_words(_without_input(out + err, argv)) == [], (argv, out + err)
        code, out, err = run("--lang", "en", *argv)
        assert VIETNAMESE.findall(_without_input(out + err, argv)) == [], (argv, out + err)
