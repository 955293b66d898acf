"""Event recall, round 2 of issue 9: forms of events the coder used to miss.

Each rule is general in form and pinned by sentences written for it, about
international news of any kind. Mentions are set by hand (``event_helpers``).
"""

from __future__ import annotations

import pytest

from .event_helpers import brief, code

pytestmark = pytest.mark.usefixtures("world_actors")


# --- a warning of one's own act is a threat ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan warned that it would not tolerate further Chinese incursions.",
            [("THREATEN", "JPN", "CHN")],
        ),
        (
            "Erdogan warned on Sunday that he could close the airspace to Greek aircraft.",
            [("THREATEN", "person.erdogan_recep", "GRC")],
        ),
        # a warning about what others or events may do is no threat of the speaker
        ("Erdogan warned that the dispute with Greece could escalate.", []),
        ("Japan warned that Chinese vessels would face checks.", []),
        # a warning that reports no future act of the speaker
        ("Japan warned that it had detected Chinese drones near the coast.", []),
    ],
)
def test_a_warning_of_the_speakers_own_act_is_a_threat(parser, text, expected):
    assert brief(code(parser, text)) == expected


# --- a series of verbs the parser broke up shares its subject ------------------------


def test_a_series_of_verbs_shares_the_subject_of_its_first_verb(parser):
    text = (
        "In a long speech, Erdogan once again railed against Israel, praised Egypt for "
        "its mediation, and promised aid to the Palestinian territories."
    )
    assert brief(code(parser, text)) == [
        ("ACCUSE", "person.erdogan_recep", "ISR"),
        ("SUPPORT", "person.erdogan_recep", "EGY"),
        ("AGREE", "person.erdogan_recep", "PSE"),
    ]


def test_a_subordinated_clause_lends_no_subject(parser):
    # "after X met Y" is a time, not the first verb of a series: "praised" has no actor
    text = "After Erdogan met Zelensky, praised the Egyptian mediation."
    assert brief(code(parser, text)) == [
        ("CONSULT", "person.erdogan_recep", "person.zelensky_volodymyr")
    ]


# --- an opening made for an act, and a promised material concession -------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "opened the door to" an act: a stated readiness, not the act
        (
            "Erdogan opened the door to releasing the Greek soldiers detained in March.",
            [("CONCEDE", "person.erdogan_recep", "GRC")],
        ),
        # a promised withdrawal is a verbal concession, as a declared truce is
        (
            "Japan said it would withdraw its troops from Chinese territory.",
            [("CONCEDE", "JPN", "CHN")],
        ),
        # done, it is the material concession itself
        ("Israel withdrew its forces from Egypt.", [("RETREAT", "ISR", "EGY")]),
    ],
)
def test_an_opened_door_and_a_promised_withdrawal_are_concessions(parser, text, expected):
    assert brief(code(parser, text)) == expected


# --- an act named as the reason of a speech act is an event of its own ----------------


def test_an_act_given_as_a_reason_is_not_the_content_of_a_request(parser):
    text = (
        "Japan asked the Security Council to meet because of the Chinese attack on "
        "Japanese ships."
    )
    assert ("ASSAULT", "CHN", "JPN") in brief(code(parser, text))
    text = (
        "Poland asked NATO for consultations due to a Russian drone incursion into Poland "
        "last night."
    )
    assert brief(code(parser, text)) == [
        ("REQUEST", "POL", "org.nato"),
        ("ASSAULT", "RUS", "POL"),
    ]


# --- the recipient named nearest in a speech act's content -----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Greece is addressed; Egypt only says what Greece's stance is about
        (
            "Erdogan warned that he would not tolerate Greece's stance on the talks with Egypt.",
            [("THREATEN", "person.erdogan_recep", "GRC")],
        ),
        # two recipients named at the same depth are both addressed
        (
            "Erdogan threatened to cut trade with Greece and Egypt.",
            [
                ("THREATEN", "person.erdogan_recep", "GRC"),
                ("THREATEN", "person.erdogan_recep", "EGY"),
            ],
        ),
    ],
)
def test_a_speech_act_addresses_the_nearest_actor_of_its_content(parser, text, expected):
    assert brief(code(parser, text)) == expected


# --- widening a war is an attack ------------------------------------------------------


def test_expanding_or_escalating_a_war_is_an_attack(parser):
    text = "Erdogan escalated the conflict with Greece."
    assert brief(code(parser, text)) == [("ASSAULT", "person.erdogan_recep", "GRC")]
    # a second, later attack on the same side is its own event
    text = "Russia attacked Ukraine in 2014 and then expanded the war in 2022."
    events = code(parser, text, dates={"2014": "2014", "2022": "2022"})
    assert [(e.type, e.source_id, e.target_id, e.date) for e in events] == [
        ("ASSAULT", "RUS", "UKR", "2014"),
        ("ASSAULT", "RUS", "UKR", "2022"),
    ]
    # expanding something else is no attack
    assert code(parser, "Japan expanded its trade with China.") == []
