"""Adversarial corpus: the text parsers run in linear time, whatever the input.

Each family is an input shape that made a parser exponential or quadratic
(issue 14) or a generated repetition of the tokens the patterns react to. Every
family is grown from a few characters to 128 KiB and timed at 8 KiB and at
128 KiB (16 times longer): a linear parser takes about 16 times longer, a
quadratic one 256 times, an exponential one never finishes. The bound
(48 times plus half a second; best of two runs) is generous enough for a loaded
machine and far below what a quadratic parser needs; a short canary run first
makes an exponential regression fail in seconds instead of hanging.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable

import pytest

from tthc.errors import ParseError, TthcError
from tthc.limits import MAX_CELL_LENGTH
from tthc.sources import clean_text, parse_fees, parse_quantity, parse_time_limit

Parser = Callable[[str], object]
PARSERS: dict[str, Parser] = {
    "parse_time_limit": parse_time_limit,
    "parse_fees": parse_fees,
    "parse_quantity": parse_quantity,
    "clean_text": clean_text,
}

SMALL = 8 * 1024
BIG = 128 * 1024  # >= 100 KB in UTF-8 for every family


def _grow(head: str, unit: str, tail: str = "x") -> Callable[[int], str]:
    def make(n: int) -> str:
        body = unit * max(1, (n - len(head) - len(tail)) // len(unit))
        return head + body + tail

    return make


FAMILIES: dict[str, Callable[[int], str]] = {
    # the exponential backtracking of parse_quantity (issue 14)
    "quantity commas": _grow("01 bản chính", ","),
    "quantity semicolons": _grow("01 bản chính", ";"),
    "quantity dashes": _grow("01 bản chính", "-"),
    "quantity comma-spaces": _grow("01 bản chính", ", "),
    # the quadratic paths
    "long bracket": _grow("1 (", "x", ")"),
    "number words": _grow("", "một "),
    "form feeds": _grow("1", "\x0c"),
    "line separators": _grow("1 đồng", "\u2028"),
    "vertical tabs": _grow("1 ngày", "\x0b"),
    "no-break spaces": _grow("1", "\u00a0 "),
    "unclosed tags": _grow("", "<a"),
    "unclosed comments": _grow("", "<!--"),
    "cdata openers": _grow("5 ngày làm việc ", "<![&"),
    "lone angles": _grow("", "<"),
    "ampersands": _grow("", "&"),
    "entities": _grow("", "&nbsp;"),
    "thousands groups": _grow("1", ".000", " x"),
    "amounts with brackets": _grow("", "1đ (x) ", ""),
    "free of charge": _grow("", "miễn phí ", ""),
    "many periods": _grow("", "1 ngày 2 tháng ", ""),
    "many segments": _grow("", "x; 1 tháng; ", ""),
    "start events": _grow("", "kể từ ngày a, ", "5 ngày"),
    "nested brackets": lambda n: "(" * (n // 2) + ")" * (n // 2) + " 1 đồng",
    "long digits": _grow("", "9", " ngày"),
}

# Generated families: repetitions of the tokens the patterns react to.
_TOKENS = (
    "một ",
    "mươi ",
    "trăm ",
    ",",
    ";",
    "-",
    "(",
    ")",
    "1",
    "01",
    ".000",
    " ",
    "\n",
    "\x0c",
    "\u2028",
    "<a",
    "<!--",
    "&",
    "đồng",
    "đ",
    "ngày",
    "làm việc",
    "bản chính",
    "bản sao",
    "bộ",
    ":",
    "và",
    "miễn phí",
    "trường hợp",
    "thì",
    "sau 15 giờ",
)
_rng = random.Random(14)
for _i in range(8):
    _unit = "".join(_rng.choice(_TOKENS) for _ in range(_rng.randint(2, 6)))
    FAMILIES[f"generated {_i}: {_unit!r}"] = _grow("", _unit, "")


def _best_time(parser: Parser, text: str, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        with contextlib.suppress(TthcError):
            parser(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_parsers_are_linear(family: str) -> None:
    make = FAMILIES[family]
    assert len(make(BIG).encode("utf-8")) >= 100_000
    for name, parser in PARSERS.items():
        # canary: an exponential pattern takes seconds on a few dozen characters
        canary = _best_time(parser, make(36), runs=1)
        assert canary < 0.25, f"{name} on {family!r}: {canary:.2f} s for 36 characters"
        small = _best_time(parser, make(SMALL))
        big = _best_time(parser, make(BIG), runs=1)
        if big >= 48 * small + 0.5:  # one retry, in case the machine was busy
            big = min(big, _best_time(parser, make(BIG), runs=1))
        assert big < 48 * small + 0.5, (
            f"{name} on {family!r}: {small * 1000:.1f} ms at {SMALL:,} characters but "
            f"{big * 1000:.1f} ms at {BIG:,}: not linear"
        )


@pytest.mark.parametrize("parser", [parse_time_limit, parse_fees, parse_quantity])
def test_cell_longer_than_the_limit_is_refused_with_the_limit_named(parser: Parser) -> None:
    text = "07 ngày làm việc " + "x" * MAX_CELL_LENGTH
    with pytest.raises(ParseError, match="MAX_CELL_LENGTH") as info:
        parser(text)
    assert f"{len(text):,}" in str(info.value)
    assert len(str(info.value)) < 2_000  # the message shows an excerpt, not the cell


def test_issue_examples_answer_fast_and_typed() -> None:
    # "01 bản chính" + "," * 28 + "x" took 31 s before the fix
    with pytest.raises(ParseError):
        parse_quantity("01 bản chính" + "," * 28 + "x")
    with pytest.raises(ParseError):
        parse_fees("1 (" + "x" * 65_536 + ")")
    with pytest.raises(ParseError):
        parse_time_limit("một " * 8_192 + "x")
