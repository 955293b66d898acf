import pandas as pd
import pytest

from detente.errors import InputError
from detente.relations.channels import (
    _state,
    channel_states,
    load_lexicon,
    match_channels,
    parse_lexicon,
)
from tests.relations.conftest import make_events


def test_lexicon_places_sentences_in_channels():
    texts = pd.Series(
        [
            "The ambassador returned to the embassy.",
            "New sanctions hit the banks.",
            "Direct flights may resume next month.",
            "Nothing about any of that.",
        ]
    )
    hits = match_channels(texts)
    assert hits.loc[0, "diplomatic"] and not hits.loc[0, "sanctions"]
    assert hits.loc[1, "sanctions"]
    assert hits.loc[2, "transport_post"]
    assert not hits.loc[3].any()
    assert len(load_lexicon().channels) == 8


@pytest.mark.parametrize(
    ("mean", "prev", "thaw", "worse", "state"),
    [
        (2.5, None, False, False, "active"),
        (2.5, -6.0, False, False, "thawing"),
        (2.5, 2.5, True, False, "thawing"),
        (-6.0, None, False, True, "deteriorating"),
        (-6.0, 2.5, False, False, "deteriorating"),
        (-2.0, None, False, False, "frozen"),
        (0.0, None, False, False, "frozen"),
        (-2.0, -2.0, False, False, "frozen"),
    ],
)
def test_state_rule(mean, prev, thaw, worse, state):
    assert _state(mean, prev, thaw, worse) == state


def test_states_per_period_with_evidence(events):
    out = channel_states(events, "USA", "RUS", freq="M")
    by = {(r.channel, r.period.strftime("%Y-%m")): r for r in out.itertuples()}
    # Feb: agreement to restore embassy staff -> diplomatic thawing (thaw cue, positive score)
    assert by[("diplomatic", "2025-02")].state == "thawing"
    # Feb: the leaders' phone call is cooperative -> leaders active
    assert by[("leaders", "2025-02")].state == "active"
    # Mar: new sanctions imposed -> deteriorating, evidence kept
    sanc = by[("sanctions", "2025-03")]
    assert sanc.state == "deteriorating"
    assert sanc.evidence[0]["sentence"].startswith("Washington imposed")
    assert set(out["state"]) <= {"frozen", "thawing", "active", "deteriorating"}


def test_stances_count_as_evidence():
    ev = make_events([("AGREE", None, "USA", "RUS", "2025-02-03", None, "They agreed to talk.")])
    stances = pd.DataFrame(
        [
            (
                "d9",
                "d9.txt",
                "2025-02-10",
                "RUS",
                "Russia",
                "country",
                "RUS",
                "sanctions",
                1,
                "demand",
                0,
                20,
                "Moscow wants sanctions relief.",
            )
        ],
        columns=[
            "doc_id",
            "doc",
            "published",
            "actor_id",
            "actor_name",
            "actor_type",
            "actor_country",
            "issue",
            "direction",
            "kind",
            "start",
            "end",
            "evidence",
        ],
    )
    out = channel_states(ev, "USA", "RUS", stances=stances)
    row = out.loc[out["channel"] == "sanctions"].iloc[0]
    assert row["state"] == "frozen" and row["evidence"][0]["type"] == "STANCE"


def test_no_evidence_gives_empty_frame(events):
    assert channel_states(events, "UKR", "CHN").empty


def test_bad_lexicon_is_reported():
    with pytest.raises(InputError, match="x.json"):
        parse_lexicon(
            {
                "channels": [{"id": "a", "name": "A", "terms": []}],
                "thaw_cues": [],
                "deterioration_cues": [],
            },
            origin="x.json",
        )
