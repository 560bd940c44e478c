"""The OpenAPI document in Vietnamese and English, and the docs pages served offline (private).

Swagger UI and ReDoc come from the ``fastapi-offline`` package (part of the
``serve`` extra), served by the app itself under ``/docs/assets``: the pages
load nothing from the internet, so they work on a closed government network.
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse

from tthc.service._problems import PROBLEM_MEDIA_TYPE, ProblemDetails
from tthc.service._text import LANGS, Lang, negotiate, text, translation

__all__ = ["ASSETS", "add_docs", "document"]

#: Where the docs pages' scripts and styles are served.
ASSETS = "/docs/assets"
_PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetails"}
_TRANSLATED = frozenset({"description", "summary"})


def _assets_directory() -> str:
    return str(importlib.resources.files("fastapi_offline") / "static")


def _problem_schemas() -> dict[str, Any]:
    schema = ProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
    defs: dict[str, Any] = schema.pop("$defs", {})
    return {"ProblemDetails": schema, **defs}


def _dossier_schema(schemas: dict[str, Any]) -> dict[str, Any]:
    """The Dossier schema, its ``procedure`` a catalogue code or a Procedure."""
    from pydantic import TypeAdapter

    from tthc.model import Dossier

    schema: dict[str, Any] = TypeAdapter(Dossier).json_schema()
    inline = schema["properties"]["procedure"]
    whole = {"$ref": "#/components/schemas/Procedure"} if "Procedure" in schemas else inline
    code = {
        "type": "string",
        "description": text("param.code", "en"),
        "examples": ["1.004222"],
    }
    schema["properties"]["procedure"] = {"anyOf": [code, whole]}
    return schema


def _english(app: FastAPI) -> dict[str, Any]:
    doc = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=[*getattr(app.state, "documented", []), *app.routes],
    )
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    schemas.update(_problem_schemas())
    schemas["Dossier"] = _dossier_schema(schemas)
    for operations in doc.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                if status[:1] in ("4", "5"):
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM_REF}}
    return doc


def _translate(node: Any, table: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            k: table.get(v, v)
            if k in _TRANSLATED and isinstance(v, str)
            else [table.get(t, t) for t in v]
            if k == "tags" and isinstance(v, list)
            else _translate(v, table)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_translate(v, table) for v in node]
    return node


def document(app: FastAPI, lang: Lang) -> dict[str, Any]:
    """The OpenAPI document in ``lang`` (built once per language)."""
    cache: dict[Lang, dict[str, Any]] = app.state.openapi_by_lang
    if lang not in cache:
        english = cache.get("en") or _english(app)
        cache["en"] = english
        if lang == "vi":
            vi = _translate(copy.deepcopy(english), translation())
            vi["info"]["description"] = app.state.description_vi
            cache["vi"] = vi
    return cache[lang]


def _lang(request: Request) -> Lang:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return "vi" if asked == "vi" else "en"
    return negotiate(request.headers.get("accept-language"))


@functools.cache
def _favicon() -> str:
    return f"{ASSETS}/favicon.png"


def add_docs(app: FastAPI) -> None:
    """``/openapi.json`` (``?lang=vi|en``), ``/docs`` (Swagger UI) and ``/redoc``, offline."""
    app.state.openapi_by_lang = {}
    app.mount(ASSETS, StaticFiles(directory=_assets_directory()), name="docs-assets")

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi(request: Request) -> JSONResponse:
        lang = _lang(request)
        return JSONResponse(document(app, lang), headers={"Content-Language": lang})

    @app.get("/docs", include_in_schema=False)
    async def swagger(request: Request) -> HTMLResponse:
        lang = _lang(request)
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}/openapi.json?lang={lang}",
            title=f"{app.title} – Swagger UI",
            swagger_js_url=f"{root}{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{_favicon()}",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        lang = _lang(request)
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}/openapi.json?lang={lang}",
            title=f"{app.title} – ReDoc",
            redoc_js_url=f"{root}{ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{_favicon()}",
            with_google_fonts=False,
        )


def description(lang: Lang, limit: int, schema: str) -> str:
    """The API's description in ``lang``."""
    return text("api.description", lang, limit=limit, schema=schema)
