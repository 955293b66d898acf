"""The draft from the real corpus (seeds + dev articles) held to issue 11's targets.

From ``../shared/seeds`` and ``../shared/eval/dev/corpus.jsonl``, drafting with the
seed scenario's issues must give positions for at least 6 of its 9 actors and 6 of
its 8 issues, every locator must resolve to its sentence, and the drafted positions
must stay within 20 points (mean absolute difference) of the hand-made ones. The
figures are printed by ``benchmarks/scenario_draft.py``; skipped when ``../shared``
is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.api import check_scenario, draft_from_store, ingest_paths, load_issues
from detente.bargain.diff import diff_scenarios
from detente.bargain.io import load_scenario
from detente.store import open_store

SEED = Path(__file__).resolve().parents[2] / "scenarios" / "ukraine-2025.yaml"

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus_store(seeds_dir, shared_dir, tmp_path_factory):
    feed = shared_dir / "eval" / "dev" / "corpus.jsonl"
    if not feed.exists():
        pytest.skip(f"dev corpus not found at {feed}")
    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
    with open_store(url) as store:
        ingest_paths([seeds_dir, feed], store=store)
        yield store


def test_the_draft_covers_six_actors_and_six_issues_close_to_the_hand_made(corpus_store):
    draft = draft_from_store(corpus_store, load_issues(SEED))
    s = draft.scenario
    assert len(s.actors) >= 6, draft.left_out_actors
    assert len(s.issues) >= 6, draft.left_out_issues
    checks = check_scenario(s, corpus_store)
    assert checks and [c for c in checks if c.problem] == []
    assert all(len(c.quote.split()) <= 12 for c in checks)
    diff = diff_scenarios(load_scenario(SEED), s)
    assert diff.mean_abs_delta <= 20, diff.by_issue
