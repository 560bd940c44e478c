"""``tthc serve``: a small HTTP JSON service over the public API (extra ``serve``).

Built on FastAPI; every answer is a :mod:`tthc.serialization` shape and the
OpenAPI document (``/openapi.json``, docs at ``/docs``) carries the generated
JSON Schemas (:func:`tthc.serialization.json_schema`). Endpoints:

- ``GET /due?received=…&limit=…`` → :class:`~tthc.deadlines.DueDate`
  (``received`` as on the command line: ``now``, ``dd/mm/yyyy HH:MM``, ISO
  8601; ``limit`` the published text; optional ``hours``, ``end_of_day``);
- ``GET /calendar/{year}`` (days off, make-up days, working days per month) and
  ``GET /days/{date}`` → :class:`~tthc.deadlines.DayStatus`;
- ``GET /procedures?q=…`` (search), ``GET /procedures/{code}`` →
  :class:`~tthc.model.Procedure`, ``GET /procedures/{code}/level?on=…`` →
  :class:`~tthc.levels.Classification`;
- ``POST /dossiers/check?as_of=…`` with a :class:`~tthc.model.Dossier` body
  (``"procedure"`` may be a catalogue code) → the submission check and status.

Bad requests get a 4xx ``application/problem+json`` body (RFC 9457) with
``problems`` listing each path, expected form and value; an unknown code is
404. Nothing a client sends produces a 500.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import Body, FastAPI, Query, Request
from fastapi.responses import JSONResponse

from tthc import catalogue
from tthc._version import __version__
from tthc.cli._common import CliError, Context, capture, parse_moment, parse_year
from tthc.cli.check import load_dossier
from tthc.deadlines import (
    CLOCK_POLICIES,
    OFFICE_HOURS_PRESETS,
    DayStatus,
    DueDate,
    EndOfDay,
    OfficeHours,
    due_date,
    official_calendar,
)
from tthc.dossiers import check_submission, status
from tthc.errors import NoRuleInForceError, TthcError, UnknownCodeError, ValidationError
from tthc.levels import Classification, classify
from tthc.model import Procedure
from tthc.serialization import SCHEMA_VERSION, to_dict
from tthc.sources import parse_time_limit

__all__ = ["create_app"]

_PROBLEM = "application/problem+json"


def _problem(status_code: int, title: str, detail: str, problems: list[Any]) -> JSONResponse:
    return JSONResponse(
        {
            "type": "about:blank",
            "title": title,
            "status": status_code,
            "detail": detail,
            "problems": problems,
        },
        status_code=status_code,
        media_type=_PROBLEM,
    )


def _safe(value: Any) -> Any:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
    return value


def _context() -> Context:
    return Context(lang="en", out=None)  # type: ignore[arg-type]  # no text output here


def create_app() -> FastAPI:
    """The FastAPI application (run it with ``tthc serve`` or any ASGI server)."""
    app = FastAPI(
        title="tthc",
        version=__version__,
        description="Vietnamese administrative procedures: due dates, the working calendar, "
        f"the catalogue, online levels, dossier checks. JSON shapes: schema version "
        f"{SCHEMA_VERSION}.",
    )

    @app.exception_handler(TthcError)
    async def tthc_error(_request: Request, e: TthcError) -> JSONResponse:
        if isinstance(e, UnknownCodeError):
            return _problem(404, "Not found", str(e), [{"path": "$", "value": e.code}])
        if isinstance(e, NoRuleInForceError):
            return _problem(404, "Nothing in force", str(e), [])
        if isinstance(e, ValidationError):
            problems = [
                {"path": p.path, "expected": p.expected, "value": _safe(p.value)}
                for p in e.problems[:50]
            ]
            return _problem(422, "Invalid input", str(e).splitlines()[0], problems)
        return _problem(422, "Invalid input", str(e), [])

    @app.exception_handler(CliError)
    async def cli_error(_request: Request, e: CliError) -> JSONResponse:
        path = e.values.get("path_", "$")
        return _problem(422, "Invalid input", e.text("en"), [{"path": path, **e.values}])

    @app.exception_handler(OverflowError)
    async def overflow(_request: Request, e: OverflowError) -> JSONResponse:
        return _problem(422, "Out of range", "a moment or period beyond what can be computed", [])

    @app.exception_handler(RecursionError)
    async def too_deep(_request: Request, e: RecursionError) -> JSONResponse:
        return _problem(422, "Invalid input", "JSON nested too deeply", [{"path": "$"}])

    @app.get("/due", response_model=DueDate, summary="When a result is due, and why")
    def due(
        received: Annotated[str, Query(max_length=200, examples=["20/11/2026 10:00"])],
        limit: Annotated[str, Query(max_length=2000, examples=["3 ngày làm việc"])],
        hours: Annotated[str, Query(pattern="^[a-z_]{1,40}$")] = "default",
        end_of_day: Annotated[str | None, Query(pattern="^(close|midnight)$")] = None,
    ) -> Any:
        ctx = _context()
        parsed = parse_time_limit(limit).ordinary
        moment = parse_moment(received, dt.datetime.now(dt.UTC))
        office = OfficeHours() if hours == "default" else OFFICE_HOURS_PRESETS.get(hours)
        if office is None:
            choices = ", ".join(["default", *OFFICE_HOURS_PRESETS])
            raise ValidationError.single("$.hours", hours, f"one of {choices}")
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, office.opening, tzinfo=moment_zone())
        policy = None
        if end_of_day is not None:
            policy = CLOCK_POLICIES.at(moment.date()).value.evolve(
                end_of_day=EndOfDay.MIDNIGHT
                if end_of_day == "midnight"
                else EndOfDay.CLOSE_OF_OFFICE_HOURS
            )
        return capture(ctx, lambda: due_date(moment, parsed, hours=office, policy=policy))

    @app.get("/calendar/{year}", summary="Days off, make-up days and working days of a year")
    def calendar(year: str) -> dict[str, Any]:
        value = parse_year(year)
        cal = official_calendar(last_year=max(2035, value))
        by_month = cal.working_days_by_month(value)
        from tthc._calendar_views import make_up_days

        return {
            "year": value,
            "announced_until": cal.announced_until.isoformat(),
            "working_days": sum(by_month),
            "working_days_by_month": list(by_month),
            "days_off": [to_dict(s) for s in cal.days_off(value)],
            "make_up_days": [to_dict(s) for s in make_up_days(cal, value)],
        }

    @app.get("/days/{day}", response_model=DayStatus, summary="Whether a day is worked, and why")
    def day_status(day: str) -> Any:
        value = parse_moment(day, dt.datetime.now(dt.UTC))
        if isinstance(value, dt.datetime):
            raise ValidationError.single("$.day", day, "a date 'YYYY-MM-DD' or 'dd/mm/yyyy'")
        return official_calendar().explain(value)

    @app.get("/procedures", summary="Search the catalogue by name")
    def search(q: Annotated[str, Query(max_length=200)] = "") -> list[dict[str, str]]:
        return [{"code": str(p.code), "name": p.name} for p in catalogue.search(q)]

    @app.get("/procedures/{code}", response_model=Procedure, summary="A catalogue procedure")
    def procedure(code: str) -> Any:
        return catalogue.get(code[:40])

    @app.get(
        "/procedures/{code}/level",
        response_model=Classification,
        summary="Online service level on a date",
    )
    def level(code: str, on: Annotated[str, Query(max_length=40)] = "today") -> Any:
        day = parse_moment(on, dt.datetime.now(dt.UTC))
        if isinstance(day, dt.datetime):
            day = day.date()
        return classify(catalogue.get(code[:40]), on=day)

    @app.post("/dossiers/check", summary="What a dossier lacks; its status")
    def check(
        dossier: Annotated[dict[str, Any], Body()],
        as_of: Annotated[str, Query(max_length=200)] = "now",
    ) -> dict[str, Any]:
        ctx = _context()
        moment = parse_moment(as_of, dt.datetime.now(dt.UTC))
        if not isinstance(moment, dt.datetime):
            raise CliError("err.no_time", text=as_of)
        loaded = load_dossier(json.dumps(dossier), "request body")
        checked = check_submission(loaded)
        state = capture(ctx, lambda: status(loaded, moment))
        return {
            "complete": checked.complete,
            "submission": to_dict(checked),
            "status": to_dict(state),
            "provisional_warnings": len(ctx.provisional),
        }

    return app


def moment_zone() -> dt.tzinfo:
    """Asia/Ho_Chi_Minh (a bare date means the desk's opening time there)."""
    from tthc.deadlines import VIETNAM

    return VIETNAM
