"""Dossiers: checking a submission, the one-stop lifecycle, groups and metrics.

A :class:`~tthc.model.Dossier` is a citizen's case under a procedure. This
package holds the rules that move it:

- :func:`check_submission`: what is missing or insufficient, for one complete
  supplement request (Decree 61/2018/NĐ-CP Art. 15(3));
- :func:`apply`: append an event after checking it may happen now;
  :func:`state_of`, :func:`status` (due date, in time / overdue, outcome),
  :func:`clock_of` (the deadline clock), :func:`form_of` (the one-stop form
  a step produces, Circular 01/2018 or 03/2025 numbering);
- :func:`interconnected_group`: the Decree 63/2024/NĐ-CP groups (birth,
  death) as cited, effective-dated data; :func:`group_due_dates`;
- :func:`summarize` / :func:`summarize_by`: on-time metrics in one pass;
  :func:`evaluate_dossier` and :class:`EvaluationSummary`: the Circular
  01/2018/TT-VPCP Art. 13 indices; :func:`catalogue_figures`: full-online,
  partial and integrated counts over procedures;
- :func:`timeline`: a readable timeline (text and Jupyter HTML).
"""

from tthc.dossiers._check import CheckedItem, ItemStatus, SubmissionCheck, check_submission
from tthc.dossiers._evaluation import (
    EVALUATION,
    CatalogueFigures,
    DossierEvaluation,
    EvaluationSummary,
    IndexScore,
    Rating,
    catalogue_figures,
    evaluate_dossier,
)
from tthc.dossiers._forms import (
    FORM_NUMBERING,
    FormNumbering,
    OneStopForm,
    form_number,
    form_title,
)
from tthc.dossiers._groups import (
    BIRTH_GROUP,
    BIRTH_INSURANCE_GROUP,
    DEATH_GROUP,
    GroupDueDates,
    GroupMember,
    ProcedureGroup,
    group_due_dates,
    interconnected_group,
)
from tthc.dossiers._lifecycle import (
    DossierState,
    DossierStatus,
    apply,
    clock_of,
    form_of,
    state_of,
    status,
    time_limit_of,
)
from tthc.dossiers._metrics import (
    Metrics,
    by_agency,
    by_channel,
    by_month,
    by_tier,
    summarize,
    summarize_by,
)
from tthc.dossiers._view import Timeline, timeline

__all__ = [
    "BIRTH_GROUP",
    "BIRTH_INSURANCE_GROUP",
    "DEATH_GROUP",
    "EVALUATION",
    "FORM_NUMBERING",
    "CatalogueFigures",
    "CheckedItem",
    "DossierEvaluation",
    "DossierState",
    "DossierStatus",
    "EvaluationSummary",
    "FormNumbering",
    "GroupDueDates",
    "GroupMember",
    "IndexScore",
    "ItemStatus",
    "Metrics",
    "OneStopForm",
    "ProcedureGroup",
    "Rating",
    "SubmissionCheck",
    "Timeline",
    "apply",
    "by_agency",
    "by_channel",
    "by_month",
    "by_tier",
    "catalogue_figures",
    "check_submission",
    "clock_of",
    "evaluate_dossier",
    "form_number",
    "form_of",
    "form_title",
    "group_due_dates",
    "interconnected_group",
    "state_of",
    "status",
    "summarize",
    "summarize_by",
    "time_limit_of",
    "timeline",
]

from tthc import _hooks

_hooks.install(__name__)  # pydantic hooks on this package's serialized types
