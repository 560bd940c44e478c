"""``tthc serve`` on loopback: ``/due`` against a bare FastAPI endpoint, then a mixed load.

Run from a clone (``pip install -e '.[serve,test]'`` first):

    python benchmarks/bench_service.py [REQUESTS] [CLIENTS]

Part 1 starts two servers on 127.0.0.1 (free ports), each one uvicorn
process with the same settings: ``tthc serve``, and a bare FastAPI app whose
``async`` endpoint takes the same two query parameters and returns them as
JSON. A light asyncio client (CLIENTS keep-alive connections, raw HTTP/1.1)
sends REQUESTS ``GET /due`` requests to each (different receipt moments and
limits), in alternating rounds, and prints both throughputs and the ratio
(the issue asks ≥ 80%). Part 2 sends REQUESTS mixed requests (``/due``,
``/days/…``, ``/procedures/…``, a bad request that must get 422) to
``tthc serve`` and prints throughput and latency percentiles. Requests and
time are bounded (REQUESTS, and 120 s per round at most); the script exits
1 on any unexpected status. Client and servers share the machine, so the
numbers are a floor; the ratio is what compares.
"""

from __future__ import annotations

import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from urllib.parse import urlencode

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "--bare" else 4000
CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] != "--bare" else 16
ROUNDS = 3
ROUND_SECONDS = 120.0
WARM_UP = min(REQUESTS, 400)
LIMITS = ("3 ngày làm việc", "Không quá 05 ngày làm việc", "15 ngày", "02 giờ làm việc")


def bare_app() -> object:
    """The baseline: FastAPI, one async endpoint, the same parameters, a JSON answer."""
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/due")
    async def due(received: str, limit: str) -> dict[str, str]:
        return {"received": received, "limit": limit}

    return app


def serve_bare(port: int) -> None:
    import uvicorn

    config = uvicorn.Config(
        bare_app(), host="127.0.0.1", port=port, log_level="warning", server_header=False
    )
    uvicorn.Server(config).run()


def free_ports(count: int) -> list[int]:
    """``count`` distinct free ports on 127.0.0.1 (held together while chosen)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def due_request(i: int) -> tuple[str, int]:
    """A distinct receipt moment for each of the first 15,120 requests.

    The warm-up and the rounds take consecutive ranges of ``i``, so no answer,
    moment or query string repeats within a run (up to 15,120 requests per
    server) and no cache of the service's can make a round look faster.
    """
    day, hour, minute = 1 + i % 28, 8 + (i // 28) % 9, (i // 252) % 60
    received = f"{day:02d}/11/2026 {hour:02d}:{minute:02d}"
    params = {"received": received, "limit": LIMITS[i % 4]}
    return "/due?" + urlencode(params), 200


def mixed_request(i: int) -> tuple[str, int]:
    kind = i % 10
    if kind < 6:
        return due_request(i)
    if kind < 8:
        return f"/days/2026-{1 + i % 12:02d}-{1 + i % 28:02d}", 200
    if kind == 8:
        return "/procedures/1.004222", 200
    return "/due?" + urlencode({"received": "32/13/2026 10:00", "limit": "3 ngày"}), 422


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


async def load(
    port: int,
    make: Callable[[int], tuple[str, int]],
    count: int,
    clients: int,
    first: int = 0,
) -> tuple[float, list[float], list[str]]:
    """Send ``count`` requests over ``clients`` connections; (seconds, latencies, errors)."""
    counter = iter(range(first, first + count))
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + ROUND_SECONDS

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for i in counter:
                if time.monotonic() > deadline:
                    errors.append("the round took too long")
                    return
                target, expected = make(i)
                request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
                start = time.perf_counter()
                writer.write(request)
                status = await _read_response(reader)
                latencies.append(time.perf_counter() - start)
                if status != expected:
                    errors.append(f"{target}: {status} (expected {expected})")
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return time.perf_counter() - start, latencies, errors


def wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("a server did not start") from None
            time.sleep(0.1)


def start(argv: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux /proc), or None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def compare(
    servers: dict[int, int],
) -> tuple[dict[int, float], dict[int, float | None], list[str]]:
    """Alternating rounds on both servers (port -> pid).

    Per server: the best round's requests per second of wall-clock time, and
    requests per second of the server's own CPU time over all rounds. On a
    shared machine the second is the steadier measure: time the server spent
    waiting for a core is not counted.
    """
    errors: list[str] = []
    for port in servers:  # warm-up: imports, caches, lazy paths
        errors += (await load(port, due_request, WARM_UP, CLIENTS))[2]
    best = dict.fromkeys(servers, 0.0)
    done = dict.fromkeys(servers, 0)
    cpu: dict[int, float | None] = dict.fromkeys(servers, 0.0)
    for round_ in range(ROUNDS):
        first = WARM_UP + round_ * REQUESTS  # each round asks what no earlier one did
        for port, pid in servers.items():
            before = cpu_seconds(pid)
            seconds, latencies, failed = await load(port, due_request, REQUESTS, CLIENTS, first)
            after = cpu_seconds(pid)
            errors += failed
            best[port] = max(best[port], len(latencies) / seconds)
            done[port] += len(latencies)
            spent = cpu[port]
            if before is None or after is None or spent is None:
                cpu[port] = None
            else:
                cpu[port] = spent + (after - before)
    per_cpu = {port: (done[port] / spent if spent else None) for port, spent in cpu.items()}
    return best, per_cpu, errors


def main() -> int:
    tthc_port, bare_port = free_ports(2)
    tthc = start(["-m", "tthc", "serve", "--port", str(tthc_port)])
    bare = start([__file__, "--bare", str(bare_port)])
    try:
        wait_ready(tthc_port, tthc)
        wait_ready(bare_port, bare)
        return asyncio.run(run(tthc_port, tthc.pid, bare_port, bare.pid))
    finally:
        for process in (tthc, bare):
            process.terminate()
            process.wait(10)


async def run(tthc_port: int, tthc_pid: int, bare_port: int, bare_pid: int) -> int:
    print(
        f"tthc serve load test ({platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, client and servers on one machine, loopback)"
    )
    best, per_cpu, errors = await compare({tthc_port: tthc_pid, bare_port: bare_pid})
    print(f"GET /due, {REQUESTS} requests x {ROUNDS} rounds from {CLIENTS} connections:")
    print("                          wall clock (best round)   per second of server CPU")
    for name, port in (("bare FastAPI endpoint", bare_port), ("tthc serve /due", tthc_port)):
        cpu = per_cpu[port]
        shown = f"{cpu:8.0f} requests/s" if cpu is not None else "     n/a"
        print(f"  {name:22s}  {best[port]:8.0f} requests/s       {shown}")
    ours_cpu, bare_cpu = per_cpu[tthc_port], per_cpu[bare_port]
    if ours_cpu is not None and bare_cpu is not None:
        print(f"  ratio: {ours_cpu / bare_cpu:.0%} of the bare endpoint (server CPU per request)")
    print(f"  ratio, wall clock: {best[tthc_port] / best[bare_port]:.0%} of the bare endpoint")
    seconds, latencies, failed = await load(tthc_port, mixed_request, REQUESTS, CLIENTS)
    errors += failed
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(f"mixed: requests: {len(latencies)} from {CLIENTS} concurrent clients in {seconds:.2f} s")
    print(f"  throughput: {len(latencies) / seconds:.0f} requests/s")
    print(f"  latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies[-1] * 1000:.1f} ms")
    print(f"errors: {len(errors)}")
    for e in errors[:10]:
        print(f"  {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bare":
        serve_bare(int(sys.argv[2]))
    else:
        sys.exit(main())
