"""Who is acted on in a coded event: the recipients of a trigger.

:class:`RecipientFinder` reads the *recipient* side of a trigger, and the parties a
nominal trigger names in its own phrase; the actors a phrase names come from the
:class:`~detente.extract.events.actors.ActorFinder` it is given.

Rules (PLOVER manual v2.0 conventions):

* verb triggers: the direct object or the object of *with / against / on / to*
  is the recipient (not a third party "with X as host"); a demand's recipient
  may be the subject of its ``that``-clause ("insisted that Kyiv ..."); a
  non-actor object passes on the actor after it ("a trip to X", "sanctions on X");
* noun triggers: a possessor or an actor-naming modifier is the actor
  ("Russia's invasion"), *between X and Y* gives X as actor and Y as recipient,
  *with / of / on / against X* the recipient;
* a hyphenated pair on a one-way noun ("the X-Y war") gives no direction, so no event;
* the object of a conflict act that names a region of a state ("annexed Crimea")
  makes that state the recipient (lexicon ``territories``); the region names
  the state, which joins the document's actors (:meth:`.index.DocIndex.admit`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.extract.events.actors import ActorFinder, brokered
from detente.extract.events.lexicon import QUANTITY_NOUNS, measured, measured_by
from detente.extract.events.parse import (
    finite_modifier,
    hyphen_pair,
    prep_objects,
    to_infinitive,
)
from detente.extract.temporal.dates import SETTING_PREPS, setting_noun

TARGET_PREPS = frozenset(
    {"with", "against", "on", "to", "toward", "towards", "upon", "of", "for", "into"}
)
"""Prepositions that introduce a recipient when their object is an actor."""
VERB_TARGET_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "upon"})
"""The same for verb triggers ("of" and "for" name recipients only after nouns)."""
OBJECT_PREPS = frozenset({"to", "with", "on", "against", "at", "toward", "towards"})
"""Prepositions after a trigger's object that name the recipient ("sanctions on X", "a missile
towards X")."""
MEETING_PREPS = frozenset({"to", "with"})
"""Prepositions after a meeting noun that name the counterpart ("a trip to X", "talks with X")."""
CONTENT_OBJECT_PREPS = frozenset({"with", "from", "to", "for"})
"""The same when the object is the *content* of the act (a demand, an agreement, a
rejection, support: :data:`CONTENT_TYPES`): "sought talks *with X*", "demanded
guarantees *from X*", "pledged aid *to X*", "agreed on a loan *for X*"; in "urged
sanctions *on X*", "opposed
sanctions *against X*" X is
what the content concerns, not the one asked, agreed with or rejected."""
CONTENT_TYPES = frozenset({"REQUEST", "REJECT", "AGREE", "SUPPORT"})
TOPIC_PREP_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT"})
"""Types whose verb's *on* phrase is the topic ("cooperate on arms control"), not a recipient."""
"""Types whose direct object is a proposition rather than the thing done to someone."""
OWNED_PREPS = frozenset({"on", "against", "at", "to", "of"})
"""Prepositions whose phrase names what an act hits ("tariffs *on* its goods")."""
OWNER_PRONOUNS = frozenset({"its", "their"})
"""Possessive pronouns that may name the owner of what is hit."""
TERRITORY_PREPS = frozenset({"of", "on", "against", "into", "from"})
"""Prepositions after a trigger whose object is the region acted on."""


HARM_VERBS = frozenset(
    "kill wound injure destroy damage cripple decimate devastate wreck level flatten disable "
    "sink hit knock".split()
)
"""Verbs of harm done: an attack that is their subject harms their object ("X strikes
crippled Y's grid")."""
NEARNESS = frozenset({"close", "closer", "near", "nearer"})
"""Adverbs by which forces are moved up to someone ("*closer* to X's positions")."""
TENSION_NOUNS = frozenset(
    "tension standoff stand-off dispute row crisis confrontation feud spat friction".split()
)
"""Nouns of a conflict between states: a deployment made as or amid one *with* X is aimed
at X."""
TENSION_PREPS = frozenset({"amid", "amidst", "over", "after", "during"})
"""Prepositions of the circumstance a deployment is made in ("*amid* tensions with X")."""


class RecipientFinder:
    """Find who is acted on: the recipients of a verb or a nominal trigger.

    The actors a phrase names are read by ``actors``, the finder of who acts.
    """

    def __init__(self, actors: ActorFinder) -> None:
        self.actors = actors
        self.index = actors.index
        self.lexicon = actors.lexicon

    def verb_targets(
        self,
        verb: Token,
        sent: Span,
        object_preps: frozenset[str] = OBJECT_PREPS,
        verb_preps: frozenset[str] = VERB_TARGET_PREPS,
        clause_subjects: bool = True,
    ) -> list[str]:
        """Recipients of a verb trigger.

        ``object_preps``: prepositions after a non-actor object that name the recipient
        (:data:`OBJECT_PREPS`; a demand's object is its content, see
        :data:`CONTENT_OBJECT_PREPS`); ``verb_preps``: prepositions of the verb itself
        that do (:data:`VERB_TARGET_PREPS`; :data:`TOPIC_PREP_TYPES` read *on* as the topic);
        ``clause_subjects``: whether the subject of a complement clause is a recipient
        ("insisted that *Kyiv* withdraw"; not so for a topic: "discussed how X should act").
        """
        targets: list[str] = []
        named_object = any(
            c.dep_ in ("dobj", "obj") and self.index.is_actor(c) for c in verb.children
        )
        for child in verb.children:
            if named_object and child.dep_ in ("prep", "dative") and child.lower_ == "to":
                continue  # "invited X to Washington": with an actor as object, "to" is where
            if child.dep_ in ("dobj", "obj", "dative", "oprd"):
                found = self.actors.phrase_actors(child, sent)
                for thing in measured_by(verb, [child]) if not found else ():
                    # "$2bn in aid for X": the measured thing's phrase names the recipient
                    found += self.object_recipients(thing, sent, object_preps)
                if (
                    not found and child.lower_ == "what"
                ):  # "dismissed what she called an American plan"
                    found = [
                        a
                        for c in verb.children
                        if c.dep_ == "ccomp"
                        for o in c.children
                        if o.dep_ in ("oprd", "attr", "dobj") and o.i != child.i
                        for a in self.actors.phrase_actors(o, sent)
                    ]
                if not found:  # "canceled a trip to Saudi Arabia", "ended talks with X"
                    # "cancelled a trip to X": a meeting's counterpart is named whatever the act
                    meeting = "CONSULT" in self.lexicon.noun_types(child)
                    # "talks at X", "talks on the sidelines of X": where, not with whom
                    preps = MEETING_PREPS if meeting else object_preps
                    found = self.object_recipients(child, sent, preps)
                targets += found
            elif child.dep_ in ("prep", "prt") and child.lower_ in verb_preps | {"on"}:
                for pobj in child.children:
                    if pobj.dep_ != "pobj" or _third_party(pobj):
                        continue
                    named = (
                        self.actors.phrase_actors(pobj, sent) if child.lower_ in verb_preps else []
                    )
                    # "agreed on a loan for X", "did not agree to a truce with X": the phrase
                    # names a thing, and who it is with or for is named after it
                    targets += named or self.object_recipients(pobj, sent, object_preps)
            elif child.dep_ == "nsubjpass" and any(c.dep_ == "auxpass" for c in verb.children):
                targets += self.actors.phrase_actors(child, sent)
            elif child.dep_ == "ccomp" and clause_subjects:
                subs = list(child.children)
                if any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubj") for c in subs):
                    # free relative: "waved away what she called an American plan"
                    targets += [
                        a
                        for o in subs
                        if o.dep_ in ("oprd", "attr")
                        for a in self.actors.phrase_actors(o, sent)
                    ]
                    continue
                for sub in subs:
                    if sub.dep_ in ("nsubj", "nsubjpass"):
                        targets += self.actors.phrase_actors(sub, sent)
        misparsed = finite_modifier(verb)
        if misparsed is not None and sent.start <= misparsed[1].i < sent.end:
            # "X hosted Y" read as a noun phrase
            targets += self.actors.phrase_actors(misparsed[1], sent)
        return list(dict.fromkeys(targets))

    def request_targets(self, verb: Token, sent: Span) -> list[str]:
        """Addressees of a demand: who is asked, not whom the demanded thing concerns.

        "urged X to ...", "demanded that X ...", "sought guarantees from X". A
        participle that spells out another act ("influenced Kyiv, demanding ...")
        is addressed to that act's recipient.
        """
        targets = self.verb_targets(verb, sent, CONTENT_OBJECT_PREPS)
        targets += [
            a
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in ("from", "of")
            for g in p.children
            if g.dep_ == "pobj"
            for a in self.actors.phrase_actors(g, sent)
        ]
        if not targets and verb.dep_ == "advcl" and sent.start <= verb.head.i < sent.end:
            targets = self.verb_targets(verb.head, sent)
        return list(dict.fromkeys(targets))

    def owners(self, trigger: Token, sent: Span, sources: list[str]) -> list[str]:
        """Whose the thing acted on is, when a possessive pronoun says so.

        "Brazil protested after Washington imposed tariffs on *its* goods": a state
        does not impose tariffs on, strike or seize its own, so "its" / "their" in
        the object or in the *on / against / at / to* phrase names another party: the
        nearest actor of another state named before the pronoun in the sentence.
        """
        own = {self.index.country(a) for a in sources}
        heads = [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
        heads += [
            g
            for h in [trigger, *heads]
            for p in h.children
            if p.dep_ == "prep" and p.lower_ in OWNED_PREPS
            for g in p.children
            if g.dep_ == "pobj"
        ]
        pronouns = [
            c for h in heads for c in h.children if c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS
        ]
        out: list[str] = []
        for pronoun in pronouns:
            before = [
                (i, a)
                for i, actors in self.index.token_actors.items()
                if sent.start <= i < pronoun.i
                for a in actors
                if self.index.country(a) not in own
            ]
            if before:
                nearest = max(i for i, _ in before)
                out += [a for i, a in before if i == nearest]
        return list(dict.fromkeys(out))

    def harmed(self, noun: Token, sent: Span) -> list[str]:
        """Whom a nominal attack harms: the object of the verb of harm it is the subject of.

        "X drone attacks have crippled *Y's power grid*", "X shelling wounded *dozens of Y
        civilians*" (:data:`HARM_VERBS`).
        """
        verb = noun.head
        if noun.dep_ != "nsubj" or verb.lemma_.lower() not in HARM_VERBS:
            return []
        return [
            a
            for o in verb.children
            if o.dep_ in ("dobj", "obj") and sent.start <= o.i < sent.end
            for a in self.actors.phrase_actors(o, sent)
        ]

    def purpose_targets(self, trigger: Token, sent: Span) -> list[str]:
        """Whom an attack is aimed at, named by the object of its purpose clause.

        "launched an attack *to destroy X's bombers*", "sent drones *to hit X positions*":
        an infinitive on the trigger or on its object says what the attack is for, and
        the owner of what it is to hit is the one attacked.
        """
        holders = [trigger] + [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
        clauses = [
            c
            for h in holders
            for c in h.children
            if c.dep_ in ("advcl", "xcomp", "relcl", "acl") and to_infinitive(c)
        ]
        return list(
            dict.fromkeys(
                a
                for c in clauses
                for o in c.children
                if o.dep_ in ("dobj", "obj") and sent.start <= o.i < sent.end
                for a in self.actors.phrase_actors(o, sent)
            )
        )

    def approached(self, trigger: Token, sent: Span) -> list[str]:
        """Whom forces are moved up to: "moved artillery *closer to X's positions*".

        The *to* / *toward* phrase of an adverb of nearness on the trigger.
        """
        return list(
            dict.fromkeys(
                a
                for adv in trigger.children
                if adv.dep_ == "advmod" and adv.lemma_.lower() in NEARNESS
                for g in prep_objects(adv, ("to", "toward", "towards"))
                for a in self.actors.phrase_actors(g, sent)
            )
        )

    def tension_sides(self, trigger: Token, sent: Span) -> list[str]:
        """Whom a deployment is aimed at, named by the tension it answers.

        "deployed a carrier to the Gulf *as tensions with X rose*", "moved troops to the
        border *amid a standoff with X*": a clause of time or a phrase of circumstance on
        the trigger whose noun is a conflict (:data:`TENSION_NOUNS`) with an actor.
        """
        nouns = [
            c
            for clause in trigger.children
            if clause.dep_ == "advcl"
            for c in clause.children
            if c.dep_ in ("nsubj", "nsubjpass")
        ]
        nouns += prep_objects(trigger, TENSION_PREPS)
        return list(
            dict.fromkeys(
                a
                for n in nouns
                if n.lemma_.lower() in TENSION_NOUNS and sent.start <= n.i < sent.end
                for g in prep_objects(n, {"with"})
                for a in self.actors.phrase_actors(g, sent)
            )
        )

    def forum(self, trigger: Token, sent: Span) -> list[str]:
        """The body an act takes place in (lexicon ``forum``): whom a vote is cast before.

        PLOVER codes a vote against a resolution as REJECT of the body putting it to
        the vote: "voted against the resolution *at the General Assembly*", "during a
        *Security Council* vote, X voted against it". States are not forums ("a
        Russian vote"), so only other actors count.
        """
        heads = [trigger] + [
            g
            for c in trigger.children
            if c.dep_ in ("dobj", "prep")
            for g in ([c] if c.dep_ == "dobj" else c.children)
            if g.dep_ in ("dobj", "pobj")
        ]
        found = [
            a
            for head in heads
            for p in head.children
            if p.dep_ == "prep" and p.lower_ in ("at", "in", "before", "of")
            for g in p.children
            if g.dep_ == "pobj"
            for a in self.actors.phrase_actors(g, sent)
        ]
        found += [
            a
            for tok in sent
            if tok.lemma_ == trigger.lemma_ and tok.pos_ == "NOUN" and tok.i != trigger.i
            for a in self.actors.phrase_actors(tok, sent)
        ]
        return [a for a in dict.fromkeys(found) if not self.index.is_state(a)]

    def object_recipients(
        self, obj: Token, sent: Span, preps: frozenset[str] = OBJECT_PREPS
    ) -> list[str]:
        """Recipients named after a non-actor object.

        "a trip *to X*", "sanctions *on X*", "a round *of* talks *with X*", and a
        relative clause on the object: "the sanctions *it has aimed at X*".
        """
        heads = [obj, *measured(obj)] + [
            g
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]  # "$2 billion in aid to X": the measured thing's phrase
        found: list[str] = []
        for head in heads:
            holders = [head] + [c for c in head.children if c.dep_ == "relcl"]
            for holder in holders:
                for p in holder.children:
                    if p.dep_ == "prep" and p.lower_ in preps:
                        found += [
                            a
                            for g in p.children
                            if g.dep_ == "pobj"
                            for a in self.actors.phrase_actors(g, sent)
                        ]
        return list(dict.fromkeys(found))

    def territory_targets(self, trigger: Token, sent: Span) -> list[str]:
        """The state owning a region that is the trigger's object ("annexed Crimea" → UKR).

        Only regions listed in the lexicon's ``territories`` count; their state is
        admitted to the document's actors (:meth:`DocIndex.admit`): the region names it.
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
                if state is not None and self.index.admit(state):
                    found.append(state)
                    break
        return list(dict.fromkeys(found))

    def setting_partners(self, trigger: Token, sent: Span) -> list[str]:
        """The counterpart of the meeting an act was made in ("pledged ... during talks with X").

        A promise, demand or refusal made in a call or talks with someone is made to them.
        """
        verbs = [trigger] + [c for c in trigger.children if c.dep_ == "xcomp"]
        meetings = [
            g
            for v in verbs
            for p in v.children
            if p.dep_ == "prep" and p.lower_ in SETTING_PREPS
            for g in p.children
            if g.dep_ == "pobj" and setting_noun(g)
        ]
        return list(
            dict.fromkeys(
                a
                for m in meetings
                for p in m.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for g in p.children
                if g.dep_ == "pobj"
                for a in self.actors.phrase_actors(g, sent)
            )
        )

    def proposers(self, trigger: Token, sent: Span) -> list[str]:
        """Who put forward what the trigger accepts or rejects ("rejected the plan proposed by X").

        A proposal's author is the one its acceptance or rejection answers: the
        *by* phrase of a participle on the trigger's object, or on the trigger
        itself after a comma ("did not agree to a truce, long sought by X"), also
        through an infinitive ("refused to accept the offer made by X").
        """
        verbs = [trigger] + [c for c in trigger.children if c.dep_ == "xcomp"]
        holders = [c for v in verbs for c in v.children if c.dep_ in ("dobj", "obj")]
        holders += [
            g
            for v in verbs
            for p in v.children
            if p.dep_ == "prep"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        participles = [c for h in holders for c in h.children if c.dep_ == "acl"]
        participles += [c for v in verbs for c in v.children if c.dep_ == "advcl"]
        return list(
            dict.fromkeys(
                a
                for part in participles
                if part.tag_ == "VBN" and sent.start <= part.i < sent.end
                for by in part.children
                if by.dep_ == "agent"
                for g in by.children
                if g.dep_ == "pobj"
                for a in self.actors.phrase_actors(g, sent)
            )
        )

    def noun_args(
        self, noun: Token, sent: Span, mutual: bool = True, forum: bool = False
    ) -> tuple[list[str], list[str], bool]:
        """(actors, recipients, whether a forum was named) inside a nominal trigger's phrase.

        ``mutual`` says whether the type is reciprocal: a hyphenated pair ("U.S.-Russia
        talks") then codes the first as actor; for a one-way type ("the X-Y war") it
        gives no direction, so no actors. ``forum`` (lexicon): an organisation
        named as the noun's modifier is the body the act takes place in, its
        recipient ("the *NATO* summit", "a *Security Council* session"), not an actor.
        """
        sources: list[str] = []
        targets: list[str] = []
        of_actors: list[str] = []
        forum_found = False
        for child in _noun_dependents(noun):
            if child.dep_ == "poss" and child.pos_ == "PRON" and _fronted_frame(noun):
                continue  # "During his visit to X, Y said": the clause's subject visits
            if brokered(child):
                continue  # "US-brokered talks", "Turkey hosted talks" read as a noun phrase
            if child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
                named = self.actors.phrase_actors(child, sent)
                bodies = [a for a in named if forum and self.index.is_organization(a)]
                targets += bodies
                sources += [a for a in named if a not in bodies]
                forum_found = forum_found or bool(bodies)
            elif child.dep_ in ("prep", "agent") and child.lower_ == "between":
                parties = [
                    a
                    for g in child.children
                    if g.dep_ == "pobj"
                    for a in self.actors.phrase_actors(g, sent)
                ]
                sources += parties[:1]
                targets += parties[1:]
            elif child.dep_ == "prep" and child.lower_ == "from":
                sources += [
                    a
                    for g in child.children
                    if g.dep_ == "pobj"
                    for a in self.actors.phrase_actors(g, sent)
                ]
            elif child.dep_ == "prep" and child.lower_ == "of":
                of_actors += [
                    a
                    for g in child.children
                    if g.dep_ == "pobj"
                    for a in self.actors.phrase_actors(g, sent)
                ]
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                targets += [
                    a
                    for g in child.children
                    if g.dep_ == "pobj"
                    for a in self.actors.phrase_actors(g, sent)
                ]
        if of_actors:
            # "the invasion of X": X is acted on; "the incursion of X's drones into Y": with
            # another recipient named, the "of" phrase names who acts; "a meeting of X and
            # Y": the parties of a reciprocal act, the first named as actor
            if mutual and len(of_actors) > 1 and not (sources or targets):
                sources = of_actors[:1]
                targets += of_actors[1:]
            elif targets and not sources:
                sources = of_actors
            else:
                targets += of_actors
        if len(sources) > 1 and not targets:  # "U.S.-Russia talks"
            if not mutual and hyphen_pair(noun):
                # "the Russia-Ukraine war" names the belligerents, not who attacks whom
                return [], [], False
            sources, targets = sources[:1], sources[1:]
        return list(dict.fromkeys(sources)), list(dict.fromkeys(targets)), forum_found


def _noun_dependents(noun: Token) -> list[Token]:
    """A nominal trigger's dependents, with the *between* phrase of a participle on it.

    "meetings held in Geneva between X and Y officials": the parser hangs the
    parties on the participle that describes the meeting, not on the noun; the
    prepositions of a measure noun the trigger qualifies ("an aid *package for X*").
    """
    out = list(noun.children)
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in QUANTITY_NOUNS:
        # "an aid package for X", "a sanctions package against X": the phrase of the
        # measure the noun names the kind of
        out += [c for c in noun.head.children if c.dep_ == "prep"]
    for acl in noun.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            out += [
                c for c in acl.children if c.dep_ in ("prep", "agent") and c.lower_ == "between"
            ]
    return out


def _fronted_frame(noun: Token) -> bool:
    """Whether a nominal act sits in a phrase of time or place before its clause's subject.

    "*During his visit to X*, Y said ...": a fronted frame's possessive points
    forward to the subject of the clause it frames (cataphora).
    """
    cur = noun
    while cur.dep_ in ("pobj", "conj", "appos") and cur.head.i != cur.i:
        cur = cur.head
        if cur.dep_ == "prep":
            break
    if cur.dep_ != "prep" or cur.head.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i > noun.i for c in cur.head.children)


THIRD_PARTY_ROLES = frozenset(
    {"host", "mediator", "intermediary", "observer", "guarantor", "chair", "facilitator"}
)
"""Roles of a third party at a meeting ("with X as host"): the place or broker, not a side."""


def _third_party(pobj: Token) -> bool:
    """Whether a *with* object is given a third party's role ("met, with X as host").

    The *as* phrase may hang on the object or, as the parser often has it, on the
    verb right after the object's phrase.
    """
    if pobj.head.lower_ != "with":
        return False
    verb = pobj.head.head
    roles = [
        p
        for p in [*pobj.children, *verb.children]
        if p.dep_ == "prep" and p.lower_ == "as" and p.i == pobj.right_edge.i + 1
    ]
    return any(
        g.dep_ == "pobj" and g.lemma_.lower() in THIRD_PARTY_ROLES
        for p in roles
        for g in p.children
    )
