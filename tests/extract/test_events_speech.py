"""Reported speech and stated commitments in the event coder.

"X said it would ..." codes what announcing the act amounts to (PLOVER: a stated
future cooperative act is AGREE, a stated future hostile act THREATEN); an
announced meeting is AGREE (guidelines, Clarification 7); a third party's
forecast of others' acts is not an event. Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from detente.extract.events.factuality import obstacles
from detente.extract.events.speech import reporting_verb

from .event_helpers import brief, code, make


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cooperative act the speaker's side will do: a commitment
        ("Moscow said it would send envoys to Kyiv.", [("AGREE", "RUS", "UKR")]),
        ("Zelensky said he would meet Putin in Turkey.", [
            ("AGREE", "person.zelensky_volodymyr", "person.putin_vladimir")
        ]),
        # a hostile act the speaker's side will do: a threat
        ("Lukashenko said he would attack Poland.", [
            ("THREATEN", "person.lukashenko_alexander", "POL")
        ]),
        # the speaker's side among those who will meet: its counterpart is the other side
        ("Lavrov said Moscow and Washington would hold talks.", [
            ("AGREE", "person.lavrov_sergei", "USA")
        ]),
        # a third party's forecast of others' acts is not a statement of either
        ("Trump said Putin would meet Zelensky.", []),
        # a statement that may be made is no statement
        ("Putin may say that Russia will meet Ukraine.", []),
    ],
)
def test_stated_future_acts(parser, text, expected):
    assert brief(code(parser, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the text announces a meeting: AGREE of its first party
        ("Trump will meet Putin in Alaska.", [
            ("AGREE", "person.trump_donald", "person.putin_vladimir")
        ]),
        ("Zelensky is set to visit Ankara to meet Turkey's leaders.", [
            ("AGREE", "person.zelensky_volodymyr", "TUR")
        ]),
        ("Putin is scheduled to meet Modi.", [
            ("AGREE", "person.putin_vladimir", "person.modi_narendra")
        ]),
        # readiness stated as a fact
        ("Russia is ready to meet Ukraine.", [("AGREE", "RUS", "UKR")]),
        ("Moscow is open to talks with Kyiv.", [("AGREE", "RUS", "UKR")]),
        # "would" on the text's own authority is a hypothetical; a forecast of a hostile act
        # is nobody's threat
        ("Trump would meet Putin.", []),
        ("Russia will attack Ukraine.", []),
        # a meeting named as scheduled is an announced one (Clarification 7) ...
        ("Trump's upcoming visit to Moscow drew criticism.", [
            ("AGREE", "person.trump_donald", "RUS")
        ]),
        ("Lavrov said the planned talks between Moscow and Washington would be short.", [
            ("AGREE", "person.lavrov_sergei", "USA")
        ]),
        # ... unless called off, and a possible or proposed one is not announced
        ("The planned summit between Trump and Putin was cancelled.", []),
        ("Washington called off the scheduled talks with Moscow.", [("REJECT", "USA", "RUS")]),
        ("A potential summit between Trump and Putin is being discussed.", []),
        ("The proposed meeting between Trump and Putin would be in Istanbul.", []),
    ],
)
def test_announcements_on_the_texts_authority(parser, text, expected):
    assert brief(code(parser, text)) == expected


def test_a_pronoun_the_resolver_left_open_is_the_speaker(parser):
    # no mention for "it": in a reported clause it is the one who spoke
    assert brief(code(parser, "Russia said it was ready to meet Ukraine.")) == [
        ("AGREE", "RUS", "UKR")
    ]


def test_partial_quotation_with_the_actor_outside_the_marks(parser):
    text = 'Moscow "is ready to meet Kyiv" at any time.'
    assert brief(code(parser, text)) == [("AGREE", "RUS", "UKR")]
    # a full quotation stays the speaker's words
    assert code(parser, '"We are ready to meet Kyiv," a diplomat said.') == []


def test_reporting_verb_and_obstacles(parser):
    doc = make(parser, "Moscow said it would meet Kyiv.")
    meet = doc[4]
    assert meet.text == "meet"
    assert reporting_verb(meet).text == "said"
    assert obstacles(meet) == {"would"}


def test_distinct_promises_stay_apart(parser):
    text = "Moscow said it would send envoys to Kyiv. Moscow said it would meet Kyiv."
    assert brief(code(parser, text)) == [("AGREE", "RUS", "UKR")] * 2
