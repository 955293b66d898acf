"""PLOVER event coder: triggers, arguments, factuality, dates, merging.

Sentences are written for these tests. Docs are parsed by the base model (one
module-scoped load); actor mentions and dates are set by hand, so the tests pin
the coder, not the actor resolver or the date resolver.
"""

from __future__ import annotations

import pytest
import spacy

import detente.extract.components.events  # noqa: F401 (registers the detente_events factory)
from detente.errors import InputError
from detente.extract.events.coder import EventCoder, is_factual, segments
from detente.extract.events.lexicon import parse_lexicon
from detente.extract.extensions import record_from_dict
from detente.extract.records import EventRecord
from detente.extract.temporal.dates import find_dates

from .event_helpers import brief, code, make

# --- triggers and arguments -------------------------------------------------


def test_meeting_with_place_date_and_trigger(parser):
    text = "Rubio met Lavrov in Riyadh on Tuesday."
    (event,) = code(parser, text, {"Tuesday": "2025-02-18"})
    assert (event.type, event.source_id, event.target_id) == (
        "CONSULT",
        "person.rubio_marco",
        "person.lavrov_sergei",
    )
    assert event.date == "2025-02-18"
    assert event.location == "Riyadh"
    assert event.trigger == "met"
    assert event.evidence.slice(text) == text


def test_a_call_is_consult_by_phone(parser):
    (event,) = code(parser, "Trump phoned Putin on Wednesday.", {"Wednesday": "2025-02-12"})
    assert (event.type, event.mode, event.date) == ("CONSULT", "phone", "2025-02-12")


def test_call_on_is_a_request(parser):
    assert brief(code(parser, "Kyiv called on Washington to send more air defence.")) == [
        ("REQUEST", "UKR", "USA")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington imposed new sanctions on Moscow.", ("SANCTION", "USA", "RUS")),
        ("Washington lifted sanctions on Moscow.", ("CONCEDE", "USA", "RUS")),
        ("Russia invaded Ukraine.", ("ASSAULT", "RUS", "UKR")),
        ("Putin praised Trump.", ("SUPPORT", "person.putin_vladimir", "person.trump_donald")),
        ("Zelensky accused Moscow of sabotage.", ("ACCUSE", "person.zelensky_volodymyr", "RUS")),
        ("Lavrov rejected the offer from Washington.", ("REJECT", "person.lavrov_sergei", "USA")),
        ("Moscow threatened Kyiv.", ("THREATEN", "RUS", "UKR")),
        (
            "Zelensky thanked Trump.",
            ("SUPPORT", "person.zelensky_volodymyr", "person.trump_donald"),
        ),
    ],
)
def test_verb_lexicon(parser, text, expected):
    assert expected in brief(code(parser, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington sent Kyiv $2 billion in military aid.", [("AID", "USA", "UKR", None)]),
        (
            "Moscow expelled two diplomats from Washington's embassy.",
            [("SANCTION", "RUS", "USA", "expel")],
        ),
        (
            "Russia withdrew its troops from the Kyiv region.",
            [("RETREAT", "RUS", "UKR", "withdraw")],
        ),
        (
            # a prisoner exchange is material cooperation of both sides (guidelines: COOPERATE)
            "Ukraine and Russia exchanged 150 prisoners of war.",
            [("COOPERATE", "UKR", "RUS", None), ("COOPERATE", "RUS", "UKR", None)],
        ),
        (
            "Putin and Trump spoke by phone for two hours.",
            [("CONSULT", "person.putin_vladimir", "person.trump_donald", "phone")],
        ),
    ],
)
def test_objects_from_phrases_mutual_acts_and_remote_mode(parser, text, expected):
    assert [(e.type, e.source_id, e.target_id, e.mode) for e in code(parser, text)] == expected


def test_possessive_noun_trigger(parser):
    assert brief(code(parser, "Russia's invasion of Ukraine shocked everyone.")) == [
        ("ASSAULT", "RUS", "UKR")
    ]


def test_noun_trigger_between_two_parties(parser):
    text = "The diplomatic week began with a telephone call between Putin and Trump."
    (event,) = code(parser, text)
    assert (event.type, event.mode, event.source_id, event.target_id) == (
        "CONSULT",
        "phone",
        "person.putin_vladimir",
        "person.trump_donald",
    )


def test_noun_trigger_needs_an_actor_or_a_light_verb(parser):
    assert code(parser, "The talks were long and tense.") == []
    assert brief(code(parser, "Washington held talks with Moscow.")) == [("CONSULT", "USA", "RUS")]


def test_passive_agent_is_the_source(parser):
    assert ("ACCUSE", "UKR", "RUS") in brief(
        code(parser, "Moscow was accused by Kyiv of shelling.")
    )


def test_content_of_a_demand_is_not_a_second_event(parser):
    assert brief(code(parser, "Moscow demanded that Kyiv withdraw its troops.")) == [
        ("REQUEST", "RUS", "UKR")
    ]


def test_coordinated_acts_are_both_coded(parser):
    events = brief(code(parser, "Rubio met Lavrov and agreed to reopen embassies."))
    assert [t for t, _, _ in events] == ["CONSULT", "AGREE"]


def test_visit_host_is_the_recipient(parser):
    assert brief(code(parser, "Witkoff held talks at the Kremlin.")) == [
        ("CONSULT", "person.witkoff_steve", "RUS")
    ]


def test_host_state_from_a_place_that_is_not_an_actor(parser):
    # "Riyadh" is not an actor mention here; the actor dictionary knows it is Saudi Arabia's
    # capital, and Saudi Arabia is an actor of the document
    text = "Saudi officials prepared the venue. Witkoff held talks in Riyadh."
    (event,) = code(parser, text)
    assert (event.source_id, event.target_id, event.location) == (
        "person.witkoff_steve",
        "SAU",
        "Riyadh",
    )


def test_a_place_names_no_state_that_is_not_an_actor_of_the_document(parser):
    # the recipient of an event must be an actor of the document: with no Dutch actor,
    # a meeting in The Hague has no host to code
    assert code(parser, "Witkoff held talks in The Hague.") == []
    assert code(parser, "Witkoff held talks in Riyadh.") == []


def test_recipient_in_a_relative_clause_on_the_object(parser):
    text = "Washington eased the sanctions it had aimed at Moscow."
    assert ("CONCEDE", "USA", "RUS") in brief(code(parser, text))


def test_place_of_a_noun_trigger_through_its_verb(parser):
    (event,) = code(parser, "The meeting between Putin and Trump took place in Alaska.")
    assert event.location == "Alaska"


def test_attack_on_a_place_targets_the_state_that_owns_it(parser):
    (event,) = code(parser, "Ukraine struck an oil refinery in Russia's Saratov region.")
    assert (event.type, event.source_id, event.target_id) == ("ASSAULT", "UKR", "RUS")


def test_relative_clause_trigger_takes_its_head_as_object(parser):
    text = "The sanctions that Washington imposed on Moscow remain in place."
    assert brief(code(parser, text)) == [("SANCTION", "USA", "RUS")]


def test_same_state_is_not_a_dyad(parser):
    assert code(parser, "Trump met Rubio.") == []
    (event,) = code(parser, "Trump met Rubio.", dyadic_only=False)
    assert event.target_id is None


# --- factuality -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Trump did not meet Putin.",
        "Trump didn't meet Putin on Friday.",
        "Trump could meet Putin soon.",
        "If Moscow agrees, Trump would meet Putin.",
        "Trump is expected to meet Putin.",
        "Trump hopes to meet Putin.",
        "Trump likely met Putin.",
        "Did Trump meet Putin?",
        "No talks between Washington and Moscow took place.",
        "To prepare for a summit between Trump and Putin, aides flew to Riyadh.",
        "Aides discussed a potential summit between Trump and Putin.",
        "Trump neither met Putin nor called him.",
        "Russia denied attacking Ukraine.",
    ],
)
def test_unrealised_actions_are_not_events(parser, text):
    assert code(parser, text) == []


def test_is_factual_on_a_plain_past_clause(parser):
    doc = make(parser, "Trump met Putin.")
    assert is_factual(doc[1])


def test_quoted_words_are_not_reported_actions(parser):
    text = "\u201cRubio met Lavrov in Riyadh,\u201d the spokesman said."
    assert code(parser, text) == []
    assert code(parser, text, skip_quoted=False) != []


def test_headline_lines_are_skipped(parser):
    text = "Trump meets Putin\nNothing else happened today."
    assert [s.text for s in segments(make(parser, text))] == ["Nothing else happened today."]
    assert code(parser, text) == []


# --- coordinated and group actors -----------------------------------------


def test_conjoined_subject_of_a_meeting_is_one_dyad(parser):
    assert brief(code(parser, "Washington and Moscow met in Riyadh.")) == [
        ("CONSULT", "USA", "RUS")
    ]


def test_both_gives_each_party_its_own_statement(parser):
    events = brief(code(parser, "Both Ukraine and Russia expressed interest in negotiations."))
    assert sorted(events) == [("AGREE", "RUS", "UKR"), ("AGREE", "UKR", "RUS")]


def test_the_two_sides_resolve_to_the_parties_just_named(parser):
    text = "Washington and Moscow held talks in Riyadh. The two sides agreed to restore embassies."
    assert ("AGREE", "USA", "RUS") in brief(code(parser, text))


# --- dates and merging ------------------------------------------------------


def test_repeats_merge_and_keep_first_evidence_with_best_date(parser):
    text = "Rubio met Lavrov in Riyadh. The meeting between Rubio and Lavrov ended on Tuesday."
    events = code(parser, text, {"Tuesday": "2025-02-18"})
    assert brief(events) == [("CONSULT", "person.rubio_marco", "person.lavrov_sergei")]
    assert events[0].date == "2025-02-18"
    assert events[0].evidence.slice(text) == "Rubio met Lavrov in Riyadh."


def test_a_call_and_a_meeting_are_two_events(parser):
    text = "Trump phoned Putin on Wednesday. Rubio met Lavrov on Tuesday."
    events = code(parser, text, {"Wednesday": "2025-02-12", "Tuesday": "2025-02-18"})
    assert [(e.mode, e.date) for e in events] == [("phone", "2025-02-12"), (None, "2025-02-18")]


def test_incompatible_dates_are_not_merged(parser):
    text = "Trump met Putin in July 2018. Trump met Putin on Friday."
    events = code(parser, text, {"July 2018": "2018-07", "Friday": "2025-08-15"})
    assert [e.date for e in events] == ["2018-07", "2025-08-15"]


def test_distinct_agreements_are_not_merged(parser):
    text = (
        "Washington and Moscow agreed to name envoys. "
        "Washington and Moscow agreed to reopen missions."
    )
    assert len(code(parser, text)) == 2


def test_date_of_another_clause_is_not_taken(parser):
    text = "Putin, who spoke on Monday, met Trump."
    (event,) = code(parser, text, {"Monday": "2025-02-17"}, publication_fallback=False)
    assert event.date is None


def test_outcome_inherits_the_date_of_the_meeting(parser):
    text = "Rubio met Lavrov in Riyadh on Tuesday. They agreed to restore embassy staff."
    events = code(parser, text, {"Tuesday": "2025-02-18"})
    agree = [e for e in events if e.type == "AGREE"]
    assert agree and agree[0].date == "2025-02-18"


def test_outcome_told_through_a_participle_inherits_the_date(parser):
    text = "Rubio met Lavrov on Tuesday. Washington raised the idea of lifting sanctions on Moscow."
    events = code(parser, text, {"Tuesday": "2025-02-18"})
    concede = [e for e in events if e.type == "CONCEDE"]
    assert [(e.source_id, e.target_id, e.date) for e in concede] == [("USA", "RUS", "2025-02-18")]


def test_present_perfect_outcome_keeps_no_date(parser):
    text = (
        "Rubio met Lavrov in Riyadh on Tuesday. Washington has agreed to lift sanctions on Moscow."
    )
    events = code(parser, text, {"Tuesday": "2025-02-18"})
    agree = [(e.type, e.source_id, e.target_id, e.date) for e in events if e.type != "CONSULT"]
    # a promised easing of sanctions is a concession (guidelines); dated by the publication
    # month, not Tuesday
    assert agree == [("CONCEDE", "USA", "RUS", "2025-02")]


def test_an_undated_act_reported_as_news_takes_the_publication_month(parser):
    # Clarification 4 of the annotation guidelines: no day in the text, the month the
    # publication date fixes
    (event,) = code(parser, "Trump met Putin.")
    assert (event.date, event.date_evidence) == ("2025-02", None)
    assert code(parser, "Trump met Putin.", publication_fallback=False)[0].date is None


# --- lexicon data and component wiring ----------------------------------------


def test_lexicon_rejects_unknown_type_mode_and_field():
    with pytest.raises(InputError, match=r"verbs\[0\].*not a PLOVER type"):
        parse_lexicon({"verbs": [{"lemma": "meet", "type": "MEET"}]})
    with pytest.raises(InputError, match=r"nouns\[0\].*no mode 'fax'"):
        parse_lexicon({"nouns": [{"lemma": "fax", "type": "CONSULT", "mode": "fax"}]})
    with pytest.raises(InputError, match=r"verbs\[0\].*unknown field"):
        parse_lexicon({"verbs": [{"lemma": "meet", "type": "CONSULT", "colour": "red"}]})


def test_custom_lexicon_through_the_factory(parser):
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe(
        "detente_events",
        config={
            "lexicon": {
                "verbs": [{"lemma": "greet", "type": "CONSULT"}],
                "reciprocal_types": ["CONSULT"],
            }
        },
    )
    doc = pipe(make(parser, "Trump greeted Putin."))
    assert [(e["type"], e["trigger"]) for e in doc._.events] == [("CONSULT", "greeted")]
    assert pipe(make(parser, "Trump met Putin."))._.events == []


def test_factory_declares_requires_and_assigns():
    nlp = spacy.blank("en")
    nlp.add_pipe("detente_events")
    meta = nlp.get_pipe_meta("detente_events")
    assert "doc._.mentions" in meta.requires and "doc._.dates" in meta.requires
    assert meta.assigns == ["doc._.events", "doc._.actor_info"]


def test_events_are_plain_dicts_and_deterministic(parser):
    text = "Washington and Moscow met in Riyadh. Russia invaded Ukraine."
    first = EventCoder()(make(parser, text))._.events
    second = EventCoder()(make(parser, text))._.events
    assert first == second and all(isinstance(e, dict) for e in first)


def test_events_survive_a_docbin_round_trip(parser):
    from spacy.tokens import DocBin

    doc = EventCoder()(
        make(parser, "Rubio met Lavrov in Riyadh on Tuesday.", {"Tuesday": "2025-02-18"})
    )
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    (back,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(parser.vocab)
    assert [record_from_dict(EventRecord, e) for e in back._.events] == [
        record_from_dict(EventRecord, e) for e in doc._.events
    ]


# --- rules added after the development-set review (17:00 UTC pass) -----------


def test_seized_region_codes_its_state_as_recipient(parser):
    # Kyiv is named so that Ukraine is an actor of the document
    text = "Kyiv condemned the vote. Russia annexed Crimea in 2014."
    assert ("COERCE", "RUS", "UKR") in brief(code(parser, text, {"2014": "2014"}))


def test_invasion_of_a_region_codes_its_state(parser):
    text = "Officials in Kyiv were alarmed. Moscow's invasion of Donbas broke the ceasefire."
    assert ("ASSAULT", "RUS", "UKR") in brief(code(parser, text))


def test_a_region_names_its_state_which_joins_the_actors(parser):
    # Ukraine is named only through its region: it is the recipient and an actor of the article
    doc = EventCoder()(make(parser, "Russia annexed Crimea in 2014."))
    assert [(e["type"], e["source_id"], e["target_id"]) for e in doc._.events] == [
        ("COERCE", "RUS", "UKR")
    ]
    assert doc._.actor_info["UKR"]["type"] == "country"


def test_visit_to_a_region_is_not_coded_against_its_state(parser):
    text = "Kyiv condemned the trip. Putin visited Crimea."
    assert [e for e in brief(code(parser, text)) if e[2] == "UKR"] == []


def test_hyphenated_pair_gives_no_direction_to_a_war(parser):
    assert code(parser, "The Russia-Ukraine war dragged into a fourth winter.") == []
    assert brief(code(parser, "Russia's war in Ukraine dragged into a fourth winter.")) == [
        ("ASSAULT", "RUS", "UKR")
    ]


def test_hyphenated_pair_still_orders_a_meeting(parser):
    assert brief(code(parser, "Russia-Ukraine talks were held in Istanbul.")) == [
        ("CONSULT", "RUS", "UKR")
    ]


def _coded(doc) -> list[EventRecord]:
    return [record_from_dict(EventRecord, e) for e in EventCoder()(doc)._.events]


def test_fronted_possessive_points_to_the_following_subject(parser):
    text = "Putin stayed away. During his meeting with Zelensky in Rome, Trump spoke warmly."
    doc = make(parser, text)
    his = text.index("his")
    # the mention layer read "his" backwards, as Putin; the main clause says who met
    doc._.mentions = sorted([*doc._.mentions, (his, his + 3, "person.putin_vladimir")])
    assert brief(_coded(doc)) == [("CONSULT", "person.trump_donald", "person.zelensky_volodymyr")]


def test_backward_possessive_is_kept_without_a_following_person(parser):
    text = "Trump called it a success. His meeting with Zelensky in Rome lasted an hour."
    doc = make(parser, text)
    his = text.index("His")
    doc._.mentions = sorted([*doc._.mentions, (his, his + 3, "person.trump_donald")])
    assert brief(_coded(doc)) == [("CONSULT", "person.trump_donald", "person.zelensky_volodymyr")]


def test_meeting_at_a_partys_seat_codes_the_visitor_as_actor(parser):
    assert brief(code(parser, "Putin met Witkoff at the Kremlin.")) == [
        ("CONSULT", "person.witkoff_steve", "person.putin_vladimir")
    ]
    assert brief(code(parser, "Witkoff met Putin at the Kremlin.")) == [
        ("CONSULT", "person.witkoff_steve", "person.putin_vladimir")
    ]


def test_meeting_in_a_third_country_keeps_text_order(parser):
    assert brief(code(parser, "Putin met Witkoff in Istanbul.")) == [
        ("CONSULT", "person.putin_vladimir", "person.witkoff_steve")
    ]


def test_day_without_year_takes_the_year_of_an_earlier_full_date(parser):
    # the date layer gives the year-less day its year; the coder dates the event with it
    text = "Rubio and Lavrov held talks on March 3, 2031. Trump met Zelensky on March 10 in Rome."
    doc = make(parser, text, published=None)
    doc._.dates = find_dates(text, None)
    consult = [
        (e.source_id, e.date) for e in _coded(doc) if e.target_id == "person.zelensky_volodymyr"
    ]
    assert consult == [("person.trump_donald", "2031-03-10")]


def test_day_without_year_and_no_earlier_year_stays_undated(parser):
    doc = make(parser, "Trump met Zelensky on March 10 in Rome.", published=None)
    assert [e.date for e in _coded(doc)] == [None]


def test_day_without_year_is_left_to_the_date_layer_when_published(parser):
    # with a publication date the date layer resolves days; the coder adds nothing
    text = "Rubio and Lavrov held talks on March 3, 2031. Trump met Zelensky on March 10 in Rome."
    doc = make(parser, text, {"March 3, 2031": "2031-03-03"}, published="2031-03-20")
    events = EventCoder(publication_fallback=False)(doc)._.events
    assert [e["date"] for e in events if e["target_id"] == "person.zelensky_volodymyr"] == [None]


def test_agentless_act_noun_without_an_earlier_agent_is_not_coded(parser):
    text = "Europe was shocked by the attack on Ukraine in 2022."
    assert code(parser, text, {"2022": "2022"}) == []


def test_territories_are_read_and_checked():
    lex = parse_lexicon({"territories": {"about": "x", "UKR": ["Crimea"]}})
    assert lex.territories == {"crimea": "UKR"}
    with pytest.raises(InputError, match=r"territories\['UKR'\]"):
        parse_lexicon({"territories": {"UKR": "Crimea"}})
    with pytest.raises(InputError, match="territories"):
        parse_lexicon({"territories": ["Crimea"]})


# --- votes ------------------------------------------------------------------------


def test_a_vote_against_a_resolution_rejects_the_body_holding_the_vote(parser):
    text = "Russia voted against the draft resolution at the General Assembly on Monday."
    (event,) = code(parser, text, {"Monday": "2025-02-24"})
    assert (event.type, event.source_id, event.target_id, event.date) == (
        "REJECT",
        "RUS",
        "org.un.general_assembly",
        "2025-02-24",
    )


def test_the_body_may_name_the_vote_itself(parser):
    text = "During a Security Council vote on the text, Ukraine voted against it."
    assert brief(code(parser, text)) == [("REJECT", "UKR", "org.un.security_council")]


def test_a_state_is_not_a_forum(parser):
    # Nobody's vote is held "in Ukraine": without a body there is no recipient, so no event.
    assert code(parser, "Russia voted against the plan in Ukraine.") == []


# --- demands ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia demanded guarantees from the U.S. in writing.", [("REQUEST", "RUS", "USA")]),
        # the sanctions concern Russia; nobody is asked, so there is no dyad
        ("Zelensky urged tougher sanctions on Russia.", []),
        (
            "Moscow keeps influencing Kyiv, demanding concessions against the U.S.",
            [("REQUEST", "RUS", "UKR")],
        ),
    ],
)
def test_a_demand_is_addressed_to_who_is_asked(parser, text, expected):
    assert brief(code(parser, text)) == expected


# --- acts on a proposition --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv accepted the U.S. proposal for a truce.", [("AGREE", "UKR", "USA")]),
        ("Kyiv ratified the accord with Washington.", [("SUPPORT", "UKR", "USA")]),
        (
            "Putin warned Kyiv against a spring offensive.",
            [("THREATEN", "person.putin_vladimir", "UKR")],
        ),
        ("Moscow denied Kyiv's claims about the dam.", [("REJECT", "RUS", "UKR")]),
        ("Kyiv opposed the plan of the Kremlin.", [("REJECT", "UKR", "RUS")]),
        # what the proposition concerns is not whom the act is aimed at
        ("Zelensky opposed new sanctions against Russia.", []),
        ("Kyiv welcomed fresh sanctions on Moscow.", []),
        ("Washington agreed further sanctions on Russia.", []),
        # ... but a meeting names its counterpart whatever is done to it
        (
            "Zelensky cancelled a trip to Washington.",
            [("REJECT", "person.zelensky_volodymyr", "USA")],
        ),
        # denying an act is not an event
        ("Moscow denied shelling Kyiv.", []),
    ],
)
def test_propositions_and_their_addressees(parser, text, expected):
    assert brief(code(parser, text)) == expected
