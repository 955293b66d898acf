"""Acts made inside direct quotations (:mod:`detente.extract.events.quoted`).

Sentences written for these tests, run through the full pipeline with the
package dictionary: a directed act (threat, accusation, demand, refusal) that a
quotation makes in the speaker's own voice is the speaker's act; a quotation
that reports someone else's act, or a negated or hypothetical one, codes nothing.
"""

from __future__ import annotations

from datetime import date

import pytest

from detente.extract import Extractor

from .event_helpers import event_states as states
from .event_helpers import extract_text


@pytest.fixture(scope="module")
def extractor(nlp):
    return Extractor(nlp=nlp)


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
    ('"We will launch strikes on Iranian nuclear sites if talks fail," the Israeli defence '
     "minister said.", "THREATEN", "ISR", "IRN"),
    ('"Our army will strike back against Azerbaijan," the Armenian prime minister said.',
     "THREATEN", "ARM", "AZE"),
    # the quotation is its own sentence after the attribution
    ('Polish Prime Minister Donald Tusk said: "We condemn the Belarusian provocation."',
     "ACCUSE", "POL", "BLR"),
]

QUOTED_SILENT = [
    # someone else's threat or accusation, reported by the speaker
    '"Iran has threatened to close the strait," Rubio said.',
    '"China accuses us of lying," the Philippine foreign minister said.',
    # negated, modal, hypothetical
    '"We will not attack Lithuania," the Belarusian president said.',
    '"We could impose sanctions on Belarus," Tusk said.',
    '"We would never strike Iran," the Israeli prime minister said.',
    # the act named is the other side's, not one the speaker will do
    '"We will remember every Russian attack," Zelensky said.',
    '"Their army will strike our villages," the Armenian prime minister said.',
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


def test_quoted_threat_is_dated_when_said(extractor):
    """The threat is made on Monday, whatever day it names for the sanctions."""
    text = '"We will impose sanctions on Belarus on June 20," Tusk said on Monday.'
    events = extract_text(extractor, text, date(2025, 6, 11)).events
    assert [(e.type, e.date) for e in events] == [("THREATEN", "2025-06-09")]
