"""The criteria of the online-level regimes, each with its citation, judged over facts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from tthc._labels import LabelledEnum
from tthc._validate import boolean, enum_member, non_empty_str
from tthc.citations import Citation
from tthc.levels._facts import OnlineFacts
from tthc.model import Channel

if TYPE_CHECKING:
    from tthc.levels._regimes import OnlineRegime, Regime

__all__ = ["Criterion", "CriterionResult", "criteria_of", "judge"]


class Criterion(LabelledEnum):
    """One condition of an online level (tiêu chí).

    The ten members spell out the eight toàn trình criteria of Circular
    01/2023/TT-VPCP; its criterion 6 (no paper, no presence, no on-site
    verification) is split in three so that a failure says which part failed
    and so that Decree 224/2026/NĐ-CP Art. 14's reasons map onto them. The
    2011 levels use the first, second, third and fifth.
    """

    PUBLISHED = (
        "published",
        "Được công khai trên Cơ sở dữ liệu quốc gia về TTHC và Hệ thống giải quyết TTHC",
        "Published on the national TTHC database and the processing system",
    )
    FORMS_DOWNLOADABLE = ("forms_downloadable", "Cho phép tải biểu mẫu", "Forms can be downloaded")
    ONLINE_SUBMISSION = (
        "online_submission",
        "Điền và gửi biểu mẫu trực tuyến, ký số khi cần",
        "Forms filled in and sent online, digitally signed where a signature is required",
    )
    ELECTRONIC_DOSSIER = (
        "electronic_dossier",
        "Toàn bộ hồ sơ được gửi dưới dạng điện tử",
        "The whole dossier is sent electronically",
    )
    ONLINE_PAYMENT = (
        "online_payment",
        "Thanh toán trực tuyến khi phải nộp phí, lệ phí, nghĩa vụ tài chính",
        "Online payment where a fee or other financial obligation applies",
    )
    NO_PAPER = (
        "no_paper",
        "Không phải nộp hoặc xuất trình giấy tờ bản giấy",
        "No paper document to file or show",
    )
    NO_PRESENCE = (
        "no_presence",
        "Không phải hiện diện tại cơ quan nhà nước",
        "The applicant need not be present",
    )
    NO_ON_SITE_VERIFICATION = (
        "no_on_site_verification",
        "Không phải thẩm tra, xác minh tại hiện trường",
        "No on-site verification",
    )
    ELECTRONIC_RESULT = ("electronic_result", "Kết quả là bản điện tử", "The result is electronic")
    RESULT_ONLINE_OR_POST = (
        "result_online_or_post",
        "Trả kết quả trực tuyến hoặc qua dịch vụ bưu chính công ích",
        "The result is returned online or by public post",
    )

    @property
    def circular_number(self) -> int:
        """The number of the toàn trình criterion of Circular 01/2023/TT-VPCP (1–8)."""
        return _CIRCULAR_NUMBER[self]


_CIRCULAR_NUMBER = {
    Criterion.PUBLISHED: 1,
    Criterion.FORMS_DOWNLOADABLE: 2,
    Criterion.ONLINE_SUBMISSION: 3,
    Criterion.ELECTRONIC_DOSSIER: 4,
    Criterion.ONLINE_PAYMENT: 5,
    Criterion.NO_PAPER: 6,
    Criterion.NO_PRESENCE: 6,
    Criterion.NO_ON_SITE_VERIFICATION: 6,
    Criterion.ELECTRONIC_RESULT: 7,
    Criterion.RESULT_ONLINE_OR_POST: 8,
}

# Decree 43/2011/NĐ-CP, Art. 3(4): each level adds one condition to the one below.
LEGACY_STEPS: tuple[Criterion, ...] = (
    Criterion.PUBLISHED,  # level 1: full information on the procedure
    Criterion.FORMS_DOWNLOADABLE,  # level 2: forms can be downloaded
    Criterion.ONLINE_SUBMISSION,  # level 3: forms filled in and sent online
    Criterion.ONLINE_PAYMENT,  # level 4: fees paid online
)

# Decree 224/2026/NĐ-CP articles that restate or bear on each criterion (read in
# the Pháp điển-style copy of the decree: Art. 14 on full/partial, Art. 15(1) on
# the minimum requirements of an online service).
ARTICLES_224 = {
    Criterion.PUBLISHED: "Art. 15(1)(a)",
    Criterion.FORMS_DOWNLOADABLE: "Art. 15(1)(b)",
    Criterion.ONLINE_SUBMISSION: "Art. 15(1)(c) and (e)",
    Criterion.ELECTRONIC_DOSSIER: "Art. 14",
    Criterion.ONLINE_PAYMENT: "Art. 15(1)(đ)",
    Criterion.NO_PAPER: "Art. 14",
    Criterion.NO_PRESENCE: "Art. 14 (presence at the agency: an accepted reason for một phần)",
    Criterion.NO_ON_SITE_VERIFICATION: (
        "Art. 14 (on-site verification: an accepted reason for một phần)"
    ),
    Criterion.ELECTRONIC_RESULT: "Art. 14",
    Criterion.RESULT_ONLINE_OR_POST: "Art. 14",
}


def criteria_of(regime: Regime | OnlineRegime, on: dt.date | None = None) -> tuple[Criterion, ...]:
    """Return the criteria a regime judges, in order.

    ``on`` picks the dated definition of a shipped :class:`Regime` (the
    criteria are the same; only the citations change).

    >>> from tthc.levels import Regime
    >>> [c.value for c in criteria_of(Regime.DECREE_43_2011)]
    ['published', 'forms_downloadable', 'online_submission', 'online_payment']
    >>> len(criteria_of(Regime.DECREE_224_2026))
    10
    """
    from tthc.levels._regimes import definition_of

    day = dt.date.max if on is None else on
    return tuple(entry.criterion for entry in definition_of(regime, day).criteria)


def _citation(value: Any) -> Citation:
    if isinstance(value, Citation):
        return value
    return Citation.from_text(value)


@attrs.frozen
class CriterionResult:
    """How one criterion fared: passed or not, whether the facts were known, why, and the rule.

    ``known`` is ``False`` when a fact it needs is unknown; such a criterion
    never passes. ``name`` is the criterion's stable value.
    """

    criterion: Criterion = attrs.field(validator=enum_member(Criterion))
    passed: bool = attrs.field(validator=boolean)
    known: bool = attrs.field(validator=boolean)
    cited: Citation = attrs.field(alias="citation", converter=_citation)
    explanation: str = attrs.field(validator=non_empty_str)

    @property
    def citation(self) -> str:
        """The citation as text."""
        return str(self.cited)

    @property
    def name(self) -> str:
        """The criterion's stable name (``"no_presence"``…)."""
        return str(self.criterion.value)

    def __str__(self) -> str:
        mark = "passed" if self.passed else ("unknown" if not self.known else "failed")
        return f"{mark}: {self.criterion.en}: {self.explanation} [{self.citation}]"


_UNKNOWN = "unknown: an unknown fact does not pass"


def _yes(value: bool | None, *, good: bool, fact: str, yes: str, no: str) -> tuple[bool, bool, str]:
    """Judge a single tri-state fact: ``good`` is the value that passes."""
    if value is None:
        return False, False, f"{_UNKNOWN} ({fact} is not stated)"
    text = yes if value else no
    return value is good, True, text


def _evaluate(criterion: Criterion, facts: OnlineFacts) -> tuple[bool, bool, str]:
    if criterion is Criterion.PUBLISHED:
        return _yes(
            facts.published,
            good=True,
            fact="published",
            yes="published on the national TTHC database",
            no="not published on the national TTHC database and the processing system",
        )
    if criterion is Criterion.FORMS_DOWNLOADABLE:
        return _yes(
            facts.forms_downloadable,
            good=True,
            fact="forms_downloadable",
            yes="forms can be downloaded (or there are none)",
            no="forms cannot be downloaded",
        )
    if criterion is Criterion.ONLINE_SUBMISSION:
        return _yes(
            facts.online_submission,
            good=True,
            fact="online_submission",
            yes="forms are filled in and submitted online",
            no="the dossier cannot be submitted online",
        )
    if criterion is Criterion.ELECTRONIC_DOSSIER:
        return _yes(
            facts.electronic_dossier,
            good=True,
            fact="electronic_dossier",
            yes="the whole dossier can be sent electronically",
            no="part of the dossier cannot be sent electronically",
        )
    if criterion is Criterion.ONLINE_PAYMENT:
        return _payment(facts)
    if criterion is Criterion.NO_PAPER:
        return _yes(
            facts.paper_required,
            good=False,
            fact="paper_required",
            yes="a document must be filed or shown on paper",
            no="no paper document to file or show",
        )
    if criterion is Criterion.NO_PRESENCE:
        return _yes(
            facts.presence_required,
            good=False,
            fact="presence_required",
            yes="the applicant must be present in person",
            no="the applicant need not be present",
        )
    if criterion is Criterion.NO_ON_SITE_VERIFICATION:
        return _yes(
            facts.on_site_verification,
            good=False,
            fact="on_site_verification",
            yes="the agency must verify on site",
            no="no on-site verification",
        )
    if criterion is Criterion.ELECTRONIC_RESULT:
        return _yes(
            facts.electronic_result,
            good=True,
            fact="electronic_result",
            yes="the result is issued electronically",
            no="the result is issued on paper only",
        )
    return _delivery(facts)


def _payment(facts: OnlineFacts) -> tuple[bool, bool, str]:
    if facts.fee_applies is False:
        return True, True, "no fee or charge applies"
    if facts.online_payment is True:
        return True, True, "fees can be paid online"
    if facts.fee_applies is None:
        return False, False, f"{_UNKNOWN} (whether a fee applies and whether it can be paid online)"
    if facts.online_payment is None:
        return False, False, f"{_UNKNOWN} (a fee applies; online_payment is not stated)"
    return False, True, "a fee applies and cannot be paid online"


def _delivery(facts: OnlineFacts) -> tuple[bool, bool, str]:
    channels = facts.result_channels
    if channels is None:
        return False, False, f"{_UNKNOWN} (result_channels is not stated)"
    named = ", ".join(c.value for c in channels) or "none"
    if Channel.ONLINE in channels or Channel.POSTAL in channels:
        return True, True, f"the result can be returned by: {named}"
    return False, True, f"the result is returned only by: {named} (neither online nor by post)"


def judge(
    criterion: Criterion, facts: OnlineFacts, regime: Regime | OnlineRegime, on: dt.date
) -> CriterionResult:
    """Judge one criterion over ``facts`` under ``regime`` (as defined on ``on``)."""
    from tthc.levels._regimes import definition_of

    passed, known, explanation = _evaluate(criterion, facts)
    return CriterionResult(
        criterion=criterion,
        passed=passed,
        known=known,
        citation=definition_of(regime, on).criterion(criterion).citation,
        explanation=explanation,
    )
