"""Event triggers: what counts as an event and its PLOVER type (issue 9).

Each rule is general in form and pinned by sentences written for it, about
international news of any kind. Mentions are set by hand (``event_helpers``)
from its actors and a few more states named here.
"""

from __future__ import annotations

import pytest

from . import event_helpers
from .event_helpers import brief, code

MORE_ACTORS = {
    "China": ("CHN", "country", "CHN"),
    "Beijing": ("CHN", "country", "CHN"),
    "Chinese": ("CHN", "country", "CHN"),
    "Japan": ("JPN", "country", "JPN"),
    "Tokyo": ("JPN", "country", "JPN"),
    "Japanese": ("JPN", "country", "JPN"),
    "Iran": ("IRN", "country", "IRN"),
    "Israel": ("ISR", "country", "ISR"),
    "Israeli": ("ISR", "country", "ISR"),
    "Egypt": ("EGY", "country", "EGY"),
    "Brazil": ("BRA", "country", "BRA"),
    "Germany": ("DEU", "country", "DEU"),
    "Erdogan": ("person.erdogan_recep", "person", "TUR"),
}


@pytest.fixture(autouse=True)
def more_actors(monkeypatch):
    monkeypatch.setattr(event_helpers, "ACTORS", {**event_helpers.ACTORS, **MORE_ACTORS})


# --- the recipient of a speech act named in its content ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beijing threatened to impose tariffs on Japanese cars.", [("THREATEN", "CHN", "JPN")]),
        (
            "Turkey offered to host talks between Russia and Ukraine.",
            [("AGREE", "TUR", "RUS"), ("AGREE", "TUR", "UKR")],
        ),
        # a reason or circumstance inside the content names no recipient
        ("Tokyo threatened to walk out because of Chinese pressure.", []),
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
