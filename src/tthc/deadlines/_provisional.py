"""One :class:`~tthc.errors.ProvisionalCalendarWarning` per calendar per process, with a count.

Answers that depend on days past the announced calendar are flagged on the
result (``provisional=True``) every time; the warning that makes sure this is
never silent is shown once per calendar per process, not once per due date
(60 due dates in early 2027 are one warning, not 39). Its text says how to
count the rest: :func:`provisional_answers`.

When a caller asks to see every warning (``warnings.simplefilter("always")``,
``pytest.warns``, ``-W error``), every provisional answer warns, as before.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
import weakref
from typing import Any

from tthc.errors import ProvisionalCalendarWarning

__all__ = ["provisional_answers", "warn_provisional"]

_lock = threading.Lock()
_counts: dict[int, int] = {}  # id(calendar) -> answers; dropped when the calendar is


def _forget(key: int) -> None:
    with _lock:
        _counts.pop(key, None)


def provisional_answers(calendar: Any) -> int:
    """How many provisional answers ``calendar`` has given in this process.

    >>> from tthc.deadlines import official_calendar
    >>> provisional_answers(official_calendar(culture_day=False)) >= 0
    True
    """
    with _lock:
        return _counts.get(id(calendar), 0)


def _asked_for_every_warning() -> bool:
    """Whether the first filter that applies says "always" or "error"."""
    for action, message, category, module, _line in warnings.filters:
        if message is not None or module is not None:
            continue  # filters on a message or a module: not decided here
        if issubclass(ProvisionalCalendarWarning, category):
            return action in ("always", "error")
    return False


def warn_provisional(calendar: Any, text: str, *, stacklevel: int) -> None:
    """Count a provisional answer of ``calendar``; warn the first time (or when asked to always).

    ``text`` describes this answer; the warning adds that later ones are
    counted, not repeated.
    """
    key = id(calendar)
    with _lock:
        count = _counts.get(key, 0) + 1
        _counts[key] = count
    if count == 1:
        with contextlib.suppress(TypeError):  # a calendar without weak references
            weakref.finalize(calendar, _forget, key)
    if count > 1 and not _asked_for_every_warning():
        return
    until = calendar.announced_until.isoformat()
    warnings.warn(
        f"{text}; days after {until} are projected from the statutory rules and the Prime "
        "Minister may still fix Tết or swap days differently. This warning is shown once per "
        "calendar; results say provisional=True and "
        "tthc.deadlines.provisional_answers(calendar) counts them",
        ProvisionalCalendarWarning,
        stacklevel=stacklevel + 1,
    )
