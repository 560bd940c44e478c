"""One error shape for every failure: RFC 9457 problem details, in the request's language.

tthc's own errors, FastAPI's request validation, unknown routes, wrong methods,
bodies over the limit, malformed JSON and unexpected failures all become one
``application/problem+json`` body (:class:`ProblemDetails`), written in the
language of the request's ``Accept-Language`` (private module).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import Response

from tthc.errors import (
    MISSING,
    CalendarRangeError,
    NoRuleInForceError,
    Problem,
    TthcError,
    UnknownCodeError,
    ValidationError,
)
from tthc.messages import explain, has_message, message
from tthc.service._text import Lang, en, excerpt, negotiate, text

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "BodyTooLargeError",
    "ProblemDetails",
    "ProblemItem",
    "ServiceError",
    "from_exception",
    "from_validation",
    "invalid",
    "lang_of",
    "problem_response",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
_MAX_ITEMS = 50  # problems listed in one answer; the detail gives the full count


class ProblemItem(BaseModel):
    """One thing wrong with the request: where, what was expected, what was sent."""

    model_config = ConfigDict(json_schema_extra={"description": en("model.problem_item")})

    path: str = Field(description=en("field.path"))
    location: Literal["query", "path", "body", "header"] = Field(description=en("field.location"))
    expected: str = Field(description=en("field.expected"))
    value: Any = Field(default=None, description=en("field.value"))


class ProblemDetails(BaseModel):
    """An error (RFC 9457 problem details), in the language of Accept-Language."""

    model_config = ConfigDict(
        json_schema_extra={"description": en("model.problem")}, populate_by_name=True
    )

    # "type" in JSON (RFC 9457); another name in Python, where ``type`` is the builtin
    problem_type: str = Field(default="about:blank", alias="type", description=en("field.type"))
    title: str = Field(description=en("field.title"))
    status: int = Field(description=en("field.status"))
    detail: str = Field(description=en("field.detail"))
    instance: str = Field(description=en("field.instance"))
    code: str = Field(description=en("field.code"))
    lang: Literal["vi", "en"] = Field(description=en("field.lang"))
    problems: list[ProblemItem] = Field(default_factory=list, description=en("field.problems"))


class ServiceError(Exception):
    """A request the service refuses: status, machine code, a detail message key.

    A value given as ``(key, values)`` is a message itself, rendered in the
    answer's language; so is a problem's ``expected``.
    """

    def __init__(
        self,
        status: int,
        code: str,
        key: str,
        problems: Sequence[dict[str, Any]] = (),
        headers: dict[str, str] | None = None,
        **values: Any,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.key = key
        self.problems = tuple(problems)
        self.headers = headers
        self.values = values

    def detail(self, lang: Lang) -> str:
        """The detail in ``lang``."""
        return text(self.key, lang, **{k: _render(v, lang) for k, v in self.values.items()})

    def items(self, lang: Lang) -> list[dict[str, Any]]:
        """The problems, their ``expected`` in ``lang``."""
        return [{**p, "expected": _render(p.get("expected", ""), lang)} for p in self.problems]


def _render(value: Any, lang: Lang) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        key, values = value
        return text(key, lang, **values)
    return value


def invalid(path: str, location: str, value: Any, key: str, **values: Any) -> ServiceError:
    """A 422 for one bad parameter: ``expected`` is the message ``key``."""
    problem = {"path": path, "location": location, "value": value, "expected": (key, values)}
    return ServiceError(422, "invalid_input", "detail.invalid", [problem], count=1)


class BodyTooLargeError(ServiceError):
    """The body went over the service's limit while it was read."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, "body_too_large", "detail.too_large", limit=limit)


def lang_of(headers: Iterable[tuple[bytes, bytes]]) -> Lang:
    """The answer's language from raw ASGI headers."""
    for name, value in headers:
        if name.lower() == b"accept-language":
            return negotiate(value.decode("latin-1"))
    return "vi"


def _title(status: int, lang: Lang) -> str:
    key = f"title.{status}"
    try:
        return text(key, lang)
    except KeyError:
        return text("title.other", lang, status=status)


def problem_body(
    status: int,
    code: str,
    detail: str,
    instance: str,
    lang: Lang,
    problems: Sequence[dict[str, Any]] = (),
) -> bytes:
    """The JSON bytes of a problem (always encodable: values are excerpts)."""
    items = [
        {
            "path": excerpt(str(p.get("path", "$"))),
            "location": p.get("location", "body"),
            "expected": p.get("expected", ""),
            "value": excerpt(p.get("value")),
        }
        for p in problems[:_MAX_ITEMS]
    ]
    body = {
        "type": "about:blank",
        "title": _title(status, lang),
        "status": status,
        "detail": detail,
        "instance": excerpt(instance),
        "code": code,
        "lang": lang,
        "problems": items,
    }
    return json.dumps(body, ensure_ascii=False).encode("utf-8", "backslashreplace")


def problem_response(
    request: Request,
    status: int,
    code: str,
    detail: str,
    problems: Sequence[dict[str, Any]] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    """A problem+json response for ``request``."""
    lang = negotiate(request.headers.get("accept-language"))
    return Response(
        problem_body(status, code, detail, request.url.path, lang, problems),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers={"Content-Language": lang, **(headers or {})},
    )


def _invalid_detail(count: int, lang: Lang) -> str:
    if count > _MAX_ITEMS:
        return text("detail.invalid_more", lang, count=count, shown=_MAX_ITEMS)
    return text("detail.invalid", lang, count=count)


def from_validation(request: Request, errors: Sequence[Any]) -> Response:
    """FastAPI's request validation errors as a 422 problem."""
    lang = negotiate(request.headers.get("accept-language"))
    items = [_pydantic_item(e, lang) for e in errors[:_MAX_ITEMS]]
    return problem_response(
        request, 422, "invalid_input", _invalid_detail(len(errors), lang), items
    )


def _pydantic_item(error: Any, lang: Lang) -> dict[str, Any]:
    loc = tuple(error.get("loc", ()))
    where = loc[0] if loc and loc[0] in ("query", "path", "body", "header") else "query"
    path = ".".join(str(part) for part in loc[1:]) or "$"
    ctx = error.get("ctx") or {}
    kind = str(error.get("type", ""))
    if kind == "missing":
        expected = text("expected.missing", lang)
    elif kind == "string_too_long":
        expected = text("expected.too_long", lang, max_length=ctx.get("max_length", "?"))
    elif kind == "string_pattern_mismatch":
        expected = text("expected.pattern", lang, pattern=ctx.get("pattern", "?"))
    elif kind == "int_parsing":
        expected = text("expected.whole_number", lang)
    elif kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le", "?"))
        key = "expected.at_least" if kind == "greater_than_equal" else "expected.at_most"
        expected = text(key, lang, bound=bound)
    else:
        expected = text("expected.valid", lang, kind=kind or "?")
    value = None if kind == "missing" else error.get("input")
    return {"path": path, "location": where, "expected": expected, "value": value}


def _expected(problem: Problem, lang: Lang) -> str:
    """What a problem expected, in ``lang`` (library text only where it has a catalogue key)."""
    if problem.key is not None and has_message(problem.key):
        return message(problem.key, lang, **problem.values)
    if lang == "en":
        return problem.expected
    return message("expect.invalid_value", lang)  # English-only text is not mixed into Vietnamese


def from_exception(request: Request, error: BaseException) -> Response:
    """Any exception as a problem: tthc's errors 4xx, anything unexpected 500."""
    lang = negotiate(request.headers.get("accept-language"))
    if isinstance(error, ServiceError):
        return problem_response(
            request, error.status, error.code, error.detail(lang), error.items(lang), error.headers
        )
    if isinstance(error, UnknownCodeError):
        detail = text("detail.unknown_code", lang, code=excerpt(error.code))
        item = {"path": "code", "location": "path", "expected": text("expected.code", lang)}
        return problem_response(
            request, 404, "unknown_code", detail, [{**item, "value": error.code}]
        )
    if isinstance(error, NoRuleInForceError):
        detail = text("detail.no_rule", lang, on=error.on.isoformat())
        item = {"path": "on", "location": "query", "expected": text("expected.no_rule", lang)}
        return problem_response(request, 404, "no_rule_in_force", detail, [item])
    if isinstance(error, ValidationError):
        count = len(error.problems) + error.omitted
        items = [
            {
                "path": p.path,
                "location": "body",
                "expected": _expected(p, lang),
                "value": None if p.value is MISSING else p.value,
            }
            for p in error.problems
        ]
        return problem_response(request, 422, "invalid_input", _invalid_detail(count, lang), items)
    if isinstance(error, CalendarRangeError):
        return problem_response(request, 422, "out_of_range", explain(error, lang))
    if isinstance(error, TthcError):  # a parse error, an illegal transition…
        return problem_response(request, 422, "invalid_input", explain(error, lang))
    if isinstance(error, (OverflowError, RecursionError)):
        detail = text("detail.out_of_range", lang)
        item = {"path": "$", "location": "query", "expected": text("expected.moment", lang)}
        return problem_response(request, 422, "out_of_range", detail, [item])
    detail = text("detail.internal", lang, kind=type(error).__name__)
    return problem_response(request, 500, "internal_error", detail)
