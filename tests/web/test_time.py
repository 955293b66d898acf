"""The dyad and triangle API with month-dated, repeated and recalled events (invented articles)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.web.conftest import ACTORS, build_article

TALKS = "Envoys of Washington and Moscow met in Geneva on Tuesday."
ARTICLES = [
    (
        "one.txt",
        "Talks",
        "Wire A",
        dt.date(2025, 2, 19),
        [
            (
                TALKS,
                [("Washington", "USA"), ("Moscow", "RUS")],
                [("CONSULT", None, "USA", "RUS", "2025-02-18", "met")],
                None,
            ),
            (
                "The two presidents spoke by phone earlier in February.",
                [],
                [("CONSULT", "phone", "USA", "RUS", "2025-02", "spoke")],
                None,
            ),
        ],
    ),
    (
        "two.txt",
        "Talks again",
        "Wire B",
        dt.date(2025, 2, 20),
        [
            (
                "The Geneva meeting of the envoys of Moscow and Washington lasted hours.",
                [("Moscow", "RUS"), ("Washington", "USA")],
                [("CONSULT", None, "RUS", "USA", "2025-02-18", "meeting")],
                None,
            ),
            (
                "In the Cold War, Washington engaged Beijing.",
                [("Washington", "USA")],
                [("CONSULT", None, "USA", "CHN", None, "engaged")],
                None,
            ),
        ],
    ),
]


@pytest.fixture
def client(db_url, scenario_path):
    from fastapi.testclient import TestClient

    from detente.store import open_store
    from detente.web import create_app

    assert {"USA", "RUS", "CHN"} <= set(ACTORS)
    with open_store(db_url) as store:
        for spec in ARTICLES:
            article, extraction = build_article(*spec)
            if article.name == "two.txt":  # the second sentence recalls history
                extraction.events[-1] = replace(extraction.events[-1], background=True)
            store.add_document(article, extraction)
        with TestClient(create_app(store, scenario_path=scenario_path)) as c:
            yield c


def test_dyad_api_places_month_dated_events_in_a_month_row_and_counts_happenings(client):
    data = client.get("/api/v1/dyads/usa-rus", params={"freq": "W"}).json()
    rows = [
        (p["period"], p["period_end"], p["resolution"], p["n_events"], p["n_reports"])
        for p in data["periods"]
    ]
    assert rows == [
        ("2025-02-01", "2025-02-28", "month", 1, 1),
        ("2025-02-17", "2025-02-23", "week", 1, 2),  # one meeting, two articles
    ]
    meeting = data["periods"][1]["evidence"][0]
    assert meeting["n_documents"] == 2 and {r["doc"] for r in meeting["reports"]} == {
        "one.txt",
        "two.txt",
    }
    assert data["periods"][0]["evidence"][0]["date_precision"] == "month"


def test_background_is_listed_and_counted_only_when_asked(client):
    data = client.get("/api/v1/dyads/usa-chn").json()
    assert data["background"] is False and data["periods"] == []
    assert [e["type"] for e in data["background_events"]] == ["CONSULT"]
    both = client.get("/api/v1/dyads/usa-chn", params={"background": "true"}).json()
    assert both["background"] is True and sum(p["n_events"] for p in both["periods"]) == 1
    tri = client.get("/api/v1/triangle").json()
    assert tri["background"] is False and tri["overall"]["scores"]["USA-CHN"] == 0
    tri = client.get("/api/v1/triangle", params={"background": "true"}).json()
    assert tri["overall"]["scores"]["USA-CHN"] > 0
    page = client.get("/dyads/USA-CHN").text
    assert "1 event(s) told as background or history are left out" in page


def test_dyad_page_offers_day_week_and_month_views(client):
    page = client.get("/dyads/USA-RUS", params={"freq": "W"}).text
    assert "<strong>week</strong>" in page and "freq=M" in page and "freq=D" in page
    assert "dated only to the month" in page
