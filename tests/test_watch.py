"""Watch mode: catch-up, new files as they arrive, refreshed views, clean stop, restart."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading

import pytest

from detente.api import watch_folder
from detente.errors import InputError
from detente.store import open_store
from tests.cluster.conftest import write_articles
from tests.conftest import REPO

pytestmark = [pytest.mark.model, pytest.mark.slow]
WAIT = 300  # seconds; a busy machine loads the model slowly, a batch comes in well under that


@pytest.fixture(scope="module")
def extractor():
    from detente.extract import Extractor

    return Extractor()


def drop(folder, name: str, text: str) -> None:
    """Write a file whole: under a hidden name first, then renamed (as the README advises)."""
    tmp = folder / f".{name}.part"
    tmp.write_text(text, encoding="utf-8")
    tmp.rename(folder / name)


class Watch:
    """``watch_folder`` in a thread; its updates come through a queue."""

    def __init__(self, folder, store, extractor, **kw) -> None:
        self.updates: queue.Queue = queue.Queue()
        self.stop = threading.Event()
        self.result = None

        def run() -> None:
            self.result = watch_folder(
                folder,
                store=store,
                extractor=extractor,
                stop=self.stop,
                on_update=self.updates.put,
                debounce_ms=300,
                **kw,
            )

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def next(self):
        return self.updates.get(timeout=WAIT)

    def end(self):
        self.stop.set()
        self.thread.join(timeout=WAIT)
        assert not self.thread.is_alive()
        return self.result


def test_watch_ingests_arrivals_refreshes_and_restarts_where_it_left_off(
    tmp_path, db_url, extractor
):
    folder = write_articles(tmp_path / "in", ["geneva.txt"])
    texts = {p.name: p.read_text() for p in write_articles(tmp_path / "all").iterdir()}
    scenario = REPO / "scenarios" / "ukraine-2025.yaml"
    with open_store(db_url) as store:
        w = Watch(folder, store, extractor)
        first = w.next()
        assert first.batch == 0 and first.report.stored == ["geneva.txt"]
        assert first.n_documents == 1 and first.locators is None and first.report_path is None
        (folder / "notes.docx").write_text("not an article")
        drop(folder, "kyiv.txt", texts["kyiv.txt"])
        second = w.next()
        assert second.batch >= 1 and second.report.stored == ["kyiv.txt"]
        assert second.n_documents == 2
        assert set(second.dyads.columns) >= {"a", "b", "n_events"}
        total = w.end()
        assert sorted(total.stored) == ["geneva.txt", "kyiv.txt"] and not total.failures

        drop(folder, "beijing.txt", texts["beijing.txt"])  # arrives while nobody watches
        w = Watch(
            folder, store, extractor, scenario_path=scenario, report_dir=tmp_path / "out", draws=20
        )
        again = w.next()
        assert again.batch == 0 and again.report.stored == ["beijing.txt"]
        assert sorted(again.report.unchanged) == ["geneva.txt", "kyiv.txt"]
        assert again.locators is not None and again.locators[1] > 0
        assert again.report_path == tmp_path / "out" / "report.html"
        assert again.report_path.read_text().count("beijing.txt") >= 1
        w.end()
        assert sorted(store.documents()["name"]) == ["beijing.txt", "geneva.txt", "kyiv.txt"]


def test_watch_needs_a_folder(tmp_path, db_url):
    with open_store(db_url) as store, pytest.raises(InputError, match="not a folder"):
        watch_folder(tmp_path / "missing", store=store)


def test_ctrl_c_stops_the_command_cleanly(tmp_path, db_url):
    folder = write_articles(tmp_path / "in", ["geneva.txt"])
    run = subprocess.Popen(
        [sys.executable, "-m", "detente", "watch", str(folder), "--db", db_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    lines = []
    try:
        while not any(line.startswith("watching") for line in lines):
            line = run.stdout.readline()
            assert line, f"watch ended early: {run.stderr.read()}"
            lines.append(line)
        run.send_signal(signal.SIGINT)
        out, err = run.communicate(timeout=WAIT)
    finally:
        if run.poll() is None:
            run.kill()
    assert lines[0].startswith("batch 0: stored 1, unchanged 0, failed 0; 1 documents")
    assert run.returncode == 0, err
    assert "stopped: stored 1, unchanged 0, failed 0" in out
    assert "Traceback" not in err
