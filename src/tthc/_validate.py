"""attrs validators that raise :class:`tthc.errors.ValidationError` with the field's path."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from tthc.errors import NaiveDatetimeError, ValidationError, ZoneOffsetError

__all__ = [
    "as_tuple",
    "aware_datetime",
    "bool_or_none",
    "boolean",
    "check_zone_offset",
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

    A string, bytes or a mapping is *not* copied (``"trẻ"`` would become
    ``('t', 'r', 'ẻ')``, a dict its keys), nor is a value that is not
    iterable: they are handed on unchanged, so the field's validator refuses
    them with the field's name.

    Typed ``Iterable[Any]`` because mypy's attrs plugin cannot see through a
    generic converter; the field's own annotation keeps the element type.
    """
    if isinstance(value, tuple):
        return value
    if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # refused by the validator, with its path
    return tuple(value)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def _fail(
    instance: Any, attribute: attrs.Attribute[Any], value: Any, key: str, **values: Any
) -> None:
    """Raise a one-problem error whose expectation is the catalogue message ``key``."""
    raise ValidationError.keyed(attribute.name, value, key, what=type(instance).__name__, **values)


def non_empty_str(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A string with at least one non-space character."""
    if not isinstance(value, str) or not value.strip():
        _fail(instance, attribute, value, "expect.non_empty_str")
    if _has_surrogate(value):
        _fail(instance, attribute, value, "expect.no_surrogates")


def boolean(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``True`` or ``False`` (not 0, 1 or a string)."""
    if type(value) is not bool:
        _fail(instance, attribute, value, "expect.bool")


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
            _fail(instance, attribute, value, "expect.int_at_least", minimum=minimum)

    return check


def enum_member(cls: type[enum.Enum]) -> Validator:
    """A member of ``cls`` (not its value)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, cls):
            allowed = ", ".join(f"{cls.__name__}.{m.name}" for m in cls)
            _fail(instance, attribute, value, "expect.one_of", allowed=allowed)

    return check


def plain_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A ``datetime.date`` that is not a ``datetime`` (a date is not a moment)."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        _fail(instance, attribute, value, "expect.plain_date")


def date_or_none(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``None`` or a plain ``datetime.date``."""
    if value is not None:
        plain_date(instance, attribute, value)


_VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
_VIETNAM_NAMES = frozenset({"Asia/Ho_Chi_Minh", "Asia/Saigon"})


def _claims_vietnam(tz: dt.tzinfo | None) -> bool:
    # zoneinfo.ZoneInfo.key, pytz's .zone; dateutil's zones compute the right offset
    return any(getattr(tz, name, None) in _VIETNAM_NAMES for name in ("key", "zone"))


def check_zone_offset(value: dt.datetime, name: str, *, what: str | None = None) -> None:
    """Refuse an aware ``value`` whose zone claims Asia/Ho_Chi_Minh with another offset.

    ``tzinfo=pytz.timezone("Asia/Ho_Chi_Minh")`` gives the local mean time
    offset +07:07 and shifts a receipt by 7 minutes; the error says how to
    attach the zone. Any other zone (UTC, a fixed +07:00 offset…) is a
    legitimate way to give an instant and is accepted as it is.
    """
    if not _claims_vietnam(value.tzinfo):
        return
    offset = value.utcoffset()
    wall = value.replace(tzinfo=None)
    expected = [wall.replace(tzinfo=_VIETNAM, fold=fold).utcoffset() for fold in (0, 1)]
    if offset is not None and offset not in expected and expected[0] is not None:
        raise ZoneOffsetError(name, value, offset, expected[0], what=what)


def aware_datetime(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A timezone-aware ``datetime.datetime`` (a naive one raises ``NaiveDatetimeError``).

    A zone that claims Asia/Ho_Chi_Minh must carry the offset that zone had at
    that moment (:func:`check_zone_offset`, the pytz +07:07 trap).
    """
    if not isinstance(value, dt.datetime):
        _fail(instance, attribute, value, "expect.aware_datetime")
    if value.utcoffset() is None:
        raise NaiveDatetimeError(attribute.name, value, what=type(instance).__name__)
    check_zone_offset(value, attribute.name, what=type(instance).__name__)


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
            _fail(instance, attribute, value, "expect.tuple_of", name=name)
        if non_empty and not value:
            _fail(instance, attribute, value, "expect.at_least_one", name=name)
        for index, item in enumerate(value):
            if not isinstance(item, kind) or (
                isinstance(item, str) and (not item.strip() or _has_surrogate(item))
            ):
                raise ValidationError.keyed(
                    f"{attribute.name}[{index}]",
                    item,
                    "expect.non_empty_str" if kind is str else "expect.instance_of",
                    what=type(instance).__name__,
                    name=name,
                )

    return check
