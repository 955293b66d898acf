import csv

import pandas as pd
import pytest

from detente.errors import InputError
from detente.extract.plover import load_ontology
from detente.relations.scores import event_score, score_events, score_table


def test_scores_match_the_plover_manual_table(reference_dir):
    """Every (type, mode) score equals the PLOVER manual's table (ACCUSE sign corrected)."""
    table = score_table().set_index(["type", "mode"])["score"]
    with open(reference_dir / "plover" / "plover_scores.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seen = {(r["event"], r["mode"]) for r in rows}
    onto = load_ontology()
    for etype, mode in set(table.index) - seen:  # modes the manual gives no score of their own
        assert mode and onto.types[etype].modes[mode] is None
        assert table[(etype, mode)] == onto.types[etype].score
    for row in rows:
        expected = float(row["score"])
        if row["event"] == "ACCUSE" and not row["mode"]:
            expected = -3.0  # documented correction of the printed +3
        assert table[(row["event"], row["mode"])] == expected, row


def test_mode_refines_type_and_unknown_mode_falls_back():
    assert event_score("CONSULT") == 2.5
    assert event_score("CONSULT", "visit") == 4.0
    frame = pd.DataFrame(
        {"type": ["CONSULT", "CONSULT", "sanction"], "mode": ["phone", "dance", None]}
    )
    assert score_events(frame).tolist() == [1.5, 2.5, -6.0]


def test_unknown_type_names_the_row():
    frame = pd.DataFrame({"type": ["AGREE", "HUG"], "mode": [None, None]})
    with pytest.raises(InputError, match=r"row 1: unknown PLOVER type 'HUG'"):
        score_events(frame)
    with pytest.raises(InputError, match="HUG"):
        event_score("HUG")


def test_empty_frame_scores_empty():
    assert score_events(pd.DataFrame({"type": [], "mode": []})).empty
