"""Relations over the seed articles as the real pipeline extracts them (slow: real spaCy model)."""

from __future__ import annotations

import pandas as pd
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
    # the seeds tell of no US–China event in 2025, so the triangle's type cannot be settled
    overall = triangle_overall(events)
    assert overall["signs"]["USA-CHN"] == 0 and overall["signs"]["USA-RUS"] == 1
    assert overall["type"] == "undetermined" and overall["pivot"] is None
    docs = seed_store.documents()
    tone = tone_by_outlet(docs, seed_store.sentences(), seed_store.mentions())
    assert set(docs["outlet"].dropna()) <= set(tone["outlet"])
    assert {"USA", "RUS"} <= set(tone.nlargest(3, "n_sentences")["actor_id"])
    assert (tone["n_positive"] + tone["n_negative"] <= tone["n_sentences"]).all()
    voices = quoted_voices(docs, seed_store.quotes())
    said = set(zip(voices["outlet"], voices["speaker_id"], voices["speaker_for"], strict=True))
    assert ("Bloomberg", "person.trump_donald", "USA") in said
    assert ("Bloomberg", "person.lavrov_sergei", "RUS") in said


def test_seed_index_places_month_dated_events_in_their_month(seed_store):
    """No weekly point before February 2025 is made from February-dated events."""
    from detente.relations import dyad_index

    idx = dyad_index(seed_store.events(), "USA", "RUS", freq="W")
    for row in idx.itertuples():
        for item in row.evidence:
            if item["date"] and item["date"].startswith("2025-02"):
                assert row.period >= pd.Timestamp("2025-02-01"), (row.period, item["date"])
            if item["date_precision"] == "month":
                assert row.resolution == "month" and row.period.day == 1
    assert "month" in set(idx["resolution"])  # the seeds date some events only to the month


def test_seed_history_is_flagged_and_kept_out_of_channels_and_triangle(seed_store):
    from detente.relations import channel_states, dyad_index, triangle, triangle_overall

    events = seed_store.events()
    flagged = events.loc[events["background"]]
    assert len(flagged) >= 4  # the seeds recall 2014, 2018, 2022 and the Cold War
    assert {"2014", "2018"} <= set(flagged["date"].dropna())
    assert not events.loc[events["date"].fillna("").str.startswith("2025-02"), "background"].any()
    channels = channel_states(events, "USA", "RUS", stances=seed_store.stances())
    assert not any(item["background"] for items in channels["evidence"] for item in items)
    assert (channels["period"].dropna() >= pd.Timestamp("2025-01-01")).all()
    for a, b in (("USA", "RUS"), ("USA", "CHN"), ("RUS", "CHN")):
        idx = dyad_index(events, a, b, freq="M")
        assert not any(item["background"] for items in idx["evidence"] for item in items)
    assert (triangle(events)["period"].dropna() >= pd.Timestamp("2025-01-01")).all()
    now, then = triangle_overall(events), triangle_overall(events, include_background=True)
    assert now["scores"]["USA-CHN"] == 0 < then["scores"]["USA-CHN"]


def test_seed_riyadh_meeting_is_one_cluster_with_its_sources(seed_store):
    events = seed_store.events()
    talks = events.loc[
        (events["type"] == "CONSULT")
        & events["date"].isin(["2025-02-18", "2025-02-19"])
        & (events["source_country"].isin(["USA", "RUS"]))
        & (events["target_country"].isin(["USA", "RUS"]))
        & events["mode"].isna()
    ]
    assert talks["doc_id"].nunique() >= 3
    assert talks["cluster"].nunique() == 1
    (cluster,) = (
        seed_store.event_clusters()
        .query(f"cluster == '{talks['cluster'].iloc[0]}'")[["date", "location", "n_documents"]]
        .itertuples(index=False)
    )
    assert cluster.date == "2025-02-18" and "Riyadh" in (cluster.location or "")
    assert cluster.n_documents == talks["doc_id"].nunique()
