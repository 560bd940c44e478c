"""What an installed tthc ships."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import subprocess
import sys

import tthc


def test_version_comes_from_one_source() -> None:
    assert tthc.__version__ == importlib.metadata.version("tthc")


def test_typed_marker_is_shipped() -> None:
    assert importlib.resources.files("tthc").joinpath("py.typed").is_file()


def test_public_names_are_documented() -> None:
    import tthc.catalogue
    import tthc.errors
    import tthc.model
    import tthc.rules
    import tthc.serialization

    for module in (tthc, tthc.model, tthc.errors, tthc.rules, tthc.serialization, tthc.catalogue):
        assert module.__doc__
        for name in module.__all__:
            obj = getattr(module, name)
            if callable(obj):
                assert obj.__doc__, f"{module.__name__}.{name} has no docstring"


def test_import_is_light() -> None:
    code = (
        "import sys, tthc, tthc.model, tthc.serialization, tthc.dossiers, tthc.batch; "
        "heavy = ('numpy', 'pandas', 'pyarrow', 'polars', 'duckdb', 'dask', 'hypothesis'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
