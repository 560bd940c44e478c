"""pydantic v2 and FastAPI: tthc types in endpoints, their schema in OpenAPI, 422 with paths."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import pytest

pytest.importorskip("pydantic")
fastapi = pytest.importorskip("fastapi")
pytest.importorskip("httpx")

import warnings  # noqa: E402

from fastapi import Body, FastAPI  # noqa: E402

with warnings.catch_warnings():  # starlette >= 1.x prefers httpx2 but works with httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient
from hypothesis import given, settings  # noqa: E402
from pydantic import TypeAdapter  # noqa: E402
from pydantic import ValidationError as PydanticValidationError  # noqa: E402

import tthc  # noqa: E402
from tthc import catalogue, strategies  # noqa: E402
from tthc.deadlines import DueDate  # noqa: E402
from tthc.model import Dossier, Procedure, TimeLimit  # noqa: E402
from tthc.pydantic import json_schema_for_openapi, location  # noqa: E402
from tthc.serialization import from_dict, json_schema, to_dict  # noqa: E402


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/procedures")
    def echo(procedure: Annotated[Procedure, Body()]) -> Procedure:
        return procedure

    @app.post("/due")
    def due(dossier: Annotated[Dossier, Body()]) -> DueDate | None:
        received = dossier.received_at
        if received is None:
            return None
        return tthc.due_date(received, dossier.procedure.time_limit())

    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_app())


def _resolve(openapi: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    return openapi["components"]["schemas"][ref.rsplit("/", 1)[1]]  # type: ignore[no-any-return]


def _without_null_defaults(schema: Any) -> Any:
    # FastAPI writes its OpenAPI model with exclude_none: "default": null is dropped.
    if isinstance(schema, dict):
        return {
            k: _without_null_defaults(v)
            for k, v in schema.items()
            if not (k == "default" and v is None)
        }
    if isinstance(schema, list):
        return [_without_null_defaults(v) for v in schema]
    return schema


def test_openapi_contains_the_generated_schema(client: TestClient) -> None:
    openapi = client.get("/openapi.json").json()
    body = openapi["paths"]["/procedures"]["post"]["requestBody"]["content"]["application/json"]
    schema = _resolve(openapi, body["schema"])
    expected = json_schema(Procedure, ref_template=None)
    assert schema == _without_null_defaults(json_schema_for_openapi(Procedure))
    assert schema["properties"] == _without_null_defaults(expected["properties"])
    assert schema["x-tthc-schema-version"] == expected["x-tthc-schema-version"]
    assert schema["required"] == ["code", "name"]
    assert schema["additionalProperties"] is False


def test_a_valid_body_round_trips(client: TestClient) -> None:
    p = catalogue.get("1.004222")
    response = client.post("/procedures", json=to_dict(p))
    assert response.status_code == 200
    assert from_dict(Procedure, response.json()) == p


def test_a_bad_body_gets_422_with_tthc_paths(client: TestClient) -> None:
    doc = to_dict(catalogue.get("1.004222"))
    doc["methods"][0]["channel"] = "fax"
    doc["methods"][1]["fees"][0]["amount"] = "10000"
    del doc["name"]
    doc["colour"] = "red"
    response = client.post("/procedures", json=doc)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {tuple(d["loc"]) for d in detail} == {
        ("body", "name"),
        ("body", "methods", 0, "channel"),
        ("body", "methods", 1, "fees", 0, "amount"),
        ("body", "colour"),
    }
    paths = {d["ctx"]["path"] for d in detail}
    assert "$.methods[0].channel" in paths
    channel = next(d for d in detail if d["ctx"]["path"] == "$.methods[0].channel")
    assert channel["input"] == "fax"
    assert "in_person" in channel["msg"]
    assert all(d["type"] == "tthc_invalid" for d in detail)


def test_dossier_in_due_date_out(client: TestClient) -> None:
    p = catalogue.get("1.004222")
    received = dt.datetime(2026, 11, 20, 10, tzinfo=tthc.VIETNAM)
    dossier = {
        "procedure": to_dict(p),
        "channel": "in_person",
        "events": [
            {"event": "submitted", "at": received.isoformat(), "channel": "in_person"},
            {"event": "received", "at": received.isoformat()},
        ],
    }
    response = client.post("/due", json=dossier)
    assert response.status_code == 200, response.text
    due = from_dict(DueDate, response.json())
    assert due == tthc.due_date(received, p.time_limit())
    openapi = client.get("/openapi.json").json()
    out = openapi["paths"]["/due"]["post"]["responses"]["200"]["content"]["application/json"]
    assert "DueDate" in json.dumps(out) or "DueDate" in json.dumps(openapi["components"])
    bad = dict(dossier, events=[{"event": "recieved", "at": received.isoformat()}])
    response = client.post("/due", json=bad)
    assert response.status_code == 422
    assert [d["loc"] for d in response.json()["detail"]] == [["body", "events", 0, "event"]]


@given(strategies.time_limits())
@settings(max_examples=30)
def test_type_adapter_agrees_with_the_loader(limit: TimeLimit) -> None:
    adapter = TypeAdapter(TimeLimit)
    assert adapter.validate_python(to_dict(limit)) == limit
    assert adapter.validate_json(json.dumps(to_dict(limit))) == limit
    assert adapter.dump_python(limit, mode="json") == to_dict(limit)


def test_type_adapter_refuses_what_the_loader_refuses() -> None:
    with pytest.raises(PydanticValidationError) as info:
        TypeAdapter(TimeLimit).validate_python({"amount": -1, "unit": "working_days"})
    assert info.value.errors()[0]["type"] == "tthc_invalid"


def test_location_of_paths() -> None:
    assert location("$") == ()
    assert location("$.events[3].at") == ("events", 3, "at")
    assert location("amount") == ("amount",)


def test_import_tthc_does_not_load_pydantic() -> None:
    import subprocess
    import sys

    code = "import sys, tthc, tthc.model; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
