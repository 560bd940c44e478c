"""Structure-aware mutation: start from a valid document, break it a little.

Used by the fuzz tests with hypothesis's ``data`` strategy, so every choice
shrinks: a failing input is reduced to few, small mutations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import hypothesis.strategies as st

# Tokens the parsers react to, and the characters that broke them before.
HOSTILE_TOKENS = (
    "<![",
    "<!--",
    "-->",
    "<br>",
    "</p>",
    "<a ",
    ">",
    "&",
    "&nbsp;",
    "&#0;",
    "&#xd800;",
    "\x0c",
    "\x0b",
    "\u2028",
    "\x85",
    "\x1c",
    "\r",
    "\n",
    "\t",
    "\u00a0",
    "\u3000",
    "\u200b",
    "\ufeff",
    "\x00",
    "\ud800",
    "\udfff",
    "\u0301",
    "١",
    "٣",
    "𝟏",
    "-",
    "−",
    "–",
    "+",
    ",",
    ";",
    ":",
    ".",
    "(",
    ")",
    "((",
    "))",
    "/",
    "%",
    "một ",
    "mười ",
    "mươi ",
    "trăm ",
    "linh ",
    "năm ",
    "ngày",
    "làm việc",
    "giờ",
    "tháng",
    "tuần",
    "trong ngày",
    "ngay sau khi",
    "trường hợp",
    " thì ",
    "sau 15 giờ",
    "tiếp theo",
    "kể từ ",
    "đồng",
    "đ",
    "VNĐ",
    "triệu",
    "nghìn",
    "miễn phí",
    "Không",
    "lệ phí",
    "phí",
    "bản chính",
    "bản sao",
    "có chứng thực",
    "bộ",
    "hoặc",
    "và",
    "0",
    "00",
    "9" * 19,
    "9" * 5_000,
    "1.000",
    "1.000.000.000.000.000.000",
    " ",
    "  ",
    "x",
    # confusables (issue 19): letters and digits that look like the expected ones
    "Ð",  # U+00D0 (Icelandic eth) for Đ
    "ð",
    "а",  # Cyrillic a
    "ο",  # Greek omicron
    "０",
    "２０２６",
    "Ⅰ",
    "\u00ad",  # soft hyphen
    "\u2060",  # word joiner
    "n\u0300",  # a decomposed letter
    "\u0301" * 200,
    "{" * 200,
)

HOSTILE_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1,
    10**18,
    -(10**18),
    10**30,
    1.5,
    float("inf"),
    float("nan"),
    "",
    " ",
    "x",
    "\ud800",
    "9" * 5_000,
    "2026-02-30",
    "2026-11-20T10:00:00",
    "25:00",
    "2026-11-20T10:00:00+07:07",
    "9999-12-31T23:59:00-12:00",
    "0001-01-01T00:00:00+14:00",
    [],
    {},
    [None],
    {"": None},
    [[[[[[[[]]]]]]]],
    b"bytes",
    dt.date(2026, 11, 20),
    # numeric and time edges (issue 19)
    2**63,
    -(2**63) - 1,
    1e308,
    -0.0,
    "2026-11-20T10:00:00.1234567+07:00",
    "2026-11-20T10:00:00,5+07:00",
    "2026-W47-5T10:00+07:00",
    "20261120T100000+0700",
    "2026-11-20T24:00:00+07:00",
    "2026-11-20T10:00:00+07:00:00.1234567",
    "2099-12-31T23:59:59.999999+07:00",
    "1999-12-31T23:59:59+07:00",
    "２０２６-11-20",
    "2026-11-20T10:00:00+07:00\u200b",
)


@st.composite
def mutated_text(draw: st.DrawFn, seed: str, *, max_mutations: int = 6) -> str:
    """``seed`` with a few insertions, deletions, repetitions and cuts."""
    text = seed
    for _ in range(draw(st.integers(0, max_mutations))):
        op = draw(st.sampled_from(("insert", "delete", "repeat", "cut", "case", "replace")))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        if op == "insert":
            token = draw(st.sampled_from(HOSTILE_TOKENS) | st.text(max_size=4))
            text = text[:i] + token + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "repeat" and j > i:
            text = text[:i] + text[i:j] * draw(st.sampled_from((2, 3, 50, 2_000))) + text[j:]
        elif op == "cut":
            text = text[:i] if draw(st.booleans()) else text[i:]
        elif op == "case":
            text = text[:i] + text[i:j].upper() + text[j:]
        elif op == "replace" and j > i:
            text = text[:i] + draw(st.sampled_from(HOSTILE_TOKENS)) + text[j:]
    return text


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@st.composite
def mutated_data(
    draw: st.DrawFn, seed: Any, *, max_mutations: int = 4, non_string_keys: bool = False
) -> Any:
    """A copy of the JSON-shaped ``seed`` with a few values, keys or shapes changed."""
    data = _copy(seed)
    nested = False  # one deep nesting per document: the helpers here recurse
    for _ in range(draw(st.integers(1, max_mutations))):
        path = draw(st.sampled_from(_paths(data)))
        op = draw(st.sampled_from(("value", "text", "drop", "extra", "wrap", "repeat", "nest")))
        parent: Any = None
        target: Any = data
        for step in path:
            parent, target = target, target[step]
        key = path[-1] if path else None

        def put(new: Any, parent: Any = parent, key: Any = key) -> None:
            nonlocal data
            if parent is None:
                data = new
            else:
                parent[key] = new

        if op == "value":
            put(_copy(draw(st.sampled_from(HOSTILE_VALUES))))  # never alias the shared ones
        elif op == "text" and isinstance(target, str):
            put(draw(mutated_text(target, max_mutations=3)))
        elif op == "drop" and parent is not None:
            del parent[key]
        elif op == "extra" and isinstance(target, dict):
            new_key: Any = draw(st.sampled_from(("extra", "event", "", "\ud800", "a b")))
            if non_string_keys and draw(st.booleans()):
                new_key = draw(st.sampled_from((5, None, (1, 2), 1.5)))
            target[new_key] = _copy(draw(st.sampled_from(HOSTILE_VALUES)))
        elif op == "wrap":
            put([target] if draw(st.booleans()) else {"value": target})
        elif op == "repeat" and isinstance(target, list) and target:
            target.extend(_copy(target[0]) for _ in range(draw(st.sampled_from((1, 10, 300)))))
        elif op == "nest" and not nested:
            nested = True
            deep: Any = target
            for _ in range(draw(st.sampled_from((2, 70, 500)))):
                deep = [deep]
            put(deep)
    return data
