"""tthc: Vietnamese administrative procedures (thủ tục hành chính) as typed data.

The table of contents of the library.

>>> import datetime as dt
>>> import tthc
>>> received = dt.datetime(2026, 11, 20, 10, 0, tzinfo=tthc.VIETNAM)
>>> tthc.due_date(received, tthc.TimeLimit.working_days(3)).at.isoformat()
'2026-11-27T00:00:00+07:00'

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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tthc._version import __version__

if TYPE_CHECKING:  # the names below are imported on first use (PEP 562)
    from tthc.deadlines import VIETNAM, due_date, official_calendar
    from tthc.errors import TthcError
    from tthc.model import Channel, Dossier, Procedure, ProcedureCode, TimeLimit, TimeUnit
    from tthc.sources import parse_time_limit, read_portal_record, read_portal_records

#: Where each public name lives: ``import tthc`` loads none of these modules;
#: the first ``tthc.due_date`` (or ``from tthc import due_date``) loads its one.
_LAZY = {
    "VIETNAM": "tthc.deadlines",
    "due_date": "tthc.deadlines",
    "official_calendar": "tthc.deadlines",
    "TthcError": "tthc.errors",
    "Channel": "tthc.model",
    "Dossier": "tthc.model",
    "Procedure": "tthc.model",
    "ProcedureCode": "tthc.model",
    "TimeLimit": "tthc.model",
    "TimeUnit": "tthc.model",
    "parse_time_limit": "tthc.sources",
    "read_portal_record": "tthc.sources",
    "read_portal_records": "tthc.sources",
}

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


def __getattr__(name: str) -> Any:
    """A public name (or a subpackage) imported on first use."""
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if not name.startswith("__"):
        try:
            return importlib.import_module(f"tthc.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"tthc.{name}":
                raise
    raise AttributeError(f"module 'tthc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
