"""Each indicator of the 2026 scorecard on small hand-computed logs.

Line numbers cite ChippedTopaz/qd766 ``web/src/formula-document.ts`` at commit
0a54bd2 (the administrators' formula description, extracted paragraph by
paragraph) and ``docs/SCORING_ANALYSIS_M0.md`` at 4b89c95 (the conversions
fitted to the portal's scores), as in :mod:`tthc.scorecard._definitions`.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any, Literal

import attrs
import pytest

from tthc import VIETNAM, catalogue
from tthc.errors import TthcError, ValidationError
from tthc.model import (
    Channel,
    Dossier,
    Feedback,
    FeedbackTopic,
    OnlineMode,
    OnlineService,
    Procedure,
    Received,
    Returned,
    SatisfactionRating,
    Stopped,
    StopReason,
)
from tthc.scorecard import (
    Group,
    Period,
    Status,
    dossier_log,
    report_table,
    run_scorecard_command,
    scorecard,
    version,
)

pd = pytest.importorskip("pandas")

SEPTEMBER = Period.month(2026, 9)
# 1.004222 publishes 7 working days (its record); 1-2/9/2026 are the National Day holidays.
BASE = catalogue.get("1.004222")
P = attrs.evolve(
    BASE,
    paper_result=True,
    fee_bearing=True,
    full_online_eligible=True,
    announced_on_time=True,
    published_on_time=True,
    online_service=OnlineService(mode=OnlineMode.FULL),
)
FACTS: dict[str, Any] = {
    "synced_to_portal": True,
    "electronic_result": True,
    "components_digitised": True,
    "data_reused": True,
    "linked_to_personal_store": True,
    "population_data_used": True,
    "paid_online": True,
    "synced_fee": 50_000,
    "feedback": (),
}


def at(day: int, month: int = 9, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=VIETNAM)


def dossier(
    received: dt.datetime,
    returned: dt.datetime | None = None,
    *,
    procedure: Procedure = P,
    channel: Channel = Channel.ONLINE,
    **facts: Any,
) -> Dossier:
    events: list[Any] = [Received(received)]
    if returned is not None:
        events.append(Returned(returned))
    return Dossier(procedure=procedure, channel=channel, events=events, **{**FACTS, **facts})


def card(dossiers: list[Dossier], procedures: Any = (P,), **options: Any) -> Any:
    return scorecard(dossiers, procedures, period=SEPTEMBER, **options)


def test_the_2026_version_is_six_groups_and_100_points() -> None:
    # METRICS sheet (docs/metrics.m0.json, rows 2-25) and formula-maximums.ts.
    v = version()
    assert v.maximum == 100.0
    maxima = {g: v.group_maximum(g) for g in Group}
    assert maxima == {
        Group.TRANSPARENCY: 18.0,
        Group.PROGRESS: 20.0,
        Group.ONLINE_SERVICE: 12.0,
        Group.DIGITISATION: 22.0,
        Group.SATISFACTION: 18.0,
        Group.ONLINE_PAYMENT: 10.0,
    }
    assert all(i.confidence.value == "secondary" for i in v.indicators)
    with pytest.raises(TthcError, match="dvcqg-2026"):
        version("2022")
    with pytest.raises(TthcError, match=r"9\.9") as error:
        v.indicator("9.9")
    assert "2.1" in error.value.known  # type: ignore[attr-defined]


def test_progress_rate_counts_open_in_time_as_on_time() -> None:
    # 2.1, line 126: (handled early/on time + pending within time) / handled in the period;
    # SCORING lines 36-38: 20 × rate.
    logs = [
        dossier(at(3), at(8)),  # early: due 14/9 (7 working days after 3/9)
        dossier(at(3), at(30)),  # late
        dossier(at(25)),  # open, due in October: in time at 30/9
        dossier(at(7)),  # open, due 16/9: overdue at 30/9
    ]
    r = card(logs).result("2.1")
    assert (r.numerator, r.denominator) == (2, 4)
    assert r.points == pytest.approx(10.0)


def test_progress_rate_includes_dossiers_carried_over_and_judges_stops() -> None:
    # 2.1 counts dossiers "tiếp nhận, xử lý trong kỳ" (line 126): received in August and still
    # open in September count; finished in August do not. A stop ends handling (line 128).
    stopped = Dossier(
        procedure=P,
        channel=Channel.ONLINE,
        events=[Received(at(3)), Stopped(at(4), StopReason.APPLICANT_REQUEST)],
        **FACTS,
    )
    logs = [
        dossier(at(20, 8), at(21, 8)),  # finished in August: out
        dossier(at(28, 8), at(3)),  # carried over, returned 3/9: on time (due 9/9)
        stopped,
    ]
    r = card(logs).result("2.1")
    assert (r.numerator, r.denominator) == (2, 2)
    excluded = card(logs, stopped="excluded").result("2.1")
    assert (excluded.numerator, excluded.denominator) == (1, 1)


def test_transparency_indicators() -> None:
    # 1.1 (lines 14-24), 1.2 (40-58): procedures on time / procedures; 1.3 (74-86): records with
    # every part a)-g); 1.4 (102): synced dossiers / dossiers received. SCORING lines 26-30:
    # max × rate.
    late = attrs.evolve(P, code="1.000001", announced_on_time=False, published_on_time=True)
    bare = Procedure(
        code="1.000002", name="Thủ tục trống", announced_on_time=True, published_on_time=False
    )
    logs = [dossier(at(3), at(8)), dossier(at(4), at(8), synced_to_portal=False)]
    c = card(logs, procedures=[P, late, bare])
    assert (c.result("1.1").numerator, c.result("1.1").denominator) == (2, 3)
    assert c.result("1.1").points == pytest.approx(4.0)
    assert c.result("1.2").points == pytest.approx(4 * 2 / 3)
    assert (c.result("1.3").numerator, c.result("1.3").denominator) == (2, 3)
    assert c.result("1.4").points == pytest.approx(3.0)


def test_online_service_points_are_unresolved_but_counted() -> None:
    # METRICS row 7: full-online dossiers / dossiers of eligible procedures; SCORING lines
    # 107-117: the conversion to points was not reproduced.
    partial = attrs.evolve(
        P, code="1.000003", online_service=OnlineService(mode=OnlineMode.PARTIAL)
    )
    logs = [
        dossier(at(3), at(8)),
        dossier(at(3), at(8), channel=Channel.IN_PERSON),
        dossier(at(3), at(8), procedure=partial),
    ]
    c = card(logs, procedures=[P, partial])
    r = c.result("3.0")
    assert (r.numerator, r.denominator, r.points, r.status) == (1, 3, None, Status.UNRESOLVED)
    # 3.1 (line 175): procedures with a partial or full online service; tracked.
    assert (c.result("3.1").numerator, c.result("3.1").status) == (2, Status.TRACKED)
    assert c.total().maximum == 100.0
    assert c.total().computed_maximum == 100.0 - 12.0 - 2.0  # 3.0 unresolved, 4.6 communes


def test_digitisation_indicators() -> None:
    # 4.1 (lines 314-316, METRICS row 12): e-results / finished dossiers of paper-result TTHC.
    # 4.2 (lines 337-347): digitised components and, for paper results, an e-result.
    # 4.3 (lines 366-372): reused data; SCORING lines 77-81: min(2, 2 × rate / 80%).
    logs = [
        dossier(at(3), at(8)),
        dossier(at(3), at(8), electronic_result=False, data_reused=False),
        dossier(at(3), at(8), components_digitised=False, data_reused=False),
        dossier(at(25), electronic_result=False, population_data_used=False),  # still open
    ]
    c = card(logs)
    assert (c.result("4.1").numerator, c.result("4.1").denominator) == (2, 3)
    assert c.result("4.1").points == pytest.approx(4.0)
    assert (c.result("4.2").numerator, c.result("4.2").denominator) == (1, 4)
    assert c.result("4.2").points == pytest.approx(1.0)  # fitted: 4 × 25%
    described = card(logs, conversion="described").result("4.2")
    assert described.points == pytest.approx(4 * 0.25 / 0.8)  # line 355: × max / 80%
    assert c.result("4.3").points == pytest.approx(2 * 0.5 / 0.8)
    assert c.result("4.5b").points == pytest.approx(2 * 3 / 4)
    # 4.5a (lines 415-419): procedures whose applicants are people.
    people = attrs.evolve(P, applicants=("Công dân Việt Nam",))
    c2 = card([dossier(at(3), at(8), procedure=people)], procedures=[people])
    assert (c2.result("4.5a").numerator, c2.result("4.5a").denominator) == (1, 1)
    assert c.result("4.6").status is Status.NOT_COMPUTABLE


def test_receipt_satisfaction() -> None:
    # 5.4 (line 516): 100% - (late + with a petition or a dislike); notes lines 522-524 and
    # SCORING lines 46-51: min(6, 6 × rate / 90%).
    petition = (Feedback(at(10)),)
    logs = [
        dossier(at(3), at(8)),
        dossier(at(3), at(8)),
        dossier(at(3), at(8)),
        dossier(at(3), at(30)),  # late
        dossier(at(3), at(8), rating=SatisfactionRating.UNSATISFIED),
        dossier(at(3), at(8), feedback=petition),
        dossier(at(3), at(8), rating=SatisfactionRating.SATISFIED),
        dossier(at(3), at(8)),
        dossier(at(3), at(8)),
        dossier(at(3), at(8)),
    ]
    r = card(logs).result("5.4")
    assert (r.numerator, r.denominator) == (7, 10)
    assert r.points == pytest.approx(6 * 0.7 / 0.9)
    # nothing received: 0 points (SCORING line 49)
    assert card([]).result("5.4").points == 0.0


def test_petitions_on_time_and_satisfaction() -> None:
    # 5.2 (line 473): handled within 15 working days of receipt; 7/9/2026 + 15 = 28/9.
    # 5.3 (lines 493-498): (petitions - unsatisfied or late) / petitions. SCORING lines 53-63:
    # 6 × rate, 6 with no petitions.
    items = (
        Feedback(at(7), handled_at=at(28), topic=FeedbackTopic.REGULATION),
        Feedback(at(7), handled_at=at(29)),  # late
        Feedback(at(7), handled_at=at(10), rating=SatisfactionRating.UNSATISFIED),
        Feedback(at(25)),  # pending, within 15 working days at 30/9
    )
    logs = [dossier(at(3), at(8), feedback=items)]
    c = card(logs)
    assert (c.result("5.2").numerator, c.result("5.2").denominator) == (3, 4)
    assert c.result("5.2").points == pytest.approx(4.5)
    assert (c.result("5.3").numerator, c.result("5.3").denominator) == (2, 4)
    assert c.result("5.3").points == pytest.approx(3.0)
    assert (c.result("5.1").numerator, c.result("5.1").status) == (1, Status.TRACKED)
    none = card([dossier(at(3), at(8))])
    assert none.result("5.2").points == 6.0
    assert none.result("5.3").points == 6.0


def test_online_payment() -> None:
    # SCORING lines 90-101: 6 × A + min(2, 2.5 × B) + 2.5 × C (C capped at its 2 points by the
    # 80% note, line 278). A (3.6, line 292): paid online / dossiers of fee TTHC minus those
    # whose synchronised fees are all 0.
    free = attrs.evolve(P, code="1.000004", fee_bearing=False)
    other = attrs.evolve(P, code="1.000005")
    logs = [
        dossier(at(3), at(8)),
        dossier(at(3), at(8), paid_online=False),
        dossier(at(3), at(8), paid_online=False, synced_fee=0),  # out of A
        dossier(at(3), at(8), procedure=free, paid_online=False),  # out of A
        dossier(at(3), at(8), procedure=other, paid_online=False, synced_fee=None),
    ]
    c = card(logs, procedures=[P, free, other])
    a = c.result("6.3")
    assert (a.numerator, a.denominator) == (1, 3)
    assert a.points == pytest.approx(2.0)
    b = c.result("6.2")  # fee TTHC with an online payment: P of (P, other)
    assert (b.numerator, b.denominator, b.points) == (1, 2, pytest.approx(1.25))
    fee = c.result("6.1")  # fee TTHC with synchronised non-zero fees: P
    assert (fee.numerator, fee.denominator, fee.points) == (1, 2, pytest.approx(1.25))


def test_missing_data_is_not_computable_never_zero() -> None:
    logs = [dossier(at(3), at(8), synced_to_portal=None, rating=None, feedback=None)]
    c = scorecard(logs, period=SEPTEMBER)  # no procedures passed
    r = c.result("1.4")
    assert (r.status, r.points) == (Status.NOT_COMPUTABLE, None)
    assert "synced_to_portal" in (r.reason("en") or "")
    assert "synced_to_portal" in (r.reason("vi") or "")
    assert c.result("1.1").status is Status.NOT_COMPUTABLE
    assert c.result("5.4").status is Status.NOT_COMPUTABLE
    assert c.result("4.3").status is Status.COMPUTED
    assert not c.total().complete
    # an empty period: "show 0 or N/A" is not a score (notes of 1.4)
    empty = card([])
    assert empty.result("1.4").status is Status.NOT_COMPUTABLE


def test_objects_and_their_table_agree() -> None:
    logs = [
        dossier(at(3), at(8)),
        dossier(at(7), None, data_reused=False, feedback=(Feedback(at(8)),)),
        dossier(at(25, 8), at(2, 10), synced_to_portal=False),
    ]
    objects = card(logs, by="agency")
    log = dossier_log(logs)
    frame = pd.DataFrame(log.dossiers)
    for name in ("received_at", "returned_at", "stopped_at", "agency_received_at"):
        frame[name] = pd.to_datetime(frame[name], utc=True)
    for name in ("synced_fee", "feedback_count"):
        frame[name] = frame[name].astype("Int64")
    columns = scorecard(
        frame,
        [P],
        period=SEPTEMBER,
        by="agency",
        events=pd.DataFrame(log.events) if log.events["at"] else None,
        feedback=pd.DataFrame(log.feedback),
    )
    assert [(r.numerator, r.denominator, r.points) for r in objects.results] == [
        (r.numerator, r.denominator, r.points) for r in columns.results
    ]
    # the same log as pyarrow and polars tables
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    coded = frame.drop(columns=["limit"])  # TimeLimit objects: the procedure codes resolve them
    for kind in (pa.Table.from_pandas(coded, preserve_index=False), pl.from_pandas(coded)):
        other = scorecard(
            kind,
            [P],
            period=SEPTEMBER,
            by="agency",
            events=pd.DataFrame(log.events) if log.events["at"] else None,
            feedback=pd.DataFrame(log.feedback),
        )
        assert [(r.numerator, r.points) for r in other.results] == [
            (r.numerator, r.points) for r in columns.results
        ]


def test_units_split_the_dossier_indicators() -> None:
    hanoi = attrs.evolve(P, code="1.000006")
    from tthc.model import Agency

    a, b = Agency("Sở Tư pháp"), Agency("UBND xã A")
    logs = [
        attrs.evolve(dossier(at(3), at(8)), agency=a),
        attrs.evolve(dossier(at(3), at(30), synced_to_portal=False), agency=b),
        attrs.evolve(dossier(at(3), at(8), procedure=hanoi), agency=b),
    ]
    c = card(logs, procedures=[P, hanoi], by="agency")
    assert c.units == [(), ("Sở Tư pháp",), ("UBND xã A",)]
    assert c.result("1.4", ("UBND xã A",)).points == pytest.approx(3.0)
    assert c.result("2.1", ("Sở Tư pháp",)).points == pytest.approx(20.0)
    assert c.result("1.1", ("Sở Tư pháp",)).status is Status.NOT_COMPUTABLE
    assert c.result("1.1").status is Status.COMPUTED
    with pytest.raises(ValidationError):
        c.result("1.4", ("nowhere",))


def test_bad_input_is_refused_with_where() -> None:
    with pytest.raises(ValidationError, match="end"):
        Period(dt.date(2026, 9, 30), dt.date(2026, 9, 1))
    with pytest.raises(ValidationError, match="quarter"):
        Period.quarter(2026, 5)
    with pytest.raises(ValidationError, match="synced_to_portal"):
        scorecard({"received_at": [at(3)], "limit": [5], "synced_to_portal": [1]}, period=SEPTEMBER)
    with pytest.raises(ValidationError, match="period"):
        scorecard([], period="2026-09")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"dossiers\[0\]"):
        scorecard(["not a dossier"], period=SEPTEMBER)
    with pytest.raises(ValidationError, match="synced_fee"):
        attrs.evolve(dossier(at(3)), synced_fee=-1)
    with pytest.raises(ValidationError, match="handled_at"):
        Feedback(at(7), handled_at=at(6))


def test_report_table_and_command(tmp_path: Any) -> None:
    logs = [dossier(at(3), at(8)), dossier(at(3), at(30))]
    c = card(logs)
    table = report_table(c, lang="en")
    row = table[table["indicator"] == "2.1"].iloc[0]
    assert (row["numerator"], row["denominator"], row["share (%)"], row["points"]) == (
        1,
        2,
        50.0,
        10.0,
    )
    assert list(c.to_frame()["indicator"])[:2] == ["1.1", "1.2"]
    log = dossier_log(logs)
    frame = pd.DataFrame(log.dossiers).drop(columns=["limit"])
    for name in ("received_at", "returned_at"):
        frame[name] = [None if v is None else v.isoformat() for v in frame[name]]
    path = tmp_path / "log.csv"
    frame.to_csv(path, index=False)
    from tthc.serialization import to_dict

    catalogue_path = tmp_path / "procedures.json"
    import json

    catalogue_path.write_text(json.dumps([to_dict(P)]), encoding="utf-8")
    text = run_scorecard_command(path, catalogue_path, lang="en")
    assert "01/01/2026 – 31/12/2026" in text
    assert "2.1" in text
    assert "total" in text


def test_period_defaults_to_the_log_span_and_accepts_a_pair() -> None:
    logs = [dossier(at(3), at(8)), dossier(at(25), None)]
    spanned = scorecard(logs, [P])
    assert spanned.period == Period(dt.date(2026, 9, 3), dt.date(2026, 9, 25))
    paired = scorecard(logs, [P], period=(dt.date(2026, 9, 1), dt.date(2026, 9, 30)))
    assert paired.period == SEPTEMBER
    assert (
        paired.version.id == scorecard(logs, [P], period=SEPTEMBER, version="dvcqg-2026").version.id
    )
    with pytest.raises(TthcError, match="dvcqg-2026"):
        scorecard(logs, [P], period=SEPTEMBER, version="2022")
    with pytest.raises(ValidationError, match="period"):
        scorecard([], [P])


def test_report_table_as_arrow() -> None:
    table = report_table(card([dossier(at(3), at(8))]), lang="en", kind="arrow")
    assert table.num_rows == len(version().indicators)
    assert table.column("indicator").to_pylist()[:2] == ["1.1", "1.2"]
    with pytest.raises(ValidationError, match="kind"):
        report_table(card([]), kind="excel")


def test_procedure_level_indicators_split_by_tier() -> None:
    # 3.1 (line 181): a commune's share counts the procedures carried out at commune level.
    from tthc.model import AdministrativeTier

    province = attrs.evolve(P, code="1.000010", tiers=(AdministrativeTier.PROVINCE,))
    commune = attrs.evolve(
        P, code="1.000011", tiers=(AdministrativeTier.COMMUNE,), online_service=None
    )
    both = attrs.evolve(
        P,
        code="1.000012",
        tiers=(AdministrativeTier.PROVINCE, AdministrativeTier.COMMUNE),
        announced_on_time=False,
    )
    log = {
        "received_at": [at(3), at(3)],
        "limit": [5, 5],
        "procedure": ["1.000010", "1.000011"],
        "tier": ["province", "commune"],
        "paid_online": [True, False],
    }
    c = scorecard(log, [province, commune, both], period=SEPTEMBER, by="tier")
    assert (
        c.result("3.1", ("province",)).numerator,
        c.result("3.1", ("province",)).denominator,
    ) == (2, 2)
    assert (c.result("3.1", ("commune",)).numerator, c.result("3.1", ("commune",)).denominator) == (
        1,
        2,
    )
    assert c.result("1.1", ("commune",)).points == pytest.approx(3.0)
    # 6.2: fee-bearing procedures of the tier with an online payment by that tier's dossiers
    assert (
        c.result("6.2", ("province",)).numerator,
        c.result("6.2", ("province",)).denominator,
    ) == (1, 2)
    assert (c.result("6.2", ("commune",)).numerator, c.result("6.2", ("commune",)).denominator) == (
        0,
        2,
    )
    assert (c.result("6.2").numerator, c.result("6.2").denominator) == (1, 3)


def test_the_rows_that_fed_an_indicator() -> None:
    logs = [
        dossier(at(3), at(8)),
        dossier(at(3), at(30)),  # late
        dossier(at(20, 8), at(21, 8)),  # finished in August: not in 2.1
        dossier(at(4), at(8), data_reused=False),
    ]
    c = card(logs, keep_rows=True)
    numerator, denominator = c.rows("2.1")
    assert (numerator.tolist(), denominator.tolist()) == ([0, 3], [0, 1, 3])
    assert [x.tolist() for x in c.rows("4.3")] == [[0, 1], [0, 1, 3]]
    with pytest.raises(ValidationError, match="keep_rows"):
        c.rows("1.1")
    with pytest.raises(ValidationError, match="keep_rows"):
        card(logs).rows("2.1")


def test_command_reads_parquet_and_refuses_other_files(tmp_path: Any) -> None:
    pytest.importorskip("pyarrow")
    log = dossier_log([dossier(at(3), at(8)), dossier(at(3), at(30))])
    frame = pd.DataFrame(log.dossiers).drop(columns=["limit"])
    for name in ("received_at", "returned_at", "stopped_at", "agency_received_at"):
        frame[name] = pd.to_datetime(frame[name], utc=True)
    frame = frame.astype({"synced_fee": "Int64", "feedback_count": "Int64"})
    path = tmp_path / "log.parquet"
    frame.to_parquet(path)
    text = run_scorecard_command(path, None, period=SEPTEMBER, lang="vi", by="agency")
    assert "01/09/2026 – 30/09/2026" in text
    assert "tổng" in text
    assert "không truyền danh sách TTHC" in text  # no catalogue: procedure rows not computable
    with pytest.raises(ValidationError, match="csv"):
        run_scorecard_command(tmp_path / "log.xlsx")


def test_the_scorecard_command_in_both_languages(tmp_path: pathlib.Path) -> None:
    """``tthc scorecard LOG --catalogue FILE`` prints what run_scorecard_command computes."""
    import io
    import json

    from tthc.cli import main
    from tthc.serialization import to_dict

    log = dossier_log([dossier(at(3), at(8)), dossier(at(25), None)])
    frame = pd.DataFrame(log.dossiers).drop(columns=["limit"])
    for name in ("received_at", "returned_at"):
        frame[name] = [None if v is None else v.isoformat() for v in frame[name]]
    path = tmp_path / "log.csv"
    frame.to_csv(path, index=False)
    procedures = tmp_path / "procedures.json"
    procedures.write_text(json.dumps([to_dict(P)]), encoding="utf-8")
    langs: tuple[tuple[Literal["vi", "en"], str], ...] = (("vi", "tổng"), ("en", "total"))
    for lang, word in langs:
        out = io.StringIO()
        code = main(
            ["scorecard", str(path), "--catalogue", str(procedures), "--lang", lang], out=out
        )
        assert code == 0
        assert out.getvalue().rstrip("\n") == run_scorecard_command(path, procedures, lang=lang)
        assert word in out.getvalue()
    err = io.StringIO()
    assert main(["scorecard", str(tmp_path / "missing.csv")], out=io.StringIO(), err=err) == 2
