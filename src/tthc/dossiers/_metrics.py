"""On-time metrics over any number of dossiers, in one pass and constant memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

import attrs

from tthc import _display
from tthc.deadlines import ClockPolicy, OfficeHours, OpenStatus, Outcome, WorkingCalendar
from tthc.dossiers._lifecycle import DossierState, status
from tthc.model import AdministrativeTier, Channel, Dossier, OnlineMode

__all__ = [
    "Metrics",
    "by_agency",
    "by_channel",
    "by_month",
    "by_tier",
    "summarize",
    "summarize_by",
]

K = TypeVar("K", bound=Hashable)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@attrs.frozen
class Metrics:
    """Counts over a set of dossiers as of one moment; add two to merge them.

    Counts only (never averages), so metrics over the parts of a split set
    add up to the metrics over the whole. The portal's buckets (trước hạn,
    đúng hạn, trễ hạn; trong hạn, quá hạn) and Decision 766/QĐ-TTg's on-time
    rate (early and on time together) are derived from them.

    - ``received``: dossiers received (Form 01) by the moment;
    - ``resolved``: returned or refused, split into ``early``,
      ``on_time`` and ``late``;
    - ``open_in_time`` / ``open_overdue``: received and still open;
    - ``stopped``: stopped or withdrawn (counted in no rate);
    - ``online`` / ``full_online`` / ``postal`` / ``in_person``: received
      dossiers by channel of submission; ``full_online`` counts online
      dossiers of procedures whose record claims full online service.
    """

    __repr__ = _display.metrics_repr  # short; the data: attrs.asdict / tthc.serialization
    _repr_html_ = _display.metrics_html

    received: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    stopped: int = 0
    online: int = 0
    full_online: int = 0
    postal: int = 0
    in_person: int = 0

    def __add__(self, other: Metrics) -> Metrics:
        if not isinstance(other, Metrics):
            return NotImplemented
        return Metrics(
            *(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other), strict=True))
        )

    @property
    def open(self) -> int:
        """Received dossiers still open."""
        return self.open_in_time + self.open_overdue

    @property
    def on_time_rate(self) -> float | None:
        """(early + on time) / resolved; ``None`` when nothing is resolved."""
        return _ratio(self.early + self.on_time, self.resolved)

    @property
    def progress_rate(self) -> float | None:
        """(early + on time + open in time) / (resolved + open).

        The progress indicator of Decision 766/QĐ-TTg as the national portal
        computes it (pending dossiers within time count as on time; portal
        scorecard 2026, ../shared/domain/one-stop-2025.md §B).
        """
        return _ratio(self.early + self.on_time + self.open_in_time, self.resolved + self.open)

    @property
    def online_share(self) -> float | None:
        """Online dossiers / received."""
        return _ratio(self.online, self.received)

    @property
    def full_online_share(self) -> float | None:
        """Full-online dossiers / received."""
        return _ratio(self.full_online, self.received)

    @property
    def postal_share(self) -> float | None:
        """Dossiers filed through the public postal service / received."""
        return _ratio(self.postal, self.received)

    def as_record(self) -> dict[str, Any]:
        """A plain dict of counts and rates, for pandas or any dataframe library."""
        record: dict[str, Any] = attrs.asdict(self)
        record.update(
            open=self.open,
            on_time_rate=self.on_time_rate,
            progress_rate=self.progress_rate,
            online_share=self.online_share,
            full_online_share=self.full_online_share,
            postal_share=self.postal_share,
        )
        return record


def _one(
    dossier: Dossier,
    as_of: dt.datetime,
    calendar: WorkingCalendar | None,
    hours: OfficeHours | None,
    policy: ClockPolicy | None,
) -> Metrics:
    if dossier.received_at is None or dossier.received_at > as_of:
        return Metrics()
    now = status(dossier, as_of, calendar=calendar, hours=hours, policy=policy)
    counts: dict[str, int] = {"received": 1}
    if now.state is DossierState.STOPPED:
        counts["stopped"] = 1
    elif now.outcome is not None:
        counts["resolved"] = 1
        key = {Outcome.TRUOC_HAN: "early", Outcome.DUNG_HAN: "on_time", Outcome.QUA_HAN: "late"}
        counts[key[now.outcome]] = 1
    elif now.open_status is OpenStatus.QUA_HAN:
        counts["open_overdue"] = 1
    elif now.open_status is OpenStatus.TRONG_HAN:
        counts["open_in_time"] = 1
    channel = {Channel.ONLINE: "online", Channel.POSTAL: "postal", Channel.IN_PERSON: "in_person"}
    counts[channel[dossier.channel]] = 1
    service = dossier.procedure.online_service
    if (
        dossier.channel is Channel.ONLINE
        and service is not None
        and service.mode is OnlineMode.FULL
    ):
        counts["full_online"] = 1
    return Metrics(**counts)


def summarize(
    dossiers: Iterable[Dossier],
    as_of: dt.datetime,
    *,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
) -> Metrics:
    """Metrics over ``dossiers`` as of ``as_of``, in one pass (any iterable, even a generator).

    >>> import datetime as dt
    >>> from tthc import catalogue
    >>> from tthc.deadlines import VIETNAM
    >>> from tthc.model import Channel, Dossier, Received, Returned
    >>> t = lambda *a: dt.datetime(*a, tzinfo=VIETNAM)
    >>> p = catalogue.get("1.004222")
    >>> done = Dossier(procedure=p, channel=Channel.ONLINE,
    ...                events=[Received(t(2026, 11, 2, 9)), Returned(t(2026, 11, 6, 9))])
    >>> waiting = Dossier(procedure=p, channel=Channel.IN_PERSON,
    ...                   events=[Received(t(2026, 11, 2, 9))])
    >>> m = summarize([done, waiting], as_of=t(2026, 11, 20, 9))
    >>> m.resolved, m.early, m.open_overdue, m.on_time_rate, m.progress_rate
    (1, 1, 1, 1.0, 0.5)
    """
    total = Metrics()
    for dossier in dossiers:
        total = total + _one(dossier, as_of, calendar, hours, policy)
    return total


def summarize_by(
    dossiers: Iterable[Dossier],
    key: Callable[[Dossier], K],
    as_of: dt.datetime,
    *,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
) -> dict[K, Metrics]:
    """Metrics per group, e.g. ``summarize_by(dossiers, by_agency, as_of)``.

    Memory grows with the number of groups, not of dossiers.
    """
    groups: dict[K, Metrics] = {}
    for dossier in dossiers:
        group = key(dossier)
        groups[group] = groups.get(group, Metrics()) + _one(dossier, as_of, calendar, hours, policy)
    return groups


def by_agency(dossier: Dossier) -> str | None:
    """Group key: the receiving agency's name (``None`` if not recorded)."""
    return None if dossier.agency is None else dossier.agency.name


def by_tier(dossier: Dossier) -> AdministrativeTier | None:
    """Group key: the agency's tier, else the procedure's first tier."""
    if dossier.agency is not None and dossier.agency.tier is not None:
        return dossier.agency.tier
    return dossier.procedure.tiers[0] if dossier.procedure.tiers else None


def by_channel(dossier: Dossier) -> Channel:
    """Group key: the channel of submission."""
    return dossier.channel


def by_month(dossier: Dossier) -> str | None:
    """Group key: the month of receipt, ``"YYYY-MM"`` (``None`` if not received)."""
    received = dossier.received_at
    return None if received is None else f"{received:%Y-%m}"
