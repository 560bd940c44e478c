"""Reform targets as dated, cited data, and how far a province is from them.

Each target says where it was read and how sure tthc is (its
:class:`~tthc.citations.Citation`), and whom it binds (``scope``: ``None``
for the whole country, else the province whose plan set it):

- the shares from which the national portal's 2026 scorecard gives full
  marks (the administrators' formula description; secondary);
- the targets the provincial reform reports (the project's seed documents) state
  (their sources name the seed file, ``seeds/…``),
  read in the press (secondary, each with outlet and date): digitised results
  by tier with a yearly increase (Bình Dương's plan 2021–2030), level-4
  services, portal integration, online dossiers and satisfaction by 2025
  (Bình Thuận's programme 2021–2025), and the centre's 50% online target
  that Kon Tum's report of September 2023 quotes (unconfirmed: the article
  does not name the document nor say what the 50% is a share of).

The primary texts (Resolution 76/NQ-CP of 15/7/2021, Decision 468/QĐ-TTg of
27/3/2021, Decision 06/QĐ-TTg of 2022) were searched for and not found, so
no target is attributed to them. Build other targets with :class:`Target`
(per tier, with a yearly increase) and pass them to :func:`progress_against`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from tthc._labels import LabelledEnum, Lang
from tthc.citations import Citation, Confidence
from tthc.errors import ValidationError
from tthc.model import AdministrativeTier
from tthc.scorecard._compute import Scorecard

__all__ = ["SCORECARD_MEASURES", "TARGETS", "Measure", "Progress", "Target", "progress_against"]


class Measure(LabelledEnum):
    """A share a reform target is set on (each a fraction from 0 to 1)."""

    ONLINE_SERVICE_SHARE = (
        "online_service_share",
        "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
        "Share of procedures offered online",
    )
    ONLINE_DOSSIER_SHARE = (
        "online_dossier_share",
        "Tỷ lệ hồ sơ trực tuyến",
        "Share of dossiers filed online",
    )
    DIGITISED_SHARE = ("digitised_share", "Tỷ lệ hồ sơ được số hóa", "Share of dossiers digitised")
    REUSE_SHARE = (
        "reuse_share",
        "Tỷ lệ hồ sơ tái sử dụng dữ liệu số hóa",
        "Share of dossiers reusing digitised data",
    )
    FEE_INTEGRATION_SHARE = (
        "fee_integration_share",
        "Tỷ lệ TTHC có phí, lệ phí được tích hợp thanh toán trực tuyến",
        "Share of fee-bearing procedures integrated for online payment",
    )
    SATISFACTION = (
        "satisfaction",
        "Mức độ hài lòng trong tiếp nhận, giải quyết TTHC",
        "Satisfaction with receipt and handling",
    )
    FULL_ONLINE_SERVICE_SHARE = (
        "full_online_service_share",
        "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình (mức độ 4)",
        "Share of procedures offered as full online (level-4) services",
    )
    PORTAL_INTEGRATION_SHARE = (
        "portal_integration_share",
        "Tỷ lệ TTHC được tích hợp trên Cổng Dịch vụ công quốc gia",
        "Share of procedures integrated on the National Public Service Portal",
    )
    DIGITISED_RESULT_SHARE = (
        "digitised_result_share",
        "Tỷ lệ số hóa kết quả giải quyết TTHC",
        "Share of procedure results digitised",
    )


#: Where a measure is read in a :class:`Scorecard` (the indicator id); the
#: others (catalogue shares, digitised results by tier) come from
#: :func:`tthc.reports.reform_report` or a mapping.
SCORECARD_MEASURES: dict[Measure, str] = {
    Measure.ONLINE_SERVICE_SHARE: "3.1",
    Measure.ONLINE_DOSSIER_SHARE: "3.3",
    Measure.DIGITISED_SHARE: "4.2",
    Measure.REUSE_SHARE: "4.3",
    Measure.FEE_INTEGRATION_SHARE: "6.1",
    Measure.SATISFACTION: "5.4",
}


def _fraction(_instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValidationError.single(attribute.name, value, "a fraction from 0 to 1", what="Target")


@attrs.frozen
class Target:
    """A reform target: ``measure`` at least ``minimum`` (for ``tier``, from ``year`` on).

    ``yearly_increase`` raises the minimum each year after ``year``, up to
    ``1`` (e.g. "30%, then 20 points more a year until 100%");
    ``until_year`` ends it. ``tier`` ``None`` applies to every tier.
    ``scope`` is whom it binds: ``None`` for the whole country, else the
    province whose plan set it (a report shows it as that plan's target).
    """

    id: str
    measure: Measure
    minimum: float = attrs.field(validator=_fraction)
    year: int
    citation: Citation
    tier: AdministrativeTier | None = None
    yearly_increase: float | None = attrs.field(default=None, validator=_fraction)
    until_year: int | None = None
    scope: str | None = None

    def minimum_in(self, year: int) -> float | None:
        """The minimum in ``year`` (``None`` when the target does not apply that year)."""
        if year < self.year or (self.until_year is not None and year > self.until_year):
            return None
        if self.yearly_increase is None:
            return self.minimum
        return min(1.0, round(self.minimum + self.yearly_increase * (year - self.year), 10))


@attrs.frozen
class Progress:
    """One target against one value: met or not, and by how much (``value - minimum``)."""

    target: Target
    year: int
    minimum: float
    value: float | None
    tier: AdministrativeTier | None = None
    reason_vi: str | None = None
    reason_en: str | None = None

    def reason(self, lang: Lang = "vi") -> str | None:
        """Why there is no value, in ``lang``."""
        return self.reason_vi if lang == "vi" else self.reason_en

    @property
    def met(self) -> bool | None:
        """Whether the value reaches the minimum (``None`` when there is no value)."""
        return None if self.value is None else self.value >= self.minimum - 1e-12

    @property
    def gap(self) -> float | None:
        """``value - minimum`` (negative: short of the target)."""
        return None if self.value is None else self.value - self.minimum


def _portal(provision: str) -> Citation:
    return Citation.of(
        "Mô tả công thức tính chỉ số 766 (DVCQG administrators)",
        provision,
        Confidence.SECONDARY,
        note="full marks from this share on the national portal's 2026 scorecard",
        source="github.com/ChippedTopaz/qd766, web/src/formula-document.ts@0a54bd2",
    )


_BINH_DUONG = Citation.of(
    "Kế hoạch cải cách hành chính tỉnh Bình Dương giai đoạn 2021–2030",
    None,
    Confidence.SECONDARY,
    note=(
        "as a news report states the plan: results of the provincial, district and commune "
        "tiers digitised at least 30%, 20% and 15%, then at least 20% more a year for each "
        "tier until 100%. The article gives the period 2021–2030, not the year of the "
        "30/20/15%: tthc takes 2021 (the first year of the period). The same figures are "
        "commonly attributed to Decision 468/QĐ-TTg of 27/3/2021, whose text was not read. "
        "The copy read (byline Hồ Văn) does not print its outlet or date"
    ),
    source="Hồ Văn (seeds/002_de3a386ec1690e1f.txt)",
)


def _binh_thuan(what: str) -> Citation:
    return Citation.of(
        "Quyết định 490 của UBND tỉnh Bình Thuận (Chương trình hành động CCHC 2021–2025)",
        None,
        Confidence.SECONDARY,
        note=f"as the article states it: {what}, by 2025",
        source="BTNO, 21/03/2021 (seeds/004_123fe4bec6b94794.txt)",
    )


_KON_TUM = Citation.of(
    "chỉ tiêu do Trung ương giao (văn bản không được nêu tên)",
    None,
    Confidence.UNCONFIRMED,
    note=(
        "Kon Tum's Report 332/BC-UBND of 22/9/2023, as an article of 28/09/2023 quotes it: "
        "'chỉ tiêu 50% dịch vụ công trực tuyến từ xa do Trung ương giao', set for the whole "
        "country. Neither the document nor the year it sets, nor that the 50% is a share of "
        "dossiers, is stated: read here as the online-dossier share in force in 2023. "
        "The copy read does not print its outlet"
    ),
    source="28/09/2023 (seeds/001_107699b144bc9579.txt)",
)

_TIERS_468 = (
    (AdministrativeTier.PROVINCE, 0.30),
    (AdministrativeTier.DISTRICT, 0.20),
    (AdministrativeTier.COMMUNE, 0.15),
)

#: The targets tthc ships (each with the text it was read in).
TARGETS: tuple[Target, ...] = (
    Target(
        "766-2026-3.1",
        Measure.ONLINE_SERVICE_SHARE,
        0.8,
        2026,
        _portal("indicator 3.1, notes, lines 195-197"),
    ),
    Target(
        "766-2026-3.3",
        Measure.ONLINE_DOSSIER_SHARE,
        0.5,
        2026,
        _portal("indicator 3.3, notes, lines 247-249"),
    ),
    Target(
        "766-2026-3.5",
        Measure.FEE_INTEGRATION_SHARE,
        0.8,
        2026,
        _portal("indicator 3.5, notes, lines 278-280"),
    ),
    Target(
        "766-2026-4.2",
        Measure.DIGITISED_SHARE,
        0.8,
        2026,
        _portal("indicator 4.2, notes, lines 353-355"),
    ),
    Target(
        "766-2026-4.3",
        Measure.REUSE_SHARE,
        0.8,
        2026,
        _portal("indicator 4.3, notes, lines 382-384"),
    ),
    Target(
        "766-2026-5.4",
        Measure.SATISFACTION,
        0.9,
        2026,
        _portal("indicator 5.4, notes, lines 522-524"),
    ),
    *(
        Target(
            f"binh-duong-2021-digitised-results-{tier.value}",
            Measure.DIGITISED_RESULT_SHARE,
            minimum,
            2021,
            _BINH_DUONG,
            tier=tier,
            yearly_increase=0.2,
            # the district tier ended on 1/7/2025 (tthc.model.AdministrativeTier)
            until_year=2025 if tier is AdministrativeTier.DISTRICT else 2030,
            scope="Bình Dương",
        )
        for tier, minimum in _TIERS_468
    ),
    Target(
        "binh-thuan-2025-level-4",
        Measure.FULL_ONLINE_SERVICE_SHARE,
        1.0,
        2025,
        _binh_thuan("100% TTHC được cung cấp dịch vụ công trực tuyến mức độ 4"),
        until_year=2025,
        scope="Bình Thuận",
    ),
    Target(
        "binh-thuan-2025-portal",
        Measure.PORTAL_INTEGRATION_SHARE,
        0.5,
        2025,
        _binh_thuan("50% TTHC được tích hợp trên Cổng dịch vụ công quốc gia"),
        until_year=2025,
        scope="Bình Thuận",
    ),
    Target(
        "binh-thuan-2025-online-dossiers",
        Measure.ONLINE_DOSSIER_SHARE,
        0.5,
        2025,
        _binh_thuan(
            "tỷ lệ hồ sơ TTHC giải quyết trực tuyến mức độ 3 và mức độ 4 (hồ sơ phát sinh "
            "trực tuyến) đạt tối thiểu 50%"
        ),
        until_year=2025,
        scope="Bình Thuận",
    ),
    Target(
        "binh-thuan-2025-satisfaction",
        Measure.SATISFACTION,
        0.9,
        2025,
        _binh_thuan(
            "mức độ hài lòng của người dân và doanh nghiệp giải quyết TTHC ở các lĩnh vực đạt "
            "tối thiểu 90%"
        ),
        until_year=2025,
        scope="Bình Thuận",
    ),
    Target(
        "centre-2023-online-50",
        Measure.ONLINE_DOSSIER_SHARE,
        0.5,
        2023,
        _KON_TUM,
        until_year=2023,
    ),
)


def _values(metrics: Any, tier: AdministrativeTier | None) -> dict[Measure, float | None]:
    if isinstance(metrics, Scorecard):
        unit: tuple[Any, ...] = ()
        if tier is not None:
            if metrics.by != ("tier",):
                return dict.fromkeys(Measure)
            unit = (tier.value,)
        out: dict[Measure, float | None] = dict.fromkeys(Measure)
        for measure, indicator in SCORECARD_MEASURES.items():
            found = [r for r in metrics.results if r.indicator.id == indicator and r.unit == unit]
            out[measure] = found[0].fraction if found else None
        return out
    if isinstance(metrics, Mapping):
        out = {}
        for measure in Measure:
            value = metrics.get((measure, tier)) if tier is not None else None
            if value is None:
                value = metrics.get(measure) if tier is None else value
            out[measure] = None if value is None else float(value)
        return out
    raise ValidationError.single(
        "metrics",
        type(metrics).__name__,
        "a tthc.scorecard.Scorecard or a mapping of Measure (or (Measure, tier)) to a fraction",
    )


def progress_against(
    targets: Iterable[Target],
    metrics: Any,
    *,
    year: int,
    tiers: Iterable[AdministrativeTier | None] = (None,),
) -> tuple[Progress, ...]:
    """Each target in force in ``year`` against ``metrics``, per tier.

    ``metrics`` is a :class:`~tthc.scorecard.Scorecard` (a measure is read
    from its indicator, see ``SCORECARD_MEASURES``; per tier when it was
    computed ``by="tier"``) or a mapping of :class:`Measure`, or of
    ``(Measure, tier)``, to a fraction. A target set for one tier is checked
    for that tier only; a target for every tier is checked for each of
    ``tiers``. A missing value gives ``met is None`` with the reason.

    >>> from tthc.scorecard import TARGETS, Measure
    >>> [p.met for p in progress_against(TARGETS, {Measure.SATISFACTION: 0.93}, year=2026)
    ...  if p.target.measure is Measure.SATISFACTION]
    [True]
    """
    out: list[Progress] = []
    wanted = list(tiers)
    cache: dict[AdministrativeTier | None, dict[Measure, float | None]] = {}
    for target in targets:
        if not isinstance(target, Target):
            raise ValidationError.single("targets", type(target).__name__, "Target values")
        minimum = target.minimum_in(year)
        if minimum is None:
            continue
        for tier in [target.tier] if target.tier is not None else wanted:
            if tier not in cache:
                cache[tier] = _values(metrics, tier)
            value = cache[tier][target.measure]
            if value is None:
                why_vi: str | None = f"không có số liệu: {target.measure.vi}"
                why_en: str | None = f"no value for {target.measure.value}"
            else:
                why_vi = why_en = None
            out.append(Progress(target, year, minimum, value, tier, why_vi, why_en))
    return tuple(out)
