"""Reading the national portal's xlsx list export ("DANH SÁCH THỦ TỤC HÀNH CHÍNH")."""

from __future__ import annotations

import importlib
import os
import zipfile
from typing import Any

from tthc.errors import ParseError
from tthc.sources._portal import PortalBatchResult, _read
from tthc.sources._text import fold
from tthc.sources._vocabulary import VOCABULARY

__all__ = ["read_portal_xlsx"]

_COLUMNS = {fold(h): field for field, hs in VOCABULARY.xlsx_columns.items() for h in hs}
_HEADER_SCAN = 20  # the header row is within the first rows (a title block comes first)


def _fail(path: object, why: str) -> ParseError:
    return ParseError(
        str(path),
        f"the portal's xlsx list export (header row 'Mã số | Tên | Cơ quan ban hành | Cơ quan "
        f"thực hiện | Lĩnh vực'); {why}",
        what="xlsx file",
    )


def _rows(path: str | os.PathLike[str]) -> tuple[str, list[tuple[Any, ...]]]:
    try:  # an optional extra, imported only when used
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise ImportError("reading xlsx files needs openpyxl: pip install 'tthc[xlsx]'") from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise _fail(path, f"it could not be opened ({type(e).__name__}: {e})") from None
    try:
        sheet = workbook.worksheets[0]
        return sheet.title, list(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def read_portal_xlsx(path: str | os.PathLike[str]) -> PortalBatchResult:
    """Read the portal's xlsx list of procedures, one result per procedure row.

    The export ("DANH SÁCH THỦ TỤC HÀNH CHÍNH", as dichvucong.gov.vn gives
    it per ministry) has a title block, then the header row ``Mã số | Tên |
    Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực`` and one procedure per
    row; several implementing agencies in one cell are separated by line
    breaks. Each row becomes a :class:`~tthc.model.Procedure` with its code,
    name, implementing agencies and sector; the issuing agency (cơ quan ban
    hành), which the model has no field for, is in the result's
    ``values["issuing_agency"]``. Result paths are ``$['<sheet>'][<row>]``
    with the row number as the spreadsheet shows it. Empty rows are skipped;
    a row that cannot be read gets a result with findings, as in
    :func:`~tthc.sources.read_portal_records`.

    Needs the ``xlsx`` extra (openpyxl), imported only when this is called.
    Raises :class:`~tthc.errors.ParseError` when the file cannot be opened
    as a workbook or has no header row with at least "Mã số" and "Tên".
    """
    sheet, rows = _rows(path)
    header: dict[int, str] | None = None
    results = []
    for number, row in enumerate(rows, start=1):
        cells = ["" if c is None else str(c) for c in row]
        if header is None:
            found = {i: _COLUMNS[fold(c)] for i, c in enumerate(cells) if fold(c) in _COLUMNS}
            if {"code", "name"} <= set(found.values()):
                header = {i: cells[i].strip() for i in found}
            elif number >= _HEADER_SCAN:
                break
            continue
        if not any(c.strip() for c in cells):
            continue
        record = {heading: cells[i] for i, heading in header.items() if i < len(cells)}
        results.append(_read(record, f"$['{sheet}'][{number}]"))
    if header is None:
        raise _fail(path, f"no header row in the first {_HEADER_SCAN} rows of sheet {sheet!r}")
    return PortalBatchResult(results=results)
