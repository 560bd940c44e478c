"""Integration hooks attached to tthc's serialized types at import time.

pydantic v2 (and so FastAPI) asks a type for ``__get_pydantic_core_schema__``
and ``__get_pydantic_json_schema__``. Every type of
:func:`tthc._schema.schema_types` gets both here, as classmethods that import
:mod:`tthc.pydantic` (and pydantic) only when pydantic calls them: ``import
tthc`` never loads pydantic. One loop instead of two lines in each class keeps
the model modules free of integration code.
"""

from __future__ import annotations

from typing import Any

from tthc._schema import schema_types

__all__: list[str] = []


def _core_schema(cls: type, source: Any, handler: Any) -> Any:
    from tthc.pydantic import core_schema

    return core_schema(cls)


def _json_schema(cls: type, schema: Any, handler: Any) -> Any:
    from tthc.pydantic import json_schema_for_openapi

    return json_schema_for_openapi(cls)


for _cls in schema_types().values():
    _cls.__get_pydantic_core_schema__ = classmethod(_core_schema)  # type: ignore[attr-defined]
    _cls.__get_pydantic_json_schema__ = classmethod(_json_schema)  # type: ignore[attr-defined]
