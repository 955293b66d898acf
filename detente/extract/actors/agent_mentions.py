"""Agents of an actor as mentions of it: "Russian troops", "officials from Hungary".

A noun phrase whose head is an agent noun (:class:`~detente.extract.actors.agents.AgentNouns`:
"officials", "troops", "negotiators", "a delegation", "border guards") stands for
the actor that owns it, as CAMEO-style event coders read it:

* a modifier: "Russian forces", "a U.S. delegation", "Kremlin officials",
  "State Department officials", "senior Ukrainian military officials" -- the
  owner's mention grows to cover the phrase ("Russian forces" -> RUS), so the
  phrase's head carries the owner's id;
* a possessor: "Ukraine's negotiators" -- the possessor keeps its own mention
  and the phrase after it becomes a second mention of the same owner;
* an *of* / *from* complement: "officials from Hungary", "forces of Ukraine";
* a person as owner ("Zelensky aides") gives that person's state, and never
  swallows the person's own mention.

Only phrases that are no one's mention yet are read, and only after role
nominals are resolved: "the Russian foreign minister" is Lavrov, not Russia. A
common noun before a name is a title ("Defence Minister Rustem Umerov"), not
an agent. A seat of government that the resolver filed as a place because it
only modifies a noun ("Kremlin officials") is the state here.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.extract.word_lists import words

_OWNER_TYPES = frozenset({"country", "organization"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "nummod", "quantmod"})
_HEAD_POS = frozenset({"NOUN", "PROPN"})


def resolve_agents(state, nouns) -> None:
    """Add a mention of its owner for every agent phrase of the document (module docstring).

    Args:
        state: The per-document :class:`~detente.extract.actors.doc_actors.DocActors`.
        nouns: The :class:`~detente.extract.actors.agents.AgentNouns` to recognise.
    """
    doc = state.doc
    for tok in doc:
        if tok.pos_ not in _HEAD_POS or tok.i in state.token_actor or tok.dep_ == "compound":
            continue
        if tok.ent_type_ == "PERSON" or _before_name(tok):
            continue
        first = _phrase_start(state, tok, nouns)
        if first is None:
            continue
        found = _modifier_owner(state, first, tok) or _complement_owner(state, tok)
        if found is None:
            continue
        start, owner, info = found
        state.add(start, tok.idx + len(tok), owner, info)


def _before_name(tok: Token) -> bool:
    """True when a name follows: the noun is a title ("Army Secretary Dan Driscoll")."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ == "PERSON"


def _phrase_start(state, tok: Token, nouns) -> int | None:
    """Index of the first word of the agent phrase ending at ``tok``, or None."""
    sent_start = tok.sent.start if tok.doc.has_annotation("SENT_START") else 0
    lo = max(sent_start, tok.i - nouns.longest + 1)
    while lo < tok.i and (lo in state.token_actor or tok.doc[lo].is_punct):
        lo += 1
    n = nouns.suffix([t.text for t in tok.doc[lo : tok.i + 1]])
    return tok.i - n + 1 if n else None


def _inside(tok: Token, head: Token, first: int) -> bool:
    """True when ``tok`` modifies the phrase that ends at ``head`` (directly or in a chain)."""
    cur, hops = tok, 0
    while hops < 4 and cur.head.i != cur.i:
        if cur.head.i == head.i or first <= cur.head.i < head.i:
            return True
        if cur.dep_ not in (*_MODIFIER_DEPS, "conj", "cc", "poss", "case"):
            return False
        cur, hops = cur.head, hops + 1
    return False


def _modifier_owner(state, first: int, head: Token) -> tuple[int, str, dict | None] | None:
    """Owner named inside the phrase before its agent words (module docstring).

    Returns:
        ``(start offset of the new mention, owner id, info for a new owner)`` or None.
    """
    doc = head.doc
    sent_start = head.sent.start if doc.has_annotation("SENT_START") else 0
    j = first - 1
    while j >= sent_start:
        tok = doc[j]
        if tok.text in ("’s", "'s") and j - 1 >= sent_start:
            owner = _owner(state, doc[j - 1])
            if owner is None:
                return None
            return doc[first].idx, owner[0], owner[1]
        if j in state.token_actor or tok.ent_type_:
            owner = _owner(state, tok)
            if owner is None or not _inside(tok, head, first):
                return None
            actor, info, span_start, own_mention = owner
            return (span_start if own_mention else doc[first].idx), actor, info
        if tok.pos_ in ("ADJ", "NOUN", "ADV") and tok.dep_ in _MODIFIER_DEPS | {"advmod"}:
            j -= 1  # "senior", "top", "military"
            continue
        return None
    return None


def _complement_owner(state, head: Token) -> tuple[int, str, dict | None] | None:
    """Owner named in an *of* / *from* complement: "officials from Hungary"."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                owner = _owner(state, obj)
                if owner is not None:
                    return head.idx, owner[0], owner[1]
    return None


def _owner(state, tok: Token) -> tuple[str, dict | None, int, bool] | None:
    """The actor that owns agents named by ``tok``'s mention or entity.

    Returns:
        ``(owner id, info if not yet known, start of tok's mention, whether the new
        mention may cover tok's own mention)`` or None. A person's agents belong to
        the person's state and never cover the person's name.
    """
    actor = state.actor_of(tok)
    if actor is not None:
        info = state.info.get(actor) or {}
        start = next((a for (a, b) in state.mentions if a <= tok.idx < b), tok.idx)
        if info.get("type") in _OWNER_TYPES:
            return actor, None, start, True
        country = info.get("country") if info.get("type") == "person" else None
        if country and country in state.dictionary:
            return country, state.entry_info(state.dictionary.get(country)), start, False
        return None
    ent = _entity(tok)
    if ent is None:
        return None
    entry = state.dictionary.get(ent.ent_id_) if ent.ent_id_ in state.dictionary else None
    entry = entry or state.dictionary.lookup(ent.text)
    if entry is None or entry.type not in _OWNER_TYPES:
        return None
    if (entry.kind or "") in words("media_kinds"):
        return None
    # A seat the resolver filed as a place only because it modifies a noun ("Kremlin
    # officials") stands for its state here.
    state.locations = [
        loc for loc in state.locations if not (ent.start_char <= loc[0] < ent.end_char)
    ]
    start = ent.start_char + (4 if ent.text.lower().startswith("the ") else 0)
    return entry.id, state.entry_info(entry), start, True


def _entity(tok: Token) -> Span | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None
