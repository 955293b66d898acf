"""The report's "Forecast over time" section over a stored track of the invented corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.api import track_scenario_file
from detente.report import build_report, gather
from detente.store import open_store

SEED = Path(__file__).resolve().parents[2] / "scenarios" / "ukraine-2025.yaml"

pytestmark = pytest.mark.model


def test_section_shows_each_issue_over_time_with_what_moved_it(invented_url, tmp_path):
    with open_store(invented_url) as store:
        untracked = gather(
            store, scenario_path=SEED, models=["compromise"], draws=0, random_state=1
        )
        assert untracked.tracking is None
        track_id, _ = track_scenario_file(store, SEED, model="compromise", random_state=3)
        data = gather(store, scenario_path=SEED, models=["compromise"], draws=0, random_state=1)
        html = build_report(
            store, tmp_path, scenario_path=SEED, models=["compromise"], draws=0, random_state=1
        ).read_text(encoding="utf-8")
    t = data.tracking
    assert t.track_id == track_id and [r[0] for r in t.runs][0] == "2025-02-28"
    territory = next(i for i in t.issues if i.id == "territory")
    assert dict(territory.series)["compromise"][0][0] == "2025-02-28"
    assert {m.doc_name for m in territory.moves} == {
        "invented.jsonl#inv1.txt",
        "invented.jsonl#inv2.txt",
    }
    assert all(m.sentence and m.doc_anchor for m in territory.moves)
    assert [o.date for o in territory.outcomes] == ["2025-05-19", "2025-11-25"]
    assert t.backtest is not None and "status quo" in [r[0] for r in t.backtest.rows]
    section = html[html.index('<section id="tracking">') :]
    section = section[: section.index("</section>")]
    assert section.count("<svg") == 8 and "forecast over time" in section
    assert "The articles that moved it" in section and "Keeping score" in section
    assert 'href="#doc-' in section
