"""Acts made in a direct quotation: the speaker threatens, accuses, demands or refuses.

A quotation is the speaker's own words, so a directed act the quoted clause
itself performs is the speaker's act: '"We condemn X's strikes," the minister
said' is the minister accusing X, '"We will hit back against X," she warned' a
threat to X. The speaker is the one the quotes component attributed the
quotation to (``Doc._.quotes``); the act is read from the quoted words.

Rules (pinned by ``tests/extract/test_events_quoted.py``):

* the quoted clause must be in the speaker's own voice: its subject is *I* or
  *we* ("our army" too), the speaker, or an actor of the speaker's state ("Poland will ...",
  said by Poland's prime minister); a quotation reporting what someone else
  did or threatened ('"X has threatened to ...," she said') is not the
  speaker's act;
* a directed speech act stated as fact (accuse, condemn, reject, demand,
  threaten) keeps its type; a hostile act the speaker's side says it *will*
  do (attack, sanction, coerce, mobilise), even under a condition ("if X
  crosses the line"), is a threat (THREATEN, as
  :mod:`~detente.extract.events.speech` codes stated future force);
* a negated, modal, hedged or hypothetical clause ("we will not attack",
  "we could respond", "we would never") is no act, nor any other type
  (cooperation promised in a quotation stays with the reported-speech rules);
* a nominal act that names another side as its own actor ("any X incursion")
  is that side's act, not the speaker's;
* the act is dated by its statement (the verb of saying, when the sentence
  has it), not by the time the quoted words give the act ("will strike next
  week");
* the recipient is the act's own recipient, else the one foreign state the
  quoted words of the sentence name (a threat's condition names whom it is
  aimed at); an actor of the speaker's own state is never the recipient, and
  without a recipient there is no event.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from detente.evidence import Evidence
from detente.extract.events.arguments import ArgumentFinder
from detente.extract.events.dates import event_date
from detente.extract.events.factuality import clause_chain, obstacles
from detente.extract.events.lexicon import TriggerRule
from detente.extract.events.speech import HOSTILE, reporting_verb
from detente.extract.records import EventRecord

DIRECTED = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN"})
"""Speech acts a quotation performs when stated as fact in the speaker's voice."""
THREAT_MARKS = frozenset({"future", "conditional"})
"""Obstacles a stated future hostile act may carry and still be a threat (it needs "future")."""
FIRST_PERSON = frozenset({"i", "we"})
"""Subjects that make a quoted clause the speaker's own act."""
FIRST_PERSON_OWNERS = frozenset({"my", "our"})
"""Possessors that make a subject the speaker's side ("our army", "our government")."""


def quote_speakers(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, speaker id) of every attributed quotation of ``doc``."""
    out = []
    for q in doc._.quotes or []:
        speaker, ev = q.get("speaker_id"), q.get("evidence") or {}
        if speaker and "start" in ev and "end" in ev:
            out.append((ev["start"], ev["end"], speaker))
    return out


def speaker_at(token: Token, quotes: list[tuple[int, int, str]]) -> str | None:
    """The speaker of the quotation holding ``token``, or None."""
    return next((s for a, b, s in quotes if a <= token.idx < b), None)


def quoted_act(
    token: Token, rule: TriggerRule, speaker: str, sent: Span, finder: ArgumentFinder
) -> list[tuple[EventRecord, str | None]]:
    """The act ``speaker`` performs with the quoted trigger ``token``, or nothing.

    Args:
        token: A trigger inside a direct quotation.
        rule: Its lexicon entry.
        speaker: Actor id of the quotation's speaker.
        sent: The sentence (with the attribution, when the parser joined them).
        finder: The coder's argument finder (its index tells actors and states).
    """
    kind = _quoted_type(token, rule)
    if kind is None or not _own_voice(token, speaker, finder):
        return []
    index = finder.index
    own = index.country(speaker)
    if any(
        index.country(a) != own
        for c in token.children
        if c.dep_ in ("poss", "amod", "compound", "nmod")
        for a in index.token_actors.get(c.i, [])
    ):
        return []  # "we will respond to any X incursion": the incursion is X's act
    targets = [a for a in _recipients(token, kind, sent, finder) if index.country(a) != own]
    if not targets:
        targets = _quoted_states(sent, own, finder)
    if not targets:
        return []
    said = reporting_verb(token)  # the act is made, and dated, when it is said
    record = EventRecord(
        type=kind,
        source_id=speaker,
        target_id=targets[0],
        evidence=Evidence(sent.doc._.doc_id or "", sent.start_char, sent.end_char),
        mode=HOSTILE.get(rule.type) if kind != rule.type else rule.mode,
        date=event_date(index, said, said) if said is not None else None,
        trigger=token.text,
    )
    return [(record, None)]


def _quoted_type(token: Token, rule: TriggerRule) -> str | None:
    """THREATEN, ACCUSE, REJECT or REQUEST as the quoted clause performs it, else None."""
    found = obstacles(token)
    if not found:
        return rule.type if rule.type in DIRECTED else None
    if "future" in found and found <= THREAT_MARKS and rule.type in HOSTILE:
        return "THREATEN"
    return None


def _own_voice(token: Token, speaker: str, finder: ArgumentFinder) -> bool:
    """Whether the clause of ``token`` has the speaker, *I*/*we* or their side as subject."""
    head = clause_chain(token)[-1]
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or not all(finder.index.in_quote(s) for s in subjects):
        return False
    own = finder.index.country(speaker)
    for subject in subjects:
        if subject.lower_ in FIRST_PERSON or any(
            c.dep_ == "poss" and c.lower_ in FIRST_PERSON_OWNERS for c in subject.children
        ):
            continue  # "we", "our army"
        actors = finder.index.token_actors.get(subject.i, [])
        if not actors or any(finder.index.country(a) != own for a in actors):
            return False
    return True


def _recipients(token: Token, kind: str, sent: Span, finder: ArgumentFinder) -> list[str]:
    """The act's own recipients, read as for a reported act."""
    if kind == "REQUEST":
        return finder.recipients.request_targets(token, sent)
    return finder.recipients.verb_targets(token, sent)


def _quoted_states(sent: Span, own: str | None, finder: ArgumentFinder) -> list[str]:
    """The one foreign state the quoted words of ``sent`` name, as a list (empty if not one)."""
    index = finder.index
    named: dict[str, str] = {}
    for tok in sent:
        if not index.in_quote(tok):
            continue
        for actor in index.token_actors.get(tok.i, []):
            state = index.country(actor)
            if state is not None and state != own:
                named.setdefault(state, actor)
    return list(named.values())[:1] if len(named) == 1 else []


__all__ = ["quote_speakers", "quoted_act", "speaker_at"]
