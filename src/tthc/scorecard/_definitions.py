"""Decision 766/QĐ-TTg's scorecard as dated, cited data: groups, indicators, conversions.

The indicators, their maxima and their conversion to points are what the
national portal (Cổng Dịch vụ công quốc gia, DVCQG) computes, as transcribed
by the public project ChippedTopaz/qd766 from the administrators' formula
description (``Mô tả công thức tính chỉ số 766.docx``), the portal's METRICS
sheet (``Công thức 766.xlsx``) and scores fitted to the portal's answers. None
of it is legal text: every citation is *secondary*, and what the sources leave
open is a documented switch or an unresolved indicator.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from tthc._labels import LabelledEnum, Lang
from tthc.citations import Citation, Confidence
from tthc.errors import UnknownCodeError

__all__ = [
    "VERSIONS",
    "Basis",
    "Conversion",
    "ConversionKind",
    "Group",
    "Indicator",
    "ScorecardVersion",
    "ZeroDenominator",
    "load_versions",
    "version",
]

# The sources of the shipped data (data/versions.json, every citation secondary):
# github.com/ChippedTopaz/qd766 web/src/formula-document.ts@0a54bd2 (the formula
# description, paragraph by paragraph), docs/metrics.m0.json@72417cd (the METRICS sheet:
# maxima), docs/SCORING_ANALYSIS_M0.md@4b89c95 (conversions fitted to the portal's
# scores), web/src/formula-maximums.ts@795e27e (payment split 2 + 2 + 6).


class Group(LabelledEnum):
    """The six groups of the 2026 scorecard (the portal's API path in the docstrings)."""

    TRANSPARENCY = ("transparency", "Công khai, minh bạch", "Transparency")
    PROGRESS = ("progress", "Tiến độ giải quyết", "Progress of handling")
    ONLINE_SERVICE = ("online_service", "Dịch vụ công trực tuyến", "Online public services")
    DIGITISATION = ("digitisation", "Số hóa hồ sơ", "Digitisation of dossiers")
    SATISFACTION = ("satisfaction", "Mức độ hài lòng", "Satisfaction")
    ONLINE_PAYMENT = ("online_payment", "Thanh toán trực tuyến", "Online payment")


class Basis(LabelledEnum):
    """What an indicator counts: dossiers, procedures, petitions, or data tthc does not hold."""

    DOSSIERS = ("dossiers", "Hồ sơ", "Dossiers")
    PROCEDURES = ("procedures", "Thủ tục hành chính", "Procedures")
    FEEDBACK = ("feedback", "Phản ánh, kiến nghị", "Petitions (PAKN)")
    OTHER = ("other", "Dữ liệu khác", "Other data")


class ConversionKind(enum.Enum):
    """How a fraction becomes points."""

    #: ``maximum × min(1, fraction)``
    LINEAR = "linear"
    #: ``maximum × min(1, fraction / target)``: full marks from ``target``
    THRESHOLD = "threshold"
    #: no points (tracked indicator, maximum 0 or none)
    TRACKED = "tracked"
    #: the sources do not say how points are given
    UNRESOLVED = "unresolved"


class ZeroDenominator(enum.Enum):
    """What an indicator scores when nothing is in its scope (denominator 0)."""

    NOT_COMPUTABLE = "not_computable"
    FULL = "full"
    ZERO = "zero"


@attrs.frozen
class Conversion:
    """The conversion of a fraction to points, with where it was read."""

    kind: ConversionKind
    target: float = 1.0
    zero: ZeroDenominator = ZeroDenominator.NOT_COMPUTABLE
    citation: Citation | None = None

    def points(self, maximum: float, fraction: float) -> float:
        """Points for ``fraction`` (0–1) out of ``maximum``; always within ``[0, maximum]``."""
        if self.kind is ConversionKind.THRESHOLD:
            return maximum * min(1.0, max(0.0, fraction) / self.target)
        return maximum * min(1.0, max(0.0, fraction))


@attrs.frozen
class Indicator:
    """One indicator of a scorecard version.

    ``id`` is the number in the formula description (``"2.1"``; ``"3.0"`` and
    ``"4.6"`` for METRICS rows the description has no number for);
    ``metric_code`` the portal's code when it has one; ``maximum`` ``None``
    for an indicator tracked without points. ``conversion`` is the one fitted
    to the portal's scores (the default); ``described`` the one the
    description's notes state, when they differ.
    """

    id: str
    group: Group
    name_vi: str
    name_en: str
    basis: Basis
    numerator: str
    denominator: str
    scope: str
    maximum: float | None
    conversion: Conversion
    citation: Citation
    metric_code: str | None = None
    described: Conversion | None = None
    uncertain: str | None = None

    def name(self, lang: Lang = "vi") -> str:
        """The indicator's name in ``lang``."""
        return self.name_vi if lang == "vi" else self.name_en

    @property
    def confidence(self) -> Confidence:
        """How sure tthc is of the indicator (secondary for the whole 2026 table)."""
        return self.citation.confidence


@attrs.frozen
class ScorecardVersion:
    """One formula description: its indicators, group maxima and the date it was read."""

    id: str
    described_on: dt.date
    title: str
    indicators: tuple[Indicator, ...]
    citation: Citation

    def indicator(self, id: str) -> Indicator:
        """The indicator numbered ``id``; raises ``UnknownCodeError`` listing the known ones."""
        for item in self.indicators:
            if item.id == id:
                return item
        raise UnknownCodeError(id, f"the indicators of {self.id}", known=self.ids)

    @property
    def ids(self) -> list[str]:
        """The indicator numbers, in order."""
        return [i.id for i in self.indicators]

    def group_maximum(self, group: Group) -> float:
        """The points a group is worth (the sum of its indicators' maxima)."""
        return sum(i.maximum or 0.0 for i in self.indicators if i.group is group)

    @property
    def maximum(self) -> float:
        """The points the whole scorecard is worth (100 for the 2026 version)."""
        return sum(i.maximum or 0.0 for i in self.indicators)


#: Where the versions are read from (package data, one strict reading at import).
DATA = "data/versions.json"
_KEYS = frozenset({"about", "versions"})


def load_versions(text: str | bytes) -> tuple[ScorecardVersion, ...]:
    """The scorecard versions of a ``versions.json`` text, read strictly.

    Unknown or duplicate keys, a missing field or a value of the wrong type
    raise :class:`~tthc.errors.ValidationError` with its path; version ids and
    indicator ids must be unique.
    """
    from tthc._json import loads_json
    from tthc.errors import ValidationError
    from tthc.serialization import from_dict

    data = loads_json(text)
    if not isinstance(data, dict) or set(data) - _KEYS or "versions" not in data:
        raise ValidationError.single(
            "$", type(data).__name__, "an object with 'about' and 'versions'", what="versions.json"
        )
    items = data["versions"]
    if not isinstance(items, list) or not items:
        raise ValidationError.single(
            "$.versions", items, "a non-empty list of versions", what="versions.json"
        )
    versions = tuple(from_dict(ScorecardVersion, item) for item in items)
    seen: set[str] = set()
    for k, v in enumerate(versions):
        if v.id in seen:
            raise ValidationError.single(
                f"$.versions[{k}].id", v.id, "a version id used once", what="versions.json"
            )
        seen.add(v.id)
        ids = v.ids
        for j, id_ in enumerate(ids):
            if id_ in ids[:j]:
                raise ValidationError.single(
                    f"$.versions[{k}].indicators[{j}].id",
                    id_,
                    "an indicator id used once per version",
                    what="versions.json",
                )
    return versions


def _shipped() -> tuple[ScorecardVersion, ...]:
    from importlib.resources import files

    return load_versions(files("tthc.scorecard").joinpath(DATA).read_bytes())


#: Every scorecard version tthc ships, newest first (``scorecard/data/versions.json``).
VERSIONS: tuple[ScorecardVersion, ...] = _shipped()


def version(id: str | None = None) -> ScorecardVersion:
    """The scorecard version ``id`` (the newest when ``None``).

    >>> v = version()
    >>> v.id, v.maximum, len(v.indicators)
    ('dvcqg-2026', 100.0, 22)
    """
    if id is None:
        return VERSIONS[0]
    for item in VERSIONS:
        if item.id == id:
            return item
    raise UnknownCodeError(id, "the scorecard versions", known=[v.id for v in VERSIONS])
