"""Event arguments: who acts on whom, for coordinated groups, agents of states and nominal events.

Sentences are written for these tests (international news of any kind). Docs are
parsed by the base model; actor mentions are set by hand from
:data:`.event_helpers.ACTORS`, extended per test, so the tests pin the coder's
argument rules, not the actor resolver.
"""

from __future__ import annotations

import pytest

from . import event_helpers
from .event_helpers import brief, code

EXTRA_ACTORS = {
    "Macron": ("person.macron_emmanuel", "person", "FRA"),
    "Scholz": ("person.scholz_olaf", "person", "DEU"),
    "Iranian officials": ("IRN", "country", "IRN"),
    "Chilean": ("CHL", "country", "CHL"),
    "Peruvian": ("PER", "country", "PER"),
    "Bolivian officials": ("BOL", "country", "BOL"),
    "European officials": ("grp.europe", "organization", None),
    "US": ("USA", "country", "USA"),
    "Iran": ("IRN", "country", "IRN"),
    "Egyptian": ("EGY", "country", "EGY"),
    "Sudanese ministers": ("SDN", "country", "SDN"),
}


@pytest.fixture(autouse=True)
def _more_actors(monkeypatch):
    for name, entry in EXTRA_ACTORS.items():
        monkeypatch.setitem(event_helpers.ACTORS, name, entry)


def test_between_phrase_on_the_participle_of_a_meeting_noun_names_both_sides(parser):
    text = "The round follows meetings held in Oman between American and Iranian officials."
    assert brief(code(parser, text)) == [("CONSULT", "USA", "IRN")]


def test_two_sides_meeting_at_an_organisations_summit_met_each_other_and_the_body(parser):
    text = "Macron and Scholz held talks on the sidelines of the NATO summit."
    assert sorted(brief(code(parser, text))) == [
        ("CONSULT", "person.macron_emmanuel", "org.nato"),
        ("CONSULT", "person.macron_emmanuel", "person.scholz_olaf"),
        ("CONSULT", "person.scholz_olaf", "org.nato"),
    ]


def test_one_side_at_a_summit_meets_the_body_only(parser):
    text = "Macron held talks on the sidelines of the NATO summit."
    assert brief(code(parser, text)) == [("CONSULT", "person.macron_emmanuel", "org.nato")]


def test_every_state_of_a_list_of_modifiers_is_a_party(parser):
    text = "Chilean, Peruvian and Bolivian officials met in Quito on Sunday."
    assert sorted(brief(code(parser, text))) == [
        ("CONSULT", "CHL", "BOL"),
        ("CONSULT", "CHL", "PER"),
        ("CONSULT", "PER", "BOL"),
    ]


def test_a_collective_ending_a_list_of_modifiers_is_one_of_its_parties(parser):
    text = "US and European officials met in Quito on Sunday."
    assert brief(code(parser, text)) == [("CONSULT", "USA", "grp.europe")]


def test_a_discussion_after_a_call_is_the_same_call(parser):
    text = "Putin spoke with Trump by phone on Thursday. The two leaders discussed grain exports."
    events = code(parser, text, {"Thursday": "2025-02-13"})
    assert brief(events) == [("CONSULT", "person.putin_vladimir", "person.trump_donald")]


@pytest.mark.parametrize(
    "text",
    [
        "Iran rejected the plan proposed by Turkey.",
        "Iran refused to accept the ceasefire put forward by Turkey.",
    ],
)
def test_the_author_of_a_rejected_proposal_is_the_recipient(parser, text):
    assert brief(code(parser, text)) == [("REJECT", "IRN", "TUR")]


def test_a_rejection_without_a_named_author_has_no_recipient(parser):
    text = "Russia rejected the plan, saying it favoured Turkey."
    assert [e for e in code(parser, text) if e.type == "REJECT" and e.target_id] == []


def test_a_meeting_of_two_sides_names_both_parties(parser):
    text = "A meeting of Egyptian and Sudanese ministers took place on Sunday."
    assert brief(code(parser, text)) == [("CONSULT", "EGY", "SDN")]


def test_every_member_listed_for_a_described_group_is_an_actor(parser):
    text = "Countries voting against it at the General Assembly included Iran, Turkey and India."
    assert sorted(brief(code(parser, text))) == [
        ("REJECT", "IND", "org.un.general_assembly"),
        ("REJECT", "IRN", "org.un.general_assembly"),
        ("REJECT", "TUR", "org.un.general_assembly"),
    ]



def test_a_descriptive_apposition_of_a_state_is_not_an_actor(parser):
    text = "Poland, a NATO member, asked Turkey on Monday to hold consultations."
    assert brief(code(parser, text)) == [("REQUEST", "POL", "TUR")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "phrase", "actor"),
    [
        ("Norway, a NATO member, asked the Alliance for help.", "the Alliance", "org.nato"),
        ("The EU met on Monday, and the bloc agreed on a loan.", "the bloc", "org.eu"),
    ],
)
def test_a_definite_nominal_names_the_body_whose_name_or_alias_holds_it(nlp, text, phrase, actor):
    doc = nlp.make_doc(text)
    doc._.published = "2025-09-10"
    doc._.doc_id = "t"
    doc = nlp(doc)
    found = {text[a:b]: actor_id for a, b, actor_id in doc._.mentions}
    assert found.get(phrase) == actor
