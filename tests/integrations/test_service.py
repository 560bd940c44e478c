"""``tthc serve``: a real HTTP client against the server on loopback."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx")

import httpx
import uvicorn

import tthc
from tthc import catalogue
from tthc.deadlines import VIETNAM, DueDate
from tthc.model import Procedure
from tthc.serialization import from_dict, json_schema, to_dict
from tthc.service import create_app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def serving() -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with serving() as base, httpx.Client(base_url=base, timeout=20) as c:
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
    assert {"code": "1.004222", "name": "Đăng ký thường trú"} in found
    assert [f["code"] for f in found] == list(catalogue.search("thuong tru").codes)
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
    body = r.json()
    assert "problems" in body or "detail" in body


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
