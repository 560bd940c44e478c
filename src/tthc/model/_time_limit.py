"""Time limits (thời hạn giải quyết) as published for a procedure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from tthc._labels import Lang
from tthc._validate import enum_member, int_at_least, optional, str_or_none
from tthc.errors import ValidationError
from tthc.model._enums import TimeUnit

__all__ = ["TimeLimit"]


def _check_amount(instance: TimeLimit, attribute: attrs.Attribute[Any], value: Any) -> None:
    if instance.unit is TimeUnit.SAME_DAY:
        if value != 0 or type(value) is not int:
            raise ValidationError.single(
                "amount", value, "0 for a same-day limit (TimeLimit.same_day())", what="TimeLimit"
            )
        return
    int_at_least(1)(instance, attribute, value)


def _check_cutoff(instance: TimeLimit, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise ValidationError.single(
            "cutoff", value, "a naive datetime.time of day such as time(15, 0)", what="TimeLimit"
        )


@attrs.frozen
class TimeLimit:
    """A procedure's time limit: an amount in a :class:`TimeUnit`.

    Published limits read like "07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    (Decree 63/2010/NĐ-CP Art. 8(2)(đ) requires every procedure to state one).

    - ``amount``: a whole number >= 1; 0 for :attr:`TimeUnit.SAME_DAY`.
    - ``unit``: working days, calendar days, working hours, same day, months,
      clock hours or half working days.
    - ``cutoff``: an optional time of day after which a receipt counts from the
      next working day (e.g. 15:00 for same-day civil-status matters, Law on
      Civil Status 60/2014/QH13 Art. 5(3)).
    - ``condition``: when this limit applies, for alternatives such as "trường
      hợp cần xác minh thì không quá 05 ngày làm việc"; ``None`` for the
      ordinary case.
    - ``raw``: the published text it was read from. It is provenance, not
      meaning: two limits that mean the same compare equal whatever their text.

    The arithmetic lives in :mod:`tthc.deadlines`.

    >>> TimeLimit.working_days(7).unit
    <TimeUnit.WORKING_DAYS: 'working_days'>
    >>> str(TimeLimit.working_days(7))
    '7 ngày làm việc'
    >>> TimeLimit.working_days(7) == TimeLimit.working_days(7, raw="07 ngày làm việc")
    True
    """

    amount: int = attrs.field(validator=_check_amount)
    unit: TimeUnit = attrs.field(validator=enum_member(TimeUnit))
    cutoff: dt.time | None = attrs.field(default=None, kw_only=True, validator=_check_cutoff)
    condition: str | None = attrs.field(default=None, kw_only=True, validator=str_or_none)
    raw: str | None = attrs.field(
        default=None, kw_only=True, eq=False, validator=optional(str_or_none)
    )

    @classmethod
    def working_days(
        cls, n: int, *, condition: str | None = None, raw: str | None = None
    ) -> TimeLimit:
        """``n`` working days (ngày làm việc)."""
        return cls(n, TimeUnit.WORKING_DAYS, condition=condition, raw=raw)

    @classmethod
    def calendar_days(
        cls, n: int, *, condition: str | None = None, raw: str | None = None
    ) -> TimeLimit:
        """``n`` calendar days (ngày), counted under Civil Code 2015 Art. 147–148."""
        return cls(n, TimeUnit.CALENDAR_DAYS, condition=condition, raw=raw)

    @classmethod
    def working_hours(
        cls, n: int, *, condition: str | None = None, raw: str | None = None
    ) -> TimeLimit:
        """``n`` working hours (giờ làm việc), counted inside office hours."""
        return cls(n, TimeUnit.WORKING_HOURS, condition=condition, raw=raw)

    @classmethod
    def hours(cls, n: int, *, condition: str | None = None, raw: str | None = None) -> TimeLimit:
        """``n`` clock hours (giờ), elapsed from the receipt moment.

        "Trong 24 giờ kể từ khi ... nhận đủ hồ sơ hợp lệ" (Decree 63/2024/NĐ-CP
        new Art. 8(1)(a), as amended by Decree 301/2026/NĐ-CP) is a period in
        hours: it starts at the stated moment (Civil Code 2015 Art. 147(1)) and
        runs through nights and days off, unlike "giờ làm việc" (working hours,
        counted inside office hours; the same decree writes "2 giờ làm việc"
        where it means them).

        >>> str(TimeLimit.hours(24))
        '24 giờ'
        """
        return cls(n, TimeUnit.HOURS, condition=condition, raw=raw)

    @classmethod
    def half_working_days(
        cls, halves: int, *, condition: str | None = None, raw: str | None = None
    ) -> TimeLimit:
        """``halves`` half working days: ``half_working_days(1)`` is "0,5 ngày làm việc".

        No text found defines half a working day; tthc counts it as half the
        office minutes of a day (4 working hours under the default 7:30–11:30,
        13:00–17:00, which is also one session) [unconfirmed].

        >>> str(TimeLimit.half_working_days(1)), TimeLimit.half_working_days(3).label("en")
        ('0,5 ngày làm việc', '1.5 working days')
        """
        return cls(halves, TimeUnit.HALF_WORKING_DAYS, condition=condition, raw=raw)

    @classmethod
    def months(cls, n: int, *, condition: str | None = None, raw: str | None = None) -> TimeLimit:
        """``n`` months (tháng), ending on the corresponding day (Civil Code 2015 Art. 148)."""
        return cls(n, TimeUnit.MONTHS, condition=condition, raw=raw)

    @classmethod
    def same_day(
        cls,
        *,
        cutoff: dt.time | None = None,
        condition: str | None = None,
        raw: str | None = None,
    ) -> TimeLimit:
        """The same working day (trong ngày), optionally with a cut-off time.

        >>> import datetime as dt
        >>> str(TimeLimit.same_day(cutoff=dt.time(15)))
        'trong ngày (sau 15:00: ngày làm việc tiếp theo)'
        """
        return cls(0, TimeUnit.SAME_DAY, cutoff=cutoff, condition=condition, raw=raw)

    def label(self, lang: Lang = "vi") -> str:
        """The limit in words, in Vietnamese (default) or English.

        >>> TimeLimit.working_days(7).label("en")
        '7 working days'
        """
        text = self.unit.label(lang)
        if self.unit is TimeUnit.HALF_WORKING_DAYS:
            whole, half = divmod(self.amount, 2)
            number = f"{whole}{',' if lang == 'vi' else '.'}5" if half else str(whole)
            text = f"{number} {TimeUnit.WORKING_DAYS.label(lang)}"
        elif self.unit is not TimeUnit.SAME_DAY:
            text = f"{self.amount} {text}"
        if self.cutoff is not None:
            after = "ngày làm việc tiếp theo" if lang == "vi" else "next working day"
            word = "sau" if lang == "vi" else "after"
            text += f" ({word} {self.cutoff:%H:%M}: {after})"
        if self.condition is not None:
            text += f" — {self.condition}"
        return text

    def __str__(self) -> str:
        return self.label("vi")
