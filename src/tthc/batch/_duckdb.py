"""DuckDB: ``due_date(received_at, days)`` as SQL macros over the calendar's tables.

Needs the ``duckdb`` extra (``pip install 'tthc[duckdb]'``); duckdb is
imported by :func:`register_duckdb`, never by ``import tthc``.

The calendar is registered as one row of lists (the cumulative working-day
index, the due moment of each working day, the unannounced-day count) and
``due_date`` is a SQL macro that reads them: DuckDB plans and parallelises
it like any expression (:mod:`tthc.batch._kernel` explains the arithmetic).
What stays in an Arrow function that calls :func:`tthc.batch.due_dates` on
each batch DuckDB hands it: **working hours** (office sessions with a lunch
break: not written in SQL); a calendar-day, month or same-day limit whose SQL
form does not equal the clock core for the policy in force (each form is
checked on a probe of every special day at every boundary time when the
functions are registered); and clock policies the macros do not cover (policies
that count differently from one receipt date to another, a cut-off before
opening). Either way a SQL answer equals :func:`tthc.due_date`'s answer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from collections.abc import Callable
from typing import Any

from tthc.batch import _engine as engine
from tthc.batch._clock import Clock, clock_of
from tthc.batch._columns import numpy
from tthc.batch._due_dates import DueDates, due_dates
from tthc.batch._kernel import OFFSET_US, kernel_for
from tthc.deadlines._calendar import WorkingCalendar
from tthc.deadlines._core import US_PER_DAY
from tthc.deadlines._due import params_for
from tthc.deadlines._hours import OfficeHours
from tthc.deadlines._policy import ClockPolicy
from tthc.errors import ProvisionalCalendarWarning, ValidationError
from tthc.model import TimeUnit

__all__ = ["register_duckdb"]

_UNITS = {unit.value: unit for unit in TimeUnit}

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
    Python's default warning filter. ``warn=False`` leaves the process-wide
    filters alone, so calls from DuckDB's threads run in parallel (no lock).
    """
    result = due_dates(*args, warn=False, **kwargs)
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


def _macro_lists(cal: WorkingCalendar, office: OfficeHours, rules: Any) -> dict[str, Any] | None:
    """The lists and constants of the SQL macros, or ``None`` when SQL cannot express the rules.

    The macros cover one set of counting parameters for every day of the
    calendar that the working-day fast path knows (:func:`kernel_for`).
    """
    np = numpy()
    t = engine.tables_of(cal)
    table, policies = engine.policy_table(t, rules)
    if t.n == 0 or bool((table < 0).any()):
        return None
    params = {params_for(policies[k], office, None) for k in np.unique(table).tolist()}
    if len(params) != 1:
        return None
    p = params.pop()
    kernel = kernel_for(t, p)
    if kernel is None:
        return None
    base0 = t.base - engine._EPOCH_ORDINAL  # day number (since 1970) of index 0
    # position (1-based) of the due day for a receipt on day d, before / at-after the
    # threshold: cum + shift, minus one more when the start was moved and is day one
    flags = t.flags
    early = t.cum[:-1] + kernel.shift + kernel.moved_shift * (1 - flags) + 1
    late = t.cum[1:] + kernel.shift + kernel.moved_shift + 1
    return {
        "g": np.stack([early, late], axis=1).reshape(-1),
        "f": t.cum,
        "at": kernel.at_us,
        "wd": t.wd,
        "u": t.unannounced,
        "base0": base0,
        "n": t.n,
        "lo": base0 * US_PER_DAY - OFFSET_US,
        "hi": (base0 + t.n) * US_PER_DAY - OFFSET_US - 1,
        "threshold": kernel.threshold,
        "shift": kernel.shift,
        "moved_shift": kernel.moved_shift,
        "units": _verified_units(t, p, kernel),
    }


def _verified_units(t: Any, p: Any, kernel: Any) -> frozenset[str]:
    """The units besides working days whose SQL form equals the clock core on the probe.

    Calendar days, months and the same day are written in SQL from the start
    day found with the working-day threshold; a policy whose rules differ
    (a calendar period counted from the receipt day, say) fails the check and
    its unit goes through the Arrow function.
    """
    from tthc.batch._kernel import _probe
    from tthc.deadlines import _core as core

    np = numpy()
    day, tod, amount = _probe(t, p)
    ok: set[str] = set()
    q = day + (tod >= kernel.threshold)
    start = t.wd[np.clip(t.cum[q], 0, t.wd.size - 1)]
    for unit in (core.CALENDAR_DAYS, core.MONTHS, core.SAME_DAY):
        n = amount * 0 if unit == core.SAME_DAY else amount
        d = engine.NumpyDriver(t, day.size)
        try:
            last, a_day, a_tod = engine.due_from(d, p, unit, n, day, tod)
        except (TypeError, ValueError):  # pragma: no cover - an unknown core
            continue
        keep = ~d.outside & (t.cum[q] < t.wd.size)
        if unit == core.SAME_DAY:
            nominal = q
            k = t.cum[nominal]
        else:
            if unit == core.MONTHS:
                nominal = engine.NumpyDriver(t, day.size).add_months(start, n)
            else:
                nominal = start + n + kernel.shift
            keep &= (nominal >= 0) & (nominal <= t.n)
            k = t.cum[np.clip(nominal, 0, t.n)]
        keep &= k < t.wd.size
        k = np.clip(k, 0, t.wd.size - 1)
        want = engine.to_us(t, a_day, a_tod)
        if (
            keep.any()
            and np.array_equal(t.wd[k][keep], last[keep])
            and np.array_equal(kernel.at_us[k][keep], want[keep])
        ):
            ok.add(unit)
    return frozenset(ok)


def _register_macros(connection: Any, name: str, lists: dict[str, Any]) -> None:
    """The calendar lists as a one-row table and ``name``, ``name_in``… as SQL macros."""
    import pyarrow as pa

    data = pa.table(
        {
            "g": pa.array([lists["g"]], pa.list_(pa.int64())),
            "f": pa.array([lists["f"] + 1], pa.list_(pa.int64())),
            "due_at": pa.array([lists["at"]], pa.list_(pa.int64())),
            "wd": pa.array([lists["wd"]], pa.list_(pa.int64())),
            "u": pa.array([lists["u"]], pa.list_(pa.int64())),
        }
    )
    view = f"{name}__arrow"
    table = f"{name}__calendar"
    connection.register(view, data)
    try:
        connection.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {view}")
    finally:
        connection.unregister(view)
    c = {k: v for k, v in lists.items() if isinstance(v, int)}
    units: frozenset[str] = lists["units"]
    try:  # µs since the epoch as TIMESTAMPTZ (make_timestamptz(BIGINT): recent DuckDB)
        connection.execute("SELECT make_timestamptz(CAST(0 AS BIGINT))").fetchone()
        stamp = "make_timestamptz({})"
    except Exception:
        stamp = "timezone('UTC', make_timestamp({}))"
    local = "epoch_us(CAST(r AS TIMESTAMPTZ))"
    inside = f"{local} BETWEEN {c['lo']} AND {c['hi']}"
    day = US_PER_DAY
    # Positions are 1-based (SQL lists); a position out of range, or 0, gives NULL.
    # f holds cum + 1: the 1-based position of the first working day on or after a day.
    # An amount out of range multiplies the position by 0 (NULL) rather than branching.
    ok = "CAST(n BETWEEN 1 AND 1000000 AS BIGINT)"
    if c["threshold"] >= day:  # no receipt moves to the next day by its hour: g[2d]
        g_index = f"2 * (({local} + {OFFSET_US}) // {day} - {c['base0']}) + 1"
    else:  # g[2d + late], late: at or after the threshold
        g_index = (
            f"2 * (({local} + {OFFSET_US}) // {day} - {c['base0']}) + 1"
            f" + CAST(({local} + {OFFSET_US}) % {day} >= {c['threshold']} AS BIGINT)"
        )
    macros = {
        # 1-based index of the day counting starts from (the next day at/after the threshold)
        "q": (
            "r",
            f"CASE WHEN {inside} THEN ({local} + {OFFSET_US + day - c['threshold'] + day})"
            f" // {day} - {c['base0']} END",
        ),
        "day": (
            "r",
            f"CASE WHEN {inside} THEN ({local} + {OFFSET_US + day}) // {day} - {c['base0']} END",
        ),
        "g": ("r", f"list_extract((SELECT g FROM {table}), CASE WHEN {inside} THEN {g_index} END)"),
        "f": ("i", f"list_extract((SELECT f FROM {table}), i)"),
        "at": ("k", stamp.format(f"list_extract((SELECT due_at FROM {table}), k)")),
        "wd": ("k", f"list_extract((SELECT wd FROM {table}), k)"),
        "u": ("i", f"list_extract((SELECT u FROM {table}), i)"),
        # 1-based position of the due day in the working-day list, per unit
        "k_wd": (
            "r, n",
            f"({name}__g(r) + n) * {ok}"
            if lists["moved_shift"]
            # a moved start adds nothing: g[2d + late] is f[d + late] + shift, one division
            else f"({name}__f({name}__q(r)) + n + {lists['shift']}) * {ok}",
        ),
        "k_cd": (
            "r, n",
            f"{name}__f(({name}__wd({name}__f({name}__q(r))) + n + {lists['shift'] + 1}) * {ok})",
        ),
        "k_mo": (
            "r, n",
            f"{name}__f((date_diff('day', DATE '1970-01-01', CAST(DATE '1970-01-01'"
            f" + to_days(CAST({name}__wd({name}__f({name}__q(r))) + {c['base0']} AS INTEGER))"
            f" + to_months(CAST(n AS INTEGER)) AS DATE)) - {c['base0'] - 1}) * {ok})",
        ),
        "k_sd": ("r, n", f"CASE WHEN n = 0 THEN {name}__f({name}__q(r)) END"),
    }
    for macro, (args, body) in macros.items():
        connection.execute(f"CREATE OR REPLACE TEMP MACRO {name}__{macro}({args}) AS {body}")
    public = {
        name: ("received_at, days", f"{name}__at({name}__k_wd(received_at, days))"),
        f"{name}_provisional": (
            "received_at, days",
            f"{name}__u({name}__wd({name}__k_wd(received_at, days)) + 2)"
            f" - {name}__u({name}__day(received_at)) > 0",
        ),
        f"{name}_in": (
            "received_at, amount, unit",
            "CASE unit "
            + f"WHEN 'working_days' THEN {name}__at({name}__k_wd(received_at, amount)) "
            + "".join(
                f"WHEN '{unit}' THEN {name}__at({name}__{macro}(received_at, amount)) "
                for unit, macro in (
                    ("calendar_days", "k_cd"),
                    ("months", "k_mo"),
                    ("same_day", "k_sd"),
                )
                if unit in units
            )
            + f"ELSE {name}__arrow_in(received_at, amount, unit) END",
        ),
    }
    for function, (args, body) in public.items():
        connection.execute(f"CREATE OR REPLACE TEMP MACRO {function}({args}) AS {body}")


def register_duckdb(
    connection: Any,
    *,
    name: str = "due_date",
    calendar: WorkingCalendar | None = None,
    hours: OfficeHours | None = None,
    policy: ClockPolicy | None = None,
    calendar_table: str | None = "tthc_calendar",
    functions: str = "sql",
    clock: Clock | None = None,
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
    outside the calendar gives ``NULL``; no row fails the query.

    ``functions="sql"`` (the default) defines the functions as SQL macros
    over the calendar's lists, registered as the one-row table
    ``{name}__calendar``: DuckDB plans and parallelises them like any
    expression. Working-hour limits in ``due_date_in``, and clock policies
    the macros do not cover (see :mod:`tthc.batch._duckdb`), go through an
    Arrow function that calls :func:`due_dates`. Macros run no Python, so
    they issue no warning: ``due_date_provisional`` flags the answers that
    depend on days past the announced calendar. ``functions="arrow"``
    registers Arrow functions only; when some answers of a query are
    provisional they issue one :class:`~tthc.errors.ProvisionalCalendarWarning`
    (the same text for every batch, so Python shows it once).

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
    if functions not in ("sql", "arrow"):
        raise ValidationError.single("functions", functions, "'sql' or 'arrow'")
    the_clock = clock_of(clock, calendar, hours, policy)
    cal, office, rules = the_clock.resolved()
    the_clock = Clock(cal, office, the_clock.policy)
    options: dict[str, Any] = {"clock": the_clock}
    due_dates(numpy().zeros(0, dtype="datetime64[us]"), 1, **options)  # check

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

        result = due_dates(received_at, days, warn=False, **options)
        return pa.array(result.provisional, mask=~result.valid, type=pa.bool_())

    lists = _macro_lists(cal, office, rules) if functions == "sql" else None
    public = (name, f"{name}_in", f"{name}_provisional")
    for function_name in (*public, f"{name}__arrow_in"):
        with contextlib.suppress(duckdb.InvalidInputException):  # not registered yet
            connection.remove_function(function_name)
        with contextlib.suppress(duckdb.Error):
            connection.execute(f"DROP MACRO IF EXISTS {function_name}")
    signatures: tuple[tuple[str, Callable[..., Any], list[str], str], ...]
    if lists is None:
        signatures = (
            (name, in_days, ["TIMESTAMPTZ", "BIGINT"], "TIMESTAMPTZ"),
            (f"{name}_in", in_unit, ["TIMESTAMPTZ", "BIGINT", "VARCHAR"], "TIMESTAMPTZ"),
            (f"{name}_provisional", provisional, ["TIMESTAMPTZ", "BIGINT"], "BOOLEAN"),
        )
    else:  # working hours (and unknown units, NULL) go through the Arrow function
        signatures = (
            (f"{name}__arrow_in", in_unit, ["TIMESTAMPTZ", "BIGINT", "VARCHAR"], "TIMESTAMPTZ"),
        )
    for function_name, function, parameters, returns in signatures:
        # "special": NULL arguments reach the function, which answers NULL for them
        connection.create_function(
            function_name, function, parameters, returns, type="arrow", null_handling="special"
        )
    if lists is not None:
        _register_macros(connection, name, lists)
    if calendar_table is not None:
        if not isinstance(calendar_table, str) or not calendar_table.isidentifier():
            raise ValidationError.single(
                "calendar_table", calendar_table, "None or an SQL identifier"
            )
        connection.register(calendar_table, _calendar_table(cal))
