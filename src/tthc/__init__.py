"""tthc: Vietnamese administrative procedures (thủ tục hành chính) as typed data.

The table of contents of the library.

>>> import datetime as dt
>>> import tthc
>>> received = dt.datetime(2026, 11, 20, 10, 0, tzinfo=tthc.VIETNAM)
>>> tthc.due_date(received, tthc.TimeLimit.working_days(3)).at.isoformat()
'2026-11-26T17:00:00+07:00'

Subpackages:

- :mod:`tthc.model`: procedures, dossier components, fees, channels, time limits;
- :mod:`tthc.deadlines`: the state agencies' working calendar and due dates;
- :mod:`tthc.levels`: online service levels and administrative tiers;
- :mod:`tthc.dossiers`: checking a submission, the one-stop lifecycle, groups, metrics;
- :mod:`tthc.rules`: effective dating ("what applies on date D");
- :mod:`tthc.sources`: reading published text and portal-shaped records;
- :mod:`tthc.serialization`: lossless JSON;
- :mod:`tthc.catalogue`: cited records of real procedures;
- :mod:`tthc.errors`: one root, :class:`~tthc.errors.TthcError`;
- :mod:`tthc.strategies`: hypothesis strategies (``pip install 'tthc[strategies]'``).
"""

from tthc._version import __version__
from tthc.deadlines import VIETNAM, due_date, official_calendar
from tthc.errors import TthcError
from tthc.model import Channel, Dossier, Procedure, ProcedureCode, TimeLimit, TimeUnit
from tthc.sources import parse_time_limit, read_portal_record, read_portal_records

__all__ = [
    "VIETNAM",
    "Channel",
    "Dossier",
    "Procedure",
    "ProcedureCode",
    "TimeLimit",
    "TimeUnit",
    "TthcError",
    "__version__",
    "due_date",
    "official_calendar",
    "parse_time_limit",
    "read_portal_record",
    "read_portal_records",
]
from tthc import _hooks  # noqa: F401  (pydantic hooks on the serialized types; lazy)
