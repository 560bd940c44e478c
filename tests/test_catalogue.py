"""The shipped catalogue: the curated records (cited) inside the national catalogue."""

from __future__ import annotations

import pytest

from tthc import catalogue
from tthc._text import fold
from tthc.errors import UnknownCodeError, ValidationError
from tthc.model import AdministrativeTier, Channel, TimeLimit, TimeUnit


def test_seed_records_are_present() -> None:
    # ../shared/domain/legal.md §5, plus the members of the Decree 63/2024 groups
    # whose codes are known (1.000656 khai tử, 1.003197 xóa đăng ký thường trú).
    assert {"1.001193", "1.004222", "1.000894", "1.000656", "1.003197"} <= set(catalogue.codes())


def test_group_members_with_known_codes_are_in_the_catalogue() -> None:
    import datetime as dt

    from tthc.dossiers import interconnected_group

    for name in ("birth", "death"):
        for member in interconnected_group(name, dt.date(2026, 11, 20)).members:
            if member.code is not None:
                assert catalogue.get(member.code).name


@pytest.mark.parametrize("code", catalogue.codes())
def test_every_record_cites_its_sources(code: str) -> None:
    entry = catalogue.entry(code)
    assert entry.sources
    assert entry.procedure.legal_basis


def test_permanent_residence_facts() -> None:
    # Law on Residence 68/2020/QH14 Art. 22(3): 07 working days; Circular 75/2022/TT-BTC fees.
    p = catalogue.get("1.004222")
    assert p.time_limit(Channel.IN_PERSON) == TimeLimit.working_days(7)
    assert p.method(Channel.IN_PERSON).fees[0].amount == 20_000
    assert p.method(Channel.ONLINE).fees[0].amount == 10_000
    assert p.tiers == (AdministrativeTier.COMMUNE,)
    assert any(c.waivable_if_in_database for c in p.dossier_cases[0].components)


def test_birth_registration_is_same_day_with_a_15h_cutoff() -> None:
    # Law on Civil Status 60/2014/QH13 Art. 16(2) and Art. 5(3).
    limit = catalogue.get("1.001193").time_limit()
    assert limit.unit is TimeUnit.SAME_DAY
    assert limit.cutoff is not None
    assert limit.cutoff.hour == 15


def test_marriage_has_a_conditional_five_day_limit() -> None:
    # Law on Civil Status 60/2014/QH13 Art. 18(2).
    p = catalogue.get("1.000894")
    ordinary, verification = p.methods[0].time_limits
    assert ordinary.unit is TimeUnit.SAME_DAY
    assert verification.amount == 5
    assert verification.condition
    assert p.requires_presence is True


def test_online_service_code_finds_its_procedure() -> None:
    assert catalogue.get("1.000894.01").name == "Đăng ký kết hôn"


def test_unknown_code() -> None:
    with pytest.raises(UnknownCodeError) as info:
        catalogue.get("9.999999")
    assert isinstance(info.value, KeyError)
    assert "9.999999" in str(info.value)
    assert "search" in str(info.value)  # says what to do instead
    with pytest.raises(ValidationError):
        catalogue.get("khai sinh")


def test_curated_records_win_in_the_national_catalogue() -> None:
    for curated in catalogue.curated_entries():
        code = str(curated.procedure.code)
        national = catalogue.entry(code)
        assert national.curated
        assert national.procedure == curated.procedure
        assert national.sources == curated.sources


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang ky khai sinh", "1.001193"),
        ("ĐĂNG KÝ KẾT HÔN", "1.000894"),
        ("thuong tru", "1.003197"),  # xóa đăng ký thường trú
        ("  đăng   ký  thường trú ", "1.004222"),
        ("dang ky thuong tru", "1.004222"),
        ("khai tử", "1.000656"),
    ],
)
def test_search_ignores_case_and_diacritics(query: str, expected: str) -> None:
    hits = catalogue.search(query)
    assert expected in hits.codes
    assert hits.codes == tuple(str(p.code) for p in hits)
    assert all(fold(query) in fold(name) for name in hits.names)
    assert catalogue.search("khong co thu tuc nao ten nhu vay") == ()


def test_search_filters() -> None:
    civil_status = catalogue.search(sector="ho tich")
    assert {"1.000656", "1.000894", "1.001193"} <= set(civil_status.codes)
    assert all(p.sector is not None and fold(p.sector) == "ho tich" for p in civil_status)
    central = catalogue.search(tier=AdministrativeTier.CENTRAL, limit=50)
    assert len(central) == 50
    assert all(AdministrativeTier.CENTRAL in p.tiers for p in central)


def test_search_takes_a_tier_value_and_refuses_unknown_ones() -> None:
    from tthc.errors import ValidationError

    assert "1.004222" in [str(p.code) for p in catalogue.search(tier="commune")]
    with pytest.raises(ValidationError):
        catalogue.search(tier="district2")
    with pytest.raises(ValidationError):
        catalogue.search(None)  # type: ignore[arg-type]
