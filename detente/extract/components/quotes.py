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
   its head: "..., telling reporters that she would "gladly" return"), or the
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

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.evidence import Evidence
from detente.extract.components._lexicon import doc_text, person_nouns, words
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

    def is_person(self, actor: str) -> bool:
        return (self.doc._.actor_info.get(actor) or {}).get("type") == "person"

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


_ANONYMOUS = "<anonymous>"
"""Speaker marker: the attribution names someone who is no identifiable actor."""
_INDEFINITE = frozenset(
    {"a", "an", "another", "one", "some", "several", "two", "three", "many", "few", "other"}
)
_CONTROL_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "npadvmod", "acl"})


def _unnamed(tok: Token) -> bool:
    """True for a common noun naming people without naming them: "a US official", "sources".

    Indefinite ("an official", "two diplomats") or a bare plural ("officials said"):
    the guidelines leave such quotes out. A definite one ("the Kremlin aide") points to
    someone the text identifies.
    """
    if tok.pos_ != "NOUN" or tok.lower_ not in person_nouns():
        return False
    dets = [c for c in tok.children if c.dep_ in ("det", "nummod", "poss")]
    if any(c.lower_ in _INDEFINITE or c.dep_ == "nummod" for c in dets):
        return True
    return not dets and tok.tag_ == "NNS"


def _subject_speaker(ctx: _Ctx, subj: Token) -> str | None:
    """Speaker a subject phrase names, :data:`_ANONYMOUS` for an unnamed person, else None.

    The actor of the head, or a person named in apposition to it ("Putin's envoy
    Jane Roe said"). An indefinite person ("a senior official", "officials")
    is nobody, even when a modifier names a state. Otherwise the nearest actor
    among the phrase's modifiers before its head ("a Kremlin statement", "the
    Russian presidential aide") or, for a thing said, in its *from* / *by*
    complement ("a statement from the Kremlin"); a singular person noun with none ("the official,
    who asked not to be named,") is nobody too; any other phrase without an actor
    ("the two sides", "both delegations") names no speaker (None), so another verb
    may.
    """
    actor = ctx.actor_at(subj)
    if actor is not None and not _unnamed(subj):
        return actor
    for appos in subj.children:  # "Biden's envoy Jane Roe said": the name in apposition
        if appos.dep_ == "appos" and (named := ctx.actor_at(appos)) and ctx.is_person(named):
            return named
    if _unnamed(subj):
        return _ANONYMOUS
    for t in reversed(ctx.doc[subj.left_edge.i : subj.i]):
        if not ctx.quoted(t.idx) and (actor := ctx.actor_at(t)):
            return actor
    for prep in subj.children:  # "a statement from the Kremlin said"
        if subj.lower_ in person_nouns():
            break  # "the head of the delegation": a person, not the body after "of"
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
            for t in prep.subtree:
                if not ctx.quoted(t.idx) and (actor := ctx.actor_at(t)):
                    return actor
    if subj.lower_ in person_nouns() and subj.tag_ == "NN":
        return _ANONYMOUS  # "the official, who asked not to be named, said"
    return None  # "the two sides", "both delegations": no speaker here


def _subjects(ctx: _Ctx, node: Token) -> list[Token]:
    """Subjects of ``node``, nearest first; a fronted name the parser left as a modifier too.

    "Beijing, however, has hit back": the small model often parses such a
    subject as ``npadvmod``; a name before the verb in that slot is its subject.
    """
    found = [c for c in node.children if c.dep_ in _SUBJECT_DEPS and not ctx.quoted(c.idx)]
    if not found:
        found = [
            c
            for c in node.children
            if c.dep_ == "npadvmod" and c.i < node.i and c.pos_ == "PROPN" and ctx.actor_at(c)
        ]
    return sorted(found, key=lambda c: abs(c.i - node.i))


def _clause_speaker(ctx: _Ctx, subjects: list[Token]) -> str | None:
    """Speaker of a clause with these subjects: a named head first, then one inside a phrase.

    "Calling X's friendship with Y "...", Zelenskyy said": when the parser gives
    "said" two subjects, the one that is itself a name wins over a phrase that
    merely contains one.
    """
    said = [_subject_speaker(ctx, subj) for subj in subjects]
    direct = [x for subj, x in zip(subjects, said, strict=True) if ctx.actor_at(subj) == x]
    for x in (*direct, *said):
        if x not in (None, _ANONYMOUS):
            return x
    return _ANONYMOUS if _ANONYMOUS in said else None


def _speaker_of(ctx: _Ctx, verb: Token, inverted: bool) -> str | None:
    """Speaker named by the clause of reporting verb ``verb``.

    Returns the actor id, :data:`_ANONYMOUS` when the clause names an unnamed or
    unknown speaker ("the official, who spoke on condition of anonymity, said";
    "one diplomat told the paper ..."), or None when it names none at all.

    * The subject of ``verb``.
    * A subjectless participle or infinitive takes the subject of the clause it
      hangs from ("..., accusing X of ..." -> who imposed; "after calling X 'Y',
      Z has ..." -> Z; "..., writing: '...'" -> who posted), climbing through
      adverbial clauses, conjuncts and prepositions. Through a complement
      clause it climbs only to another reporting verb ("said an accord could be
      reached, telling reporters ...").
    * "X quoted Y as saying": Y.
    * With no parse to climb: a name right before the verb ("Trump posted").
    * Inversion ('"...," said John Herbst') only where ``inverted`` allows it
      (:func:`_inverted`).
    """
    node, hops, through_complement = verb, 0, False
    reporting = words("reporting_verbs")
    while hops < 6:
        if node.lemma_.lower() in ("quote", "cite"):
            for obj in node.children:
                if obj.dep_ == "dobj":
                    return _subject_speaker(ctx, obj)
        subjects = _subjects(ctx, node) if node.pos_ in ("VERB", "AUX", "") else []
        if through_complement and node.lemma_.lower() not in reporting:
            subjects = []  # climbing through "that an accord could be drafted" to "said"
        if hops and _reported(node, reporting):
            subjects = []  # "X noted that Y had not moved, saying ...": X says, not Y
        speaker = _clause_speaker(ctx, subjects)
        if speaker is not None and speaker != _ANONYMOUS:
            return speaker
        if speaker == _ANONYMOUS:
            return _ANONYMOUS  # the speaker is someone the text does not name
        if subjects and (hops == 0 or node.lemma_.lower() in reporting):
            return None  # "both delegations agreed to ...": no speaker; another verb may say
        # a climbed-to clause whose subject names no actor ("a deal could be reached"): on
        if node.dep_ == "acl" and (actor := ctx.actor_at(node.head)):
            return actor  # "Trump posted ..." misparsed as a reduced relative clause
        if node.head is node:
            break
        if node.dep_ == "ccomp":
            through_complement = True
        elif node.dep_ not in _CONTROL_DEPS:
            break
        node, hops = node.head, hops + 1
    doc = ctx.doc
    speaker = _shared_subject(ctx, verb) or _logophoric(ctx, verb)
    if speaker is not None:
        return speaker
    for t in reversed(doc[max(0, verb.i - 4) : verb.i]):  # "Trump posted", or no parse
        if t.is_punct or t.is_space or ctx.quoted(t.idx):
            break
        if actor := ctx.actor_at(t):
            return actor
    if inverted:
        for t in doc[verb.i + 1 : min(len(doc), verb.i + 7)]:  # '"...," said John Herbst'
            if (t.is_punct and t.text not in ("’s", "'s")) or t.is_space or t.is_sent_start:
                break
            if actor := ctx.actor_at(t):
                return actor
            if t.pos_ in ("VERB", "AUX", "SCONJ") or t.lower_ == "that":
                break
    return None


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


def _reported(node: Token, reporting: frozenset[str]) -> bool:
    """True when ``node`` is a non-reporting verb in the complement of a reporting verb.

    A participle that the parser hangs on such a clause ("X noted that Y had not
    moved closer, saying ...") belongs to the reporting clause: its speaker is X.
    """
    return (
        node.lemma_.lower() not in reporting
        and node.dep_ == "ccomp"
        and node.head.lemma_.lower() in reporting
    )


def _shared_subject(ctx: _Ctx, verb: Token) -> str | None:
    """Subject a conjoined reporting verb shares with the reporting verb before it.

    "X told reporters that ..., but added that Y "...": the small model often
    hangs "added" on the wrong clause; coordination shares the subject of the
    nearest earlier reporting verb of the sentence that has one.
    """
    if verb.dep_ != "conj" or not ctx.has_sents:
        return None
    reporting = words("reporting_verbs")
    for t in reversed(ctx.doc[verb.sent.start : verb.i]):
        if t.lemma_.lower() in reporting and t.pos_ == "VERB" and not ctx.quoted(t.idx):
            speaker = _clause_speaker(ctx, _subjects(ctx, t))
            if speaker is not None:
                return None if speaker == _ANONYMOUS else speaker
    return None


def _logophoric(ctx: _Ctx, verb: Token) -> str | None:
    """The person a pronoun subject of the reported clause stands for.

    "... and to insist that he "never insults anybody"": when the parse gives
    the reporting verb no subject to find, a pronoun subject of its complement
    clause is the speaker reporting on himself (resolved by coreference).
    """
    for comp in verb.children:
        if comp.dep_ != "ccomp":
            continue
        for subj in comp.children:
            if subj.dep_ in _SUBJECT_DEPS and subj.pos_ == "PRON" and (a := ctx.actor_at(subj)):
                return a
    return None


def _according_to(ctx: _Ctx, start: int, end: int) -> str | None:
    doc = ctx.doc
    for t in doc[start:end]:
        if t.lower_ == "according" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to":
            for u in doc[t.i + 2 : min(len(doc), t.i + 8)]:
                if u.is_punct and u.text not in ("’s", "'s"):
                    break
                if _unnamed(u):
                    return _ANONYMOUS
                if actor := ctx.actor_at(u):
                    return actor
    return None


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


def _embedded_elsewhere(ctx: _Ctx, q: QuoteSpan, body: list[Token], verb: Token) -> bool:
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


def _by_verb(ctx: _Ctx, q: QuoteSpan) -> tuple[str | None, str | None, bool]:
    """(speaker, cue lemma, whether a reporting verb was present).

    The speaker may be :data:`_ANONYMOUS`: a reporting verb attributes the
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
        speaker = _speaker_of(ctx, verb, _inverted(text, q, verb))
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
        ctx = _Ctx(doc, spans)
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
            if speaker == _ANONYMOUS:
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


@Language.factory(
    "detente_quotes",
    requires=["doc._.mentions", "token.dep", "token.lemma"],
    assigns=["doc._.quotes"],
)
def make_quote_attributor(nlp: Language, name: str) -> QuoteAttributor:
    """Build a :class:`QuoteAttributor` (spaCy factory)."""
    return QuoteAttributor(name=name)
