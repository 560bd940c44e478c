"""Circular 01/2018/TT-VPCP Arts. 13-15 per-dossier evaluation, and catalogue figures."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import catalogue
from tthc.deadlines import VIETNAM, Outcome
from tthc.dossiers import EvaluationSummary, Rating, catalogue_figures, evaluate_dossier
from tthc.errors import ValidationError
from tthc.model import (
    Channel,
    Dossier,
    OnlineMode,
    OnlineService,
    Received,
    Returned,
    Supplemented,
    SupplementRequested,
)


def t(year: int, month: int, day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=VIETNAM)


P = catalogue.get("1.004222")  # 7 working days
AS_OF = t(2026, 6, 30, 9)


def test_index_1_and_7_follow_the_outcome() -> None:
    # Received Mon 2/3/2026 9:00; 7 working days -> due Wed 11/3/2026.
    early = Dossier(
        procedure=P,
        channel=Channel.ONLINE,
        events=[Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, 5, 9))],
    )
    on_day = Dossier(
        procedure=P,
        channel=Channel.ONLINE,
        events=[Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, 11, 16))],
    )
    late = Dossier(
        procedure=P,
        channel=Channel.ONLINE,
        events=[Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, 12, 9))],
    )
    assert [evaluate_dossier(d, AS_OF).points(1) for d in (early, on_day, late)] == [2, 1, 0]
    assert [evaluate_dossier(d, AS_OF).points(7) for d in (early, on_day, late)] == [2, 1, None]
    assert evaluate_dossier(early, AS_OF, complaints=1).points(7) == 0


def test_contacts_default_to_supplement_requests() -> None:
    d = Dossier(
        procedure=P,
        channel=Channel.IN_PERSON,
        events=[
            Received(t(2026, 3, 2, 9)),
            SupplementRequested(t(2026, 3, 3, 9), ["Tờ khai"]),
            Supplemented(t(2026, 3, 4, 9)),
        ],
    )
    assert evaluate_dossier(d, AS_OF).points(3) == 1
    assert evaluate_dossier(d, AS_OF, contacts=0).points(3) == 2  # the applicant's own fault
    assert evaluate_dossier(d, AS_OF, contacts=2).points(3) == 0
    assert evaluate_dossier(d, AS_OF).points(1) is None  # not finished: not scored


def test_index_2_is_the_lowest_agency_score() -> None:
    d = Dossier(
        procedure=P,
        channel=Channel.ONLINE,
        events=[Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, 5, 9))],
    )
    e = evaluate_dossier(
        d, AS_OF, agency_outcomes={"Công an xã": Outcome.TRUOC_HAN, "UBND xã": Outcome.DUNG_HAN}
    )
    assert e.points(2) == 1
    assert dict(e.agency_scores) == {"Công an xã": 2, "UBND xã": 1}


def test_summary_averages_to_one_decimal_and_rates() -> None:
    finished = [
        Dossier(
            procedure=P,
            channel=Channel.ONLINE,
            events=[Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, day, 9))],
        )
        for day in (3, 4, 12)  # early, early, late
    ]
    evaluations = [
        evaluate_dossier(d, AS_OF, agencies_contacted=0, publication_forms=2) for d in finished
    ]
    # Art. 15(2)(a) as written: the points over every dossier evaluated (issue 20)
    summary = EvaluationSummary.of(evaluations)
    assert summary.dossiers == 3
    assert summary.index_score(1) == round(4 / 3, 1)  # (2 + 2 + 0) / 3 = 1.3
    assert summary.index_score(7) == round(4 / 3, 1)  # the late one is unscored: 0 points of 3
    assert summary.index_score(2) is None  # never scored: left out (Art. 15(4)(b))
    assert EvaluationSummary.of(evaluations[:1]) + EvaluationSummary.of(evaluations[1:]) == summary
    # staff: 1.3 + 2 (index 3) + 2 (index 4) + 1.3 (index 7) = 6.6 >= 5 (Art. 15(3)(a))
    assert summary.staff_total() == 6.6
    assert summary.staff_completion() == "100%"
    # agency: 1.3 + 2 + 2 + 2 (index 6) + 1.3 = 8.6, plus units 5, 8, 9 at 2 each -> 14.6
    assert summary.agency_rating({5: 2, 8: 2, 9: 2}) is Rating.GOOD
    assert summary.agency_rating() is Rating.AVERAGE  # 8.6: 6 to under 9
    # the switch: over the dossiers scored on each index (tthc before issue 20)
    scored = EvaluationSummary.of(evaluations, denominator="scored")
    assert scored.index_score(1) == round(4 / 3, 1)
    assert scored.index_score(7) == 2.0
    assert scored.staff_total() == 7.3
    assert scored.agency_rating({5: 2, 8: 2, 9: 2}) is Rating.EXCELLENT
    assert scored.agency_rating() is Rating.FAIR  # 9.3: 9 to under 12
    with pytest.raises(ValidationError):
        EvaluationSummary.of(evaluations, denominator="most")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        summary + scored


def test_catalogue_figures_claimed_and_classified() -> None:
    import attrs

    full = attrs.evolve(P, online_service=OnlineService(mode=OnlineMode.FULL))
    partial = attrs.evolve(
        catalogue.get("1.000894"), online_service=OnlineService(mode=OnlineMode.PARTIAL)
    )
    plain = catalogue.get("1.001193")
    figures = catalogue_figures(
        [full, partial, plain], dt.date(2026, 7, 1), integrated={"1.004222"}
    )
    assert (figures.total, figures.full_online, figures.partial, figures.not_online) == (3, 1, 1, 1)
    assert figures.integrated == 1
    assert figures.integrated_share == 1 / 3
    classified = catalogue_figures([full, partial, plain], dt.date(2026, 7, 1), basis="classified")
    assert classified.full_online == 0  # the records do not prove every criterion
    assert classified.integrated is None
