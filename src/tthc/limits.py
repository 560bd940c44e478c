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

>>> from tthc.limits import MAX_CELL_LENGTH, MAX_NUMBER_DIGITS
>>> MAX_CELL_LENGTH >= 100_000, MAX_NUMBER_DIGITS
(True, 18)
"""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_CELL_LENGTH", "MAX_JSON_DEPTH", "MAX_NUMBER_DIGITS", "MAX_PROBLEMS_LISTED"]

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
