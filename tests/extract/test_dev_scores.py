"""Extraction quality on the seeds and the development corpus, measured the way a user would.

``ingest`` the articles into a fresh SQLite store with the full pipeline,
``export`` it, and run ``../shared/eval/score.py`` on the export: the five seed
articles (a folder, three without a date line) and the 24 articles of
``../shared/eval/dev/corpus.jsonl`` (a JSON Lines feed whose ``date`` is the
publication metadata), as ``benchmarks/extract_quality.py`` does. The event
thresholds sit at most 0.03 below the figures measured when they were last
set (the README's "Measured" section has them); the others are the targets of
their owners. Skipped when ../shared is absent.
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


def _score(nlp, source: Path, gold: Path, script: Path, out: Path) -> dict:
    with open_store(f"sqlite:///{out / 'store.db'}") as store:
        report = ingest_paths([source], store=store, extractor=Extractor(nlp=nlp))
        assert not report.failures, report.failures
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


@pytest.fixture(scope="module")
def scores(nlp, shared_dir, seeds_dir, tmp_path_factory):
    script, gold = shared_dir / "eval" / "score.py", shared_dir / "eval" / "gold"
    if not script.exists() or not any(gold.glob("*.json")):
        pytest.skip(f"no scorer or gold annotation under {shared_dir / 'eval'}")
    return _score(nlp, seeds_dir, gold, script, tmp_path_factory.mktemp("seeds_export"))


@pytest.fixture(scope="module")
def dev_scores(nlp, shared_dir, tmp_path_factory):
    script, dev = shared_dir / "eval" / "score.py", shared_dir / "eval" / "dev"
    if not script.exists() or not (dev / "corpus.jsonl").exists():
        pytest.skip(f"no scorer or development corpus under {shared_dir / 'eval'}")
    out = tmp_path_factory.mktemp("dev_export")
    return _score(nlp, dev / "corpus.jsonl", dev / "gold", script, out)


def test_actors(scores):
    assert scores["actors"]["f1"] >= 0.90, scores["actors"]


def test_events_loose_and_strict(scores):
    assert scores["events_loose"]["f1"] >= 0.74, scores["events_loose"]  # 0.771
    assert scores["events"]["f1"] >= 0.74, scores["events"]  # 0.771


def test_quotes(scores):
    assert scores["quotes"]["f1"] >= 0.85, scores["quotes"]


def test_date_accuracy_including_the_undated_articles(scores):
    # Three of the five articles state no publication date; their relative dates are
    # resolved through the calendar (detente.extract.components.reference_time).
    assert scores["date_accuracy"] >= 0.90, scores


def test_every_development_article_is_stored(dev_scores):
    assert dev_scores["stored"] == dev_scores["documents"] == 24, dev_scores


def test_development_corpus_events(dev_scores):
    assert dev_scores["events_loose"]["f1"] >= 0.54, dev_scores["events_loose"]  # 0.565
    assert dev_scores["events"]["f1"] >= 0.27, dev_scores["events"]  # 0.299
    assert dev_scores["events_loose"]["precision"] >= 0.76, dev_scores["events_loose"]  # 0.79
