"""Reading published fees and charges (phí, lệ phí) into :class:`~tthc.model.Fee`."""

from __future__ import annotations

import bisect
import re

import attrs

from tthc._validate import as_tuple, tuple_of
from tthc.errors import ParseError
from tthc.model import Fee, FeeKind
from tthc.sources._text import check_cell, clean_text, fold, read_digits, refuse_other_digits

__all__ = ["ParsedFees", "parse_fees"]

_EXPECTED = (
    "fees in whole đồng such as 'Lệ phí : 20.000 Đồng', '50.000đ/lần', '100.000 VNĐ', "
    "'Nộp trực tiếp: 20.000 đồng; nộp trực tuyến: 10.000 đồng', 'Miễn phí' or 'Không'"
)
DEFAULT_KIND_NOTE = (
    "the text does not say phí or lệ phí; read as lệ phí (FeeKind.CHARGE), what a "
    "state body collects for an administrative procedure under the Law on Fees and "
    "Charges 97/2015/QH13, Art. 3(2)"
)

# Linear: whitespace is matched possessively (\s*+ never gives back), so no two
# quantifiers can share a run of spaces (the "\s*…?\s*" this replaces was
# quadratic in one, e.g. a long bracket masked to spaces). Digits are ASCII only.
# Thousands are grouped by "." or by a space (clean_text has made NBSP, narrow
# NBSP and thin spaces plain spaces): "50.000", "50 000"; never both in one amount.
_AMOUNT = re.compile(
    # (not from inside a run of groups, "… 000 000": every start would scan the rest)
    r"(?<![\w.,/])(?<![0-9] )"
    r"(?P<amount>[0-9]{1,3}(?:\.[0-9]{3})++|[0-9]{1,3}(?: [0-9]{3})++|[0-9]++)"
    r"\s*+(?:(?P<scale>tỷ|triệu|nghìn|ngàn)\s*+)?"
    r"(?P<currency>đồng|vnđ|vnd|đ|usd|đô la mỹ)(?!\w)"
    r"(?P<per>(?:\s*+/\s*+[^\s/;,().]++(?: [^\s/;,().]++)?)*+)"
)
_CURRENCY_CODES = {"usd": "USD", "đô la mỹ": "USD"}  # anything else is đồng
# A currency word that no amount before it was read for: an amount written in a
# way tthc does not read ("1/2 triệu đồng", "1.5 triệu đồng"), never to be dropped.
_CURRENCY_WORD = re.compile(r"(?<![\w])(?:đồng|vnđ|vnd|đ|usd)(?!\w)")
_DIGIT_BEFORE = re.compile(r"[0-9][0-9.,/\s]*+(?:(?:triệu|nghìn|ngàn|tỷ)\s*+)?\Z")
# Link labels a scraper glues to the cell ("200000 ĐồngXem chi tiết").
_LINK_LABELS = re.compile(r"(?i)xem\s*chi\s*tiết|chi\s*tiết\s*>>|xem\s*thêm")
# Items of a list inside one cell: "… /GCN. + Trích lục…", "… * Mức thu…".
_BULLET = re.compile(r"(?:(?<=\s)|^)[+•*](?=\s)|(?<=[.:;]\s)-(?=\s)")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# A minus sign attached to an amount ("-20.000 đồng"): a fee is never negative.
# "Từ 01/01/2020 -31/12/2020" (a range of dates) is not an amount.
_NEGATIVE = re.compile(
    r"(?<![\w.,/])[-−–][0-9][0-9.]*+\s*+(?:(?:triệu|nghìn|ngàn)\s*+)?(?:đồng|vnđ|vnd|đ)(?!\w)"
)
_FREE = re.compile(
    r"(?<!\w)(?:miễn\s+(?:phí|lệ\s+phí|thu)(?:\s*,\s*lệ\s+phí)?|không\s+thu(?:\s+phí)?(?:\s*,?\s*lệ\s+phí)?)"
    r"(?:\s+đồng)?(?!\w)"
)
_NONE = {"khong", "khong co", "khong quy dinh", "khong thu", "khong co phi le phi"}
_UNKNOWN = {"khong co thong tin", "dang cap nhat", "chua cap nhat"}
_SCALE = {"tỷ": 1_000_000_000, "triệu": 1_000_000, "nghìn": 1_000, "ngàn": 1_000}


@attrs.frozen
class ParsedFees:
    """Published fees, read: the :class:`~tthc.model.Fee` values and how they were read.

    ``fees == ()`` means the text states there is no fee or charge ("Không");
    an exemption ("Miễn phí", "Miễn lệ phí") is a fee of amount 0, so its
    wording and condition are kept. ``assumptions`` lists readings that could
    be wrong (a kind not stated); ``notes`` what was set aside.
    """

    raw: str
    fees: tuple[Fee, ...] = attrs.field(converter=as_tuple, validator=tuple_of(Fee))
    notes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str))
    assumptions: tuple[str, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(str)
    )

    @property
    def free(self) -> bool:
        """Whether nothing is to be paid (no fee, or only exemptions)."""
        return all(fee.amount == 0 for fee in self.fees)


def _mask_parentheses(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Blank out bracketed text (kept as spans) so amounts inside it are not read."""
    masked = list(text)
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
                for j in range(start, i + 1):
                    masked[j] = " " if text[j] != "\n" else "\n"
    if depth:  # unbalanced: leave the text as it is
        return text, []
    return "".join(masked), spans


def _kind_of(label: str) -> FeeKind | None:
    key = fold(label)
    if "le phi" in key:
        return FeeKind.CHARGE
    if re.search(r"(?<![a-z])phi(?![a-z])", key):
        return FeeKind.FEE
    return None


def _clause_before(masked: str, start: int, limit: int) -> tuple[int, int]:
    """The span of the label text just before an amount, back to the last separator."""
    cut = max(masked.rfind(sep, limit, start) for sep in (";", "\n"))
    begin = limit if cut < 0 else cut + 1
    return begin, start


def _strip(text: str) -> str:
    return text.strip(" \t\n:;,.-–+*•")


def parse_fees(text: str) -> ParsedFees:
    """Read the fees column of a procedure (phí, lệ phí).

    - Amounts are whole đồng with "." as the thousands separator ("20.000
      đồng", "Lệ phí : 20.000 Đồng", "50.000đ/lần", "100.000 VNĐ"); "triệu"
      and "nghìn" multiply a whole number. A "/lần" or "/người/lần" after the
      currency is kept as a note.
    - The words before an amount name it when they say phí or lệ phí ("Lệ phí
      đăng ký thường trú: 20.000 đồng", :class:`~tthc.model.FeeKind` from the
      word) and are its condition otherwise ("Nộp trực tuyến: 10.000 đồng").
      Bracketed text after an amount is its condition too.
    - "Miễn phí", "Miễn lệ phí": one fee of amount 0. "Không", "Không có":
      no fee (``fees == ()``).
    - When nothing says phí or lệ phí the fee is read as lệ phí (the Law on
      Fees and Charges 97/2015/QH13, Art. 3(2)), and ``assumptions`` says so.

    Raises :class:`~tthc.errors.ParseError` when no amount can be read, for
    "Không có thông tin" (the portal's "no information"), for percentages or
    formulas ("0,5% giá trị …") and for "," used as a separator, which
    Vietnamese uses for decimals: none of them is a whole amount.

    >>> r = parse_fees("Nộp trực tiếp: 20.000 đồng; nộp trực tuyến: 10.000 đồng")
    >>> [(f.amount, f.condition) for f in r.fees]
    [(20000, 'Nộp trực tiếp'), (10000, 'nộp trực tuyến')]
    >>> parse_fees("Lệ phí : 20.000 Đồng").fees[0].kind
    <FeeKind.CHARGE: 'charge'>
    >>> parse_fees("Không").fees
    ()
    """
    clean = clean_text(check_cell(text, "fees"))
    key = fold(clean)
    if key in _UNKNOWN or not key:
        raise ParseError(text, f"{_EXPECTED}; the text states no information", what="fees")
    if key in _NONE:
        return ParsedFees(raw=text, fees=())
    if (link := _LINK_LABELS.search(clean)) is not None:
        clean = _LINK_LABELS.sub(lambda m: " " * len(m.group()), clean)
    _refuse_odd_digits(clean, text)
    masked, brackets = _mask_parentheses(clean)
    masked = _BULLET.sub("\n", masked)
    lower = masked.lower()
    if _NEGATIVE.search(lower):
        raise ParseError(text, f"{_EXPECTED}; an amount is never negative", what="fees")
    if "%" in lower or re.search(r"\d,\d", lower):
        raise ParseError(
            text,
            f"{_EXPECTED}; a percentage, a formula or a ',' separator is not a whole amount",
            what="fees",
        )
    matches: list[tuple[int, int, int, str]] = []  # start, end, amount, per-unit
    currencies: dict[int, str] = {}
    for m in _AMOUNT.finditer(lower):
        digits = m["amount"].replace(".", "").replace(" ", "")
        scale = _SCALE.get(m["scale"] or "", 1)
        amount = read_digits(digits + "0" * (len(str(scale)) - 1), text, "fees")
        matches.append((m.start(), m.end(), amount, re.sub(r"\s+", "", m["per"] or "")))
        currencies[m.start()] = _CURRENCY_CODES.get(m["currency"], "VND")
    _refuse_unread_amounts(lower, matches, text)
    # amounts are found left to right without overlap: a bisection says whether
    # a free-of-charge phrase falls inside one (a scan per phrase was quadratic)
    starts = [start for start, _, _, _ in matches]
    for m in _FREE.finditer(lower):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or not m.start() < matches[k][1]:
            matches.append((m.start(), m.end(), 0, ""))
    matches.sort()
    if not matches:
        raise ParseError(text, _EXPECTED, what="fees")
    fees: list[Fee] = []
    notes: list[str] = []
    assumptions: list[str] = []
    previous_end = 0
    bracket_starts = [s for s, _ in brackets]
    for i, (start, end, amount, per) in enumerate(matches):
        next_start = matches[i + 1][0] if i + 1 < len(matches) else len(clean)
        begin, stop = _clause_before(masked, start, previous_end)
        label = _strip(clean[begin:stop])
        free_words = clean[start:end] if amount == 0 and not per else ""
        # what follows the amount, up to the next separator, and its brackets
        tail_end = min(
            [
                p
                for p in (masked.find(";", end, next_start), masked.find("\n", end, next_start))
                if p >= 0
            ]
            or [next_start]
        )
        conditions = [_strip(clean[end:tail_end])] if _strip(masked[end:tail_end]) else []
        first = bisect.bisect_left(bracket_starts, end)
        last = bisect.bisect_left(bracket_starts, next_start)
        conditions += [_strip(clean[s + 1 : e - 1]) for s, e in brackets[first:last]]
        free_kind = FeeKind.CHARGE if "le phi" in fold(free_words) else None
        kind = _kind_of(label) or free_kind
        if kind is None:
            kind = FeeKind.CHARGE
            if DEFAULT_KIND_NOTE not in assumptions:
                assumptions.append(DEFAULT_KIND_NOTE)
        if _kind_of(label) is not None:
            name, condition_parts = label, conditions
        else:
            name = free_words or kind.vi
            condition_parts = ([label] if label else []) + conditions
        if per:
            unit = "đồng" if currencies.get(start, "VND") == "VND" else currencies[start]
            notes.append(f"{amount:,} {unit} is per {per.lstrip('/')}".replace(",", "."))
        condition = "; ".join(c for c in condition_parts if c) or None
        currency = currencies.get(start, "VND")
        fees.append(
            Fee(name=name, amount=amount, kind=kind, condition=condition, currency=currency)
        )
        previous_end = max(end, tail_end)
    for s, e in brackets:
        if e <= matches[0][0]:
            notes.append(f"not read as a fee: {clean[s:e]!r}")
    if link is not None:
        notes.append(f"link label set aside: {link.group()!r}")
    return ParsedFees(raw=text, fees=fees, notes=notes, assumptions=assumptions)


def _clause_around(text: str, index: int) -> str:
    """The clause of ``text`` holding ``index``, between separators, for a message."""
    begin = max(text.rfind(sep, 0, index) for sep in (";", "\n")) + 1
    ends = [e for e in (text.find(";", index), text.find("\n", index)) if e >= 0]
    return text[begin : min(ends) if ends else len(text)].strip()[:120]


def _refuse_odd_digits(clean: str, text: str) -> None:
    """Refuse digits tthc does not read (fullwidth, Arabic-Indic) and marks inside a number."""
    refuse_other_digits(clean, text, "fees")
    for m in _COMBINING.finditer(clean):
        i = m.start()
        before = clean[i - 1] if i else ""
        after = clean[i + 1] if i + 1 < len(clean) else ""
        if before.isdigit() or after.isdigit():
            raise ParseError(
                text,
                f"an amount without a combining mark (U+{ord(m.group()):04X}) inside it: "
                f"{_clause_around(clean, i)!r}",
                what="fees",
            )


def _refuse_unread_amounts(lower: str, matches: list[tuple[int, int, int, str]], text: str) -> None:
    """Refuse a cell where a currency follows digits that were not read as an amount."""
    spans = sorted((start, end) for start, end, _, _ in matches)
    starts = [start for start, _ in spans]
    for m in _CURRENCY_WORD.finditer(lower):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < spans[k][1]:
            continue  # inside an amount that was read
        before = lower[max(0, m.start() - 25) : m.start()]
        if _DIGIT_BEFORE.search(before) is not None:
            raise ParseError(
                text,
                f"{_EXPECTED}; an amount that cannot be read as a whole number in "
                f"{_clause_around(lower, m.start())!r} (a fraction, a decimal or a grouping "
                "tthc does not read) is never dropped",
                what="fees",
            )
