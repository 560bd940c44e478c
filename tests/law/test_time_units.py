"""Clock hours and half working days as time units (issue 20)."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import TimeLimit, due_date, parse_time_limit
from tthc.deadlines import CLOCK_POLICIES, VIETNAM, CalendarStart, HoursOnDayOff
from tthc.errors import ParseError
from tthc.model import TimeUnit


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("24 giờ", TimeLimit.hours(24)),
        ("Trong 24 giờ kể từ khi nhận đủ hồ sơ hợp lệ", TimeLimit.hours(24)),
        ("không quá 48 giờ", TimeLimit.hours(48)),
        ("02 giờ làm việc", TimeLimit.working_hours(2)),
        ("nửa ngày", TimeLimit.half_working_days(1)),
        ("Nửa ngày làm việc", TimeLimit.half_working_days(1)),
        ("0,5 ngày làm việc", TimeLimit.half_working_days(1)),
        ("1,5 ngày làm việc", TimeLimit.half_working_days(3)),
    ],
)
def test_parse_clock_hours_and_half_days(text: str, limit: TimeLimit) -> None:
    assert parse_time_limit(text).ordinary == limit


@pytest.mark.parametrize("text", ["trả kết quả trước 16 giờ", "lúc 8 giờ sáng"])
def test_a_time_of_day_is_not_a_period(text: str) -> None:
    with pytest.raises(ParseError):
        parse_time_limit(text)


def test_labels() -> None:
    assert str(TimeLimit.hours(24)) == "24 giờ"
    assert TimeLimit.hours(48).label("en") == "48 hours"
    assert str(TimeLimit.half_working_days(1)) == "0,5 ngày làm việc"
    assert TimeLimit.half_working_days(2).label("en") == "1 working days"
    assert TimeLimit.half_working_days(1).unit is TimeUnit.HALF_WORKING_DAYS


def test_clock_hours_are_elapsed_time() -> None:
    # Wednesday 10:00 + 24 h = Thursday 10:00 (Civil Code 2015 Art. 147(1))
    assert due_date(at(2026, 11, 18, 10), TimeLimit.hours(24)).at == at(2026, 11, 19, 10)
    # after hours too: the hours run from the receipt moment, not the next opening
    assert due_date(at(2026, 11, 18, 20), TimeLimit.hours(24)).at == at(2026, 11, 19, 20)
    # a last day that is a Saturday ends at the end of the next working day (Art. 148(5))
    friday = due_date(at(2026, 11, 20, 10), TimeLimit.hours(24))
    assert friday.last_day == dt.date(2026, 11, 23)
    assert friday.at == at(2026, 11, 24)
    assert any("148(5)" in note for note in friday.notes)
    policy = CLOCK_POLICIES.at(dt.date(2026, 11, 20)).value
    counted = policy.evolve(hours_on_day_off=HoursOnDayOff.AS_COUNTED)
    assert due_date(at(2026, 11, 20, 10), TimeLimit.hours(24), policy=counted).at == at(
        2026, 11, 21, 10
    )
    shifted = policy.evolve(calendar_start=CalendarStart.SHIFTED)
    assert due_date(at(2026, 11, 18, 20), TimeLimit.hours(24), policy=shifted).at == at(
        2026, 11, 20, 7, 30
    )


def test_half_working_days_are_half_the_office_minutes() -> None:
    # 16:00 + 240 office minutes: 1 h that day, 3 h the next morning -> 10:30
    assert due_date(at(2026, 11, 18, 16), TimeLimit.half_working_days(1)).at == at(
        2026, 11, 19, 10, 30
    )
    # 1.5 days from 09:00: 12 working hours -> next day 14:30
    assert due_date(at(2026, 11, 18, 9), TimeLimit.half_working_days(3)).at == at(
        2026, 11, 19, 14, 30
    )


def test_batch_counts_the_new_units_like_the_scalar_path() -> None:
    pytest.importorskip("numpy")
    from tthc import batch

    moments = [at(2026, 11, 20, 10), at(2026, 11, 18, 20), at(2026, 11, 18, 16)]
    for limit in (TimeLimit.hours(24), TimeLimit.hours(48), TimeLimit.half_working_days(3)):
        got = batch.due_dates(moments, limit).to_pandas()["at"].tolist()
        assert got == [due_date(m, limit).at for m in moments]


@pytest.mark.parametrize("supplement", ["restart", "pause"])
def test_a_supplement_moves_the_new_units_alike_in_the_clock_and_the_batch(
    supplement: str,
) -> None:
    pd = pytest.importorskip("pandas")
    from tthc import batch
    from tthc.deadlines import DossierClock, SupplementClock
    from tthc.model import Supplemented, SupplementRequested

    policy = CLOCK_POLICIES.at(dt.date(2026, 3, 2)).value.evolve(
        supplement=SupplementClock.from_value(supplement)
    )
    for limit in (TimeLimit.hours(48), TimeLimit.half_working_days(3)):
        clock = DossierClock.start(at(2026, 3, 2, 9), limit, policy=policy)
        clock = clock.record(SupplementRequested(at(2026, 3, 3, 10)))
        clock = clock.record(Supplemented(at(2026, 3, 5, 14, 30)))
        expected = clock.due_at(at(2026, 3, 6))
        assert expected is not None
        table = pd.DataFrame(
            {
                "dossier_id": ["a"],
                "received_at": pd.to_datetime(["2026-03-02 09:00"]).tz_localize(VIETNAM.key),
                "limit": [limit],
            }
        )
        events = pd.DataFrame(
            {
                "dossier_id": ["a", "a"],
                "event": ["supplement_requested", "supplemented"],
                "at": pd.to_datetime(["2026-03-03 10:00", "2026-03-05 14:30"]).tz_localize(
                    VIETNAM.key
                ),
            }
        )
        got = batch.outcomes(table, at(2026, 3, 6), events=events, policy=policy)
        assert got.due_at[0].item().replace(tzinfo=dt.UTC) == expected.at, (supplement, limit)
