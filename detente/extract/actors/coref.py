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
  Ukraine", "the new President"): a person of the same sentence with that
  role; without a country, the holder of the role at the article date
  (``ActorDictionary.holder``) in the one state the sentence names before the
  nominal ("a month after the inauguration in Washington, the new President");
  then the most recent earlier person with that role (and country); with a
  country, the dictionary's holder. A person coordinated with the nominal
  ("the president and Putin") is never its referent;
* descriptions ("the billionaire investor", "the former general"): a definite
  subject headed by a noun of occupation or standing refers to the nearest
  person named before it in the last few sentences;
* body nominals ("the ministry", "the department"): the most recent
  organisation of the last few sentences whose name holds the noun;
* surnames in an all-capitals heading ("..., SAYS MODI"): the document's person;
* pronouns ("he", "his", "him", a subject "it"): :mod:`.pronouns`.
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Span, Token

from detente.extract.word_lists import doc_text, words

#: Pronouns look back this many sentences (their own included).
SENTENCE_WINDOW = 3
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def in_quote(state, start: int) -> bool:
    """True when character ``start`` lies inside a direct quotation of the document."""
    return any(q.open < start < q.close for q in state.quotes)


def persons_before(state, pos: int, *, outside_quotes: bool = False):
    """Person mentions starting before ``pos``, most recent first."""
    out = []
    for (a, b), actor in state.mentions.items():
        info = state.info.get(actor) or {}
        if a < pos and info.get("type") == "person":
            if outside_quotes and in_quote(state, a):
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


def resolve_upper_case_surnames(state) -> None:
    """A surname in an all-capitals heading ("..., SAYS MODI") is the document's person.

    The dictionary matches one-word names only as written, and the model rarely
    tags a word of a capitals line as a name; a word of such a line that folds to
    the surname of a person of this document is a mention of that person.
    """
    doc = state.doc
    text = doc_text(doc)
    surnames: dict[str, str] = {}
    for actor, info in state.info.items():
        if info.get("type") == "person" and info.get("name"):
            surnames.setdefault(_fold(info["name"].split()[-1]), actor)
    if not surnames:
        return
    for tok in doc:
        if not (tok.is_upper and tok.is_alpha and len(tok) > 2) or tok.i in state.token_actor:
            continue
        actor = surnames.get(_fold(tok.text))
        if actor is None:
            continue
        a = text.rfind("\n", 0, tok.idx) + 1
        b = text.find("\n", tok.idx)
        line = text[a : len(text) if b < 0 else b]
        letters = [w for w in line.split() if any(c.isalpha() for c in w)]
        if len(letters) >= 3 and all(not any(c.islower() for c in w) for w in letters):
            state.add(tok.idx, tok.idx + len(tok), actor, None)


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


#: Body nominals look back this many sentences for the body they name.
BODY_WINDOW = 3


def resolve_body_nominals(state, heads: frozenset[str]) -> None:
    """Resolve "the ministry", "the agency", "the council" to the body named before.

    A definite noun phrase whose head is an organisation noun (``heads``: lexicon
    ``org_heads``) and that names nothing itself refers to the most recent
    organisation of the last few sentences whose name holds that noun
    ("Russia's Foreign Ministry ... the ministry said").
    """
    doc = state.doc
    sent_of = sentence_index(doc)
    if sent_of is None:
        return
    for tok in doc:
        if tok.lower_ not in heads or tok.i in state.token_actor:
            continue
        if not (tok.is_lower or (tok.is_title and tok.i > tok.sent.start + 1)):
            continue  # "the Alliance" mid-sentence is a bare nominal too; "The" opening one is not
        if tok.i == 0 or doc[tok.i - 1].lower_ != "the" or tok.tag_ not in ("NN", "NNS", "NNP"):
            continue
        if tok.i + 1 < len(doc) and (doc[tok.i + 1].lower_ == "of" or doc[tok.i + 1].is_title):
            continue  # "the ministry of ...", "the council Chairman X": not a bare nominal
        for (a, _b), actor in sorted(state.mentions.items(), reverse=True):
            if a >= tok.idx:
                continue
            span = doc.char_span(a, a + 1, alignment_mode="expand")
            if span is None or sent_of[tok.i] - sent_of[span[0].i] > BODY_WINDOW - 1:
                break
            info = state.info.get(actor) or {}
            if info.get("type") == "organization" and tok.lemma_.lower() in _name_words(
                state, actor, info
            ):
                state.add(doc[tok.i - 1].idx, tok.idx + len(tok), actor, None)
                break


def _name_words(state, actor: str, info: dict) -> set[str]:
    """The lower-case words of an organisation's name and its dictionary aliases.

    "the alliance" refers to NATO through "the North Atlantic Alliance", "the bloc" to
    the EU through "the 27-member bloc".
    """
    names = [info.get("name") or ""]
    if actor in state.dictionary:
        names += list(state.dictionary.get(actor).aliases)
    return {w for name in names for w in name.lower().replace("-", " ").split()}


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
            a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            state.add(a, b, actor, None)
            lookups = [x for x in state.holder_lookups if x[2] == actor]
            if lookups and state.mentions.get((a, b)) == actor:
                state.role_mentions.append((a, b, lookups[-1][0], lookups[-1][1]))
        i = end
    return None


DESCRIPTION_DEPS = frozenset({"nsubj", "nsubjpass"})
"""Where a description refers back: the subject, the sentence's topic."""


def resolve_description_nominals(state, nouns: frozenset[str]) -> None:
    """Resolve "the billionaire investor", "the former general" to the person named before.

    A definite noun phrase that names no one, whose head is a singular noun
    describing a person (``nouns``: lexicon ``description_nouns``, words of
    occupation and standing that are no title of office) and that is the
    subject of its clause, refers to the nearest person mentioned before it
    outside quotations in the last :data:`SENTENCE_WINDOW` sentences (Lee et
    al.'s nearest compatible antecedent); a state among its modifiers ("the
    American investor") must be that person's, and no one its own sentence
    names is its referent ("the investor met X"). A name right after the noun
    ("investor Jane Roe") makes it a title, and a possessor ("Kyiv's
    negotiator") a description of someone else.
    """
    doc = state.doc
    sent_of = sentence_index(doc)
    if sent_of is None:
        return
    for tok in doc:
        if (
            tok.lemma_.lower() not in nouns
            or tok.tag_ != "NN"
            or tok.dep_ not in DESCRIPTION_DEPS
            or tok.i in state.token_actor
            or in_quote(state, tok.idx)
        ):
            continue
        start, mods = _description_start(doc, tok)
        if start is None:
            continue
        countries = {c for c in (state.country_of_token(t) for t in mods) if c}
        sent = tok.sent
        excluded = {  # "the investor met X": X is someone else
            actor
            for (a, _b), actor in state.mentions.items()
            if sent.start_char <= a < sent.end_char
        }
        for a, _b, actor in persons_before(state, doc[start].idx, outside_quotes=True):
            span = doc.char_span(a, a + 1, alignment_mode="expand")
            if span is None or sent_of[tok.i] - sent_of[span[0].i] > SENTENCE_WINDOW - 1:
                break
            country = (state.info.get(actor) or {}).get("country")
            if actor in excluded or countries and country not in countries:
                continue
            state.add(doc[start].idx, tok.idx + len(tok), actor, None)
            break


def _description_start(doc, noun: Token) -> tuple[int | None, list[Token]]:
    """Index of "the" opening a bare description ending in ``noun``, and its modifiers.

    None when the phrase is not definite, has a possessor, or runs into a name.
    """
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"):
        return None, []
    mods: list[Token] = []
    j = noun.i - 1
    while j >= noun.sent.start:
        tok = doc[j]
        if tok.lower_ == "the":
            return j, mods
        if tok.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT") and tok.tag_ != "POS" and (
            tok.pos_ != "PUNCT" or tok.text == "-"
        ):
            mods.insert(0, tok)
            j -= 1
            continue
        break
    return None, []


def _conjoined(state, head: Token) -> set[str]:
    """Actors coordinated with ``head`` ("the new President and Putin"): never its referent."""
    out = set()
    for tok in (*head.conjuncts, head.head if head.dep_ == "conj" else head):
        if tok.i != head.i and state.actor_of(tok):
            out.add(state.actor_of(tok))
    return out


def _is_place(doc, a: int, b: int) -> bool:
    """True when a recorded location is a place name ("in Ukraine").

    A government ("into the Trump administration") is also recorded as a
    location after a locative preposition, but it is no place.
    """
    span = doc.char_span(a, b, alignment_mode="expand")
    return (
        span is not None
        and span.root.ent_type_ in _PLACE_LABELS
        and span.root.lemma_.lower() not in words("state_nouns")
    )


def _sentence_countries(state, head: Token, pos: int, excluded: set[str]) -> set[str]:
    """States mentioned in ``head``'s sentence before ``pos`` (not those of excluded actors)."""
    sent = head.sent
    lo, hi = sent.start_char, min(pos, sent.end_char)
    barred = {(state.info.get(a) or {}).get("country") for a in excluded}
    places = {(a, b) for a, b, _text in state.locations if _is_place(state.doc, a, b)}
    out = set()
    for (a, b), actor in state.mentions.items():
        info = state.info.get(actor) or {}
        if (
            lo <= a < hi
            and (a, b) not in places  # "talks in Saudi Arabia": the setting, not the topic
            and info.get("type") == "country"
            and info.get("country") not in barred
        ):
            out.add(info["country"])
    return out


def _holder(state, keys: list[str], country: str) -> str | None:
    """The holder of a role at the article's date; remembered for :mod:`.roles`.

    The lookup is recorded in ``state.holder_lookups`` so that an undated article's
    nominal can be re-read once the date component has inferred its "now".
    """
    for key in keys:
        entry = state.dictionary.holder(key, country, state.on)
        if entry is not None:
            if entry.id not in state.info:
                state.info[entry.id] = state.entry_info(entry)
            state.holder_lookups.append(("|".join(keys), country, entry.id))
            return entry.id
    return None


def _pick(
    state, phrase: str, keys: list[str], country: str | None, pos: int, head: Token
) -> str | None:
    """The referent of a role nominal, most salient compatible candidate first.

    Order: a person of this sentence with that role (and country); for a nominal
    without a country ("the new President"), the role's holder at the article
    date in the one state this sentence has named before it ("weeks after the
    American inauguration, the new President ..."); then the most recent
    earlier person with that role; with a country, the dictionary's holder.
    People coordinated with the nominal are never its referent.
    """
    noun = phrase.split()[-1]
    excluded = _conjoined(state, head)
    sent_start = head.sent.start_char
    candidates = [
        (a, actor)
        for a, _b, actor in persons_before(state, pos)
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


def sentence_index(doc) -> list[int] | None:
    """Sentence number of every token (None when the Doc has no sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return None
    index, k = [0] * len(doc), -1
    for sent in doc.sents:
        k += 1
        for t in range(sent.start, sent.end):
            index[t] = k
    return index
