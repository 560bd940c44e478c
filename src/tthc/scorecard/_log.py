"""A handful of :class:`~tthc.model.Dossier` objects as the columnar log the scorecard reads.

The scorecard has one code path, over columns; objects are turned into those
columns here, so a scorecard of objects and of their table agree by
construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from tthc.dossiers import time_limit_of
from tthc.dossiers._metrics import by_tier
from tthc.errors import TthcError, ValidationError
from tthc.model import (
    EVENT_KINDS,
    Channel,
    ClockEffect,
    Dossier,
    OnlineMode,
    Received,
    Refused,
    Returned,
    Stopped,
)

__all__ = ["DOSSIER_COLUMNS", "DossierLog", "dossier_log"]

#: The optional columns of a dossier log the scorecard reads (the names of the
#: Dossier fields, plus the procedure facts per row).
DOSSIER_COLUMNS: tuple[str, ...] = (
    "synced_to_portal",
    "electronic_result",
    "components_digitised",
    "data_reused",
    "linked_to_personal_store",
    "population_data_used",
    "paid_online",
    "synced_fee",
    "rating",
    "feedback_count",
    "paper_result",
    "fee_bearing",
    "full_online_eligible",
    "full_online_service",
)

_CLOCK = (ClockEffect.STOP, ClockEffect.RESUME, ClockEffect.EXTEND)


@attrs.frozen(eq=False)
class DossierLog:
    """Columns (dicts of lists) for :func:`tthc.scorecard.scorecard`.

    ``dossiers``: one row per dossier (``dossier_id``, ``received_at``,
    ``limit``, ``returned_at``, ``stopped_at``, ``agency_received_at``,
    ``procedure``, ``channel``, ``agency``, ``tier`` and :data:`DOSSIER_COLUMNS`);
    ``events``: the clock events (``dossier_id``, ``event``, ``at``,
    ``new_due``); ``feedback``: one row per petition (``received_at``,
    ``handled_at``, ``rating``, ``topic`` and the dossier's ``procedure``,
    ``channel``, ``agency``, ``tier``).
    """

    dossiers: dict[str, list[Any]]
    events: dict[str, list[Any]]
    feedback: dict[str, list[Any]]


def _value(x: Any) -> Any:
    return None if x is None else x.value


def dossier_log(dossiers: Iterable[Dossier]) -> DossierLog:
    """The columnar log of ``dossiers`` (nothing passed in is changed).

    >>> from tthc import catalogue
    >>> from tthc.model import Dossier, Channel
    >>> log = dossier_log([Dossier(procedure=catalogue.get("1.004222"), channel=Channel.ONLINE)])
    >>> log.dossiers["procedure"], log.dossiers["received_at"], log.dossiers["feedback_count"]
    (['1.004222'], [None], [None])
    """
    rows: dict[str, list[Any]] = {
        name: []
        for name in (
            "dossier_id",
            "received_at",
            "limit",
            "returned_at",
            "stopped_at",
            "agency_received_at",
            "procedure",
            "channel",
            "agency",
            "tier",
            *DOSSIER_COLUMNS,
        )
    }
    events: dict[str, list[Any]] = {"dossier_id": [], "event": [], "at": [], "new_due": []}
    feedback: dict[str, list[Any]] = {
        name: []
        for name in (
            "received_at",
            "handled_at",
            "rating",
            "topic",
            "procedure",
            "channel",
            "agency",
            "tier",
        )
    }
    for index, dossier in enumerate(dossiers):
        if not isinstance(dossier, Dossier):
            raise ValidationError.single(
                f"dossiers[{index}]", type(dossier).__name__, "a tthc.model.Dossier"
            )
        procedure = dossier.procedure
        received = returned = stopped = agency_received = None
        for event in dossier.events:
            if isinstance(event, Received) and received is None:
                received, agency_received = event.at, event.agency_received_at
            elif isinstance(event, (Returned, Refused)) and returned is None:
                returned = event.at
            elif isinstance(event, Stopped) and stopped is None:
                stopped = event.at
            kind = EVENT_KINDS.get(type(event))
            if kind is not None and kind.clock in _CLOCK:
                events["dossier_id"].append(index)
                events["event"].append(kind.tag)
                events["at"].append(event.at)
                events["new_due"].append(getattr(event, "new_due", None))
        try:
            limit = time_limit_of(dossier)
        except TthcError:  # the record publishes no method: the row is judged invalid
            limit = None
        service = procedure.online_service
        tier = by_tier(dossier)
        unit = {
            "procedure": str(procedure.code),
            "channel": dossier.channel.value,
            "agency": None if dossier.agency is None else dossier.agency.name,
            "tier": _value(tier),
        }
        values = {
            "dossier_id": index,
            "received_at": received,
            "limit": limit,
            "returned_at": returned,
            "stopped_at": stopped,
            "agency_received_at": agency_received,
            **unit,
            "synced_to_portal": dossier.synced_to_portal,
            "electronic_result": dossier.electronic_result,
            "components_digitised": dossier.components_digitised,
            "data_reused": dossier.data_reused,
            "linked_to_personal_store": dossier.linked_to_personal_store,
            "population_data_used": dossier.population_data_used,
            "paid_online": dossier.paid_online,
            "synced_fee": dossier.synced_fee,
            "rating": _value(dossier.rating),
            "feedback_count": None if dossier.feedback is None else len(dossier.feedback),
            "paper_result": procedure.paper_result,
            "fee_bearing": procedure.fee_bearing,
            "full_online_eligible": procedure.full_online_eligible,
            "full_online_service": dossier.channel is Channel.ONLINE
            and service is not None
            and service.mode is OnlineMode.FULL,
        }
        for name, value in values.items():
            rows[name].append(value)
        for item in dossier.feedback or ():
            feedback["received_at"].append(item.received_at)
            feedback["handled_at"].append(item.handled_at)
            feedback["rating"].append(_value(item.rating))
            feedback["topic"].append(_value(item.topic))
            for name, value in unit.items():
                feedback[name].append(value)
    return DossierLog(rows, events, feedback)
