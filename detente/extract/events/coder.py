"""PLOVER event coder, registered as the spaCy component ``detente_events``.

The factory is in :mod:`detente.extract.components.events`.

For every sentence it looks for trigger words from the lexicon
(:mod:`detente.extract.events.lexicon`: hand-written entries, then entries
generated from the CAMEO verb dictionary), keeps *reported facts* and *stated
commitments*, finds the acting and the acted-upon actors in the dependency
parse, attaches the date and place the clause gives, and merges repeats into
one event per real-world action.

The coding follows the PLOVER manual (Open Event Data Alliance, "DRAFT Version
2.0") and the evaluation guidelines: the actor is the one who acts, the
recipient the one acted upon; a meeting with no visitor/host distinction codes
the first-named party as actor; every member of a coordinated group is a party
of its own; future or hypothetical actions are not events, except that a
party's stated future cooperation is AGREE and its stated future force
THREATEN (:mod:`detente.extract.events.speech`).

Where each part lives (one noun per module):

* factuality of a trigger's clause: :mod:`~detente.extract.events.factuality`
  (a question, a quotation, a condition, a modal, a negation, a hedge, intent
  or failure over it make it no reported fact; "did not agree" is REJECT
  where the lexicon says so);
* who acts: :mod:`~detente.extract.events.actors`; who is acted on:
  :mod:`~detente.extract.events.recipients`; their assembly into
  records: :mod:`~detente.extract.events.arguments`; date, place and
  medium: :mod:`~detente.extract.events.setting`;
* what a speech act is about and whom its content names ("threatened to impose
  tariffs on X"; a promise of a concession or of force):
  :mod:`~detente.extract.events.content`;
* one event per real-world act, the repeats merged:
  :mod:`~detente.extract.events.merging` (``Coded``, ``merge_events``).

Dates: the date expression of the event's own clause, else that of the nearest
clause governing it (:mod:`~detente.extract.events.dates`); else
that of a merged repeat; else that of the earlier happening a definite noun
refers back to ("the meeting", "last week's talks in Riyadh"), or of the dated
event the narrative continues; else, for an act reported as news, the month of
the article's news window (Clarification 4 of the annotation guidelines;
``publication_fallback``; :mod:`~detente.extract.events.narrative`).
For an article without a publication date the date layer reads relative
expressions against the "now" it infers from calendar events
(:mod:`detente.extract.temporal.reference_time`).

Only dyadic events are kept by default (``dyadic_only``): detente's relations
stage works on dyads, and an event without a recipient is mostly a fragment
whose counterpart the parse did not find.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Doc, Token

from detente.extract.events.arguments import ArgumentFinder
from detente.extract.events.content import (
    CONTENT_DEPS,
    content_recipients,
    promised_concession,
    vowed_force,
)
from detente.extract.events.dates import event_date
from detente.extract.events.factuality import (
    clause_chain,
    is_factual,
    object_besides,
    obstacles,
    purpose_clause,
)
from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import Lexicon, TriggerRule, load_lexicon
from detente.extract.events.merging import Coded, merge_events
from detente.extract.events.offers import answered_offers
from detente.extract.events.parse import infinitival_modifier
from detente.extract.events.provisions import listed_provisions
from detente.extract.events.quoted import quote_speakers, quoted_act, speaker_at
from detente.extract.events.speech import announced, commitment, reporting_verb
from detente.extract.events.undirected import undirected_keys
from detente.extract.extensions import record_to_dict, register_extensions
from detente.extract.records import EventRecord

log = logging.getLogger(__name__)

REFUSAL_MARKS = frozenset({"negated", "future", "would"})
"""Obstacles under which a negated act is a refusal ("did not agree", "will not accept")."""


class EventCoder:
    """Code PLOVER events into ``doc._.events`` (a list of :class:`EventRecord` dicts)."""

    def __init__(
        self,
        *,
        name: str = "detente_events",
        lexicon: Lexicon | None = None,
        publication_fallback: bool = True,
        skip_quoted: bool = True,
        dyadic_only: bool = True,
    ) -> None:
        register_extensions()
        self.name = name
        self.lexicon = lexicon or load_lexicon()
        self.publication_fallback = publication_fallback
        self.skip_quoted = skip_quoted
        self.dyadic_only = dyadic_only

    def __call__(self, doc: Doc) -> Doc:
        """Code the events of ``doc`` into ``doc._.events``."""
        doc._.events = [record_to_dict(e) for e in self.code(doc)]
        return doc

    def code(self, doc: Doc) -> list[EventRecord]:
        """The events of ``doc`` as records, merged, in text order."""
        index = DocIndex(doc)
        finder = ArgumentFinder(index, self.lexicon)
        coded: list[Coded] = []
        quotes = quote_speakers(doc)
        for s_i, sent in enumerate(segments(doc)):
            if sent.text.rstrip().rstrip("\"'”’ ").endswith("?"):
                continue
            matched = {
                t.i: r for t in sent if (r := self.lexicon.match(t, index.is_actor)) is not None
            }
            start = len(coded)
            for i, rule in matched.items():
                token = doc[i]
                quoted = (
                    self.skip_quoted and index.in_quote(token) and not _paraphrased(token, index)
                )
                speaker = speaker_at(token, quotes) if quoted else None
                if quoted and speaker is None or _inside_other_trigger(token, matched):
                    continue
                if rule.type == "REQUEST" and _courtesy_errand(token):
                    continue  # "asked him to convey his regards to X": a greeting
                found = obstacles(token)
                if rule.type in PURPOSE_TYPES and purpose_clause(token):
                    found |= {"intended"}  # "gathered for a summit to agree on X"
                past = _simple_past(token)
                if speaker is not None:
                    # the speaker's own threat, accusation, demand or refusal
                    items = quoted_act(token, rule, speaker, sent, finder)
                elif not found:
                    items = finder.events(token, rule, sent)
                    items = content_recipients(token, rule, items, sent, index, self.lexicon)
                    if promised_concession(token, rule, matched):
                        items = [(replace(e, type="CONCEDE", mode=None), t) for e, t in items]
                    elif (force := vowed_force(token, rule, matched)) is not None:
                        items = [(replace(e, type="THREATEN", mode=force), t) for e, t in items]
                elif rule.negated and "negated" in found and found <= REFUSAL_MARKS:
                    # "did not agree to a ceasefire", "will not accept": a refusal
                    refusal = replace(rule, type=rule.negated, mode=None)
                    items = finder.events(token, refusal, sent)
                    items = content_recipients(token, refusal, items, sent, index, self.lexicon)
                else:
                    items = self._commitments(token, rule, found, sent, finder)
                    # a promise is made, and dated, by its statement, not by the act promised
                    token = reporting_verb(token) or token
                    past = _simple_past(token)
                if not items:
                    log.debug("trigger %r at %d: no event (%s)", token.text, token.idx, found)
                lemma = "talks" if doc[i].lower_ == "talks" else doc[i].lemma_.lower()
                for event, theme in items:
                    coded.append(Coded(s_i, event, theme, past, token=token.i, lemma=lemma))
            coded += answered_offers(coded[start:], index, self.lexicon)
            coded += listed_provisions(sent, s_i, coded)
        events = merge_events(
            coded, index, self.lexicon, publication_month=self.publication_fallback
        )
        if self.dyadic_only:
            # a protest, a mobilisation, a withdrawal of forces: no one is acted upon
            open_ = undirected_keys(((c.event, c.token) for c in coded), doc, index)
            events = [
                e
                for e in events
                if e.target_id is not None or (e.evidence.start, e.type) in open_
            ]
        _admit_states(doc, index, events)
        return events

    def _commitments(
        self, token: Token, rule: TriggerRule, found: frozenset[str], sent, finder: ArgumentFinder
    ) -> list[tuple[EventRecord, str | None]]:
        """The AGREE or THREATEN of a stated future act, else nothing.

        The rules are those of :mod:`detente.extract.events.speech`.
        """
        promised = commitment(rule)
        speaker_verb = reporting_verb(token)
        if promised is None or not announced(rule, found, speaker_verb):
            return []
        if speaker_verb is not None and not is_factual(speaker_verb):
            return []  # "X may say it will ...": not a statement made
        speakers = (
            finder.actors.subject_actors(speaker_verb, sent) if speaker_verb is not None else []
        )
        country = finder.index.country
        said = event_date(finder.index, speaker_verb, speaker_verb) if speaker_verb else None
        out = []
        for event, theme in finder.events(token, rule, sent):
            source, target = event.source_id, event.target_id
            if speaker_verb is not None:
                sides = {country(source), country(target)}
                own = [a for a in speakers if country(a) in sides]
                if not own:
                    continue  # a third party's forecast of others' acts
                if country(own[0]) == country(target):
                    target = source  # "X said Y and X would meet": the other side is Y
                source = own[0]
            kind, mode = promised
            record = replace(
                event,
                type=kind,
                mode=mode,
                source_id=source,
                target_id=target,
                date=said if speaker_verb is not None else None,  # not the date of the act
            )
            out.append((record, theme or rule.lemma))  # what is promised tells promises apart
        return out


def _admit_states(doc: Doc, index: DocIndex, events: list[EventRecord]) -> None:
    """Add to ``doc._.actor_info`` the states the events name only through a place.

    "Protesters in <capital>": the coder admitted the capital's state as an actor
    (:meth:`DocIndex.admit`); it enters the document's actors when an event kept names it.
    """
    used = {a for e in events for a in (e.source_id, e.target_id)}
    admitted = {a: info for a, info in index.admitted.items() if a in used}
    if admitted:
        doc._.actor_info = {**(doc._.actor_info or {}), **admitted}


COURTESIES = frozenset(
    {"regard", "greeting", "wish", "condolence", "congratulation", "respect", "thank"}
    | {"gratitude", "salute"}
)
"""Nouns of a courtesy message ("warm regards", "best wishes", "condolences")."""
PASSING_VERBS = frozenset({"convey", "pass", "send", "relay", "extend", "deliver", "give"})
"""Verbs of passing a message on to someone."""


def _courtesy_errand(trigger: Token) -> bool:
    """Whether a request only asks to pass on a courtesy ("asked him to convey his regards").

    Greetings, wishes and condolences sent through someone are civilities, not a demand
    that anyone act in the matters PLOVER codes.
    """
    return any(
        c.dep_ in CONTENT_DEPS
        and c.lemma_.lower() in PASSING_VERBS
        and any(
            o.dep_ in ("dobj", "obj") and o.lemma_.lower() in COURTESIES for o in c.children
        )
        for c in trigger.children
    )


def _paraphrased(token: Token, index: DocIndex) -> bool:
    """Whether a quoted trigger's clause has its actor outside the quotation marks.

    'X "is ready to work with Y"' reports what X said in X's words: the actor is
    named by the writer, so the act is reported speech, not a quotation.
    """
    head = clause_chain(token)[-1]
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(
        not index.in_quote(s) and index.is_actor(s) and '"' not in s.text for s in subjects
    )


TERMINAL = frozenset({".", "!", "?", ":", '"', "”", "’", "'", ")"})
"""Last characters of a real sentence; other line endings mark headlines, bylines, caption tags."""
SPEECH_ACT_TYPES = frozenset(
    {"AGREE", "REQUEST", "REJECT", "SUPPORT", "ACCUSE", "THREATEN", "CONCEDE", "CONSULT"}
)
"""Types whose complement is their content ("agreed to revive ties" is one AGREE, no SUPPORT)."""
PURPOSE_TYPES = SPEECH_ACT_TYPES - {"CONSULT"}
"""Speech acts that are no event when only the aim of another act ("met *to agree* on X");
a meeting told as the aim of a trip ("flew to X to meet Y") is the trip's account."""
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "acl", "prep", "pobj", "dobj", "conj"})
"""Dependencies along which a trigger can sit inside another trigger's content."""
ADJUNCT_PREPS = frozenset(
    {"during", "after", "before", "following", "at", "amid", "since", "until", "despite"}
    | {"due", "because", "owing", "thanks"}  # "due to X", "because of X": a reason
)
"""Prepositions of time, place, circumstance and reason: their phrase is not what an act is
about."""


def segments(doc: Doc):
    """Sentences, cut again at line breaks, without headline-like lines.

    Article text keeps titles, bylines and captions on their own lines; the
    parser may glue them to the next sentence, so a sentence is split at every
    line break and pieces that do not end like a sentence are dropped.
    """
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                end = tok.i if tok.is_space else tok.i + 1
                yield from _keep(doc, start, end)
                start = tok.i + 1
        yield from _keep(doc, start, sent.end)


def _keep(doc: Doc, start: int, end: int):
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end > start and doc[end - 1].text[-1] in TERMINAL:
        yield doc[start:end]


def _inside_other_trigger(token: Token, matched: dict[int, TriggerRule]) -> bool:
    """Whether ``token`` is the content of a speech act above it ("demanded that X withdraw")."""
    if _provided_for(token, matched):
        return True  # "a deal to supply X", "a plan to withdraw": what is agreed
    cur = token
    for _ in range(4):
        if cur.dep_ not in COMPLEMENT_DEPS or cur.head.i == cur.i:
            return False
        if cur.dep_ == "prep" and cur.lower_ in ADJUNCT_PREPS:
            return False  # "reached during a call": the call is when, not what
        if _misread_complement(cur):
            return False  # "X accused Y, a charge Y denied": the charge is what is denied
        coordinated = cur.dep_ == "conj"
        cur = cur.head
        rule = matched.get(cur.i)
        if rule is not None and rule.type in SPEECH_ACT_TYPES and cur.pos_ in ("VERB", "AUX"):
            if rule.type == "CONSULT" == matched[token.i].type:
                return False  # "arrived for talks with X": the talks are the meeting, told again
            if not coordinated:
                return True  # "demanded that X withdraw" is one act
            # "met and agreed" is two acts, unless the first is itself content:
            # "agreed to reopen embassies and restore flights" is one agreement
            return _inside_other_trigger(cur, matched)
    return False


def _misread_complement(clause: Token) -> bool:
    """Whether a clause hung before its verb as the complement is an act of its own.

    "X accused Y of Z, a charge Y denied": the parser may read the accusation as the
    complement of "denied", but a verb whose noun object follows has that object as
    its content ("a charge"; :func:`.factuality.object_besides`).
    """
    return clause.dep_ == "ccomp" and object_besides(clause.head, clause)


def _provided_for(token: Token, matched: dict[int, TriggerRule]) -> bool:
    """Whether an infinitive trigger says what an agreement or plan provides for.

    "a deal *to supply* X", "signed a pact with Y *to build* Z": the infinitive hangs
    on the nominal speech act (or, as the parser often has it, on the verb whose
    object that noun is); it is the agreement's content, not an act of its own.
    """
    if infinitival_modifier(token):
        nouns = [token.head]
    elif purpose_clause(token):
        nouns = [c for c in token.head.children if c.dep_ in ("dobj", "obj")]
    else:
        return False
    return any(
        n.pos_ in ("NOUN", "PROPN")
        and (rule := matched.get(n.i)) is not None
        and rule.type in SPEECH_ACT_TYPES
        for n in nouns
    )


def _simple_past(token: Token) -> bool:
    """Whether the trigger's clause is in the simple past ("met", "raised the idea of lifting").

    Climbs from the trigger through non-finite verbs and noun phrases to the first
    finite verb, which must be a past form without an auxiliary.
    """
    cur = token
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") and cur.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return cur.tag_ == "VBD" and not any(c.dep_ == "aux" for c in cur.children)
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False



__all__ = ["EventCoder", "is_factual", "segments"]
