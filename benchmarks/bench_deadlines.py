"""Benchmark tthc.deadlines against holidays, workalendar and numpy, in one run.

Run from a clone (``pip install -e '.[bench]'`` first):

    python benchmarks/bench_deadlines.py             # 2,000 dates, arrays of 100,000
    python benchmarks/bench_deadlines.py 200 1000    # a quick smoke run

It prints per-call times, the ratios, how many answers each library gets
wrong against the official calendar (make-up Saturdays, the 2026 swap), the
build time and memory of a 2000–2035 calendar, and whether ``import tthc``
pulls numpy or pandas.
"""

from __future__ import annotations

import datetime as dt
import platform
import random
import subprocess
import sys
import timeit
import tracemalloc
import warnings

import holidays
import numpy as np
from workalendar.core import SAT, SUN, Calendar

from tthc.deadlines import (
    WorkingCalendar,
    add_working_days_array,
    official_calendar,
    working_days_between_array,
)

N_DAYS = 15  # "add 15 working days", the example
SAMPLE = 2_000  # scalar comparisons (first argument)
ARRAY = 100_000  # vectorised comparisons (second argument)
EARLIEST = dt.date(2015, 1, 1)
# The sample stays inside the announced calendar (read from the data, never
# copied): a start date plus 59 days, or plus 15 working days, must not reach
# an unannounced year, whose answers are provisional and warn.
MARGIN = dt.timedelta(days=90)


def per_call(fn, pairs, repeat=5):  # type: ignore[no-untyped-def]
    """Best-of-``repeat`` seconds per call of ``fn(*pair)`` over ``pairs``."""
    best = min(timeit.repeat(lambda: [fn(*p) for p in pairs], number=1, repeat=repeat))
    return best / len(pairs)


def fmt(seconds: float) -> str:
    return f"{seconds * 1e9:10.0f} ns" if seconds < 1e-4 else f"{seconds * 1e3:10.2f} ms"


def main() -> None:
    warnings.simplefilter("error")  # no provisional answers inside the sample
    sample = int(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    array = int(sys.argv[2]) if len(sys.argv) > 2 else ARRAY
    cal = official_calendar()
    first = max(EARLIEST, cal.announced_from)
    last = cal.announced_until - MARGIN
    rng = random.Random(20260101)
    span = (last - first).days
    starts = [first + dt.timedelta(days=rng.randrange(span)) for _ in range(sample)]
    ends = [d + dt.timedelta(days=rng.randrange(1, 60)) for d in starts]

    exact_add = [cal.add_working_days(d, N_DAYS) for d in starts]
    exact_count = [cal.working_days_between(a, b) for a, b in zip(starts, ends, strict=True)]

    # The official days off / make-up days, from tthc's own records.
    day = first - dt.timedelta(days=60)
    off: list[dt.date] = []
    made_up: list[dt.date] = []
    while day <= last + dt.timedelta(days=120):
        with warnings.catch_warnings():  # days around the sample may be provisional
            warnings.simplefilter("ignore")
            working = cal.is_working_day(day)
        if day.weekday() < 5 and not working:
            off.append(day)
        elif day.weekday() >= 5 and working:
            made_up.append(day)
        day += dt.timedelta(days=1)

    # holidays
    vn = holidays.VN(years=range(first.year - 1, last.year + 3))
    vn_add = [vn.get_nth_working_day(d, N_DAYS) for d in starts]
    vn_count = [
        vn.get_working_days_count(a + dt.timedelta(days=1), b)
        for a, b in zip(starts, ends, strict=True)
    ]

    # workalendar, built from the same dates
    class Official(Calendar):  # type: ignore[misc]
        WEEKEND_DAYS = (SAT, SUN)

        def holidays(self, year=None):  # type: ignore[no-untyped-def]
            return [(d, "off") for d in off if d.year == year]

    wk = Official()
    extra = made_up
    wk_add = [wk.add_working_days(d, N_DAYS, extra_working_days=extra) for d in starts]
    wk_count = [
        wk.get_working_days_delta(a, b, extra_working_days=extra)
        for a, b in zip(starts, ends, strict=True)
    ]

    # numpy: a Mon–Fri weekmask with the weekdays off as holidays; no way to add Saturdays
    np_holidays = np.array(off, dtype="datetime64[D]")
    a64 = np.array(starts, dtype="datetime64[D]")
    b64 = np.array(ends, dtype="datetime64[D]")
    # roll="backward" then +n is "the n-th business day strictly after d", as in tthc
    np_add = np.busday_offset(a64, N_DAYS, roll="backward", holidays=np_holidays)
    np_count = np.busday_count(a64 + 1, b64 + 1, holidays=np_holidays)

    def wrong(got, expected):  # type: ignore[no-untyped-def]
        return sum(1 for g, e in zip(got, expected, strict=True) if g != e)

    np_add_list = [d.astype(object) for d in np_add]
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.processor()}")
    print(
        f"holidays {holidays.__version__}, numpy {np.__version__}; "
        f"{sample} random dates {first}..{last}, add {N_DAYS} working days, count over 1–59 days\n"
    )
    print("Wrong answers against the official calendar (out of", sample, "each):")
    for name, got_add, got_count in (
        ("holidays", vn_add, vn_count),
        ("workalendar", wk_add, wk_count),
    ):
        print(
            f"  {name:12s} add {wrong(got_add, exact_add):5d}   "
            f"count {wrong(got_count, exact_count):5d}"
        )
    print(
        f"  numpy        add {wrong(np_add_list, exact_add):5d}   "
        f"count {wrong(list(np_count), exact_count):5d}   (make-up Saturdays cannot be expressed)"
    )

    pairs_add = [(d, N_DAYS) for d in starts]
    pairs_count = list(zip(starts, ends, strict=True))
    t_add = per_call(cal.add_working_days, pairs_add)
    t_count = per_call(cal.working_days_between, pairs_count)
    small_add = pairs_add[:200]
    small_count = pairs_count[:200]
    t_vn_add = per_call(vn.get_nth_working_day, small_add, repeat=3)
    t_vn_count = per_call(
        lambda a, b: vn.get_working_days_count(a + dt.timedelta(days=1), b), small_count, repeat=3
    )
    t_wk_add = per_call(
        lambda d, n: wk.add_working_days(d, n, extra_working_days=extra), small_add, repeat=3
    )
    t_wk_count = per_call(
        lambda a, b: wk.get_working_days_delta(a, b, extra_working_days=extra),
        small_count,
        repeat=3,
    )
    t_np_add = per_call(
        lambda d, n: np.busday_offset(d, n, roll="backward", holidays=np_holidays), small_add
    )
    t_np_count = per_call(lambda a, b: np.busday_count(a, b, holidays=np_holidays), small_count)

    print("\nScalar, per call (best of several runs):")
    print(f"  {'':14s}{'add':>14s}{'ratio':>10s}{'count':>14s}{'ratio':>10s}")
    rows = [
        ("tthc", t_add, t_count),
        ("holidays", t_vn_add, t_vn_count),
        ("workalendar", t_wk_add, t_wk_count),
        ("numpy scalar", t_np_add, t_np_count),
    ]
    for name, ta, tc in rows:
        print(f"  {name:14s}{fmt(ta)}{ta / t_add:9.0f}×{fmt(tc)}{tc / t_count:9.0f}×")

    # Vectorised
    big = np.array(
        [first + dt.timedelta(days=rng.randrange(span)) for _ in range(array)],
        dtype="datetime64[D]",
    )
    big_end = big + np.array([rng.randrange(1, 60) for _ in range(array)])
    check = [cal.add_working_days(d.astype(object), N_DAYS) for d in big[:sample]]
    assert (add_working_days_array(cal, big[:sample], N_DAYS) == np.array(check)).all()
    check_count = [
        cal.working_days_between(a.astype(object), b.astype(object))
        for a, b in zip(big[:sample], big_end[:sample], strict=True)
    ]
    assert list(working_days_between_array(cal, big[:sample], big_end[:sample])) == check_count
    t_arr_add = min(
        timeit.repeat(lambda: add_working_days_array(cal, big, N_DAYS), number=1, repeat=7)
    )
    t_np_arr_add = min(
        timeit.repeat(
            lambda: np.busday_offset(big, N_DAYS, roll="backward", holidays=np_holidays),
            number=1,
            repeat=7,
        )
    )
    t_arr_count = min(
        timeit.repeat(lambda: working_days_between_array(cal, big, big_end), number=1, repeat=7)
    )
    t_np_arr_count = min(
        timeit.repeat(
            lambda: np.busday_count(big + 1, big_end + 1, holidays=np_holidays), number=1, repeat=7
        )
    )
    print(f"\nVectorised over {array:,} datetime64[D] dates (whole array):")
    print(
        f"  add    tthc {fmt(t_arr_add)}   numpy.busday_offset {fmt(t_np_arr_add)}   "
        f"tthc is {t_np_arr_add / t_arr_add:.1f}× faster"
    )
    print(
        f"  count  tthc {fmt(t_arr_count)}   numpy.busday_count  {fmt(t_np_arr_count)}   "
        f"tthc is {t_np_arr_count / t_arr_count:.1f}× faster"
    )

    # Building 2000–2035
    official_calendar()  # data file parsed and lunar tables loaded
    t_build = min(timeit.repeat(lambda: WorkingCalendar(), number=1, repeat=20))
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    built = WorkingCalendar()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del built
    cold = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t = time.perf_counter(); import tthc.deadlines as d; "
            "a = time.perf_counter(); d.official_calendar(); b = time.perf_counter(); "
            "print(f'{(a - t) * 1e3:.1f} {(b - a) * 1e3:.1f}')",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    print("\nCalendar 2000–2035:")
    print(f"  build (data already parsed)     {t_build * 1e3:8.2f} ms")
    print(f"  first build in a fresh process  {float(cold[1]):8.2f} ms (parse JSON, lunar tables)")
    print(f"  import tthc.deadlines           {float(cold[0]):8.2f} ms")
    print(f"  memory of one calendar          {(after - before) / 1024:8.1f} KiB (tracemalloc)")

    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, tthc; print('numpy' in sys.modules, 'pandas' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    print(f"\nimport tthc imports numpy: {out[0]}, pandas: {out[1]}")


if __name__ == "__main__":
    main()
