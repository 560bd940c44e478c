"""Numbers as the reports print them: Vietnamese separators, "hơn X%"."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from tthc.reports._text import count, more_than, percent


@given(st.integers(0, 10**12))
def test_counts_read_back(n: int) -> None:
    vi, en = count(n, "vi"), count(n, "en")
    assert int(vi.replace(".", "")) == n
    assert int(en.replace(",", "")) == n
    assert "," not in vi
    assert vi.replace(".", ",") == en


@given(st.floats(0, 1, allow_nan=False))
def test_percent_uses_a_decimal_comma(share: float) -> None:
    vi, en = percent(share, "vi"), percent(share, "en")
    assert vi.endswith("%")
    assert float(vi[:-1].replace(".", "").replace(",", ".")) == float(en[:-1].replace(",", ""))
    assert abs(float(en[:-1].replace(",", "")) - 100 * share) <= 0.05 + 1e-9


@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_more_than_is_the_whole_percentage_below(part: int, extra: int) -> None:
    share = part / (part + extra)
    text = more_than(share)
    whole = math.floor(100 * share + 1e-9)
    if text.startswith("hơn "):
        assert text == f"hơn {whole}%"
        assert whole < 100 * share < whole + 1
    else:
        assert text == f"{whole}%"
        assert abs(100 * share - whole) <= 1e-9


def test_the_seed_shares() -> None:
    assert more_than(14_000 / 88_500) == "hơn 15%"  # Tây Ninh, online
    assert more_than((83_000 - 223) / 83_000) == "hơn 99%"  # Tây Ninh, in time
    assert more_than(4_830 / 10_000) == "hơn 48%"
    assert percent(1_377 / 1_711, digits=2) == "80,48%"  # Kon Tum, integrated
    assert (percent(12.3456), percent(12.3456, "en")) == ("1.234,6%", "1,234.6%")
    assert count(88_500) == "88.500"
