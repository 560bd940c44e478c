"""Mapping between the 2011 levels and the 2022 modes: where it holds, and why.

The two scales measure different things, so the mapping is a set of possible
answers with an explanation, never a silent equation.
"""

from __future__ import annotations

import attrs

from tthc._validate import non_empty_str
from tthc.errors import ValidationError
from tthc.model import Legacy2011Level, OnlineMode

__all__ = ["LevelMapping", "legacy_to_mode", "mode_to_legacy"]

_CITE_2011 = "Decree 43/2011/NĐ-CP, Art. 3(4)"
_CITE_2022 = "Decree 42/2022/NĐ-CP, Art. 11(1); Circular 01/2023/TT-VPCP"


@attrs.frozen
class LevelMapping:
    """What a value on one scale says about the other scale.

    ``possible`` lists every value compatible with ``source``; ``or_none`` is
    ``True`` when having no value at all on the other scale is also possible
    (a service with nothing filed online has no mode; one whose information
    is unpublished has no 2011 level). :attr:`determined` is ``True`` when
    exactly one answer remains.
    """

    source: Legacy2011Level | OnlineMode
    possible: tuple[Legacy2011Level, ...] | tuple[OnlineMode, ...]
    or_none: bool
    explanation: str = attrs.field(validator=non_empty_str)
    citations: tuple[str, ...] = attrs.field(default=(_CITE_2011, _CITE_2022))

    @property
    def determined(self) -> bool:
        """Whether the source value fixes one answer on the other scale."""
        return len(self.possible) + int(self.or_none) == 1


_LOWER = (
    " A service that files online but fails a lower step (forms not downloadable) is also "
    "placed at this level and is then một phần; it is never toàn trình."
)
_LEGACY = {
    Legacy2011Level.LEVEL_1: (
        (OnlineMode.PARTIAL,),
        True,
        "Level 1 as defined only publishes information; nothing is filed online, so there is "
        "no mode (toàn trình and một phần are kinds of online filing)." + _LOWER,
    ),
    Legacy2011Level.LEVEL_2: (
        (OnlineMode.PARTIAL,),
        True,
        "Level 2 adds downloadable forms, but the dossier is filed in person or by post; nothing "
        "is filed online, so there is no mode." + _LOWER,
    ),
    Legacy2011Level.LEVEL_3: (
        (OnlineMode.PARTIAL,),
        False,
        "Level 3 files online but has fees paid and the result collected in person; online "
        "payment where a fee applies (criterion 5) and returning the result online or by public "
        "post (criterion 8) are toàn trình criteria, so a level 3 service is một phần.",
    ),
    Legacy2011Level.LEVEL_4: (
        (OnlineMode.FULL, OnlineMode.PARTIAL),
        False,
        "Level 4 adds online payment, but it allowed collecting the result in person and did not "
        "require a wholly electronic dossier, an electronic result, or no presence or on-site "
        "verification; toàn trình requires all of these (criteria 4, 6, 7, 8). The level alone "
        "does not decide: classify the facts.",
    ),
}


def legacy_to_mode(level: Legacy2011Level) -> LevelMapping:
    """Say what a Decree 43/2011 level implies for the Decree 42/2022 mode.

    >>> m = legacy_to_mode(Legacy2011Level.LEVEL_4)
    >>> m.possible, m.determined
    ((<OnlineMode.FULL: 'full'>, <OnlineMode.PARTIAL: 'partial'>), False)
    >>> legacy_to_mode(Legacy2011Level.LEVEL_3).determined
    True
    """
    if not isinstance(level, Legacy2011Level):
        raise ValidationError.single(
            "level", level, "a Legacy2011Level (LEVEL_1 to LEVEL_4)", what="legacy_to_mode"
        )
    possible, or_none, why = _LEGACY[level]
    return LevelMapping(source=level, possible=possible, or_none=or_none, explanation=why)


def mode_to_legacy(mode: OnlineMode) -> LevelMapping:
    """Say what a Decree 42/2022 mode implies for the Decree 43/2011 level.

    >>> mode_to_legacy(OnlineMode.FULL).possible
    (<Legacy2011Level.LEVEL_4: 4>,)
    """
    if not isinstance(mode, OnlineMode):
        raise ValidationError.single(
            "mode", mode, "OnlineMode.FULL or OnlineMode.PARTIAL", what="mode_to_legacy"
        )
    if mode is OnlineMode.FULL:
        return LevelMapping(
            source=mode,
            possible=(Legacy2011Level.LEVEL_4,),
            or_none=False,
            explanation=(
                "Toàn trình meets every level 1–4 condition (information, forms, online filing, "
                "online payment), so it is level 4; the converse does not hold."
            ),
        )
    return LevelMapping(
        source=mode,
        possible=tuple(Legacy2011Level),
        or_none=True,
        explanation=(
            "Một phần files online, the level 3 step; it is level 4 if fees, where any, can be "
            "paid online. But the 2011 levels are cumulative: with forms not downloadable it "
            "stops at level 1, and with the information unpublished it has no level. The mode "
            "alone does not decide: classify the facts."
        ),
    )
