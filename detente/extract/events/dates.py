"""When a coded event happened, as its own sentence tells: the date expression of its clause.

:mod:`detente.extract.events.setting` reads where and by what medium an event took place; this
one finds the date expression of the sentence, if any, that tells when. What the
rest of the article tells (a repeat, what a definite noun refers back to, the
narrative, the publication month) is :mod:`detente.extract.events.narrative`.

Among the date expressions of the sentence (``Doc._.dates``), the one attached
to the trigger (or the verb carrying it) wins, and a relative clause telling
when the event itself took place counts as attached ("the talks, *which began
on Monday*, ..."); failing that, the one attached to the nearest clause that
governs the trigger ("On Monday, X met Y and agreed to ...", "Moscow said on
Friday it was ready to ...") or to an adjunct told at the same time
("*Speaking on Sunday*, Trump accused ...", "Trump, *speaking on Sunday*,
accused ..."). A date that modifies another participant ("accused X over
*Sunday's* strike"), dates the start of a "since" phrase, or sits in a relative
clause describing a participant ("Lavrov, who arrived on Monday, ...") belongs
to that one. The governing clause's date does not reach an act placed before or
after it ("*After* visiting X, Y said on Friday", "days *after* they
quarrelled", "the talks *follow* meetings in Oslo"), one in the past perfect
("had met"), or a definite noun ("said on Friday that *the talks* had gone
well": the talks were told before). Of two expressions that agree, the finer is
kept ("on Friday morning, in their third call this year").
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from spacy.tokens import Span, Token

from detente.extract.events.index import DocIndex
from detente.extract.events.parse import perfect_having, to_infinitive
from detente.extract.events.setting import governor
from detente.extract.temporal.dates import setting_noun
from detente.extract.temporal.expressions import scan
from detente.extract.word_lists import doc_text

VERB_POS = frozenset({"VERB", "AUX"})
"""Parts of speech of verbs (a clause's head)."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
"""Dependencies of a clause's subject: a verb with one heads its own clause."""
SEQUENCE_WORDS = frozenset(
    {"after", "before", "since", "until", "till", "following", "prior", "ahead", "pending"}
)
"""Words that put the act they introduce at another time than the clause they modify."""
SEQUENCE_VERBS = frozenset({"follow", "precede"})
"""Verbs whose object happened at another time than their clause ("the talks follow meetings")."""
MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod", "npadvmod"})
"""How a date modifies a noun ("Monday's talks", "the Feb. 18 meeting")."""
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "appos", "dative"})
"""Participants of a clause; a date modifying one of them is that participant's."""
OCCURRENCE_VERBS = frozenset(
    {
        "begin",
        "start",
        "open",
        "end",
        "conclude",
        "close",
        "last",
        "take",
        "hold",
        "happen",
        "occur",
        "resume",
        "convene",
        "unfold",
    }
)
"""Verbs that tell when an event itself took place ("the talks, *which began on Monday*")."""
SIMULTANEOUS_MARKS = frozenset({"while", "when", "as"})
"""Subordinators of a clause told at the time of the clause it modifies."""
SAME_TIME_PREPS = frozenset({"in", "at", "during", "amid", "throughout", "on"})
"""Prepositions whose object is the setting of the clause ("agreed during Monday's call"),
not its topic ("accused X over Monday's strike")."""
DEFINITE_WORDS = frozenset({"the", "this", "that", "these", "those"})
"""Determiners of a noun that refers to something already told."""


def event_date(index: DocIndex, trigger: Token, anchor: Token) -> str | None:
    """The date that the trigger's own clause gives (see the module docstring), or None."""
    found = date_expression(index, trigger, anchor)
    return found[1] if found else None


def date_expression(index: DocIndex, trigger: Token, anchor: Token) -> tuple[Span, str] | None:
    """The date expression that dates the trigger, with its value (see the module docstring).

    Args:
        index: The document's lookups (its ``dates`` are the resolved expressions).
        trigger: The word that names the event.
        anchor: The verb that carries a nominal trigger ("held talks"), else the trigger.
    """
    own = own_tokens(trigger, anchor)
    clauses = {} if definite_noun(trigger) else governing_clauses(trigger, anchor, own)
    content = _content_clauses(trigger, anchor)
    published = index.doc._.published or ""
    scored: list[tuple[tuple[int, int, int], Span, str]] = []
    for span, value in _doc_dates(index).resolved.get(_sentence_start(index, trigger.i), ()):
        rank = _rank(span, own, clauses)
        if rank is None and content and value <= published and _in_setting(span):
            attached = _attachment(span, content)
            if attached is not None and attached[0].i in content:
                # "agreed to reopen the border in a call on Wednesday": the call in which
                # the act was promised dates the promise
                rank = (2, 0, attached[1])
        if rank is not None:
            scored.append((rank, span, value))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0])
    _first, span, value = scored[0]
    finer = [s for s in scored if len(s[2]) > len(value) and s[2].startswith(value)]
    if finer:
        _first, span, value = max(finer, key=lambda s: (len(s[2]), [-r for r in s[0]]))
    return span, value


def _rank(span: Span, own: set[int], clauses: dict[int, int]) -> tuple[int, int, int] | None:
    """How close a date expression is to the event, or None when it is not the event's.

    ``(0, 0, steps)`` for the event's own clause; ``(1, distance, steps)`` for a
    governing clause, or for an adjunct told at the same time as the event's
    clause or a governing one ("*Speaking on Sunday*, Trump accused ...").
    """
    attached = _attachment(span, own)
    if attached is None:
        return None
    tok, steps = attached
    if tok.i in own:
        return 0, 0, steps
    if tok.i in clauses:
        return 1, clauses[tok.i], steps
    if _tells_occurrence(tok, own):
        return 0, 1, steps
    head = _simultaneous_with(tok)
    if head is not None:
        if head.i in own:
            return 1, 1, steps
        if head.i in clauses:
            return 1, clauses[head.i] + 1, steps
    return None


def _in_setting(span: Span) -> bool:
    """Whether a date expression dates a meeting named as a setting ("in a call on Monday")."""
    cur = span.root
    for _ in range(4):
        if setting_noun(cur):
            return True
        if cur.head.i == cur.i or cur.pos_ in VERB_POS:
            return False
        cur = cur.head
    return False


def _content_clauses(trigger: Token, anchor: Token) -> set[int]:
    """The infinitives a verb of commitment or refusal governs ("agreed *to reopen* ...")."""
    verb = anchor if anchor.pos_ in VERB_POS else trigger
    if verb.pos_ not in VERB_POS:
        return set()
    found: set[int] = set()
    stack = [c for c in verb.children if c.dep_ == "xcomp"]
    while stack:
        cur = stack.pop()
        if cur.pos_ in VERB_POS and to_infinitive(cur):
            found.add(cur.i)
            stack += [c for c in cur.children if c.dep_ in ("xcomp", "conj")]
    return found


def _tells_occurrence(verb: Token, own: set[int]) -> bool:
    """A relative clause of the event noun's phrase telling when it took place.

    "The talks (between X and Y), *which began on Monday*, ...": the clause may
    hang from a word inside the noun's phrase, but no other verb stands between.
    """
    if verb.dep_ not in ("relcl", "acl") or verb.lemma_.lower() not in OCCURRENCE_VERBS:
        return False
    cur = verb.head
    for _ in range(6):
        if cur.i in own:
            return cur.pos_ in ("NOUN", "PROPN")
        if cur.pos_ in VERB_POS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _simultaneous_with(verb: Token) -> Token | None:
    """The clause an adjunct is told at the same time as, if it is one.

    An adverbial clause ("*while visiting X*, ...", "*speaking on Sunday*, ...")
    goes with its head; a participle on the subject ("Trump, *speaking on
    Sunday*, accused ...") with the subject's verb. Not a purpose ("to meet him
    on Tuesday"), an act before ("having met") or one placed by "after".
    """
    if verb.dep_ not in ("advcl", "acl") or _sequence_edge(verb):
        return None
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"to", "having"}:
        return None
    head = verb.head
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ != "VBG" or head.dep_ not in ("nsubj", "nsubjpass"):
            return None
        return head.head
    if verb.dep_ == "acl":
        return None
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if marks & SIMULTANEOUS_MARKS or (not marks and verb.tag_ in ("VBG", "VBN")):
        return head
    return None


@dataclass(frozen=True, slots=True)
class _DocDates:
    """Per document: each token's sentence, and the date expressions of each sentence."""

    starts: list[int]
    """Token index -> index of the first token of its sentence."""
    resolved: dict[int, list[tuple[Span, str]]]
    """Sentence start -> the resolved expressions (``Doc._.dates``) in it, with their values."""
    unresolved: dict[int, list[Span]]
    """Sentence start -> the expressions in it the date layer could not resolve."""


_DOC_DATES: WeakKeyDictionary[DocIndex, _DocDates] = WeakKeyDictionary()


def _doc_dates(index: DocIndex) -> _DocDates:
    """The :class:`_DocDates` of a document, computed once."""
    found = _DOC_DATES.get(index)
    if found is None:
        doc = index.doc
        starts = [0] * len(doc)
        for sent in doc.sents:
            starts[sent.start : sent.end] = [sent.start] * len(sent)
        resolved: dict[int, list[tuple[Span, str]]] = {}
        for span, value in index.dates:
            resolved.setdefault(starts[span.start], []).append((span, value))
        taken = {span.start for span, _value in index.dates}
        unresolved: dict[int, list[Span]] = {}
        for x in scan(doc_text(doc)):
            span = doc.char_span(x.start, x.end, alignment_mode="expand")
            if span is not None and span.start not in taken:
                unresolved.setdefault(starts[span.start], []).append(span)
        found = _DOC_DATES[index] = _DocDates(starts, resolved, unresolved)
    return found


def _sentence_start(index: DocIndex, i: int) -> int:
    return _doc_dates(index).starts[i]


def same_sentence(index: DocIndex, i: int, j: int) -> bool:
    """Whether tokens ``i`` and ``j`` lie in one sentence."""
    starts = _doc_dates(index).starts
    return starts[i] == starts[j]


def unresolved_cue(index: DocIndex, tok: Token) -> bool:
    """Whether the event's clause has a date the date layer could not resolve.

    ("Three days later" after a year.) The text says when, so no other rule may
    say it instead.
    """
    own = own_tokens(tok, tok)
    clauses = {} if definite_noun(tok) else governing_clauses(tok, tok, own)
    spans = _doc_dates(index).unresolved.get(_sentence_start(index, tok.i), ())
    return any(_rank(span, own, clauses) is not None for span in spans)


def own_tokens(trigger: Token, anchor: Token) -> set[int]:
    """The words of the event's own clause that a date can hang on.

    The trigger, the verb carrying it, the verb a nominal trigger hangs from, and the
    misparsed "having" of a perfect participle (:func:`.parse.perfect_having`).
    """
    own = {trigger.i, anchor.i}
    having = perfect_having(anchor)
    if having is not None:
        own.add(having.i)  # "having last month rejected": the date hangs on "having"
    if trigger.pos_ not in VERB_POS:
        verb = governor(trigger)
        if not crosses_sequence(trigger, verb):
            own.add(verb.i)
    return own


def crosses_sequence(low: Token, high: Token) -> bool:
    """Whether the path from ``low`` up to ``high`` passes an "after" / "before" phrase."""
    cur = low
    while cur.i != high.i and cur.head.i != cur.i:
        if _sequence_edge(cur):
            return True
        cur = cur.head
    return False


def _sequence_edge(tok: Token) -> bool:
    """Whether ``tok`` heads an act placed before or after the clause above it."""
    if tok.dep_ == "prep" and tok.lower_ in SEQUENCE_WORDS:
        return True
    if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in SEQUENCE_WORDS:
        return True
    return any(c.dep_ == "mark" and c.lower_ in SEQUENCE_WORDS for c in tok.children)


def _set_within(relcl: Token) -> bool:
    """Whether a relative clause takes place within its noun ("in which", "where", "when")."""
    for c in relcl.children:
        if c.dep_ == "advmod" and c.lower_ in ("where", "when", "whereupon"):
            return True
        if c.dep_ == "prep" and c.lower_ in SAME_TIME_PREPS:
            if any(g.lower_ in ("which", "whom") for g in c.children):
                return True
    return False


def past_perfect(tok: Token) -> bool:
    """Whether the verb is in the past perfect ("had met"): before the time told around it."""
    return tok.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in tok.children
    )


def governing_clauses(trigger: Token, anchor: Token, own: set[int]) -> dict[int, int]:
    """Verbs of the clauses that govern the event's, with their distance; none past a boundary.

    A boundary is a relative clause (it describes a participant) unless it is
    set within the noun ("a call *in which* they agreed", "talks on Friday,
    *where* both sides pledged"), an act placed before or after the clause
    above ("after meeting X", "the talks follow meetings in Geneva"), or the
    past perfect.
    """
    base = next(
        (t for t in (anchor, trigger, governor(trigger)) if t.i in own and t.pos_ in VERB_POS),
        trigger,
    )
    if base.lemma_.lower() in SEQUENCE_VERBS and base.i != trigger.i:
        return {}
    ranks: dict[int, int] = {}
    cur, depth = base, 0
    while cur.head.i != cur.i:
        describes = cur.dep_ == "acl" or (cur.dep_ == "relcl" and not _set_within(cur))
        if describes or _sequence_edge(cur) or past_perfect(cur):
            break
        cur, depth = cur.head, depth + 1
        if cur.pos_ in VERB_POS and cur.i not in own:
            ranks.setdefault(cur.i, depth)
    return ranks


def _attachment(span: Span, own: set[int]) -> tuple[Token, int] | None:
    """Where the date expression attaches: an own token or the first verb above it.

    None when it modifies a participant that is not the event ("Sunday's vote",
    "accused X over Monday's strike"), or dates the start or end point of an
    "after" / "since" phrase.
    """
    cur = span.root
    steps = 0
    while True:
        if cur.i in own:
            return cur, steps
        if cur.dep_ == "prep" and cur.lower_ in SEQUENCE_WORDS:
            return None  # "since the invasion in 2022", "after talks on Friday": another time
        head = cur.head
        if head.i == cur.i:
            return cur, steps
        if (
            head.i not in own
            and head.pos_ in ("NOUN", "PROPN")
            and cur.dep_ in MODIFIER_DEPS
            and (
                head.dep_ in ARGUMENT_DEPS
                or (head.dep_ == "pobj" and head.head.lower_ not in SAME_TIME_PREPS)
            )
        ):
            return None  # "Sunday's vote", "accused X over Monday's strike"
        cur, steps = head, steps + 1
        if cur.i not in own and cur.pos_ in VERB_POS and not _participle(cur):
            return cur, steps


def _participle(tok: Token) -> bool:
    """An adjectival verb a date may pass ("proposals, submitted in May, ...")."""
    return tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN")


def definite_noun(tok: Token) -> bool:
    """A noun that refers to something told before ("the talks", "Monday's call")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE_WORDS) or c.dep_ == "poss" for c in tok.children
    )
