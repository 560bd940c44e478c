"""Integration hooks attached to tthc's serialized types at import time.

pydantic v2 (and so FastAPI) asks a type for ``__get_pydantic_core_schema__``
and ``__get_pydantic_json_schema__``. Every type of
:func:`tthc._schema.schema_types` gets both here, as classmethods that import
:mod:`tthc.pydantic` (and pydantic) only when pydantic calls them: ``import
tthc`` never loads pydantic. One loop instead of two lines in each class keeps
the model modules free of integration code.

Each subpackage calls :func:`install` at the end of its ``__init__`` for its
own types (:data:`tthc._schema.SERIALIZED`), so the hooks are there whichever
subpackage is imported first, and ``import tthc`` itself imports none of them.
"""

from __future__ import annotations

import sys
from typing import Any

from tthc._schema import SERIALIZED

__all__ = ["install"]


def _core_schema(cls: type, source: Any, handler: Any) -> Any:
    from tthc.pydantic import core_schema

    return core_schema(cls)


def _json_schema(cls: type, schema: Any, handler: Any) -> Any:
    from tthc.pydantic import json_schema_for_openapi

    return json_schema_for_openapi(cls)


def install(package: str) -> None:
    """Attach the pydantic hooks to the serialized types of ``package`` (a module name)."""
    module = sys.modules[package]
    for name in SERIALIZED[package].split():
        cls = getattr(module, name)
        cls.__get_pydantic_core_schema__ = classmethod(_core_schema)
        cls.__get_pydantic_json_schema__ = classmethod(_json_schema)
