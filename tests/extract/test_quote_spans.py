"""Finding quotation marks: curly/straight, apostrophes, nesting, unclosed paragraphs."""

from __future__ import annotations

from detente.extract.quotes.spans import find_quote_spans, inside


def bodies(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quote_spans(text)]


def test_curly_and_straight_quotes():
    text = 'She said “we are ready,” and he said "so are we."'
    assert bodies(text) == ["we are ready,", "so are we."]


def test_apostrophes_are_not_quotes():
    assert bodies("The minister doesn’t agree; it’s the envoys’ plan.") == []


def test_single_quotes_nested_and_top_level():
    text = "“The ‘deal’ is off,” he said. The ‘summit’ waits."
    assert bodies(text) == ["The ‘deal’ is off,", "summit"]


def test_unclosed_quote_closes_at_paragraph_end():
    text = "“The first part runs on.\n“And the second ends,” he said."
    assert bodies(text) == ["The first part runs on.", "And the second ends,"]


def test_inside_reports_the_enclosing_quote():
    text = 'He said "we met him" today.'
    q = find_quote_spans(text)[0]
    assert inside([q], text.index("met")) == q
    assert inside([q], text.index("today")) is None
