"""Shared fixtures: paths to ../shared, a temporary SQLite store per test, the real model."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        pytest.skip(f"{what} not found at {path} (the shared/ folder beside the repository)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository; tests that need it skip when it is absent."""
    return _need(SHARED, "shared data")


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The five seed articles."""
    return _need(shared_dir / "seeds", "seed articles")


@pytest.fixture(scope="session")
def reference_dir(shared_dir: Path) -> Path:
    """Public reference data (PLOVER, Goldstein, bargaining validation sets)."""
    return _need(shared_dir / "reference", "reference data")


@pytest.fixture(scope="session")
def bargaining_dir(reference_dir: Path) -> Path:
    """Bargaining-model validation sets."""
    return _need(reference_dir / "bargaining", "bargaining reference data")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite file for one test."""
    return f"sqlite:///{tmp_path / 'detente.db'}"


@pytest.fixture(scope="session")
def global_seed() -> int:
    """Default seed for tests of random draws (sklearn's global_random_seed)."""
    return 20250218


PG_VARIABLE = "DETENTE_TEST_PG_URL"


@pytest.fixture(scope="session")
def pg_server() -> str:
    """URL of the PostgreSQL server of this run (``make test`` starts one on loopback).

    Without one the PostgreSQL tests skip, saying how to get one; under CI (``CI=true``,
    where ``make test`` installs and starts the server) they fail instead.
    """
    url = os.environ.get(PG_VARIABLE)
    if not url:
        reason = (
            f"no PostgreSQL server: {PG_VARIABLE} is not set (make test starts one when "
            "PostgreSQL is installed; as root, make setup-test installs it)"
        )
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgres]'")
    return url


@pytest.fixture
def pg_url(pg_server: str):
    """A fresh, empty schema on the run's PostgreSQL server, dropped after the test.

    The schema is chosen through the URL (``search_path``), so every connection of the
    test, in this process or in a subprocess, works in it.
    """
    from sqlalchemy import create_engine, text

    schema = f"detente_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_server)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in pg_server else "?"
    yield f"{pg_server}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


INVENTED_ARTICLES = (
    (
        "inv1.txt",
        "2025-02-10",
        "Moscow demands that Kyiv cede all four regions. The Kremlin insists on a neutral status "
        "for Ukraine. Kyiv rejects any plan to give up the four regions.",
    ),
    (
        "inv2.txt",
        "2025-03-05",
        "Washington proposed to freeze the front line in Ukraine. The United States is ready to "
        "back European peacekeepers in Ukraine. Kyiv wants security guarantees like Article 5.",
    ),
    (
        "inv3.txt",
        "2025-04-02",
        "Moscow and Washington agreed to restore embassy staff. Moscow rejected any deployment of "
        "European peacekeepers in Ukraine.",
    ),
    (
        "inv4.txt",
        "2025-05-20",
        "Kyiv called for tougher sanctions on Russia. Washington floated lifting the whole raft of "
        "sanctions on Russia.",
    ),
)
"""Four articles invented for the tests; each sentence names one mark of one issue."""

INVENTED_ANSWER = {
    ("rus", "territory"): 100.0,
    ("ukr", "territory"): 0.0,
    ("usa", "territory"): 50.0,
    ("rus", "nato"): 100.0,
    ("usa", "guarantees"): 75.0,
    ("ukr", "guarantees"): 100.0,
    ("rus", "guarantees"): 25.0,
    ("usa", "diplomacy"): 50.0,
    ("rus", "diplomacy"): 50.0,
    ("ukr", "sanctions"): 0.0,
    ("usa", "sanctions"): 100.0,
}
"""The drafted positions of the invented corpus, known by construction."""


@pytest.fixture(scope="session")
def invented_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented articles as a JSON Lines feed."""
    import json

    path = tmp_path_factory.mktemp("invented") / "invented.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": name, "date": day, "title": name, "text": text}) + "\n"
            for name, day, text in INVENTED_ARTICLES
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="session")
def invented_db(invented_jsonl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the invented articles ingested and extracted (read-only: copy it)."""
    from detente.api import ingest_paths
    from detente.store import open_store

    path = tmp_path_factory.mktemp("invented-db") / "invented.db"
    with open_store(f"sqlite:///{path}") as store:
        report = ingest_paths([invented_jsonl], store=store)
    assert not report.failures, report.failures
    return path


@pytest.fixture
def invented_url(invented_db: Path, tmp_path: Path) -> str:
    """A fresh copy of the invented store for one test."""
    import shutil

    copy = tmp_path / "invented.db"
    shutil.copy(invented_db, copy)
    return f"sqlite:///{copy}"
