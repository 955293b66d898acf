"""Event triggers: what counts as an event and its PLOVER type (issue 9).

Each rule is general in form and pinned by sentences written for it, about
international news of any kind. Mentions are set by hand (``event_helpers``)
from its actors and a few more states named here.
"""

from __future__ import annotations

import pytest

from .event_helpers import brief, code

pytestmark = pytest.mark.usefixtures("world_actors")


# --- the recipient of a speech act named in its content ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beijing threatened to impose tariffs on Japanese cars.", [("THREATEN", "CHN", "JPN")]),
        (
            "Turkey offered to host talks between Russia and Ukraine.",
            [("AGREE", "TUR", "RUS"), ("AGREE", "TUR", "UKR")],
        ),
        # a reason or circumstance inside the content names no recipient (a threat with no
        # addressee is kept with a null target)
        ("Tokyo threatened to walk out because of Chinese pressure.", [("THREATEN", "JPN", None)]),
    ],
)
def test_speech_act_recipient_in_its_content(parser, text, expected):
    assert brief(code(parser, text)) == expected


# --- warnings and plans as statements of a future act ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a warning of one's own hostile act is a threat
        ("Iran warned that it would strike Israel.", [("THREATEN", "IRN", "ISR")]),
        # a plan stated by its actor is a commitment, like "will"
        ("Modi said he plans to visit Japan in May.", [("AGREE", "person.modi_narendra", "JPN")]),
        ("Brazil plans to send aid to Egypt.", [("AGREE", "BRA", "EGY")] * 2),
        # a hostile plan is a threat only when its actor states it
        ("Russia said it plans to strike Kyiv.", [("THREATEN", "RUS", "UKR")]),
        ("Russia plans to strike Kyiv.", []),
        # another's plan, hoped or expected, is no statement of the speaker's
        ("Germany hopes to sign an accord with Japan.", []),
    ],
)
def test_warnings_and_plans(parser, text, expected):
    assert brief(code(parser, text)) == expected


def test_speaking_to_an_actor_is_a_conversation(parser):
    assert brief(code(parser, "Erdogan spoke to Putin on Monday.")) == [
        ("CONSULT", "person.erdogan_recep", "person.putin_vladimir")
    ]
    # to the press or to reporters of a state it is not
    assert brief(code(parser, "Erdogan spoke to Russian reporters on Monday.")) == []


def test_a_discussion_after_a_call_is_the_call(parser):
    text = "Trump spoke with Putin by phone. The two leaders discussed trade."
    assert brief(code(parser, text)) == [
        ("CONSULT", "person.trump_donald", "person.putin_vladimir")
    ]


# --- lexicon entries for weak types --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # refusals: leaving talks, turning down an offer
        ("Iran walked away from the talks with Israel.", [("REJECT", "IRN", "ISR")]),
        ("Egypt pulled out of the negotiations with Israel.", [("REJECT", "EGY", "ISR")]),
        ("Japan turned down an offer from China.", [("REJECT", "JPN", "CHN")]),
        # penalties: tariffs slapped or imposed, assets frozen, imports banned
        ("Washington slapped tariffs on Chinese steel.", [("SANCTION", "USA", "CHN")]),
        ("Japan imposed export restrictions on China.", [("SANCTION", "JPN", "CHN")]),
        ("Germany froze the assets of Russian banks.", [("SANCTION", "DEU", "RUS")]),
        ("Japan banned imports from Russia.", [("SANCTION", "JPN", "RUS")]),
        # an investigation is an accusation; a diplomatic protest too
        ("Egypt opened an investigation into Israel.", [("ACCUSE", "EGY", "ISR")]),
        ("Poland lodged a protest with Russia.", [("ACCUSE", "POL", "RUS")]),
        ("Poland protested to Moscow.", [("ACCUSE", "POL", "RUS")]),
        # recognition and restored ties are support, the latter of both sides
        ("Brazil recognised Israel.", [("SUPPORT", "BRA", "ISR")]),
        ("Egypt and Iran restored diplomatic relations.", [("SUPPORT", "EGY", "IRN")]),
        # sharing intelligence is cooperation; an exchange of prisoners too (both ways)
        ("Germany shared intelligence with Ukraine.", [("COOPERATE", "DEU", "UKR")]),
        (
            "Israel and Egypt exchanged prisoners.",
            [("COOPERATE", "ISR", "EGY"), ("COOPERATE", "EGY", "ISR")],
        ),
        # handing over prisoners or bodies is a release
        ("Russia handed over 50 prisoners to Ukraine.", [("RETREAT", "RUS", "UKR")]),
        # a loan granted is aid
        ("China granted a loan to Egypt.", [("AID", "CHN", "EGY")]),
        # warships, troops and alerts are mobilisation; drills are a show of force
        ("Washington sent warships to Iran.", [("MOBILIZE", "USA", "IRN")]),
        ("Israel placed its army on alert against Iran.", [("MOBILIZE", "ISR", "IRN")]),
        ("China held military drills near Japan.", [("MOBILIZE", "CHN", "JPN")]),
        # an appeal, a call for, a warning and a request as nouns
        ("Egypt issued an appeal to Israel.", [("REQUEST", "EGY", "ISR")]),
        ("Iran issued a warning to Israel.", [("THREATEN", "IRN", "ISR")]),
        ("Japan made a request to China.", [("REQUEST", "JPN", "CHN")]),
    ],
)
def test_weak_type_entries(parser, text, expected):
    assert brief(code(parser, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whose proposal is rejected, whose agreement is welcomed: named in the object
        ("Israel rejected the plan put forward by Egypt.", [("REJECT", "ISR", "EGY")]),
        (
            "Brazil welcomed the agreement between Israel and Egypt.",
            [("SUPPORT", "BRA", "ISR"), ("SUPPORT", "BRA", "EGY")],
        ),
    ],
)
def test_recipient_named_in_the_object(parser, text, expected):
    assert brief(code(parser, text)) == expected


def test_an_act_in_an_after_phrase_happened_whatever_the_main_clause_denies(parser):
    # "after calling X thieves" takes the naming as done, though the main clause is negated
    text = "Two days after calling the Ukrainian leaders thieves, Putin has not apologised."
    assert brief(code(parser, text)) == [("ACCUSE", "person.putin_vladimir", "UKR")]
    # the main clause's own negation still holds for it
    assert brief(code(parser, "After the talks, Putin did not call the Ukrainians thieves.")) == []


def test_a_refusal_takes_its_recipient_from_what_is_refused(parser):
    text = "Israel did not agree to the truce proposed by Egypt."
    assert brief(code(parser, text)) == [("REJECT", "ISR", "EGY")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # naming someone with an epithet is an accusation, by any verb of naming
        ("Tokyo labelled Beijing a bully.", [("ACCUSE", "JPN", "CHN")]),
        ("Iran described Israel as an aggressor.", [("ACCUSE", "IRN", "ISR")]),
        # a neutral description is not
        ("Iran described Israel as a neighbour.", []),
    ],
)
def test_naming_with_an_epithet(parser, text, expected):
    assert brief(code(parser, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # refusing to take part in a meeting is a rejection of it
        ("Iran will not take part in the talks with Israel.", [("REJECT", "IRN", "ISR")]),
        ("Japan did not participate in the summit with China.", [("REJECT", "JPN", "CHN")]),
    ],
)
def test_refusing_to_take_part(parser, text, expected):
    assert brief(code(parser, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # accepting the other side's demands or control is a concession, an offer an agreement
        ("Egypt accepted the demands of Israel.", [("CONCEDE", "EGY", "ISR")]),
        ("Japan accepted Chinese control of the islands.", [("CONCEDE", "JPN", "CHN")]),
        ("Egypt accepted an offer from Israel.", [("AGREE", "EGY", "ISR")]),
        ("Egypt ceded the islands to Israel.", [("CONCEDE", "EGY", "ISR")]),
    ],
)
def test_accepting_demands_is_a_concession(parser, text, expected):
    assert brief(code(parser, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party's call for a truce with its enemy is an offer (guidelines: AGREE)
        ("Israel called for a truce with Iran.", [("AGREE", "ISR", "IRN")]),
        # a third party's call for peace between others is a request to them
        (
            "Brazil called for peace between Israel and Iran.",
            [("REQUEST", "BRA", "ISR"), ("REQUEST", "BRA", "IRN")],
        ),
        # a call for talks names whom they are with
        ("Japan called for talks with China.", [("REQUEST", "JPN", "CHN")]),
    ],
)
def test_calls_for_peace(parser, text, expected):
    assert brief(code(parser, text)) == expected


def test_an_invitation_extended_is_an_agreement(parser):
    # guidelines: invitations are AGREE (CAMEO reads an extended invitation as an appeal)
    assert brief(code(parser, "Tokyo extended an invitation to Egypt.")) == [
        ("AGREE", "JPN", "EGY")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a promised easing of sanctions is a verbal concession (guidelines: CONCEDE)
        ("Washington promised to lift sanctions on Iran.", [("CONCEDE", "USA", "IRN")]),
        ("Japan said it would ease sanctions on China.", [("CONCEDE", "JPN", "CHN")]),
        # a promise of another cooperative act stays an agreement
        ("Japan promised to send aid to Egypt.", [("AGREE", "JPN", "EGY")]),
    ],
)
def test_promised_concessions(parser, text, expected):
    assert brief(code(parser, text)) == expected


def test_a_strike_on_a_region_targets_the_state_it_belongs_to(parser):
    text = "Palestinian officials said Israel bombed Gaza overnight."
    assert brief(code(parser, text)) == [("ASSAULT", "ISR", "PSE")]
