"""Acts inside direct quotations, descriptions of a named person, earlier occasions.

Sentences written for these tests, run through the full pipeline with the
package dictionary. They pin three general rules of the event coder and the
actor resolver:

* a directed act (threat, accusation, demand, refusal) that a quotation makes
  in the speaker's own voice is the speaker's act
  (:mod:`detente.extract.events.quoted`); a quotation that reports someone
  else's act, or a negated or hypothetical one, codes nothing;
* a definite description ("the Russian banker") that is a clause's subject
  refers to the nearest person named before it
  (:func:`detente.extract.components.coref.resolve_description_nominals`);
* an act told as an earlier occasion ("on two previous occasions") is not a
  repeat of the news act between the same sides.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from detente.extract import Extractor
from detente.ingest.records import Article

from .event_helpers import event_states as states


@pytest.fixture(scope="module")
def extractor(nlp):
    return Extractor(nlp=nlp)


def named(extractor, text):
    """(type, source name, target name) of each event coded from ``text``."""
    art = Article(
        "q.txt", "q.txt", text, hashlib.sha256(text.encode()).hexdigest(),
        published=date(2025, 6, 10),
    )
    result = extractor.extract(art)
    name = {a.actor_id: a.name for a in result.actors}
    return [(e.type, name.get(e.source_id), name.get(e.target_id)) for e in result.events]


QUOTED_ACTS = [
    # (sentence, PLOVER type, speaker's state, target state)
    ('"We will strike back against Iran if it attacks again," the Israeli prime minister said.',
     "THREATEN", "ISR", "IRN"),
    ('"Poland will impose sanctions on Belarus next week," Polish Prime Minister Donald Tusk '
     "said.", "THREATEN", "POL", "BLR"),
    ('"We reject the Chinese proposal," the Philippine foreign minister told reporters.',
     "REJECT", "PHL", "CHN"),
    ('"We condemn Russia\'s attack on Kyiv," German Chancellor Friedrich Merz said on Monday.',
     "ACCUSE", "DEU", "RUS"),
    ('"We demand that Venezuela release the detained Americans," Rubio said.',
     "REQUEST", "USA", "VEN"),
]

QUOTED_SILENT = [
    # someone else's threat or accusation, reported by the speaker
    '"Iran has threatened to close the strait," Rubio said.',
    '"China accuses us of lying," the Philippine foreign minister said.',
    # negated, modal, hypothetical
    '"We will not attack Lithuania," the Belarusian president said.',
    '"We could impose sanctions on Belarus," Tusk said.',
    '"We would never strike Iran," the Israeli prime minister said.',
]


@pytest.mark.parametrize(("text", "kind", "source", "target"), QUOTED_ACTS)
def test_quoted_act_is_the_speakers(extractor, text, kind, source, target):
    assert (kind, source, target) in states(extractor, text)


@pytest.mark.parametrize("text", QUOTED_SILENT)
def test_quoted_report_negation_or_hypothesis_codes_nothing(extractor, text):
    assert states(extractor, text) == []


def test_quoted_act_needs_a_speaker(extractor):
    """Without an attributed speaker the quoted words are no one's act."""
    text = '"We condemn Russia\'s attack on Kyiv."'
    assert states(extractor, text) == []


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
