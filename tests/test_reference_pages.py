"""Every public module has its API reference page, generated from its ``__all__``."""

from __future__ import annotations

import pkgutil
from pathlib import Path

import tthc

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "reference"


def _public_modules() -> set[str]:
    names = {"tthc"}
    for info in pkgutil.iter_modules(tthc.__path__, prefix="tthc."):
        if not info.name.rsplit(".", 1)[1].startswith("_"):
            names.add(info.name)
    return names


def test_every_public_module_has_a_page() -> None:
    pages = {p.stem for p in REFERENCE.glob("tthc*.md")}
    assert _public_modules() <= pages
    index = (REFERENCE / "index.md").read_text(encoding="utf-8")
    for name in pages:
        assert f"\n{name}\n" in index
        text = (REFERENCE / f"{name}.md").read_text(encoding="utf-8")
        assert f".. automodule:: {name}\n   :members:" in text
