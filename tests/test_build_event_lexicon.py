"""The converter that turns CAMEO's verb dictionary into detente's generated trigger lexicon.

The dictionary excerpt and the CAMEO→PLOVER rows below are written for this test
in the formats of ``CAMEO.2.0.txt`` and ``CAMEO2PLOVER-2021.txt``; nothing is
read from ``../shared``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from detente.extract.events.lexicon import parse_lexicon

ROOT = Path(__file__).resolve().parents[1]

DICTIONARY = """\
# an excerpt written for the test
####### SYNONYM SETS #######

&PENALTIES_
+PENALTIES
+TARIFFS

&TALKS
+TALKS
+NEGOTIATIONS

####### VERB PATTERNS #######

---  REPRIMAND   [111]  ---
REPRIMAND
BELITTLE  # a comment
DESPAIR
- * (FOR {HUMAN RIGHTS})                 [1122]        # REPRIMAND
- * ATTACK ON $                          [111]         # REPRIMAND

---  IMPOSE   [---]  ---
IMPOSE
FINE  [172]
- * &PENALTIES (AGAINST)                 [163]         # IMPOSE
- * SANCTIONS                            [163]         # IMPOSE
- * {TRAVEL BAN}                         [172]         # IMPOSE
- * CURFEW                               [1723]        # IMPOSE
- * WARNING                              [---]         # FINE
- &MILITARY * CURFEW                     [1723]        # IMPOSE

---  GATHER_PEOPLE   [040]  ---
+MEET_WITH {+MET_WITH +MEETS_WITH}
CONVENE
FACE
- * (FOR &TALKS)                         [036:036]     # CONVENE
- * PRESSURE                             [:100]        # FACE
- * CHARGES                              [---]         # FACE

---  HOLD   [---]  ---
HOLD {HELD HOLDING HOLDS}
- * &TALKS                               [040]         # HOLD
- * OFF (ON AID)                         [0354]        # HOLD
- * TO                                   [036]         # HOLD

---  RALLY   [---]  ---
RALLY
DENOUNCE  [111]
- * AGAINST                              [141]         # RALLY
- * SHOCK AT                             [111]         # DENOUNCE
- * OF ATTACK                            [1123]        # DENOUNCE
- * ON {&PENALTIES RELIEF}               [0354]        # RALLY
- * UP &TALKS (FOR)                      [036]         # RALLY
- DEMONSTRATORS *                        [141]         # RALLY
- ABRUPTLY * TALKS                       [141]         # RALLY
- OFFICIALS *                            [111]         # DENOUNCE

---  PLEAD   [020]  ---
PLEAD
- * (FOR HELP)                           [023]         # PLEAD
- * PUBLICLY                             [010]         # PLEAD
"""

TABLE = """\
# rows in the layout of the CAMEO to PLOVER table
03: AGREE
036: AGREE,  , diplomatic # Express intent to meet or negotiate
04: CONSULT
040: CONSULT, ,  # Consult
10: REQUEST
103: REQUEST, assist,  # Demand aid
11: ACCUSE
111: ACCUSE, disapprove,    # Criticize or denounce
1122: ACCUSE, allege, human_rights # Accuse of human rights abuses
1123: ACCUSE, allege, military # Accuse of aggression
14: PROTEST
141: PROTEST, demo,               # Demonstrate or rally
16: SANCTION
163: COERCE, restrict,   diplomatic # Impose embargo, boycott, or sanctions
17: COERCE
172: COERCE, restrict, executive      # Impose administrative sanctions
1723: COERCE, curfew, pro_autocracy   # Impose curfew
~~~~~
"""


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location(
        "build_event_lexicon", ROOT / "tools" / "build_event_lexicon.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tool, tmp_path_factory):
    ref = tmp_path_factory.mktemp("reference")
    (ref / "cameo").mkdir()
    (ref / "plover").mkdir()
    (ref / "cameo" / "CAMEO.2.0.txt").write_text(DICTIONARY, encoding="latin-1")
    (ref / "plover" / "CAMEO2PLOVER-2021.txt").write_text(TABLE, encoding="utf-8")
    return tool.build(ref)


def rows(built, lemma):
    return [
        {k: v for k, v in e.items() if k != "lemma"} for e in built["verbs"] if e["lemma"] == lemma
    ]


def test_bare_verbs_take_their_own_or_their_blocks_code(built):
    assert {"type": "ACCUSE", "mode": "disapprove"} in rows(built, "reprimand")
    assert {"type": "ACCUSE", "mode": "disapprove"} in rows(built, "belittle")
    assert {"type": "COERCE", "mode": "restrict"} in rows(built, "fine")
    # a block coded [---] codes no bare verb
    assert all(set(r) != {"type"} and set(r) != {"type", "mode"} for r in rows(built, "impose"))


def test_curation_keeps_noisy_and_common_verbs_to_their_patterns(built):
    # "despair" would be ACCUSE from its block and "face" CONSULT: both are curated out
    assert rows(built, "despair") == []
    assert {"type": "CONSULT"} not in rows(built, "face")
    # "hold" is too common to code alone, or with a bare preposition ("hold to")
    assert all(len(r) > 1 for r in rows(built, "hold"))
    assert all(r.get("prep") != ["to"] for r in rows(built, "hold"))


def test_patterns_become_conditions(built):
    impose = rows(built, "impose")
    # v2.0: sanctions are SANCTION discontinue; the synonym set is expanded and lemmatised
    assert {
        "type": "SANCTION",
        "mode": "discontinue",
        "prep": ["against"],
        "object": ["penalty", "tariff"],
    } in impose
    # the generated file is CAMEO's alone: the hand-written nouns do not shape it
    assert {"type": "SANCTION", "mode": "discontinue", "object": ["sanction"]} in impose
    # a noun phrase: its last word is the head, the others are modifiers
    assert {
        "type": "COERCE",
        "mode": "restrict",
        "object": ["ban"],
        "object_modifier": ["travel"],
    } in impose
    # a mode the v2.0 manual lists is kept
    assert {"type": "COERCE", "mode": "curfew", "object": ["curfew"]} in impose
    # a particle, then a prepositional phrase with its noun
    assert any(
        r.get("prt") == ["off"] and r.get("prep_object") == ["aid"] for r in rows(built, "hold")
    )
    assert {"type": "ACCUSE", "mode": "allege", "prep": ["for"], "prep_object": ["right"]} in rows(
        built, "reprimand"
    )


def test_a_bare_preposition_opens_a_prepositional_phrase(built):
    rally = rows(built, "rally")
    # "- * AGAINST": the verb with the preposition "against", not an object "against"
    assert {"type": "PROTEST", "mode": "demo", "prep": ["against"]} in rally
    assert all("against" not in r.get("object", []) for r in rally)
    denounce = rows(built, "denounce")
    # an object, then a preposition with no noun: the preposition is not part of the object
    assert {"type": "ACCUSE", "mode": "disapprove", "object": ["shock"], "prep": ["at"]} in denounce
    # a preposition followed by its noun
    assert {
        "type": "ACCUSE",
        "mode": "allege",
        "prep": ["of"],
        "prep_object": ["attack"],
    } in denounce
    # "on" before a noun is a preposition; a synonym set as modifier stands for all its members
    assert any(
        r.get("prep") == ["on"] and r.get("prep_object") == ["relief"] for r in rally
    )
    # "up" is a particle, and the object a synonym set expanded
    assert {
        "type": "AGREE",
        "prt": ["up"],
        "object": ["negotiation", "talk"],
        "prep": ["for"],
    } in rally


def test_one_noun_before_the_verb_is_its_subject(built):
    # "- DEMONSTRATORS *": the verb codes when its subject is that noun, lemmatised
    assert {"type": "PROTEST", "mode": "demo", "subject": ["demonstrator"]} in rows(built, "rally")
    # an adverb before the verb is no subject; a subject pattern of a type whose
    # subject noun need not act (here ACCUSE) is left out
    assert all(r.get("object") != ["talk"] for r in rows(built, "rally"))
    assert all("subject" not in r for r in rows(built, "denounce"))


def test_a_modifier_set_gives_every_member(tool):
    synsets = {"&MILITARY": ["army", "navy"], "&TALKS": ["talks", "peace negotiations"]}
    assert tool.expand("{&MILITARY PRESSURE}", synsets) == [("pressure", ("army", "navy"))]
    assert tool.expand("&TALKS", synsets) == [("talks", ()), ("negotiations", ())]
    assert tool.expand("{&UNDEFINED PRESSURE}", synsets) == []


def test_a_pattern_applies_to_the_verb_it_was_written_for(built):
    # "(FOR &TALKS)" was written for CONVENE: MEET_WITH does not inherit it
    assert {"type": "AGREE", "prep": ["for"], "prep_object": ["negotiation", "talk"]} in rows(
        built, "convene"
    )
    assert all(r.get("prep") != ["for"] for r in rows(built, "meet"))
    # a multi-word verb is its verb with a preposition
    assert {"type": "CONSULT", "prep": ["with"]} in rows(built, "meet")


def test_null_codes_reverse_codes_and_unreadable_patterns(built):
    # [---] is a use of the verb that is no event: a null entry
    assert {"type": None, "object": ["charge"]} in rows(built, "face")
    assert {"type": None, "object": ["warning"]} in rows(built, "fine")
    # a code for the reversed direction only is skipped
    assert all(r.get("object") != ["pressure"] for r in rows(built, "face"))
    # patterns with words before the verb or with source/target markers are skipped
    assert all(r.get("object") != ["attack"] for r in rows(built, "reprimand"))
    # public statements (CAMEO 01) have no PLOVER type; appeals (02) are requests
    assert all(r.get("object") != ["publicly"] for r in rows(built, "plead"))
    assert {"type": "REQUEST", "mode": "assist", "prep": ["for"], "prep_object": ["help"]} in rows(
        built, "plead"
    )


def test_output_is_a_valid_lexicon_with_attribution(built):
    assert "PETRARCH2" in built["about"] and "CC BY-SA 4.0" in built["about"]
    lexicon = parse_lexicon(json.loads(json.dumps(built)), origin="generated")
    assert ("VERB", "impose") in lexicon.rules


def test_the_packaged_lexicon_covers_all_sixteen_types():
    data = json.loads(
        (ROOT / "detente" / "extract" / "data" / "event_lexicon_cameo.json").read_text("utf-8")
    )
    hand = json.loads(
        (ROOT / "detente" / "extract" / "data" / "event_lexicon.json").read_text("utf-8")
    )
    types = {e["type"] for e in data["verbs"] + hand["verbs"] + hand["nouns"]} - {None}
    assert len(types) == 16


SHARED = ROOT.parent / "shared" / "reference"


@pytest.mark.skipif(
    not (SHARED / "cameo" / "CAMEO.2.0.txt").exists(),
    reason="../shared/reference (the CAMEO dictionary) is not beside this checkout",
)
def test_the_committed_lexicon_is_what_the_builder_makes_of_the_reference(tool):
    """The packaged file is reproducible: rebuilt from ../shared/reference it is unchanged.

    On a difference, run ``tools/build_event_lexicon.py`` and commit its output.
    """
    committed = json.loads(
        (ROOT / "detente" / "extract" / "data" / "event_lexicon_cameo.json").read_text("utf-8")
    )
    rebuilt = json.loads(json.dumps(tool.build(SHARED)))
    assert rebuilt["about"] == committed["about"]
    missing = [e for e in committed["verbs"] if e not in rebuilt["verbs"]]
    extra = [e for e in rebuilt["verbs"] if e not in committed["verbs"]]
    assert (missing[:5], extra[:5]) == ([], [])
    assert rebuilt == committed
