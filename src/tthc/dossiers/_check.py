"""Checking a submission against the procedure's dossier case."""

from __future__ import annotations

from collections.abc import Collection

import attrs

from tthc._findings import Finding, Severity
from tthc._labels import LabelledEnum
from tthc._text import fold
from tthc.errors import UnknownCodeError, ValidationError
from tthc.model import ComponentForm, Dossier, DossierCase, DossierComponent, SubmittedComponent
from tthc.rules import Rules, read_dated_rules

__all__ = ["CheckedItem", "ItemStatus", "SubmissionCheck", "check_submission"]


class ItemStatus(LabelledEnum):
    """What the check concluded about one component of the dossier case."""

    PROVIDED = ("provided", "Đã nộp đủ", "Provided")
    REUSED = ("reused", "Khai thác từ cơ sở dữ liệu", "Taken from a national database")
    MISSING = ("missing", "Còn thiếu", "Missing")
    INSUFFICIENT = ("insufficient", "Chưa đúng, chưa đủ", "Insufficient")
    NOT_NEEDED = ("not_needed", "Không bắt buộc", "Not required")


@attrs.frozen
class CheckedItem:
    """One component of the case, what was filed for it, and the verdict."""

    component: DossierComponent
    status: ItemStatus
    submitted: tuple[SubmittedComponent, ...]
    reason: str
    citation: str | None = None


@attrs.frozen
class SubmissionCheck:
    """The result of :func:`check_submission`.

    ``complete`` is true when nothing is missing or insufficient. ``to_request``
    lists everything the desk must ask for in its one, complete request
    (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; Decree 61/2018/NĐ-CP Art. 15(3)).
    ``unmatched`` are filed documents that match no component of the case.
    """

    case: DossierCase
    items: tuple[CheckedItem, ...]
    unmatched: tuple[SubmittedComponent, ...]
    findings: tuple[Finding, ...]

    @property
    def complete(self) -> bool:
        """Whether nothing is missing or insufficient."""
        return not self.to_request

    @property
    def to_request(self) -> tuple[CheckedItem, ...]:
        """The items to ask for, all at once."""
        return tuple(
            i for i in self.items if i.status in (ItemStatus.MISSING, ItemStatus.INSUFFICIENT)
        )

    def request_text(self, lang: str = "vi") -> str:
        """The list to write on the supplement request, one line per item."""
        lines = [f"- {i.component.name}: {i.reason}" for i in self.to_request]
        head = "Hồ sơ cần bổ sung, hoàn thiện:" if lang == "vi" else "To supplement:"
        return "\n".join([head, *lines]) if lines else ""


def _case(dossier: Dossier) -> DossierCase:
    cases = dossier.procedure.dossier_cases
    if not cases:
        raise UnknownCodeError(
            "dossier case", f"procedure {dossier.procedure.code} (it lists no components)"
        )
    if dossier.case is None:
        return cases[0]
    for case in cases:
        if case.name is not None and fold(case.name) == fold(dossier.case):
            return case
    raise UnknownCodeError(
        dossier.case, f"the cases of {dossier.procedure.code}", known=[c.name or "" for c in cases]
    )


# The strictest form the component asks for decides what is accepted. An
# electronic document stands for an original unless the record says the paper
# itself is needed (DossierComponent.paper_only).
def _accepted(component: DossierComponent) -> tuple[frozenset[ComponentForm], int, str]:
    electronic = set() if component.paper_only else {ComponentForm.ELECTRONIC}
    if component.originals:
        return frozenset({ComponentForm.ORIGINAL, *electronic}), component.originals, "bản chính"
    if component.certified_copies:
        forms = {ComponentForm.CERTIFIED_COPY, ComponentForm.ORIGINAL, *electronic}
        return frozenset(forms), component.certified_copies, "bản sao có chứng thực"
    forms = {ComponentForm.COPY, ComponentForm.CERTIFIED_COPY, ComponentForm.ORIGINAL, *electronic}
    return frozenset(forms), max(component.copies, 1), "bản sao"


def check_submission(dossier: Dossier, *, in_database: Collection[str] = ()) -> SubmissionCheck:
    """Check what was filed against the procedure's dossier case.

    Every component of the case gets a verdict; everything missing or
    insufficient is listed, so the desk can issue one complete request for
    supplementation (Decree 61/2018/NĐ-CP Art. 15(3); Decree 118/2025/NĐ-CP
    Art. 17(2)(a): "trong một lần"). A component whose data the desk can take
    from a national database is not asked for (Decree 107/2021/NĐ-CP; Decree
    224/2026/NĐ-CP Art. 15(1)(d)): mark it ``reused_from_database`` in the
    dossier, or name it in ``in_database``. Conditional components
    (``required=False``) are never asked for; a filed one is still checked.

    Names match ignoring case, spaces and diacritics.

    >>> from tthc import catalogue
    >>> from tthc.model import Channel, Dossier, SubmittedComponent
    >>> d = Dossier(procedure=catalogue.get("1.004222"), channel=Channel.IN_PERSON,
    ...             components=[SubmittedComponent("Tờ khai thay đổi thông tin cư trú")])
    >>> result = check_submission(d)
    >>> result.complete, [i.component.name for i in result.to_request]
    (False, ['Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp'])
    >>> proof = "Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp"
    >>> check_submission(d, in_database=[proof]).complete
    True
    """
    if not isinstance(dossier, Dossier):
        raise ValidationError.single("dossier", dossier, "a tthc.model.Dossier")
    if (
        isinstance(in_database, str)
        or not isinstance(in_database, Collection)
        or not all(isinstance(n, str) for n in in_database)
    ):
        raise ValidationError.single(
            "in_database", in_database, "a collection of component names (not a single string)"
        )
    citation = _once_citation(dossier)
    case = _case(dossier)
    by_name: dict[str, list[SubmittedComponent]] = {}
    for document in dossier.components:
        by_name.setdefault(fold(document.name), []).append(document)
    reusable = {fold(name) for name in in_database}
    items: list[CheckedItem] = []
    findings: list[Finding] = []
    for index, component in enumerate(case.components):
        key = fold(component.name)
        filed = tuple(by_name.pop(key, []))
        reused = any(f.reused_from_database for f in filed) or key in reusable
        if reused and not component.waivable_if_in_database:
            findings.append(
                Finding(
                    "reuse-not-allowed",
                    f"{component.name!r} is marked as taken from a database, but the "
                    "procedure record does not say its data can be reused",
                    path=f"$.procedure.dossier_cases[?].components[{index}]",
                    severity=Severity.WARNING,
                )
            )
        items.append(
            _verdict(component, filed, reused and component.waivable_if_in_database, citation)
        )
    unmatched = tuple(doc for docs in by_name.values() for doc in docs)
    for extra in unmatched:
        findings.append(
            Finding(
                "unknown-component",
                f"{extra.name!r} matches no component of the case",
                path="$.components",
                severity=Severity.INFO,
            )
        )
    return SubmissionCheck(case, tuple(items), unmatched, tuple(findings))


#: The "ask once, fully" rule (hướng dẫn bổ sung một lần) by filing date.
ASK_ONCE: Rules[str] = read_dated_rules(
    "tthc.dossiers",
    "rules.json",
    {
        "evaluation": "per-dossier evaluation (Circular 01/2018/TT-VPCP Art. 13)",
        "ask_once": "ask-once rule for supplements at intake",
    },
)["ask_once"]


def _once_citation(dossier: Dossier) -> str:
    """The 'ask once, fully' rule in force when the dossier was filed."""
    if not dossier.events:
        return "; ".join(f"{r.value} ({r.window()})" for r in ASK_ONCE)
    return ASK_ONCE.at(dossier.events[0].at.date()).value


def _verdict(
    component: DossierComponent,
    filed: tuple[SubmittedComponent, ...],
    reused: bool,
    citation: str,
) -> CheckedItem:
    if reused:
        return CheckedItem(
            component,
            ItemStatus.REUSED,
            filed,
            f"khai thác từ {component.database or 'cơ sở dữ liệu quốc gia'}",
            "Decree 107/2021/NĐ-CP; Decree 224/2026/NĐ-CP, Art. 15(1)(d)",
        )
    if not filed:
        if not component.required:
            return CheckedItem(
                component, ItemStatus.NOT_NEEDED, filed, component.condition or "khi có"
            )
        return CheckedItem(
            component,
            ItemStatus.MISSING,
            filed,
            "chưa nộp",
            citation,
        )
    forms, needed, wording = _accepted(component)
    count = sum(f.count for f in filed if f.form in forms)
    if count < needed:
        given = ", ".join(f"{f.count} {f.form.vi.lower()}" for f in filed)
        return CheckedItem(
            component,
            ItemStatus.INSUFFICIENT,
            filed,
            f"cần {needed} {wording}, đã nộp {given}",
            citation,
        )
    return CheckedItem(component, ItemStatus.PROVIDED, filed, "đã nộp")
