"""Fixtures of the report tests: a store of the seed articles (text only, no spaCy)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.ingest import read_paths
from detente.ingest.records import Article
from detente.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
SEED_SCENARIO = REPO / "scenarios" / "ukraine-2025.yaml"


@pytest.fixture(scope="session")
def seed_store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The five seed articles stored without extraction (sentences come from the regex split).

    Read-only for the tests that use it; built once per session.
    """
    url = f"sqlite:///{tmp_path_factory.mktemp('seedstore') / 'seeds.db'}"
    with open_store(url) as store:
        for item in read_paths([seeds_dir]):
            assert isinstance(item, Article), f"seed could not be read: {item}"
            store.add_document(item)
        yield store


@pytest.fixture(scope="session")
def seed_scenario_path() -> Path:
    """``scenarios/ukraine-2025.yaml`` in the repository."""
    return SEED_SCENARIO
