"""Several writers on one store at once: every document stored, no actor lost or doubled.

The writers are separate processes (as two ``detente ingest`` runs are), each storing
invented documents whose actors overlap, so they race on the same new actor rows.
SQLite always runs; PostgreSQL on the run's server (``pg_url`` in tests/conftest.py).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
import threading
import time

import pytest
from sqlalchemy.exc import OperationalError

from detente.evidence import Evidence
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    MentionRecord,
    SentenceRecord,
)
from detente.ingest.records import Article
from detente.store import open_store
from detente.store.retry import is_transient, retrying

N_WRITERS = 3
PER_WRITER = 25
POOL = 7  # actors every writer's documents name


def _document(w: int, j: int) -> tuple[Article, DocumentExtraction]:
    """Writer ``w``'s ``j``-th document: it names envoy ``j``, new to the store, as every
    writer's ``j``-th document does, and one envoy of a shared pool."""
    a, b = f"person.envoy_{j}", f"person.delegate_{(w + j) % POOL}"
    sentence = f"Envoy {j} met delegate {(w + j) % POOL} in session {w} of the talks."
    doc_id = hashlib.sha256(sentence.encode()).hexdigest()
    article = Article(
        name=f"s{w}-{j}.txt", source=f"/feed/s{w}-{j}.txt", text=sentence, content_hash=doc_id
    )
    end = len(sentence)
    extraction = DocumentExtraction(
        doc_id=doc_id,
        sentences=[SentenceRecord(0, 0, end)],
        actors=[
            ActorRecord(x, x.split(".")[-1], "person", "ATL", f"Envoy in session {w}")
            for x in (a, b)
        ],
        mentions=[MentionRecord(a, Evidence(doc_id, 0, 7), sentence[:7])],
        events=[EventRecord("CONSULT", a, b, Evidence(doc_id, 0, end), trigger="met")],
    )
    return article, extraction


def _writer(url: str, w: int, start) -> None:
    start.wait(30)
    with open_store(url) as store:
        for j in range(PER_WRITER):
            store.add_document(*_document(w, j))
        store.add_document(*_document(0, 0))  # the same article as writer 0's first


def _race(url: str) -> None:
    """N_WRITERS processes open the store and write at the same moment."""
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [ctx.Process(target=_writer, args=(url, w, start)) for w in range(N_WRITERS)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * N_WRITERS


def _counts(store) -> tuple[int, ...]:
    return (
        len(store.documents()),
        len(store.actors()),
        len(store.doc_actors()),
        len(store.events()),
        len(store.mentions()),
    )


def _expected(url: str) -> tuple[int, ...]:
    with open_store(url) as store:
        for w in range(N_WRITERS):
            for j in range(PER_WRITER):
                store.add_document(*_document(w, j))
        return _counts(store)


def test_concurrent_writers_on_one_new_sqlite_file_store_everything(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    _race(url)
    with open_store(url) as store:
        counts = _counts(store)
        assert counts == _expected(f"sqlite:///{tmp_path / 'serial.db'}")
        assert counts[0] == N_WRITERS * PER_WRITER and counts[1] == PER_WRITER + POOL
        assert store.actors()["n_docs"].sum() == counts[2]
    with sqlite3.connect(tmp_path / "shared.db") as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.postgres
def test_concurrent_writers_on_postgres_race_on_actors_without_losing_documents(pg_url):
    with open_store(pg_url):
        pass  # migrate once; the race is on actors and documents, not on the schema
    _race(pg_url)
    n_docs = N_WRITERS * PER_WRITER
    with open_store(pg_url) as store:
        counts = _counts(store)
        assert counts[:2] == (n_docs, PER_WRITER + POOL)
        assert counts[2:] == (2 * n_docs, n_docs, n_docs)


def test_opening_a_store_while_another_process_writes_does_not_wait_or_fail(tmp_path):
    path = tmp_path / "busy.db"
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        store.add_document(*_document(0, 0))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE documents SET title = 'held' WHERE 1")
    try:
        t0 = time.perf_counter()
        with open_store(url) as store:  # already at head: only read
            assert len(store.documents()) == 1
        assert time.perf_counter() - t0 < 5
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_writer_waits_for_a_held_lock_instead_of_failing(tmp_path):
    path = tmp_path / "held.db"
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        store.add_document(*_document(0, 0))
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE documents SET title = 'held' WHERE 1")
        release = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
        release.start()
        try:
            assert store.add_document(*_document(0, 1))  # blocks about a second, then stores
        finally:
            release.join()
            holder.close()
        assert len(store.documents()) == 2


def _locked() -> OperationalError:
    return OperationalError("INSERT ...", {}, sqlite3.OperationalError("database is locked"))


def test_retrying_runs_the_transaction_again_after_a_lost_race():
    calls, waits = [], []

    def work() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _locked()
        return "stored"

    assert retrying(work, what="test", sleep=waits.append) == "stored"
    assert len(calls) == 3 and len(waits) == 2 and waits[1] > waits[0] > 0


def test_retrying_gives_up_after_its_attempts_and_never_retries_a_real_error():
    def locked() -> None:
        raise _locked()

    with pytest.raises(OperationalError, match="database is locked"):
        retrying(locked, what="test", attempts=3, sleep=lambda _s: None)
    calls = []

    def broken() -> None:
        calls.append(1)
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x"))

    with pytest.raises(OperationalError):
        retrying(broken, what="test", sleep=lambda _s: None)
    assert len(calls) == 1
    assert is_transient(_locked()) and not is_transient(ValueError("database is locked"))


def test_postgres_error_codes_that_are_races():
    from sqlalchemy.exc import IntegrityError

    class PgError(Exception):
        def __init__(self, code: str) -> None:
            super().__init__(code)
            self.sqlstate = code

    assert is_transient(OperationalError("x", {}, PgError("40P01")))  # deadlock
    assert is_transient(OperationalError("x", {}, PgError("40001")))  # serialization
    assert is_transient(IntegrityError("x", {}, PgError("23505")))  # unique violation
    assert is_transient(IntegrityError("x", {}, PgError("23503")))  # row replaced meanwhile
    assert not is_transient(IntegrityError("x", {}, PgError("23502")))  # not null
