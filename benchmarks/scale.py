"""Ingest at scale: 1 and 2 Dask workers and ``--processes 2``, into SQLite and PostgreSQL.

Builds a corpus of distinct articles at run time in a temporary folder -- re-editions of
the seed articles and the development corpus read from ``../shared`` (each edition keeps
the article's first paragraph, rotates the order of the others and adds an edition line,
so every one has its own content hash and about the source's length) -- and ingests it
once per configuration, each in a fresh process and a fresh store:

* ``local:1``, ``local:2``: ``--scheduler local:N`` (N Dask worker processes; this
  process reads, skips and writes);
* ``processes:2``: the one-process path with ``--processes 2`` (spaCy's ``n_process``);

each into a new SQLite file and, when ``DETENTE_TEST_PG_URL`` names a server (``make
bench-scale`` starts one, with fsync on), into a new PostgreSQL schema.

Printed per run: articles per second (wall), per-worker efficiency (articles/s with N
workers / (N x articles/s with one worker)), the CPU seconds the workers spent per
article, peak memory (RSS) per worker and of the writing process, the store's write
time as a share of the run, the workers' start-up (the model loading; outside the clock
for Dask, inside it for ``--processes``) and the CPU seconds per article of this one
reading-and-writing process, which bounds how many workers it can keep busy. The machine
may be shared with other work: the wall-clock figures then understate what the same
configuration does alone; the CPU-seconds per article do not depend on that.

Usage::

    .venv/bin/python benchmarks/scale.py [--articles 2000] [--configs local:1,local:2,processes:2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SOURCES = (SHARED / "seeds", SHARED / "eval" / "dev" / "articles")


def source_texts() -> list[tuple[str, str]]:
    """(stem, text) of every seed and development article, read at run time."""
    out = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            if path.suffix in (".txt", ".md"):
                out.append((path.stem, path.read_text(encoding="utf-8")))
    if not out:
        sys.exit(f"no articles under {', '.join(map(str, SOURCES))}: the benchmark needs ../shared")
    return out


def edition(text: str, k: int) -> str:
    """Edition ``k`` of an article: same head, body paragraphs rotated, an edition line."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    head, body = paras[:1], paras[1:]
    if body:
        r = k % len(body)
        body = body[r:] + body[:r]
    return "\n\n".join(head + body + [f"Wire digest, edition {k}."]) + "\n"


def build_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct articles in ``folder`` (sources cycled, edition number rising)."""
    sources = source_texts()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        stem, text = sources[i % len(sources)]
        (folder / f"{i:06d}_{stem}.txt").write_text(edition(text, i // len(sources)), "utf-8")
    return folder


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_stats() -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds) of the calling process, for ``client.run``."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def run_one(config: str, corpus: Path, db: str) -> dict:
    """Ingest ``corpus`` into ``db`` with one configuration; the figures as a dict."""
    from detente.api import ingest_paths
    from detente.store import Store, open_store

    writes = {"seconds": 0.0}
    for name in ("add_document", "add_documents"):
        original = getattr(Store, name)

        def timed(self, *args, _original=original, **kw):
            start = time.perf_counter()
            try:
                return _original(self, *args, **kw)
            finally:
                writes["seconds"] += time.perf_counter() - start

        setattr(Store, name, timed)
    kind, n = config.split(":")
    n = int(n)
    with open_store(db) as store:
        if kind == "local":
            from detente.cluster import PipelinePlugin, connect, ingest_on_cluster

            t0 = time.perf_counter()
            with connect(config) as cluster:
                client = cluster.client
                client.wait_for_workers(n, timeout=120)
                client.register_plugin(PipelinePlugin())  # the model loads before the clock
                startup = time.perf_counter() - t0
                before = client.run(_worker_stats)
                start, own = time.perf_counter(), _worker_stats()[1]
                report = ingest_on_cluster([corpus], store=store, cluster=cluster)
                wall = time.perf_counter() - start
                client_cpu = _worker_stats()[1] - own
                after = client.run(_worker_stats)
                stats = [(after[w][0], after[w][1] - before[w][1]) for w in after]
        else:
            startup = 0.0  # spaCy's worker processes start (and load the model) in the clock
            cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            start, own = time.perf_counter(), _worker_stats()[1]
            report = ingest_paths([corpus], store=store, n_process=n)
            wall = time.perf_counter() - start
            client_cpu = _worker_stats()[1] - own
            cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
            peak = cpu1.ru_maxrss / 1024  # the largest child's
            stats = [(peak, cpu / n)] * n
        counts = {k: len(getattr(store, k)()) for k in ("documents", "events", "quotes")}
    return {
        "config": config,
        "store": db.split(":", 1)[0].split("+")[0],
        "workers": n,
        "stored": len(report.stored),
        "failed": len(report.failures),
        "wall": wall,
        "startup": startup,
        "failures": [f"{f.path}: {f.reason}" for f in report.failures][:3],
        "write": writes["seconds"],
        "worker_cpu": sum(c for _, c in stats),
        "client_cpu": client_cpu,
        "worker_peak_mb": max(m for m, _ in stats),
        "writer_peak_mb": _peak_mb(),
        **counts,
    }


def _schema_url(pg: str) -> str:
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(pg)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--configs", default="local:1,local:2,processes:2")
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument(
        "--run", nargs=3, metavar=("CONFIG", "CORPUS", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run[0], Path(args.run[1]), args.run[2])))
        return
    pg = os.environ.get("DETENTE_TEST_PG_URL")
    stores = [s for s in args.stores.split(",") if s == "sqlite" or pg]
    if "postgresql" in args.stores and not pg:
        print("PostgreSQL skipped: DETENTE_TEST_PG_URL is not set (make bench-scale sets it)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="detente-scale-") as tmp:
        corpus = build_corpus(Path(tmp) / "corpus", args.articles)
        print(
            f"corpus: {args.articles} distinct articles re-edited from {len(source_texts())} "
            f"sources; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}"
        )
        for store in stores:
            for config in args.configs.split(","):
                db = (
                    f"sqlite:///{tmp}/{uuid.uuid4().hex[:8]}.db"
                    if store == "sqlite"
                    else (_schema_url(pg))
                )
                done = subprocess.run(
                    [sys.executable, __file__, "--run", config, str(corpus), db],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if done.returncode:
                    print(f"{config} {store}: failed: {done.stderr.strip()[-400:]}")
                    continue
                row = json.loads(done.stdout.strip().splitlines()[-1])
                rows.append(row)
                print(f"  done {config} {store}: {row['wall']:.0f} s", flush=True)
    base = {r["store"]: r["stored"] / r["wall"] for r in rows if r["config"] == "local:1"}
    head = (
        f"{'config':<13}{'store':<11}{'art/s':>7}{'eff.':>6}{'cpu s/art':>10}"
        f"{'worker MB':>10}{'writer MB':>10}{'write %':>8}{'stored':>7}{'failed':>7}"
        f"{'start s':>8}{'client cpu s/art':>17}"
    )
    print(head)
    for r in rows:
        rate = r["stored"] / r["wall"]
        eff = rate / (r["workers"] * base[r["store"]]) if r["store"] in base else float("nan")
        print(
            f"{r['config']:<13}{r['store']:<11}{rate:>7.2f}{eff:>6.2f}"
            f"{r['worker_cpu'] / max(1, r['stored']):>10.3f}{r['worker_peak_mb']:>10.0f}"
            f"{r['writer_peak_mb']:>10.0f}{100 * r['write'] / r['wall']:>8.1f}"
            f"{r['stored']:>7}{r['failed']:>7}{r['startup']:>8.1f}"
            f"{r.get('client_cpu', float('nan')) / max(1, r['stored']):>17.4f}"
        )
        for line in r["failures"]:
            print(f"    failed: {line}")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
