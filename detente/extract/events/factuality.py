"""Factuality of a trigger's clause: did the act happen, will it, or is it only talked about?

The
coder keeps *reported facts* (PLOVER codes what happened) and, from PLOVER's
AGREE and THREATEN, *stated commitments*: an actor saying that it will do
something.

:func:`obstacles` reads the clause of a trigger (the trigger and its heads up to
the first verb with a subject of its own) and names what keeps it from being
a reported fact:

``future``
    a future auxiliary (will, 'll, shall) or "going to";
``would``
    *would*: the future in the past under a verb of saying ("said it would"),
    a hypothetical elsewhere;
``ready``
    an adjective of readiness or schedule over it ("is ready to meet", "is set
    to sign", "is due to travel"), or an opening made for it ("opened the door
    to talks", "paved the way for a withdrawal");
``modal``
    another modal (could, may, might, should, can, must);
``negated``
    a negation ("did not meet", "no talks", "neither ... nor");
``conditional``
    *if* / *unless* / *whether* on the clause or on the clause it depends on;
``hedged``
    a hedge (likely, possibly, perhaps, probably);
``standing``
    a nominal trigger that is the subject of a lasting state ("cooperation with
    X has long been close", "trade with X remains strong"): a standing condition;
``planned``
    a verb of plan over it ("plans to visit", "intends to sign"), or a
    modifier that says a nominal act is scheduled ("the planned visit", "his
    upcoming meeting") and not called off: a stated plan, which like the
    future is a commitment when the actor states it;
``intended``
    a verb or adjective of expectation or intent over it ("expected to meet",
    "hopes to sign", "eager to visit"), or a purpose clause ("to prepare
    for a summit, ...");
``unrealised``
    a modifier saying a nominal act has not happened ("a potential summit");
``generic``
    a plural nominal act counted vaguely ("multiple agreements", "numerous
    deals"): a background trend, not a specific action;
``denied``
    a verb of denial over it ("denied attacking");
``failed``
    a verb of failure over it ("failed to agree", "refrained from attacking").

:func:`is_factual` is "no obstacle". The negation rule is deliberately strict:
"didn't set a date" is the absence of an action, so it is not an event.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.extract.events.parse import to_infinitive

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
"""Auxiliaries of the future ("wo" is the first half of "won't")."""
MODALS = frozenset({"could", "may", "might", "should", "can", "must"})
"""Auxiliaries that make a clause a possibility or an obligation, not a reported fact."""
HEDGES = frozenset(
    {"likely", "possibly", "perhaps", "probably", "maybe", "potentially", "unlikely"}
)
"""Adverbs that make a clause speculation."""
CONDITIONALS = frozenset({"if", "unless", "whether"})
"""Subordinators of conditions and indirect questions."""
INTENT_VERBS = frozenset(
    {
        "expect",
        "hope",
        "want",
        "plan",
        "intend",
        "aim",
        "wish",
        "prepare",
        "consider",
        "try",
        "seek",
        "attempt",
        "need",
        "like",
        "love",
        "prefer",
        "set",
        "schedule",
        "threaten",
        "refuse",
        "propose",
        "offer",
        "promise",
        "pledge",
        "vow",
    }
)
"""Verbs whose infinitival complement has not (yet) happened ("plans to visit")."""
PLAN_VERBS = frozenset({"plan", "intend"})
"""Verbs whose infinitival complement is a stated plan of the subject ("plans to visit")."""
READY_ADJECTIVES = frozenset(
    {"ready", "willing", "prepared", "set", "due", "scheduled", "amenable"}
)
"""Adjectives of readiness or schedule: their complement is a stated commitment or plan."""
INTENT_ADJECTIVES = frozenset({"likely", "expected", "poised", "eager", "anxious"})
"""Adjectives whose complement has not happened and is not committed to ("likely to sign")."""
UNREALISED = frozenset(
    {
        "potential",
        "possible",
        "proposed",
        "planned",
        "future",
        "upcoming",
        "prospective",
        "expected",
        "likely",
        "hypothetical",
        "eventual",
        "mooted",
        "anticipated",
    }
)
"""Modifiers of a nominal trigger that say the event has not happened."""
SCHEDULED = frozenset({"planned", "upcoming", "scheduled"})
"""Those of them that say it is fixed to happen: a plan stated, which for a meeting is an
announced one (Clarification 7 of the guidelines: AGREE), not a possibility."""
GENERIC = frozenset({"multiple", "several", "many", "numerous", "various"})
"""Vague counts that make a plural nominal act a trend rather than an event."""
DENIAL_VERBS = frozenset({"deny", "refute", "dispute", "disavow"})
"""Verbs whose complement is asserted not to have happened."""
NEGATOR_DEPS = frozenset({"preconj", "cc", "advmod", "neg", "nsubj", "nsubjpass"})
"""Dependencies by which a negator denies its clause."""
FAILURE_VERBS = frozenset({"fail", "refrain", "neglect", "decline"})
"""Verbs whose infinitival complement did not happen."""
NEGATORS = frozenset({"neither", "nor", "never", "nobody", "nothing", "none"})
"""Words that deny the clause they attach to."""


def clause_chain(token: Token) -> list[Token]:
    """The trigger and the heads up to the first verb with its own subject (its clause head)."""
    chain = [token]
    cur = token
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cur.children
        ):
            break
        if cur.head.i == cur.i:
            break
        cur = cur.head
        chain.append(cur)
    return chain


def _child_obstacles(tok: Token, first: bool) -> set[str]:
    found: set[str] = set()
    for child in tok.children:
        low = child.lower_
        if child.dep_ in ("aux", "auxpass"):
            lemma = child.lemma_.lower()
            if low == "would" or low == "'d":
                found.add("would")
            elif low in FUTURE_AUX or lemma in FUTURE_AUX:
                found.add("future")
            elif low in MODALS or lemma in MODALS:
                found.add("modal")
        if child.dep_ == "neg" or (child.dep_ == "det" and low == "no" and tok.pos_ == "NOUN"):
            found.add("negated")
        if first and tok.dep_ == "pobj" and tok.head.lower_ == "without":
            found.add("negated")  # "ended without a deal"
        if low in NEGATORS and child.dep_ in NEGATOR_DEPS:
            found.add("negated")  # "neither expressed ... nor condemned", "no one is talking"
        if child.dep_ in ("nsubj", "nsubjpass") and any(g.lower_ == "no" for g in child.children):
            found.add("negated")  # "no country has recognised"
        if child.dep_ == "mark" and low in CONDITIONALS:
            found.add("conditional")
        if child.dep_ == "advmod" and low in HEDGES:
            found.add("hedged")
        if first and child.dep_ in ("amod", "compound") and low in SCHEDULED:
            # "the planned visit", "his upcoming meeting": announced, unless called off
            found.add("unrealised" if _called_off(tok) else "planned")
        elif first and child.dep_ in ("amod", "compound") and low in UNREALISED:
            found.add("unrealised")  # "a potential summit", "a proposed meeting"
        if first and tok.tag_ in ("NNS", "NNPS") and child.dep_ == "amod" and low in GENERIC:
            found.add("generic")  # "multiple agreements", "numerous deals": a trend
    return found


CALLED_OFF = frozenset({"cancel", "postpone", "scrap", "delay", "shelve", "suspend", "abandon"})
"""Verbs that undo a planned act ("the planned summit was cancelled")."""


def _called_off(noun: Token) -> bool:
    """Whether a nominal act is what a verb of cancelling acts on ("scrapped the planned talks")."""
    verb = noun.head
    return noun.dep_ in ("dobj", "obj", "nsubjpass") and (
        verb.lemma_.lower() in CALLED_OFF
        or any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
    )


def complement_clause(tok: Token) -> bool:
    """Whether ``tok`` heads a clause that complements its verb ("threatened to expel X").

    A clausal or infinitival complement, or an infinitive the parser parted from its
    verb of intent by an adverbial: in "threatened on Monday to expel X" it hangs
    "to expel" as an adjunct, but it is the threat's complement as much as in
    "threatened to expel X".
    """
    if tok.dep_ in ("xcomp", "ccomp"):
        return True
    return tok.dep_ == "advcl" and tok.head.lemma_.lower() in INTENT_VERBS and to_infinitive(tok)


def obstacles(token: Token) -> frozenset[str]:
    """What keeps the clause of ``token`` from reporting an act that happened (module docstring).

    A conjoined verb with its own tense or auxiliary ("has not revealed X, but has
    suggested Y") is a predication of its own: the first verb's negation or modal
    does not reach it. A complement clause ("the plan would see X cede Y") takes
    the modality and negation of the clause that governs it.
    """
    chain = clause_chain(token)
    found: set[str] = {"standing"} if _standing(token) else set()
    adjunct = False
    framed = False  # inside "after ...", "since ...": the act is taken as having happened
    for i, tok in enumerate(chain):
        found |= _child_obstacles(tok, i == 0) - ({"negated"} if framed else set())
        framed = framed or (tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in PRESUPPOSING_PREPS)
        head = tok.head
        head_word, head_lemma = head.lower_, head.lemma_.lower()
        if tok.dep_ == "conj" and (
            tok.tag_ in ("VBD", "VBZ", "VBP")
            or any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        ):
            if any(c.lower_ in ("nor", "neither") for c in head.children):
                found.add("negated")  # "neither expressed ... nor condemned"
            return frozenset(found)  # its own tense: the first conjunct's modality stays there
        if complement_clause(tok) and not adjunct:
            if head_word in READY_ADJECTIVES or (
                head_lemma in ("set", "schedule") and head.tag_ == "VBN"
            ):
                found.add("ready")  # "is ready to meet", "is scheduled to visit"
            elif head_lemma in PLAN_VERBS:
                found.add("planned")  # "plans to visit": a stated plan
            elif head.lemma_.lower() in INTENT_VERBS or head_word in INTENT_ADJECTIVES:
                found.add("intended")
        if (
            tok.dep_ == "pobj"
            and head.lower_ in ("to", "for")
            and head.head.lower_ in READY_ADJECTIVES | {"open"}
            and head.head.dep_ == "acomp"
        ):
            found.add("ready")  # "is open to talks", "ready for a meeting"
        if _opened_way(tok):
            found.add("ready")  # "opened the door to halting attacks": a stated readiness
        if tok.dep_ == "xcomp" and head_word == "going":
            found.add("future")  # "is going to meet"
        if tok.dep_ == "xcomp" and head_lemma in FAILURE_VERBS:
            found.add("failed")  # "failed to agree": it did not happen
        if (
            tok.dep_ in ("xcomp", "ccomp", "pcomp", "dobj")
            and head_lemma in DENIAL_VERBS
            and not object_besides(head, tok)
        ):
            found.add("denied")  # "denied attacking", "denied that it had attacked"
        if i > 0 and tok.dep_ in ("advcl", "ROOT") and to_infinitive(tok):
            found.add("intended")  # inside a purpose clause: "(In order) to prepare for ..."
        if (
            i > 0
            and tok.pos_ in ("VERB", "AUX")
            and tok.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in tok.children)
        ):
            found.add("conditional")
        # A participial adjunct ("..., demanding that X") is asserted on its own: the
        # intent of the clause it hangs from ("seeks to ...") does not reach it.
        adjunct = adjunct or (tok.dep_ == "advcl" and tok.tag_ == "VBG")
    root = chain[-1]
    # A condition on the governing clause ("if they meet, ...") also cancels it.
    for anc in [root, *root.ancestors]:
        if anc.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in anc.children
        ):
            found.add("conditional")
    # The clause that governs a complement clause lends it its modality.
    for _ in range(2):
        if root.dep_ != "ccomp" or root.head.pos_ not in ("VERB", "AUX"):
            break
        governor = root.head
        found |= _child_obstacles(governor, False) & GOVERNED - ({"negated"} if framed else set())
        if any(
            c.dep_ in ("nsubj", "nsubjpass")
            and any(m.dep_ == "amod" and m.lower_ in UNREALISED | HEDGES for m in c.children)
            for c in governor.children
        ):
            found.add("hedged")  # "one possible explanation is that X is pressuring Y"
        if governor.lemma_.lower() in DENIAL_VERBS and not object_besides(governor, root):
            found.add("denied")
        root = clause_chain(governor)[-1]
    return frozenset(found)


STANDING_VERBS = frozenset({"remain", "stay", "continue"})
"""Copulas of a lasting state ("relations remain tense")."""
STANDING_ADVERBS = frozenset({"long", "always", "traditionally", "historically", "still"})
"""Adverbs that make "be" a lasting state ("cooperation has long been close")."""


def _standing(token: Token) -> bool:
    """Whether a nominal trigger is the subject of a lasting state, a standing condition.

    Clarification 6: "cooperation between X and Y has long been close", "trade with X
    remains strong". Said of an act ("the talks were productive") it is no such thing.
    """
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "nsubj":
        return False
    verb = token.head
    if not any(c.dep_ in ("acomp", "attr") for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    return (
        lemma in STANDING_VERBS
        # "protests have become a weekly ritual"; "the talks became heated" tells of an act
        or (lemma == "become" and verb.tag_ != "VBD")
        or (
            lemma == "be"
            and any(c.dep_ == "advmod" and c.lower_ in STANDING_ADVERBS for c in verb.children)
        )
    )


GOVERNED = frozenset({"future", "would", "modal", "negated", "hedged"})
PRESUPPOSING_PREPS = frozenset({"after", "following", "since", "despite"})
"""Prepositions whose phrase takes its act as having happened: the negation of the clause
they modify does not reach it ("has not backtracked *after calling* X a liar")."""
"""Obstacles of a governing clause that reach its complement clause."""


OPENINGS = frozenset({"door", "way", "path"})
"""Objects of "open the door to", "pave the way for": the act in their *to*/*for* phrase is
made possible, not done (a stated readiness when the actor opens it)."""


def _opened_way(tok: Token) -> bool:
    """Whether ``tok`` is the act of "opened the door *to* it", "paved the way *for* it"."""
    prep = tok.head
    if tok.dep_ not in ("pobj", "pcomp") or prep.lower_ not in ("to", "for"):
        return False
    holder = prep.head  # the verb ("opened ... to") or its object ("the door to")
    verb = holder.head if holder.dep_ in ("dobj", "obj") else holder
    return holder.lemma_.lower() in OPENINGS or any(
        c.dep_ in ("dobj", "obj") and c.lemma_.lower() in OPENINGS for c in verb.children
    )


def purpose_clause(token: Token) -> bool:
    """Whether a verb trigger is itself a purpose infinitive ("gathered *to agree* on X").

    What a gathering or an act is for has not happened by being its aim. (A trigger
    *inside* a purpose clause is ``intended`` in :func:`obstacles`.)
    """
    return token.dep_ == "advcl" and to_infinitive(token)


def object_besides(verb: Token, clause: Token) -> bool:
    """Whether a verb has a noun object of its own besides a ``clause`` hung before it.

    "X accused Y of Z, a charge Y denied": the parser may hang the accusation on
    "denied" as its complement, but what is denied is the object ("a charge"); the
    accusation was made, and is an act of its own, not the verb's content.
    """
    return clause.i < verb.i and any(
        c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN" and c.i != clause.i for c in verb.children
    )


def is_factual(token: Token) -> bool:
    """Whether the clause of ``token`` reports an action that happened (module docstring)."""
    return not obstacles(token)


__all__ = [
    "clause_chain",
    "is_factual",
    "object_besides",
    "obstacles",
    "complement_clause",
    "purpose_clause",
]
