import dataclasses
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import select

from detente.errors import InputError, NotFound
from detente.evidence import Evidence
from detente.extract.records import MentionRecord, ReferenceClue, ReferenceRecord
from detente.store import Store, StoredDocument, open_store
from detente.store.tables import DocumentRow
from tests.store.conftest import TEXT, make_article, make_extraction


@pytest.fixture
def store(db_url):
    with open_store(db_url) as st:
        yield st


def test_open_store_is_a_context_manager_and_uses_env_default(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'sub' / 'env.db'}"
    monkeypatch.setenv("DETENTE_DB", url)
    with open_store() as st:
        assert isinstance(st, Store)
        assert st.url == url
        assert st.documents().empty
    assert (tmp_path / "sub" / "env.db").exists()


def test_invalid_url_is_one_line_input_error():
    with pytest.raises(InputError, match="not a valid database URL"):
        open_store("not a url at all")
    with pytest.raises(InputError, match="cannot use this database"):
        open_store("nosuchdialect://x/y")


def test_in_memory_store_works():
    with open_store("sqlite://") as st:
        assert st.add_document(make_article())
        assert len(st.documents()) == 1


def test_add_document_and_read_back(store, article):
    assert store.add_document(
        dataclasses.replace(article, published=date(2025, 3, 4), date_convention="iso")
    )
    docs = store.documents()
    assert list(docs.columns) == [
        "doc_id",
        "name",
        "title",
        "published",
        "date_convention",
        "outlet",
        "author",
        "url",
        "n_chars",
        "reference_earliest",
        "reference_latest",
    ]
    row = docs.iloc[0]
    assert (row["doc_id"], row["name"], row["n_chars"]) == (article.doc_id, "vienna.txt", len(TEXT))
    assert row["published"] == date(2025, 3, 4)
    doc = store.document("vienna.txt")
    assert isinstance(doc, StoredDocument)
    assert doc.text == TEXT and doc.n_sentences == 0 and doc.outlet == "Example Wire"
    assert store.document(article.doc_id) == doc
    assert store.document(article.doc_id[:10]) == doc
    assert store.has_document(article.doc_id)


def test_unknown_document_is_not_found(store):
    with pytest.raises(NotFound, match="no stored document named or hashed 'missing.txt'"):
        store.document("missing.txt")
    assert not store.has_document("0" * 64)


def test_re_adding_is_a_no_op(store, article, extraction):
    assert store.add_document(article, extraction) is True
    before = (store.documents(), store.events(), store.mentions(), store.actors())
    assert store.add_document(article, extraction) is False
    assert store.add_document(dataclasses.replace(article, name="copy.txt")) is False
    after = (store.documents(), store.events(), store.mentions(), store.actors())
    for a, b in zip(before, after, strict=True):
        assert a.equals(b)


def test_extraction_read_back(store, article, extraction):
    store.add_document(article, extraction)
    actors = store.actors().set_index("actor_id")
    assert actors.loc["BOR", "n_mentions"] == 2 and actors.loc["BOR", "n_docs"] == 1
    assert actors.loc["person.berg_anna", "role"] == "Foreign Minister"
    assert list(store.actors()["actor_id"])[0] == "BOR"  # most mentioned first

    doc_actors = store.doc_actors()
    assert list(doc_actors.columns) == [
        "doc_id",
        "doc",
        "actor_id",
        "name",
        "type",
        "country",
        "org",
        "role",
    ]
    assert sorted(doc_actors["actor_id"]) == ["ATL", "BOR", "person.berg_anna"]

    sentences = store.sentences(article.doc_id)
    assert list(sentences["idx"]) == [0, 1, 2]
    assert sentences.iloc[2]["text"] == "Borduria rejected a ceasefire proposal."

    mentions = store.mentions()
    assert list(mentions["text"]) == ["Atlantis", "Borduria", "Anna Berg", "Borduria"]
    assert all(TEXT[r.start : r.end] == r.text for r in mentions.itertuples())

    events = store.events()
    consult, reject = events.iloc[0], events.iloc[1]
    assert (consult["type"], consult["source_name"], consult["target_name"]) == (
        "CONSULT",
        "Atlantis",
        "Borduria",
    )
    assert (consult["mode"], consult["date"], consult["location"], consult["trigger"]) == (
        "visit",
        "2025-03-04",
        "Vienna",
        "met",
    )
    assert consult["evidence"].startswith("Foreign ministers of Atlantis")
    assert (
        pd.isna(reject["target_id"])
        and reject["evidence"] == "Borduria rejected a ceasefire proposal."
    )

    quotes = store.quotes()
    q = quotes.iloc[0]
    assert (q["speaker_name"], q["speaker_type"], q["speaker_country"], q["cue"]) == (
        "Anna Berg",
        "person",
        "ATL",
        "say",
    )
    assert q["sentence"].endswith("said Anna Berg after the talks.")

    stances = store.stances()
    assert (
        stances.iloc[0]["actor_id"],
        stances.iloc[0]["issue"],
        stances.iloc[0]["direction"],
    ) == ("BOR", "ceasefire", -1)


def test_actors_are_shared_and_upserted_across_documents(store, article, extraction):
    store.add_document(article, extraction)
    other = make_article("Atlantis and Borduria spoke by phone.", name="call.txt")
    ext = make_extraction(article)
    ext2 = dataclasses.replace(
        ext,
        doc_id=other.doc_id,
        sentences=[],
        actors=[dataclasses.replace(ext.actors[0], name="Republic of Atlantis")],
        mentions=[
            MentionRecord("ATL", Evidence(other.doc_id, 0, 8), "Atlantis"),
            MentionRecord("BOR", Evidence(other.doc_id, 13, 21), "Borduria"),
        ],
        events=[],
        quotes=[],
        stances=[],
    )
    assert store.add_document(other, ext2)
    actors = store.actors().set_index("actor_id")
    assert len(actors) == 3
    assert actors.loc["ATL", "name"] == "Republic of Atlantis"
    assert actors.loc["ATL", "n_docs"] == 2 and actors.loc["BOR", "n_docs"] == 2
    assert len(store.doc_actors()) == 5


def test_extraction_of_another_document_rolls_back_everything(store, article, extraction):
    wrong_doc = dataclasses.replace(extraction, doc_id="f" * 64)
    with pytest.raises(InputError, match="extraction is for document"):
        store.add_document(article, wrong_doc)
    assert store.documents().empty and store.actors().empty and store.sentences().empty
    assert store.add_document(article, extraction)


def test_transaction_rolls_back_on_error(store, article):
    with pytest.raises(RuntimeError):
        with store.transaction() as s:
            s.add(
                DocumentRow(
                    doc_id="a" * 64,
                    name="x",
                    source="x",
                    text="x",
                    ingested_at=__import__("datetime").datetime.now(),
                )
            )
            s.flush()
            assert s.scalar(select(DocumentRow.name)) == "x"
            raise RuntimeError("boom")
    assert store.documents().empty


def test_set_extraction_replaces_facts(store, article, extraction):
    store.add_document(article)
    assert store.events().empty and store.document(article.doc_id).n_sentences == 0
    store.set_extraction(article.doc_id, extraction)
    assert len(store.events()) == 2 and len(store.mentions()) == 4
    smaller = dataclasses.replace(extraction, events=extraction.events[:1], quotes=[], stances=[])
    store.set_extraction(article.doc_id, smaller)
    assert list(store.events()["type"]) == ["CONSULT"]
    assert store.quotes().empty and store.stances().empty
    assert len(store.mentions()) == 4 and len(store.doc_actors()) == 3
    with pytest.raises(NotFound):
        store.set_extraction("0" * 64, extraction)


def test_failed_set_extraction_keeps_the_old_facts(store, article, extraction):
    store.add_document(article, extraction)
    with pytest.raises(InputError):
        store.set_extraction(article.doc_id, dataclasses.replace(extraction, doc_id="f" * 64))
    assert len(store.events()) == 2 and len(store.quotes()) == 1


def test_remove_document_cascades(store, article, extraction):
    store.add_document(article, extraction)
    assert store.remove_document("vienna.txt")
    for frame in (
        store.documents(),
        store.sentences(),
        store.mentions(),
        store.events(),
        store.quotes(),
        store.stances(),
        store.doc_actors(),
    ):
        assert frame.empty
    assert len(store.actors()) == 3  # actors are shared and outlive documents
    assert not store.remove_document("vienna.txt")


def test_articles_round_trip_and_allow_writes_while_iterating(store, article, extraction):
    other = make_article("A second short article.", name="a_first.txt")
    store.add_document(article)
    store.add_document(other)
    seen = []
    for art in store.articles():
        seen.append(art)
        if art.name == "vienna.txt":
            store.set_extraction(art.content_hash, make_extraction(art))
    assert [a.name for a in seen] == ["a_first.txt", "vienna.txt"]
    assert seen[1] == article
    assert len(store.events()) == 2


def test_empty_store_frames_keep_their_columns(store):
    for method in (
        "documents",
        "sentences",
        "actors",
        "doc_actors",
        "mentions",
        "events",
        "quotes",
        "stances",
    ):
        frame = getattr(store, method)()
        assert frame.empty and len(frame.columns) >= 6, method
    assert "evidence" in store.events().columns and "speaker_name" in store.quotes().columns


def test_unwritable_sqlite_location_is_an_input_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="cannot create folder"):
        open_store(f"sqlite:///{blocker / 'sub' / 'x.db'}")
    with pytest.raises(InputError, match="cannot open store"):
        open_store(f"sqlite:///{tmp_path}")  # a folder, not a database file


def test_hash_prefix_must_be_unique_and_long_enough(store):
    from datetime import datetime

    with store.transaction() as s:
        for suffix in ("a" * 56, "b" * 56):
            s.add(
                DocumentRow(
                    doc_id="abcdef12" + suffix,
                    name=f"{suffix[0]}.txt",
                    source="x",
                    text="Some text.",
                    ingested_at=datetime.now(),
                )
            )
    with pytest.raises(NotFound):
        store.document("abcdef12")  # two documents share it
    with pytest.raises(NotFound):
        store.document("abcdef1")  # shorter than 8 characters
    assert store.document("abcdef12a").name == "a.txt"
    assert store.document("ABCDEF12B").name == "b.txt"


def _with_reference(article, extraction):
    start = article.text.index("Tuesday")
    clue = ReferenceClue(
        "2030-03-05.vienna-talks",
        "Talks in Vienna",
        "2030-03-05",
        Evidence(article.doc_id, start, start + len("Tuesday")),
    )
    return dataclasses.replace(
        extraction, reference=ReferenceRecord("2030-03-05", "2030-03-08", 4, (clue,))
    )


def test_reference_time_is_stored_with_its_clues(store, article, extraction):
    assert store.add_document(article, _with_reference(article, extraction))
    row = store.documents().iloc[0]
    assert (row["reference_earliest"], row["reference_latest"]) == (
        date(2030, 3, 5),
        date(2030, 3, 8),
    )
    clues = store.reference_clues()
    assert list(clues["text"]) == ["Tuesday"]
    assert clues.iloc[0]["event_id"] == "2030-03-05.vienna-talks"
    assert clues.iloc[0]["sentence"].startswith("Foreign ministers of Atlantis")
    store.set_extraction(article.doc_id, extraction)  # re-extraction without a reference
    assert store.reference_clues().empty
    assert store.documents()["reference_latest"].isna().all()


def test_reference_clue_outside_the_text_is_dropped_alone(store, article, extraction):
    bad = _with_reference(article, extraction)
    clue = dataclasses.replace(
        bad.reference.clues[0], evidence=Evidence(article.doc_id, 10_000, 10_007)
    )
    bad = dataclasses.replace(bad, reference=dataclasses.replace(bad.reference, clues=(clue,)))
    notes: list[str] = []
    assert store.add_document(article, bad, on_warning=notes.append)
    assert notes == [
        "dropped reference clue at [10000, 10007): span [10000, 10007) is outside the text "
        f"({len(article.text)} characters)"
    ]
    assert store.reference_clues().empty
    assert store.documents()["reference_latest"].notna().all()


def test_a_batch_commits_once_and_an_unfit_article_is_rolled_back_alone(db_url):
    from dataclasses import replace

    from detente.store import write_error
    from tests.store.conftest import TEXT, make_article, make_extraction

    good = make_article()
    other = make_article(TEXT + "\n\nTalks resume next week.", name="other.txt")
    third = make_article(TEXT + "\n\nTalks resume in May.", name="third.txt")
    bad = replace(make_extraction(other), doc_id="f" * 64)  # another document's facts
    odd = make_extraction(third)
    odd = replace(odd, events=[replace(odd.events[0], source_id="NOBODY"), odd.events[1]])
    notes = []
    with open_store(db_url) as store:
        outcomes = store.add_documents(
            [(good, make_extraction(good)), (other, bad), (good, None), (third, odd)],
            on_warning=lambda article, note: notes.append((article.name, note)),
        )
        assert outcomes[0] is True and outcomes[2] is False and outcomes[3] is True
        assert write_error(outcomes[1]).startswith("could not be stored: extraction is for")
        assert sorted(store.documents()["name"]) == ["third.txt", "vienna.txt"]
        assert len(store.events()) == 3  # the one event naming an unknown actor is dropped
        assert notes == [("third.txt", notes[0][1])] and "source 'NOBODY'" in notes[0][1]
        assert store.stored_ids([good.doc_id, other.doc_id, "x"]) == {good.doc_id}
        assert store.add_documents([(good, make_extraction(good))]) == [False]


def test_stance_position_relative_actor_and_cue_are_stored(store, article, extraction):
    stance = dataclasses.replace(
        extraction.stances[0], position=25.0, relative_to="ATL", cue="rejected", direction=-1
    )
    store.add_document(article, dataclasses.replace(extraction, stances=[stance]))
    row = store.stances().iloc[0]
    assert (row["position"], row["relative_id"], row["cue"]) == (25.0, "ATL", "rejected")


def test_a_relative_stance_naming_an_unknown_actor_keeps_the_stance_alone(
    store, article, extraction
):
    stance = dataclasses.replace(extraction.stances[0], relative_to="NOWHERE")
    notes: list[str] = []
    store.add_document(
        article, dataclasses.replace(extraction, stances=[stance]), on_warning=notes.append
    )
    assert len(notes) == 1 and "cleared relative_to 'NOWHERE'" in notes[0]
    row = store.stances().iloc[0]
    assert row["relative_id"] is None and row["issue"] == stance.issue


def test_a_feed_article_is_found_by_its_id(store):
    art = make_article(name="feed.jsonl#story-7.txt")
    store.add_document(art)
    assert store.document("story-7.txt").name == "feed.jsonl#story-7.txt"
