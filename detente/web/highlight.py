"""Mark up an article's text with its extracted actors, events and quotes, escaped.

Spans overlap (an event covers a sentence that holds mentions and a quote), so
the text is cut at every span boundary and each piece is wrapped in the tags of
every span covering it, outermost kind first. Every piece of text and every
attribute goes through :func:`markupsafe.escape`, so an article cannot inject
markup into the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup, escape

KINDS = ("event", "quote", "actor")
"""Kinds of highlight, outermost first."""


@dataclass(frozen=True, slots=True)
class Highlight:
    """A highlighted span of the text."""

    kind: str
    """One of :data:`KINDS`."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    label: str
    """Tooltip text (actor name, event type and parties, speaker)."""
    ref: str | None = None
    """Actor id (actor, quote) or event type."""


def _name(value) -> str:
    return "?" if value is None or pd.isna(value) else str(value)


def collect(mentions: pd.DataFrame, events: pd.DataFrame, quotes: pd.DataFrame) -> list[Highlight]:
    """Highlights from a document's ``Store.mentions/events/quotes`` frames."""
    out: list[Highlight] = []
    for r in mentions.itertuples(index=False):
        out.append(Highlight("actor", int(r.start), int(r.end), _name(r.name), r.actor_id))
    for r in events.itertuples(index=False):
        mode = "" if pd.isna(r.mode) else f" ({r.mode})"
        label = f"{r.type}{mode}: {_name(r.source_name)} → {_name(r.target_name)}"
        out.append(Highlight("event", int(r.start), int(r.end), label, r.type))
    for r in quotes.itertuples(index=False):
        speaker = None if pd.isna(r.speaker_id) else r.speaker_id
        out.append(
            Highlight("quote", int(r.start), int(r.end), f"quote: {_name(r.speaker_name)}", speaker)
        )
    return sorted(out, key=lambda h: (h.start, KINDS.index(h.kind), -h.end))


def _open(h: Highlight) -> str:
    title = escape(h.label)
    if h.kind == "actor":
        href = escape(f"/actors/{h.ref}")
        return f'<a class="hl-actor" href="{href}" title="{title}">'
    css = "hl-event" if h.kind == "event" else "hl-quote"
    return f'<span class="{css}" title="{title}">'


def _close(h: Highlight) -> str:
    return "</a>" if h.kind == "actor" else "</span>"


def render(text: str, highlights: list[Highlight]) -> Markup:
    """The escaped text with every highlight wrapped in its tag.

    Spans outside the text are clipped; empty ones are ignored.
    """
    n = len(text)
    spans = [h for h in highlights if 0 <= h.start < h.end and h.start < n]
    cuts = sorted({0, n, *(h.start for h in spans), *(min(h.end, n) for h in spans)})
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = str(escape(text[a:b]))
        active = [h for h in spans if h.start <= a and min(h.end, n) >= b]
        active.sort(key=lambda h: KINDS.index(h.kind))
        # an actor link is innermost; only one of each kind is opened per piece
        chosen: dict[str, Highlight] = {}
        for h in active:
            chosen.setdefault(h.kind, h)
        ordered = [chosen[k] for k in KINDS if k in chosen]
        parts.append(
            "".join(_open(h) for h in ordered)
            + piece
            + "".join(_close(h) for h in reversed(ordered))
        )
    return Markup("".join(parts))
