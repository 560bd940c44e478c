"""Hypothesis strategies for tthc objects, for your own property tests and ours.

Needs the ``strategies`` extra (``pip install 'tthc[strategies]'``). Every
strategy generates valid objects only; shrinking goes towards short, simple
values.

>>> from hypothesis import given
>>> from tthc.strategies import procedures
>>> from tthc.serialization import from_json, to_json
>>> @given(procedures())
... def test_round_trip(p):
...     assert from_json(type(p), to_json(p)) == p
>>> test_round_trip()
"""

from __future__ import annotations

import datetime as dt

try:
    from hypothesis import strategies as st
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError("tthc.strategies needs hypothesis: pip install 'tthc[strategies]'") from e

from tthc.levels._strategies import online_facts, regime_dates
from tthc.model import (
    AdministrativeTier,
    Agency,
    Channel,
    DocumentType,
    DossierCase,
    DossierComponent,
    Fee,
    FeeKind,
    Legacy2011Level,
    LegalReference,
    Method,
    OnlineMode,
    OnlineService,
    PartialReason,
    ProactiveLevel,
    Procedure,
    ProcedureCode,
    ProcedureType,
    TimeLimit,
    TimeUnit,
)

__all__ = [
    "agencies",
    "dossier_cases",
    "dossier_components",
    "fees",
    "legal_references",
    "methods",
    "online_facts",
    "online_services",
    "procedure_codes",
    "procedures",
    "regime_dates",
    "texts",
    "time_limits",
]

# Letters of the Vietnamese alphabet with their tone marks, plus a few others.
_VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
_ALPHABET = _VIETNAMESE + _VIETNAMESE.upper() + "0123456789 ,.;:()-/"


def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank Vietnamese-looking text (names, descriptions, conditions)."""
    return st.text(_ALPHABET, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


def procedure_codes(*, with_suffix: bool | None = None) -> st.SearchStrategy[ProcedureCode]:
    """Codes ``d.dddddd``, with an online-service suffix ``.NN`` when asked (or at random)."""
    base = st.builds(
        lambda first, rest: f"{first}.{rest:06d}",
        st.integers(0, 9),
        st.integers(0, 999_999),
    )
    suffix = st.integers(0, 99).map(lambda n: f".{n:02d}")
    if with_suffix is True:
        values = st.builds(str.__add__, base, suffix)
    elif with_suffix is False:
        values = base
    else:
        values = st.one_of(base, st.builds(str.__add__, base, suffix))
    return values.map(ProcedureCode)


_TYPE_CODES = {
    DocumentType.DECREE: "NĐ",
    DocumentType.CIRCULAR: "TT",
    DocumentType.JOINT_CIRCULAR: "TTLT",
    DocumentType.DECISION: "QĐ",
    DocumentType.RESOLUTION: "NQ",
    DocumentType.DIRECTIVE: "CT",
    DocumentType.NOTICE: "TB",
}
_ISSUERS = ("CP", "TTg", "VPCP", "BCA", "BTP", "BTC", "BNV", "UBND", "BTP-BCA-BYT")


def _document_numbers() -> st.SearchStrategy[str]:
    serial = st.integers(1, 20_000).map(lambda n: f"{n:02d}")
    year = st.integers(1990, 2035)
    code = st.sampled_from(sorted(_TYPE_CODES.values()))
    issuer = st.sampled_from(_ISSUERS)
    return st.one_of(
        st.builds(lambda s, y, c, i: f"{s}/{y}/{c}-{i}", serial, year, code, issuer),
        st.builds(
            lambda s, c, i: f"{s}/{c}-{i}", serial, st.sampled_from(["QĐ", "NQ", "TB"]), issuer
        ),
        st.builds(lambda s, y, k: f"{s}/{y}/QH{k}", serial, year, st.integers(9, 16)),
        st.builds(lambda s: f"{s}-NQ/TW", serial),
        st.builds(lambda s: f"{s}/VPCP-KGVX", serial),
    )


def legal_references() -> st.SearchStrategy[LegalReference]:
    """References to documents of every numbering style, with optional provisions."""
    label = st.one_of(st.none(), st.integers(1, 200).map(str))
    point = st.one_of(st.none(), st.sampled_from(list("abcdđeghik")))
    return st.builds(
        LegalReference,
        _document_numbers(),
        article=label,
        clause=label,
        point=point,
        title=st.one_of(st.none(), texts()),
        issued_on=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))),
    )


def time_limits() -> st.SearchStrategy[TimeLimit]:
    """Time limits in every unit; conditions and raw text sometimes."""
    amounts = st.integers(1, 90)
    raw = st.one_of(st.none(), texts())
    cutoff = st.one_of(st.none(), st.times().map(lambda t: t.replace(microsecond=0)))
    unit = st.sampled_from([u for u in TimeUnit if u is not TimeUnit.SAME_DAY])
    return st.one_of(
        st.builds(lambda n, u, c, r: TimeLimit(n, u, cutoff=c, raw=r), amounts, unit, cutoff, raw),
        st.builds(lambda c, r: TimeLimit.same_day(cutoff=c, raw=r), cutoff, raw),
    )


def _conditional(limit: TimeLimit, condition: str) -> TimeLimit:
    return TimeLimit(
        limit.amount, limit.unit, cutoff=limit.cutoff, condition=condition, raw=limit.raw
    )


def fees() -> st.SearchStrategy[Fee]:
    """Fees and charges in whole đồng (0 to 50 million)."""
    return st.builds(
        Fee,
        texts(),
        st.integers(0, 50_000_000),
        st.sampled_from(FeeKind),
        condition=st.one_of(st.none(), texts()),
        exemptions=st.lists(texts(), max_size=2),
        legal_basis=st.lists(legal_references(), max_size=2),
    )


def methods() -> st.SearchStrategy[Method]:
    """Methods: a channel, an ordinary limit, optional conditional ones, fees."""
    return st.builds(
        lambda channel, first, extra, fee_list, description: Method(
            channel,
            [first, *[_conditional(limit, cond) for limit, cond in extra]],
            fees=fee_list,
            description=description,
        ),
        st.sampled_from(Channel),
        time_limits(),
        st.lists(st.tuples(time_limits(), texts()), max_size=2),
        st.lists(fees(), max_size=2),
        st.one_of(st.none(), texts()),
    )


def dossier_components() -> st.SearchStrategy[DossierComponent]:
    """Dossier components with plausible quantities and flags."""
    count = st.integers(0, 3)
    maybe_text = st.one_of(st.none(), texts())
    return st.builds(
        DossierComponent,
        texts(),
        form=maybe_text,
        originals=count,
        copies=count,
        certified_copies=count,
        required=st.booleans(),
        condition=maybe_text,
        waivable_if_in_database=st.booleans(),
        database=maybe_text,
        paper_only=st.booleans(),
    )


def dossier_cases() -> st.SearchStrategy[DossierCase]:
    """Cases (trường hợp) with one to four components."""
    return st.builds(
        DossierCase,
        st.lists(dossier_components(), min_size=1, max_size=4),
        name=st.one_of(st.none(), texts()),
        sets=st.integers(1, 3),
    )


def agencies() -> st.SearchStrategy[Agency]:
    """Agencies, sometimes with an electronic identifier and a tier."""
    return st.builds(
        Agency,
        texts(),
        code=st.one_of(st.none(), st.from_regex(r"\A[0-9A-Z.]{4,16}\Z")),
        tier=st.one_of(st.none(), st.sampled_from(AdministrativeTier)),
    )


def online_services() -> st.SearchStrategy[OnlineService]:
    """Claims about an online service, any combination."""
    return st.builds(
        OnlineService,
        code=st.one_of(st.none(), procedure_codes(with_suffix=True)),
        mode=st.one_of(st.none(), st.sampled_from(OnlineMode)),
        legacy_level=st.one_of(st.none(), st.sampled_from(Legacy2011Level)),
        proactive_level=st.one_of(st.none(), st.sampled_from(ProactiveLevel)),
        partial_reason=st.one_of(st.none(), st.sampled_from(PartialReason)),
        online_payment=st.one_of(st.none(), st.booleans()),
    )


@st.composite
def _validity(draw: st.DrawFn) -> tuple[dt.date | None, dt.date | None]:
    start = draw(st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))))
    if draw(st.booleans()):
        return start, None
    low = start or dt.date(2000, 1, 1)
    return start, draw(st.dates(low, dt.date(2040, 12, 31)))


def procedures() -> st.SearchStrategy[Procedure]:
    """Whole procedure records, every field exercised."""
    maybe_bool = st.one_of(st.none(), st.booleans())
    few_texts = st.lists(texts(), max_size=3)
    few_agencies = st.lists(agencies(), max_size=2)
    return st.builds(
        lambda validity, **kw: Procedure(valid_from=validity[0], valid_to=validity[1], **kw),
        _validity(),
        code=procedure_codes(with_suffix=False),
        name=texts(max_size=80),
        decision=st.one_of(st.none(), legal_references()),
        tiers=st.lists(st.sampled_from(AdministrativeTier), max_size=3, unique=True),
        procedure_type=st.one_of(st.none(), st.sampled_from(ProcedureType)),
        sector=st.one_of(st.none(), texts()),
        steps=few_texts,
        methods=st.lists(methods(), max_size=3),
        dossier_cases=st.lists(dossier_cases(), max_size=2),
        applicants=few_texts,
        implementing_agencies=few_agencies,
        competent_agencies=few_agencies,
        authorised_agencies=few_agencies,
        coordinating_agencies=few_agencies,
        receiving_address=st.one_of(st.none(), texts()),
        results=few_texts,
        result_channels=st.lists(st.sampled_from(Channel), max_size=3, unique=True),
        electronic_result=maybe_bool,
        requires_presence=maybe_bool,
        requires_on_site_verification=maybe_bool,
        legal_basis=st.lists(legal_references(), max_size=3),
        conditions=few_texts,
        related=st.lists(procedure_codes(with_suffix=False), max_size=2),
        online_service=st.one_of(st.none(), online_services()),
        replaced_by=st.lists(procedure_codes(with_suffix=False), max_size=2),
    )
