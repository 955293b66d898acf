"""The same store on PostgreSQL (the run's server: see ``pg_url`` in tests/conftest.py).

Each test works in a fresh schema that is dropped afterwards.
"""

from collections import namedtuple

import pytest
from sqlalchemy import text

from detente.store import open_store
from tests.store.conftest import make_article, make_extraction

pytestmark = pytest.mark.postgres
Loc = namedtuple("Loc", "doc quote")


def test_store_round_trip_on_postgres(pg_url):
    art = make_article()
    with open_store(pg_url) as store:
        assert store.add_document(art, make_extraction(art))
        assert not store.add_document(art)
        assert len(store.events()) == 2 and len(store.doc_actors()) == 3
        assert store.resolve(Loc("vienna.txt", "reopen the embassies")).sentence.endswith(
            "after the talks."
        )
        assert store.remove_document(art.doc_id)
        assert store.mentions().empty
    with open_store(pg_url) as store:  # reopening is a no-op upgrade
        assert store.documents().empty


def test_postgres_schema_matches_the_models_and_upgrades_from_0001(pg_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from detente.store.store import make_engine, migration_config, upgrade
    from detente.store.tables import Base

    engine = make_engine(pg_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (doc_id, name, source, text, ingested_at) "
                "VALUES ('ab', 'old.txt', 's', 'Old text.', now())"
            )
        )
    engine.dispose()
    with open_store(pg_url) as store:
        assert store.document("old.txt").text == "Old text."
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn)
        head = ScriptDirectory.from_config(migration_config(engine)).get_current_head()
        assert ctx.get_current_revision() == head
        assert compare_metadata(ctx, Base.metadata) == []
    engine.dispose()


def _per_document(store) -> dict[str, tuple[int, ...]]:
    """Per document name: counts of mentions, events, quotes, stances and sentences."""
    frames = [store.mentions(), store.events(), store.quotes(), store.stances(), store.sentences()]
    names = store.documents()["name"]
    return {n: tuple(int((f["doc"] == n).sum()) for f in frames) for n in names}


@pytest.mark.model
@pytest.mark.slow
def test_two_concurrent_ingests_lose_nothing_and_store_nothing_twice(pg_url, db_url, tmp_path):
    """Two ``detente ingest`` runs with overlapping inputs, into one database at once."""
    import shutil
    import subprocess
    import sys

    from detente.api import ingest_paths
    from tests.cluster.conftest import write_articles
    from tests.conftest import SHARED

    a = write_articles(tmp_path / "a", ["geneva.txt", "kyiv.txt"])
    b = write_articles(tmp_path / "b", ["kyiv.txt", "beijing.txt"])
    seeds = SHARED / "seeds"
    for path in sorted(seeds.iterdir()) if seeds.is_dir() else ():
        shutil.copy(path, a / path.name)
        shutil.copy(path, b / path.name)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "detente", "ingest", str(folder), "--db", pg_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (a, b)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err
    with open_store(db_url) as clean:  # one ingest of the union, for comparison
        ingest_paths([a, b], store=clean)
        want = _per_document(clean)
    with open_store(pg_url) as store:
        got = _per_document(store)
        docs = store.documents()
        actors = store.actors()
    assert got == want
    assert docs["doc_id"].is_unique and actors["actor_id"].is_unique
