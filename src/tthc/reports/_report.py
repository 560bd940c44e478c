"""The reform report value and :func:`reform_report`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from tthc._labels import Lang
from tthc.errors import Problem, ValidationError
from tthc.model import Procedure, ProcedureCode
from tthc.reports import _compute, _frames, _render
from tthc.reports._values import CatalogueCounts, Comparison, DossierFigures, Unit
from tthc.scorecard import TARGETS, Period, Target

__all__ = ["Report", "reform_report"]

#: The columns of :attr:`Report.figures` (after the ``by`` columns), in order.
FIGURE_COLUMNS: tuple[str, ...] = (
    "received",
    "in_person",
    "postal",
    "online",
    "channel_not_stated",
    "in_person_share",
    "postal_share",
    "online_share",
    "full_online",
    "full_online_share",
    "resolved",
    "resolved_share",
    "early",
    "on_time",
    "late",
    "on_time_share",
    "open_in_time",
    "open_overdue",
    "open",
    "stopped",
    "invalid",
    "digitised",
    "digitised_of",
    "digitised_share",
    "satisfied",
    "rated",
    "satisfaction",
)
#: The catalogue columns of :attr:`Report.figures` (without ``by`` only).
CATALOGUE_COLUMNS: tuple[str, ...] = (
    "procedures",
    "full_online_services",
    "partial_online_services",
    "full_online_service_share",
    "integrated",
    "integrated_share",
)
_CATALOGUE_FIELDS = {
    "full_online_services": "full_online",
    "partial_online_services": "partial_online",
}


def _lang(lang: Any) -> Lang:
    if lang not in ("vi", "en"):
        raise ValidationError.single("lang", lang, "'vi' or 'en'")
    return "vi" if lang == "vi" else "en"


@attrs.frozen(eq=False)
class Report:
    """A reform report: catalogue and dossier figures over a period, against the targets.

    Built by :func:`reform_report`. ``units[0]`` holds the figures of
    everything; with ``by``, one :class:`Unit` per value follows.
    ``comparisons`` pairs each figure with each target of the report's
    ``year`` (the year the period ends), then with later years' targets for
    reference. ``problems`` / ``problem_count``: rows of the log that could
    not be judged (from :func:`tthc.batch.outcomes`).

    Outputs: :attr:`figures` (a table in the caller's frame kind),
    :attr:`targets` (one row per figure and target), :meth:`to_markdown`,
    :meth:`to_html` / ``_repr_html_`` and :meth:`to_docx`.
    """

    period: Period
    as_of: dt.datetime
    units: tuple[Unit, ...]
    catalogue: CatalogueCounts | None
    comparisons: tuple[Comparison, ...]
    by: tuple[str, ...] = ()
    name: str | None = None
    problems: tuple[Problem, ...] = ()
    problem_count: int = 0
    kind: str = attrs.field(default="arrow", repr=False)

    def __repr__(self) -> str:
        f = self.total
        share = "—" if f.online_share is None else f"{100 * f.online_share:.1f}%"
        by = f", by={list(self.by)!r}" if self.by else ""
        return (
            f"<Report {self.period}{by}: received={f.received}, online_share={share}, "
            f"resolved={f.resolved}, late={f.late}, targets={len(self.comparisons)}>"
        )

    @property
    def year(self) -> int:
        """The year whose targets apply: the year the period ends."""
        return self.period.end.year

    @property
    def total(self) -> DossierFigures:
        """The figures of everything."""
        return self.units[0].figures

    def compared_figures(self) -> tuple[str, ...]:
        """The figures a target could be set on that this report has a value for."""
        keys = ["online_share", "on_time_share"]
        if self.total.full_online is not None:
            keys.append("full_online_share")
        if self.total.digitised_of:
            keys.append("digitised_share")
        if self.total.rated:
            keys.append("satisfaction")
        if self.catalogue is not None:
            keys.append("catalogue.full_online_service_share")
            if self.catalogue.integrated is not None:
                keys.append("catalogue.integrated_share")
        return tuple(keys)

    def _rows(self) -> dict[str, list[Any]]:
        units = self.units[1:] if self.by else self.units[:1]
        columns: dict[str, list[Any]] = {
            name: [u.key[i] for u in units] for i, name in enumerate(self.by)
        }
        for name in FIGURE_COLUMNS:
            columns[name] = [u.figures.value(name) for u in units]
        if not self.by and self.catalogue is not None:
            for name in CATALOGUE_COLUMNS:
                columns[name] = [getattr(self.catalogue, _CATALOGUE_FIELDS.get(name, name))]
        return columns

    @property
    def figures(self) -> Any:
        """The figures as a table: one row (or one per unit ``by``), a column per figure.

        pandas in, pandas out; polars in, polars out; a pyarrow Table
        otherwise. Counts are integers, shares fractions from 0 to 1 (null
        when the denominator is 0 or the log has no such column).
        """
        return _frame(self._rows(), self.kind)

    @property
    def targets(self) -> Any:
        """One row per figure and target: value, minimum, year, met, gap, scope and citation."""
        rows: dict[str, list[Any]] = {
            k: []
            for k in (
                "figure",
                "tier",
                "value",
                "target",
                "year",
                "in_force",
                "met",
                "gap",
                "target_id",
                "scope",
                "document",
                "source",
                "confidence",
            )
        }
        for c in self.comparisons:
            p = c.progress
            citation = p.target.citation
            for key, value in (
                ("figure", c.figure),
                ("tier", None if p.tier is None else p.tier.value),
                ("value", p.value),
                ("target", p.minimum),
                ("year", p.year),
                ("in_force", c.in_force),
                ("met", p.met),
                ("gap", p.gap),
                ("target_id", p.target.id),
                ("scope", p.target.scope),
                ("document", str(citation.document)),
                ("source", citation.source),
                ("confidence", citation.confidence.value),
            ):
                rows[key].append(value)
        return _frame(rows, self.kind)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data: period, units' figures, catalogue, comparisons."""

        def figures(f: DossierFigures) -> dict[str, Any]:
            out: dict[str, Any] = {name: f.value(name) for name in FIGURE_COLUMNS}
            out["by_tier"] = [
                {"tier": t.tier.value, "digitised": t.digitised, "resolved": t.resolved}
                for t in f.by_tier
            ]
            return out

        catalogue = None
        if self.catalogue is not None:
            catalogue = {
                name: getattr(self.catalogue, _CATALOGUE_FIELDS.get(name, name))
                for name in CATALOGUE_COLUMNS
            }
        return {
            "name": self.name,
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "as_of": self.as_of.isoformat(),
            "year": self.year,
            "by": list(self.by),
            "total": figures(self.total),
            "units": [{"key": list(u.key), "figures": figures(u.figures)} for u in self.units[1:]],
            "catalogue": catalogue,
            "comparisons": [
                {
                    "figure": c.figure,
                    "target": c.progress.target.id,
                    "tier": None if c.progress.tier is None else c.progress.tier.value,
                    "year": c.progress.year,
                    "minimum": c.progress.minimum,
                    "value": c.progress.value,
                    "in_force": c.in_force,
                    "met": c.met,
                    "scope": c.progress.target.scope,
                    "citation": str(c.progress.target.citation.document),
                    "source": c.progress.target.citation.source,
                    "confidence": c.progress.target.citation.confidence.value,
                }
                for c in self.comparisons
            ],
            "invalid": self.total.invalid,
        }

    def to_markdown(self, lang: Lang = "vi") -> str:
        """The report in Markdown: the sentences reform reports print, and the targets table.

        Vietnamese number formatting (88.500 hồ sơ; 15,8%; "hơn 15%") with
        ``lang="vi"``; English with ``lang="en"``.
        """
        return _render.to_markdown(_render.blocks(self, _lang(lang)))

    def to_html(self, lang: Lang = "vi") -> str:
        """The report as an HTML fragment (the same content as :meth:`to_markdown`)."""
        return _render.to_html(_render.blocks(self, _lang(lang)))

    def _repr_html_(self) -> str:
        return self.to_html("vi")

    def to_docx(self, path: str | Path, *, lang: Lang = "vi", chart: bool = True) -> Path:
        """Write the report as a Word document (python-docx; the ``report`` extra).

        The same text as :meth:`to_markdown`, the tables as Word tables and,
        with ``chart``, a chart of the dossiers by channel and the shares
        against their targets (matplotlib). Written to a temporary file beside
        ``path`` and renamed, so a reader never sees half a file.
        """
        from tthc.reports._docx import write_docx

        return write_docx(self, Path(path), _lang(lang), chart=chart)


def _frame(columns: dict[str, list[Any]], kind: str) -> Any:
    shares = {n for n in columns if n.endswith(("_share", "satisfaction")) or n in _FLOATS}
    if kind == "pandas":
        import pandas as pd

        data: dict[str, Any] = {}
        for name, values in columns.items():
            if name in shares:
                data[name] = pd.array(
                    [float("nan") if v is None else float(v) for v in values], dtype="float64"
                )
            elif any(v is None for v in values) and name not in _TEXT:
                data[name] = pd.array(values, dtype="Int64")
            else:
                data[name] = values
        return pd.DataFrame(data)
    if kind == "polars":
        import polars as pl

        return pl.DataFrame(
            {
                name: pl.Series(name, values, dtype=pl.Float64) if name in shares else values
                for name, values in columns.items()
            },
            strict=False,
        )
    import pyarrow as pa

    return pa.table(
        {
            name: pa.array(values, type=pa.float64()) if name in shares else pa.array(values)
            for name, values in columns.items()
        }
    )


#: Columns of :attr:`Report.targets` that hold fractions or text.
_FLOATS = frozenset(("value", "target", "gap"))
_TEXT = frozenset(("tier", "scope", "document", "source", "met", "figure", "target_id"))


def reform_report(
    log: Any,
    catalogue: Any = None,
    *,
    period: Period | tuple[dt.date | str, dt.date | str] | str | None = None,
    by: str | Sequence[str] | None = None,
    integrated: Collection[str | ProcedureCode] | Callable[[Procedure], bool] | None = None,
    targets: Iterable[Target] = TARGETS,
    as_of: dt.datetime | None = None,
    name: str | None = None,
    **options: Any,
) -> Report:
    """The administrative-reform report of a dossier log (and a catalogue) over ``period``.

    ``log`` has one row per dossier with the columns of
    :func:`tthc.batch.outcomes` (``received_at``, ``limit`` or ``procedure``,
    ``returned_at``, ``stopped_at``…) plus ``channel`` (``in_person``,
    ``postal``, ``online``, or their labels) and, optionally,
    ``full_online_service`` (the dossier's service is full online, level 4),
    ``result_digitised`` (the result was digitised), ``rating``
    (``satisfied`` / ``unsatisfied``), ``tier``, ``agency`` or any column to
    group ``by``. A pandas or polars DataFrame, a pyarrow Table, a dict of
    columns, or :class:`~tthc.model.Dossier` objects (read as
    :func:`tthc.scorecard.dossier_log` reads them, events included);
    :attr:`Report.figures` comes back in the same kind (pyarrow for dicts
    and objects).

    ``period`` is a :class:`~tthc.scorecard.Period`, a ``(start, end)`` pair
    of dates (whole days in Vietnam) or text (``"2022-01..2022-07"``); by
    default, the days from the first to the last receipt. Dossiers count when
    received in the period; their outcome is judged as of ``as_of`` (default:
    the end of the period, or now if the period is not over) by
    :func:`tthc.batch.outcomes` (``options``: ``events``, ``calendar``,
    ``hours``, ``policy``, ``limits``, ``unit``).

    ``catalogue`` (a :class:`~tthc.catalogue.Catalogue` or Procedure objects)
    gives the catalogue figures: procedures in force at the end of the
    period, full and partial online services as their records claim, and,
    with ``integrated`` (codes, or a predicate), those integrated on the
    national portal. It also resolves a ``procedure`` column's time limits.

    Each figure is compared with the ``targets`` (default
    :data:`tthc.scorecard.TARGETS`) in force in the year the period ends,
    then with later years' targets for reference. ``by`` is ``"month"``,
    ``"agency"``, ``"tier"`` or any column (or a list of them). ``name`` heads
    the report (e.g. the province).

    >>> import datetime as dt, pandas as pd
    >>> import tthc
    >>> from tthc.reports import reform_report
    >>> at = pd.Timestamp("2022-03-01 09:00", tz="Asia/Ho_Chi_Minh")
    >>> log = pd.DataFrame({"received_at": [at] * 4, "limit": [5] * 4,
    ...     "returned_at": [at + pd.Timedelta(days=1)] * 3 + [pd.NaT],
    ...     "channel": ["online", "in_person", "in_person", "postal"]})
    >>> r = reform_report(log, period=(dt.date(2022, 1, 1), dt.date(2022, 7, 31)))
    >>> r.figures[["received", "online", "online_share", "resolved", "late"]]
       received  online  online_share  resolved  late
    0         4       1          0.25         3     0
    """
    by_names = () if by is None else ((by,) if isinstance(by, str) else tuple(by))
    for i, b in enumerate(by_names):
        if not isinstance(b, str):
            raise ValidationError.single(f"by[{i}]", b, "a column name or 'month'")
    kind = _frames.kind_of(log)
    log = _objects_as_columns(log, options)
    procedures = None if catalogue is None else _compute.procedures_of(catalogue)
    if procedures is not None and "catalogue" not in options:
        from tthc.catalogue import Catalogue

        options["catalogue"] = (
            catalogue if isinstance(catalogue, Catalogue) else Catalogue(procedures)
        )
    chosen = _default_period(log) if period is None else _compute.as_period(period)
    moment = _compute.default_as_of(chosen) if as_of is None else as_of
    units, problems, problem_count = _compute.dossier_units(log, chosen, moment, by_names, options)
    counts = (
        None
        if procedures is None
        else _compute.catalogue_counts(procedures, chosen.end, integrated)
    )
    comparisons = _compute.compare(targets, chosen.end.year, units[0].figures, counts)
    return Report(
        period=chosen,
        as_of=moment,
        units=units,
        catalogue=counts,
        comparisons=comparisons,
        by=by_names,
        name=name,
        problems=problems,
        problem_count=problem_count,
        kind=kind,
    )


def _objects_as_columns(log: Any, options: dict[str, Any]) -> Any:
    """Dossier objects as the columns of :func:`tthc.scorecard.dossier_log` (and their events)."""
    from collections.abc import Mapping

    from tthc.model import Dossier

    if _frames.kind_of(log) != "python" or isinstance(log, (Mapping, str, bytes)):
        return log
    if not isinstance(log, Iterable):
        return log
    items = list(log)
    if not items or not all(isinstance(d, Dossier) for d in items):
        bad = next((i for i, d in enumerate(items) if not isinstance(d, Dossier)), 0)
        raise ValidationError.single(
            f"log[{bad}]" if items else "log",
            type(items[bad]).__name__ if items else None,
            "a table of dossiers (pandas, polars, pyarrow, a dict of columns) or Dossier objects",
        )
    from tthc.scorecard import dossier_log

    built = dossier_log(items)
    options.setdefault("events", built.events)
    return built.dossiers


def _default_period(log: Any) -> Period:
    from tthc.deadlines import VIETNAM

    column = _frames.column(log, "received_at")
    if column is None:
        raise ValidationError.single("received_at", None, "a column of receipt moments")
    us, null = _frames.moments_us(column, "received_at")
    if null.all():
        raise ValidationError.single("received_at", None, "at least one receipt moment")
    low, high = int(us[~null].min()), int(us[~null].max())
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

    def day(value: int) -> dt.date:
        return (epoch + dt.timedelta(microseconds=value)).astimezone(VIETNAM).date()

    return Period(day(low), day(high))
