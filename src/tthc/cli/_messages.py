"""The command's view of the message catalogue (:mod:`tthc.messages`).

Every user-facing string of the command (headings, help, errors, argparse's
own messages) is a key of the library's one catalogue, ``tthc/messages.json``;
the library's notes and errors carry their keys, so nothing is translated
after the fact.
"""

from __future__ import annotations

from tthc.messages import (
    Lang,
    cite,
    day,
    explain,
    has_message,
    message,
    month,
    problem_line,
    render,
    weekday,
)

__all__ = [
    "Lang",
    "cite",
    "day",
    "explain",
    "has_message",
    "message",
    "month",
    "note",
    "problem_line",
    "weekday",
]


def note(text: str, lang: Lang) -> str:
    """A library note in ``lang`` (a :class:`tthc.messages.Message` renders from its key)."""
    return render(text, lang)
