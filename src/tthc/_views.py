"""Where a value finds its views (one-line repr, notebook HTML) without importing them.

Views sit above what they show: :mod:`tthc._display` imports the value
classes, never the reverse. A value class names this module's two functions
(``__repr__ = _views.short_repr``, ``_repr_html_ = _views.html``); the view
module registers its functions here, by class name, when it is imported, and
it is imported by name the first time a value is shown, so a lazy
``import tthc`` loads no view until one is needed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["html", "register", "short_repr"]

_VIEWS: dict[str, tuple[Callable[[Any], str], Callable[[Any], str]]] = {}
_VIEW_MODULE = "tthc._display"


def register(name: str, short: Callable[[Any], str], table: Callable[[Any], str]) -> None:
    """Register the views of the class called ``name``."""
    _VIEWS[name] = (short, table)


def _views_of(value: object) -> tuple[Callable[[Any], str], Callable[[Any], str]] | None:
    if not _VIEWS:
        importlib.import_module(_VIEW_MODULE)
    for cls in type(value).__mro__:
        found = _VIEWS.get(cls.__name__)
        if found is not None:
            return found
    return None


def short_repr(self: object) -> str:
    """The value's one-line repr."""
    found = _views_of(self)
    return found[0](self) if found is not None else object.__repr__(self)


def html(self: object) -> str:
    """The value's notebook view."""
    found = _views_of(self)
    return found[1](self) if found is not None else ""
