"""The scorecard over a columnar dossier log (one code path for tables and objects)."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import attrs

from tthc._labels import LabelledEnum, Lang
from tthc.batch._clock import clock_of
from tthc.batch._columns import (
    as_moments,
    column_of,
    factorize,
    has_column,
    kind_of,
    numpy,
    row_count,
)
from tthc.batch._facts import as_bools, as_counts, label_mask
from tthc.batch._log import as_of_us, read_log
from tthc.batch._outcomes import RowStatus, outcomes_of
from tthc.batch._summary import by_names as group_names
from tthc.deadlines import VIETNAM, official_calendar
from tthc.deadlines._calendar import WorkingCalendar
from tthc.errors import ValidationError
from tthc.model import Dossier, OnlineMode, Procedure
from tthc.scorecard._counting import (
    _Counted,
    _units,
    _us,
)
from tthc.scorecard._definitions import (
    ConversionKind,
    Group,
    Indicator,
    ScorecardVersion,
    ZeroDenominator,
)
from tthc.scorecard._definitions import version as _version
from tthc.scorecard._log import dossier_log

__all__ = ["Period", "Result", "Scorecard", "Status", "Total", "scorecard"]


class Status(LabelledEnum):
    """Whether an indicator could be computed."""

    COMPUTED = ("computed", "Đã tính", "Computed")
    NOT_COMPUTABLE = ("not_computable", "Không tính được", "Not computable")
    UNRESOLVED = ("unresolved", "Chưa xác định cách quy đổi điểm", "Points not resolved")
    TRACKED = ("tracked", "Chỉ theo dõi", "Tracked, no points")


def _check_year(year: Any) -> None:
    if type(year) is not int or not 1 <= year <= 9999:
        raise ValidationError.single("year", year, "a whole number from 1 to 9999", what="Period")


def _check_end(instance: Period, _attribute: Any, value: dt.date) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError.single("end", value, "a datetime.date", what="Period")
    if value < instance.start:
        raise ValidationError.single(
            "end", value, f"a date on or after start ({instance.start})", what="Period"
        )


def _check_start(_instance: Any, _attribute: Any, value: dt.date) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError.single("start", value, "a datetime.date", what="Period")


@attrs.frozen
class Period:
    """A reporting period (kỳ báo cáo): whole days in Vietnam, both ends included.

    >>> Period.quarter(2026, 3)
    Period(start=datetime.date(2026, 7, 1), end=datetime.date(2026, 9, 30))
    """

    start: dt.date = attrs.field(validator=_check_start)
    end: dt.date = attrs.field(validator=_check_end)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The calendar month (``year`` 1–9999, ``month`` 1–12, whole numbers, not bools)."""
        _check_year(year)
        if type(month) is not int or not 1 <= month <= 12:
            raise ValidationError.single(
                "month", month, "a whole number from 1 to 12", what="Period"
            )
        return cls(
            dt.date(year, month, 1), dt.date(year, month, _calendar.monthrange(year, month)[1])
        )

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """The calendar quarter (1–4)."""
        _check_year(year)
        if type(quarter) is not int or quarter not in (1, 2, 3, 4):
            raise ValidationError.single("quarter", quarter, "1, 2, 3 or 4", what="Period")
        first = 3 * quarter - 2
        return cls(dt.date(year, first, 1), cls.month(year, first + 2).end)

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year."""
        _check_year(year)
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def end_moment(self) -> dt.datetime:
        """The last moment of the period in Vietnam."""
        return dt.datetime.combine(self.end, dt.time.max, tzinfo=VIETNAM)

    @property
    def start_moment(self) -> dt.datetime:
        """The first moment of the period in Vietnam."""
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=VIETNAM)

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@attrs.frozen
class Result:
    """One indicator for one unit: the counts that fed it, its fraction and its points.

    ``unit`` is ``()`` for everything passed, else the values of the ``by``
    columns. ``points`` is ``None`` unless ``status`` is ``COMPUTED``; the
    reason says why, in Vietnamese and English.
    """

    indicator: Indicator
    unit: tuple[Any, ...]
    status: Status
    numerator: int | None = None
    denominator: int | None = None
    points: float | None = None
    reason_vi: str | None = None
    reason_en: str | None = None

    @property
    def fraction(self) -> float | None:
        """``numerator / denominator`` (``None`` when not counted or the denominator is 0)."""
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator / self.denominator

    def reason(self, lang: Lang = "vi") -> str | None:
        """Why the indicator has no points, in ``lang``."""
        return self.reason_vi if lang == "vi" else self.reason_en


@attrs.frozen
class Total:
    """The points of a unit: what was computed, against what it could be."""

    points: float
    maximum: float
    computed_maximum: float

    @property
    def complete(self) -> bool:
        """Whether every scored indicator was computed (``points`` is then the score)."""
        return self.computed_maximum == self.maximum


@attrs.frozen(repr=False)
class Scorecard:
    """The scorecard of a log over a period: a :class:`Result` per indicator and unit.

    Its repr is one line; notebooks show an HTML table (``_repr_html_``);
    :meth:`to_frame` gives the rows as a frame of the kind the log was
    (``source_kind``: ``"pandas"``, ``"polars"`` or ``"arrow"``).
    """

    version: ScorecardVersion
    period: Period
    as_of: dt.datetime
    by: tuple[str, ...]
    results: tuple[Result, ...] = attrs.field(repr=False)
    kept_rows: dict[str, tuple[Any, Any]] = attrs.field(factory=dict, repr=False, eq=False)
    source_kind: str = attrs.field(default="pandas", eq=False, kw_only=True)

    def __repr__(self) -> str:
        from tthc.scorecard._report import scorecard_repr

        return scorecard_repr(self)

    def _repr_html_(self) -> str:
        from tthc.messages import default_lang
        from tthc.scorecard._report import scorecard_html

        return scorecard_html(self, default_lang())

    def rows(self, id: str) -> tuple[Any, Any]:
        """The row numbers in the numerator and the denominator of dossier indicator ``id``.

        Needs ``scorecard(..., keep_rows=True)``; procedure and petition
        indicators have no dossier rows.
        """
        self.version.indicator(id)
        if id not in self.kept_rows:
            raise ValidationError.single(
                "id", id, "a dossier indicator of a scorecard computed with keep_rows=True"
            )
        np = numpy()
        numerator, denominator = self.kept_rows[id]
        return np.flatnonzero(numerator), np.flatnonzero(denominator)

    @property
    def units(self) -> list[tuple[Any, ...]]:
        """The units, ``()`` (everything) first."""
        return list(dict.fromkeys(r.unit for r in self.results))

    def result(self, id: str, unit: tuple[Any, ...] = ()) -> Result:
        """The result of indicator ``id`` for ``unit``."""
        self.version.indicator(id)
        for r in self.results:
            if r.indicator.id == id and r.unit == unit:
                return r
        raise ValidationError.single("unit", unit, f"one of {self.units}")

    def total(self, unit: tuple[Any, ...] = (), group: Group | None = None) -> Total:
        """The points of ``unit`` (of one ``group`` when given)."""
        points = maximum = computed = 0.0
        for r in self.results:
            if r.unit != unit or (group is not None and r.indicator.group is not group):
                continue
            top = r.indicator.maximum or 0.0
            maximum += top
            if r.points is not None:
                points += r.points
                computed += top
        return Total(points, maximum, computed)

    def to_frame(self, lang: Lang = "vi", *, kind: str | None = None) -> Any:
        """One row per unit and indicator, snake_case columns, in the log's kind of frame.

        See :func:`tthc.scorecard.to_frame`; ``kind`` (``"pandas"``,
        ``"polars"``, ``"arrow"``) overrides the log's kind;
        :func:`tthc.scorecard.report_table` gives the table with headings in ``lang``.
        """
        from tthc.scorecard._report import to_frame

        return to_frame(self, lang=lang, kind=kind)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# Columns
# --------------------------------------------------------------------------- #


def _procedures(procedures: Any) -> dict[str, Procedure] | None:
    if procedures is None:
        return None
    if callable(getattr(procedures, "procedures", None)):
        procedures = procedures.procedures()
    found: dict[str, Procedure] = {}
    for index, p in enumerate(procedures):
        if not isinstance(p, Procedure):
            raise ValidationError.single(
                f"procedures[{index}]", type(p).__name__, "a tthc.model.Procedure"
            )
        found[str(p.code)] = p
    return found


class _Lookup:
    """``get(code)`` over the procedures passed (the catalogue :func:`outcomes` reads)."""

    def __init__(self, found: dict[str, Procedure]) -> None:
        self.found = found

    def get(self, code: str) -> Procedure:
        from tthc.errors import UnknownCodeError

        try:
            return self.found[str(code)]
        except KeyError:
            raise UnknownCodeError(str(code), "the procedures passed") from None


def _procedure_fact(
    table: Any, size: int, name: str, found: dict[str, Procedure] | None, fact: Any
) -> tuple[Any, Any] | None:
    """A procedure fact per row: the table's column, else looked up by procedure code."""
    direct = as_bools(table, name)
    if direct is not None:
        return direct
    if found is None or not has_column(table, "procedure"):
        return None
    np = numpy()
    codes, labels = factorize(column_of(table, "procedure"), size)
    per_label = [fact(found[str(c)]) if str(c) in found else None for c in labels]
    values = np.array([bool(v) for v in per_label] + [False], dtype=bool)
    null = np.array([v is None for v in per_label] + [True], dtype=bool)
    return values[codes], null[codes]


# --------------------------------------------------------------------------- #
# Units and counting
# --------------------------------------------------------------------------- #


def scorecard(
    dossiers: Any,
    procedures: Any = None,
    *,
    period: Period | tuple[dt.date, dt.date] | None = None,
    version: str | None = None,
    by: str | Sequence[str] | None = None,
    feedback: Any = None,
    events: Any = None,
    as_of: dt.datetime | None = None,
    conversion: Literal["fitted", "described"] = "fitted",
    stopped: Literal["finished", "excluded"] = "finished",
    overdue: Literal["late", "late_or_open"] = "late",
    receipt_satisfaction: Literal["union", "sum"] = "union",
    calendar: WorkingCalendar | None = None,
    keep_rows: bool = False,
    **options: Any,
) -> Scorecard:
    """Decision 766/QĐ-TTg's scorecard of a dossier log over ``period``.

    ``dossiers`` is a columnar log (a pandas or polars DataFrame, a pyarrow
    Table, a dict of columns: the columns of :func:`tthc.batch.outcomes`, plus
    the optional ones of :data:`tthc.scorecard.DOSSIER_COLUMNS`) or an iterable
    of :class:`~tthc.model.Dossier` objects (turned into the same columns by
    :func:`tthc.scorecard.dossier_log`, so both give the same answer).
    ``procedures`` (Procedure objects, or anything with ``procedures()``) are
    the procedures in scope of the procedure-level indicators (1.1–1.3, 3.1,
    4.5a, 6.1, 6.2), and resolve the ``procedure`` column's codes when the log
    has no ``limit`` or procedure-fact columns. ``feedback`` is the petitions
    (PAKN) table: ``received_at``, ``handled_at``, ``rating`` and the ``by``
    columns (from objects: their ``feedback``).

    Every indicator of the version (the newest by default) gets a
    :class:`Result` per unit: ``()`` for everything, then one per value of the
    ``by`` columns (``agency``, ``tier``, ``procedure``, any column).
    Procedure-level indicators are split by ``by="tier"`` (a tier's
    procedures are those whose ``tiers`` include it) and otherwise given for
    everything only. Missing data makes an indicator not computable with the
    reason, never 0.

    Switches, for what the formula description leaves open (see the docs):
    ``conversion`` (``"fitted"``: as the portal's scores were reproduced;
    ``"described"``: the description's thresholds), ``stopped`` (whether a
    stopped dossier is finished at the stop, as the portal counts it, or left
    out), ``overdue`` (whether 5.4 counts open overdue dossiers as late) and
    ``receipt_satisfaction`` (5.4: ``"union"`` subtracts a dossier that is late
    and petitioned or rated unsatisfied once, as the METRICS sheet reads it;
    ``"sum"`` subtracts the two rates, as the formula description writes it:
    see :mod:`tthc.scorecard._indicators`).
    ``period`` is a :class:`Period` (or a ``(start, end)`` pair of dates);
    by default it runs from the first receipt to ``as_of`` (or, without
    ``as_of``, to the last receipt, return or stop in the log). ``as_of``
    defaults to the end of the period. ``version`` is a version id of
    :data:`tthc.scorecard.VERSIONS` (the newest by default). With
    ``keep_rows=True``, :meth:`Scorecard.rows` gives the row numbers that fed
    each dossier indicator.
    """
    for name, value, allowed in (
        ("conversion", conversion, ("fitted", "described")),
        ("stopped", stopped, ("finished", "excluded")),
        ("overdue", overdue, ("late", "late_or_open")),
        ("receipt_satisfaction", receipt_satisfaction, ("union", "sum")),
    ):
        if value not in allowed:
            raise ValidationError.single(name, value, " or ".join(map(repr, allowed)))
    spec = _version(version)
    by_names = tuple(group_names(by))
    found = _procedures(procedures)
    objects = _objects(dossiers)
    if objects is not None:
        columns = dossier_log(objects)
        table, events = columns.dossiers, columns.events
        if feedback is None:
            feedback = columns.feedback
    else:
        table = dossiers
    size = row_count(table, "dossiers")
    period = _period(period, table, as_of)
    moment = period.end_moment if as_of is None else as_of
    if found is not None and "catalogue" not in options:
        options["catalogue"] = _Lookup(found)
    # the log read once through tthc.batch's boundary, judged by the batch engine
    clock = clock_of(
        options.pop("clock", None), None, options.pop("hours", None), options.pop("policy", None)
    )
    _, hours, rules = clock.resolved()
    cal = official_calendar() if clock.calendar is None else clock.calendar
    log = read_log(
        table,
        limits=options.pop("limits", None),
        unit=options.pop("unit", None),
        columns=options.pop("columns", None),
        catalogue=options.pop("catalogue", None),
    )
    if options:
        raise ValidationError.single(
            "options",
            sorted(options),
            "limits, unit, columns, catalogue, hours, policy or clock (tthc.batch.outcomes)",
        )
    result = outcomes_of(log, as_of_us(moment), cal, hours, rules, events=events)
    status = result.status
    recv_us, recv_null = log.received, log.received_null
    start_us = _us(period.start_moment)
    end_us = _us(period.end_moment)
    received = (status != RowStatus.NOT_RECEIVED) & ~recv_null
    invalid = status == RowStatus.INVALID
    in_period = received & (recv_us >= start_us) & (recv_us <= end_us)
    units = _units(table, by_names, size)

    facts: dict[str, tuple[Any, Any] | None] = {}
    for name in (
        "synced_to_portal",
        "electronic_result",
        "components_digitised",
        "data_reused",
        "linked_to_personal_store",
        "population_data_used",
        "paid_online",
    ):
        facts[name] = as_bools(table, name)
    facts["paper_result"] = _procedure_fact(
        table, size, "paper_result", found, lambda p: p.paper_result
    )
    facts["fee_bearing"] = _procedure_fact(
        table, size, "fee_bearing", found, lambda p: p.fee_bearing
    )
    facts["full_online_eligible"] = _procedure_fact(
        table, size, "full_online_eligible", found, lambda p: p.full_online_eligible
    )
    full_service = _procedure_fact(
        table,
        size,
        "full_online_service",
        found,
        lambda p: p.online_service is not None and p.online_service.mode is OnlineMode.FULL,
    )
    fee = as_counts(table, "synced_fee")
    feedback_count = as_counts(table, "feedback_count")
    unsatisfied = label_mask(table, "rating", size, "unsatisfied")
    online = label_mask(table, "channel", size, "online")
    codes = None
    if has_column(table, "procedure"):
        codes = factorize(column_of(table, "procedure"), size)

    from tthc.scorecard._indicators import INDICATORS, Inputs

    inputs = Inputs(
        size=size,
        table=table,
        log=log,
        result=result,
        status=status,
        invalid=invalid,
        received=received,
        recv_us=recv_us,
        in_period=in_period,
        start_us=start_us,
        end_us=end_us,
        moment=moment,
        period=period,
        units=units,
        by_names=by_names,
        found=found,
        facts=facts,
        full_service=full_service,
        fee=fee,
        feedback_count=feedback_count,
        unsatisfied=unsatisfied,
        online=online,
        codes=codes,
        feedback=feedback,
        calendar=calendar,
        stopped=stopped,
        overdue=overdue,
        receipt_satisfaction=receipt_satisfaction,
        keep_rows=keep_rows,
    )
    counted: dict[str, _Counted] = {}
    for indicator in spec.indicators:
        compute = INDICATORS.get(indicator.id)
        if compute is None:
            raise ValidationError.single(
                "version", spec.id, f"a version whose indicators are registered ({indicator.id})"
            )
        counted[indicator.id] = compute(inputs)

    results: list[Result] = []
    slots: list[tuple[int, tuple[Any, ...]]] = [(len(units.labels), ())]
    slots += list(enumerate(units.labels))
    for slot, unit in slots:
        for indicator in spec.indicators:
            results.append(_result(indicator, counted[indicator.id], slot, unit, conversion))
    kept = {key: c.rows for key, c in counted.items() if c.rows is not None}
    source = kind_of(dossiers)
    return Scorecard(
        spec,
        period,
        moment,
        by_names,
        tuple(results),
        kept,
        source_kind=source if source in ("polars", "arrow") else "pandas",
    )


def _period(value: Any, table: Any, as_of: dt.datetime | None) -> Period:
    """The period asked for, or the log's span (first receipt to ``as_of`` or last event)."""
    np = numpy()
    if isinstance(value, Period):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        return Period(value[0], value[1])
    if value is not None:
        raise ValidationError.single(
            "period", value, "a tthc.scorecard.Period, a (start, end) pair of dates, or None"
        )
    ends = []
    for name in ("received_at", "returned_at", "stopped_at"):
        if has_column(table, name):
            us, null = as_moments(column_of(table, name), name)
            if (~null).any():
                ends.append((int(us[~null].min()), int(us[~null].max())))
    if not ends:
        raise ValidationError.single("period", None, "a Period (the log has no receipt moment)")

    def day(us: int) -> dt.date:
        local = np.datetime64(us + 7 * 3_600_000_000, "us").astype("datetime64[D]")
        return dt.date.fromisoformat(str(local))

    start = day(ends[0][0])
    end = as_of.astimezone(VIETNAM).date() if as_of is not None else day(max(e for _, e in ends))
    return Period(start, max(start, end))


def _objects(value: Any) -> list[Dossier] | None:
    """The dossier objects passed, or ``None`` for a columnar table."""
    if isinstance(value, dict) or kind_of(value) in ("pandas", "polars", "arrow"):
        return None
    if isinstance(value, Iterable):
        return list(value)
    raise ValidationError.single(
        "dossiers",
        type(value).__name__,
        "Dossier objects, a pandas or polars DataFrame, a pyarrow Table or a dict of columns",
    )


def _result(
    indicator: Indicator,
    counted: _Counted,
    slot: int,
    unit: tuple[Any, ...],
    conversion: str,
) -> Result:
    if counted.reason is not None:
        vi, en = counted.reason
        return Result(indicator, unit, Status.NOT_COMPUTABLE, reason_vi=vi, reason_en=en)
    if counted.whole_only is not None and unit != ():
        vi, en = counted.whole_only
        return Result(indicator, unit, Status.NOT_COMPUTABLE, reason_vi=vi, reason_en=en)
    assert counted.numerator is not None
    assert counted.denominator is not None
    index = -1 if counted.whole_only is not None else slot
    num, den = counted.numerator[index], counted.denominator[index]
    rule = indicator.conversion
    if conversion == "described" and indicator.described is not None:
        rule = indicator.described
    if rule.kind is ConversionKind.TRACKED or indicator.maximum is None:
        return Result(indicator, unit, Status.TRACKED, num, den)
    if rule.kind is ConversionKind.UNRESOLVED:
        return Result(
            indicator,
            unit,
            Status.UNRESOLVED,
            num,
            den,
            reason_vi="chưa xác định được cách quy đổi điểm của nhóm này",
            reason_en="how this indicator's points are given is not known",
        )
    if den == 0:
        if rule.zero is ZeroDenominator.FULL:
            return Result(indicator, unit, Status.COMPUTED, num, den, indicator.maximum)
        if rule.zero is ZeroDenominator.ZERO:
            return Result(indicator, unit, Status.COMPUTED, num, den, 0.0)
        return Result(
            indicator,
            unit,
            Status.NOT_COMPUTABLE,
            num,
            den,
            reason_vi="mẫu số bằng 0 (mô tả công thức: hiển thị 0 hoặc N/A)",
            reason_en="denominator 0 (the description: show 0 or N/A)",
        )
    points = rule.points(indicator.maximum, num / den)
    return Result(indicator, unit, Status.COMPUTED, num, den, points)
