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
  medium: :mod:`~detente.extract.events.setting`.

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
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from detente.extract.events.arguments import ArgumentFinder
from detente.extract.events.dates import event_date
from detente.extract.events.factuality import (
    clause_chain,
    is_factual,
    object_besides,
    obstacles,
    parted_infinitive,
    purpose_clause,
)
from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import Lexicon, TriggerRule, load_lexicon
from detente.extract.events.narrative import date_events, earlier_occasion
from detente.extract.events.offers import answered_offers
from detente.extract.events.parse import infinitival_modifier
from detente.extract.events.provisions import listed_provisions
from detente.extract.events.quoted import quote_speakers, quoted_act, speaker_at
from detente.extract.events.setting import state_of_place
from detente.extract.events.speech import HOSTILE, announced, commitment, reporting_verb
from detente.extract.events.undirected import undirected_keys
from detente.extract.extensions import record_to_dict, register_extensions
from detente.extract.records import EventRecord
from detente.extract.word_lists import words

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


CONTENT_ACTS = frozenset(
    {"THREATEN", "AGREE", "REJECT", "REQUEST", "SUPPORT", "ACCUSE", "CONCEDE"}
)
"""Speech acts whose recipient may be named only inside their content ("threatened to
impose tariffs on X", "offered to host talks between X and Y", "dropped its demand for
compensation from X")."""
CONTENT_DEPS = frozenset({"xcomp", "ccomp"})
"""Dependencies of a speech act's content clause."""


def promised_concession(token: Token, rule: TriggerRule, matched: dict) -> bool:
    """Whether a promise or offer has a concession as its content (then it is a CONCEDE).

    "X promised to lift sanctions on Y", "X offered to ease its demands", "X offered
    concessions to Y": the guidelines code a promised easing of sanctions as a verbal
    concession.
    """
    if rule.type != "AGREE" or token.pos_ not in ("VERB", "AUX"):
        return False
    content = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "dobj", "obj")]
    return any(
        (m := matched.get(t.i)) is not None and m.type == "CONCEDE"
        for c in content
        for t in [c, *c.conjuncts]
    )


VOWING_VERBS = frozenset({"vow", "pledge", "promise", "swear"})
"""Verbs of promising whose content may be force: then the promise is a threat."""


def vowed_force(token: Token, rule: TriggerRule, matched: dict) -> str | None:
    """The THREATEN mode of a vow whose content is force ("vowed to strike X"), else None.

    A party's stated future force is a threat (PLOVER; :data:`.speech.HOSTILE`), also
    when a verb of promising states it.
    """
    if rule.type != "AGREE" or token.lemma_.lower() not in VOWING_VERBS:
        return None
    for c in token.children:
        if c.dep_ != "xcomp":
            continue
        for t in [c, *c.conjuncts]:
            m = matched.get(t.i)
            if m is not None and m.type in HOSTILE and m.type != "MOBILIZE":
                return HOSTILE[m.type]  # (troops pledged may be help to an ally)
    return None


def content_recipients(
    trigger: Token,
    rule: TriggerRule,
    items: list[tuple[EventRecord, str | None]],
    sent,
    index: DocIndex,
    lexicon: Lexicon,
) -> list[tuple[EventRecord, str | None]]:
    """Speech acts without a recipient take the actors their content names.

    "X threatened to impose tariffs on Y" threatens Y; "X offered to host talks
    between Y and Z" is an offer to Y and to Z; "X opened an investigation into
    Y" accuses Y; "X rejected the plan put forward by Y" rejects Y's plan; a
    threat or accusation spelled out by a participle of saying ("..., warning
    that Y would pay") is aimed at whom that clause names
    (:func:`_elaborations`). Only
    actors of another state than the speaker's count (the speaker's own side is
    who acts in the content), and nothing inside a quotation.
    """
    if _party_to_peace(trigger, rule):
        items = [(replace(e, type="AGREE", mode=None), theme) for e, theme in items]
    if rule.type not in CONTENT_ACTS or not items or any(e.target_id for e, _ in items):
        return items
    heads = _contents(trigger)
    if rule.type in ELABORATED_ACTS:
        heads += _elaborations(trigger)
    found = [
        (_prep_depth(tok, c), a)
        for c in heads
        # a clause, or an object naming the act itself ("an investigation into X"), is
        # what the act is about; another object is the thing acted on
        for tok in _content_words(
            c,
            CONTENT_PREPS
            if c.dep_ in CONTENT_DEPS
            or parted_infinitive(c)
            or rule.type in lexicon.noun_types(c)
            else OBJECT_PREPS,
        )
        if sent.start <= tok.i < sent.end and not index.in_quote(tok)
        for a in index.token_actors.get(tok.i, ())
    ]
    out = []
    for event, theme in items:
        own = index.country(event.source_id)
        # "would not put up with X's stance on the war with Y": X, the nearer, is
        # addressed; Y only describes what X's stance is about
        foreign = [(d, a) for d, a in found if index.country(a) != own]
        nearest = min((d for d, _ in foreign), default=0)
        named = [a for d, a in foreign if d == nearest]
        others = dict.fromkeys(
            index.country(a) or a for a in named if index.country(a) != own
        )
        # one recipient per state: the most specific actor of it named first
        targets = [next(a for a in named if (index.country(a) or a) == side) for side in others]
        out += [(replace(event, target_id=t), theme) for t in targets] or [(event, theme)]
    return out


def _prep_depth(tok: Token, head: Token) -> int:
    """How many prepositional phrases ``tok`` is nested in below ``head``."""
    depth, cur = 0, tok
    while cur.i != head.i and cur.head.i != cur.i:
        depth += cur.dep_ == "prep"
        cur = cur.head
    return depth


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


PEACE_WORDS = frozenset({"ceasefire", "truce", "peace", "armistice", "cease-fire"})
"""Nouns of an end to fighting: a party's call for one with its enemy is an offer (AGREE in
the guidelines), a third party's call for one a request."""


def _party_to_peace(trigger: Token, rule: TriggerRule) -> bool:
    """Whether a demand asks for a ceasefire or peace *with* someone.

    "X called for a truce with Y" makes X a party to it, so the call is an offer, not a
    request.
    """
    if rule.type != "REQUEST":
        return False
    peace = [c for c in _contents(trigger) if c.lemma_.lower() in PEACE_WORDS]
    return any(
        p.dep_ == "prep" and p.lower_ == "with" for h in [trigger, *peace] for p in h.children
    ) and bool(peace)


CONTENT_PREPS = frozenset(
    "with on against to toward towards upon between for of into at from by".split()
)
"""Prepositions whose phrase is part of what an act is about ("tariffs *on* X"); the others
("due to", "after", "despite") give its reasons and circumstances."""
OBJECT_PREPS = frozenset("with between from to for of by".split())
"""The same in an object: whose it is, who is party to it ("the deal *between* X and Y",
"a visit *by* X");
not what it concerns ("welcomed sanctions *on* X" is not aimed at X)."""
SKIPPED_DEPS = frozenset({"advcl", "mark", "punct", "relcl", "parataxis", "npadvmod"})
"""Dependencies of conditions, reasons and asides inside a content clause."""


def _contents(trigger: Token) -> list[Token]:
    """Heads of what a speech act is about: its content clauses, and what it leaves.

    "rejected *the plan put forward by X*", "issued *an appeal to X*": the object;
    "walked away *from the talks with X*", "pulled out *of the negotiations with X*":
    the *from* / *of* phrase of the verb or of its particle names what is rejected.
    """
    out = [
        c
        for c in trigger.children
        if c.dep_ in CONTENT_DEPS | {"dobj", "obj"} or parted_infinitive(c)
    ]
    out += [  # "did not agree *to a truce* sought by X", "called *for talks* with X"
        g
        for p in trigger.children
        if p.dep_ == "prep" and p.lower_ in ("to", "on", "in", "for")
        for g in p.children
        if g.dep_ in ("pobj", "pcomp")  # "committed *to funding* X's schools"
    ]
    holders = [trigger] + [c for c in trigger.children if c.dep_ in ("prt", "advmod", "prep")]
    out += [
        c
        for h in holders
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in ("from", "of") and h.i != c.i
    ]
    return out


ELABORATED_ACTS = frozenset({"THREATEN", "ACCUSE"})
"""Speech acts that a participle of saying spells out; after a rejection or a demand it
gives reasons ("rejected the plan, saying it favoured X" does not reject X)."""


def _elaborations(trigger: Token) -> list[Token]:
    """Content clauses of a participle of saying that spells the act out.

    "X stepped up *its threats*, warning that Y would pay", "X lashed out,
    saying that Y had lied": the participle's clause says what the threat or
    accusation is, so the actors it names are whom it is aimed at. The
    participle hangs on the trigger or, for a nominal trigger, on its verb.
    """
    verbs = [trigger] + ([trigger.head] if trigger.dep_ in ("dobj", "obj") else [])
    saying = words("reporting_verbs")
    return [
        c
        for v in verbs
        for p in v.children
        if p.dep_ == "advcl" and p.tag_ == "VBG" and p.lemma_.lower() in saying
        for c in p.children
        if c.dep_ == "ccomp"
    ]


def _content_words(head: Token, preps: frozenset[str]) -> list[Token]:
    """The words of a content, without its adjuncts of reason, time or condition.

    ``preps``: the prepositions whose phrases belong to it.
    """
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack += [
            c
            for c in tok.children
            if c.dep_ not in SKIPPED_DEPS
            and not (c.dep_ == "prep" and c.lower_ not in preps)
        ]
    return sorted(out, key=lambda t: t.i)


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


REMOTE_LIKE = frozenset({"conversation", "call", "discussion", "discuss", "talk", "speak", "chat"})
"""Trigger lemmas of a consultation that may have been a phone call ("the conversation")."""


def _same_setting(a: Coded, b: Coded) -> bool:
    """Whether two coded events can be one action as far as place and medium go.

    Two places that name different states are two events ("talks in Riyadh",
    "talks in Washington"); a phone call is not a meeting held face to face (a
    visit, "talks", a "meeting", or one with a place), but it is the same event as
    a "conversation" of the same two sides that could have been held by phone.
    """
    x, y = a.event, b.event
    if x.location and y.location and x.location != y.location:
        state = state_of_place(x.location)
        if state is None or state != state_of_place(y.location):
            return False
    if x.type != "CONSULT" or (x.mode == "phone") == (y.mode == "phone"):
        return True
    other, lemma = (y, b.lemma) if x.mode == "phone" else (x, a.lemma)
    return other.mode != "visit" and other.location is None and lemma in REMOTE_LIKE


def _same_occasion(a: Coded, b: Coded, index: DocIndex) -> bool:
    """Whether neither or both of two coded events are told as an earlier occasion.

    "X met Y on Friday ... X had met Y on three previous occasions": the second
    is another meeting, not a repeat of the first
    (:func:`~detente.extract.events.narrative.earlier_occasion`).
    """
    if a.token is None or b.token is None:
        return True
    doc = index.doc
    return earlier_occasion(doc[a.token]) == earlier_occasion(doc[b.token])


def _countries(index: DocIndex, event: EventRecord) -> tuple[str | None, str | None]:
    return index.country(event.source_id), index.country(event.target_id)


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _finer(a: str | None, b: str | None) -> str | None:
    if not a:
        return b
    if not b:
        return a
    return a if len(a) >= len(b) else b


@dataclass(frozen=True, slots=True)
class Coded:
    """One coded event before merging, with what merging needs to know."""

    sentence: int
    """Index of its sentence (segment) in the document."""
    event: EventRecord
    """The event as coded from one trigger."""
    theme: str | None = None
    """What was agreed / demanded / rejected, to tell distinct speech acts apart."""
    past: bool = False
    """Whether the trigger's clause is in the simple past (a narrated action)."""
    token: int | None = None
    """Index of the trigger word in the Doc."""
    lemma: str = ""
    """Lemma of the trigger word ("meet", "call")."""


ONE_PER_PAIR = frozenset({"CONSULT"})
"""Types coded once per pair of sides (Clarification 3 of the guidelines: one meeting, one
event): read both ways from one trigger ("the two leaders met"), X–Y and Y–X are one event.
Each side's own commitment ("both sides agreed") stays an event of its own."""


def merge_events(
    coded: list[Coded],
    index: DocIndex,
    lexicon: Lexicon,
    *,
    publication_month: bool = True,
) -> list[EventRecord]:
    """One event per real-world action: merge repeats, keep the first evidence, then date them.

    Two coded events are repeats when they have the same type, the same pair of
    states (either order for the lexicon's reciprocal types such as CONSULT),
    compatible dates (equal, one a prefix of the other, or one missing),
    compatible themes, compatible settings (:func:`_same_setting`) and the same
    occasion (:func:`_same_occasion`: an earlier one is told as such). Two
    parties coded from one trigger are never merged, except one meeting read both
    ways (:data:`ONE_PER_PAIR`). The merged event keeps the
    first evidence and trigger, the most precise date, and the first known mode
    and location. Events still without a day are then dated from what they
    refer back to, the narrative they continue, or the publication month
    (:func:`~detente.extract.events.narrative.date_events`).
    """
    reciprocal = lexicon.reciprocal_types
    merged: list[Coded] = []
    for item in coded:
        ev = item.event
        src, tgt = _countries(index, ev)
        for j, kept_item in enumerate(merged):
            kept = kept_item.event
            if kept.type != ev.type or (
                item.theme and kept_item.theme and item.theme != kept_item.theme
            ):
                continue
            k_src, k_tgt = _countries(index, kept)
            if (
                kept.evidence == ev.evidence
                and kept.trigger == ev.trigger
                and not (ev.type in ONE_PER_PAIR and (k_src, k_tgt) == (tgt, src))
            ):
                # two parties of one trigger ("both X and Y agreed") stay two events; one
                # meeting read both ways from a plural subject ("the two leaders met") is one
                continue
            same = (k_src, k_tgt) == (src, tgt) or (
                ev.type in reciprocal and tgt is not None and (k_src, k_tgt) == (tgt, src)
            )
            if (
                same
                and _same_setting(kept_item, item)
                and _dates_compatible(kept.date, ev.date)
                and _same_occasion(kept_item, item, index)
            ):
                merged[j] = replace(
                    kept_item,
                    event=replace(
                        kept,
                        date=_finer(kept.date, ev.date),
                        mode=kept.mode or ev.mode,
                        location=kept.location or ev.location,
                    ),
                    theme=kept_item.theme or item.theme,
                    past=kept_item.past or item.past,
                )
                break
        else:
            merged.append(item)
    return date_events(merged, coded, index, lexicon, publication_month=publication_month)


__all__ = ["Coded", "EventCoder", "is_factual", "merge_events", "segments"]
