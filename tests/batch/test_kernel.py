"""The working-day fast path equals the generic clock core, for every policy switch combination."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from tthc.deadlines import ClockPolicy, EndOfDay, OffHours, OfficeHours, official_calendar
from tthc.deadlines import _core as core
from tthc.deadlines._due import params_for

np = pytest.importorskip("numpy")

from tthc import batch  # noqa: E402  (needs numpy)
from tthc.batch import _engine as engine  # noqa: E402
from tthc.batch import _kernel as kernel  # noqa: E402

SWITCHES = list(
    itertools.product(
        list(OffHours),
        [None, dt.time(7), dt.time(11, 45), dt.time(15)],
        [False, True],
        list(EndOfDay),
    )
)


def _rows(t: Any, size: int, seed: int) -> tuple[Any, Any, Any]:
    rng = np.random.default_rng(seed)
    day = rng.integers(0, t.n - 200, size)
    tod = rng.integers(0, core.US_PER_DAY, size)
    tod[: size // 2] = rng.choice(
        np.array(
            [
                0,
                27_000_000_000,
                27_000_000_000 - 1,
                61_200_000_000,
                61_200_000_000 - 1,
                54_000_000_000,
                54_000_000_000 + 1,
                core.US_PER_DAY - 1,
            ]
        ),
        size // 2,
    )
    amount = rng.integers(1, 40, size)
    return day, tod, amount


@pytest.mark.parametrize(("off_hours", "cutoff", "count_receipt_day", "end"), SWITCHES)
def test_the_fast_path_equals_the_core_or_steps_aside(
    off_hours: OffHours, cutoff: dt.time | None, count_receipt_day: bool, end: EndOfDay
) -> None:
    policy = ClockPolicy(
        "test",
        citation="test",
        off_hours=off_hours,
        cutoff=cutoff,
        count_receipt_day=count_receipt_day,
        end_of_day=end,
    )
    t = engine.tables_of(official_calendar())
    p = params_for(policy, OfficeHours(), None)
    found = kernel.kernel_for(t, p)
    if off_hours is OffHours.NEXT_OPENING and (cutoff is None or cutoff >= dt.time(7, 30)):
        assert found is not None  # the policies in force use the fast path
    if found is None:
        return
    day, tod, amount = _rows(t, 20_000, hash((off_hours, cutoff, count_receipt_day, end)) % 1000)
    d = engine.NumpyDriver(t, day.size)
    last, a_day, a_tod = engine.due_from(d, p, core.WORKING_DAYS, amount, day, tod)
    keep = ~d.outside
    k = found.index(t, day, tod, amount)
    np.testing.assert_array_equal(t.wd[k][keep], last[keep])
    np.testing.assert_array_equal(found.at_us[k][keep], engine.to_us(t, a_day, a_tod)[keep])


def test_integer_limits_take_the_one_pass_path_and_equal_due_date() -> None:
    """A column of working-day amounts: the fast path, provisional flags included."""
    import warnings

    from tthc.deadlines import due_date
    from tthc.errors import ProvisionalCalendarWarning
    from tthc.model import TimeLimit

    cal = official_calendar()
    rng = np.random.default_rng(11)
    until = np.datetime64(cal.announced_until, "D").astype("datetime64[us]")
    for start in (np.datetime64("2024-01-01", "us"), until - np.timedelta64(60, "D")):
        span = int((until - start) // np.timedelta64(1, "us"))
        received = start + rng.integers(0, span, 300).astype("timedelta64[us]")
        limits = rng.integers(1, 45, 300)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ProvisionalCalendarWarning)
            got = batch.due_dates(received, limits)
            for i in range(0, 300, 7):
                moment = received[i].item().replace(tzinfo=dt.UTC)
                expected = due_date(moment, TimeLimit.working_days(int(limits[i])))
                assert got.at[i].item().replace(tzinfo=dt.UTC) == expected.at
                assert bool(got.provisional[i]) == expected.provisional
