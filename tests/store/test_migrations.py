from datetime import UTC, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from detente.store import open_store
from detente.store.store import make_engine, migration_config, upgrade
from detente.store.tables import Base
from tests.store.conftest import TEXT, make_article


def _revision(engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _document_and_actor(conn, art) -> None:
    """An invented document and actor written straight into an older schema."""
    conn.execute(
        text(
            "INSERT INTO documents (doc_id, name, source, title, text, ingested_at) "
            "VALUES (:d, :n, :s, :t, :x, :i)"
        ),
        {
            "d": art.doc_id,
            "n": art.name,
            "s": art.source,
            "t": art.title,
            "x": TEXT,
            "i": datetime.now(UTC),
        },
    )
    conn.execute(
        text(
            "INSERT INTO actors (actor_id, name, type, country, role) "
            "VALUES ('ATL', 'Atlantis', 'country', 'ATL', NULL)"
        )
    )


def _downgraded(db_url: str, revision: str):
    """A fresh store at head, then downgraded to ``revision``; returns its engine."""
    open_store(db_url).close()
    engine = make_engine(db_url)
    cfg = migration_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    return engine


def test_fresh_store_is_at_head_and_matches_the_models(db_url):
    open_store(db_url).close()
    engine = make_engine(db_url)
    assert _revision(engine) == "0006"
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == []
    engine.dispose()


def test_store_at_0001_is_upgraded_in_place_with_data_intact(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    assert _revision(engine) == "0001"
    assert "stances" not in inspect(engine).get_table_names()
    art = make_article()
    with engine.begin() as conn:
        _document_and_actor(conn, art)
        conn.execute(
            text(
                'INSERT INTO actor_mentions (document_id, actor, start, "end", text) '
                "VALUES (1, 1, 33, 41, :t)"
            ),
            {"t": "Atlantis"},
        )
    engine.dispose()

    with open_store(db_url) as store:
        doc = store.document(art.name)
        assert doc.text == TEXT and doc.title == art.title
        assert store.stances().empty
        assert store.reference_clues().empty
        assert store.documents()["reference_earliest"].isna().all()
        rows = store.doc_actors()
        assert list(rows["actor_id"]) == ["ATL"] and list(rows["doc"]) == [art.name]
        assert store.actors().iloc[0]["n_mentions"] == 1
        assert not store.add_document(art)  # already there, by hash
    engine = make_engine(db_url)
    assert _revision(engine) == "0006"
    assert {"stances", "document_actors", "reference_times", "reference_clues"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_downgrade_removes_the_second_revision(db_url):
    engine = _downgraded(db_url, "0001")
    assert "stances" not in inspect(engine).get_table_names()
    assert _revision(engine) == "0001"
    engine.dispose()


def test_downgrade_removes_the_reference_time_tables(db_url):
    engine = _downgraded(db_url, "0002")
    tables = set(inspect(engine).get_table_names())
    assert "stances" in tables and not {"reference_times", "reference_clues"} & tables
    assert _revision(engine) == "0002"
    engine.dispose()


def test_store_at_0003_gains_clusters_and_background_on_open(db_url):
    from tests.store.conftest import make_extraction

    engine = make_engine(db_url)
    upgrade(engine, "0003")
    art = make_article()
    extraction = make_extraction(art)
    with engine.begin() as conn:  # a document and its two events, written as 0003 had them
        _document_and_actor(conn, art)  # Atlantis is actor 1
        conn.execute(
            text(
                "INSERT INTO actors (id, actor_id, name, type, country) "
                "VALUES (2, 'BOR', 'Borduria', 'country', 'BOR')"
            )
        )
        for e in extraction.events:
            conn.execute(
                text(
                    "INSERT INTO events (document_id, type, source_actor, target_actor, date, "
                    'start, "end") VALUES (1, :t, 1, :g, :d, :s, :e)'
                ),
                {
                    "t": e.type,
                    "g": 2 if e.target_id else None,
                    "d": e.date,
                    "s": e.evidence.start,
                    "e": e.evidence.end,
                },
            )
    engine.dispose()

    with open_store(db_url) as store:
        events = store.events()
        assert len(events) == 2 and not events["background"].any()
        assert events["cluster"].notna().all()
        assert sorted(store.event_clusters()["type"]) == ["CONSULT", "REJECT"]
    engine = make_engine(db_url)
    assert _revision(engine) == "0006"
    engine.dispose()


def test_downgrade_removes_the_cluster_tables_and_the_flag(db_url):
    engine = _downgraded(db_url, "0003")
    inspector = inspect(engine)
    assert not {"event_clusters", "event_cluster_members"} & set(inspector.get_table_names())
    assert "background" not in {c["name"] for c in inspector.get_columns("events")}
    assert _revision(engine) == "0003"
    engine.dispose()


def test_store_at_0003_gains_positions_and_the_unified_issue_ids(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "0003")
    with engine.begin() as conn:
        _document_and_actor(conn, make_article())
        old_ids = ("security_guarantees", "diplomatic_relations", "economic_cooperation", "nato")
        for issue in old_ids:
            conn.execute(
                text(
                    "INSERT INTO stances (document_id, actor, issue, direction, kind, start, "
                    "\"end\") VALUES (1, 1, :i, 1, 'state', 0, 10)"
                ),
                {"i": issue},
            )
    engine.dispose()
    with open_store(db_url) as store:
        st = store.stances()
        assert sorted(st["issue"]) == ["diplomacy", "economy", "guarantees", "nato"]
        assert st["position"].isna().all() and st["relative_id"].isna().all()
        assert store.tracks().empty
    engine = make_engine(db_url)
    assert _revision(engine) == "0006"
    assert {"tracks", "track_runs", "track_forecasts", "track_inputs", "track_sources"} <= set(
        inspect(engine).get_table_names()
    )
    cfg = migration_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    assert "tracks" not in inspect(engine).get_table_names()
    columns = {c["name"] for c in inspect(engine).get_columns("stances")}
    assert not {"position", "relative_to", "cue"} & columns
    with engine.connect() as conn:
        issues = sorted(r[0] for r in conn.execute(text("SELECT issue FROM stances")))
    assert issues == ["diplomatic_relations", "economic_cooperation", "nato", "security_guarantees"]
    engine.dispose()


def test_store_at_0005_gains_each_documents_affiliation_from_the_shared_country(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "0005")
    with engine.begin() as conn:
        _document_and_actor(conn, make_article())  # Atlantis, country ATL
        conn.execute(text("INSERT INTO document_actors (document_id, actor) VALUES (1, 1)"))
    engine.dispose()
    with open_store(db_url) as store:
        row = store.doc_actors().iloc[0]
        assert (row["actor_id"], row["country"]) == ("ATL", "ATL") and row["org"] is None
        assert store.events().empty
    engine = make_engine(db_url)
    assert _revision(engine) == "0006"
    cfg = migration_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    assert not {"country", "org"} & {
        c["name"] for c in inspect(engine).get_columns("document_actors")
    }
    assert not {"date_start", "date_end"} & {
        c["name"] for c in inspect(engine).get_columns("events")
    }
    engine.dispose()
