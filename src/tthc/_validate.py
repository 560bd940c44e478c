"""attrs validators that raise :class:`tthc.errors.ValidationError` with the field's path."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from tthc.errors import NaiveDatetimeError, ValidationError

__all__ = [
    "as_tuple",
    "aware_datetime",
    "bool_or_none",
    "boolean",
    "date_or_none",
    "enum_member",
    "int_at_least",
    "non_empty_str",
    "optional",
    "plain_date",
    "str_or_none",
    "tuple_of",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: copy any iterable into a tuple (validators then check the items).

    Typed ``Iterable[Any]`` because mypy's attrs plugin cannot see through a
    generic converter; the field's own annotation keeps the element type.
    """
    return tuple(value)


def _fail(instance: Any, attribute: attrs.Attribute[Any], value: Any, expected: str) -> None:
    raise ValidationError.single(attribute.name, value, expected, what=type(instance).__name__)


def non_empty_str(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A string with at least one non-space character."""
    if not isinstance(value, str) or not value.strip():
        _fail(instance, attribute, value, "a non-empty string")


def boolean(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``True`` or ``False`` (not 0, 1 or a string)."""
    if type(value) is not bool:
        _fail(instance, attribute, value, "True or False")


def bool_or_none(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``True``, ``False`` or ``None`` (unknown)."""
    if value is not None:
        boolean(instance, attribute, value)


def str_or_none(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``None`` or a non-empty string."""
    if value is not None:
        non_empty_str(instance, attribute, value)


def int_at_least(minimum: int) -> Validator:
    """A whole number (not a bool, not a float) that is at least ``minimum``."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not int or value < minimum:
            _fail(instance, attribute, value, f"a whole number >= {minimum}")

    return check


def enum_member(cls: type[enum.Enum]) -> Validator:
    """A member of ``cls`` (not its value)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, cls):
            allowed = ", ".join(f"{cls.__name__}.{m.name}" for m in cls)
            _fail(instance, attribute, value, f"one of {allowed}")

    return check


def plain_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A ``datetime.date`` that is not a ``datetime`` (a date is not a moment)."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        _fail(instance, attribute, value, "a datetime.date (not a datetime)")


def date_or_none(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``None`` or a plain ``datetime.date``."""
    if value is not None:
        plain_date(instance, attribute, value)


def aware_datetime(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A timezone-aware ``datetime.datetime`` (a naive one raises ``NaiveDatetimeError``)."""
    if not isinstance(value, dt.datetime):
        _fail(instance, attribute, value, "a timezone-aware datetime (Asia/Ho_Chi_Minh)")
    if value.utcoffset() is None:
        raise NaiveDatetimeError(attribute.name, value, what=type(instance).__name__)


def optional(validator: Validator) -> Validator:
    """``None`` or whatever ``validator`` accepts."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


def tuple_of(kind: type | tuple[type, ...], *, non_empty: bool = False) -> Validator:
    """A tuple whose items are all instances of ``kind``; reports the bad item's index."""
    name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            _fail(instance, attribute, value, f"a tuple of {name}")
        if non_empty and not value:
            _fail(instance, attribute, value, f"at least one {name}")
        for index, item in enumerate(value):
            if not isinstance(item, kind) or (isinstance(item, str) and not item.strip()):
                raise ValidationError.single(
                    f"{attribute.name}[{index}]",
                    item,
                    f"a non-empty {name}" if kind is str else f"a {name}",
                    what=type(instance).__name__,
                )

    return check
