"""gather(): provenance, Monte Carlo caps, failing models, evidence anchors."""

from __future__ import annotations

import numpy as np
import pytest

from detente.bargain import MODELS, BargainingModel
from detente.errors import ModelError
from detente.report import gather, render
from detente.report.views.forecast import locate_words


class LoopMean(BargainingModel):
    """Test model without a vectorised solver: the plain mean of the positions."""

    name = "loop_mean"

    def __init__(self, *, random_state=None):
        self.random_state = random_state

    def fit(self, scenario):
        self.outcome_ = np.nanmean(scenario.positions, axis=0)
        return self


class Refuses(BargainingModel):
    """Test model that rejects every scenario."""

    name = "refuses"

    def __init__(self):
        pass

    def fit(self, scenario):
        raise ModelError("refuses: this scenario has no status quo on 'sanctions'")


@pytest.fixture
def extra_models(monkeypatch):
    monkeypatch.setitem(MODELS, "loop_mean", LoopMean)
    monkeypatch.setitem(MODELS, "refuses", Refuses)


def test_seed_reaches_models_and_draws(small_store, small_scenario, extra_models):
    data = gather(
        small_store,
        scenario_path=small_scenario,
        models=["loop_mean"],
        draws=30,
        random_state=11,
        loop_draws=7,
    )
    (run,) = data.scenario.runs
    assert run.params == {"random_state": 11} and run.seed == 11
    assert run.mc_draws == 7 and run.mc_seed == 11
    assert run.note == "loop_mean runs each draw as its own seeded run: 7 of 30 draws run"
    assert run.outcomes["border"] == pytest.approx(50.0)
    lo, med, hi = run.band["border"]
    assert lo <= med <= hi


def test_loop_draws_zero_skips_monte_carlo(small_store, small_scenario, extra_models):
    data = gather(
        small_store,
        scenario_path=small_scenario,
        models=["loop_mean", "compromise"],
        draws=20,
        random_state=1,
        loop_draws=0,
    )
    loop, comp = data.scenario.runs
    assert loop.mc_draws == 0 and loop.band == {} and "skipped" in loop.note
    assert comp.mc_draws == 20 and comp.note is None and set(comp.band) == {"border", "sanctions"}


def test_no_draws_no_bands(small_store, small_scenario):
    data = gather(
        small_store, scenario_path=small_scenario, models=["compromise"], draws=0, random_state=1
    )
    (run,) = data.scenario.runs
    assert run.mc_draws == 0 and run.band == {} and run.mc_seed is None


def test_failing_model_is_reported_not_raised(small_store, small_scenario, extra_models):
    data = gather(
        small_store,
        scenario_path=small_scenario,
        models=["refuses", "compromise"],
        draws=10,
        random_state=1,
    )
    bad, ok = data.scenario.runs
    assert bad.error == "refuses: this scenario has no status quo on 'sanctions'"
    assert bad.outcomes == {} and ok.error is None
    assert [t.model for t in data.scenario.whatifs] == ["compromise"]
    html = render(data)
    assert "refuses could not forecast this scenario" in html


def test_evidence_is_resolved_once_per_locator(small_store, small_scenario, tmp_path):
    text = small_scenario.read_text(encoding="utf-8").replace(
        '"no such words in the text"', '"border question must stay open"'
    )
    path = tmp_path / "shared.yaml"
    path.write_text(text, encoding="utf-8")
    view = gather(
        small_store, scenario_path=path, models=["compromise"], draws=0, random_state=1
    ).scenario
    anchors = {(p.actor, p.issue): p.evidence for p in view.positions}
    assert anchors[("atl", "border")] == anchors[("atl", "sanctions")] == ("ev-1",)
    assert [e.anchor for e in view.evidence] == ["ev-1", "ev-2", "ev-3", "ev-4"]
    first = view.evidence[0]
    assert first.problem is None and first.doc_title is not None
    assert first.sentence[slice(*first.match)] == "border question must stay open"


def test_scenario_inputs_keep_their_provenance(small_store, small_scenario):
    view = gather(
        small_store, scenario_path=small_scenario, models=["compromise"], draws=0, random_state=1
    ).scenario
    assert view.as_of == "2025-03-05"
    assert [a.why for a in view.actors] == ["larger economy", "holds the border zone", "host"]
    bor = next(p for p in view.positions if (p.actor, p.issue) == ("bor", "border"))
    assert bor.clout == 55 and bor.clout_override and bor.note == "inferred"
    cas = next(p for p in view.positions if p.actor == "cas")
    assert cas.position_range == (40.0, 60.0)
    assert [v.id for v in view.variants] == ["no-cas", "atl-softer"]
    (table,) = view.whatifs
    assert table.outcomes["no-cas"].keys() == {"border", "sanctions"}


@pytest.mark.parametrize(
    "sentence, quote, found",
    [
        ("He said: The Border Question stays.", "border question", "Border Question"),
        ("It echoes China\u2019s claims over Taiwan.", "China's claims", "China\u2019s claims"),
        ("Ask   for\nnew  elections now.", "for new elections", "for\nnew  elections"),
        ("Nothing here.", "absent words", None),
        ("Anything.", "...", None),
    ],
)
def test_locate_words(sentence, quote, found):
    span = locate_words(sentence, quote)
    assert (sentence[slice(*span)] if span else None) == found


class BadDraws(LoopMean):
    """Test model whose Monte Carlo solver rejects the draws."""

    name = "bad_draws"

    def solve_draws(self, scenario, positions, salience, capability, rng):
        raise ModelError("bad_draws: cannot solve drawn inputs")


def test_monte_carlo_failure_keeps_the_point_forecast(small_store, small_scenario, monkeypatch):
    monkeypatch.setitem(MODELS, "bad_draws", BadDraws)
    data = gather(
        small_store, scenario_path=small_scenario, models=["bad_draws"], draws=5, random_state=1
    )
    (run,) = data.scenario.runs
    assert run.error is None and run.outcomes["border"] == pytest.approx(50.0)
    assert run.mc_draws == 0 and run.band == {}
    assert run.note == "Monte Carlo failed: bad_draws: cannot solve drawn inputs"


def test_an_undated_document_shows_its_inferred_days_and_why(db_url):
    from detente.evidence import Evidence
    from detente.extract.records import ReferenceClue, ReferenceRecord
    from detente.store import open_store
    from tests.store.conftest import make_article, make_extraction

    art = make_article()
    start = art.text.index("Tuesday")
    clue = ReferenceClue(
        "2030-03-05.vienna", "Talks in Vienna", "2030-03-05", Evidence(art.doc_id, start, start + 7)
    )
    extraction = make_extraction(art)
    extraction.reference = ReferenceRecord("2030-03-05", "2030-03-11", 7, (clue, clue))
    with open_store(db_url) as store:
        store.add_document(art, extraction)
        data = gather(store, scenario_path=None, models=[], random_state=1)
        html = render(data)
    (doc,) = data.corpus.documents
    assert doc.reference == "2030-03-05 to 2030-03-11"
    assert doc.reference_clues == (("Tuesday", "Talks in Vienna", "2030-03-05"),)
    assert "not stated; written 2030-03-05 to 2030-03-11" in html
    assert "“Tuesday” = Talks in Vienna (2030-03-05)" in html
