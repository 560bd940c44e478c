"""Enumerations that carry their user-facing labels in Vietnamese and English."""

from __future__ import annotations

import enum
from typing import Literal, Self

__all__ = ["LabelledEnum", "Lang"]

Lang = Literal["vi", "en"]


class LabelledEnum(enum.Enum):
    """An enum whose members are ``(value, Vietnamese label, English label)``.

    ``value`` is the stable, English snake_case form used in JSON; ``vi`` and
    ``en`` are for people.
    """

    _value_: str
    vi: str
    en: str

    def __new__(cls, value: str, vi: str, en: str) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member.vi = vi
        member.en = en
        return member

    def label(self, lang: Lang = "vi") -> str:
        """The label in ``lang`` (``"vi"`` or ``"en"``)."""
        label: str = self.vi if lang == "vi" else self.en
        return label

    def __str__(self) -> str:
        text: str = self._value_
        return text

    @classmethod
    def from_value(cls, value: str) -> Self:
        """Look a member up by its value, with an error that lists the allowed ones."""
        from tthc.errors import ValidationError

        try:
            return cls(value)  # type: ignore[call-arg]  # lookup by value, not construction
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in cls)
            raise ValidationError.keyed(
                cls.__name__, value, "expect.one_of", allowed=allowed
            ) from None
