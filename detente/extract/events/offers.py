"""Offers of a meeting told through their answer: "X rejected Y's proposal for talks".

The answer presupposes the offer: Y proposed to meet, which the guidelines code
as AGREE (offers, invitations and proposed meetings, Clarification 7) of the
proposer to the side that answered, besides the answer itself (REJECT, AGREE).
Only an offer whose proposer is named on the noun ("Y's offer", "a Turkish
proposal") and whose content is a meeting counts: a proposal of other terms may
be a demand as well as an offer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import Lexicon
from detente.extract.events.parse import prep_objects

if TYPE_CHECKING:
    from detente.extract.events.merging import Coded

OFFER_NOUNS = frozenset({"proposal", "offer", "invitation", "initiative", "suggestion"})
"""Nouns of a proposal made to someone."""
ANSWERS_TO_OFFERS = frozenset({"REJECT", "AGREE"})
"""Types of an answer to a proposal ("rejected", "accepted")."""
PROPOSER_DEPS = frozenset({"poss", "amod", "compound"})
"""Dependencies by which a noun names whose proposal it is."""


def answered_offers(items: list[Coded], index: DocIndex, lexicon: Lexicon) -> list[Coded]:
    """AGREE items for the meeting offers that the coded answers in ``items`` presuppose."""
    doc = index.doc
    out = []
    for item in items:
        if item.event.type not in ANSWERS_TO_OFFERS or item.token is None:
            continue
        answer = item.event
        for offer in doc[item.token].children:
            if offer.dep_ not in ("dobj", "obj") or offer.lemma_.lower() not in OFFER_NOUNS:
                continue
            if not any(
                "CONSULT" in lexicon.noun_types(g) for g in prep_objects(offer, ("for", "of", "to"))
            ):
                continue  # the offer of something other than a meeting
            own = index.side(answer.source_id)
            proposers = [
                a
                for m in offer.children
                if m.dep_ in PROPOSER_DEPS
                for a in index.token_actors.get(m.i, ())
                if index.side(a) != own
            ]
            out += [
                replace(
                    item,
                    event=replace(
                        answer, type="AGREE", mode=None, source_id=p, target_id=answer.source_id
                    ),
                    theme=offer.lemma_.lower(),
                )
                for p in dict.fromkeys(proposers)
            ]
    return out


__all__ = ["answered_offers"]
