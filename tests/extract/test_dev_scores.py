"""Extraction quality measured the way a user would, held to what it was when last measured.

``ingest`` the seed articles, and the 24-article development corpus as its JSONL feed
(``../shared/eval/dev/corpus.jsonl``, the header's date as publication metadata), each
into a fresh SQLite store with the full pipeline; ``export`` it and run
``../shared/eval/score.py`` on the export -- what ``benchmarks/extract_quality.py``
(``make eval``) prints. Each threshold sits at most 0.03 below the figure measured
when it was last set (in the comment). Skipped when ../shared is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from detente.api import ingest_paths
from detente.export import export_store
from detente.extract import Extractor
from detente.store import open_store

pytestmark = pytest.mark.model


def _score(nlp, source: Path, gold: Path, script: Path, out: Path, *, all_stored: bool) -> dict:
    with open_store(f"sqlite:///{out / 'store.db'}") as store:
        report = ingest_paths([source], store=store, extractor=Extractor(nlp=nlp))
        assert not (all_stored and report.failures), report.failures
        export_store(store, out)
    done = subprocess.run(
        [sys.executable, str(script), str(gold), str(out), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    rows = (out / "actors.jsonl").read_text(encoding="utf-8").splitlines()
    result["stored"] = len({json.loads(r)["doc"] for r in rows if r.strip()})
    return result


def _scorer(shared_dir: Path, gold: Path) -> Path:
    script = shared_dir / "eval" / "score.py"
    if not script.exists() or not any(gold.glob("*.json")):
        pytest.skip(f"no scorer or gold annotation under {gold}")
    return script


@pytest.fixture(scope="module")
def scores(nlp, shared_dir, seeds_dir, tmp_path_factory):
    gold = shared_dir / "eval" / "gold"
    script = _scorer(shared_dir, gold)
    out = tmp_path_factory.mktemp("seed_export")
    return _score(nlp, seeds_dir, gold, script, out, all_stored=True)


@pytest.fixture(scope="module")
def dev_scores(nlp, shared_dir, tmp_path_factory):
    dev = shared_dir / "eval" / "dev"
    script = _scorer(shared_dir, dev / "gold")
    if not (dev / "corpus.jsonl").exists():
        pytest.skip(f"development corpus not found at {dev / 'corpus.jsonl'}")
    out = tmp_path_factory.mktemp("dev_export")
    return _score(nlp, dev / "corpus.jsonl", dev / "gold", script, out, all_stored=False)


def test_actors(scores):
    assert scores["actors"]["f1"] >= 0.95, scores["actors"]  # 0.978


def test_events_loose_and_strict(scores):
    assert scores["events_loose"]["f1"] >= 0.75, scores["events_loose"]  # 0.779
    assert scores["events"]["f1"] >= 0.75, scores["events"]  # 0.779


def test_quotes(scores):
    assert scores["quotes"]["f1"] >= 0.97, scores["quotes"]  # 1.000


def test_date_accuracy_including_the_undated_articles(scores):
    # Three of the five articles state no publication date; their relative dates are
    # resolved through the calendar (detente.extract.temporal.reference_time).
    assert scores["date_accuracy"] >= 0.97, scores  # 1.0


def test_dev_actors(dev_scores):
    assert dev_scores["actors"]["f1"] >= 0.96, dev_scores["actors"]  # 0.984


def test_dev_quotes(dev_scores):
    assert dev_scores["quotes"]["f1"] >= 0.89, dev_scores["quotes"]  # 0.914


def test_every_development_article_is_stored(dev_scores):
    assert dev_scores["stored"] == dev_scores["documents"] == 24, dev_scores


def test_dev_events(dev_scores):
    assert dev_scores["events_loose"]["f1"] >= 0.68, dev_scores["events_loose"]  # 0.707
    assert dev_scores["events"]["f1"] >= 0.66, dev_scores["events"]  # 0.688
    assert dev_scores["events_loose"]["precision"] >= 0.89, dev_scores["events_loose"]  # 0.911


def test_dev_date_accuracy(dev_scores):
    assert dev_scores["date_accuracy"] >= 0.94, dev_scores  # 0.967 (half A 0.981)


def test_dev_dates_cost_few_matches(dev_scores):
    # strict matching (with the date) loses at most 0.03 of F1 against loose (without)
    loose, strict = dev_scores["events_loose"]["f1"], dev_scores["events"]["f1"]
    assert strict >= loose - 0.03, dev_scores  # 0.688 against 0.707
