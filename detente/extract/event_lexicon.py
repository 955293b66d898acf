"""Trigger lexicon of the PLOVER event coder: which words code which event.

The words live in package data (``detente/extract/data/event_lexicon.json``),
not in code, so an analyst can extend the coder without touching Python. Each
entry maps a lemma (verb or noun) with optional syntactic conditions to a PLOVER
type and mode; :meth:`Lexicon.match` checks the conditions on a parsed token.

Conditions an entry may carry (all optional):

``prep`` / ``prt``
    The trigger must govern one of these prepositions / particles ("vote
    *against*", "brush *off*", "call *on*").
``object`` / ``not_object``
    The direct object's lemma must (not) be one of these ("impose *sanctions*",
    "lift *sanctions*" → CONCEDE, "strike a *deal*" is not an attack).
``object_actor``
    The direct object must be an actor mention ("called Putin" is a call,
    "called it a success" is not).
``not_prep`` / ``not_dep``
    Exclusions by governed preposition or by the trigger's own dependency label.
``light`` (nouns)
    A noun codes an event only when an actor sits inside its phrase ("Russia's
    invasion", "a call between X and Y") or it is the object of one of these
    "light" verbs whose subject is the actor ("held talks"); an empty list
    demands an actor inside; absent means ``default_light_verbs``.
``modifier`` (nouns)
    The noun must carry an amod/compound/nmod with one of these lemmas ("*joint*
    exercises").
``reverse``
    The grammatical subject is the recipient ("X hosted Y": Y visits X).
``mutual``
    A conjoined subject acts on each other ("X and Y exchanged prisoners"
    codes X→Y and Y→X).
``forum``
    Without an actor as recipient, the body the act takes place in is the
    recipient ("voted against the text *at the General Assembly*").
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from detente.errors import InputError
from detente.extract.plover import DATA_DIR, load_ontology

_CONDITIONS = {
    "prep",
    "prt",
    "object",
    "not_object",
    "object_actor",
    "not_prep",
    "not_dep",
    "light",
    "modifier",
    "reverse",
    "mutual",
    "forum",
}
_QUANTITY_NOUNS = {"raft", "round", "series", "set", "number", "wave", "package", "batch"}


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One lexicon entry."""

    lemma: str
    """Lower-case lemma of the trigger word."""
    pos: str
    """``VERB`` or ``NOUN``."""
    type: str
    """PLOVER event type coded."""
    mode: str | None = None
    """PLOVER mode coded, if the word makes it clear."""
    prep: frozenset[str] = frozenset()
    """Prepositions the trigger must govern (any one)."""
    prt: frozenset[str] = frozenset()
    """Particles the trigger must govern (any one)."""
    object: frozenset[str] = frozenset()
    """Lemmas the direct object must have (any one)."""
    not_object: frozenset[str] = frozenset()
    """Object lemmas that cancel the rule."""
    object_actor: bool = False
    """Whether the object must be an actor mention."""
    not_prep: frozenset[str] = frozenset()
    """Prepositions or particles that cancel the rule."""
    not_dep: frozenset[str] = frozenset()
    """Dependency labels of the trigger that cancel the rule."""
    light: frozenset[str] | None = None
    """Nouns: light verbs that may carry it; None means the lexicon default."""
    modifier: frozenset[str] = frozenset()
    """Nouns: modifier lemmas the noun must carry (any one)."""
    reverse: bool = False
    """Subject is the recipient, not the actor."""
    mutual: bool = False
    """A conjoined subject acts on each other ("X and Y exchanged prisoners": X→Y and Y→X)."""
    forum: bool = False
    """Without an actor recipient, the body where the act takes place is the recipient."""


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
        for rule in candidates:
            if _holds(rule, token, is_actor):
                return rule
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


def _holds(rule: TriggerRule, token: Token, is_actor: Callable[[Token], bool]) -> bool:
    children = list(token.children)
    # A verb's particle or selected preposition follows it closely ("call on X", "vote
    # against"); a later "on Wednesday" is an adjunct, not "call on".
    preps = {
        c.lower_ for c in children if c.dep_ in ("prep", "prt", "agent") and 0 < c.i - token.i <= 2
    }
    if rule.prep and not (rule.prep & preps):
        return False
    if rule.prt and not (
        rule.prt & {c.lower_ for c in children if c.dep_ in ("prt", "advmod", "prep")}
    ):
        return False
    if rule.not_prep & preps or token.dep_ in rule.not_dep:
        return False
    if rule.not_dep & {c.dep_ for c in children}:
        return False
    objects = [c for c in children if c.dep_ in ("dobj", "obj")]
    if any(c.dep_ == "auxpass" for c in children):
        objects += [c for c in children if c.dep_ == "nsubjpass"]
    if token.dep_ == "relcl" and all(o.lower_ in ("that", "which") for o in objects):
        objects.append(token.head)  # "the sanctions (that) Washington imposed on Moscow"
    obj_lemmas = {o.lemma_.lower() for o in objects}
    for o in objects:  # "a raft of sanctions", "a new round of talks", "$2 billion in aid"
        if o.lemma_.lower() in _QUANTITY_NOUNS or o.pos_ == "NUM":
            obj_lemmas |= {
                g.lemma_.lower() for p in o.children if p.dep_ == "prep" for g in p.children
            }
    if rule.object and not (rule.object & obj_lemmas):
        return False
    if rule.not_object & obj_lemmas:
        return False
    if rule.object_actor and not any(is_actor(o) for o in objects):
        return False
    if rule.modifier and not (
        rule.modifier
        & {c.lemma_.lower() for c in children if c.dep_ in ("amod", "compound", "nmod")}
    ):
        return False
    return True


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
            unknown = set(row) - _CONDITIONS - {"lemma", "type", "mode"}
            if unknown:
                raise InputError(origin, f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
            if "lemma" not in row or "type" not in row:
                raise InputError(origin, f"{where}: needs 'lemma' and 'type'")
            if row["type"] not in ontology:
                raise InputError(origin, f"{where}: {row['type']!r} is not a PLOVER type")
            if not ontology.is_mode(row["type"], row.get("mode")):
                raise InputError(origin, f"{where}: {row['type']} has no mode {row.get('mode')!r}")
            light = row.get("light")
            rule = TriggerRule(
                lemma=str(row["lemma"]).lower(),
                pos=pos,
                type=row["type"],
                mode=row.get("mode"),
                light=None if light is None else frozenset(light),
                object_actor=bool(row.get("object_actor", False)),
                reverse=bool(row.get("reverse", False)),
                mutual=bool(row.get("mutual", False)),
                forum=bool(row.get("forum", False)),
                **{
                    k: frozenset(row.get(k, ()))
                    for k in (
                        "prep",
                        "prt",
                        "object",
                        "not_object",
                        "not_prep",
                        "not_dep",
                        "modifier",
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
        bool(x) for x in (rule.prep, rule.prt, rule.object, rule.object_actor, rule.modifier)
    )


@cache
def load_lexicon() -> Lexicon:
    """The trigger lexicon shipped with detente (read once, then cached)."""
    path = DATA_DIR / "event_lexicon.json"
    return parse_lexicon(json.loads(path.read_text(encoding="utf-8")), origin=str(path))
