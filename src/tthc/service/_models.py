"""The service's own response shapes (the others are tthc types) (private)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from tthc.deadlines import DayStatus
from tthc.dossiers import DossierStatus, SubmissionCheck
from tthc.service._text import en

__all__ = ["CalendarYear", "DossierCheck", "ProcedureSummary"]


class CalendarYear(BaseModel):
    """The working calendar of one year."""

    model_config = ConfigDict(json_schema_extra={"description": en("model.calendar_year")})

    year: int = Field(description=en("field.year"))
    announced_until: dt.date = Field(description=en("field.announced_until"))
    working_days: int = Field(description=en("field.working_days"))
    working_days_by_month: list[int] = Field(description=en("field.working_days_by_month"))
    days_off: list[DayStatus] = Field(description=en("field.days_off"))
    make_up_days: list[DayStatus] = Field(description=en("field.make_up_days"))


class ProcedureSummary(BaseModel):
    """A procedure found by a search."""

    model_config = ConfigDict(json_schema_extra={"description": en("model.procedure_summary")})

    code: str = Field(description=en("field.procedure_code"))
    name: str = Field(description=en("field.procedure_name"))


class DossierCheck(BaseModel):
    """What a dossier lacks and where it stands."""

    model_config = ConfigDict(json_schema_extra={"description": en("model.dossier_check")})

    complete: bool = Field(description=en("field.complete"))
    submission: SubmissionCheck = Field(description=en("field.submission"))
    status: DossierStatus = Field(description=en("field.dossier_status"))
    provisional: bool = Field(description=en("field.provisional"))
    provisional_warnings: int = Field(description=en("field.provisional_warnings"))
