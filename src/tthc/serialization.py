"""Lossless conversion of tthc objects to and from plain data and JSON.

The JSON shape is stable and documented (docs/serialization.md):

- objects are JSON objects whose keys are the attribute names (English
  snake_case); every attribute is written, ``null`` where absent;
- enums are written by value (``"working_days"``, ``"in_person"``; the 1–4
  levels as integers);
- dates are ISO ``YYYY-MM-DD``; times of day ``HH:MM`` (``HH:MM:SS`` when they
  carry seconds); moments ISO 8601 with their UTC offset;
- procedure codes, dossier codes and document numbers are strings;
- a dossier event (the items of ``Dossier.events``) is a tagged object: its
  first key ``"event"`` names its type (``"received"``, ``"supplement_requested"``
  … see :data:`EVENT_TAGS`), the other keys are its attributes. The tag is
  written for every event and required when loading one.

Loading is strict: a wrong type, a missing required field or an unknown key
raises :class:`tthc.errors.ValidationError` listing every problem with its
path (``$.methods[0].fees[1].amount``) and value. Nothing is coerced: ``"20000"``
is not an amount and ``1`` is not ``true``.

:func:`json_schema` gives the JSON Schema (draft 2020-12, version
``SCHEMA_VERSION``) of each shape, derived from the same field types.

Loading is bounded (:mod:`tthc.limits`): nesting deeper than
:data:`~tthc.limits.MAX_JSON_DEPTH`, a number with more than
:data:`~tthc.limits.MAX_NUMBER_DIGITS` digits, ``NaN``/``Infinity``, a
non-string key and a string holding a lone surrogate are refused with a typed
error, and at most :data:`~tthc.limits.MAX_PROBLEMS_LISTED` problems are listed.
JSON text that repeats a key in an object is refused with the key's path and
its values (never read last-wins), and a moment or time with more than six
digits after the seconds is refused (never truncated to microseconds).

>>> from tthc.model import TimeLimit
>>> from tthc.serialization import to_json, from_json
>>> to_json(TimeLimit.working_days(7))
'{"amount": 7, "unit": "working_days", "cutoff": null, "condition": null, "raw": null}'
>>> from_json(TimeLimit, to_json(TimeLimit.working_days(7))) == TimeLimit.working_days(7)
True
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import json
import math
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from tthc._json import check_shape, key_path, loads_json
from tthc._schema import SCHEMA_VERSION, json_schema
from tthc.errors import MISSING, Problem, ValidationError
from tthc.limits import MAX_NUMBER_DIGITS, MAX_PROBLEMS_LISTED
from tthc.model import (
    EVENT_KINDS,
    DossierCode,
    DossierEvent,
    LegalReference,
    ProcedureCode,
)

__all__ = [
    "EVENT_TAGS",
    "SCHEMA_VERSION",
    "converter",
    "from_dict",
    "from_json",
    "json_schema",
    "to_dict",
    "to_json",
]

#: The ``"event"`` tag of each dossier event type in JSON (stable, English
#: snake_case of the class name), read-only and derived from
#: :data:`tthc.model.EVENT_KINDS`.
EVENT_TAGS: Mapping[type, str] = MappingProxyType({cls: k.tag for cls, k in EVENT_KINDS.items()})
_EVENT_CLASSES: dict[str, type] = {tag: cls for cls, tag in EVENT_TAGS.items()}

T = TypeVar("T")


def _invalid(value: Any, expected: str) -> ValidationError:
    return ValidationError.single("$", value, expected)


def _invalid_keyed(value: Any, key: str, **values: Any) -> ValidationError:
    """A one-problem error whose expectation is the catalogue message ``key`` (tthc.messages)."""
    return ValidationError.keyed("$", value, key, **values)


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LARGEST = 10**MAX_NUMBER_DIGITS
_NUMBER_EXPECTED = f"a number of at most {MAX_NUMBER_DIGITS} digits (tthc.limits.MAX_NUMBER_DIGITS)"


def _strict(kind: type, expected: str) -> Callable[[Any, Any], Any]:
    def structure(value: Any, cl: Any) -> Any:
        # Enums deriving from int or str dispatch here first; hand them over.
        if isinstance(cl, type) and issubclass(cl, enum.Enum):
            return _enum_hook(cl)(value, cl)
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise _invalid(value, expected)
        checked: Any = value
        if kind is str and not checked.isascii() and _SURROGATE.search(checked):
            raise _invalid(value, "text without lone surrogates (halves of UTF-16 pairs)")
        if kind is int and not -_LARGEST < checked < _LARGEST:
            raise _invalid(value, f"{expected} of at most {MAX_NUMBER_DIGITS} digits")
        if kind is float and (not math.isfinite(checked) or not -_LARGEST < checked < _LARGEST):
            raise _invalid(value, f"a finite number below 10^{MAX_NUMBER_DIGITS}")
        return value

    return structure


def _structure_date(value: Any, _type: Any) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _invalid_keyed(value, "expect.iso_date")


# A fraction of a second past six digits (``10:00:00.1234567``): Python keeps
# microseconds only, so it would be truncated in silence; refused instead.
_LONG_FRACTION = re.compile(r"[.,][0-9]{7}", re.ASCII)
_FRACTION_EXPECTED = "at most 6 digits after the seconds (microseconds), not truncated in silence"


def _structure_time(value: Any, _type: Any) -> dt.time:
    if isinstance(value, str) and _LONG_FRACTION.search(value):
        raise _invalid(value, f"a time of day 'HH:MM' or 'HH:MM:SS' with {_FRACTION_EXPECTED}")
    if isinstance(value, str):
        try:
            parsed = dt.time.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                return parsed
    raise _invalid_keyed(value, "expect.iso_time")


def _unstructure_time(value: dt.time) -> str:
    if value.second == 0 and value.microsecond == 0:
        return value.strftime("%H:%M")
    return value.isoformat()


def _structure_datetime(value: Any, _type: Any) -> dt.datetime:
    if isinstance(value, str) and _LONG_FRACTION.search(value):
        raise _invalid(value, f"an ISO 8601 moment with its UTC offset, with {_FRACTION_EXPECTED}")
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.utcoffset() is not None:
                return parsed
    raise _invalid_keyed(value, "expect.iso_moment")


def _structure_code(value: Any, _type: Any) -> ProcedureCode:
    if isinstance(value, str):
        try:
            return ProcedureCode(value)
        except ValidationError:
            raise _invalid_keyed(value, "expect.procedure_code") from None
    raise _invalid(value, "a TTHC code string such as '1.004222'")


def _structure_dossier_code(value: Any, _type: Any) -> DossierCode:
    if isinstance(value, str):
        try:
            return DossierCode(value)
        except ValidationError as e:
            raise _invalid(value, e.problems[0].expected) from None
    raise _invalid(value, "a dossier code string such as '000.00.01.H29-240115-0001'")


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, Any], enum.Enum]:
    allowed = ", ".join(repr(m.value) for m in cls)
    value_type = int if issubclass(cls, int) else str

    def structure(value: Any, _type: Any) -> enum.Enum:
        if type(value) is value_type:
            try:
                return cls(value)
            except ValueError:
                pass
        raise _invalid_keyed(value, "expect.one_of", allowed=allowed)

    return structure


def _is_homogeneous_tuple(cl: Any) -> bool:
    args = typing.get_args(cl)
    return typing.get_origin(cl) is tuple and len(args) == 2 and args[1] is Ellipsis


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_structure_hook(float, _strict(float, "a number"))
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.time, _structure_time)
    conv.register_unstructure_hook(dt.time, _unstructure_time)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_structure_hook(ProcedureCode, _structure_code)
    conv.register_unstructure_hook(ProcedureCode, str)
    conv.register_structure_hook(DossierCode, _structure_dossier_code)
    conv.register_unstructure_hook(DossierCode, str)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )

    # A JSON string is not a list of its characters.
    def tuple_hook(cl: Any) -> Callable[[Any, Any], Any]:
        item = typing.get_args(cl)[0]
        inner = conv.get_structure_hook(item)

        def structure(value: Any, _type: Any) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise _invalid(value, "a JSON array")
            items: list[Any] = []
            errors: list[Exception] = []
            failed = 0
            for index, element in enumerate(value):
                try:
                    items.append(inner(element, item))
                except Exception as e:
                    failed += 1
                    if failed <= MAX_PROBLEMS_LISTED:  # count the rest, keep none of them
                        errors.append(_IndexedError(index, e))
            if errors:
                if failed > len(errors):
                    errors.append(_Omitted(failed - len(errors)))
                raise IterableValidationError(f"invalid items in {cl}", errors, cl)
            return tuple(items)

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)

    # An attrs object must come from a JSON object.
    def attrs_hook(cl: Any) -> Callable[[Any, Any], Any]:
        generated = cattrs.gen.make_dict_structure_fn(cl, conv, _cattrs_forbid_extra_keys=True)

        def structure(value: Any, _type: Any) -> Any:
            if not isinstance(value, Mapping):
                raise _invalid(value, f"a JSON object for {cl.__name__}")
            return generated(value, cl)

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_hook)
    _register_events(conv)
    _register_regimes(conv)
    _register_documents(conv)
    return conv


def _register_documents(conv: cattrs.Converter) -> None:
    """A cited document: a legal reference (an object) or the name of a source (a string)."""

    def is_document(tp: Any) -> bool:
        return set(typing.get_args(tp)) == {LegalReference, str}

    def structure(value: Any, _type: Any) -> Any:
        if type(value) is str:
            return value
        if isinstance(value, Mapping):
            return conv.structure(value, LegalReference)
        raise _invalid(value, "a legal reference (an object) or the name of a source (a string)")

    conv.register_structure_hook_func(is_document, structure)


def _is_regime_union(tp: Any) -> bool:
    names = {getattr(a, "__name__", None) for a in typing.get_args(tp)}
    return names == {"Regime", "OnlineRegime"}


def _register_regimes(conv: cattrs.Converter) -> None:
    """A classification's regime: a shipped :class:`~tthc.levels.Regime` by its value.

    A regime defined outside tthc (an :class:`~tthc.levels.OnlineRegime` value)
    is written as its ``key``; loading accepts the shipped regimes only, since
    a regime's finding rules are code, not data.
    """

    def structure(value: Any, _type: Any) -> Any:
        from tthc.levels import Regime

        if type(value) is not str:
            raise _invalid(value, "a regime key (a string)")
        return Regime.from_value(value)

    conv.register_structure_hook_func(_is_regime_union, structure)
    conv.register_unstructure_hook_func(
        lambda t: (
            getattr(t, "__name__", None) == "OnlineRegime"
            and getattr(t, "__module__", "").startswith("tthc.levels")
        ),
        lambda regime: regime.key,
    )


def _register_events(conv: cattrs.Converter) -> None:
    """Dossier events as tagged objects: ``{"event": "received", "at": …, …}``."""
    allowed = ", ".join(repr(tag) for tag in _EVENT_CLASSES)

    def event_hooks(cl: type, tag: str) -> None:
        generated: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
            cl, conv, _cattrs_forbid_extra_keys=True
        )
        plain: Callable[[Any], dict[str, Any]] = cattrs.gen.make_dict_unstructure_fn(cl, conv)

        def structure(value: Any, _type: Any) -> Any:
            if not isinstance(value, Mapping):
                raise _invalid(value, f'a JSON object for {cl.__name__} ("event": "{tag}")')
            found = value.get("event", _MISSING)
            if type(found) is not str or found != tag:
                raise ValidationError.single(
                    "event", found, f"{tag!r}, the tag of {cl.__name__} (required)"
                )
            return generated({k: v for k, v in value.items() if k != "event"}, cl)

        def unstructure(obj: Any) -> dict[str, Any]:
            return {"event": tag, **plain(obj)}

        conv.register_structure_hook(cl, structure)
        conv.register_unstructure_hook(cl, unstructure)

    for cl, tag in EVENT_TAGS.items():
        event_hooks(cl, tag)

    def structure_event(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise _invalid(value, 'a JSON object for a dossier event, with an "event" tag')
        found = value.get("event", _MISSING)
        cl = _EVENT_CLASSES.get(found) if type(found) is str else None
        if cl is None:
            raise ValidationError.keyed("event", found, "expect.event_tag", allowed=allowed)
        return conv.structure(value, cl)

    conv.register_structure_hook_func(lambda t: t == DossierEvent, structure_event)


class _Omitted(Exception):
    """Items that failed too but were only counted (beyond MAX_PROBLEMS_LISTED)."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


class _IndexedError(Exception):
    """An item error remembered with its index (our tuple hook's note)."""

    def __init__(self, index: int, error: Exception) -> None:
        super().__init__(index, error)
        self.index = index
        self.error = error


#: The cattrs converter behind :func:`to_dict` and :func:`from_dict`, for
#: users who compose tthc objects into their own attrs classes.
converter: cattrs.Converter = _make_converter()


_MISSING = MISSING


def _problems(
    exc: BaseException, path: str, data: Any, omitted: list[int] | None = None
) -> Iterator[Problem]:
    if omitted is None:
        omitted = [0]
    if isinstance(exc, _Omitted):
        omitted[0] += exc.count
    elif isinstance(exc, _IndexedError):
        item = data[exc.index] if isinstance(data, (list, tuple)) else None
        yield from _problems(exc.error, f"{path}[{exc.index}]", item, omitted)
    elif isinstance(exc, ClassValidationError):
        named, others = exc.group_exceptions()
        for sub, note in named:
            value = data.get(note.name, _MISSING) if isinstance(data, Mapping) else None
            yield from _problems(sub, f"{path}.{note.name}", value, omitted)
        for sub in others:
            yield from _problems(sub, path, data, omitted)
    elif isinstance(exc, IterableValidationError):
        indexed, others = exc.group_exceptions()
        for sub, inote in indexed:
            index = inote.index
            item = (
                data[index] if isinstance(data, (list, tuple)) and isinstance(index, int) else None
            )
            yield from _problems(sub, f"{path}[{inote.index}]", item, omitted)
        for sub in others:
            yield from _problems(sub, path, data, omitted)
    elif isinstance(exc, ForbiddenExtraKeysError):
        names = [a.name for a in attrs.fields(exc.cl)]
        if exc.cl in EVENT_TAGS:
            names.insert(0, "event")
        allowed = ", ".join(names)
        # keys of any type (from_dict gets more than JSON can hold): sort by repr
        extra: set[Any] = set(exc.extra_fields)  # typed set[str]; from_dict may hold any key
        for key in sorted(extra, key=lambda k: (type(k) is not str, repr(k))):
            value = data.get(key) if isinstance(data, Mapping) else None
            kind = "expect.known_field" if isinstance(key, str) else "expect.string_key"
            yield Problem.keyed(key_path(path, key), value, kind, allowed=allowed)
    elif isinstance(exc, ValidationError):
        omitted[0] += exc.omitted
        for problem in exc.problems:
            if problem.path == "$":
                yield attrs.evolve(problem, path=path)
            else:
                yield ValidationError([problem]).prefixed(path).problems[0]
    elif isinstance(exc, KeyError):
        yield Problem.keyed(path, _MISSING, "expect.required")
    else:
        yield Problem(path, data, f"a valid value ({type(exc).__name__}: {exc})")


def to_dict(obj: Any) -> Any:
    """Plain data (dicts, lists, strings, numbers) for a tthc object.

    >>> from tthc.model import Fee
    >>> to_dict(Fee(name="Lệ phí", amount=20_000))["kind"]
    'charge'
    >>> to_dict(Fee(name="Lệ phí", amount=20_000))["exemptions"]
    []
    """
    data = converter.unstructure(obj)
    return _lists(data)


def _lists(data: Any) -> Any:
    # cattrs keeps tuples as tuples; JSON-shaped data uses lists throughout.
    if isinstance(data, dict):
        return {k: _lists(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_lists(v) for v in data]
    if isinstance(data, str) and type(data) is not str:
        return str(data)  # a tthc.messages.Message (a keyed note) is plain text in JSON
    return data


def from_dict(cls: type[T], data: Any) -> T:
    """Build a ``cls`` from plain data, strictly.

    Raises :class:`~tthc.errors.ValidationError` with every problem found, each
    with its path from the root (``$``), the value and what was expected.

    >>> from tthc.model import Fee
    >>> from_dict(Fee, {"name": "Lệ phí", "amount": "20000"})
    Traceback (most recent call last):
    ...
    tthc.errors.ValidationError: invalid Fee: $.amount: expected a whole number, got '20000'
    """
    what = getattr(cls, "__name__", str(cls))
    check_shape(data, what=what)
    omitted = [0]
    try:
        return converter.structure(data, cls)
    except ValidationError as e:
        found = _problems(e, "$", data, omitted)
    except (cattrs.BaseValidationError, ForbiddenExtraKeysError) as e:
        found = _problems(e, "$", data, omitted)
    # keep the first problems; only count the others (a walk without building them)
    problems = list(itertools.islice(found, MAX_PROBLEMS_LISTED))
    more = sum(1 for _ in found)
    raise ValidationError(problems, what=what, omitted=more + omitted[0])


def to_json(obj: Any, *, indent: int | None = None) -> str:
    """JSON text for a tthc object (UTF-8 friendly: Vietnamese is not escaped)."""
    return json.dumps(to_dict(obj), ensure_ascii=False, indent=indent)


def from_json(cls: type[T], text: str | bytes) -> T:
    """Build a ``cls`` from JSON text; see :func:`from_dict` for the errors.

    Text that is not JSON raises :class:`~tthc.errors.ParseError`.
    """
    try:
        data = loads_json(text)
    except ValidationError as e:  # a repeated key, with its path
        raise ValidationError(e.problems, what=getattr(cls, "__name__", str(cls))) from None
    return from_dict(cls, data)
