"""The one-stop lifecycle as data: each event type declared once, and one state machine.

Every dossier event type is declared here with its JSON tag, its labels, the
one-stop form it produces and what it does to the clock; the serialization
tags, the lifecycle transitions, the clock, the forms, the timeline labels and
the columnar engine are all derived from these declarations. Adding an event
type means adding one :class:`EventKind` and its transitions.

Sources: Decree 61/2018/NĐ-CP Arts. 15–20 and Decree 118/2025/NĐ-CP Arts.
17–22 (the steps and their order); Circular 01/2018/TT-VPCP and Circular
03/2025/TT-VPCP (the forms).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from tthc._labels import LabelledEnum
from tthc.model._dossier import (
    DossierEvent,
    ExtensionGranted,
    IntakeRefused,
    IntakeSupplementRequested,
    Received,
    Refused,
    ResultReady,
    Returned,
    Stopped,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
)

__all__ = [
    "EVENT_KINDS",
    "TRANSITIONS",
    "ClockEffect",
    "DossierState",
    "EventKind",
    "event_kind",
    "next_state",
]


class ClockEffect(LabelledEnum):
    """What an event does to the dossier's deadline clock."""

    NONE = ("none", "Không ảnh hưởng thời hạn", "No effect on the time limit")
    START = ("start", "Bắt đầu tính thời hạn", "Starts the time limit")
    STOP = ("stop", "Dừng tính thời hạn (chờ bổ sung)", "Stops the clock (awaiting supplement)")
    RESUME = ("resume", "Tính lại hoặc tiếp tục thời hạn", "Restarts or resumes the clock")
    EXTEND = ("extend", "Hẹn lại ngày trả kết quả", "Sets a new due date")
    FINISH = ("finish", "Kết thúc, đánh giá đúng hạn", "Ends the clock; judged on time or late")


class DossierState(LabelledEnum):
    """Where a dossier stands in the one-stop lifecycle."""

    NEW = ("new", "Chưa nộp", "Not yet filed")
    SUBMITTED = ("submitted", "Đã nộp, chờ tiếp nhận", "Submitted, awaiting receipt")
    INTAKE_SUPPLEMENT_REQUESTED = (
        "intake_supplement_requested",
        "Yêu cầu bổ sung khi tiếp nhận",
        "Supplement requested at intake",
    )
    INTAKE_REFUSED = ("intake_refused", "Từ chối tiếp nhận", "Refused at intake")
    PROCESSING = ("processing", "Đang giải quyết", "Being processed")
    SUPPLEMENT_REQUESTED = (
        "supplement_requested",
        "Yêu cầu bổ sung sau tiếp nhận",
        "Supplement requested after receipt",
    )
    RESULT_READY = ("result_ready", "Có kết quả, chờ trả", "Result ready")
    RETURNED = ("returned", "Đã trả kết quả", "Result returned")
    REFUSED = ("refused", "Từ chối giải quyết", "Refused")
    STOPPED = ("stopped", "Dừng giải quyết", "Stopped")

    @property
    def is_final(self) -> bool:
        """Whether nothing more can happen."""
        return not TRANSITIONS[self]


@attrs.frozen
class EventKind:
    """One dossier event type, declared once.

    - ``type``: the event class of :mod:`tthc.model`;
    - ``tag``: its ``"event"`` tag in JSON (stable, English snake_case);
    - ``name_vi`` / ``name_en``: labels for people (timelines, reports);
    - ``form``: the one-stop form it produces, as a
      :class:`tthc.dossiers.OneStopForm` value (``None``: no form);
    - ``clock``: what it does to the deadline clock.
    """

    type: type
    tag: str
    name_vi: str
    name_en: str
    form: str | None
    clock: ClockEffect

    def label(self, lang: str = "vi") -> str:
        """The label in ``lang`` (``"vi"`` or ``"en"``)."""
        return self.name_vi if lang == "vi" else self.name_en


_KINDS = (
    EventKind(Submitted, "submitted", "Nộp hồ sơ", "Submitted", None, ClockEffect.NONE),
    EventKind(
        IntakeSupplementRequested,
        "intake_supplement_requested",
        "Yêu cầu bổ sung (tiếp nhận)",
        "Supplement requested at intake",
        "supplement_request",
        ClockEffect.NONE,
    ),
    EventKind(
        IntakeRefused,
        "intake_refused",
        "Từ chối tiếp nhận",
        "Refused at intake",
        "refusal",
        ClockEffect.NONE,
    ),
    EventKind(
        Received,
        "received",
        "Tiếp nhận, hẹn trả kết quả",
        "Received",
        "receipt",
        ClockEffect.START,
    ),
    EventKind(
        Transferred,
        "transferred",
        "Chuyển xử lý",
        "Transferred",
        "process_control",
        ClockEffect.NONE,
    ),
    EventKind(
        SupplementRequested,
        "supplement_requested",
        "Yêu cầu bổ sung",
        "Supplement requested",
        "supplement_request",
        ClockEffect.STOP,
    ),
    EventKind(Supplemented, "supplemented", "Đã bổ sung", "Supplemented", None, ClockEffect.RESUME),
    EventKind(
        ExtensionGranted,
        "extension_granted",
        "Xin lỗi, hẹn lại ngày trả",
        "Extension (apology)",
        "apology",
        ClockEffect.EXTEND,
    ),
    EventKind(ResultReady, "result_ready", "Có kết quả", "Result ready", None, ClockEffect.NONE),
    EventKind(Returned, "returned", "Trả kết quả", "Returned", None, ClockEffect.FINISH),
    EventKind(Refused, "refused", "Từ chối giải quyết", "Refused", None, ClockEffect.FINISH),
    EventKind(Stopped, "stopped", "Dừng giải quyết", "Stopped", "stop_notice", ClockEffect.NONE),
)

#: Every event type's declaration, by class (read-only).
EVENT_KINDS: Mapping[type, EventKind] = MappingProxyType({k.type: k for k in _KINDS})

_S = DossierState
# Which events may happen in which state, and the state they lead to.
# Decree 61/2018/NĐ-CP Arts. 15-20 and Decree 118/2025/NĐ-CP Arts. 17-22. An
# applicant who does not supplement is stopped, not refused (Form 05; Decree
# 63/2024/NĐ-CP as amended by Decree 301/2026/NĐ-CP: "dừng xử lý").
_TABLE: dict[DossierState, dict[type, DossierState]] = {
    _S.NEW: {Submitted: _S.SUBMITTED, Received: _S.PROCESSING},
    _S.SUBMITTED: {
        IntakeSupplementRequested: _S.INTAKE_SUPPLEMENT_REQUESTED,
        IntakeRefused: _S.INTAKE_REFUSED,
        Received: _S.PROCESSING,
        Stopped: _S.STOPPED,
    },
    _S.INTAKE_SUPPLEMENT_REQUESTED: {
        Submitted: _S.SUBMITTED,
        IntakeRefused: _S.INTAKE_REFUSED,
        Stopped: _S.STOPPED,
    },
    _S.PROCESSING: {
        Transferred: _S.PROCESSING,
        SupplementRequested: _S.SUPPLEMENT_REQUESTED,
        ExtensionGranted: _S.PROCESSING,
        ResultReady: _S.RESULT_READY,
        Returned: _S.RETURNED,
        Refused: _S.REFUSED,
        Stopped: _S.STOPPED,
    },
    _S.SUPPLEMENT_REQUESTED: {Supplemented: _S.PROCESSING, Stopped: _S.STOPPED},
    _S.RESULT_READY: {Returned: _S.RETURNED, Stopped: _S.STOPPED},
    _S.INTAKE_REFUSED: {},
    _S.RETURNED: {},
    _S.REFUSED: {},
    _S.STOPPED: {},
}

#: The lifecycle: for each state, the event types allowed and the state each leads to.
TRANSITIONS: Mapping[DossierState, Mapping[type, DossierState]] = MappingProxyType(
    {state: MappingProxyType(moves) for state, moves in _TABLE.items()}
)


def event_kind(event: DossierEvent | type) -> EventKind:
    """The declaration of an event (or event type)."""
    cls = event if isinstance(event, type) else type(event)
    return EVENT_KINDS[cls]


def next_state(state: DossierState, event: Any) -> DossierState | None:
    """The state after ``event`` in ``state``; ``None`` when it may not happen then."""
    return TRANSITIONS[state].get(type(event))
