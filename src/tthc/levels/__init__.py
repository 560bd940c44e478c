"""Online public service levels across three legal regimes, and administrative tiers.

Two questions every portal, report and policy note asks, answered under the
rules in force on a given date, with every criterion and its citation:

- *Is this procedure full-online?* :func:`classify` judges a
  :class:`~tthc.model.Procedure` (or plain :class:`OnlineFacts`) under Decree
  43/2011/NĐ-CP (levels 1–4, until 14/8/2022), Decree 42/2022/NĐ-CP with the
  criteria of Circular 01/2023/TT-VPCP (toàn trình / một phần, 15/8/2022 –
  30/6/2026) or Decree 224/2026/NĐ-CP (toàn trình by default, một phần only
  with a published reason, from 1/7/2026).
- *Which tier handles it?* :func:`tiers_in_force` (the district tier ended on
  30/6/2025), :func:`successor_tier` for reassigned district competences and
  :func:`check_tiers` for records that still name the district.

:func:`check_levels` checks a record's claimed level and tiers against its own
facts. Effective dating is :mod:`tthc.rules`; pass your own ``Rules`` to
override or extend any of the shipped ones. A regime is a value
(:class:`OnlineRegime`: criteria with citations, the kind of level, findings):
next year's decree is one more rule, e.g.
``REGIMES.superseding(Rule(my_regime, valid_from=..., citation=...))``.

>>> import datetime as dt
>>> from tthc.levels import OnlineFacts, classify, tiers_in_force
>>> facts = OnlineFacts.full_online(paper_required=True)
>>> result = classify(facts, on=dt.date(2026, 7, 1))
>>> result.mode, [c.name for c in result.reasons]
(<OnlineMode.PARTIAL: 'partial'>, ['no_paper'])
>>> AdministrativeTier.DISTRICT in tiers_in_force(dt.date(2025, 7, 1))
False
"""

from tthc.levels._check import check_levels
from tthc.levels._classify import Classification, classify
from tthc.levels._criteria import Criterion, CriterionResult, criteria_of
from tthc.levels._facts import OnlineFacts
from tthc.levels._mapping import LevelMapping, legacy_to_mode, mode_to_legacy
from tthc.levels._regimes import (
    CIRCULAR_01_2023_ISSUED,
    REGIME_DEFINITIONS,
    REGIMES,
    LevelKind,
    OnlineRegime,
    Regime,
    RegimeCriterion,
    definition_of,
    partial_needs_reason,
    regime_on,
)
from tthc.levels._tiers import (
    REASSIGNMENTS,
    TIERS,
    Reassignment,
    check_tiers,
    successor_tier,
    tiers_in_force,
)
from tthc.model import (
    AdministrativeTier,
    Legacy2011Level,
    OnlineMode,
    PartialReason,
    ProactiveLevel,
)

__all__ = [
    "CIRCULAR_01_2023_ISSUED",
    "REASSIGNMENTS",
    "REGIMES",
    "REGIME_DEFINITIONS",
    "TIERS",
    "AdministrativeTier",
    "Classification",
    "Criterion",
    "CriterionResult",
    "Legacy2011Level",
    "LevelKind",
    "LevelMapping",
    "OnlineFacts",
    "OnlineMode",
    "OnlineRegime",
    "PartialReason",
    "ProactiveLevel",
    "Reassignment",
    "Regime",
    "RegimeCriterion",
    "check_levels",
    "check_tiers",
    "classify",
    "criteria_of",
    "definition_of",
    "legacy_to_mode",
    "mode_to_legacy",
    "partial_needs_reason",
    "regime_on",
    "successor_tier",
    "tiers_in_force",
]

from tthc import _hooks

_hooks.install(__name__)  # pydantic hooks on this package's serialized types
