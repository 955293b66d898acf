"""Event clusters: one happening, one record (rules in ``detente/store/clusters.py``).

The reports and articles are invented for these tests (Atlantis, Borduria and
their capitals).
"""

from __future__ import annotations

import hashlib
import random
from datetime import date

import pytest

from detente.evidence import Evidence
from detente.extract.plover import reciprocal_types
from detente.extract.records import ActorRecord, DocumentExtraction, EventRecord, SentenceRecord
from detente.ingest.records import Article
from detente.store import open_store
from detente.store.clusters import (
    PlaceMatcher,
    Report,
    cluster_reports,
    dates_fit,
    dictionary_state,
)

STATES = {"atlantis": "ATL", "atlantis city": "ATL", "borduria": "BOR", "szohod": "BOR"}
SAME_PLACE = PlaceMatcher(lambda place: STATES.get(place.lower()))
RECIPROCAL = frozenset({"CONSULT", "AGREE"})


def report(
    pk,
    doc,
    date_=None,
    *,
    type_="CONSULT",
    a="ATL",
    b="BOR",
    mode=None,
    place=None,
    start=0,
    background=False,
) -> Report:
    return Report(
        pk=pk,
        doc_id=doc,
        start=start,
        end=start + 40,
        type=type_,
        mode=mode,
        source=f"person.{a.lower()}",
        target=b,
        side_a=a,
        side_b=b,
        date=date_,
        location=place,
        background=background,
    )


def clusters(reports, **kw):
    kw.setdefault("reciprocal", RECIPROCAL)
    kw.setdefault("same_place", SAME_PLACE)
    return cluster_reports(reports, **kw)


def groups(found) -> list[list[int]]:
    return sorted(sorted(r.pk for r in c.members) for c in found)


def test_one_meeting_told_by_four_articles_is_one_cluster():
    found = clusters(
        [
            report(1, "d1", "2025-03-04", place="Atlantis City"),
            report(2, "d2", "2025-03-04", place="Atlantis"),  # the state of the capital
            report(3, "d3", "2025-03-05", place=None),  # filed the morning after
            report(4, "d4", "2025-03-04", a="BOR", b="ATL"),  # a meeting has no direction
        ]
    )
    (c,) = found
    assert (c.n_documents, c.n_reports, c.date, c.location) == (4, 4, "2025-03-04", "Atlantis City")
    assert not c.background


def test_a_numeral_is_not_a_count_of_events():
    rows = [report(k, "d1", "2025-03-04", type_="AGREE", start=100) for k in range(1, 5)]
    (c,) = clusters(rows)
    assert (len(c.members), c.n_reports, c.n_documents) == (4, 1, 1)


def test_one_sentence_dating_two_acts_apart_is_two_happenings():
    found = clusters(
        [
            report(1, "d1", "2014", type_="ASSAULT", start=50),
            report(2, "d1", "2022", type_="ASSAULT", start=50),
        ]
    )
    assert groups(found) == [[1], [2]]
    assert found[0].key != found[1].key  # keys stay unique: the date is part of a report's name


@pytest.mark.parametrize(
    ("second", "why"),
    [
        (report(2, "d2", "2025-03-04", mode="phone"), "a call is not the meeting"),
        (report(2, "d2", "2025-03-04", place="Szohod"), "another state"),
        (report(2, "d2", "2025-03-07"), "three days later"),
        (report(2, "d2", "2025-03-04", type_="AGREE"), "another type"),
        (report(2, "d2", "2025-03-04", b="CAR"), "another pair"),
        (report(2, "d2", None), "no date: cannot be placed"),
        (report(2, "d2", "2025-03-04", type_="REJECT", a="BOR", b="ATL"), "other direction"),
    ],
)
def test_reports_that_differ_stay_apart(second, why):
    kind = "CONSULT" if why == "another type" else second.type
    first = report(1, "d1", "2025-03-04", place="Atlantis City", type_=kind)
    assert groups(clusters([first, second])) == [[1], [2]], why


def test_day_dates_of_a_cluster_stay_within_the_tolerance():
    rows = [
        report(1, "d1", "2025-03-04"),
        report(2, "d2", "2025-03-05"),
        report(3, "d3", "2025-03-06"),
    ]
    assert groups(clusters(rows)) == [[1, 2], [3]]
    assert groups(clusters(rows, tolerance_days=2)) == [[1, 2, 3]]


def test_a_month_joins_the_one_happening_it_can_be():
    one = [report(1, "d1", "2025-02-12", mode="phone"), report(2, "d2", "2025-02", mode="phone")]
    assert groups(clusters(one)) == [[1, 2]]
    two = [*one, report(3, "d3", "2025-02-24", mode="phone")]  # two calls that month
    assert groups(clusters(two)) == [[1], [2], [3]]


def test_same_clusters_whatever_the_order():
    rows = [
        report(1, "d1", "2025-03-04"),
        report(2, "d2", "2025-03-05"),
        report(3, "d3", "2025-03"),
        report(4, "d4", "2025-03-06"),
        report(5, "d5", None),
        report(6, "d1", None, start=0),
    ]
    expected = [(c.key, groups([c])) for c in clusters(rows)]
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert [(c.key, groups([c])) for c in clusters(shuffled)] == expected


def test_cluster_is_background_only_when_every_report_is():
    rows = [report(1, "d1", "2018", background=True), report(2, "d2", "2018", background=True)]
    assert clusters(rows)[0].background
    rows.append(report(3, "d3", "2018"))
    assert not clusters(rows)[0].background


def test_dates_fit():
    assert dates_fit("2025-03", ["2025-03-04", "2025-03-05"], 1)
    assert not dates_fit("2025-04", ["2025-03-04"], 1)
    assert dates_fit("2025-03-05", ["2025", "2025-03-04"], 1)
    assert not dates_fit(None, ["2025-03-04"], 1) and not dates_fit("2025-03-04", [], 1)


def test_places_nest_or_share_a_state():
    assert SAME_PLACE("the capital Atlantis City", "Atlantis City")
    assert SAME_PLACE("Atlantis City", "Atlantis") and SAME_PLACE(None, "Szohod")
    assert not SAME_PLACE("Atlantis City", "Szohod") and not SAME_PLACE("Nowhere", "Elsewhere")


def test_the_store_reads_the_coders_reciprocal_types_and_the_dictionarys_states():
    # the store reads them without spaCy; they must stay the ones the coder and resolver use
    from detente.extract.events.lexicon import load_lexicon

    assert reciprocal_types() == load_lexicon().reciprocal_types
    assert {"CONSULT", "AGREE"} <= reciprocal_types() and "ACCUSE" not in reciprocal_types()
    assert dictionary_state("Riyadh") == "SAU" and dictionary_state("Nowhere at all") is None


# -- in the store -----------------------------------------------------------------------------


def meeting(
    name: str,
    day: str | None,
    place: str | None = "Atlantis City",
    published: date | None = date(2025, 3, 6),
) -> tuple[Article, DocumentExtraction]:
    """An invented one-sentence article reporting a meeting of Atlantis and Borduria."""
    text = f"The foreign ministers of Atlantis and Borduria met ({name})."
    article = Article(
        name, f"/data/{name}", text, hashlib.sha256(text.encode()).hexdigest(), published=published
    )
    doc = article.doc_id
    extraction = DocumentExtraction(
        doc_id=doc,
        sentences=[SentenceRecord(0, 0, len(text))],
        actors=[
            ActorRecord("ATL", "Atlantis", "country", "ATL"),
            ActorRecord("BOR", "Borduria", "country", "BOR"),
        ],
        events=[
            EventRecord(
                "CONSULT",
                "ATL",
                "BOR",
                Evidence(doc, 0, len(text)),
                date=day,
                location=place,
                trigger="met",
            )
        ],
    )
    return article, extraction


def test_store_keeps_clusters_current_on_add_reextract_and_remove(db_url):
    with open_store(db_url) as store:
        pairs = [meeting(f"m{k}.txt", "2025-03-04") for k in range(3)]
        for article, extraction in pairs:
            store.add_document(article, extraction)
        (row,) = store.event_clusters().itertuples()
        assert (row.n_documents, row.date, row.date_precision) == (3, "2025-03-04", "day")
        events = store.events()
        assert set(events["cluster"]) == {row.cluster}
        assert set(events["cluster_documents"]) == {3} and not events["background"].any()

        # re-extraction moves one report a week later: it becomes a happening of its own
        article, extraction = pairs[2]
        moved = EventRecord(
            "CONSULT",
            "ATL",
            "BOR",
            extraction.events[0].evidence,
            date="2025-03-11",
            trigger="met",
            background=True,
        )
        store.set_extraction(
            article.doc_id,
            DocumentExtraction(
                doc_id=article.doc_id,
                sentences=extraction.sentences,
                actors=extraction.actors,
                events=[moved],
            ),
        )
        clusters_ = store.event_clusters().sort_values("date")
        assert list(clusters_["n_documents"]) == [2, 1]
        assert list(clusters_["background"]) == [False, True]

        assert store.remove_document("m0.txt")
        assert list(store.event_clusters().sort_values("date")["n_documents"]) == [1, 1]
        assert store.remove_document("m1.txt") and store.remove_document("m2.txt")
        assert store.event_clusters().empty


def test_clusters_do_not_depend_on_ingest_order(tmp_path):
    pairs = [
        meeting("a.txt", "2025-03-04"),
        meeting("b.txt", "2025-03-05"),
        meeting("c.txt", "2025-03"),
        meeting("d.txt", "2025-03-06", "Szohod"),
        meeting("e.txt", None),
    ]
    seen = []
    for k, order in enumerate(([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3])):
        with open_store(f"sqlite:///{tmp_path / f'{k}.db'}") as store:
            for i in order:
                store.add_document(*pairs[i])
            frame = store.event_clusters()
            seen.append(sorted(zip(frame["cluster"], frame["n_documents"], strict=True)))
    assert seen[0] == seen[1] == seen[2]
    assert sorted(n for _, n in seen[0]) == [1, 1, 3]  # a,b,c; Szohod is in Borduria; undated


def test_recluster_rebuilds_the_same_clusters(db_url):
    with open_store(db_url) as store:
        for k in range(2):
            store.add_document(*meeting(f"m{k}.txt", "2025-03-04"))
        before = store.event_clusters()
        assert store.recluster() == 1
        assert store.event_clusters().equals(before)


def test_a_batch_defers_clustering_to_one_pass_and_open_store_catches_up(db_url):
    with open_store(db_url) as store:
        pairs = [meeting(f"m{k}.txt", "2025-03-04") for k in range(3)]
        for article, extraction in pairs[:2]:
            store.add_document(article, extraction, cluster=False)
        assert store.events()["cluster"].isna().all() and store.event_clusters().empty
        assert store.cluster_pending() == 1  # one block: CONSULT between the two states
        assert store.event_clusters()["n_documents"].tolist() == [2]
        assert store.cluster_pending() == 0
        # a re-extraction deferred: the old cluster lost a member, the new event has none
        article, extraction = pairs[1]
        store.set_extraction(article.doc_id, extraction, cluster=False)
        store.add_document(*pairs[2], cluster=False)
    with open_store(db_url) as store:  # an interrupted batch is caught up on opening
        assert store.event_clusters()["n_documents"].tolist() == [3]
        assert store.events()["cluster"].notna().all()


def test_an_actor_serving_another_state_later_keeps_each_article_with_its_own_state(db_url):
    def report(name: str, country: str) -> tuple[Article, DocumentExtraction]:
        text = f"Envoy Kay met the Bordurian minister ({name})."
        art = Article(name, f"/data/{name}", text, hashlib.sha256(text.encode()).hexdigest())
        return art, DocumentExtraction(
            doc_id=art.doc_id,
            sentences=[SentenceRecord(0, 0, len(text))],
            actors=[
                ActorRecord("person.kay", "Kay", "person", country),
                ActorRecord("BOR", "Borduria", "country", "BOR"),
            ],
            events=[
                EventRecord(
                    "CONSULT",
                    "person.kay",
                    "BOR",
                    Evidence(art.doc_id, 0, len(text)),
                    date="2025-03-04",
                )
            ],
        )

    with open_store(db_url) as store:
        store.add_document(*report("a.txt", "ATL"))
        assert store.event_clusters()["side_a"].tolist() == ["ATL"]
        store.add_document(*report("b.txt", "CAR"))  # by then Kay serves Carpania
        frame = store.event_clusters()
        assert sorted(frame["side_a"]) == ["ATL", "CAR"] and frame["n_documents"].tolist() == [1, 1]
        events = store.events().set_index("doc")
        assert events.loc["a.txt", "source_country"] == "ATL"
        assert events.loc["b.txt", "source_country"] == "CAR"
        article, extraction = report("a.txt", "ATL")
        store.set_extraction(article.doc_id, extraction)  # re-extracting one moves nothing
        assert sorted(store.event_clusters()["side_a"]) == ["ATL", "CAR"]
