"""Lossless, strict JSON for every model type."""

from __future__ import annotations

import datetime as dt
import json
import typing
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc import catalogue, strategies
from tthc.deadlines import VIETNAM
from tthc.errors import ParseError, TthcError, ValidationError
from tthc.model import (
    Channel,
    Dossier,
    DossierCase,
    DossierCode,
    DossierComponent,
    DossierEvent,
    Fee,
    LegalReference,
    Method,
    Procedure,
    Received,
    SupplementRequested,
    TimeLimit,
)
from tthc.serialization import EVENT_TAGS, from_dict, from_json, to_dict, to_json

ROUND_TRIPS: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Procedure, strategies.procedures()),
    (Method, strategies.methods()),
    (Fee, strategies.fees()),
    (TimeLimit, strategies.time_limits()),
    (DossierCase, strategies.dossier_cases()),
    (DossierComponent, strategies.dossier_components()),
    (LegalReference, strategies.legal_references()),
]


@pytest.mark.parametrize(("cls", "strategy"), ROUND_TRIPS, ids=lambda v: getattr(v, "__name__", ""))
def test_round_trip_is_lossless(cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
    @given(strategy)
    def check(obj: Any) -> None:
        text = to_json(obj)
        loaded = from_json(cls, text)
        assert loaded == obj
        assert to_json(loaded) == text  # also what equality ignores (raw text)

    check()


@pytest.mark.parametrize("code", catalogue.codes())
def test_catalogue_records_round_trip(code: str) -> None:
    p = catalogue.get(code)
    assert from_json(Procedure, to_json(p)) == p


def test_shape_is_documented_json() -> None:
    limit = TimeLimit.same_day(cutoff=dt.time(15), raw="Trong ngày")
    assert to_dict(limit) == {
        "amount": 0,
        "unit": "same_day",
        "cutoff": "15:00",
        "condition": None,
        "raw": "Trong ngày",
    }
    data = to_dict(catalogue.get("1.004222"))
    assert data["code"] == "1.004222"
    assert data["tiers"] == ["commune"]
    assert data["methods"][0]["channel"] == "in_person"
    assert data["legal_basis"][0]["number"] == "68/2020/QH14"
    json.dumps(data)  # plain data only


def test_vietnamese_is_not_escaped() -> None:
    assert "Đăng ký" in to_json(catalogue.get("1.004222"))


def _procedure_data() -> dict[str, Any]:
    data: dict[str, Any] = to_dict(catalogue.get("1.004222"))
    return data


def _problems(data: Any, cls: type[Any] = Procedure) -> list[tuple[str, Any]]:
    with pytest.raises(ValidationError) as info:
        from_dict(cls, data)
    assert isinstance(info.value, TthcError)
    return [(p.path, p.value) for p in info.value.problems]


def test_wrong_nested_value_names_its_path() -> None:
    data = _procedure_data()
    data["methods"][1]["fees"][0]["amount"] = -1
    assert _problems(data) == [("$.methods[1].fees[0].amount", -1)]


def test_wrong_type_is_not_coerced() -> None:
    data = _procedure_data()
    data["methods"][0]["fees"][0]["amount"] = "20000"
    data["requires_presence"] = 1
    data["applicants"] = "Công dân Việt Nam"
    assert sorted(_problems(data)) == [
        ("$.applicants", "Công dân Việt Nam"),
        ("$.methods[0].fees[0].amount", "20000"),
        ("$.requires_presence", 1),
    ]


def test_missing_required_field() -> None:
    data = _procedure_data()
    del data["name"]
    del data["methods"][0]["time_limits"][0]["unit"]
    paths = [path for path, _ in _problems(data)]
    assert paths == ["$.name", "$.methods[0].time_limits[0].unit"]


def test_unknown_enum_value_lists_the_allowed_ones() -> None:
    data = _procedure_data()
    data["tiers"] = ["district", "ward"]
    with pytest.raises(ValidationError) as info:
        from_dict(Procedure, data)
    problem = info.value.problems[0]
    assert problem.path == "$.tiers[1]"
    assert "'commune'" in problem.expected
    assert "$.tiers[1]" in str(info.value)
    assert "'ward'" in str(info.value)


def test_unknown_keys_are_refused() -> None:
    data = _procedure_data()
    data["dossier_cases"][0]["components"][0]["orignals"] = 1
    assert _problems(data) == [("$.dossier_cases[0].components[0].orignals", 1)]


def test_validator_errors_inside_lists_get_their_path() -> None:
    data = _procedure_data()
    data["legal_basis"][2]["number"] = "Nghị định 62"
    data["related"] = ["1.003197", "1003197"]
    assert _problems(data) == [
        ("$.legal_basis[2].number", "Nghị định 62"),
        ("$.related[1]", "1003197"),
    ]


def test_root_must_be_an_object() -> None:
    assert _problems([]) == [("$", [])]


def test_dates_and_times_are_iso() -> None:
    data = _procedure_data()
    data["valid_from"] = "01/07/2025"
    assert _problems(data) == [("$.valid_from", "01/07/2025")]
    assert from_dict(TimeLimit, {"amount": 0, "unit": "same_day", "cutoff": "15:00:30"}).cutoff == (
        dt.time(15, 0, 30)
    )


def test_not_json_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        from_json(Procedure, "{not json")


def test_loading_does_not_touch_the_input() -> None:
    data = _procedure_data()
    before = json.dumps(data, sort_keys=True)
    from_dict(Procedure, data)
    assert json.dumps(data, sort_keys=True) == before


# --------------------------------------------------------------------------- #
# Dossiers: the event union is a tagged object {"event": "received", ...}
# --------------------------------------------------------------------------- #


@given(strategies.dossiers(lifecycle=False))
def test_dossier_with_events_round_trips(dossier: Dossier) -> None:
    text = to_json(dossier)
    loaded = from_json(Dossier, text)
    assert loaded == dossier
    assert [type(e) for e in loaded.events] == [type(e) for e in dossier.events]
    assert to_json(loaded) == text


@given(strategies.dossier_events())
def test_every_event_type_round_trips_alone(event: DossierEvent) -> None:
    data = to_dict(event)
    assert data["event"] == EVENT_TAGS[type(event)]
    assert from_dict(type(event), data) == event


def test_every_event_type_has_a_distinct_tag() -> None:
    # DossierEvent is the union Dossier.events holds: every member needs a tag.
    assert set(EVENT_TAGS) == set(typing.get_args(DossierEvent))
    assert len(set(EVENT_TAGS.values())) == len(EVENT_TAGS)


def _t(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


def _dossier() -> Dossier:
    return Dossier(
        procedure=catalogue.get("1.004222"),
        channel=Channel.IN_PERSON,
        events=[
            Received(_t(2026, 11, 16, 9), code=DossierCode("H29.123.45-261116-0001")),
            SupplementRequested(_t(2026, 11, 17, 9), items=["Giấy tờ chứng minh chỗ ở"]),
        ],
    )


def test_dossier_shape_is_tagged_and_codes_are_strings() -> None:
    events = to_dict(_dossier())["events"]
    assert events == [
        {
            "event": "received",
            "at": "2026-11-16T09:00:00+07:00",
            "code": "H29.123.45-261116-0001",
            "appointment": None,
            "agency_received_at": None,
        },
        {
            "event": "supplement_requested",
            "at": "2026-11-17T09:00:00+07:00",
            "items": ["Giấy tờ chứng minh chỗ ở"],
        },
    ]
    assert next(iter(events[0])) == "event"  # the tag comes first, for people reading the file


def test_a_minimal_hand_written_dossier_loads() -> None:
    data = {
        "procedure": to_dict(catalogue.get("1.004222")),
        "channel": "online",
        "events": [{"event": "received", "at": "2026-11-16T09:00:00+07:00"}],
    }
    loaded = from_dict(Dossier, data)
    assert loaded.events == (Received(_t(2026, 11, 16, 9)),)


def test_bad_events_name_their_paths() -> None:
    data = to_dict(_dossier())
    data["events"][0]["event"] = "recieved"
    data["events"][1]["itemz"] = []
    data["events"].append({"at": "2026-11-18T09:00:00"})  # no tag
    data["events"].append({"event": "supplemented", "at": "2026-11-18T09:00:00"})  # naive
    data["events"].append("supplemented")
    problems = _problems(data, Dossier)
    assert problems == [
        ("$.events[0].event", "recieved"),
        ("$.events[1].itemz", []),
        ("$.events[2].event", problems[2][1]),  # missing: reported as such, not as None
        ("$.events[3].at", "2026-11-18T09:00:00"),
        ("$.events[4]", "supplemented"),
    ]
    assert repr(problems[2][1]) == "nothing"


def test_tag_errors_list_the_known_tags() -> None:
    data = to_dict(_dossier())
    data["events"][0]["event"] = 1  # a tag is a string, not coerced
    with pytest.raises(ValidationError) as info:
        from_dict(Dossier, data)
    (problem,) = info.value.problems
    assert problem.path == "$.events[0].event"
    assert "'supplement_requested'" in problem.expected


def test_unknown_event_keys_mention_the_tag_as_allowed() -> None:
    data = to_dict(_dossier())
    data["events"][0]["cod"] = "x"
    with pytest.raises(ValidationError) as info:
        from_dict(Dossier, data)
    assert "(event, at, code, appointment, agency_received_at)" in info.value.problems[0].expected


def test_a_single_event_requires_its_own_tag() -> None:
    assert _problems({"at": "2026-11-16T09:00:00+07:00"}, Received)[0][0] == "$.event"
    wrong = {"event": "returned", "at": "2026-11-16T09:00:00+07:00"}
    assert _problems(wrong, Received) == [("$.event", "returned")]


def test_event_order_is_still_checked_when_loading() -> None:
    data = to_dict(_dossier())
    data["events"][1]["at"] = "2026-11-15T09:00:00+07:00"
    assert [p for p, _ in _problems(data, Dossier)] == ["$.events[1].at"]


def test_bad_dossier_code_is_reported_at_its_path() -> None:
    data = to_dict(_dossier())
    data["events"][0]["code"] = "H29-1"
    assert _problems(data, Dossier) == [("$.events[0].code", "H29-1")]


def test_classifications_and_due_dates_round_trip() -> None:
    """Outputs of the library load back equal (a regime by its key, a cited document)."""
    import datetime as dt

    from tthc import catalogue
    from tthc.deadlines import VIETNAM, DueDate, due_date
    from tthc.levels import Classification, classify
    from tthc.model import TimeLimit

    for procedure in catalogue.procedures():
        for on in (dt.date(2020, 1, 1), dt.date(2024, 1, 1), dt.date(2026, 7, 1)):
            c = classify(procedure, on=on)
            assert from_json(Classification, to_json(c)) == c
    due = due_date(dt.datetime(2026, 2, 12, 9, tzinfo=VIETNAM), TimeLimit.working_days(3))
    loaded = from_json(DueDate, to_json(due))
    assert loaded == due
    assert (loaded.counted, loaded.skipped, loaded.notes) == (due.counted, due.skipped, due.notes)
