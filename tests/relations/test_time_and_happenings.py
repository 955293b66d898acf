"""Events in time and one happening, one record, as the relations stage sees them.

Frames in the ``Store.events()`` layout, sentences written for these tests.
"""

from __future__ import annotations

import pandas as pd

from detente.relations import channel_states, dyad_index, dyad_summary, triangle, triangle_overall
from detente.relations.dyads import background_events
from detente.relations.periods import event_times, place
from tests.relations.conftest import make_events


def frame(rows, **columns) -> pd.DataFrame:
    """``make_events`` rows plus per-row columns (cluster, background, cluster_date ...)."""
    out = make_events(rows)
    for name, values in columns.items():
        out[name] = values
    return out


CALL_FEB = (
    "CONSULT",
    "phone",
    "person.alpha",
    "person.beta",
    "2025-02",
    None,
    "The two leaders spoke by phone in February.",
)
MEET = ("CONSULT", None, "USA", "RUS", "2025-02-18", None, "The ministers met in the capital.")
SANCTIONS_PAST = (
    "SANCTION",
    None,
    "USA",
    "RUS",
    None,
    "2025-03-05",
    "For years Washington has imposed sanctions on Moscow.",
)


def test_month_dated_events_make_a_month_row_not_a_point_in_the_week_of_the_1st():
    events = frame([CALL_FEB, MEET])
    idx = dyad_index(events, "USA", "RUS", freq="W")
    rows = list(
        zip(
            idx["period"].dt.strftime("%Y-%m-%d"),
            idx["period_end"].dt.strftime("%Y-%m-%d"),
            idx["resolution"],
            idx["n_events"],
            strict=True,
        )
    )
    assert rows == [
        ("2025-02-01", "2025-02-28", "month", 1),
        ("2025-02-17", "2025-02-23", "week", 1),
    ]
    assert not (idx["period"] < pd.Timestamp("2025-02-01")).any()
    month = dyad_index(events, "USA", "RUS", freq="M")  # the month view takes both
    assert month["resolution"].tolist() == ["month"] and month["n_events"].tolist() == [2]
    days = dyad_index(events, "USA", "RUS", freq="D")
    assert days["resolution"].tolist() == ["month", "day"]


def test_a_year_dated_event_makes_a_year_row_and_keeps_its_precision_in_the_evidence():
    helsinki = ("CONSULT", None, "USA", "RUS", "2018", None, "The presidents met in 2018.")
    idx = dyad_index(frame([helsinki]), "USA", "RUS", freq="M", include_background=True)
    assert idx["resolution"].tolist() == ["year"]
    assert idx["period_end"].iloc[0] == pd.Timestamp("2018-12-31")
    (item,) = idx["evidence"].iloc[0]
    assert (item["date"], item["date_precision"], item["dated_by"]) == ("2018", "year", "event")


def test_event_times_say_what_the_date_rests_on():
    events = frame([CALL_FEB, SANCTIONS_PAST, ("REJECT", None, "RUS", "UKR", None, None, "x")])
    t = event_times(events)
    assert t["precision"].tolist() == ["month", "day", None]
    assert t["dated_by"].tolist() == ["event", "published", None]
    placed = place(t, "W")
    assert placed["resolution"].tolist() == ["month", "week", None]


def test_reports_of_one_happening_count_once_with_all_their_sources():
    reports = [
        MEET,
        MEET,
        MEET,
        ("AGREE", None, "USA", "RUS", "2025-02-18", None, "The talks ended with four agreements."),
    ]
    events = frame(reports, cluster=["c1", "c1", "c1", "c2"], doc_id=["d1", "d2", "d3", "d3"])
    idx = dyad_index(events, "USA", "RUS", freq="W")
    (row,) = idx.itertuples()
    assert (row.n_events, row.n_reports, row.n_documents) == (2, 4, 3)
    assert row.score_sum == 2.5 + 2.5  # one meeting and one agreement, each scored once
    meeting = next(e for e in row.evidence if e["type"] == "CONSULT")
    assert (meeting["cluster"], meeting["n_documents"], len(meeting["reports"])) == ("c1", 3, 3)
    summary = dyad_summary(events)
    assert summary[["n_events", "n_reports"]].iloc[0].tolist() == [2, 4]


def test_a_cluster_is_dated_by_what_its_reports_agree_on():
    late = ("CONSULT", None, "USA", "RUS", "2025-02-19", None, "They met yesterday.")
    events = frame([late, MEET], cluster=["c1", "c1"], cluster_date=["2025-02-18"] * 2)
    idx = dyad_index(events, "USA", "RUS", freq="D")
    assert idx["period"].dt.strftime("%Y-%m-%d").tolist() == ["2025-02-18"]


def test_background_is_left_out_unless_asked_and_listed_apart():
    events = frame([MEET, SANCTIONS_PAST], background=[False, True])
    idx = dyad_index(events, "USA", "RUS", freq="W")
    assert idx["n_events"].sum() == 1 and (idx["score_sum"] > 0).all()
    both = dyad_index(events, "USA", "RUS", freq="W", include_background=True)
    assert both["n_events"].sum() == 2
    past = background_events(events, "RUS", "USA")
    assert past["type"].tolist() == ["SANCTION"]
    # the background sentence does not turn this month's sanctions channel
    channels = channel_states(events, "USA", "RUS", freq="M")
    assert "sanctions" not in set(channels["channel"])
    channels = channel_states(events, "USA", "RUS", freq="M", include_background=True)
    assert channels.loc[channels["channel"] == "sanctions", "state"].tolist() == ["deteriorating"]


def test_a_cluster_is_background_only_when_every_report_is():
    events = frame([MEET, MEET], cluster=["c1", "c1"], background=[True, False])
    assert dyad_index(events, "USA", "RUS")["n_events"].sum() == 1


def test_one_recalled_cold_war_episode_does_not_decide_the_triangle():
    rows = [
        MEET,
        ("CONSULT", None, "RUS", "CHN", "2025-02-20", None, "Moscow and Beijing held talks."),
        (
            "CONSULT",
            None,
            "USA",
            "CHN",
            None,
            None,
            "During the Cold War an American envoy engaged with Beijing.",
        ),
    ]
    events = frame(rows, background=[False, False, True])
    assert triangle_overall(events)["type"] == "undetermined"
    assert triangle_overall(events, include_background=True)["type"] == "menage_a_trois"
    table = triangle(events, freq="M")
    assert table["period"].notna().all() and table["resolution"].tolist() == ["month"]


def test_channel_states_place_a_happening_by_any_report_naming_the_channel():
    a = ("AGREE", None, "USA", "RUS", "2025-02-18", None, "The sides agreed on next steps.")
    b = ("AGREE", None, "USA", "RUS", "2025-02-18", None, "They agreed to restaff embassies.")
    events = frame([a, b], cluster=["c1", "c1"], doc_id=["d1", "d2"])
    out = channel_states(events, "USA", "RUS", freq="W")
    row = out.loc[out["channel"] == "diplomatic"].iloc[0]
    assert row["n_evidence"] == 1 and len(row["evidence"][0]["reports"]) == 2
