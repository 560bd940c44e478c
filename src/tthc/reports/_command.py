"""``tthc report``: read a log file and a catalogue file, write the report."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from tthc._labels import Lang
from tthc.errors import ValidationError
from tthc.reports._compute import as_period
from tthc.reports._report import Report, reform_report

__all__ = ["FORMATS", "load_report", "read_log", "run_report_command", "write_report"]

#: The output formats of ``tthc report``.
FORMATS = ("md", "html", "docx")
_MOMENTS = ("received_at", "returned_at", "stopped_at", "agency_received_at")


def read_log(path: Path) -> Any:
    """A CSV (moments with their offset) or Parquet dossier log, as a pandas DataFrame."""
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return pd.read_parquet(path)
    if suffix != ".csv":
        raise ValidationError.single("log", str(path), "a .csv or .parquet dossier log")
    frame = pd.read_csv(path, dtype={"procedure": str})
    for name in _MOMENTS:
        if name not in frame.columns:
            continue
        if frame[name].isna().all():
            frame[name] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us, UTC]")
            continue
        try:
            moments = pd.to_datetime(frame[name], format="ISO8601")
        except (ValueError, TypeError):
            moments = None
        if moments is None or getattr(moments.dt, "tz", None) is None:
            first = frame[name].dropna()
            raise ValidationError.single(
                f"{path.name}:{name}",
                str(first.iloc[0]) if len(first) else None,
                "moments with their offset, e.g. 2022-07-01T08:00:00+07:00",
            )
        frame[name] = moments
    return frame


def _write_atomically(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_report(
    log_path: str | Path,
    catalogue_path: str | Path | None = None,
    *,
    period: str | None = None,
    by: str | None = None,
    integrated_path: str | Path | None = None,
    name: str | None = None,
) -> Report:
    """The :class:`~tthc.reports.Report` of a log file and a catalogue file."""
    chosen = None if period is None else as_period(period)
    log = read_log(Path(log_path))
    catalogue = None
    if catalogue_path is not None:
        from tthc.catalogue import Catalogue

        catalogue = Catalogue.load(catalogue_path)
    integrated = None
    if integrated_path is not None:
        text = Path(integrated_path).read_text(encoding="utf-8")
        integrated = {line.strip() for line in text.splitlines() if line.strip()}
    return reform_report(log, catalogue, period=chosen, by=by, integrated=integrated, name=name)


def run_report_command(
    log_path: str | Path,
    catalogue_path: str | Path | None = None,
    *,
    period: str | None = None,
    fmt: Literal["md", "html", "docx"] = "md",
    lang: Lang = "vi",
    output: str | Path | None = None,
    by: str | None = None,
    integrated_path: str | Path | None = None,
    name: str | None = None,
) -> str | None:
    """The report of ``tthc report LOG --catalogue FILE --period …``.

    ``LOG`` is a CSV (moments with their offset) or Parquet log with the
    columns of :func:`tthc.reports.reform_report`; ``FILE`` a catalogue
    :meth:`tthc.catalogue.Catalogue.load` reads; ``integrated_path`` a text
    file with one procedure code per line (those integrated on the national
    portal). Returns the Markdown or HTML text, or writes it to ``output``
    (then returns ``None``); ``docx`` needs ``output``.
    """
    if fmt not in FORMATS:
        raise ValidationError.single("format", fmt, "one of 'md', 'html', 'docx'")
    if fmt == "docx" and output is None:
        raise ValidationError.single("output", None, "a file to write the Word document to (-o)")
    report = load_report(
        log_path,
        catalogue_path,
        period=period,
        by=by,
        integrated_path=integrated_path,
        name=name,
    )
    return write_report(report, fmt=fmt, lang=lang, output=output)


def write_report(
    report: Report,
    *,
    fmt: Literal["md", "html", "docx"] = "md",
    lang: Lang = "vi",
    output: str | Path | None = None,
) -> str | None:
    """The report's Markdown or HTML text, or written to ``output`` (``docx`` needs it)."""
    if fmt not in FORMATS:
        raise ValidationError.single("format", fmt, "one of 'md', 'html', 'docx'")
    if fmt == "docx":
        if output is None:
            raise ValidationError.single("output", None, "a file to write the Word document to")
        report.to_docx(output, lang=lang)
        return None
    text = report.to_markdown(lang) if fmt == "md" else report.to_html(lang)
    if output is not None:
        _write_atomically(Path(output), text)
        return None
    return text
