"""From articles to a scenario and back: the invented corpus through the whole pipeline.

The articles (``tests/conftest.py``) are invented so that each sentence names one
mark of one of the seed scenario's issues; the drafted positions are therefore
known by construction (``INVENTED_ANSWER``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.api import (
    backtest_scenario_file,
    check_scenario,
    draft_from_store,
    draft_scenario_file,
    load_issues,
    track_scenario_file,
)
from detente.bargain.io import load_scenario_file
from detente.errors import NotFound, ScenarioError
from detente.store import open_store
from tests.conftest import INVENTED_ANSWER

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "scenarios" / "ukraine-2025.yaml"

pytestmark = pytest.mark.model


def test_the_draft_of_the_invented_corpus_is_known_by_construction(invented_url, tmp_path):
    with open_store(invented_url) as store:
        draft, path, checks = draft_scenario_file(store, issues_path=SEED, out=tmp_path / "d.yaml")
    s = draft.scenario
    got = {
        (a.id, i.id): float(s.positions[r, c])
        for r, a in enumerate(s.actors)
        for c, i in enumerate(s.issues)
        if s.present[r, c]
    }
    assert got == INVENTED_ANSWER
    assert checks and all(c.problem is None for c in checks)
    assert {i for i, _ in draft.left_out_issues} == {"elections", "energy_strikes", "economy"}
    assert {a for a, _ in draft.left_out_actors} == {"eu", "gbr", "fra", "deu", "chn", "sau"}
    back = load_scenario_file(path)
    assert back.scenario.actors[0].clout == 100  # the seed scenario gives the clout
    assert "draft:" in path.read_text(encoding="utf-8")


def test_as_of_and_the_packaged_issues(invented_url):
    with open_store(invented_url) as store:
        import datetime as dt

        early = draft_from_store(store, load_issues(None), as_of=dt.date(2025, 2, 28))
    assert set(early.scenario.issue_ids) == {"territory", "nato"}
    assert early.scenario.actors[0].description.startswith("GDP")  # capabilities table


def test_track_stores_runs_and_backtest_scores_them(invented_url, tmp_path):
    scenario = tmp_path / "seed.yaml"
    scenario.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with open_store(invented_url) as store:
        with pytest.raises(NotFound, match="run `detente track` first"):
            backtest_scenario_file(store, scenario)
        track_id, track = track_scenario_file(store, scenario, model="compromise", random_state=3)
        assert [r.as_of.isoformat() for r in track.runs] == [
            "2025-02-28",
            "2025-03-31",
            "2025-04-30",
            "2025-05-31",
        ]
        frame = store.track_forecasts(track_id)
        assert len(frame) == 4 * 8 and set(frame["model"]) == {"compromise"}
        inputs = store.track_inputs(track_id)
        last = inputs.loc[inputs["as_of"] == inputs["as_of"].max()].set_index(["actor", "issue"])
        assert last.loc[("usa", "sanctions"), "position"] == 100.0
        assert last.loc[("usa", "sanctions"), "source"] == "draft"
        assert last.loc[("eu", "sanctions"), "source"] == "prior"
        sources = store.track_sources(track_id)
        assert set(sources["doc"]) == {f"invented.jsonl#inv{k}.txt" for k in range(1, 5)}
        assert sources["sentence"].str.len().min() > 20
        result = backtest_scenario_file(store, scenario)
    assert "compromise" in result.table.index and "status quo" in result.table.index
    assert result.counts.loc["compromise", "all"] > 0


def test_backtest_needs_outcomes(invented_url, tmp_path):
    bare = tmp_path / "bare.yaml"
    text = SEED.read_text(encoding="utf-8")
    bare.write_text(text[: text.index("\noutcomes:")] + "\n", encoding="utf-8")
    with open_store(invented_url) as store:
        with pytest.raises(ScenarioError, match="records no outcomes"):
            backtest_scenario_file(store, bare)


def test_outcome_locators_are_checked(invented_url):
    sf = load_scenario_file(SEED)
    with open_store(invented_url) as store:
        checks = check_scenario(sf.scenario, store, sf.outcomes)
    outcome_checks = [c for c in checks if c.what.startswith("outcome")]
    assert len(outcome_checks) == sum(len(o.evidence) for o in sf.outcomes)
    assert all("not in the store" in c.problem for c in outcome_checks)
