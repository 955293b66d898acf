"""The phrase-matcher entity ruler that puts dictionary names before NER."""

from __future__ import annotations

import pytest

from detente.errors import InputError
from detente.extract.components.actor_patterns import ActorPatterns

PATTERNS = [
    {"label": "GPE", "pattern": "Russia", "id": "RUS"},
    {"label": "GPE", "pattern": "US", "id": "USA"},
    {
        "label": "ORG",
        "pattern": [{"LOWER": "the", "OP": "?"}, {"LOWER": "white"}, {"LOWER": "house"}],
        "id": "USA",
    },
    {
        "label": "ORG",
        "pattern": [{"ORTH": "U.S."}, {"LOWER": "state"}, {"LOWER": "department"}],
        "id": "usa.state_dept",
    },
    {
        "label": "ORG",
        "pattern": [{"LOWER": "state"}, {"LOWER": "department"}],
        "id": "usa.state_dept",
    },
    {"label": "LOC", "pattern": [{"LOWER": "latin"}, {"LOWER": "america"}]},
]


def ents(nlp, text):
    doc = ActorPatterns(nlp.vocab, PATTERNS)(nlp(text))
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


def test_exact_and_case_insensitive_phrases(blank):
    assert ents(blank, "Russia and the white House spoke.") == [
        ("Russia", "GPE", "RUS"),
        ("the white House", "ORG", "USA"),
    ]
    assert ents(blank, "russia spoke to us.") == []


def test_exact_tokens_inside_a_phrase_are_checked(blank):
    assert ents(blank, "The U.S. State Department said so.") == [
        ("U.S. State Department", "ORG", "usa.state_dept")
    ]
    assert ents(blank, "The u.s. state department said so.") == [
        ("state department", "ORG", "usa.state_dept")
    ]


def test_guard_patterns_have_no_id_and_block_shorter_names(blank):
    assert ents(blank, "Trade with Latin America grew.") == [("Latin America", "LOC", "")]


def test_unsupported_patterns_are_rejected(blank):
    with pytest.raises(InputError, match="unsupported token pattern"):
        ActorPatterns(
            blank.vocab, [{"label": "X", "pattern": [{"TEXT": {"REGEX": "a+"}}], "id": "x"}]
        )


def test_full_dictionary_patterns_load(blank):
    from detente.extract.actors import ActorDictionary

    ruler = ActorPatterns(blank.vocab, ActorDictionary.load().patterns())
    doc = ruler(blank("Sergei Lavrov flew to Riyadh."))
    assert [(e.text, e.ent_id_) for e in doc.ents][0] == ("Sergei Lavrov", "person.lavrov_sergei")
