"""Helpers of the event coder's tests: parse a sentence, set actor mentions and dates by hand.

Sentences are written for the tests. Docs are parsed by the base model; actor
mentions come from :data:`ACTORS` (name as written → id, type, state), so the
tests pin the coder, not the actor resolver or the date resolver.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest

from detente.extract.events.coder import EventCoder
from detente.extract.extensions import record_from_dict
from detente.extract.records import EventRecord
from detente.ingest.records import Article

ACTORS = {
    "Rubio": ("person.rubio_marco", "person", "USA"),
    "Lavrov": ("person.lavrov_sergei", "person", "RUS"),
    "Trump": ("person.trump_donald", "person", "USA"),
    "Putin": ("person.putin_vladimir", "person", "RUS"),
    "Zelensky": ("person.zelensky_volodymyr", "person", "UKR"),
    "Witkoff": ("person.witkoff_steve", "person", "USA"),
    "Washington": ("USA", "country", "USA"),
    "the U.S.": ("USA", "country", "USA"),
    "Moscow": ("RUS", "country", "RUS"),
    "the Kremlin": ("RUS", "country", "RUS"),
    "Russia": ("RUS", "country", "RUS"),
    "Kyiv": ("UKR", "country", "UKR"),
    "Ukraine": ("UKR", "country", "UKR"),
    "Saudi": ("SAU", "country", "SAU"),
    "Russian": ("RUS", "country", "RUS"),
    "American": ("USA", "country", "USA"),
    "Ukrainian": ("UKR", "country", "UKR"),
    "Polish": ("POL", "country", "POL"),
    "Poland": ("POL", "country", "POL"),
    "India": ("IND", "country", "IND"),
    "Modi": ("person.modi_narendra", "person", "IND"),
    "Turkey": ("TUR", "country", "TUR"),
    "Europe": ("grp.europe", "organization", None),
    "NATO": ("org.nato", "organization", None),
    "Lukashenko": ("person.lukashenko_alexander", "person", "BLR"),
    "General Assembly": ("org.un.general_assembly", "organization", None),
    "Security Council": ("org.un.security_council", "organization", None),
}


def make(parser, text: str, dates: dict[str, str] | None = None, published: str = "2025-02-19"):
    """Parse ``text`` and set mentions for every ACTORS name and the given date strings."""
    doc = parser(text)
    doc._.doc_id = "t"
    doc._.published = published
    mentions, info, taken = [], {}, set()
    for name in sorted(ACTORS, key=len, reverse=True):
        actor_id, type_, country = ACTORS[name]
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if taken & set(range(m.start(), m.end())):
                continue
            taken |= set(range(m.start(), m.end()))
            mentions.append((m.start(), m.end(), actor_id))
            info[actor_id] = {"name": name, "type": type_, "country": country, "role": None}
    doc._.mentions = sorted(mentions)
    doc._.actor_info = info
    doc._.dates = [
        (m.start(), m.end(), value, "day" if len(value) == 10 else "month")
        for phrase, value in (dates or {}).items()
        for m in re.finditer(re.escape(phrase), text)
    ]
    return doc


def code(parser, text, dates=None, **config) -> list[EventRecord]:
    doc = EventCoder(**config)(make(parser, text, dates))
    return [record_from_dict(EventRecord, e) for e in doc._.events]


def brief(events):
    return [(e.type, e.source_id, e.target_id) for e in events]


WORLD = {
    "China": ("CHN", "country", "CHN"),
    "Chinese": ("CHN", "country", "CHN"),
    "Japan": ("JPN", "country", "JPN"),
    "Japanese": ("JPN", "country", "JPN"),
    "Erdogan": ("person.erdogan_recep", "person", "TUR"),
    "Greece": ("GRC", "country", "GRC"),
    "Greek": ("GRC", "country", "GRC"),
    "Israel": ("ISR", "country", "ISR"),
    "Egypt": ("EGY", "country", "EGY"),
    "Egyptian": ("EGY", "country", "EGY"),
    "Palestinian": ("PSE", "country", "PSE"),
    "Beijing": ("CHN", "country", "CHN"),
    "Tokyo": ("JPN", "country", "JPN"),
    "Iran": ("IRN", "country", "IRN"),
    "Israeli": ("ISR", "country", "ISR"),
    "Brazil": ("BRA", "country", "BRA"),
    "Germany": ("DEU", "country", "DEU"),
}
"""More states and one leader, for the tests of general international news."""


def extract_text(extractor, text: str, published: date = date(2025, 6, 10)):
    """The full pipeline's extraction of ``text`` as an article published on ``published``."""
    art = Article(
        "g.txt", "g.txt", text, hashlib.sha256(text.encode()).hexdigest(), published=published
    )
    return extractor.extract(art)


def event_states(extractor, text: str, published: date = date(2025, 6, 10)) -> list[tuple]:
    """(type, source state, target state) of each event the full pipeline codes from ``text``.

    A person or agency stands for its state; an organisation without one for itself.
    """
    result = extract_text(extractor, text, published)
    state = {a.actor_id: a.country or a.actor_id for a in result.actors}
    return [(e.type, state.get(e.source_id), state.get(e.target_id)) for e in result.events]


def marked(values, not_yet, text=lambda v: v):
    """``values`` as test parameters, those whose ``text`` is in ``not_yet`` marked as
    expected failures (strictly, so a fix shows)."""
    mark = pytest.mark.xfail(strict=True)
    return [
        pytest.param(*(v if isinstance(v, tuple) else (v,)), marks=mark)
        if text(v) in not_yet
        else v
        for v in values
    ]
