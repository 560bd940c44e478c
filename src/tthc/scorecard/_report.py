"""Views of a scorecard: the report table, the text of ``tthc scorecard``, notebook displays.

A view sits above what it shows: this module reads a
:class:`~tthc.scorecard.Scorecard`, the scorecard never imports it (its
``__repr__``, ``_repr_html_`` and ``to_frame`` call in lazily). Headings come
from the one message catalogue (:mod:`tthc.messages`); frames carry snake_case
column names (labels are for displays), in the kind of frame the caller gave.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from tthc._labels import Lang
from tthc.deadlines import VIETNAM
from tthc.errors import ValidationError, parse_error
from tthc.messages import message

if TYPE_CHECKING:
    from tthc.scorecard._compute import Period, Result, Scorecard

__all__ = [
    "FRAME_COLUMNS",
    "LOG_COLUMNS",
    "read_period",
    "render_text",
    "report_table",
    "run_scorecard_command",
    "scorecard_html",
    "scorecard_repr",
    "to_frame",
]

#: The columns of :func:`to_frame` (snake_case, the same in every language).
FRAME_COLUMNS: Final = (
    "unit",
    "group",
    "indicator",
    "name",
    "numerator",
    "denominator",
    "share_percent",
    "points",
    "maximum",
    "status",
    "reason",
)

#: The columns of a dossier log file ``tthc scorecard`` reads: required first.
LOG_COLUMNS: Final = {
    "required": ("received_at", "procedure"),
    "moments": ("returned_at", "stopped_at", "agency_received_at"),
    "dimensions": ("channel", "agency", "tier"),
}

_MOMENTS: Final = ("received_at", "returned_at", "stopped_at", "agency_received_at")


def _unit_text(unit: tuple[Any, ...]) -> str:
    return "*" if unit == () else " / ".join("—" if v is None else str(v) for v in unit)


def _row(r: Result, lang: Lang) -> dict[str, Any]:
    fraction = r.fraction
    return {
        "unit": _unit_text(r.unit),
        "group": r.indicator.group.label(lang),
        "indicator": r.indicator.id,
        "name": r.indicator.name(lang),
        "numerator": r.numerator,
        "denominator": r.denominator,
        "share_percent": None if fraction is None else round(100 * fraction, 2),
        "points": None if r.points is None else round(r.points, 2),
        "maximum": r.indicator.maximum,
        "status": r.status.label(lang),
        "reason": r.reason(lang),
    }


def _rows(card: Scorecard, lang: Lang) -> list[dict[str, Any]]:
    return [_row(r, lang) for r in card.results]


def to_frame(
    card: Scorecard, *, lang: Lang = "vi", kind: Literal["pandas", "polars", "arrow"] | None = None
) -> Any:
    """One row per unit and indicator, snake_case columns (:data:`FRAME_COLUMNS`).

    ``kind`` is ``"pandas"``, ``"polars"`` or ``"arrow"``; by default the kind
    of frame the scorecard was computed from (pandas for Dossier objects).
    Group, name, status and reason are in ``lang``.
    """
    chosen = kind if kind is not None else getattr(card, "source_kind", "pandas")
    if chosen not in ("pandas", "polars", "arrow"):
        raise ValidationError.single("kind", chosen, "'pandas', 'polars' or 'arrow'")
    import pyarrow as pa

    schema = pa.schema(
        [
            ("unit", pa.string()),
            ("group", pa.string()),
            ("indicator", pa.string()),
            ("name", pa.string()),
            ("numerator", pa.int64()),
            ("denominator", pa.int64()),
            ("share_percent", pa.float64()),
            ("points", pa.float64()),
            ("maximum", pa.float64()),
            ("status", pa.string()),
            ("reason", pa.string()),
        ]
    )
    table = pa.Table.from_pylist(_rows(card, lang), schema=schema)
    if chosen == "arrow":
        return table
    if chosen == "polars":
        import polars as pl

        return pl.from_arrow(table)
    return table.to_pandas(types_mapper=_pandas_types())


def _pandas_types() -> Any:
    import pandas as pd
    import pyarrow as pa

    mapping = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype()}
    return mapping.get


def report_table(card: Scorecard, *, lang: Lang = "vi", kind: str = "pandas") -> Any:
    """The report table a provincial report prints: :func:`to_frame` with headings in ``lang``.

    A pandas DataFrame, or a pyarrow Table with ``kind="arrow"``. The share is
    rounded to 2 decimals as the formula description suggests, the points to 2
    as the portal shows them. The unit is ``"*"`` for everything.
    """
    if kind not in ("pandas", "arrow"):
        raise ValidationError.single("kind", kind, "'pandas' or 'arrow'")
    frame = to_frame(card, lang=lang, kind="pandas")
    frame.columns = [message(f"h.sc.{c}", lang) for c in FRAME_COLUMNS]
    if kind == "arrow":
        import pyarrow as pa

        return pa.Table.from_pandas(frame, preserve_index=False)
    return frame


# --------------------------------------------------------------------------- #
# Text (fits 100 columns)
# --------------------------------------------------------------------------- #


def _number(value: float | None, lang: Lang, digits: int = 2) -> str:
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "vi" else text


def _title(card: Scorecard, lang: Lang) -> str:
    version = card.version
    return message("h.sc.title", lang, id=version.id, maximum=f"{version.maximum:g}")


def _period_text(period: Period, lang: Lang) -> str:
    start, end = f"{period.start:%d/%m/%Y}", f"{period.end:%d/%m/%Y}"
    return message("h.sc.period", lang, start=start, end=end)


def render_text(card: Scorecard, lang: Lang = "vi", *, width: int = 100) -> str:
    """The scorecard as text no wider than ``width`` columns (``tthc scorecard``)."""
    lines = [_title(card, lang), _period_text(card.period, lang)]
    if card.by:
        lines.append(message("h.sc.by", lang, by=", ".join(card.by)))
    name_width = max(20, width - 41)
    head = (
        f"  {message('h.sc.indicator', lang):<6} {message('h.sc.name', lang):<{name_width}} "
        f"{message('h.sc.counts', lang):>11} {message('h.sc.share', lang):>7} "
        f"{message('h.sc.points', lang):>10}"
    )
    lines += ["", head[:width].rstrip()]
    for unit in card.units:
        total = card.total(unit)
        lines.append("")
        lines.append(
            message(
                "h.sc.total",
                lang,
                unit=_unit_text(unit),
                points=_number(total.points, lang),
                computable=f"{total.computed_maximum:g}",
                maximum=f"{total.maximum:g}",
            )
        )
        for r in card.results:
            if r.unit != unit:
                continue
            counts = "—" if r.numerator is None else f"{r.numerator}/{r.denominator}"
            share = "—" if r.fraction is None else _number(100 * r.fraction, lang, 1) + "%"
            top = r.indicator.maximum
            points = f"{_number(r.points, lang)}/{'—' if top is None else f'{top:g}'}"
            name = textwrap.wrap(r.indicator.name(lang), name_width) or [""]
            lines.append(
                f"  {r.indicator.id:<6} {name[0]:<{name_width}} {counts:>11} {share:>7} "
                f"{points:>10}"[:width].rstrip()
            )
            lines += [f"         {part}" for part in name[1:]]
            reason = r.reason(lang)
            status = r.status.label(lang)
            detail = f"{status}: {reason}" if reason else None
            if detail and r.points is None:
                lines += textwrap.wrap(
                    detail, width, initial_indent="        ", subsequent_indent="        "
                )
    return "\n".join(lines)


# --------------------------------------------------------------------------- #
# Notebook displays
# --------------------------------------------------------------------------- #


def scorecard_repr(card: Scorecard) -> str:
    """A one-line repr: version, period, units, total."""
    total = card.total(())
    by = f", by={list(card.by)!r}" if card.by else ""
    return (
        f"<Scorecard {card.version.id} {card.period}{by}: {len(card.units)} unit(s), "
        f"{len(card.results)} results, total {total.points:.2f} of "
        f"{total.computed_maximum:g} computable ({total.maximum:g})>"
    )


def scorecard_html(card: Scorecard, lang: Lang = "vi", *, max_rows: int = 60) -> str:
    """An HTML table for notebooks (headings in ``lang``, at most ``max_rows`` rows)."""
    rows = _rows(card, lang)
    heads = [message(f"h.sc.{c}", lang) for c in FRAME_COLUMNS]
    total = card.total(())
    caption = (
        f"{html.escape(_title(card, lang))} · {html.escape(_period_text(card.period, lang))} · "
        + html.escape(
            message(
                "h.sc.total",
                lang,
                unit="*",
                points=_number(total.points, lang),
                computable=f"{total.computed_maximum:g}",
                maximum=f"{total.maximum:g}",
            )
        )
    )
    out = [f"<table><caption>{caption}</caption><thead><tr>"]
    out += [f"<th>{html.escape(h)}</th>" for h in heads]
    out.append("</tr></thead><tbody>")
    for row in rows[:max_rows]:
        cells = ("" if row[c] is None else html.escape(str(row[c])) for c in FRAME_COLUMNS)
        out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    out.append("</tbody></table>")
    if len(rows) > max_rows:
        more = message("h.more_rows", lang, n=len(rows) - max_rows)
        out.append(f"<p>{html.escape(more)}</p>")
    return "".join(out)


# --------------------------------------------------------------------------- #
# The command
# --------------------------------------------------------------------------- #


def read_period(text: str) -> Period:
    """A reporting period: ``2026``, ``09/2026`` or ``2026-09``, ``Q3/2026``, or two dates.

    Two dates are day-first and joined by ``..`` (``01/09/2026..30/09/2026``).

    >>> str(read_period("09/2026")), str(read_period("Q3/2026"))
    ('2026-09-01..2026-09-30', '2026-07-01..2026-09-30')
    """
    from tthc.reading import read_date
    from tthc.scorecard._compute import Period

    value = text.strip()
    try:
        if ".." in value:
            first, _, last = value.partition("..")
            return Period(read_date(first, what="period"), read_date(last, what="period"))
        if len(value) == 4 and value.isdigit():
            return Period.year(int(value))
        upper = value.upper()
        if upper.startswith("Q") and "/" in upper:
            quarter, _, year = upper[1:].partition("/")
            if quarter.isdigit() and year.isdigit() and len(year) == 4:
                return Period.quarter(int(year), int(quarter))
        for sep, year_first in (("/", False), ("-", True)):
            a, found, b = value.partition(sep)
            if found and a.isdigit() and b.isdigit():
                year, month = (a, b) if year_first else (b, a)
                if len(year) == 4 and len(month) <= 2:
                    return Period.month(int(year), int(month))
    except (ValidationError, ValueError):
        pass
    raise parse_error(text, "expect.period", what="period")


def _read_log(path: Path) -> Any:
    """A dossier log file as a pandas DataFrame; every unreadable file is a tthc error."""
    import pandas as pd

    suffix = path.suffix.lower()
    name = str(path)
    if suffix not in (".parquet", ".pq", ".csv"):
        raise ValidationError.keyed("log", name, "expect.log_file", what="log")
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path, encoding="utf-8", dtype={"procedure": "string"})
        else:
            frame = pd.read_parquet(path)
    except OSError:
        raise
    except UnicodeDecodeError:
        raise parse_error(name, "expect.utf8_csv", what="log") from None
    except pd.errors.EmptyDataError:
        raise parse_error(name, "expect.log_rows", what="log") from None
    except Exception as e:  # pandas/pyarrow raise many kinds for a broken file
        raise parse_error(name, "expect.log_readable", what="log", kind=type(e).__name__) from None
    missing = [c for c in LOG_COLUMNS["required"] if c not in frame.columns]
    if missing:
        raise ValidationError.keyed(
            name,
            ", ".join(map(str, frame.columns))[:200],
            "expect.log_columns",
            what="log",
            missing=", ".join(missing),
        )
    if not len(frame):
        raise parse_error(name, "expect.log_rows", what="log")
    for column in _MOMENTS:
        if column in frame.columns:
            frame[column] = _moments(frame[column], f"{path.name}:{column}")
    return frame


def _moments(values: Any, where: str) -> Any:
    """Moments with an offset kept; without one, Vietnam local time (as ``tthc due`` reads them)."""
    import pandas as pd

    if values.isna().all():
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[us, UTC]")
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values
    try:
        if pd.api.types.is_datetime64_dtype(values.dtype):
            return values.dt.tz_localize("Asia/Ho_Chi_Minh")
        parsed = pd.to_datetime(values, format="ISO8601", utc=False)
    except (ValueError, TypeError):  # offsets on some rows only: one value at a time
        return pd.Series(
            [_moment(v, where) for v in values], index=values.index, dtype="datetime64[us, UTC]"
        )
    if getattr(parsed.dt, "tz", None) is None:
        return parsed.dt.tz_localize("Asia/Ho_Chi_Minh")
    return parsed


def _moment(value: Any, where: str) -> Any:
    import pandas as pd

    if value is None or value != value:  # None, NaN
        return pd.NaT
    try:
        moment = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError.keyed(
            where, str(value)[:60], "expect.log_moment", what="log"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return pd.Timestamp(moment).tz_convert("UTC")


def _catalogue(path: Path) -> list[Any]:
    from tthc.model import Procedure
    from tthc.serialization import from_dict

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise parse_error(str(path), "expect.utf8_json", what="file") from None
    except json.JSONDecodeError as e:
        raise ValidationError.keyed(
            "$", str(path), "expect.json_at", what="file", line=e.lineno, column=e.colno
        ) from None
    items = data.get("procedures", data) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValidationError.keyed(str(path), type(items).__name__, "expect.procedure_list")
    return [from_dict(Procedure, item) for item in items]


def run_scorecard_command(
    log_path: str | Path,
    catalogue_path: str | Path | None = None,
    *,
    period: Period | str | None = None,
    lang: Lang = "vi",
    by: str | None = None,
    format: Literal["text", "csv", "json"] = "text",
) -> str:
    """The text of ``tthc scorecard LOG --catalogue FILE [--period P] [--by COLUMN]``.

    ``LOG`` is a CSV or Parquet dossier log (:data:`LOG_COLUMNS`: moments in
    ISO 8601; without an offset they are Vietnam local time); ``FILE`` a JSON
    list of procedures (:mod:`tthc.serialization` shape). ``period`` (a
    :class:`~tthc.scorecard.Period` or text for :func:`read_period`) defaults
    to the calendar year of the latest receipt. ``format`` is ``"text"`` (no
    wider than 100 columns), ``"csv"`` or ``"json"`` (the rows of
    :func:`to_frame`). Every unreadable file raises a tthc error.
    """
    from tthc.scorecard._compute import Period, scorecard

    if format not in ("text", "csv", "json"):
        raise ValidationError.single("format", format, "'text', 'csv' or 'json'")
    if isinstance(period, str):
        period = read_period(period)
    log = _read_log(Path(log_path))
    if by is not None and by not in log.columns:
        columns = ", ".join(map(str, log.columns))
        raise ValidationError.keyed("--by", by, "expect.log_column", what="log", columns=columns)
    procedures = None if catalogue_path is None else _catalogue(Path(catalogue_path))
    if period is None:
        latest = log["received_at"].max()
        if latest is None or latest != latest:
            raise ValidationError.keyed("received_at", None, "expect.receipt")
        year = latest.to_pydatetime().astimezone(dt.timezone(dt.timedelta(hours=7))).year
        period = Period.year(year)
    card = scorecard(log, procedures, period=period, by=by)
    if format == "text":
        return render_text(card, lang)
    rows = _rows(card, lang)
    if format == "json":
        return json.dumps(
            {"title": _title(card, lang), "period": str(card.period), "rows": rows},
            ensure_ascii=False,
            indent=1,
        )
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(FRAME_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")
