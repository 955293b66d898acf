"""A living forecast: runs as of each period end, with prior, sources and forecasts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from detente.bargain import forecast
from detente.bargain.track import as_of_dates, track_scenario
from detente.errors import InputError
from tests.bargain.conftest import ISSUES


def test_period_ends_cover_the_corpus():
    days = [date(2025, 2, 18), date(2025, 4, 2)]
    assert as_of_dates(days, "month") == [date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]
    assert as_of_dates(days, "quarter") == [date(2025, 3, 31), date(2025, 6, 30)]
    assert as_of_dates([date(2025, 3, 31)], "month") == [date(2025, 3, 31)]
    assert as_of_dates([], "week") == []
    with pytest.raises(InputError, match="unknown period 'day'"):
        as_of_dates(days, "day")


def test_runs_draft_and_forecast_as_of_each_date(corpus):
    stances, documents, texts = corpus
    track = track_scenario(
        stances,
        documents,
        ISSUES,
        models=["compromise", "weighted_median"],
        random_state=7,
        every="month",
        texts=texts,
        name="Invented talks",
    )
    assert [r.as_of for r in track.runs] == [
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 31),
        date(2025, 4, 30),
    ]
    first, last = track.runs[0], track.runs[-1]
    assert first.n_documents == 1 and last.n_documents == 2
    assert {s.doc_id for s in first.sources} == {"a"}  # new in the first run
    assert track.runs[1].sources == ()  # nothing published in February
    assert {s.doc_id for s in last.sources} == {"b"}
    assert {(i.actor, i.source) for i in last.inputs} >= {("ukr", "draft"), ("rus", "draft")}
    rus = next(i for i in last.inputs if i.actor == "rus")
    assert rus.position == pytest.approx(88.3, abs=0.05)
    by_model = {f.model: f.outcome for f in last.forecasts if f.issue == "territory"}
    assert set(by_model) == {"compromise", "weighted_median"}
    assert track.params["models"] == ["compromise", "weighted_median"]
    assert track.seed == 7 and track.scenario == "Invented talks"


def test_forecasts_are_the_models_own_on_the_drafted_scenario(corpus):
    from detente.bargain.draft import draft_scenario

    stances, documents, texts = corpus
    track = track_scenario(
        stances, documents, ISSUES, models=["compromise"], random_state=1, texts=texts
    )
    run = track.runs[-1]
    scenario = draft_scenario(stances, documents, ISSUES, as_of=run.as_of, texts=texts).scenario
    expected = forecast(scenario, "compromise").outcome("territory")
    assert [f.outcome for f in run.forecasts] == [pytest.approx(expected)]


def test_no_dated_document_is_a_clear_error():
    empty = pd.DataFrame(columns=["doc_id", "name", "published", "n_chars", "reference_earliest"])
    with pytest.raises(InputError, match="no dated document"):
        track_scenario(pd.DataFrame(), empty, ISSUES, models=["compromise"], random_state=1)
