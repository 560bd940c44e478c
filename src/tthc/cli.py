"""The ``tthc`` command: a thin shell over the public API.

Commands (``tthc COMMAND --help`` for each):

- ``tthc due RECEIVED LIMIT``: when the result is due, with every skipped day
  and its citation (:func:`tthc.due_date`, :func:`tthc.parse_time_limit`);
- ``tthc calendar YEAR``: the weekdays off and make-up weekend days of a year
  (:func:`tthc.official_calendar`);
- ``tthc show CODE``: a procedure from the embedded catalogue (or
  ``--catalogue FILE``, as for ``level``);
- ``tthc search TEXT``: procedures by name, case and diacritics ignored
  (:meth:`tthc.catalogue.Catalogue.search`);
- ``tthc level CODE --on DATE``: its online service level under the regime in
  force on a date (:func:`tthc.levels.classify`);
- ``tthc check DOSSIER.json``: what a dossier lacks, its status and timeline
  (:mod:`tthc.dossiers`);
- ``tthc parse-limit TEXT``: how a published time limit is read;
- ``tthc coverage FILE``: how much of a file of portal records is read, per
  field, and why not the rest (:func:`tthc.sources.coverage.measure`).

Every command takes ``--lang vi|en`` (labels; default ``vi``) and ``--json``
(machine-readable output). Moments without a UTC offset are Vietnamese local
time (Asia/Ho_Chi_Minh): the command line says so in its contract, unlike the
library, which never assumes a timezone.

Exit codes: 0 success; 1 the input was understood but refers to nothing (an
unknown procedure code or dossier case, a date with no rule in force); 2 bad
usage or unreadable input (the message on stderr names what and where). A
:class:`~tthc.errors.ProvisionalCalendarWarning` is printed as a note in the
output, never raised.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

from tthc import catalogue
from tthc._labels import Lang
from tthc._version import __version__
from tthc.deadlines import (
    CLOCK_POLICIES,
    MAX_YEAR,
    MIN_YEAR,
    OFFICE_HOURS_PRESETS,
    VIETNAM,
    DayStatus,
    DueDate,
    EndOfDay,
    OfficeHours,
    WorkingCalendar,
    due_date,
    official_calendar,
)
from tthc.dossiers import ItemStatus, check_submission, status, timeline
from tthc.errors import (
    NoRuleInForceError,
    ParseError,
    ProvisionalCalendarWarning,
    TthcError,
    UnknownCodeError,
    ValidationError,
)
from tthc.levels import classify
from tthc.model import AdministrativeTier, Dossier, OnlineMode, Procedure, TimeLimit, TimeUnit
from tthc.serialization import from_json, to_dict, to_json
from tthc.sources import parse_time_limit

__all__ = ["main"]

T = TypeVar("T")

_HEADINGS: dict[str, tuple[str, str]] = {
    "code": ("Mã thủ tục", "Code"),
    "tiers": ("Cấp thực hiện", "Tier"),
    "sector": ("Lĩnh vực", "Sector"),
    "decision": ("Số quyết định", "Publishing decision"),
    "steps": ("Trình tự thực hiện", "Steps"),
    "methods": ("Cách thức thực hiện", "Methods"),
    "dossier": ("Thành phần hồ sơ", "Dossier components"),
    "applicants": ("Đối tượng thực hiện", "Applicants"),
    "agencies": ("Cơ quan thực hiện", "Implementing agency"),
    "results": ("Kết quả thực hiện", "Results"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "sources": ("Nguồn", "Sources"),
    "free": ("Miễn phí", "Free"),
    "originals": ("bản chính", "original(s)"),
    "copies": ("bản sao", "copy(ies)"),
    "optional": ("khi có", "when applicable"),
    # tthc due
    "due": ("Hạn trả kết quả", "Result due"),
    "limit": ("Thời hạn giải quyết", "Time limit"),
    "received": ("Thời điểm tiếp nhận", "Received"),
    "start": ("Bắt đầu tính", "Counting starts"),
    "counted": ("Ngày được tính", "Days counted"),
    "skipped": ("Ngày nghỉ không tính", "Days off skipped"),
    "rules": ("Cách tính (quy tắc đã áp dụng)", "How it was counted (rules applied)"),
    "hours": ("Giờ làm việc", "Office hours"),
    "alternatives": ("Trường hợp khác (không dùng ở đây)", "Other cases (not used here)"),
    "assumptions": ("Giả định khi đọc thời hạn", "Assumptions in reading the limit"),
    "notes": ("Ghi chú", "Notes"),
    "provisional": ("TẠM TÍNH", "PROVISIONAL"),
    "time_assumed": (
        "Không có giờ tiếp nhận: lấy giờ mở cửa",
        "No time of receipt given: taken as opening time",
    ),
    "vietnam_time": ("giờ Việt Nam", "Vietnam time"),
    # tthc calendar
    "calendar": ("Lịch làm việc năm", "Working calendar"),
    "days_off": ("Ngày nghỉ rơi vào thứ Hai–thứ Sáu", "Weekdays off"),
    "make_up": ("Ngày làm bù (thứ Bảy, Chủ nhật đi làm)", "Make-up working days (weekends worked)"),
    "working_total": ("Tổng số ngày làm việc", "Working days in the year"),
    "none": ("không có", "none"),
    "announced_until": ("Lịch đã công bố đến", "Announced until"),
    # tthc level
    "on": ("Ngày xét", "Judged on"),
    "regime": ("Văn bản quy định", "Regime's source"),
    # tthc check
    "case": ("Trường hợp", "Case"),
    "check": ("Kiểm tra thành phần hồ sơ", "Submission check"),
    "complete": ("Hồ sơ đủ thành phần", "The dossier is complete"),
    "unmatched": ("Giấy tờ không khớp thành phần nào", "Documents matching no component"),
    "as_of": ("Tình trạng tại thời điểm", "Status as of"),
    "not_received": (
        "Chưa tiếp nhận (chưa có Giấy tiếp nhận, Mẫu 01): chưa có hạn giải quyết",
        "Not received yet (no receipt slip, Form 01): no due date",
    ),
    "days_left": ("Số ngày làm việc còn lại", "Working days left"),
    # tthc parse-limit
    "ordinary": ("Thời hạn thông thường", "Ordinary limit"),
    "cases": ("Các trường hợp khác", "Other cases"),
}

_WEEKDAYS: dict[Lang, tuple[str, ...]] = {
    "vi": ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

_ITEM_MARKS = {
    ItemStatus.PROVIDED: "✓",
    ItemStatus.REUSED: "✓",
    ItemStatus.MISSING: "✗",
    ItemStatus.INSUFFICIENT: "✗",
    ItemStatus.NOT_NEEDED: "–",
}


class _InputError(Exception):
    """Input the command cannot read (a missing file, bad JSON text): exit code 2."""


def _h(key: str, lang: Lang) -> str:
    vi, en = _HEADINGS[key]
    return vi if lang == "vi" else en


def _day(d: dt.date, lang: Lang) -> str:
    """``thứ Năm 26/11/2026`` (Vietnamese day-first order in both languages)."""
    return f"{_WEEKDAYS[lang][d.weekday()]} {d:%d/%m/%Y}"


def _moment(at: dt.datetime, lang: Lang) -> str:
    """``17:00 thứ Năm 26/11/2026`` in Vietnamese time."""
    local = at.astimezone(VIETNAM)
    return f"{local:%H:%M} {_day(local.date(), lang)}"


def _due_moment(due: DueDate, lang: Lang) -> str:
    """The due moment; a period ending at midnight reads ``24:00`` of its last day."""
    local = due.at.astimezone(VIETNAM)
    if local.time() == dt.time(0) and local.date() == due.last_day + dt.timedelta(days=1):
        return f"24:00 {_day(due.last_day, lang)}"
    return _moment(local, lang)


def _write_json(out: TextIO, data: Any) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _capture(compute: Callable[[], T]) -> tuple[T, list[str]]:
    """Run ``compute``, collecting provisional-calendar warnings as notes.

    Other warnings are passed on unchanged.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ProvisionalCalendarWarning)
        result = compute()
    notes: list[str] = []
    for w in caught:
        if issubclass(w.category, ProvisionalCalendarWarning):
            notes.append(str(w.message))
        else:  # pragma: no cover - tthc emits no other warning here
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result, list(dict.fromkeys(notes))


# --------------------------------------------------------------------------- #
# Reading arguments
# --------------------------------------------------------------------------- #

_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
_DMY = re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?:[ T](?P<t>\d{1,2}:\d{2}))?")
_MOMENT_FORMS = (
    "'YYYY-MM-DD HH:MM' (Vietnamese time), an ISO 8601 moment with offset "
    "('2026-11-20T10:00+07:00'), 'DD/MM/YYYY HH:MM', or a bare date 'YYYY-MM-DD'"
)


def _moment_or_date(text: str) -> dt.datetime | dt.date:
    """A moment (naive input read as Asia/Ho_Chi_Minh) or, for a bare date, the date.

    Raises :class:`~tthc.errors.ParseError` naming the accepted forms.
    """
    value = text.strip()
    m = _DMY.fullmatch(value)
    try:
        if m is not None:
            day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            if m["t"] is None:
                return day
            hour, minute = (int(part) for part in m["t"].split(":"))
            return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=VIETNAM)
        if _BARE_DATE.fullmatch(value):
            return dt.date.fromisoformat(value)
        if not _ISO_MOMENT.match(value):  # fromisoformat also reads '20261120' as midnight
            raise ValueError(value)
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ParseError(text, _MOMENT_FORMS, what="moment") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=VIETNAM)


def _moment_arg(text: str) -> dt.datetime:
    """An argparse type: a moment with a time of day (a bare date is refused)."""
    try:
        value = _moment_or_date(text)
    except ParseError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    if not isinstance(value, dt.datetime):
        raise argparse.ArgumentTypeError(
            f"{text!r} has no time of day: give 'YYYY-MM-DD HH:MM' (Vietnamese time)"
        )
    return value


def _date_arg(text: str) -> dt.date:
    """An argparse type: a date, ``YYYY-MM-DD`` or ``DD/MM/YYYY``."""
    try:
        value = _moment_or_date(text)
    except ParseError:
        value = None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise argparse.ArgumentTypeError(
        f"cannot read {text!r} as a date: expected 'YYYY-MM-DD' or 'DD/MM/YYYY'"
    )


def _year_arg(text: str) -> int:
    """A year the calendar can cover."""
    if not re.fullmatch(r"\d{4}", text.strip()) or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"cannot read {text!r} as a year: expected {MIN_YEAR}–{MAX_YEAR}"
        )
    return int(text)


def _read_text(path: str, what: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise _InputError(f"cannot read {what} {path!r}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise _InputError(f"cannot read {what} {path!r}: not UTF-8 text ({e.reason})") from None


def _calendar(args: argparse.Namespace, *, year: int | None = None) -> WorkingCalendar:
    """The official calendar with the command's options (culture day, a data file)."""
    last = max(2035, year) if year is not None else 2035
    cal = official_calendar(culture_day=not args.no_culture_day, last_year=last)
    if args.calendar is None:
        return cal
    try:
        return cal.with_file(args.calendar)
    except OSError as e:
        raise _InputError(
            f"cannot read calendar file {args.calendar!r}: {e.strerror or e}"
        ) from None
    except TthcError:
        raise
    except ValueError as e:  # JSON or TOML syntax
        raise _InputError(f"cannot read calendar file {args.calendar!r}: {e}") from None


# --------------------------------------------------------------------------- #
# tthc show
# --------------------------------------------------------------------------- #


def _format_procedure(p: Procedure, sources: Sequence[str], lang: Lang) -> str:
    lines = [p.name, "=" * len(p.name), f"{_h('code', lang)}: {p.code}"]
    if p.tiers:
        lines.append(f"{_h('tiers', lang)}: {', '.join(t.label(lang) for t in p.tiers)}")
    if p.sector:
        lines.append(f"{_h('sector', lang)}: {p.sector}")
    if p.decision:
        lines.append(f"{_h('decision', lang)}: {p.decision}")
    if p.steps:
        lines += ["", f"{_h('steps', lang)}:"]
        lines += [f"  {i}. {step}" for i, step in enumerate(p.steps, 1)]
    if p.methods:
        lines += ["", f"{_h('methods', lang)}:"]
        for m in p.methods:
            limits = "; ".join(limit.label(lang) for limit in m.time_limits)
            fees = ", ".join(
                f"{fee.name} {fee.amount:,} đ".replace(",", ".")
                if fee.amount
                else f"{fee.name}: {_h('free', lang)}"
                for fee in m.fees
            )
            lines.append(f"  - {m.channel.label(lang)}: {limits}" + (f" | {fees}" if fees else ""))
    for case in p.dossier_cases:
        title = _h("dossier", lang) + (f" ({case.name})" if case.name else "")
        lines += ["", f"{title}:"]
        for c in case.components:
            counts = f"{c.originals} {_h('originals', lang)}, {c.copies} {_h('copies', lang)}"
            form = f" [{c.form}]" if c.form else ""
            optional = f" ({_h('optional', lang)})" if not c.required or c.condition else ""
            lines.append(f"  - {c.name}{form}: {counts}{optional}")
    for key, values in (
        ("applicants", p.applicants),
        ("agencies", tuple(a.name for a in p.implementing_agencies)),
        ("results", p.results),
        (
            "legal_basis",
            tuple(f"{ref.title} {ref}" if ref.title else str(ref) for ref in p.legal_basis),
        ),
        ("sources", tuple(sources)),
    ):
        if values:
            lines += ["", f"{_h(key, lang)}:"] + [f"  - {v}" for v in values]
    return "\n".join(lines)


def _show(args: argparse.Namespace, out: TextIO) -> int:
    if getattr(args, "catalogue", None):
        procedure, sources = _load_catalogue(args.catalogue).get(args.code), [args.catalogue]
    else:
        record = catalogue.entry(args.code)
        procedure, sources = record.procedure, list(record.sources)
    if args.json:
        out.write(to_json(procedure, indent=2) + "\n")
    else:
        out.write(_format_procedure(procedure, sources, args.lang) + "\n")
    return 0


# --------------------------------------------------------------------------- #
# tthc due
# --------------------------------------------------------------------------- #


def _receipt(text: str, limit: TimeLimit, hours: OfficeHours) -> tuple[dt.datetime, bool]:
    """The receipt moment, and whether its time was taken as the opening time."""
    try:
        value = _moment_or_date(text)
    except ParseError as e:
        raise ParseError(text, e.expected, what="receipt moment (RECEIVED)") from None
    if isinstance(value, dt.datetime):
        return value, False
    if limit.unit is TimeUnit.WORKING_HOURS or limit.cutoff is not None:
        why = (
            "a limit in working hours"
            if limit.unit is TimeUnit.WORKING_HOURS
            else f"a limit with a {limit.cutoff:%H:%M} cut-off"
        )
        raise ParseError(
            text,
            f"a time of receipt as well ('YYYY-MM-DD HH:MM'): {why} depends on it",
            what="receipt moment (RECEIVED)",
        )
    return dt.datetime.combine(value, hours.opening, tzinfo=VIETNAM), True


def _status_json(status_: DayStatus) -> dict[str, Any]:
    return {
        "date": status_.day.isoformat(),
        "weekday": status_.day.isoweekday(),
        "reason": status_.reason.value,
        "name_vi": status_.name_vi,
        "name_en": status_.name_en,
        "citation": status_.citation,
        "provisional": status_.provisional,
    }


def _hours_text(hours: OfficeHours) -> str:
    (a, b), (c, d) = hours.sessions
    text = f"{a:%H:%M}–{b:%H:%M}, {c:%H:%M}–{d:%H:%M}"
    source = "; ".join(part for part in (hours.name, hours.citation) if part)
    return text + (f" ({source})" if source else "")


def _days_text(days: Sequence[dt.date], lang: Lang) -> str:
    if len(days) <= 10:
        return ", ".join(_day(d, lang) for d in days)
    return f"{len(days)}: {_day(days[0], lang)} … {_day(days[-1], lang)}"


def _due(args: argparse.Namespace, out: TextIO) -> int:
    lang: Lang = args.lang
    parsed = parse_time_limit(args.limit)
    limit = parsed.ordinary
    hours = OfficeHours() if args.hours == "default" else OFFICE_HOURS_PRESETS[args.hours]
    received, assumed = _receipt(args.received, limit, hours)
    cal = _calendar(args)
    policy = None
    if args.end_of_day is not None:
        in_force = CLOCK_POLICIES.at(received.astimezone(VIETNAM).date()).value
        policy = in_force.evolve(
            end_of_day=EndOfDay.MIDNIGHT
            if args.end_of_day == "midnight"
            else EndOfDay.CLOSE_OF_OFFICE_HOURS
        )
    due, warned = _capture(
        lambda: due_date(received, limit, calendar=cal, hours=hours, policy=policy)
    )
    if args.json:
        _write_json(
            out,
            {
                "due": due.at.isoformat(),
                "last_day": due.last_day.isoformat(),
                "received_at": due.received_at.isoformat(),
                "time_assumed": assumed,
                "start": due.start.isoformat(),
                "provisional": due.provisional,
                "warnings": warned,
                "limit": to_dict(limit),
                "limit_text": limit.label(lang),
                "alternatives": [to_dict(a) for a in parsed.alternatives],
                "assumptions": list(parsed.assumptions),
                "policy": to_dict(due.policy),
                "hours": to_dict(hours),
                "counted": [d.isoformat() for d in due.counted],
                "skipped": [_status_json(s.status) for s in due.skipped],
                "notes": list(due.notes),
            },
        )
        return 0
    flag = f" [{_h('provisional', lang)}]" if due.provisional else ""
    lines = [
        f"{_h('due', lang)}: {_due_moment(due, lang)}{flag}",
        f"{_h('limit', lang)}: {limit.label(lang)}",
        f"{_h('received', lang)}: {_moment(due.received_at, lang)} "
        f"({_h('vietnam_time', lang)}, Asia/Ho_Chi_Minh)",
    ]
    if assumed:
        lines.append(f"  ({_h('time_assumed', lang)} {hours.opening:%H:%M})")
    lines.append(f"{_h('start', lang)}: {_moment(due.start, lang)}")
    if due.counted:
        lines.append(f"{_h('counted', lang)}: {_days_text(due.counted, lang)}")
    if due.skipped:
        lines.append(f"{_h('skipped', lang)}:")
        for s in due.skipped:
            mark = "" if not s.status.provisional else f" ({_h('provisional', lang).lower()})"
            lines.append(
                f"  - {_day(s.day, lang)}: {s.status.name(lang)}{mark} [{s.status.citation}]"
            )
    lines.append(f"{_h('hours', lang)}: {_hours_text(hours)}")
    lines.append(f"{_h('rules', lang)}:")
    lines += [f"  - {note}" for note in due.notes]
    if parsed.assumptions:
        lines.append(f"{_h('assumptions', lang)}:")
        lines += [f"  - {a}" for a in parsed.assumptions]
    if parsed.alternatives:
        lines.append(f"{_h('alternatives', lang)}:")
        lines += [f"  - {a.label(lang)}" for a in parsed.alternatives]
    if warned:
        lines.append(f"{_h('provisional', lang)}:")
        lines += [f"  - {w}" for w in warned]
    out.write("\n".join(lines) + "\n")
    return 0


# --------------------------------------------------------------------------- #
# tthc calendar
# --------------------------------------------------------------------------- #


def _calendar_cmd(args: argparse.Namespace, out: TextIO) -> int:
    lang: Lang = args.lang
    year: int = args.year
    cal = _calendar(args, year=year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    statuses = [cal.explain(first + dt.timedelta(days=k)) for k in range((last - first).days + 1)]
    # Only the days whose status differs from the weekly rule (Mon–Fri worked).
    off = [s for s in statuses if not s.working and s.day.weekday() < 5]
    make_up = [s for s in statuses if s.working and s.day.weekday() >= 5]
    provisional = cal.span_is_provisional(first, last)
    working = sum(1 for s in statuses if s.working)
    if args.json:
        _write_json(
            out,
            {
                "year": year,
                "provisional": provisional,
                "announced_until": cal.announced_until.isoformat(),
                "working_days": working,
                "days_off": [_status_json(s) for s in off],
                "make_up_days": [_status_json(s) for s in make_up],
            },
        )
        return 0
    flag = f" [{_h('provisional', lang)}]" if provisional else ""
    lines = [f"{_h('calendar', lang)} {year}{flag}"]
    if provisional:
        lines.append(
            f"{_h('announced_until', lang)} {cal.announced_until:%d/%m/%Y}. "
            + (
                "Các ngày sau đó được suy ra từ Bộ luật Lao động 2019 Điều 111–112; Thủ tướng "
                "có thể quyết định khác (ngày Tết, hoán đổi ngày làm việc)."
                if lang == "vi"
                else "Later days are projected from Labour Code 2019 Art. 111–112; the Prime "
                "Minister may still fix Tết or swap days differently."
            )
        )
    for key, group in (("days_off", off), ("make_up", make_up)):
        lines.append(f"{_h(key, lang)} ({len(group)}):")
        if not group:
            lines.append(f"  ({_h('none', lang)})")
        for s in group:
            mark = f" ({_h('provisional', lang).lower()})" if s.provisional else ""
            lines.append(f"  - {_day(s.day, lang)}: {s.name(lang)}{mark} [{s.citation}]")
    lines.append(f"{_h('working_total', lang)}: {working}")
    out.write("\n".join(lines) + "\n")
    return 0


# --------------------------------------------------------------------------- #
# tthc level
# --------------------------------------------------------------------------- #


def _level(args: argparse.Namespace, out: TextIO) -> int:
    lang: Lang = args.lang
    procedure = _procedure(args)
    result = classify(procedure, on=args.on)
    if args.json:
        level = result.level
        _write_json(
            out,
            {
                "code": str(procedure.code),
                "name": procedure.name,
                "level": None if level is None else level.value,
                **to_dict(result),
            },
        )
        return 0
    lines = [
        f"{procedure.name} ({procedure.code})",
        f"{_h('on', lang)}: {result.on:%d/%m/%Y}",
        f"{_h('regime', lang)}: {result.regime_citation}",
        result.explain(lang),
    ]
    if result.notes:
        lines.append(f"{_h('notes', lang)}:")
        lines += [f"  - {n}" for n in result.notes]
    out.write("\n".join(lines) + "\n")
    return 0


# --------------------------------------------------------------------------- #
# tthc check
# --------------------------------------------------------------------------- #


def _check(args: argparse.Namespace, out: TextIO) -> int:
    lang: Lang = args.lang
    text = _read_text(args.dossier, "dossier file")
    try:
        dossier = from_json(Dossier, text)
    except (ParseError, ValidationError) as e:
        raise _InputError(f"{args.dossier}: {e}") from None
    as_of: dt.datetime = args.as_of if args.as_of is not None else dt.datetime.now(VIETNAM)
    checked = check_submission(dossier)
    (state, view), warned = _capture(
        lambda: (status(dossier, as_of), timeline(dossier, as_of, lang=lang))
    )
    p = dossier.procedure
    if args.json:
        tags = [to_dict(e)["event"] for e in dossier.events]
        _write_json(
            out,
            {
                "procedure": {"code": str(p.code), "name": p.name},
                "dossier_code": None if dossier.code is None else str(dossier.code),
                "case": checked.case.name,
                "complete": checked.complete,
                "items": [
                    {
                        "component": i.component.name,
                        "status": i.status.value,
                        "required": i.component.required,
                        "reason": i.reason,
                        "citation": i.citation,
                    }
                    for i in checked.items
                ],
                "to_request": [i.component.name for i in checked.to_request],
                "unmatched": [c.name for c in checked.unmatched],
                "findings": [to_dict(f) for f in checked.findings],
                "as_of": as_of.isoformat(),
                "state": state.state.value,
                "received_at": None
                if dossier.received_at is None
                else dossier.received_at.isoformat(),
                "due": None if state.due is None else state.due.at.isoformat(),
                "last_day": None if state.due is None else state.due.last_day.isoformat(),
                "original_due": None
                if state.original_due is None
                else state.original_due.at.isoformat(),
                "open_status": None if state.open_status is None else state.open_status.value,
                "outcome": None if state.outcome is None else state.outcome.value,
                "working_days_left": state.working_days_left,
                "provisional": state.provisional,
                "warnings": warned,
                "timeline": [
                    {"at": e.at.isoformat(), "event": tag, "label": row[1], "form": row[2] or None}
                    for e, tag, row in zip(dossier.events, tags, view.rows(), strict=True)
                ],
            },
        )
        return 0
    head = f"{p.name} ({p.code})"
    if dossier.code is not None:
        head += f" — {dossier.code}"
    lines = [head]
    if checked.case.name:
        lines.append(f"{_h('case', lang)}: {checked.case.name}")
    lines.append(f"{_h('check', lang)}:")
    for item in checked.items:
        cite = f" [{item.citation}]" if item.citation else ""
        lines.append(
            f"  {_ITEM_MARKS[item.status]} {item.component.name}: {item.status.label(lang)} "
            f"({item.reason}){cite}"
        )
    if checked.complete:
        lines.append(f"{_h('complete', lang)}.")
    else:
        lines.append(checked.request_text(lang))
    if checked.unmatched:
        lines.append(f"{_h('unmatched', lang)}:")
        lines += [f"  - {c.name}" for c in checked.unmatched]
    lines += [f"  ! {f.message}" for f in checked.findings if f.code != "unknown-component"]
    lines += ["", f"{_h('as_of', lang)}: {_moment(as_of, lang)}"]
    if dossier.received_at is None:
        lines.append(_h("not_received", lang))
    # The timeline's first line repeats the procedure; the rest is the events and status.
    lines += str(view).splitlines()[1:]
    if state.working_days_left is not None:
        lines.append(f"{_h('days_left', lang)}: {state.working_days_left}")
    if warned:
        lines.append(f"{_h('provisional', lang)}:")
        lines += [f"  - {w}" for w in warned]
    out.write("\n".join(lines) + "\n")
    return 0


# --------------------------------------------------------------------------- #
# tthc parse-limit
# --------------------------------------------------------------------------- #


def _parse_limit(args: argparse.Namespace, out: TextIO) -> int:
    lang: Lang = args.lang
    parsed = parse_time_limit(args.text)
    if args.json:
        _write_json(out, to_dict(parsed))
        return 0
    lines = [f"{_h('ordinary', lang)}: {parsed.ordinary.label(lang)}"]
    if parsed.alternatives:
        lines.append(f"{_h('cases', lang)}:")
        lines += [f"  - {a.label(lang)}" for a in parsed.alternatives]
    for key, values in (("assumptions", parsed.assumptions), ("notes", parsed.notes)):
        if values:
            lines.append(f"{_h(key, lang)}:")
            lines += [f"  - {v}" for v in values]
    out.write("\n".join(lines) + "\n")
    return 0


# --------------------------------------------------------------------------- #
# The parser
# --------------------------------------------------------------------------- #

_DUE_EPILOG = """\
RECEIVED is Vietnamese local time: 'YYYY-MM-DD HH:MM' or 'DD/MM/YYYY HH:MM' is
read as Asia/Ho_Chi_Minh (UTC+7); an ISO 8601 moment with an offset is
converted to it. A bare date means the desk's opening time on that day (said
in the output); it is refused for limits in working hours or with a cut-off,
which depend on the time of receipt.

LIMIT is the published text, read by tthc.parse_time_limit; the ordinary limit
is used and the other cases are listed (pass their text to use one).

examples:
  tthc due "2026-11-20 10:00" "3 ngày làm việc"
  tthc due "2026-02-12 15:30" "Không quá 05 ngày làm việc" --json
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tthc",
        description="Vietnamese administrative procedures (thủ tục hành chính): "
        "catalogue, working calendar and deadlines.",
        epilog="exit codes: 0 success; 1 unknown code or nothing in force; "
        "2 bad usage or unreadable input",
    )
    parser.add_argument("--version", action="version", version=f"tthc {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("vi", "en"), default="vi", help="label language")
    common.add_argument("--json", action="store_true", help="machine-readable JSON output")
    calendar_options = argparse.ArgumentParser(add_help=False)
    calendar_options.add_argument(
        "--no-culture-day",
        action="store_true",
        help="the calendar as published before Vietnam Culture Day (24/11) became a day off",
    )
    calendar_options.add_argument(
        "--calendar",
        metavar="FILE",
        help="add announcements and days from a JSON or TOML file (docs: add-announcement)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    show = commands.add_parser(
        "show", parents=[common], help="print a procedure from the embedded catalogue"
    )
    show.add_argument("code", help="TTHC code, e.g. 1.004222")
    _catalogue_option(show)
    show.set_defaults(handler=_show)

    due = commands.add_parser(
        "due",
        parents=[common, calendar_options],
        help="when a result is due, with every skipped day and its citation",
        description="When the result of a dossier received at RECEIVED is due under LIMIT.",
        epilog=_DUE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    due.add_argument(
        "received",
        metavar="RECEIVED",
        help="receipt moment, Vietnamese time (Asia/Ho_Chi_Minh) unless an offset is given",
    )
    due.add_argument("limit", metavar="LIMIT", help="published time limit, e.g. '3 ngày làm việc'")
    due.add_argument(
        "--hours",
        choices=("default", *OFFICE_HOURS_PRESETS),
        default="default",
        help="office hours: default 07:30–11:30, 13:00–17:00, or a provincial preset",
    )
    due.add_argument(
        "--end-of-day",
        choices=("close", "midnight"),
        help="when the last day ends: close of office hours (the policy's default) or 24:00 "
        "(Civil Code 2015 Art. 148(6))",
    )
    due.set_defaults(handler=_due)

    calendar = commands.add_parser(
        "calendar",
        parents=[common, calendar_options],
        help="the weekdays off and make-up Saturdays of a year, with citations",
    )
    calendar.add_argument("year", metavar="YEAR", type=_year_arg, help="e.g. 2026")
    calendar.set_defaults(handler=_calendar_cmd)

    level = commands.add_parser(
        "level",
        parents=[common],
        help="a catalogue procedure's online service level on a date, criterion by criterion",
    )
    level.add_argument("code", help="TTHC code, e.g. 1.004222")
    level.add_argument(
        "--on",
        required=True,
        type=_date_arg,
        metavar="DATE",
        help="the date whose regime applies (YYYY-MM-DD or DD/MM/YYYY)",
    )
    _catalogue_option(level)
    level.set_defaults(handler=_level)

    check = commands.add_parser(
        "check",
        parents=[common],
        help="check a dossier (JSON) for missing documents; its status and timeline",
        description="Check a dossier saved as JSON (tthc.serialization; each event carries "
        'its type as "event": "received" …). "-" reads standard input.',
    )
    check.add_argument("dossier", metavar="DOSSIER.json", help="the dossier file, or -")
    check.add_argument(
        "--as-of",
        type=_moment_arg,
        metavar="MOMENT",
        help="status as of this moment, Vietnamese time unless an offset is given (default: now)",
    )
    check.set_defaults(handler=_check)

    parse_limit = commands.add_parser(
        "parse-limit",
        parents=[common],
        help="how a published time limit is read: limits, cases, assumptions",
    )
    parse_limit.add_argument("text", metavar="TEXT", help="e.g. 'Không quá 05 ngày làm việc'")
    parse_limit.set_defaults(handler=_parse_limit)
    _add_search_command(commands, common)
    _add_coverage_command(commands, common)
    return parser


# --------------------------------------------------------------------------- #
# tthc search, --catalogue FILE (issue 11: self-contained, to port as one module)
# --------------------------------------------------------------------------- #


def _load_catalogue(path: str) -> catalogue.Catalogue:
    """A user's catalogue file: tthc JSON, or portal records (JSON, JSONL, gz, xlsx)."""
    try:
        return catalogue.Catalogue.load(path)
    except ImportError as e:  # an xlsx file without the xlsx extra
        raise _InputError(str(e)) from None


def _procedure(args: argparse.Namespace) -> Procedure:
    """The procedure ``args.code`` names, from ``--catalogue FILE`` or the shipped set."""
    if getattr(args, "catalogue", None):
        return _load_catalogue(args.catalogue).get(args.code)
    return catalogue.get(args.code)


def _search(args: argparse.Namespace, out: TextIO) -> int:
    found = (
        _load_catalogue(args.catalogue) if args.catalogue else catalogue.Catalogue.shipped()
    ).search(args.text, sector=args.sector, tier=args.tier, agency=args.agency, mode=args.mode)
    shown = found if args.limit is None else found[: args.limit]
    if args.json:
        rows = [{"code": str(p.code), "name": p.name, "sector": p.sector} for p in shown]
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    for p in shown:
        out.write(f"{p.code}  {p.name}" + (f"  [{p.sector}]" if p.sector else "") + "\n")
    more = len(found) - len(shown)
    if more:
        out.write((f"… {more} thủ tục nữa" if args.lang == "vi" else f"… {more} more") + "\n")
    if not found:
        out.write(
            ("Không tìm thấy thủ tục nào." if args.lang == "vi" else "No procedure found.") + "\n"
        )
    return 0


def _catalogue_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalogue",
        metavar="FILE",
        help="look the code up in FILE (tthc catalogue JSON, or portal records: "
        ".json, .jsonl, .gz, .xlsx) instead of the embedded catalogue",
    )


def _add_search_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    search = commands.add_parser(
        "search",
        parents=[common],
        help="find procedures by name, ignoring case and diacritics",
        description="Procedures whose name contains TEXT (case and diacritics ignored), from "
        "the embedded catalogue or --catalogue FILE (tthc.catalogue.Catalogue.search).",
    )
    search.add_argument("text", metavar="TEXT", help="part of the name, e.g. 'dang ky ket hon'")
    _catalogue_option(search)
    search.add_argument("--sector", help="part of the sector (lĩnh vực)")
    search.add_argument("--tier", choices=[t.value for t in AdministrativeTier])
    search.add_argument("--agency", help="part of an implementing or competent agency's name")
    search.add_argument("--mode", choices=[m.value for m in OnlineMode], help="online mode")
    search.add_argument("--limit", type=int, metavar="N", help="print at most N procedures")
    search.set_defaults(handler=_search)


# --------------------------------------------------------------------------- #
# tthc coverage (issue 11: self-contained, to port as one command module)
# --------------------------------------------------------------------------- #


def _coverage(args: argparse.Namespace, out: TextIO) -> int:
    from tthc.sources.coverage import measure

    try:
        report = measure(args.file, top=args.top)
    except ImportError as e:  # an xlsx file without the xlsx extra
        raise _InputError(str(e)) from None
    if args.json:
        out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(report.render(args.lang) + "\n")
    return 0


def _add_coverage_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    coverage = commands.add_parser(
        "coverage",
        parents=[common],
        help="how much of a file of portal records tthc reads, per field, and why not the rest",
        description="Read FILE (a JSON list or JSON Lines of portal records, plain or gzipped, "
        "or the portal's xlsx list export) and print, per field, the share read fully, partly "
        "and not at all, with the most frequent reasons (tthc.sources.coverage.measure).",
    )
    coverage.add_argument("file", metavar="FILE", help="records: .json, .jsonl, .gz or .xlsx")
    coverage.add_argument(
        "--top", type=int, default=5, metavar="N", help="reasons to list per field (default 5)"
    )
    coverage.set_defaults(handler=_coverage)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code.

    Usage errors exit through :class:`SystemExit` (code 2), as argparse does.

    >>> import io
    >>> buffer = io.StringIO()
    >>> main(["show", "9.999999"], out=buffer)
    1
    >>> main(["due", "2026-11-20 10:00", "3 ngày làm việc"], out=buffer)
    0
    >>> buffer.getvalue().splitlines()[0]
    'Hạn trả kết quả: 17:00 thứ Năm 26/11/2026'
    """
    stream = out if out is not None else sys.stdout
    args = _parser().parse_args(argv)
    try:
        code: int = args.handler(args, stream)
    except (UnknownCodeError, NoRuleInForceError) as e:
        print(f"tthc: {e}", file=sys.stderr)
        return 1
    except (TthcError, _InputError) as e:
        print(f"tthc: {e}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
