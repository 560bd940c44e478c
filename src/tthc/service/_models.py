"""The service's own response shapes (the others are tthc types) (private)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from tthc.deadlines import DayStatus
from tthc.dossiers import DossierStatus, SubmissionCheck

__all__ = ["CalendarYear", "DossierCheck", "ProcedureSummary"]


class CalendarYear(BaseModel):
    """The working calendar of one year."""

    year: int = Field(description="The year.")
    announced_until: dt.date = Field(
        description="The last day of the officially announced calendar; later days are projected."
    )
    working_days: int = Field(description="Working days in the year.")
    working_days_by_month: list[int] = Field(
        description="Working days in each month, January first."
    )
    days_off: list[DayStatus] = Field(description="Weekdays off (holidays, Tết, swapped days).")
    make_up_days: list[DayStatus] = Field(
        description="Weekend days worked to make up swapped days."
    )


class ProcedureSummary(BaseModel):
    """A procedure found by a search."""

    code: str = Field(description="The procedure's catalogue code.")
    name: str = Field(description="The procedure's name.")


class DossierCheck(BaseModel):
    """What a dossier lacks and where it stands."""

    complete: bool = Field(description="Whether every required component was filed.")
    submission: SubmissionCheck = Field(description="The verdict on each component.")
    status: DossierStatus = Field(description="The dossier's state, due date and time left.")
    provisional: bool = Field(
        description="Whether the due date depends on days the calendar has not announced."
    )
    provisional_warnings: int = Field(
        description="1 when provisional is true, else 0 (kept for clients of earlier versions)."
    )
