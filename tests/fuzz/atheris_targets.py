"""Coverage-guided fuzzing with atheris (libFuzzer): one target per entry point.

Not collected by pytest. Run one target with a time or input budget, e.g.::

    pip install atheris
    PYTHONPATH=src python tests/fuzz/atheris_targets.py parse_fees -runs=1000000
    PYTHONPATH=src python tests/fuzz/atheris_targets.py from_json -max_total_time=600

Every target feeds the fuzzer's bytes to one entry point and lets only
:class:`~tthc.errors.TthcError` pass; anything else is a crash that libFuzzer
saves as ``crash-…`` (add it to ``tests/fuzz/test_regressions.py``). Seeds for
the corpus come from the published strings and portal records in
``tests/sources/data`` (``--seeds DIR`` writes them to a directory).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGETS: dict[str, Callable[[bytes], object]] = {}
DATA = Path(__file__).parent.parent / "sources" / "data"


def target(name: str) -> Callable[[Callable[[bytes], object]], Callable[[bytes], object]]:
    def register(function: Callable[[bytes], object]) -> Callable[[bytes], object]:
        TARGETS[name] = function
        return function

    return register


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass") if _valid(data) else data.decode("latin-1")


def _valid(data: bytes) -> bool:
    try:
        data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return False
    return True


@target("parse_time_limit")
def _parse_time_limit(data: bytes) -> object:
    from tthc.sources import parse_time_limit

    return parse_time_limit(_text(data))


@target("parse_fees")
def _parse_fees(data: bytes) -> object:
    from tthc.sources import parse_fees

    return parse_fees(_text(data))


@target("parse_quantity")
def _parse_quantity(data: bytes) -> object:
    from tthc.sources import parse_quantity

    return parse_quantity(_text(data))


@target("from_json")
def _from_json(data: bytes) -> object:
    from tthc.model import Dossier, Procedure
    from tthc.serialization import from_json

    cls: type[Any] = Dossier if data[:1] == b"D" else Procedure
    return from_json(cls, data[1:])


@target("calendar_json")
def _calendar_json(data: bytes) -> object:
    return _with_file(data, ".json")


@target("calendar_toml")
def _calendar_toml(data: bytes) -> object:
    return _with_file(data, ".toml")


_TMP = Path(tempfile.mkdtemp(prefix="tthc-atheris-"))


def _with_file(data: bytes, suffix: str) -> object:
    from tthc import official_calendar

    path = _TMP / f"calendar{suffix}"
    path.write_bytes(data)
    return official_calendar().with_file(path)


@target("read_portal_records")
def _read_portal_records(data: bytes) -> object:
    from tthc import read_portal_records
    from tthc.errors import TthcError

    try:
        records = json.loads(data)
    except (ValueError, RecursionError):
        return None
    result = read_portal_records(records if isinstance(records, list) else [records])
    if isinstance(result, TthcError):  # pragma: no cover - it reports, never raises
        raise AssertionError("read_portal_records raised")
    return result


@target("due_date")
def _due_date(data: bytes) -> object:
    from tthc import VIETNAM, due_date
    from tthc.model import TimeLimit, TimeUnit

    if len(data) < 12:
        return None
    seconds = int.from_bytes(data[:8], "little", signed=True) % (10**11)
    moment = dt.datetime(1, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)
    offset = dt.timedelta(minutes=int.from_bytes(data[8:10], "little", signed=True) % 1439)
    zone = VIETNAM if data[10] % 2 else dt.timezone(offset)
    unit = list(TimeUnit)[data[11] % len(TimeUnit)]
    amount = 0 if unit is TimeUnit.SAME_DAY else int.from_bytes(data[12:16] or b"\x01", "little")
    return due_date(moment.astimezone(zone), TimeLimit(amount, unit))


@target("read_portal_xlsx")
def _read_portal_xlsx(data: bytes) -> object:
    from tthc.sources import read_portal_xlsx

    path = _TMP / "workbook.xlsx"
    path.write_bytes(data)
    return read_portal_xlsx(path)


@target("inflate_gzip")
def _inflate_gzip(data: bytes) -> object:
    from tthc._io import inflate_gzip

    return inflate_gzip(data, name="fuzz.gz", limit=1 << 20)


def seeds(folder: Path) -> None:
    """Write a seed corpus for every target under ``folder/<target>/``."""
    strings = json.loads((DATA / "published_strings.json").read_text(encoding="utf-8"))
    records = json.loads((DATA / "portal_records.json").read_text(encoding="utf-8"))
    by_target: dict[str, list[bytes]] = {name: [] for name in TARGETS}
    for item in strings:
        by_target[f"parse_{item['kind']}" if item["kind"] != "fees" else "parse_fees"].append(
            item["text"].encode()
        )
    by_target["read_portal_records"] += [
        json.dumps([r], ensure_ascii=False).encode() for r in records
    ]
    sys.path.insert(0, str(Path(__file__).parents[2]))  # run as a script: the repo root
    from tests.fuzz._crafted import valid_xlsx

    by_target["read_portal_xlsx"].append(valid_xlsx())
    by_target["inflate_gzip"].append(gzip.compress(json.dumps(strings[:5]).encode()))
    for name, items in by_target.items():
        (folder / name).mkdir(parents=True, exist_ok=True)
        for i, item in enumerate(items):
            (folder / name / f"seed-{i}").write_bytes(item)


def main() -> None:  # pragma: no cover - needs atheris
    if len(sys.argv) >= 3 and sys.argv[1] == "--seeds":
        seeds(Path(sys.argv[2]))
        return
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        raise SystemExit(
            f"usage: atheris_targets.py TARGET [libFuzzer options]; TARGET in {sorted(TARGETS)}"
        )
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]

    with atheris.instrument_imports():
        import tthc  # noqa: F401 - instrument the package for coverage
        from tthc.errors import TthcError, TthcWarning

    function = TARGETS[sys.argv[1]]

    def one_input(data: bytes) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TthcWarning)
            with contextlib.suppress(TthcError):
                function(data)

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
