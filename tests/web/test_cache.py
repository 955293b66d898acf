"""The dashboard keeps what it computed from the corpus until the store changes, never longer."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from fastapi.testclient import TestClient

from detente.store import open_store
from detente.web import create_app
from detente.web.cache import CorpusCache
from tests.web.conftest import build_article

LATE_TALKS = (
    "late.txt",
    "Envoys meet again",
    "Example Wire",
    dt.date(2025, 3, 20),
    [
        (
            "Jane Doe met Ivan Ivanov again in Vienna.",
            [("Jane Doe", "person.doe_jane"), ("Ivan Ivanov", "person.ivanov_ivan")],
            [("CONSULT", None, "person.doe_jane", "person.ivanov_ivan", "2025-03-20", "met")],
            None,
        )
    ],
)


class Counter:
    def __init__(self) -> None:
        self.version = 0
        self.calls = 0

    def compute(self, value="x"):
        self.calls += 1
        return value


def test_a_result_is_computed_once_per_store_version():
    c = Counter()
    cache = CorpusCache(lambda: c.version)
    assert cache.get(("a",), c.compute) == "x" and cache.get(("a",), c.compute) == "x"
    assert c.calls == 1 and (cache.hits, cache.misses) == (1, 1)
    c.version += 1  # a write committed somewhere
    cache.get(("a",), c.compute)
    assert c.calls == 2


def test_errors_are_not_kept_and_the_number_of_results_is_bounded():
    cache = CorpusCache(lambda: 0, max_entries=2)

    def fail():
        raise ValueError("bad pair")

    for _ in range(2):
        with pytest.raises(ValueError, match="bad pair"):
            cache.get(("bad",), fail)
    assert cache.misses == 2
    c = Counter()
    for key in ("a", "b", "c"):
        cache.get((key,), c.compute)
    cache.get(("a",), c.compute)  # "a" was the least recently used: dropped
    assert c.calls == 4


def test_requests_for_a_result_being_computed_wait_for_it():
    cache = CorpusCache(lambda: 0)
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return len(calls)

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get(("v",), slow))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and results == [1] * 8


def test_every_write_moves_the_version_and_a_new_store_starts_at_zero(db_url):
    with open_store(db_url) as store:
        assert store.version() == 0
        store.add_document(*build_article(*LATE_TALKS))
        after_add = store.version()
        assert after_add > 0
        store.remove_document("late.txt")
        assert store.version() > after_add


def test_the_dashboard_never_serves_a_view_older_than_a_write(filled_store, web_db_url):
    client = TestClient(create_app(filled_store))
    cache = client.app.state.cache

    def consults() -> int:
        dyad = client.get("/api/v1/dyads/usa-rus?freq=M").json()
        return sum(p["n_events"] for p in dyad["periods"])

    before = consults()
    assert consults() == before and cache.hits >= 1
    documents = len(client.get("/api/v1/documents").json())
    # another process (here: another engine on the same database) stores an article
    with open_store(web_db_url) as other:
        other.add_document(*build_article(*LATE_TALKS))
    assert consults() == before + 1
    assert len(client.get("/api/v1/documents").json()) == documents + 1
    assert "late.txt" in client.get("/").text
    filled_store.remove_document("late.txt")  # and a write through the app's own store
    assert consults() == before
    assert "late.txt" not in client.get("/").text


def test_kept_results_are_not_changed_by_the_pages_built_on_them(client):
    first = client.get("/articles/envoys.txt")
    api = client.get("/api/v1/articles/envoys.txt").json()
    assert "body" not in api and "_marks" not in api
    assert client.get("/articles/envoys.txt").text == first.text
    page = client.get("/dyads/usa-rus?freq=M")
    assert "chart" not in client.get("/api/v1/dyads/usa-rus?freq=M").json()
    assert client.get("/dyads/usa-rus?freq=M").text == page.text
