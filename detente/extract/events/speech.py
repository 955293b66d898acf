"""Reported speech and stated commitments: "X said it would ..." as PLOVER codes it.

PLOVER
codes a future act by what announcing it does: a party that says it *will*
meet, support, cooperate, help or concede has made a commitment (AGREE; the
manual codes future-tense CONSULT, SUPPORT, COOPERATE and AID as AGREE), and
one that says it will attack, sanction or coerce has made a threat
(THREATEN). The guidelines add that an announced, scheduled meeting is AGREE
with the announcer as actor (Clarification 7).

Rules (pinned by ``tests/extract/test_events_speech.py``):

* a promised concession, verbal or material (easing sanctions, withdrawing troops),
  is a concession (CONCEDE), as the guidelines code a promised easing of sanctions;
  a promise of any other cooperative act is AGREE;
* a future act in the complement of a verb of saying ("X said it would ...",
  "X announced that X and Y will meet") is a commitment of the speaker only
  when the speaker's side is among those who will act: the speaker is the
  actor, the recipient is the act's recipient or the other acting side;
* without a verb of saying, a cooperative act the text itself announces ("X
  will meet Y on Friday", "X is set to visit Y", "X will provide Y with ...") is
  AGREE of its actor; a hostile one is a forecast, not a threat anyone made,
  and "would" there is a hypothetical, not an announcement;
* readiness stated as a fact ("X is ready to work with Y") is a commitment too;
* an act whose type is neither cooperative nor hostile (a future demand,
  accusation or rejection) is not coded.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.extract.events.factuality import clause_chain
from detente.extract.events.lexicon import TriggerRule

REPORTING_VERBS = frozenset(
    """say tell announce declare state confirm add write post insist stress reiterate
    indicate assure pledge promise vow signal report note affirm explain reply respond
    warn""".split()
)
"""Verbs of saying whose complement clause is what the subject said."""
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"})
"""Types whose announced future act is a commitment (AGREE)."""
HOSTILE = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "COERCE": "restrict",
    "SANCTION": "restrict",
}
"""Types whose announced future act is a threat (THREATEN), with the threat's PLOVER mode."""
COMMITMENT_MARKS = frozenset({"future", "would", "ready", "planned"})
"""Obstacles to factuality (see :func:`.factuality.obstacles`) that a commitment may carry."""


def reporting_verb(token: Token) -> Token | None:
    """The verb of saying whose complement clause holds ``token``, if any.

    "X said (that) it would meet Y": the clause of *meet* is the ``ccomp`` of
    *said*. A participle of saying works the same way ("..., saying it would ...").
    """
    head = clause_chain(token)[-1]
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in REPORTING_VERBS:
        return head.head
    return None


def commitment(rule: TriggerRule) -> tuple[str, str | None] | None:
    """(type, mode) that stating ``rule``'s act as one's future act amounts to, or None.

    A promised concession ("said it would ease sanctions") is itself a verbal
    concession (CONCEDE, the guidelines' "promised easing of sanctions"), and so is
    a promised material one ("said it would pull back its troops"), as a declared
    ceasefire not yet observed is.
    """
    if rule.type in ("CONCEDE", "RETREAT"):
        return "CONCEDE", None
    if rule.type in COOPERATIVE:
        return "AGREE", None
    if rule.type in HOSTILE:
        return "THREATEN", HOSTILE[rule.type]
    return None


def announced(rule: TriggerRule, marks: frozenset[str], speaker: Token | None) -> bool:
    """Whether a future act with these obstacles is a stated commitment or announcement.

    Under a verb of saying any future or plan counts ("said it would", "said it
    plans to"); on the text's own authority only a definite future, a plan or a
    stated readiness or schedule of a cooperative act does, or a stated readiness
    of any act ("X is ready to strike").
    """
    if not marks or not marks <= COMMITMENT_MARKS:
        return False
    if speaker is not None:
        return True
    if "would" in marks:
        return False
    return "ready" in marks or rule.type in COOPERATIVE


__all__ = ["announced", "commitment", "reporting_verb"]
