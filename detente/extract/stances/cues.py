"""Placing a sentence on an issue's scale: which cue phrases it names, and where they point.

The stance detector (:mod:`detente.extract.stances.detector`) finds *who* holds a
stance; this module finds *where* on the scale the sentence's words put it. A cue
(:class:`detente.issues.Cue`) is a phrase naming what one point of the scale describes.
Matching rules (pinned by ``tests/extract/test_stances.py``):

* words match a token's lower-case form or its lemma, so "lifting" matches "lift";
* ``...`` in a phrase stands for up to four other words ("lift ... sanctions"
  matches "lifting the raft of sanctions");
* a phrase that starts ``{ISO3}`` needs that state (or one of its people or
  bodies) as the agent of the word that follows: the verb's subject, the object
  of a verb that controls it ("require Kyiv to cede"), or a noun's possessor or
  modifier ("Russian withdrawal");
* longer phrases first, each token used once;
* an *inverter* ("abandon", "no", "halt") among the eight words before a cue that
  has the cue in its scope names the opposite, so the cue's point is mirrored about
  the scale's centre ("abandon its bid to join NATO": not joining; "a ban on air, sea
  and energy infrastructure attacks": no attacks);
* a cue inside the phrase of another cue's words, after them, qualifies it and
  alone counts ("security guarantees *like Article 5*");
* the sentence's point is the mean of its cues' points; cues on both far sides
  of the scale (more than half the scale apart) say nothing clear, and give none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from detente.extract.events.index import DocIndex
from detente.issues import Cue, Issue

GAP = "..."
"""Phrase element standing for up to :data:`MAX_GAP` other words."""
MAX_GAP = 4
INVERTER_WINDOW = 8
"""Words before a cue searched for an inverter (that also has the cue in its scope)."""
_AGENT = re.compile(r"^\{([A-Za-z]{3})\}$")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a sentence's cues put it on one issue's scale."""

    position: float
    """Mean of the cues' points (mirrored where an inverter precedes them)."""
    words: str
    """The cue words as written in the sentence, ``; ``-joined."""
    start_char: int
    """Document offset of the first cue's first character."""
    tokens: tuple[int, ...] = ()
    """Document index of each cue's first token."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    agent: str | None
    elements: tuple[str, ...]


def phrase_words(text: str) -> list[str]:
    """A phrase cut as spaCy cuts text: hyphens between words are words of their own."""
    return re.sub(r"(?<=\w)-(?=\w)", " - ", text.lower()).split()


@cache
def _pattern(words: str) -> _Pattern:
    parts = phrase_words(words)
    agent = None
    if parts and (m := _AGENT.match(parts[0])):
        agent, parts = m.group(1).upper(), parts[1:]
    return _Pattern(agent, tuple(parts))


def _match(pattern: _Pattern, keys: list[tuple[str, str]], start: int) -> list[int] | None:
    """Token offsets (within ``keys``) the phrase's words take from ``start``, or None."""
    elements = pattern.elements

    def step(e: int, i: int, taken: list[int]) -> list[int] | None:
        if e == len(elements):
            return taken
        word = elements[e]
        if word == GAP:
            for skip in range(MAX_GAP + 1):
                got = step(e + 1, i + skip, taken)
                if got is not None:
                    return got
            return None
        if i < len(keys) and word in keys[i]:
            return step(e + 1, i + 1, [*taken, i])
        return None

    if not elements or elements[0] == GAP:
        return None
    return step(0, start, [])


def agent_states(token: Token, index: DocIndex) -> set[str]:
    """States (ISO alpha-3) of the actors that are the agent of ``token`` (see module doc)."""
    agents: list[Token] = []
    if token.pos_ in ("VERB", "AUX"):
        cur = token
        for _ in range(4):
            subjects = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")]
            if subjects:
                agents = subjects
                break
            if cur.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl") and cur.head.i != cur.i:
                # object control ("require Kyiv to cede"), also passive ("Kyiv is forced to")
                objects = [c for c in cur.head.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
                if cur.dep_ == "xcomp" and objects:
                    agents = objects
                    break
                cur = cur.head
                continue
            break
    else:
        agents = [c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "by"):
                agents += [c for c in prep.children if c.dep_ == "pobj"]
    states: set[str] = set()
    for head in agents:
        for tok in (head, *(c for c in head.children if c.dep_ in ("compound", "amod", "poss"))):
            for actor_id in index.token_actors.get(tok.i, []):
                state = index.country(actor_id)
                if state and len(state) == 3 and state.isupper():
                    states.add(state)
    return states


def place(
    issue: Issue,
    sent: Span,
    index: DocIndex,
    inverters: frozenset[str],
    ignore: frozenset[int] = frozenset(),
) -> Placement | None:
    """Where the sentence's cue phrases put it on ``issue``'s scale, or None.

    Args:
        issue: The issue, with its cues (longest first).
        sent: The sentence.
        index: Lookups of the document (actors by token).
        inverters: Lower-case words (or two-word phrases) that turn a following cue around.
        ignore: Token indices (in the document) that are not inverters here: the stance
            verbs and their negations, which turn the stance itself around.
    """
    tokens = [t for t in sent if not t.is_space]
    keys = [(t.lower_, (t.lemma_ or t.lower_).lower()) for t in tokens]
    used: set[int] = set()
    points: list[tuple[int, float, str, tuple[int, ...]]] = []
    for cue in issue.cues:
        pattern = _pattern(cue.words)
        for start in range(len(tokens)):
            taken = _match(pattern, keys, start)
            if taken is None or used.intersection(taken):
                continue
            if pattern.agent and pattern.agent not in agent_states(tokens[taken[0]], index):
                continue
            used.update(range(taken[0], taken[-1] + 1))
            points.append(
                (
                    taken[0],
                    _point(cue, issue, tokens, taken[0], inverters, ignore),
                    _text(tokens, taken),
                    tuple(tokens[k].i for k in taken),
                )
            )
    if not points:
        return None
    points = _most_specific(points, tokens)
    values = [p for _, p, _, _ in points]
    if max(values) - min(values) > (issue.high - issue.low) / 2:
        return None
    points.sort()
    first = tokens[points[0][0]].idx
    return Placement(
        sum(values) / len(values),
        "; ".join(w for _, _, w, _ in points),
        first,
        tuple(tokens[at].i for at, _, _, _ in points),
    )


def _most_specific(points: list, tokens: list[Token]) -> list:
    """Drop a cue whose noun another cue qualifies.

    In "guarantees *like Article 5*" the qualifier says which guarantees, so it alone
    places the sentence.
    """
    spans = {at: set(taken) for at, _, _, taken in points}
    keep = [
        point
        for point in points
        if not any(
            other != point[0] and _qualifies(tokens[other], spans[point[0]]) for other in spans
        )
    ]
    return keep or points


def _qualifies(token: Token, span: set[int]) -> bool:
    """Whether ``token`` hangs, within one noun phrase, under a noun of ``span``."""
    cur = token
    for _ in range(6):
        if cur.dep_ in ("conj", "cc", "advcl", "ccomp", "xcomp", "relcl", "parataxis", "ROOT"):
            return False
        cur = cur.head
        if cur.i in span:
            return cur.pos_ in ("NOUN", "PROPN") and cur.i < token.i
    return False


def _text(tokens: list[Token], taken: list[int]) -> str:
    """The matched words as written, hyphens rejoined ("full-fledged")."""
    out = ""
    for k, i in enumerate(taken):
        if k and (tokens[i].text == "-" or tokens[taken[k - 1]].text == "-"):
            out += tokens[i].text
        else:
            out += (" " if k else "") + tokens[i].text
    return out


def _point(
    cue: Cue,
    issue: Issue,
    tokens: list[Token],
    at: int,
    inverters: frozenset[str],
    ignore: frozenset[int],
) -> float:
    """The cue's point, mirrored when an inverter before it has the cue in its scope."""
    target = tokens[at]
    for j in range(max(0, at - INVERTER_WINDOW), at):
        tok = tokens[j]
        if tok.i in ignore:
            continue
        words = {tok.lower_, (tok.lemma_ or "").lower()}
        if j + 1 < at:
            words.add(f"{tok.lower_} {tokens[j + 1].lower_}")
        if words & inverters and _scopes(tok, target):
            return issue.mirror(cue.position)
    return cue.position


def _scopes(inverter: Token, target: Token) -> bool:
    """Whether ``inverter`` bears on ``target``.

    It modifies the cue word or a word above it ("*never* recognise", "*no* NATO
    membership"), or the cue lies below it ("*abandon* its bid to join"), but not
    through a coordinated verb ("ending the war and improving ties") or an adverbial
    clause of purpose or result ("*halting* the attacks so that elections can be held").
    """
    if inverter.dep_ in ("neg", "det", "advmod", "amod", "preconj") and (
        inverter.head.i == target.i or any(a.i == inverter.head.i for a in target.ancestors)
    ):
        return True
    between = inverter.doc[inverter.i + 1 : target.i]
    if len(between) <= 2 and all(t.pos_ in ("ADP", "DET", "PART", "ADJ") for t in between):
        return True  # "a truce on strikes", "no new sanctions": adjacent, whatever the parse
    child = target
    for up in target.ancestors:
        if up.i == inverter.i:
            return child.dep_ not in ("conj", "cc", "advcl")
        child = up
    return False


__all__ = ["GAP", "Placement", "agent_states", "phrase_words", "place"]
