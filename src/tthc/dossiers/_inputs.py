"""The checks at the entrance of the dossier API: every bad argument is a typed error.

One place for what :func:`~tthc.dossiers.status`, :func:`~tthc.dossiers.apply`,
:func:`~tthc.dossiers.clock_of`, :func:`~tthc.dossiers.timeline`,
:func:`~tthc.dossiers.summarize` and the evaluation accept (issue 19): a
:class:`~tthc.model.Dossier`, an aware ``as_of`` the clock can count (not
``pandas.NaT``, not a moment whose conversion to Vietnamese time overflows),
and the clock options as their tthc types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from tthc.deadlines import ClockPolicy, OfficeHours, WorkingCalendar
from tthc.errors import ValidationError
from tthc.model import Dossier
from tthc.model._dossier import check_moment

__all__ = [
    "check_as_of",
    "check_date",
    "check_dossier",
    "check_evaluation_facts",
    "check_instance",
    "check_options",
]


def check_dossier(value: Any, name: str = "dossier") -> Dossier:
    """``value`` if it is a :class:`~tthc.model.Dossier`, else a ValidationError."""
    if not isinstance(value, Dossier):
        raise ValidationError.single(name, value, "a tthc.model.Dossier")
    return value


def check_as_of(value: Any, name: str = "as_of") -> dt.datetime:
    """An aware moment within the years the clock counts (``tthc.limits.MIN_YEAR..MAX_YEAR``)."""
    check_moment(value, name)
    return value  # type: ignore[no-any-return]


def check_options(calendar: Any, hours: Any, policy: Any) -> None:
    """The clock options: ``None`` or their tthc types."""
    for name, value, kind in (
        ("calendar", calendar, WorkingCalendar),
        ("hours", hours, OfficeHours),
        ("policy", policy, ClockPolicy),
    ):
        if value is not None and not isinstance(value, kind):
            raise ValidationError.single(name, value, f"None or a tthc.deadlines.{kind.__name__}")


def check_date(value: Any, name: str = "on") -> dt.date:
    """A ``datetime.date`` (not a datetime)."""
    if type(value) is not dt.date and not (
        isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    ):
        raise ValidationError.single(name, value, "a datetime.date (not a datetime)")
    return value


def check_instance(value: Any, kind: type, name: str, expected: str) -> None:
    """``value`` is a ``kind``; else a ValidationError naming ``name``."""
    if not isinstance(value, kind):
        raise ValidationError.single(name, value, expected)


def check_evaluation_facts(
    agency_outcomes: Any,
    counts: dict[str, Any],
    flags: dict[str, Any],
) -> None:
    """The facts :func:`~tthc.dossiers.evaluate_dossier` takes: a mapping, counts, flags."""
    from tthc.deadlines import Outcome

    if agency_outcomes is not None:
        if not isinstance(agency_outcomes, Mapping):
            raise ValidationError.single(
                "agency_outcomes", agency_outcomes, "None or a mapping agency -> Outcome"
            )
        for key, outcome in agency_outcomes.items():
            if not isinstance(key, str) or not isinstance(outcome, Outcome):
                raise ValidationError.single(
                    f"agency_outcomes[{key!r}]", outcome, "an Outcome, keyed by the agency's name"
                )
    for name, value in counts.items():
        if value is not None and (type(value) is not int or value < 0):
            raise ValidationError.single(name, value, "None or a whole number >= 0 (an int)")
    for name, value in flags.items():
        if value is not None and type(value) is not bool:
            raise ValidationError.single(name, value, "None, True or False")
