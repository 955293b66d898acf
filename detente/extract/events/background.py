"""Background flag of events: :class:`BackgroundMarker`, run as ``detente_background``.

News writing mixes what happened in the reported period with history recalled
to explain it: "for three years the US has tried to isolate Russia through
sanctions", "since 2014, when Russia annexed Crimea", "the Cold War-era policy
of engaging China", "Trump met Putin in Helsinki in 2018". The event coder
codes these as events (they are reported facts); this component marks them
``background`` so the relations stage can keep them out of its current-period
indices, channel states and triangle while the event list still shows them.

It reads ``Doc._.events`` (from ``detente_events``), the dependency parse and
``Doc._.dates`` and decides per event, from the nearest temporal anchor
upward:

1. The *temporal scope* of an event is its trigger and the heads above it up
   to the sentence root. At each level the modifiers of that head (preposition
   phrases, adverbs, noun-phrase adverbials, compounds and modifiers of a noun)
   are read; climbing from the second of two coordinated clauses only the
   modifiers written *before* the first clause count (a fronted "For three
   years, ..." covers both clauses, a trailing "in 2018" only the first).
2. The first level with a decisive modifier decides: a resolved date that lies
   in the past of the article's "now" (an earlier calendar year for a date known
   only to the year, else ending more than ``horizon_days`` before it), a span
   of years ("for three years", "in recent years", "two decades ago"), an era
   ("during the Cold War", "Soviet-era", "in the 1990s"), a historic adverb
   ("historically", "once", "long"), or the office of a past holder ("during
   the Biden administration", read with the actor dictionary's dated roles)
   make the event background; a current date or word ("on Tuesday", "now") in
   the same level makes it current and wins. A modifier that compares ("the
   first talks in three years") decides nothing.
3. With no decisive modifier, the event's own date decides (past as above), and
   an undated event is current.

The article's "now" is its publication date, else the first day of the "now"
the date component inferred (``Doc._.reference``), else the latest day or month
the article states (the article is at least that recent). The cue words are
package data (``detente/extract/data/background.json``), written for detente.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from detente.errors import InputError
from detente.extract.actors import ActorDictionary
from detente.extract.extensions import get_list, register_extensions
from detente.extract.records import date_span

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[1] / "data" / "background.json"
"""The cue words shipped with detente."""

MODIFIER_DEPS = frozenset(
    {"prep", "npadvmod", "advmod", "tmod", "compound", "amod", "nummod", "nmod", "poss"}
)
"""Dependencies of a head's children read as possible temporal modifiers."""

BACKGROUND, CURRENT = "background", "current"


@dataclass(frozen=True, slots=True)
class BackgroundCues:
    """Words that make a temporal modifier mark history (or the present)."""

    duration_units: frozenset[str]
    """Lemmas of spans long enough to be history (``year``, ``decade`` ...)."""
    not_past: frozenset[str]
    """Modifiers of such a unit that make it current or future (``this year``)."""
    era_phrases: tuple[str, ...]
    """Phrases naming a past era (``cold war``, ``soviet-era``)."""
    historic_adverbs: frozenset[str]
    """Adverbs that tell history (``historically``, ``once``)."""
    current_words: frozenset[str]
    """Words that anchor a clause in the article's present (``now``, ``today``)."""
    office_nouns: frozenset[str]
    """Nouns of a term of office (``administration``, ``presidency``)."""
    past_office_preps: frozenset[str]
    """Prepositions that place an event in a term of office (``during``, ``under``)."""
    comparisons: frozenset[str]
    """Words that make a modifier a comparison, not a time frame (``first``)."""


def parse_cues(data: dict, *, origin: str = "background.json") -> BackgroundCues:
    """Build :class:`BackgroundCues` from the JSON layout of ``background.json``.

    Raises:
        InputError: naming ``origin`` and the missing or malformed field.
    """

    def words(key: str) -> list[str]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise InputError(origin, f"field {key!r} must be a list of non-empty strings")
        return [w.strip().lower() for w in value]

    return BackgroundCues(
        duration_units=frozenset(words("duration_units")),
        not_past=frozenset(words("not_past")),
        era_phrases=tuple(words("era_phrases")),
        historic_adverbs=frozenset(words("historic_adverbs")),
        current_words=frozenset(words("current_words")),
        office_nouns=frozenset(words("office_nouns")),
        past_office_preps=frozenset(words("past_office_preps")),
        comparisons=frozenset(words("comparisons")),
    )


@cache
def load_cues() -> BackgroundCues:
    """The cue words shipped with detente (read once)."""
    return parse_cues(json.loads(DATA.read_text(encoding="utf-8")), origin=str(DATA))


def is_past(value: str | None, now: date | None, horizon_days: int) -> bool:
    """Whether a date lies in the article's past.

    A year-only date must be an earlier calendar year; any other must end more than
    ``horizon_days`` before ``now``.
    """
    if not value or now is None:
        return False
    span = date_span(value)
    if span is None:
        return False
    if len(value) == 4:
        return span[1].year < now.year
    return span[1] < now - timedelta(days=horizon_days)


def article_now(doc: Doc) -> date | None:
    """The article's "now": publication date, else inferred reference, else latest stated date."""
    for value in (doc._.published, (doc._.reference or {}).get("earliest")):
        if value:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                log.debug("unreadable date %r", value)
    ends = [
        span[1]
        for _, _, value, precision in get_list(doc, "dates")
        if precision in ("day", "month") and (span := date_span(str(value))) is not None
    ]
    return max(ends) if ends else None


def _phrase_in(text: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w])", text) for p in phrases)


_DECADE = re.compile(r"\b(?:1[0-9]|20)\d0s\b")


class BackgroundMarker:
    """Set ``background`` on every event dict in ``doc._.events`` (see module docstring)."""

    def __init__(
        self,
        *,
        name: str = "detente_background",
        cues: BackgroundCues | None = None,
        horizon_days: int = 365,
        dictionary=None,
    ) -> None:
        register_extensions()
        if horizon_days < 0:
            raise InputError(name, f"horizon_days must be >= 0; got {horizon_days}")
        self.name = name
        self.cues = cues or load_cues()
        self.horizon_days = horizon_days
        self._dictionary = dictionary

    def __call__(self, doc: Doc) -> Doc:
        """Flag the events of ``doc``; other fields are left as they are."""
        events = [dict(e) for e in get_list(doc, "events")]
        if not events:
            return doc
        now = article_now(doc)
        dates = [(a, b, str(v)) for a, b, v, _ in get_list(doc, "dates")]
        for event in events:
            event["background"] = self.is_background(doc, event, now, dates)
            if event["background"] and event.get("date") and not event.get("date_evidence"):
                # a date with no words behind it is the publication month (Clarification 4
                # of the annotation guidelines); history told without a date has none
                event["date"] = None
        doc._.events = events
        return doc

    # -- one event ------------------------------------------------------------------------

    def is_background(self, doc: Doc, event: dict, now: date | None, dates: list) -> bool:
        """Whether ``event`` (a record dict of ``doc._.events``) is told as background."""
        trigger = _trigger_token(doc, event)
        if trigger is not None:
            compared = False
            for level in _scope_levels(trigger):
                # "the first talks in three years": an ordinal in the clause makes a span a
                # comparison, wherever the parser hung it
                compared = compared or any(m.lower_ in self.cues.comparisons for m in level)
                verdicts = {self._verdict(doc, m, now, dates, compared) for m in level}
                if CURRENT in verdicts:
                    return False
                if BACKGROUND in verdicts:
                    return True
        return is_past(event.get("date"), now, self.horizon_days)

    def _verdict(
        self, doc: Doc, modifier: Token, now: date | None, dates: list, compared: bool
    ) -> str | None:
        """``background``, ``current`` or None (says nothing about time) for one modifier."""
        span = doc[modifier.left_edge.i : modifier.right_edge.i + 1]
        inside = [v for a, b, v in dates if a < span.end_char and b > span.start_char]
        if any(not is_past(v, now, self.horizon_days) and now is not None for v in inside):
            return CURRENT
        if any(is_past(v, now, self.horizon_days) for v in inside):
            return BACKGROUND
        if self._current_words(span):
            return CURRENT
        text = span.text.lower()
        if (
            _phrase_in(text, self.cues.era_phrases)
            or _DECADE.search(text)
            or (not compared and not self._compares(span) and self._span_of_years(span))
            or (
                modifier.dep_ in ("advmod", "npadvmod")
                and modifier.lower_ in self.cues.historic_adverbs
            )
            or self._past_office(modifier, span, now)
        ):
            return BACKGROUND
        return None

    def _compares(self, span: Span) -> bool:
        return any(t.lower_ in self.cues.comparisons for t in span)

    def _current_words(self, span: Span) -> bool:
        for tok in span:
            if tok.lower_ in self.cues.current_words and tok.dep_ in ("advmod", "npadvmod"):
                return True
            if tok.lemma_.lower() in self.cues.duration_units | {"week", "month", "day"} and any(
                c.lower_ == "this" for c in tok.children
            ):
                return True
        return False

    def _span_of_years(self, span: Span) -> bool:
        """A span of years: "three years", "recent years", "decades", "a century ago"."""
        for tok in span:
            if tok.lemma_.lower() not in self.cues.duration_units or tok.pos_ != "NOUN":
                continue
            if any(c.lower_ in self.cues.not_past for c in tok.children):
                continue
            plural = tok.tag_ == "NNS"
            counted = any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in tok.children)
            ago = tok.head.lower_ == "ago" or any(c.lower_ == "ago" for c in tok.children)
            if plural or counted or ago:
                return True
        return False

    def _past_office(self, modifier: Token, span: Span, now: date | None) -> bool:
        """Whether the modifier is the term of a holder who had left office by ``now``.

        As in "during the Biden administration" read in 2025.
        """
        if now is None or modifier.dep_ != "prep":
            return False
        if modifier.lower_ not in self.cues.past_office_preps:
            return False
        if not any(
            t.lemma_.lower() in self.cues.office_nouns
            for t in modifier.children
            if t.dep_ == "pobj"
        ):
            return False
        dictionary = self._dictionary
        if dictionary is None:  # the package's, loaded once, on first need
            dictionary = ActorDictionary.load()
        for tok in (t for t in span if t.pos_ == "PROPN"):
            entry = dictionary.lookup(tok.text)
            if entry is None or entry.type != "person":
                continue
            offices = [s for s in entry.roles if s.key and not s.former]
            if offices and not any(s.active(now) for s in offices):
                return True
        return False


def _trigger_token(doc: Doc, event: dict) -> Token | None:
    """The trigger word of ``event`` inside its evidence span (the first such word)."""
    ev = event.get("evidence") or {}
    span = doc.char_span(ev.get("start", 0), ev.get("end", 0), alignment_mode="expand")
    if span is None:
        return None
    word = (event.get("trigger") or "").lower()
    hits = [t for t in span if t.lower_ == word] if word else []
    return hits[0] if hits else span.root


def _scope_levels(trigger: Token) -> list[list[Token]]:
    """Modifiers of the trigger, then of each head above it, level by level (see rule 1)."""
    levels: list[list[Token]] = []
    cur, prev = trigger, None
    for _ in range(32):
        level = [
            c
            for c in cur.children
            if c is not prev
            and c.dep_ in MODIFIER_DEPS
            and not (prev is not None and prev.dep_ == "conj" and c.i > cur.i)
        ]
        levels.append(level)
        if cur.head.i == cur.i:
            break
        prev, cur = cur, cur.head
    return levels


__all__ = [
    "BackgroundCues",
    "BackgroundMarker",
    "article_now",
    "is_past",
    "load_cues",
    "parse_cues",
]
