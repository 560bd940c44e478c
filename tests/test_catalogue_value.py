"""Catalogues users load: lookup, indexed search, filters, JSON, versions, the command line.

The portal records are the real published records of
``tests/sources/data/portal_records.json`` (each cites where it was crawled).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc import catalogue
from tthc._text import fold
from tthc.catalogue import Catalogue, diff
from tthc.cli import main
from tthc.errors import ParseError, UnknownCodeError, ValidationError
from tthc.model import AdministrativeTier, Channel, OnlineMode, TimeLimit
from tthc.sources import read_portal_records

ROOT = Path(__file__).resolve().parents[1]
RECORDS: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "sources" / "data" / "portal_records.json").read_text("utf-8")
)
PORTAL = Catalogue.from_portal(RECORDS)
SHIPPED = Catalogue.shipped()
CURATED = Catalogue(catalogue.procedures())
BOTH = [*CURATED, *(p for p in PORTAL if str(p.code) not in CURATED)]


def test_shipped_catalogue_is_the_module_set() -> None:
    assert set(catalogue.codes()) <= set(SHIPPED.codes())
    assert SHIPPED.get("1.004222") is catalogue.get("1.004222")  # decoded once
    assert catalogue.search("dang ky ket hon") == SHIPPED.search("dang ky ket hon")
    assert Catalogue.shipped() is SHIPPED  # opened once


def test_get_by_code_and_unknown_codes() -> None:
    assert PORTAL.get("1.003197").name == "Xóa đăng ký thường trú"
    assert "1.003197" in PORTAL
    assert "9.999999" not in PORTAL
    assert "not a code" not in PORTAL
    with pytest.raises(UnknownCodeError):
        PORTAL.get("9.999999")
    with pytest.raises(ValidationError):
        PORTAL.get("not a code")


def test_search_ignores_case_and_diacritics() -> None:
    assert [p.name for p in PORTAL.search("XOA DANG KY")] == ["Xóa đăng ký thường trú"]
    assert [p.name for p in PORTAL.search("xóa đăng")] == ["Xóa đăng ký thường trú"]
    assert PORTAL.search("") == PORTAL.procedures
    assert PORTAL.search("no such procedure") == ()


def test_filters() -> None:
    everyone = Catalogue(BOTH)
    communes = everyone.search(tier="commune")
    assert communes == everyone.search(tier=AdministrativeTier.COMMUNE)
    assert all(AdministrativeTier.COMMUNE in p.tiers for p in communes)
    assert {p.sector for p in everyone.search(sector="ho tich")} == {"Hộ tịch"}
    agency = everyone.procedures[0].implementing_agencies[0].name
    assert everyone.procedures[0] in everyone.search(agency=fold(agency).upper())
    with_mode = [p for p in everyone if p.online_service and p.online_service.mode]
    for p in with_mode:
        assert p in everyone.search(mode=p.online_service.mode.value)  # type: ignore[union-attr]
    assert all(
        p.online_service is not None and p.online_service.mode is OnlineMode.FULL
        for p in everyone.search(mode="full")
    )
    with pytest.raises(ValidationError):
        everyone.search(tier="county")
    with pytest.raises(ValidationError):
        everyone.search(mode="half")
    with pytest.raises(ValidationError):
        everyone.search(42)  # type: ignore[arg-type]


@given(st.data())
def test_index_agrees_with_a_full_scan(data: st.DataObject) -> None:
    everyone = Catalogue(BOTH)
    name = data.draw(st.sampled_from([p.name for p in everyone]))
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    text = name[start:end]
    text = data.draw(st.sampled_from([text, text.upper(), fold(text)]))
    expected = tuple(p for p in everyone if fold(text) in fold(p.name))
    assert everyone.search(text) == expected


def test_duplicate_codes_are_refused() -> None:
    p = CURATED.procedures[0]
    with pytest.raises(ValidationError, match="already in the catalogue"):
        Catalogue([p, p])
    with pytest.raises(ValidationError):
        Catalogue(["1.004222"])  # type: ignore[list-item]


def test_json_round_trip_and_files(tmp_path: Path) -> None:
    assert Catalogue.from_json(PORTAL.to_json()) == PORTAL
    saved = tmp_path / "catalogue.json"
    saved.write_text(PORTAL.to_json(indent=2), "utf-8")
    assert Catalogue.load(saved) == PORTAL
    portal_file = tmp_path / "records.json"
    portal_file.write_text(json.dumps(RECORDS, ensure_ascii=False), "utf-8")
    assert Catalogue.load(portal_file) == PORTAL
    assert Catalogue.from_portal(portal_file) == PORTAL
    assert Catalogue.from_portal(read_portal_records(RECORDS)) == PORTAL
    with pytest.raises(ParseError):
        Catalogue.from_json("[")
    with pytest.raises(ValidationError, match=r"\$\[0\]"):
        Catalogue.from_json('[{"code": "1.004222"}]')


def test_diff_of_two_loads() -> None:
    old = PORTAL
    republished = old.get("1.003197")
    online = republished.method(Channel.ONLINE)
    longer = attrs.evolve(online, time_limits=[TimeLimit.working_days(7)])
    amended = attrs.evolve(
        republished,
        methods=[longer if m is online else m for m in republished.methods],
    )
    new = Catalogue(
        [amended if p is republished else p for p in old if str(p.code) != "1.000894"]
        + [SHIPPED.get("1.004222")]
    )
    d = diff(old, new)
    assert [str(p.code) for p in d.added] == ["1.004222"]
    assert [str(p.code) for p in d.removed] == ["1.000894"]
    [change] = d.changed
    assert change.code == "1.003197"
    assert change.changes == ("time_limits",)
    assert change.time_limits == (Channel.ONLINE,)
    assert d.changed_time_limits == (change,)
    assert d.changed_fees == ()
    assert not diff(old, old)


# -- the command line ----------------------------------------------------------


def test_cli_search_and_catalogue_option(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["search", "dang ky ket hon"], out=out) == 0
    assert "  1.000894  Đăng ký kết hôn" in out.getvalue().splitlines()[1:]
    saved = tmp_path / "records.json"
    saved.write_text(json.dumps(RECORDS, ensure_ascii=False), "utf-8")
    out = io.StringIO()
    assert main(["search", "thuong tru", "--catalogue", str(saved), "--json"], out=out) == 0
    assert [r["code"] for r in json.loads(out.getvalue())["data"]] == ["1.003197"]
    out = io.StringIO()
    assert main(["search", "zzz", "--lang", "en"], out=out) == 1  # found nothing
    assert out.getvalue() == "No procedure matches 'zzz'\n"
    out = io.StringIO()
    assert main(["show", "1.003197", "--catalogue", str(saved)], out=out) == 0
    assert out.getvalue().startswith("Xóa đăng ký thường trú")
    out = io.StringIO()
    assert (
        main(["level", "1.003197", "--on", "2026-11-01", "--catalogue", str(saved)], out=out) == 0
    )
    assert "1.003197" in out.getvalue()
    quiet = io.StringIO()
    assert main(["show", "1.004222", "--catalogue", str(saved)], err=quiet) == 1
    assert main(["show", "1.004222", "--catalogue", str(tmp_path / "missing.json")], err=quiet) == 2


def test_benchmark_smoke_run() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_catalogue.py"), "300", "30"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "ms per query" in done.stdout


def test_a_catalogue_pickles_as_its_procedures() -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(PORTAL))
    assert copy == PORTAL
    assert copy.search("xoa dang ky") == PORTAL.search("xoa dang ky")
    assert repr(PORTAL).startswith("Catalogue(5 procedures: ")
