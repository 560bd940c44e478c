"""Report-ready output: the table a provincial report prints, and the CLI command's text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tthc._labels import Lang
from tthc.errors import ValidationError
from tthc.scorecard._compute import Period, Scorecard, scorecard

__all__ = ["report_table", "run_scorecard_command"]

_HEAD = {
    "vi": (
        "đơn vị",
        "nhóm",
        "chỉ số",
        "tên",
        "tử số",
        "mẫu số",
        "tỷ lệ (%)",
        "điểm",
        "tối đa",
        "trạng thái",
        "lý do",
    ),
    "en": (
        "unit",
        "group",
        "indicator",
        "name",
        "numerator",
        "denominator",
        "share (%)",
        "points",
        "maximum",
        "status",
        "reason",
    ),
}


def report_table(card: Scorecard, *, lang: Lang = "vi", kind: str = "pandas") -> Any:
    """One row per unit and indicator: counts, share (%), points, maximum, status and reason.

    A pandas DataFrame (needs pandas), or a pyarrow Table with
    ``kind="arrow"``; headers in ``lang``. The share is rounded to 2
    decimals as the formula description suggests, the points to 2 as the
    portal shows them. The unit is ``"*"`` for everything.
    """
    if kind not in ("pandas", "arrow"):
        raise ValidationError.single("kind", kind, "'pandas' or 'arrow'")
    import pandas as pd

    unit_h, group_h, id_h, name_h, num_h, den_h, share_h, points_h, max_h = _HEAD[lang][:9]
    status_h, reason_h = _HEAD[lang][9:]
    rows = []
    for r in card.results:
        fraction = r.fraction
        rows.append(
            {
                unit_h: "*"
                if r.unit == ()
                else " / ".join("—" if v is None else str(v) for v in r.unit),
                group_h: r.indicator.group.label(lang),
                id_h: r.indicator.id,
                name_h: r.indicator.name(lang),
                num_h: r.numerator,
                den_h: r.denominator,
                share_h: None if fraction is None else round(100 * fraction, 2),
                points_h: None if r.points is None else round(r.points, 2),
                max_h: r.indicator.maximum,
                status_h: r.status.label(lang),
                reason_h: r.reason(lang),
            }
        )
    frame = pd.DataFrame(rows)
    for column in (num_h, den_h):
        frame[column] = frame[column].astype("Int64")
    for column in (share_h, points_h, max_h):
        frame[column] = frame[column].astype("Float64")
    if kind == "arrow":
        import pyarrow as pa

        return pa.Table.from_pandas(frame, preserve_index=False)
    return frame


def _read(path: Path) -> Any:
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return pd.read_parquet(path)
    if suffix == ".csv":
        frame = pd.read_csv(path)
        for name in ("received_at", "returned_at", "stopped_at", "agency_received_at"):
            if name in frame.columns and frame[name].isna().all():
                frame[name] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us, UTC]")
            elif name in frame.columns:
                moments = pd.to_datetime(frame[name], utc=False, format="ISO8601")
                if getattr(moments.dt, "tz", None) is None:
                    raise ValidationError.single(
                        f"{path.name}:{name}",
                        str(frame[name].iloc[0]) if len(frame) else None,
                        "moments with their offset, e.g. 2026-09-01T08:00:00+07:00",
                    )
                frame[name] = moments
        return frame
    raise ValidationError.single("log", str(path), "a .csv or .parquet dossier log")


def _catalogue(path: Path) -> list[Any]:
    import json

    from tthc.model import Procedure
    from tthc.serialization import from_dict

    data = json.loads(path.read_text(encoding="utf-8"))
    items = data.get("procedures", data) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValidationError.single(
            str(path), type(items).__name__, "a JSON list of procedures (tthc.serialization)"
        )
    return [from_dict(Procedure, item) for item in items]


def run_scorecard_command(
    log_path: str | Path,
    catalogue_path: str | Path | None = None,
    *,
    period: Period | None = None,
    lang: Lang = "vi",
    by: str | None = None,
) -> str:
    """The text of ``tthc scorecard LOG --catalogue FILE`` (wire it into the CLI as is).

    ``LOG`` is a CSV (moments with their offset) or Parquet dossier log with
    the columns of :func:`tthc.scorecard.scorecard`; ``FILE`` a JSON list of
    procedures (:mod:`tthc.serialization` shape). ``period`` defaults to the
    calendar year of the latest receipt. Prints one line per indicator and the
    total over the computable maximum.
    """
    log = _read(Path(log_path))
    procedures = None if catalogue_path is None else _catalogue(Path(catalogue_path))
    if period is None:
        latest = log["received_at"].max()
        if latest is None or latest != latest:
            raise ValidationError.single("received_at", None, "at least one receipt moment")
        year = latest.to_pydatetime().astimezone(dt.timezone(dt.timedelta(hours=7))).year
        period = Period.year(year)
    card = scorecard(log, procedures, period=period, by=by)
    table = report_table(card, lang=lang)
    lines = [f"{card.version.title} · {card.period}"]
    for unit in card.units:
        total = card.total(unit)
        head = "*" if unit == () else " / ".join(str(v) for v in unit)
        word = "Tổng" if lang == "vi" else "Total"
        of = "trên" if lang == "vi" else "of"
        computable = "tính được" if lang == "vi" else "computable"
        lines.append(
            f"{head}: {word} {total.points:.2f} {of} {total.computed_maximum:g} {computable}"
            f" ({total.maximum:g})"
        )
    shown = table.astype(object).where(table.notna(), "")
    lines.append(shown.to_string(index=False))
    return "\n".join(lines)
