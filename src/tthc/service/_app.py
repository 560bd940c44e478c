"""The FastAPI application behind ``tthc serve`` (private; see :mod:`tthc.service`)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from typing import Annotated, Any

from anyio import to_thread
from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Route

from tthc._version import __version__
from tthc.catalogue import Catalogue
from tthc.deadlines import (
    MAX_YEAR,
    MIN_YEAR,
    DayStatus,
    DueDate,
    official_calendar,
)
from tthc.dossiers import check_submission, status
from tthc.errors import ParseError, ProvisionalCalendarWarning, TthcError, ValidationError
from tthc.levels import Classification, classify
from tthc.model import Dossier, Procedure
from tthc.reading import read_date, read_year
from tthc.serialization import SCHEMA_VERSION, from_dict, to_dict
from tthc.service._body import DEFAULT_MAX_BODY_BYTES, BodyLimit, read_json
from tthc.service._docs import add_docs, description
from tthc.service._due import DUE_PARAMETERS, PlainDue, due_body, moment_param, quiet
from tthc.service._models import CalendarYear, DossierCheck, ProcedureSummary
from tthc.service._problems import ServiceError, from_exception, from_validation, invalid
from tthc.service._text import en

__all__ = ["create_app"]


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"description": en(f"resp.{s}")} for s in (*statuses, 422, 500)}


def _json(data: Any) -> Response:
    """A JSON answer; text that cannot be UTF-8 (a lone surrogate) is escaped, not a 500."""
    try:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        body = json.dumps(data).encode("ascii")
    return Response(body, media_type="application/json")


def _open(catalogue: Catalogue | str | os.PathLike[str] | None) -> Catalogue:
    if isinstance(catalogue, Catalogue):
        return catalogue
    import tthc.catalogue as store

    opener = getattr(store, "open_catalogue", None)  # issue 17b's one way to open a catalogue
    if opener is not None:
        opened: Catalogue = opener(catalogue)
        return opened
    path = catalogue if catalogue is not None else os.environ.get("TTHC_CATALOGUE") or None
    return Catalogue.load(path) if path is not None else Catalogue.shipped()


def create_app(
    catalogue: Catalogue | str | os.PathLike[str] | None = None,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """The FastAPI application (run it with ``tthc serve`` or any ASGI server).

    ``catalogue`` is the procedures the service answers from: a
    :class:`~tthc.catalogue.Catalogue`, a file to load, or ``None`` for
    ``$TTHC_CATALOGUE`` if set, else the shipped national catalogue.
    ``max_body_bytes`` caps a request body (413 above it).
    """
    if max_body_bytes < 1:
        raise ValidationError.single("max_body_bytes", max_body_bytes, "a positive byte count")
    procedures = _open(catalogue)
    app = FastAPI(
        title="tthc",
        version=__version__,
        description=description("en", max_body_bytes, SCHEMA_VERSION),
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.description_vi = description("vi", max_body_bytes, SCHEMA_VERSION)
    app.state.catalogue = procedures
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(HeadAsGet)
    _handlers(app)
    _deadline_routes(app)
    _catalogue_routes(app, procedures)
    _dossier_routes(app, procedures)
    add_docs(app)
    _serve_plainly(app, "/due", PlainDue())
    return app


class HeadAsGet:
    """ASGI middleware: ``HEAD`` is answered as ``GET`` (RFC 9110 §9.3.2).

    The app sees a GET; the server, which knows the request was HEAD, sends
    the status and headers without the body.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "HEAD":
            scope = {**scope, "method": "GET"}
        await self.app(scope, receive, send)


def _serve_plainly(app: FastAPI, path: str, plain: Any) -> None:
    """Serve ``path`` through a plain Starlette route, first in the router.

    ``plain`` is an ASGI app that reads its own parameters and sends its
    answer, so FastAPI's per-request dependency solving has nothing to do; the
    FastAPI route stays in ``app.state.documented`` for the OpenAPI document.
    Middleware and exception handlers are the same for both.
    """
    routes = app.router.routes
    (documented,) = [r for r in routes if isinstance(r, APIRoute) and r.path == path]
    routes.remove(documented)
    routes.insert(0, Route(path, plain, methods=sorted(documented.methods or ())))
    app.state.documented = [*getattr(app.state, "documented", []), documented]


def _handlers(app: FastAPI) -> None:
    async def validation(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        return from_validation(request, error.errors())

    async def http(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code == 404:
            return from_exception(
                request, ServiceError(404, "not_found", "detail.no_route", path=request.url.path)
            )
        if error.status_code == 405:
            allowed = (error.headers or {}).get("Allow", "")
            refused = ServiceError(
                405,
                "method_not_allowed",
                "detail.method",
                headers={"Allow": allowed},
                method=request.method,
                path=request.url.path,
                allowed=allowed,
            )
            return from_exception(request, refused)
        return from_exception(request, ServiceError(error.status_code, "http_error", "detail.http"))

    async def anything(request: Request, error: Exception) -> Response:
        return from_exception(request, error)

    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(HTTPException, http)
    for refused in (ServiceError, TthcError, OverflowError, RecursionError):
        app.add_exception_handler(refused, anything)
    app.add_exception_handler(Exception, anything)  # a bug: 500, logged by the server


def _deadline_routes(app: FastAPI) -> None:

    @app.get(
        "/due",
        tags=[en("tag.calendar")],
        response_model=DueDate,
        summary=en("op.due"),
        description=en("op.due.long"),
        responses=_errors(),
        openapi_extra={"parameters": DUE_PARAMETERS},
    )
    async def due(request: Request) -> Response:
        # Documents /due; PlainDue serves it (see _serve_plainly).
        return Response(due_body(request.scope["query_string"]), media_type="application/json")

    @app.get(
        "/calendar/{year}",
        tags=[en("tag.calendar")],
        response_model=CalendarYear,
        summary=en("op.calendar"),
        responses=_errors(),
    )
    async def calendar(
        year: Annotated[str, Path(max_length=10, description=en("param.year"))],
    ) -> Response:
        try:
            value = read_year(year)
        except ParseError:
            raise invalid(
                "year", "path", year, "expected.year", first=MIN_YEAR, last=MAX_YEAR
            ) from None
        return _json(_calendar_year(value))

    @app.get(
        "/days/{day}",
        tags=[en("tag.calendar")],
        response_model=DayStatus,
        summary=en("op.day"),
        responses=_errors(),
    )
    async def day_status(
        day: Annotated[str, Path(max_length=40, description=en("param.day"))],
    ) -> Response:
        try:
            value = read_date(day)
        except ParseError:
            raise invalid("day", "path", day, "expected.day") from None
        result = quiet(lambda: official_calendar().explain(value))
        return _json(to_dict(result))


@functools.lru_cache(maxsize=64)
def _calendar_year(year: int) -> dict[str, Any]:
    from tthc._calendar_views import make_up_days

    cal = official_calendar(last_year=max(2035, year))
    by_month = cal.working_days_by_month(year)
    return {
        "year": year,
        "announced_until": cal.announced_until.isoformat(),
        "working_days": sum(by_month),
        "working_days_by_month": list(by_month),
        "days_off": [to_dict(s) for s in cal.days_off(year)],
        "make_up_days": [to_dict(s) for s in make_up_days(cal, year)],
    }


def _procedure(procedures: Catalogue, code: str) -> Procedure:
    try:
        return procedures.get(code)
    except ValidationError:  # not shaped like a code
        raise invalid("code", "path", code, "expected.code") from None


def _catalogue_routes(app: FastAPI, procedures: Catalogue) -> None:
    @app.get(
        "/procedures",
        tags=[en("tag.catalogue")],
        response_model=list[ProcedureSummary],
        summary=en("op.search"),
        responses={
            200: {
                "description": en("resp.200"),
                "headers": {
                    "X-Total-Count": {
                        "description": en("header.total"),
                        "schema": {"type": "integer"},
                    }
                },
            },
            **_errors(),
        },
    )
    async def search(
        q: Annotated[str, Query(max_length=200, description=en("param.q"))] = "",
        limit: Annotated[int, Query(ge=1, le=1000, description=en("param.search_limit"))] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000, description=en("param.offset"))] = 0,
    ) -> Response:
        hits = procedures.search(q)
        codes, names = getattr(hits, "codes", None), getattr(hits, "names", None)
        if codes is not None and names is not None:  # an index that names without decoding
            found = list(zip(codes, names, strict=True))[offset : offset + limit]
        else:
            found = [(str(p.code), p.name) for p in hits[offset : offset + limit]]
        answer = _json([{"code": code, "name": name} for code, name in found])
        answer.headers["X-Total-Count"] = str(len(hits))
        return answer

    @app.get(
        "/procedures/{code}",
        tags=[en("tag.catalogue")],
        response_model=Procedure,
        summary=en("op.procedure"),
        responses=_errors(404),
    )
    async def procedure(
        code: Annotated[str, Path(max_length=40, description=en("param.code"))],
    ) -> Response:
        return _json(to_dict(_procedure(procedures, code)))

    @app.get(
        "/procedures/{code}/level",
        tags=[en("tag.catalogue")],
        response_model=Classification,
        summary=en("op.level"),
        responses=_errors(404),
    )
    async def level(
        code: Annotated[str, Path(max_length=40, description=en("param.code"))],
        on: Annotated[str, Query(max_length=40, description=en("param.on"))] = "today",
    ) -> Response:
        day = moment_param(on, "on")
        if isinstance(day, dt.datetime):
            day = day.date()
        return _json(to_dict(classify(_procedure(procedures, code), on=day)))


def _load_dossier(data: Any, procedures: Catalogue) -> Dossier:
    """A dossier from parsed JSON; ``"procedure"`` may be a code of the catalogue."""
    if isinstance(data, dict) and isinstance(data.get("procedure"), str):
        code = data["procedure"]
        try:
            found = procedures.get(code[:40])
        except (LookupError, ValidationError):
            raise ServiceError(
                422,
                "invalid_input",
                "detail.invalid",
                [
                    {
                        "path": "$.procedure",
                        "location": "body",
                        "value": code,
                        "expected": ("expected.procedure", {}),
                    }
                ],
                count=1,
            ) from None
        data = {**data, "procedure": to_dict(found)}
    return from_dict(Dossier, data)


def _checked(data: Any, procedures: Catalogue, moment: dt.datetime) -> Response:
    """The answer of ``POST /dossiers/check`` (runs in a worker thread: no warning filters)."""
    dossier = _load_dossier(data, procedures)
    checked = check_submission(dossier)
    state = status(dossier, moment)
    return _json(
        {
            "complete": checked.complete,
            "submission": to_dict(checked),
            "status": to_dict(state),
            "provisional": state.provisional,
            "provisional_warnings": int(state.provisional),
        }
    )


def _dossier_routes(app: FastAPI, procedures: Catalogue) -> None:
    body = {
        "required": True,
        "description": en("body.dossier"),
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Dossier"}}},
    }

    @app.post(
        "/dossiers/check",
        tags=[en("tag.dossiers")],
        response_model=DossierCheck,
        summary=en("op.check"),
        description=en("op.check.long"),
        responses=_errors(400, 413),
        openapi_extra={"requestBody": body},
    )
    async def check(
        request: Request,
        as_of: Annotated[str, Query(max_length=200, description=en("param.as_of"))] = "now",
    ) -> Response:
        moment = moment_param(as_of, "as_of")
        if not isinstance(moment, dt.datetime):
            raise invalid("as_of", "query", as_of, "expected.with_time")
        data = await read_json(request)
        try:  # a large dossier is checked in a worker thread: other requests go on meanwhile
            return await to_thread.run_sync(_checked, data, procedures, moment)
        except ProvisionalCalendarWarning:  # warnings are errors in this process (-W error)
            return quiet(lambda: _checked(data, procedures, moment))
