"""Roles and states at the article's date (issue 12), on articles written for these tests."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from detente.extract import Extractor
from detente.extract.actors import ActorDictionary
from detente.extract.actors.roles import RoleDating, article_day
from detente.extract.extensions import register_extensions
from detente.ingest.records import Article


def extract(nlp, text: str, published: date | None = None):
    art = Article(
        "t.txt", "t.txt", text, hashlib.sha256(text.encode()).hexdigest(), published=published
    )
    return Extractor(nlp=nlp).extract(art)


def actor(result, actor_id: str):
    return next(a for a in result.actors if a.actor_id == actor_id)


@pytest.mark.model
def test_the_same_person_gets_the_role_of_each_article_date(nlp):
    text = "Mike Waltz spoke to reporters in Washington about the Ukraine talks."
    february = extract(nlp, text, date(2025, 2, 20))
    december = extract(nlp, text, date(2025, 12, 10))
    assert actor(february, "person.waltz_mike").role == "US National Security Advisor"
    assert actor(december, "person.waltz_mike").role == "US Ambassador to the United Nations"


@pytest.mark.model
def test_an_official_of_an_international_body_belongs_to_the_body(nlp):
    text = "Kaja Kallas and Mark Rutte met Ukrainian ministers in Brussels."
    now = extract(nlp, text, date(2025, 6, 3))
    kallas, rutte = actor(now, "person.kallas_kaja"), actor(now, "person.rutte_mark")
    assert (kallas.country, kallas.org) == (None, "org.eu")
    assert (rutte.country, rutte.org) == (None, "org.nato")
    before = extract(nlp, text, date(2023, 6, 3))
    kallas, rutte = actor(before, "person.kallas_kaja"), actor(before, "person.rutte_mark")
    assert (kallas.country, kallas.org, kallas.role) == ("EST", None, "Prime Minister of Estonia")
    assert (rutte.country, rutte.org) == ("NLD", None)


@pytest.mark.model
def test_an_undated_article_reads_roles_at_its_inferred_date(nlp):
    # No date line: the calendar places the Riyadh talks, and with them the article, in
    # February 2025, when Waltz was the national security adviser (today he is not).
    result = extract(
        nlp,
        "On Tuesday the American and Russian teams sat down in Riyadh, hosted by the Saudis. "
        "Mike Waltz said both would name negotiators.",
    )
    assert result.reference is not None and result.reference.earliest == "2025-02-18"
    assert actor(result, "person.waltz_mike").role == "US National Security Advisor"


def test_role_nominal_goes_to_the_holder_at_the_inferred_date(blank):
    """A holder looked up without a date ("now") is re-read at the inferred day."""
    register_extensions()
    dictionary = ActorDictionary.load()
    doc = blank("The German chancellor spoke.")
    doc._.mentions = [(0, 19, "person.merz_friedrich")]
    doc._.actor_info = {"person.merz_friedrich": dictionary.get("person.merz_friedrich").info_at()}
    doc._.role_mentions = [(0, 19, "head_of_government|leader", "DEU")]
    doc._.reference = {"earliest": "2025-03-01", "latest": "2025-03-07", "days": 7, "clues": []}
    assert article_day(doc) == date(2025, 3, 1)
    doc = RoleDating(dictionary=dictionary)(doc)
    assert doc._.mentions == [(0, 19, "person.scholz_olaf")]
    assert set(doc._.actor_info) == {"person.scholz_olaf"}
    assert doc._.actor_info["person.scholz_olaf"]["role"] == "Chancellor of Germany"


def test_a_published_article_keeps_the_resolvers_roles(blank):
    register_extensions()
    doc = blank("Someone spoke.")
    doc._.published = "2025-03-01"
    doc._.actor_info = {"person.waltz_mike": {"type": "person", "role": "set by the resolver"}}
    doc = RoleDating(dictionary=ActorDictionary.load())(doc)
    assert doc._.actor_info["person.waltz_mike"]["role"] == "set by the resolver"
