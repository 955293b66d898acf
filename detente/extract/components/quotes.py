"""Direct quotations with their speakers: the ``detente_quotes`` component.

Writes ``Doc._.quotes`` as QuoteRecord dicts (see :mod:`detente.extract.extensions`).
Quotation spans come from :mod:`.quote_spans`; this module finds who said them.
Attribution follows the conventions of news reporting (cf. Pareti 2016,
"PARC 3.0: A corpus of attribution relations", LREC; and the rule-based
quote attributor of Newell, Cowlishaw & Man 2018, "Quote extraction and
attribution from newspaper articles", which pairs each quotation with a
reporting verb and that verb's subject):

1. **Reporting verb.** Candidates are verbs whose lemma is in the lexicon's
   ``reporting_verbs`` (say, tell, add, note, warn, call, describe ...), standing
   outside every quotation, in the sentence(s) the quotation spans and in the
   sentence right after its closing mark (same paragraph): '"...," Trump said.'
   A verb that governs the quotation in the parse wins; otherwise the nearest.
   The speaker is the verb's subject (climbing from a subjectless participle to
   its head: "..., telling reporters that he would "probably" meet"), or the
   actor named right after the verb ("said John Herbst"), or the object of
   "according to". The subject is mapped to an actor through ``Doc._.mentions``,
   so pronouns and role nominals resolved by coreference work ("he says").
2. **Dash attribution**: '"...," - Trump.'
3. **Continuation.** A quotation that is a whole sentence with no attribution
   of its own continues the previous quotation's speaker when it is in the same
   paragraph, or opens the paragraph right after it.

A quotation with no speaker is not a quote (scare quotes, titles, slogans) and
is not recorded. Partial quotes inside a sentence are therefore kept only
when a reporting verb attributes them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.evidence import Evidence
from detente.extract.components._lexicon import doc_text, words
from detente.extract.components.quote_spans import QuoteSpan, find_quote_spans
from detente.extract.extensions import record_to_dict, register_extensions
from detente.extract.records import QuoteRecord

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp"})


class _Ctx:
    """Per-document lookup tables."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.spans = spans
        self.by_char: dict[int, str] = {}
        self.mentions = list(doc._.mentions)
        for a, b, actor in self.mentions:
            for c in range(a, b):
                self.by_char[c] = actor
        self.has_parse = doc.has_annotation("DEP")
        self.has_sents = doc.has_annotation("SENT_START")

    def quoted(self, pos: int) -> bool:
        return any(q.open <= pos < q.close for q in self.spans)

    def actor_at(self, tok: Token) -> str | None:
        return self.by_char.get(tok.idx) or self.by_char.get(tok.idx + len(tok) - 1)

    def paragraph_bounds(self, q: QuoteSpan) -> tuple[int, int]:
        """Start and end offsets of the paragraph the quotation opens in."""
        return q.par_start, max(q.par_end, q.close)


def _window(ctx: _Ctx, q: QuoteSpan) -> tuple[int, int]:
    """Token range where the attribution of ``q`` may stand."""
    doc = ctx.doc
    par_a, par_b = ctx.paragraph_bounds(q)
    before = doc_text(doc)[:par_a].rstrip()
    if before.endswith(":") and not doc_text(doc)[par_a : q.open].strip():
        par_a = before.rfind("\n") + 1  # 'Lavrov told reporters:\n"..."'
    first = doc.char_span(q.open, q.open + 1, alignment_mode="expand")
    last = doc.char_span(max(q.close - 1, q.open), q.close, alignment_mode="expand")
    if first is None or last is None:
        return 0, 0
    if ctx.has_sents:
        start = first[0].sent.start
        end = last[-1].sent.end
        if end < len(doc) and doc[end].idx < par_b and _open_ended(doc_text(doc), q):
            end = doc[end].sent.end  # the sentence right after the closing mark
    else:
        start, end = 0, len(doc)
    while start < end and doc[start].idx < par_a:
        start += 1
    while end > start and doc[end - 1].idx >= par_b:
        end -= 1
    nxt = next((s.open for s in ctx.spans if s.open >= q.close), None)
    if nxt is not None:
        while end > start and doc[end - 1].idx >= nxt and doc[end - 1].idx > q.close:
            end -= 1
    prev = next((s.close for s in reversed(ctx.spans) if s.close <= q.open), None)
    if prev is not None:
        while start < end and doc[start].idx < prev:
            start += 1
    return start, end


def _open_ended(text: str, q: QuoteSpan) -> bool:
    """True when the quotation hands over to an attribution after it.

    Its words end in ",", "?" or "!" ('"We agree," she said'), or in "." followed
    by a lower-case word.
    """
    last = text[q.end - 1] if q.end > q.start else ""
    if last in ",?!—–-":
        return True
    if last == ".":
        rest = text[q.close : q.close + 40].lstrip()
        return bool(rest) and rest[0].islower()
    return False


def _governs(verb: Token, body: list[Token]) -> bool:
    return any(verb in t.ancestors for t in body[:3]) or any(t.head == verb for t in body)


def _speaker_of(ctx: _Ctx, verb: Token) -> str | None:
    """Actor who is the subject of ``verb`` (climbing from a subjectless clause).

    A subjectless participle ("..., telling reporters that he would "probably"
    meet") climbs the parse to the nearest reporting verb with a subject.

    A subject that names no actor ("the official, who spoke on condition of
    anonymity, said") gives None: the speaker is anonymous, not the next name.
    """
    node, hops = verb, 0
    reporting = words("reporting_verbs")
    while hops < 5:
        subjects = [c for c in node.children if c.dep_ in _SUBJECT_DEPS and not ctx.quoted(c.idx)]
        if hops and node.lemma_.lower() not in reporting:
            subjects = []  # climbing through "that a deal could be negotiated" to "said"
        for subj in subjects:
            actor = ctx.actor_at(subj)
            if actor is None:
                for t in sorted(subj.subtree, key=lambda t: abs(t.i - subj.i)):
                    if not ctx.quoted(t.idx) and (actor := ctx.actor_at(t)):
                        break
            if actor is not None:
                return actor
        if subjects:
            return None
        if node.dep_ == "acl" and (actor := ctx.actor_at(node.head)):
            return actor  # "Trump posted ..." misparsed as a reduced relative clause
        if node.dep_ not in _CLIMB_DEPS or node.head is node:
            break
        node, hops = node.head, hops + 1
    doc = ctx.doc
    for t in reversed(doc[max(0, verb.i - 4) : verb.i]):  # "Trump posted", or no parse
        if t.is_punct or t.is_space or ctx.quoted(t.idx):
            break
        if actor := ctx.actor_at(t):
            return actor
    for t in doc[verb.i + 1 : min(len(doc), verb.i + 7)]:  # inverted: "said John Herbst"
        if (t.is_punct and t.text not in ("’s", "'s")) or t.is_space or t.is_sent_start:
            break
        if actor := ctx.actor_at(t):
            return actor
    return None


def _according_to(ctx: _Ctx, start: int, end: int) -> str | None:
    doc = ctx.doc
    for t in doc[start:end]:
        if t.lower_ == "according" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to":
            for u in doc[t.i + 2 : min(len(doc), t.i + 8)]:
                if actor := ctx.actor_at(u):
                    return actor
    return None


def _by_verb(ctx: _Ctx, q: QuoteSpan) -> tuple[str | None, str | None, bool]:
    """(speaker, cue lemma, whether a reporting verb was present)."""
    doc = ctx.doc
    start, end = _window(ctx, q)
    verbs = [
        t
        for t in doc[start:end]
        if t.lemma_.lower() in words("reporting_verbs")
        and t.pos_ in ("VERB", "")
        and not ctx.quoted(t.idx)
    ]
    body_span = doc.char_span(q.start, q.end, alignment_mode="expand")
    body = list(body_span) if body_span is not None else []

    def distance(v: Token) -> int:
        return q.open - v.idx if v.idx < q.open else v.idx - q.close

    ranked = sorted(verbs, key=lambda v: (not (ctx.has_parse and _governs(v, body)), distance(v)))
    for verb in ranked:
        speaker = _speaker_of(ctx, verb)
        if speaker is not None:
            return speaker, verb.lemma_.lower(), True
    speaker = _according_to(ctx, start, end)
    if speaker is not None:
        return speaker, "according to", True
    return None, None, bool(verbs)


def _by_dash(ctx: _Ctx, q: QuoteSpan) -> str | None:
    text = doc_text(ctx.doc)
    i = q.close
    while i < len(text) and text[i] in " ,.":
        i += 1
    if i < len(text) and text[i] in "-–—":
        i += 1
        while i < len(text) and text[i] == " ":
            i += 1
        return ctx.by_char.get(i)
    return None


def _starts_sentence(text: str, q: QuoteSpan) -> bool:
    i = q.open - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in '.?!\n”":'


class QuoteAttributor:
    """Spacy component writing ``Doc._.quotes`` (rules in the module docstring)."""

    def __init__(self, *, name: str = "detente_quotes") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Write ``doc._.quotes``."""
        text = doc_text(doc)
        spans = find_quote_spans(text)
        ctx = _Ctx(doc, spans)
        doc_id = doc._.doc_id or ""
        out: list[dict] = []
        prev: tuple[QuoteSpan, str] | None = None
        for q in spans:
            speaker, cue, had_verb = _by_verb(ctx, q)
            if speaker is None and not had_verb:
                speaker = _by_dash(ctx, q)
            if speaker is None and not had_verb and prev is not None and _starts_sentence(text, q):
                pq, pspeaker = prev
                same_par = q.paragraph == pq.paragraph
                next_par = q.paragraph == pq.paragraph + 1 and q.opens_paragraph
                if same_par or next_par:
                    speaker = pspeaker
            if speaker is None:
                continue
            end = q.end
            while end > q.start and text[end - 1] in ",;: ":
                end -= 1
            rec = QuoteRecord(speaker, Evidence(doc_id, q.start, end), text[q.start : end], cue)
            out.append(record_to_dict(rec))
            prev = (q, speaker)
        doc._.quotes = out
        return doc


@Language.factory(
    "detente_quotes",
    requires=["doc._.mentions", "token.dep", "token.lemma"],
    assigns=["doc._.quotes"],
)
def make_quote_attributor(nlp: Language, name: str) -> QuoteAttributor:
    """Build a :class:`QuoteAttributor` (spaCy factory)."""
    return QuoteAttributor(name=name)
