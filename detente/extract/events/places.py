"""States an event names only through places: protesters' states, places left, aided or hit.

Protests: news tells a street protest by its crowd and its place: "thousands marched
through <capital>", "protesters in <city> rallied", "crowds gathered outside
the <X> embassy in <city>". No actor acts in the subject, so the coder reads
the sides from the places (PLOVER codes protesters as agents of their state):

* the source is the state of the place the protest is held in: a state named
  after a preposition of place ("across X"), or a city or region the actor
  dictionary or the lexicon's ``territories`` gives a state ("in <capital>");
  the place may hang on the trigger ("rallied in X"), on its object ("blocked
  roads across X") or on the crowd ("protesters in X");
* the target is the state whose embassy or consulate the protest is held at
  ("outside the X embassy"); the city the mission stands in is the place.

Places left or aided: a withdrawal "from <region>" is a retreat before the
state that owns the region, aid airlifted "to <region>" goes to its state
(:func:`place_recipients`).

Places hit: an attack told with the weapon or the unit as subject names its victim
through the place hit ("X missiles struck a plant in <city>", "a drone attack on
<city>", "a depot in the <demonym> region of <R> was hit"; :func:`attack_places`).

A state read from a city or region may not be an actor of the document yet; it
is admitted to the document's actors (:meth:`DocIndex.admit`), as the guidelines
count every state the text names in any form.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import Lexicon
from detente.extract.events.parse import prep_objects
from detente.extract.events.setting import named_states
from detente.extract.events.undirected import FORCES

PROTEST_PLACE_PREPS = frozenset(
    {"in", "through", "across", "at", "outside", "near", "around", "on", "of", "throughout"}
)
"""Prepositions of the place a protest is held in ("marched *through* X", "streets *of* X")."""
MISSIONS = frozenset({"embassy", "consulate", "mission", "legation", "chancery", "commission"})
"""Buildings that stand for the state that keeps them (a Commonwealth state's embassy is its
"high commission"): a protest there is against that state."""


def protest_sides(
    trigger: Token, sent: Span, index: DocIndex, lexicon: Lexicon
) -> tuple[list[str], list[str]]:
    """(states protesting, states protested against) read from places and missions."""
    sources: list[str] = []
    targets: list[str] = []
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in FORCES for c in trigger.children):
        return [], []  # "soldiers marched through <capital>": a parade, not a protest
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "obj")]  # "picketed the embassy"
    for tok in objects + _place_words(trigger, sent):
        if tok.lemma_.lower() in MISSIONS:
            targets += _mission_states(tok, index)
            continue
        state = _state_at(tok, index, lexicon)
        if state is not None and state not in targets:
            sources.append(state)
    return list(dict.fromkeys(sources))[:1], list(dict.fromkeys(targets))


PLACE_RECIPIENT_PREPS = {"RETREAT": frozenset({"from", "of"}), "AID": frozenset({"to", "into"})}
"""Types whose recipient a place names, and the prepositions that name it: the place
withdrawn from ("pulled out *of* X"), the place aid goes *to*."""


def place_recipients(
    trigger: Token, type_: str, sent: Span, index: DocIndex, lexicon: Lexicon
) -> list[str]:
    """The state owning the place a withdrawal leaves or aid goes to ("out of <region>").

    Aid may also name its place as the object ("provided <region> with fuel").
    """
    preps = PLACE_RECIPIENT_PREPS.get(type_, frozenset())
    heads = [trigger] + [c for c in trigger.children if c.dep_ in ("prt", "prep", "advmod")]
    places = [
        g
        for h in heads
        for p in h.children
        if p.dep_ in ("prep", "dative") and p.lower_ in preps
        for g in p.children
        if g.dep_ == "pobj" and sent.start <= g.i < sent.end
    ]
    if type_ == "AID":  # "provided <region> with fuel", "sent <region> food"
        places += [c for c in trigger.children if c.dep_ in ("dobj", "obj", "dative")]
    places += [  # "pulled back from two positions in <region>"
        g for t in list(places) for p in t.children if p.lower_ == "in" for g in p.children
    ]
    found = [s for g in places if (s := _state_at(g, index, lexicon)) is not None]
    return list(dict.fromkeys(found))[:1]


ATTACK_PLACE_PREPS = frozenset(
    {"in", "at", "on", "near", "across", "throughout", "inside", "around", "of", "over", "into"}
    | {"toward", "towards"}
)
"""Prepositions of the place an attack hits or is placed in ("struck a plant *in* X", "an
attack *on* X", "the port *of* X", "drones *over* X", "fired drones *toward* X")."""
REGION_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
"""Dependencies by which a place noun names the state or region it lies in ("the *Russian*
region of X", "*Ukraine's* border region", "the *Sumy* region")."""


def attack_places(trigger: Token, sent: Span, index: DocIndex, lexicon: Lexicon) -> list[str]:
    """The state an attack hits, read from the place it names ("struck a plant in <city>").

    War reporting names the victim of an attack through the place hit: a place phrase of
    the trigger ("shelled villages *in* X", "a drone attack *on* <city>"), what is hit
    itself ("struck the <city> air base") or its place phrase ("a refinery *in* <city>",
    "the port *of* <city>"; in the passive its subject: "a depot in <region> was hit"),
    or, for a nominal attack that is the subject of its clause or the object of a light
    verb, a place phrase of that verb ("an X strike killed five people *in* <city>",
    "carried out strikes *in* <country>"; not "recalled the attacks in a speech in
    <capital>"). A place word names its state as an actor of the document, as a city or region the
    actor dictionary or the lexicon's ``territories`` gives a state, or through its
    modifiers ("the *Russian* region of X", "*Ukraine's* Sumy region").
    """
    hit = [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
    if any(c.dep_ == "auxpass" for c in trigger.children):
        hit += [c for c in trigger.children if c.dep_ == "nsubjpass"]
    heads = [trigger, *hit]
    if trigger.pos_ == "NOUN" and (
        trigger.dep_ in ("nsubj", "nsubjpass")
        or trigger.dep_ in ("dobj", "obj")
        and trigger.head.lemma_.lower() in lexicon.light_verbs
    ):
        heads.append(trigger.head)  # "an X strike killed ... in Y", "launched strikes in Y"
    # what is hit may itself be named by its place ("struck the <city> air base")
    for tok in hit + _places_below(heads, sent, ATTACK_PLACE_PREPS):
        state = _state_at(tok, index, lexicon)
        for part in (c for c in tok.children if c.dep_ in REGION_DEPS) if state is None else ():
            state = state or _state_at(part, index, lexicon)
        if state is not None:
            return [state]
    return []


def _place_words(trigger: Token, sent: Span) -> list[Token]:
    """Objects of place prepositions on the trigger, its objects, its subject, and nested."""
    verbs = [trigger]
    if trigger.dep_ in ("advcl", "xcomp", "conj"):  # "gathered in X to protest"
        verbs.append(trigger.head)
    heads = verbs + [
        c for v in verbs for c in v.children if c.dep_ in ("nsubj", "dobj", "obj", "prt", "prep")
    ]
    heads += [g for h in list(heads) for g in h.children if g.dep_ == "pobj"]  # "of protesters"
    return _places_below(heads, sent, PROTEST_PLACE_PREPS)


def _places_below(heads: list[Token], sent: Span, preps: frozenset[str]) -> list[Token]:
    """Objects of the prepositions ``preps`` on ``heads``, and nested ones, in text order."""
    out: list[Token] = []
    stack = [g for h in heads for g in prep_objects(h, preps)]
    while stack:
        tok = stack.pop()
        if not sent.start <= tok.i < sent.end or tok in out:
            continue
        out.append(tok)
        stack += prep_objects(tok, preps)  # "outside the embassy in X", "the streets of X"
    return sorted(out, key=lambda t: t.i)


def _mission_states(mission: Token, index: DocIndex) -> list[str]:
    """The states (or bodies) whose embassy or mission a noun names ("the Israeli embassy")."""
    words = [c for c in mission.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    words += prep_objects(mission, {"of"})
    words.append(mission)  # a mention may take in the noun ("Israeli embassy")
    # the actor's state (the actor itself for a state or a body): the state itself, though
    # the text names its foreign ministry's building
    states = [index.country(a) for w in words for a in index.token_actors.get(w.i, ())]
    return [s for s in dict.fromkeys(states) if index.admit(s)]


def _state_at(tok: Token, index: DocIndex, lexicon: Lexicon) -> str | None:
    """The state a place word names or lies in, admitted to the document's actors."""
    for actor in index.token_actors.get(tok.i, ()):
        if index.is_state(actor):
            return index.country(actor)
    name = _name(tok)
    for state in named_states(name, lexicon):
        if index.admit(state):
            return state
    return None


def _name(tok: Token) -> str:
    """The proper name a token heads, with its compound parts ("Da Nang")."""
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    return " ".join(t.text for t in parts)
