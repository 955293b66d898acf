"""Arguments of a coded event: its actor and recipient, assembled into the record.

This module answers "who did it to whom" for one trigger and assembles the
record. The parse is read by two finders it holds: who acts in
:mod:`detente.extract.events.actors`, who is acted on in
:mod:`detente.extract.events.recipients` (the rules of each are listed
there); :mod:`detente.extract.events.setting` answers "when, where
and by what medium".

Assembly rules (PLOVER manual v2.0 conventions and the guidelines' clarifications):

* a coordinated subject of a reciprocal act with no recipient ("X, Y and Z
  met") gives one event per pair of sides, the earlier named as actor; of a
  mutual act ("X and Y exchanged prisoners") one each way; coordinated actors
  or recipients otherwise give one event each ("X met Y and Z"); one trigger
  gives one event per pair of states;
* a recipient of the same state as the actor, or of the same international body, is
  dropped (not an event between sides);
* an attack or a meeting of one side with no recipient, placed in one state (or
  in a region or city that state owns), takes that state as recipient ("at the
  Kremlin"); a visit "to" a state's capital is hosted by that state;
* a meeting at the seat of one party's state codes the visitor as actor and the
  host as recipient (PLOVER's visit convention); remote meetings keep text order;
* a meeting noun whose carrier announces it ("announced talks with X") is AGREE;
  an organisation's summit is a multilateral meeting with that organisation;
* an agreement counts one event per listed commitment (Clarification 5).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import product

from spacy.tokens import Span, Token

from detente.evidence import Evidence
from detente.extract.events.actors import ActorFinder
from detente.extract.events.dates import event_date
from detente.extract.events.factuality import complement_clause
from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import Lexicon, TriggerRule
from detente.extract.events.parse import acts_of, both_said, prep_objects, theme_of
from detente.extract.events.places import (
    PLACE_RECIPIENT_PREPS,
    attack_places,
    place_recipients,
    protest_sides,
)
from detente.extract.events.recipients import (
    CONTENT_OBJECT_PREPS,
    CONTENT_TYPES,
    OBJECT_PREPS,
    TOPIC_PREP_TYPES,
    VERB_TARGET_PREPS,
    RecipientFinder,
)
from detente.extract.events.setting import (
    event_place,
    named_states,
    remote_mode,
    state_of_place,
)
from detente.extract.plover import load_ontology
from detente.extract.records import EventRecord

FROM_TYPES = frozenset({"RETREAT", "SANCTION", "COERCE"})
"""Types whose *from* phrase names the recipient ("withdrew from X", "expelled from X")."""
THEMED_TYPES = frozenset({"AGREE", "REQUEST", "REJECT"})
"""Types whose repeats are told apart by what was agreed, demanded or rejected."""
HELD_TYPES = frozenset({"COERCE", "RETREAT"})
"""Types whose object is often people held: an *including* phrase names whose nationals they
are ("detained 40 people, including two X citizens")."""
ANSWER_TYPES = frozenset({"REJECT", "SUPPORT"})
"""Types that answer a proposal: its author is the recipient ("rejected the plan proposed by X")."""
ANNOUNCING = frozenset({"announce", "schedule", "arrange", "plan", "set"})
"""Verbs that carry a meeting noun as something announced, not held ("announced talks")."""
AIMED_TYPES = frozenset({"ASSAULT", "THREATEN", "ACCUSE", "COERCE", "PROTEST", "SANCTION"})
"""Types whose verb's *at* phrase names the recipient ("fired at X", "lashed out at X")."""
ENTERING_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
"""Types whose verb's *into* phrase names the recipient ("advanced into X", "sent troops into
X")."""
HOSTED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "CONSULT"})
"""Types whose place, when it names a state, is the recipient."""
TERRITORY_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "THREATEN"})
"""Types whose object, when it names a region of a state, makes that state the recipient
("annexed Crimea", "the invasion of Crimea"); a *visit* to a region is not coded so."""


TOPIC_VERBS = frozenset({"discuss", "debate"})
"""Verbs of talking whose direct object is the topic ("discussed Ukraine"), never the
counterpart (named by *with*, or the other member of a coordinated subject)."""
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN"})
"""Types of the hostile acts a condemnation may name as its object."""
VICTIM_PREPS = frozenset({"on", "against", "at", "to", "toward", "towards", "into"})
"""Prepositions after a hostile act's noun that name whom it hit ("the strikes *on* X"): who
condemns it blames its author, not them."""
RECEIVING_VERBS = frozenset({"receive", "get"})
"""Verbs whose subject is the one called or visited by whom their object's *from* phrase
names ("received a call from Y"); for the other types "receive" is a trigger of its own."""


def _receiving_verb(noun: Token) -> Token | None:
    """The verb of receiving whose object ``noun`` is ("X received a call from Y"), if any."""
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in RECEIVING_VERBS:
        return head
    return None


class ArgumentFinder:
    """Find the actor, recipient, date and place of one trigger.

    Who acts is read by ``actors`` (:class:`ActorFinder`), who is acted on by
    ``recipients`` (:class:`RecipientFinder`, which reads phrases with the same ``actors``).
    """

    def __init__(self, index: DocIndex, lexicon: Lexicon) -> None:
        self.index = index
        self.lexicon = lexicon
        self.actors = ActorFinder(index, lexicon)
        self.recipients = RecipientFinder(self.actors)

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

    # -- the event ------------------------------------------------------------
    def events(
        self, trigger: Token, rule: TriggerRule, sent: Span
    ) -> list[tuple[EventRecord, str | None]]:
        """Events coded from one trigger (several for coordinated parties), each with its theme.

        The theme tells distinct agreements, demands or rejections apart when
        repeats are merged: the head word of what was agreed ("agreed to
        *appoint* teams"), None for the other types.
        """
        anchor, mode = trigger, rule.mode
        settings: list[str] = []  # bodies whose summit two sides met at
        if rule.pos == "NOUN":
            two_way = rule.type in self.lexicon.reciprocal_types or rule.reciprocal or rule.mutual
            sources, targets, forum = self.recipients.noun_args(trigger, sent, two_way, rule.forum)
            receiver = _receiving_verb(trigger) if rule.type == "CONSULT" else None
            if receiver is not None and not targets:
                # "X received a call from Y": Y called X
                sources = sources or [
                    a
                    for g in prep_objects(receiver, {"from"})
                    for a in self.actors.phrase_actors(g, sent)
                ]
                if sources:
                    targets = [
                        a for a in self.actors.subject_actors(receiver, sent) if a not in sources
                    ]
                    anchor = receiver
            if forum and rule.type == "CONSULT":
                mode = mode or "multilateral"  # "the NATO summit": a meeting in an IGO's setting
            if not sources:
                carrier = self.actors.carrier(trigger, rule, adjunct=bool(targets))
                anchor = carrier if carrier is not None else trigger
                if (
                    carrier is not None
                    and rule.type == "CONSULT"
                    and carrier.lemma_.lower() in ANNOUNCING
                ):
                    # "announced talks with X": an announced meeting is a commitment (AGREE)
                    rule, mode = replace(rule, type="AGREE", mode=None), None
                sources = self.actors.subject_actors(carrier, sent) if carrier is not None else []
                if not targets and carrier is not None:
                    targets = [
                        a for a in self.recipients.verb_targets(carrier, sent) if a not in sources
                    ]
                if two_way and len({self.index.country(a) for a in sources}) > 1:
                    # "X and Y held talks at the NATO summit": the two sides met each other,
                    # and each met the body whose summit it was
                    settings = [a for a in targets if self.index.is_organization(a)]
                    targets = [a for a in targets if a not in settings]
        else:
            sources, targets = self._verb_parties(trigger, rule, sent)
            if rule.reverse and rule.type == "CONSULT" and self._hosts_others(trigger, sent):
                return []  # "X hosted the Y-Z talks": the talks are coded, X is the place
        if rule.type == "PROTEST" and not (sources and targets):
            # "thousands marched through <capital>", "outside the X embassy in <city>"
            placed, against = protest_sides(trigger, sent, self.index, self.lexicon)
            sources = sources or placed
            targets = targets or [a for a in against if a not in sources]
        if not sources:
            return []
        if not targets and rule.type in THEMED_TYPES:
            # "proposed renegotiating a deal with Iran": the recipient sits in the content
            targets = [
                a
                for c in trigger.children
                if c.dep_ == "acl" or complement_clause(c)
                for a in self.recipients.verb_targets(c, sent)
                if a not in sources
            ]
        if not targets and rule.type in THEMED_TYPES:
            targets = [
                a for a in self.recipients.setting_partners(trigger, sent) if a not in sources
            ]
        if not targets and rule.type in ANSWER_TYPES:
            targets = [a for a in self.recipients.proposers(trigger, sent) if a not in sources]
        if not targets and rule.type in TERRITORY_TYPES:
            targets = [
                a for a in self.recipients.territory_targets(trigger, sent) if a not in sources
            ]
        if not targets and rule.type in PLACE_RECIPIENT_PREPS:
            # "pulled its troops out of <region>", "airlifted food to <region>"
            targets = [
                a
                for a in place_recipients(trigger, rule.type, sent, self.index, self.lexicon)
                if a not in sources
            ]
        if not targets and rule.type in AIMED_TYPES:
            # "X imposed tariffs on its goods": the owner of what is hit, named before
            targets = self.recipients.owners(trigger, sent, sources)
        if not targets and rule.type == "MOBILIZE":
            # "deployed a carrier to the Gulf as tensions with X rose", "moved tanks closer to X"
            aimed = self.recipients.tension_sides(trigger, sent) or self.recipients.approached(
                trigger, sent
            )
            targets = [a for a in aimed if a not in sources]
        if not targets and rule.type == "ASSAULT":
            # "launched an attack to destroy X's bombers", "X attacks crippled Y's grid"
            aimed = self.recipients.purpose_targets(trigger, sent) or (
                self.recipients.harmed(trigger, sent) if rule.pos == "NOUN" else []
            )
            targets = [a for a in aimed if a not in sources]
        if not targets and rule.type == "ASSAULT":
            # "X missiles struck a plant in <city>", "a drone attack on <city>"
            placed = attack_places(trigger, sent, self.index, self.lexicon)
            targets = [a for a in placed if a not in sources]
        place = event_place(self.index, self.lexicon, trigger, anchor, rule.type)
        pairs = self._pairs(trigger, rule, sent, sources, targets, place)
        pairs += [pair for pair in product(sources, settings) if pair not in pairs]
        mode = mode or remote_mode(trigger, anchor, rule.type)
        if place and rule.type == "CONSULT" and not mode:
            pairs = [self._visitor_first(pair, place) for pair in pairs]
        date = event_date(self.index, trigger, anchor)
        records: list[EventRecord] = []
        seen: set[tuple] = set()
        for source, target in pairs:
            if target is not None and self.index.side(target) == self.index.side(source):
                target = None
            if target is None and _needs_recipient(rule.type):
                continue
            sides = (self.index.country(source), self.index.country(target))
            if sides in seen:
                continue  # "Putin and Lavrov met Witkoff": one meeting of the two sides
            seen.add(sides)
            records.append(
                EventRecord(
                    type=rule.type,
                    source_id=source,
                    target_id=target,
                    evidence=Evidence(sent.doc._.doc_id or "", sent.start_char, sent.end_char),
                    mode=mode,
                    date=date,
                    location=place.text if place else None,
                    trigger=trigger.text,
                )
            )
        themes = self._themes(trigger, rule)
        return [(rec, theme) for theme in themes for rec in records]

    def _hosts_others(self, verb: Token, sent: Span) -> bool:
        """Whether a host's object is a meeting of two other sides ("hosted the Y-Z talks").

        Clarification 8 of the guidelines: talks a third party hosts are one meeting
        of the two negotiating sides; the host is where they met, not a party.
        """
        host = {self.index.country(a) for a in self.actors.subject_actors(verb, sent)}
        for obj in verb.children:
            if obj.dep_ not in ("dobj", "obj") or "CONSULT" not in self.lexicon.noun_types(obj):
                continue
            sources, targets, _ = self.recipients.noun_args(obj, sent)
            sides = {self.index.country(a) for a in sources + targets} - host
            if len(sides) >= 2:
                return True
        return False

    def _object_actors(self, verb: Token, sent: Span) -> list[str]:
        """The actors the verb's direct object names."""
        return [
            a
            for c in verb.children
            if c.dep_ in ("dobj", "obj")
            for a in self.actors.phrase_actors(c, sent)
        ]

    def _hostile_object(self, verb: Token) -> bool:
        """Whether the verb's object names a hostile act ("the attack", "the strikes")."""
        return any(
            self.lexicon.noun_types(c) & HOSTILE_TYPES
            for c in verb.children
            if c.dep_ in ("dobj", "obj") and not self.index.is_actor(c)
        )

    def _verb_parties(
        self, trigger: Token, rule: TriggerRule, sent: Span
    ) -> tuple[list[str], list[str]]:
        """(actors, recipients) of a verb trigger."""
        sources = self.actors.subject_actors(trigger, sent)
        verb_preps = VERB_TARGET_PREPS - ({"on"} if rule.type in TOPIC_PREP_TYPES else set())
        if rule.type in AIMED_TYPES:
            verb_preps = verb_preps | {"at"}  # "fired missiles at X", "lashed out at X"
        if rule.type in ENTERING_TYPES:
            verb_preps = verb_preps | {"into"}  # "advanced into X", "moved troops into X"
        if rule.type == "COOPERATE":
            verb_preps = verb_preps | {"alongside"}  # "trained alongside X's troops"
        topic = rule.type in TOPIC_PREP_TYPES
        if rule.type == "REQUEST":
            targets = self.recipients.request_targets(trigger, sent)
        elif rule.type in CONTENT_TYPES:
            targets = self.recipients.verb_targets(
                trigger, sent, CONTENT_OBJECT_PREPS, verb_preps, clause_subjects=not topic
            )
        elif rule.type == "AID":  # "billions in aid for X"
            targets = self.recipients.verb_targets(
                trigger, sent, OBJECT_PREPS | {"for"}, verb_preps
            )
        elif rule.type == "ACCUSE" and self._hostile_object(trigger):
            # "condemned the attack on X (by Y)": X is its victim, Y the one blamed
            targets = self.recipients.verb_targets(
                trigger, sent, (OBJECT_PREPS - VICTIM_PREPS) | {"by"}, verb_preps
            )
        elif trigger.lemma_.lower() in TOPIC_VERBS:
            # "X and Y discussed Ukraine": the object is what is talked about
            targets = [
                a
                for a in self.recipients.verb_targets(
                    trigger, sent, verb_preps=verb_preps, clause_subjects=False
                )
                if a not in self._object_actors(trigger, sent)
            ]
        elif rule.type in HELD_TYPES:  # "freed 14 prisoners, including a X citizen"
            targets = self.recipients.verb_targets(
                trigger, sent, OBJECT_PREPS | {"including"}, verb_preps, clause_subjects=not topic
            )
        else:
            targets = self.recipients.verb_targets(
                trigger, sent, verb_preps=verb_preps, clause_subjects=not topic
            )
        if rule.mutual and len({self.index.country(a) for a in sources}) > 1:
            # "X and Y exchanged accusations at the UN": they act on each other
            targets = []
        if not targets and (rule.type in FROM_TYPES or rule.reverse):
            # "withdrew from X", "expelled from X's embassy", "received jets from X"
            targets = [
                a
                for p in trigger.children
                if p.dep_ == "prep" and p.lower_ in ("from", "out")
                for g in p.children
                if g.dep_ in ("pobj", "prep")
                for a in self.actors.phrase_actors(g, sent)
            ]
        if not targets and rule.forum:
            targets = [a for a in self.recipients.forum(trigger, sent) if a not in sources]
        if (
            not targets
            and trigger.dep_ == "conj"
            and sent.start <= trigger.head.i < sent.end
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)
        ):
            # "met Lavrov and agreed to ...": the shared counterpart carries over (not to a
            # clause with a subject of its own: "X phoned Y, and Z met")
            targets = self.recipients.verb_targets(trigger.head, sent)
        if not targets and rule.type == "CONSULT":
            # "travelled to Washington": a visit is hosted by the state it goes to
            targets = [
                a
                for p in trigger.children
                if p.dep_ == "prep" and p.lower_ == "to"
                for g in p.children
                if g.dep_ == "pobj"
                for a in self._hosts(g.doc[g.i : g.i + 1], sent)[:1]
                if self.index.country(a) not in {self.index.country(x) for x in sources}
            ]
        if rule.reverse:
            sources, targets = targets, sources
        return sources, targets

    def _pairs(
        self,
        trigger: Token,
        rule: TriggerRule,
        sent: Span,
        sources: list[str],
        targets: list[str],
        place: Span | None,
    ) -> list[tuple[str, str | None]]:
        """(actor, recipient) pairs: every member of a coordinated group is a party of its own.

        "X met Y and Z" and "X and Y accused Z" give one event per pair; a
        coordinated subject of a reciprocal act with no recipient ("X, Y and Z
        met") gives one event per pair of them, the earlier named as actor
        (guidelines, Clarification 3); of a mutual act ("X and Y exchanged
        prisoners") one each way.
        """
        reciprocal = rule.type in self.lexicon.reciprocal_types or rule.reciprocal
        one_side = len({self.index.country(a) for a in sources}) == 1
        if not targets and place and one_side and rule.type in HOSTED_TYPES:
            # attacks in X target X; a meeting at a state's seat ("at the Kremlin") is hosted by it;
            # envoys of one state ("X and Y spent hours ...") are one visiting side
            hosts = self._hosts(place, sent)
            if hosts:
                return [(sources[0], hosts[0])]
        if rule.mutual and len(sources) > 1 and not targets:
            return [(a, b) for a in sources for b in sources if a != b]
        if reciprocal and len(sources) > 1 and not targets:
            country = self.index.country
            pairs = [
                (a, b)
                for i, a in enumerate(sources)
                for b in sources[i + 1 :]
                if country(a) != country(b)  # "Witkoff and Kushner met ...": one side
            ]
            if both_said(trigger, sent):  # "both X and Y expressed interest": two statements
                pairs.append((sources[1], sources[0]))
            return pairs
        return list(product(sources, targets or [None]))

    def _hosts(self, place: Span, sent: Span) -> list[str]:
        """The state a place names or lies in, if it is an actor of the document."""
        hosts = [a for tok in place for a in self.index.token_actors.get(tok.i, [])]
        # a place the resolver kept as a place ("in The Hague") names its state only when
        # that state is an actor of the document: a recipient must be a known actor
        named = named_states(place.text, self.lexicon)
        hosts = hosts or [a for a in named if a in self.index.info][:1]
        if not hosts:  # "in Russia's Saratov region": the state that owns the place
            owner = place.root
            while owner.dep_ in ("compound", "amod", "nmod") and owner.head.i != owner.i:
                owner = owner.head
            hosts = [a for a in self.actors.phrase_actors(owner, sent) if self.index.is_state(a)]
        return hosts

    def _themes(self, trigger: Token, rule: TriggerRule) -> list[str | None]:
        """One theme per distinct act a trigger reports (see :func:`acts_of`)."""
        if rule.type not in THEMED_TYPES:
            return [None]
        if rule.type != "AGREE" and rule.pos == "VERB":
            return [theme_of(trigger)]  # a list of demands is one demand (guidelines: commitments)
        return acts_of(trigger)


def _needs_recipient(type_: str) -> bool:
    # PLOVER requires a recipient for these types (plover.json: requires_recipient).
    return load_ontology().get(type_).requires_recipient
