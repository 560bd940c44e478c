"""Reading real published data: procedure text into typed values, portal records into procedures.

Two layers:

- single values (:func:`parse_time_limit`, :func:`parse_fees`,
  :func:`parse_quantity`) read one published string and raise
  :class:`~tthc.errors.ParseError` with the text when they cannot;
- records (:func:`read_portal_record`, :func:`read_portal_records`,
  :func:`read_portal_xlsx`) read whole procedure records shaped as the
  national and provincial portals publish them (heading-keyed, scraper
  snake_case keys, table cells glued into one string, the xlsx list export),
  keep what cannot be read as raw text and report it as
  :class:`~tthc.model.Finding` values with a JSON path. They never raise on
  bad records, and never change what they are given.

>>> from tthc.sources import parse_time_limit
>>> str(parse_time_limit("Không quá 05 ngày làm việc").limits[0])
'5 ngày làm việc'
"""

from tthc.sources._fees import ParsedFees, parse_fees
from tthc.sources._portal import (
    PORTAL_HEADINGS,
    PortalBatchResult,
    PortalReadResult,
    read_portal_record,
    read_portal_records,
)
from tthc.sources._quantities import Quantity, parse_quantity
from tthc.sources._text import clean_text, fold, read_vietnamese_number, vietnamese_number_words
from tthc.sources._time_limits import ParsedTimeLimit, parse_time_limit
from tthc.sources._xlsx import read_portal_xlsx

__all__ = [
    "PORTAL_HEADINGS",
    "ParsedFees",
    "ParsedTimeLimit",
    "PortalBatchResult",
    "PortalReadResult",
    "Quantity",
    "clean_text",
    "fold",
    "parse_fees",
    "parse_quantity",
    "parse_time_limit",
    "read_portal_record",
    "read_portal_records",
    "read_portal_xlsx",
    "read_vietnamese_number",
    "vietnamese_number_words",
]

from tthc import _hooks

_hooks.install(__name__)  # pydantic hooks on this package's serialized types
