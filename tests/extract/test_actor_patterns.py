"""The phrase-matcher entity ruler that puts dictionary names before NER."""

from __future__ import annotations

import pytest

from detente.errors import InputError
from detente.extract.actors.matcher import ActorPatterns

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


SAVED = "The white house and Russia met the U.S. State Department in Latin America."


def _spans(doc):
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


def test_patterns_survive_to_disk_and_from_disk(blank, tmp_path):
    ruler = ActorPatterns(blank.vocab, PATTERNS)
    ruler.to_disk(tmp_path / "ruler")
    empty = ActorPatterns(blank.vocab)
    assert len(empty) == 0
    loaded = empty.from_disk(tmp_path / "ruler")
    assert loaded.patterns == PATTERNS and len(loaded) == len(ruler)
    expected = _spans(ruler(blank(SAVED)))
    assert len(expected) == 4
    assert _spans(loaded(blank(SAVED))) == expected


def test_patterns_survive_to_bytes_and_loading_replaces_what_was_there(blank):
    ruler = ActorPatterns(blank.vocab, PATTERNS)
    other = ActorPatterns(blank.vocab, [{"label": "GPE", "pattern": "Atlantis", "id": "ATL"}])
    other.from_bytes(ruler.to_bytes())
    assert other.patterns == PATTERNS
    assert _spans(other(blank("Atlantis met Russia."))) == [("Russia", "GPE", "RUS")]
