"""Findings: what a check observed, with where and why, instead of an exception."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from tthc._labels import LabelledEnum
from tthc._validate import enum_member, non_empty_str, str_or_none

if TYPE_CHECKING:
    from tthc.citations import Citation

__all__ = ["Finding", "Severity"]


class Severity(LabelledEnum):
    """How serious a finding is."""

    ERROR = ("error", "Lỗi", "Error")
    WARNING = ("warning", "Cảnh báo", "Warning")
    INFO = ("info", "Thông tin", "Information")


@attrs.frozen
class Finding:
    """One observation of a check: a stable ``code``, a message, where, and the rule.

    Checks return findings rather than raising, so one run reports everything.
    ``path`` locates the field (``$.methods[0].fees``); ``citation`` names the
    rule that was applied (document number and article).

    >>> Finding(code="missing-steps", message="no steps (trình tự thực hiện)",
    ...         path="$.steps", citation="Decree 63/2010/NĐ-CP, Art. 8(2)(b)").severity
    <Severity.ERROR: 'error'>
    """

    code: str = attrs.field(validator=non_empty_str)
    message: str = attrs.field(validator=non_empty_str)
    path: str = attrs.field(default="$", kw_only=True, validator=non_empty_str)
    citation: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    severity: Severity = attrs.field(
        default=Severity.ERROR, kw_only=True, validator=enum_member(Severity)
    )

    @property
    def cited(self) -> Citation | None:
        """The citation as a structured value (document, confidence), ``None`` without one."""
        from tthc.citations import Citation

        return None if self.citation is None else Citation.from_text(self.citation)

    def __str__(self) -> str:
        cite = f" [{self.citation}]" if self.citation else ""
        return f"{self.severity.value}: {self.path}: {self.message}{cite}"
