"""``tthc scorecard``: periods, units, formats, widths, and exit 2 for every bad file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .helpers import english_words, run

pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

DATA = Path(__file__).parent / "data"
LOG = str(DATA / "log.csv")
PROCEDURES = str(DATA / "procedures.json")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_fits_100_columns(lang: str) -> None:
    code, out, err = run("--lang", lang, "scorecard", LOG, "--catalogue", PROCEDURES)
    assert code == 0, err
    assert max(len(line) for line in out.splitlines()) <= 100
    title = out.splitlines()[0]
    assert ("Bộ chỉ số" in title) is (lang == "vi")
    assert ("scorecard" in title) is (lang == "en")


def test_period_and_by() -> None:
    code, out, err = run(
        "scorecard", LOG, "--catalogue", PROCEDURES, "--period", "09/2026", "--by", "agency"
    )
    assert code == 0, err
    assert "Kỳ báo cáo: 01/09/2026 – 30/09/2026" in out
    assert "UBND xã An Phú: tổng" in out
    assert "UBND xã Bình Minh: tổng" in out
    # 4 dossiers received in September; the one returned 30/10 is late, the open one is not due
    assert "  2.1 " in out
    whole_year = run("scorecard", LOG, "--catalogue", PROCEDURES, "--period", "2026")[1]
    assert "Kỳ báo cáo: 01/01/2026 – 31/12/2026" in whole_year
    quarter = run("scorecard", LOG, "--catalogue", PROCEDURES, "--period", "Q3/2026")[1]
    assert "01/07/2026 – 30/09/2026" in quarter


def test_offsetless_moments_are_vietnam_time_as_in_due() -> None:
    # row 1 has "2026-09-10 09:00": read as Vietnam time, not refused
    code, out, _ = run("scorecard", LOG, "--format", "json", "--period", "09/2026")
    assert code == 0
    rows = json.loads(out)["rows"]
    synced = next(r for r in rows if r["indicator"] == "1.4" and r["unit"] == "*")
    assert (synced["numerator"], synced["denominator"]) == (4, 4)


def test_csv_and_json_formats() -> None:
    code, out, _ = run("--lang", "en", "scorecard", LOG, "--format", "csv")
    assert code == 0
    header = out.splitlines()[0]
    assert header == (
        "unit,group,indicator,name,numerator,denominator,share_percent,points,maximum,status,reason"
    )
    code, out, _ = run("scorecard", LOG, "--format", "json", "--period", "09/2026")
    assert json.loads(out)["period"] == "2026-09-01..2026-09-30"


def test_help_lists_the_columns() -> None:
    for lang, word in (("vi", "bắt buộc"), ("en", "required")):
        code, out, _ = run("--lang", lang, "scorecard", "--help")
        assert code == 0
        assert f"{word}: received_at, procedure" in out
        assert "returned_at" in out
        assert "--period" in out


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "no_received_at.csv": b"procedure,channel\n1.004222,online\n",
        "empty.csv": b"",
        "header_only.csv": b"received_at,procedure\n",
        "latin1.csv": b"received_at,procedure\n2026-09-03 09:00,H\xf4 s\xf4\n",
        "bad_moment.csv": "received_at,procedure\nhôm qua,1.004222\n".encode(),
        "truncated.parquet": b"PAR1\x15\x04\x15",
        "log.xlsx": b"PK\x03\x04",
    }
    paths = {}
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        paths[name] = path
    return paths


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_bad_file_is_exit_2_with_a_message(tmp_path: Path, lang: str) -> None:
    for name, path in _bad_files(tmp_path).items():
        code, _, err = run("--lang", lang, "scorecard", str(path))
        assert code == 2, (name, err)
        assert err.startswith("tthc: "), name
        assert "Traceback" not in err
        if lang == "vi":
            assert english_words(err.replace(str(path), "")) == [], (name, err)
    code, _, err = run("--lang", lang, "scorecard", str(tmp_path / "missing.csv"))
    assert code == 2
    assert ("không có tệp" in err) is (lang == "vi")
    code, _, err = run("--lang", lang, "scorecard", LOG, "--by", "nope")
    assert code == 2
    assert "agency" in err  # the columns it could have been
    code, _, err = run("--lang", lang, "scorecard", LOG, "--period", "13/2026")
    assert code == 2
    code, _, err = run("--lang", lang, "scorecard", LOG, "--catalogue", LOG)
    assert code == 2, err


def test_a_log_in_a_directory_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "báo cáo tháng 9"
    folder.mkdir()
    shutil.copy(LOG, folder / "log.csv")
    assert run("scorecard", str(folder / "log.csv"))[0] == 0


def test_check_looks_the_procedure_code_up_in_the_given_catalogue(tmp_path: Path) -> None:
    dossier = str(DATA / "dossier.json")
    code, out, err = run("check", dossier, "--as-of", "20/11/2026 10:00", "--catalogue", PROCEDURES)
    assert code == 3, err
    assert out.startswith("Đăng ký thường trú (1.004222)")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    code, _, err = run("check", dossier, "--catalogue", str(empty))
    assert code == 2
    assert "$.procedure" in err


def test_json_envelope_holds_the_rows() -> None:
    code, out, _ = run("scorecard", LOG, "--json", "--period", "09/2026")
    assert code == 0
    envelope = json.loads(out)
    assert envelope["ok"] is True
    assert envelope["data"]["period"] == "2026-09-01..2026-09-30"
    assert {row["indicator"] for row in envelope["data"]["rows"]} >= {"1.1", "2.1", "6.3"}
