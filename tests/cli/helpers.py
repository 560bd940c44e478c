"""Running the command in-process and as an installed program."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
from typing import Any

from tthc.cli import main
from tthc.deadlines import VIETNAM

#: A fixed "now" for tests: Friday 20/11/2026 10:00 in Vietnam.
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=VIETNAM)


def run(*argv: str, now: dt.datetime = NOW) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err, now=now)
    return code, out.getvalue(), err.getvalue()


def run_json(*argv: str, code: int = 0) -> Any:
    rc, out, err = run(*argv, "--json")
    assert rc == code, err
    envelope = json.loads(out)
    assert envelope["tthc_cli"] == "1"
    assert envelope["ok"] is (code in (0, 3, 4))
    return envelope


# Words that betray English in a Vietnamese answer (checked as whole words).
ENGLISH = re.compile(
    r"\b(the|and|of|not|days?|working|due|received|counted|policy|ends?|office|hours|"
    r"Decree|Decision|Resolution|Circular|Art|Code|found|articles|secondary|provisional|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|error|expected|cannot|"
    r"read|limit|usage|required|arguments?|invalid|choice|Asia|time|Vietnam|note)\b"
)


def english_words(text: str) -> list[str]:
    return ENGLISH.findall(text)


def installed(*argv: str, env: dict[str, str] | None = None, script: bool = False) -> Any:
    exe = shutil.which("tthc")
    command = [exe, *argv] if script and exe else [sys.executable, "-m", "tthc", *argv]
    environment = {**os.environ, **(env or {})}
    return subprocess.run(command, capture_output=True, env=environment, check=False)
