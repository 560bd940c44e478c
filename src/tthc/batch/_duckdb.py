"""DuckDB: ``due_date(received_at, days)`` as a vectorised SQL function over Arrow batches.

Needs the ``duckdb`` extra (``pip install 'tthc[duckdb]'``); duckdb is
imported by :func:`register_duckdb`, never by ``import tthc``. The SQL
functions call :func:`tthc.batch.due_dates` on each Arrow batch DuckDB hands
them, so a SQL answer is the batch answer is :func:`tthc.due_date`'s answer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import warnings
from typing import Any

from tthc.batch._columns import numpy
from tthc.batch._due_dates import DueDates, due_dates
from tthc.deadlines._calendar import WorkingCalendar, official_calendar
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import ClockPolicy
from tthc.errors import ProvisionalCalendarWarning, ValidationError
from tthc.model import TimeUnit

__all__ = ["register_duckdb"]

_UNITS = {unit.value: unit for unit in TimeUnit}

# ``warnings.catch_warnings`` swaps the process-wide filters; DuckDB may call
# the functions from several threads, so the swaps are serialised (otherwise
# two overlapping calls could leave the warning silenced for good).
_QUIET = threading.Lock()

_PROVISIONAL = (
    "{name}(): some answers in this query depend on days past the announced calendar "
    "(up to {until}); {name}_provisional(received_at, days) flags them / một số hạn trong "
    "truy vấn này phụ thuộc vào những ngày chưa được công bố lịch nghỉ (đến {until})"
)


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("register_duckdb needs duckdb: pip install 'tthc[duckdb]'") from error
    return duckdb


def _quiet_due_dates(name: str, cal: WorkingCalendar, *args: Any, **kwargs: Any) -> DueDates:
    """:func:`due_dates` with its per-batch warning replaced by one constant message.

    DuckDB calls the function once per vector (2,048 rows), so the batch
    function's warning (which carries the row count) would come once per
    vector with a different text each time; a constant text is shown once by
    Python's default warning filter.
    """
    with _QUIET, warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        result = due_dates(*args, calendar=cal, **kwargs)
    if result.provisional.any():
        warnings.warn(
            _PROVISIONAL.format(name=name, until=cal.announced_until.isoformat()),
            ProvisionalCalendarWarning,
            stacklevel=2,
        )
    return result


def _moments(result: DueDates) -> Any:
    import pyarrow as pa

    np = numpy()
    at = pa.array(result.at.view(np.int64), mask=~result.valid, type=pa.int64())
    return at.cast(pa.timestamp("us", tz="UTC"))


def _calendar_table(cal: WorkingCalendar) -> Any:
    import pyarrow as pa

    day = cal.first_day
    rows: dict[str, list[Any]] = {
        key: []
        for key in ("day", "working", "provisional", "reason", "name_vi", "name_en", "citation")
    }
    while day <= cal.last_day:
        status = cal.explain(day)
        rows["day"].append(day)
        rows["working"].append(status.working)
        rows["provisional"].append(status.provisional)
        rows["reason"].append(status.reason.value)
        rows["name_vi"].append(status.name_vi)
        rows["name_en"].append(status.name_en)
        rows["citation"].append(status.citation)
        day += dt.timedelta(days=1)
    return pa.table(rows)


def register_duckdb(
    connection: Any,
    *,
    name: str = "due_date",
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
    calendar_table: str | None = "tthc_calendar",
) -> None:
    """Register tthc's due dates as SQL functions on a DuckDB ``connection``.

    After ``register_duckdb(con)``:

    - ``due_date(received_at, days)``: the due moment (``TIMESTAMPTZ``) of a
      receipt plus ``days`` working days, as :func:`tthc.due_date` computes it
      (office hours and days-off start rule, the clock policy in force on the
      receipt date, Decree 118/2025/NĐ-CP Art. 17 / Decree 61/2018/NĐ-CP).
    - ``due_date_in(received_at, amount, unit)``: the same with a unit name:
      ``'working_days'``, ``'calendar_days'``, ``'working_hours'``,
      ``'same_day'`` (amount 0) or ``'months'``.
    - ``due_date_provisional(received_at, days)``: whether that answer depends
      on days past the announced calendar (``BOOLEAN``).
    - the view ``tthc_calendar`` (``calendar_table``; ``None`` to skip): one
      row per day of the calendar with ``day``, ``working``, ``provisional``,
      ``reason``, ``name_vi``, ``name_en`` and ``citation``.

    The function names are ``name``, ``name + "_in"`` and
    ``name + "_provisional"``. ``received_at`` is a ``TIMESTAMPTZ``; DuckDB
    converts a plain ``TIMESTAMP`` argument with the session's ``TimeZone``
    setting (``SET TimeZone = 'UTC'`` to read naive timestamps as UTC,
    ``'Asia/Ho_Chi_Minh'`` to read them as Vietnamese time). ``days`` is an
    integer type. A ``NULL`` argument, a bad amount, an unknown unit or a row
    outside the calendar gives ``NULL``; no row fails the query. When some
    answers are provisional a :class:`~tthc.errors.ProvisionalCalendarWarning`
    is issued (the same text for every batch, so Python shows it once).

    ``calendar``, ``hours`` and ``policy`` are those of :func:`due_dates`,
    fixed for the connection's functions.
    """
    duckdb = _duckdb()
    if not isinstance(connection, duckdb.DuckDBPyConnection):
        raise ValidationError.single(
            "connection", type(connection).__name__, "a duckdb.DuckDBPyConnection"
        )
    if not isinstance(name, str) or not name.isidentifier():
        raise ValidationError.single("name", name, "an SQL identifier such as 'due_date'")
    if calendar is not None and not isinstance(calendar, WorkingCalendar):
        raise ValidationError.single(
            "calendar", calendar, "None or a tthc.deadlines.WorkingCalendar"
        )
    cal = official_calendar() if calendar is None else calendar
    options: dict[str, Any] = {"hours": hours, "policy": policy}
    due_dates(numpy().zeros(0, dtype="datetime64[us]"), 1, calendar=cal, **options)  # check

    def in_days(received_at: Any, days: Any) -> Any:
        return _moments(_quiet_due_dates(name, cal, received_at, days, **options))

    def in_unit(received_at: Any, amount: Any, unit: Any) -> Any:
        import pyarrow as pa

        np = numpy()
        size = len(received_at)
        names = np.asarray(unit.to_pylist(), dtype=object)
        at = np.full(size, np.iinfo(np.int64).min, dtype=np.int64)
        valid = np.zeros(size, dtype=bool)
        for text in set(names.tolist()):
            the_unit = _UNITS.get(text)
            if the_unit is None:
                continue  # an unknown unit gives NULL, as a bad amount does
            rows = np.flatnonzero(names == text)
            take = pa.array(rows)
            result = _quiet_due_dates(
                name, cal, received_at.take(take), amount.take(take), unit=the_unit, **options
            )
            at[rows] = result.at.view(np.int64)
            valid[rows] = result.valid
        return pa.array(at, mask=~valid, type=pa.int64()).cast(pa.timestamp("us", tz="UTC"))

    def provisional(received_at: Any, days: Any) -> Any:
        import pyarrow as pa

        with _QUIET, warnings.catch_warnings():
            warnings.simplefilter("ignore", ProvisionalCalendarWarning)
            result = due_dates(received_at, days, calendar=cal, **options)
        return pa.array(result.provisional, mask=~result.valid, type=pa.bool_())

    signatures = (
        (name, in_days, ["TIMESTAMPTZ", "BIGINT"], "TIMESTAMPTZ"),
        (f"{name}_in", in_unit, ["TIMESTAMPTZ", "BIGINT", "VARCHAR"], "TIMESTAMPTZ"),
        (f"{name}_provisional", provisional, ["TIMESTAMPTZ", "BIGINT"], "BOOLEAN"),
    )
    for function_name, function, parameters, returns in signatures:
        with contextlib.suppress(duckdb.InvalidInputException):  # not registered yet
            connection.remove_function(function_name)
        # "special": NULL arguments reach the function, which answers NULL for them
        connection.create_function(
            function_name, function, parameters, returns, type="arrow", null_handling="special"
        )
    if calendar_table is not None:
        if not isinstance(calendar_table, str) or not calendar_table.isidentifier():
            raise ValidationError.single(
                "calendar_table", calendar_table, "None or an SQL identifier"
            )
        connection.register(calendar_table, _calendar_table(cal))
