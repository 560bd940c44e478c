"""``Clock``: how time is counted (calendar, office hours, clock policy), as one value."""

from __future__ import annotations

from typing import Any

import attrs

from tthc.deadlines._calendar import WorkingCalendar, official_calendar
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import CLOCK_POLICIES, ClockPolicy
from tthc.errors import ValidationError
from tthc.rules import Rule, Rules

__all__ = ["Clock", "clock_of"]


def _instance(kind: type, what: str) -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise ValidationError.single(attribute.name, value, f"None or {what}", what="Clock")

    return check


@attrs.frozen
class Clock:
    """How a batch counts time: one value instead of three options in every signature.

    - ``calendar``: the working calendar (default :func:`tthc.deadlines.official_calendar`);
    - ``hours``: office hours (default :class:`tthc.deadlines.OfficeHours`);
    - ``policy``: one clock policy for every row; by default each row is
      judged under the policy in force on its own receipt date
      (:data:`tthc.deadlines.CLOCK_POLICIES`).

    Pass it as ``clock=`` to :func:`tthc.batch.due_dates`, :func:`~tthc.batch.outcomes`,
    :func:`~tthc.batch.summarize` and the other entry points; their
    ``calendar=``/``hours=``/``policy=`` keywords still work (not together with ``clock=``).

    >>> from tthc.deadlines import OfficeHours
    >>> Clock(hours=OfficeHours()).policy is None
    True
    """

    calendar: WorkingCalendar | None = attrs.field(
        default=None, validator=_instance(WorkingCalendar, "a tthc.deadlines.WorkingCalendar")
    )
    hours: OfficeHours | None = attrs.field(
        default=None, validator=_instance(OfficeHours, "a tthc.deadlines.OfficeHours")
    )
    policy: ClockPolicy | None = attrs.field(
        default=None, validator=_instance(ClockPolicy, "a tthc.deadlines.ClockPolicy")
    )

    def resolved(self) -> tuple[WorkingCalendar, OfficeHours, Rules[ClockPolicy]]:
        """The calendar, the office hours and the policies by receipt date, defaults filled in."""
        cal = official_calendar() if self.calendar is None else self.calendar
        hours = OfficeHours() if self.hours is None else self.hours
        if self.policy is None:
            return cal, hours, CLOCK_POLICIES
        rules: Rules[ClockPolicy] = Rules(
            [Rule(self.policy, citation=self.policy.citation)], what="clock policy"
        )
        return cal, hours, rules


def clock_of(
    clock: Clock | None,
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
) -> Clock:
    """The :class:`Clock` of a call: ``clock``, or one built from the separate keywords."""
    if clock is None:
        return Clock(calendar, hours, policy)
    if not isinstance(clock, Clock):
        raise ValidationError.single("clock", clock, "None or a tthc.batch.Clock")
    if calendar is not None or hours is not None or policy is not None:
        raise ValidationError.single(
            "clock", clock, "either clock= or calendar=/hours=/policy=, not both"
        )
    return clock
