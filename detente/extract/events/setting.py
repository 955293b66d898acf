"""The setting of a coded event: where (place) and by what medium.

:mod:`detente.extract.events.arguments` finds who acted on whom; this module reads the
place phrase and the remote medium ("by phone") that belong to the trigger's clause. When
it happened is :mod:`detente.extract.events.dates`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.extract.actors import ActorDictionary
from detente.extract.events.index import DocIndex, mention_span
from detente.extract.events.lexicon import Lexicon

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
"""Entity labels that name places."""
PLACE_PREPS = frozenset({"in", "inside", "at", "near", "outside"})
"""Prepositions whose object is where an event happened."""
REMOTE_WORDS = frozenset({"phone", "telephone", "video", "videoconference", "videolink", "call"})
"""Objects of *by / over / via* that make a CONSULT remote (PLOVER mode ``phone``)."""


def event_place(
    index: DocIndex, lexicon: Lexicon, trigger: Token, anchor: Token, type_: str | None = None
) -> Span | None:
    """The place named by an *in* / *at* phrase of the trigger or its carrier.

    The phrase may also hang from a noun of the same event type that frames
    the trigger's clause ("during meetings at the Kremlin, X and Y spent
    hours discussing ..."), but not from any other noun ("talks over the war
    in Ukraine" did not take place in Ukraine).
    """
    heads = [trigger, anchor]
    if trigger.pos_ not in ("VERB", "AUX"):
        heads.append(governor(trigger))  # "the meeting ... took place in Alaska"
    elif type_ in ("ASSAULT", "COERCE"):
        heads += [c for c in trigger.children if c.dep_ == "dobj"]  # "struck a refinery in X"
    if type_ == "CONSULT":  # "meeting with US officials in Washington": where they met
        heads += [
            g
            for p in trigger.children
            if p.dep_ == "prep" and p.lower_ == "with"
            for g in p.children
            if g.dep_ == "pobj"
        ]
    if trigger.pos_ in ("VERB", "AUX") and trigger.dep_ in ("xcomp", "advcl", "pcomp", "conj"):
        heads.append(trigger.head)
    for head in list(heads):
        for prep in head.children:
            if prep.dep_ == "prep":
                heads += [
                    g
                    for g in prep.children
                    if g.dep_ == "pobj" and type_ is not None and type_ in lexicon.noun_types(g)
                ]
    for head in dict.fromkeys(heads):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                found = _place_in(index, pobj)
                # "at the consul general's residence in Istanbul": the building is in a place
                for inner in pobj.children if found is None else ():
                    if inner.dep_ == "prep" and inner.lower_ in ("in", "inside"):
                        for g in inner.children:
                            if g.dep_ == "pobj" and found is None:
                                found = _place_in(index, g)
                if found is not None:
                    return found
    return None


def _place_in(index: DocIndex, pobj: Token) -> Span | None:
    # "in the Saudi capital Riyadh": prefer the apposed name to the descriptor;
    # "in the Saratov region": the name modifying the descriptor.
    candidates = [c for c in pobj.children if c.dep_ == "appos"] + [pobj]
    candidates += [c for c in pobj.children if c.dep_ == "compound"]
    for cand in candidates:
        for span in index.places:
            if span.start <= cand.i < span.end:
                return span
        for ent in cand.doc.ents:
            if ent.start <= cand.i < ent.end and ent.label_ in PLACE_LABELS:
                return ent
        if any(index.is_state(a) for a in index.token_actors.get(cand.i, [])):
            # "at the Kremlin", "in Moscow": a state's seat after in/at is a place
            return mention_span(cand, index)
    return None


def remote_mode(trigger: Token, anchor: Token, type_: str) -> str | None:
    """``phone`` for a consultation held "by phone", "over video link", "via videoconference"."""
    if type_ != "CONSULT":
        return None
    for head in (trigger, anchor):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "over", "via"):
                if any(g.lemma_.lower() in REMOTE_WORDS for g in prep.subtree if g.i != prep.i):
                    return "phone"
    return None


def governor(noun: Token) -> Token:
    """The verb a noun phrase hangs from ("came ... with a call" → came), or the noun itself."""
    cur = noun
    for _ in range(6):
        if cur.dep_ not in (
            "pobj",
            "prep",
            "dobj",
            "obj",
            "nsubj",
            "nsubjpass",
            "attr",
            "conj",
            "appos",
        ):
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return noun


def state_of_place(text: str) -> str | None:
    """The state a place name stands for in the actor dictionary ("the Kremlin" → RUS), if any.

    Used for places the actor resolver kept as places, not actors: a meeting *at
    the Kremlin* is hosted by Russia even though "the Kremlin" was not an actor there.
    """
    entry = ActorDictionary.load().lookup(text)
    return entry.id if entry is not None and entry.type == "country" else None


def named_states(name: str, lexicon: Lexicon) -> list[str]:
    """The states a place name stands for or lies in, the actor dictionary's first.

    A state's seat or city in the actor dictionary (:func:`state_of_place`), then a
    region the lexicon's ``territories`` gives a state ("Crimea" → UKR).
    """
    found = (state_of_place(name), lexicon.territories.get(name.lower()))
    return [s for s in found if s is not None]
