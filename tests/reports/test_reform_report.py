"""reform_report: the columnar engine's counts, per frame kind and unit, against the targets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc.batch import summarize
from tthc.citations import Citation, Confidence
from tthc.deadlines import VIETNAM
from tthc.errors import NaiveDatetimeError, ValidationError
from tthc.model import AdministrativeTier
from tthc.reports import reform_report
from tthc.scorecard import Measure, Period, Target

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

JULY = Period(dt.date(2022, 1, 1), dt.date(2022, 7, 31))
MADE_UP = Citation.of("a test plan", None, Confidence.UNCONFIRMED, source="tests")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=VIETNAM)


def small_log() -> dict[str, list[Any]]:
    return {
        "received_at": [
            at("2022-03-01"),
            at("2022-03-01"),
            at("2022-03-02"),
            at("2022-07-29"),
            at("2021-12-31"),  # before the period
            at("2022-08-01"),  # after it
        ],
        "limit": [5, 5, 5, 5, 5, 5],
        "returned_at": [at("2022-03-02"), at("2022-04-20"), None, None, at("2022-01-03"), None],
        "channel": ["online", "Trực tiếp", "postal", "online", "online", "online"],
        "agency": ["Sở Tư pháp", "Sở Tư pháp", "Sở Xây dựng", "Sở Xây dựng", "x", "x"],
    }


def test_counts_of_the_period() -> None:
    f = reform_report(small_log(), period=JULY).total
    assert (f.received, f.online, f.in_person, f.postal) == (4, 2, 1, 1)
    assert (f.resolved, f.early, f.late) == (2, 1, 1)
    assert (f.open_in_time, f.open_overdue) == (1, 1)
    assert f.online_share == 0.5
    assert f.on_time_share == 0.5


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow", "dict"])
def test_figures_come_back_in_the_callers_kind(kind: str) -> None:
    data = small_log()
    frame = pd.DataFrame(data)
    frame["received_at"] = pd.to_datetime(frame["received_at"], utc=True)
    frame["returned_at"] = pd.to_datetime(frame["returned_at"], utc=True)
    if kind == "polars":
        pl = pytest.importorskip("polars")
        log: Any = pl.from_pandas(frame)
    elif kind == "arrow":
        log = pa.Table.from_pandas(frame, preserve_index=False)
    elif kind == "dict":
        log = data
    else:
        log = frame
    figures = reform_report(log, period=JULY).figures
    expected = {"pandas": "pandas", "polars": "polars", "arrow": "pyarrow", "dict": "pyarrow"}
    assert type(figures).__module__.split(".")[0] == expected[kind]
    as_dict = figures.to_pandas() if kind in ("polars", "arrow", "dict") else figures
    row = as_dict.iloc[0]
    assert (row["received"], row["online"], row["resolved"], row["late"]) == (4, 2, 2, 1)
    assert row["online_share"] == 0.5


def test_nothing_passed_in_is_changed() -> None:
    frame = pd.DataFrame(small_log())
    before = frame.copy()
    reform_report(frame, period=JULY, by="agency")
    pd.testing.assert_frame_equal(frame, before)


def test_by_agency_and_month_add_up() -> None:
    report = reform_report(small_log(), period=JULY, by="agency")
    rows = {u.key: u.figures for u in report.units[1:]}
    assert rows[("Sở Tư pháp",)].received == 2
    assert rows[("Sở Xây dựng",)].received == 2
    assert sum(f.received for f in rows.values()) == report.total.received
    figures = report.figures
    assert figures.column_names[:2] == ["agency", "received"]
    assert figures.column("agency").to_pylist() == ["Sở Tư pháp", "Sở Xây dựng"]
    months = reform_report(small_log(), period=JULY, by="month")
    found = {u.key: u.figures.received for u in months.units[1:]}
    assert found[("2022-03",)] == 3
    assert found[("2022-07",)] == 1
    assert "| Sở Tư pháp | 2 |" in report.to_markdown()


def test_many_grouping_columns_do_not_overflow() -> None:
    n = 50
    log: dict[str, list[Any]] = {
        "received_at": [at("2022-03-01")] * n,
        "limit": [5] * n,
        "channel": ["online"] * n,
    }
    for k in range(12):  # 51 ** 12 combinations: more than one int64 code holds
        log[f"c{k}"] = [f"v{(i * (k + 1)) % n}" for i in range(n)]
    report = reform_report(log, period=JULY, by=[f"c{k}" for k in range(12)])
    assert len(report.units) == n + 1
    assert sum(u.figures.received for u in report.units[1:]) == n
    assert {u.key[0] for u in report.units[1:]} == {f"v{i}" for i in range(n)}


def _frame(draw: Any) -> Any:
    n = draw(st.integers(1, 30))
    days = draw(st.lists(st.integers(0, 240), min_size=n, max_size=n))
    backs = draw(st.lists(st.one_of(st.none(), st.integers(0, 30)), min_size=n, max_size=n))
    channels = draw(
        st.lists(st.sampled_from(["online", "postal", "in_person"]), min_size=n, max_size=n)
    )
    start = dt.datetime(2021, 12, 1, 10, tzinfo=VIETNAM)
    received = [start + dt.timedelta(days=d) for d in days]
    returned = [
        None if b is None else r + dt.timedelta(days=b)
        for r, b in zip(received, backs, strict=True)
    ]
    return pd.DataFrame(
        {
            "received_at": pd.to_datetime(received, utc=True),
            "limit": draw(st.lists(st.integers(1, 15), min_size=n, max_size=n)),
            "returned_at": pd.to_datetime(returned, utc=True),
            "channel": channels,
            "agency": draw(st.lists(st.sampled_from("ab"), min_size=n, max_size=n)),
        }
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_equals_tthc_batch_summarize_over_the_period(data: st.DataObject) -> None:
    frame = _frame(data.draw)
    by = data.draw(st.sampled_from([["agency"], ["agency", "channel"], ["month"]]))
    report = reform_report(frame, period=JULY, by=by)
    inside = frame[
        (frame["received_at"] >= pd.Timestamp("2022-01-01", tz=VIETNAM))
        & (frame["received_at"] <= pd.Timestamp("2022-07-31 23:59:59.999999", tz=VIETNAM))
    ]
    as_of = JULY.end_moment
    names = ("received", "resolved", "early", "on_time", "late", "open_overdue", "online")
    if not len(inside):
        assert (report.total.received, report.units[1:]) == (0, ())
        return
    whole = summarize(inside, as_of).iloc[0]
    assert [getattr(report.total, n) for n in names] == [int(whole[n]) for n in names]
    per = summarize(inside, as_of, by=by).set_index(by)
    assert len(report.units) - 1 == len(per)
    for unit in report.units[1:]:
        row = per.loc[unit.key if len(by) > 1 else unit.key[0]]
        assert [getattr(unit.figures, n) for n in names] == [int(row[n]) for n in names]


def test_targets_of_the_year_and_later_ones() -> None:
    log = {
        "received_at": [at("2025-03-03")] * 10,
        "limit": [5] * 10,
        "returned_at": [at("2025-03-04")] * 10,
        "channel": ["online"] * 6 + ["in_person"] * 4,
        "rating": ["satisfied"] * 8 + ["unsatisfied", None],
        "tier": ["province"] * 5 + ["commune"] * 5,
        "result_digitised": [True] * 5 + [True, False, None, False, False],
    }
    report = reform_report(log, period=Period.year(2025))
    found = {(c.progress.target.id, c.progress.tier): c for c in report.comparisons}
    online = found[("binh-thuan-2025-online-dossiers", None)]
    assert (online.in_force, online.met, online.progress.value) == (True, True, 0.6)
    satisfaction = found[("binh-thuan-2025-satisfaction", None)]
    assert satisfaction.progress.value == pytest.approx(8 / 9)
    assert satisfaction.met is False
    # digitised results by tier: 2025 minima 100% (province), 95% (commune)
    province = found[("binh-duong-2021-digitised-results-province", AdministrativeTier.PROVINCE)]
    assert (province.progress.minimum, province.progress.value, province.met) == (1.0, 1.0, True)
    commune = found[("binh-duong-2021-digitised-results-commune", AdministrativeTier.COMMUNE)]
    assert commune.progress.value == pytest.approx(1 / 4)
    assert commune.met is False
    # the portal's 2026 thresholds are shown for reference, not in force
    later = found[("766-2026-3.3", None)]
    assert (later.in_force, later.progress.year) == (False, 2026)
    text = report.to_markdown()
    assert "| Tỷ lệ hồ sơ trực tuyến | 60,0% | ≥ 50,0% | 2025 | Đạt | Bình Thuận |" in text
    assert "Mục tiêu năm 2026, chưa đến hạn: đạt" in text
    assert "Số hóa kết quả giải quyết: 6/9 hồ sơ đã giải quyết (66,7%)" in text
    table = report.targets.to_pylist()
    assert {row["confidence"] for row in table} <= {"secondary", "unconfirmed"}
    assert all(row["source"] for row in table)


def test_targets_can_be_the_callers() -> None:
    mine = Target("mine", Measure.ONLINE_DOSSIER_SHARE, 0.4, 2022, MADE_UP, scope="Tây Ninh")
    report = reform_report(small_log(), period=JULY, targets=[mine])
    assert [(c.progress.target.id, c.met) for c in report.comparisons] == [("mine", True)]
    assert "Chưa có mục tiêu của năm 2022 (trong dữ liệu tthc) cho: giải quyết đúng hạn" in (
        report.to_markdown()
    )


def test_docx_round_trip(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    pytest.importorskip("matplotlib")
    report = reform_report(small_log(), period=JULY, name="Tỉnh thử")
    path = report.to_docx(tmp_path / "report.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]  # no temporary left
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Báo cáo kết quả giải quyết thủ tục hành chính — Tỉnh thử"
    summary = document.tables[0]
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in summary.rows}
    assert rows["Hồ sơ tiếp nhận"] == ("4", "—")
    assert rows["Tiếp nhận trực tuyến"] == ("2", "50,0%")
    assert rows["Trả quá hạn"] == ("1", "—")
    assert len(document.inline_shapes) == 1  # the chart
    english = docx.Document(str(report.to_docx(tmp_path / "en.docx", lang="en", chart=False)))
    assert english.tables[0].rows[0].cells[0].text == "Figure"
    assert len(english.inline_shapes) == 0


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docx = pytest.importorskip("docx")
    report = reform_report(small_log(), period=JULY)
    (tmp_path / "old.docx").write_bytes(b"previous")

    def broken(self: Any, path: Any) -> None:
        Path(path).write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", broken)
    with pytest.raises(OSError, match="disk full"):
        report.to_docx(tmp_path / "old.docx", chart=False)
    assert [p.name for p in tmp_path.iterdir()] == ["old.docx"]
    assert (tmp_path / "old.docx").read_bytes() == b"previous"


def test_polars_by_agency() -> None:
    pl = pytest.importorskip("polars")
    frame = pd.DataFrame(small_log())
    frame["received_at"] = pd.to_datetime(frame["received_at"], utc=True)
    frame["returned_at"] = pd.to_datetime(frame["returned_at"], utc=True)
    report = reform_report(pl.from_pandas(frame), period=JULY, by="agency")
    figures = report.figures
    assert isinstance(figures, pl.DataFrame)
    assert figures["agency"].to_list() == ["Sở Tư pháp", "Sở Xây dựng"]
    assert figures["received"].to_list() == [2, 2]
    assert figures["online_share"].dtype == pl.Float64
    assert repr(report).startswith("<Report 2022-01-01..2022-07-31, by=['agency']: received=4")


def test_html_escapes_and_repr() -> None:
    log = small_log()
    log["agency"] = ["<b>", "<b>", "x", "x", "x", "x"]
    report = reform_report(log, period=JULY, by="agency")
    html = report._repr_html_()
    assert "&lt;b&gt;" in html
    assert "<b>" not in html
    assert html.startswith('<div class="tthc-report">')


def test_bad_input_is_refused() -> None:
    log = small_log()
    log["channel"][2] = "fax"
    with pytest.raises(ValidationError, match=r"channel\[2\]"):
        reform_report(log, period=JULY)
    with pytest.raises(ValidationError, match="period"):
        reform_report(small_log(), period="2022-13..2022-14")
    with pytest.raises(ValidationError, match="start"):
        reform_report(small_log(), period=(dt.datetime(2022, 1, 1, 9), dt.date(2022, 2, 1)))
    with pytest.raises(ValidationError, match="end"):
        reform_report(small_log(), period=(dt.date(2022, 1, 1), at("2022-02-01", 0)))
    with pytest.raises(ValidationError, match="by"):
        reform_report(small_log(), period=JULY, by="nowhere")
    with pytest.raises(ValidationError, match="lang"):
        reform_report(small_log(), period=JULY).to_markdown(lang="fr")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="catalogue"):
        reform_report(small_log(), ["not a procedure"], period=JULY)
    naive = small_log()
    naive["received_at"] = [d.replace(tzinfo=None) for d in naive["received_at"]]
    with pytest.raises(NaiveDatetimeError):
        reform_report(pd.DataFrame(naive), period=JULY)


def test_rows_that_cannot_be_judged_are_counted_and_named() -> None:
    log = small_log()
    log["limit"][1] = None
    report = reform_report(log, period=JULY)
    assert (report.total.received, report.total.invalid) == (3, 1)
    assert report.problems[0].path == "limit[1]"
    assert "Ghi chú: 1 hồ sơ tiếp nhận trong kỳ không tính được" in report.to_markdown()


def test_a_period_not_over_is_judged_now() -> None:
    from tthc.reports._compute import default_as_of

    now = dt.datetime(2022, 7, 10, 12, tzinfo=VIETNAM)
    assert default_as_of(JULY, now) == now
    assert default_as_of(Period.month(2022, 6), now).date() == dt.date(2022, 6, 30)


def test_dossier_objects() -> None:
    from tthc import catalogue
    from tthc.model import Channel, Dossier, Received, Returned

    procedure = catalogue.get("1.004222")

    def filed(day: int, back: int, channel: Channel) -> Dossier:
        moment = dt.datetime(2026, 9, day, 9, tzinfo=VIETNAM)
        events = [Received(moment), Returned(moment + dt.timedelta(days=back))]
        return Dossier(procedure=procedure, channel=channel, events=events)

    log = [
        filed(1, 2, Channel.ONLINE),
        filed(2, 40, Channel.IN_PERSON),
        filed(3, 1, Channel.POSTAL),
    ]
    f = reform_report(log, period="2026-09").total
    assert (f.received, f.online, f.postal, f.in_person) == (3, 1, 1, 1)
    assert (f.resolved, f.early, f.open_overdue) == (2, 2, 1)  # returned 12/10: open on 30/9
    assert f.full_online == 0  # dossier_log: online and the record claims a full service
    assert (f.rated, f.satisfaction) == (0, None)
    with pytest.raises(ValidationError, match=r"log\[1\]"):
        reform_report([log[0], "x"], period="2026-09")


def test_categorical_and_null_columns() -> None:
    frame = pd.DataFrame(small_log())
    frame["channel"] = pd.Categorical(frame["channel"], categories=[*set(frame["channel"]), "fax"])
    frame["rating"] = None
    f = reform_report(frame, period=JULY).total
    assert (f.received, f.online, f.rated) == (4, 2, 0)
    assert "hài lòng" not in reform_report(frame, period=JULY).to_markdown()


def test_period_text() -> None:
    report = reform_report(small_log(), period="2022-01..2022-07")
    assert report.period == JULY
    assert reform_report(small_log(), period="2022").period == Period.year(2022)
    assert reform_report(small_log(), period="01/2022..07/2022").period == JULY
    assert reform_report(small_log(), period="07/2022").period == Period.month(2022, 7)
    assert reform_report(small_log(), period=("2022-01-01", "2022-07-31")).period == JULY
    days = (pd.Timestamp("2022-01-01"), pd.Timestamp("2022-07-31"))  # pandas' dates
    assert reform_report(small_log(), period=days).period == JULY
    default = reform_report(small_log())
    assert default.period == Period(dt.date(2021, 12, 31), dt.date(2022, 8, 1))
