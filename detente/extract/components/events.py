"""PLOVER event coder: the spaCy component ``detente_events``.

For every sentence it looks for trigger words from the lexicon
(:mod:`detente.extract.event_lexicon`), keeps only *reported facts*, finds the
acting and the acted-upon actor in the dependency parse, attaches the date and
place the clause gives, and merges repeats into one event per real-world action.

The coding follows the PLOVER manual (Open Event Data Alliance, "DRAFT Version
2.0"): the actor is the one who acts, the recipient the one acted upon; a
meeting with no visitor/host distinction codes the first-named party as actor
and the other as recipient; future or hypothetical actions are not events.

Factuality rules (decided here, pinned by ``tests/extract/test_events.py``):

* a trigger in a question, inside quotation marks (the speaker's words are a
  quote, not a reported action), or under ``if``/``unless``/``whether`` is skipped;
* a trigger whose clause carries a modal (will, would, could, may, might,
  should, can, must), a negation ("did not meet", "no talks") or a hedge
  ("likely", "possibly", "perhaps") is skipped, and so is one governed by a
  verb of expectation or intent ("expected to meet", "hopes to sign");
* the negation rule is deliberately strict: "didn't set a date" is the absence
  of an action, so it is not an event.

Dates: the date expression of the event's own clause, else that of the nearest
clause governing it (:mod:`~detente.extract.components._event_dates`); else
that of a merged repeat; else that of the earlier happening a definite noun
refers back to ("the meeting", "last week's talks in Riyadh"), or of the dated
event the narrative continues; else, for an act reported as news, the month of
the article's news window (Clarification 4 of the annotation guidelines;
``publication_fallback``; :mod:`~detente.extract.components._event_narrative`).
For an article without a publication date the date layer reads relative
expressions against the "now" it infers from calendar events
(:mod:`detente.extract.components.reference_time`).

Only dyadic events are kept by default (``dyadic_only``): detente's relations
stage works on dyads, and on the development articles (coder alone) dropping
events without a recipient raised loose precision from about 0.6 to about 0.9
without losing a match (the gold has one monadic event among 56).

Measured on the five development articles (``/work/notes/score_b3.py``, scorer
``shared/eval/score.py``, 56 gold events), 2026-11-23:

* full pipeline as built: P 0.71 R 0.48, strict F1 0.57 = loose F1 0.57, date accuracy 0.85;
* the same with line breaks as sentence boundaries before the parser: F1 0.60 / 0.60, 0.85;
* coder alone (gold-derived mentions, regex dates): strict F1 0.65, loose F1 0.67, 0.87.

Re-measured through ``detente ingest`` + ``detente export`` (the real path), same
day, before / after the region, headline-subject, cataphora, visit, hyphen-pair,
count, elided-agent and yearless-date rules: strict F1 0.447 → 0.600, loose F1
0.596 → 0.740, date accuracy 0.43 → 0.61 (six of the seven remaining date misses
are in an article whose only date for the events is a bare weekday and which has
no publication date).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.extract.components._event_args import ArgumentFinder
from detente.extract.components._event_index import DocIndex
from detente.extract.components._event_narrative import date_events
from detente.extract.event_lexicon import Lexicon, TriggerRule, load_lexicon, parse_lexicon
from detente.extract.extensions import record_to_dict, register_extensions
from detente.extract.records import EventRecord

log = logging.getLogger(__name__)

MODALS = frozenset(
    {"will", "would", "could", "may", "might", "should", "shall", "can", "must", "'ll", "wo"}
)
"""Auxiliaries that make a clause a prediction or a possibility, not a reported fact."""
HEDGES = frozenset(
    {"likely", "possibly", "perhaps", "probably", "maybe", "potentially", "unlikely"}
)
"""Adverbs that make a clause speculation."""
CONDITIONALS = frozenset({"if", "unless", "whether"})
"""Subordinators of conditions and indirect questions."""
INTENT_VERBS = frozenset(
    {
        "expect",
        "hope",
        "want",
        "plan",
        "intend",
        "aim",
        "wish",
        "prepare",
        "consider",
        "try",
        "seek",
        "attempt",
        "need",
        "like",
        "love",
        "prefer",
        "set",
        "schedule",
        "threaten",
        "refuse",
        "propose",
        "offer",
        "promise",
        "pledge",
        "vow",
    }
)
"""Verbs whose infinitival complement has not (yet) happened ("plans to visit")."""
INTENT_ADJECTIVES = frozenset(
    {"likely", "expected", "due", "ready", "set", "poised", "willing", "eager", "anxious"}
)
"""Adjectives whose complement has not happened ("is set to meet", "likely to sign")."""
UNREALISED = frozenset(
    {
        "potential",
        "possible",
        "proposed",
        "planned",
        "future",
        "upcoming",
        "prospective",
        "expected",
        "likely",
        "hypothetical",
        "eventual",
        "mooted",
        "anticipated",
    }
)
"""Modifiers of a nominal trigger that say the event has not happened."""
DENIAL_VERBS = frozenset({"deny", "refute", "dispute", "disavow"})
"""Verbs whose complement is asserted not to have happened."""
NEGATORS = frozenset({"neither", "nor", "never", "nobody", "nothing", "none"})
"""Words that deny the clause they attach to."""


@Language.factory(
    "detente_events",
    default_config={
        "lexicon": None,
        "publication_fallback": True,
        "skip_quoted": True,
        "dyadic_only": True,
    },
    requires=["doc._.mentions", "doc._.dates"],
    assigns=["doc._.events"],
)
def make_event_coder(
    nlp: Language,
    name: str,
    lexicon: dict | None,
    publication_fallback: bool,
    skip_quoted: bool,
    dyadic_only: bool,
) -> EventCoder:
    """Build the event coder; ``lexicon`` replaces the packaged trigger lexicon when given."""
    return EventCoder(
        name=name,
        lexicon=parse_lexicon(lexicon, origin=f"{name}.lexicon") if lexicon else None,
        publication_fallback=publication_fallback,
        skip_quoted=skip_quoted,
        dyadic_only=dyadic_only,
    )


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
        for s_i, sent in enumerate(segments(doc)):
            if sent.text.rstrip().rstrip("\"'”’ ").endswith("?"):
                continue
            matched = {
                t.i: r for t in sent if (r := self.lexicon.match(t, index.is_actor)) is not None
            }
            for i, rule in matched.items():
                token = doc[i]
                if self.skip_quoted and index.in_quote(token):
                    continue
                if _inside_other_trigger(token, matched) or not is_factual(token):
                    log.debug(
                        "trigger %r at %d skipped: content of another act or not factual",
                        token.text,
                        token.idx,
                    )
                    continue
                past = _simple_past(token)
                for event, theme in finder.events(token, rule, sent):
                    coded.append(Coded(s_i, event, theme, past, token=token.i))
                    if event.type == "CONSULT" and event.target_id is not None:
                        finder.last_meeting = event
        events = merge_events(
            coded, index, self.lexicon, publication_month=self.publication_fallback
        )
        if self.dyadic_only:
            events = [e for e in events if e.target_id is not None]
        return events


TERMINAL = frozenset({".", "!", "?", ":", '"', "”", "’", "'", ")"})
"""Last characters of a real sentence; other line endings mark headlines, bylines, caption tags."""
SPEECH_ACT_TYPES = frozenset(
    {"AGREE", "REQUEST", "REJECT", "SUPPORT", "ACCUSE", "THREATEN", "CONCEDE", "CONSULT"}
)
"""Types whose complement is their content ("agreed to revive ties" is one AGREE, no SUPPORT)."""
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "acl", "prep", "pobj", "dobj", "conj"})
"""Dependencies along which a trigger can sit inside another trigger's content."""


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
    cur = token
    for _ in range(4):
        if cur.dep_ not in COMPLEMENT_DEPS or cur.head.i == cur.i:
            return False
        coordinated = cur.dep_ == "conj"
        cur = cur.head
        rule = matched.get(cur.i)
        if rule is not None and rule.type in SPEECH_ACT_TYPES and cur.pos_ in ("VERB", "AUX"):
            return not coordinated  # "met and agreed" is two acts; "demanded that X withdraw" one
    return False


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


def _clause_chain(token: Token) -> list[Token]:
    """The trigger and the heads up to the first verb with its own subject (its clause head)."""
    chain = [token]
    cur = token
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cur.children
        ):
            break
        if cur.head.i == cur.i:
            break
        cur = cur.head
        chain.append(cur)
    return chain


def is_factual(token: Token) -> bool:
    """Whether the clause of ``token`` reports an action that happened (see module docstring)."""
    chain = _clause_chain(token)
    adjunct = False
    for i, tok in enumerate(chain):
        for child in tok.children:
            low = child.lower_
            if child.dep_ in ("aux", "auxpass") and (
                low in MODALS or child.lemma_.lower() in MODALS
            ):
                return False
            if child.dep_ == "neg" or (child.dep_ == "det" and low == "no" and tok.pos_ == "NOUN"):
                return False
            if low in NEGATORS and child.dep_ in (
                "preconj",
                "cc",
                "advmod",
                "neg",
                "nsubj",
                "nsubjpass",
            ):
                return False  # "neither expressed ... nor condemned", "no one is talking"
            if child.dep_ in ("nsubj", "nsubjpass") and any(
                g.lower_ == "no" for g in child.children
            ):
                return False  # "no country has recognised"
            if child.dep_ == "mark" and low in CONDITIONALS:
                return False
            if child.dep_ == "advmod" and low in HEDGES:
                return False
            if i == 0 and child.dep_ in ("amod", "compound") and low in UNREALISED:
                return False  # "a potential summit", "the planned visit"
        if (
            not adjunct
            and tok.dep_ in ("xcomp", "ccomp")
            and (tok.head.lemma_.lower() in INTENT_VERBS or tok.head.lower_ in INTENT_ADJECTIVES)
        ):
            return False
        if tok.dep_ == "xcomp" and tok.head.lower_ in INTENT_ADJECTIVES | {"going"}:
            return False
        if (
            tok.dep_ in ("xcomp", "ccomp", "pcomp", "dobj")
            and tok.head.lemma_.lower() in DENIAL_VERBS
        ):
            return False  # "denied attacking", "denied that it had attacked"
        if (
            i > 0
            and tok.dep_ in ("advcl", "ROOT")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            return False  # inside a purpose clause: "(In order) to prepare for a summit, ..."
        if (
            i > 0
            and tok.pos_ in ("VERB", "AUX")
            and tok.dep_ in ("advcl",)
            and any(c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in tok.children)
        ):
            return False
        # A participial adjunct ("..., demanding that X") is asserted on its own: the
        # intent of the clause it hangs from ("seeks to ...") does not reach it.
        adjunct = adjunct or (tok.dep_ == "advcl" and tok.tag_ == "VBG")
    root = chain[-1]
    # A condition on the governing clause ("if they meet, ...") also cancels it.
    for anc in [root, *root.ancestors]:
        if anc.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in anc.children
        ):
            return False
    return True


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
    compatible themes, and, for CONSULT, do not set a phone call against a
    meeting. Two parties coded from one trigger are never merged. The merged
    event keeps the first evidence and trigger, the most precise date, and the
    first known mode and location. Events still without a day are then dated
    from what they refer back to, the narrative they continue, or the
    publication month (:func:`~._event_narrative.date_events`).
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
            if kept.evidence == ev.evidence and kept.trigger == ev.trigger:
                continue  # two parties of one trigger ("both X and Y agreed") stay two events
            k_src, k_tgt = _countries(index, kept)
            same = (k_src, k_tgt) == (src, tgt) or (
                ev.type in reciprocal and tgt is not None and (k_src, k_tgt) == (tgt, src)
            )
            modes_ok = (
                kept.mode == ev.mode or ev.type != "CONSULT" or "phone" not in (kept.mode, ev.mode)
            )
            if same and modes_ok and _dates_compatible(kept.date, ev.date):
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


__all__ = ["Coded", "EventCoder", "is_factual", "make_event_coder", "merge_events", "segments"]
