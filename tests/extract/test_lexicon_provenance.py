"""Every hand-written entry of the event lexicon says why it is there.

The hand lexicon (``event_lexicon.json``) sits in front of the entries generated
from CAMEO (``event_lexicon_cameo.json``): an entry that only copies a generated
one, or that nobody can justify beyond one article's phrasing, is noise that
shadows the generated entries. The ``why`` field keeps each entry answerable.
"""

from __future__ import annotations

import json

import pytest

from detente.extract.events.lexicon import GENERATED, HAND_WRITTEN
from detente.extract.plover import DATA_DIR


def _entries(name: str) -> list[tuple[str, dict]]:
    data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return [
        (f"{section}[{i}] {row.get('lemma')!r}", row)
        for section in ("verbs", "nouns")
        for i, row in enumerate(data.get(section, []))
    ]


def _conditions(row: dict) -> str:
    """The entry without its reason, in a canonical form (lists as sets)."""
    return json.dumps(
        {k: sorted(v) if isinstance(v, list) else v for k, v in row.items() if k != "why"},
        sort_keys=True,
    )


HAND = _entries(HAND_WRITTEN)


@pytest.mark.parametrize("where,row", HAND, ids=[w for w, _ in HAND])
def test_every_hand_entry_has_a_reason(where, row):
    why = row.get("why")
    assert isinstance(why, str) and len(why.split()) >= 4, f"{where}: no 'why'"


def test_no_hand_entry_is_written_twice():
    seen: dict[str, str] = {}
    for where, row in HAND:
        key = where.split("[")[0] + _conditions(row)  # a verb and its noun may share a row
        assert key not in seen, f"{where} repeats {seen[key]}"
        seen[key] = where


def test_a_copy_of_a_generated_entry_says_what_it_restates_it_for():
    """A hand entry identical to a generated one changes nothing unless it shadows
    other generated entries of its word; its reason must name what CAMEO does there."""
    generated = {_conditions(row) for _, row in _entries(GENERATED)}
    for where, row in HAND:
        if _conditions(row) in generated:
            assert "CAMEO" in row["why"], f"{where} copies a CAMEO entry without saying why"
