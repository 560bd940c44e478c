"""A dossier's timeline, readable as text and as HTML in Jupyter."""

from __future__ import annotations

import datetime as dt
import html

import attrs

from tthc._display import due_text
from tthc.dossiers._lifecycle import DossierStatus, form_of, status
from tthc.errors import ValidationError
from tthc.model import Dossier, DossierEvent, ExtensionGranted, Stopped, event_kind

__all__ = ["Timeline", "timeline"]


def _detail(event: DossierEvent) -> str:
    if isinstance(event, ExtensionGranted):
        return f"→ {event.new_due:%d/%m/%Y %H:%M}"
    if isinstance(event, Stopped):
        return event.reason.vi
    return ""


@attrs.frozen
class Timeline:
    """The events of a dossier with forms and the status at ``as_of``.

    ``str()`` gives a plain-text table; in Jupyter it renders as HTML.
    """

    dossier: Dossier
    status: DossierStatus
    lang: str = "vi"

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(moment, step, form, detail) for each event, in order."""
        return [
            (
                f"{e.at:%d/%m/%Y %H:%M}",
                event_kind(e).label(self.lang),
                form_of(e) or "",
                _detail(e),
            )
            for e in self.dossier.events
        ]

    def _summary(self) -> list[str]:
        s = self.status
        vi = self.lang == "vi"
        lines = [f"{'Trạng thái' if vi else 'State'}: {s.state.label('vi' if vi else 'en')}"]
        if s.original_due is not None:
            lines.append(
                f"{'Hẹn trả' if vi else 'Appointment'}: {due_text(s.original_due, day_first=True)}"
            )
        if s.due is not None and s.original_due is not None and s.due.at != s.original_due.at:
            lines.append(
                f"{'Hạn hiện tại' if vi else 'Due now'}: {due_text(s.due, day_first=True)}"
            )
        if s.open_status is not None:
            lines.append(s.open_status.label("vi" if vi else "en"))
        if s.outcome is not None:
            lines.append(s.outcome.label("vi" if vi else "en"))
        if s.provisional:
            lines.append("(tạm tính)" if vi else "(provisional calendar)")
        return lines

    def __str__(self) -> str:
        code = self.dossier.code
        head = f"{self.dossier.procedure.name} ({self.dossier.procedure.code})"
        if code is not None:
            head += f" — {code}"
        body = [" | ".join(part for part in row if part) for row in self.rows()]
        return "\n".join([head, *body, *self._summary()])

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>"
            for row in self.rows()
        )
        summary = "<br>".join(esc(line) for line in self._summary())
        title = esc(f"{self.dossier.procedure.name} ({self.dossier.procedure.code})")
        return f"<div><strong>{title}</strong><table>{rows}</table><p>{summary}</p></div>"


def timeline(dossier: Dossier, as_of: dt.datetime, *, lang: str = "vi") -> Timeline:
    """The dossier's timeline with its status at ``as_of``, for people.

    >>> import datetime as dt
    >>> from tthc import catalogue
    >>> from tthc.deadlines import VIETNAM
    >>> from tthc.model import Channel, Dossier, Received
    >>> d = Dossier(procedure=catalogue.get("1.004222"), channel=Channel.IN_PERSON,
    ...             events=[Received(dt.datetime(2026, 11, 16, 9, tzinfo=VIETNAM))])
    >>> print(timeline(d, as_of=dt.datetime(2026, 11, 17, 9, tzinfo=VIETNAM)))
    Đăng ký thường trú (1.004222)
    16/11/2026 09:00 | Tiếp nhận, hẹn trả kết quả | Mẫu 01 (Giấy tiếp nhận hồ sơ và hẹn trả kết quả)
    Trạng thái: Đang giải quyết
    Hẹn trả: 26/11/2026 24:00
    Trong hạn
    """
    if lang not in ("vi", "en"):
        raise ValidationError.single("lang", lang, "'vi' or 'en'")
    return Timeline(dossier, status(dossier, as_of), lang)
