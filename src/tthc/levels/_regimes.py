"""The three legal regimes of online public service levels, as effective-dated rules.

- Decree 43/2011/NĐ-CP, Art. 3(4): levels 1–4, until 14/8/2022;
- Decree 42/2022/NĐ-CP, Art. 11: toàn trình / một phần, from 15/8/2022 until
  30/6/2026 (repealed by Decree 224/2026/NĐ-CP, Art. 90(2)(b)); its detailed
  criteria are those of Circular 01/2023/TT-VPCP (5/4/2023);
- Decree 224/2026/NĐ-CP, Arts. 14–16: toàn trình by default, một phần only with
  a published reason, and a separate 1–4 scale for proactive services; from
  1/7/2026 (Art. 90(1)).
"""

from __future__ import annotations

import datetime as dt

from tthc._labels import LabelledEnum
from tthc.errors import ValidationError
from tthc.model import Procedure
from tthc.rules import Rule, Rules

__all__ = [
    "CIRCULAR_01_2023_ISSUED",
    "REGIMES",
    "Regime",
    "regime_on",
]


class Regime(LabelledEnum):
    """A legal regime of online public service levels (chế độ mức độ dịch vụ công trực tuyến).

    >>> Regime.DECREE_42_2022.label("en")
    'Decree 42/2022/NĐ-CP: full or partial online (toàn trình / một phần)'
    """

    DECREE_43_2011 = (
        "decree_43_2011",
        "Nghị định 43/2011/NĐ-CP: dịch vụ công trực tuyến mức độ 1–4",
        "Decree 43/2011/NĐ-CP: online service levels 1–4",
    )
    DECREE_42_2022 = (
        "decree_42_2022",
        "Nghị định 42/2022/NĐ-CP: dịch vụ công trực tuyến toàn trình / một phần",
        "Decree 42/2022/NĐ-CP: full or partial online (toàn trình / một phần)",
    )
    DECREE_224_2026 = (
        "decree_224_2026",
        "Nghị định 224/2026/NĐ-CP: toàn trình là mặc định; mức độ dịch vụ công trực tuyến chủ động",
        "Decree 224/2026/NĐ-CP: full online by default; proactive service levels",
    )


# Decree 43/2011/NĐ-CP is dated 13/6/2011 ([S], a provincial portal's list of
# legal bases); its entry-into-force date was not confirmed in the sources read
# ([U]), so the rule is applied from the date of signing. Before that date no
# regime is known and `REGIMES.at` raises NoRuleInForceError.
_DECREE_43_2011_SIGNED = dt.date(2011, 6, 13)

REGIMES: Rules[Regime] = Rules(
    [
        Rule(
            Regime.DECREE_43_2011,
            valid_from=_DECREE_43_2011_SIGNED,
            valid_until=dt.date(2022, 8, 14),
            citation=(
                "Decree 43/2011/NĐ-CP of 13/6/2011, Art. 3(4) (entry into force not confirmed: "
                "applied from signing); replaced by Decree 42/2022/NĐ-CP from 15/8/2022"
            ),
        ),
        Rule(
            Regime.DECREE_42_2022,
            valid_from=dt.date(2022, 8, 15),
            valid_until=dt.date(2026, 6, 30),
            citation=(
                "Decree 42/2022/NĐ-CP of 24/6/2022, Art. 11 (in force 15/8/2022); repealed from "
                "1/7/2026 by Decree 224/2026/NĐ-CP, Art. 90(2)(b)"
            ),
        ),
        Rule(
            Regime.DECREE_224_2026,
            valid_from=dt.date(2026, 7, 1),
            citation=(
                "Decree 224/2026/NĐ-CP of 24/6/2026, Arts. 14–16 (in force 1/7/2026, Art. 90(1))"
            ),
        ),
    ],
    what="online service level regime",
)
"""The regimes as effective-dated rules; pass your own ``Rules[Regime]`` to override."""

CIRCULAR_01_2023_ISSUED = dt.date(2023, 4, 5)
"""Date of Circular 01/2023/TT-VPCP, which details the toàn trình criteria.

Under Decree 42/2022/NĐ-CP, days before this date are judged by the Art. 11(1)
definition, read through the same criteria (the Circular spells the definition
out; it did not change it); the citations say so. The Circular's own
entry-into-force date was not confirmed ([U]); its date of issue is used.
"""


def check_date(name: str, value: object) -> dt.date:
    """Return ``value`` if it is a plain date, else raise ValidationError naming ``name``."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError.single(name, value, "a datetime.date (not a datetime)")
    return value


def record_date(procedure: object, on: dt.date | None, *, what: str) -> dt.date:
    """The date to judge a record on: ``on``, else the record's ``valid_from``.

    Raises ``ValidationError`` (naming ``what``) when ``procedure`` is not a
    :class:`~tthc.model.Procedure` or no date can be found.
    """
    if not isinstance(procedure, Procedure):
        raise ValidationError.single("procedure", procedure, "a tthc.model.Procedure", what=what)
    if on is None:
        if procedure.valid_from is None:
            raise ValidationError.single(
                "on", None, "a date: the record has no valid_from to judge it by", what=what
            )
        on = procedure.valid_from
    return check_date("on", on)


def regime_on(on: dt.date, *, regimes: Rules[Regime] = REGIMES) -> Rule[Regime]:
    """Return the regime rule in force on ``on`` (with its validity and citation).

    Raises :class:`~tthc.errors.NoRuleInForceError` for a date before Decree
    43/2011/NĐ-CP (or when user-supplied rules overlap), and
    :class:`~tthc.errors.ValidationError` if ``on`` is not a plain date.

    >>> import datetime as dt
    >>> regime_on(dt.date(2022, 8, 14)).value
    <Regime.DECREE_43_2011: 'decree_43_2011'>
    >>> regime_on(dt.date(2022, 8, 15)).value
    <Regime.DECREE_42_2022: 'decree_42_2022'>
    >>> regime_on(dt.date(2026, 7, 1)).value
    <Regime.DECREE_224_2026: 'decree_224_2026'>
    """
    check_date("on", on)
    return regimes.at(on)
