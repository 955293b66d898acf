"""An event's date keeps the words it was read from, from extraction to what the analyst sees.

Built on the invented Geneva article of ``conftest.py``: its meeting is dated
2025-03-03 from the words "on Monday" (the article is of 4 March).
"""

from __future__ import annotations

import json

import pandas as pd
from fastapi.testclient import TestClient

from detente.export import export_store
from detente.relations import dyad_index
from detente.report import build_report
from detente.web import create_app


def test_the_store_and_the_export_keep_the_date_words(small_store, tmp_path):
    events = small_store.events()
    meeting = events.loc[events["type"] == "CONSULT"].iloc[0]
    assert (meeting["date"], meeting["date_evidence"]) == ("2025-03-03", "on Monday")
    text = small_store.document("geneva.txt").text
    assert text[meeting["date_start"] : meeting["date_end"]] == "on Monday"
    undated = events.loc[events["type"] == "REQUEST"].iloc[0]
    assert pd.isna(undated["date_evidence"]) and undated["date_start"] is None
    export_store(small_store, tmp_path, fmt="jsonl")
    rows = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert {r["type"]: r["date_evidence"] for r in rows}["CONSULT"] == "on Monday"


def test_the_report_and_the_article_page_show_the_words_beside_the_date(small_store, tmp_path):
    html = build_report(small_store, tmp_path, draws=0, random_state=1).read_text(encoding="utf-8")
    assert '2025-03-03 <span class="date-words">from &ldquo;on Monday&rdquo;</span>' in html
    client = TestClient(create_app(small_store))
    page = client.get("/articles/geneva.txt").text
    assert '2025-03-03 <span class="muted date-words">from “on Monday”</span>' in page
    api = client.get("/api/v1/articles/geneva.txt").json()
    (meeting,) = [e for e in api["events"] if e["type"] == "CONSULT"]
    assert meeting["date_evidence"] == "on Monday" and meeting["date_start"] is not None


def test_dyad_evidence_names_the_date_words_of_the_report_it_shows(small_store, tmp_path):
    index = dyad_index(small_store.events(), "ATL", "BOR", freq="D")
    (item,) = [e for evs in index["evidence"] for e in evs if e["type"] == "CONSULT"]
    assert (item["date"], item["date_evidence"]) == ("2025-03-03", "on Monday")
    assert item["reports"][0]["date_evidence"] == "on Monday"
    html = build_report(small_store, tmp_path, draws=0, random_state=1).read_text(encoding="utf-8")
    assert "(2025-03-03, from &ldquo;on Monday&rdquo;)" in html
    client = TestClient(create_app(small_store))
    dyad = client.get("/api/v1/dyads/atl-bor?freq=D").json()
    shown = [e for p in dyad["periods"] for e in p["evidence"] if e["type"] == "CONSULT"]
    assert shown[0]["date_evidence"] == "on Monday"
