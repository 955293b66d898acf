import pandas as pd
import pytest

from detente.errors import InputError
from detente.relations.dyads import dyad_index, dyad_summary


def test_weekly_index_rolls_people_up_to_states(events):
    idx = dyad_index(events, "usa", "rus", freq="W")
    # call (person->person, phone 1.5) week of 10 Feb; agree (2.5) week of 17 Feb;
    # sanction (-6) week of 3 Mar. The bloc's AGREE has no state and is left out.
    assert idx["period"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-02-10",
        "2025-02-17",
        "2025-03-03",
    ]
    assert idx["score_sum"].tolist() == [1.5, 2.5, -6.0]
    assert idx["n_events"].tolist() == [1, 1, 1]
    assert idx["n_cooperative"].tolist() == [1, 1, 0]
    assert idx["n_conflictual"].tolist() == [0, 0, 1]
    first = idx["evidence"].iloc[0][0]
    assert first["sentence"] == "The two leaders spoke on the telephone."
    assert (first["source"], first["target"], first["type"], first["mode"]) == (
        "USA",
        "RUS",
        "CONSULT",
        "phone",
    )


def test_monthly_mean_and_published_date_fallback(events):
    idx = dyad_index(events, "RUS", "USA", freq="M")
    assert idx["period"].dt.strftime("%Y-%m").tolist() == ["2025-02", "2025-03"]
    assert idx["score_sum"].tolist() == [4.0, -6.0]
    assert idx["score_mean"].tolist() == [2.0, -6.0]


def test_directed_keeps_one_direction(events):
    assert dyad_index(events, "RUS", "USA", directed=True).empty
    assert dyad_index(events, "USA", "RUS", directed=True)["n_events"].sum() == 3


def test_undated_events_form_one_last_period(events):
    idx = dyad_index(events, "RUS", "UKR")
    assert len(idx) == 1 and pd.isna(idx["period"].iloc[0])
    assert idx["score_sum"].iloc[0] == -2.0


def test_actor_level_keeps_people_apart(events):
    idx = dyad_index(events, "person.alpha", "person.beta", level="actor", freq="D")
    assert idx["score_sum"].tolist() == [1.5]
    assert dyad_index(events, "USA", "RUS", level="actor")["n_events"].sum() == 2


def test_bad_arguments_name_the_field(events):
    with pytest.raises(InputError, match="^freq: must be one of D, W, M; got 'Q'"):
        dyad_index(events, "USA", "RUS", freq="Q")
    with pytest.raises(InputError, match="^level:"):
        dyad_index(events, "USA", "RUS", level="planet")
    with pytest.raises(InputError, match="two different actors"):
        dyad_index(events, "usa", "USA")


def test_empty_dyad_has_typed_columns(events):
    idx = dyad_index(events, "USA", "UKR")
    assert idx.empty
    assert list(idx.columns) == [
        "period",
        "period_end",
        "resolution",
        "n_events",
        "n_reports",
        "n_documents",
        "score_sum",
        "score_mean",
        "n_cooperative",
        "n_conflictual",
        "evidence",
    ]


def test_summary_lists_undirected_dyads(events):
    s = dyad_summary(events)
    top = s.iloc[0]
    assert (top["a"], top["b"], top["n_events"], top["score_sum"]) == ("RUS", "USA", 3, -2.0)
    assert set(zip(s["a"], s["b"], strict=True)) == {
        ("RUS", "USA"),
        ("CHN", "RUS"),
        ("CHN", "USA"),
        ("RUS", "UKR"),
        ("RUS", "org.bloc"),  # an international body is a side of its own
    }
