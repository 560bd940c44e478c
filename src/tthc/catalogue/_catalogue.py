"""A catalogue of procedures users load themselves: lookup, indexed search, and diffs."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from tthc._text import fold
from tthc.errors import ParseError, Problem, UnknownCodeError, ValidationError
from tthc.model import (
    AdministrativeTier,
    Channel,
    Fee,
    OnlineMode,
    Procedure,
    ProcedureCode,
    TimeLimit,
)
from tthc.serialization import from_dict, to_dict

__all__ = ["Catalogue", "CatalogueDiff", "ProcedureChange", "diff"]


def _key(code: str | ProcedureCode) -> str:
    return str(code.procedure if isinstance(code, ProcedureCode) else ProcedureCode(code).procedure)


_CACHE_SIZE = 4096  # query words remembered per catalogue


class _Index:
    """Folded texts and a token index, built once per catalogue (linear in its size)."""

    def __init__(self, procedures: tuple[Procedure, ...]) -> None:
        self.names = [fold(p.name) for p in procedures]
        self.sectors = [fold(p.sector) if p.sector else "" for p in procedures]
        self.agencies = [
            "\n".join(
                fold(a.name)
                for a in (*p.implementing_agencies, *p.competent_agencies, *p.authorised_agencies)
            )
            for p in procedures
        ]
        postings: dict[str, set[int]] = {}
        for i, name in enumerate(self.names):
            for token in name.split():
                postings.setdefault(token, set()).add(i)
        self.postings = {token: frozenset(ids) for token, ids in postings.items()}
        self.by_code: dict[str, int] = {}
        for i, p in enumerate(procedures):
            self.by_code.setdefault(_procedure_key(p), i)
        self.cache: dict[str, frozenset[int]] = {}

    def containing(self, part: str) -> frozenset[int]:
        """The procedures with a name token containing ``part``; remembered per part."""
        found = self.cache.get(part)
        if found is None:
            ids = set(self.postings.get(part, ()))
            for token, posting in self.postings.items():
                if part in token and token != part:
                    ids |= posting
            found = frozenset(ids)
            if len(self.cache) >= _CACHE_SIZE:
                self.cache.clear()
            self.cache[part] = found
        return found

    def candidates(self, wanted: str) -> Iterable[int] | None:
        """Procedures whose folded name may contain ``wanted``; ``None`` means all."""
        tokens = wanted.split()
        if not tokens:
            return None
        sets = sorted((self.containing(t) for t in tokens), key=len)
        result = set(sets[0])
        for s in sets[1:]:
            result &= s
            if not result:
                break
        return sorted(result)


def _procedure_key(p: Procedure) -> str:
    """The procedure's code without a service suffix, or its source id when it has none."""
    return str(p.code.procedure) if p.code is not None else p.identifier


def _duplicates(procedures: tuple[Procedure, ...]) -> None:
    first: dict[str, int] = {}
    problems = []
    for i, p in enumerate(procedures):
        key = _procedure_key(p)
        if key in first:
            problems.append(
                Problem(
                    f"$[{i}].code",
                    str(p.code),
                    f"a code not already in the catalogue (it is at $[{first[key]}]); "
                    "to compare two loads of the same catalogue, use tthc.catalogue.diff",
                )
            )
        else:
            first[key] = i
    if problems:
        raise ValidationError(problems, what="Catalogue")


def _as_procedures(value: Iterable[Procedure]) -> tuple[Procedure, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ValidationError.single("procedures", value, "an iterable of Procedure values")
    return tuple(value)


@attrs.frozen(eq=False, repr=False)
class Catalogue:
    """Procedures by code, with a diacritic-insensitive search index built once.

    Build one from procedures (the portal reader's, a JSON file's, the
    shipped records): ``Catalogue(procedures)``, :meth:`from_portal`,
    :meth:`from_json`, :meth:`load` or :meth:`shipped`. Codes are unique
    (a second procedure with a code raises
    :class:`~tthc.errors.ValidationError`; two loads of the same catalogue
    are compared with :func:`diff`). Each procedure keeps its ``decision``
    (the deciding document that published it) and ``valid_from`` when the
    source gives them. Catalogues compare equal when they hold the same
    procedures in the same order.

    >>> from tthc.catalogue import Catalogue
    >>> shipped = Catalogue.shipped()
    >>> shipped.get("1.004222").name
    'Đăng ký thường trú'
    >>> [p.name for p in shipped.search("DANG KY ket")]
    ['Đăng ký kết hôn']
    """

    procedures: tuple[Procedure, ...] = attrs.field(converter=_as_procedures)
    _index: _Index = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems = [
            Problem(f"$[{i}]", p, "a tthc.model.Procedure")
            for i, p in enumerate(self.procedures)
            if not isinstance(p, Procedure)
        ]
        if problems:
            raise ValidationError(problems, what="Catalogue")
        _duplicates(self.procedures)
        object.__setattr__(self, "_index", _Index(self.procedures))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalogue):
            return NotImplemented
        return self.procedures == other.procedures

    def __hash__(self) -> int:
        return hash(self.procedures)

    def __len__(self) -> int:
        return len(self.procedures)

    def __reduce__(self) -> tuple[type[Catalogue], tuple[tuple[Procedure, ...]]]:
        # Pickled as its procedures; the index is rebuilt when unpickled.
        return (Catalogue, (self.procedures,))

    def __repr__(self) -> str:
        codes = ", ".join(str(p.code) for p in self.procedures[:3])
        more = ", …" if len(self.procedures) > 3 else ""
        return f"Catalogue({len(self.procedures)} procedures: {codes}{more})"

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.procedures)

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, (str, ProcedureCode)):
            return False
        try:
            return _key(code) in self._index.by_code
        except ValidationError:
            return False

    def codes(self) -> tuple[str, ...]:
        """Every code, in the catalogue's order."""
        return tuple(str(p.code) for p in self.procedures)

    def get(self, code: str | ProcedureCode) -> Procedure:
        """The procedure with ``code`` (an online-service code finds its procedure).

        Raises :class:`~tthc.errors.UnknownCodeError` (a ``KeyError``) when the
        catalogue has no such procedure, :class:`~tthc.errors.ValidationError`
        when ``code`` is not shaped like a TTHC code.
        """
        key = _key(code)
        i = self._index.by_code.get(key)
        if i is None:
            raise UnknownCodeError(key, "this catalogue", known=sorted(self._index.by_code)[:20])
        return self.procedures[i]

    def search(
        self,
        text: str = "",
        *,
        sector: str | None = None,
        tier: AdministrativeTier | str | None = None,
        agency: str | None = None,
        mode: OnlineMode | str | None = None,
    ) -> tuple[Procedure, ...]:
        """Procedures whose name contains ``text``, ignoring case and diacritics, in order.

        Filters (each ignoring case and diacritics where it is text):
        ``sector`` (part of the lĩnh vực), ``tier`` (an
        :class:`~tthc.model.AdministrativeTier` or its value, ``"commune"``),
        ``agency`` (part of an implementing, competent or authorised
        agency's name) and ``mode`` (the online service's
        :class:`~tthc.model.OnlineMode` or its value, ``"full"``). An unknown
        tier or mode raises :class:`~tthc.errors.ValidationError` listing the
        allowed ones. The name index is built once; a query looks only at the
        procedures whose name has every word of ``text`` (as part of a word).
        """
        if not isinstance(text, str):
            raise ValidationError.single("text", text, "a string (part of a procedure's name)")
        for name, value in (("sector", sector), ("agency", agency)):
            if value is not None and not isinstance(value, str):
                raise ValidationError.single(name, value, "None or a string")
        if isinstance(tier, str):
            tier = AdministrativeTier.from_value(tier)
        elif tier is not None and not isinstance(tier, AdministrativeTier):
            raise ValidationError.single("tier", tier, "None or an AdministrativeTier")
        if isinstance(mode, str):
            mode = OnlineMode.from_value(mode)
        elif mode is not None and not isinstance(mode, OnlineMode):
            raise ValidationError.single("mode", mode, "None or an OnlineMode")
        index = self._index
        wanted = fold(text)
        wanted_sector = fold(sector) if sector is not None else None
        wanted_agency = fold(agency) if agency is not None else None
        candidates = index.candidates(wanted)
        ids = range(len(self.procedures)) if candidates is None else candidates
        found = []
        for i in ids:
            p = self.procedures[i]
            if (
                wanted in index.names[i]
                and (wanted_sector is None or wanted_sector in index.sectors[i])
                and (wanted_agency is None or wanted_agency in index.agencies[i])
                and (tier is None or tier in p.tiers)
                and (
                    mode is None or (p.online_service is not None and p.online_service.mode is mode)
                )
            ):
                found.append(p)
        return tuple(found)

    # -- building --------------------------------------------------------------------

    @classmethod
    def shipped(cls) -> Catalogue:
        """The procedures shipped with tthc (cited package data), sorted by code; built once."""
        from tthc.catalogue import _shipped

        return _shipped()

    @classmethod
    def from_portal(cls, source: Any) -> Catalogue:
        """The procedures read from portal records.

        ``source`` is records in memory, a
        :class:`~tthc.sources.PortalBatchResult` or a path (JSON, JSON Lines,
        gzipped, or the xlsx list export). Records from which no procedure
        could be built are left out; read them with
        :func:`tthc.read_portal_records` to see why.
        """
        from tthc.sources import PortalBatchResult, read_portal_records

        if isinstance(source, PortalBatchResult):
            batch = source
        elif isinstance(source, (str, os.PathLike)):
            batch = _read_portal_file(source)
        else:
            batch = read_portal_records(source)
        return cls(batch.procedures)

    @classmethod
    def from_json(cls, text: str | bytes) -> Catalogue:
        """A catalogue from JSON text (as :meth:`to_json` writes it).

        The text is a list of procedures in the :mod:`tthc.serialization`
        shape, or of catalogue records (``{"procedure": …, "sources": […]}``).

        Raises :class:`~tthc.errors.ParseError` for text that is not JSON and
        :class:`~tthc.errors.ValidationError` with every bad item's path.
        """
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as e:
            shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
            raise ParseError(shown[:200], f"JSON text ({e})", what="catalogue JSON") from None
        return cls(_procedures_from_data(data))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Catalogue:
        """A catalogue from a file: tthc's JSON (see :meth:`from_json`), or portal records.

        ``.xlsx`` is the portal's list export; a JSON list (or JSON Lines,
        plain or gzipped) whose first item is a :mod:`tthc.serialization`
        procedure or catalogue record is read as such, any other as portal
        records (:meth:`from_portal`). Raises :class:`~tthc.errors.ParseError`
        for a file that cannot be read.
        """
        from tthc.sources.coverage import load_records

        name = os.fspath(path)
        if name.lower().endswith((".xlsx", ".xlsm")):
            return cls.from_portal(name)
        data = load_records(name)
        if data and isinstance(data[0], Mapping) and _is_tthc_shape(data[0]):
            return cls(_procedures_from_data(data))
        return cls.from_portal(data)

    def to_json(self, *, indent: int | None = None) -> str:
        """The catalogue as JSON (a list of procedures), as :meth:`from_json` reads it."""
        return json.dumps([to_dict(p) for p in self.procedures], ensure_ascii=False, indent=indent)


_PROCEDURE_FIELDS = frozenset(a.name for a in attrs.fields(Procedure))


def _is_tthc_shape(item: Mapping[Any, Any]) -> bool:
    return "procedure" in item or (
        "code" in item and "name" in item and set(item) <= _PROCEDURE_FIELDS
    )


def _procedures_from_data(data: Any) -> list[Procedure]:
    if not isinstance(data, list):
        raise ValidationError([Problem("$", data, "a list of procedures")], what="Catalogue")
    out: list[Procedure] = []
    problems: list[Problem] = []
    for i, item in enumerate(data):
        value = item.get("procedure") if isinstance(item, Mapping) and "procedure" in item else item
        try:
            out.append(from_dict(Procedure, value))
        except ValidationError as e:
            prefix = f"$[{i}]" + (".procedure" if value is not item else "")
            problems += [
                Problem(prefix + p.path.removeprefix("$"), p.value, p.expected) for p in e.problems
            ]
    if problems:
        raise ValidationError(problems, what="Catalogue")
    return out


def _read_portal_file(path: str | os.PathLike[str]) -> Any:
    from tthc.sources import read_portal_records
    from tthc.sources.coverage import load_records

    name = os.fspath(path)
    if name.lower().endswith((".xlsx", ".xlsm")):
        from tthc.sources import read_portal_xlsx

        return read_portal_xlsx(name)
    return read_portal_records(load_records(name))


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
    """Compare two loads of the same catalogue: added, removed and changed procedures.

    Procedures are matched by code. A procedure the portal republished after
    an amending decision shows as changed, with ``"decision"`` among its
    changes and the channels whose time limits or fees differ.

    >>> from tthc.catalogue import Catalogue, diff
    >>> import attrs
    >>> old = Catalogue.shipped()
    >>> p = old.get("1.004222")
    >>> longer = attrs.evolve(p.methods[0], time_limits=[TimeLimit.working_days(10)])
    >>> new = Catalogue([attrs.evolve(p, methods=[longer, *p.methods[1:]])])
    >>> d = diff(old, new)
    >>> len(d.removed), [c.changes for c in d.changed], d.changed[0].time_limits
    (4, [('time_limits',)], (<Channel.IN_PERSON: 'in_person'>,))
    """
    if not isinstance(old, Catalogue) or not isinstance(new, Catalogue):
        raise ValidationError.single("old/new", (old, new), "two tthc.catalogue.Catalogue values")
    added = tuple(p for p in new if str(p.code) not in old)
    removed = tuple(p for p in old if str(p.code) not in new)
    changed = tuple(
        c
        for p in new
        if p.code is not None
        and str(p.code) in old
        and (c := _change(old.get(p.code), p)) is not None
    )
    return CatalogueDiff(added=added, removed=removed, changed=changed)
