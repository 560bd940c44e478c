"""The scorecard over a columnar dossier log (one code path for tables and objects)."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import attrs

from tthc._labels import LabelledEnum, Lang
from tthc.batch import outcomes
from tthc.batch._columns import (
    as_moments,
    column_of,
    factorize,
    has_column,
    kind_of,
    numpy,
    row_count,
)
from tthc.deadlines import VIETNAM, official_calendar
from tthc.deadlines._calendar import WorkingCalendar
from tthc.errors import ValidationError
from tthc.model import Dossier, OnlineMode, Procedure
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

#: Applicants that make a procedure one "for people" (indicator 4.5a, line 419).
PEOPLE = ("công dân việt nam", "người việt nam định cư ở nước ngoài", "người nước ngoài")
#: PAKN are handled within 15 working days (formula description, indicator 5.2, line 473).
PAKN_WORKING_DAYS = 15
_US_PER_DAY = 86_400_000_000


class Status(LabelledEnum):
    """Whether an indicator could be computed."""

    COMPUTED = ("computed", "Đã tính", "Computed")
    NOT_COMPUTABLE = ("not_computable", "Không tính được", "Not computable")
    UNRESOLVED = ("unresolved", "Chưa xác định cách quy đổi điểm", "Points not resolved")
    TRACKED = ("tracked", "Chỉ theo dõi", "Tracked, no points")


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
        """The calendar month."""
        return cls(
            dt.date(year, month, 1), dt.date(year, month, _calendar.monthrange(year, month)[1])
        )

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """The calendar quarter (1–4)."""
        if quarter not in (1, 2, 3, 4):
            raise ValidationError.single("quarter", quarter, "1, 2, 3 or 4", what="Period")
        first = 3 * quarter - 2
        return cls(dt.date(year, first, 1), cls.month(year, first + 2).end)

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year."""
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


def _arrow(values: Any) -> Any:
    import pyarrow as pa

    kind = kind_of(values)
    if kind == "polars":
        return values.to_arrow()
    if kind == "pandas":
        return pa.Array.from_pandas(values)
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    if isinstance(values, pa.Array):
        return values
    return pa.array(values if kind == "numpy" else list(values), from_pandas=True)


def _bools(table: Any, name: str) -> tuple[Any, Any] | None:
    """``(values, null)`` of a boolean column, ``None`` when the table has none."""
    import pyarrow as pa

    if not has_column(table, name):
        return None
    np = numpy()
    array = _arrow(column_of(table, name))
    if pa.types.is_null(array.type):
        size = len(array)
        return np.zeros(size, dtype=bool), np.ones(size, dtype=bool)
    if not pa.types.is_boolean(array.type):
        raise ValidationError.single(name, str(array.type), "a column of booleans (null: unknown)")
    if array.null_count == 0:
        return array.to_numpy(zero_copy_only=False).astype(bool), np.zeros(len(array), bool)
    null = array.is_null().to_numpy(zero_copy_only=False)
    values = array.fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
    return values, null


def _ints(table: Any, name: str) -> tuple[Any, Any] | None:
    import pyarrow as pa

    if not has_column(table, name):
        return None
    np = numpy()
    array = _arrow(column_of(table, name))
    if pa.types.is_null(array.type):
        size = len(array)
        return np.zeros(size, dtype=np.int64), np.ones(size, dtype=bool)
    if not pa.types.is_integer(array.type):
        raise ValidationError.single(
            name, str(array.type), "a column of non-negative integers (null: unknown)"
        )
    null = array.is_null().to_numpy(zero_copy_only=False)
    values = array.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    if (values < 0).any():
        row = int(np.flatnonzero(values < 0)[0])
        raise ValidationError.single(f"{name}[{row}]", int(values[row]), "a non-negative integer")
    return values, null


def _labels_mask(table: Any, name: str, size: int, wanted: str) -> Any | None:
    """Rows whose column ``name`` equals ``wanted`` (enum values compare by value)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not has_column(table, name):
        return None
    np = numpy()
    column = column_of(table, name)
    if kind_of(column) in ("arrow", "polars", "pandas"):
        array = _arrow(column)
        if pa.types.is_dictionary(array.type) and pa.types.is_string(array.type.value_type):
            hit = pc.equal(array.dictionary, wanted).fill_null(False).to_numpy(zero_copy_only=False)
            codes = array.indices.fill_null(0).to_numpy(zero_copy_only=False)
            return hit[codes] & ~array.is_null().to_numpy(zero_copy_only=False)
        if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
            return pc.equal(array, wanted).fill_null(False).to_numpy(zero_copy_only=False)
    codes, labels = factorize(column, size)
    hits = [k for k, label in enumerate(labels) if str(getattr(label, "value", label)) == wanted]
    return np.isin(codes, hits) if hits else np.zeros(size, dtype=bool)


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
    direct = _bools(table, name)
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


@attrs.define
class _Units:
    """Row → unit index; ``count(mask)`` gives per-unit counts and, last, the whole."""

    index: Any
    labels: list[tuple[Any, ...]]

    def count(self, mask: Any) -> list[int]:
        np = numpy()
        n = len(self.labels)
        whole = int(np.count_nonzero(mask))
        if not n:
            return [whole]
        per = np.bincount(self.index[mask & (self.index >= 0)], minlength=n)
        return [int(x) for x in per] + [whole]


def _units(table: Any, by: Sequence[str], size: int) -> _Units:
    np = numpy()
    if not by:
        return _Units(np.zeros(size, dtype=np.int64), [])
    key = np.zeros(size, dtype=np.int64)
    radix = 1
    all_labels = []
    for name in by:
        if not has_column(table, name):
            raise ValidationError.single("by", name, "a column of the dossier log")
        codes, labels = factorize(column_of(table, name), size)
        width = len(labels) + 1
        key += np.where(codes < 0, len(labels), codes) * radix
        radix *= width
        all_labels.append(labels)
    used, inverse = np.unique(key, return_inverse=True)
    names: list[tuple[Any, ...]] = []
    for k in used.tolist():
        parts = []
        for labels in all_labels:
            width = len(labels) + 1
            code = k % width
            k //= width
            label = labels[code] if code < len(labels) else None
            parts.append(getattr(label, "value", label))
        names.append(tuple(parts))
    return _Units(inverse.reshape(-1).astype(np.int64), names)


# --------------------------------------------------------------------------- #
# The indicators
# --------------------------------------------------------------------------- #


@attrs.frozen
class _Counted:
    """Per-unit counts of one indicator (lists: units then the whole), or why not."""

    numerator: list[int] | None = None
    denominator: list[int] | None = None
    reason: tuple[str, str] | None = None
    #: given for everything only, with why not per unit
    whole_only: tuple[str, str] | None = None
    #: the numerator and denominator row masks (``keep_rows=True``)
    rows: tuple[Any, Any] | None = None


_PROCEDURE_LEVEL = (
    "chỉ số tính trên danh sách TTHC: chỉ tính cho toàn bộ, không theo đơn vị",
    "a procedure-level indicator: given for everything, not per unit",
)
_NO_FEEDBACK_UNITS = (
    "bảng phản ánh, kiến nghị không có cột đơn vị",
    "the feedback table has no unit columns",
)


def _missing(what_vi: str, what_en: str) -> _Counted:
    return _Counted(
        reason=(f"thiếu dữ liệu: {what_vi}", f"missing data: {what_en}"),
    )


def _need(fact: tuple[Any, Any] | None, scope: Any, name: str) -> tuple[Any, str] | None:
    """The fact's values, or ``None`` when absent or unknown for a row in scope."""
    if fact is None:
        return None
    values, null = fact
    if (null & scope).any():
        return None
    return values, name


def _absent(name: str, scope: Any, fact: tuple[Any, Any] | None) -> _Counted:
    np = numpy()
    if fact is None:
        return _missing(f"không có cột {name}", f"no {name} column")
    unknown = int(np.count_nonzero(fact[1] & scope))
    return _missing(
        f"{unknown:,} hồ sơ/TTHC trong phạm vi chưa ghi {name}",
        f"{unknown:,} row(s) in scope without {name}",
    )


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
    out) and ``overdue`` (whether 5.4 counts open overdue dossiers as late).
    ``period`` is a :class:`Period` (or a ``(start, end)`` pair of dates);
    by default it runs from the first receipt to ``as_of`` (or, without
    ``as_of``, to the last receipt, return or stop in the log). ``as_of``
    defaults to the end of the period. ``version`` is a version id of
    :data:`tthc.scorecard.VERSIONS` (the newest by default). With
    ``keep_rows=True``, :meth:`Scorecard.rows` gives the row numbers that fed
    each dossier indicator.
    """
    np = numpy()
    spec = _version(version)
    by_names = () if by is None else ((by,) if isinstance(by, str) else tuple(by))
    found = _procedures(procedures)
    objects = _objects(dossiers)
    if objects is not None:
        log = dossier_log(objects)
        table, events = log.dossiers, log.events
        if feedback is None:
            feedback = log.feedback
    else:
        table = dossiers
    size = row_count(table, "dossiers")
    period = _period(period, table, as_of)
    moment = period.end_moment if as_of is None else as_of
    if found is not None and "catalogue" not in options:
        options["catalogue"] = _Lookup(found)
    result = outcomes(table, moment, events=events, **options)
    status = result.status
    recv_us, recv_null = as_moments(column_of(table, "received_at"), "received_at")
    start_us = _us(period.start_moment)
    end_us = _us(period.end_moment)
    received = (status != 0) & ~recv_null
    invalid = status == 7
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
        facts[name] = _bools(table, name)
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
    fee = _ints(table, "synced_fee")
    feedback_count = _ints(table, "feedback_count")
    unsatisfied = _labels_mask(table, "rating", size, "unsatisfied")
    online = _labels_mask(table, "channel", size, "online")
    codes = None
    if has_column(table, "procedure"):
        codes = factorize(column_of(table, "procedure"), size)

    counted: dict[str, _Counted] = {}

    def of_rows(numerator: Any, denominator: Any) -> _Counted:
        """Per-unit counts of two row masks (kept when ``keep_rows``)."""
        kept = (numerator, denominator) if keep_rows else None
        return _Counted(units.count(numerator), units.count(denominator), rows=kept)

    def rate(name: str, scope: Any, need: Iterable[str] = ()) -> None:
        """A dossier indicator: rows in ``scope`` whose fact ``name`` is true."""
        for other in (name, *need):
            if _need(facts[other], scope, other) is None:
                counted[current] = _absent(other, scope, facts[other])
                return
        values = facts[name]
        assert values is not None
        counted[current] = of_rows(scope & values[0], scope)

    # Procedure-level indicators split by tier (the procedures carried out at each tier, e.g.
    # 3.1 line 181: a commune's procedures are those "có cấp thực hiện = cấp xã"); by any
    # other unit they are given for everything only.
    tier_split = units if by_names == ("tier",) else None
    tier_units = units.labels if tier_split is not None else None

    # -- group 1 -----------------------------------------------------------------
    for current, attribute in (("1.1", "announced_on_time"), ("1.2", "published_on_time")):
        counted[current] = _procedure_rate(
            found, lambda p, a=attribute: getattr(p, a), attribute, tier_units
        )
    current = "1.3"
    counted[current] = _procedure_rate(found, _complete, "the procedure records", tier_units)
    current = "1.4"
    rate("synced_to_portal", in_period)

    # -- group 2 -----------------------------------------------------------------
    current = "2.1"
    ret_us, ret_null = as_moments(
        column_of(table, "returned_at") if has_column(table, "returned_at") else None,
        "returned_at",
        size=size,
    )
    stop_us, stop_null = as_moments(
        column_of(table, "stopped_at") if has_column(table, "stopped_at") else None,
        "stopped_at",
        size=size,
    )
    finished_before = (~ret_null & (ret_us < start_us) & (ret_us <= _us(moment))) | (
        ~stop_null & (stop_us < start_us) & ret_null
    )
    handled = received & (recv_us <= end_us) & ~finished_before
    if (handled & invalid).any():
        counted[current] = _unjudged(handled & invalid)
    else:
        good = handled & ((status == 1) | (status == 2) | (status == 4))
        scope = handled & (status >= 1) & (status <= 5)
        if stopped == "finished":
            due = result.due_at.view("int64")
            stop_scope = handled & (status == 6)
            good = good | (stop_scope & (stop_us <= due) & (due != np.iinfo(np.int64).min))
            scope = scope | stop_scope
        counted[current] = of_rows(good, scope)

    # -- group 3 -----------------------------------------------------------------
    current = "3.0"
    eligible = facts["full_online_eligible"]
    scope3 = in_period
    if _need(eligible, scope3, "full_online_eligible") is None:
        counted[current] = _absent("full_online_eligible", scope3, eligible)
    elif full_service is None or online is None:
        counted[current] = _missing("kênh nộp và dịch vụ toàn trình", "channel and full service")
    else:
        assert eligible is not None
        den = scope3 & eligible[0]
        counted[current] = of_rows(den & online & full_service[0] & ~full_service[1], den)
    current = "3.1"
    counted[current] = _procedure_rate(
        found,
        lambda p: (
            p.online_service is not None
            and p.online_service.mode in (OnlineMode.FULL, OnlineMode.PARTIAL)
        ),
        "online_service",
        tier_units,
    )
    current = "3.3"
    paper = facts["paper_result"]
    if online is None:
        counted[current] = _missing("không có cột channel", "no channel column")
    elif _need(paper, scope3 & online, "paper_result") is None:
        counted[current] = _absent("paper_result", scope3 & online, paper)
    else:
        assert paper is not None
        e_result = facts["electronic_result"]
        needs = scope3 & online & paper[0]
        if _need(e_result, needs, "electronic_result") is None:
            counted[current] = _absent("electronic_result", needs, e_result)
        else:
            assert e_result is not None
            ok = scope3 & online & (~paper[0] | e_result[0])
            counted[current] = of_rows(ok, scope3)

    # -- group 4 -----------------------------------------------------------------
    current = "4.1"
    finished = scope3 & ((status == 1) | (status == 2) | (status == 3))
    if (scope3 & invalid).any():
        counted[current] = _unjudged(scope3 & invalid)
    elif _need(paper, finished, "paper_result") is None:
        counted[current] = _absent("paper_result", finished, paper)
    else:
        assert paper is not None
        rate("electronic_result", finished & paper[0])
    current = "4.2"
    digitised = facts["components_digitised"]
    if _need(digitised, scope3, "components_digitised") is None:
        counted[current] = _absent("components_digitised", scope3, digitised)
    elif _need(paper, scope3, "paper_result") is None:
        counted[current] = _absent("paper_result", scope3, paper)
    else:
        assert digitised is not None
        assert paper is not None
        e_result = facts["electronic_result"]
        needs = scope3 & paper[0]
        if _need(e_result, needs, "electronic_result") is None:
            counted[current] = _absent("electronic_result", needs, e_result)
        else:
            e_values = e_result[0] if e_result is not None else np.zeros(size, dtype=bool)
            ok = scope3 & digitised[0] & (~paper[0] | e_values)
            counted[current] = of_rows(ok, scope3)
    current = "4.3"
    rate("data_reused", scope3)
    current = "4.4"
    rate("linked_to_personal_store", scope3)
    current = "4.5b"
    rate("population_data_used", scope3)
    current = "4.5a"
    counted[current] = _procedures_with(
        found,
        codes,
        scope3,
        facts["population_data_used"],
        "population_data_used",
        lambda p: any(a.strip().casefold() in PEOPLE for a in p.applicants),
        units=tier_split,
    )
    current = "4.6"
    counted[current] = _Counted(
        reason=(
            "cần danh sách xã cung cấp chứng thực bản sao điện tử, không có trong nhật ký hồ sơ",
            "needs the list of communes offering e-certified copies, not in a dossier log",
        )
    )

    # -- group 5 -----------------------------------------------------------------
    petitions = _petitions(feedback, period, moment, by_names, units, calendar)
    counted.update(petitions)
    current = "5.4"
    if (scope3 & invalid).any():
        counted[current] = _unjudged(scope3 & invalid)
    elif feedback_count is None or _need(feedback_count, scope3, "feedback_count") is None:
        counted[current] = _absent("feedback_count", scope3, feedback_count)
    elif unsatisfied is None:
        counted[current] = _missing("không có cột rating", "no rating column")
    else:
        late = status == 3
        if overdue == "late_or_open":
            late = late | (status == 5)
        bad5 = late | (feedback_count[0] > 0) | unsatisfied
        counted[current] = of_rows(scope3 & ~bad5, scope3)

    # -- group 6 -----------------------------------------------------------------
    fee_bearing = facts["fee_bearing"]
    current = "6.3"
    if _need(fee_bearing, scope3, "fee_bearing") is None:
        counted[current] = _absent("fee_bearing", scope3, fee_bearing)
    else:
        assert fee_bearing is not None
        zero_fee = np.zeros(size, dtype=bool) if fee is None else (~fee[1] & (fee[0] == 0))
        den6 = scope3 & fee_bearing[0] & ~zero_fee
        rate("paid_online", den6)
    current = "6.1"
    fee_synced = None if fee is None else (fee[0] > 0, np.zeros(size, dtype=bool))
    counted[current] = _procedures_with(
        found,
        codes,
        scope3,
        fee_synced,
        "synced_fee",
        lambda p: p.fee_bearing,
        fee=True,
        units=tier_split,
    )
    current = "6.2"
    counted[current] = _procedures_with(
        found,
        codes,
        scope3,
        facts["paid_online"],
        "paid_online",
        lambda p: p.fee_bearing,
        fee=True,
        units=tier_split,
    )

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


def _unjudged(mask: Any) -> _Counted:
    n = int(mask.sum())
    return _Counted(
        reason=(
            f"{n:,} hồ sơ không xác định được hạn (xem problems của tthc.batch.outcomes)",
            f"{n:,} dossier(s) could not be judged (see the problems of tthc.batch.outcomes)",
        )
    )


def _us(moment: dt.datetime) -> int:
    delta = moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _complete(p: Procedure) -> bool:
    """Decree 63/2010/NĐ-CP Art. 8(2) (a)–(g) as the formula description lists them (1.3)."""
    return bool(
        p.name
        and p.steps
        and p.methods
        and any(case.components for case in p.dossier_cases)
        and all(m.time_limits for m in p.methods)
        and p.applicants
        and (p.implementing_agencies or p.competent_agencies)
    )


def _tier_sets(found: dict[str, Procedure], tiers: list[tuple[Any, ...]] | None) -> Any:
    """Per tier unit, the codes of the procedures carried out at that tier (``None``: no split)."""
    if tiers is None:
        return None
    return [
        {code for code, p in found.items() if any(t.value == unit[0] for t in p.tiers)}
        for unit in tiers
    ]


def _procedure_rate(
    found: dict[str, Procedure] | None,
    fact: Any,
    name: str,
    tiers: list[tuple[Any, ...]] | None = None,
) -> _Counted:
    if found is None:
        return _missing("không truyền danh sách TTHC", "no procedures passed")
    values = [fact(p) for p in found.values()]
    unknown = sum(v is None for v in values)
    if unknown:
        return _missing(
            f"{unknown:,} TTHC chưa ghi {name}", f"{unknown:,} procedure(s) without {name}"
        )
    yes = {code for code, v in zip(found, values, strict=True) if v}
    per = _tier_sets(found, tiers)
    if per is not None:
        return _Counted(
            [len(yes & codes) for codes in per] + [len(yes)],
            [len(codes) for codes in per] + [len(values)],
        )
    return _Counted([len(yes)], [len(values)], whole_only=_PROCEDURE_LEVEL)


def _procedures_with(
    found: dict[str, Procedure] | None,
    codes: tuple[Any, list[Any]] | None,
    scope: Any,
    fact: tuple[Any, Any] | None,
    name: str,
    in_scope: Any,
    *,
    fee: bool = False,
    units: _Units | None = None,
) -> _Counted:
    """Procedures in scope (``in_scope``) with a dossier in ``scope`` where ``fact`` holds."""
    np = numpy()
    if found is None:
        return _missing("không truyền danh sách TTHC", "no procedures passed")
    flags = [in_scope(p) for p in found.values()]
    unknown = sum(v is None for v in flags)
    if unknown:
        what = "fee_bearing" if fee else "applicants"
        return _missing(
            f"{unknown:,} TTHC chưa ghi {what}", f"{unknown:,} procedure(s) without {what}"
        )
    chosen = {code for code, flag in zip(found, flags, strict=True) if flag}
    if codes is None:
        return _missing("không có cột procedure", "no procedure column")
    if fact is None:
        return _missing(f"không có cột {name}", f"no {name} column")
    values, null = fact
    rows_code, labels = codes
    relevant = scope & np.isin(rows_code, [k for k, c in enumerate(labels) if str(c) in chosen])
    if (null & relevant).any():
        return _absent(name, relevant, fact)

    def having(rows: Any) -> set[str]:
        return {str(labels[k]) for k in np.unique(rows_code[rows]).tolist()}

    with_fact = having(relevant & values)
    per = None if units is None else _tier_sets(found, units.labels)
    if per is not None and units is not None:
        numerators = [
            len(having(relevant & values & (units.index == k)) & chosen & codes)
            for k, codes in enumerate(per)
        ]
        return _Counted(
            [*numerators, len(with_fact & chosen)],
            [len(chosen & codes) for codes in per] + [len(chosen)],
        )
    return _Counted([len(with_fact & chosen)], [len(chosen)], whole_only=_PROCEDURE_LEVEL)


def _petitions(
    feedback: Any,
    period: Period,
    moment: dt.datetime,
    by: tuple[str, ...],
    units: _Units,
    calendar: WorkingCalendar | None,
) -> dict[str, _Counted]:
    """Indicators 5.1–5.3 over the petitions table (lines 443, 457-477, 493-498)."""
    np = numpy()
    if feedback is None:
        why = _missing("không truyền bảng phản ánh, kiến nghị", "no feedback (PAKN) table")
        return {"5.1": why, "5.2": why, "5.3": why}
    size = row_count(feedback, "feedback")
    recv_us, recv_null = as_moments(column_of(feedback, "received_at"), "feedback.received_at")
    handled = column_of(feedback, "handled_at") if has_column(feedback, "handled_at") else None
    done_us, done_null = as_moments(handled, "feedback.handled_at", size=size)
    if recv_null.any():
        row = int(np.flatnonzero(recv_null)[0])
        raise ValidationError.single(f"feedback.received_at[{row}]", None, "a moment")
    start_us, end_us = _us(period.start_moment), _us(period.end_moment)
    cal = calendar or official_calendar()
    day = ((recv_us + 7 * 3_600_000_000) // _US_PER_DAY).astype("datetime64[D]")
    from tthc.deadlines import add_working_days_array

    due_day = add_working_days_array(cal, day, PAKN_WORKING_DAYS).astype(np.int64)
    done_day = (done_us + 7 * 3_600_000_000) // _US_PER_DAY
    now_us = min(_us(moment), end_us)
    now_day = (now_us + 7 * 3_600_000_000) // _US_PER_DAY
    handled_now = ~done_null & (done_us <= now_us)
    on_time = np.where(handled_now, done_day <= due_day, now_day <= due_day)
    in_scope = (recv_us <= end_us) & (~handled_now | (done_us >= start_us))
    first_in = (recv_us >= start_us) & (recv_us <= end_us)
    unsatisfied = _labels_mask(feedback, "rating", size, "unsatisfied")
    topic = _labels_mask(feedback, "topic", size, "regulation")
    fb_units = _feedback_units(feedback, by, units, size)
    out: dict[str, _Counted] = {}
    if topic is None or (by and fb_units is None):
        out["5.1"] = _missing("không có cột topic", "no topic column")
    else:
        out["5.1"] = _count_feedback(fb_units, units, first_in & topic, first_in)
    if by and fb_units is None:
        out["5.2"] = _Counted(
            _whole_only(on_time & in_scope), _whole_only(in_scope), whole_only=_NO_FEEDBACK_UNITS
        )
    else:
        out["5.2"] = _count_feedback(fb_units, units, in_scope & on_time, in_scope)
    if unsatisfied is None:
        out["5.3"] = _missing("không có cột rating của PAKN", "no feedback rating column")
    else:
        good = first_in & ~unsatisfied & on_time
        if by and fb_units is None:
            out["5.3"] = _Counted(
                _whole_only(good), _whole_only(first_in), whole_only=_NO_FEEDBACK_UNITS
            )
        else:
            out["5.3"] = _count_feedback(fb_units, units, good, first_in)
    return out


def _whole_only(mask: Any) -> list[int]:
    return [int(mask.sum())]


def _feedback_units(feedback: Any, by: tuple[str, ...], units: _Units, size: int) -> Any | None:
    """Per petition, the index of its unit among the dossiers' (-1: none); ``None``: no columns."""
    np = numpy()
    if not by:
        return np.full(size, -1, dtype=np.int64)
    if not all(has_column(feedback, name) for name in by):
        return None
    position = {label: k for k, label in enumerate(units.labels)}
    columns = []
    for name in by:
        codes, labels = factorize(column_of(feedback, name), size)
        names = [getattr(x, "value", x) for x in labels] + [None]
        columns.append([names[c] for c in codes.tolist()])
    keys = zip(*columns, strict=True)
    return np.array([position.get(tuple(k), -1) for k in keys], dtype=np.int64)


def _count_feedback(fb_units: Any, units: _Units, numerator: Any, denominator: Any) -> _Counted:
    np = numpy()
    n = len(units.labels)

    def count(mask: Any) -> list[int]:
        whole = int(np.count_nonzero(mask))
        if not n:
            return [whole]
        idx = fb_units[mask]
        per = np.bincount(idx[idx >= 0], minlength=n)
        return [int(x) for x in per] + [whole]

    return _Counted(count(numerator), count(denominator))


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
