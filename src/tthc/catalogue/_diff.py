"""Comparing two snapshots of a catalogue: added, removed and changed procedures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from tthc.errors import ValidationError
from tthc.model import Channel, Fee, Procedure, TimeLimit

if TYPE_CHECKING:
    from tthc.catalogue._catalogue import Catalogue

__all__ = ["CatalogueDiff", "ProcedureChange", "diff"]


# -- versions over time ------------------------------------------------------------------


def _per_channel(p: Procedure) -> dict[Channel, tuple[tuple[TimeLimit, ...], tuple[Fee, ...]]]:
    return {m.channel: (m.time_limits, m.fees) for m in p.methods}


@attrs.frozen
class ProcedureChange:
    """One procedure in both loads, changed: what changed, old and new.

    ``changes`` names what differs, in this order, among ``"time_limits"``,
    ``"fees"``, ``"channels"``, ``"decision"``, ``"valid_from"``,
    ``"name"``, ``"dossier"``, ``"legal_basis"`` and ``"other"``;
    ``time_limits`` / ``fees`` list the channels whose limits or fees changed.
    """

    code: str
    old: Procedure
    new: Procedure
    changes: tuple[str, ...]
    time_limits: tuple[Channel, ...] = ()
    fees: tuple[Channel, ...] = ()


@attrs.frozen
class CatalogueDiff:
    """What changed between two loads of the same catalogue, by code.

    ``added`` and ``removed`` in the order of the load they are in; ``changed``
    in the new load's order. :attr:`changed_time_limits` and
    :attr:`changed_fees` are the changes a one-stop system acts on when it syncs.
    """

    added: tuple[Procedure, ...]
    removed: tuple[Procedure, ...]
    changed: tuple[ProcedureChange, ...]

    @property
    def changed_time_limits(self) -> tuple[ProcedureChange, ...]:
        """The changes whose time limits differ on some channel."""
        return tuple(c for c in self.changed if c.time_limits)

    @property
    def changed_fees(self) -> tuple[ProcedureChange, ...]:
        """The changes whose fees differ on some channel."""
        return tuple(c for c in self.changed if c.fees)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _change(old: Procedure, new: Procedure) -> ProcedureChange | None:
    if old == new:
        return None
    before, after = _per_channel(old), _per_channel(new)
    channels = list(dict.fromkeys((*before, *after)))
    limits = tuple(
        c for c in channels if c in before and c in after and before[c][0] != after[c][0]
    )
    fees = tuple(c for c in channels if c in before and c in after and before[c][1] != after[c][1])
    changes = []
    if limits:
        changes.append("time_limits")
    if fees:
        changes.append("fees")
    if set(before) != set(after):
        changes.append("channels")
    for name, field in (
        ("decision", "decision"),
        ("valid_from", "valid_from"),
        ("name", "name"),
        ("dossier", "dossier_cases"),
        ("legal_basis", "legal_basis"),
    ):
        if getattr(old, field) != getattr(new, field):
            changes.append(name)
    if not changes:
        changes.append("other")
    return ProcedureChange(
        code=str(new.code), old=old, new=new, changes=tuple(changes), time_limits=limits, fees=fees
    )


def diff(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    """Compare two snapshots of the same catalogue: added, removed and changed procedures.

    Procedures are matched by code. A procedure the portal republished after
    an amending decision shows as changed, with ``"decision"`` among its
    changes and the channels whose time limits or fees differ. Between two
    catalogue files, a record stored identically in both is not decoded.

    >>> from tthc.catalogue import Catalogue, diff
    >>> from tthc import catalogue
    >>> import attrs
    >>> p = catalogue.get("1.004222")
    >>> old = Catalogue([p, catalogue.get("1.001193")])
    >>> longer = attrs.evolve(p.methods[0], time_limits=[TimeLimit.working_days(10)])
    >>> new = Catalogue([attrs.evolve(p, methods=[longer, *p.methods[1:]])])
    >>> d = diff(old, new)
    >>> len(d.removed), [c.changes for c in d.changed], d.changed[0].time_limits
    (1, [('time_limits',)], (<Channel.IN_PERSON: 'in_person'>,))
    """
    from tthc.catalogue._catalogue import Catalogue

    if not isinstance(old, Catalogue) or not isinstance(new, Catalogue):
        raise ValidationError.single("old/new", (old, new), "two tthc.catalogue.Catalogue values")
    old_codes, new_codes = old.codes(), new.codes()
    in_old, in_new = set(old_codes), set(new_codes)
    added = tuple(new.get(c) for c in new_codes if c not in in_old)
    removed = tuple(old.get(c) for c in old_codes if c not in in_new)
    changed = []
    for code in new_codes:
        if code not in in_old:
            continue
        before, after = old.fingerprint(code), new.fingerprint(code)
        if before is not None and before == after:
            continue
        change = _change(old.get(code), new.get(code))
        if change is not None:
            changed.append(change)
    return CatalogueDiff(added=added, removed=removed, changed=tuple(changed))
