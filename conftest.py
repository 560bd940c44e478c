"""Execute every Python example in the README and the Markdown docs (Sybil)."""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

import pytest
from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
        SkipParser(),
    ],
    patterns=["README.md", "docs/*.md", "docs/**/*.md"],
    excludes=["docs/_build/*"],
).pytest()


@pytest.fixture(autouse=True)
def _language_not_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests and docs examples run as a user who chose no language (Vietnamese, the default).

    A developer's ``LANG=en_US.UTF-8`` must not change what the examples print
    (:func:`tthc.messages.default_lang` reads ``TTHC_LANG`` and the locale).
    """
    for name in ("TTHC_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
