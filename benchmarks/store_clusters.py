"""Cost of keeping event clusters current as a store grows.

Every ``add_document`` recomputes the clusters of the blocks (type and pair of
states) its events fall in (:mod:`detente.store.clusters`), so the cost of one
write grows with the number of stored events of those types. This script stores
``--articles`` generated extractions (``--events`` events each, among a handful of
states, dates spread over ``--days`` days, some undated, some month-dated) into a
fresh SQLite file, with clustering as shipped, and prints:

* ms per document for the first and the last tenth of the run when every
  ``add_document`` keeps the clusters current (the default);
* the whole run that way, as a batch the way ``detente ingest`` stores (``cluster=False``
  per document, one ``Store.cluster_pending()`` at the end), and with clustering switched
  off (the refresh patched to a no-op), so the cost of each is visible;
* one full ``Store.recluster()`` of the final store and the number of clusters.

The articles are generated here (no third-party text). Figures are printed, never
asserted.

Usage::

    .venv/bin/python benchmarks/store_clusters.py [--articles 300] [--events 15] [--days 120]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

from detente.evidence import Evidence
from detente.extract.records import ActorRecord, DocumentExtraction, EventRecord, SentenceRecord
from detente.ingest.records import Article
from detente.store import cluster_rows, open_store

STATES = ["USA", "RUS", "UKR", "CHN", "SAU", "TUR"]
TYPES = ["CONSULT", "AGREE", "REJECT", "REQUEST", "SANCTION", "SUPPORT"]
PLACES = ["Riyadh", "Istanbul", "Geneva", None, None]


def generated(k: int, n_events: int, days: int, rng: random.Random):
    """One invented article and its extraction: ``n_events`` one-line events."""
    start = date(2025, 1, 1)
    lines, events = [], []
    for i in range(n_events):
        a, b = rng.sample(STATES, 2)
        lines.append(f"Line {i} of article {k}: {a} and {b} did something.")
    text = "\n".join(lines)
    art = Article(
        f"a{k:04d}.txt", f"/gen/a{k:04d}.txt", text, hashlib.sha256(text.encode()).hexdigest()
    )
    at = 0
    sentences = []
    for i, line in enumerate(lines):
        a, b = line.split(": ")[1].split(" and ")[0], line.split(" and ")[1].split(" ")[0]
        day = start + timedelta(days=rng.randrange(days))
        roll = rng.random()
        when = None if roll < 0.2 else day.isoformat()[:7] if roll < 0.35 else day.isoformat()
        events.append(
            EventRecord(
                rng.choice(TYPES),
                a,
                b,
                Evidence(art.doc_id, at, at + len(line)),
                date=when,
                location=rng.choice(PLACES),
            )
        )
        sentences.append(SentenceRecord(i, at, at + len(line)))
        at += len(line) + 1
    actors = [ActorRecord(s, s, "country", s) for s in STATES]
    return art, DocumentExtraction(art.doc_id, sentences=sentences, actors=actors, events=events)


def run(articles: int, n_events: int, days: int, *, cluster: str) -> dict:
    """Store the generated articles; ``cluster`` is ``each``, ``batch`` or ``off``."""
    rng = random.Random(7)
    docs = [generated(k, n_events, days, rng) for k in range(articles)]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        patch = (
            mock.patch.object(cluster_rows, "refresh_clusters", lambda s, blocks=None: 0)
            if cluster == "off"
            else contextlib.nullcontext()
        )
        with patch, open_store(f"sqlite:///{Path(tmp) / 'b.db'}") as store:
            t0 = time.perf_counter()
            for art, extraction in docs:
                t = time.perf_counter()
                store.add_document(art, extraction, cluster=cluster == "each")
                times.append(time.perf_counter() - t)
            if cluster == "batch":
                store.cluster_pending()
            total = time.perf_counter() - t0
            out = {"total": total, "times": times}
            if cluster == "each":
                t = time.perf_counter()
                out["n_clusters"] = store.recluster()
                out["recluster"] = time.perf_counter() - t
                out["n_events"] = len(store.events())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--events", type=int, default=15)
    parser.add_argument("--days", type=int, default=120)
    args = parser.parse_args()
    from detente.store.clusters import dictionary_state, reciprocal_types

    reciprocal_types(), dictionary_state("Riyadh")  # one-time loads, as in a real ingest
    on = run(args.articles, args.events, args.days, cluster="each")
    batch = run(args.articles, args.events, args.days, cluster="batch")
    off = run(args.articles, args.events, args.days, cluster="off")
    tenth = max(1, args.articles // 10)
    first = 1000 * sum(on["times"][:tenth]) / tenth
    last = 1000 * sum(on["times"][-tenth:]) / tenth
    print(f"{args.articles} articles x {args.events} events ({on['n_events']} stored)")
    print(f"add_document with clusters: {first:.1f} ms/doc (first tenth), {last:.1f} ms/doc (last)")
    print(
        f"whole run: {on['total']:.2f} s clustering each document, {batch['total']:.2f} s as a "
        f"batch (one cluster_pending), {off['total']:.2f} s without clusters"
    )
    print(f"full recluster: {on['recluster']:.2f} s, {on['n_clusters']} clusters")


if __name__ == "__main__":
    main()
