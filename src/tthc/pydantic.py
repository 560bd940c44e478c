"""pydantic v2 and FastAPI integration (``pip install 'tthc[pydantic]'``).

Every tthc type with a JSON shape (:func:`tthc.serialization.json_schema`) is
a pydantic-compatible type as soon as ``tthc`` is imported: ``TypeAdapter(Procedure)``
validates through :func:`tthc.serialization.from_dict` (tthc's strict loader),
dumps through :func:`~tthc.serialization.to_dict`, and documents itself with
the generated JSON Schema. A bad document is a ``pydantic.ValidationError``
with one line error per tthc problem, located at its path
(``("methods", 0, "channel")``), so FastAPI answers 422 with tthc's paths.

FastAPI reads a parameter whose type is not a pydantic model from the query
string unless told otherwise; declare a tthc body with ``Body()``::

    from typing import Annotated
    from fastapi import Body, FastAPI
    from tthc.deadlines import DueDate
    from tthc.model import Procedure

    app = FastAPI()

    @app.post("/procedures")
    def create(procedure: Annotated[Procedure, Body()]) -> Procedure:
        return procedure

>>> from pydantic import TypeAdapter
>>> from tthc.model import TimeLimit
>>> adapter = TypeAdapter(TimeLimit)
>>> adapter.validate_python({"amount": 7, "unit": "working_days"}) == TimeLimit.working_days(7)
True
>>> adapter.validate_python({"amount": 7, "unit": "days"})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for ...
unit
  expected one of 'working_days', ... [type=tthc_invalid, input_value='days', input_type=str]
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import PydanticCustomError
from pydantic_core import ValidationError as PydanticValidationError
from pydantic_core import core_schema as cs

from tthc._schema import json_schema
from tthc.errors import ValidationError
from tthc.serialization import _MISSING, from_dict, to_dict

__all__ = ["core_schema", "json_schema_for_openapi", "location", "to_pydantic_error"]

_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def location(path: str) -> tuple[str | int, ...]:
    """A tthc path (``$.methods[0].channel``) as a pydantic location tuple.

    >>> location("$.methods[0].channel")
    ('methods', 0, 'channel')
    """
    rest = path[1:] if path.startswith("$") else "." + path
    return tuple(m[1] if m[2] is None else int(m[2]) for m in _STEP.finditer(rest))


def to_pydantic_error(cls: type, error: ValidationError) -> PydanticValidationError:
    """A tthc :class:`~tthc.errors.ValidationError` as a pydantic one (one line per problem).

    Each line error has type ``tthc_invalid``, the problem's location, the bad
    value as ``input`` and ``ctx`` with ``path`` (tthc's ``$.…`` form) and
    ``expected``.
    """
    lines: list[Any] = [
        {
            "type": PydanticCustomError(
                "tthc_invalid",
                "expected {expected}",
                {"path": problem.path, "expected": problem.expected},
            ),
            "loc": location(problem.path),
            "input": None if problem.value is _MISSING else problem.value,
        }
        for problem in error.problems
    ]
    return PydanticValidationError.from_exception_data(cls.__name__, lines)


def core_schema(cls: type) -> cs.CoreSchema:
    """The pydantic core schema of a tthc type: tthc's loader in, its JSON shape out."""

    def validate(value: Any) -> Any:
        if isinstance(value, cls):
            return value
        try:
            return from_dict(cls, value)
        except ValidationError as e:
            raise to_pydantic_error(cls, e) from None

    return cs.no_info_plain_validator_function(
        validate,
        ref=f"tthc.{cls.__module__}.{cls.__qualname__}",
        serialization=cs.plain_serializer_function_ser_schema(to_dict),
    )


def json_schema_for_openapi(cls: type) -> dict[str, Any]:
    """:func:`tthc.serialization.json_schema` inlined for embedding (no ``$defs``, no ``$id``).

    OpenAPI 3.1 components are JSON Schema 2020-12; an embedded schema must not
    carry its own ``$schema``/``$id`` (they would re-base references).
    """
    schema = json_schema(cls, ref_template=None)
    schema.pop("$schema")
    schema.pop("$id")
    return schema
