"""Every command-line transcript in the docs is run, and its output compared.

A transcript is a ```console block in README.md or docs/**/*.md: lines starting
with ``$ tthc`` are commands, the lines after them the expected output. A line
``...`` stands for any number of lines. Commands run in ``tests/cli/data`` (the
files the docs name are there), with "now" fixed at Friday 20/11/2026 10:00.
A ``| jq 'PATH, PATH'`` filter is applied by this test (dotted paths only).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from .helpers import run

ROOT = Path(__file__).parents[2]
DATA = Path(__file__).parent / "data"
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


Step = tuple[str, list[str]]  # a command and its expected output lines


def _transcripts() -> list[tuple[str, int, list[Step]]]:
    """``(page, line, steps)`` for every console block."""
    found = []
    paths = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for path in paths:
        if "_build" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for block in _BLOCK.finditer(text):
            steps: list[Step] = []
            for line in block[1].splitlines():
                if line.startswith("$ "):
                    steps.append((line[2:], []))
                elif steps:
                    steps[-1][1].append(line.rstrip())
            line_no = text.count("\n", 0, block.start()) + 1
            found.append((path.relative_to(ROOT).as_posix(), line_no, steps))
    return found


def _jq(text: str, program: str) -> list[str]:
    data = json.loads(text)
    lines: list[str] = []
    for path in program.split(","):
        value: Any = data
        for key in path.strip().lstrip(".").split("."):
            value = value[key]
        lines += json.dumps(value, ensure_ascii=False, indent=2).splitlines()
    return lines


def _matches(actual: list[str], expected: list[str]) -> bool:
    """Whether ``actual`` fits ``expected``, where a ``...`` line matches any lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(_matches(actual[i:], rest) for i in range(len(actual) + 1))
    return bool(actual) and _line(actual[0], head) and _matches(actual[1:], rest)


def _line(actual: str, expected: str) -> bool:
    if "..." not in expected:
        return actual == expected
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual) is not None


TRANSCRIPTS = _transcripts()


def test_the_docs_have_transcripts() -> None:
    assert sum(len(steps) for _, _, steps in TRANSCRIPTS) >= 10


@pytest.mark.parametrize(
    ("page", "line", "steps"),
    TRANSCRIPTS,
    ids=[f"{page}:{line}" for page, line, _ in TRANSCRIPTS],
)
def test_transcript(
    page: str, line: int, steps: list[Step], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DATA)
    code = 0
    for command, expected in steps:
        if command == "echo $?":
            assert [str(code)] == expected, (page, line, command)
            continue
        tthc_part, _, jq_part = command.partition(" | jq ")
        argv = shlex.split(tthc_part)
        assert argv[0] == "tthc", command
        code, out, err = run(*argv[1:])
        actual = [text.rstrip() for text in (out + err).splitlines()]
        if jq_part:
            actual = _jq(out, shlex.split(jq_part)[0])
        assert _matches(actual, expected), (page, line, command, "\n".join(actual))
    if not any(command == "echo $?" for command, _ in steps):
        assert code == 0, (page, line)
