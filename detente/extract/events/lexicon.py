"""Trigger lexicon of the PLOVER event coder: which words code which event.

The words live in package data, not in code, so an analyst can extend the
coder without touching Python: ``detente/extract/data/event_lexicon.json`` holds
the hand-written entries, ``event_lexicon_cameo.json`` the entries generated
from the CAMEO verb dictionary through the CAMEO→PLOVER table
(``tools/build_event_lexicon.py``; attribution in the file). Each entry maps a
lemma (verb or noun) with optional syntactic conditions to a PLOVER type and
mode; :meth:`Lexicon.match` checks the conditions on a parsed token. For a
lemma, hand-written entries are tried before generated ones (the most specific
first within each file), so a hand entry shadows the generated ones wherever
it applies.

An entry whose ``type`` is null says that this use of the word is *not* an
event ("face a run-off"): when it is the first entry that holds, the token
codes nothing.

Conditions an entry may carry (all optional):

``prep`` / ``prt``
    The trigger must govern one of these prepositions / particles ("vote
    *against*", "brush *off*", "call *on*").
``prep_object``
    With ``prep``: the object of that preposition must have one of these lemmas
    ("call *for* a *ceasefire*", "meet *by telephone*"); with ``prt`` too, the
    preposition may hang on the particle ("pulled out *of* the *talks*").
``object`` / ``not_object``
    The direct object's lemma must (not) be one of these ("impose *sanctions*",
    "lift *sanctions*" → CONCEDE, "strike a *deal*" is not an attack).
``object_modifier``
    The direct object must carry a modifier with one of these lemmas ("give
    *humanitarian* aid", "launch an *air* strike").
``clause``
    The trigger must govern an infinitival complement ("*offered to* host
    talks", not "offers an approach").
``object_type``
    The direct object must be a word the lexicon codes as a noun of this PLOVER
    type ("cancelled a *visit*", "scrapped the *summit*": any meeting noun).
``object_actor``
    The direct object must be an actor mention ("called Putin" is a call,
    "called it a success" is not).
``prep_actor``
    With ``prep``: the object of that preposition must be an actor mention
    ("spoke *to Putin*" is a conversation, "spoke to the media" is not).
``subject``
    The subject's lemma must be one of these ("*troops* clashed with X" is a
    fight, a leader who "clashed with" another argued with him); in the passive
    the *by* phrase counts as the subject ("was hit *by drones*").
``not_prep`` / ``not_dep``
    Exclusions by governed preposition or by the trigger's own dependency label.
``light`` (nouns)
    A noun codes an event only when an actor sits inside its phrase ("Russia's
    invasion", "a call between X and Y") or it is the object of one of these
    "light" verbs whose subject is the actor ("held talks"); an empty list
    demands an actor inside; absent means ``default_light_verbs``.
``governor`` (nouns)
    The noun must be the object of one of these verbs ("*declared* a ceasefire"
    is a concession, "*observed* a ceasefire" a retreat).
``modifier`` (nouns)
    The noun must carry an amod/compound/nmod with one of these lemmas ("*joint*
    exercises").
``reverse``
    The grammatical subject is the recipient ("X hosted Y": Y visits X).
``reciprocal``
    A conjoined subject with no recipient acts with each other, the first
    named as actor ("X and Y signed an accord"), as for the lexicon's
    ``reciprocal_types``.
``mutual``
    A conjoined subject acts on each other ("X and Y exchanged prisoners"
    codes X→Y and Y→X).
``forum``
    Without an actor as recipient, the body the act takes place in is the
    recipient ("voted against the text *at the General Assembly*").
``own_act``
    The trigger must govern a complement clause in which its own subject,
    restated as a pronoun, *will*, *would* or *could* act ("warned that it
    would respond": a warning of one's own act is a threat; "warned that the
    war could spread" is not).
``why`` (no condition)
    The reason for a hand-written entry: what the word does in news that the
    generated entries miss or get wrong.
``negated``
    The PLOVER type the negated act is ("did *not agree* to a ceasefire",
    "will *not accept*": REJECT); without it a negated trigger codes nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Token

from detente.errors import InputError
from detente.extract.plover import DATA_DIR, load_ontology

_CONDITIONS = {
    "prep",
    "prt",
    "prep_object",
    "object",
    "object_modifier",
    "object_type",
    "clause",
    "not_object",
    "object_actor",
    "prep_actor",
    "not_prep",
    "not_dep",
    "light",
    "modifier",
    "governor",
    "reverse",
    "reciprocal",
    "mutual",
    "forum",
    "own_act",
    "negated",
    "subject",
}
QUANTITY_NOUNS = frozenset(
    "raft round series set number wave package batch tranche billion million trillion "
    "thousand hundred dozen dollar euro pound amount sum worth load planeload shipload truckload "
    "tonne ton".split()
)
"""Nouns that count or measure their *of*/*in* complement, which is then the real object
("a raft of sanctions", "billions of dollars in aid", "two planeloads of supplies")."""


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One lexicon entry."""

    lemma: str
    """Lower-case lemma of the trigger word."""
    pos: str
    """``VERB`` or ``NOUN``."""
    type: str | None
    """PLOVER event type coded; None for a use of the word that is not an event."""
    mode: str | None = None
    """PLOVER mode coded, if the word makes it clear."""
    prep: frozenset[str] = frozenset()
    """Prepositions the trigger must govern (any one)."""
    prt: frozenset[str] = frozenset()
    """Particles the trigger must govern (any one)."""
    prep_object: frozenset[str] = frozenset()
    """Lemmas the object of the required preposition must have (any one)."""
    object: frozenset[str] = frozenset()
    """Lemmas the direct object must have (any one)."""
    object_modifier: frozenset[str] = frozenset()
    """Modifier lemmas the direct object must carry (any one)."""
    object_type: str | None = None
    """PLOVER type the direct object must name as a noun of the lexicon."""
    clause: bool = False
    """Whether the trigger must govern an infinitival complement."""
    not_object: frozenset[str] = frozenset()
    """Object lemmas that cancel the rule."""
    subject: frozenset[str] = frozenset()
    """Lemmas the grammatical subject must have (any one)."""
    object_actor: bool = False
    """Whether the object must be an actor mention."""
    prep_actor: bool = False
    """Whether the object of the required preposition must be an actor mention."""
    not_prep: frozenset[str] = frozenset()
    """Prepositions or particles that cancel the rule."""
    not_dep: frozenset[str] = frozenset()
    """Dependency labels of the trigger that cancel the rule."""
    light: frozenset[str] | None = None
    """Nouns: light verbs that may carry it; None means the lexicon default."""
    modifier: frozenset[str] = frozenset()
    """Nouns: modifier lemmas the noun must carry (any one)."""
    governor: frozenset[str] = frozenset()
    """Nouns: lemmas of the verb the noun must be the object of (any one)."""
    reverse: bool = False
    """Subject is the recipient, not the actor."""
    reciprocal: bool = False
    """A conjoined subject with no recipient acts with each other (first named as actor)."""
    mutual: bool = False
    """A conjoined subject acts on each other ("X and Y exchanged prisoners": X→Y and Y→X)."""
    forum: bool = False
    """Without an actor recipient, the body where the act takes place is the recipient."""
    own_act: bool = False
    """Whether the trigger must announce an act of its own subject in a complement clause."""
    negated: str | None = None
    """PLOVER type of the negated act ("did not agree" is REJECT), if it has one."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Trigger rules indexed by (part of speech, lemma)."""

    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]
    """(``VERB``/``NOUN``, lemma) → candidate rules, most specific first."""
    reciprocal_types: frozenset[str]
    """Types whose conjoined subject "X and Y" codes X as actor and Y as recipient."""
    light_verbs: frozenset[str]
    """Default light verbs that carry a nominal trigger ("hold talks")."""
    territories: dict[str, str] = field(default_factory=dict)
    """Lower-case name of a region → actor id of the state it belongs to ("crimea" → UKR):
    the recipient of an attack on, or seizure of, the region (see ``territories`` in the JSON)."""

    def match(self, token: Token, is_actor: Callable[[Token], bool]) -> TriggerRule | None:
        """The first rule whose conditions hold for ``token``, or None.

        None also when the first rule that holds is a null rule (a use of the
        word known not to be an event).

        Args:
            token: a parsed token (needs lemma, POS and dependency parse).
            is_actor: whether a token lies inside an actor mention.
        """
        pos = (
            "VERB"
            if token.pos_ in ("VERB", "AUX")
            else "NOUN"
            if token.pos_ in ("NOUN", "PROPN")
            else ""
        )
        candidates = self.rules.get((pos, _lemma(token)), ())
        if not candidates:
            return None
        found = _Found(token)
        for rule in candidates:
            if rule.object_type and not any(
                rule.object_type in self.noun_types(o) for o in found.objects
            ):
                continue
            if _holds(rule, token, found, is_actor):
                return rule if rule.type is not None else None
        return None

    def noun_types(self, token: Token) -> frozenset[str]:
        """Event types the token could name as a noun ("talks" -> CONSULT), conditions aside.

        For nouns that frame a trigger rather than trigger themselves: the meeting in
        "during meetings at the Kremlin", the object of "cancelled a trip to X".
        """
        return frozenset(r.type for r in self.rules.get(("NOUN", _noun_key(token)), ()))


def _lemma(token: Token) -> str:
    return _noun_key(token) if token.pos_ in ("NOUN", "PROPN") else token.lemma_.lower()


def _noun_key(token: Token) -> str:
    """Lexicon key of a noun: its lemma, but "talks" stays plural (the lemma "talk" is a speech)."""
    return "talks" if token.lower_ == "talks" else token.lemma_.lower()


class _Found:
    """What a token governs, read once for all the rules of its lemma."""

    __slots__ = (
        "children",
        "near",
        "particles",
        "objects",
        "predicates",
        "object_lemmas",
        "clause",
        "modifiers",
    )

    def __init__(self, token: Token) -> None:
        children = list(token.children)
        self.children = children
        # A verb's particle or selected preposition follows it closely ("call on X", "vote
        # against"); a later "on Wednesday" is an adjunct, not "call on".
        self.near = {
            c.lower_
            for c in children
            if c.dep_ in ("prep", "prt", "agent") and 0 < c.i - token.i <= 2
        }
        self.particles = {c.lower_ for c in children if c.dep_ in ("prt", "advmod", "prep")}
        objects = [c for c in children if c.dep_ in ("dobj", "obj")]
        if any(c.dep_ == "auxpass" for c in children):
            objects += [c for c in children if c.dep_ == "nsubjpass"]
        if token.dep_ in ("relcl", "acl") and all(o.lower_ in ("that", "which") for o in objects):
            objects.append(token.head)  # "the sanctions (that) Washington imposed on Moscow"
        objects += measured_by(token, objects)  # "a raft of sanctions", "$2 billion in aid"
        self.objects = objects
        # "called the tariffs *unfair*": the predicate of the object is matched like an object
        self.predicates = {c.lemma_.lower() for c in children if c.dep_ == "oprd"}
        self.object_lemmas = {o.lemma_.lower() for o in objects} | self.predicates
        self.clause = any(c.dep_ == "xcomp" for c in children)
        self.modifiers: set[str] | None = None

    def object_modifiers(self) -> set[str]:
        """Lemmas of the modifiers of the direct object(s)."""
        if self.modifiers is None:
            # the word as written too: the lemmatiser mangles some -ing modifiers
            # ("firefighting" → "firefighte")
            self.modifiers = {
                form
                for o in self.objects
                for c in o.children
                if c.dep_ in ("amod", "compound", "nmod")
                for form in (c.lemma_.lower(), c.lower_)
            }
        return self.modifiers


def measured_by(verb: Token, objects: list[Token]) -> list[Token]:
    """What the verb's measure or count objects measure, there or in the verb's *in* phrase.

    "a raft *of sanctions*", "billions of dollars *in aid*" (the *in* phrase may hang
    on the noun or, as the parser often has it, on the verb).
    """
    out: list[Token] = []
    for o in objects:
        out += measured(o)
    if any(_is_measure(o) for o in objects):
        out += [
            g
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ == "in"
            for g in p.children
            if g.dep_ == "pobj"
        ]
    return out


def _is_measure(tok: Token) -> bool:
    return tok.lemma_.lower() in QUANTITY_NOUNS or tok.pos_ == "NUM"


def measured(obj: Token, depth: int = 2) -> list[Token]:
    """What a measure or count noun measures: "billions *of* dollars *in* aid" → dollars, aid."""
    if depth == 0 or not _is_measure(obj):
        return []
    out: list[Token] = []
    for p in obj.children:
        if p.dep_ == "prep" and p.lower_ in ("of", "in", "worth"):
            for g in p.children:
                if g.dep_ == "pobj":
                    out += [g, *measured(g, depth - 1)]
    return out


def _holds(
    rule: TriggerRule, token: Token, found: _Found, is_actor: Callable[[Token], bool]
) -> bool:
    if rule.prep:
        if rule.prep_object:
            # the preposition may hang on the verb's particle ("pulled out *of* the talks")
            heads = found.children + [
                g for c in found.children if c.lower_ in rule.prt for g in c.children
            ]
            if not any(
                c.dep_ in ("prep", "agent")
                and c.lower_ in rule.prep
                and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in rule.prep_object for g in c.children
                )
                for c in heads
            ):
                return False
        elif not (rule.prep & found.near or _prep_to_actor(rule.prep, found, is_actor)):
            return False
        if rule.prep_actor and not any(
            c.dep_ in ("prep", "agent")
            and c.lower_ in rule.prep
            and any(g.dep_ == "pobj" and is_actor(g) for g in c.children)
            for c in found.children
        ):
            return False
    if rule.prt and not (rule.prt & found.particles):
        return False
    if rule.not_prep & found.near or token.dep_ in rule.not_dep:
        return False
    if rule.not_dep and rule.not_dep & {c.dep_ for c in found.children}:
        return False
    if rule.object and not (rule.object & found.object_lemmas):
        return False
    if found.predicates and not (rule.object & found.predicates):
        return False  # "called the meeting a success": a naming, coded only by what it names
    if rule.clause and not found.clause:
        return False
    if rule.not_object & found.object_lemmas:
        return False
    if rule.object_modifier and not (rule.object_modifier & found.object_modifiers()):
        return False
    if rule.object_actor and not any(is_actor(o) for o in found.objects):
        return False
    if rule.modifier and not (rule.modifier & _noun_modifiers(token)):
        return False
    if rule.governor and _verb_of(token).lemma_.lower() not in rule.governor:
        return False
    if rule.own_act and not _announces_own_act(token, found):
        return False
    if rule.subject:
        subjects = [c for c in found.children if c.dep_ in ("nsubj", "nsubjpass")]
        # the passive's by-phrase is who acts ("was hit *by drones*")
        subjects += [g for c in found.children if c.dep_ == "agent" for g in c.children]
        subjects += [m for c in subjects for m in measured(c)]  # "thousands of protesters"
        if not any(c.lemma_.lower() in rule.subject for c in subjects):
            return False
    return True


def _prep_to_actor(preps: frozenset[str], found: _Found, is_actor: Callable[[Token], bool]) -> bool:
    """Whether the trigger governs one of ``preps`` with an actor as its object, however far.

    A verb's selected preposition follows it closely, except when an object comes
    between ("exported record amounts of grain *to X*", "handed a suspect over *to
    X*"); a phrase whose object is an actor is an argument, not an adjunct of time.
    """
    return any(
        c.dep_ in ("prep", "dative")
        and c.lower_ in preps
        and any(g.dep_ == "pobj" and is_actor(g) for g in c.children)
        for c in found.children
    )


_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


def _noun_modifiers(noun: Token) -> set[str]:
    """Lemmas of a noun's modifiers, and of its compounds' modifiers.

    In "*joint* air force drills" the parser may hang the adjective on the first noun of
    the compound.
    """
    out: set[str] = set()
    for c in noun.children:
        if c.dep_ in _MODIFIER_DEPS:
            out.add(c.lemma_.lower())
            if c.dep_ == "compound":
                out |= {g.lemma_.lower() for g in c.subtree if g.dep_ in _MODIFIER_DEPS}
    return out


_RESTATED = frozenset({"he", "she", "it", "they", "we", "i"})
"""Pronouns by which a complement clause restates the subject of the verb that governs it."""
_PROSPECTIVE = frozenset({"will", "would", "could", "shall", "might", "wo", "'ll", "'d"})
"""Auxiliaries of an act announced rather than reported."""


def _announces_own_act(token: Token, found: _Found) -> bool:
    """Whether ``token`` governs "that <pronoun> will/would/could <act>" and has a subject."""
    if not any(c.dep_ == "nsubj" for c in found.children):
        return False
    for clause in found.children:
        if clause.dep_ != "ccomp":
            continue
        kids = list(clause.children)
        if any(c.dep_ == "nsubj" and c.lower_ in _RESTATED for c in kids) and any(
            c.dep_ == "aux" and c.lower_ in _PROSPECTIVE for c in kids
        ):
            return True
    return False


def _verb_of(noun: Token) -> Token:
    """The verb a noun is the object of ("declared a truce" → declared), else the noun."""
    cur = noun
    while cur.dep_ in ("conj", "appos") and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ in ("dobj", "obj", "nsubjpass", "attr") and cur.head.pos_ in ("VERB", "AUX"):
        return cur.head
    return noun


def parse_lexicon(data: dict, *, origin: str = "event_lexicon.json") -> Lexicon:
    """Build a :class:`Lexicon` from its JSON layout, checking types and modes against PLOVER.

    Raises:
        InputError: naming ``origin``, the entry and the problem.
    """
    ontology = load_ontology()
    rules: dict[tuple[str, str], list[TriggerRule]] = defaultdict(list)
    for section, pos in (("verbs", "VERB"), ("nouns", "NOUN")):
        for i, row in enumerate(data.get(section, [])):
            where = f"{section}[{i}]"
            unknown = set(row) - _CONDITIONS - {"lemma", "type", "mode", "why"}
            if unknown:
                raise InputError(origin, f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
            if "lemma" not in row or "type" not in row:
                raise InputError(origin, f"{where}: needs 'lemma' and 'type'")
            if row["type"] is None:
                if row.get("mode"):
                    raise InputError(origin, f"{where}: a null entry has no mode")
            elif row["type"] not in ontology:
                raise InputError(origin, f"{where}: {row['type']!r} is not a PLOVER type")
            elif not ontology.is_mode(row["type"], row.get("mode")):
                raise InputError(origin, f"{where}: {row['type']} has no mode {row.get('mode')!r}")
            for key in ("negated", "object_type"):
                if row.get(key) is not None and row[key] not in ontology:
                    raise InputError(origin, f"{where}: {key} {row[key]!r} is not a PLOVER type")
            light = row.get("light")
            rule = TriggerRule(
                lemma=str(row["lemma"]).lower(),
                pos=pos,
                type=row["type"],
                mode=row.get("mode"),
                light=None if light is None else frozenset(light),
                object_actor=bool(row.get("object_actor", False)),
                prep_actor=bool(row.get("prep_actor", False)),
                reverse=bool(row.get("reverse", False)),
                reciprocal=bool(row.get("reciprocal", False)),
                mutual=bool(row.get("mutual", False)),
                forum=bool(row.get("forum", False)),
                negated=row.get("negated"),
                object_type=row.get("object_type"),
                clause=bool(row.get("clause", False)),
                own_act=bool(row.get("own_act", False)),
                **{
                    k: frozenset(row.get(k, ()))
                    for k in (
                        "prep",
                        "prt",
                        "prep_object",
                        "object",
                        "object_modifier",
                        "not_object",
                        "not_prep",
                        "not_dep",
                        "modifier",
                        "governor",
                        "subject",
                    )
                },
            )
            rules[(pos, rule.lemma)].append(rule)
    ordered = {k: tuple(sorted(v, key=_specificity, reverse=True)) for k, v in rules.items()}
    return Lexicon(
        rules=ordered,
        reciprocal_types=frozenset(data.get("reciprocal_types", ())),
        light_verbs=frozenset(data.get("default_light_verbs", ())),
        territories=_territories(data.get("territories", {}), origin),
    )


def _territories(data: object, origin: str) -> dict[str, str]:
    """``{state id: [region names]}`` → ``{lower-case region name: state id}``."""
    if not isinstance(data, dict):
        raise InputError(origin, "territories: must map a state id to a list of region names")
    out: dict[str, str] = {}
    for state, names in data.items():
        if state == "about":
            continue
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise InputError(origin, f"territories[{state!r}]: must be a list of region names")
        for name in names:
            out[name.lower()] = state
    return out


def _specificity(rule: TriggerRule) -> int:
    # Conditioned entries ("call on" → REQUEST) are tried before bare ones ("call").
    return sum(
        bool(x)
        for x in (
            rule.prep,
            rule.prt,
            rule.prep_object,
            rule.object,
            rule.object_modifier,
            rule.object_type,
            rule.clause,
            rule.object_actor,
            rule.prep_actor,
            rule.modifier,
            rule.governor,
            rule.own_act,
            rule.subject,
        )
    )


def combine(primary: Lexicon, secondary: Lexicon) -> Lexicon:
    """One lexicon that tries ``primary``'s rules for a lemma before ``secondary``'s.

    For a lemma ``primary`` has entries for, ``secondary``'s entries without
    conditions are dropped: ``primary`` decides what the bare word codes, so its
    exclusions ("ask" in a reported question, "call it a success") are not undone
    by a fallback. A ``secondary`` verb entry whose object is a noun ``primary``
    codes as the same type ("hold *talks*", "launch an *attack*"), or which is one
    of that noun's light verbs ("expand *cooperation*"), leaves that object to the
    noun, which reads its own modifiers and prepositions ("talks *with X*").
    Everything but the rules (reciprocal types, light verbs, territories) is
    ``primary``'s.
    """
    rules = dict(primary.rules)
    for key, more in secondary.rules.items():
        if key in rules:
            more = tuple(r for r in more if _specificity(r))
        if key[0] == "VERB":
            more = tuple(r for r in (_left_to_nouns(r, primary) for r in more) if r)
        rules[key] = rules.get(key, ()) + more
    return replace(primary, rules=rules)


def _left_to_nouns(rule: TriggerRule, nouns: Lexicon) -> TriggerRule | None:
    """``rule`` without the objects that ``nouns`` codes itself (see :func:`combine`).

    None when no object is left.
    """
    if not rule.object:
        return rule
    kept = frozenset(
        o
        for o in rule.object
        if not any(
            n.type == rule.type or rule.lemma in (n.light or nouns.light_verbs)
            for key in {o, "talks" if o == "talk" else o}  # "talks" is keyed in the plural
            for n in nouns.rules.get(("NOUN", key), ())
        )
    )
    if kept == rule.object:
        return rule
    return replace(rule, object=kept) if kept else None


HAND_WRITTEN = "event_lexicon.json"
"""The hand-written entries (package data)."""
GENERATED = "event_lexicon_cameo.json"
"""The entries generated from CAMEO by ``tools/build_event_lexicon.py`` (package data)."""


@cache
def load_lexicon() -> Lexicon:
    """The trigger lexicon shipped with detente: hand-written entries first, then CAMEO's.

    Read once, then cached.
    """
    lexicons = []
    for name in (HAND_WRITTEN, GENERATED):
        path = DATA_DIR / name
        lexicons.append(
            parse_lexicon(json.loads(path.read_text(encoding="utf-8")), origin=str(path))
        )
    return combine(*lexicons)
