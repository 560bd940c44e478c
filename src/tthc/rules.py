"""Effective dating: which rule applies on a given date.

One small mechanism used everywhere tthc says "from … until …": the calendar's
announcements, the online-service regimes, the administrative tiers, the clock
policies. A :class:`Rule` is a value valid over a window of days, with the
document that set it; :class:`Rules` answers "what is in force on date D".

Windows are closed on both ends and given in days: ``valid_from`` is the first
day the rule applies, ``valid_until`` the last (``None`` means unbounded on that
side). A dossier or a report is judged under the rules in force on its own date.

>>> import datetime as dt
>>> from tthc.rules import Rule, Rules
>>> regimes = Rules([
...     Rule("Decree 43/2011", valid_until=dt.date(2022, 8, 14),
...          citation="Decree 43/2011/NĐ-CP, Art. 3(4)"),
...     Rule("Decree 42/2022", valid_from=dt.date(2022, 8, 15),
...          citation="Decree 42/2022/NĐ-CP, Art. 11"),
... ])
>>> regimes.at(dt.date(2022, 8, 15)).value
'Decree 42/2022'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

import attrs

from tthc._validate import as_tuple
from tthc.errors import NoRuleInForceError, ValidationError

__all__ = ["Rule", "Rules"]

T = TypeVar("T")


def _check_window(instance: Rule[object], _attribute: object, value: dt.date | None) -> None:
    start = instance.valid_from
    if start is not None and value is not None and value < start:
        raise ValidationError.single(
            "valid_until", value, f"a date on or after valid_from ({start.isoformat()})"
        )


def _check_citation(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError.single(
            "citation",
            value,
            "the document that set the rule, e.g. 'Decree 118/2025/NĐ-CP, Art. 17'",
        )


@attrs.frozen
class Rule(Generic[T]):
    """A value in force from ``valid_from`` to ``valid_until`` (both inclusive).

    ``citation`` names the document (number and article) that set it; a rule
    without a source is refused.
    """

    value: T
    valid_from: dt.date | None = attrs.field(default=None, kw_only=True)
    valid_until: dt.date | None = attrs.field(default=None, kw_only=True, validator=_check_window)
    citation: str = attrs.field(kw_only=True, validator=_check_citation)

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the rule applies on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


@attrs.frozen
class Rules(Generic[T]):
    """A collection of effective-dated rules about one thing.

    Rules may overlap (several administrative tiers are in force at once); use
    :meth:`at` where exactly one must apply and :meth:`in_force` where several
    may. ``what`` names the thing for error messages.
    """

    rules: tuple[Rule[T], ...] = attrs.field(converter=as_tuple)
    what: str = attrs.field(default="rule", kw_only=True)

    def __iter__(self) -> Iterator[Rule[T]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def in_force(self, on: dt.date) -> tuple[Rule[T], ...]:
        """Every rule that applies on ``on``, in the order given."""
        return tuple(rule for rule in self.rules if rule.in_force_on(on))

    def at(self, on: dt.date) -> Rule[T]:
        """The one rule that applies on ``on``.

        Raises :class:`~tthc.errors.NoRuleInForceError` when none applies or
        when several do (the caller must then choose explicitly).
        """
        found = self.in_force(on)
        if len(found) != 1:
            raise NoRuleInForceError(self.what, on, found=len(found))
        return found[0]

    def get(self, on: dt.date) -> Rule[T] | None:
        """Like :meth:`at`, but ``None`` when no rule applies."""
        found = self.in_force(on)
        if len(found) > 1:
            raise NoRuleInForceError(self.what, on, found=len(found))
        return found[0] if found else None

    def adding(self, rules: Iterable[Rule[T]]) -> Rules[T]:
        """Return a new collection with ``rules`` appended (this one is unchanged)."""
        return Rules(self.rules + tuple(rules), what=self.what)
