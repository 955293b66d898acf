"""SIGKILL during ``detente ingest`` never leaves a broken store or a half-stored document.

A clean run gives the reference: per document, how many sentences, mentions, events,
quotes, stances and actors it has. Then one store is ingested into again and again,
each run killed at another point (in the schema migration, in the middle of a
document's transaction, right after a commit, and from outside at whatever moment a
poll catches); after every kill the store must pass ``PRAGMA integrity_check`` and
every document in it must have exactly the clean run's facts. A last run completes
the store to exactly the clean run's counts.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.model, pytest.mark.slow]

ARTICLES = {
    "01-geneva.txt": "Envoys meet in Geneva\n\nNegotiators from the United States and Russia met "
    "in Geneva on Monday to discuss a ceasefire. “The talks were useful,” Secretary of State "
    "Marco Rubio said afterwards.",
    "02-kyiv.txt": "Kyiv rejects plan\n\nUkrainian President Volodymyr Zelensky rejected the plan "
    "on Wednesday. He said Ukraine would not give up territory.",
    "03-beijing.txt": "Trade pact\n\nChina and Russia signed a trade agreement in Beijing on "
    "Thursday. Russian President Vladimir Putin praised the deal.",
    "04-brussels.txt": "New sanctions\n\nThe European Union imposed new sanctions on Russia on "
    "Friday. Moscow condemned the decision.",
    "05-ankara.txt": "Talks in Turkey\n\nTurkish President Recep Tayyip Erdogan offered to host "
    "a new round of talks between Russia and Ukraine in Istanbul.",
    "06-riyadh.txt": "Riyadh round\n\nSergei Lavrov and Marco Rubio met in Riyadh on Tuesday and "
    "agreed to restore embassy staff. “We listened to each other,” Lavrov told reporters.",
}
FACTS = (
    "sentences",
    "actor_mentions",
    "events",
    "quotes",
    "stances",
    "document_actors",
    "reference_clues",
)


def _run(db: Path, corpus: Path, point: str = "none", count: int = 1) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "tests.store.crash_driver",
        point,
        str(count),
        "--",
        "ingest",
        str(corpus),
        "--db",
        f"sqlite:///{db}",
    ]
    return subprocess.Popen(
        cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(proc: subprocess.Popen) -> tuple[int, str]:
    _, stderr = proc.communicate(timeout=600)
    return proc.returncode, stderr


def _per_document(db: Path) -> dict[str, tuple[int, ...]]:
    with sqlite3.connect(db) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "documents" not in tables:
            return {}
        out = {}
        for pk, name in con.execute("SELECT id, name FROM documents"):
            out[name] = tuple(
                con.execute(f"SELECT count(*) FROM {t} WHERE document_id = ?", (pk,)).fetchone()[0]
                for t in FACTS
            )
        return out


def _check(db: Path, clean: dict[str, tuple[int, ...]], what: str) -> int:
    """Integrity, and every stored document complete; returns how many are stored."""
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", what
        assert con.execute("PRAGMA foreign_key_check").fetchall() == [], what
    stored = _per_document(db)
    for name, counts in stored.items():
        assert counts == clean[name], (what, name, counts, clean[name])
    return len(stored)


def test_sigkill_at_any_point_leaves_an_intact_store_that_a_rerun_completes(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")

    clean_db = tmp_path / "clean.db"
    code, stderr = _finish(_run(clean_db, corpus))
    assert code == 0, stderr
    clean = _per_document(clean_db)
    assert len(clean) == len(ARTICLES) and sum(c[2] for c in clean.values()) > 0

    db = tmp_path / "crashed.db"
    progress = []
    for point, count in (
        ("migrate", 1),
        ("mid-document", 2),
        ("after-commit", 1),
        ("mid-document", 1),
        ("after-commit", 2),
    ):
        code, stderr = _finish(_run(db, corpus, point, count))
        assert code == -signal.SIGKILL, (point, count, stderr)
        progress.append(_check(db, clean, f"{point} {count}"))
    # migrate: nothing stored; mid 2: 1; after 1: 2; mid 1: still 2; after 2: 4
    assert progress == [0, 1, 2, 2, 4]

    proc = _run(db, corpus)  # killed from outside, whenever the poll sees a new document
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if len(_per_document_quiet(db)) > 4:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    _finish(proc)
    _check(db, clean, "external kill")

    code, stderr = _finish(_run(db, corpus))
    assert code == 0, stderr
    assert _check(db, clean, "rerun") == len(ARTICLES)
    assert _per_document(db) == clean
    with sqlite3.connect(db) as a, sqlite3.connect(clean_db) as b:
        for table in ("actors", *FACTS):
            count = f"SELECT count(*) FROM {table}"
            assert a.execute(count).fetchone() == b.execute(count).fetchone(), table


def _per_document_quiet(db: Path) -> dict:
    try:
        return _per_document(db)
    except sqlite3.Error:  # the writer holds the file at this instant
        return {}
