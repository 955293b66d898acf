"""Dictionary names as entities before NER: the ``detente_actor_patterns`` component.

It does what an ``entity_ruler`` loaded with ``ActorDictionary.patterns()``
does -- entities labelled by the dictionary, ``ent_id_`` = canonical actor id,
the longest match winning overlaps -- about twenty times faster. spaCy's
``Matcher`` walks every token pattern at every token, and the dictionary has
well over a thousand multi-word patterns, which made the ruler the slowest
step of the pipeline (``benchmarks/extract_throughput.py``). Here every
pattern goes into a ``PhraseMatcher`` (hash lookups):

* string patterns -> a phrase matcher on ``ORTH`` (exact, as written);
* token patterns -> a phrase matcher on ``LOWER``, one phrase per variant of
  an optional token ("the"); tokens the pattern wants exact (``ORTH``: acronyms
  such as "U.S.") are checked after the match.

Patterns using other token attributes or operators are rejected with a clear
error rather than silently mis-matched.
"""

from __future__ import annotations

from itertools import product

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from detente.errors import InputError


def _variants(pattern: list[dict]) -> list[list[tuple[str, str]]]:
    """Each concrete token sequence of a token pattern, as (attr, value) pairs."""
    choices = []
    for tok in pattern:
        keys = set(tok) - {"OP"}
        if len(keys) != 1 or not keys <= {"LOWER", "ORTH"} or tok.get("OP", "?") != "?":
            raise InputError("actor patterns", f"unsupported token pattern {tok!r}")
        (attr,) = keys
        item = (attr, tok[attr])
        choices.append([[item], []] if "OP" in tok else [[item]])
    out = []
    for combo in product(*choices):
        seq = [item for part in combo for item in part]
        if seq:
            out.append(seq)
    return out


class ActorPatterns:
    """Label dictionary names as entities carrying the canonical actor id.

    Args:
        vocab: The pipeline's vocabulary.
        patterns: ``ActorDictionary.patterns()``-style dicts: ``label``, ``pattern``
            (a string, or a list of ``{"LOWER"|"ORTH": str, "OP"?: "?"}``) and ``id`` (absent for
            guard patterns that name a place, not an actor: "Latin America").
        name: Component name.
    """

    def __init__(
        self, vocab, patterns: list[dict] | None = None, *, name: str = "detente_actor_patterns"
    ) -> None:
        self.name = name
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.entries: list[tuple[str, str, tuple[tuple[int, str], ...]]] = []
        self._make = _Maker(vocab)
        self.add_patterns(patterns or [])

    def __len__(self) -> int:
        return len(self.entries)

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add ``{"label", "pattern", "id"}`` patterns (see the class docstring)."""
        make = self._make
        for pattern in patterns:
            label, actor_id, pat = pattern["label"], pattern.get("id", ""), pattern["pattern"]
            if isinstance(pat, str):
                key = str(len(self.entries))
                self.entries.append((label, actor_id, ()))
                self.exact.add(key, [make(pat.split(" "))])
                continue
            for seq in _variants(pat):
                key = str(len(self.entries))
                checks = tuple((i, value) for i, (attr, value) in enumerate(seq) if attr == "ORTH")
                self.entries.append((label, actor_id, checks))
                self.lower.add(key, [make([value for _, value in seq])])

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc.ents`` to the dictionary matches plus any earlier entities, longest first."""
        spans = []
        strings = doc.vocab.strings
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                label, actor_id, checks = self.entries[int(strings[match_id])]
                if all(doc[start + i].text == value for i, value in checks):
                    spans.append(Span(doc, start, end, label=label, span_id=actor_id))
        keep = filter_spans(spans + [e for e in doc.ents])
        doc.ents = sorted(keep, key=lambda s: s.start)
        return doc


class _Maker:
    """Docs from pre-split words, so phrases match token by token as the dictionary wrote them."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, words: list[str]) -> Doc:
        return Doc(self.vocab, words=words)


@Language.factory("detente_actor_patterns", assigns=["doc.ents"])
def make_actor_patterns(nlp: Language, name: str) -> ActorPatterns:
    """Build an empty :class:`ActorPatterns` (spaCy factory).

    :func:`detente.extract.pipeline.add_actor_patterns` fills it from the actor dictionary.
    """
    return ActorPatterns(nlp.vocab, name=name)
