from __future__ import annotations

import pytest

from tthc.errors import ValidationError
from tthc.levels import Legacy2011Level, OnlineMode, legacy_to_mode, mode_to_legacy

L = Legacy2011Level


@pytest.mark.parametrize(
    ("level", "possible", "or_none", "determined"),
    [
        (L.LEVEL_1, (OnlineMode.PARTIAL,), True, False),
        (L.LEVEL_2, (OnlineMode.PARTIAL,), True, False),
        (L.LEVEL_3, (OnlineMode.PARTIAL,), False, True),
        (L.LEVEL_4, (OnlineMode.FULL, OnlineMode.PARTIAL), False, False),
    ],
)
def test_legacy_to_mode(
    level: Legacy2011Level, possible: tuple[OnlineMode, ...], or_none: bool, determined: bool
) -> None:
    mapping = legacy_to_mode(level)
    assert mapping.possible == possible
    assert mapping.or_none is or_none
    assert mapping.determined is determined
    assert mapping.explanation
    assert mapping.citations


def test_level_4_explanation_names_the_in_person_result() -> None:
    assert "collecting the result in person" in legacy_to_mode(L.LEVEL_4).explanation


def test_mode_to_legacy() -> None:
    assert mode_to_legacy(OnlineMode.FULL).possible == (L.LEVEL_4,)
    assert mode_to_legacy(OnlineMode.FULL).determined
    assert mode_to_legacy(OnlineMode.PARTIAL).possible == tuple(L)
    assert not mode_to_legacy(OnlineMode.PARTIAL).determined


def test_mapping_refuses_other_types() -> None:
    with pytest.raises(ValidationError):
        legacy_to_mode(4)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        mode_to_legacy("full")  # type: ignore[arg-type]
