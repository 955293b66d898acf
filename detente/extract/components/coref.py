"""Rule-based coreference for actor mentions.

Three kinds of later mention point back to an actor, each resolved by a rule
that news style makes reliable (after Lee et al. 2013, "Deterministic
coreference resolution based on entity-centric, precision-ranked rules",
Computational Linguistics 39(4): the high-precision sieves -- exact/partial
name match, role appositives, pronouns to the nearest compatible antecedent):

* bare surnames ("Lavrov", "Mr. Markov"): a person of this document whose
  name ends in the surname, else the dictionary's holder of that surname at the
  article date, else a new ad-hoc person;
* role nominals ("the Ukrainian leader", "the US president", "the leader in
  Ukraine", "the new President"): with a country, whoever held the role key in
  that country on the article date (``ActorDictionary.holder``), falling back
  to a person of this document from that country with that role; without a
  country, the most recent person of this document whose role has that noun;
* personal pronouns in subject or possessor position ("he says", "his team"):
  the most recent person mention outside quotations within the last three
  sentences. Pronouns inside quotations are the quoted speaker's voice and are
  left alone.
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Span, Token

from detente.extract.components._lexicon import words

_PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "poss", ""})
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
_EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "remain", "take", "matter", "happen"})
_SENTENCE_WINDOW = 3


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _in_quote(state, start: int) -> bool:
    return any(q.open < start < q.close for q in state.quotes)


def _persons_before(state, pos: int, *, outside_quotes: bool = False):
    """Person mentions starting before ``pos``, most recent first."""
    out = []
    for (a, b), actor in state.mentions.items():
        info = state.info.get(actor) or {}
        if a < pos and info.get("type") == "person":
            if outside_quotes and _in_quote(state, a):
                continue
            out.append((a, b, actor))
    return sorted(out, reverse=True)


def resolve_surname(ent: Span, state, cleaned: tuple[int, int, str], make_adhoc) -> None:
    """Resolve a one-word person name (after honorifics are stripped)."""
    start, end, text = cleaned
    key = _fold(text)
    if key in state.excluded_names:
        return
    best = None
    for actor, info in state.info.items():
        name = info.get("name") or ""
        if info.get("type") == "person" and name and _fold(name.split()[-1]) == key:
            best = actor
    if best is not None:
        state.add(start, end, best, None)
        return
    entry = state.dictionary.by_surname(text, state.on)
    if entry is not None:
        state.add(start, end, entry.id, state.entry_info(entry))
        return
    # A lone unknown word is a person only after an honorific or title ("Mr. Markov",
    # "Dr. Ivanov"); otherwise it is more often a place or acronym the model mis-tagged.
    prev = state.doc[ent.start - 1] if ent.start > 0 else None
    titled = (
        prev is not None
        and prev.lower_.strip(".") in words("title_words")
        or any(t.lower_.strip(".") in words("title_words") for t in ent if t.idx < start)
    )
    if (
        make_adhoc is not None
        and titled
        and text[:1].isupper()
        and not text.isupper()
        and len(text) > 2
    ):
        make_adhoc(ent, state, start, end, text)


def resolve_state_nouns(state) -> None:
    """Resolve "the Trump administration", "Putin's government" to the person's state."""
    doc = state.doc
    nouns = words("state_nouns")
    for (a, b), actor in list(state.mentions.items()):
        info = state.info.get(actor) or {}
        country = info.get("country")
        if info.get("type") != "person" or not country or country not in state.dictionary:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        i = span.end
        if i < len(doc) and doc[i].text in ("’s", "'s"):
            i += 1
        if i >= len(doc) or doc[i].lemma_.lower() not in nouns:
            continue
        start = (
            span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else span.start
        )
        entry = state.dictionary.get(country)
        del state.mentions[(a, b)]
        state.add(doc[start].idx, doc[i].idx + len(doc[i]), country, state.entry_info(entry))


def _match_role(doc, i: int, phrases: list[list[str]]) -> int:
    """Length of the longest role phrase starting at token ``i`` (0 when none)."""
    for words_ in phrases:
        n = len(words_)
        if i + n <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(words_)):
            return n
    return 0


def _left_context(doc, i: int) -> tuple[int, list[Token], bool]:
    """Start of the noun phrase before a role noun, its modifiers, and whether it is definite."""
    j, mods = i - 1, []
    while j >= 0:
        tok = doc[j]
        if tok.lower_ == "the":
            return j, mods, True
        if tok.lower_ in ("a", "an", "former", "ex", "late"):
            return j + 1, mods, False
        if tok.is_sent_end or tok.is_punct and tok.text not in ("’s", "'s"):
            break
        if tok.text in ("’s", "'s"):
            mods.insert(0, tok)
            j -= 1
            continue
        if tok.pos_ in ("ADJ", "PROPN") or tok.ent_type_ in ("NORP", "GPE", "ORG"):
            mods.insert(0, tok)
            j -= 1
            continue
        break
    definite = any(t.text in ("’s", "'s") for t in mods)
    return j + 1, mods, definite


def resolve_role_nominals(state, role_nouns: dict[str, list[str]]) -> None:
    """Resolve "the Russian leader", "Ukraine's president", "the new President" to a person."""
    doc = state.doc
    phrases = sorted((p.split() for p in role_nouns), key=len, reverse=True)
    firsts = {p[0] for p in phrases}
    lowers = [t.lower_ for t in doc]
    i = 0
    while i < len(doc):
        if lowers[i] not in firsts:
            i += 1
            continue
        n = _match_role(doc, i, phrases)
        if not n or i in state.token_actor or doc[i + n - 1].tag_ in ("NNS", "NNPS"):
            i += max(n, 1)
            continue
        last = i + n
        if last < len(doc) and (
            doc[last].ent_type_ == "PERSON" or doc[last].is_title and doc[last].pos_ == "PROPN"
        ):
            i = last  # a title before a name, not a nominal
            continue
        start, mods, definite = _left_context(doc, i)
        if not definite:
            i = last
            continue
        country = next((c for c in (state.country_of_token(t) for t in mods) if c), None)
        end = last
        if country is None and last + 1 < len(doc) and doc[last].lower_ in ("in", "of"):
            country = state.country_of_token(doc[last + 1])
            end = last + 2 if country else last
        poss = [t.i for t in mods if t.text in ("’s", "'s")]
        if poss:  # "Ukraine's foreign minister": the possessor keeps its own mention
            start = poss[-1] + 1
        phrase = " ".join(doc[k].lower_ for k in range(i, last))
        actor = _pick(
            state, phrase, role_nouns.get(phrase, []), country, doc[start].idx, doc[last - 1]
        )
        if actor is not None:
            state.add(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), actor, None)
        i = end
    return None


def _conjoined(state, head: Token) -> set[str]:
    """Actors coordinated with ``head`` ("the new President and Putin"): never its referent."""
    out = set()
    for tok in (*head.conjuncts, head.head if head.dep_ == "conj" else head):
        if tok.i != head.i and state.actor_of(tok):
            out.add(state.actor_of(tok))
    return out


def _sentence_countries(state, head: Token, pos: int, excluded: set[str]) -> set[str]:
    """States mentioned in ``head``'s sentence before ``pos`` (not those of excluded actors)."""
    sent = head.sent
    lo, hi = sent.start_char, min(pos, sent.end_char)
    barred = {(state.info.get(a) or {}).get("country") for a in excluded}
    out = set()
    for (a, _b), actor in state.mentions.items():
        info = state.info.get(actor) or {}
        if lo <= a < hi and info.get("type") == "country" and info.get("country") not in barred:
            out.add(info["country"])
    return out


def _holder(state, keys: list[str], country: str) -> str | None:
    for key in keys:
        entry = state.dictionary.holder(key, country, state.on)
        if entry is not None:
            if entry.id not in state.info:
                state.info[entry.id] = state.entry_info(entry)
            return entry.id
    return None


def _pick(
    state, phrase: str, keys: list[str], country: str | None, pos: int, head: Token
) -> str | None:
    """The referent of a role nominal, most salient compatible candidate first.

    Order: a person of this sentence with that role (and country); for a nominal
    without a country ("the new President"), the role's holder at the article
    date in the one state this sentence has named before it ("a month into the
    second Trump administration, the new President ..."); then the most recent
    earlier person with that role; with a country, the dictionary's holder.
    People coordinated with the nominal are never its referent.
    """
    noun = phrase.split()[-1]
    excluded = _conjoined(state, head)
    sent_start = head.sent.start_char
    candidates = [
        (a, actor)
        for a, _b, actor in _persons_before(state, pos)
        if actor not in excluded
        and noun in (state.info[actor].get("role") or "").lower()
        and (country is None or state.info[actor].get("country") == country)
    ]
    same = [actor for a, actor in candidates if a >= sent_start]
    if same:
        return same[0]
    if country is None:
        countries = _sentence_countries(state, head, pos, excluded)
        if len(countries) == 1:
            actor = _holder(state, keys, next(iter(countries)))
            if actor is not None and actor not in excluded:
                return actor
    if candidates:
        return candidates[0][1]
    if country is None:
        return None
    return _holder(state, keys, country)


def _sentence_index(doc) -> list[int] | None:
    if not doc.has_annotation("SENT_START"):
        return None
    index, k = [0] * len(doc), -1
    for sent in doc.sents:
        k += 1
        for t in range(sent.start, sent.end):
            index[t] = k
    return index


def _salience(tok: Token) -> int:
    """Grammatical-role weight of a mention's head (after Lappin & Leass 1994).

    Subject > possessor > direct object > anything else; a conjunct ranks as
    the phrase it is coordinated with.
    """
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return {"nsubj": 3, "nsubjpass": 3, "poss": 2, "dobj": 1, "dative": 1}.get(tok.dep_, 0)


def _clause_subjects(tok: Token) -> set[int]:
    """Tokens of the subject of the verb governing ``tok`` (an object cannot be bound by it)."""
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    out: set[int] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            out.update(t.i for t in child.subtree)
    return out


def _cataphor(state, tok: Token) -> str | None:
    """A possessive in a fronted phrase points forward to the main clause's subject.

    "During his visit to X, Trump said ...": the pronoun sits in a phrase
    attached to the root verb left of its subject, so it is the subject.
    """
    root = tok.sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or tok.i > subjects[0].i:
        return None
    branch = tok
    while branch.head.i != root.i and branch.head.i != branch.i:
        branch = branch.head
    if branch.head.i != root.i or branch.dep_ not in ("prep", "advcl", "npadvmod", "advmod"):
        return None
    actor = state.actor_of(subjects[0])
    info = state.info.get(actor or "") or {}
    return actor if info.get("type") == "person" else None


def _antecedent(state, tok: Token, sent_of: list[int] | None) -> str | None:
    """Most salient earlier person: nearest sentence first, then subject, then recency."""
    doc = state.doc
    bound = _clause_subjects(tok) if tok.dep_ in _OBJECT_DEPS else set()
    best = None
    for a, b, actor in _persons_before(state, tok.idx, outside_quotes=True):
        ant = doc.char_span(a, b, alignment_mode="expand")
        if ant is None or any(t.i in bound for t in ant):
            continue
        if sent_of is not None:
            distance = sent_of[tok.i] - sent_of[ant.start]
            if distance > _SENTENCE_WINDOW - 1:
                break
        else:
            if tok.idx - a > 400:
                break
            distance = 0
        key = (distance, -_salience(ant.root), -a)
        if best is None or key < best[0]:
            best = (key, actor)
    return best[1] if best else None


def _state_antecedent(state, tok: Token) -> str | None:
    """"it" as a subject: the state or organisation heading the nearest earlier subject.

    Only when that subject phrase is itself a non-person mention, so "it" after
    "the agreement was signed" (no actor) stays unresolved; expletive "it is",
    "it seems" are skipped.
    """
    if tok.head.lemma_ in _EXPLETIVE_HEADS:
        return None
    sent = tok.sent
    lo = sent.start
    if lo > 0:
        lo = state.doc[lo - 1].sent.start
    for j in range(tok.i - 1, lo - 1, -1):
        cand = state.doc[j]
        if cand.dep_ not in ("nsubj", "nsubjpass"):
            continue
        actor = state.actor_of(cand)
        info = state.info.get(actor or "") or {}
        if actor is None or info.get("type") == "person" or _in_quote(state, cand.idx):
            return None
        return actor
    return None


def resolve_pronouns(state) -> None:
    """Resolve third-person pronouns outside quotations to an earlier (or fronted) actor.

    "he"/"his"/"him": a possessive in a fronted phrase is the main clause's
    subject (:func:`_cataphor`); otherwise the most salient person in the
    nearest sentence (:func:`_antecedent`), an object pronoun never being its
    own clause's subject ("Trump phoned him"). "it" as a subject: the state or
    organisation that is the nearest earlier subject (:func:`_state_antecedent`).
    """
    doc = state.doc
    pronouns = words("person_pronouns")
    sent_of = _sentence_index(doc)
    for tok in doc:
        if tok.i in state.token_actor or _in_quote(state, tok.idx):
            continue
        if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass") and sent_of is not None:
            actor = _state_antecedent(state, tok)
        elif tok.lower_ in pronouns and (tok.dep_ in _PRONOUN_DEPS or tok.dep_ in _OBJECT_DEPS):
            actor = None
            if tok.dep_ == "poss" and sent_of is not None:
                actor = _cataphor(state, tok)
            if actor is None:
                actor = _antecedent(state, tok, sent_of)
        else:
            continue
        if actor is not None:
            state.add(tok.idx, tok.idx + len(tok), actor, None)
