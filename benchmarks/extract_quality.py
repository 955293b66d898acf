"""Extraction quality on the seeds and the development corpus, measured as a user would.

Ingests ``../shared/seeds`` (a folder of articles, three without a date line) and
``../shared/eval/dev/corpus.jsonl`` (24 articles; the feed's ``date`` is their
publication metadata) into fresh SQLite stores with the full pipeline, exports
both with ``detente export``'s writer and scores them with the evaluation's own
``score.py``. Prints one table: the seeds, the whole development corpus and its
two halves, then precision and recall per PLOVER type on the development corpus.

The halves are fixed here, not chosen per run: **A** is the articles with an
odd number (101, 103, ... 123), **B** those with an even number (102, ... 124).
Rules are written while looking at A and checked on B, so the B figure is the
one that says whether a change generalises (interleaved, so both halves span
February to December 2025). After three rounds of rules written on A left B
unmoved, B was split in two quarters: **B1** (102, 106, ... 122) opened for
development, **B2** (104, 108, ... 124) kept unread as the check.

Usage::

    .venv/bin/python benchmarks/extract_quality.py [--shared ../shared] [--keep DIR] [--json]

``--keep DIR`` leaves the stores and exports in DIR for inspection (for example
``python ../shared/eval/score.py ../shared/eval/dev/gold DIR/dev``); ``--json``
prints the figures as one JSON object instead of the table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from detente.api import ingest_paths
from detente.export import export_store
from detente.extract import Extractor
from detente.store import open_store

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ("actors", "events", "events_loose", "quotes")
PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT"
).split()


def half(name: str) -> str:
    """``A`` for an odd-numbered development article, ``B`` for an even one."""
    return "A" if int(name[:3]) % 2 else "B"


def quarter(name: str) -> str:
    """``B1`` (102, 106, ...) or ``B2`` (104, 108, ...) for an even-numbered article, else ``A``."""
    number = int(name[:3])
    return "A" if number % 2 else ("B1" if number % 4 == 2 else "B2")


def run_corpus(extractor: Extractor, source: Path, work: Path) -> tuple[Path, list[str], float]:
    """Ingest ``source`` into a fresh store under ``work``, export it; (export dir, failures, s)."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / "store.db"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    with open_store(f"sqlite:///{db}") as store:
        report = ingest_paths([source], store=store, extractor=extractor)
        export_store(store, work)
    failures = [f"{f.path}: {f.reason}" for f in report.failures]
    return work, failures, time.perf_counter() - started


def score(scorer: Path, gold: Path, pred: Path, docs: list[str] | None = None) -> dict:
    """The scorer's JSON result (optionally on a subset of articles)."""
    cmd = [sys.executable, str(scorer), str(gold), str(pred), "--json"]
    if docs:
        cmd += ["--docs", ",".join(docs)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"score.py failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def per_type(scorer: Path, gold: Path, pred: Path, work: Path) -> dict[str, dict]:
    """Loose event precision/recall per PLOVER type: gold and prediction filtered to one type."""
    out: dict[str, dict] = {}
    events = [json.loads(x) for x in (pred / "events.jsonl").read_text().splitlines() if x.strip()]
    for kind in PLOVER_TYPES:
        g_dir, p_dir = work / f"gold_{kind}", work / f"pred_{kind}"
        g_dir.mkdir(parents=True, exist_ok=True)
        p_dir.mkdir(parents=True, exist_ok=True)
        n_gold = 0
        for f in gold.glob("*.json"):
            g = json.loads(f.read_text(encoding="utf-8"))
            g["events"] = [e for e in g.get("events", []) if e.get("type") == kind]
            n_gold += len(g["events"])
            (g_dir / f.name).write_text(json.dumps(g), encoding="utf-8")
        rows = [json.dumps(e) for e in events if e.get("type") == kind]
        (p_dir / "events.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
        if n_gold or rows:
            out[kind] = score(scorer, g_dir, p_dir)["events_loose"]
    return out


def measure(shared: Path, work: Path) -> dict:
    """Every figure of the table as one dict."""
    scorer = shared / "eval" / "score.py"
    dev = shared / "eval" / "dev"
    extractor = Extractor()
    result: dict = {"failures": {}}
    seeds_out, fails, secs = run_corpus(extractor, shared / "seeds", work / "seeds")
    result["failures"]["seeds"], result["seconds_seeds"] = fails, round(secs, 1)
    result["seeds"] = score(scorer, shared / "eval" / "gold", seeds_out)
    dev_out, fails, secs = run_corpus(extractor, dev / "corpus.jsonl", work / "dev")
    result["failures"]["dev"], result["seconds_dev"] = fails, round(secs, 1)
    result["dev"] = score(scorer, dev / "gold", dev_out)
    names = sorted(p.stem + ".txt" for p in (dev / "gold").glob("*.json"))
    for h in ("A", "B"):
        result[f"dev_{h}"] = score(
            scorer, dev / "gold", dev_out, [n for n in names if half(n) == h]
        )
    for q in ("B1", "B2"):
        result[f"dev_{q}"] = score(
            scorer, dev / "gold", dev_out, [n for n in names if quarter(n) == q]
        )
    result["dev_types"] = per_type(scorer, dev / "gold", dev_out, work / "types")
    gold_types: Counter[str] = Counter()
    for f in (dev / "gold").glob("*.json"):
        gold_types.update(e["type"] for e in json.loads(f.read_text())["events"])
    result["dev_gold_types"] = dict(gold_types)
    return result


def print_table(r: dict) -> None:
    """The figures as plain-text tables."""
    head = f"{'set':8} {'docs':>4}  " + "  ".join(f"{c:>16}" for c in CATEGORIES)
    print("F1 (precision/recall)")
    print(head + "  date acc")
    for key, label in (("seeds", "seeds"), ("dev", "dev"), ("dev_A", "dev A"), ("dev_B", "dev B"),
                       ("dev_B1", "dev B1"), ("dev_B2", "dev B2")):
        s = r[key]
        cells = "  ".join(
            f"{s[c]['f1']:.3f} {s[c]['precision']:.2f}/{s[c]['recall']:.2f}".rjust(16)
            for c in CATEGORIES
        )
        acc = s["date_accuracy"]
        print(f"{label:8} {s['documents']:>4}  {cells}  {acc if acc is not None else '-'}")
    print()
    print("dev events (loose) per PLOVER type")
    print(f"{'type':10} {'gold':>4} {'pred':>4} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in PLOVER_TYPES:
        s = r["dev_types"].get(kind)
        if s:
            print(
                f"{kind:10} {s['gold']:>4} {s['pred']:>4} {s['tp']:>4} "
                f"{s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"
            )
    for corpus, fails in r["failures"].items():
        for f in fails:
            print(f"not stored ({corpus}): {f}")
    print(f"\ningest + export: seeds {r['seconds_seeds']} s, dev {r['seconds_dev']} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, help="keep stores and exports in this folder")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    if not (args.shared / "eval" / "score.py").exists():
        raise SystemExit(f"no evaluation data under {args.shared} (needs eval/score.py)")
    if args.keep:
        result = measure(args.shared, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            result = measure(args.shared, Path(tmp))
    if args.json:
        print(json.dumps(result))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
