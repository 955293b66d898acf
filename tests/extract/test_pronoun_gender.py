"""Gender-aware pronoun resolution, on sentences written for these tests.

Pins three things: the actor dictionary's optional ``gender`` field (package
data and validation), where the resolver takes the gender of a person the
dictionary lacks (an honorific or a gendered role noun, never a later
pronoun), and that a gendered pronoun skips people of the other gender while
people of unknown gender stay eligible.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from spacy.tokens import Doc

from detente.errors import InputError
from detente.extract.actors import ActorDictionary, ActorEntry
from detente.extract.actors.dictionary import GENDERS
from detente.extract.actors.pronouns import _agree, _role_gender
from detente.extract.actors.resolver import ActorResolver


def mentions(doc) -> dict[str, str]:
    """Mention text -> actor id (the last mention wins for a repeated text)."""
    return {doc.text[a:b]: actor for a, b, actor in doc._.mentions}


_GENDER_OF = {
    "person.hrytsenko_olena": "female",
    "person.lavrov_sergei": "male",
    "person.trump_donald": "male",
    "person.putin_vladimir": "male",
}


@pytest.fixture(scope="module")
def gendered_dictionary(small_dictionary) -> ActorDictionary:
    """The small test dictionary with genders on four people and one person without."""
    entries = [
        dataclasses.replace(e, gender=_GENDER_OF[e.id]) if e.id in _GENDER_OF else e
        for e in small_dictionary
    ]
    entries.append(ActorEntry("person.quill_sasha", "Sasha Quill", "person", "CAN"))
    return ActorDictionary(entries, source="tests")


@pytest.fixture
def run_gendered(nlp_small, gendered_dictionary):
    """Run text through the real model and a resolver on the gendered dictionary."""
    model, _resolver, _dates, _quotes = nlp_small
    resolver = ActorResolver(dictionary=gendered_dictionary)

    def run(text: str):
        doc = model.make_doc(text)
        doc._.published = "2025-02-19"
        doc._.doc_id = "test"
        return resolver(model(doc))

    return run


# -- the dictionary field ---------------------------------------------------------


def test_package_people_carry_a_valid_gender_and_nobody_else_does():
    actors = ActorDictionary.load()
    people = [e for e in actors if e.type == "person"]
    assert people and all(e.gender in GENDERS for e in people)
    assert all(e.gender is None for e in actors if e.type != "person")
    assert actors.get("person.zakharova_maria").gender == "female"
    assert actors.get("person.lavrov_sergei").gender == "male"
    assert {e.gender for e in people} == GENDERS


def _write(tmp_path, actors):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"description": "t", "actors": actors}), encoding="utf-8")
    return path


def test_gender_is_optional_and_loaded(tmp_path):
    path = _write(
        tmp_path,
        [
            {"id": "person.roe_jane", "name": "Jane Roe", "type": "person", "gender": "female"},
            {"id": "person.poe_kim", "name": "Kim Poe", "type": "person"},
            {"id": "person.moe_lee", "name": "Lee Moe", "type": "person", "gender": None},
        ],
    )
    actors = ActorDictionary.from_files(path, include_package=False)
    assert actors.get("person.roe_jane").gender == "female"
    assert actors.get("person.poe_kim").gender is None
    assert actors.get("person.moe_lee").gender is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"id": "person.x", "name": "X", "type": "person", "gender": "Female"},
            r"actors\[0\] \(person\.x\) field 'gender': must be 'female', 'male' or null",
        ),
        (
            {"id": "person.x", "name": "X", "type": "person", "gender": 1},
            r"field 'gender'",
        ),
        (
            {"id": "org.x", "name": "X", "type": "organization", "gender": "male"},
            r"actors\[0\] \(org\.x\) field 'gender': only people",
        ),
    ],
)
def test_bad_gender_names_file_entry_and_field(tmp_path, raw, message):
    path = _write(tmp_path, [raw])
    with pytest.raises(InputError, match=message) as info:
        ActorDictionary.from_files(path, include_package=False)
    assert str(path) in str(info.value)


# -- helpers ----------------------------------------------------------------------


def test_role_nouns_state_a_gender_and_conflicts_show():
    assert _role_gender("Foreign Ministry spokeswoman") == {"female"}
    assert _role_gender("chairman of the oversight board") == {"male"}
    assert _role_gender("senior analyst at a think tank") == set()
    assert _role_gender(None) == set()
    assert _role_gender("spokesman, later chairwoman") == {"male", "female"}
    # "woman" inside another word is no evidence
    assert _role_gender("womanhood researcher") == set()


def test_only_a_known_other_gender_excludes():
    genders = {"a": "female", "b": "male"}
    assert _agree(genders, "a", "female") and not _agree(genders, "a", "male")
    assert _agree(genders, "b", "male") and not _agree(genders, "b", "female")
    assert _agree(genders, "c", "female") and _agree(genders, "c", "male")
    assert _agree(genders, "a", None)


# -- a hand-built Doc: the rule without the statistical model ----------------------


def _hand_built(vocab) -> Doc:
    """ "Lavrov met Olena Hrytsenko. She smiled." parsed by hand (no statistical model)."""
    return Doc(
        vocab,
        words=["Lavrov", "met", "Olena", "Hrytsenko", ".", "She", "smiled", "."],
        spaces=[True, True, True, False, True, True, False, False],
        heads=[1, 1, 3, 1, 1, 6, 6, 6],
        deps=["nsubj", "ROOT", "compound", "dobj", "punct", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"],
        ents=["B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"],
    )


def test_hand_built_doc_she_skips_the_more_salient_man(blank, gendered_dictionary):
    # By salience alone "She" would be the subject, Lavrov.
    doc = ActorResolver(dictionary=gendered_dictionary)(_hand_built(blank.vocab))
    assert mentions(doc)["She"] == "person.hrytsenko_olena"
    all_male = ActorDictionary(
        [
            dataclasses.replace(e, gender="male") if e.type == "person" else e
            for e in gendered_dictionary
        ],
        source="tests",
    )
    doc = ActorResolver(dictionary=all_male)(_hand_built(blank.vocab))
    assert "She" not in mentions(doc)  # no woman, no referent


# -- the real model -----------------------------------------------------------------


def test_spokeswoman_then_a_man_then_she_said(run_gendered):
    doc = run_gendered(
        "Alliance spokeswoman Ingrid Solberg briefed the press corps on Monday. "
        "Sergei Lavrov arrived an hour later. "
        "She said the next round would open in April."
    )
    found = mentions(doc)
    assert found["Ingrid Solberg"] == "person.adhoc.ingrid_solberg"
    assert found["She"] == "person.adhoc.ingrid_solberg"


def test_dictionary_genders_pick_each_pronoun(run_gendered):
    doc = run_gendered(
        "Sergei Lavrov met Olena Hrytsenko in Vienna on Thursday. "
        "She told him that the prisoner lists were ready."
    )
    found = mentions(doc)
    assert found["She"] == "person.hrytsenko_olena"
    assert found["him"] == "person.lavrov_sergei"


def test_he_skips_a_woman_who_is_the_subject(run_gendered):
    doc = run_gendered(
        "Olena Hrytsenko welcomed Sergei Lavrov to the conference hall. "
        "He thanked the organisers for the invitation."
    )
    assert mentions(doc)["He"] == "person.lavrov_sergei"


def test_honorifics_state_the_gender_of_unknown_people(run_gendered):
    doc = run_gendered(
        "Ms. Varga hosted Mr. Okafor at the embassy on Friday. He praised the food and the music."
    )
    found = mentions(doc)
    assert found["Varga"] == "person.adhoc.varga" and found["Okafor"] == "person.adhoc.okafor"
    assert found["He"] == "person.adhoc.okafor"


def test_a_gendered_noun_in_an_apposition_states_the_gender(run_gendered):
    doc = run_gendered(
        "Tobias Lindgren, the chairman of the monitoring board, "
        "spoke after Ms. Achterberg on Tuesday. "
        "She called for more inspectors."
    )
    assert mentions(doc)["She"] == "person.adhoc.achterberg"


def test_unknown_gender_stays_eligible(run_gendered):
    doc = run_gendered(
        "Sasha Quill opened the session with a short statement. "
        "She said the ceasefire lines were stable."
    )
    assert mentions(doc)["She"] == "person.quill_sasha"
    doc = run_gendered(
        "Sasha Quill opened the session with a short statement. "
        "He said the ceasefire lines were stable."
    )
    assert mentions(doc)["He"] == "person.quill_sasha"


def test_a_following_pronoun_is_no_evidence_of_gender(run_gendered):
    # "she" refers to the name before it, but must not fix that person's gender:
    # the later "He" may still refer to the same (unknown-gender) person.
    doc = run_gendered(
        "Sasha Quill will chair the first session, she said on Sunday. "
        "He will also open the second one."
    )
    assert mentions(doc)["He"] == "person.quill_sasha"


def test_no_agreeing_candidate_leaves_the_pronoun_unresolved(run_gendered):
    doc = run_gendered(
        "Donald Trump phoned Vladimir Putin on Wednesday. She said the call went well."
    )
    assert "She" not in mentions(doc)


def test_fronted_possessive_needs_agreement_with_the_main_subject(run_gendered):
    doc = run_gendered("During her visit to Kyiv, Donald Trump praised the hosts.")
    assert mentions(doc).get("her") != "person.trump_donald"
    doc = run_gendered("During his visit to Kyiv, Donald Trump praised the hosts.")
    assert mentions(doc)["his"] == "person.trump_donald"


def test_the_subject_pronoun_of_a_report_is_its_speaker(run_gendered):
    # the later subject inside the report ("Putin") does not take the pronoun over
    doc = run_gendered(
        "Donald Trump said on Friday that Vladimir Putin wants a deal, "
        "adding that he hopes to meet Putin soon."
    )
    assert mentions(doc)["he"] == "person.trump_donald"
    doc = run_gendered(
        "Sergei Lavrov said the Kremlin had studied the text and that he would reply soon."
    )
    assert mentions(doc)["he"] == "person.lavrov_sergei"
    # a pronoun of the other gender is not the speaker
    doc = run_gendered("Olena Hrytsenko said that he would not sign the paper.")
    assert mentions(doc).get("he") != "person.hrytsenko_olena"
