"""The administrative-reform report provinces publish, from a dossier log and a catalogue.

Needs the ``batch`` extra (numpy and pyarrow); pandas or polars when the log
is one; the Word output needs the ``report`` extra (python-docx, matplotlib).
``import tthc`` loads none of them.

- :func:`reform_report`: catalogue figures (procedures, full / partial online
  services, integrated on the national portal), dossier figures over a period
  (received by channel with shares, resolved early / on time / late, open
  overdue, online share, digitised results by tier, satisfaction) through
  :mod:`tthc.batch`, each against the targets of
  :data:`tthc.scorecard.TARGETS` for that year; by agency, tier or month;
- :class:`Report`: ``.figures`` (a table in the caller's frame kind),
  ``.targets``, ``.to_markdown(lang=)`` in the register of the reports
  (88.500 hồ sơ; 15,8%; "hơn 15%"), ``.to_html()``, ``.to_docx(path)``;
- :func:`run_report_command`: ``tthc report LOG --catalogue FILE --period …``.
"""

from tthc.reports._command import run_report_command
from tthc.reports._report import Report, reform_report
from tthc.reports._values import CatalogueCounts, Comparison, DossierFigures, TierShare, Unit

__all__ = [
    "CatalogueCounts",
    "Comparison",
    "DossierFigures",
    "Report",
    "TierShare",
    "Unit",
    "reform_report",
    "run_report_command",
]
