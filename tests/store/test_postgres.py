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

    from detente.store.store import make_engine, upgrade
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
        assert ctx.get_current_revision() == "0003"
        assert compare_metadata(ctx, Base.metadata) == []
    engine.dispose()
