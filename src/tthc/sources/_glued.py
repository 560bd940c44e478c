"""Splitting the national portal's tables whose cell boundaries were lost.

Scrapers that take a page's text content get each table as one string, the
cells glued with no separator::

    Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp60 Ngày làm việcMiễn phí…

The functions here split such strings back into cells on what the portal
itself always writes: the column headers, the channel names that start a
method row, the "N bản chính/bản sao" that ends a dossier row, and the
document number that ends a legal-basis row. They only cut where the text
shows a boundary; what they cannot split is returned whole, flagged, for
the reader to keep raw with a finding. Every pattern is linear: no nested or
overlapping quantifiers, and scans are single passes over the text.
"""

from __future__ import annotations

import re

import attrs

from tthc.sources._vocabulary import VOCABULARY

__all__ = [
    "GluedCase",
    "GluedComponent",
    "GluedLegalRow",
    "GluedMethod",
    "document_numbers",
    "split_dossier_table",
    "split_legal_table",
    "split_method_table",
    "split_page_text",
    "split_results",
]


def _alternatives(words: tuple[str, ...]) -> str:
    # Longest first, so "Ngày làm việc" wins over "Ngày".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NONE = re.escape(VOCABULARY.no_information)
_CHANNEL = _alternatives(tuple(VOCABULARY.channels))
# Letters by case, spelled out: in the Latin Extended Additional block (ạ, Ạ, ụ, Ụ…)
# capitals and small letters alternate, so a range like "Ạ-Ỹ" would mix them.
_LETTERS = [chr(c) for c in range(0x41, 0x1EFA) if chr(c).isalpha()]
_UPPER = "A-Z" + "".join(c for c in _LETTERS if c.isupper() and not c.isascii())
_LOWER = "a-z" + "".join(c for c in _LETTERS if c.islower() and not c.isascii())
# A row starts with a channel name glued to its time cell (a digit or a capital);
# inside a description a channel name is followed by a space or ":".
_ROW_START = re.compile(rf"({_CHANNEL})(?=[0-9{_UPPER}])")
_UNIT = _alternatives(VOCABULARY.time_units)
_TIME_WITH_UNIT = re.compile(rf"(\d+(?:[.,]\d+)?) ?({_UNIT})")
_BARE_NUMBER = re.compile(r"\d+")
_CURRENCY = _alternatives(VOCABULARY.currencies)
# One amount: digits grouped by thousands with "," (the portal's own format) or ".", or plain.
_AMOUNT = re.compile(rf"(?:\d{{1,3}}(?:[.,]\d{{3}})+|\d+) ?(?:{_CURRENCY})")
_FREE = re.compile(_alternatives(VOCABULARY.free_fee))
_FEE_START = re.compile(rf"{_NONE}|{_alternatives(VOCABULARY.free_fee)}|(?<!\d){_AMOUNT.pattern}")
_QUANTITY = re.compile(
    r"(\d{1,3}) bản (chính|sao)(?:, ?(\d{1,3}) bản (chính|sao))?(?=$|[^\s.,;:)])"
)
_LONGEST_FORM = 150  # a longer "file name" is text the page glued in, not a form's name
_FILE = re.compile(r"\.(?:docx|doc|pdf|xlsx|xls|odt|rtf|zip|rar)$", re.IGNORECASE)
_FORM_BOUNDARY = re.compile(rf"[;:)]|\.(?=[{_UPPER}])|(?<=[{_LOWER}0-9])(?=[{_UPPER}])")
# A document number as the portal writes it, also when glued to the next word:
# serial / year / type code - issuer, the issuer's letters stopping before a
# capital that starts a word ("…TT-BCALuật" → "TT-BCA").
_QH = rf"[{_UPPER}]*QH\d{{2}}"  # the legislature's number: QH15, UBTVQH15
_ISSUER_PART = rf"(?:TTg|{_QH}|[{_UPPER}]+?(?=[{_UPPER}][{_LOWER}]|[^{_UPPER}]|$)|\d+)"
_DOC_NUMBER = re.compile(
    rf"(?:(?<![\d/])|(?<=QH\d\d))\d{{1,5}}/(?:\d{{4}}/)?(?:{_QH}|[{_UPPER}]+)"
    rf"(?:- ?{_ISSUER_PART}(?:- ?{_ISSUER_PART})*|/{_ISSUER_PART})?"
)


# The words a number cell starts with ("Số 73/2025/TT-NHNN", "Luật số 32/2024/QH15"),
# glued to the end of the title before it.
_NUMBER_CELL_PREFIX = re.compile(
    rf"(?:(?<=[{_LOWER}0-9.)])(?:Luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Pháp lệnh) ?)?"
    r"(?<![^\s\W\d_])[Ss]ố ?$"
)


@attrs.frozen
class GluedMethod:
    """One row of the "Cách thức thực hiện" table: channel, time, fee and description cells.

    ``time`` is the time cell as published (``"60 Ngày làm việc"``, or a bare
    ``"7"`` when the page lost the unit); ``unit_lost`` says so; ``glued``
    holds the time and fee cells together when they cannot be told apart
    (``"7500,000 Việt Nam Đồng"``), in which case ``time`` and ``fee`` are empty.
    """

    channel: str
    time: str | None
    fee: str | None
    description: str | None
    unit_lost: bool = False
    glued: str | None = None


@attrs.frozen
class GluedComponent:
    """One dossier row: document name, form file (when visibly separate) and quantity."""

    name: str
    form: str | None
    quantity: str
    form_glued: bool = False


@attrs.frozen
class GluedCase:
    """One dossier table with the case name written above it (``None`` for "--" or nothing)."""

    name: str | None
    components: tuple[GluedComponent, ...]
    leftover: str | None = None


@attrs.frozen
class GluedLegalRow:
    """One legal-basis row: the title as published and the document number that ends it."""

    title: str | None
    number: str


def _none_if_empty(text: str) -> str | None:
    text = text.strip()
    return text or None


def split_method_table(text: str) -> tuple[GluedMethod, ...] | None:
    """The rows of a glued "Cách thức thực hiện" table, or ``None`` when there is none.

    The table starts with its header row, or directly with a row ("Trực
    tiếp5 Ngày làm việc…").

    >>> rows = split_method_table(
    ...     "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việcMiễn phí"
    ...     "Trực tiếp7Miễn phíNộp tại bộ phận một cửa")
    >>> [(r.channel, r.time, r.fee, r.unit_lost) for r in rows]
    [('Trực tuyến', '5 Ngày làm việc', 'Miễn phí', False), ('Trực tiếp', '7', 'Miễn phí', True)]
    """
    header = VOCABULARY.method_table_header
    start = text.find(header)
    if start >= 0:
        body = text[start + len(header) :]
    elif _ROW_START.match(text):  # the rows without their header row
        body = text
    else:
        return None
    starts = list(_ROW_START.finditer(body))
    rows: list[GluedMethod] = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(body)
        rows.append(_method_row(m.group(1), body[m.end() : end]))
    return tuple(rows)


def _method_row(channel: str, rest: str) -> GluedMethod:
    time: str | None
    unit_lost = False
    if rest.startswith(VOCABULARY.no_information):
        time, rest = None, rest[len(VOCABULARY.no_information) :]
    elif m := _TIME_WITH_UNIT.match(rest):
        time, rest = m.group(0), rest[m.end() :]
    elif amount := _AMOUNT.match(rest):  # "7500,000 Việt Nam Đồng": time and fee glued
        return GluedMethod(
            channel=channel,
            time=None,
            fee=None,
            description=_description(rest[amount.end() :]),
            glued=amount.group(0),
        )
    else:
        bare = _BARE_NUMBER.match(rest)
        if bare is None:  # a time cell in words ("Không quy định"), up to the fee cell
            fee_start = _FEE_START.search(rest)
            cut = fee_start.start() if fee_start else len(rest)
            time, rest = rest[:cut].strip() or None, rest[cut:]
        else:
            time, rest, unit_lost = bare.group(0), rest[bare.end() :], True
    return _fee_and_description(channel, time, rest, unit_lost=unit_lost)


def _fee_and_description(
    channel: str, time: str | None, rest: str, *, unit_lost: bool
) -> GluedMethod:
    fee: str | None = None
    if rest.startswith(VOCABULARY.no_information):
        rest = rest[len(VOCABULARY.no_information) :]
    elif m := _FREE.match(rest):
        fee, rest = m.group(0), rest[m.end() :]
    else:
        amounts = []
        position = 0  # matched in place: slicing per amount would be quadratic
        while m := _AMOUNT.match(rest, position):
            amounts.append(m.group(0))
            position = m.end()
        rest = rest[position:]
        fee = "; ".join(amounts) or None
    return GluedMethod(
        channel=channel, time=time, fee=fee, description=_description(rest), unit_lost=unit_lost
    )


def _description(text: str) -> str | None:
    text = text.strip()
    if not text or text == VOCABULARY.no_information:
        return None
    return text


def split_dossier_table(text: str) -> tuple[GluedCase, ...] | None:
    """The cases of a glued "Thành phần hồ sơ" cell, or ``None`` when it has no table header.

    Each table ("Tên giấy tờMẫu đơn, tờ khaiSố lượng" + rows) is a case; the
    text just above a table is its case name ("--" means none). A row ends at
    its quantity ("1 bản chính", "0 bản chính,1 bản sao"); a form file name
    (``…docx``) is split from the document name only at a visible boundary
    (after ``;``, ``:``, ``)`` or a document number, a full stop before a
    capital, or a small letter glued to a capital).

    >>> [case] = split_dossier_table(
    ...     "--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị;Mus08.docx1 bản chính"
    ...     "Bản sao giấy phép0 bản chính,1 bản sao")
    >>> for c in case.components:
    ...     print(c.name, "|", c.form, "|", c.quantity)
    Đơn đề nghị; | Mus08.docx | 1 bản chính
    Bản sao giấy phép | None | 0 bản chính,1 bản sao
    """
    header = VOCABULARY.dossier_table_header
    if header not in text:
        return None
    pieces = text.split(header)
    cases: list[GluedCase] = []
    name = _case_name(pieces[0])
    for piece in pieces[1:]:
        components: list[GluedComponent] = []
        position = 0
        for m in _QUANTITY.finditer(piece):
            row = piece[position : m.start()]
            position = m.end()
            if row.strip():
                components.append(_component(row, m.group(0)))
        tail = piece[position:]
        cases.append(GluedCase(name=name, components=tuple(components)))
        name = _case_name(tail)
    if name is not None:  # text after the last table that is not a case heading
        last = cases[-1]
        cases[-1] = attrs.evolve(last, leftover=name)
    return tuple(cases)


def _case_name(text: str) -> str | None:
    text = text.strip().strip("-").strip()
    return text or None


def _component(row: str, quantity: str) -> GluedComponent:
    row = row.strip()
    if not _FILE.search(row):
        return GluedComponent(name=row, form=None, quantity=quantity)
    # Candidate cuts are glued (no space after them): "…;Mus08.docx", "…NĐ-CPMau35.docx".
    cuts = [m.end() if m.group(0) else m.start() for m in _FORM_BOUNDARY.finditer(row)]
    cuts += [end for _, end, _ in document_numbers(row)]
    glued = [c for c in cuts if 0 < c < len(row) and row[c].isalnum()]
    cut = max(glued) if glued else None
    if cut is None or len(row) - cut > _LONGEST_FORM or not row[:cut].strip():
        return GluedComponent(name=row, form=None, quantity=quantity, form_glued=True)
    return GluedComponent(name=row[:cut].strip(), form=row[cut:].strip(), quantity=quantity)


def document_numbers(text: str) -> list[tuple[int, int, str]]:
    """Every document number in ``text`` as ``(start, end, number)``, also when glued to words.

    >>> [n for _, _, n in document_numbers("Luật Khiếu nại02/2011/QH13Nghị định 05/2012/NĐ-CP")]
    ['02/2011/QH13', '05/2012/NĐ-CP']
    """
    return [(m.start(), m.end(), m.group(0)) for m in _DOC_NUMBER.finditer(text)]


def split_legal_table(text: str) -> tuple[GluedLegalRow, ...] | None:
    """The rows of a glued "Căn cứ pháp lý" table, or ``None`` when it has no header.

    A row ends at a document number that is glued to what follows (the next
    title) or ends the text; a number followed by a space, punctuation or the
    digits of the number cell is inside a title.

    >>> for row in split_legal_table(
    ...     "Tên văn bản pháp lýMã văn bảnNghị định 121/2021/NĐ-CP121/2021/NĐ-CP"
    ...     "Luật Các tổ chức tín dụngLuật số 32/2024/QH15"):
    ...     print(row.title, "|", row.number)
    Nghị định 121/2021/NĐ-CP | 121/2021/NĐ-CP
    Luật Các tổ chức tín dụng | 32/2024/QH15
    """
    header = VOCABULARY.legal_table_header
    start = text.find(header)
    if start < 0:
        return None
    body = text[start + len(header) :]
    rows: list[GluedLegalRow] = []
    position = 0
    for begin, end, number in document_numbers(body):
        following = body[end : end + 1]
        if following and (following.isspace() or following.isdigit() or following in ".,;:)("):
            continue
        title = _NUMBER_CELL_PREFIX.sub("", body[position:begin])
        rows.append(GluedLegalRow(title=_none_if_empty(title), number=number))
        position = end
    return tuple(rows)


# A result's code on the portal ("Mã: KQ.G01.000068"), after the result's name.
_RESULT_CODE = re.compile(rf"{re.escape(VOCABULARY.result_code_marker)}KQ\.[A-Z]\d{{2}}\.\d{{5,6}}")
_RESULT_DETAILS = "Từ khóa"


def split_results(text: str) -> tuple[tuple[str, ...], str | None] | None:
    """The result names of a glued "Kết quả" cell and the text after them, or ``None``.

    The portal writes each result's name followed by its code ("…Mã:
    KQ.G01.000068"), then "Từ khóa…Mô tả…" (keywords and a description).
    ``None`` when the text has no result code.

    >>> names, rest = split_results("Quyết định giải quyết khiếu nại lần 1, lần 2Mã: "
    ...     "KQ.G01.00262Từ khóaKhông có thông tinMô tảKhông có thông tin")
    >>> names
    ('Quyết định giải quyết khiếu nại lần 1, lần 2',)
    >>> rest
    'Từ khóaKhông có thông tinMô tảKhông có thông tin'
    """
    codes = list(_RESULT_CODE.finditer(text))
    if not codes:
        return None
    names = []
    position = 0
    for m in codes:
        name = text[position : m.start()].strip()
        if name:
            names.append(name)
        position = m.end()
    rest = text[position:].strip()
    return tuple(names), rest or None


def split_page_text(text: str) -> tuple[tuple[str, str, str], ...]:
    """The sections of a procedure page's whole text, as ``(field, heading, value)``.

    The portal's page shows its headings in a fixed order ("Tên thủ tục",
    "Mã thủ tục", "Số quyết định"… "Kết quả xử lý", as listed in the package
    data); each is looked for after the previous one, a missing heading is
    skipped, and a value runs to the next heading found.

    >>> split_page_text("Tên thủ tụcĐăng ký kết hônMã thủ tục1.000894Số quyết định…")[:2]
    (('name', 'Tên thủ tục', 'Đăng ký kết hôn'), ('code', 'Mã thủ tục', '1.000894'))
    """
    found: list[tuple[str, str, int, int]] = []
    position = 0
    for field, heading in VOCABULARY.page_sections:
        start = text.find(heading, position)
        if start < 0:
            continue
        found.append((field, heading, start, start + len(heading)))
        position = start + len(heading)
    return tuple(
        (field, heading, text[end : found[i + 1][2] if i + 1 < len(found) else len(text)].strip())
        for i, (field, heading, _, end) in enumerate(found)
    )
