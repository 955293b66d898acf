import pytest

from detente.settings import get_settings
from detente.web import create_app
from tests.web.conftest import EVIL_TITLE


def test_corpus_page_escapes_titles(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Envoys meet" in r.text
    assert "Sanctions &amp; &lt;b&gt;pressure&lt;/b&gt;" in r.text
    assert 'id="voices"' in r.text and "Jane Doe" in r.text


def test_article_page_highlights_actors_events_quotes(client):
    r = client.get("/articles/envoys.txt")
    assert r.status_code == 200
    assert "<script>alert" not in r.text
    assert (
        '<a class="hl-actor" href="/actors/person.doe_jane" title="Jane Doe">Jane Doe</a>' in r.text
    )
    assert 'class="hl-event" title="CONSULT (visit): Jane Doe → Ivan Ivanov"' in r.text
    assert '<span class="hl-quote" title="quote: Jane Doe">' in r.text


def test_article_api(client):
    data = client.get("/api/v1/articles/envoys.txt").json()
    assert data["document"]["title"] == EVIL_TITLE
    kinds = sorted(h["kind"] for h in data["highlights"])
    assert kinds.count("actor") == 5 and kinds.count("event") == 2 and kinds.count("quote") == 1
    assert {e["type"]: e["score"] for e in data["events"]} == {"CONSULT": 4.0, "AGREE": 2.5}
    assert data["quotes"][0]["speaker_id"] == "person.doe_jane"


def test_unknown_article_and_actor_are_404(client):
    r = client.get("/api/v1/articles/nothing.txt")
    assert r.status_code == 404 and "nothing.txt" in r.json()["error"]
    r = client.get("/actors/person.nobody")
    assert (
        r.status_code == 404
        and "person.nobody" in r.text
        and "text/html" in r.headers["content-type"]
    )


def test_actor_page_and_api(client):
    assert client.get("/actors").status_code == 200
    r = client.get("/actors/USA")
    assert r.status_code == 200 and "United States" in r.text
    data = client.get("/api/v1/actors/USA").json()
    assert sorted(e["type"] for e in data["events"]) == ["ACCUSE", "AGREE", "SANCTION"]
    assert data["documents"] == ["envoys.txt", "pressure.txt"]


def test_dyad_api_index_and_channels(client):
    data = client.get("/api/v1/dyads/usa-rus", params={"freq": "W"}).json()
    assert (data["a"], data["b"]) == ("USA", "RUS")
    assert [(p["period"], p["score_sum"]) for p in data["periods"]] == [
        ("2025-02-17", 6.5),  # Geneva visit (4.0) + embassy agreement dated by publication (2.5)
        ("2025-03-03", -6.0),
    ]
    states = {(c["channel"], c["period"]): c["state"] for c in data["channels"]}
    assert states[("diplomatic", "2025-02-17")] == "thawing"
    assert states[("sanctions", "2025-03-03")] == "deteriorating"
    assert client.get("/api/v1/dyads").json()[0] == {
        "a": "RUS",
        "b": "USA",
        "n_events": 3,
        "n_reports": 3,
        "score_sum": 0.5,
        "score_mean": pytest.approx(0.5 / 3),
    }


def test_dyad_page_has_chart_and_tables(client):
    r = client.get("/dyads/USA-RUS?freq=M")
    assert r.status_code == 200
    assert "<svg" in r.text and 'id="dyad-index"' in r.text and "state-deteriorating" in r.text
    assert client.get("/dyads").status_code == 200


@pytest.mark.parametrize(
    ("url", "status", "needle"),
    [
        ("/api/v1/dyads/usa-rus?freq=Q", 400, "freq: must be one of D, W, M"),
        ("/api/v1/dyads/usa?freq=W", 400, "pair: expected two actors"),
        ("/api/v1/dyads/usa-usa", 400, "two different actors"),
        ("/api/v1/dyads/usa-rus?directed=maybe", 422, "query.directed"),
        ("/api/v1/dyads/usa-rus?level=planet", 400, "level: must be one of"),
        ("/api/v1/triangle?states=usa,rus", 400, "states: expected three"),
        ("/api/v1/scenario/forecasts?model=zzz", 422, "unknown model 'zzz'"),
        ("/api/v1/nowhere", 404, "no page at /api/v1/nowhere"),
        ("/api/v1/dyads/usa-zzz", 400, "pair: unknown actor 'ZZZ'"),
        ("/api/v1/dyads/usa-rus?start=2025-02-30", 422, "start"),
        ("/api/v1/dyads/usa-rus?start=2025-03-01&end=2025-02-01", 400, "start 2025-03-01 is after"),
        ("/api/v1/triangle?states=usa,rus,zzz", 400, "states: unknown actor 'ZZZ'"),
    ],
)
def test_bad_input_is_4xx_naming_the_field(client, url, status, needle):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert body["status"] == status and needle in body["error"]


def test_dyad_window_keeps_dated_periods_inside_it(client):
    whole = client.get("/api/v1/dyads/usa-rus?freq=M").json()["periods"]
    window = client.get("/api/v1/dyads/usa-rus?freq=M&start=2025-02-01&end=2025-02-28").json()
    kept = [p["period"] for p in window["periods"]]
    assert kept and all("2025-02-01" <= p[:10] <= "2025-02-28" for p in kept)
    assert len(kept) <= len(whole)


def test_bad_input_on_pages_is_an_html_error(client):
    r = client.get("/dyads/usa-rus?freq=<b>")
    assert r.status_code == 400 and "text/html" in r.headers["content-type"]
    assert "freq: must be one of D, W, M; got &#39;&lt;b&gt;&#39;" in r.text


def test_triangle_api_and_page(client):
    data = client.get("/api/v1/triangle", params={"states": "usa,rus,chn"}).json()
    overall = data["overall"]
    assert overall["scores"] == {"USA-RUS": 0.5, "USA-CHN": -3.0, "RUS-CHN": 2.5}
    assert overall["type"] == "romantic_triangle" and overall["pivot"] == "RUS"
    assert [p["period"] for p in data["periods"]] == ["2025-02-01", "2025-03-01"]
    r = client.get("/triangle")
    assert r.status_code == 200 and "romantic triangle" in r.text


def test_framing_api(client):
    data = client.get("/api/v1/framing").json()
    voices = {(v["outlet"], v["speaker_id"]): v["share"] for v in data["voices"]}
    assert voices == {("Example Wire", "person.doe_jane"): 1.0}
    tone = {(t["outlet"], t["actor_id"]): t["tone_mean"] for t in data["tone"]}
    assert tone[("Example Wire", "person.doe_jane")] > 0
    assert tone[("Other Daily", "CHN")] < 0


def test_scenario_page_escapes_and_lists_forecasts(client):
    r = client.get("/scenario")
    assert r.status_code == 200
    assert "Test talks &lt;i&gt;2025&lt;/i&gt;" in r.text
    assert 'id="forecasts"' in r.text and 'id="declared"' in r.text and 'id="whatif-form"' in r.text


def test_scenario_api_and_forecasts(client):
    data = client.get("/api/v1/scenario").json()
    assert [a["id"] for a in data["actors"]] == ["usa", "rus", "chn", "eu"]
    assert data["whatifs"] == ["no-eu"] and "compromise" in data["models"]
    (fc,) = client.get("/api/v1/scenario/forecasts", params={"model": "weighted_median"}).json()
    assert fc["model"] == "weighted_median" and {i["issue"] for i in fc["issues"]} == {
        "sanctions",
        "embassies",
    }


def test_whatif_api_matches_the_bargain_stage(client, scenario_path):
    from detente.bargain import forecast
    from detente.bargain.analysis.whatif import WhatIf, apply_whatif
    from detente.bargain.io import load_scenario

    body = {
        "model": "compromise",
        "drop": ["eu"],
        "set": [{"actor": "usa", "issue": "sanctions", "position": 80}],
    }
    data = client.post("/api/v1/scenario/whatif", json=body).json()
    scenario = load_scenario(scenario_path)
    from detente.bargain.analysis.whatif import PositionChange

    changed = apply_whatif(
        scenario, WhatIf("x", "x", drop=("eu",), set=(PositionChange("usa", "sanctions", 80.0),))
    )
    expected = forecast(changed, "compromise")
    base = forecast(scenario, "compromise")
    rows = {r["issue"]: r for r in data["rows"]}
    for issue in ("sanctions", "embassies"):
        assert rows[issue]["outcome"] == pytest.approx(expected.outcome(issue))
        assert rows[issue]["baseline"] == pytest.approx(base.outcome(issue))
    assert rows["sanctions"]["delta"] != 0


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"set": [{"actor": "usa", "issue": "sanctions", "salience": 2}]}, "body.set.0.salience"),
        (
            {"set": [{"actor": "usa", "issue": "sanctions", "salience": "high"}]},
            "body.set.0.salience",
        ),
        ({"set": [{"actor": "xx", "issue": "sanctions", "position": 5}]}, "unknown actor 'xx'"),
        ({"model": "zzz"}, "unknown model 'zzz'"),
        ({"drop": ["usa", "rus", "chn", "eu"]}, "leaves no actor"),
        ({"colour": "red"}, "body.colour"),
    ],
)
def test_whatif_api_rejects_bad_input(client, body, needle):
    r = client.post("/api/v1/scenario/whatif", json=body)
    assert r.status_code == 422 and needle in r.json()["error"]


def test_whatif_form(client):
    form = {
        "model": "weighted_median",
        "drop": ["eu"],
        "actor_0": "rus",
        "issue_0": "sanctions",
        "position_0": "50",
        "salience_0": "",
        "clout_0": "",
    }
    r = client.post("/scenario/whatif", data=form)
    assert r.status_code == 200 and 'id="whatif-result"' in r.text and "Dropped: eu" in r.text
    bad = client.post(
        "/scenario/whatif", data={"actor_0": "rus", "issue_0": "sanctions", "position_0": "lots"}
    )
    assert bad.status_code == 400 and "form field position_0: must be a number" in bad.text
    half = client.post("/scenario/whatif", data={"actor_0": "rus", "position_0": "5"})
    assert half.status_code == 400 and "form row 1: choose both an actor and an issue" in half.text
    sal = client.post(
        "/scenario/whatif", data={"actor_1": "rus", "issue_1": "sanctions", "salience_1": "3"}
    )
    assert sal.status_code == 400 and "form row 2 salience" in sal.text


def test_openapi_lists_the_json_api_only(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/dyads/{pair}",
        "/api/v1/triangle",
        "/api/v1/scenario/whatif",
        "/api/v1/articles/{key}",
        "/api/v1/framing",
    } <= set(paths)
    assert all(p.startswith("/api/v1/") for p in paths)


def test_bad_scenario_path_fails_only_the_scenario_pages(filled_store, tmp_path):
    from fastapi.testclient import TestClient

    with TestClient(create_app(filled_store, scenario_path=tmp_path / "missing.yaml")) as c:
        assert c.get("/").status_code == 200
        r = c.get("/api/v1/scenario")
        assert 400 <= r.status_code < 500 and "missing.yaml" in r.json()["error"]


def test_serve_get_answers_in_process(filled_store, web_db_url):
    from detente.api import serve

    status, body = serve(web_db_url, get="/api/v1/dyads/usa-rus?freq=M")
    assert status == 200
    assert '"a":"USA"' in body and '"score_sum":-6.0' in body
    status, body = serve(web_db_url, get="/api/v1/dyads/usa-zzz")
    assert status == 400 and "unknown actor 'ZZZ'" in body


def test_form_keeps_submitted_rows_and_forecasts_are_seeded(client, filled_store, scenario_path):
    from fastapi.testclient import TestClient

    form = {
        "model": "compromise",
        "actor_0": "chn",
        "issue_0": "embassies",
        "position_0": "55",
        "salience_0": "0.4",
    }
    r = client.post("/scenario/whatif", data=form)
    assert (
        '<option value="chn" selected>' in r.text
        and 'value="55.0"' in r.text
        and 'value="0.4"' in r.text
    )
    first = client.get("/api/v1/scenario/forecasts", params={"model": "exchange"}).json()[0]
    with TestClient(create_app(filled_store, scenario_path=scenario_path)) as other:
        second = other.get("/api/v1/scenario/forecasts", params={"model": "exchange"}).json()[0]
    assert first["seed"] == get_settings().seed and first["issues"] == second["issues"]


def test_dyad_form_redirects_to_the_pair(client):
    r = client.get("/dyads", params={"a": "usa", "b": "chn", "freq": "M"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/dyads/USA-CHN?freq=M&level=state"
    bad = client.get("/dyads", params={"a": "usa", "b": ""})
    assert bad.status_code == 400 and "pair: expected two actors" in bad.text


def test_empty_store_pages_render(db_url, scenario_path):
    from fastapi.testclient import TestClient

    from detente.store import open_store

    with (
        open_store(db_url) as store,
        TestClient(create_app(store, scenario_path=scenario_path)) as c,
    ):
        for url in ("/", "/actors", "/dyads", "/dyads/usa-rus", "/triangle"):
            r = c.get(url)
            assert r.status_code == 200, url
        assert c.get("/api/v1/dyads/usa-rus").json()["periods"] == []
        assert c.get("/api/v1/triangle").json()["overall"]["type"] == "undetermined"
        assert c.get("/api/v1/framing").json() == {"tone": [], "voices": []}


def test_actor_dyads_roll_up_for_states_and_not_for_people(client):
    usa = client.get("/api/v1/actors/USA").json()["dyads"]
    assert {(d["a"], d["b"], d["n_events"]) for d in usa} == {("RUS", "USA", 3), ("CHN", "USA", 1)}
    jane = client.get("/api/v1/actors/person.doe_jane").json()["dyads"]
    assert [(d["a"], d["b"], d["level"]) for d in jane] == [
        ("person.doe_jane", "person.ivanov_ivan", "actor")
    ]
    assert 'href="/dyads/RUS-USA?level=state"' in client.get("/actors/USA").text
