"""Issue stances: the spaCy component ``detente_stances``.

A stance is an actor's stated position on a negotiation issue, with its
direction on the issue's 0–100 scale (+1 toward the high end, −1 toward the
low end). The bargaining stage turns stances into positions, so a stance must
say *who* holds it, *which way* it points, and *what kind* of statement it is.

Rules (pinned by ``tests/extract/test_stances.py``):

* a sentence is about an issue when it contains one of the issue's keywords;
* the holder is the subject of a stance verb in the sentence (``demand``,
  ``propose``, ``accept``, ``reject``, ``state`` verbs, and predicates such as
  "is ready to", from the issue file) when that subject *is* an actor
  ("Moscow insists", not "Trump's plan requires"); a reported demand or refusal
  outranks the reporting verb ("X said Moscow rejects ..."); with no such verb,
  inside a direct quotation, the holder is the quotation's speaker
  (``Doc._.quotes``);
* the direction comes from the issue's cue words: high cues push +1, low cues
  −1, and an *inverter* up to four words before a cue turns it around
  ("abandon its bid to join NATO" points to neutrality); with a tie or no cue
  there is no stance (no direction, no record);
* a *reject* verb ("rejects European peacekeepers") or a negated verb ("will
  not accept") turns the cue around: refusing the low end is a push to the high
  end;
* a question, or a stance verb inside an *if* / *unless* condition, is not a stance.

Issues are configurable: a list of ``{id, keywords, low_cues, high_cues}``
objects (the default is ``detente/extract/data/issues.json``, which documents
each scale's ends).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from detente.errors import InputError
from detente.evidence import Evidence
from detente.extract.components._event_args import ArgumentFinder
from detente.extract.components._event_index import DocIndex
from detente.extract.components.events import segments
from detente.extract.event_lexicon import load_lexicon
from detente.extract.extensions import record_to_dict, register_extensions
from detente.extract.plover import DATA_DIR
from detente.extract.records import StanceRecord

KINDS = ("state", "demand", "propose", "accept", "reject")
"""StanceRecord kinds, weakest claim first."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One negotiation issue as the stance detector sees it."""

    id: str
    """Issue id, as in a scenario (``territory``)."""
    keywords: tuple[str, ...]
    """Words or phrases that put a sentence on this issue."""
    high_cues: tuple[str, ...]
    """Words or phrases that push toward the high end of the scale."""
    low_cues: tuple[str, ...]
    """Words or phrases that push toward the low end of the scale."""


def parse_issues(rows: object, *, origin: str = "issues") -> tuple[Issue, ...]:
    """Validate and build issues from a list of dicts.

    Raises:
        InputError: naming ``origin``, the issue's position and the bad field.
    """
    if not isinstance(rows, list) or not rows:
        raise InputError(
            origin, "issues must be a non-empty list of {id, keywords, low_cues, high_cues}"
        )
    out = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InputError(origin, f"issues[{i}]: expected an object, got {type(row).__name__}")
        ident = row.get("id")
        if not isinstance(ident, str) or not ident:
            raise InputError(origin, f"issues[{i}]: missing 'id'")
        if ident in seen:
            raise InputError(origin, f"issues[{i}]: duplicate id {ident!r}")
        seen.add(ident)
        lists = {}
        for field in ("keywords", "low_cues", "high_cues"):
            value = row.get(field, row.get("patterns") if field == "keywords" else None)
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                raise InputError(
                    origin, f"issues[{i}] ({ident}): '{field}' must be a list of words or phrases"
                )
            lists[field] = tuple(v.lower().strip() for v in value)
        if not lists["keywords"]:
            raise InputError(origin, f"issues[{i}] ({ident}): 'keywords' is empty")
        out.append(Issue(ident, lists["keywords"], lists["high_cues"], lists["low_cues"]))
    return tuple(out)


@cache
def _default_file() -> dict:
    path = DATA_DIR / "issues.json"
    return json.loads(path.read_text(encoding="utf-8"))


def default_issues() -> tuple[Issue, ...]:
    """The packaged issues of the 2025 talks (``detente/extract/data/issues.json``)."""
    return parse_issues(_default_file()["issues"], origin=str(DATA_DIR / "issues.json"))


def default_stance_verbs() -> dict[str, tuple[str, ...]]:
    """Kind → verb lemmas that introduce a stance of that kind."""
    return {k: tuple(v) for k, v in _default_file()["stance_verbs"].items()}


@Language.factory(
    "detente_stances",
    default_config={"issues": None, "stance_verbs": None},
    requires=["doc._.mentions"],
    assigns=["doc._.stances"],
)
def make_stance_detector(
    nlp: Language, name: str, issues: list | None, stance_verbs: dict | None
) -> StanceDetector:
    """Build the stance detector; ``issues`` replaces the packaged issue list when given."""
    return StanceDetector(
        name=name,
        issues=parse_issues(issues, origin=f"{name}.issues") if issues is not None else None,
        stance_verbs=stance_verbs,
    )


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
        self.issues = issues or default_issues()
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
        self.inverters = frozenset(
            w.lower()
            for w in (inverters if inverters is not None else _default_file().get("inverters", ()))
        )
        self._by_id = {issue.id: issue for issue in self.issues}
        self._patterns = {issue.id: _pattern(issue.keywords) for issue in self.issues}

    def __call__(self, doc: Doc) -> Doc:
        """Detect the stances of ``doc`` into ``doc._.stances``."""
        doc._.stances = [record_to_dict(s) for s in self.detect(doc)]
        return doc

    def detect(self, doc: Doc) -> list[StanceRecord]:
        """The stances of ``doc``, one per (actor, issue, direction, kind, sentence)."""
        index = DocIndex(doc)
        finder = ArgumentFinder(index, load_lexicon())
        quotes = [
            (q["evidence"]["start"], q["evidence"]["end"], q.get("speaker_id"))
            for q in doc._.quotes or []
        ]
        out: dict[tuple, StanceRecord] = {}
        for sent in segments(doc):
            if sent.text.rstrip().rstrip("\"'”’ ").endswith("?"):
                continue
            words = _words(sent)
            issues = [issue for issue in self.issues if self._patterns[issue.id].search(words)]
            if not issues:
                continue
            holders = self._holders(sent, finder, index, quotes)
            for issue in issues:
                cue = self._cue(issue.id, sent)
                if cue == 0:
                    continue
                for actor_id, kind, negated in holders:
                    flip = -1 if (kind == "reject") != negated else 1
                    direction = (1 if cue > 0 else -1) * flip
                    record = StanceRecord(
                        actor_id=actor_id,
                        issue=issue.id,
                        direction=direction,
                        evidence=Evidence(doc._.doc_id or "", sent.start_char, sent.end_char),
                        kind="reject" if negated and kind in ("accept", "state") else kind,
                    )
                    out.setdefault((actor_id, issue.id, direction, record.kind, sent.start), record)
        return list(out.values())

    def _cue(self, issue_id: str, sent: Span) -> int:
        """High cues minus low cues; an inverter up to four words before a cue turns it around.

        Cues are matched as whole phrases of up to three words, on word forms or
        lemmas, longest first, each word used once.
        """
        issue = self._by_id[issue_id]
        high, low = set(issue.high_cues), set(issue.low_cues)
        tokens = [t for t in sent if not t.is_space]
        forms = [t.lower_ for t in tokens]
        lemmas = [(t.lemma_ or t.lower_).lower() for t in tokens]
        # A negation of the stance verb itself ("will not accept") is handled as a flip of the verb.
        verb_neg = {
            j
            for j, t in enumerate(tokens)
            if t.dep_ == "neg" and (t.head.lemma_ or t.head.lower_).lower() in self.verb_kind
        }
        total = 0
        i = 0
        while i < len(tokens):
            step = 1
            for n in (3, 2, 1):
                keys = {" ".join(forms[i : i + n]), " ".join(lemmas[i : i + n])}
                sign = 1 if keys & high else -1 if keys & low else 0
                if sign and i + n <= len(tokens):
                    near = [j for j in range(max(0, i - 4), i) if j not in verb_neg]
                    window = {forms[j] for j in near} | {lemmas[j] for j in near}
                    window |= {" ".join(forms[j : j + 2]) for j in near}
                    total += -sign if window & self.inverters else sign
                    step = n
                    break
            i += step
        return total

    def _subject(self, verb: Token, sent: Span, finder: ArgumentFinder) -> list[str]:
        """Actors of the verb's subject when the subject *is* an actor ("Moscow insists").

        Not when actors only modify it ("Trump's peace plan requires").
        """
        cur = verb
        for _ in range(4):
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
                    return finder.phrase_actors(head, sent)
                return []
            if (
                cur.dep_ in ("xcomp", "advcl", "conj", "acomp")
                and sent.start <= cur.head.i < sent.end
            ):
                cur = cur.head
                continue
            return []
        return []

    def _holders(
        self,
        sent: Span,
        finder: ArgumentFinder,
        index: DocIndex,
        quotes: list[tuple[int, int, str | None]],
    ) -> list[tuple[str, str, bool]]:
        """(actor, kind, negated) per stance verb with an actor subject, else the quote speaker."""
        found: list[tuple[str, str, bool]] = []
        for token in sent:
            lemma = (token.lemma_ or token.lower_).lower()
            kind = self.verb_kind.get(lemma)
            particle = [
                c.lower_ for c in token.children if c.dep_ in ("prep", "prt") and c.i == token.i + 1
            ]
            if particle:
                kind = self.verb_kind.get(f"{lemma} {particle[0]}", kind)
            if kind is None or token.pos_ not in ("VERB", "AUX", "ADJ", ""):
                continue
            if token.pos_ == "ADJ" and token.dep_ not in ("acomp", "ROOT"):
                continue  # "is ready to", not "a ready answer"
            if index.in_quote(token) or _conditional(token):
                continue
            actors = self._subject(token, sent, finder)
            negated = any(c.dep_ == "neg" for c in token.children)
            found += [(a, kind, negated) for a in actors]
        if any(kind != "state" for _, kind, _ in found):
            # "X said Moscow rejects ...": the demand or refusal carries the direction
            found = [h for h in found if h[1] != "state"]
        if not found:
            for start, end, speaker in quotes:
                if speaker and start < sent.end_char and sent.start_char < end:
                    found.append((speaker, "state", _negated_sentence(sent)))
        return list(dict.fromkeys(found))


def _conditional(token: Token) -> bool:
    """Whether the token's clause, or one above it, is an if/unless condition."""
    for tok in [token, *token.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
            return True
    return False


def _negated_sentence(sent: Span) -> bool:
    return any(t.dep_ == "neg" and t.head.dep_ == "ROOT" for t in sent)


def _words(sent: Span) -> str:
    """The sentence as lower-case words and lemmas, for whole-word cue matching."""
    forms = [t.lower_ for t in sent if not t.is_space]
    lemmas = [(t.lemma_ or t.lower_).lower() for t in sent if not t.is_space]
    return " " + " ".join(forms) + " | " + " ".join(lemmas) + " "


def _pattern(words: tuple[str, ...]) -> re.Pattern:
    if not words:
        return re.compile(r"(?!x)x")  # matches nothing
    alts = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


__all__ = ["Issue", "StanceDetector", "default_issues", "make_stance_detector", "parse_issues"]
