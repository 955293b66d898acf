"""Hostile input at the web edge: markup in article fields, javascript: links, path traversal,
and what-if payloads with huge, NaN, negative and wrong-typed values."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from detente.web import create_app
from detente.web.app import web_link
from tests.web.conftest import build_article

HOSTILE = {
    "title": '<img src=x onerror="alert(1)"> Envoys <script>alert(2)</script>',
    "outlet": "<b onmouseover=alert(3)>Wire</b>",
    "author": '"><svg onload=alert(4)>',
    "url": "javascript:alert(5)",
}
HOSTILE_SENTENCE = (
    "Jane Doe met Ivan Ivanov <script>alert(6)</script> and said "
    '<a href="javascript:alert(7)">click</a> in Geneva.'
)
ACTIVE_TAGS = {"script", "img", "iframe", "object", "embed", "form", "base", "meta", "link"}


class _Tags(HTMLParser):
    """Every element the browser would build, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def live_markup(html: str, allowed: set[str]) -> list[str]:
    """Elements or attributes in ``html`` that would run or load something, beyond ``allowed``."""
    parser = _Tags()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if tag in ACTIVE_TAGS and tag not in allowed:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                found.append(f"<{tag} {name}={value}>")
    return found


@pytest.fixture
def hostile_client(db_url, scenario_path):
    import dataclasses
    import datetime as dt

    from detente.store import open_store

    spec = (
        "hostile.txt",
        HOSTILE["title"],
        HOSTILE["outlet"],
        dt.date(2025, 2, 18),
        [
            (
                HOSTILE_SENTENCE,
                [("Jane Doe", "person.doe_jane"), ("Ivan Ivanov", "person.ivanov_ivan")],
                [("CONSULT", None, "person.doe_jane", "person.ivanov_ivan", "2025-02-18", "met")],
                ("click", "person.doe_jane"),
            )
        ],
    )
    article, extraction = build_article(*spec)
    article = dataclasses.replace(article, author=HOSTILE["author"], url=HOSTILE["url"])
    with open_store(db_url) as store:
        store.add_document(article, extraction)
        with TestClient(create_app(store, scenario_path=scenario_path)) as client:
            yield client


PAGES = [
    "/",
    "/articles/hostile.txt",
    "/actors",
    "/actors/person.doe_jane",
    "/dyads?level=actor",
    "/dyads/person.doe_jane-person.ivanov_ivan?level=actor",
    "/triangle",
]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_article_fields_are_never_markup_or_live_links(hostile_client, page):
    r = hostile_client.get(page)
    assert r.status_code == 200, r.text[:300]
    html = r.text
    assert live_markup(html, allowed={"meta", "link", "form"}) == []  # the pages' own
    if page == "/articles/hostile.txt":
        assert "&lt;script&gt;alert(6)&lt;/script&gt;" in html  # shown as the text it is
        assert "&lt;img src=x" in html and "&#34;&gt;&lt;svg onload=alert(4)&gt;" in html
        assert 'id="article-source"' not in html  # a javascript: url is not linked at all


def test_json_api_returns_hostile_text_as_data(hostile_client):
    data = hostile_client.get("/api/v1/articles/hostile.txt").json()
    assert data["document"]["title"] == HOSTILE["title"]
    assert data["document"]["url"] == HOSTILE["url"]
    r = hostile_client.get("/api/v1/articles/hostile.txt")
    assert r.headers["content-type"].startswith("application/json")


def test_only_http_addresses_become_links():
    assert web_link("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert web_link(" http://example.org ") == "http://example.org"
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:x",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example",
        "/relative",
        "https:no-host",
        None,
        42,
    ):
        assert web_link(bad) is None, bad


def test_an_http_source_is_linked_safely(db_url, scenario_path):
    import dataclasses
    import datetime as dt

    from detente.store import open_store

    article, extraction = build_article(
        "ok.txt",
        "Fine",
        "Wire",
        dt.date(2025, 2, 18),
        [("Jane Doe met Ivan Ivanov.", [("Jane Doe", "person.doe_jane")], [], None)],
    )
    article = dataclasses.replace(article, url='https://example.org/a"><script>x</script>')
    with open_store(db_url) as store:
        store.add_document(article, extraction)
        with TestClient(create_app(store, scenario_path=scenario_path)) as client:
            html = client.get("/articles/ok.txt").text
    assert 'href="https://example.org/a&#34;&gt;&lt;script&gt;x&lt;/script&gt;"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


TRAVERSALS = [
    "/articles/..%2F..%2F..%2Fetc%2Fpasswd",
    "/articles/../../../etc/passwd",
    "/api/v1/articles/..%2F..%2Fpyproject.toml",
    "/static/../../etc/passwd",
    "/templates/base.html",
    "/api/v1/../../../../etc/passwd",
    "//etc/passwd",
    "/api/v1/docs/..%2F..%2F..%2Fetc%2Fpasswd",
    "/actors/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/detente/web/app.py",
    "/..%5c..%5cetc%5cpasswd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_reaches_files_outside_the_package(client, path):
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "root:" not in r.text and "[build-system]" not in r.text and "import" not in r.text


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"position": 1e300}, "body.set.0.position"),
        ({"position": -1e300}, "body.set.0.position"),
        ({"clout": 1e300}, "body.set.0.clout"),
        ({"clout": -5}, "body.set.0.clout"),
        ({"salience": -0.1}, "body.set.0.salience"),
        ({"salience": "high"}, "body.set.0.salience"),
        ({"position": [1, 2]}, "body.set.0.position"),
        ({"position": True}, "body.set.0.position"),
        ({"actor": 7, "position": 5}, "body.set.0.actor"),
    ],
)
def test_whatif_rejects_bad_numbers_naming_the_field(client, change, field):
    body = {"set": [{"actor": "usa", "issue": "sanctions", **change}]}
    r = client.post("/api/v1/scenario/whatif", json=body)
    assert r.status_code == 422, r.text
    assert field in r.json()["error"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_whatif_rejects_nan_and_infinity_naming_the_field(client, literal):
    raw = '{"set": [{"actor": "usa", "issue": "sanctions", "position": ' + literal + "}]}"
    r = client.post(
        "/api/v1/scenario/whatif", content=raw, headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and "body.set.0.position" in r.json()["error"]


def test_whatif_position_off_the_issue_scale_is_named(client):
    body = {"set": [{"actor": "usa", "issue": "sanctions", "position": 500}]}
    r = client.post("/api/v1/scenario/whatif", json=body)
    assert r.status_code == 422
    assert "500" in r.json()["error"] and "scale" in r.json()["error"]


def test_whatif_oversized_and_malformed_bodies_are_4xx(client):
    huge = {"drop": ["x"] * 1000}
    assert client.post("/api/v1/scenario/whatif", json=huge).status_code == 422
    assert client.post("/api/v1/scenario/whatif", json={"name": "n" * 1000}).status_code == 422
    r = client.post(
        "/api/v1/scenario/whatif",
        content=b"\xff\xfe{",
        headers={"content-type": "application/json"},
    )
    assert 400 <= r.status_code < 500 and set(r.json()) == {"status", "error"}
    r = client.post(
        "/api/v1/scenario/whatif",
        content=json.dumps([1, 2]),
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 422 and "body" in r.json()["error"]
