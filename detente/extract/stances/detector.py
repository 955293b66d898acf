"""Issue stances: :class:`StanceDetector`, run as the spaCy component ``detente_stances``.

A stance places an actor on a negotiation issue's 0–100 scale (the issue
vocabulary of :mod:`detente.issues`: a scenario's issues, their scale words and
marks, and the cue phrases naming what each point describes). The drafted
scenario (:mod:`detente.bargain.draft`) turns stances into positions, so a
stance says *who* holds it, *where* on the scale, *what kind* of statement it
is, and which sentence says so.

Rules (pinned by ``tests/extract/test_stances.py``):

* a sentence is about an issue when it contains one of the issue's keywords and,
  when the issue names the states it concerns (``about``), names them (in it or
  the two sentences before); for relations between states, a sentence that names
  another state as an actor is about other relations and is skipped;
* the holder is the subject of a stance verb (``demand``, ``propose``,
  ``accept``, ``reject``, ``state`` verbs and predicates such as "is ready to" or
  "unacceptable", from the stance lexicon) when that subject *is* an actor
  ("Moscow insists", not "Trump's plan requires"); a reported demand or refusal
  outranks the reporting verb ("X said Moscow rejects ..."); a stance verb under
  another ("refused to accept", "ready to back") yields one stance, of the outer
  verb's holder and kind, and the refusals and negations along the way decide
  whether it is turned around; one stance per actor and sentence; with no such
  verb, inside a direct quotation, the holder is its speaker, for cues inside
  the quotation only;
* the position comes from the issue's cue phrases
  (:func:`~detente.extract.stances.cues.place`): a statement naming
  what a scale mark describes takes that mark's point; a holder who rejects it
  (or does not accept it) takes the mirror point;
* a *position noun* with an actor ("the U.S. proposal", "Moscow's demands") is
  that actor's stance (propose or demand) when the cues describe it (inside its
  phrase, or in the clause it is the subject of); when a holder accepts, rejects
  or proposes such a noun and the sentence names no cue, the stance is
  *relative*: no position of its own, ``relative_to`` the noun's actor, resolved
  against that actor's position when a scenario is drafted;
* a question, a stance verb inside an *if* / *unless* condition, and a stance
  dated (on its own clause) more than a year before the article ("In 2017, X
  sought ...") are not stances.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from detente.errors import InputError
from detente.evidence import Evidence
from detente.extract.events.arguments import ArgumentFinder
from detente.extract.events.coder import segments
from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import load_lexicon
from detente.extract.extensions import record_to_dict, register_extensions
from detente.extract.plover import DATA_DIR
from detente.extract.records import StanceRecord
from detente.extract.stances.cues import Placement, phrase_words, place
from detente.issues import Issue, default_issues

KINDS = ("state", "demand", "propose", "accept", "reject")
"""StanceRecord kinds, weakest claim first."""
LEXICON_FILE = DATA_DIR / "stances.json"
"""Stance verbs, inverters and position nouns."""
WINDOW = 2
"""Sentences before a sentence searched for the states an issue is ``about``."""
_ADJ_DEPS = ("acomp", "oprd", "ROOT")


@cache
def _lexicon() -> dict:
    return json.loads(LEXICON_FILE.read_text(encoding="utf-8"))


def default_stance_verbs() -> dict[str, tuple[str, ...]]:
    """Kind → verb lemmas that introduce a stance of that kind."""
    return {k: tuple(v) for k, v in _lexicon()["stance_verbs"].items()}


@dataclass(frozen=True, slots=True)
class Holder:
    """An actor taking a stance in a sentence."""

    actor_id: str
    """Who."""
    kind: str
    """One of :data:`KINDS`."""
    flip: bool
    """Whether the stance turns the named position around (a refusal, a negation)."""
    verb: Token | None
    """The outermost stance verb (None for a quotation's speaker)."""
    quote: tuple[int, int] | None = None
    """For a quotation's speaker: the quotation's character span; the stance must be in it."""


class StanceDetector:
    """Detect issue stances into ``doc._.stances`` (a list of :class:`StanceRecord` dicts)."""

    def __init__(
        self,
        *,
        name: str = "detente_stances",
        issues: tuple[Issue, ...] | None = None,
        stance_verbs: dict[str, list[str]] | None = None,
        inverters: list[str] | None = None,
    ) -> None:
        register_extensions()
        self.name = name
        self.issues = tuple(issues) if issues else default_issues().issues
        verbs = stance_verbs or default_stance_verbs()
        unknown = set(verbs) - set(KINDS)
        if unknown:
            raise InputError(
                f"{name}.stance_verbs", f"unknown kind(s) {sorted(unknown)}; expected {KINDS}"
            )
        # A lemma listed under several kinds takes the strongest (rightmost in KINDS).
        self.verb_kind: dict[str, str] = {}
        for kind in KINDS:
            for lemma in verbs.get(kind, ()):
                self.verb_kind[lemma.lower()] = kind
        lex = _lexicon()
        self.inverters = frozenset(
            w.lower() for w in (inverters if inverters is not None else lex["inverters"])
        )
        self.noun_kind = {n: k for k, nouns in lex["position_nouns"].items() for n in nouns}
        self._patterns = {issue.id: _pattern(issue.keywords) for issue in self.issues}

    def __call__(self, doc: Doc) -> Doc:
        """Detect the stances of ``doc`` into ``doc._.stances``."""
        doc._.stances = [record_to_dict(s) for s in self.detect(doc)]
        return doc

    def detect(self, doc: Doc) -> list[StanceRecord]:
        """The stances of ``doc``, one per (actor, issue, kind, position, sentence)."""
        index = DocIndex(doc)
        finder = ArgumentFinder(index, load_lexicon())
        quotes = [
            (q["evidence"]["start"], q["evidence"]["end"], q.get("speaker_id"))
            for q in doc._.quotes or []
        ]
        sents = list(segments(doc))
        today = doc._.published or (doc._.reference or {}).get("earliest")
        out: dict[tuple, StanceRecord] = {}
        for k, sent in enumerate(sents):
            if sent.text.rstrip().rstrip("\"'”’ ").endswith("?"):
                continue
            words = _words(sent)
            issues = [issue for issue in self.issues if self._patterns[issue.id].search(words)]
            window = sents[max(0, k - WINDOW) : k + 1]
            issues = [i for i in issues if _in_scope(i, sent, window, index)]
            if not issues:
                continue
            holders = [
                h
                for h in self._holders(sent, finder, index, quotes)
                if not _past(h.verb, index, today)
            ]
            owners = [o for o in self._owners(sent, index) if not _past(o[2], index, today)]
            for issue in issues:
                for record in self._stances(issue, sent, index, holders, owners):
                    key = (
                        record.actor_id,
                        issue.id,
                        record.kind,
                        record.position,
                        record.relative_to,
                        sent.start,
                    )
                    out.setdefault(key, record)
        return list(out.values())

    def _stances(
        self,
        issue: Issue,
        sent: Span,
        index: DocIndex,
        holders: list[Holder],
        owners: list[tuple[str, str, Token]],
    ) -> list[StanceRecord]:
        ignore = frozenset(
            t.i
            for h in holders
            if h.verb is not None
            for t in (h.verb, *(c for c in h.verb.children if c.dep_ == "neg"))
        )
        at = place(issue, sent, index, self.inverters, ignore)
        evidence = Evidence(sent.doc._.doc_id or "", sent.start_char, sent.end_char)
        records = []
        if at is not None:
            for h in holders:
                if h.quote is not None and not h.quote[0] <= at.start_char < h.quote[1]:
                    continue  # a quoted fragment speaks only for its own words
                point = issue.mirror(at.position) if h.flip else at.position
                records.append(_record(issue, h.actor_id, h.kind, point, evidence, at))
            taken = {h.actor_id for h in holders}
            for actor_id, kind, noun in owners:
                if actor_id not in taken and _describes(noun, at, sent.doc):
                    records.append(_record(issue, actor_id, kind, at.position, evidence, at))
            return records
        for h in holders:
            if h.verb is None or h.kind not in ("accept", "reject", "propose"):
                continue
            for actor_id, _kind, noun in owners:
                if actor_id != h.actor_id and _governs(h.verb, noun):
                    records.append(
                        StanceRecord(
                            actor_id=h.actor_id,
                            issue=issue.id,
                            direction=0,
                            evidence=evidence,
                            kind=h.kind,
                            position=None,
                            relative_to=actor_id,
                            cue=noun.text,
                        )
                    )
        return records

    def _subject(self, verb: Token, sent: Span, finder: ArgumentFinder) -> list[str]:
        """Actors of the verb's subject when the subject *is* an actor ("Moscow insists").

        Not when actors only modify it ("Trump's peace plan requires").
        """
        cur = verb
        for _ in range(5):
            subjects = [
                c
                for c in cur.children
                if c.dep_ in ("nsubj", "agent") and sent.start <= c.i < sent.end
            ]
            for subj in subjects:
                head = (
                    next((g for g in subj.children if g.dep_ == "pobj"), subj)
                    if subj.dep_ == "agent"
                    else subj
                )
                if (
                    finder.index.is_actor(head)
                    or head.lower_ in ("they", "we", "both")
                    or any(c.lower_ in ("two", "both") for c in head.children)
                ):
                    return finder.actors.phrase_actors(head, sent)
                return self._modifier_actors(head, finder.index)
            up = cur.head
            if _as_predicate(cur) or (cur.dep_ == "pobj" and up.dep_ == "prep"):
                up = up.head  # "described as unacceptable": as -> described
            if (
                (
                    cur.dep_ in ("xcomp", "advcl", "conj", "acomp", "oprd", "pobj")
                    or _as_predicate(cur)
                )
                and sent.start <= up.i < sent.end
                and up.i != cur.i
            ):
                cur = up
                continue
            if cur.dep_ == "ROOT":
                # "the leader railed ..., celebrated ... and opened ...": the parser hangs
                # the first verb, with the subject, under the root as an adverbial clause
                lead = [c for c in cur.children if c.dep_ == "advcl" and c.i < cur.i]
                subjects = [c for v in lead[:1] for c in v.children if c.dep_ == "nsubj"]
                if subjects and finder.index.is_actor(subjects[0]):
                    return finder.actors.phrase_actors(subjects[0], sent)
            return []
        return []

    def _modifier_actors(self, head: Token, index: DocIndex) -> list[str]:
        """Actors naming a person or group noun's side ("the *Kremlin* leader").

        Not a position noun's ("Trump's plan requires" is the plan's wording, not Trump
        speaking) and not a possessor.
        """
        if (head.lemma_ or head.lower_).lower() in self.noun_kind or head.pos_ != "NOUN":
            return []
        out: list[str] = []
        for mod in head.children:
            if mod.dep_ in ("compound", "amod"):
                out += [a for a in index.token_actors.get(mod.i, []) if a not in out]
        return out

    def _kind(self, token: Token) -> str | None:
        lemma = (token.lemma_ or token.lower_).lower()
        kind = self.verb_kind.get(lemma)
        particle = [
            c.lower_ for c in token.children if c.dep_ in ("prep", "prt") and c.i == token.i + 1
        ]
        if particle:
            kind = self.verb_kind.get(f"{lemma} {particle[0]}", kind)
        if kind is None or token.pos_ not in ("VERB", "AUX", "ADJ", ""):
            return None
        if token.pos_ == "ADJ" and not (token.dep_ in _ADJ_DEPS or _as_predicate(token)):
            return None  # "is ready to", "described as unacceptable"; not "a ready answer"
        return kind

    def _holders(
        self,
        sent: Span,
        finder: ArgumentFinder,
        index: DocIndex,
        quotes: list[tuple[int, int, str | None]],
    ) -> list[Holder]:
        """One holder per actor subject of an outermost stance verb, else the quote speaker."""
        kinds = {t.i: k for t in sent if (k := self._kind(t)) is not None}
        found: list[Holder] = []
        for token in sent:
            if token.i not in kinds or index.in_quote(token) or _conditional(token):
                continue
            if _under_stance(token, kinds):
                continue  # "refused to accept": the outer verb speaks
            chain = _chain(token, kinds)
            negatives = sum(kinds[t.i] == "reject" for t in chain) + sum(
                any(c.dep_ == "neg" for c in t.children) for t in chain
            )
            flip = negatives % 2 == 1
            specific = [kinds[t.i] for t in chain if kinds[t.i] not in ("state", "reject")]
            kind = "reject" if flip else (specific[0] if specific else "state")
            if not flip and kind == "state" and any(kinds[t.i] == "reject" for t in chain):
                kind = "accept"  # "did not reject"
            found += [Holder(a, kind, flip, token) for a in self._subject(token, sent, finder)]
        if any(h.kind != "state" for h in found):
            # "X said Moscow rejects ...": the demand or refusal carries the stance
            found = [h for h in found if h.kind != "state"]
        if not found:
            for start, end, speaker in quotes:
                if speaker and start < sent.end_char and sent.start_char < end:
                    neg = _negated_sentence(sent)
                    kind = "reject" if neg else "state"
                    found.append(Holder(speaker, kind, neg, None, (start, end)))
        # one stance per actor and sentence: its first (main) verb speaks for it
        return list({h.actor_id: h for h in reversed(found)}.values())[::-1]

    def _owners(self, sent: Span, index: DocIndex) -> list[tuple[str, str, Token]]:
        """(actor, kind, noun) for each position noun an actor owns ("the U.S. proposal")."""
        out = []
        for tok in sent:
            kind = self.noun_kind.get((tok.lemma_ or tok.lower_).lower())
            if kind is None or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            mods = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                    mods += [c for c in prep.children if c.dep_ == "pobj"]
            actors: list[str] = []
            for mod in mods:
                for t in (mod, *(c for c in mod.children if c.dep_ in ("compound", "amod"))):
                    actors += [a for a in index.token_actors.get(t.i, []) if a not in actors]
            out += [(a, kind, tok) for a in actors]
        return out


def _record(
    issue: Issue, actor_id: str, kind: str, point: float, evidence: Evidence, at: Placement
) -> StanceRecord:
    centre = issue.centre
    return StanceRecord(
        actor_id=actor_id,
        issue=issue.id,
        direction=(point > centre) - (point < centre),
        evidence=evidence,
        kind=kind,
        position=round(float(point), 2),
        relative_to=None,
        cue=at.words,
    )


def _describes(noun: Token, at: Placement, doc: Doc) -> bool:
    """Whether the cues describe the position noun's content.

    A cue inside the noun's phrase ("a U.S. proposal *to halt strikes*"), or in the
    clause the noun is the subject of ("the US plan would see Ukraine *cede* ...").
    """
    for i in at.tokens:
        cue = doc[i]
        if any(a.i == noun.i for a in cue.ancestors):
            return True
        if noun.dep_.startswith("nsubj") and any(a.i == noun.head.i for a in cue.ancestors):
            return True
    return False


def _as_predicate(token: Token) -> bool:
    """An adjective after *as* predicating a verb's object ("described it as unacceptable")."""
    head = token.head
    return (
        token.pos_ == "ADJ"
        and token.dep_ in ("amod", "pobj", "acomp")
        and head.dep_ == "prep"
        and head.lower_ == "as"
    )


def _open(token: Token) -> bool:
    """Whether the token is a complement without a subject of its own ("refused *to accept*")."""
    if token.dep_ in ("xcomp", "acomp"):
        return True
    return token.dep_ == "ccomp" and not any(c.dep_.startswith("nsubj") for c in token.children)


def _chain(token: Token, kinds: dict[int, str]) -> list[Token]:
    """The stance verb and the stance verbs under it as open complements ("refuse to accept")."""
    chain = [token]
    cur = token
    while True:
        nxt = [c for c in cur.children if c.i in kinds and _open(c)]
        if not nxt:
            return chain
        cur = nxt[0]
        chain.append(cur)


def _under_stance(token: Token, kinds: dict[int, str]) -> bool:
    return _open(token) and token.head.i in kinds and token.head.i != token.i


def _governs(verb: Token, noun: Token) -> bool:
    """Whether ``noun`` is the object of ``verb`` (directly, through a preposition or xcomp)."""
    cur = noun
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        if cur.head.i == verb.i:
            return cur.dep_ in ("dobj", "obj", "pobj", "prep", "xcomp", "nsubjpass", "attr")
        if cur.dep_ not in ("pobj", "prep", "dobj", "xcomp", "conj", "appos"):
            return False
        cur = cur.head
    return False


def _in_scope(issue: Issue, sent: Span, window: list[Span], index: DocIndex) -> bool:
    """Whether the sentence concerns the states the issue is ``about``.

    One state: it is named in the sentence or the :data:`WINDOW` before. Two or more
    (relations between them): all are named in the sentence and no other state acts in
    it, or all are named in the window and no other state acts in the sentence at all.
    A place that sets the scene ("agreed *in Riyadh*", "a visit *to Ankara*") is not
    a state acting.
    """
    if not issue.about:
        return True
    named = set().union(*(_states(s, index) for s in window))
    if not all(code in named for code in issue.about):
        return False
    if len(issue.about) == 1:
        return True
    here = _states(sent, index)
    scenes = {t.i for span in index.places for t in span if _scene(span)}
    others = [
        t
        for state, toks in here.items()
        if state not in issue.about
        for t in toks
        if t.i not in scenes
    ]
    if all(code in here for code in issue.about):
        return not any(_acts(t) for t in others)
    return not others


def _states(sent: Span, index: DocIndex) -> dict[str, list[Token]]:
    """States named in the sentence (people and bodies count for theirs) and where."""
    out: dict[str, list[Token]] = {}
    for tok in sent:
        for actor_id in index.token_actors.get(tok.i, []):
            state = index.country(actor_id)
            if state and len(state) == 3 and state.isupper():
                out.setdefault(state, []).append(tok)
    return out


SCENE_NOUNS = frozenset(
    "visit trip tour talks meeting meetings summit conference sidelines negotiations round "
    "session forum ceremony parade".split()
)
"""Nouns whose place is a setting ("a visit to Turkey"), not the topic."""


def _scene(place: Span) -> bool:
    """Whether a place phrase sets the scene ("agreed in Riyadh"), not a noun's topic."""
    head = place.root.head
    if head.dep_ != "prep":
        return False
    owner = head.head
    return owner.pos_ in ("VERB", "AUX") or (owner.lemma_ or owner.lower_).lower() in SCENE_NOUNS


def _acts(token: Token) -> bool:
    """Whether a state's mention is a party to the clause, not a modifier ("Indian goods")."""
    return token.dep_ not in ("amod", "compound", "nmod", "npadvmod")


def _past(anchor: Token | None, index: DocIndex, today: str | None) -> bool:
    """Whether a date on the stance's own clause lies more than a year before ``today``.

    ``anchor`` is the stance verb, or the position noun ("Russia's proposals,
    submitted in December 2021"). "In 2017, Trump sought to improve ties" recalls the
    past; "accepting control of Crimea, annexed in 2014" does not (the date is on
    another verb).
    """
    if anchor is None or not today or not today[:4].isdigit():
        return False
    for span, value in index.dates:
        if not value[:4].isdigit() or not _attached(span.root, anchor):
            continue
        months = (int(today[:4]) - int(value[:4])) * 12
        if len(value) >= 7 and len(today) >= 7:
            months += int(today[5:7]) - int(value[5:7])
        if months > 12:
            return True
    return False


def _attached(token: Token, anchor: Token) -> bool:
    """Whether ``token`` belongs to ``anchor``'s clause (or to a clause modifying the noun)."""
    for up in token.ancestors:
        if up.i == anchor.i:
            return True
        if up.pos_ in ("VERB", "AUX"):
            return up.dep_ in ("acl", "relcl") and up.head.i == anchor.i
    return False


def _conditional(token: Token) -> bool:
    """Whether the token's clause, or one above it, is an if/unless condition."""
    for tok in [token, *token.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
            return True
    return False


def _negated_sentence(sent: Span) -> bool:
    return any(t.dep_ == "neg" and t.head.dep_ == "ROOT" for t in sent)


def _words(sent: Span) -> str:
    """The sentence as lower-case words and lemmas, for whole-word keyword matching."""
    forms = [t.lower_ for t in sent if not t.is_space]
    lemmas = [(t.lemma_ or t.lower_).lower() for t in sent if not t.is_space]
    return " " + " ".join(forms) + " | " + " ".join(lemmas) + " "


def _pattern(words: tuple[str, ...]) -> re.Pattern:
    if not words:
        return re.compile(r"(?!x)x")  # matches nothing
    alts = sorted({re.escape(" ".join(phrase_words(w))) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


__all__ = ["KINDS", "LEXICON_FILE", "Holder", "StanceDetector", "default_stance_verbs"]
