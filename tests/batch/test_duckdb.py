"""The DuckDB path: SQL ``due_date()`` over a generated log gives the numpy path's answers."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from tests.batch._log import as_of, generated_log
from tthc.deadlines import VIETNAM, official_calendar
from tthc.errors import ProvisionalCalendarWarning, ValidationError
from tthc.model import TimeLimit, TimeUnit

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")

from tthc import batch  # noqa: E402  (needs numpy and pyarrow)
from tthc.batch import register_duckdb  # noqa: E402

NAT = np.iinfo(np.int64).min


@pytest.fixture(scope="module")
def log() -> Any:
    return generated_log()


@pytest.fixture
def con(log: Any) -> Iterator[Any]:
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    register_duckdb(connection)
    connection.register("log", log)
    yield connection
    connection.close()


def _micros(values: Any) -> Any:
    """int64 µs since the epoch (NaT/NULL as numpy's NaT value) of a fetched column."""
    series = pd.Series(values)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    return series.to_numpy(dtype="datetime64[us]").view(np.int64)


def _expected(result: Any) -> Any:
    return np.where(result.valid, result.at.view(np.int64), NAT)


def test_sql_due_date_equals_the_numpy_path(con: Any, log: Any) -> None:
    got = con.sql('SELECT due_date(received_at, "limit") AS due FROM log ORDER BY dossier_id').df()
    received = log["received_at"].dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
    limits = log["limit"].to_numpy(dtype="float64", na_value=np.nan)
    expected = batch.due_dates(received, limits)
    assert expected.valid.sum() > 0.9 * len(log)
    assert (~expected.valid).sum() > 0  # missing receipts and limits give NULL
    np.testing.assert_array_equal(_micros(got["due"]), _expected(expected))


def test_a_receipt_at_the_edges_of_office_hours(con: Any) -> None:
    # Friday 20/11/2026: 07:29:59.999999 counts from that day, 17:00 from the next working day
    before, after = con.execute(
        "SELECT due_date(?, 1), due_date(?, 1)",
        [
            dt.datetime(2026, 11, 20, 7, 29, 59, 999999, tzinfo=VIETNAM),
            dt.datetime(2026, 11, 20, 17, tzinfo=VIETNAM),
        ],
    ).fetchone()
    for received, got in (
        (dt.datetime(2026, 11, 20, 7, 29, 59, 999999, tzinfo=VIETNAM), before),
        (dt.datetime(2026, 11, 20, 17, tzinfo=VIETNAM), after),
    ):
        from tthc import due_date

        assert got == due_date(received, TimeLimit.working_days(1)).at


def test_timestamp_is_read_in_the_session_time_zone(con: Any) -> None:
    vietnam = dt.datetime(2026, 11, 20, 9, tzinfo=VIETNAM)
    aware = con.execute("SELECT due_date(?, 3)", [vietnam]).fetchone()
    con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
    naive = con.execute("SELECT due_date(TIMESTAMP '2026-11-20 09:00', 3)").fetchone()
    con.execute("SET TimeZone = 'UTC'")
    as_utc = con.execute("SELECT due_date(TIMESTAMP '2026-11-20 02:00', 3)").fetchone()
    assert aware == naive == as_utc


def test_due_date_in_a_unit_equals_time_limits(con: Any, log: Any) -> None:
    rng = np.random.default_rng(3)
    names = np.array(["working_days", "calendar_days", "working_hours", "months", "same_day"])
    unit = names[rng.integers(0, len(names), len(log))]
    amount = rng.integers(1, 31, len(log))
    amount = np.where(unit == "months", amount % 2 + 1, amount)  # inside the announced calendar
    amount = np.where(unit == "same_day", 0, amount)
    unit[:5] = "fortnights"  # unknown: NULL, like a bad amount
    frame = pd.DataFrame({"received_at": log["received_at"], "amount": amount, "unit": unit})
    con.register("units", frame)
    got = con.sql("SELECT due_date_in(received_at, amount, unit) AS due FROM units").df()
    units = {member.value: member for member in TimeUnit}
    limits = [
        None if u == "fortnights" else TimeLimit(int(a), units[u])
        for a, u in zip(amount.tolist(), unit.tolist(), strict=True)
    ]
    received = log["received_at"].dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
    expected = batch.due_dates(received, limits)
    assert not expected.valid[:5].any()
    np.testing.assert_array_equal(_micros(got["due"]), _expected(expected))


@pytest.mark.parametrize("functions", ["sql", "arrow"])
def test_provisional_answers_are_flagged_and_warned_once(con: Any, functions: str) -> None:
    """Both kinds flag the same rows; the Arrow functions also warn once (macros run no Python)."""
    register_duckdb(con, functions=functions, calendar_table=None)
    until = official_calendar().announced_until
    start = dt.datetime.combine(until - dt.timedelta(days=20), dt.time(9), VIETNAM)
    moments = [start + dt.timedelta(days=i) for i in range(40)]
    frame = pd.DataFrame({"received_at": pd.Series(moments).dt.tz_convert("UTC")})
    con.register("late_receipts", frame)
    filters = list(warnings.filters)
    query = (
        "SELECT due_date_provisional(received_at, 5) AS p, due_date(received_at, 5) AS d "
        "FROM late_receipts"
    )
    if functions == "arrow":
        with pytest.warns(ProvisionalCalendarWarning, match="due_date_provisional") as caught:
            got = con.sql(query).df()
        assert len([w for w in caught if w.category is ProvisionalCalendarWarning]) == 1
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            got = con.sql(query).df()
    assert list(warnings.filters) == filters  # nothing left silenced
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        expected = batch.due_dates(
            frame["received_at"].dt.tz_localize(None).to_numpy(dtype="datetime64[us]"), 5
        )
    np.testing.assert_array_equal(got["p"].to_numpy(dtype=bool), expected.provisional)
    np.testing.assert_array_equal(_micros(got["d"]), _expected(expected))
    assert got["p"].any()
    assert not got["p"].all()


def test_sql_macros_equal_the_arrow_functions_on_edge_moments(con: Any) -> None:
    """Every special day at the office-hour edges, every unit: macros = Arrow = numpy."""
    from tests.batch._log import special_days

    times = [(7, 29), (7, 30), (11, 30), (16, 59), (17, 0), (23, 59), (0, 0)]
    days = special_days()
    moments = [
        dt.datetime.combine(d, dt.time(h, m), VIETNAM)
        for d in days[:: max(1, len(days) // 150)]
        for h, m in times
    ]
    rng = np.random.default_rng(5)
    units = np.array(["working_days", "calendar_days", "months", "same_day", "working_hours"])
    unit = units[rng.integers(0, len(units), len(moments))]
    amount = np.where(unit == "same_day", 0, rng.integers(1, 12, len(moments)))
    frame = pd.DataFrame(
        {
            "received_at": pd.Series(moments).dt.tz_convert("UTC"),
            "amount": amount,
            "unit": unit,
        }
    )
    con.register("edges", frame)
    query = (
        "SELECT due_date_in(received_at, amount, unit) AS i, due_date(received_at, amount) AS d,"
        " due_date_provisional(received_at, amount) AS p FROM edges"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        sql = con.sql(query).df()
        register_duckdb(con, functions="arrow", calendar_table=None)
        arrow = con.sql(query).df()
    for column in ("i", "d"):
        np.testing.assert_array_equal(_micros(sql[column]), _micros(arrow[column]))
    assert sql["p"].equals(arrow["p"])


def test_monthly_outcomes_in_sql_equal_summarize(con: Any, log: Any) -> None:
    """The how-to's SQL (docs/howto/duckdb.md) gives summarize()'s counts."""
    moment = as_of()
    sql = """
        WITH d AS (
            SELECT strftime(timezone('Asia/Ho_Chi_Minh', received_at), '%Y-%m') AS month,
                   returned_at <= $as_of AS resolved,
                   returned_at,
                   due_date(received_at, "limit") AS due
            FROM log
            WHERE received_at <= $as_of
        )
        SELECT month,
               count(due) AS received,
               count(*) FILTER (resolved AND returned_at <= due
                   AND CAST(timezone('Asia/Ho_Chi_Minh', returned_at) AS DATE)
                       < CAST(timezone('Asia/Ho_Chi_Minh', due - INTERVAL 1 MICROSECOND)
                              AS DATE)) AS early,
               count(*) FILTER (resolved AND returned_at <= due) AS in_time,
               count(*) FILTER (resolved AND returned_at > due) AS late,
               count(*) FILTER (due IS NOT NULL AND NOT coalesce(resolved, false)
                   AND $as_of <= due) AS open_in_time,
               count(*) FILTER (due IS NOT NULL AND NOT coalesce(resolved, false)
                   AND $as_of > due) AS open_overdue
        FROM d GROUP BY month ORDER BY month
    """
    got = con.execute(sql, {"as_of": moment}).df().set_index("month")
    expected = batch.summarize(log, moment, by="month").set_index("month")
    expected = expected[expected["received"] > 0].sort_index()
    assert list(got.index) == list(expected.index)
    for column in ("received", "early", "late", "open_in_time", "open_overdue"):
        np.testing.assert_array_equal(got[column].to_numpy(), expected[column].to_numpy())
    np.testing.assert_array_equal(
        got["in_time"].to_numpy(), (expected["early"] + expected["on_time"]).to_numpy()
    )


def test_calendar_view_equals_the_calendar(con: Any) -> None:
    cal = official_calendar()
    rows = con.sql(
        "SELECT day, working, provisional, reason FROM tthc_calendar "
        "WHERE day BETWEEN DATE '2026-08-20' AND DATE '2027-01-10' ORDER BY day"
    ).fetchall()
    assert rows
    for day, working, provisional, reason in rows:
        status = cal.explain(day)
        assert (working, provisional, reason) == (
            status.working,
            status.provisional,
            status.reason.value,
        )
    total = con.execute("SELECT count(*), min(day), max(day) FROM tthc_calendar").fetchone()
    assert total == ((cal.last_day - cal.first_day).days + 1, cal.first_day, cal.last_day)


def test_registering_twice_replaces_and_bad_arguments_are_refused() -> None:
    connection = duckdb.connect()
    register_duckdb(connection, name="han", calendar_table=None)
    register_duckdb(connection, name="han", calendar_table=None)
    received = dt.datetime(2026, 11, 20, 9, tzinfo=VIETNAM)
    assert connection.execute(
        "SELECT han(?, NULL), han(?, 0)", [received, received]
    ).fetchone() == (
        None,
        None,
    )
    with pytest.raises(ValidationError, match="name"):
        register_duckdb(connection, name="due date")
    with pytest.raises(ValidationError, match="connection"):
        register_duckdb(object())
    with pytest.raises(ValidationError, match="calendar"):
        register_duckdb(connection, calendar="2026")  # type: ignore[arg-type]
    connection.close()


def test_a_clock_of_another_reading_gives_that_reading_in_sql(con: Any, log: Any) -> None:
    """clock= (here: the other end of the day than the policy in force) reaches the macros."""
    from tthc.batch import Clock
    from tthc.deadlines import CLOCK_POLICIES, EndOfDay

    in_force = CLOCK_POLICIES.at(dt.date(2026, 1, 1)).value
    other = in_force.evolve(
        end_of_day=EndOfDay.CLOSE_OF_OFFICE_HOURS
        if in_force.end_of_day is EndOfDay.MIDNIGHT
        else EndOfDay.MIDNIGHT
    )
    register_duckdb(con, clock=Clock(policy=other), calendar_table=None)
    got = con.sql('SELECT due_date(received_at, "limit") AS due FROM log ORDER BY dossier_id').df()
    received = log["received_at"].dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
    limits = log["limit"].to_numpy(dtype="float64", na_value=np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        expected = batch.due_dates(received, limits, policy=other)
        default = batch.due_dates(received, limits)
    order = np.argsort(log["dossier_id"].to_numpy(), kind="stable")
    np.testing.assert_array_equal(_micros(got["due"]), _expected(expected)[order])
    assert not np.array_equal(_expected(expected), _expected(default))
