"""Finding a few words in a document: the matching behind :meth:`Store.resolve`.

Why normalise: scenario authors type locators by hand, so case, runs of whitespace,
curly against straight quote marks and dash variants must not decide whether a
locator resolves. Matching runs on a normalised copy of the text that keeps, for
each of its characters, the offset of the original character, so the evidence span
refers to the stored text exactly.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
    }
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sen rep gov gen lt col sgt capt jr sr vs etc inc ltd co corp no "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?])(?P<close>[\"'”’)\]]*)[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])|\s*\n\s*")


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching; return it with the original offset of each character."""
    out: list[str] = []
    offsets: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            space = bool(out)
            continue
        if space:
            out.append(" ")
            offsets.append(i - 1)
            space = False
        for folded in ch.translate(_FOLD).lower():
            out.append(folded)
            offsets.append(i)
    return "".join(out), offsets


def find(text: str, words: str) -> tuple[int, int] | None:
    """Span in ``text`` of the first occurrence of ``words`` (normalised match), or None."""
    needle, _ = normalise(words)
    if not needle:
        return None
    hay, offsets = normalise(text)
    at = hay.find(needle)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Regex sentence spans, used when a document was stored without extraction.

    Splits after ``.``/``!``/``?`` (and closing quotes) before a capital or digit, and at
    line breaks; does not split after common abbreviations (``Mr.``, ``U.S.``, ``Feb.``)
    or single-letter initials.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + len(m["close"] or "")
        if "\n" not in m.group(0):
            head = text[start:end].split()
            token = head[-1].rstrip(".!?\"'”’)]").lower() if head else ""
            if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
                continue
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in (trim(text, s, e) for s, e in spans) if e > s]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span [start, end) of ``text`` without leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
