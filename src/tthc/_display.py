"""Short reprs and notebook (``_repr_html_``) views of tthc values.

Each public value keeps its full data (``attrs.asdict``, :mod:`tthc.serialization`);
its ``repr`` says in one line (at most about 200 characters) what it is, and
Jupyter renders an HTML table. The views sit above what they show: the value
modules never import this one: they name :mod:`tthc._views`, where this module
registers its functions when it is imported (on a value's first display). Texts come from the
message catalogue in the display language (:func:`tthc.messages.default_lang`:
``TTHC_LANG``, the locale, else Vietnamese, with the English in tooltips);
every day off keeps its citation. No third-party dependency.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tthc import _views
from tthc.messages import Lang, cite, default_lang, message, render

if TYPE_CHECKING:
    from tthc.deadlines import DayStatus, DueDate
    from tthc.dossiers import DossierStatus, Metrics
    from tthc.levels import Classification
    from tthc.model import Procedure

__all__ = [
    "classification_html",
    "classification_repr",
    "due_date_html",
    "due_date_repr",
    "due_text",
    "metrics_html",
    "metrics_repr",
    "procedure_html",
    "procedure_repr",
    "status_html",
    "status_repr",
]

_LIMIT = 200
_STYLE = (
    "<style>.tthc td,.tthc th{padding:2px 8px;text-align:left;vertical-align:top}"
    ".tthc .off{color:#a33}.tthc .prov{font-style:italic;color:#777}</style>"
)


def _lang() -> Lang:
    """The display language: TTHC_LANG, then the locale, else Vietnamese."""
    return default_lang()


def _m(key: str, /, **values: Any) -> str:
    return message(key, _lang(), **values)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fit(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 2] + "…)"


def _moment(at: dt.datetime) -> str:
    return at.isoformat(timespec="minutes")


def due_text(due: DueDate, *, day_first: bool = False) -> str:
    """A due date's moment for people.

    A period ending at midnight reads ``24:00`` of its last day (Civil Code
    2015 Art. 148(6)), not 00:00 of the next day (issue 20).
    """
    at = due.at
    if at.time() == dt.time(0) and at.date() == due.last_day + dt.timedelta(days=1):
        hour, day = "24:00", due.last_day
    else:
        hour, day = f"{at:%H:%M}", at.date()
    return f"{day:%d/%m/%Y} {hour}" if day_first else f"{hour} {day:%d/%m/%Y}"


def _e(value: object) -> str:
    return html.escape(str(value))


def _table(rows: Iterable[Sequence[object]], head: Sequence[str] | None = None) -> str:
    out = ["<table>"]
    if head:
        out.append("<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _box(title: str, body: str) -> str:
    return f'{_STYLE}<div class="tthc"><strong>{title}</strong>{body}</div>'


# --------------------------------------------------------------------------- #
# Procedure
# --------------------------------------------------------------------------- #


def procedure_repr(self: Procedure) -> str:
    """``Procedure(code='1.004222', name='Đăng ký thường trú', methods=2, components=5, …)``."""
    components = sum(len(c.components) for c in self.dossier_cases)
    limit = (
        repr(str(self.methods[0].time_limits[0]))
        if self.methods and self.methods[0].time_limits
        else None
    )
    return _fit(
        f"Procedure(code={str(self.code)!r}, name={_short(self.name)!r}, "
        f"methods={len(self.methods)}, limit={limit}, components={components}, "
        f"legal_basis={len(self.legal_basis)})"
    )


def procedure_html(self: Procedure) -> str:
    """The procedure as a small HTML card: methods, limits, fees, components."""
    lang = _lang()
    methods = _table(
        (
            (
                _e(m.channel.label(lang)),
                "<br>".join(_e(limit.label(lang)) for limit in m.time_limits),
                "<br>".join(f"{_e(f.name)}: {f.amount:,} đ".replace(",", ".") for f in m.fees),
            )
            for m in self.methods
        ),
        (_m("h.d.channel"), _m("h.d.limit"), _m("h.d.fees")),
    )
    components = _table(
        (
            (
                _e(case.name or ""),
                _e(c.name),
                _m("h.d.copies", originals=c.originals, copies=c.copies),
                "" if c.required and not c.condition else _m("h.d.when_applicable"),
            )
            for case in self.dossier_cases
            for c in case.components
        ),
        (_m("h.d.case"), _m("h.d.component"), _m("h.d.count"), ""),
    )
    legal = "".join(f"<li>{_e(ref)}</li>" for ref in self.legal_basis)
    title = f"{_e(self.name)} ({_e(self.code)})"
    return _box(title, methods + components + (f"<ul>{legal}</ul>" if legal else ""))


# --------------------------------------------------------------------------- #
# DueDate
# --------------------------------------------------------------------------- #


def due_date_repr(self: DueDate) -> str:
    """``DueDate(at=2026-11-26T17:00+07:00, limit='3 ngày làm việc', skipped=3, …)``."""
    flag = ", provisional=True" if self.provisional else ""
    return _fit(
        f"DueDate(at={_moment(self.at)}, limit={self.limit.label('vi')!r}, "
        f"received_at={_moment(self.received_at)}, counted={len(self.counted)}, "
        f"skipped={len(self.skipped)}{flag})"
    )


def _status_row(s: DayStatus) -> tuple[str, ...]:
    mark = f' <span class="prov">({_m("h.provisional_lower")})</span>' if s.provisional else ""
    return (
        _e(f"{s.day:%d/%m/%Y}"),
        f'<span title="{_e(s.name_en if _lang() == "vi" else s.name_vi)}">'
        f"{_e(s.name_vi if _lang() == 'vi' else s.name_en)}</span>{mark}",
        _cited(s.citation),
    )


def due_date_html(self: DueDate) -> str:
    """The appointment, then each skipped day with its reason and citation."""
    lang = _lang()
    flag = f" — {_m('h.provisional')}" if self.provisional else ""
    head = "<p>" + _e(
        _m(
            "h.d.due_line",
            at=due_text(self),
            limit=self.limit.label(lang),
            received=f"{self.received_at:%H:%M %d/%m/%Y}",
        )
    )
    head += f"{_e(flag)}</p>"
    heads = (_m("h.d.day"), _m("h.d.reason"), _m("h.d.basis"))
    skipped = _table((_status_row(s.status) for s in self.skipped), heads)
    notes = "".join(f'<li title="{_e(n)}">{_e(render(n, lang))}</li>' for n in self.notes)
    return _box(_e(_m("h.due")), head + skipped + f"<ul>{notes}</ul>")


# --------------------------------------------------------------------------- #
# Classification
# --------------------------------------------------------------------------- #


def _cited(citation: str) -> str:
    """A citation in the display's language (Vietnamese: the English text in a tooltip)."""
    if _lang() == "en":
        return _e(citation)
    return f'<span title="{_e(citation)}">{_e(cite(citation, "vi") or citation)}</span>'


def _verdict(c: Any) -> str:
    key = "h.passed" if c.passed else ("h.unknown" if not c.known else "h.failed")
    return _m(key)


def _level_text(self: Classification) -> str:
    level = self.level
    if level is None:
        return "None"
    return repr(level.value)


def classification_repr(self: Classification) -> str:
    """``Classification(on=2026-07-01, regime='decree_224_2026', level='partial', passed=5/10)``."""
    passed = sum(1 for c in self.criteria if c.passed)
    return _fit(
        f"Classification(on={self.on.isoformat()}, regime={self.regime.value!r}, "
        f"level={_level_text(self)}, passed={passed}/{len(self.criteria)}, "
        f"findings={len(self.findings)})"
    )


def classification_html(self: Classification) -> str:
    """The regime, the level and each criterion with its citation."""
    rows = (
        (
            "✓" if c.passed else ("?" if not c.known else "✗"),
            f'<span title="{_e(c.criterion.en)}">{_e(c.criterion.vi)}</span>'
            if _lang() == "vi"
            else _e(c.criterion.en),
            f'<span title="{_e(c.explanation)}">{_e(_verdict(c))}</span>',
            _cited(str(c.citation)),
        )
        for c in self.criteria
    )
    title = f"{_e(self.regime.label(_lang()))} ({self.on:%d/%m/%Y}): {_e(_level_text(self))}"
    heads = ("", _m("h.d.criterion"), _m("h.d.verdict"), _m("h.d.basis"))
    return _box(title, _table(rows, heads))


# --------------------------------------------------------------------------- #
# DossierStatus, Metrics
# --------------------------------------------------------------------------- #


def status_repr(self: DossierStatus) -> str:
    """``DossierStatus(state='processing', as_of=…, due=…, open_status='in_time', days_left=3)``."""
    due = None if self.due is None else _moment(self.due.at)
    open_status = None if self.open_status is None else self.open_status.value
    outcome = None if self.outcome is None else self.outcome.value
    return _fit(
        f"DossierStatus(state={self.state.value!r}, as_of={_moment(self.as_of)}, due={due}, "
        f"open_status={open_status!r}, outcome={outcome!r}, "
        f"working_days_left={self.working_days_left})"
    )


def status_html(self: DossierStatus) -> str:
    """State, appointment, in time or overdue, days left."""
    lang = _lang()
    rows: list[tuple[str, str]] = [(_m("h.d.state"), _e(self.state.label(lang)))]
    rows.append((_m("h.d.as_of"), _e(f"{self.as_of:%H:%M %d/%m/%Y}")))
    if self.original_due is not None:
        rows.append((_m("h.d.appointment"), _e(due_text(self.original_due))))
    if (
        self.due is not None
        and self.original_due is not None
        and self.due.at != self.original_due.at
    ):
        rows.append((_m("h.d.current_due"), _e(due_text(self.due))))
    if self.open_status is not None:
        rows.append((_m("h.d.open_status"), _e(self.open_status.label(lang))))
    if self.outcome is not None:
        rows.append((_m("h.d.outcome"), _e(self.outcome.label(lang))))
    left = self.working_days_left
    if left is not None and self.outcome is None:
        text = _m("h.overdue_by", n=-left) if left < 0 else _m("h.days_left", n=left)
        rows.append((_m("h.d.time"), _e(text)))
    return _box(_e(_m("h.d.status_title")), _table(rows))


_METRIC_LABELS = (
    ("received", "Tiếp nhận"),
    ("resolved", "Đã giải quyết"),
    ("early", "Trước hạn"),
    ("on_time", "Đúng hạn"),
    ("late", "Trễ hạn"),
    ("open_in_time", "Đang giải quyết, trong hạn"),
    ("open_overdue", "Đang giải quyết, quá hạn"),
    ("stopped", "Dừng xử lý"),
    ("online", "Trực tuyến"),
    ("full_online", "Toàn trình"),
    ("postal", "Bưu chính"),
    ("in_person", "Trực tiếp"),
)


def metrics_repr(self: Metrics) -> str:
    """``Metrics(received=10, resolved=7, early=2, on_time=4, late=1, open_overdue=1, …)``."""
    parts = ", ".join(f"{name}={getattr(self, name)}" for name, _ in _METRIC_LABELS)
    return _fit(f"Metrics({parts})")


def metrics_html(self: Metrics) -> str:
    """The counts as a two-column table, with the on-time rate."""
    rows: list[tuple[str, str]] = [
        (f'<span title="{name}">{_e(_m(f"h.m.{name}"))}</span>', _e(getattr(self, name)))
        for name, _label in _METRIC_LABELS
    ]
    rate = self.on_time_rate
    if rate is not None:
        rows.append((_e(_m("h.m.on_time_rate")), f"{rate:.1%}"))
    return _box(_e(_m("h.d.metrics_title")), _table(rows))


# --------------------------------------------------------------------------- #
# Calendar month / year
# --------------------------------------------------------------------------- #


def month_html(statuses: Sequence[DayStatus]) -> str:
    """A month grid (Monday first); days off in red with their name and citation."""
    first = statuses[0].day
    cells: list[str] = ["<td></td>"] * first.weekday()
    for s in statuses:
        title = _e(f"{s.name_vi} — {s.citation}")
        cls = "off" if not s.working else ("prov" if s.provisional else "")
        cells.append(f'<td class="{cls}" title="{title}">{s.day.day}</td>')
    cells += ["<td></td>"] * (-len(cells) % 7)
    weeks = ["".join(cells[i : i + 7]) for i in range(0, len(cells), 7)]
    head = "".join(f"<th>{d}</th>" for d in ("T2", "T3", "T4", "T5", "T6", "T7", "CN"))
    body = "".join(f"<tr>{w}</tr>" for w in weeks)
    working = sum(1 for s in statuses if s.working)
    text = _m("h.d.month_caption", month=first.month, year=first.year, n=working)
    caption = f"<caption>{_e(text)}</caption>"
    return f"<table>{caption}<tr>{head}</tr>{body}</table>"


def month_text(statuses: Sequence[DayStatus]) -> str:
    """A plain-text month grid; ``*`` marks a day off, ``+`` a make-up working weekend day."""
    first = statuses[0].day
    lines = [f"{first.month:02d}/{first.year}", "T2  T3  T4  T5  T6  T7  CN"]
    cells = ["    "] * first.weekday()
    for s in statuses:
        mark = "*" if not s.working and s.day.weekday() < 5 else ""
        mark = "+" if s.working and s.day.weekday() >= 5 else mark
        cells.append(f"{s.day.day:>2}{mark:<2}")
    for i in range(0, len(cells), 7):
        lines.append("".join(cells[i : i + 7]).rstrip())
    return "\n".join(lines)


def calendar_html(months: Sequence[Sequence[DayStatus]], title: str) -> str:
    """A year (or one month) of grids, with the year's days off listed and cited."""
    grids = "".join(
        f'<div style="display:inline-block;margin:4px">{month_html(m)}</div>' for m in months
    )
    off = [s for m in months for s in m if not s.working and s.reason.value != "weekly_rest"]
    listed = _table(
        (_status_row(s) for s in off), (_m("h.d.day_off"), _m("h.d.reason"), _m("h.d.basis"))
    )
    return _box(_e(title), grids + listed)


for _name, _short_view, _html_view in (
    ("Procedure", procedure_repr, procedure_html),
    ("DueDate", due_date_repr, due_date_html),
    ("Classification", classification_repr, classification_html),
    ("DossierStatus", status_repr, status_html),
    ("Metrics", metrics_repr, metrics_html),
):
    _views.register(_name, _short_view, _html_view)
