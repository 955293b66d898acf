"""Who acts in a coded event: the actors a phrase names and the subject of a trigger.

Split from :mod:`detente.extract.components._event_args` (one noun per module):
this module reads the parse for the *actor* side of a trigger; its subclass in
:mod:`detente.extract.components._event_recipients` adds who is acted on, and
:class:`~detente.extract.components._event_args.ArgumentFinder` assembles the record.

Rules (PLOVER manual v2.0 conventions):

* a phrase names the actors of its head, modifiers, appositions, conjuncts and
  *of* / *from* complements ("officials from X and Y"); a state is dropped when
  a person of that state is named with it ("Russian President Vladimir Putin");
* verb triggers: the subject is the actor (the ``by`` agent of a passive);
* a clause without a subject (infinitive, participle, conjoined verb) inherits
  the subject of the clause it hangs from;
* noun triggers with no actor of their own take the subject of the light verb
  that carries the noun ("held talks", "isolate X through sanctions");
* a group nominal or plural pronoun with no actor of its own ("the two sides",
  "they", "both countries") resolves to the last two states named in the
  preceding sentences;
* a fronted adjunct's *his / her* on a nominal trigger is the person who is the
  subject of the following main clause ("During his meeting with X, Y ...");
* an agentless repeat of an act noun ("..., and the invasion of B") takes the
  possessor of the same noun earlier in the sentence.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.extract.components._event_index import DocIndex
from detente.extract.components._event_parse import finite_modifier, is_group, orphan_subject
from detente.extract.components._event_speech import REPORTING_VERBS
from detente.extract.event_lexicon import Lexicon, TriggerRule

PHRASE_DEPS = frozenset(
    {
        "compound",
        "amod",
        "nmod",
        "poss",
        "appos",
        "conj",
        "det",
        "nummod",
        "npadvmod",
        "quantmod",
    }
)
"""Dependencies that stay inside an actor-naming noun phrase."""
SPEAKER_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i"})
"""Subject pronouns that, unresolved in a reported clause, refer to the speaker."""
CARRIER_PREPS = frozenset({"through", "with", "by", "via"})
"""Prepositions by which a verb carries a nominal trigger as its means or occasion."""
MOTION_VERBS = frozenset({"arrive", "come", "travel", "fly", "go", "head", "return", "sit"})
"""Verbs of coming together whose *for* phrase is the meeting ("arrived for talks")."""
READY_WORDS = frozenset({"ready", "open", "willing", "prepared"})
"""Adjectives whose *to*/*for* phrase is an act the subject is ready for ("open to talks")."""
STATE_VERBS = frozenset({"be", "remain", "stay", "keep"})
"""Verbs whose *in* phrase is a state the subject is in ("is in contact with X")."""
FRAME_PREPS = frozenset({"during", "after", "following", "before", "at", "on", "amid"})
"""Prepositions by which a nominal act frames the clause of its participant in time or place
("said during a visit to X", "on the sidelines of the X summit")."""


class ActorFinder:
    """Find who acts: the actors a phrase names and the subject of a trigger."""

    def __init__(self, index: DocIndex, lexicon: Lexicon) -> None:
        self.index = index
        self.lexicon = lexicon

    def phrase_actors(self, head: Token, sent: Span) -> list[str]:
        """Actors named by the noun phrase headed by ``head``, in text order.

        The phrase is the head with its modifiers, appositions, conjuncts and
        *of* / *from* complements ("officials from X and Y"); when a word names an
        actor itself, its modifiers and appositions only describe it ("Putin's
        envoy Dmitriev" is Dmitriev's act), so only its conjuncts add actors; places ("in Riyadh"),
        clauses and other prepositional phrases are left out. A group nominal or
        plural pronoun without an actor of its own resolves through
        :meth:`DocIndex.recent_pair`.
        """
        found: list[tuple[int, str]] = []
        stack = [head]
        while stack:
            tok = stack.pop()
            if not sent.start <= tok.i < sent.end:
                continue
            own = self.index.token_actors.get(tok.i, [])
            for actor_id in own:
                found.append((tok.i, actor_id))
            for child in tok.children:
                if (
                    own
                    and child.dep_ != "conj"
                    and self.index.token_actors.get(child.i) != own
                    and not _hyphened(child, tok)
                ):
                    # a named actor's modifiers and appositions describe it: "Putin's envoy
                    # Dmitriev", "Witkoff, a Trump envoy" name Dmitriev and Witkoff only
                    continue
                if child.dep_ in PHRASE_DEPS or (
                    child.dep_ == "prep" and child.lower_ in ("of", "from")
                ):
                    stack.append(child)
                elif child.dep_ == "pobj" and tok.dep_ in ("prep", "dative"):
                    stack.append(child)
        if found:
            actors = list(
                dict.fromkeys(a for _, a in sorted(found, key=lambda x: x[0]))
            )  # stable: "U.S.-Russia"
            # "Russian President Vladimir Putin" names RUS and Putin: keep the more specific actor
            return [
                a
                for a in actors
                if not (
                    self.index.is_state(a)
                    and any(b != a and self.index.country(b) == a for b in actors)
                )
            ]
        groups = [head] + [
            g
            for p in head.children
            if p.dep_ == "prep" and p.lower_ in ("of", "from")
            for g in p.children
            if g.dep_ == "pobj"
        ]
        if any(is_group(g) for g in groups):  # "the two sides", "representatives from each side"
            return self.index.recent_pair(head.i, sent)
        return []

    def subject_actors(self, verb: Token, sent: Span) -> list[str]:
        """Actors of the subject of ``verb`` (inherited through subjectless clauses)."""
        cur = verb
        for _ in range(4):
            passive = any(c.dep_ == "auxpass" for c in cur.children) or (
                cur.dep_ == "acl" and cur.tag_ == "VBN"  # "tariffs imposed by X"
            )
            for child in cur.children:
                if passive and child.dep_ == "agent":
                    objs = [g for g in child.children if g.dep_ == "pobj"]
                    found = self.phrase_actors(objs[0], sent) if objs else []
                    if found:
                        return found
            for child in cur.children:
                if not sent.start <= child.i < sent.end:
                    continue  # a parse arc across a line break
                inherited = cur.i != verb.i  # "X was criticised for giving away Y": X gave
                if child.dep_ in ("nsubj", "csubj") or (
                    child.dep_ == "nsubjpass" and (inherited or not passive)
                ):
                    if child.lower_ in ("which", "that", "who") and cur.dep_ == "relcl":
                        return self.phrase_actors(cur.head, sent)
                    found = self.phrase_actors(child, sent)
                    if not found and child.lower_ in SPEAKER_PRONOUNS:
                        # "X said it was ready to ...": an unresolved pronoun is the speaker
                        said = cur.head if cur.dep_ == "ccomp" else None
                        if said is not None and said.lemma_.lower() in REPORTING_VERBS:
                            found = self.subject_actors(said, sent)
                    return found
            if (
                cur.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl")
                and sent.start <= cur.head.i < sent.end
            ):
                cur = cur.head
                if cur.pos_ not in ("VERB", "AUX"):
                    # "made attempts to isolate": climb from the noun to its verb
                    while (
                        cur.pos_ not in ("VERB", "AUX")
                        and cur.head.i != cur.i
                        and cur.dep_ != "nsubj"
                    ):
                        cur = cur.head
                continue
            break
        misparsed = finite_modifier(verb)
        if misparsed is not None and misparsed[0] is not None:
            return self.phrase_actors(misparsed[0], sent)  # "X hosted Y" read as a noun phrase
        orphan = orphan_subject(verb, sent)
        return self.phrase_actors(orphan, sent) if orphan is not None else []

    def co_agents(self, verb: Token, sent: Span) -> list[str]:
        """Actors who act alongside the subject: "X joined *Y* in voting against it"."""
        prep = verb.head if verb.dep_ == "pcomp" else None
        if prep is None or prep.lower_ != "in" or prep.head.lemma_ != "join":
            return []
        return [
            a for c in prep.head.children if c.dep_ == "dobj" for a in self.phrase_actors(c, sent)
        ]

    def _carrier(self, noun: Token, rule: TriggerRule, adjunct: bool = False) -> Token | None:
        """The verb that carries a nominal trigger ("held talks", "isolate X through sanctions").

        Besides light verbs and means (:data:`CARRIER_PREPS`): a verb of motion
        whose purpose the noun is ("arrived *for talks* with X"), and, when
        ``adjunct`` (the noun names its counterpart), any verb the noun frames in
        time or place ("said *during a visit to X*", "*following a call with X*,
        Y announced"): its subject took part.
        """
        light = self.lexicon.light_verbs if rule.light is None else rule.light
        cur = noun
        for _ in range(5):
            head = cur.head
            if head.i == cur.i:
                return None
            if cur.dep_ in ("dobj", "obj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
                return head if head.lemma_.lower() in light else None
            if cur.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
                gov = head.head
                if gov.lower_ in READY_WORDS and head.lower_ in ("to", "for"):
                    return gov.head if gov.head.pos_ in ("VERB", "AUX") else None  # "open to talks"
                if gov.pos_ in ("VERB", "AUX"):
                    prep = head.lower_
                    if prep in CARRIER_PREPS:
                        return None if _meeting_topic(gov, self.lexicon) else gov
                    if prep == "for" and gov.lemma_.lower() in MOTION_VERBS:
                        return gov
                    if prep == "in" and gov.lemma_.lower() in STATE_VERBS:
                        return gov  # "is in contact with X", "remained in talks with X"
                    if any(c.dep_ == "npadvmod" for c in head.children):
                        return None  # "days after talks with X": a time, not a presence
                    return gov if adjunct and prep in FRAME_PREPS else None
                if head.lower_ == "of":  # "hours of negotiations", "a round of talks"
                    cur = gov
                    continue
                return None
            if cur.dep_ in ("conj", "appos", "compound"):
                cur = head
                continue
            return None
        return None

    def cataphor(self, pron: Token, noun: Token, sent: Span) -> list[str]:
        """The subject a fronted adjunct's *his*/*her* points forward to, if any.

        English news often opens with an adjunct whose possessive refers to the
        subject of the main clause that follows: "During *his* visit to X, *Y*
        said ..." (cataphora). When the possessive of a nominal trigger sits in
        a prepositional phrase hung on a verb, before that verb's subject, and
        the subject names exactly one person, the person is the possessor; the
        mention layer's backward-looking reading of the pronoun is not used.
        """
        if pron.lower_ not in ("his", "her"):
            return []
        cur = noun
        while cur.dep_ in ("pobj", "conj", "appos") and cur.head.dep_ in ("prep", "pobj", "conj"):
            cur = cur.head
            if cur.dep_ == "prep":
                break
        if cur.dep_ != "prep" or cur.head.pos_ not in ("VERB", "AUX"):
            return []
        verb = cur.head
        for subj in verb.children:
            if subj.dep_ == "nsubj" and sent.start <= subj.i < sent.end and subj.i > noun.i:
                actors = self.phrase_actors(subj, sent)
                if len(actors) == 1 and not self.index.is_state(actors[0]):
                    return actors
        return []

    def _elided_agent(self, noun: Token, sent: Span) -> list[str]:
        """The actor of an earlier same-word trigger in the sentence, for a bare repeat.

        "ties were hurt by X's invasion of A and frozen by the invasion of B": the
        second, agentless *invasion* is X's again (the writer elides the agent
        of a repeated act). Only a noun with an article and no actor of its own
        qualifies, and only the same lemma earlier in the same sentence.
        """
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return []
        for tok in reversed(sent[: noun.i - sent.start]):
            if tok.lemma_.lower() == noun.lemma_.lower() and tok.pos_ == noun.pos_:
                found = [
                    a for c in tok.children if c.dep_ == "poss" for a in self.phrase_actors(c, sent)
                ]
                if found:
                    return found
        return []


def _hyphened(a: Token, b: Token) -> bool:
    """Whether two words are joined by a hyphen or dash ("U.S.-Russia"): a pair, not a modifier."""
    lo, hi = sorted((a.i, b.i))
    between = a.doc[lo + 1 : hi]
    return 0 < len(between) <= 2 and any(t.text in ("-", "–", "—") for t in between)


def _meeting_topic(verb: Token, lexicon: Lexicon) -> bool:
    """Whether ``verb`` holds a meeting, so that its *with* phrase is the agenda, not a means.

    "held talks ..., with sanctions on the agenda": the sanctions are discussed, not imposed.
    """
    return any(
        c.dep_ in ("dobj", "obj") and "CONSULT" in lexicon.noun_types(c) for c in verb.children
    )
