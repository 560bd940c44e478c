"""Decision 766/QĐ-TTg's scorecard, as the national portal computes it, over a dossier log.

Needs the ``batch`` extra (numpy and pyarrow); ``import tthc`` loads neither.

- :func:`scorecard`: every indicator's counts, fraction and points (or why
  not), for everything and per unit, over a columnar log or Dossier objects;
- :data:`VERSIONS` / :func:`version`: the scorecard as dated, cited data
  (indicators, maxima, conversions; the portal's 2026 version first);
- :func:`report_table`: the numbers a provincial report prints;
- :data:`TARGETS` / :func:`progress_against`: reform targets and how far a
  province is from them;
- :func:`run_scorecard_command`: ``tthc scorecard LOG --catalogue FILE``.
"""

from tthc.scorecard._compute import Period, Result, Scorecard, Status, Total, scorecard
from tthc.scorecard._definitions import (
    VERSIONS,
    Basis,
    Conversion,
    ConversionKind,
    Group,
    Indicator,
    ScorecardVersion,
    ZeroDenominator,
    version,
)
from tthc.scorecard._log import DOSSIER_COLUMNS, DossierLog, dossier_log
from tthc.scorecard._report import (
    FRAME_COLUMNS,
    read_period,
    report_table,
    run_scorecard_command,
    to_frame,
)
from tthc.scorecard._targets import (
    SCORECARD_MEASURES,
    TARGETS,
    Measure,
    Progress,
    Target,
    progress_against,
)

__all__ = [
    "DOSSIER_COLUMNS",
    "FRAME_COLUMNS",
    "SCORECARD_MEASURES",
    "TARGETS",
    "VERSIONS",
    "Basis",
    "Conversion",
    "ConversionKind",
    "DossierLog",
    "Group",
    "Indicator",
    "Measure",
    "Period",
    "Progress",
    "Result",
    "Scorecard",
    "ScorecardVersion",
    "Status",
    "Target",
    "Total",
    "ZeroDenominator",
    "dossier_log",
    "progress_against",
    "read_period",
    "report_table",
    "run_scorecard_command",
    "scorecard",
    "to_frame",
    "version",
]
