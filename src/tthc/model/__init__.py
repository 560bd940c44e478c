"""The procedure model: immutable value objects mirroring the national TTHC record.

Everything here is a frozen, slotted attrs class or an enum; nothing does I/O
or reads a clock. Validation happens at construction and raises
:class:`tthc.errors.ValidationError` with the field's path.
"""

from tthc._findings import Finding, Severity
from tthc.model._check import check_procedure
from tthc.model._codes import LegalReference, ProcedureCode
from tthc.model._dossier import (
    ApplicantKind,
    ComponentForm,
    Dossier,
    DossierCode,
    DossierCodeScheme,
    DossierEvent,
    ExtensionGranted,
    Feedback,
    FeedbackTopic,
    IntakeRefused,
    IntakeSupplementRequested,
    Received,
    Refused,
    ResultReady,
    Returned,
    SatisfactionRating,
    Stopped,
    StopReason,
    Submitted,
    SubmittedComponent,
    Supplemented,
    SupplementRequested,
    Transferred,
)
from tthc.model._enums import (
    AdministrativeTier,
    Channel,
    DocumentType,
    FeeKind,
    Legacy2011Level,
    OnlineMode,
    PartialReason,
    ProactiveLevel,
    ProcedureType,
    TimeUnit,
)
from tthc.model._lifecycle import (
    EVENT_KINDS,
    TRANSITIONS,
    ClockEffect,
    DossierState,
    EventKind,
    event_kind,
    next_state,
)
from tthc.model._limit_text import read_time_limit
from tthc.model._parts import Agency, DossierCase, DossierComponent, Fee, Method
from tthc.model._procedure import OnlineService, Procedure
from tthc.model._time_limit import TimeLimit

__all__ = [
    "EVENT_KINDS",
    "TRANSITIONS",
    "AdministrativeTier",
    "Agency",
    "ApplicantKind",
    "Channel",
    "ClockEffect",
    "ComponentForm",
    "DocumentType",
    "Dossier",
    "DossierCase",
    "DossierCode",
    "DossierCodeScheme",
    "DossierComponent",
    "DossierEvent",
    "DossierState",
    "EventKind",
    "ExtensionGranted",
    "Fee",
    "FeeKind",
    "Feedback",
    "FeedbackTopic",
    "Finding",
    "IntakeRefused",
    "IntakeSupplementRequested",
    "Legacy2011Level",
    "LegalReference",
    "Method",
    "OnlineMode",
    "OnlineService",
    "PartialReason",
    "ProactiveLevel",
    "Procedure",
    "ProcedureCode",
    "ProcedureType",
    "Received",
    "Refused",
    "ResultReady",
    "Returned",
    "SatisfactionRating",
    "Severity",
    "StopReason",
    "Stopped",
    "Submitted",
    "SubmittedComponent",
    "SupplementRequested",
    "Supplemented",
    "TimeLimit",
    "TimeUnit",
    "Transferred",
    "check_procedure",
    "event_kind",
    "next_state",
    "read_time_limit",
]

from tthc import _hooks

_hooks.install(__name__)  # pydantic hooks on this package's serialized types
