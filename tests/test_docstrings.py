"""Run the examples in every module's docstrings, so the reference cannot drift."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import tthc

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(tthc.__path__, prefix="tthc.")
    if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ImportError as e:  # an optional extra that is not installed
        pytest.skip(f"{name}: {e}")
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
