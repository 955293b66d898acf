"""Per-document lookups for the event and stance coders: who is named where, and what is quoted.

This module indexes a Doc's ``mentions``, ``actor_info``, ``dates`` and
``locations`` by token, and marks the tokens between quotation marks.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from detente.extract.actors import ActorDictionary
from detente.extract.extensions import parse_published

QUOTE_OPEN = {"“": "”", "«": "»"}
"""Curly opening quote marks and their closing partners."""


class DocIndex:
    """Per-document lookups: token → actors, actor → state, quote regions, dates, places."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.info: dict[str, dict] = dict(doc._.actor_info or {})
        self.token_actors: dict[int, list[str]] = {}
        for start, end, actor_id in doc._.mentions or []:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                ids = self.token_actors.setdefault(tok.i, [])
                if actor_id not in ids:
                    ids.append(actor_id)
        self.dates: list[tuple[Span, str]] = []
        for start, end, value, _precision in doc._.dates or []:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                self.dates.append((span, value))
        self.places: list[Span] = []
        for start, end, *_ in doc._.locations or []:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                self.places.append(span)
        self.quoted = _quote_mask(doc)
        self._main: tuple[str, ...] | None = None
        self.admitted: dict[str, dict] = {}
        """States the coder added to the document's actors (:meth:`admit`)."""

    def admit(self, state: str) -> bool:
        """Make a state the text names only by a place an actor of the document.

        "Protesters in <capital>", "pulled out of <region>": the state is named, through its
        city or region, though the actor layer kept the place as a place. True when
        ``state`` is (now) an actor: a state of the actor dictionary.
        """
        if state in self.info:
            return True
        dictionary = ActorDictionary.load()
        if state not in dictionary or dictionary.get(state).type != "country":
            return False
        on = parse_published(self.doc._.published)
        self.info[state] = self.admitted[state] = dictionary.get(state).info_at(on)
        return True

    def is_actor(self, token: Token) -> bool:
        """Whether the token lies inside an actor mention."""
        return token.i in self.token_actors

    def in_quote(self, token: Token) -> bool:
        """Whether the token lies between quotation marks."""
        return self.quoted[token.i]

    def country(self, actor_id: str | None) -> str | None:
        """The state an actor belongs to (itself for a state), for merging and dyads."""
        if actor_id is None:
            return None
        info = self.info.get(actor_id) or {}
        if info.get("type") == "country":
            return info.get("country") or actor_id
        return info.get("country") or actor_id

    def side(self, actor_id: str | None) -> str | None:
        """The side an actor is on: its state, else the international body it belongs to.

        A person in an international post (``org`` in the actor info) and a body's
        organs are one side with the body ("org.eu.council" and its president are on
        the side of "org.eu"), as a minister is with his state.
        """
        if actor_id is None:
            return None
        info = self.info.get(actor_id) or {}
        if info.get("country"):
            return info["country"]
        body = info.get("org") or actor_id
        parts = body.split(".")
        return ".".join(parts[:2]) if parts[0] == "org" and len(parts) > 2 else body

    def is_organization(self, actor_id: str) -> bool:
        """Whether the actor is an organisation (not a state or a person)."""
        return (self.info.get(actor_id) or {}).get("type") == "organization"

    def is_state(self, actor_id: str) -> bool:
        """Whether the actor is a state (not a person or organisation)."""
        info = self.info.get(actor_id)
        return (info or {}).get("type") == "country" or (
            info is None and actor_id.isupper() and len(actor_id) == 3
        )

    def recent_pair(self, before: int, sent: Span) -> list[str]:
        """The two parties under discussion just before token ``before``.

        A coordination of two states in the same or the previous sentence wins
        ("the U.S. and Russia", "U.S.-Russian"); failing that, the two states the
        document names most often (ties: the earlier named), which in a news
        story about a negotiation are its two sides.
        """
        named = self.named_pair(before, sent)
        if named:
            return named
        return list(self.main_states[:2]) if len(self.main_states) >= 2 else []

    def named_pair(self, before: int, sent: Span) -> list[str]:
        """The last pair of parties named together before token ``before``, else [].

        A coordination ("X and Y", "X-Y") in the same or the previous sentence, in
        text order.
        """
        doc = self.doc
        prev = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for i in range(before - 1, prev - 1, -1):
            parties = self._parties_at(i)
            if len(parties) >= 2:
                return parties[:2]
            if parties:
                sides = {self.country(a) for a in parties}
                for conj in doc[i].children:
                    if conj.dep_ == "conj":
                        other = [
                            a for a in self._parties_at(conj.i) if self.country(a) not in sides
                        ]
                        if other:
                            return [parties[0], other[0]]
        return []

    @property
    def main_states(self) -> tuple[str, ...]:
        """States of the document's actors, most often named first."""
        if self._main is None:
            counts: dict[str, int] = {}
            first: dict[str, int] = {}
            for i in sorted(self.token_actors):
                if i > 0 and self.token_actors.get(i - 1) == self.token_actors[i]:
                    continue  # one mention spans several tokens
                for state in self._states_at(i):
                    if self.info.get(state, {}).get("type", "country") != "country":
                        continue
                    counts[state] = counts.get(state, 0) + 1
                    first.setdefault(state, i)
            self._main = tuple(sorted(counts, key=lambda s: (-counts[s], first[s])))
        return self._main

    def _parties_at(self, i: int) -> list[str]:
        """The actors named at token ``i``, one per state (the first named of each)."""
        out: dict[str | None, str] = {}
        for actor_id in self.token_actors.get(i, []):
            out.setdefault(self.country(actor_id) or actor_id, actor_id)
        return list(out.values())

    def _states_at(self, i: int) -> list[str]:
        out: list[str] = []
        for actor_id in self.token_actors.get(i, []):
            state = self.country(actor_id)
            if state and state not in out:
                out.append(state)
        return out


def _quote_mask(doc: Doc) -> list[bool]:
    mask = [False] * len(doc)
    closing: str | None = None
    straight_open = False
    for tok in doc:
        text = tok.text
        if "\n" in tok.whitespace_ or "\n" in text:
            straight_open = False  # straight quotes do not run across paragraphs unpaired
        if closing is None and text in QUOTE_OPEN:
            closing = QUOTE_OPEN[text]
            continue
        if closing is not None and text == closing:
            closing = None
            continue
        if text == '"':
            straight_open = not straight_open
            continue
        if '"' in text:  # a mark glued to a word ('Moscow"This', '"pigs"Putin'): it still counts
            mask[tok.i] = closing is not None or straight_open
            straight_open ^= text.count('"') % 2 == 1
            continue
        mask[tok.i] = closing is not None or straight_open
    return mask


def mention_span(token: Token, index: DocIndex) -> Span:
    """The run of tokens around ``token`` that carry the same actors."""
    ids = index.token_actors.get(token.i)
    start = end = token.i
    while start > token.sent.start and index.token_actors.get(start - 1) == ids:
        start -= 1
    while end + 1 < token.sent.end and index.token_actors.get(end + 1) == ids:
        end += 1
    return token.doc[start : end + 1]
