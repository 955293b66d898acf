"""Find the character spans of direct quotations (the marks, not the speaker).

Shared by the quote attributor and coreference (a pronoun inside a quotation
belongs to the quoted speaker's voice, so it is not resolved against the
narrative). Rules, each one a news-writing convention:

* Paragraphs: see ``_PARAGRAPH``.
* Double quotes, straight (``"``) or curly (“ ”), pair up inside a paragraph.
  A quotation still open at the end of a paragraph closes there -- the
  convention for a quote running over several paragraphs is to leave the
  closing mark off and open the next paragraph with a fresh mark.
* Curly single quotes (‘ ’) mark a quotation only at the top level (inside a
  double-quoted passage they are a quote within the quote) and only where the
  opening mark starts a word and the closing mark does not sit between two
  letters, because ’ is also the apostrophe ("doesn’t").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A paragraph ends at a blank line, or at a line break after sentence-final
# punctuation (one paragraph per line, as most cleaned news text has it), or
# before a line that opens with a quote mark. A hard-wrapped line that breaks
# mid-sentence does not end a paragraph.
_PARAGRAPH = re.compile(r"\n\s*\n|(?<=[.?!:”\"’)])[ \t]*\n|\n(?=\s*[\"“‘\-•*])")
_DOUBLE = re.compile(r"[\"“”]")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: where its marks are and where its words are."""

    open: int
    """Offset of the opening mark."""
    close: int
    """Offset one past the closing mark (or the paragraph end when unclosed)."""
    start: int
    """Offset of the first quoted character (inside the marks, whitespace trimmed)."""
    end: int
    """Offset one past the last quoted character."""
    paragraph: int
    """Index of the paragraph the quotation opens in."""
    par_start: int = 0
    """Offset where that paragraph starts."""
    par_end: int = 0
    """Offset where that paragraph ends."""
    opens_paragraph: bool = False
    """True when only whitespace precedes the opening mark in its paragraph."""


def _make(text: str, o: int, c: int, s: int, e: int, pi: int, a: int, b: int) -> QuoteSpan:
    return QuoteSpan(o, c, s, e, pi, a, b, not text[a:o].strip())


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, last = [], 0
    for m in _PARAGRAPH.finditer(text):
        bounds.append((last, m.start()))
        last = m.end()
    bounds.append((last, len(text)))
    return [(a, b) for a, b in bounds if b > a]


def _inner(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _double_quotes(text: str, a: int, b: int, pi: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for m in _DOUBLE.finditer(text, a, b):
        ch, pos = m.group(), m.start()
        if opened is None:
            if ch == "”":  # a stray closing mark cannot open a quotation
                continue
            opened = pos
        elif ch != "“":
            s, e = _inner(text, opened + 1, pos)
            if e > s:
                spans.append(_make(text, opened, pos + 1, s, e, pi, a, b))
            opened = None
        else:  # “ while open: the previous one was never closed in this paragraph
            opened = pos
    if opened is not None:
        s, e = _inner(text, opened + 1, b)
        if e > s:
            spans.append(_make(text, opened, b, s, e, pi, a, b))
    return spans


def _single_quotes(text: str, a: int, b: int, pi: int, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    pos = a
    while True:
        o = text.find("‘", pos, b)
        if o < 0:
            return spans
        pos = o + 1
        if o > a and text[o - 1].isalnum():
            continue
        if any(q.open <= o < q.close for q in taken):
            continue
        c = o + 1
        while True:
            c = text.find("’", c, b)
            if c < 0:
                break
            nxt = text[c + 1] if c + 1 < len(text) else " "
            if not (text[c - 1].isalpha() and nxt.isalpha()):
                break
            c += 1
        if c < 0:
            continue
        s, e = _inner(text, o + 1, c)
        if e > s:
            spans.append(_make(text, o, c + 1, s, e, pi, a, b))
            pos = c + 1


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order of the opening mark."""
    spans: list[QuoteSpan] = []
    for pi, (a, b) in enumerate(_paragraphs(text)):
        doubles = _double_quotes(text, a, b, pi)
        spans.extend(doubles)
        spans.extend(_single_quotes(text, a, b, pi, doubles))
    spans.sort(key=lambda q: q.open)
    return spans


def inside(spans: list[QuoteSpan], start: int, end: int | None = None) -> QuoteSpan | None:
    """The quotation whose marks enclose ``[start, end)``, if any."""
    end = start + 1 if end is None else end
    for q in spans:
        if q.open < start and end <= q.close:
            return q
    return None
