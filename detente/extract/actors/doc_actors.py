"""Per-document actor state shared by the resolver and coreference.

:class:`DocActors` collects mentions (non-overlapping, longest first), what is
known of each actor, and the places named; :mod:`.resolver` fills it
from entities and :mod:`.coref` adds the later mentions.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from detente.extract.quotes.spans import find_quote_spans
from detente.extract.word_lists import doc_text


class DocActors:
    """Per-document state: mentions found so far and what is known of each actor."""

    def __init__(self, doc: Doc, dictionary, on: date | None) -> None:
        self.doc = doc
        self.dictionary = dictionary
        self.on = on
        self.mentions: dict[tuple[int, int], str] = {}
        self.info: dict[str, dict] = {}
        self.token_actor: dict[int, str] = {}
        self.locations: list[tuple[int, int, str]] = []
        self.quotes = find_quote_spans(doc_text(doc))
        self.excluded_names: set[str] = set()
        self.holder_lookups: list[tuple[str, str, str]] = []
        """``(role keys joined by "|", state or body, holder)`` of each role-holder lookup."""
        self.role_mentions: list[tuple[int, int, str, str]] = []
        """Mentions resolved as a role's holder at the article date (``Doc._.role_mentions``)."""

    def add(self, start: int, end: int, actor_id: str, info: dict | None = None) -> None:
        """Record a mention of ``actor_id`` over characters ``[start, end)``."""
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in self.mentions):
            return  # already inside a longer mention
        for key in [k for k in self.mentions if start <= k[0] and k[1] <= end]:
            del self.mentions[key]
        self.mentions[(start, end)] = actor_id
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                self.token_actor[tok.i] = actor_id
        if actor_id not in self.info and info is not None:
            self.info[actor_id] = info

    def entry_info(self, entry) -> dict:
        """The ``actor_info`` dict of an entry: role, state and body at the article date."""
        return entry.info_at(self.on)

    def actor_of(self, tok: Token) -> str | None:
        """Actor id of the mention covering ``tok``, if any."""
        return self.token_actor.get(tok.i)

    def country_of_token(self, tok: Token) -> str | None:
        """Country a token names: its own mention, or a dictionary lookup of its word."""
        actor = self.actor_of(tok)
        if actor is not None:
            info = self.info.get(actor) or {}
            return info.get("country") if info.get("type") != "person" else None
        if not tok.is_alpha or not tok.text[:1].isupper():
            return None
        entry = self.dictionary.lookup(tok.text) or self.dictionary.by_demonym(tok.text)
        if entry is not None and entry.type != "person":
            return entry.country
        return None

    def person_country(self, tok: Token) -> str | None:
        """Country of the person a token names ("Trump" in "Trump's envoy")."""
        info = self.info.get(self.actor_of(tok) or "") or {}
        return info.get("country") if info.get("type") == "person" else None

    def output(self) -> tuple[list, dict, list]:
        """Mentions sorted by start, actor info, locations sorted by start."""
        mentions = sorted((a, b, i) for (a, b), i in self.mentions.items())
        seen = {i for _, _, i in mentions}
        info = {k: v for k, v in self.info.items() if k in seen}
        return mentions, info, sorted(set(self.locations))
