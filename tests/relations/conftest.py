"""Hand-made event frames in the ``Store.events()`` layout (sentences written for these tests)."""

from __future__ import annotations

import pandas as pd
import pytest

EVENT_COLUMNS = [
    "doc_id",
    "doc",
    "published",
    "type",
    "mode",
    "date",
    "location",
    "source_id",
    "source_name",
    "source_type",
    "source_country",
    "target_id",
    "target_name",
    "target_type",
    "target_country",
    "start",
    "end",
    "trigger",
    "evidence",
]

ACTORS = {
    "USA": ("United States", "country", "USA"),
    "RUS": ("Russia", "country", "RUS"),
    "CHN": ("China", "country", "CHN"),
    "UKR": ("Ukraine", "country", "UKR"),
    "person.alpha": ("Alpha Leader", "person", "USA"),
    "person.beta": ("Beta Leader", "person", "RUS"),
    "org.bloc": ("Some Bloc", "organization", None),
}


def make_events(rows: list[tuple]) -> pd.DataFrame:
    """rows: (type, mode, source, target, date, published, sentence)."""
    out = []
    for k, (etype, mode, src, tgt, date, published, sentence) in enumerate(rows):
        s, t = ACTORS[src], ACTORS[tgt]
        out.append(
            (
                f"doc{k % 2}",
                f"doc{k % 2}.txt",
                published,
                etype,
                mode,
                date,
                None,
                src,
                *s,
                tgt,
                *t,
                10 * k,
                10 * k + 9,
                None,
                sentence,
            )
        )
    return pd.DataFrame(out, columns=EVENT_COLUMNS)


@pytest.fixture
def events() -> pd.DataFrame:
    return make_events(
        [
            (
                "CONSULT",
                "phone",
                "person.alpha",
                "person.beta",
                "2025-02-12",
                None,
                "The two leaders spoke on the telephone.",
            ),
            (
                "AGREE",
                None,
                "USA",
                "RUS",
                None,
                "2025-02-19",
                "Both sides agreed to restore staff at their embassies.",
            ),
            (
                "SANCTION",
                None,
                "USA",
                "RUS",
                "2025-03-04",
                None,
                "Washington imposed new sanctions on Moscow banks.",
            ),
            (
                "CONSULT",
                None,
                "RUS",
                "CHN",
                "2025-02-20",
                None,
                "Moscow and Beijing held talks on trade.",
            ),
            (
                "ACCUSE",
                None,
                "USA",
                "CHN",
                "2025-02-21",
                None,
                "Washington accused Beijing of unfair trade.",
            ),
            ("REJECT", None, "RUS", "UKR", None, None, "Moscow rejected the proposal from Kyiv."),
            (
                "AGREE",
                None,
                "org.bloc",
                "RUS",
                "2025-02-19",
                None,
                "The bloc agreed to a meeting with Moscow.",
            ),
        ]
    )
