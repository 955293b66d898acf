"""Fixtures of the bargaining tests: the invented stance corpus of the drafting tests.

``Store.stances()`` and ``Store.documents()`` as they would be for four invented
articles; :mod:`tests.bargain.test_draft` works the expected numbers out by hand.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from detente.issues import Issue, IssueSet

TEXT_A = ("Moscow wants all of it. " + "x " * 240 + "Washington proposes the middle line.").ljust(
    1000, "."
)
TEXT_B = ("Kyiv says no to that. " + "y " * 290 + "Moscow now speaks of some of it.").ljust(
    1000, "."
)
ISSUES = IssueSet(
    (Issue("territory", "Territory", status_quo=50.0), Issue("nato", "NATO")),
    name="Invented talks",
)


def _row(
    doc,
    published,
    actor,
    country,
    kind,
    position,
    start,
    *,
    issue="territory",
    relative=None,
    actor_type="country",
    cue="all of it",
):
    return {
        "doc_id": doc,
        "doc": f"{doc}.txt",
        "published": published,
        "actor_id": actor,
        "actor_name": actor,
        "actor_type": actor_type,
        "actor_country": country,
        "issue": issue,
        "direction": 0,
        "kind": kind,
        "position": position,
        "relative_id": relative,
        "cue": cue,
        "start": start,
        "end": start + 20,
        "evidence": "",
    }


@pytest.fixture
def corpus():
    stances = pd.DataFrame(
        [
            _row("a", date(2025, 1, 1), "RUS", "RUS", "demand", 100.0, 0),
            _row("a", date(2025, 1, 1), "USA", "USA", "propose", 50.0, 500, cue="middle line"),
            _row("b", date(2025, 4, 1), "RUS", "RUS", "state", 80.0, 600, cue="some of it"),
            _row(
                "b", date(2025, 4, 1), "UKR", "UKR", "reject", None, 0, relative="RUS", cue="that"
            ),
            _row(
                "b",
                date(2025, 4, 1),
                "person.envoy",
                "USA",
                "accept",
                50.0,
                700,
                actor_type="person",
            ),
            _row("c", None, "RUS", "RUS", "demand", 0.0, 0),  # undated: left out
            _row(
                "b",
                date(2025, 4, 1),
                "grp.west",
                None,
                "state",
                20.0,
                800,
                actor_type="organization",
            ),  # speaks for no scenario actor
        ]
    )
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "name": ["a.txt", "b.txt", "c.txt"],
            "published": [date(2025, 1, 1), date(2025, 4, 1), None],
            "n_chars": [1000, 1000, 1000],
            "reference_earliest": [None, None, None],
        }
    )
    return stances, documents, {"a": TEXT_A, "b": TEXT_B}
