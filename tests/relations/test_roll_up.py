"""People roll up to the state or international body they served *in each article*.

Two invented articles about one invented person, Maja Lind: in January she is the
foreign minister of Atlantis, in March the League's High Representative. The store
keeps each article's affiliation, and every view built on it (dyad index, channels,
triangle, quoted voices, the report's network, the export, the dashboard) counts her
January meeting for Atlantis and her March one for the League.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pandas as pd
import pytest

from detente.api import stances_with_parties
from detente.evidence import Evidence
from detente.export import export_store
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    QuoteRecord,
    SentenceRecord,
    StanceRecord,
)
from detente.ingest.records import Article
from detente.relations import channel_states, dyad_index, dyad_summary, quoted_voices, triangle
from detente.report.views.relations import gather_network
from detente.store import open_store

JANUARY = (
    "Foreign Minister Maja Lind of Atlantis met Bordurian officials to reopen the embassies. "
    "“The door is open,” Lind said."
)
MARCH = (
    "High Representative Maja Lind met Bordurian officials to reopen the embassies. "
    "“The League stands ready,” Lind said."
)


def _article(name: str, text: str, day: date) -> tuple[Article, DocumentExtraction]:
    art = Article(
        name=name,
        source=f"/data/{name}",
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        published=day,
        outlet="Example Wire",
    )
    first = text.index(".") + 1
    quote = text.index("“") + 1
    if name.startswith("jan"):
        lind = ActorRecord(
            "person.lind_maja", "Maja Lind", "person", "ATL", "Foreign Minister of Atlantis"
        )
    else:
        lind = ActorRecord(
            "person.lind_maja",
            "Maja Lind",
            "person",
            None,
            "High Representative",
            org="org.league",
        )
    return art, DocumentExtraction(
        doc_id=art.doc_id,
        sentences=[SentenceRecord(0, 0, first), SentenceRecord(1, first + 1, len(text))],
        actors=[lind, ActorRecord("BOR", "Borduria", "country", "BOR")],
        events=[
            EventRecord(
                "CONSULT",
                "person.lind_maja",
                "BOR",
                Evidence(art.doc_id, 0, first),
                date=day.isoformat(),
            )
        ],
        stances=[
            StanceRecord(
                "person.lind_maja",
                "diplomacy",
                1,
                Evidence(art.doc_id, 0, first),
                "propose",
                position=75.0,
                cue="reopen the embassies",
            )
        ],
        quotes=[
            QuoteRecord(
                "person.lind_maja",
                Evidence(art.doc_id, quote, text.index("”")),
                text[quote : text.index("”")],
                "say",
            )
        ],
    )


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'roll.db'}") as store:
        # stored in the "wrong" order: the later article first
        store.add_document(*_article("mar.txt", MARCH, date(2025, 3, 10)))
        store.add_document(*_article("jan.txt", JANUARY, date(2025, 1, 14)))
        yield store


def test_the_store_keeps_each_articles_state_body_and_role(store):
    rows = store.doc_actors().set_index(["doc", "actor_id"])
    rows = rows.astype(object).where(rows.notna(), None)
    jan = rows.loc[("jan.txt", "person.lind_maja"), ["country", "org", "role"]].tolist()
    mar = rows.loc[("mar.txt", "person.lind_maja"), ["country", "org", "role"]].tolist()
    assert jan == ["ATL", None, "Foreign Minister of Atlantis"]
    assert mar == [None, "org.league", "High Representative"]
    events = store.events().set_index("doc")
    assert events.loc["jan.txt", "source_country"] == "ATL"
    assert events.loc["mar.txt", "source_org"] == "org.league"
    assert pd.isna(events.loc["mar.txt", "source_country"])
    quotes = store.quotes().set_index("doc")
    assert quotes.loc["mar.txt", "speaker_org"] == "org.league"


def test_dyads_channels_and_triangle_count_each_meeting_for_whom_she_served(store):
    events = store.events()
    atl = dyad_index(events, "ATL", "BOR", freq="M")
    league = dyad_index(events, "org.league", "bor", freq="M")
    assert [str(p.date()) for p in atl["period"]] == ["2025-01-01"]
    assert [str(p.date()) for p in league["period"]] == ["2025-03-01"]
    assert league["evidence"][0][0]["source"] == "org.league"
    summary = dyad_summary(events)
    assert set(zip(summary["a"], summary["b"], strict=True)) == {
        ("ATL", "BOR"),
        ("BOR", "org.league"),
    }
    channels = channel_states(events, "org.league", "BOR")
    assert set(channels["channel"]) == {"diplomatic"}
    assert [str(p.date()) for p in channels["period"]] == ["2025-03-01"]
    tri = triangle(events, ("ATL", "BOR", "org.league"), carry_forward=False)
    assert tri["score_ATL_BOR"].fillna(0).tolist() == [pytest.approx(atl["score_sum"][0]), 0]
    assert tri["score_BOR_org.league"].fillna(0).tolist()[1] == league["score_sum"][0]


def test_voices_and_the_network_name_the_body_she_spoke_for(store):
    voices = quoted_voices(store.documents(), store.quotes())
    assert sorted(voices["speaker_for"]) == ["ATL", "org.league"]
    assert set(voices["speaker_name"]) == {"Maja Lind"}
    network = gather_network(store.events(), store.actors(), random_state=1)
    assert {(e.a, e.b) for e in network.edges} == {("ATL", "BOR"), ("BOR", "org.league")}


def _jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_the_export_gives_each_article_its_own_affiliation(store, tmp_path):
    export_store(store, tmp_path / "out", fmt="jsonl")
    rows = _jsonl(tmp_path / "out" / "actors.jsonl")
    lind = {r["doc"]: r for r in rows if r["actor_id"] == "person.lind_maja"}
    assert (lind["jan.txt"]["country"], lind["jan.txt"]["org"]) == ("ATL", None)
    assert (lind["mar.txt"]["country"], lind["mar.txt"]["org"]) == (None, "org.league")
    by_doc = {e["doc"]: e for e in _jsonl(tmp_path / "out" / "events.jsonl")}
    assert by_doc["jan.txt"]["source"]["country"] == "ATL"
    assert by_doc["mar.txt"]["source"]["country"] is None
    assert by_doc["mar.txt"]["source_org"] == "org.league"


def test_the_dashboard_shows_the_affiliation_of_each_article(store):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    client = TestClient(create_app(store))
    page = client.get("/articles/mar.txt").text
    assert "High Representative; for org.league" in page
    detail = client.get("/api/v1/actors/person.lind_maja").json()
    assert {(a["doc"], a["country"], a["org"]) for a in detail["appearances"]} == {
        ("jan.txt", "ATL", None),
        ("mar.txt", None, "org.league"),
    }
    response = client.get("/api/v1/dyads/org.league-bor")
    assert response.status_code == 200, response.text
    dyad = response.json()
    assert (dyad["a"], dyad["b"]) == ("org.league", "BOR")
    assert [p["n_events"] for p in dyad["periods"]] == [1]


def test_a_drafted_scenario_counts_her_stance_for_whom_she_spoke(store):
    stances = stances_with_parties(store).set_index("doc")
    assert stances.loc["jan.txt", "party"] == "atl"
    assert stances.loc["mar.txt", "party"] == "league"
