"""Load test of ``tthc serve`` on loopback: requests per second and p99 latency.

Run from a clone (``pip install -e '.[serve,test]'`` first):

    python benchmarks/bench_service.py [REQUESTS] [CLIENTS]

It starts the service in a subprocess (``tthc serve --port N`` on 127.0.0.1, a
free port), sends REQUESTS (default 4000) requests from CLIENTS (default 16)
concurrent clients (threads, each with its own keep-alive connection), a mix of
``/due`` (different receipt moments and limits), ``/days/…``,
``/procedures/…`` and a bad request that must get 422, then prints the
throughput, latency percentiles and the error count; it exits 1 on any
unexpected status (a 5xx or a refused connection). Both ends share the
machine, so the numbers are a floor.
"""

from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time

import httpx

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 16


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def mix(i: int) -> tuple[str, dict[str, str], int]:
    kind = i % 10
    if kind < 6:
        day = 1 + i % 28
        limits = ("3 ngày làm việc", "Không quá 05 ngày làm việc", "15 ngày", "02 giờ làm việc")
        params = {"received": f"{day:02d}/11/2026 {8 + i % 9:02d}:15", "limit": limits[i % 4]}
        return "/due", params, 200
    if kind < 8:
        return f"/days/2026-{1 + i % 12:02d}-{1 + i % 28:02d}", {}, 200
    if kind == 8:
        return "/procedures/1.004222", {}, 200
    return "/due", {"received": "32/13/2026 10:00", "limit": "3 ngày"}, 422


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with subprocess.Popen(
        [sys.executable, "-m", "tthc", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    ) as server:
        try:
            return run(base, server)
        finally:
            server.terminate()
            server.wait(10)


def run(base: str, server: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{base}/procedures/1.004222", timeout=2)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline or server.poll() is not None:
                print("the service did not start", file=sys.stderr)
                return 1
            time.sleep(0.1)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(REQUESTS))

    def worker() -> None:
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    break
                path, params, expected = mix(i)
                start = time.perf_counter()
                try:
                    status = client.get(path, params=params).status_code
                except httpx.HTTPError as e:
                    status = -1
                    with lock:
                        errors.append(f"{path}: {type(e).__name__}")
                mine.append(time.perf_counter() - start)
                if status != expected:
                    with lock:
                        errors.append(f"{path} {params}: {status} (expected {expected})")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(
        f"tthc serve load test ({platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, client and server on one machine)"
    )
    print(f"requests: {len(latencies)} from {CLIENTS} concurrent clients in {elapsed:.2f} s")
    print(f"throughput: {len(latencies) / elapsed:.0f} requests/s")
    print(f"latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies[-1] * 1000:.1f} ms")
    print(f"errors: {len(errors)}")
    for e in errors[:10]:
        print(f"  {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
