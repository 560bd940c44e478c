"""Effective dating: which rule applies on a given date.

One small mechanism used everywhere tthc says "from … until …": the calendar's
announcements, the online-service regimes, the administrative tiers, the clock
policies. A :class:`Rule` is a value valid over a window of days, with the
document that set it; :class:`Rules` answers "what is in force on date D".

Windows are closed on both ends and given in days: ``valid_from`` is the first
day the rule applies, ``valid_until`` the last (``None`` means unbounded on that
side). A dossier or a report is judged under the rules in force on its own date.

>>> import datetime as dt
>>> from tthc.rules import Rule, Rules
>>> regimes = Rules([
...     Rule("Decree 43/2011", valid_until=dt.date(2022, 8, 14),
...          citation="Decree 43/2011/NĐ-CP, Art. 3(4)"),
...     Rule("Decree 42/2022", valid_from=dt.date(2022, 8, 15),
...          citation="Decree 42/2022/NĐ-CP, Art. 11"),
... ])
>>> regimes.at(dt.date(2022, 8, 15)).value
'Decree 42/2022'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

import attrs

from tthc._rows import Rows
from tthc._tables import CitationRecord
from tthc._validate import as_tuple, non_empty_str, tuple_of
from tthc.citations import Citation, Confidence, as_citation
from tthc.errors import NoRuleInForceError, Problem, ValidationError

__all__ = [
    "CIVIL_STATUS_LAW",
    "DOCUMENT_NUMBERING_LAW",
    "SCORECARD_766",
    "RegisteredRule",
    "Rule",
    "Rules",
    "law_in_force",
    "law_table",
    "read_dated_rules",
    "registry",
    "switch_table",
    "switches",
]

T = TypeVar("T")


def _check_window(instance: Rule[object], _attribute: object, value: dt.date | None) -> None:
    start = instance.valid_from
    if start is not None and value is not None and value < start:
        raise ValidationError.single(
            "valid_until", value, f"a date on or after valid_from ({start.isoformat()})"
        )


def _to_citation(value: object) -> Citation:
    if isinstance(value, Citation):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValidationError.single(
            "citation",
            value,
            "the document that set the rule, e.g. 'Decree 118/2025/NĐ-CP, Art. 17', "
            "or a tthc.citations.Citation",
        )
    return as_citation(value)


@attrs.frozen
class Rule(Generic[T]):
    """A value in force from ``valid_from`` to ``valid_until`` (both inclusive).

    ``citation`` names the document (number and article) that set it, as a
    :class:`~tthc.citations.Citation` or its free text (read with
    :meth:`Citation.from_text <tthc.citations.Citation.from_text>`); a rule
    without a source is refused. :attr:`citation` is the text to show,
    :attr:`cited` the structured value (document, provision, confidence).
    """

    value: T
    valid_from: dt.date | None = attrs.field(default=None, kw_only=True)
    valid_until: dt.date | None = attrs.field(default=None, kw_only=True, validator=_check_window)
    cited: Citation = attrs.field(kw_only=True, alias="citation", converter=_to_citation)

    @property
    def citation(self) -> str:
        """The citation as text (``str(self.cited)``)."""
        return str(self.cited)

    @property
    def confidence(self) -> Confidence:
        """How sure tthc is of the rule (the citation's confidence)."""
        return self.cited.confidence

    def window(self) -> str:
        """The validity window as text: ``'2025-07-01..'``, ``'..2022-08-14'``."""
        start = "" if self.valid_from is None else self.valid_from.isoformat()
        end = "" if self.valid_until is None else self.valid_until.isoformat()
        return f"{start}..{end}"

    def overlaps(self, other: Rule[Any]) -> bool:
        """Whether the two windows share a day."""
        starts_before_other_ends = (
            self.valid_from is None
            or other.valid_until is None
            or self.valid_from <= other.valid_until
        )
        ends_after_other_starts = (
            self.valid_until is None
            or other.valid_from is None
            or other.valid_from <= self.valid_until
        )
        return starts_before_other_ends and ends_after_other_starts

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the rule applies on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


def _check_exclusive(instance: Rules[object], _attribute: object, value: bool) -> None:
    if not value:
        return
    problems = [
        Problem(
            f"$.rules[{j}]",
            f"{b.window()} ({b.citation})",
            f"a window that does not overlap rules[{i}] ({a.window()}, {a.citation}): "
            f"'{instance.what}' is exclusive",
        )
        for i, a in enumerate(instance.rules)
        for j, b in enumerate(instance.rules)
        if i < j and a.overlaps(b)
    ]
    if problems:
        raise ValidationError(problems, what=f"Rules[{instance.what}]")


@attrs.frozen
class Rules(Generic[T]):
    """A collection of effective-dated rules about one thing.

    Rules may overlap (several administrative tiers are in force at once); use
    :meth:`at` where exactly one must apply and :meth:`in_force` where several
    may. ``what`` names the thing for error messages. ``exclusive=True``
    declares that at most one rule applies on any day: overlapping windows
    are refused when the collection is built (and by :meth:`adding`) with a
    :class:`~tthc.errors.ValidationError` naming both rules.

    >>> import datetime as dt
    >>> Rules([Rule("a", valid_until=dt.date(2025, 6, 30), citation="61/2018/NĐ-CP"),
    ...        Rule("b", valid_from=dt.date(2025, 6, 30), citation="118/2025/NĐ-CP")],
    ...       exclusive=True)
    Traceback (most recent call last):
    ...
    tthc.errors.ValidationError: ...
    """

    rules: tuple[Rule[T], ...] = attrs.field(converter=as_tuple)
    what: str = attrs.field(default="rule", kw_only=True)
    exclusive: bool = attrs.field(default=False, kw_only=True, validator=_check_exclusive)

    def __iter__(self) -> Iterator[Rule[T]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def in_force(self, on: dt.date) -> tuple[Rule[T], ...]:
        """Every rule that applies on ``on``, in the order given."""
        return tuple(rule for rule in self.rules if rule.in_force_on(on))

    def at(self, on: dt.date) -> Rule[T]:
        """The one rule that applies on ``on``.

        Raises :class:`~tthc.errors.NoRuleInForceError` when none applies or
        when several do (the caller must then choose explicitly).
        """
        found = self.in_force(on)
        if len(found) != 1:
            raise NoRuleInForceError(self.what, on, found=len(found))
        return found[0]

    def get(self, on: dt.date) -> Rule[T] | None:
        """Like :meth:`at`, but ``None`` when no rule applies."""
        found = self.in_force(on)
        if len(found) > 1:
            raise NoRuleInForceError(self.what, on, found=len(found))
        return found[0] if found else None

    def adding(self, rules: Iterable[Rule[T]]) -> Rules[T]:
        """Return a new collection with ``rules`` appended (this one is unchanged).

        An exclusive collection stays exclusive: an added rule that overlaps is
        refused.
        """
        return Rules(self.rules + tuple(rules), what=self.what, exclusive=self.exclusive)

    def superseding(self, rule: Rule[T]) -> Rules[T]:
        """A new collection where ``rule`` takes over from its ``valid_from`` on.

        Rules in force that day end the day before; rules starting later are
        dropped (the way a new decree replaces the one in force). ``rule``
        must have a ``valid_from``.

        >>> import datetime as dt
        >>> old = Rules([Rule("118/2025", valid_from=dt.date(2025, 7, 1),
        ...                   citation="118/2025/NĐ-CP")])
        >>> new = old.superseding(Rule("2027", valid_from=dt.date(2027, 1, 1),
        ...                            citation="1/2027/NĐ-CP"))
        >>> [(r.value, r.window()) for r in new]
        [('118/2025', '2025-07-01..2026-12-31'), ('2027', '2027-01-01..')]
        """
        start = rule.valid_from
        if not isinstance(start, dt.date):
            raise ValidationError.single(
                "rule.valid_from", start, "the date the new rule takes over", what=self.what
            )
        kept: list[Rule[T]] = []
        for old in self.rules:
            if old.valid_from is not None and old.valid_from >= start:
                continue
            if old.valid_until is None or old.valid_until >= start:
                old = attrs.evolve(old, valid_until=start - dt.timedelta(days=1))
            kept.append(old)
        return Rules((*kept, rule), what=self.what, exclusive=self.exclusive)

    def replacing(self, rules: Iterable[Rule[T]]) -> Rules[T]:
        """A new collection where ``rules`` replace the ones whose windows they overlap.

        The way to supersede a shipped rule (a decree replaced early, a
        corrected date) without editing tthc.
        """
        new = tuple(rules)
        kept = tuple(r for r in self.rules if not any(r.overlaps(n) for n in new))
        return Rules(kept + new, what=self.what, exclusive=self.exclusive)


@attrs.frozen
class _DatedRow:
    """One row of a dated-rules data file: a value in force over a window, with its citation."""

    key: str
    value: str
    citation: CitationRecord
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@attrs.frozen
class _DatedTable:
    rules: tuple[_DatedRow, ...]


def read_dated_rules(
    package: str,
    name: str,
    collections: dict[str, str],
    value: Any = str,
    *,
    exclusive: bool = True,
) -> dict[str, Rules[Any]]:
    """Effective-dated rules from ``package``'s ``data/<name>``, one collection per ``key``.

    Each row is ``{"key", "value", "valid_from", "valid_until", "citation"}``;
    ``collections`` maps every allowed key to what its rules are about (an
    unknown key is refused); ``value`` turns the stored string into the rule's
    value (an enum, for instance). The file is read by the strict loader
    (:func:`tthc._tables.read_table`), so a decree is a data change and a test
    row (issue 20).
    """
    from tthc._tables import read_table

    rows = read_table(package, name, _DatedTable).rules
    unknown = sorted({row.key for row in rows} - set(collections))
    if unknown:
        raise ValidationError.single(
            f"{name}: $.rules[].key", unknown, f"one of {sorted(collections)}"
        )
    return {
        key: Rules(
            [
                Rule(
                    value(row.value),
                    valid_from=row.valid_from,
                    valid_until=row.valid_until,
                    citation=row.citation.to_citation(),
                )
                for row in rows
                if row.key == key
            ],
            what=what,
            exclusive=exclusive,
        )
        for key, what in collections.items()
    }


_LAWS = read_dated_rules(
    "tthc",
    "laws.json",
    {
        "document_numbering": "law on legal documents (document numbering)",
        "civil_status": "law on civil status",
        "scorecard_766": "national TTHC scorecard",
    },
)

# Read from tthc/data/laws.json by the strict loader (issue 20: a new law is a
# data change and a test row).

#: The law on legal documents, whose numbering rules tthc's
#: :class:`~tthc.model.LegalReference` reads (number/year/type-issuer).
DOCUMENT_NUMBERING_LAW: Rules[str] = _LAWS["document_numbering"]
"""Which law on legal documents is in force (Law 80/2015/QH13, then Law 64/2025/QH15)."""

#: The Law on Civil Status in force; civil-status rules cite it.
CIVIL_STATUS_LAW: Rules[str] = _LAWS["civil_status"]
"""The Law on Civil Status in force on a date (60/2014/QH13 until 28/2/2027, then 03/2026/QH16)."""

#: The national scorecard of TTHC and public-service delivery (on time counts
#: early and on-time dossiers together; tthc.dossiers metrics).
SCORECARD_766: Rules[str] = _LAWS["scorecard_766"]
"""Decision 766/QĐ-TTg, dated 23/6/2022 (in force on signing)."""


def law_in_force(number: str, on: dt.date) -> Rule[str] | None:
    """The law in force on ``on`` for the subject of law ``number``.

    For a law tthc tracks the succession of (:data:`CIVIL_STATUS_LAW`,
    :data:`DOCUMENT_NUMBERING_LAW`), the rule of the law in force that day:
    the same law, or the one that replaced it. ``None`` for other numbers.
    Civil-status rules that cite Law 60/2014/QH13 (the 15:00 cut-off of Art.
    5(3), the fee exemptions of Art. 11) keep that citation: the articles of
    Law 03/2026/QH16 were not read, so tthc does not restate them under the
    new law; this function says which law governs.

    >>> import datetime as dt
    >>> law_in_force("60/2014/QH13", dt.date(2027, 3, 1)).value
    '03/2026/QH16'
    >>> law_in_force("60/2014/QH13", dt.date(2027, 2, 28)).value
    '60/2014/QH13'
    """
    for laws in (CIVIL_STATUS_LAW, DOCUMENT_NUMBERING_LAW):
        if any(rule.value == number for rule in laws):
            return laws.get(on)
    return None


@attrs.frozen
class RegisteredRule:
    """One shipped rule with the collection it belongs to (see :func:`registry`)."""

    collection: str
    what: str
    rule: Rule[object]

    @property
    def citation(self) -> Citation:
        """The rule's structured citation."""
        return self.rule.cited

    @property
    def confidence(self) -> Confidence:
        """How sure tthc is of the rule."""
        return self.rule.cited.confidence


# Every collection of rules tthc ships, as (module, attribute); read lazily so
# that `import tthc.rules` stays light and layers keep pointing down.
_SHIPPED: tuple[tuple[str, str], ...] = (
    ("tthc.rules", "DOCUMENT_NUMBERING_LAW"),
    ("tthc.rules", "CIVIL_STATUS_LAW"),
    ("tthc.rules", "SCORECARD_766"),
    ("tthc.levels", "REGIMES"),
    ("tthc.levels", "TIERS"),
    ("tthc.levels", "REASSIGNMENTS"),
    ("tthc.deadlines._statutory", "STATUTORY_REGIMES"),
    ("tthc.deadlines._statutory", "CULTURE_DAY_RULES"),
    ("tthc.deadlines._policy", "CLOCK_POLICIES"),
    ("tthc.dossiers._forms", "FORM_NUMBERING"),
    ("tthc.dossiers._groups", "BIRTH_GROUP"),
    ("tthc.dossiers._groups", "DEATH_GROUP"),
    ("tthc.dossiers._evaluation", "EVALUATION"),
    ("tthc.dossiers._check", "ASK_ONCE"),
    ("tthc.levels", "REGIME_DEFINITIONS"),
)


def _shipped() -> list[tuple[str, Rules[object]]]:
    import importlib

    found: list[tuple[str, Rules[object]]] = []
    for module, name in _SHIPPED:
        found.append((f"{module}.{name}", getattr(importlib.import_module(module), name)))
    data = importlib.import_module("tthc.deadlines._data")
    found.append(("tthc.deadlines.official_calendar().announcements", data.shipped_announcements()))
    return found


def registry(
    *,
    document: str | None = None,
    confidence: Confidence | str | None = None,
    on: dt.date | None = None,
) -> Rows[RegisteredRule]:
    """Every rule tthc ships, with its window and structured citation.

    Filters (all optional, combined): ``document``, a document number such as
    ``"118/2025/NĐ-CP"`` (the rules whose citation names it);
    ``confidence`` (``"unconfirmed"`` lists what tthc could not confirm);
    ``on``, rules in force on that date.

    >>> from tthc.rules import registry
    >>> any(r.rule.value == "03/2026/QH16" for r in registry(document="03/2026/QH16"))
    True
    >>> all(r.confidence is Confidence.UNCONFIRMED for r in registry(confidence="unconfirmed"))
    True
    """
    wanted: Confidence | None = None
    if confidence is not None:
        try:
            wanted = (
                confidence
                if isinstance(confidence, Confidence)
                else Confidence.from_value(confidence)
            )
        except ValidationError as error:
            raise error.prefixed("confidence") from None
    out: list[RegisteredRule] = []
    for name, rules in _shipped():
        for rule in rules:
            if document is not None and not rule.cited.cites(document):
                continue
            if wanted is not None and rule.cited.confidence is not wanted:
                continue
            if on is not None and not rule.in_force_on(on):
                continue
            out.append(RegisteredRule(name, rules.what, rule))
    return Rows(out, describe=_registry_row, noun="rules")


def _registry_row(item: RegisteredRule) -> dict[str, Any]:
    """One registered rule as plain values (the columns of ``registry().to_frame()``)."""
    rule, cited = item.rule, item.rule.cited
    return {
        "collection": item.collection,
        "what": item.what,
        "value": _describe(rule.value),
        "valid_from": rule.valid_from,
        "valid_until": rule.valid_until,
        "citation": str(cited),
        "confidence": cited.confidence.value,
    }


def _describe(value: object) -> str:
    """A short name for a rule's value, for the law table."""
    for attribute in ("name_en", "name"):
        name = getattr(value, attribute, None)
        if isinstance(name, str):
            code = getattr(value, "code", None)
            return f"{code}: {name}" if code is not None else name
    en = getattr(value, "en", None)
    if isinstance(en, str):
        return en
    if isinstance(value, tuple):
        return f"announced window ({len(value)} cited days off or make-up days)"
    from_tier = getattr(value, "from_tier", None)
    to_tier = getattr(value, "to_tier", None)
    if from_tier is not None and to_tier is not None:
        sectors = ", ".join(getattr(value, "sectors", ())) or "every sector"
        return f"{from_tier.en} → {to_tier.en} ({sectors})"
    return str(value)


def law_table() -> str:
    """Every shipped rule as one Markdown table: rule, window, citation, confidence.

    ``docs/explanation/law.md`` embeds this table; a test regenerates it and
    compares, so the page cannot drift from the rules.
    """

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "| Collection | Rule | Window | Citation | Confidence |",
        "|---|---|---|---|---|",
    ]
    for entry in registry():
        rule = entry.rule
        lines.append(
            "| "
            + " | ".join(
                cell(part)
                for part in (
                    entry.what,
                    _describe(rule.value),
                    rule.window(),
                    rule.citation,
                    entry.confidence.en,
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


@attrs.frozen
class Switch:
    """A question the law leaves open, the reading tthc applies by default, and how to change it.

    Read from ``tthc/data/switches.json`` by the one strict loader
    (:func:`tthc._tables.read_table`): a new reading is a data change and a
    test row. ``key`` names the switch (for clock switches, the
    :class:`~tthc.deadlines.ClockPolicy` field); ``default`` is the value
    tthc applies; ``change`` says how to apply another reading.
    """

    key: str = attrs.field(validator=non_empty_str)
    question: str = attrs.field(validator=non_empty_str)
    default: str = attrs.field(validator=non_empty_str)
    alternatives: tuple[str, ...] = attrs.field(converter=as_tuple, validator=tuple_of(str))
    change: str = attrs.field(validator=non_empty_str)
    reading: str = attrs.field(validator=non_empty_str)
    citation: CitationRecord = attrs.field(validator=attrs.validators.instance_of(CitationRecord))

    @property
    def cited(self) -> Citation:
        """The structured citation of the default reading."""
        return self.citation.to_citation()


@attrs.frozen
class _SwitchTable:
    switches: tuple[Switch, ...]


def switches() -> tuple[Switch, ...]:
    """Every documented switch: the open question, the default reading and its citation.

    >>> from tthc.rules import switches
    >>> end = next(s for s in switches() if s.key == "end_of_day")
    >>> end.default, end.cited.confidence.value
    ('midnight', 'primary')
    """
    from tthc._tables import read_table

    return read_table("tthc", "switches.json", _SwitchTable).switches


def switch_table() -> str:
    """Every switch as one Markdown table: question, default, alternatives, citation, confidence.

    ``docs/explanation/law.md`` embeds it next to :func:`law_table`; a test
    regenerates both.
    """

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "| Switch | Question | Default reading | Other readings | Citation | Confidence "
        "| Change it with |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in switches():
        cited = s.cited
        lines.append(
            "| "
            + " | ".join(
                cell(part)
                for part in (
                    f"`{s.key}`",
                    s.question,
                    f"{s.default}: {s.reading}",
                    ", ".join(s.alternatives) or "—",
                    str(cited),
                    cited.confidence.en,
                    f"`{s.change}`",
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"
