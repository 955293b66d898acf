"""Shared fixtures: paths to ../shared, a temporary SQLite store per test, the real model."""

from __future__ import annotations

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
