"""Reading outside JSON (and TOML) data within tthc's limits (private).

Shared by :mod:`tthc.serialization` and the calendar file loader: every failure
is a :class:`~tthc.errors.TthcError`, never ``RecursionError`` or Python's
4,300-digit ``ValueError``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from tthc.errors import ParseError, Problem, ValidationError
from tthc.limits import MAX_JSON_DEPTH, MAX_NUMBER_DIGITS

__all__ = ["DUPLICATE_EXPECTED", "check_shape", "key_path", "loads_json"]

NUMBER_EXPECTED = f"a number of at most {MAX_NUMBER_DIGITS} digits (tthc.limits.MAX_NUMBER_DIGITS)"
DEPTH_EXPECTED = (
    f"at most {MAX_JSON_DEPTH} levels of nested arrays and objects (tthc.limits.MAX_JSON_DEPTH)"
)


class _BadNumber(Exception):
    def __init__(self, literal: str, expected: str) -> None:
        super().__init__(literal)
        self.literal = literal
        self.expected = expected


def _digit_count(literal: str) -> int:
    if len(literal) > 4 * MAX_NUMBER_DIGITS:
        return len(literal)
    return sum(c.isdigit() for c in literal)


def _json_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_DIGITS and len(literal.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _BadNumber(literal, NUMBER_EXPECTED)
    return int(literal)


def _json_float(literal: str) -> float:
    if _digit_count(literal) > MAX_NUMBER_DIGITS:
        raise _BadNumber(literal, NUMBER_EXPECTED)
    value = float(literal)
    if not math.isfinite(value):
        raise _BadNumber(literal, f"a finite number ({literal} overflows)")
    return value


def _json_constant(literal: str) -> float:
    raise _BadNumber(literal, "a number: NaN and Infinity are not JSON")


def _shown(text: str | bytes | bytearray) -> str:
    if isinstance(text, str):
        return text[:200]
    return bytes(text[:400]).decode("utf-8", "replace")[:200]


class _DuplicateKey(Exception):
    """A JSON object with a key given twice (raised by the first, fast parse)."""


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _DuplicateKey
    return found


class _Duplicated(dict[str, Any]):
    """An object with repeated keys, kept by the second parse to find their paths."""

    repeated: dict[str, list[Any]]


def _marking_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    marked = _Duplicated(found)
    values: dict[str, list[Any]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    marked.repeated = {key: vs for key, vs in values.items() if len(vs) > 1}
    return marked


#: What a repeated key is refused for (every strict loader: tthc.serialization,
#: calendar files, data tables, dossier files).
DUPLICATE_EXPECTED = (
    "a key given once in its object: JSON that repeats a key is ambiguous (most readers keep "
    "the last value), so tthc refuses it"
)


def _duplicate_problems(data: Any, root: str) -> list[Problem]:
    problems: list[Problem] = []
    stack: list[tuple[Any, str]] = [(data, root)]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            if isinstance(value, _Duplicated):
                problems.extend(
                    Problem(key_path(path, key), values, DUPLICATE_EXPECTED)
                    for key, values in value.repeated.items()
                )
            stack.extend((item, key_path(path, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
    return sorted(problems, key=lambda p: p.path)


def loads_json(text: str | bytes | bytearray, *, what: str = "JSON", root: str = "$") -> Any:
    """``json.loads`` within the limits and strict about keys.

    Text that is not JSON, nested or numbered past :mod:`tthc.limits`, raises
    :class:`~tthc.errors.ParseError`; an object that repeats a key raises
    :class:`~tthc.errors.ValidationError` with the path of each repeated key
    and its values (``{"amount": 1, "amount": 999}`` is refused, not read as
    999).
    """
    if not isinstance(text, (str, bytes, bytearray)):
        raise ParseError(repr(text)[:200], "JSON text (str or bytes)", what=what)
    try:
        try:
            return _parse(text, _unique_object)
        except _DuplicateKey:
            problems = _duplicate_problems(_parse(text, _marking_object), root)
            raise ValidationError(problems, what=what) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ParseError(_shown(text), f"JSON text ({e})", what=what) from None
    except RecursionError:
        raise ParseError(_shown(text), f"JSON nested {DEPTH_EXPECTED}", what=what) from None
    except _BadNumber as e:
        raise ParseError(e.literal[:200], e.expected, what=f"{what} number") from None


def _parse(text: str | bytes | bytearray, hook: Any) -> Any:
    return json.loads(
        text,
        parse_int=_json_int,
        parse_float=_json_float,
        parse_constant=_json_constant,
        object_pairs_hook=hook,
    )


def key_path(path: str, key: Any) -> str:
    """``$.name`` for a plain key, ``$['odd key']`` / ``$[5]`` for anything else."""
    if isinstance(key, str) and key.isidentifier():
        return f"{path}.{key}"
    try:
        shown = repr(key)
    except Exception:  # a key whose repr fails is still reported
        shown = f"<{type(key).__name__}>"
    return f"{path}[{shown[:80]}]"


def check_shape(data: Any, *, what: str, root: str = "$") -> None:
    """Refuse nesting deeper than MAX_JSON_DEPTH (cycles too) and non-string keys.

    An explicit stack, not recursion: a hostile document cannot exhaust
    Python's stack here, nor in the code that walks it afterwards.
    """
    stack: list[tuple[Any, str, int]] = [(data, root, 0)]
    deepest: dict[int, int] = {}  # id of a container -> the deepest level it was seen at
    while stack:
        value, path, depth = stack.pop()
        if not isinstance(value, (Mapping, list, tuple)):
            continue
        if depth >= MAX_JSON_DEPTH:
            raise ValidationError.single(path, value, DEPTH_EXPECTED, what=what)
        if deepest.get(id(value), -1) >= depth:
            continue
        deepest[id(value)] = depth
        if isinstance(value, Mapping):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise ValidationError.single(
                        key_path(path, key), item, "a string key (JSON keys are strings)", what=what
                    )
                stack.append((item, key_path(path, key), depth + 1))
        else:
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
