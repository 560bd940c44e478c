"""Completeness of a procedure record against Decree 63/2010/NĐ-CP Art. 8."""

from __future__ import annotations

from tthc._findings import Finding, Severity
from tthc.model._procedure import Procedure

__all__ = ["check_procedure"]

_ART8 = "Decree 63/2010/NĐ-CP (as amended by Decree 92/2017/NĐ-CP), Art. 8(2)"


def check_procedure(procedure: Procedure) -> tuple[Finding, ...]:
    """Findings on a record's completeness; an empty tuple means none.

    Decree 63/2010/NĐ-CP Art. 8(2) lists what every procedure must state:
    name, steps (trình tự thực hiện), methods (cách thức thực hiện), dossier
    (thành phần, số lượng hồ sơ), time limit (thời hạn giải quyết), applicants
    (đối tượng thực hiện), implementing agency (cơ quan thực hiện) and result
    (kết quả thực hiện). Art. 15 adds the legal basis to the publishing
    decision. Forms, conditions and fees are parts of a procedure only where
    they exist (Art. 8(3)), so their absence is not a finding.

    >>> from tthc.model import Procedure
    >>> record = Procedure(code="1.003197", name="Xóa đăng ký thường trú")
    >>> for finding in check_procedure(record)[:3]:
    ...     print(finding.code, "|", finding.citation)
    missing-steps | Decree 63/2010/NĐ-CP (as amended by Decree 92/2017/NĐ-CP), Art. 8(2)(b)
    missing-methods | Decree 63/2010/NĐ-CP (as amended by Decree 92/2017/NĐ-CP), Art. 8(2)(c)
    missing-dossier | Decree 63/2010/NĐ-CP (as amended by Decree 92/2017/NĐ-CP), Art. 8(2)(d)
    """
    findings: list[Finding] = []

    def missing(code: str, path: str, what: str, point: str) -> None:
        findings.append(
            Finding(code, f"the record has no {what}", path=path, citation=f"{_ART8}({point})")
        )

    if not procedure.steps:
        missing("missing-steps", "$.steps", "steps (trình tự thực hiện)", "b")
    if not procedure.methods:
        missing("missing-methods", "$.methods", "methods (cách thức thực hiện)", "c")
    if not any(case.components for case in procedure.dossier_cases):
        missing("missing-dossier", "$.dossier_cases", "dossier components (thành phần hồ sơ)", "d")
    if not procedure.methods:
        missing("missing-time-limit", "$.methods", "time limit (thời hạn giải quyết)", "đ")
    if not procedure.applicants:
        missing("missing-applicants", "$.applicants", "applicants (đối tượng thực hiện)", "e")
    if not procedure.implementing_agencies and not procedure.competent_agencies:
        missing(
            "missing-agency",
            "$.implementing_agencies",
            "implementing agency (cơ quan thực hiện)",
            "g",
        )
    if not procedure.results:
        missing("missing-result", "$.results", "result (kết quả thực hiện)", "h")
    if not procedure.legal_basis:
        findings.append(
            Finding(
                "missing-legal-basis",
                "the record has no legal basis (căn cứ pháp lý)",
                path="$.legal_basis",
                citation="Decree 63/2010/NĐ-CP, Art. 15(2)",
                severity=Severity.WARNING,
            )
        )
    return tuple(findings)
