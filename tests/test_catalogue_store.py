"""The national catalogue and catalogue files: build, merge, provenance, search, limits, stats.

Real data: ``../shared/realdata`` (see its README); the tests that read it skip
when it is absent (a user's clone has none).
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import io
import json
import os
import pickle
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import catalogue, strategies
from tthc._text import fold
from tthc.catalogue import (
    MAX_QUERY_LENGTH,
    BuildInput,
    Catalogue,
    CatalogueEntry,
    FieldSource,
    build_catalogue,
    diff,
    open_catalogue,
)
from tthc.catalogue._store import decode_entry, decode_procedure, encode_entry
from tthc.cli import main
from tthc.errors import ParseError, UnknownCodeError, ValidationError
from tthc.model import Channel, Method, Procedure, TimeLimit

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT / ".." / "shared" / "realdata"
LIST = REALDATA / "portal-api-2026" / "opengov-catalog-2026-07.jsonl.gz"
needs_realdata = pytest.mark.skipif(not LIST.exists(), reason="../shared/realdata is absent")
NATIONAL = open_catalogue(None) if "TTHC_CATALOGUE" not in os.environ else Catalogue.shipped()


def _list_rows() -> list[dict[str, Any]]:
    with gzip.open(LIST, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


# -- the shipped national catalogue ---------------------------------------------------------


@needs_realdata
def test_every_published_code_answers() -> None:
    # the portal's whole public list (5,670 rows, July 2026): each well-formed code answers
    shaped = re.compile(r"[0-9]\.[0-9]{6}")
    rows = _list_rows()
    for row in rows:
        code = row["code"]
        if not shaped.fullmatch(code.strip()):
            continue  # '1.0133611', '2.009182739', '1.014955-Xoa': not codes, see skipped
        p = catalogue.get(code)  # the one code with a leading space (" 1.014325") too
        assert str(p.code) == code.strip()
    malformed = {r["code"] for r in rows if not shaped.fullmatch(r["code"].strip())}
    skipped = {s["path"] for s in NATIONAL.skipped if s["source"] == "portal-api-list-2026-07"}
    assert len(skipped) == len(malformed) == 3


@needs_realdata
def test_every_page_code_answers() -> None:
    with gzip.open(REALDATA / "portal-pages-2026.jsonl.gz", "rt", encoding="utf-8") as f:
        codes = [json.loads(line)["ma_thu_tuc"] for line in f]
    assert len(codes) == 2642
    assert all(code.strip() in NATIONAL for code in codes)


def test_a_list_only_record_states_nothing_it_was_not_told() -> None:
    # 3.000616 is only in the portal's list (a provincial procedure of Huế)
    entry = catalogue.entry("3.000616")
    p = entry.procedure
    assert p.name == "Thủ tục Hỗ trợ doanh nghiệp tham gia chuỗi cung ứng bán dẫn"
    assert p.sector == "Công nghiệp công nghệ số, công nghệ thông tin, điện tử"
    assert [a.name for a in p.implementing_agencies] == ["Sở Khoa học và Công nghệ"]
    assert entry.issuing_agency == "UBND Thành phố Huế"
    # nothing else is stated, so nothing else is filled in
    assert p.methods == ()
    assert p.dossier_cases == ()
    assert p.steps == ()
    assert p.tiers == ()
    assert p.online_service is None
    assert p.fee_bearing is None
    assert p.decision is None
    with pytest.raises(UnknownCodeError):
        p.time_limit()
    assert any("not stated" in note for note in entry.notes)
    source = entry.source_of("name")
    assert source is not None
    assert source == FieldSource(
        "name", "portal-api-list-2026-07", crawled=dt.date(2026, 7, 18), path=source.path
    )
    assert not entry.curated


def test_the_most_detailed_source_wins_each_field() -> None:
    # 1.000178: an API detail record, a procedure page, the portal's list row and the Ministry of
    # Public Security's xlsx: the API's structured record is the most detailed and wins
    entry = catalogue.entry("1.000178")
    assert entry.source_of("methods").source.startswith("portal-api-detail")  # type: ignore[union-attr]
    assert entry.source_of("steps").source.startswith("portal-api-detail")  # type: ignore[union-attr]
    assert entry.procedure.methods
    # 1.000005: a page, a list row and an xlsx row, no API detail record: the page wins
    page = catalogue.entry("1.000005")
    assert page.source_of("methods").source == "portal-pages-2026"  # type: ignore[union-attr]
    assert page.source_of("steps").source == "portal-pages-2026"  # type: ignore[union-attr]
    assert page.procedure.methods
    for disagreement in entry.disagreements:
        assert disagreement.value is not None
        assert len(disagreement.value) <= 200


def test_snapshot_and_sources() -> None:
    assert catalogue.snapshot() == NATIONAL.snapshot
    assert NATIONAL.snapshot is not None
    labels = [s["label"] for s in NATIONAL.sources]
    assert "portal-pages-2026" in labels
    assert "portal-api-list-2026-07" in labels
    assert all(
        s["crawled"] is None or dt.date.fromisoformat(s["crawled"]) <= NATIONAL.snapshot
        for s in NATIONAL.sources
    )
    assert len(NATIONAL) > 5000


def test_search_answers_from_the_index_without_decoding() -> None:
    hits = catalogue.search("ĐĂNG KÝ kết hôn")
    assert "1.000894" in hits.codes
    assert all("dang ky ket hon" in fold(name) for name in hits.names)
    assert hits[:2].codes == hits.codes[:2]
    assert next(iter(hits)) == hits[0]
    assert hits == tuple(hits)
    assert repr(hits).startswith(f"SearchHits({len(hits)} procedures: ")
    assert catalogue.search("dang ky", limit=3).codes == catalogue.search("dang ky").codes[:3]
    short = catalogue.search("ho")  # under three characters: a scan, same answers
    assert all("ho" in fold(n) for n in short.names)


@given(st.data())
@settings(max_examples=30, deadline=None)
def test_national_search_agrees_with_a_scan(data: st.DataObject) -> None:
    everything = NATIONAL.search("")
    names = everything.names
    name = data.draw(st.sampled_from(names))
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, min(len(name), start + 25)))
    text = data.draw(st.sampled_from([name[start:end], name[start:end].upper()]))
    wanted = fold(text)
    expected = tuple(c for c, n in zip(everything.codes, names, strict=True) if wanted in fold(n))
    assert NATIONAL.search(text).codes == expected


def test_query_length_is_capped() -> None:
    assert catalogue.search("a" * MAX_QUERY_LENGTH) == ()
    with pytest.raises(ValidationError, match="MAX_QUERY_LENGTH"):
        catalogue.search("a" * (MAX_QUERY_LENGTH + 1))
    with pytest.raises(ValidationError, match="MAX_QUERY_LENGTH"):
        catalogue.search(sector="x" * (MAX_QUERY_LENGTH + 1))
    with pytest.raises(ValidationError):
        catalogue.search("x", limit="3")  # type: ignore[arg-type]


def test_concurrent_reads_of_one_file() -> None:
    codes = NATIONAL.codes()[:400]
    fresh = Catalogue.load(NATIONAL.path)  # type: ignore[arg-type]
    errors: list[BaseException] = []

    def read(part: tuple[str, ...]) -> None:
        try:
            for code in part:
                assert fresh.get(code) == NATIONAL.get(code)
                fresh.search(fresh.get(code).name[:12])
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=read, args=(codes[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_a_catalogue_file_pickles_as_its_path() -> None:
    copy = pickle.loads(pickle.dumps(NATIONAL))
    assert copy.path == NATIONAL.path
    assert copy.get("1.004222") == NATIONAL.get("1.004222")


# -- records, encoded ------------------------------------------------------------------------


@given(strategies.procedures())
@settings(max_examples=60, deadline=None)
def test_an_encoded_record_decodes_equal(procedure: Procedure) -> None:
    entry = CatalogueEntry(
        procedure,
        sources=["a source"],
        fields=[FieldSource("name", "list", crawled=dt.date(2026, 7, 18), path="$[3]")],
        disagreements=[FieldSource("sector", "xlsx", value='"Hộ tịch"')],
        issuing_agency="Bộ Tư pháp",
    )
    for dictionary in (b"", '{"code":"1.000001","name":"Hộ tịch"}'.encode()):
        blob, about = encode_entry(entry, dictionary)
        assert decode_procedure(blob, dictionary=dictionary) == procedure
        assert decode_entry(procedure, about, dictionary=dictionary) == entry


def test_a_damaged_record_is_a_typed_error() -> None:
    with pytest.raises(ParseError):
        decode_procedure(b"not zlib")


# -- building ---------------------------------------------------------------------------------


def _records(tmp_path: Path, name: str, records: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


PAGE: dict[str, Any] = {
    "Mã thủ tục": "1.000001",
    "Tên thủ tục": "Cấp giấy phép thử nghiệm",
    "Lĩnh vực": "Thử nghiệm",
    "Trình tự thực hiện": "Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.",
    "Đối tượng thực hiện": "Công dân Việt Nam",
    "Kết quả thực hiện": "Giấy phép thử nghiệm",
    "Yêu cầu, điều kiện thực hiện": "Có chứng chỉ thử nghiệm",
    "Cách thức thực hiện": [
        {"Hình thức nộp": "Trực tiếp", "Thời hạn giải quyết": "05 ngày làm việc", "Phí, lệ phí": ""}
    ],
}
ROW: dict[str, Any] = {
    "id": "x",
    "code": "1.000001",
    "name": "Cấp giấy phép thử nghiệm (tên trong danh sách)",
    "categories": ["Thử nghiệm"],
    "departments": ["Sở Thử nghiệm"],
    "departmentPromulgate": "UBND tỉnh Thử",
}


def test_build_merges_by_code_with_provenance(tmp_path: Path) -> None:
    pages = _records(tmp_path, "pages.jsonl", [PAGE])
    rows = _records(tmp_path, "list.jsonl", [ROW, {**ROW, "code": " 1.000002", "name": "Khác"}])
    built = build_catalogue(
        [BuildInput(rows, crawled=dt.date(2026, 7, 18)), BuildInput(pages, label="pages")],
        tmp_path / "c.sqlite",
        curated=(),
    )
    assert built.codes() == ("1.000001", "1.000002")  # the leading space is not part of the code
    entry = built.entry("1.000001")
    assert entry.procedure.name == "Cấp giấy phép thử nghiệm"  # the page states more: it wins
    assert entry.source_of("name") == FieldSource("name", "pages", path="$[0]")
    assert entry.source_of("implementing_agencies").source == "list.jsonl"  # type: ignore[union-attr]
    assert entry.issuing_agency == "UBND tỉnh Thử"
    [other] = [d for d in entry.disagreements if d.field == "name"]
    assert other.source == "list.jsonl"
    assert other.crawled == dt.date(2026, 7, 18)
    assert json.loads(other.value or "") == ROW["name"]
    assert built.snapshot == dt.date(2026, 7, 18)


def test_an_inputs_priority_ranks_before_the_fields_it_states(tmp_path: Path) -> None:
    pages = _records(tmp_path, "pages.jsonl", [PAGE])
    rows = _records(tmp_path, "list.jsonl", [ROW])
    built = build_catalogue(
        [BuildInput(pages, priority=1), BuildInput(rows, priority=0)],
        tmp_path / "c.sqlite",
        curated=(),
    )
    entry = built.entry("1.000001")
    assert entry.procedure.name == ROW["name"]  # the list row ranks first, though it states less
    assert entry.procedure.steps  # what it does not state still comes from the page
    origin = entry.source_of("steps")
    assert origin is not None
    assert origin.source == "pages.jsonl"


def test_build_is_deterministic(tmp_path: Path) -> None:
    pages = _records(tmp_path, "pages.jsonl", [PAGE])
    rows = _records(tmp_path, "list.jsonl", [ROW])
    build_catalogue([rows, pages], tmp_path / "a.sqlite")
    build_catalogue([rows, pages], tmp_path / "b.sqlite")
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()


def test_curated_records_win_outright(tmp_path: Path) -> None:
    page = {**PAGE, "Mã thủ tục": "1.004222", "Tên thủ tục": "Đăng ký thường trú (trang)"}
    built = build_catalogue([_records(tmp_path, "p.jsonl", [page])], tmp_path / "c.sqlite")
    entry = built.entry("1.004222")
    assert entry.curated
    assert entry.procedure == catalogue.procedures()[catalogue.codes().index("1.004222")]
    assert any(d.field == "name" and d.source == "p.jsonl" for d in entry.disagreements)


def test_diff_between_two_snapshots(tmp_path: Path) -> None:
    old_file = _records(tmp_path, "old.jsonl", [PAGE, {**ROW, "code": "1.000002"}])
    longer = {**PAGE, "Cách thức thực hiện": [{**PAGE["Cách thức thực hiện"][0]}]}
    longer["Cách thức thực hiện"][0]["Thời hạn giải quyết"] = "10 ngày làm việc"
    new_file = _records(tmp_path, "new.jsonl", [longer, {**ROW, "code": "1.000003"}])
    old = build_catalogue([old_file], tmp_path / "old.sqlite", curated=())
    new = build_catalogue([new_file], tmp_path / "new.sqlite", curated=())
    d = diff(old, new)
    assert [str(p.code) for p in d.added] == ["1.000003"]
    assert [str(p.code) for p in d.removed] == ["1.000002"]
    assert [c.code for c in d.changed_time_limits] == ["1.000001"]
    assert not diff(new, Catalogue.load(tmp_path / "new.sqlite"))
    out = io.StringIO()
    assert main(["catalogue", "diff", str(old.path), str(new.path), "--lang", "en"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "Added 1, removed 1, changed 1 (time limits: 1, fees: 0)"
    assert "~ 1.000001  Cấp giấy phép thử nghiệm: time_limits" in lines


@needs_realdata
def test_the_shipped_file_is_what_the_build_script_writes(tmp_path: Path) -> None:
    # scripts/build_catalogue.py on ../shared/realdata, compared logically with the shipped file
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts" / "build_catalogue.py")
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    built = build_catalogue(script.inputs(REALDATA), tmp_path / "national.sqlite")
    shipped = Catalogue.shipped()
    assert built.codes() == shipped.codes()
    assert built.snapshot == shipped.snapshot
    assert built.sources == shipped.sources
    assert built.skipped == shipped.skipped
    stale = [c for c in built.codes() if built.fingerprint(c) != shipped.fingerprint(c)]
    assert [(c, built.entry(c)) for c in stale] == [(c, shipped.entry(c)) for c in stale], (
        "the shipped catalogue is stale: run python scripts/build_catalogue.py"
    )


# -- loading files ------------------------------------------------------------------------------


def test_a_list_mixing_shapes_drops_nothing(tmp_path: Path) -> None:
    from tthc.serialization import to_dict

    p = Procedure(code="1.000009", name="Thủ tục của tthc")
    entry = CatalogueEntry(Procedure(code="1.000010", name="Bản ghi của tthc"), sources=["x"])
    mixed = [PAGE, to_dict(p), to_dict(entry), {**PAGE, "Mã thủ tục": "1.000011"}]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(mixed, ensure_ascii=False), "utf-8")
    loaded = Catalogue.load(path)
    assert loaded.codes() == ("1.000001", "1.000009", "1.000010", "1.000011")
    assert loaded.entry("1.000010").sources == ("x",)
    assert loaded.entry("1.000009").sources == (str(path),)
    first_tthc = tmp_path / "first.json"
    first_tthc.write_text(json.dumps([to_dict(p), PAGE], ensure_ascii=False), "utf-8")
    assert Catalogue.load(first_tthc).codes() == ("1.000009", "1.000001")


def test_gzip_inputs_are_capped_on_their_decompressed_size(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.json.gz"
    bomb.write_bytes(gzip.compress(b"[" + b" " * 5_000_000 + b"]"))
    assert bomb.stat().st_size < 10_000
    with pytest.raises(ParseError, match="decompressed"):
        Catalogue.load(bomb, max_bytes=1_000_000)
    with pytest.raises(ParseError, match="decompressed"):
        build_catalogue([bomb], tmp_path / "x.sqlite", max_bytes=1_000_000)
    assert len(Catalogue.load(bomb)) == 0


def test_files_that_are_not_catalogues(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(ParseError, match="catalogue file"):
        Catalogue.load(other)
    with pytest.raises(ParseError):
        Catalogue.load(tmp_path / "missing.sqlite")


def test_open_catalogue_takes_a_path_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.sqlite"
    build_catalogue([_records(tmp_path, "p.jsonl", [PAGE])], path, curated=())
    assert open_catalogue(path).codes() == ("1.000001",)
    monkeypatch.setenv("TTHC_CATALOGUE", str(path))
    assert open_catalogue().codes() == ("1.000001",)
    monkeypatch.delenv("TTHC_CATALOGUE")
    assert open_catalogue() is Catalogue.shipped()


# -- stats ---------------------------------------------------------------------------------------


def test_stats_in_the_callers_kind() -> None:
    rows = NATIONAL.stats(by="ministry", kind="rows")
    assert sum(r["procedures"] for r in rows) == len(NATIONAL)
    for r in rows:
        buckets = [v for k, v in r.items() if k.startswith("days_")]
        assert sum(buckets) + r["other_unit"] + r["time_limit_not_stated"] == r["procedures"]
        online = r["full_online"] + r["partial_online"] + r["online_not_stated"]
        assert online <= r["procedures"]
    tiers = NATIONAL.stats(by="tier", kind="rows")
    assert sum(r["procedures"] for r in tiers) >= len(NATIONAL)
    frame = NATIONAL.stats(by="sector")
    assert list(frame.columns)[:2] == ["sector", "procedures"]
    assert int(frame["procedures"].sum()) == len(NATIONAL)
    polars = pytest.importorskip("polars")
    assert isinstance(NATIONAL.stats(by="tier", kind="polars"), polars.DataFrame)
    arrow = NATIONAL.stats(by="tier", kind="arrow")
    assert arrow.column("procedures").to_pylist() == [r["procedures"] for r in tiers]
    with pytest.raises(ValidationError):
        NATIONAL.stats(by="province")  # type: ignore[arg-type]


def test_stats_of_a_catalogue_in_memory() -> None:
    p = Procedure(
        code="1.000001",
        name="X",
        methods=[Method(Channel.ONLINE, [TimeLimit.working_days(7)])],
    )
    [row] = Catalogue([p]).stats(by="ministry", kind="rows")
    assert row["days_6_10"] == 1
    assert row["ministry"] == "(not stated / không rõ)"


# -- the command line ------------------------------------------------------------------------------


def test_cli_build_show_search_and_stats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _records(tmp_path, "pages.jsonl", [PAGE])
    out = io.StringIO()
    target = tmp_path / "mine.sqlite"
    code = main(
        ["catalogue", "build", f"{pages}@2026-07-01", "-o", str(target), "--lang", "en"], out=out
    )
    assert code == 0
    assert "snapshot 2026-07-01" in out.getvalue()
    out = io.StringIO()
    assert main(["show", "1.000001", "--catalogue", str(target), "--json"], out=out) == 0
    shown = json.loads(out.getvalue())["data"]
    assert shown["procedure"]["name"] == "Cấp giấy phép thử nghiệm"
    assert shown["snapshot"] == "2026-07-01"
    monkeypatch.setenv("TTHC_CATALOGUE", str(target))
    out = io.StringIO()
    assert main(["search", "giay phep thu"], out=out) == 0
    assert "1.000001" in out.getvalue()
    out = io.StringIO()
    assert main(["catalogue", "stats", "--by", "sector", "--json"], out=out) == 0
    assert "Thử nghiệm" in [r["sector"] for r in json.loads(out.getvalue())["data"]]
    monkeypatch.delenv("TTHC_CATALOGUE")
    out = io.StringIO()
    assert main(["show", " 1.014325"], out=out) == 0  # the published code with a leading space


def test_benchmark_smoke_run() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_catalogue_store.py"), "--smoke"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "get" in done.stdout
    assert "search" in done.stdout


def test_entries_are_attrs_values() -> None:
    entry = catalogue.entry("1.004222")
    assert attrs.evolve(entry) == entry


_FIELDS = [a.name for a in attrs.fields(Procedure) if a.name != "code"]


def _stated(value: object) -> bool:
    return value is not None and value != ()


@given(st.lists(strategies.procedures(), min_size=1, max_size=3))
@settings(max_examples=25, deadline=None)
def test_merge_takes_each_field_from_the_most_detailed_source_stating_it(
    versions: list[Procedure],
) -> None:
    import tempfile

    from tthc.serialization import to_dict

    code = versions[0].code
    versions = [attrs.evolve(v, code=code) for v in versions]
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        for i, v in enumerate(versions):
            path = Path(tmp) / f"source{i}.json"
            path.write_text(json.dumps([to_dict(v)], ensure_ascii=False), "utf-8")
            inputs.append(BuildInput(path, label=f"s{i}"))
        built = build_catalogue(inputs, Path(tmp) / "c.sqlite", curated=())
        entry = built.entry(str(code))
    detail = [sum(_stated(getattr(v, f)) for f in _FIELDS) for v in versions]
    ranked = sorted(range(len(versions)), key=lambda i: (-detail[i], i))
    for field in _FIELDS:
        stating = [i for i in ranked if _stated(getattr(versions[i], field))]
        merged = getattr(entry.procedure, field)
        origin = entry.source_of(field)
        if not stating:  # nobody states it: not stated in the catalogue either
            assert not _stated(merged)
            assert origin is None
            continue
        if origin is None:  # the merged fields could not meet: the most detailed record kept
            assert entry.procedure == versions[ranked[0]]
            continue
        assert origin.source == f"s{stating[0]}"
        assert merged == getattr(versions[stating[0]], field)
        others = {d.source for d in entry.disagreements if d.field == field}
        assert others == {f"s{i}" for i in stating if getattr(versions[i], field) != merged}


def test_a_hostile_catalogue_file_gives_typed_errors(tmp_path: Path) -> None:
    import zlib

    path = tmp_path / "hostile.sqlite"
    build_catalogue([_records(tmp_path, "p.jsonl", [PAGE])], path, curated=())
    bomb = zlib.compress(b"[" * 10 + b" " * 40_000_000)  # 40 MB of JSON in a small blob
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE records SET procedure = ?", (bomb,))
        conn.execute("DROP TABLE names")
    hostile = Catalogue.load(path)
    with pytest.raises(ParseError, match="decompressed"):
        hostile.get("1.000001")
    with pytest.raises(ParseError, match="catalogue file"):
        hostile.search("giay phep")


def test_the_national_catalogue_is_package_data_within_the_wheel_budget() -> None:
    from importlib.resources import files

    shipped = files("tthc.catalogue") / "data" / "national.sqlite"
    assert shipped.is_file()
    # the wheel compresses it (9.5 MB file, 5.9 MB wheel when measured); the budget is 15 MB
    assert len(shipped.read_bytes()) < 15_000_000


def test_build_never_writes_over_one_of_its_inputs(tmp_path: Path) -> None:
    rows = _records(tmp_path, "list.jsonl", [ROW])
    before = Path(rows).read_bytes()
    for output in (rows, tmp_path / "." / "list.jsonl"):
        with pytest.raises(ValidationError) as caught:
            build_catalogue([BuildInput(rows)], output, curated=())
        assert caught.value.problems[0].path == "output"
        assert caught.value.problems[0].key == "expected.outside_source"
    assert Path(rows).read_bytes() == before
