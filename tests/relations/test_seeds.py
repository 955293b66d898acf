"""Relations over the seed articles as the real pipeline extracts them (slow: real spaCy model)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_store(seeds_dir, tmp_path_factory):
    from detente.api import ingest_paths
    from detente.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'seeds.db'}"
    with open_store(url) as store:
        report = ingest_paths([seeds_dir], store=store)
        assert not report.failures, report.failures
        yield store


def test_seed_relations_run_end_to_end(seed_store):
    from detente.relations import (
        channel_states,
        dyad_index,
        dyad_summary,
        quoted_voices,
        tone_by_outlet,
        triangle_overall,
    )

    events = seed_store.events()
    summary = dyad_summary(events)
    # the seeds report the US–Russia talks: it is the most active dyad and it is cooperative
    assert (summary.iloc[0]["a"], summary.iloc[0]["b"]) == ("RUS", "USA")
    assert summary.iloc[0]["score_sum"] > 0
    idx = dyad_index(events, "USA", "RUS", freq="M")
    assert idx["n_events"].sum() == summary.iloc[0]["n_events"]
    assert all(ev["sentence"] for evs in idx["evidence"] for ev in evs)
    channels = channel_states(events, "USA", "RUS", stances=seed_store.stances())
    assert {"diplomatic", "leaders"} <= set(channels["channel"])
    assert triangle_overall(events)["type"] in {
        "menage_a_trois", "romantic_triangle", "stable_marriage", "unit_veto", "undetermined",
    }  # fmt: skip
    docs = seed_store.documents()
    assert len(tone_by_outlet(docs, seed_store.sentences(), seed_store.mentions())) > 0
    assert len(quoted_voices(docs, seed_store.quotes())) > 0
