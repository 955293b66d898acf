"""The spaCy component ``detente_stances``: actors' stances on negotiation issues.

The rules are :class:`detente.extract.stances.detector.StanceDetector` and the modules of
:mod:`detente.extract.stances` it calls; this module only registers the factory.
"""

from __future__ import annotations

from spacy.language import Language

from detente.extract.extensions import PARSE_ATTRS
from detente.extract.stances.detector import StanceDetector
from detente.issues import parse_issues


@Language.factory(
    "detente_stances",
    default_config={"issues": None, "stance_verbs": None},
    requires=[
        "doc._.mentions",
        "doc._.actor_info",
        "doc._.locations",
        "doc._.dates",
        "doc._.quotes",
        "doc._.reference",
        *PARSE_ATTRS,
    ],
    assigns=["doc._.stances"],
)
def make_stance_detector(
    nlp: Language, name: str, issues: list | None, stance_verbs: dict | None
) -> StanceDetector:
    """Build the stance detector; ``issues`` (issues-file dicts) replaces the packaged issues."""
    return StanceDetector(
        name=name,
        issues=parse_issues(issues, origin=f"{name}.issues") if issues is not None else None,
        stance_verbs=stance_verbs,
    )


__all__ = ["make_stance_detector"]
