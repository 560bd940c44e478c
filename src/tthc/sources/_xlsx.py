"""Reading the national portal's xlsx list export ("DANH SÁCH THỦ TỤC HÀNH CHÍNH").

The workbook is outside input: it is read within :mod:`tthc.limits` (the file's
bytes, each part's and all parts' uncompressed size, checked from the zip
directory before openpyxl reads anything; the rows and columns of the sheet)
and every failure, from the first byte to the last row, is a
:class:`~tthc.errors.ParseError` naming the file (issue 19: openpyxl's own
errors on bad XML, entities, a shared string past the end, an invalid cell
reference or value used to escape).
"""

from __future__ import annotations

import importlib
import io
import os
import zipfile
from collections.abc import Iterator
from typing import Any

from tthc._io import read_file
from tthc.errors import ParseError
from tthc.limits import (
    MAX_XLSX_BYTES,
    MAX_XLSX_COLUMNS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_ROWS,
)
from tthc.sources._portal import PortalBatchResult, _read
from tthc.sources._text import fold
from tthc.sources._vocabulary import VOCABULARY

__all__ = ["read_portal_xlsx"]

_COLUMNS = {fold(h): field for field, hs in VOCABULARY.xlsx_columns.items() for h in hs}
_HEADER_SCAN = 20  # the header row is within the first rows (a title block comes first)
_MAX_PARTS = 1_000  # the portal's export has 16 entries; a zip of thousands is not an export
# A document type declaration has no place in an OOXML part (ECMA-376 Part 2, 8.1.4
# forbids DTDs); refusing it keeps entity expansion and external entities out of the
# XML parser, whichever one openpyxl uses.
_DTD_MARKS = tuple(
    "<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be")
) + tuple("<!ENTITY".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _fail(path: object, why: str) -> ParseError:
    return ParseError(
        os.fspath(path) if isinstance(path, (str, os.PathLike)) else repr(path)[:200],
        f"the portal's xlsx list export (header row 'Mã số | Tên | Cơ quan ban hành | Cơ quan "
        f"thực hiện | Lĩnh vực'); {why}",
        what="xlsx file",
    )


def _checked_zip(path: str | os.PathLike[str]) -> io.BytesIO:
    """The workbook's bytes once its zip directory is within the limits."""
    if not isinstance(path, (str, os.PathLike)):
        raise _fail(path, "a path (str or os.PathLike) is needed")
    try:
        raw = read_file(path, what="xlsx file")
    except OSError as e:
        raise _fail(
            path, f"it could not be opened ({type(e).__name__}: {e.strerror or e})"
        ) from None
    except ValueError as e:  # a NUL in the path; ParseError (past the limit) passes through
        if isinstance(e, ParseError):
            raise
        raise _fail(path, f"it could not be opened ({e})") from None
    data = io.BytesIO(raw)
    try:
        with zipfile.ZipFile(data) as archive:
            parts = archive.infolist()
            if len(parts) > _MAX_PARTS:
                raise _fail(path, f"it has {len(parts):,} parts, more than {_MAX_PARTS:,}")
            total = 0
            for part in parts:
                if part.file_size > MAX_XLSX_PART_BYTES:
                    raise _fail(
                        path,
                        f"its part {part.filename!r} holds {part.file_size:,} bytes uncompressed, "
                        f"more than {MAX_XLSX_PART_BYTES:,} (tthc.limits.MAX_XLSX_PART_BYTES)",
                    )
                total += part.file_size
            if total > MAX_XLSX_BYTES:
                raise _fail(
                    path,
                    f"its parts hold {total:,} bytes uncompressed, more than "
                    f"{MAX_XLSX_BYTES:,} (tthc.limits.MAX_XLSX_BYTES)",
                )
            for part in parts:
                if part.filename.lower().endswith((".xml", ".rels")):
                    content = archive.read(part)  # within the limits checked above
                    if any(mark in content for mark in _DTD_MARKS):
                        raise _fail(
                            path,
                            f"its part {part.filename!r} declares a DTD or entities, which "
                            "OOXML forbids",
                        )
    except ParseError:
        raise
    except Exception as e:  # BadZipFile, a bad CRC, zlib, an unsupported compression…
        raise _fail(path, f"it could not be opened ({type(e).__name__}: {e})") from None
    data.seek(0)
    return data


class _SharedStrings(list[Any]):
    """The shared strings, refusing the negative indexes a Python list accepts."""

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int) and index < 0:
            raise IndexError(f"shared string {index} does not exist")
        return super().__getitem__(index)


def _rows(path: str | os.PathLike[str]) -> tuple[str, Iterator[tuple[Any, ...]], Any]:
    try:  # an optional extra, imported only when used
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise ImportError("reading xlsx files needs openpyxl: pip install 'tthc[xlsx]'") from None
    data = _checked_zip(path)
    try:
        workbook = openpyxl.load_workbook(data, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises what its parsers raise: the file is not a workbook
        raise _fail(path, f"it could not be opened ({type(e).__name__}: {e})") from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # never trust the <dimension> tag: it can claim XFD1048576
        strings = getattr(sheet, "_shared_strings", None)
        if isinstance(strings, list):  # a shared-string index of -1 would read the last one
            sheet._shared_strings = _SharedStrings(strings)
        title = str(sheet.title)
        rows = sheet.iter_rows(values_only=True, max_col=MAX_XLSX_COLUMNS)
    except Exception as e:
        workbook.close()
        raise _fail(path, f"it has no readable first sheet ({type(e).__name__}: {e})") from None
    return title, rows, workbook


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
    Raises :class:`~tthc.errors.ParseError` naming the file when it cannot be
    read as a workbook (not a zip, a directory, bad XML, a DTD or entities, a
    shared string past the end, an invalid cell reference or value), when it
    is past :mod:`tthc.limits` (``MAX_INPUT_BYTES``, ``MAX_XLSX_PART_BYTES``,
    ``MAX_XLSX_BYTES``, ``MAX_XLSX_ROWS``), when it has no header row with at
    least "Mã số" and "Tên", and when two header columns name the same field
    (one of them would be lost).
    """
    sheet, rows, workbook = _rows(path)
    header: dict[int, str] | None = None
    results = []
    number = 0
    try:
        for number, row in enumerate(rows, start=1):
            if number > MAX_XLSX_ROWS:
                raise _fail(
                    path,
                    f"its sheet has more than {MAX_XLSX_ROWS:,} rows (tthc.limits.MAX_XLSX_ROWS)",
                )
            if row.count(None) == len(row):
                continue  # an empty row (also the padding openpyxl yields for a gap)
            cells = ["" if c is None else str(c) for c in row]
            if header is None:
                header = _header(path, cells, number)
                if header is None and number >= _HEADER_SCAN:
                    break
                continue
            if not any(c.strip() for c in cells):
                continue
            record = {heading: cells[i] for i, heading in header.items() if i < len(cells)}
            results.append(_read(record, f"$['{sheet}'][{number}]"))
    except ParseError:
        raise
    except Exception as e:  # openpyxl reads the sheet lazily: its errors surface here
        raise _fail(path, f"row {number + 1} could not be read ({type(e).__name__}: {e})") from None
    finally:
        workbook.close()
    if header is None:
        raise _fail(path, f"no header row in the first {_HEADER_SCAN} rows of sheet {sheet!r}")
    return PortalBatchResult(results=results)


def _header(path: object, cells: list[str], number: int) -> dict[int, str] | None:
    """The header's columns (index -> heading) if this row is the header, else None."""
    found = {i: _COLUMNS[fold(c)] for i, c in enumerate(cells) if fold(c) in _COLUMNS}
    if not {"code", "name"} <= set(found.values()):
        return None
    seen: dict[str, int] = {}
    for i, field in found.items():
        if field in seen:
            first, second = _column(seen[field]), _column(i)
            raise _fail(
                path,
                f"the header row {number} names the field {field!r} twice (columns {first} "
                f"{cells[seen[field]].strip()!r} and {second} {cells[i].strip()!r}); one "
                "column's values would be lost",
            )
        seen[field] = i
    return {i: cells[i].strip() for i in found}


def _column(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
