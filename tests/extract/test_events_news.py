"""The event coder on kinds of sentence that ordinary news writing uses and that cost it
precision or recall on articles it was not written for.

Sentences written for these tests, run through the full pipeline with the package
dictionary. Each group pins one rule general in form: an aim is not an act, what a
deal provides for is the deal's content, one meeting told by a plural subject is one
event, and so on.
"""

from __future__ import annotations

import pytest

from detente.extract import Extractor

from .event_helpers import event_states as events


@pytest.fixture(scope="module")
def extractor(nlp):
    return Extractor(nlp=nlp)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a speech act that is only the aim of a gathering has not happened
        ("Arab leaders met in Cairo on Tuesday to agree on a reconstruction fund for Syria.",
         ("AGREE", None, "SYR")),
        ("EU ministers gathered in Luxembourg to approve new aid for Moldova.",
         ("SUPPORT", None, "MDA")),
        # what a deal or plan provides for is its content, not a second act
        ("Germany signed a deal with Poland to supply Ukraine with tanks.", ("AID", "DEU", "UKR")),
        ("Japan announced an agreement with India to deliver rice to Sri Lanka.",
         ("AID", "JPN", "LKA")),
    ],
)
def test_content_and_aim_are_not_acts(extractor, text, absent):
    found = events(extractor, text)
    kind, source, target = absent
    assert not [
        e
        for e in found
        if e[0] == kind and e[2] == target and (source is None or e[1] == source)
    ]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # the act around an aim or a content is coded
        ("Germany signed a deal with Poland to supply Ukraine with tanks.",
         ("SUPPORT", "DEU", "POL")),
        # a meeting told as the aim of a journey is the journey's account
        ("The Greek prime minister flew to Ankara on Monday to meet Erdogan.",
         ("CONSULT", "GRC", "TUR")),
    ],
)
def test_the_act_around_an_aim_is_kept(extractor, text, event):
    assert event in events(extractor, text)
