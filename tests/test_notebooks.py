"""Execute every notebook under docs/notebooks; any cell error (or warning) fails the test.

The notebooks run in a fresh ``python3`` kernel of the current environment with
``MPLBACKEND=Agg``. Missing tools (nbclient, nbformat, ipykernel, matplotlib:
all in the ``test`` extra) make the test fail, never skip.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "docs" / "notebooks"
NOTEBOOKS = sorted(p for p in NOTEBOOK_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
REQUIRED = ("nbclient", "nbformat", "ipykernel", "matplotlib")
CELL_TIMEOUT = 120  # seconds per cell; the notebooks are meant to run in seconds


def _require_tools() -> None:
    missing = [name for name in REQUIRED if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(
            f"cannot execute the notebooks: {', '.join(missing)} not installed. "
            "Install the docs extra: python -m pip install -e '.[test,docs]'"
        )


def _cell_source(cell: object) -> str:
    source = str(getattr(cell, "source", ""))
    return source if len(source) <= 300 else source[:300] + " …"


@pytest.mark.parametrize(
    "notebook",
    NOTEBOOKS or [None],
    ids=[str(p.relative_to(NOTEBOOK_DIR)) for p in NOTEBOOKS] or ["no-notebooks"],
)
def test_notebook_runs_without_errors(
    notebook: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if notebook is None:
        pytest.fail(f"no notebook found under {NOTEBOOK_DIR}", pytrace=False)
    _require_tools()
    import nbclient
    import nbformat
    from nbclient.exceptions import CellExecutionError

    monkeypatch.setenv("MPLBACKEND", "Agg")
    read = cast("Callable[..., Any]", nbformat.read)  # nbformat's reader is unannotated
    nb = read(notebook, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        startup_timeout=60,
        allow_errors=False,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    failure: CellExecutionError | None = None
    try:
        client.execute()
    except CellExecutionError as error:
        failure = error  # reported outside the handler, without a chained traceback
    if failure is not None:
        pytest.fail(f"{notebook.name}: a cell raised an error:\n{failure}", pytrace=False)

    # A cell tagged "raises-exception" is allowed to fail by nbclient; not here.
    # Warnings (for instance an unhandled ProvisionalCalendarWarning) go to stderr.
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(
                    f"cell {index} raised {output.get('ename')}: {output.get('evalue')}"
                )
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                problems.append(f"cell {index} wrote to stderr: {output.get('text', '')!r}")
        if any(p.startswith(f"cell {index} ") for p in problems):
            problems.append(f"  source of cell {index}: {_cell_source(cell)}")
    assert not problems, f"{notebook.name}:\n" + "\n".join(problems)
