"""Pronoun resolution for actor mentions (part of the rule-based coreference).

Pronouns outside quotations are resolved by salience -- recency and
grammatical role -- after Lappin & Leass 1994 ("An algorithm for pronominal
anaphora resolution", Computational Linguistics 20(4)):

* "he"/"his"/"him": the earlier person in the nearest sentence, subject before
  possessor before object, then the most recent; an object pronoun is never
  the subject of its own clause ("Trump phoned him", binding principle B);
* the subject "he"/"she" of what a verb of saying reports is its speaker when the
  speaker is a person named as its subject ("X said he would ...", "..., adding
  that he plans to ...");
* a possessive inside a phrase fronted before the main clause ("During his
  visit ..., Trump said") is that clause's subject (cataphora), unless a person
  is named before it in the sentence;
* a subject "it" is the state or organisation that is the nearest earlier
  subject ("The U.S. said it would ..."); it is left alone when that subject is
  no actor, a relative pronoun, or when "it" is expletive ("it is unclear");
  a bare "the country" / "the nation" refers back the same way.

Gender agreement (the agreement filter of Lappin & Leass 1994 and of the
pronoun sieve of Lee et al. 2013): "she"/"her"/"hers" skip candidates known to
be men and "he"/"him"/"his" candidates known to be women; a candidate of
unknown gender stays eligible. A person's gender is the actor dictionary's
``gender`` field; for a person the dictionary lacks (or gives no gender), only
what the text states about the name counts (:func:`person_genders`): an
honorific right before it ("Mr.", "Ms.", "Mrs.") or a gendered noun in its role
("spokeswoman", "chairman"). A pronoun that follows the name ("..., she said")
is no evidence -- resolving it is the question being asked.

Pronouns inside quotations are the quoted speaker's voice and are left alone.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from detente.extract.actors.coref import (
    SENTENCE_WINDOW,
    in_quote,
    persons_before,
    sentence_index,
)
from detente.extract.word_lists import person_nouns, words

_PRONOUN_GENDER = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
}
#: Honorifics that state a gender, as written before a name (lower case, no dot).
_HONORIFIC_GENDER = {
    "mr": "male",
    "mister": "male",
    "sir": "male",
    "lord": "male",
    "mrs": "female",
    "ms": "female",
    "miss": "female",
    "madam": "female",
    "madame": "female",
    "dame": "female",
    "lady": "female",
}
#: Gendered nouns of a person's role ("spokeswoman for the ministry", "the chairman of X").
_NOUN_GENDER = {
    **dict.fromkeys(
        (
            "spokesman",
            "chairman",
            "congressman",
            "councilman",
            "businessman",
            "statesman",
            "anchorman",
            "king",
            "prince",
            "duke",
            "emperor",
            "husband",
            "widower",
            "father",
            "son",
            "brother",
            "uncle",
            "nephew",
            "grandfather",
            "boyfriend",
        ),
        "male",
    ),
    **dict.fromkeys(
        (
            "spokeswoman",
            "chairwoman",
            "congresswoman",
            "councilwoman",
            "businesswoman",
            "stateswoman",
            "anchorwoman",
            "queen",
            "princess",
            "duchess",
            "empress",
            "lady",
            "sheikha",
            "wife",
            "widow",
            "mother",
            "daughter",
            "sister",
            "aunt",
            "niece",
            "grandmother",
            "girlfriend",
            "actress",
        ),
        "female",
    ),
}
_PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "poss", ""})
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
_EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "remain", "take", "matter", "happen"})


def _salience(tok: Token) -> int:
    """Grammatical-role weight of a mention's head (after Lappin & Leass 1994).

    Subject > possessor > direct object > anything else; a conjunct ranks as
    the phrase it is coordinated with, a name in apposition as the noun it names
    ("Biden's envoy Jane Roe said": Roe is the subject, Biden a possessor).
    """
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return {"nsubj": 3, "nsubjpass": 3, "poss": 2, "dobj": 1, "dative": 1}.get(tok.dep_, 0)


def _agree(genders: dict[str, str], actor: str, pronoun: str | None) -> bool:
    """Whether ``actor`` may be the referent of a pronoun of gender ``pronoun``.

    Only a known, different gender excludes: unknown-gender candidates stay eligible.
    """
    gender = genders.get(actor)
    return pronoun is None or gender is None or gender == pronoun


def _honorific_gender(doc, span) -> str | None:
    """Gender an honorific right before (or opening) a name states: "Mr. Markov", "Ms Roe"."""
    cands = []
    i = span.start - 1
    if i > 0 and doc[i].text == "." and not doc[i - 1].whitespace_:
        i -= 1  # "Mr" "." tokenised apart
    if i >= 0:
        cands.append(doc[i])
    if len(span) > 1:
        cands.append(span[0])  # an honorific the model kept inside the name
    for tok in cands:
        gender = _HONORIFIC_GENDER.get(tok.lower_.rstrip("."))
        if gender is not None:
            return gender
    return None


def _role_gender(role: str | None) -> set[str]:
    """Genders stated by gendered nouns in a role text ("Foreign Ministry spokeswoman")."""
    if not role:
        return set()
    return {_NOUN_GENDER[w] for w in re.findall(r"[a-z]+", role.lower()) if w in _NOUN_GENDER}


def person_genders(state) -> dict[str, str]:
    """Gender of each person of the document whose gender is known.

    The actor dictionary's ``gender`` comes first. Otherwise the text must state
    it about the name itself: an honorific before a mention ("Mr.", "Ms.",
    "Mrs.", "Miss") or a gendered noun in the role read from the name's context
    (``actor_info`` role of a person the dictionary lacks: "spokeswoman",
    "chairman"). Conflicting evidence leaves the gender unknown.
    """
    doc = state.doc
    stated: dict[str, set[str]] = {}
    for (a, b), actor in state.mentions.items():
        info = state.info.get(actor) or {}
        if info.get("type") != "person":
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        gender = _honorific_gender(doc, span) if span is not None else None
        found = stated.setdefault(actor, set())
        if gender is not None:
            found.add(gender)
    out: dict[str, str] = {}
    dictionary = state.dictionary
    for actor, found in stated.items():
        entry = dictionary.get(actor) if actor in dictionary else None
        if entry is not None and getattr(entry, "gender", None):
            out[actor] = entry.gender
            continue
        if entry is None:
            found = found | _role_gender((state.info.get(actor) or {}).get("role"))
        if len(found) == 1:
            out[actor] = next(iter(found))
    return out


def _clause_subjects(tok: Token) -> set[int]:
    """Tokens of the subject of the verb governing ``tok`` (an object cannot be bound by it).

    A coordinated or infinitival verb without a subject of its own shares its
    head's ("Trump called Putin and invited *him*", "agreed to host *him*").
    """
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            break
        if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            break
        verb = verb.head
    out: set[int] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            out.update(t.i for t in child.subtree)
    return out


def _agreeing_person(state, subject: Token, tok: Token, genders: dict[str, str]) -> str | None:
    """The person ``subject`` names, if the pronoun ``tok`` may refer to them by gender."""
    actor = state.actor_of(subject)
    info = state.info.get(actor or "") or {}
    if info.get("type") != "person" or not _agree(genders, actor, _PRONOUN_GENDER.get(tok.lower_)):
        return None
    return actor


def _cataphor(state, tok: Token, genders: dict[str, str]) -> str | None:
    """A possessive in a fronted phrase points forward to the main clause's subject.

    "During his visit to X, Trump said ...": the pronoun sits in a phrase
    attached to the root verb left of its subject, so it is the subject.
    """
    root = tok.sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or tok.i > subjects[0].i:
        return None
    earlier = persons_before(state, tok.idx)
    if earlier and earlier[0][0] >= tok.sent.start_char:
        return None  # "After Putin's speech, his aide ...": a person before it in the sentence
    branch = tok
    while branch.head.i != root.i and branch.head.i != branch.i:
        branch = branch.head
    if branch.head.i != root.i or branch.dep_ not in ("prep", "advcl", "npadvmod", "advmod"):
        return None
    return _agreeing_person(state, subjects[0], tok, genders)


def _reporter(state, tok: Token, genders: dict[str, str]) -> str | None:
    """The speaker of a report, for the subject pronoun of what is reported.

    "X said (that) he would ...", "..., adding that he plans to ...".

    The subject pronoun of a verb of saying's complement clause refers to the person
    who says it, when that person is named as the verb's subject (a participle or a
    conjoined verb of saying takes the subject of the clause it hangs from) and agrees
    in gender; a person named later inside the report does not take it over.
    """
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in words("reporting_verbs"):
        return None
    verb = clause.head
    for _ in range(2):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            break
        if verb.dep_ not in ("advcl", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head  # "..., adding that he": the speaker of the clause it hangs from
    else:
        return None
    return _agreeing_person(state, subjects[0], tok, genders)


def _unnamed_key(state, tok: Token, sent_of: list[int], bound: set[int]) -> tuple | None:
    """Ranking key of the most salient unnamed person before ``tok`` ("a senior official").

    A singular noun naming a person without naming them (:func:`person_nouns`)
    that no named person's mention covers is a referent too: in "one diplomat
    spoke to the newspaper ... he went on", "he" is that diplomat, not a name
    mentioned earlier. Same window and order as :func:`_antecedent`.
    """
    nouns = person_nouns()
    best = None
    for cand in reversed(state.doc[: tok.i]):
        distance = sent_of[tok.i] - sent_of[cand.i]
        if distance > SENTENCE_WINDOW - 1:
            break
        if cand.tag_ != "NN" or cand.lower_ not in nouns or cand.i in bound:
            continue
        if in_quote(state, cand.idx) or _salience(cand) < 1:
            continue
        actor = state.actor_of(cand)
        if actor is not None and (state.info.get(actor) or {}).get("type") == "person":
            continue
        if _named(state, cand):
            continue  # "Biden's envoy Jane Roe": the noun has a name
        key = (distance, -_salience(cand), -cand.idx)
        if best is None or key < best:
            best = key
    return best


def _named(state, noun: Token) -> bool:
    """True when a person's name stands in apposition to ``noun`` or right after it."""
    doc = noun.doc
    near = [c for c in noun.children if c.dep_ == "appos"]
    if noun.i + 1 < len(doc):
        near.append(doc[noun.i + 1])
    return any(
        (state.info.get(state.actor_of(t) or "") or {}).get("type") == "person" for t in near
    )


def _antecedent(
    state, tok: Token, sent_of: list[int] | None, genders: dict[str, str]
) -> str | None:
    """Most salient earlier person of agreeing gender: nearest sentence, subject, recency.

    None when an unnamed person ranks higher (:func:`_unnamed_key`).
    """
    doc = state.doc
    bound = _clause_subjects(tok) if tok.dep_ in _OBJECT_DEPS else set()
    gender = _PRONOUN_GENDER.get(tok.lower_)
    best = None
    for a, b, actor in persons_before(state, tok.idx, outside_quotes=True):
        if not _agree(genders, actor, gender):
            continue
        ant = doc.char_span(a, b, alignment_mode="expand")
        if ant is None or any(t.i in bound for t in ant):
            continue
        if sent_of is not None:
            distance = sent_of[tok.i] - sent_of[ant.start]
            if distance > SENTENCE_WINDOW - 1:
                break
        else:
            if tok.idx - a > 400:
                break
            distance = 0
        key = (distance, -_salience(ant.root), -a)
        if best is None or key < best[0]:
            best = (key, actor)
    if best is not None and sent_of is not None:
        unnamed = _unnamed_key(state, tok, sent_of, bound)
        if unnamed is not None and unnamed < best[0]:
            return None
    return best[1] if best else None


COUNTRY_NOUNS = frozenset({"country", "nation"})
"""Nouns by which a definite description refers back to a state ("the country's airspace")."""


def _the_country(tok: Token) -> Token | None:
    """The article of a bare "the country" / "the nation" (no other modifier), else None."""
    if tok.tag_ != "NN" or tok.lemma_.lower() not in COUNTRY_NOUNS:
        return None
    mods = [c for c in tok.children if c.dep_ not in ("case", "punct")]
    if len(mods) != 1 or mods[0].dep_ != "det" or mods[0].lower_ != "the":
        return None
    return mods[0]


def _state_antecedent(state, tok: Token, expletive: bool = True) -> str | None:
    """Referent of a subject "it": the state or organisation that is the nearest earlier subject.

    Only when that subject phrase is itself a non-person mention, so "it" after
    "the agreement was signed" (no actor) stays unresolved; expletive "it is",
    "it seems" are skipped (``expletive``: check for that). "The country" refers back
    the same way ("X asked for consultations after drones entered the country's
    airspace").
    """
    if expletive and tok.head.lemma_ in _EXPLETIVE_HEADS:
        return None
    sent = tok.sent
    lo = sent.start
    if lo > 0:
        lo = state.doc[lo - 1].sent.start
    for j in range(tok.i - 1, lo - 1, -1):
        cand = state.doc[j]
        if cand.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if cand.tag_ in ("WDT", "WP"):
            return None  # "which"/"that": the referent is the noun the clause modifies
        if cand.head.dep_ == "relcl":
            continue  # a relative clause's subject is not the topic ("the deal Russia signed")
        actor = state.actor_of(cand)
        info = state.info.get(actor or "") or {}
        if actor is None or info.get("type") == "person" or in_quote(state, cand.idx):
            return None
        return actor
    return None


def resolve_pronouns(state) -> None:
    """Resolve third-person pronouns outside quotations to an earlier (or fronted) actor.

    "he"/"his"/"him": a possessive in a fronted phrase is the main clause's
    subject (:func:`_cataphor`); otherwise the most salient person in the
    nearest sentence (:func:`_antecedent`), an object pronoun never being its
    own clause's subject ("Trump phoned him"). A gendered pronoun skips
    people of the other gender (:func:`person_genders`). "it" as a subject: the
    state or organisation that is the nearest earlier subject
    (:func:`_state_antecedent`).
    """
    doc = state.doc
    pronouns = words("person_pronouns")
    sent_of = sentence_index(doc)
    genders = person_genders(state)
    for tok in doc:
        if tok.i in state.token_actor or in_quote(state, tok.idx):
            continue
        if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass") and sent_of is not None:
            actor = _state_antecedent(state, tok)
        elif sent_of is not None and (article := _the_country(tok)) is not None:
            actor = _state_antecedent(state, tok, expletive=False)
            if actor is not None:
                state.add(article.idx, tok.idx + len(tok), actor, None)
            continue
        elif tok.lower_ in pronouns and (tok.dep_ in _PRONOUN_DEPS or tok.dep_ in _OBJECT_DEPS):
            actor = None
            if tok.dep_ == "poss" and sent_of is not None:
                actor = _cataphor(state, tok, genders)
            if tok.dep_ == "nsubj":
                actor = _reporter(state, tok, genders)
            if actor is None:
                actor = _antecedent(state, tok, sent_of, genders)
        else:
            continue
        if actor is not None:
            state.add(tok.idx, tok.idx + len(tok), actor, None)
