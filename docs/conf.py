"""Sphinx configuration for the tthc documentation."""

from __future__ import annotations

import importlib.metadata

project = "tthc"
author = "The tthc developers"
copyright = "2026, The tthc developers"
release = importlib.metadata.version("tthc")
version = release

extensions = [
    "myst_nb",  # MyST Markdown and the rendered notebooks
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# The notebooks are executed at build time (no network; a few seconds).
nb_execution_mode = "force"
nb_execution_timeout = 120
nb_execution_raise_on_error = True

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
nitpicky = False
suppress_warnings: list[str] = []

html_theme = "furo"
html_title = "tthc"
language = "en"


# --------------------------------------------------------------------------- #
# API reference: one page per public module, generated from its ``__all__``.
# An object re-exported by several modules is documented once, on the page of
# the first module (in this order) whose package defines it.
# --------------------------------------------------------------------------- #

import importlib  # noqa: E402
from typing import Any  # noqa: E402

REFERENCE_MODULES = (
    "tthc.model",
    "tthc.deadlines",
    "tthc.levels",
    "tthc.dossiers",
    "tthc.sources",
    "tthc.serialization",
    "tthc.catalogue",
    "tthc.rules",
    "tthc.errors",
    "tthc.strategies",
    "tthc.linked_data",
    "tthc.pydantic",
    "tthc.service",
    "tthc.cli",
    "tthc",
)


def _owners() -> dict[int, str]:
    owners: dict[int, str] = {}
    found: dict[int, list[str]] = {}
    for name in REFERENCE_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # an optional extra is missing
            continue
        for member in getattr(module, "__all__", ()):
            obj = getattr(module, member)
            found.setdefault(id(obj), []).append(name)
            defined = getattr(obj, "__module__", None) or ""
            if id(obj) not in owners and (defined == name or defined.startswith(name + "._")):
                owners[id(obj)] = name
    for key, names in found.items():
        owners.setdefault(key, names[0])
    return owners


_OWNERS: dict[int, str] = {}


def _skip_elsewhere(app: Any, what: str, name: str, obj: Any, skip: bool, options: Any) -> Any:
    if what != "module" or skip:
        return None
    current = app.env.temp_data.get("autodoc:module")
    if not _OWNERS:
        _OWNERS.update(_owners())
    owner = _OWNERS.get(id(obj))
    if owner is not None and current is not None and owner != current:
        return True
    return None


def _resolve_reexport(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """``tthc.due_date`` → ``tthc.deadlines.due_date``: where the object is documented."""
    if node.get("refdomain") != "py":
        return None
    target: str = node.get("reftarget", "")
    module_name, _, name = target.rpartition(".")
    if not module_name.startswith("tthc"):
        return None
    try:
        obj = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError):
        return None
    if not _OWNERS:
        _OWNERS.update(_owners())
    owner = _OWNERS.get(id(obj))
    if owner is None or owner == module_name:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], f"{owner}.{name}", node, contnode
    )


# Standard-library and third-party types have no local target (no intersphinx:
# the build needs no network); type variables are not documented.
nitpick_ignore_regex = [
    ("py:class", r"(datetime|dt|collections\.abc|pathlib|typing|enum|zoneinfo)\..*"),
    ("py:class", r"(hypothesis|pydantic|pydantic_core|fastapi|cattrs|attrs|numpy)\..*"),
    ("py:class", r"tthc\..*\.(T|K)"),
]


def setup(app: Any) -> None:
    app.connect("autodoc-skip-member", _skip_elsewhere)
    app.connect("missing-reference", _resolve_reexport)
