"""Arguments of a coded event: its actor and recipient, read off the parse.

Split from :mod:`detente.extract.components.events` to keep each module to one
noun: this one answers "who did it to whom" for one trigger and assembles the
record; :mod:`detente.extract.components._event_setting` answers "when, where
and by what medium".

Rules (PLOVER manual v2.0 conventions):

* verb triggers: the subject is the actor (the ``by`` agent of a passive), the
  direct object or the object of *with / against / on / to / at* the recipient;
  a demand's recipient may be the subject of its ``that``-clause ("insisted
  that Kyiv ...");
* noun triggers: a possessor or an actor-naming modifier is the actor
  ("Russia's invasion"), *between X and Y* gives X as actor and Y as recipient,
  *with / of / on / against X* the recipient; otherwise the subject of the light
  verb that carries the noun ("held talks", "isolate X through sanctions");
* a clause without a subject (infinitive, participle, conjoined verb) inherits
  the subject of the clause it hangs from;
* a coordinated subject "X and Y" of a reciprocal type (CONSULT, AGREE,
  COOPERATE) codes X as actor and Y as recipient; of other types it codes one
  event per actor; coordinated recipients give one event each;
* a group nominal or plural pronoun with no actor of its own ("the two sides",
  "they", "both countries") resolves to the last two states named in the
  preceding sentences;
* a recipient of the same state as the actor is dropped (not an interstate event);
* the object of a conflict act that names a region of a state ("annexed Crimea")
  makes that state the recipient (lexicon ``territories``), if it is an actor
  of the article;
* a fronted adjunct's *his / her* on a nominal trigger is the person who is the
  subject of the following main clause ("During his meeting with X, Y ...");
* a meeting at the seat of one party's state codes the visitor as actor and the
  host as recipient (PLOVER's visit convention); remote meetings keep text order;
* a hyphenated pair on a one-way noun ("the X-Y war") gives no direction, so no event;
* "N agreements / demands" (N from two to six) counts N events;
* an agentless repeat of an act noun ("..., and the invasion of B") takes the
  possessor of the same noun earlier in the sentence.
"""

from __future__ import annotations

from itertools import product

from spacy.tokens import Span, Token

from detente.evidence import Evidence
from detente.extract.components._event_index import DocIndex
from detente.extract.components._event_parse import (
    both_said,
    hyphen_pair,
    is_group,
    noun_key,
    orphan_subject,
    theme_of,
    trigger_count,
)
from detente.extract.components._event_setting import (
    event_date,
    event_place,
    governor,
    remote_mode,
    state_of_place,
)
from detente.extract.event_lexicon import Lexicon, TriggerRule
from detente.extract.plover import load_ontology
from detente.extract.records import EventRecord

CLAUSAL = frozenset(
    {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "punct", "mark"}
)
"""Dependencies that open another clause: actors below them belong to that clause."""
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
TARGET_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "upon", "of", "for"})
"""Prepositions that introduce a recipient when their object is an actor."""
VERB_TARGET_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "upon"})
"""The same for verb triggers ("of" and "for" name recipients only after nouns)."""
CARRIER_PREPS = frozenset({"through", "with", "by", "via"})
"""Prepositions by which a verb carries a nominal trigger as its means or occasion."""
OBJECT_PREPS = frozenset({"to", "with", "on", "against", "at"})
"""Prepositions after a trigger's object that name the recipient ("sanctions on X")."""
FROM_TYPES = frozenset({"RETREAT", "SANCTION", "COERCE"})
"""Types whose *from* phrase names the recipient ("withdrew from X", "expelled from X")."""
OUTCOME_VERBS = frozenset(
    {"result", "produce", "yield", "bring", "lead", "end", "conclude", "culminate"}
)
"""Verbs by which a meeting produces its outcome ("the talks resulted in an agreement")."""
OUTCOME_NOUN_TYPES = frozenset({"AGREE", "CONCEDE", "REJECT"})
"""Nominal outcomes of a meeting that take the meeting's parties."""
THEMED_TYPES = frozenset({"AGREE", "REQUEST", "REJECT"})
"""Types whose repeats are told apart by what was agreed, demanded or rejected."""
HOSTED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "CONSULT"})
"""Types whose place, when it names a state, is the recipient."""
TERRITORY_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "THREATEN"})
"""Types whose object, when it names a region of a state, makes that state the recipient
("annexed Crimea", "the invasion of Crimea"); a *visit* to a region is not coded so."""
TERRITORY_PREPS = frozenset({"of", "on", "against", "into", "from"})
"""Prepositions after a trigger whose object is the region acted on."""


class ArgumentFinder:
    """Find the actor, recipient, date and place of one trigger."""

    def __init__(self, index: DocIndex, lexicon: Lexicon) -> None:
        self.index = index
        self.lexicon = lexicon
        self.last_meeting: EventRecord | None = None
        """The latest CONSULT with a recipient coded so far in the document (set by the coder)."""

    # -- actors ---------------------------------------------------------------
    def phrase_actors(self, head: Token, sent: Span) -> list[str]:
        """Actors named by the noun phrase headed by ``head``, in text order.

        The phrase is the head with its modifiers, appositions, conjuncts and
        *of* / *from* complements ("officials from X and Y"); places ("in Riyadh"),
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
            for actor_id in self.index.token_actors.get(tok.i, []):
                found.append((tok.i, actor_id))
            for child in tok.children:
                if child.dep_ in PHRASE_DEPS or (
                    child.dep_ == "prep" and child.lower_ in ("of", "from")
                ):
                    stack.append(child)
                elif child.dep_ == "pobj" and tok.dep_ == "prep":
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
            return self.index.recent_pair(
                sent.start if head.lower_ not in ("they", "we") else head.i, sent
            )
        return []

    def subject_actors(self, verb: Token, sent: Span) -> list[str]:
        """Actors of the subject of ``verb`` (inherited through subjectless clauses)."""
        cur = verb
        for _ in range(4):
            passive = any(c.dep_ == "auxpass" for c in cur.children)
            for child in cur.children:
                if passive and child.dep_ == "agent":
                    objs = [g for g in child.children if g.dep_ == "pobj"]
                    if objs:
                        return self.phrase_actors(objs[0], sent)
            for child in cur.children:
                if not sent.start <= child.i < sent.end:
                    continue  # a parse arc across a line break
                inherited = cur.i != verb.i  # "X was criticised for giving away Y": X gave
                if child.dep_ in ("nsubj", "csubj") or (
                    child.dep_ == "nsubjpass" and (inherited or not passive)
                ):
                    if child.lower_ in ("which", "that", "who") and cur.dep_ == "relcl":
                        return self.phrase_actors(cur.head, sent)
                    return self.phrase_actors(child, sent)
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
        orphan = orphan_subject(verb, sent)
        return self.phrase_actors(orphan, sent) if orphan is not None else []

    def _carrier(self, noun: Token, rule: TriggerRule) -> Token | None:
        """The verb that carries a nominal trigger ("held talks", "isolate X through sanctions")."""
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
                if gov.pos_ in ("VERB", "AUX"):
                    return gov if head.lower_ in CARRIER_PREPS else None
                if head.lower_ == "of":  # "hours of negotiations", "a round of talks"
                    cur = gov
                    continue
                return None
            if cur.dep_ in ("conj", "appos", "compound"):
                cur = head
                continue
            return None
        return None

    def verb_targets(self, verb: Token, sent: Span) -> list[str]:
        """Recipients of a verb trigger."""
        targets: list[str] = []
        for child in verb.children:
            if child.dep_ in ("dobj", "obj", "dative", "oprd"):
                found = self.phrase_actors(child, sent)
                if (
                    not found and child.lower_ == "what"
                ):  # "rejected what he called a U.S. proposal"
                    found = [
                        a
                        for c in verb.children
                        if c.dep_ == "ccomp"
                        for o in c.children
                        if o.dep_ in ("oprd", "attr", "dobj") and o.i != child.i
                        for a in self.phrase_actors(o, sent)
                    ]
                if not found:  # "canceled a trip to Saudi Arabia", "ended talks with X"
                    found = self.object_recipients(child, sent)
                targets += found
            elif child.dep_ in ("prep", "prt") and child.lower_ in VERB_TARGET_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        targets += self.phrase_actors(pobj, sent)
            elif child.dep_ == "nsubjpass" and any(c.dep_ == "auxpass" for c in verb.children):
                targets += self.phrase_actors(child, sent)
            elif child.dep_ == "ccomp":
                subs = list(child.children)
                if any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubj") for c in subs):
                    # free relative: "brushed off what he called a U.S. proposal"
                    targets += [
                        a
                        for o in subs
                        if o.dep_ in ("oprd", "attr")
                        for a in self.phrase_actors(o, sent)
                    ]
                    continue
                for sub in subs:
                    if sub.dep_ in ("nsubj", "nsubjpass"):
                        targets += self.phrase_actors(sub, sent)
        return list(dict.fromkeys(targets))

    def _meeting_outcome(self, noun: Token, rule: TriggerRule) -> EventRecord | None:
        """The last coded meeting, when a nominal trigger is what "the talks" produced.

        Pattern: a meeting noun with no actor of its own as the subject of an
        outcome verb ("the talks resulted in / produced / yielded ..."), the
        trigger in its object. The meeting is the latest CONSULT with a recipient
        coded before in the document (:attr:`last_meeting`).
        """
        if self.last_meeting is None or rule.type not in OUTCOME_NOUN_TYPES:
            return None
        verb = governor(noun)
        if verb.i == noun.i or verb.lemma_.lower() not in OUTCOME_VERBS:
            return None
        for subj in verb.children:
            if subj.dep_ == "nsubj" and not self.index.is_actor(subj):
                if any(
                    r.type == "CONSULT"
                    for r in self.lexicon.rules.get(("NOUN", noun_key(subj)), ())
                ):
                    return self.last_meeting
        return None

    def object_recipients(self, obj: Token, sent: Span) -> list[str]:
        """Recipients named after a non-actor object.

        "a trip *to X*", "sanctions *on X*", "a round *of* talks *with X*", and a
        relative clause on the object: "the sanctions *it has aimed at X*".
        """
        heads = [obj] + [
            g
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        found: list[str] = []
        for head in heads:
            holders = [head] + [c for c in head.children if c.dep_ == "relcl"]
            for holder in holders:
                for p in holder.children:
                    if p.dep_ == "prep" and p.lower_ in OBJECT_PREPS:
                        found += [
                            a
                            for g in p.children
                            if g.dep_ == "pobj"
                            for a in self.phrase_actors(g, sent)
                        ]
        return list(dict.fromkeys(found))

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
                    a
                    for c in tok.children
                    if c.dep_ == "poss"
                    for a in self.phrase_actors(c, sent)
                ]
                if found:
                    return found
        return []

    def _visitor_first(self, pair: tuple, place: Span) -> tuple:
        """(visitor, host) for a meeting held at the seat of one party's state.

        PLOVER codes a visit with the visitor as actor and the host as recipient;
        "Trump met Zelensky at the White House" is Zelensky's visit to Trump. A
        place in a third state, or a remote meeting, leaves the text order.
        """
        source, target = pair
        if target is None:
            return pair
        hosts = {
            self.index.country(a) for tok in place for a in self.index.token_actors.get(tok.i, [])
        }
        hosts = hosts or {state_of_place(place.text)} - {None}
        src, tgt = self.index.country(source), self.index.country(target)
        if len(hosts) == 1 and src in hosts and tgt not in hosts:
            return target, source
        return pair

    def territory_targets(self, trigger: Token, sent: Span) -> list[str]:
        """The state owning a region that is the trigger's object ("annexed Crimea" → UKR).

        Only regions listed in the lexicon's ``territories`` count, and only when
        their state is an actor of the document (the recipient must be a known actor).
        """
        objs = [c for c in trigger.children if c.dep_ in ("dobj", "obj")] + [
            g
            for p in trigger.children
            if p.dep_ == "prep" and p.lower_ in TERRITORY_PREPS
            for g in p.children
            if g.dep_ == "pobj"
        ]
        found: list[str] = []
        for obj in objs:
            if not sent.start <= obj.i < sent.end:
                continue
            parts = [c for c in obj.lefts if c.dep_ in ("compound", "amod")] + [obj]
            for name in (" ".join(t.text for t in parts), obj.text):
                state = self.lexicon.territories.get(name.lower())
                if state is not None and state in self.index.info:
                    found.append(state)
                    break
        return list(dict.fromkeys(found))

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

    def noun_args(
        self, noun: Token, sent: Span, mutual: bool = True
    ) -> tuple[list[str], list[str]]:
        """(actors, recipients) named inside a nominal trigger's own phrase.

        ``mutual`` says whether the type is reciprocal: a hyphenated pair ("U.S.-Russia
        talks") then codes the first as actor; for a one-way type ("the X-Y war") it
        gives no direction, so no actors.
        """
        sources: list[str] = []
        targets: list[str] = []
        for child in noun.children:
            if child.dep_ == "poss" and (cataphor := self.cataphor(child, noun, sent)):
                sources += cataphor
            elif child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
                sources += self.phrase_actors(child, sent)
            elif child.dep_ == "prep" and child.lower_ == "between":
                parties = [
                    a
                    for g in child.children
                    if g.dep_ == "pobj"
                    for a in self.phrase_actors(g, sent)
                ]
                sources += parties[:1]
                targets += parties[1:]
            elif child.dep_ == "prep" and child.lower_ == "from":
                sources += [
                    a
                    for g in child.children
                    if g.dep_ == "pobj"
                    for a in self.phrase_actors(g, sent)
                ]
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                targets += [
                    a
                    for g in child.children
                    if g.dep_ == "pobj"
                    for a in self.phrase_actors(g, sent)
                ]
        if len(sources) > 1 and not targets:  # "U.S.-Russia talks"
            if not mutual and hyphen_pair(noun):
                # "the Russia-Ukraine war" names the belligerents, not who attacks whom
                return [], []
            sources, targets = sources[:1], sources[1:]
        return list(dict.fromkeys(sources)), list(dict.fromkeys(targets))

    # -- the event ------------------------------------------------------------
    def events(
        self, trigger: Token, rule: TriggerRule, sent: Span
    ) -> list[tuple[EventRecord, str | None]]:
        """Events coded from one trigger (several for coordinated parties), each with its theme.

        The theme tells distinct agreements, demands or rejections apart when
        repeats are merged: the head word of what was agreed ("agreed to
        *appoint* teams"), None for the other types.
        """
        reciprocal = rule.type in self.lexicon.reciprocal_types
        anchor = trigger
        inherited_date = None
        if rule.pos == "NOUN":
            sources, targets = self.noun_args(trigger, sent, reciprocal or rule.mutual)
            meeting = None if sources else self._meeting_outcome(trigger, rule)
            if meeting is not None:
                # "The talks resulted in four agreements": the parties and day of those talks
                sources, targets = [meeting.source_id], [meeting.target_id]
                inherited_date = meeting.date
                anchor = governor(trigger)
            elif not sources:
                carrier = self._carrier(trigger, rule)
                anchor = carrier if carrier is not None else trigger
                sources = self.subject_actors(carrier, sent) if carrier is not None else []
                if not sources:  # "..., and froze with the invasion of B": X's again
                    sources = self._elided_agent(trigger, sent)
                if not targets and carrier is not None:
                    targets = [a for a in self.verb_targets(carrier, sent) if a not in sources]
        else:
            sources = self.subject_actors(trigger, sent)
            targets = self.verb_targets(trigger, sent)
            if (
                not targets and rule.type in FROM_TYPES
            ):  # "withdrew from X", "expelled from X's embassy"
                targets = [
                    a
                    for p in trigger.children
                    if p.dep_ == "prep" and p.lower_ in ("from", "out")
                    for g in p.children
                    if g.dep_ in ("pobj", "prep")
                    for a in self.phrase_actors(g, sent)
                ]
            if not targets and trigger.dep_ == "conj" and sent.start <= trigger.head.i < sent.end:
                # "met Lavrov and agreed to ...": the shared counterpart carries over
                targets = self.verb_targets(trigger.head, sent)
            if rule.reverse:
                sources, targets = targets, sources
        if not sources:
            return []
        theme = theme_of(trigger) if rule.type in THEMED_TYPES else None
        if not targets and rule.type in THEMED_TYPES:
            # "proposed renegotiating a deal with Iran": the recipient sits in the content
            targets = [
                a
                for c in trigger.children
                if c.dep_ in ("xcomp", "acl", "ccomp")
                for a in self.verb_targets(c, sent)
                if a not in sources
            ]
        if not targets and rule.type in TERRITORY_TYPES:
            targets = [a for a in self.territory_targets(trigger, sent) if a not in sources]
        if rule.mutual and len(sources) > 1 and not targets:  # "X and Y exchanged prisoners"
            pairs = [(sources[0], sources[1]), (sources[1], sources[0])]
        elif reciprocal and len(sources) > 1 and not targets:
            pairs = [(sources[0], sources[1])]
            if both_said(trigger, sent):  # "both X and Y expressed interest": two statements
                pairs.append((sources[1], sources[0]))
        else:
            pairs = list(product(sources, targets or [None]))
        place = event_place(self.index, self.lexicon, trigger, anchor, rule.type)
        one_side = len({self.index.country(a) for a in sources}) == 1
        if not targets and place and one_side and rule.type in HOSTED_TYPES:
            # attacks in X target X; a meeting at a state's seat ("at the Kremlin") is hosted by it;
            # envoys of one state ("X and Y spent hours ...") are one visiting side
            hosts = [a for tok in place for a in self.index.token_actors.get(tok.i, [])]
            hosts = hosts or [a for a in (state_of_place(place.text),) if a]
            if not hosts:  # "in Russia's Saratov region": the state that owns the place
                owner = place.root
                while owner.dep_ in ("compound", "amod", "nmod") and owner.head.i != owner.i:
                    owner = owner.head
                hosts = [a for a in self.phrase_actors(owner, sent) if self.index.is_state(a)]
            if hosts:
                pairs = [(sources[0], hosts[0])]
        if (
            place
            and rule.type == "CONSULT"
            and not (rule.mode or remote_mode(trigger, anchor, rule.type))
        ):
            pairs = [self._visitor_first(pair, place) for pair in pairs]
        date = event_date(self.index, trigger, anchor) or inherited_date
        out = []
        for source, target in pairs:
            if target is not None and self.index.country(target) == self.index.country(source):
                target = None
            if target is None and _needs_recipient(rule.type):
                continue
            record = EventRecord(
                type=rule.type,
                source_id=source,
                target_id=target,
                evidence=Evidence(sent.doc._.doc_id or "", sent.start_char, sent.end_char),
                mode=rule.mode or remote_mode(trigger, anchor, rule.type),
                date=date,
                location=place.text if place else None,
                trigger=trigger.text,
            )
            out.append((record, theme))
        count = trigger_count(trigger) if rule.pos == "NOUN" and rule.type in THEMED_TYPES else 1
        if count > 1:  # "resulted in four agreements": four acts, kept apart by their themes
            out = [(rec, f"{th}#{k}") for k in range(count) for rec, th in out]
        return list(dict.fromkeys(out))


def _needs_recipient(type_: str) -> bool:
    # PLOVER requires a recipient for these types (plover.json: requires_recipient).
    return load_ontology().get(type_).requires_recipient
