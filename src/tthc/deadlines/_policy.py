"""Clock policies: how the one-stop regime in force counts a dossier's time limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from tthc._labels import LabelledEnum
from tthc._tables import CitationRecord, read_table
from tthc._validate import boolean, enum_member, int_at_least, non_empty_str
from tthc.errors import ValidationError
from tthc.rules import Rule, Rules

__all__ = [
    "CLOCK_POLICIES",
    "CalendarStart",
    "ClockPolicy",
    "EndOfDay",
    "HoursOnDayOff",
    "OffHours",
    "ShiftedStart",
    "SupplementClock",
]


class OffHours(LabelledEnum):
    """What a receipt outside office hours or on a non-working day means.

    No national text settles it (one-stop-2025.md A1; research note §3(d)).
    Sector rules roll it to the next working day: MOET Quyết định
    3142/QĐ-BGDĐT Art. 11 ("counted from the start of the next working
    hours"), Circular 87/2021/TT-BTC Art. 10 (State Treasury).
    """

    NEXT_OPENING = (
        "next_opening",
        "Tính từ đầu giờ ngày làm việc tiếp theo",
        "Counted from the next working day's opening",
    )
    AS_RECEIVED = ("as_received", "Tính từ thời điểm tiếp nhận", "Counted from the receipt moment")


class EndOfDay(LabelledEnum):
    """When the last day of a period ends, and so until when a result is on time.

    Civil Code 2015 (91/2015/QH13) Art. 148(1), (6) (primary text read): a
    period in days ends at the end of its last day, "lúc hai mươi tư giờ của
    ngày đó". No one-stop text found sets another end (Art. 145(1) would let
    one), and Decision 766/QĐ-TTg's formula description compares the end of
    processing with the appointment *date* ("Đúng hạn: Ngày kết thúc xử lý hồ
    sơ <, = ngày hẹn trả", indicator 2.1; secondary). So the default is
    :attr:`MIDNIGHT`: a result given on the due day after office hours is on
    time. :attr:`CLOSE_OF_OFFICE_HOURS` (tthc's default before issue 20) ends
    the day when the desk closes, for offices that judge by the hour on the
    receipt slip (Form 01: "hẹn trả kết quả vào lúc ... giờ").
    """

    CLOSE_OF_OFFICE_HOURS = ("close_of_office_hours", "Hết giờ làm việc", "Close of office hours")
    MIDNIGHT = ("midnight", "24 giờ (Bộ luật Dân sự Điều 148(6))", "24:00 (Civil Code Art. 148(6))")


class ShiftedStart(LabelledEnum):
    """What a start moved to the next working day (off hours, a cut-off) means for day 1.

    Decree 63/2024/NĐ-CP new Art. 7(2) (as amended by Decree 301/2026/NĐ-CP,
    secondary: scraped full text): "Nếu tiếp nhận hồ sơ sau 15 giờ thì thời
    gian được tính bắt đầu từ ngày làm việc tiếp theo": counting *starts on*
    the next working day, which is therefore day 1, the way Civil Code 2015
    Art. 147(2) "tính từ ngày tiếp theo liền kề" makes the day after the
    receipt day day 1 (primary text read). MOET Quyết định 3142/QĐ-BGDĐT Art.
    11 words the off-hours roll the same way ("tính từ đầu giờ làm việc tiếp
    theo"). :attr:`DAY_ONE` (default) therefore never adds a day for the move:
    a working-day limit ends on the N-th working day after the receipt day.
    :attr:`EXCLUDED` (tthc before issue 20) treats the moved start as a new
    receipt day and excludes it too, one working day more lenient. With
    ``count_receipt_day=True`` the receipt day (or the moved start) is day 1
    either way: that is the reading in which the 15:00 rule shortens the
    limit for earlier receipts.
    """

    DAY_ONE = (
        "day_one",
        "Ngày làm việc tiếp theo là ngày thứ nhất",
        "The next working day is day 1",
    )
    EXCLUDED = (
        "excluded",
        "Không tính cả ngày làm việc tiếp theo",
        "The next working day is excluded too",
    )


class CalendarStart(LabelledEnum):
    """Where a limit in calendar days or months starts counting.

    Civil Code 2015 Art. 147(2) (primary text read): a period in days, weeks,
    months or years excludes the first day and runs from the next day,
    whatever the hour of the event. :attr:`RECEIPT_DAY` (default) counts from
    the receipt day; the off-hours roll and cut-offs, which no text extends to
    calendar periods, do not move it (a Friday-evening receipt of a 10-day
    limit ends ten days after the Friday, not after the Monday).
    :attr:`SHIFTED` (tthc before issue 20) counts from the moved start, up to
    three days later over a weekend or more over Tết.
    """

    RECEIPT_DAY = ("receipt_day", "Tính từ ngày tiếp nhận", "From the receipt day")
    SHIFTED = (
        "shifted",
        "Tính từ ngày bắt đầu sau khi dời",
        "From the moved start (off hours, cut-off)",
    )


class HoursOnDayOff(LabelledEnum):
    """When a period in clock hours ("trong 24 giờ") ends on a weekly rest day or a holiday.

    Civil Code 2015 Art. 148(5) (primary text read): "Khi ngày cuối cùng của
    thời hạn là ngày nghỉ cuối tuần hoặc ngày nghỉ lễ thì thời hạn kết thúc
    tại thời điểm kết thúc ngày làm việc tiếp theo ngày nghỉ đó". The clause
    is not limited to periods in days, so :attr:`NEXT_WORKING_DAY` (default)
    applies it to hours too; :attr:`AS_COUNTED` ends exactly when the hours
    run out (a system that works every day, as the national portal does, may
    read the decree that way) [unconfirmed: no text or practice found on it].
    """

    NEXT_WORKING_DAY = (
        "next_working_day",
        "Kết thúc vào cuối ngày làm việc tiếp theo (Bộ luật Dân sự Điều 148(5))",
        "Ends at the end of the next working day (Civil Code Art. 148(5))",
    )
    AS_COUNTED = ("as_counted", "Kết thúc đúng khi đủ số giờ", "Ends when the hours run out")


class SupplementClock(LabelledEnum):
    """What a request to supplement the dossier after acceptance does to the clock.

    Decree 61/2018/NĐ-CP Art. 19(4): the time limit is counted again from the
    start once the complete dossier arrives (``RESTART``). Some sector rules
    exclude the supplement time instead (``PAUSE``, e.g. Decree 31/2021/NĐ-CP
    Art. 6). Whether Decree 118/2025 keeps the restart is unconfirmed.
    """

    RESTART = ("restart", "Tính lại từ đầu", "Restart from zero")
    PAUSE = ("pause", "Tạm dừng, không tính thời gian bổ sung", "Pause during the supplement")


def _check_cutoff(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, dt.time) or value.tzinfo is not None):
        raise ValidationError.single(
            attribute.name, value, "None or a naive datetime.time", what="ClockPolicy"
        )


@attrs.frozen
class ClockPolicy:
    """How a one-stop regime counts a time limit. Every field is a documented switch.

    - ``off_hours``: receipt outside office hours or on a non-working day
      (default :attr:`OffHours.NEXT_OPENING`; unconfirmed nationally).
    - ``cutoff``: an optional time of day after which a receipt counts from
      the next working day (default ``None``). Decree 118/2025 Art. 18(2) (as
      amended by Decree 309/2026) and Decree 61/2018 Art. 18(2) use 15:00 for
      *passing* the dossier on, not for starting the clock, so no cut-off is
      applied by default; a limit's own cut-off (``TimeLimit.cutoff``, e.g.
      Law on Civil Status 60/2014/QH13 Art. 5(3)) always applies.
    - ``count_receipt_day``: whether the (effective) receipt day is day 1
      (default ``False``: Civil Code 2015 Art. 147(2) excludes the first day;
      no one-stop text says otherwise).
    - ``end_of_day``: the moment the last day ends, which is also the moment
      a result stops being on time (default :attr:`EndOfDay.MIDNIGHT`, Civil
      Code Art. 148(6); :attr:`EndOfDay.CLOSE_OF_OFFICE_HOURS` before issue 20).
    - ``shifted_start``: whether a start moved to the next working day is day 1
      (default :attr:`ShiftedStart.DAY_ONE`) or excluded as well.
    - ``calendar_start``: whether calendar-day, month and clock-hour limits
      count from the receipt (default :attr:`CalendarStart.RECEIPT_DAY`) or
      from the moved start.
    - ``hours_on_day_off``: whether a clock-hour period ending on a day off
      ends at the end of the next working day (default, Civil Code Art.
      148(5)) or when the hours run out.
    - ``supplement``: restart or pause on a supplement request (default restart,
      Decree 61/2018 Art. 19(4)).
    - ``max_extensions``: how many times a new due date may be set (1, Decree
      61/2018 Art. 19(9)).
    - ``cross_boundary_start``: for dossiers filed regardless of administrative
      boundary, time runs from when the competent agency receives them (Decree
      118/2025 Art. 17(3) as amended by Decree 309/2026 Art. 8(3), in force
      5/8/2026: the policy for dossiers received from that day on).

    Every surface reads these switches through the one clock core: the scalar
    ``due_date``, ``DossierClock`` and metrics, the Circular 01/2018
    evaluation, :mod:`tthc.batch` and :func:`tthc.scorecard.scorecard`.
    """

    name: str = attrs.field(validator=non_empty_str)
    citation: str = attrs.field(kw_only=True, validator=non_empty_str)
    off_hours: OffHours = attrs.field(
        default=OffHours.NEXT_OPENING, kw_only=True, validator=enum_member(OffHours)
    )
    cutoff: dt.time | None = attrs.field(default=None, kw_only=True, validator=_check_cutoff)
    count_receipt_day: bool = attrs.field(default=False, kw_only=True, validator=boolean)
    end_of_day: EndOfDay = attrs.field(
        default=EndOfDay.MIDNIGHT, kw_only=True, validator=enum_member(EndOfDay)
    )
    shifted_start: ShiftedStart = attrs.field(
        default=ShiftedStart.DAY_ONE, kw_only=True, validator=enum_member(ShiftedStart)
    )
    calendar_start: CalendarStart = attrs.field(
        default=CalendarStart.RECEIPT_DAY, kw_only=True, validator=enum_member(CalendarStart)
    )
    hours_on_day_off: HoursOnDayOff = attrs.field(
        default=HoursOnDayOff.NEXT_WORKING_DAY, kw_only=True, validator=enum_member(HoursOnDayOff)
    )
    supplement: SupplementClock = attrs.field(
        default=SupplementClock.RESTART, kw_only=True, validator=enum_member(SupplementClock)
    )
    max_extensions: int = attrs.field(default=1, kw_only=True, validator=int_at_least(0))
    cross_boundary_start: bool = attrs.field(default=False, kw_only=True, validator=boolean)

    def evolve(self, **changes: Any) -> ClockPolicy:
        """A copy with some switches changed (e.g. ``cutoff=time(15)``)."""
        return attrs.evolve(self, **changes)


@attrs.frozen
class _PolicyRow:
    """One row of ``data/clock_policies.json``: a regime's clock policy and its window."""

    policy: ClockPolicy
    citation: CitationRecord
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@attrs.frozen
class _PolicyTable:
    policies: tuple[_PolicyRow, ...]


def _load_policies() -> Rules[ClockPolicy]:
    rows = read_table("tthc.deadlines", "clock_policies.json", _PolicyTable).policies
    return Rules(
        [
            Rule(
                row.policy,
                valid_from=row.valid_from,
                valid_until=row.valid_until,
                citation=row.citation.to_citation(),
            )
            for row in rows
        ],
        what="clock policy",
        exclusive=True,
    )


#: The clock policies by the date a dossier is received (``CLOCK_POLICIES.at(day)``),
#: read from ``data/clock_policies.json`` (issue 20: a decree is a data change and a
#: test row): Civil Code counting before Decree 61/2018/NĐ-CP (21/06/2018); Decree
#: 61/2018/NĐ-CP Art. 19(4), (9) (primary text read); Decree 118/2025/NĐ-CP from
#: 01/07/2025 (secondary); as amended by Decree 309/2026/NĐ-CP from 05/08/2026
#: (secondary: scraped copy). Every switch is written out in each row.
CLOCK_POLICIES: Rules[ClockPolicy] = _load_policies()
