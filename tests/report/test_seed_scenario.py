"""The seed scenario (scenarios/ukraine-2025.yaml) against the seed articles it cites.

Checks the brief's rules: every locator resolves to one sentence of the named seed,
is a few words (<= 8) and not the whole sentence; the analyst's notes do not copy
seed text; the required actors, issues and what-ifs are there.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from detente.bargain.io import load_scenario_file
from detente.store.locate import normalise

REQUIRED_ACTORS = {
    "United States",
    "Russia",
    "Ukraine",
    "European Union",
    "United Kingdom",
    "France",
    "Germany",
    "China",
    "Saudi Arabia",
}
REQUIRED_ISSUES = {
    "territory",
    "nato",
    "guarantees",
    "sanctions",
    "elections",
    "diplomacy",
    "energy_strikes",
    "economy",
}
COPY_RUN = 8
"""Words in a row shared with a seed that count as copying (locators may be up to 8)."""


@pytest.fixture(scope="module")
def seed_file(seed_scenario_path):
    return load_scenario_file(seed_scenario_path)


def _locators(sf):
    return [
        (actor, issue, loc)
        for (actor, issue), locs in sorted(sf.scenario.evidence.items())
        for loc in locs
    ]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", normalise(text)[0])


def test_required_actors_issues_and_whatifs(seed_file):
    s = seed_file.scenario
    assert REQUIRED_ACTORS <= {a.name for a in s.actors}
    assert REQUIRED_ISSUES <= set(s.issue_ids)
    for issue in s.issues:
        assert issue.low_label and issue.high_label, f"issue {issue.id} lacks end-point words"
        assert issue.marks, f"issue {issue.id} has no marks"
    for actor in s.actors:
        assert actor.description, f"actor {actor.id} has no 'why' for its clout"
    variants = {w.id: w for w in seed_file.whatifs}
    assert any({"ukr", "eu"} <= set(w.drop) for w in variants.values()), (
        "no talks-without-them variant"
    )
    relief = [c for w in variants.values() for c in w.set if c.issue == "sanctions"]
    assert {c.actor for c in relief} == {"usa"}
    positions = sorted(c.position for c in relief)
    assert (
        positions[0] < s.positions[s.actor_index("usa"), s.issue_index("sanctions")] < positions[-1]
    )


def test_every_position_cites_evidence(seed_file):
    s = seed_file.scenario
    for i, actor in enumerate(s.actors):
        for j, issue in enumerate(s.issues):
            if s.present[i, j]:
                assert s.evidence.get((actor.id, issue.id)), f"{actor.id}/{issue.id}: no locator"


def test_every_locator_resolves_to_a_seed_sentence(seed_file, seed_store):
    locs = _locators(seed_file)
    assert len(locs) >= 50
    for actor, issue, loc in locs:
        where = f"{actor}/{issue}: {loc.doc}: {loc.quote!r}"
        n_words = len(loc.quote.split())
        assert 2 <= n_words <= 8, f"{where}: {n_words} words (a locator is 2-8 words)"
        hit = seed_store.resolve(loc)  # raises NotFound with the reason
        assert hit.doc_name == loc.doc
        assert normalise(loc.quote)[0] in normalise(hit.sentence)[0], where
        assert len(_words(hit.sentence)) > n_words, f"{where}: the locator is the whole sentence"


def test_notes_do_not_copy_seed_text(seed_file, seed_store):
    seed_runs: set[tuple[str, ...]] = set()
    for name in seed_store.documents()["name"]:
        words = _words(seed_store.document(name).text)
        seed_runs.update(zip(*(words[k:] for k in range(COPY_RUN)), strict=False))
    texts = [*seed_file.notes.values(), *(a.description for a in seed_file.scenario.actors)]
    texts += [seed_file.scenario.description]
    assert len(seed_file.notes) == int(np.sum(seed_file.scenario.present))
    for text in texts:
        words = _words(text)
        copied = [
            run
            for run in zip(*(words[k:] for k in range(COPY_RUN)), strict=False)
            if run in seed_runs
        ]
        assert not copied, f"note copies seed text: {' '.join(copied[0])!r}"


@pytest.fixture(scope="module")
def seeds_and_dev_store(seeds_dir, shared_dir, tmp_path_factory):
    """The seeds and the dev corpus stored without extraction (regex sentences)."""
    from detente.ingest import read_paths
    from detente.ingest.records import Article
    from detente.store import open_store

    feed = shared_dir / "eval" / "dev" / "corpus.jsonl"
    if not feed.exists():
        pytest.skip(f"dev corpus not found at {feed}")
    url = f"sqlite:///{tmp_path_factory.mktemp('seeddev') / 'seeddev.db'}"
    with open_store(url) as store:
        for item in read_paths([seeds_dir, feed]):
            assert isinstance(item, Article), f"could not be read: {item}"
            store.add_document(item)
        yield store


def test_outcomes_cover_three_issues_with_evidence_of_a_few_words(seed_file, seeds_and_dev_store):
    outcomes = seed_file.outcomes
    assert len({o.issue for o in outcomes}) >= 3
    for o in outcomes:
        issue = seed_file.scenario.issues[seed_file.scenario.issue_index(o.issue)]
        assert issue.low <= o.position <= issue.high and o.evidence and o.note
        for loc in o.evidence:
            where = f"outcome {o.issue} {o.date}: {loc.doc}: {loc.quote!r}"
            assert 2 <= len(loc.quote.split()) <= 8, where
            hit = seeds_and_dev_store.resolve(loc)
            assert len(_words(hit.sentence)) > len(loc.quote.split()), f"{where}: whole sentence"
    runs: set[tuple[str, ...]] = set()
    for name in seeds_and_dev_store.documents()["name"]:
        words = _words(seeds_and_dev_store.document(name).text)
        runs.update(zip(*(words[k:] for k in range(COPY_RUN)), strict=False))
    for o in outcomes:
        words = _words(o.note)
        assert not set(zip(*(words[k:] for k in range(COPY_RUN)), strict=False)) & runs, o.note
