"""Counting fuzz inputs per entry point (for the deep run's report).

Set ``TTHC_FUZZ_STATS=path.json`` and every fuzz test adds to a JSON file:
inputs tried, exceptions that escaped (other than ``TthcError``), and the
slowest input with its CPU time (process time: a busy machine does not
inflate it); ``TTHC_FUZZ_SLOWEST_DIR=folder`` also keeps the whole slowest
input of each entry point there. The file is rewritten every few seconds, so a
run stopped by a time limit still leaves its counts.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tthc.errors import TthcError, TthcWarning

_FILE = os.environ.get("TTHC_FUZZ_STATS")
_SLOWEST = os.environ.get("TTHC_FUZZ_SLOWEST_DIR")
_stats: dict[str, dict[str, Any]] = {}
_last_write = 0.0


def _save(force: bool = False) -> None:
    global _last_write
    now = time.monotonic()
    if _FILE is None or (not force and now - _last_write < 5):
        return
    _last_write = now
    path = Path(_FILE)
    merged: dict[str, Any] = {}
    if path.exists():
        merged = json.loads(path.read_text(encoding="utf-8"))
    merged.update(_stats)
    path.write_text(json.dumps(merged, indent=2, ensure_ascii=True), encoding="utf-8")


def exercise(entry: str, call: Callable[[], object], shown: object) -> object:
    """Run ``call``; a ``TthcError`` is an answer, anything else escapes (and is counted)."""
    record = _stats.setdefault(
        entry, {"inputs": 0, "escapes": 0, "slowest_s": 0.0, "slowest_input": ""}
    )
    record["inputs"] += 1
    start = time.process_time()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TthcWarning)  # provisional answers are answers
            return call()
    except TthcError as error:
        return error
    except BaseException:
        record["escapes"] += 1
        _save(force=True)
        raise
    finally:
        elapsed = time.process_time() - start
        if elapsed > record["slowest_s"]:
            record["slowest_s"] = round(elapsed, 4)
            record["slowest_input"] = repr(shown)[:300]
            record["slowest_input_length"] = len(shown) if isinstance(shown, (str, bytes)) else None
            if _SLOWEST is not None:  # keep the whole input, to reproduce it
                Path(_SLOWEST, f"{entry}.repr").write_text(repr(shown), encoding="utf-8")
        _save()


def count(entry: str) -> None:
    """Count one input of a test that checks its answers itself (no ``exercise``)."""
    record = _stats.setdefault(
        entry, {"inputs": 0, "escapes": 0, "slowest_s": 0.0, "slowest_input": ""}
    )
    record["inputs"] += 1
    _save()
