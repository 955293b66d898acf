"""PLOVER ontology data shipped with detente, checked against the public reference."""

from __future__ import annotations

import csv
import json

import pytest

from detente.errors import InputError
from detente.extract.events.lexicon import load_lexicon
from detente.extract.plover import DATA_DIR, QUADS, event_types, load_ontology, parse_ontology

SIXTEEN = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


def test_sixteen_types_in_manual_order():
    assert event_types() == SIXTEEN


def test_quads_and_recipients():
    onto = load_ontology()
    assert {onto.quad(t) for t in SIXTEEN} == set(QUADS)
    assert onto.quad("CONSULT") == "verbal_cooperation"
    assert onto.quad("ASSAULT") == "material_conflict"
    assert [t for t in SIXTEEN if onto.get(t).requires_recipient] == [
        "COOPERATE",
        "AID",
        "SANCTION",
    ]


def test_scores_use_mode_when_given():
    onto = load_ontology()
    assert onto.score("CONSULT") == 2.5
    assert onto.score("CONSULT", "phone") == 1.5
    assert onto.score("CONSULT", "visit") == 4
    assert onto.score("ASSAULT", "unconventional") == -10
    # a mode the manual lists without its own score falls back to the type's
    assert onto.score("PROTEST", "vandalize") == onto.score("PROTEST")
    with pytest.raises(KeyError, match="no mode 'fax'"):
        onto.score("CONSULT", "fax")
    with pytest.raises(KeyError, match="unknown PLOVER type"):
        onto.get("HUG")


def test_accuse_sign_correction_is_documented():
    onto = load_ontology()
    assert onto.score("ACCUSE") == -3
    raw = json.loads((DATA_DIR / "plover.json").read_text(encoding="utf-8"))
    accuse = next(e for e in raw["event_types"] if e["name"] == "ACCUSE")
    assert accuse["score_as_printed"] == 3
    assert "ACCUSE" in raw["corrections"]
    assert "CC BY-SA" in raw["licence"] and "PLOVER" in raw["attribution"]


def test_scores_match_the_reference_table(reference_dir):
    path = reference_dir / "plover" / "plover_scores.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    onto = load_ontology()
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 82
    for row in rows:
        mode = row["mode"] or None
        if row["event"] == "ACCUSE" and mode is None:
            continue  # the documented sign correction
        assert onto.score(row["event"], mode) == float(row["score"]), row


def test_modes_match_the_reference_list(reference_dir):
    path = reference_dir / "plover" / "plover_event_modes.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    expected: dict[str, set[str]] = {}
    for row in csv.DictReader(path.open(encoding="utf-8")):
        expected.setdefault(row["event"], set())
        if row["mode"]:
            expected[row["event"]].add(row["mode"])
    onto = load_ontology()
    assert {t: set(onto.get(t).modes) for t in SIXTEEN} == expected


def test_bad_ontology_names_the_entry():
    with pytest.raises(InputError, match=r"event_types\[0\] \(X\): quad"):
        parse_ontology(
            {
                "event_types": [
                    {
                        "name": "X",
                        "quad": "verbal_cooperation",
                        "quad_code": 3,
                        "requires_recipient": False,
                        "score": 1,
                    }
                ]
            }
        )
    with pytest.raises(InputError, match="missing the 'event_types' list"):
        parse_ontology({})
    with pytest.raises(InputError, match=r"event_types\[0\] \(X\): score 11"):
        parse_ontology(
            {
                "event_types": [
                    {
                        "name": "X",
                        "quad": "verbal_cooperation",
                        "quad_code": 1,
                        "requires_recipient": False,
                        "score": 11,
                    }
                ]
            }
        )


def test_packaged_lexicon_covers_every_type_and_uses_valid_modes():
    lexicon = load_lexicon()
    onto = load_ontology()
    coded = {rule.type for rules in lexicon.rules.values() for rule in rules}
    assert coded == {*SIXTEEN, None}  # None: a use of a word that is not an event
    for rules in lexicon.rules.values():
        for rule in rules:
            assert rule.type is None or onto.is_mode(rule.type, rule.mode), rule
