"""``tthc serve``: a real HTTP client against the server on loopback."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx")
pytest.importorskip("fastapi_offline")

import httpx

import tthc
from tests.integrations._serving import free_port, serving
from tthc import catalogue
from tthc.cli import main
from tthc.deadlines import VIETNAM, DueDate
from tthc.model import Procedure
from tthc.serialization import from_dict, json_schema, to_dict
from tthc.service import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with serving(create_app()) as base, httpx.Client(base_url=base, timeout=20) as c:
        yield c


def test_due(client: httpx.Client) -> None:
    r = client.get("/due", params={"received": "20/11/2026 10:00", "limit": "3 ngày làm việc"})
    assert r.status_code == 200, r.text
    due = from_dict(DueDate, r.json())
    received = dt.datetime(2026, 11, 20, 10, tzinfo=VIETNAM)
    assert due == tthc.due_date(received, tthc.TimeLimit.working_days(3))
    assert due.at == dt.datetime(2026, 11, 27, 0, tzinfo=VIETNAM)  # 24:00 of 26/11


def test_calendar_and_days(client: httpx.Client) -> None:
    data = client.get("/calendar/2026").json()
    assert [d["day"] for d in data["days_off"]] == [
        s.day.isoformat() for s in tthc.official_calendar().days_off(2026)
    ]
    assert sum(data["working_days_by_month"]) == data["working_days"]
    day = client.get("/days/24/11/2026".replace("/", "-", 0)).status_code
    assert day in (404, 422)  # slashes are path separators: use ISO in paths
    r = client.get("/days/2026-11-24").json()
    assert r["working"] is False
    assert r["reason"] == "holiday"


def test_procedures(client: httpx.Client) -> None:
    p = from_dict(Procedure, client.get("/procedures/1.004222").json())
    assert p == catalogue.get("1.004222")
    found = client.get("/procedures", params={"q": "thuong tru"}).json()
    assert found == [{"code": str(p.code), "name": p.name} for p in catalogue.search("thuong tru")]
    assert {"code": "1.004222", "name": "Đăng ký thường trú"} in found
    level = client.get("/procedures/1.004222/level", params={"on": "2020-07-01"}).json()
    assert level["legacy_level"] == 3


def test_dossier_check(client: httpx.Client) -> None:
    at = "2026-11-16T09:00:00+07:00"
    body: dict[str, Any] = {
        "procedure": "1.004222",
        "channel": "in_person",
        "components": [{"name": "Tờ khai thay đổi thông tin cư trú", "form": "original"}],
        "events": [{"event": "received", "at": at}],
    }
    r = client.post("/dossiers/check", params={"as_of": "20/11/2026 10:00"}, json=body)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["complete"] is False
    assert data["status"]["working_days_left"] == 3
    body["events"][0]["event"] = "recieved"
    r = client.post("/dossiers/check", json=body)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert [p["path"] for p in r.json()["problems"]] == ["$.events[0].event"]


def test_openapi_carries_the_schemas(client: httpx.Client) -> None:
    openapi = client.get("/openapi.json").json()
    schemas = openapi["components"]["schemas"]
    assert schemas["DueDate"]["properties"].keys() == json_schema(DueDate)["properties"].keys()
    assert "Procedure" in schemas
    assert "HTTPValidationError" not in schemas
    assert "ValidationError" not in schemas


def _operations(openapi: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op) for path, ops in openapi["paths"].items() for method, op in ops.items()
    ]


def test_openapi_types_every_answer_and_error(client: httpx.Client) -> None:
    openapi = client.get("/openapi.json", headers={"Accept-Language": "en"}).json()
    problem = {"$ref": "#/components/schemas/ProblemDetails"}
    for path, method, op in _operations(openapi):
        responses = op["responses"]
        ok = responses["200"]["content"]["application/json"]["schema"]
        assert ok != {}, (path, method)  # a typed answer
        assert {"422", "500"} <= responses.keys(), (path, method)
        for status, response in responses.items():
            if status[0] in "45":
                assert response["content"] == {"application/problem+json": {"schema": problem}}
                assert response["description"]
        for parameter in op.get("parameters", []):
            assert parameter["description"], (path, parameter["name"])
        assert op["summary"]
    assert "404" in openapi["paths"]["/procedures/{code}"]["get"]["responses"]
    check = openapi["paths"]["/dossiers/check"]["post"]
    assert {"400", "413"} <= check["responses"].keys()
    body = check["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Dossier"}
    dossier = openapi["components"]["schemas"]["Dossier"]
    kinds = dossier["properties"]["procedure"]["anyOf"]
    assert kinds[0]["type"] == "string"
    assert kinds[1] == {"$ref": "#/components/schemas/Procedure"}
    ok = check["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/DossierCheck"}
    problem_schema = openapi["components"]["schemas"]["ProblemDetails"]
    assert {"type", "title", "status", "detail", "problems"} <= problem_schema["properties"].keys()


def test_openapi_in_the_request_language(client: httpx.Client) -> None:
    vi = client.get("/openapi.json", headers={"Accept-Language": "vi"}).json()
    en = client.get("/openapi.json", headers={"Accept-Language": "vi"}, params={"lang": "en"})
    due_vi = vi["paths"]["/due"]["get"]
    due_en = en.json()["paths"]["/due"]["get"]
    assert due_vi["summary"] == "Hạn trả kết quả và lý do"
    assert due_en["summary"] == "When a result is due, and why"
    received = next(p for p in due_vi["parameters"] if p["name"] == "received")
    assert received["description"].startswith("Thời điểm tiếp nhận")
    assert "Accept-Language" in vi["info"]["description"]
    en_schemas = en.json()["components"]["schemas"]
    for name in (
        "ProblemDetails",
        "ProblemItem",
        "CalendarYear",
        "ProcedureSummary",
        "DossierCheck",
    ):
        schema = vi["components"]["schemas"][name]
        assert schema["description"] != en_schemas[name]["description"], name
        for field, spec in schema["properties"].items():
            english = en_schemas[name]["properties"][field]["description"]
            assert spec["description"] != english, (name, field)
    assert vi["info"]["description"] != en.json()["info"]["description"]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_nothing_from_outside(client: httpx.Client, page: str) -> None:
    r = client.get(page)
    assert r.status_code == 200
    html = r.text
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html), html
    assets = re.findall(r"(?:src|href)=[\"']([^\"']+)[\"']", html)
    assets += re.findall(r"url: ?[\"']([^\"']+)[\"']", html)
    assert any(a.endswith(".js") for a in assets), assets
    for asset in assets:
        got = client.get(asset)
        assert got.status_code == 200, asset
        assert got.content, asset


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/due", {"received": "32/13/2026 10:00", "limit": "3 ngày"}, 422),
        ("/due", {"received": "now", "limit": "xyz"}, 422),
        ("/due", {"received": "9999-12-31T23:59:00-12:00", "limit": "3 ngày"}, 422),
        ("/due", {"received": "20/11/2026 10:00", "limit": "3 ngày", "hours": "mars"}, 422),
        ("/due", {"limit": "3 ngày"}, 422),
        ("/due", {"received": "01/01/1900 10:00", "limit": "3 ngày"}, 422),
        ("/calendar/abcd", {}, 422),
        ("/days/2026-02-30", {}, 422),
        ("/procedures/9.999999", {}, 404),
        ("/procedures/abc", {}, 422),
        ("/procedures/1.004222/level", {"on": "2005-01-01"}, 404),
    ],
)
def test_bad_requests_are_4xx_with_problems(
    client: httpx.Client, path: str, params: dict[str, str], status: int
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == status
    assert body["problems"]


def test_bad_bodies(client: httpx.Client) -> None:
    r = client.post(
        "/dossiers/check", content=b"[" * 50_000, headers={"content-type": "application/json"}
    )
    assert 400 <= r.status_code < 500
    r = client.post(
        "/dossiers/check", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert 400 <= r.status_code < 500
    r = client.post("/dossiers/check", json={"procedure": "9.999999"})
    assert r.status_code == 422
    assert r.json()["problems"][0]["path"] == "$.procedure"


@given(
    st.text(max_size=30),
    st.text(max_size=30),
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_fuzzed_queries_never_500(client: httpx.Client, received: str, limit: str) -> None:
    r = client.get("/due", params={"received": received, "limit": limit})
    assert r.status_code < 500, (received, limit, r.text)


def test_tthc_serve_command_on_a_port() -> None:
    port = free_port()
    with subprocess.Popen(
        [sys.executable, "-m", "tthc", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    ) as process:
        try:
            _ask(process, port)
        finally:
            process.terminate()
            process.wait(10)


def _ask(process: Any, port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            r = httpx.get(
                f"http://127.0.0.1:{port}/due",
                params={"received": "2026-11-20 10:00", "limit": "3 ngày làm việc"},
                timeout=5,
            )
            break
        except httpx.TransportError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.1)
    assert r.status_code == 200
    assert r.json()["at"] == "2026-11-27T00:00:00+07:00"
    assert to_dict(from_dict(DueDate, r.json())) == r.json()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["serve", "--port", "-1"], "'-1'"),
        (["serve", "--port", "65536"], "'65536'"),
        (["serve", "--port", "http"], "'http'"),
        (["serve", "--host", " "], "' '"),
        (["serve", "--max-body", "0"], "'0'"),
        (["serve", "--host", "no-such-host.invalid", "--port", "0"], "no-such-host.invalid"),
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_serve_refuses_bad_arguments(argv: list[str], said: str, lang: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--lang", lang, *argv], out=out, err=err) == 2
    assert said in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_serve_on_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        err = io.StringIO()
        assert main(["--lang", "en", "serve", "--port", port], out=io.StringIO(), err=err) == 2
    assert f"cannot listen on 127.0.0.1 port {port}: the port is in use" in err.getvalue()


def test_serve_a_catalogue_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = catalogue.Catalogue([catalogue.get("1.003197")])
    path = tmp_path / "own.json"
    path.write_text(own.to_json(), encoding="utf-8")
    monkeypatch.setenv("TTHC_CATALOGUE", str(path))
    for app in (create_app(path), create_app()):
        with serving(app) as base, httpx.Client(base_url=base) as c:
            assert c.get("/procedures/1.003197").status_code == 200
            assert c.get("/procedures/1.004222").status_code == 404
            assert c.get("/procedures", params={"q": "thuong tru"}).json() == [
                {"code": "1.003197", "name": "Xóa đăng ký thường trú"}
            ]


def test_search_pages(client: httpx.Client) -> None:
    everything = client.get("/procedures", params={"limit": 1000})
    total = int(everything.headers["x-total-count"])
    assert len(everything.json()) == min(total, 1000)
    assert total == len(catalogue.search(""))
    first = client.get("/procedures", params={"limit": 2}).json()
    second = client.get("/procedures", params={"limit": 2, "offset": 2}).json()
    assert first + second == everything.json()[:4]
    for params, expected in (
        ({"limit": 0}, "một số không nhỏ hơn 1"),
        ({"limit": "x"}, "một số nguyên"),
        ({"offset": -1}, "một số không nhỏ hơn 0"),
    ):
        r = client.get("/procedures", params=params, headers={"Accept-Language": "vi"})
        assert r.status_code == 422
        assert r.json()["problems"][0]["expected"] == expected


def test_provisional_answers_are_flagged_not_failed(client: httpx.Client) -> None:
    """Past the announced calendar (read from the data) answers say provisional=True."""
    after = tthc.official_calendar().announced_until + dt.timedelta(days=20)
    received = f"{after:%d/%m/%Y} 10:00"
    r = client.get("/due", params={"received": received, "limit": "3 ngày làm việc"})
    assert r.status_code == 200, r.text
    assert r.json()["provisional"] is True
    body = {
        "procedure": "1.004222",
        "channel": "in_person",
        "components": [],
        "events": [{"event": "received", "at": f"{after.isoformat()}T09:00:00+07:00"}],
    }
    as_of = f"{after + dt.timedelta(days=1):%d/%m/%Y} 10:00"
    r = client.post("/dossiers/check", params={"as_of": as_of}, json=body)
    assert r.status_code == 200, r.text
    assert r.json()["provisional"] is True
    assert r.json()["provisional_warnings"] == 1


def test_serve_an_unreadable_catalogue_file(tmp_path: Path) -> None:
    err = io.StringIO()
    missing = str(tmp_path / "nothing.json")
    code = main(["serve", "--catalogue", missing, "--port", "0"], out=io.StringIO(), err=err)
    assert code == 2
    assert "nothing.json" in err.getvalue()
    assert "Traceback" not in err.getvalue()


@pytest.mark.parametrize("path", ["/due?received=now&limit=3", "/procedures/1.004222", "/docs"])
def test_head_is_answered_like_get(client: httpx.Client, path: str) -> None:
    head, get = client.head(path), client.get(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
