"""The limits tthc puts on outside input, so that no input can stall or crash it.

tthc reads text nobody here wrote: portal exports, scraped pages, user files,
command lines. Every reader checks these limits first and refuses what exceeds
them with a typed :class:`~tthc.errors.TthcError` that names the limit, instead
of spending unbounded time or memory (or hitting an interpreter limit such as
Python's 4,300-digit integer conversion or its recursion limit).

- :data:`MAX_CELL_LENGTH`: characters in one text cell given to a text parser
  (:func:`~tthc.sources.parse_time_limit`, :func:`~tthc.sources.parse_fees`,
  :func:`~tthc.sources.parse_quantity`, :func:`~tthc.sources.read_vietnamese_number`).
  The parsers run in linear time; the limit bounds that time too.
- :data:`MAX_NUMBER_DIGITS`: digits in a number read from text or JSON.
- :data:`MAX_JSON_DEPTH`: nesting of arrays and objects in a JSON document or
  in the plain data given to :func:`~tthc.serialization.from_dict`.
- :data:`MAX_PROBLEMS_LISTED`: problems a :class:`~tthc.errors.ValidationError`
  keeps and lists; it says how many more there were.
- :data:`MIN_YEAR` and :data:`MAX_YEAR`: the years a working calendar can
  count, hence the moments a dossier may hold (``0001-01-01T00:00+14:00``
  is refused when the dossier is built, not when its clock overflows).
- :data:`MAX_INPUT_BYTES`: bytes read from one file or from standard input
  (a dossier, a calendar file, an xlsx workbook, a document given to the
  command line); reading stops at the limit, so ``/dev/zero`` cannot fill
  the memory.
- :data:`MAX_DECOMPRESSED_BYTES`: bytes a compressed input (gzip) may
  inflate to.
- :data:`MAX_XLSX_PART_BYTES` and :data:`MAX_XLSX_BYTES`: the uncompressed
  size of one part of an xlsx workbook (a sheet, the shared strings) and of
  all its parts, checked from the zip directory before any part is read.
- :data:`MAX_XLSX_ROWS` and :data:`MAX_XLSX_COLUMNS`: the rows of a sheet and
  the columns of a row read from a workbook (the grid of Excel itself).

>>> from tthc.limits import MAX_CELL_LENGTH, MAX_NUMBER_DIGITS
>>> MAX_CELL_LENGTH >= 100_000, MAX_NUMBER_DIGITS
(True, 18)
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_CELL_LENGTH",
    "MAX_DECOMPRESSED_BYTES",
    "MAX_INPUT_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_DIGITS",
    "MAX_PROBLEMS_LISTED",
    "MAX_XLSX_BYTES",
    "MAX_XLSX_COLUMNS",
    "MAX_XLSX_PART_BYTES",
    "MAX_XLSX_ROWS",
    "MAX_YEAR",
    "MIN_YEAR",
]

#: The most characters one text cell may hold (200,000): about three times the
#: whole body text of the longest procedure page on the national portal in 2026
#: (68,758 characters), and far above any single time-limit, fee or quantity cell.
MAX_CELL_LENGTH: Final = 200_000

#: The most digits a number may have (18): every such number fits a signed
#: 64-bit integer (< 9.22 × 10^18), so it survives NumPy and Arrow int64
#: columns; the largest published fee has 10 digits.
MAX_NUMBER_DIGITS: Final = 18

#: The deepest nesting of JSON arrays and objects accepted (64). The deepest
#: tthc document (a procedure's methods → fees → legal basis) nests 6 levels.
MAX_JSON_DEPTH: Final = 64

#: The most problems one :class:`~tthc.errors.ValidationError` keeps and lists
#: (100); its message ends with "… and N more" when there were more.
MAX_PROBLEMS_LISTED: Final = 100

#: The most bytes read from one file or from standard input (64 MiB): a
#: dossier or a calendar file is a few kilobytes, the largest real portal
#: export read whole (2,642 procedure pages as JSON lines) is 41.6 MB. A read
#: stops one byte past the limit, so an endless source (``/dev/zero``, a pipe
#: that never closes with data) costs at most this much memory.
MAX_INPUT_BYTES: Final = 64 * 2**20

#: The most bytes a compressed input may inflate to (256 MiB), six times the
#: 41.6 MB of the largest real portal export; a gzip "bomb" (400 KB that
#: inflate to 845 MB) is refused once this much has come out.
MAX_DECOMPRESSED_BYTES: Final = 256 * 2**20

#: The most bytes one part of an xlsx workbook may hold uncompressed (16 MiB):
#: the largest part of the portal's real list exports (a sheet of the Ministry
#: of Construction, 525 procedures) is 128 KB. Checked from the zip directory
#: before openpyxl reads the part.
MAX_XLSX_PART_BYTES: Final = 16 * 2**20

#: The most bytes all the parts of an xlsx workbook may hold uncompressed (64 MiB).
MAX_XLSX_BYTES: Final = 64 * 2**20

#: The most rows read from a sheet (1,048,576: the grid of Excel); a row
#: number past it is a crafted file, not an export.
MAX_XLSX_ROWS: Final = 1_048_576

#: The most columns read from a row (64): the portal's list export has 5 and
#: a header is looked for in these columns only, so a cell at column XFD
#: cannot make every row 16,384 cells wide.
MAX_XLSX_COLUMNS: Final = 64

#: The earliest year a calendar can cover (2000): Decision 188/1999/QĐ-TTg
#: (17/09/1999) set the Monday–Friday week the calendar assumes.
MIN_YEAR: Final = 2000

#: The latest year a calendar can cover (2099): the end of the lunar tables
#: tthc relies on.
MAX_YEAR: Final = 2099
