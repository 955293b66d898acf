"""Who acts in a coded event: the actors a phrase names and the subject of a trigger.

This module reads the parse for the *actor* side of a trigger;
:mod:`detente.extract.events.recipients` finds who is acted on (reading phrases with an
:class:`ActorFinder`), and
:class:`~detente.extract.events.arguments.ArgumentFinder` assembles the record.

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
  preceding sentences; "they" first to the actors of the last plural noun
  subject before it ("EU leaders met ... they began"); "the latter" / "the
  former" to the second / first of the last pair named together;
* a nominal act that frames a clause in time or place and names its
  counterpart ("during a visit to X, Y said", "following a call with X, Y
  announced") takes that clause's subject as its actor; a possessive pronoun
  on it ("during *his* visit") defers to that subject.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import Lexicon, TriggerRule
from detente.extract.events.parse import (
    finite_modifier,
    infinitival_modifier,
    is_group,
    perfect_having,
)
from detente.extract.events.speech import REPORTING_VERBS

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
SPEAKER_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my"})
"""Possessives that, on an unresolved subject in a reported clause, refer to the speaker
("X said *its* forces ...")."""
CARRIER_PREPS = frozenset({"through", "with", "by", "via"})
LISTING_VERBS = frozenset({"include", "be", "comprise"})
"""Verbs that list the members of their subject ("countries voting against included X, Y")."""
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
        owners: set[str] = set()  # actors named only as a possessor ("Putin's envoy")
        stack = [(head, False)]
        while stack:
            tok, owned = stack.pop()
            if not sent.start <= tok.i < sent.end:
                continue
            own = self.index.token_actors.get(tok.i, [])
            for actor_id in own:
                found.append((tok.i, actor_id))
                if owned:
                    owners.add(actor_id)
            listing = own and any(
                self.index.token_actors.get(c.i) == own for ch in tok.children for c in ch.conjuncts
            )  # "Ukrainian, US and European officials": the word ends a list of modifiers
            for child in tok.children:
                if own and _description(child, self.index):
                    continue  # "Poland, a NATO member, asked ...": the apposition describes
                if (
                    own
                    and not all(self.index.is_state(a) for a in own)
                    and child.dep_ != "conj"
                    and self.index.token_actors.get(child.i) != own
                    and not _hyphened(child, tok)
                    and not (listing and child.dep_ in ("amod", "nmod", "compound"))
                ):
                    # a named person's or body's modifiers and appositions describe it:
                    # "Putin's envoy Dmitriev", "Witkoff, a Trump envoy" name Dmitriev and
                    # Witkoff only (a state's may be a list the parser hung on it, and so
                    # may a list of modifiers the word itself ends)
                    continue
                if brokered(child):
                    continue  # "US-brokered talks": the broker is a third party
                if child.dep_ in PHRASE_DEPS or (
                    child.dep_ == "prep" and child.lower_ in ("of", "from")
                ):
                    stack.append((child, owned or child.dep_ == "poss"))
                elif child.dep_ == "pobj" and tok.dep_ in ("prep", "dative"):
                    stack.append((child, owned))
        if found:
            actors = list(
                dict.fromkeys(a for _, a in sorted(found, key=lambda x: x[0]))
            )  # stable: "U.S.-Russia"
            persons = [a for a in actors if a not in owners and not self.index.is_state(a)]
            if persons:  # "Putin's envoy, Witkoff": the envoy acts, his principal is a description
                actors = [a for a in actors if a not in owners or self.index.is_state(a)]
            # "Russian President Vladimir Putin" names RUS and Putin: keep the more specific actor
            return [
                a
                for a in actors
                if not (
                    self.index.is_state(a)
                    and any(b != a and self.index.country(b) == a for b in actors)
                )
            ]
        if head.lower_ in ("latter", "former") and any(c.lower_ == "the" for c in head.children):
            # "between X and Y, with the latter seizing ...": the second (first) of the pair
            pair = self.index.named_pair(head.i, sent)
            return pair[1:] if pair and head.lower_ == "latter" else pair[:1]
        groups = [head] + [
            g
            for p in head.children
            if p.dep_ == "prep" and p.lower_ in ("of", "from")
            for g in p.children
            if g.dep_ == "pobj"
        ]
        if any(is_group(g) for g in groups):  # "the two sides", "representatives from each side"
            if head.lower_ in ("they", "their"):
                group = self._plural_antecedent(head, sent)
                if group:
                    return group
            return self.index.recent_pair(head.i, sent)
        return []

    def _plural_antecedent(self, pronoun: Token, sent: Span) -> list[str]:
        """The actors of the plural subject "they" takes up, if the last one names some.

        "EU leaders gathered in Brussels ... Late in the evening, they began ...":
        the nearest plural noun subject before the pronoun, in its sentence or the one
        before, is whom "they" refers to, though other states are named after it.
        """
        doc = pronoun.doc
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        actor = self.index.is_actor
        for tok in reversed(doc[start : pronoun.i]):
            if actor(tok) and any(actor(c) for c in tok.children if c.dep_ == "conj"):
                return []  # "a call between X and Y in which they agreed": the pair is nearer
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in ("NNS", "NNPS"):
                return self.phrase_actors(tok, tok.sent)
        return []

    def _members_listed(self, verb: Token, sent: Span) -> list[str]:
        """The members a sentence lists for a group that a participle describes.

        "Countries *voting* against it included X, Y and Z", "Those *backing* the plan
        were X and Y": the group names no actor, the list after *include* or *be* does.
        """
        group = verb.head
        if verb.dep_ != "acl" or verb.tag_ != "VBG" or self.phrase_actors(group, sent):
            return []
        clause = group.head
        if group.dep_ != "nsubj" or clause.lemma_.lower() not in LISTING_VERBS:
            return []
        return [
            a
            for c in clause.children
            if c.dep_ in ("dobj", "attr") and sent.start <= c.i < sent.end
            for a in self.phrase_actors(c, sent)
        ]

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
                if child.dep_ == "csubj" and perfect_having(cur) is not None:
                    continue  # "having" misread as the subject: the clause's is inherited
                inherited = cur.i != verb.i  # "X was criticised for giving away Y": X gave
                if child.dep_ in ("nsubj", "csubj") or (
                    child.dep_ == "nsubjpass" and (inherited or not passive)
                ):
                    if child.lower_ in ("which", "that", "who") and cur.dep_ == "relcl":
                        return self.phrase_actors(cur.head, sent)
                    found = self.phrase_actors(child, sent) or located_group(child, self.index)
                    if not found and (
                        child.lower_ in SPEAKER_PRONOUNS
                        or any(
                            c.dep_ == "poss" and c.lower_ in SPEAKER_POSSESSIVES
                            for c in child.children
                        )
                    ):
                        # "X said it was ready to ...", "X said its drones hit ...": an
                        # unresolved pronoun is the speaker
                        said = cur.head if cur.dep_ == "ccomp" else None
                        if said is not None and said.lemma_.lower() in REPORTING_VERBS:
                            found = self.subject_actors(said, sent)
                    return found
            if (
                (
                    cur.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl")
                    or perfect_having(cur) is not None  # "..., having rejected Y"
                    or infinitival_modifier(cur)  # "launched an attack to destroy Y"
                )
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
        series = _series_subject(cur, sent)
        if series is not None:
            return self.phrase_actors(series, sent)
        listed = self._members_listed(verb, sent)
        if listed:
            return listed
        misparsed = finite_modifier(verb)
        if misparsed is not None and misparsed[0] is not None:
            return self.phrase_actors(misparsed[0], sent)  # "X hosted Y" read as a noun phrase
        return []

    def carrier(self, noun: Token, rule: TriggerRule, adjunct: bool = False) -> Token | None:
        """The verb that carries a nominal trigger ("held talks", "isolate X through sanctions").

        Besides light verbs and means (:data:`CARRIER_PREPS`): a relative clause
        on the noun that has a subject ("the sanctions *Washington imposed*"), a verb of motion
        whose purpose the noun is ("arrived *for talks* with X"), and, when
        ``adjunct`` (the noun names its counterpart), any verb the noun frames in
        time or place ("said *during a visit to X*", "*following a call with X*,
        Y announced"): its subject took part.
        """
        light = self.lexicon.light_verbs if rule.light is None else rule.light
        for rel in noun.children:  # "the sanctions (that) X imposed on Y": its relative clause
            subjects = [c for c in rel.children if c.dep_ == "nsubj"] if rel.dep_ == "relcl" else []
            if (
                subjects
                and self.index.is_actor(subjects[0])  # its subject names an actor itself
                and not any(c.dep_ == "mark" for c in rel.children)  # "a visit, that X ...": no
            ):
                return rel
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
                    if prep == "in" and _takes_part(gov):
                        return gov  # "took part in talks with X", "engaged in talks with X"
                    if any(c.dep_ == "npadvmod" for c in head.children):
                        return None  # "days after talks with X": a time, not a presence
                    return gov if adjunct and prep in FRAME_PREPS else None
                if head.lower_ == "of":  # "hours of negotiations", "a round of talks"
                    cur = gov
                    continue
                if adjunct and head.lower_ in FRAME_PREPS and "CONSULT" in self.lexicon.noun_types(
                    gov
                ):
                    cur = gov  # "held talks at the NATO summit": the summit frames the talks
                    continue
                return None
            if cur.dep_ in ("conj", "appos", "compound"):
                cur = head
                continue
            return None
        return None


GROUP_PLACE_PREPS = frozenset({"in", "across", "throughout"})
"""Prepositions by which a group subject is placed in a state ("protesters *in* X")."""


def located_group(subject: Token, index: DocIndex) -> list[str]:
    """The state a plural group subject is placed in: "farmers in X", "students across X".

    People of a state acting together are coded as its agents (as "X farmers" is);
    only a state counts, not a city or an organisation.
    """
    if subject.tag_ != "NNS":
        return []
    return [
        a
        for p in subject.children
        if p.dep_ == "prep" and p.lower_ in GROUP_PLACE_PREPS
        for g in p.children
        if g.dep_ == "pobj"
        for a in index.token_actors.get(g.i, ())
        if index.is_state(a)
    ][:1]


BROKERING_VERBS = frozenset({"host", "broker", "mediate", "sponsor", "facilitate", "chair"})
"""Verbs of a third party's part in others' talks ("US-brokered", "Qatar-mediated")."""


def brokered(modifier: Token) -> bool:
    """Whether a noun's modifier is a third party's participle ("*US-brokered* talks").

    The actor it names brokered or hosted the act, it is not one of its sides
    (Clarification 8 of the guidelines); the parser also reads "X hosted talks" so.
    """
    return (
        modifier.dep_ == "amod"
        and modifier.pos_ in ("VERB", "AUX")
        and modifier.lemma_.lower() in BROKERING_VERBS
    )


PARTAKING_VERBS = frozenset({"participate", "engage", "partake"})
"""Verbs whose *in* phrase is an act the subject takes part in ("engaged in talks")."""


def _takes_part(verb: Token) -> bool:
    """Whether ``verb`` says its subject takes part in its *in* phrase ("took part in")."""
    return verb.lemma_.lower() in PARTAKING_VERBS or (
        verb.lemma_.lower() == "take"
        and any(c.dep_ in ("dobj", "obj") and c.lower_ == "part" for c in verb.children)
    )


def _description(child: Token, index) -> bool:
    """An apposition that describes an actor: a common noun, not a name ("a NATO member")."""
    return (
        child.dep_ == "appos"
        and child.pos_ == "NOUN"
        and child.i not in index.token_actors
        and any(c.dep_ == "det" for c in child.children)
    )


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


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
"""Tags of a finite verb."""


def _series_subject(verb: Token, sent: Span) -> Token | None:
    """The subject of a series of verbs the parser broke up ("X railed against Y, praised Z").

    A finite verb without a subject of its own that follows an unsubordinated
    finite clause hanging from it (parsed as its ``advcl``) shares that clause's
    subject: "the minister criticised X, welcomed Y and promised Z" has one
    subject, though the parser may make the first verb a modifier of the second.
    A subordinated clause ("after X met Y, announced") is no series.
    """
    if verb.tag_ not in FINITE_TAGS or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children
    ):
        return None
    for clause in verb.children:
        if (
            clause.dep_ == "advcl"
            and clause.i < verb.i
            and clause.tag_ in FINITE_TAGS
            and sent.start <= clause.i < sent.end
            and not any(c.dep_ == "mark" for c in clause.children)
        ):
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects[0]
    return None

