"""Events kept without a recipient: acts that are done with no one acted upon.

The coder keeps dyadic events only (``dyadic_only``), because an event without
a recipient is mostly a fragment whose counterpart the parse did not find. Some
acts, though, typically have no one they are done *to*: a street protest, a
mobilisation of troops, a withdrawal of forces, a threat stated to the world, a
declared ceasefire.
PLOVER and the annotation guidelines code them with a null target ("target … null
when none"), so they are kept when a state acts in them —
the state itself, or its agents ("Serbian students", "Russian forces", "thousands
of Georgians"), which the actor layer resolves to the state.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from detente.extract.events.index import DocIndex
from detente.extract.records import EventRecord

UNDIRECTED: dict[str, frozenset[str] | None] = {
    "PROTEST": None,
    "MOBILIZE": None,
    "RETREAT": frozenset({"withdraw"}),
    "THREATEN": None,
    "CONCEDE": None,
}
"""Types (and, where given, the only modes) whose act needs no recipient: a protest, a
mobilisation, a withdrawal of forces, a threat made in public with no one named ("X
threatened to retaliate"), a declared ceasefire (:data:`TRUCES`). A released prisoner, an
observed ceasefire or an allowed access always has someone it is for, so those modes still
need one; an attack is aimed at someone even where the text names only a town."""

FORCES = frozenset(
    "troop force soldier army unit division brigade battalion regiment contingent "
    "peacekeeper marine fighter militia navy fleet warship reservist".split()
)
"""Nouns of armed forces: a withdrawal is of forces when they withdraw or are withdrawn
("Russian forces withdrew", "pulled its troops back"); "withdrew from the agreement",
"withdrew the nomination" name no movement of forces."""

THREAT_VERBS = frozenset({"threaten", "warn"})
"""Verbs that state a threat themselves. An act coded as a threat because its actor
announces it ("said it would detain …") or because it hangs under a stated readiness
("opened the door to releasing soldiers detained in March") needs the one it is aimed at:
without it, it is mostly a participle or an aside the coder lifted out of its clause."""

TRUCES = frozenset({"ceasefire", "cease-fire", "truce", "armistice"})
"""Nouns of a declared halt to fighting: a concession made to the war at large ("X
declared a unilateral ceasefire"), whoever the other side; other concessions are made to
someone."""

FORCE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj"})
"""Dependencies through which a trigger names who or what moves."""


def _of_forces(trigger: Token) -> bool:
    """Whether the trigger's subject or object is a body of armed forces."""
    return any(
        c.dep_ in FORCE_DEPS and c.lemma_.lower() in FORCES for c in trigger.children
    )


def _stated_threat(trigger: Token) -> bool:
    """Whether a threat trigger states a threat made.

    A verb whose content is a clause or a phrase ("threatened to retaliate", "warned of
    consequences"), not a verb with an object it endangers ("threatens regional
    stability"), not a warning *against* doing something (advice: the guidelines' threats
    are of sanctions or force), and not a noun ("stepped up his threats": a noun's
    addressee is mostly named elsewhere).
    """
    if trigger.pos_ not in ("VERB", "AUX") or trigger.lemma_.lower() not in THREAT_VERBS:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "against" for c in trigger.children):
        return False  # "warned against rushing into a deal": counsel, not a threat of force
    return not any(c.dep_ in ("dobj", "obj") for c in trigger.children)


def _openable(event: EventRecord, index: DocIndex) -> bool:
    """Whether ``event`` is of a recipient-less kind and a state (or its agents) acts in it."""
    if event.target_id is not None or event.type not in UNDIRECTED:
        return False
    modes = UNDIRECTED[event.type]
    if modes is not None and event.mode not in modes:
        return False
    info = index.info.get(event.source_id) if event.source_id is not None else None
    return bool(info and info.get("country"))  # a state or an agent of one


def undirected_keys(
    coded: Iterable[tuple[EventRecord, int | None]], doc: Doc, index: DocIndex
) -> set[tuple[int, str]]:
    """(evidence start, type) of the coded recipient-less events that are whole events.

    ``coded`` pairs each event as coded from one trigger with the trigger's index. A
    withdrawal counts only when forces move (:data:`FORCES`).
    """
    keys = set()
    for event, i in coded:
        if not _openable(event, index) or i is None:
            continue
        if event.type == "RETREAT" and not _of_forces(doc[i]):
            continue
        if event.type == "THREATEN" and not _stated_threat(doc[i]):
            continue
        if event.type == "CONCEDE" and doc[i].lemma_.lower() not in TRUCES:
            continue
        keys.add((event.evidence.start, event.type))
    return keys
