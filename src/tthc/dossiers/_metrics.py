"""On-time metrics over any number of dossiers, in one pass and constant memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from tthc import _views
from tthc.deadlines import (
    VIETNAM,
    ClockPolicy,
    OfficeHours,
    OpenStatus,
    Outcome,
    WorkingCalendar,
    official_calendar,
)
from tthc.deadlines._due import _policy_on, aware, due_moment
from tthc.dossiers._inputs import check_as_of, check_dossier, check_options
from tthc.dossiers._lifecycle import DossierState, _until, _walk, status, time_limit_of
from tthc.errors import ValidationError
from tthc.model import (
    EVENT_KINDS,
    AdministrativeTier,
    Channel,
    ClockEffect,
    Dossier,
    OnlineMode,
    Received,
)

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

    __repr__ = _views.short_repr  # short; the data: attrs.asdict / tthc.serialization
    _repr_html_ = _views.html  # the views live in tthc._display, above this value

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
        return Metrics(*(getattr(self, f) + getattr(other, f) for f in _FIELDS))

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
        scorecard 2026: the portal's group 2 indicator, as transcribed from its 2026 formula
        description by the public project ChippedTopaz/qd766, SCORING_ANALYSIS_M0.md;
        secondary, not legal text).
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


_FIELDS = (
    "received",
    "resolved",
    "early",
    "on_time",
    "late",
    "open_in_time",
    "open_overdue",
    "stopped",
    "online",
    "full_online",
    "postal",
    "in_person",
)
_RECEIVED, _RESOLVED, _STOPPED, _OPEN_IN_TIME, _OPEN_OVERDUE, _FULL_ONLINE = 0, 1, 7, 5, 6, 9
_OUTCOME = {Outcome.TRUOC_HAN: 2, Outcome.DUNG_HAN: 3, Outcome.QUA_HAN: 4}
_CHANNEL = {Channel.ONLINE: 8, Channel.POSTAL: 10, Channel.IN_PERSON: 11}


def _count(
    counts: list[int],
    dossier: Dossier,
    as_of: dt.datetime,
    calendar: WorkingCalendar | None,
    hours: OfficeHours | None,
    policy: ClockPolicy | None,
) -> None:
    """Add one dossier's counts to ``counts`` (in the order of :data:`_FIELDS`)."""
    received = dossier.received_at
    if received is None or received > as_of:
        return
    if not _quick(counts, dossier, as_of, calendar, hours, policy):
        _slow(counts, dossier, as_of, calendar, hours, policy)
    counts[_CHANNEL[dossier.channel]] += 1
    service = dossier.procedure.online_service
    if (
        dossier.channel is Channel.ONLINE
        and service is not None
        and service.mode is OnlineMode.FULL
    ):
        counts[_FULL_ONLINE] += 1


# Events that stop, resume or extend the clock send a dossier through status().
_CLOCK_STOPS = tuple(
    cls
    for cls, kind in EVENT_KINDS.items()
    if kind.clock in (ClockEffect.STOP, ClockEffect.RESUME, ClockEffect.EXTEND)
)
_DEFAULT_HOURS = OfficeHours()


def _quick(
    counts: list[int],
    dossier: Dossier,
    as_of: dt.datetime,
    calendar: WorkingCalendar | None,
    hours: OfficeHours | None,
    policy: ClockPolicy | None,
) -> bool:
    """The common case (no supplement, no extension, no cross-boundary receipt) on the core.

    Returns ``False`` when the dossier needs the full :func:`status`. The
    answer is the one :func:`status` gives (the same core, the same rules).
    """
    events = _until(dossier, as_of)
    received = None
    for event in events:
        if isinstance(event, _CLOCK_STOPS):
            return False
        if received is None and isinstance(event, Received):
            received = event
    if received is None or received.agency_received_at is not None:
        return False
    state = _walk(events)
    cal = official_calendar() if calendar is None else calendar
    moment = aware(received.at, "at")
    chosen = _policy_on(moment.date()) if policy is None else policy
    at, last_day = due_moment(
        cal, _DEFAULT_HOURS if hours is None else hours, chosen, time_limit_of(dossier), moment
    )
    counts[_RECEIVED] += 1
    if state is DossierState.STOPPED:
        counts[_STOPPED] += 1
    elif state in (DossierState.RETURNED, DossierState.REFUSED):
        counts[_RESOLVED] += 1
        finished = events[-1].at
        if finished > at:
            counts[_OUTCOME[Outcome.QUA_HAN]] += 1
        elif finished.astimezone(VIETNAM).date() < last_day:
            counts[_OUTCOME[Outcome.TRUOC_HAN]] += 1
        else:
            counts[_OUTCOME[Outcome.DUNG_HAN]] += 1
    elif as_of <= at:
        counts[_OPEN_IN_TIME] += 1
    else:
        counts[_OPEN_OVERDUE] += 1
    return True


def _slow(
    counts: list[int],
    dossier: Dossier,
    as_of: dt.datetime,
    calendar: WorkingCalendar | None,
    hours: OfficeHours | None,
    policy: ClockPolicy | None,
) -> None:
    now = status(dossier, as_of, calendar=calendar, hours=hours, policy=policy)
    counts[_RECEIVED] += 1
    if now.state is DossierState.STOPPED:
        counts[_STOPPED] += 1
    elif now.outcome is not None:
        counts[_RESOLVED] += 1
        counts[_OUTCOME[now.outcome]] += 1
    elif now.open_status is OpenStatus.QUA_HAN:
        counts[_OPEN_OVERDUE] += 1
    elif now.open_status is OpenStatus.TRONG_HAN:
        counts[_OPEN_IN_TIME] += 1


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
    check_as_of(as_of)
    check_options(calendar, hours, policy)
    counts = [0] * len(_FIELDS)
    for index, dossier in enumerate(_iterable(dossiers)):
        _count(counts, check_dossier(dossier, f"dossiers[{index}]"), as_of, calendar, hours, policy)
    return Metrics(*counts)


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
    check_as_of(as_of)
    check_options(calendar, hours, policy)
    if not callable(key):
        raise ValidationError.single("key", key, "a function of a dossier, e.g. by_agency")
    groups: dict[K, list[int]] = {}
    for index, dossier in enumerate(_iterable(dossiers)):
        group = key(check_dossier(dossier, f"dossiers[{index}]"))
        counts = groups.get(group)
        if counts is None:
            counts = groups[group] = [0] * len(_FIELDS)
        _count(counts, dossier, as_of, calendar, hours, policy)
    return {group: Metrics(*counts) for group, counts in groups.items()}


def _iterable(dossiers: Any) -> Iterable[Any]:
    if isinstance(dossiers, (str, bytes, Mapping)) or not isinstance(dossiers, Iterable):
        raise ValidationError.single("dossiers", dossiers, "an iterable of tthc.model.Dossier")
    return dossiers


def by_agency(dossier: Dossier) -> str | None:
    """Group key: the receiving agency's name (``None`` if not recorded)."""
    check_dossier(dossier)
    return None if dossier.agency is None else dossier.agency.name


def by_tier(dossier: Dossier) -> AdministrativeTier | None:
    """Group key: the agency's tier, else the procedure's first tier."""
    check_dossier(dossier)
    if dossier.agency is not None and dossier.agency.tier is not None:
        return dossier.agency.tier
    return dossier.procedure.tiers[0] if dossier.procedure.tiers else None


def by_channel(dossier: Dossier) -> Channel:
    """Group key: the channel of submission."""
    return check_dossier(dossier).channel


def by_month(dossier: Dossier) -> str | None:
    """Group key: the month of receipt in Vietnam, ``"YYYY-MM"`` (``None`` if not received).

    The month is Vietnam's whatever timezone the receipt was recorded in: a
    receipt at 03:00 on 1/12 in Vietnam (20:00 on 30/11 in UTC) is December's.
    """
    received = check_dossier(dossier).received_at
    return None if received is None else f"{received.astimezone(VIETNAM):%Y-%m}"
