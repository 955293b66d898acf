"""The scenario drafted from the evidence, measured against the hand-made seed scenario.

Ingests ``../shared/seeds`` and ``../shared/eval/dev/corpus.jsonl`` into a fresh
SQLite store with the full pipeline (or uses ``--db``), then, with the seed
scenario's issues (``scenarios/ukraine-2025.yaml``):

* drafts the scenario as of the last article and as of 2025-02-28 (the hand-made
  scenario describes 19 February) and prints the coverage (actors, issues, entries),
  how many evidence locators resolve, and the mean absolute difference from the
  hand-made positions, overall and per issue, with the entries that differ most;
* tracks the scenario month by month (``detente track``) and prints the backtest
  against the outcomes recorded in the seed scenario (``detente backtest``).

Usage::

    .venv/bin/python benchmarks/scenario_draft.py [--shared ../shared] [--db URL] [--keep DIR]

``--keep DIR`` writes the drafted YAML files there; ``--models`` limits the models
tracked (default all). The figures go to the README; nothing here is asserted
(``tests/bargain/test_draft_corpus.py`` holds the draft to the issue's targets).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from detente.api import (
    backtest_scenario_file,
    check_scenario,
    draft_from_store,
    ingest_paths,
    load_issues,
    track_scenario_file,
    write_draft,
)
from detente.bargain.diff import diff_scenarios
from detente.bargain.io import load_scenario
from detente.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "scenarios" / "ukraine-2025.yaml"


def report_draft(store, as_of, keep: Path | None) -> None:
    draft = draft_from_store(store, load_issues(SEED), as_of=as_of)
    s = draft.scenario
    checks = check_scenario(s, store)
    d = diff_scenarios(load_scenario(SEED), s)
    print(
        f"\n== draft as of {draft.as_of} ({draft.n_documents} documents, "
        f"{len(draft.stances)} stances)"
    )
    print(
        f"actors {len(s.actors)}/9 ({', '.join(s.actor_ids)}); issues {len(s.issues)}/8; "
        f"entries {int(s.present.sum())}; locators resolving "
        f"{sum(c.problem is None for c in checks)}/{len(checks)}"
    )
    print(
        f"mean |draft - hand-made| over {int(d.by_issue['n_both'].sum())} shared entries: "
        f"{d.mean_abs_delta:.1f}"
    )
    for r in d.by_issue.itertuples(index=False):
        print(f"  {r.issue:15} shared {r.n_both}  mean |delta| {r.mean_abs_delta:5.1f}")
    both = d.positions.dropna(subset=["position_a", "position_b"])
    worst = both.reindex(both["delta"].abs().sort_values(ascending=False).index).head(8)
    print("  largest differences (actor, issue, hand-made, drafted):")
    for r in worst.itertuples(index=False):
        print(f"    {r.actor:4} {r.issue:15} {r.position_a:6.1f} {r.position_b:6.1f}")
    for ident, why in (*draft.left_out_actors, *draft.left_out_issues):
        print(f"  left out {ident}: {why}")
    if keep is not None:
        write_draft(
            draft, keep / f"draft-{draft.as_of}.yaml", issues_source=str(SEED), store_url=store.url
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--db", help="use this store instead of ingesting into a fresh one")
    parser.add_argument("--keep", type=Path, help="folder for the drafted YAML files")
    parser.add_argument("--models", default="all")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="detente-draft-"))
    url = args.db or f"sqlite:///{work / 'store.db'}"
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    with open_store(url) as store:
        if args.db is None:
            started = time.perf_counter()
            sources = [args.shared / "seeds", args.shared / "eval" / "dev" / "corpus.jsonl"]
            report = ingest_paths(sources, store=store)
            print(
                f"ingested {len(report.stored)} articles in {time.perf_counter() - started:.1f} s"
                f"; failed {len(report.failures)}"
            )
            for f in report.failures:
                print(f"  failed: {f.path}: {f.reason}")
        report_draft(store, None, args.keep)
        report_draft(store, dt.date(2025, 2, 28), args.keep)
        started = time.perf_counter()
        track_id, track = track_scenario_file(store, SEED, model=args.models)
        print(
            f"\n== track {track_id}: {len(track.runs)} monthly runs "
            f"({track.runs[0].as_of} to {track.runs[-1].as_of}) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        result = backtest_scenario_file(store, SEED, track_id=track_id)
    print("mean absolute error (points) by horizon; forecasts scored in brackets")
    table, counts = result.table, result.counts
    print(f"  {'model':15}" + "".join(f"{c:>18}" for c in table.columns))
    for name in table.index:
        cells = "".join(
            f"{table.loc[name, c]:12.1f} ({counts.loc[name, c]:3d})" for c in table.columns
        )
        print(f"  {name:15}{cells}")


if __name__ == "__main__":
    main()
