"""Event coder rules for groups, nominal acts, negation and merging (issue 9).

Each rule is general in form; each test sentence is written for it. Mentions
are set by hand from ``event_helpers.ACTORS`` (demonyms such as "Russian" name
their state, as the actor resolver makes them).
"""

from __future__ import annotations

import pytest

from detente.errors import InputError
from detente.extract.events.lexicon import combine, load_lexicon, parse_lexicon

from .event_helpers import brief, code, make

# --- every member of a group ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a coordinated subject of a meeting: one event per pair of sides, earlier named first
        (
            "Russian, Ukrainian and Polish officials met in Geneva.",
            [("CONSULT", "RUS", "UKR"), ("CONSULT", "RUS", "POL"), ("CONSULT", "UKR", "POL")],
        ),
        # coordinated recipients and coordinated actors each make their own event
        ("Putin met Modi and Zelensky.", [
            ("CONSULT", "person.putin_vladimir", "person.modi_narendra"),
            ("CONSULT", "person.putin_vladimir", "person.zelensky_volodymyr"),
        ]),
        ("Poland and India accused Moscow of sabotage.", [
            ("ACCUSE", "POL", "RUS"),
            ("ACCUSE", "IND", "RUS"),
        ]),
        # two people of one side are one side
        (
            "Putin and Lavrov met Trump.",
            [("CONSULT", "person.putin_vladimir", "person.trump_donald")],
        ),
    ],
)
def test_members_of_a_group(parser, text, expected):
    assert brief(code(parser, text)) == expected


# --- nominal acts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # possessive, modifier and prepositions name the parties
        ("Russian strikes on Kyiv continued.", [("ASSAULT", "RUS", "UKR")]),
        ("The talks between Rubio and Lavrov lasted hours.", [
            ("CONSULT", "person.rubio_marco", "person.lavrov_sergei")
        ]),
        ("Trump's call with Putin lasted an hour.", [
            ("CONSULT", "person.trump_donald", "person.putin_vladimir")
        ]),
        # with another recipient named, an "of" phrase names who acts
        ("The incursion of Russian drones into Poland alarmed NATO.", [("ASSAULT", "RUS", "POL")]),
        # a meeting noun in a frame of time or place: the framed clause's subject took part
        ("Lavrov said during a visit to Turkey that talks would help.", [
            ("CONSULT", "person.lavrov_sergei", "TUR")
        ]),
        ("Following a call with Putin, Trump spoke to reporters.", [
            ("CONSULT", "person.trump_donald", "person.putin_vladimir")
        ]),
        # "days after talks with X" dates the clause; it does not put its subject in the talks
        ("Rubio spoke to reporters days after talks with Lavrov.", []),
        # a verb of motion with a meeting as its purpose
        ("A Russian delegation arrived in Istanbul for talks with American officials.", [
            ("CONSULT", "RUS", "USA")
        ]),
        # a state of being in talks
        ("Kyiv is in contact with Washington.", [("CONSULT", "UKR", "USA")]),
        # an organisation's summit is where its attendees meet it
        ("Modi and Putin held talks at the NATO summit.", [
            ("CONSULT", "person.modi_narendra", "person.putin_vladimir"),
            ("CONSULT", "person.modi_narendra", "org.nato"),
            ("CONSULT", "person.putin_vladimir", "org.nato"),
        ]),
        # a relative clause with a subject carries the noun
        ("The talks that Witkoff held with Putin were long.", [
            ("CONSULT", "person.witkoff_steve", "person.putin_vladimir")
        ]),
        # "their" talks are those of the two parties just named
        ("Modi called Putin. Their conversation lasted an hour.", [
            ("CONSULT", "person.modi_narendra", "person.putin_vladimir")
        ]),
    ],
)
def test_nominal_acts(parser, text, expected):
    assert brief(code(parser, text)) == expected


def test_a_summit_of_an_organisation_is_multilateral(parser):
    events = code(parser, "Modi and Putin held talks at the NATO summit.")
    assert [e.mode for e in events if e.target_id == "org.nato"] == ["multilateral"] * 2


def test_agenda_of_a_meeting_is_not_its_means(parser):
    text = "Putin and Trump held talks, with sanctions on Russia on the agenda."
    assert brief(code(parser, text)) == [
        ("CONSULT", "person.putin_vladimir", "person.trump_donald")
    ]


# --- what is done, undone, refused ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # refusing to agree is a rejection
        ("Putin did not agree to a ceasefire with Kyiv.", [
            ("REJECT", "person.putin_vladimir", "UKR")
        ]),
        ("Moscow will not accept the offer from Washington.", [("REJECT", "RUS", "USA")]),
        # a failed agreement is no agreement, and no rejection either
        ("Moscow and Kyiv failed to agree on a ceasefire.", []),
        # "without" a deal: no deal
        ("Trump's meeting with Putin ended without a deal.", [
            ("CONSULT", "person.trump_donald", "person.putin_vladimir")
        ]),
        # a conjunct with a tense of its own is not under the first conjunct's negation
        ("Washington has not met Moscow, but has praised Kyiv.", [("SUPPORT", "USA", "UKR")]),
        ("Trump neither praised Putin nor criticised Zelensky.", []),
        # a complement clause takes the modality of its governing clause
        ("The plan would see Kyiv cede land to Moscow.", []),
    ],
)
def test_negation_failure_and_modality(parser, text, expected):
    assert brief(code(parser, text)) == expected


def test_one_agreement_per_listed_commitment(parser):
    # Clarification 5: each commitment with its own object is an AGREE of its own
    listed = "Moscow and Washington agreed to reopen embassies and restore flights."
    assert brief(code(parser, listed)) == [("AGREE", "RUS", "USA")] * 2
    nouns = "Putin pledged fuel supplies and nuclear cooperation to India."
    assert brief(code(parser, nouns)) == [("AGREE", "person.putin_vladimir", "IND")] * 2
    # verbs sharing one object are one commitment
    shared = "Moscow and Washington agreed to expand and diversify trade."
    assert brief(code(parser, shared)) == [("AGREE", "RUS", "USA")]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # the plan stands for its first measure; commas and the list's own "and" separate
        # the measures, with or without a comma before it
        (
            "Europe agreed a plan for Ukraine on Sunday. The plan includes more weapons for"
            " Kyiv and pressure on Russia, a seat for Ukraine at any talks, help to rebuild"
            " its grid, and the creation of a reconstruction fund, Trump said.",
            5,
        ),
        (
            "Europe agreed a plan for Ukraine on Sunday. The plan includes more weapons for"
            " Kyiv, a seat at any talks and a reconstruction fund.",
            3,
        ),
        # an "and" inside a measure does not split it
        (
            "Europe agreed a plan for Ukraine on Sunday. The plan includes sanctions on Russia"
            " and Belarus.",
            1,
        ),
        ("Putin offered a deal to Modi. The deal provides for cheaper oil and new reactors.", 2),
        # a measure told again merges with its first telling
        (
            "Putin offered a deal to Modi. The deal provides for cheaper oil and new reactors."
            " This deal includes cheaper oil and new reactors.",
            2,
        ),
        # a hypothetical content, and lists that are no agreement's content
        ("Putin offered a deal to Modi. The deal would include cheaper oil and new reactors.", 1),
        ("Europe agreed a plan for Ukraine. The summit included Trump, Putin and Modi.", 1),
        ("Europe agreed a plan for Ukraine. Priorities included a truce and a prisoner swap.", 1),
        # no agreement told before: nothing to spell out
        ("The plan includes more weapons for Kyiv and a reconstruction fund.", 0),
    ],
)
def test_one_agreement_per_listed_provision(parser, text, count):
    # Clarification 5: a plan the text spells out commits its parties to each measure
    assert sum(e.type == "AGREE" for e in code(parser, text)) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the answer presupposes the offer to meet: AGREE of the proposer to the answering side
        ("Kyiv rejected Moscow's offer of talks.", [
            ("REJECT", "UKR", "RUS"), ("AGREE", "RUS", "UKR")
        ]),
        ("Putin turned down Turkey's proposal for a summit.", [
            ("REJECT", "person.putin_vladimir", "TUR"), ("AGREE", "TUR", "person.putin_vladimir")
        ]),
        ("Kyiv accepted Moscow's invitation to the summit.", [
            ("AGREE", "UKR", "RUS"), ("AGREE", "RUS", "UKR")
        ]),
        # a proposal of other terms, or one whose proposer is not named, is no offer coded
        ("Kyiv rejected Moscow's proposal for a truce.", [("REJECT", "UKR", "RUS")]),
        ("Kyiv rejected the proposal for talks with Moscow.", [("REJECT", "UKR", "RUS")]),
    ],
)
def test_an_answered_offer_to_meet_is_an_offer(parser, text, expected):
    assert brief(code(parser, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a signed agreement is SUPPORT (Clarification 5); signing together is mutual
        ("Modi and Putin signed a trade accord.", [
            ("SUPPORT", "person.modi_narendra", "person.putin_vladimir")
        ]),
        # a declared ceasefire is a concession; one announced as a meeting is a commitment
        ("Putin declared a ceasefire with Ukraine.", [("CONCEDE", "person.putin_vladimir", "UKR")]),
        ("Washington announced talks with Moscow.", [("AGREE", "USA", "RUS")]),
        # cancelling any meeting is a rejection of it
        (
            "Zelensky cancelled his visit to Turkey.",
            [("REJECT", "person.zelensky_volodymyr", "TUR")],
        ),
        ("Zelensky scrapped the summit with Putin.", [
            ("REJECT", "person.zelensky_volodymyr", "person.putin_vladimir")
        ]),
        # halting aid or talks reduces relations; receiving aid is aid from the giver
        ("Washington paused military aid to Kyiv.", [("SANCTION", "USA", "UKR")]),
        ("Kyiv received new jets from Washington.", [("AID", "USA", "UKR")]),
        (
            "Over the years Washington has committed vast sums in aid for Kyiv.",
            [("AID", "USA", "UKR")],
        ),
        # name-calling is an accusation; weapons launched at a state are an attack on it
        ("Moscow called the sanctions of Washington illegal.", [("ACCUSE", "RUS", "USA")]),
        ("Russian forces launched drones at Ukraine.", [("ASSAULT", "RUS", "UKR")]),
        # travelling to a state's capital is a visit it hosts
        ("Modi travelled to Moscow.", [("CONSULT", "person.modi_narendra", "RUS")]),
        # an invitation's destination is where, not whom
        ("Trump invited Putin to Washington.", [
            ("AGREE", "person.trump_donald", "person.putin_vladimir")
        ]),
    ],
)
def test_lexicon_entries(parser, text, expected):
    assert brief(code(parser, text)) == expected


def test_the_named_actor_of_a_phrase_is_its_head(parser):
    # "Putin's envoy Witkoff" is Witkoff's act, not Putin's
    text = "Putin's envoy Witkoff met Zelensky."
    assert brief(code(parser, text)) == [
        ("CONSULT", "person.witkoff_steve", "person.zelensky_volodymyr")
    ]


# --- merging ------------------------------------------------------------------------


def test_meetings_in_two_places_are_two_meetings(parser):
    text = "Rubio met Lavrov in Riyadh. Rubio met Lavrov in Istanbul."
    assert [e.location for e in code(parser, text)] == ["Riyadh", "Istanbul"]


def test_a_call_and_its_conversation_are_one_event(parser):
    text = "Rubio phoned Lavrov. The conversation between Rubio and Lavrov lasted an hour."
    events = code(parser, text)
    assert [(e.type, e.mode) for e in events] == [("CONSULT", "phone")]
    # a face-to-face meeting stays apart from the call
    text = "Rubio phoned Lavrov. Rubio met Lavrov."
    assert len(code(parser, text)) == 2


def test_quote_marks_glued_to_words(parser):
    # 'Moscow"We': the mark opens a quotation even without a space
    text = 'Moscow"We met Kyiv." Moscow met Washington.'
    assert brief(code(parser, text)) == [("CONSULT", "RUS", "USA")]


# --- the lexicon format ----------------------------------------------------------------


def test_null_entries_and_new_conditions_are_read_and_checked():
    lex = parse_lexicon(
        {
            "verbs": [
                {"lemma": "face", "type": None, "object": ["charge"]},
                {"lemma": "meet", "type": "CONSULT", "prep": ["by"], "prep_object": ["phone"]},
                {"lemma": "give", "type": "AID", "object": ["aid"], "object_modifier": ["food"]},
                {"lemma": "cancel", "type": "REJECT", "object_type": "CONSULT"},
                {"lemma": "agree", "type": "AGREE", "negated": "REJECT"},
            ],
            "nouns": [{"lemma": "truce", "type": "CONCEDE", "governor": ["declare"]}],
        }
    )
    assert lex.rules[("VERB", "face")][0].type is None
    assert lex.rules[("VERB", "agree")][0].negated == "REJECT"
    with pytest.raises(InputError, match="null entry has no mode"):
        parse_lexicon({"verbs": [{"lemma": "face", "type": None, "mode": "visit"}]})
    with pytest.raises(InputError, match="object_type 'MEET'"):
        parse_lexicon({"verbs": [{"lemma": "x", "type": "REJECT", "object_type": "MEET"}]})


def test_a_null_entry_stops_the_word(parser):
    lex = parse_lexicon(
        {
            "verbs": [
                {"lemma": "meet", "type": None, "object": ["deadline"]},
                {"lemma": "meet", "type": "CONSULT"},
            ]
        }
    )
    doc = make(parser, "Moscow met the deadline.")
    assert lex.match(doc[1], lambda t: False) is None
    doc = make(parser, "Moscow met Kyiv.")
    assert lex.match(doc[1], lambda t: False).type == "CONSULT"


def test_hand_entries_shadow_generated_bare_entries():
    hand = parse_lexicon({"verbs": [{"lemma": "ask", "type": "REQUEST", "not_dep": ["ccomp"]}]})
    generated = parse_lexicon(
        {
            "verbs": [
                {"lemma": "ask", "type": "REQUEST"},
                {"lemma": "ask", "type": "REQUEST", "prep": ["for"], "prep_object": ["aid"]},
            ]
        }
    )
    rules = combine(hand, generated).rules[("VERB", "ask")]
    # the generated bare entry would undo the hand entry's exclusion: it is dropped
    assert [(bool(r.not_dep), bool(r.prep)) for r in rules] == [(True, False), (False, True)]


def test_generated_verb_patterns_leave_hand_written_nouns_to_the_noun():
    hand = parse_lexicon(
        {
            "default_light_verbs": ["hold"],
            "nouns": [
                {"lemma": "talks", "type": "CONSULT"},
                {"lemma": "cooperation", "type": "COOPERATE", "light": ["deepen"]},
            ],
        }
    )
    generated = parse_lexicon(
        {
            "verbs": [
                {"lemma": "hold", "type": "CONSULT", "object": ["talk", "meeting"]},
                {"lemma": "deepen", "type": "SUPPORT", "object": ["cooperation"]},
                {"lemma": "stage", "type": "PROTEST", "object": ["talk"]},
            ]
        }
    )
    rules = combine(hand, generated).rules
    # same type as the noun: the noun codes it, with its own modifiers and prepositions
    assert [r.object for r in rules[("VERB", "hold")]] == [frozenset({"meeting"})]
    # the verb is one of the noun's light verbs: left to the noun, whatever the type
    assert ("VERB", "deepen") not in rules or not rules[("VERB", "deepen")]
    # another type and not a light verb of the noun: kept
    assert [r.object for r in rules[("VERB", "stage")]] == [frozenset({"talk"})]


def test_the_packaged_lexicon_is_large_and_indexed():
    lexicon = load_lexicon()
    assert sum(len(v) for v in lexicon.rules.values()) > 2000
    assert all(isinstance(k, tuple) and len(k) == 2 for k in lexicon.rules)


# --- namings, offers, trends -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "call X Y" names X: coded only by what it is called
        ("Putin called the summit a success.", []),
        # "offer" codes an offer of something or to do something, not any "offers"
        ("Putin offered to host Zelensky.", [
            ("AGREE", "person.putin_vladimir", "person.zelensky_volodymyr")
        ]),
        ("The plan of Washington offers a new approach.", []),
        # a vaguely counted series is a trend, not an act
        ("Moscow and Kyiv strengthened ties through numerous agreements.", []),
        # what a "possible explanation" says is speculation
        ("One possible explanation is that Moscow is pressuring Kyiv.", []),
    ],
)
def test_namings_offers_trends_and_speculation(parser, text, expected):
    assert brief(code(parser, text)) == expected


def test_talks_after_a_call_are_not_the_call(parser):
    # "talks" are held face to face: not merged into a phone call of the same two sides
    text = "Rubio phoned Lavrov. Talks between Rubio and Lavrov took place in Riyadh."
    assert [(e.mode, e.location) for e in code(parser, text)] == [("phone", None), (None, "Riyadh")]
    text = "Rubio phoned Lavrov. The talks between Rubio and Lavrov lasted an hour."
    assert len(code(parser, text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Trump threatened on Monday to expel the Russian ambassador.",
        "Trump threatened to expel the Russian ambassador.",
    ],
)
def test_a_threatened_act_parted_from_its_verb_is_not_done(parser, text):
    # an infinitive parted from "threatened" by an adverbial is still the threat's content:
    # the threat is aimed at whom it names, and the threatened act is not coded as done
    assert brief(code(parser, text)) == [("THREATEN", "person.trump_donald", "RUS")]
