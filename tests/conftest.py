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
