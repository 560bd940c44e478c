"""Reading a record's methods: channels, time limits and fees, in rows or glued text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tthc.errors import ParseError, TthcError
from tthc.model import (
    Channel,
    Fee,
    Method,
    Severity,
    TimeLimit,
)
from tthc.sources._fees import parse_fees
from tthc.sources._glued import (
    GluedMethod,
    split_method_table,
)
from tthc.sources._read_structured import StructuredReader, typed_time
from tthc.sources._reader import (
    _BARE_NUMBER,
    _CHANNELS,
    _METHOD_INDEX,
    _PORTAL_AMOUNT,
    _ROW_IN_DESCRIPTION,
    DECREE_63_ART_8,
    _folded,
    _is_placeholder,
    _key_path,
    _short,
)
from tthc.sources._text import clean_text, fold
from tthc.sources._time_limits import parse_time_limit
from tthc.sources._vocabulary import VOCABULARY


class MethodReader(StructuredReader):
    """Methods (cách thức thực hiện): channel, time limits, fees, description."""

    # -- methods -------------------------------------------------------------

    def methods(self, value: object, path: str) -> list[Method]:
        methods: list[Method] = []
        if isinstance(value, str):
            return self.glued_methods(value, path)
        for row, row_path in self.rows(value, path, "method"):
            method = self.method(row, row_path)
            if method is not None:
                methods.append(method)
        return methods

    def method(self, row: Mapping[Any, Any], path: str) -> Method | None:
        cols = self.columns(row, path, _METHOD_INDEX)
        channel_value, channel_path = cols.get("channel", (None, _key_path(path, "Hình thức nộp")))
        channel_text = self.text(channel_value, channel_path)
        channel = _CHANNELS.get(_folded(channel_text)) if channel_text else None
        description = None
        if "description" in cols:
            description = self.text(*cols["description"])
        if channel is None:
            known = ", ".join(repr(c.vi) for c in Channel)
            self.add(
                "unknown-channel",
                f"channel {channel_text!r} not read (known: {known}); the row was not read: "
                f"{_short(dict(row))}",
                channel_path,
            )
            return None
        # A method whose time limit cannot be read is kept, without one: the finding
        # quotes the cell, and the channel is still offered.
        time_cell = cols.get("time_limit")
        text_time = time_cell is not None and isinstance(time_cell[0], str)
        if text_time and time_cell is not None and isinstance(time_cell[0], str):
            value = time_cell[0].strip()
            if value.isascii() and value.isdigit() and "time_unit" in cols:
                time_cell, text_time = (int(value), time_cell[1]), False
        if not text_time and (
            "time_unit" in cols or (time_cell is not None and typed_time(time_cell[0]))
        ):
            limits = self.structured_time(time_cell, cols.get("time_unit"), path)
            if description:
                self.check_against_text(limits, description, cols["description"][1])
        elif (
            text_time
            and time_cell is not None
            and description
            and not any(c.isdigit() for c in str(time_cell[0]))
            and "time_unit" in cols
        ):
            # the API's "processingTime": "Theo mô tả" (see the description)
            self.add(
                "time-limit-from-description",
                f"the time cell says {_short(time_cell[0])!r}; the time limit was read from "
                "the method's description",
                time_cell[1],
                severity=Severity.INFO,
            )
            limits = self.time_limits((description, cols["description"][1]), path, row)
        else:
            limits = self.time_limits(time_cell, path, row)
        fees, unread_fees = self.fees(cols.get("fees"))
        if unread_fees is not None:
            kept = f"Phí, lệ phí (not read, kept as published): {unread_fees}"
            description = f"{description}\n{kept}" if description else kept
        try:
            return Method(channel=channel, time_limits=limits, fees=fees, description=description)
        except TthcError as e:  # a combination the model refuses
            self.add("invalid-method", f"not a method: {e}; row: {_short(dict(row))}", path)
            return None

    def glued_methods(self, value: str, path: str) -> list[Method]:
        """Methods from the table text a scraper glued together (see :mod:`._glued`)."""
        text = clean_text(value)
        if _is_placeholder(text):
            return []
        rows = split_method_table(text)
        if rows is None and self.shared is not None:
            return self.shared_methods(text, path)
        if rows is None or not rows:
            self.add(
                "unreadable-methods",
                f"no method table (channel, time, fee, description) in {_short(text)!r}; "
                "kept here as published",
                path,
            )
            return []
        methods: list[Method] = []
        for row in rows:
            method = self.glued_method(row, path)
            if method is not None:
                methods.append(method)
        return methods

    def shared_methods(self, text: str, path: str) -> list[Method]:
        """Channels named in text, with the record's procedure-level time limit and fees.

        Some portals (a ministry's own, the old national one) state "Cách thức
        thực hiện" as text naming the channels, and one "Thời hạn giải quyết"
        and "Phí" for the whole procedure: each channel named gets them.
        """
        assert self.shared is not None
        key = fold(text)
        channels = list(dict.fromkeys(c for name, c in _CHANNELS.items() if name in key))
        if not channels:
            self.add(
                "unreadable-methods",
                f"no channel (Trực tiếp, Trực tuyến, Dịch vụ bưu chính) named in "
                f"{_short(text)!r}; kept here as published",
                path,
            )
            return []
        limit_cell, fee_cell = self.shared
        self.shared_used = True
        limits = self.time_limits(limit_cell, path, {}) if limit_cell else []
        fees, unread = self.fees(fee_cell)
        description = (
            text if unread is None else f"{text}\nPhí (not read, kept as published): {unread}"
        )
        self.add(
            "procedure-level-time-limit",
            "the record states one time limit and fee for the procedure; each channel it "
            f"names ({', '.join(c.vi for c in channels)}) gets them",
            path,
            severity=Severity.INFO,
        )
        return [
            Method(channel=c, time_limits=limits, fees=fees, description=description)
            for c in channels
        ]

    def glued_method(self, row: GluedMethod, path: str) -> Method | None:
        channel = _CHANNELS[_folded(row.channel)]
        limits: list[TimeLimit] = []
        if row.glued is not None:
            self.add(
                "time-and-fee-glued",
                f"{row.channel}: the time and fee cells are glued as {row.glued!r} and cannot "
                "be told apart; neither was read (kept here as published)",
                path,
                severity=Severity.WARNING,
            )
        elif row.time is None:
            self.add(
                "missing-time-limit",
                f"{row.channel}: the time limit is not stated ({VOCABULARY.no_information!r})",
                path,
                severity=Severity.WARNING,
                citation=DECREE_63_ART_8,
            )
        elif row.unit_lost:
            self.add(
                "time-unit-lost",
                f"{row.channel}: the time cell is a bare {row.time!r}, the unit is not on the "
                "page; not read (a unit is never guessed)",
                path,
                severity=Severity.WARNING,
            )
        else:
            limits = self.time_limit_text(row.time, path, row.channel)
        fees: list[Fee] = []
        description = row.description
        if description is not None and (lost := _ROW_IN_DESCRIPTION.search(description)):
            around = description[max(0, lost.start() - 40) : lost.end()]
            self.add(
                "row-in-description",
                f"{row.channel}: its description holds what looks like another row, a time "
                f"cell glued to a name ({around!r}): a channel tthc does not know? Kept in "
                "the description",
                path,
                severity=Severity.WARNING,
            )
        if row.fee is not None:
            fees, unread = self.fees((_portal_amounts(row.fee), path), published=row.fee)
            if unread is not None:
                kept = f"Phí, lệ phí (not read, kept as published): {row.fee}"
                description = f"{description}\n{kept}" if description else kept
        if row.glued is not None:
            kept = f"Thời gian / Phí, lệ phí (glued, kept as published): {row.glued}"
            description = f"{description}\n{kept}" if description else kept
        try:
            return Method(channel=channel, time_limits=limits, fees=fees, description=description)
        except TthcError as e:  # a combination the model refuses
            self.add("invalid-method", f"{row.channel}: not a method: {e}", path)
            return None

    def time_limit_text(self, text: str, path: str, channel: str) -> list[TimeLimit]:
        try:
            parsed = self.parsed("time", parse_time_limit, text)
        except ParseError as e:
            self.time_limit_unread(text, e, path, f"{channel}: ", "kept here as published")
            return []
        self.time_limit_assumptions(parsed.assumptions, text, path)
        return list(parsed.limits)

    def time_limit_unread(
        self, text: str, error: ParseError, path: str, prefix: str, kept: str
    ) -> None:
        """A time limit that could not be read: a number with a unit, or words only."""
        if any(c.isdigit() for c in text):
            code, severity = "unreadable-time-limit", Severity.ERROR
        else:  # "Không quy định", "Không phải trả kết quả…": no period stated
            code, severity = "time-limit-in-words", Severity.WARNING
        self.add(
            code,
            f"{prefix}time limit not read: {_short(text)!r} ({error.expected}); {kept}",
            path,
            severity=severity,
        )

    def time_limit_assumptions(self, assumptions: Iterable[str], text: str, path: str) -> None:
        for assumption in assumptions:
            self.add(
                "time-limit-assumption",
                f"{text!r}: {assumption}",
                path,
                severity=Severity.WARNING,
                citation="Civil Code 2015 (91/2015/QH13), Art. 144, 147-148"
                if "calendar days" in assumption
                else None,
            )

    def time_limits(
        self, cell: tuple[object, str] | None, row_path: str, row: Mapping[Any, Any]
    ) -> list[TimeLimit]:
        if cell is None:
            self.add(
                "missing-time-limit",
                "no time limit (Thời hạn giải quyết); the method is kept without one: "
                f"{_short(dict(row))}",
                _key_path(row_path, "Thời hạn giải quyết"),
                severity=Severity.WARNING,
                citation=DECREE_63_ART_8,
            )
            return []
        value, path = cell
        text = self.text(value, path)
        if text is None or _is_placeholder(text):
            self.add(
                "missing-time-limit",
                f"the time limit is not stated ({_short(value)}); the method is kept without one",
                path,
                severity=Severity.WARNING,
                citation=DECREE_63_ART_8,
            )
            return []
        if _BARE_NUMBER.fullmatch(text):
            self.add(
                "time-unit-lost",
                f"the time limit is a bare {text!r}: the unit is not in the record; not read "
                "(a unit is never guessed), the method is kept without a time limit",
                path,
                severity=Severity.WARNING,
            )
            return []
        try:
            parsed = self.parsed("time", parse_time_limit, text)
        except ParseError as e:
            self.time_limit_unread(text, e, path, "", "the method is kept without a time limit")
            return []
        self.time_limit_assumptions(parsed.assumptions, text, path)
        return list(parsed.limits)

    def fees(
        self, cell: tuple[object, str] | None, *, published: str | None = None
    ) -> tuple[list[Fee], str | None]:
        if cell is None:
            return [], None
        value, path = cell
        if isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
            return self.structured_fees(value, path)
        text = self.text(value, path)
        if text is None:
            return [], None
        try:
            parsed = self.parsed("fees", parse_fees, text)
        except ParseError as e:
            if _is_placeholder(text):
                self.add(
                    "fees-not-stated",
                    f"the record says {text!r} about fees",
                    path,
                    severity=Severity.INFO,
                )
                return [], None
            self.add(
                "unreadable-fees",
                f"fees not read: {published or text!r} ({e.expected}); kept in the description",
                path,
            )
            return [], text
        for assumption in parsed.assumptions:
            self.add(
                "fee-assumption",
                f"{published or text!r}: {assumption}",
                path,
                severity=Severity.WARNING,
                citation="Law on Fees and Charges 97/2015/QH13, Art. 3",
            )
        return list(parsed.fees), None


def _portal_amounts(text: str) -> str:
    """The portal's fee cell with its amounts in the form :func:`parse_fees` reads.

    The portal writes a structured amount with "," grouping thousands and the
    currency spelled out ("1,000,000 Việt Nam Đồng"); only that exact shape
    (groups of three digits, then the currency) is rewritten ("1000000 đồng").
    Anything else is passed on as published.
    """
    return _PORTAL_AMOUNT.sub(lambda m: m.group(1).replace(",", "") + " đồng", text)
