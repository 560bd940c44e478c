"""Reform targets as dated, cited data, and how far a province is from them.

Only targets whose source text was read ship here: the shares from which the
national portal's 2026 scorecard gives full marks (the administrators' formula
description; secondary). The targets of the national master programme
(Resolution 76/NQ-CP), of Decision 468/QĐ-TTg (digitisation by tier with a
yearly increase) and of the provincial plans were *not* read, so they are not
shipped: build them with :class:`Target` (per tier, with a yearly increase)
and pass them to :func:`progress_against`.
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

__all__ = ["TARGETS", "Measure", "Progress", "Target", "progress_against"]


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


#: Where each measure is read in a :class:`Scorecard` (the indicator id).
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
    """

    id: str
    measure: Measure
    minimum: float = attrs.field(validator=_fraction)
    year: int
    citation: Citation
    tier: AdministrativeTier | None = None
    yearly_increase: float | None = attrs.field(default=None, validator=_fraction)
    until_year: int | None = None

    def minimum_in(self, year: int) -> float | None:
        """The minimum in ``year`` (``None`` when the target does not apply that year)."""
        if year < self.year or (self.until_year is not None and year > self.until_year):
            return None
        if self.yearly_increase is None:
            return self.minimum
        return min(1.0, self.minimum + self.yearly_increase * (year - self.year))


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
)


def _values(metrics: Any, tier: AdministrativeTier | None) -> dict[Measure, float | None]:
    if isinstance(metrics, Scorecard):
        unit: tuple[Any, ...] = ()
        if tier is not None:
            if metrics.by != ("tier",):
                return dict.fromkeys(Measure)
            unit = (tier.value,)
        out: dict[Measure, float | None] = {}
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
