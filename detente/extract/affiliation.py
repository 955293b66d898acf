"""Whom an actor speaks for on a date: the party its stances count for in a scenario.

A stance is held by whoever the sentence names: a state ("Moscow"), a body (the
State Department), a person (Kaja Kallas). A scenario's actors are states and a few
international bodies, so each holder is rolled up to the one it speaks for *on the
article's date*: a person in an international post (``country: null`` and an ``org``
in the role spell of the actor dictionary) speaks for that organisation's top body
(the High Representative for the EU), any other person or national body for their
country, an international body for its top body (``org.eu.commission`` for the EU).
Party ids are scenario ids: lower-case ISO alpha-3 (``usa``) or the body's id after
``org.`` (``eu``). Collectives (``grp.west``) and actors the dictionary does not
know give None, and the caller falls back to the store's columns.
"""

from __future__ import annotations

from datetime import date

from detente.errors import NotFound
from detente.extract.actors import ActorDictionary


def _top_body(org_id: str) -> str | None:
    parts = org_id.split(".")
    return parts[1] if parts[0] == "org" and len(parts) > 1 else None


def speaks_for(
    actor_id: str, on: date | None, dictionary: ActorDictionary | None = None
) -> str | None:
    """The scenario party of ``actor_id`` on ``on`` (see the module docstring), or None."""
    dictionary = dictionary or ActorDictionary.load()
    try:
        entry = dictionary.get(actor_id)
    except NotFound:
        return None
    if entry.type == "country":
        return entry.id.lower()
    if entry.type == "person":
        spell = entry.spell_at(on)
        if spell is not None and spell.country is None and spell.org:
            return _top_body(spell.org) or speaks_for(spell.org, on, dictionary)
        return entry.country.lower() if entry.country else None
    if entry.id.startswith("org."):
        return _top_body(entry.id)
    return entry.country.lower() if entry.country else None


__all__ = ["speaks_for"]
