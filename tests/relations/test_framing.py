import math

import pandas as pd
import pytest

from detente.errors import InputError
from detente.relations.framing import (
    UNKNOWN_OUTLET,
    parse_lexicon,
    quoted_voices,
    tone,
    tone_by_outlet,
)


def test_tone_signs_negation_and_normalisation():
    assert tone("The talks were constructive and productive.") > 0.5
    assert tone("Moscow accused Kyiv of aggression.") < -0.5
    assert tone("The schedule lists a room.") == 0.0
    # "constructive" is 2.0; negated it is 2.0 * -0.74, normalised by sqrt(x^2 + 15)
    x = 2.0 * -0.74
    assert tone("The talks were not constructive.") == pytest.approx(x / math.sqrt(x * x + 15))
    assert tone("They haven't agreed.") < 0


@pytest.fixture
def corpus():
    documents = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Daily Wire Service", None]})
    sentences = pd.DataFrame(
        [
            ("a", 0, 40, "Alpha praised the constructive talks."),
            ("a", 41, 80, "Beta accused Alpha of aggression."),
            ("b", 0, 30, "Beta welcomed the progress."),
        ],
        columns=["doc_id", "start", "end", "text"],
    )
    mentions = pd.DataFrame(
        [
            ("a", "A", "Alpha", 0),
            ("a", "B", "Beta", 41),
            ("a", "A", "Alpha", 60),
            ("b", "B", "Beta", 0),
        ],
        columns=["doc_id", "actor_id", "name", "start"],
    )
    quotes = pd.DataFrame(
        [("a", "A", "Alpha"), ("a", "A", "Alpha"), ("a", None, None), ("b", "B", "Beta")],
        columns=["doc_id", "speaker_id", "speaker_name"],
    )
    return documents, sentences, mentions, quotes


def test_tone_by_outlet(corpus):
    documents, sentences, mentions, _ = corpus
    out = tone_by_outlet(documents, sentences, mentions).set_index(["outlet", "actor_id"])
    alpha = out.loc[("Daily Wire Service", "A")]
    assert alpha["n_sentences"] == 2 and alpha["n_positive"] == 1 and alpha["n_negative"] == 1
    assert out.loc[("Daily Wire Service", "B"), "tone_mean"] < 0
    assert out.loc[(UNKNOWN_OUTLET, "B"), "tone_mean"] > 0


def test_quoted_voices(corpus):
    documents, _, _, quotes = corpus
    out = quoted_voices(documents, quotes)
    wire = out.loc[out["outlet"] == "Daily Wire Service"]
    assert wire["n_quotes"].tolist() == [2, 1]
    assert wire["share"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert wire["speaker_name"].tolist() == ["Alpha", "(unattributed)"]
    assert wire["speaker_id"].iloc[1] is None


def test_empty_inputs_give_empty_frames(corpus):
    documents, sentences, mentions, quotes = corpus
    assert tone_by_outlet(documents, sentences.iloc[:0], mentions).empty
    assert quoted_voices(documents, quotes.iloc[:0]).empty


def test_bad_lexicon():
    with pytest.raises(InputError, match="outside"):
        parse_lexicon({"words": {"x": 9}, "negators": []})
