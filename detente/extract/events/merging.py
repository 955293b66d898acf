"""One event per real-world act: merging the repeats of coded events.

A news article tells one meeting, agreement or threat several times, from
several triggers and sentences; PLOVER (and Clarification 3 of the annotation
guidelines) counts it once. The coder (:mod:`detente.extract.events.coder`)
codes every trigger on its own as a :class:`Coded` item; :func:`merge_events`
then joins the items that are one act (same type, the same sides, compatible
date, theme, place, medium and occasion) and dates those still without a day
(:mod:`detente.extract.events.narrative`). It lives apart from the coder because
telling repeats apart is a question about the whole article, not about one clause.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import Lexicon
from detente.extract.events.narrative import date_events, earlier_occasion
from detente.extract.events.setting import state_of_place
from detente.extract.records import EventRecord


@dataclass(frozen=True, slots=True)
class Coded:
    """One coded event before merging, with what merging needs to know."""

    sentence: int
    """Index of its sentence (segment) in the document."""
    event: EventRecord
    """The event as coded from one trigger."""
    theme: str | None = None
    """What was agreed / demanded / rejected, to tell distinct speech acts apart."""
    past: bool = False
    """Whether the trigger's clause is in the simple past (a narrated action)."""
    token: int | None = None
    """Index of the trigger word in the Doc."""
    lemma: str = ""
    """Lemma of the trigger word ("meet", "call")."""


REMOTE_LIKE = frozenset({"conversation", "call", "discussion", "discuss", "talk", "speak", "chat"})
"""Trigger lemmas of a consultation that may have been a phone call ("the conversation")."""


def _same_setting(a: Coded, b: Coded) -> bool:
    """Whether two coded events can be one action as far as place and medium go.

    Two places that name different states are two events ("talks in Riyadh",
    "talks in Washington"); a phone call is not a meeting held face to face (a
    visit, "talks", a "meeting", or one with a place), but it is the same event as
    a "conversation" of the same two sides that could have been held by phone.
    """
    x, y = a.event, b.event
    if x.location and y.location and x.location != y.location:
        state = state_of_place(x.location)
        if state is None or state != state_of_place(y.location):
            return False
    if x.type != "CONSULT" or (x.mode == "phone") == (y.mode == "phone"):
        return True
    other, lemma = (y, b.lemma) if x.mode == "phone" else (x, a.lemma)
    return other.mode != "visit" and other.location is None and lemma in REMOTE_LIKE


def _same_occasion(a: Coded, b: Coded, index: DocIndex) -> bool:
    """Whether neither or both of two coded events are told as an earlier occasion.

    "X met Y on Friday ... X had met Y on three previous occasions": the second
    is another meeting, not a repeat of the first
    (:func:`~detente.extract.events.narrative.earlier_occasion`).
    """
    if a.token is None or b.token is None:
        return True
    doc = index.doc
    return earlier_occasion(doc[a.token]) == earlier_occasion(doc[b.token])


def _countries(index: DocIndex, event: EventRecord) -> tuple[str | None, str | None]:
    return index.country(event.source_id), index.country(event.target_id)


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _finer(a: str | None, b: str | None) -> str | None:
    if not a:
        return b
    if not b:
        return a
    return a if len(a) >= len(b) else b

ONE_PER_PAIR = frozenset({"CONSULT"})
"""Types coded once per pair of sides (Clarification 3 of the guidelines: one meeting, one
event): read both ways from one trigger ("the two leaders met"), X–Y and Y–X are one event.
Each side's own commitment ("both sides agreed") stays an event of its own."""


def merge_events(
    coded: list[Coded],
    index: DocIndex,
    lexicon: Lexicon,
    *,
    publication_month: bool = True,
) -> list[EventRecord]:
    """One event per real-world action: merge repeats, keep the first evidence, then date them.

    Two coded events are repeats when they have the same type, the same pair of
    states (either order for the lexicon's reciprocal types such as CONSULT),
    compatible dates (equal, one a prefix of the other, or one missing),
    compatible themes, compatible settings (:func:`_same_setting`) and the same
    occasion (:func:`_same_occasion`: an earlier one is told as such). Two
    parties coded from one trigger are never merged, except one meeting read both
    ways (:data:`ONE_PER_PAIR`). The merged event keeps the
    first evidence and trigger, the most precise date, and the first known mode
    and location. Events still without a day are then dated from what they
    refer back to, the narrative they continue, or the publication month
    (:func:`~detente.extract.events.narrative.date_events`).
    """
    reciprocal = lexicon.reciprocal_types
    merged: list[Coded] = []
    for item in coded:
        ev = item.event
        src, tgt = _countries(index, ev)
        for j, kept_item in enumerate(merged):
            kept = kept_item.event
            if kept.type != ev.type or (
                item.theme and kept_item.theme and item.theme != kept_item.theme
            ):
                continue
            k_src, k_tgt = _countries(index, kept)
            if (
                kept.evidence == ev.evidence
                and kept.trigger == ev.trigger
                and not (ev.type in ONE_PER_PAIR and (k_src, k_tgt) == (tgt, src))
            ):
                # two parties of one trigger ("both X and Y agreed") stay two events; one
                # meeting read both ways from a plural subject ("the two leaders met") is one
                continue
            same = (k_src, k_tgt) == (src, tgt) or (
                ev.type in reciprocal and tgt is not None and (k_src, k_tgt) == (tgt, src)
            )
            if (
                same
                and _same_setting(kept_item, item)
                and _dates_compatible(kept.date, ev.date)
                and _same_occasion(kept_item, item, index)
            ):
                merged[j] = replace(
                    kept_item,
                    event=replace(
                        kept,
                        date=_finer(kept.date, ev.date),
                        mode=kept.mode or ev.mode,
                        location=kept.location or ev.location,
                    ),
                    theme=kept_item.theme or item.theme,
                    past=kept_item.past or item.past,
                )
                break
        else:
            merged.append(item)
    return date_events(merged, coded, index, lexicon, publication_month=publication_month)


__all__ = ["ONE_PER_PAIR", "Coded", "merge_events"]
