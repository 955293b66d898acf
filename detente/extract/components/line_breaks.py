"""Sentence starts at line breaks: the ``detente_line_breaks`` component.

Cleaned articles keep headlines, by-lines, captions and datelines on lines of
their own, usually without final punctuation. The statistical parser, seeing
no full stop, glues such a line onto the next sentence (a headline becomes the
subject of the lede), which misleads every rule that reads subjects and
objects. A line break in news text always ends a sentence, so this component,
placed before the ``parser``, marks the first token after a line break as a
sentence start; the parser keeps preset boundaries (spaCy's
``Token.is_sent_start`` contract) and only adds its own inside each line.
A line ending in a colon introduces the next one (an attribution before a
block quote, "X told reporters:") and is not broken, unless the next line is
an item of a list ("- ", "• ", "1. "): each item is a statement of its own.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreaks:
    """Mark the first token after a line break as a sentence start."""

    def __init__(self, name: str = "detente_line_breaks") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Set ``is_sent_start`` after every line break (whitespace or space token)."""
        broken = False
        for tok in doc:
            if broken and not tok.is_space:
                tok.is_sent_start = True
                broken = False
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                broken = not _introduces(doc, tok.i) or _list_item(doc, tok.i + 1)
        return doc


def _introduces(doc: Doc, i: int) -> bool:
    """True when the line ending at token ``i`` ends in a colon ("X told reporters:")."""
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i >= 0 and doc[i].text.endswith(":")


_MARKERS = frozenset({"-", "–", "—", "•", "*", "·", "▪"})


def _list_item(doc: Doc, i: int) -> bool:
    """True when the line starting at token ``i`` is a list item ("- X", "• X", "2. X")."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc):
        return False
    tok = doc[i]
    if tok.text in _MARKERS:
        return True
    return tok.like_num and i + 1 < len(doc) and doc[i + 1].text in (".", ")")


@Language.factory(
    "detente_line_breaks",
    assigns=["token.is_sent_start"],
)
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    """Build a :class:`LineBreaks` (spaCy factory)."""
    return LineBreaks(name)
