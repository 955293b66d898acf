"""The dashboard's forecast over time: page and JSON API over a stored track."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.api import track_scenario_file
from detente.store import open_store
from detente.web import create_app

SEED = Path(__file__).resolve().parents[2] / "scenarios" / "ukraine-2025.yaml"

pytestmark = pytest.mark.model


def test_no_track_is_a_404_naming_the_command(invented_url):
    with open_store(invented_url) as store, TestClient(create_app(store, SEED)) as client:
        r = client.get("/api/v1/scenario/track")
        assert r.status_code == 404 and "run `detente track" in r.json()["error"]
        assert client.get("/scenario/track").status_code == 404


def test_track_page_and_api(invented_url):
    with open_store(invented_url) as store:
        track_scenario_file(store, SEED, model="compromise", random_state=3)
        with TestClient(create_app(store, SEED)) as client:
            body = client.get("/api/v1/scenario/track").json()
            page = client.get("/scenario/track")
            paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert body["every"] == "month" and [r["as_of"] for r in body["runs"]][-1] == "2025-05-31"
    sanctions = next(i for i in body["issues"] if i["id"] == "sanctions")
    assert [p["as_of"] for p in sanctions["series"]["compromise"]][0] == "2025-02-28"
    assert any("raft of sanctions" in (m["sentence"] or "") for m in sanctions["moves"])
    assert {r["model"] for r in body["backtest"]} >= {"compromise", "status quo"}
    assert page.status_code == 200 and page.text.count("<svg") >= 8
    assert "Keeping score" in page.text and "/api/v1/scenario/track" in paths
