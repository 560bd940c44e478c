"""``Clock``: one value for calendar, office hours and policy; the old keywords still work."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.deadlines import CLOCK_POLICIES, VIETNAM, EndOfDay, OfficeHours, official_calendar
from tthc.errors import ValidationError

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

from tthc import batch  # noqa: E402  (needs numpy and pyarrow)
from tthc.batch import Clock  # noqa: E402

# a policy that ends its periods differently from the one in force in 2026 (read, not assumed)
_IN_FORCE = CLOCK_POLICIES.at(dt.date(2026, 11, 20)).value
MIDNIGHT = _IN_FORCE.evolve(
    end_of_day=EndOfDay.CLOSE_OF_OFFICE_HOURS
    if _IN_FORCE.end_of_day is EndOfDay.MIDNIGHT
    else EndOfDay.MIDNIGHT
)
RECEIVED = np.array(["2026-11-20T03:00", "2026-11-23T10:30"], dtype="datetime64[us]")


def test_clock_equals_the_keywords() -> None:
    cal = official_calendar()
    by_clock = batch.due_dates(RECEIVED, 3, clock=Clock(cal, OfficeHours(), MIDNIGHT))
    by_keywords = batch.due_dates(RECEIVED, 3, calendar=cal, hours=OfficeHours(), policy=MIDNIGHT)
    np.testing.assert_array_equal(by_clock.at, by_keywords.at)
    default = batch.due_dates(RECEIVED, 3)
    assert not np.array_equal(by_clock.at, default.at)  # the other end of the day


def test_clock_in_summaries() -> None:
    log = pd.DataFrame(
        {
            "received_at": pd.Series(RECEIVED).dt.tz_localize("UTC"),
            "limit": [3, 3],
            "returned_at": pd.Series(RECEIVED + np.timedelta64(5, "D")).dt.tz_localize("UTC"),
        }
    )
    as_of = dt.datetime(2026, 12, 31, tzinfo=VIETNAM)
    a = batch.summarize(log, as_of, clock=Clock(policy=MIDNIGHT))
    b = batch.summarize(log, as_of, policy=MIDNIGHT)
    assert a.equals(b)


def test_clock_and_keywords_together_are_refused() -> None:
    with pytest.raises(ValidationError, match="clock"):
        batch.due_dates(RECEIVED, 3, clock=Clock(), policy=MIDNIGHT)
    with pytest.raises(ValidationError, match="clock"):
        batch.due_dates(RECEIVED, 3, clock="official")  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["calendar", "hours", "policy"])
def test_a_clock_of_the_wrong_parts_is_refused(field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        Clock(**{field: "yes"})  # type: ignore[arg-type]
