"""Word lists shared by the actor resolver, coreference and quote attribution.

The lists live in ``detente/extract/data/lexicon.json`` (data, not code) and are
read once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from detente.extract.actors.agents import AgentNouns


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The parsed ``lexicon.json``, with lists turned into frozensets."""
    text = resources.files("detente.extract").joinpath("data/lexicon.json").read_text("utf-8")
    raw = json.loads(text)
    return {
        key: frozenset(value) if isinstance(value, list) else value
        for key, value in raw.items()
        if not key.startswith("_")
    }


def words(key: str) -> frozenset[str]:
    """One word list of the lexicon (``reporting_verbs``, ``title_words`` ...)."""
    return lexicon()[key]


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """One-word nouns that name people without naming them.

    The one-word agent nouns ("official", "diplomats", "troops";
    :class:`~detente.extract.actors.agents.AgentNouns`) and the lexicon's
    ``unnamed_speakers`` ("sources", "analysts"). "A senior official said" names
    no one, which quote attribution and pronoun resolution must respect.
    """
    one_word = frozenset(p[0] for p in AgentNouns.load().phrases if len(p) == 1)
    return one_word | words("unnamed_speakers")


TEXT_KEY = ("detente", "text")
"""The ``Doc.user_data`` key under which :func:`doc_text` keeps a Doc's text."""


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc and kept in its ``user_data``.

    ``Doc.text`` joins every token on each access (O(n)); the components read it
    hundreds of times per document. A Doc's text never changes, so the first
    reading is kept with the Doc itself (a plain string, so a ``DocBin`` and
    ``nlp.pipe`` worker processes carry it like any other user data).
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
