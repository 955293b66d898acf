"""Dictionary names as entities before NER: what ``detente_actor_patterns`` does.

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
error rather than silently mis-matched. The patterns as given are kept, so that
``nlp.to_disk()`` saves them (``patterns.jsonl``) and ``spacy.load()`` rebuilds the
same matchers from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product
from pathlib import Path

import srsly
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, filter_spans

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
        self.vocab = vocab
        self._clear()
        self.add_patterns(patterns or [])

    def _clear(self) -> None:
        self.exact = PhraseMatcher(self.vocab, attr="ORTH")
        self.lower = PhraseMatcher(self.vocab, attr="LOWER")
        self.entries: list[tuple[str, str, tuple[tuple[int, str], ...]]] = []
        self.patterns: list[dict] = []
        """The patterns added, as given: what :meth:`to_disk` saves."""
        self._make = _Maker(self.vocab)

    def __len__(self) -> int:
        return len(self.entries)

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Add ``{"label", "pattern", "id"}`` patterns (see the class docstring)."""
        make = self._make
        for pattern in patterns:
            self.patterns.append(pattern)
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

    # -- serialisation (spaCy's component protocol) ----------------------------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The patterns as msgpack bytes (``nlp.to_bytes()``)."""
        return srsly.msgpack_dumps({"patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ActorPatterns:
        """Replace the patterns with those of :meth:`to_bytes` output."""
        self._clear()
        self.add_patterns(srsly.msgpack_loads(data)["patterns"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the patterns as ``patterns.jsonl`` in the directory ``path`` (``nlp.to_disk()``)."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / PATTERNS_FILE, self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ActorPatterns:
        """Replace the patterns with those :meth:`to_disk` saved in ``path`` (``spacy.load()``)."""
        self._clear()
        self.add_patterns(srsly.read_jsonl(ensure_path(path) / PATTERNS_FILE))
        return self


PATTERNS_FILE = "patterns.jsonl"
"""File of the saved patterns, one JSON object a line, in the component's directory."""


class _Maker:
    """Docs from pre-split words, so phrases match token by token as the dictionary wrote them."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, words: list[str]) -> Doc:
        return Doc(self.vocab, words=words)
