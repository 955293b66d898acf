"""Who a later mention of a party is, and when two acts are two events.

Sentences written for these tests, run through the full pipeline with the
package dictionary. They pin general rules of the actor resolver and the coder:

* a definite description ("the Russian banker") that is a clause's subject
  refers to the nearest person named before it, never to one its own sentence
  names (:func:`detente.extract.actors.coref.resolve_description_nominals`);
* an object pronoun of a verb coordinated with another is not bound by their
  shared subject ("X called Y and invited him": him is Y), so the sentence
  codes both acts;
* "both", "they" after a pair of named people are those people;
* a threat or accusation spelled out by a participle of saying ("..., warning
  that Y ...") is aimed at the side that clause names;
* an act told as an earlier occasion ("on two previous occasions") is not a
  repeat of the news act between the same sides.
"""

from __future__ import annotations

import pytest

from detente.extract import Extractor
from tests.extract.event_helpers import extract_text


@pytest.fixture(scope="module")
def extractor(nlp):
    return Extractor(nlp=nlp)


def named(extractor, text):
    """(type, source name, target name) of each event coded from ``text``."""
    result = extract_text(extractor, text)
    name = {a.actor_id: a.name for a in result.actors}
    return [(e.type, name.get(e.source_id), name.get(e.target_id)) for e in result.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kirill Dmitriev landed in Washington on Monday. "
         "The Russian banker met Steve Witkoff on Thursday.",
         ("CONSULT", "Kirill Dmitriev", "Steve Witkoff")),
        # the person the sentence itself names is someone else
        ("Steve Witkoff flew to Moscow on Friday. "
         "The real estate developer met Putin for three hours.",
         ("CONSULT", "Steve Witkoff", "Vladimir Putin")),
        # a state among the modifiers must be the referent's: not Lavrov but Rubio
        ("Rubio spoke with Lavrov on Monday. The American diplomat met Sybiha on Tuesday.",
         ("CONSULT", "Marco Rubio", "Andrii Sybiha")),
    ],
)
def test_description_refers_to_the_person_named_before(extractor, text, expected):
    assert expected in named(extractor, text)


def test_indefinite_description_is_someone_new(extractor):
    text = "Putin met Witkoff in Moscow on Friday. A billionaire investor later met Lavrov."
    assert not [e for e in named(extractor, text) if e[2] == "Sergei Lavrov"]


def test_description_of_another_state_is_no_earlier_person(extractor):
    """No Ukrainian was named before: "the Ukrainian diplomat" is Ukraine, not Rubio or Lavrov."""
    text = "Rubio spoke with Lavrov on Monday. The Ukrainian diplomat met Rubio on Tuesday."
    assert ("CONSULT", "Ukraine", "Marco Rubio") in named(extractor, text)


def test_earlier_occasion_is_another_event(extractor):
    text = (
        "Witkoff met Putin in Moscow on Friday. "
        "Witkoff had met Putin on two previous occasions."
    )
    assert named(extractor, text).count(("CONSULT", "Steve Witkoff", "Vladimir Putin")) == 2


def test_past_perfect_retelling_is_the_same_event(extractor):
    text = (
        "Witkoff met Putin in Moscow on Friday. "
        "Witkoff had met Putin for five hours, Peskov said."
    )
    assert named(extractor, text).count(("CONSULT", "Steve Witkoff", "Vladimir Putin")) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump spoke with Putin by phone on Tuesday and invited him to Washington.",
         [("CONSULT", "Donald Trump", "Vladimir Putin"),
          ("AGREE", "Donald Trump", "Vladimir Putin")]),
        ("Erdogan phoned Zelensky on Monday and offered to host him in Istanbul.",
         [("CONSULT", "Recep Tayyip Erdoğan", "Volodymyr Zelensky"),
          ("AGREE", "Recep Tayyip Erdoğan", "Volodymyr Zelensky")]),
    ],
)
def test_coordinated_acts_keep_their_counterpart(extractor, text, expected):
    found = named(extractor, text)
    assert all(e in found for e in expected), found


def test_group_pronoun_is_the_named_pair(extractor):
    text = "Lavrov and Wang Yi met in Beijing. Both agreed to deepen their partnership."
    assert ("AGREE", "Sergei Lavrov", "Wang Yi") in named(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erdogan stepped up his threats on Tuesday, warning that Greece would pay a heavy "
         "price.", ("THREATEN", "Recep Tayyip Erdoğan", "Greece")),
        ("Lukashenko lashed out at reporters, saying that Poland was preparing a provocation.",
         ("ACCUSE", "Alexander Lukashenko", "Poland")),
    ],
)
def test_participle_of_saying_names_the_target(extractor, text, expected):
    assert expected in named(extractor, text)


def test_participle_of_saying_does_not_retarget_an_agreement(extractor):
    """Only threats and accusations take their target from such a clause."""
    found = named(extractor, "Hungary agreed to the plan, saying that Ukraine would benefit.")
    assert not [e for e in found if e[2] == "Ukraine"]
