"""Statutory holidays as effective-dated rules, and the projection of unannounced years.

For the windows the Prime Minister has announced (from 2015 to
``official_calendar().announced_until``, plus any later window such as a Tết),
the calendar uses the cited records shipped in ``data/vn_civil_service.json``.
Outside them it *projects* the statutory rules in force, and every answer that
depends on a projected day is provisional.

What the statute fixes (the regime in force on the holiday's date):

- Labour Code 1994 Art. 73 as amended by Law 84/2007/QH11 (02/04/2007): New
  Year, Tết 4 days (1 before, 3 after lunar New Year), Hùng Kings (10/3 lunar),
  30/4, 1/5, 2/9; a holiday on the weekly rest day is compensated "vào ngày
  tiếp theo". Before the 2007 law, the same list without Hùng Kings (the 1994
  and 2002 wordings were not read: research note §6.3).
- Labour Code 2012 (10/2012/QH13) Art. 115, in force 01/05/2013: Tết 5 days;
  compensation in Art. 115(3).
- Labour Code 2019 (45/2019/QH14) Art. 112, in force 01/01/2021: National Day
  is 2/9 plus one adjacent day; compensation in Art. 111(3); the Prime Minister
  fixes the Tết days and the adjacent day (Art. 112(3)).
- Vietnam Culture Day, 24/11: Nghị quyết 28/2026/QH16 Art. 2 (in force
  01/07/2026). It is a separate resolution, not an amendment of Art. 112(1), so
  whether a 24/11 on a weekend is compensated is unconfirmed: a switch.

What the statute leaves to the Prime Minister is projected with the heuristics
the ``holidays`` package uses, which matched every official choice for
2021–2027 (calendar.md §4; research note §2.2): Tết = lunar New Year's Eve and
the next 4 (or 3) days, a Tết day on Saturday moves to the previous free
weekday and on Sunday to the next; the adjacent National Day day is Mon→Tue,
Tue→Mon, Wed→Tue, Thu→Fri, Fri→Thu, Sat→Fri, Sun→Mon.

>>> import datetime as dt
>>> STATUTORY_REGIMES.at(dt.date(2026, 2, 17)).value.tet_days
5
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs

from tthc.citations import Citation, Confidence
from tthc.deadlines._days import DayKind, DayReason, DayRecord
from tthc.rules import Rule, Rules

__all__ = [
    "CULTURE_DAY_RULES",
    "STATUTORY_REGIMES",
    "StatutoryHoliday",
    "StatutoryPeriod",
    "StatutoryRegime",
    "project_year",
    "statutory_holidays",
    "statutory_periods",
]


@attrs.frozen
class StatutoryRegime:
    """The public holidays a Labour Code version grants (the statutory part only).

    ``tet_offsets`` are the projected Tết days relative to lunar New Year's Day
    (the PM fixes the real ones); ``article`` and ``compensation_article`` are
    cited on every projected record.
    """

    name: str
    tet_offsets: tuple[int, ...]
    hung_kings: bool
    national_day_days: int
    article: str
    compensation_article: str

    @property
    def tet_days(self) -> int:
        """How many Tết days the statute grants."""
        return len(self.tet_offsets)


STATUTORY_REGIMES: Rules[StatutoryRegime] = Rules(
    [
        Rule(
            StatutoryRegime(
                "Labour Code 1994",
                tet_offsets=(-1, 0, 1, 2),
                hung_kings=False,
                national_day_days=1,
                article="Labour Code 1994 Art. 73 (1994/2002 wording not verified)",
                compensation_article="Labour Code 1994 Art. 73",
            ),
            valid_until=dt.date(2007, 4, 1),
            citation=Citation.from_text(
                "Labour Code 1994 Art. 73, before Law 84/2007/QH11 (wording not verified)",
                Confidence.UNCONFIRMED,
            ),
        ),
        Rule(
            StatutoryRegime(
                "Labour Code 1994 as amended 2007",
                tet_offsets=(-1, 0, 1, 2),
                hung_kings=True,
                national_day_days=1,
                article="Labour Code 1994 Art. 73 as amended by Law 84/2007/QH11",
                compensation_article="Labour Code 1994 Art. 73 as amended by Law 84/2007/QH11",
            ),
            valid_from=dt.date(2007, 4, 2),
            valid_until=dt.date(2013, 4, 30),
            citation=Citation.from_text(
                "Law 84/2007/QH11 (02/04/2007) amending Labour Code 1994 Art. 73",
                Confidence.SECONDARY,
            ),
        ),
        Rule(
            StatutoryRegime(
                "Labour Code 2012",
                tet_offsets=(-1, 0, 1, 2, 3),
                hung_kings=True,
                national_day_days=1,
                article="Labour Code 2012 (10/2012/QH13) Art. 115(1)",
                compensation_article="Labour Code 2012 (10/2012/QH13) Art. 115(3)",
            ),
            valid_from=dt.date(2013, 5, 1),
            valid_until=dt.date(2020, 12, 31),
            citation=Citation.from_text(
                "Labour Code 2012 (10/2012/QH13) Art. 115, in force 01/05/2013",
                Confidence.SECONDARY,
            ),
        ),
        Rule(
            StatutoryRegime(
                "Labour Code 2019",
                tet_offsets=(-1, 0, 1, 2, 3),
                hung_kings=True,
                national_day_days=2,
                article="Labour Code 2019 (45/2019/QH14) Art. 112(1)",
                compensation_article="Labour Code 2019 (45/2019/QH14) Art. 111(3)",
            ),
            valid_from=dt.date(2021, 1, 1),
            citation=Citation.from_text(
                "Labour Code 2019 (45/2019/QH14) Art. 111–112, in force 01/01/2021",
                Confidence.PRIMARY,
            ),
        ),
    ],
    what="statutory holiday regime",
    exclusive=True,
)

#: Vietnam Culture Day (24/11): a paid day off from the resolution's entry into force.
CULTURE_DAY_RULES: Rules[bool] = Rules(
    [
        Rule(
            True,
            valid_from=dt.date(2026, 7, 1),
            citation=Citation.from_text(
                "Nghị quyết 28/2026/QH16 Art. 2 (24/04/2026, in force 01/07/2026)",
                Confidence.SECONDARY,
            ),
        )
    ],
    what="Vietnam Culture Day",
    exclusive=True,
)

_PROJECTED = "projected; the Prime Minister fixes the actual days"
# Adjacent National Day day (Labour Code 2019 Art. 112(1)(đ)), by weekday of 2/9.
_NATIONAL_DAY_SHIFT = {0: +1, 1: -1, 2: -1, 3: +1, 4: -1, 5: -1, 6: +1}


@functools.cache
def lunar_dates(year: int) -> tuple[dt.date, dt.date]:
    """Lunar New Year's Day and Hùng Kings' Day (10/3 lunar) in ``year``.

    Taken from the Vietnamese lunisolar calendar of the ``holidays`` package.

    >>> lunar_dates(2026)
    (datetime.date(2026, 2, 17), datetime.date(2026, 4, 26))
    """
    try:  # the fast table lookup (a private API of holidays)
        from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

        lunisolar = _ChineseLunisolar(VIETNAMESE_CALENDAR)
        tet = lunisolar.lunar_new_year_date(year)[0]
        hung = lunisolar.hung_kings_date(year)[0]
        if isinstance(tet, dt.date) and isinstance(hung, dt.date):
            return tet, hung
    except (ImportError, AttributeError, TypeError):  # pragma: no cover - holidays changed
        pass
    import holidays  # pragma: no cover - public fallback

    country = getattr(holidays, "VN")  # noqa: B009  # pragma: no cover
    names = country(years=year, observed=False, language="en_US")  # pragma: no cover
    found = {name: day for day, name in names.items()}  # pragma: no cover
    return found["Lunar New Year"], found["Hung Kings' Commemoration Day"]  # pragma: no cover


@attrs.frozen
class StatutoryHoliday:
    """A day the statute itself makes a holiday, whatever the Prime Minister announces."""

    day: dt.date
    name_vi: str
    name_en: str
    citation: str


@functools.cache
def statutory_holidays(year: int, *, culture_day: bool = True) -> tuple[StatutoryHoliday, ...]:
    """The days of ``year`` that the law in force on each makes a holiday by its date.

    New Year's Day (1/1), lunar New Year's Day (mùng 1 Tết), Hùng Kings' Day
    (10/3 lunar, from Law 84/2007/QH11), Reunification Day (30/4), Labour Day
    (1/5), National Day (2/9) and, when ``culture_day``, Vietnam Culture Day
    (24/11, from 01/07/2026). The other Tết days and the day adjacent to 2/9
    are fixed by the Prime Minister (Labour Code 2019 Art. 112(3)), and a
    compensatory day moves with the calendar, so they are not listed: no
    announcement may make one of these dates a working day, but one may move
    those. A calendar overlay that does is refused unless the caller says so
    (``removes_statutory_holidays=True``).

    >>> [h.day.isoformat() for h in statutory_holidays(2026)][:3]
    ['2026-01-01', '2026-02-17', '2026-04-26']
    """
    tet, hung = lunar_dates(year)
    found: list[StatutoryHoliday] = []

    def add(day: dt.date, vi: str, en: str, point: str) -> None:
        regime = STATUTORY_REGIMES.at(day).value
        found.append(StatutoryHoliday(day, vi, en, f"{regime.article}({point})"))

    add(dt.date(year, 1, 1), "Tết Dương lịch", "New Year's Day", "a")
    add(tet, "Mùng 1 Tết Âm lịch", "Lunar New Year's Day", "b")
    if STATUTORY_REGIMES.at(hung).value.hung_kings:
        add(hung, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Hùng Kings' Commemoration Day", "e")
    add(dt.date(year, 4, 30), "Ngày Chiến thắng", "Reunification Day", "c")
    add(dt.date(year, 5, 1), "Ngày Quốc tế Lao động", "International Labour Day", "d")
    add(dt.date(year, 9, 2), "Quốc khánh", "National Day", "đ")
    culture = dt.date(year, 11, 24)
    rule = CULTURE_DAY_RULES.get(culture) if culture_day else None
    if rule is not None:
        found.append(
            StatutoryHoliday(
                culture, "Ngày Văn hóa Việt Nam", "Vietnam Culture Day", str(rule.citation)
            )
        )
    return tuple(sorted(found, key=lambda h: h.day))


@attrs.frozen
class StatutoryPeriod:
    """Holidays the statute counts in days and the Prime Minister places (Tết, National Day).

    Whatever days are chosen, at least ``days`` weekdays around ``center``
    (within ``radius`` days) are off: the statutory days, with a weekend one
    compensated on a weekday (Labour Code 2019 Art. 111(3)).
    """

    center: dt.date
    radius: int
    days: int
    name_vi: str
    name_en: str
    citation: str


@functools.cache
def statutory_periods(year: int) -> tuple[StatutoryPeriod, ...]:
    """Tết (4 or 5 days) and National Day (1 or 2 days) of ``year``, under the law in force.

    Every year the shipped calendar covers (announced or projected, 2000–2099)
    has at least that many weekdays off within 12 days of lunar New Year's Day
    and within 3 days of 2/9; an overlay that leaves fewer removes statutory
    holidays.

    >>> [(p.center.isoformat(), p.days) for p in statutory_periods(2026)]
    [('2026-02-17', 5), ('2026-09-02', 2)]
    """
    tet, _ = lunar_dates(year)
    national = dt.date(year, 9, 2)
    tet_regime = STATUTORY_REGIMES.at(tet).value
    national_regime = STATUTORY_REGIMES.at(national).value
    return (
        StatutoryPeriod(
            tet,
            12,
            tet_regime.tet_days,
            "Tết Âm lịch",
            "Lunar New Year (Tết)",
            f"{tet_regime.article}(b)",
        ),
        StatutoryPeriod(
            national,
            3,
            national_regime.national_day_days,
            "Quốc khánh",
            "National Day",
            f"{national_regime.article}(đ)",
        ),
    )


def _next_free(day: dt.date, step: int, taken: set[dt.date]) -> dt.date:
    year = day.year
    probe = day + dt.timedelta(days=step)
    while probe.year == year:
        if probe.weekday() < 5 and probe not in taken:
            return probe
        probe += dt.timedelta(days=step)
    return day  # pragma: no cover - never happens for Vietnamese holidays


@functools.cache
def project_year(
    year: int, *, culture_day: bool = True, culture_day_compensation: bool = False
) -> tuple[DayRecord, ...]:
    """The projected weekdays off of ``year`` under the statutory rules (sorted).

    Weekend holidays produce a compensatory weekday (Labour Code 2019 Art.
    111(3)); nothing projects a swap or a make-up Saturday, since only an
    announcement makes those.

    >>> [r.day.isoformat() for r in project_year(2028)][:6]
    ['2028-01-03', '2028-01-24', '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']
    """
    tet, hung = lunar_dates(year)
    regime = STATUTORY_REGIMES.at(tet).value
    fixed: list[tuple[dt.date, str, str, str]] = []  # day, vi, en, citation

    def statute(day: dt.date) -> StatutoryRegime:
        return STATUTORY_REGIMES.at(day).value

    def add_fixed(day: dt.date, vi: str, en: str, point: str) -> None:
        fixed.append((day, vi, en, f"{statute(day).article}({point}), {_PROJECTED}"))

    add_fixed(dt.date(year, 1, 1), "Tết Dương lịch", "New Year's Day", "a")
    if statute(hung).hung_kings:
        add_fixed(hung, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Hùng Kings' Commemoration Day", "e")
    add_fixed(dt.date(year, 4, 30), "Ngày Chiến thắng", "Reunification Day", "c")
    add_fixed(dt.date(year, 5, 1), "Ngày Quốc tế Lao động", "International Labour Day", "d")
    national_day = dt.date(year, 9, 2)
    add_fixed(national_day, "Quốc khánh", "National Day", "đ")
    culture = dt.date(year, 11, 24)
    has_culture = culture_day and CULTURE_DAY_RULES.get(culture) is not None
    compensated = [day for day, *_ in fixed]
    if has_culture:
        culture_cite = f"{CULTURE_DAY_RULES.at(culture).citation}, projected"
        fixed.append((culture, "Ngày Văn hóa Việt Nam", "Vietnam Culture Day", culture_cite))
        if culture_day_compensation:
            compensated.append(culture)

    records: dict[dt.date, DayRecord] = {}
    taken = {day for day, *_ in fixed}

    def record(day: dt.date, reason: DayReason, vi: str, en: str, citation: str) -> None:
        taken.add(day)
        if day.weekday() < 5:
            records[day] = DayRecord(
                day, DayKind.DAY_OFF, reason, name_vi=vi, name_en=en, citation=citation
            )

    for day, vi, en, citation in fixed:
        record(day, DayReason.HOLIDAY, vi, en, citation)
    if statute(national_day).national_day_days == 2:
        adjacent = national_day + dt.timedelta(days=_NATIONAL_DAY_SHIFT[national_day.weekday()])
        record(
            adjacent,
            DayReason.HOLIDAY,
            "Quốc khánh (ngày liền kề)",
            "National Day (adjacent day)",
            f"{regime.article}(đ), (3), {_PROJECTED}",
        )
    tet_days = [tet + dt.timedelta(days=offset) for offset in regime.tet_offsets]
    taken.update(tet_days)
    tet_cite = f"{regime.article}(b), {_PROJECTED}"
    for day in tet_days:
        if day.weekday() < 5:
            record(day, DayReason.HOLIDAY, "Tết Âm lịch", "Lunar New Year (Tết)", tet_cite)
    for day in tet_days:
        if day.weekday() >= 5:
            moved = _next_free(day, -1 if day.weekday() == 5 else +1, taken)
            record(
                moved,
                DayReason.HOLIDAY,
                f"Tết Âm lịch (thay cho {day:%d/%m})",
                f"Lunar New Year (Tết) (for {day:%d/%m})",
                tet_cite,
            )
    for day in sorted(compensated):
        if day.weekday() >= 5:
            comp_regime = statute(day)
            moved = _next_free(day, +1, taken)
            record(
                moved,
                DayReason.COMPENSATORY,
                f"Nghỉ bù ngày lễ {day:%d/%m}",
                f"Compensatory day off for the holiday of {day:%d/%m}",
                f"{comp_regime.compensation_article}, projected",
            )
    return tuple(records[day] for day in sorted(records))
