"""Per-dossier evaluation under Circular 01/2018/TT-VPCP Arts. 13–15, and catalogue figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Literal

import attrs

from tthc._findings import Finding, Severity
from tthc._labels import LabelledEnum
from tthc.citations import Confidence
from tthc.deadlines import Outcome
from tthc.dossiers._inputs import check_date, check_evaluation_facts, check_instance
from tthc.dossiers._lifecycle import clock_of, status
from tthc.errors import ValidationError
from tthc.levels import classify
from tthc.model import (
    Dossier,
    ExtensionGranted,
    IntakeSupplementRequested,
    OnlineMode,
    Procedure,
    ProcedureCode,
    SupplementRequested,
)
from tthc.rules import Rules, read_dated_rules

__all__ = [
    "EVALUATION",
    "CatalogueFigures",
    "DossierEvaluation",
    "EvaluationSummary",
    "IndexScore",
    "Rating",
    "catalogue_figures",
    "evaluate_dossier",
]

_CIRCULAR = "Circular 01/2018/TT-VPCP"

#: The scoring of Circular 01/2018/TT-VPCP Arts. 13–15, effective-dated.
#: The circular is in force from 6/1/2019 (Pháp điển copy, read). It guided
#: Decree 61/2018/NĐ-CP, replaced on 1/7/2025 by Decree 118/2025/NĐ-CP, whose
#: guiding Circular 03/2025/TT-VPCP is dated 15/9/2025; whether that circular
#: keeps the nine indices was not confirmed, so from 15/9/2025 the same
#: scoring is applied under an unconfirmed citation (the value names the basis).
EVALUATION: Rules[str] = read_dated_rules(
    "tthc.dossiers",
    "rules.json",
    {
        "evaluation": "per-dossier evaluation (Circular 01/2018/TT-VPCP Art. 13)",
        "ask_once": "ask-once rule for supplements at intake",
    },
)["evaluation"]


@attrs.frozen
class IndexScore:
    """One index (chỉ số) of Art. 13: its points (0, 1, 2) or ``None`` when not scorable.

    Art. 15(4)(b): an index without enough information is left out of the
    aggregation rather than scored 0.
    """

    index: int
    points: int | None
    reason: str
    citation: str


@attrs.frozen
class DossierEvaluation:
    """The per-dossier indices of Art. 14(1): 1, 2, 3, 4, 6 and 7.

    ``basis`` is the evaluation rule applied (by the receipt date);
    ``findings`` report what the scores do not show, such as an extension:
    the indices are scored against the legal time limit, and an extension is
    reported here rather than cured.
    """

    scores: tuple[IndexScore, ...]
    agency_scores: tuple[tuple[str, int], ...] = ()
    basis: str | None = None
    findings: tuple[Finding, ...] = ()

    def points(self, index: int) -> int | None:
        """The points of ``index``, ``None`` when not scored."""
        for score in self.scores:
            if score.index == index:
                return score.points
        return None


_BY_OUTCOME = {Outcome.TRUOC_HAN: 2, Outcome.DUNG_HAN: 1, Outcome.QUA_HAN: 0}


def _count_score(count: int) -> int:
    return 2 if count == 0 else 1 if count == 1 else 0


def evaluate_dossier(
    dossier: Dossier,
    as_of: dt.datetime,
    *,
    agency_outcomes: Mapping[str, Outcome] | None = None,
    contacts: int | None = None,
    agencies_contacted: int | None = None,
    one_stop_desk_only: bool | None = None,
    verification_lead: bool = False,
    publication_forms: int | None = None,
    complaints: int | None = 0,
    evaluation: Rules[str] = EVALUATION,
) -> DossierEvaluation:
    """Score one dossier on the indices Art. 14(1) assigns to dossiers.

    - Index 1, total time against "thời gian cho phép theo quy định của pháp
      luật" (Art. 13(1)): 2 shorter, 1 equal, 0 longer. The time allowed by
      law is the limit on the receipt slip (restarted by a supplement request,
      Decree 61/2018/NĐ-CP Art. 19(4)); an extension (apology, Art. 19(9))
      does not change it: the return is judged against the legal limit and
      the extension is reported in ``findings``.
    - Index 2, each agency's time against its own limit (Art. 13(2)): from
      ``agency_outcomes`` (agency → outcome), scored the same way; the
      dossier's index 2 is the lowest of them.
    - Index 3, contacts needed to complete the dossier (Art. 13(3)): 0 → 2,
      1 → 1, more → 0. ``contacts`` defaults to the number of supplement
      requests on the timeline (each obliges the applicant to come back);
      pass your own count to exclude those caused by the applicant's fault.
    - Index 4, bodies to contact (Art. 13(4)), as written: 2 when none; 1 when
      the one body contacted is the one-stop desk (``one_stop_desk_only``);
      0 when more than one. Where the law makes the applicant take part in an
      on-site verification or an appraisal council (``verification_lead``),
      the body leading it is added to the allowance (desk + that body → 1).
      A single body other than the desk is not covered by the text: unscored.
    - Index 6, publication of the procedure (Art. 13(6)): 2 when both posted
      and electronic (``publication_forms=2``), 1 for one form, 0 otherwise.
    - Index 7, staff conduct (Art. 13(7)): with no verified complaint, 2 when
      earlier than the legal limit and 1 when on it; 0 when there is a
      verified complaint. A late dossier without a complaint is not covered
      by the text and is left unscored.

    An index whose facts are missing (``None``) is unscored (Art. 15(4)(b)).
    The evaluation rule is the one in force on the receipt day
    (:data:`EVALUATION`; raises :class:`~tthc.errors.NoRuleInForceError`
    before Circular 01/2018/TT-VPCP took effect, 6/1/2019).

    >>> import datetime as dt
    >>> from tthc import catalogue
    >>> from tthc.deadlines import VIETNAM
    >>> from tthc.model import Channel, Dossier, ExtensionGranted, Received, Returned
    >>> t = lambda *a: dt.datetime(*a, tzinfo=VIETNAM)
    >>> d = Dossier(procedure=catalogue.get("1.004222"), channel=Channel.ONLINE,
    ...             events=[Received(t(2026, 3, 2, 9)), Returned(t(2026, 3, 6, 9))])
    >>> e = evaluate_dossier(d, as_of=t(2026, 3, 20, 9), agencies_contacted=1,
    ...                      one_stop_desk_only=True)
    >>> [(s.index, s.points) for s in e.scores]
    [(1, 2), (2, None), (3, 2), (4, 1), (6, None), (7, 2)]

    Extended on 10/3 to 20/3 and returned on 18/3: late against the legal
    limit (11/3), whatever the new appointment said.

    >>> late = Dossier(procedure=catalogue.get("1.004222"), channel=Channel.ONLINE,
    ...     events=[Received(t(2026, 3, 2, 9)),
    ...             ExtensionGranted(t(2026, 3, 10, 9), new_due=t(2026, 3, 20, 17)),
    ...             Returned(t(2026, 3, 18, 9))])
    >>> e = evaluate_dossier(late, as_of=t(2026, 3, 20, 9))
    >>> e.points(1), e.points(7), [f.code for f in e.findings]
    (0, None, ['extended'])
    """
    if not isinstance(evaluation, Rules):
        raise ValidationError.single(
            "evaluation", evaluation, "a tthc.rules.Rules[str]", what="evaluate_dossier"
        )
    check_evaluation_facts(
        agency_outcomes,
        {
            "contacts": contacts,
            "agencies_contacted": agencies_contacted,
            "publication_forms": publication_forms,
            "complaints": complaints,
        },
        {"one_stop_desk_only": one_stop_desk_only, "verification_lead": verification_lead},
    )
    current = status(dossier, as_of)  # checks the dossier and as_of (tthc.dossiers._inputs)
    received = dossier.received_at
    judged_on = (received if received is not None else as_of).date()
    rule = evaluation.at(judged_on)
    scores: list[IndexScore] = []
    findings: list[Finding] = []

    caveat = "" if rule.confidence is Confidence.PRIMARY else f" [{rule.confidence.value}]"

    def add(index: int, points: int | None, reason: str) -> None:
        scores.append(IndexScore(index, points, reason, f"{_CIRCULAR}, Art. 13({index}){caveat}"))

    outcome: Outcome | None = None
    if current.outcome is not None:
        upto = attrs.evolve(dossier, events=[e for e in dossier.events if e.at <= as_of])
        outcome = clock_of(upto).outcome(with_extension=False)
        extensions = [e for e in upto.events if isinstance(e, ExtensionGranted)]
        if extensions:
            findings.append(
                Finding(
                    "extended",
                    f"the time limit was extended {len(extensions)} time(s) (last on "
                    f"{extensions[-1].at:%d/%m/%Y}); the dossier is {current.outcome.en.lower()} "
                    "against the new appointment but scored against the time allowed by law "
                    f"({outcome.en.lower() if outcome else 'not judged'})",
                    path="$.events",
                    citation=f"{_CIRCULAR}, Art. 13(1), 13(7){caveat}; Decree 61/2018/NĐ-CP "
                    "Art. 19(9) (the apology and new appointment)",
                    severity=Severity.INFO,
                )
            )
    if outcome is None:
        add(1, None, "the dossier is not finished")
    else:
        add(1, _BY_OUTCOME[outcome], f"{outcome.en.lower()} against the time allowed by law")

    agency_scores = tuple(
        (agency, _BY_OUTCOME[result]) for agency, result in (agency_outcomes or {}).items()
    )
    if agency_scores:
        add(2, min(points for _, points in agency_scores), "lowest of the agencies' scores")
    else:
        add(2, None, "no per-agency times given")

    if contacts is None:
        contacts = sum(
            isinstance(e, (IntakeSupplementRequested, SupplementRequested)) for e in dossier.events
        )
        reason = f"{contacts} supplement request(s) on the timeline"
    else:
        reason = f"{contacts} contact(s), as given"
    add(3, _count_score(contacts), reason)

    points4, reason4 = _index_4(agencies_contacted, one_stop_desk_only, verification_lead)
    add(4, points4, reason4)

    if publication_forms is None:
        add(6, None, "publication not given")
    else:
        add(6, min(max(publication_forms, 0), 2), f"published in {publication_forms} form(s)")

    if complaints is None or outcome is None:
        add(7, None, "conduct complaints or outcome unknown")
    elif complaints > 0:
        add(7, 0, f"{complaints} verified complaint(s) about conduct")
    elif outcome is Outcome.QUA_HAN:
        add(
            7,
            None,
            "late against the time allowed by law, without a complaint: not covered by Art. 13(7)",
        )
    else:
        add(7, 2 if outcome is Outcome.TRUOC_HAN else 1, f"{outcome.en.lower()}, no complaint")
    return DossierEvaluation(tuple(scores), agency_scores, rule.value, tuple(findings))


def _index_4(
    contacted: int | None, desk_only: bool | None, verification_lead: bool
) -> tuple[int | None, str]:
    """Art. 13(4) as written (see :func:`evaluate_dossier`)."""
    if contacted is None:
        return None, "number of bodies contacted not given"
    allowance = 2 if verification_lead else 1
    if contacted == 0:
        return 2, "no body had to be contacted"
    if contacted > allowance:
        return 0, f"{contacted} bodies contacted (more than one)"
    if desk_only is None:
        return None, (
            f"{contacted} body(ies) contacted; whether it was only the one-stop desk"
            + (" and the body leading the verification" if verification_lead else "")
            + " is not given (one_stop_desk_only)"
        )
    if desk_only:
        return 1, "only the one-stop desk was contacted" + (
            " (with the body leading the verification)" if verification_lead else ""
        )
    return None, "a body other than the one-stop desk was contacted: not covered by Art. 13(4)"


class Rating(LabelledEnum):
    """An agency's rating from its total points (Circular 01/2018/TT-VPCP Art. 15(3)(b))."""

    EXCELLENT = ("excellent", "Xuất sắc", "Excellent")
    GOOD = ("good", "Tốt", "Good")
    FAIR = ("fair", "Khá", "Fair")
    AVERAGE = ("average", "Trung bình", "Average")
    WEAK = ("weak", "Yếu", "Weak")


def _check_denominator(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in ("all", "scored"):
        raise ValidationError.single(
            attribute.name, value, "'all' (Art. 15(2)(a)) or 'scored'", what="EvaluationSummary"
        )


@attrs.frozen
class EvaluationSummary:
    """Sums and counts per index over many dossiers; add two to merge them.

    Circular 01/2018/TT-VPCP Art. 15(2)(a) (primary text read): "Điểm số của
    Chỉ số thứ i = Tổng điểm số của các hồ sơ giải quyết thủ tục hành chính
    tính theo chỉ số thứ i/Tổng số hồ sơ giải quyết thủ tục hành chính",
    rounded to one decimal. ``denominator`` is the switch for what "all the
    dossiers" means:

    - ``"all"`` (default, the formula as written): the points of index *i*
      over every dossier evaluated (``dossiers``), so a dossier left unscored
      on an index adds 0 points and still counts;
    - ``"scored"`` (tthc before issue 20): over the dossiers scored on that
      index, reading Art. 15(4)(b) ("chỉ số chưa có đủ thông tin chấm điểm
      ... thì không tính chỉ số đó") dossier by dossier.

    Either way an index scored for no dossier is left out (``None``, Art.
    15(4)(b)).
    """

    sums: tuple[int, ...] = (0,) * 10
    counts: tuple[int, ...] = (0,) * 10
    dossiers: int = 0
    denominator: str = attrs.field(default="all", validator=_check_denominator)

    @classmethod
    def of(
        cls,
        evaluations: Iterable[DossierEvaluation],
        *,
        denominator: Literal["all", "scored"] = "all",
    ) -> EvaluationSummary:
        """Accumulate evaluations in one pass."""
        sums = [0] * 10
        counts = [0] * 10
        dossiers = 0
        for evaluation in evaluations:
            dossiers += 1
            for score in evaluation.scores:
                if score.points is not None:
                    sums[score.index] += score.points
                    counts[score.index] += 1
        return cls(tuple(sums), tuple(counts), dossiers, denominator)

    def __add__(self, other: EvaluationSummary) -> EvaluationSummary:
        if not isinstance(other, EvaluationSummary):
            return NotImplemented
        if other.denominator != self.denominator:
            raise ValidationError.single(
                "denominator",
                other.denominator,
                f"{self.denominator!r}, as in the summary it is added to",
                what="EvaluationSummary",
            )
        return EvaluationSummary(
            tuple(a + b for a, b in zip(self.sums, other.sums, strict=True)),
            tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)),
            self.dossiers + other.dossiers,
            self.denominator,
        )

    def index_score(self, index: int) -> float | None:
        """The averaged score of ``index`` (one decimal), ``None`` if never scored."""
        if not self.counts[index]:
            return None
        over = self.counts[index] if self.denominator == "scored" else self.dossiers
        return round(self.sums[index] / max(over, self.counts[index]), 1)

    def staff_total(self) -> float:
        """Indices 1, 2, 3, 4 and 7 added (Art. 15(1)(a)); unscored ones are left out."""
        return round(sum(self.index_score(i) or 0.0 for i in (1, 2, 3, 4, 7)), 1)

    def staff_completion(self) -> Literal["100%", "70-<100%", "<70%"]:
        """Task completion for staff (Art. 15(3)(a)): ≥ 5 → 100 %; 3.5–< 5 → 70–< 100 %."""
        total = self.staff_total()
        return "100%" if total >= 5 else "70-<100%" if total >= 3.5 else "<70%"

    def agency_rating(self, unit_scores: Mapping[int, int] | None = None) -> Rating:
        """The agency's rating from all nine indices (Art. 15(3)(b)).

        The per-dossier indices come from this summary; indices 5, 8 and 9
        are scored for the unit itself (Art. 14(2)) and are passed in
        ``unit_scores`` (index → 0, 1 or 2). ≥ 15 excellent, 12–< 15 good,
        9–< 12 fair, 6–< 9 average, < 6 weak.
        """
        total = sum(self.index_score(i) or 0.0 for i in (1, 2, 3, 4, 6, 7))
        total += sum((unit_scores or {}).get(i, 0) for i in (5, 8, 9))
        if total >= 15:
            return Rating.EXCELLENT
        if total >= 12:
            return Rating.GOOD
        if total >= 9:
            return Rating.FAIR
        return Rating.AVERAGE if total >= 6 else Rating.WEAK


@attrs.frozen
class CatalogueFigures:
    """How many procedures are offered full online, partially, or not online.

    The figures provincial reports quote ("841 toàn trình, 561 một phần";
    "1,377 of 1,711 integrated on the national portal, 80.48 %").
    """

    total: int
    full_online: int
    partial: int
    not_online: int
    integrated: int | None

    @property
    def integrated_share(self) -> float | None:
        """Integrated procedures / total (``None`` when not counted or no procedures)."""
        if self.integrated is None or not self.total:
            return None
        return self.integrated / self.total


def catalogue_figures(
    procedures: Iterable[Procedure],
    on: dt.date,
    *,
    basis: Literal["claimed", "classified"] = "claimed",
    integrated: Collection[str | ProcedureCode] | Callable[[Procedure], bool] | None = None,
) -> CatalogueFigures:
    """Count procedures by online mode, as claimed in their records or as classified.

    ``basis="claimed"`` counts what each record states
    (``online_service.mode``; no mode counts as not online), which is what
    reports publish; ``basis="classified"`` runs :func:`tthc.levels.classify`
    under the regime in force on ``on``. ``integrated`` is the set of codes
    integrated on the national portal (or a predicate).

    >>> import datetime as dt
    >>> from tthc import catalogue
    >>> f = catalogue_figures(catalogue.procedures(), dt.date(2026, 7, 1),
    ...                       integrated={"1.004222", "1.000894"})
    >>> f.total, f.not_online, f.integrated_share
    (5, 5, 0.4)
    """
    check_date(on)
    if basis not in ("claimed", "classified"):
        raise ValidationError.single("basis", basis, "'claimed' or 'classified'")
    if isinstance(procedures, (str, bytes, Mapping)) or not isinstance(procedures, Iterable):
        raise ValidationError.single("procedures", procedures, "an iterable of Procedure")
    if not (integrated is None or callable(integrated)) and (
        isinstance(integrated, (str, bytes)) or not isinstance(integrated, Iterable)
    ):
        raise ValidationError.single(
            "integrated", integrated, "None, a collection of codes or a predicate"
        )
    is_integrated: Callable[[Procedure], bool] | None
    if integrated is None or callable(integrated):
        is_integrated = integrated
    else:
        codes = {str(c) for c in integrated}

        def is_integrated(procedure: Procedure) -> bool:
            return str(procedure.code) in codes

    total = full = partial = count_integrated = 0
    for index, procedure in enumerate(procedures):
        check_instance(procedure, Procedure, f"procedures[{index}]", "a tthc.model.Procedure")
        total += 1
        if basis == "claimed":
            mode = None if procedure.online_service is None else procedure.online_service.mode
        else:
            mode = classify(procedure, on=on).mode
        if mode is OnlineMode.FULL:
            full += 1
        elif mode is OnlineMode.PARTIAL:
            partial += 1
        if is_integrated is not None and is_integrated(procedure):
            count_integrated += 1
    return CatalogueFigures(
        total=total,
        full_online=full,
        partial=partial,
        not_online=total - full - partial,
        integrated=None if is_integrated is None else count_integrated,
    )
