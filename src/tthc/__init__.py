"""tthc: Vietnamese administrative procedures (thủ tục hành chính) as typed data.

The table of contents of the library. Subpackages:

- :mod:`tthc.model`: procedures, dossier components, fees, channels, time limits;
- :mod:`tthc.deadlines`: the state agencies' working calendar and due dates;
- :mod:`tthc.levels`: online service levels and administrative tiers;
- :mod:`tthc.rules`: effective dating ("what applies on date D");
- :mod:`tthc.serialization`: lossless JSON;
- :mod:`tthc.catalogue`: cited records of real procedures;
- :mod:`tthc.errors`: one root, :class:`~tthc.errors.TthcError`;
- :mod:`tthc.strategies`: hypothesis strategies (``pip install 'tthc[strategies]'``).
"""

from tthc._version import __version__
from tthc.errors import TthcError
from tthc.model import Channel, Procedure, ProcedureCode, TimeLimit, TimeUnit

__all__ = [
    "Channel",
    "Procedure",
    "ProcedureCode",
    "TimeLimit",
    "TimeUnit",
    "TthcError",
    "__version__",
]
