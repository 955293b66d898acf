"""Direct quotations with their speakers: :class:`QuoteAttributor`, run as ``detente_quotes``.

Writes ``Doc._.quotes`` as QuoteRecord dicts (see :mod:`detente.extract.extensions`).
Quotation spans come from :mod:`.spans`; this module finds who said them,
reading the speaker off a reporting clause with :mod:`.speakers`.
Attribution follows the conventions of news reporting (cf. Pareti 2016,
"PARC 3.0: A corpus of attribution relations", LREC; and the rule-based
quote attributor of Newell, Cowlishaw & Man 2018, "Quote extraction and
attribution from newspaper articles", which pairs each quotation with a
reporting verb and that verb's subject):

1. **Reporting verb.** Candidates are verbs whose lemma is in the lexicon's
   ``reporting_verbs`` (say, tell, add, note, warn, call, counter ...) or that take
   the quotation in a *that*-clause ("the Kremlin rejoices that ..."), standing
   outside every quotation, in the sentence(s) the quotation spans, the sentence
   a colon or comma before it belongs to ('writing: "..."'), and the sentence
   right after its closing mark (same paragraph). A verb that governs the
   quotation in the parse wins, otherwise the nearest; a verb of another clause
   that the quoted words merely modify ('prepare a "cleaner" draft, and the
   Kremlin responded ...') is none of its verbs. Two quotations of one sentence
   share its verb. The speaker is read off the verb's clause
   (:func:`~.speakers.speaker_of`: the subject, the subject a participle
   inherits, "quoted X as saying", inversion, "according to").
2. **Unnamed sources.** "a senior official told ...", "sources said", and a
   pronoun that refers back to such a source, name no speaker: the quotation is
   left out (the guidelines keep a body, "the State Department said").
3. **Dash attribution**: '"...," - Trump.'
4. **Continuation.** A quotation that is a whole sentence with no attribution
   of its own continues the previous quotation's speaker when it is in the same
   paragraph, or opens the paragraph right after it.
5. **Split quotations.** '"Not yet," he said, "but ..."': the short part of a
   quotation split by its attribution is dropped, the main part kept (as the
   guidelines record it); a full stop after a quoted phrase belongs to the
   sentence ('called it "unfair."' is "unfair").

A quotation with no speaker is not a quote (scare quotes, titles, slogans) and
is not recorded. Partial quotes inside a sentence are therefore kept only
when a reporting verb attributes them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from detente.evidence import Evidence
from detente.extract.extensions import record_to_dict, register_extensions
from detente.extract.quotes.spans import QuoteSpan, find_quote_spans
from detente.extract.quotes.speakers import (
    ANONYMOUS,
    QuoteContext,
    according_to,
    speaker_of,
)
from detente.extract.records import QuoteRecord
from detente.extract.word_lists import doc_text, words


def _window(ctx: QuoteContext, q: QuoteSpan) -> tuple[int, int]:
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
        lead = doc_text(doc)[par_a : q.open].rstrip()
        if lead.endswith((":", ",")) and first[0].i > 0:
            start = min(start, doc[first[0].i - 1].sent.start)  # 'writing: "..."', split there
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
    if prev is not None and not (ctx.has_sents and _same_sentence(doc, prev - 1, q.open)):
        # A verb before an earlier quotation of another sentence is that one's; two
        # quotations of one sentence share its verb ('said a "real peace" and "jobs"').
        while start < end and doc[start].idx < prev:
            start += 1
    return start, end


def _same_sentence(doc: Doc, a: int, b: int) -> bool:
    """True when characters ``a`` and ``b`` lie in one sentence."""
    ta = doc.char_span(a, a + 1, alignment_mode="expand")
    tb = doc.char_span(b, b + 1, alignment_mode="expand")
    return ta is not None and tb is not None and ta[0].sent.start == tb[0].sent.start


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


def _reports_that(verb: Token, body: list[Token]) -> bool:
    """True when the quotation stands in a *that*-clause of ``verb``.

    "The Kremlin rejoices that Washington has stopped "freezing" Russian accounts": a verb
    taking a that-clause reports its subject's stance, whatever the verb.
    """
    if not body:
        return False
    for comp in verb.children:
        if comp.dep_ == "ccomp" and comp.left_edge.lower_ == "that":
            if comp.left_edge.i <= body[0].i <= comp.right_edge.i:
                return True
    return False


def _inverted(text: str, q: QuoteSpan, verb: Token) -> bool:
    """True when ``verb`` may have its subject after it ('"...," said John Herbst').

    Only a finite verb of the attribution itself: right after the closing mark, or
    set off by a comma before the quotation ("If it fails, says Mr. Doe, X "...").
    A participle ("..., accusing Beijing of") never inverts.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if verb.idx >= q.close and not text[q.close : verb.idx].strip(" ,.—–-\n"):
        return True
    return verb.idx < q.open and verb.i > 0 and verb.doc[verb.i - 1].text == ","


def _embedded_elsewhere(ctx: QuoteContext, q: QuoteSpan, body: list[Token], verb: Token) -> bool:
    """True when the quotation sits inside another clause that ``verb`` does not govern.

    "... met to prepare an "updated" version, but the Kremlin replied ...": the
    quoted word modifies a noun of the first clause, so the second clause's
    reporting verb does not attribute it. A verb standing right next to the
    quotation (at most four words between) is never ruled out this way.
    """
    if not ctx.has_parse or not body:
        return False
    doc = ctx.doc
    lo, hi = (verb.i + 1, body[0].i) if verb.i < body[0].i else (body[-1].i + 1, verb.i)
    if sum(not t.is_punct for t in doc[lo:hi]) <= 4:
        return False  # next to it: 'writing: "..."', '"...," the minister said'
    inside = {t.i for t in body}
    anchors = {t.head for t in body if t.head.i not in inside and not t.head.is_punct}
    anchors = {a for a in anchors if not ctx.quoted(a.idx)}
    if not anchors:
        return False
    return all(a != verb and verb not in a.ancestors for a in anchors)


def _by_verb(ctx: QuoteContext, q: QuoteSpan) -> tuple[str | None, str | None, bool]:
    """(speaker, cue lemma, whether a reporting verb was present).

    The speaker may be :data:`ANONYMOUS`: a reporting verb attributes the
    quotation to someone the text does not name.
    """
    doc = ctx.doc
    text = doc_text(doc)
    start, end = _window(ctx, q)
    body_span = doc.char_span(q.start, q.end, alignment_mode="expand")
    body = list(body_span) if body_span is not None else []
    verbs = [
        t
        for t in doc[start:end]
        if (t.lemma_.lower() in words("reporting_verbs") or _reports_that(t, body))
        and t.pos_ in ("VERB", "")
        and not ctx.quoted(t.idx)
    ]

    def governs(v: Token) -> bool:
        return ctx.has_parse and _governs(v, body)

    verbs = [v for v in verbs if governs(v) or not _embedded_elsewhere(ctx, q, body, v)]

    def distance(v: Token) -> int:
        return q.open - v.idx if v.idx < q.open else v.idx - q.close

    ranked = sorted(verbs, key=lambda v: (not governs(v), distance(v)))
    for verb in ranked:
        speaker = speaker_of(ctx, verb, _inverted(text, q, verb))
        if speaker is not None:
            return speaker, verb.lemma_.lower(), True
    speaker = according_to(ctx, start, end)
    if speaker is not None:
        return speaker, "according to", True
    return None, None, bool(verbs)


def _by_dash(ctx: QuoteContext, q: QuoteSpan) -> str | None:
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


def _words_end(text: str, q: QuoteSpan) -> int:
    """End of the quoted words without the enclosing sentence's punctuation.

    A trailing comma, semicolon or colon belongs to the sentence ('"We agree," she
    said'); so does a full stop after a quoted phrase inside a sentence ('called the
    tariffs "unfair."'), which American style puts inside the marks. A quotation
    that is a sentence of its own (it opens with a capital) keeps its full stop.
    """
    end = q.end
    while end > q.start and text[end - 1] in ",;: ":
        end -= 1
    if (
        end - q.start > 1
        and text[end - 1] == "."
        and text[end - 2] != "."
        and text[q.start].islower()
    ):
        end -= 1
    return end


def _starts_sentence(text: str, q: QuoteSpan) -> bool:
    i = q.open - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in '.?!\n”":'


#: A part of a split quotation with fewer words than this is not a quote of its own.
SHORT_PART = 6


def _drop_short_halves(found: list[tuple[QuoteSpan, dict]], text: str) -> list[dict]:
    """One quotation split by its attribution keeps only its main part when the other is short.

    '"Not yet," he says, "but there is mutual respect and a will to talk."': the
    guidelines record a quote split by "he said" as two quotes only if both parts
    are long, else as one with the main part. Two quotations are the parts of one
    when the first opens its sentence, the same speaker says both, and only a short
    attribution (no other quoted words) stands between them; a quoted phrase inside
    a sentence ('described it as "a bridge", he said: "..."') is no such part.
    """
    drop: set[int] = set()
    for i in range(len(found) - 1):
        (qa, a), (_qb, b) = found[i], found[i + 1]
        if a["speaker_id"] != b["speaker_id"] or not _starts_sentence(text, qa):
            continue
        gap = text[a["evidence"]["end"] : b["evidence"]["start"]]
        if len(gap) > 60 or "\n\n" in gap or not re.search(r"\w", gap):
            continue
        na, nb = len(a["text"].split()), len(b["text"].split())
        if na < SHORT_PART <= nb:
            drop.add(i)
        elif nb < SHORT_PART <= na:
            drop.add(i + 1)
    return [q for k, (_span, q) in enumerate(found) if k not in drop]


class QuoteAttributor:
    """Spacy component writing ``Doc._.quotes`` (rules in the module docstring)."""

    def __init__(self, *, name: str = "detente_quotes") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Write ``doc._.quotes``."""
        text = doc_text(doc)
        spans = find_quote_spans(text)
        ctx = QuoteContext(doc, spans)
        doc_id = doc._.doc_id or ""
        out: list[tuple[QuoteSpan, dict]] = []
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
            if speaker == ANONYMOUS:
                prev = (q, speaker)  # its continuation is anonymous too
                continue
            if speaker is None:
                continue
            end = _words_end(text, q)
            rec = QuoteRecord(speaker, Evidence(doc_id, q.start, end), text[q.start : end], cue)
            out.append((q, record_to_dict(rec)))
            prev = (q, speaker)
        doc._.quotes = _drop_short_halves(out, text)
        return doc


__all__ = ["SHORT_PART", "QuoteAttributor"]
