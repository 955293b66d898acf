import hashlib
import json
import subprocess
import sys

import pandas as pd
import pytest

from detente.errors import InputError
from detente.evidence import Evidence
from detente.export import EXPORTERS, TABLES, export_store, flatten, register_exporter, table_rows
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    MentionRecord,
    QuoteRecord,
    SentenceRecord,
)
from detente.ingest.records import Article
from detente.store import open_store

TEXT = "Atlantis and Borduria met in Vienna. “It went well,” said Anna Berg. Talks failed later."


def _article() -> Article:
    return Article(
        name="vienna.txt",
        source="/data/vienna.txt",
        text=TEXT,
        content_hash=hashlib.sha256(TEXT.encode()).hexdigest(),
        title="Talks",
    )


def _extraction(art: Article) -> DocumentExtraction:
    d = art.doc_id

    def ev(words: str) -> Evidence:
        i = TEXT.index(words)
        return Evidence(d, i, i + len(words))

    s0, s1, s2 = (
        ev("Atlantis and Borduria met in Vienna."),
        ev("“It went well,” said Anna Berg."),
        ev("Talks failed later."),
    )
    return DocumentExtraction(
        doc_id=d,
        sentences=[
            SentenceRecord(0, s0.start, s0.end),
            SentenceRecord(1, s1.start, s1.end),
            SentenceRecord(2, s2.start, s2.end),
        ],
        actors=[
            ActorRecord("ATL", "Atlantis", "country", "ATL"),
            ActorRecord("BOR", "Borduria", "country", "BOR"),
            ActorRecord("person.berg", "Anna Berg", "person", "ATL", "Envoy"),
        ],
        mentions=[
            MentionRecord("ATL", ev("Atlantis"), "Atlantis"),
            MentionRecord("BOR", ev("Borduria"), "Borduria"),
        ],
        events=[
            EventRecord(
                "CONSULT", "ATL", "BOR", s0, date="2025-03-04", location="Vienna", trigger="met"
            ),
            EventRecord("REJECT", None, None, s2),
        ],
        quotes=[
            QuoteRecord("person.berg", ev("It went well,"), "It went well,", "say"),
            QuoteRecord(None, ev("It went"), "It went"),
        ],
    )


@pytest.fixture
def store(db_url):
    with open_store(db_url) as st:
        art = _article()
        st.add_document(art, _extraction(art))
        yield st


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_registry_has_the_builtins():
    assert {"jsonl", "csv", "parquet"} <= set(EXPORTERS)


def test_jsonl_follows_the_eval_schema(store, tmp_path):
    paths = export_store(store, tmp_path / "out")
    assert [p.name for p in paths] == [f"{t}.jsonl" for t in TABLES]
    actors = _jsonl(tmp_path / "out" / "actors.jsonl")
    assert actors[-1] == {
        "doc": "vienna.txt",
        "name": "Anna Berg",
        "type": "person",
        "country": "ATL",
        "role": "Envoy",
        "org": None,
        "actor_id": "person.berg",
        "doc_id": _article().doc_id,
    }
    events = _jsonl(tmp_path / "out" / "events.jsonl")
    assert events[0]["source"] == {"name": "Atlantis", "type": "country", "country": "ATL"}
    assert events[0]["target"] == {"name": "Borduria", "type": "country", "country": "BOR"}
    assert (events[0]["date"], events[0]["location"], events[0]["type"]) == (
        "2025-03-04",
        "Vienna",
        "CONSULT",
    )
    assert events[0]["evidence"] == "Atlantis and Borduria met in Vienna."
    assert events[1]["source"] is None and events[1]["target"] is None and events[1]["date"] is None
    quotes = _jsonl(tmp_path / "out" / "quotes.jsonl")
    assert quotes[0]["speaker"] == {"name": "Anna Berg", "type": "person", "country": "ATL"}
    assert quotes[0]["text"] == "It went well,"
    assert any(q["speaker"] is None for q in quotes)
    docs = _jsonl(tmp_path / "out" / "documents.jsonl")
    assert docs[0]["doc"] == "vienna.txt" and docs[0]["n_chars"] == len(TEXT)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_flat_formats_round_trip(store, tmp_path, fmt):
    paths = export_store(store, tmp_path, fmt=fmt)
    assert [p.suffix for p in paths] == [f".{fmt}"] * len(TABLES)
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    events = read(tmp_path / f"events.{fmt}")
    assert {"source_name", "source_type", "source_country", "target_name", "evidence"} <= set(
        events.columns
    )
    assert "source" not in events.columns
    rows, fields = table_rows(store, "events")
    assert list(events.columns) == list(flatten("events", rows, fields).columns)
    assert list(events["source_name"].fillna("-")) == ["Atlantis", "-"]
    # the evidence column is the sentence each event was read from, not a locator
    assert list(events["evidence"]) == [
        "Atlantis and Borduria met in Vienna.",
        "Talks failed later.",
    ]
    actors = read(tmp_path / f"actors.{fmt}")
    assert sorted(actors["actor_id"]) == ["ATL", "BOR", "person.berg"]
    quotes = read(tmp_path / f"quotes.{fmt}")
    assert "speaker_name" in quotes.columns and len(quotes) == 2


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_empty_store_exports_headers(db_url, tmp_path, fmt):
    with open_store(db_url) as st:
        paths = export_store(st, tmp_path, fmt=fmt)
    if fmt == "jsonl":
        assert all(p.read_text() == "" for p in paths)
    else:
        read = pd.read_csv if fmt == "csv" else pd.read_parquet
        events = read(tmp_path / f"events.{fmt}")
        assert events.empty and "source_name" in events.columns


def test_unknown_format_is_an_input_error(store, tmp_path):
    with pytest.raises(InputError, match="unknown export format"):
        export_store(store, tmp_path, fmt="xml")


def test_extension_exporter_uses_the_same_registry(store, tmp_path):
    @register_exporter("tsv-test")
    def write_tsv(out_dir, table, rows, fields):
        path = out_dir / f"{table}.tsv"
        flatten(table, rows, fields).to_csv(path, sep="\t", index=False)
        return path

    try:
        paths = export_store(store, tmp_path, fmt="tsv-test")
        assert len(pd.read_csv(paths[2], sep="\t")) == 2
    finally:
        EXPORTERS.pop("tsv-test")


def test_score_script_parses_an_export(store, tmp_path, shared_dir):
    score = shared_dir / "eval" / "score.py"
    export_store(store, tmp_path)
    done = subprocess.run(
        [sys.executable, str(score), str(shared_dir / "eval" / "gold"), str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"actors", "events", "quotes"} <= set(result)


def _second_report() -> tuple[Article, DocumentExtraction]:
    """Another invented article telling of the same Vienna meeting (a day later, by month)."""
    text = "Envoys of Atlantis and Borduria held talks in Vienna this month."
    art = Article(
        name="vienna-2.txt",
        source="/data/vienna-2.txt",
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    s0 = Evidence(art.doc_id, 0, len(text))
    return art, DocumentExtraction(
        doc_id=art.doc_id,
        sentences=[SentenceRecord(0, 0, len(text))],
        actors=[
            ActorRecord("ATL", "Atlantis", "country", "ATL"),
            ActorRecord("BOR", "Borduria", "country", "BOR"),
        ],
        events=[
            EventRecord(
                "CONSULT",
                "BOR",
                "ATL",
                s0,
                date="2025-03",
                location="Vienna",
                trigger="talks",
                background=False,
            )
        ],
    )


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_clusters_export_as_their_own_file_and_events_keep_one_row_each(store, tmp_path, fmt):
    store.add_document(*_second_report())
    export_store(store, tmp_path, fmt)
    if fmt == "jsonl":
        events = _jsonl(tmp_path / "events.jsonl")
        clusters = _jsonl(tmp_path / "clusters.jsonl")
    else:
        events = pd.read_csv(tmp_path / "events.csv").to_dict("records")
        clusters = pd.read_csv(tmp_path / "clusters.csv").to_dict("records")
        for c in clusters:
            c["documents"], c["reports"] = json.loads(c["documents"]), json.loads(c["reports"])
    meetings = [e for e in events if e["type"] == "CONSULT"]
    assert len(meetings) == 2  # one row per event per article, as the evaluation reads them
    assert {e["date_precision"] for e in meetings} == {"day", "month"}
    assert len({e["cluster"] for e in meetings}) == 1
    (meeting,) = [c for c in clusters if c["type"] == "CONSULT"]
    assert meeting["cluster"] == meetings[0]["cluster"]
    assert (meeting["n_documents"], meeting["date"], meeting["location"]) == (
        2,
        "2025-03-04",
        "Vienna",
    )
    assert meeting["documents"] == ["vienna-2.txt", "vienna.txt"]
    assert {r["evidence"] for r in meeting["reports"]} == {
        "Atlantis and Borduria met in Vienna.",
        "Envoys of Atlantis and Borduria held talks in Vienna this month.",
    }
    assert not meeting["background"]
