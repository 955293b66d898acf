"""Distributed ingest: what one process stores, skips before sending, a killed worker."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import threading

import pandas as pd
import pytest

from detente.api import ingest_paths
from detente.errors import DetenteError, InputError
from detente.store import open_store
from tests.cluster.conftest import ARTICLES, write_articles

pytestmark = [pytest.mark.cluster, pytest.mark.model, pytest.mark.slow]

FRAMES = (
    "documents",
    "actors",
    "doc_actors",
    "sentences",
    "mentions",
    "events",
    "quotes",
    "stances",
    "reference_clues",
)


def facts(store) -> dict[str, list[tuple]]:
    """Every frame of the store as sorted rows (row order and ids differ between runs)."""
    out = {}
    for name in FRAMES:
        frame = getattr(store, name)().astype(object)
        frame = frame.where(pd.notna(frame), None)
        out[name] = sorted(tuple(map(repr, row)) for row in frame.itertuples(index=False))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, shared_dir):
    """The seed articles and our invented ones, in one folder."""
    folder = write_articles(tmp_path_factory.mktemp("corpus"))
    seeds = shared_dir / "seeds"
    if seeds.is_dir():
        for path in seeds.iterdir():
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def plain(corpus, tmp_path_factory):
    """The one-process ingest of the corpus: its report and its facts."""
    url = f"sqlite:///{tmp_path_factory.mktemp('plain') / 'plain.db'}"
    with open_store(url) as store:
        report = ingest_paths([corpus], store=store)
        return report, facts(store)


def test_cluster_stores_what_one_process_stores(corpus, plain, local_cluster, db_url):
    from detente.cluster import ingest_on_cluster

    with open_store(db_url) as store:
        report = ingest_on_cluster([corpus], store=store, cluster=local_cluster, batch_size=3)
        got = facts(store)
    want_report, want = plain
    assert not report.failures and sorted(report.stored) == sorted(want_report.stored)
    assert len(want["documents"]) >= len(ARTICLES) and want["events"] and want["quotes"]
    for name in FRAMES:
        assert got[name] == want[name], name


def test_stored_articles_are_not_sent_again(corpus, local_cluster, db_url):
    from detente.cluster import ingest_on_cluster

    with open_store(db_url) as store:
        ingest_paths([corpus / "kyiv.txt"], store=store, extract=False)  # stored beforehand
        submitted = []
        submit = local_cluster.client.submit

        def counting(fn, batch, **kw):
            submitted.extend(a.name for a in batch)
            return submit(fn, batch, **kw)

        local_cluster.client.submit = counting
        try:
            first = ingest_on_cluster([corpus], store=store, cluster=local_cluster, batch_size=2)
            again = ingest_on_cluster([corpus], store=store, cluster=local_cluster, batch_size=2)
        finally:
            del local_cluster.client.submit
    assert "kyiv.txt" in first.unchanged and "kyiv.txt" not in submitted
    assert sorted(submitted) == sorted(first.stored)
    assert not again.stored and sorted(again.unchanged) == sorted(first.stored + first.unchanged)


def test_a_killed_worker_loses_no_article(corpus, plain, local_cluster, db_url):
    """SIGKILL a worker while it extracts: Dask runs its batch elsewhere, the store is complete."""
    from detente.cluster import ingest_on_cluster

    client = local_cluster.client
    killed: list[int] = []

    def kill_a_busy_worker(name: str) -> None:
        if killed:
            return
        busy = [addr for addr, keys in client.processing().items() if keys]
        if busy:
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    with open_store(db_url) as store:
        report = ingest_on_cluster(
            [corpus], store=store, cluster=local_cluster, batch_size=1, on_item=kill_a_busy_worker
        )
        got = facts(store)
    assert killed, "no worker was busy when the first article was settled"
    assert not report.failures
    assert got == plain[1]
    client.wait_for_workers(2, timeout=120)  # the nanny restarts it, for the next tests


def test_ingest_paths_takes_the_scheduler(corpus, plain, local_cluster, db_url):
    address = local_cluster.local.scheduler_address
    with open_store(db_url) as store:
        report = ingest_paths([corpus], store=store, scheduler=address, batch_size=4)
        assert facts(store) == plain[1]
    assert len(report.stored) == len(plain[0].stored)


def test_scheduler_and_processes_exclude_each_other(db_url, tmp_path):
    with open_store(db_url) as store, pytest.raises(DetenteError, match="--processes"):
        ingest_paths([write_articles(tmp_path)], store=store, scheduler="local:1", n_process=2)


@pytest.mark.parametrize("spec", ["local:0", "local", "http://x:1", "127.0.0.1:8786", "local:x"])
def test_a_bad_scheduler_is_one_line(spec):
    from detente.cluster import connect

    with pytest.raises(InputError) as info, connect(spec):
        pass
    assert "tcp://HOST:PORT" in str(info.value) or "1 <= N" in str(info.value)
    assert "\n" not in info.value.one_line()


def test_an_unreachable_scheduler_is_one_line():
    from detente.cluster import connect

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = threading.Event()
    with pytest.raises(DetenteError, match="cannot reach the Dask scheduler"):
        with connect(f"tcp://127.0.0.1:{port}", timeout=2):
            done.set()
    assert not done.is_set()
