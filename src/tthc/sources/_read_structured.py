"""Structured values as the portal's API gives them: a number and a unit code, fee rows.

Taken as they are, never parsed from text: ``processingTime`` with
``processingTimeUnit`` (the codes are package data, ``time_unit_codes``: one
more unit is one more entry once :class:`~tthc.model.TimeLimit` has it), fee
rows ``{type, value, currencyName, description}``. Where the record's own text
states another limit, a finding says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from tthc.errors import ParseError
from tthc.model import Fee, FeeKind, Severity, TimeLimit
from tthc.sources._keys import normal_key
from tthc.sources._reader import (
    DECREE_63_ART_8,
    ReaderBase,
    _is_placeholder,
    _key_path,
    _short,
)
from tthc.sources._text import clean_text, fold
from tthc.sources._time_limits import parse_time_limit
from tthc.sources._vocabulary import VOCABULARY

__all__ = ["StructuredReader", "typed_time"]


class StructuredReader(ReaderBase):
    """Methods' structured time limits and fees."""

    def structured_time(
        self, cell: tuple[object, str] | None, unit_cell: tuple[object, str] | None, path: str
    ) -> list[TimeLimit]:
        """A time limit given as a number and a unit code, taken as it is.

        The API's ``processingTime`` and ``processingTimeUnit``, or a typed
        cell ``{"qty": 12, "type": "WORKING_DAY"}``.

        The values are taken as they are, never parsed from text. A unit the
        vocabulary maps to no :class:`~tthc.model.TimeUnit` (``OTHER``) and a
        zero amount are "not stated"; ``HOUR`` is clock hours and a half in
        working days (``7.5``) is half working days (issue 20's units).
        """
        value, value_path = cell if cell is not None else (None, _key_path(path, "processingTime"))
        unit, unit_path = unit_cell if unit_cell is not None else (None, value_path)
        if isinstance(value, Mapping):
            value, unit = typed_time(value) or (None, None)
            unit_path = value_path
        if value is None or value == 0:
            self.add(
                "missing-time-limit",
                f"the time limit is not stated ({value!r}); the method is kept without one",
                value_path,
                severity=Severity.WARNING,
                citation=DECREE_63_ART_8,
            )
            return []
        if (
            isinstance(value, float)
            and unit == "WORKING_DAY"
            and value > 0
            and (2 * value).is_integer()
            and not value.is_integer()
        ):
            return [TimeLimit.half_working_days(int(2 * value))]  # 7.5 working days (issue 20)
        if isinstance(value, float) and value.is_integer() and value > 0:
            value = int(value)
        if not (isinstance(value, int) and not isinstance(value, bool) and value > 0):
            self.add(
                "unreadable-time-limit",
                f"expected a whole number of units, got {_short(value)}; not read",
                value_path,
            )
            return []
        if not isinstance(unit, str) or unit not in _UNIT_CODES:
            known = ", ".join(_UNIT_CODES)
            self.add(
                "time-unit-lost" if unit is None else "unknown-time-unit",
                f"the time limit {value} has unit {unit!r} (known: {known}); not read (a unit "
                "is never guessed), the method is kept without a time limit",
                unit_path,
                severity=Severity.WARNING,
            )
            return []
        make = _UNIT_CODES[unit]
        if make is None:
            self.add(
                "time-unit-not-stated",
                f"the time limit {value} is in {unit!r}, a unit that states no period tthc "
                "can count; read as not stated",
                unit_path,
                severity=Severity.WARNING,
            )
            return []
        return [make(value)]

    def check_against_text(self, limits: list[TimeLimit], text: str, path: str) -> None:
        """Report a structured limit that the record's own text states otherwise."""
        if not limits or not any(c.isdigit() for c in text):
            return
        try:
            stated = self.parsed("time", parse_time_limit, text).limits[0]
        except ParseError:
            return
        ours = limits[0]
        if (stated.amount, stated.unit) != (ours.amount, ours.unit):
            self.add(
                "time-limit-differs-from-text",
                f"the structured time limit is {ours} but the record's text says "
                f"{stated} ({_short(text, 120)!r}); the structured value was kept",
                path,
                severity=Severity.WARNING,
            )

    def structured_fees(self, rows: list[Any], path: str) -> tuple[list[Fee], str | None]:
        """Fees given as rows ``{type, value, currencyName, description}`` (the API's)."""
        fees: list[Fee] = []
        unread: list[str] = []
        for i, row in enumerate(rows):
            row_path = _key_path(path, i)
            if not isinstance(row, Mapping):
                self.add("expected-row", f"expected a fee row, got {_short(row)}", row_path)
                continue
            by_key = {normal_key(k): v for k, v in row.items() if isinstance(k, str)}
            amount = by_key.get("value", by_key.get("amount"))
            kind_code = by_key.get("type")
            description = by_key.get("description")
            text = clean_text(description) if isinstance(description, str) else ""
            kind_name = _FEE_TYPES.get(kind_code) if isinstance(kind_code, str) else "?"
            if isinstance(kind_code, str) and kind_code in _FEE_TYPES and kind_name is None:
                self.add(
                    "price-not-a-fee",
                    f"{kind_code!r} is a price, not a fee or charge: not read as a fee"
                    + (f" ({_short(text, 120)!r})" if text else ""),
                    row_path,
                    severity=Severity.INFO,
                )
                continue
            if amount is None and text:
                amount = 0  # no amount, a text: read below as "not stated" with the text kept
            if not (isinstance(amount, int) and not isinstance(amount, bool) and amount >= 0):
                self.add(
                    "unreadable-fees",
                    f"expected a whole amount, got {_short(amount)}; kept in the description",
                    row_path,
                )
                unread.append(text or _short(dict(row)))
                continue
            currency = _currency(by_key.get("currency name") or by_key.get("currency"))
            if amount == 0:
                if text and not _is_placeholder(text):
                    # "value": 0 beside "Mức lệ phí cụ thể do HĐND tỉnh quyết định": not free
                    self.add(
                        "fee-amount-not-stated",
                        f"the amount is 0 but the text says {_short(text, 160)!r}; no amount "
                        "is read (kept in the description)",
                        row_path,
                        severity=Severity.INFO,
                    )
                    unread.append(text)
                continue
            kind = _FEE_KINDS.get(kind_name or "", FeeKind.CHARGE)
            if kind_name not in ("fee", "charge"):
                self.add(
                    "fee-assumption",
                    f"fee type {kind_code!r} is not known; read as lệ phí",
                    row_path,
                    severity=Severity.WARNING,
                )
            fees.append(
                Fee(
                    name=_short(text, 200) if text else kind.vi,
                    amount=amount,
                    kind=kind,
                    currency=currency,
                )
            )
        return fees, ("\n".join(unread) or None)


_UNIT_CODES: dict[str, Callable[[int], TimeLimit] | None] = {
    code: (getattr(TimeLimit, name, None) if name is not None else None)
    for code, name in VOCABULARY.time_unit_codes.items()
}
_FEE_TYPES = VOCABULARY.fee_types
_FEE_KINDS = {kind.value: kind for kind in FeeKind}
_CURRENCIES = {fold(k): v for k, v in VOCABULARY.currency_names.items()}
_QTY_KEYS = ("qty", "quantity", "value", "amount", "so luong")
_TYPE_KEYS = ("unit", "type", "don vi")


def typed_time(value: object) -> tuple[object, object] | None:
    """``(amount, unit code)`` of a typed time cell: an integer, or ``{"qty": …, "type": …}``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    if isinstance(value, Mapping):
        by_key = {normal_key(k): v for k, v in value.items() if isinstance(k, str)}
        amount = next((by_key[k] for k in _QTY_KEYS if k in by_key), None)
        unit = next((by_key[k] for k in _TYPE_KEYS if k in by_key), None)
        if amount is not None:
            return amount, unit
    return None


def _currency(name: object) -> str:
    """The ISO code of a currency name as the API gives it; VND when it gives none."""
    if isinstance(name, str) and name.strip():
        found = _CURRENCIES.get(fold(name))
        # an unknown currency is not taken for đồng: ISO 4217 "XXX", no currency
        return found or (name.strip() if re.fullmatch(r"[A-Z]{3}", name.strip()) else "XXX")
    return "VND"
