"""Long articles in parts: split below the model's length limit, merge the facts back.

Why: spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters;
error E088), and the parser's memory and the rule components' time grow with the
text, so a 2 MB transcript would abort a run, exhaust memory or take hours. detente
cuts such a text into parts at paragraph breaks (else at a sentence end, else at a
space), runs the whole pipeline on each part, and merges the parts' facts: every
span shifted by its part's offset, so each fact points into the whole text exactly
where a run on the whole text would put it; sentences renumbered; actors merged.

What does not cross a cut: a pronoun whose antecedent is in an earlier part, an
undated event continuing a dated account across the cut, and the merging of one
happening reported in two parts (it stays two records). Parts are large
(:data:`MAX_PART_CHARS`), so this touches only texts far longer than a news article.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from detente.evidence import Evidence
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    ReferenceRecord,
    SentenceRecord,
)

MAX_PART_CHARS = 100_000
"""Default size of one part: far below spaCy's 1,000,000 and cheap in parser memory."""

_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")
_MIN_SHARE = 4
"""A boundary before ``limit // _MIN_SHARE`` is not cut at (it would make a needlessly
small part); the next kind of boundary is tried instead."""


def split_text(text: str, limit: int = MAX_PART_CHARS) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` that cover ``text`` in order, each at most ``limit`` characters.

    Each cut falls after the last paragraph break (a blank line) in the window, else
    after the last line break, else after the last sentence end, else after the last
    whitespace, else at ``limit`` (a text without spaces). A text within the limit is
    one part.
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    spans: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while n - pos > limit:
        window = text[pos : pos + limit]
        cut = _cut(window, limit)
        spans.append((pos, pos + cut))
        pos += cut
    spans.append((pos, n))
    return spans


def _cut(window: str, limit: int) -> int:
    floor = limit // _MIN_SHARE
    for pattern in (r"\n[ \t]*\n\s*", r"\n\s*"):
        ends = [m.end() for m in re.finditer(pattern, window)]
        if ends and ends[-1] > floor:
            return ends[-1]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] > floor:
        return ends[-1]
    spaces = [m.end() for m in re.finditer(r"\s+", window)]
    if spaces and spaces[-1] > floor:
        return spaces[-1]
    return limit


def _shift(record, offset: int, doc_id: str):
    """A copy of a record with every span it holds moved by ``offset`` characters.

    That is ``evidence`` and any other span field (an event's ``date_evidence``).
    """
    moved = {
        f.name: Evidence(doc_id, value.start + offset, value.end + offset)
        for f in dataclasses.fields(record)
        if isinstance(value := getattr(record, f.name), Evidence)
    }
    return dataclasses.replace(record, **moved)


def merge_parts(
    doc_id: str, parts: Sequence[tuple[int, DocumentExtraction]]
) -> DocumentExtraction:
    """One extraction of the whole text from the extractions of its parts.

    Args:
        doc_id: The whole document's key.
        parts: ``(offset of the part in the whole text, the part's extraction)``, in order.

    Sentences are renumbered in order; actors are merged by id (the first record
    wins, with a role taken from a later part when the first has none); every span
    is shifted by its part's offset; the reference time is :func:`merge_references`.
    """
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    merged = DocumentExtraction(doc_id=doc_id)
    actors: dict[str, ActorRecord] = {}
    references = []
    for offset, ex in parts:
        base = len(merged.sentences)
        merged.sentences.extend(
            SentenceRecord(base + k, s.start + offset, s.end + offset)
            for k, s in enumerate(ex.sentences)
        )
        for rec in ex.actors:
            known = actors.get(rec.actor_id)
            if known is None:
                actors[rec.actor_id] = rec
            elif known.role is None and rec.role is not None:
                actors[rec.actor_id] = dataclasses.replace(known, role=rec.role)
        for name in ("mentions", "events", "quotes", "stances"):
            getattr(merged, name).extend(_shift(r, offset, doc_id) for r in getattr(ex, name))
        if ex.reference is not None:
            clues = tuple(_shift(c, offset, doc_id) for c in ex.reference.clues)
            references.append(dataclasses.replace(ex.reference, clues=clues))
    merged.actors = [actors[k] for k in sorted(actors)]
    merged.reference = merge_references(references)
    return merged


def merge_references(references: Sequence[ReferenceRecord]) -> ReferenceRecord | None:
    """The days every part's inferred "now" allows, with all their clues.

    When the parts' windows do not overlap, the first part's window is kept (the
    opening of a text is where its time is set) with its own clues only.
    """
    if not references:
        return None
    earliest = max(r.earliest for r in references)
    latest = min(r.latest for r in references)
    if earliest > latest:
        return references[0]
    span = (date.fromisoformat(latest) - date.fromisoformat(earliest)).days + 1
    days = min(min(r.days for r in references), span)
    clues = tuple(c for r in references for c in r.clues)
    return ReferenceRecord(earliest, latest, days, clues)
