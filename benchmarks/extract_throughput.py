"""Throughput of the full extraction pipeline against the bare spaCy model.

Builds a corpus of a few hundred articles in memory -- the seed articles read
from ``../shared/seeds`` at run time and repeated, or, when they are absent,
articles generated from this script's own template sentences -- then times
``nlp.pipe`` of the bare model and of ``build_pipeline()`` on the same texts
in the same run, and prints articles/s for both and their ratio (target >= 0.70).

The machine may be shared, so (1) the ratio is computed from the CPU time of
this process (``time.process_time``), which other processes' load does not
inflate, and wall-clock figures are printed beside it; (2) the two pipelines
are timed *interleaved*: the corpus is cut into chunks and each chunk goes
through both pipelines, in alternating order, before the next chunk, so that
cache and frequency effects hit both sides alike.

Usage::

    .venv/bin/python benchmarks/extract_throughput.py [--articles 300] [--batch-size 16]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import spacy

from detente.extract import build_pipeline
from detente.extract.extensions import register_extensions
from detente.settings import get_settings

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

_PEOPLE = [
    "Sergei Lavrov",
    "Marco Rubio",
    "Volodymyr Zelensky",
    "Donald Trump",
    "Vladimir Putin",
    "Ivan Petrov",
    "Anna Berg",
    "Kirill Dmitriev",
]
_PLACES = ["Riyadh", "Istanbul", "Geneva", "Moscow", "Washington"]
_TEMPLATES = [
    "{a} met {b} in {place} on {day} to discuss a ceasefire.",
    "“We made real progress,” {a} said after the talks.",
    "{b}, a senior adviser to the delegation, warned that sanctions would remain.",
    "The two sides agreed to restore embassy staff by {month} {n}.",
    "Later, the Russian leader told reporters the meeting was “useful.”",
    "Officials in Kyiv rejected the proposal last week.",
]


def _generated(n: int, rng: random.Random) -> list[str]:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    months = ["January", "February", "March", "April"]
    out = []
    for _ in range(n):
        lines = []
        for _ in range(12):
            a, b = rng.sample(_PEOPLE, 2)
            lines.append(
                rng.choice(_TEMPLATES).format(
                    a=a,
                    b=b,
                    place=rng.choice(_PLACES),
                    day=rng.choice(days),
                    month=rng.choice(months),
                    n=rng.randint(1, 28),
                )
            )
        out.append("\n".join(lines))
    return out


def corpus(n: int, seed: int) -> tuple[list[str], str]:
    """``n`` article texts and a description of where they came from."""
    rng = random.Random(seed)
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    if seeds:
        texts = [p.read_text(encoding="utf-8") for p in seeds]
        return [texts[i % len(texts)] for i in range(n)], f"{len(texts)} seed articles repeated"
    return _generated(n, rng), "generated template articles"


def _time(nlp, texts: list[str], batch_size: int, published: str | None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of ``nlp.pipe`` over ``texts``."""
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        if published is not None:
            doc._.published = published
        docs.append(doc)
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in nlp.pipe(docs, batch_size=batch_size):
        pass
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--no-ingest",
        dest="ingest",
        action="store_false",
        help="skip timing the whole ingest (read, clean, extract, store) into a fresh store",
    )
    parser.add_argument(
        "--processes",
        type=int,
        nargs="+",
        default=[1, 2],
        help="process counts for the ingest timing (nlp.pipe n_process)",
    )
    args = parser.parse_args()
    settings = get_settings()
    texts, origin = corpus(args.articles, settings.seed)
    chars = sum(map(len, texts))
    register_extensions()
    bare = spacy.load(settings.spacy_model)
    full = build_pipeline(settings)
    _time(bare, texts[:5], args.batch_size, None)  # warm-up: caches, lazy loads
    _time(full, texts[:5], args.batch_size, "2025-02-19")
    totals = {"bare": [0.0, 0.0], "full": [0.0, 0.0]}
    step = max(args.batch_size, 1) * 2
    for k, i in enumerate(range(0, len(texts), step)):
        chunk = texts[i : i + step]
        order = [("bare", bare, None), ("full", full, "2025-02-19")]
        for key, nlp, published in order if k % 2 == 0 else reversed(order):
            cpu, wall = _time(nlp, chunk, args.batch_size, published)
            totals[key][0] += cpu
            totals[key][1] += wall
    n = len(texts)
    (c_bare, w_bare), (c_full, w_full) = totals["bare"], totals["full"]
    print(f"corpus: {n} articles ({origin}), {chars / n:.0f} characters each on average")
    print(f"bare  {'+'.join(bare.pipe_names)}")
    print(f"full  {'+'.join(full.pipe_names)}")
    print(f"bare model     {n / c_bare:7.2f} articles/CPU-s  {n / w_bare:7.2f} articles/s wall")
    print(f"full pipeline  {n / c_full:7.2f} articles/CPU-s  {n / w_full:7.2f} articles/s wall")
    ratio = f"{c_bare / c_full:.2f} (CPU), {w_bare / w_full:.2f} (wall)"
    print(f"ratio full/bare {ratio}  (target >= 0.70)")
    if args.ingest:
        for processes in args.processes:
            c_ing, w_ing = _time_ingest(texts, args.batch_size, processes)
            print(
                f"ingest into a fresh SQLite store, {processes} process(es): "
                f"{n / c_ing:7.2f} articles/CPU-s (this process)  "
                f"{n / w_ing:7.2f} articles/s wall; "
                f"ratio to bare nlp.pipe {c_bare / c_ing:.2f} (CPU), {w_bare / w_ing:.2f} (wall)"
            )


def _time_ingest(texts: list[str], batch_size: int, processes: int) -> tuple[float, float]:
    """Read, clean, extract and store every text as its own file into a fresh SQLite store.

    Each file gets a distinct first line so that no two share a content hash (the
    store would otherwise skip repeats of the seed articles).
    """
    import tempfile

    from detente.api import ingest_paths
    from detente.extract import Extractor
    from detente.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"{i:05d}.txt").write_text(f"Dispatch {i}\n\n{text}", encoding="utf-8")
        extractor = Extractor(batch_size=batch_size, n_process=processes)
        with open_store(f"sqlite:///{Path(tmp) / 'bench.db'}") as store:
            cpu, wall = time.process_time(), time.perf_counter()
            report = ingest_paths(
                [folder], store=store, extractor=extractor, batch_size=batch_size * 4
            )
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if report.failures or len(report.stored) != len(texts):
            raise SystemExit(
                f"ingest benchmark: {len(report.failures)} failures, {len(report.stored)} stored"
            )
    return cpu, wall


if __name__ == "__main__":
    main()
