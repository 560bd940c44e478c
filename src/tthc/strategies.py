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
    ComponentForm,
    DocumentType,
    Dossier,
    DossierCase,
    DossierCode,
    DossierComponent,
    DossierEvent,
    ExtensionGranted,
    Fee,
    FeeKind,
    IntakeRefused,
    IntakeSupplementRequested,
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
    Received,
    Refused,
    ResultReady,
    Returned,
    Stopped,
    StopReason,
    Submitted,
    SubmittedComponent,
    Supplemented,
    SupplementRequested,
    TimeLimit,
    TimeUnit,
    Transferred,
)

__all__ = [
    "agencies",
    "dossier_cases",
    "dossier_codes",
    "dossier_components",
    "dossier_events",
    "dossiers",
    "fees",
    "legal_references",
    "methods",
    "moments",
    "online_facts",
    "online_services",
    "procedure_codes",
    "procedures",
    "regime_dates",
    "submitted_components",
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
    """Fees and charges in whole đồng (0 to 50 million), now and then in dollars."""
    return st.builds(
        Fee,
        texts(),
        st.integers(0, 50_000_000),
        st.sampled_from(FeeKind),
        currency=st.sampled_from(["VND", "VND", "VND", "USD"]),
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
    """Dossier components with plausible quantities (or not stated: ``None``) and flags."""
    count = st.one_of(st.integers(0, 3), st.integers(0, 3), st.none())
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


# --------------------------------------------------------------------------- #
# Dossiers
# --------------------------------------------------------------------------- #

_VIETNAM = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh has no DST since 1975


def moments(
    start: dt.datetime = dt.datetime(2015, 1, 1), end: dt.datetime = dt.datetime(2026, 6, 30)
) -> st.SearchStrategy[dt.datetime]:
    """Aware moments in Vietnamese time (UTC+07:00), inside the announced calendar by default."""
    return st.datetimes(min_value=start, max_value=end, timezones=st.just(_VIETNAM)).map(
        lambda m: m.replace(microsecond=0)
    )


def dossier_codes() -> st.SearchStrategy[DossierCode]:
    """Dossier codes in both grammars (Circular 01/2018 Art. 19; Circular 03/2025 Art. 13)."""
    stamp = st.dates(dt.date(2019, 1, 1), dt.date(2035, 12, 31)).map(lambda d: d.strftime("%y%m%d"))
    seq = st.integers(0, 999_999).map(lambda n: f"{n:04d}")
    letter = st.sampled_from("ABCDGHKLMTX")
    legacy = st.builds(
        lambda a, b, c, m, x, d, s: f"{a:03d}.{b:02d}.{c:02d}.{m}{x:02d}-{d}-{s}",
        st.integers(0, 999),
        st.integers(0, 99),
        st.integers(0, 99),
        letter,
        st.integers(0, 99),
        stamp,
        seq,
    )
    current = st.builds(
        lambda m, x, y, z, d, s: f"{m}{x:02d}.{y:03d}.{z:02d}-{d}-{s}",
        letter,
        st.integers(0, 99),
        st.integers(0, 999),
        st.integers(0, 99),
        stamp,
        seq,
    )
    return st.one_of(legacy, current).map(DossierCode)


def submitted_components() -> st.SearchStrategy[SubmittedComponent]:
    """Filed documents in any form and count."""
    return st.builds(
        SubmittedComponent,
        texts(),
        st.sampled_from(ComponentForm),
        count=st.integers(1, 3),
        reused_from_database=st.booleans(),
    )


def dossier_events(
    at: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[DossierEvent]:
    """Any one lifecycle event, as a value.

    Whether it may happen in a dossier's state is :func:`tthc.dossiers.apply`'s call.
    """
    at = moments() if at is None else at
    later = moments(dt.datetime(2015, 1, 1), dt.datetime(2035, 12, 31))
    maybe_text = st.one_of(st.none(), texts())
    return st.one_of(
        st.builds(Submitted, at, st.sampled_from(Channel)),
        st.builds(IntakeSupplementRequested, at, st.lists(texts(), min_size=1, max_size=3)),
        st.builds(IntakeRefused, at, texts()),
        st.builds(
            Received,
            at,
            code=st.one_of(st.none(), dossier_codes()),
            appointment=st.one_of(st.none(), later),
            agency_received_at=st.one_of(st.none(), later),
        ),
        st.builds(Transferred, at, agencies(), from_agency=st.one_of(st.none(), agencies())),
        st.builds(SupplementRequested, at, st.lists(texts(), max_size=3)),
        st.builds(Supplemented, at),
        st.builds(ExtensionGranted, at, later, reason=maybe_text),
        st.builds(ResultReady, at),
        st.builds(Returned, at, channel=st.one_of(st.none(), st.sampled_from(Channel))),
        st.builds(Refused, at, texts()),
        st.builds(Stopped, at, st.sampled_from(StopReason), note=maybe_text),
    )


_STEPS = (
    "submitted",
    "intake_supplement",
    "intake_refused",
    "received",
    "transferred",
    "supplement_requested",
    "supplemented",
    "extension",
    "result_ready",
    "returned",
    "refused",
    "stopped",
)


def _step(kind: str, at: dt.datetime, days: int, procedure_names: list[str]) -> DossierEvent:
    if kind == "submitted":
        return Submitted(at, Channel.ONLINE)
    if kind == "intake_supplement":
        return IntakeSupplementRequested(at, procedure_names[:1] or ["Tờ khai"])
    if kind == "intake_refused":
        return IntakeRefused(at, "không thuộc thẩm quyền")
    if kind == "received":
        return Received(at)
    if kind == "transferred":
        return Transferred(at, Agency(name="Cơ quan phối hợp"))
    if kind == "supplement_requested":
        return SupplementRequested(at, procedure_names[:1])
    if kind == "supplemented":
        return Supplemented(at)
    if kind == "extension":
        return ExtensionGranted(at, at + dt.timedelta(days=days + 10), reason="cần xác minh")
    if kind == "result_ready":
        return ResultReady(at)
    if kind == "returned":
        return Returned(at)
    if kind == "refused":
        return Refused(at, "không đủ điều kiện")
    return Stopped(at, StopReason.APPLICANT_REQUEST)


@st.composite
def _lifecycle_dossiers(draw: st.DrawFn, procedures: st.SearchStrategy[Procedure]) -> Dossier:
    from tthc.dossiers import apply  # the lifecycle rules; imported only when used
    from tthc.errors import IllegalTransitionError, ValidationError

    procedure = draw(procedures)
    names = [c.name for case in procedure.dossier_cases for c in case.components]
    dossier = Dossier(procedure=procedure, channel=draw(st.sampled_from(Channel)))
    at = draw(moments(dt.datetime(2016, 1, 1), dt.datetime(2026, 3, 31)))
    steps = st.tuples(st.sampled_from(_STEPS), st.integers(0, 72), st.integers(0, 10))
    for kind, gap_hours, days in draw(st.lists(steps, max_size=12)):
        at += dt.timedelta(hours=gap_hours)
        try:
            dossier = apply(dossier, _step(kind, at, days, names))
        except (IllegalTransitionError, ValidationError):
            continue  # a step the lifecycle refuses leaves the dossier as it was
    return dossier


@st.composite
def _value_dossiers(draw: st.DrawFn, procedures: st.SearchStrategy[Procedure]) -> Dossier:
    events = [
        draw(dossier_events(st.just(at))) for at in sorted(draw(st.lists(moments(), max_size=6)))
    ]
    return Dossier(
        procedure=draw(procedures),
        channel=draw(st.sampled_from(Channel)),
        return_channel=draw(st.one_of(st.none(), st.sampled_from(Channel))),
        case=draw(st.one_of(st.none(), texts())),
        components=draw(st.lists(submitted_components(), max_size=3)),
        agency=draw(st.one_of(st.none(), agencies())),
        time_limit=draw(st.one_of(st.none(), time_limits())),
        events=events,
    )


def dossiers(
    *, lifecycle: bool = True, procedures: st.SearchStrategy[Procedure] | None = None
) -> st.SearchStrategy[Dossier]:
    """Dossiers under real procedures (the shipped catalogue unless ``procedures`` is given).

    With ``lifecycle=True`` (default) each timeline is built through
    :func:`tthc.dossiers.apply`, so it is one the one-stop rules allow
    (receipts in 2016 - early 2026, inside the announced calendar). With
    ``lifecycle=False`` the events are any values in time order, for testing
    serialization and validation.
    """
    if procedures is None:
        from tthc import catalogue

        procedures = st.sampled_from(catalogue.procedures())
    if lifecycle:
        return _lifecycle_dossiers(procedures)
    return _value_dossiers(procedures)
