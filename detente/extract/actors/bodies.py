"""Organisations the text names as bodies: "X of the Y", title-case bodies, shared short names.

Rules of :mod:`.resolver` for organisations the dictionary does not settle
alone (Clarification 2 of the evaluation guidelines: every named organisation is
an actor):

* a name that continues with "of (the)" + a name holding an actor is one body
  ("the Land Command of the Latvian Armed Forces": :func:`of_body`);
* a state's body named in title case that the model left untagged ("the
  Brazilian External Relations Ministry": :func:`named_bodies`);
* a short name several bodies go by ("Security Council") follows its context
  (:func:`settle_short_names`).
"""

from __future__ import annotations

from spacy.tokens import Span

from detente.extract.actors.doc_actors import DocActors
from detente.extract.actors.names import normalise, slug
from detente.extract.word_lists import doc_text, words


def settle_short_names(state: DocActors) -> None:
    """Give a short name shared by several bodies to the one its context points to.

    "Security Council" is the UN's by default; a national body that lists it among
    its ``short_names`` (Russia's Security Council) takes it when the document
    names no other body of the default's family (no "UN", no "General Assembly")
    and the nearest actor before one of its occurrences -- in that sentence, or
    else the one before -- belongs to that body's state ("Putin convened the
    Security Council"). One name keeps one sense through the document.
    """
    text = doc_text(state.doc)
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for (a, b), actor in state.mentions.items():
        if state.dictionary.contenders(text[a:b]):
            groups.setdefault((normalise(text[a:b]), actor), []).append((a, b))
    for (_name, actor), spans in groups.items():
        family = actor.rsplit(".", 1)[0]
        others = set(state.mentions.values()) - {actor}
        if any(m == family or m.startswith(family + ".") for m in others):
            continue
        contenders = state.dictionary.contenders(text[spans[0][0] : spans[0][1]])
        countries = {_country_before(state, a) for a, _b in spans}
        pick = next((c for c in contenders if c.country in countries), None)
        if pick is None:
            continue
        for a, b in spans:
            state.add(a, b, pick.id, state.entry_info(pick))


def _country_before(state: DocActors, pos: int) -> str | None:
    """Country of the nearest actor before ``pos`` in its sentence, else in the one before."""
    doc = state.doc
    tok = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if tok is None or not doc.has_annotation("SENT_START"):
        return None
    sent = tok[0].sent
    lo = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    for (a, _b), actor in sorted(state.mentions.items(), reverse=True):
        if lo <= a < pos:
            country = (state.info.get(actor) or {}).get("country")
            if country:
                return country
    return None


def named_bodies(state: DocActors) -> None:
    """A state's bodies named in title case that the model left untagged.

    "The Brazilian External Relations Ministry", "the Finnish Border Guard": the
    head is a capitalised organisation noun (lexicon ``org_heads``) outside any
    entity; the capitalised words before it, back to a determiner, must include a
    state's name or demonym, which gives the body's country. The whole name is one
    organisation (Clarification 2: every named organisation is an actor).
    """
    doc = state.doc
    heads = words("org_heads")
    for tok in doc:
        if not (tok.is_title and tok.lower_ in heads) or tok.ent_type_ or tok.is_sent_start:
            continue
        if tok.i in state.token_actor:
            continue
        j, country = tok.i - 1, None
        while j >= 0 and not doc[j].is_sent_start and (doc[j].is_title or doc[j].is_upper):
            if doc[j].pos_ in ("DET", "PRON", "VERB", "AUX"):
                break
            actor = state.actor_of(doc[j])
            info = state.info.get(actor or "") or {}
            if actor is not None and info.get("type") != "country":
                break
            country = country or info.get("country")
            j -= 1
        first = j + 1
        if country is None or first >= tok.i - 1:
            continue  # no state inside, or just "<Demonym> Ministry"
        start, end = doc[first].idx, tok.idx + len(tok)
        text = doc_text(doc)[start:end]
        info = {"name": text, "type": "organization", "country": country, "role": None}
        state.add(start, end, f"org.adhoc.{slug(text)}", info)


def of_body(ent: Span, state: DocActors) -> tuple[int, str | None] | None:
    """End offset and country of "<ent> of (the) <Name holding an actor>", else None.

    "Air Command" + "of the Lithuanian Armed Forces": the capitalised words after
    "of (the)" must contain a mention of a state or organisation; the country is
    that actor's.
    """
    doc = ent.doc
    k = ent.end
    while k > ent.start + 1 and doc[k - 1].lower_ in ("of", "the"):
        k -= 1  # the model's entity may end inside: "the Land Command of the"
    if k >= len(doc) or doc[k].lower_ != "of":
        return None
    k += 1
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    m, country, found = k, None, False
    while m < len(doc) and not doc[m].is_sent_start:
        tok = doc[m]
        if tok.lower_ == "of" and m > k and m + 1 < len(doc) and doc[m + 1].is_title:
            m += 1
            continue
        if not (tok.is_title or tok.is_upper) or tok.is_punct:
            break
        actor = state.actor_of(tok)
        if actor is not None:
            info = state.info.get(actor) or {}
            if info.get("type") == "person":
                return None
            found = True
            country = country or info.get("country")
        m += 1
    if not found or m == k:
        return None
    last = doc[m - 1]
    return last.idx + len(last), country
