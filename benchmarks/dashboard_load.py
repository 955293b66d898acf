"""A small load test of the dashboard: a few thousand requests over 20 connections on loopback.

Run ``.venv/bin/python benchmarks/dashboard_load.py [--requests N] [--connections C]``.
It fills a fresh SQLite store (the seed articles from ``../shared/seeds`` when present,
else the invented articles of the web tests), starts ``detente serve`` on a free
loopback port as a user would, warms each route once (the scenario's baseline
forecasts are computed on first use), then sends N requests spread evenly over a mix
of pages and JSON endpoints from C concurrent connections, and prints throughput,
latency percentiles per route and overall, and every error. Then it removes one
article from the store in this process and times one request per route, which the
server must answer from the changed store (its cache is keyed by the store's write
counter). Figures are printed, never asserted: the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
ROUTES = [
    "/",
    "/actors",
    "/api/v1/documents",
    "/api/v1/actors",
    "/api/v1/dyads?level=state",
    "/api/v1/dyads/usa-rus?freq=M",
    "/api/v1/triangle",
    "/api/v1/framing",
    "/api/v1/scenario/forecasts?model=compromise",
    "/dyads/usa-rus?freq=M",
    "/triangle",
    "{article_page}",
    "{article_api}",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fill_store(db_url: str) -> str:
    """Ingest the seeds (or store the web tests' invented articles); the first article's name."""
    from detente.store import open_store

    seeds = (REPO / ".." / "shared" / "seeds").resolve()
    with open_store(db_url) as store:
        if seeds.is_dir():
            from detente.api import ingest_paths

            ingest_paths([seeds], store=store)
        else:
            sys.path.insert(0, str(REPO))
            from tests.web.conftest import fill

            fill(store)
        return str(store.documents()["name"].iloc[0])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(base: str, paths: list[str], n_requests: int, connections: int) -> dict:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    queue: asyncio.Queue[str] = asyncio.Queue()
    for k in range(n_requests):
        queue.put_nowait(paths[k % len(paths)])
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            while not queue.empty():
                path = queue.get_nowait()
                t0 = time.perf_counter()
                try:
                    r = await client.get(path)
                    if r.status_code != 200:
                        errors[f"{r.status_code} {path}"] += 1
                except httpx.HTTPError as exc:
                    errors[f"{type(exc).__name__} {path}"] += 1
                latencies[path].append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - t0
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'load.db'}"
        name = fill_store(db)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "detente", "serve", "--db", db, "--port", str(port)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    tail = server.stderr.read().decode()[-500:]
                    raise SystemExit(f"server did not start: {tail}")
                time.sleep(0.2)
            paths = [
                p.format(article_page=f"/articles/{name}", article_api=f"/api/v1/articles/{name}")
                for p in ROUTES
            ]
            for path in paths:  # warm up: first use computes the scenario's forecasts
                httpx.get(base + path, timeout=300)
            result = asyncio.run(run(base, paths, args.requests, args.connections))
            after_write = cold_after_write(db, base, paths, name)
        finally:
            server.terminate()
            server.wait(30)
    every = [x for xs in result["latencies"].values() for x in xs]
    n = len(every)
    print(
        f"dashboard load: {n} requests over {args.connections} connections on loopback, "
        f"{len(paths)} routes, one uvicorn process"
    )
    print(f"  throughput {n / result['elapsed']:.1f} requests/s ({result['elapsed']:.1f} s)")
    p50, p99 = 1000 * statistics.median(every), 1000 * percentile(every, 0.99)
    print(f"  latency p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {1000 * max(every):.0f} ms")
    print(f"  errors {sum(result['errors'].values())}")
    for what, count in result["errors"].most_common():
        print(f"    {count} x {what}")
    for path, xs in result["latencies"].items():
        print(
            f"  {path:<52} p50 {1000 * statistics.median(xs):6.0f} ms  "
            f"p99 {1000 * percentile(xs, 0.99):6.0f} ms"
        )
    seen, timings = after_write
    print(f"after this process removed one article from the store (the server saw it: {seen}),")
    print("  the first request of each route, one at a time:")
    for path, took in timings.items():
        print(f"  {path:<52} {1000 * took:6.0f} ms")


def cold_after_write(db: str, base: str, paths: list[str], name: str):
    """Remove an article other than ``name`` from here (another process than the server),
    then time one request per route: what a view costs when the store has changed.

    Returns whether ``/api/v1/documents`` lists one document fewer, and the timings.
    """
    from detente.store import open_store

    before = len(httpx.get(f"{base}/api/v1/documents", timeout=300).json())
    with open_store(db) as store:
        other = [n for n in store.documents()["name"] if n != name]
        if other:
            store.remove_document(other[-1])
    timings = {}
    for path in paths:
        t0 = time.perf_counter()
        httpx.get(base + path, timeout=300)
        timings[path] = time.perf_counter() - t0
    after = len(httpx.get(f"{base}/api/v1/documents", timeout=300).json())
    return after == before - 1, timings


if __name__ == "__main__":
    main(sys.argv[1:])
