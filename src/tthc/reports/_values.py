"""The report's values: figures per unit, catalogue counts, each figure against its targets."""

from __future__ import annotations

from typing import Any

import attrs

from tthc.model import AdministrativeTier
from tthc.scorecard import Measure, Progress

__all__ = ["CatalogueCounts", "Comparison", "DossierFigures", "TierShare", "Unit"]


def _share(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


@attrs.frozen
class TierShare:
    """Digitised results of one tier: ``digitised`` of ``resolved`` (those stating it)."""

    tier: AdministrativeTier
    digitised: int
    resolved: int

    @property
    def share(self) -> float | None:
        """``digitised / resolved`` (``None`` without resolved dossiers)."""
        return _share(self.digitised, self.resolved)


@attrs.frozen
class DossierFigures:
    """The dossier counts a reform report states, for one unit and the period.

    ``received`` counts the dossiers received in the period that could be
    judged (``invalid`` the others, listed in :attr:`Report.problems`);
    ``in_person`` / ``postal`` / ``online`` split them by channel
    (``channel_not_stated`` without a channel); ``full_online`` counts the
    online dossiers of full online (level-4) services, ``None`` without a
    ``full_online_service`` column. ``resolved`` = ``early`` + ``on_time`` +
    ``late`` as of the report's moment; ``open_in_time`` / ``open_overdue``
    are still being handled; ``stopped`` were stopped. ``digitised`` /
    ``digitised_of``: resolved dossiers whose result was digitised, of those
    stating it (``result_digitised`` column); ``satisfied`` / ``rated``: the
    ratings given (``rating`` column). ``None``: the log has no such column.
    """

    received: int
    in_person: int
    postal: int
    online: int
    channel_not_stated: int
    resolved: int
    early: int
    on_time: int
    late: int
    open_in_time: int
    open_overdue: int
    stopped: int
    invalid: int
    full_online: int | None = None
    digitised: int | None = None
    digitised_of: int | None = None
    by_tier: tuple[TierShare, ...] = ()
    satisfied: int | None = None
    rated: int | None = None

    @property
    def online_share(self) -> float | None:
        """Online dossiers / received (tỷ lệ hồ sơ trực tuyến)."""
        return _share(self.online, self.received)

    @property
    def postal_share(self) -> float | None:
        """Postal dossiers / received."""
        return _share(self.postal, self.received)

    @property
    def in_person_share(self) -> float | None:
        """In-person dossiers / received."""
        return _share(self.in_person, self.received)

    @property
    def full_online_share(self) -> float | None:
        """Online dossiers of full online services / received."""
        return _share(self.full_online, self.received)

    @property
    def resolved_share(self) -> float | None:
        """Resolved / received."""
        return _share(self.resolved, self.received)

    @property
    def on_time_share(self) -> float | None:
        """(early + on time) / resolved (tỷ lệ giải quyết đúng hạn)."""
        return _share(self.early + self.on_time, self.resolved)

    @property
    def open(self) -> int:
        """Dossiers still being handled."""
        return self.open_in_time + self.open_overdue

    @property
    def digitised_share(self) -> float | None:
        """Digitised results / resolved dossiers stating it."""
        return _share(self.digitised, self.digitised_of)

    @property
    def satisfaction(self) -> float | None:
        """Satisfied ratings / ratings given."""
        return _share(self.satisfied, self.rated)

    def value(self, key: str) -> Any:
        """The figure named ``key`` (a field or a share)."""
        return getattr(self, key)


@attrs.frozen
class Unit:
    """The figures of one unit: ``key`` ``()`` for everything, else the ``by`` values."""

    key: tuple[Any, ...]
    figures: DossierFigures


@attrs.frozen
class CatalogueCounts:
    """Procedures of the catalogue in force at the end of the period, by online mode.

    ``integrated`` (and its split by mode) is ``None`` when the caller did not
    say which procedures are integrated on the national portal: procedure
    records do not state it.
    """

    procedures: int
    full_online: int
    partial_online: int
    integrated: int | None = None
    integrated_full: int | None = None
    integrated_partial: int | None = None

    @property
    def online(self) -> int:
        """Procedures offered online (full or partial)."""
        return self.full_online + self.partial_online

    @property
    def full_online_service_share(self) -> float | None:
        """Full online (level-4) services / procedures."""
        return _share(self.full_online, self.procedures)

    @property
    def integrated_share(self) -> float | None:
        """Integrated on the national portal / procedures."""
        return _share(self.integrated, self.procedures)


#: The figure a measure is read from (catalogue figures start with ``catalogue.``).
MEASURE_FIGURES: dict[Measure, str] = {
    Measure.ONLINE_DOSSIER_SHARE: "online_share",
    Measure.SATISFACTION: "satisfaction",
    Measure.DIGITISED_RESULT_SHARE: "digitised_share",
    Measure.FULL_ONLINE_SERVICE_SHARE: "catalogue.full_online_service_share",
    Measure.PORTAL_INTEGRATION_SHARE: "catalogue.integrated_share",
}


@attrs.frozen
class Comparison:
    """One figure against one target: the :class:`~tthc.scorecard.Progress`, and when it is due.

    ``in_force`` is ``True`` for a target of the report's year; ``False`` for
    a later year's target (shown for reference: how far the figure is from it).
    """

    figure: str
    progress: Progress
    in_force: bool

    @property
    def met(self) -> bool | None:
        """Whether the figure reaches the target (``None`` without a value)."""
        return self.progress.met
