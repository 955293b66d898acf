"""Quote attribution on sentences written for these tests (real model, small dictionary)."""

from __future__ import annotations

from spacy.tokens import Doc

from detente.extract.components.quotes import QuoteAttributor
from detente.extract.extensions import records_from_dicts
from detente.extract.records import QuoteRecord


def quotes(doc) -> list[tuple[str | None, str, str | None]]:
    return [(q.speaker_id, q.text, q.cue) for q in records_from_dicts(QuoteRecord, doc._.quotes)]


def test_attribution_after_the_quote(run_small):
    doc = run_small("“We are ready to talk,” Lavrov said.")
    assert quotes(doc) == [("person.lavrov_sergei", "We are ready to talk", "say")]


def test_evidence_is_inside_the_marks(run_small):
    text = "“We are ready to talk,” Lavrov said."
    q = records_from_dicts(QuoteRecord, run_small(text)._.quotes)[0]
    assert text[q.evidence.start : q.evidence.end] == "We are ready to talk"
    assert q.evidence.doc_id == "test"


def test_attribution_before_with_colon_and_straight_quotes(run_small):
    doc = run_small('Lavrov told reporters: "The meeting was useful."')
    assert quotes(doc) == [("person.lavrov_sergei", "The meeting was useful.", "tell")]


def test_attribution_on_the_line_before_a_block_quote(run_small):
    doc = run_small("Lavrov told reporters:\n“The meeting was useful.”")
    assert quotes(doc) == [("person.lavrov_sergei", "The meeting was useful.", "tell")]


def test_inverted_attribution(run_small):
    doc = run_small("“The door is open,” said Sergei Lavrov, who led the delegation.")
    assert quotes(doc)[0][0] == "person.lavrov_sergei"


def test_continuation_in_the_same_and_the_next_paragraph(run_small):
    text = (
        "“We made progress,” Zelenskyy said. “Now we need guarantees.”\n\n"
        "“Nobody should decide for us.”\n\nThe talks resumed."
    )
    speakers = [s for s, _, _ in quotes(run_small(text))]
    assert speakers == ["person.zelensky_volodymyr"] * 3


def test_continuation_stops_at_a_new_unattributed_paragraph(run_small):
    text = (
        "“We made progress,” Zelenskyy said.\n\nThe talks resumed later.\n\n"
        "“Nobody knows the date.”"
    )
    assert len(quotes(run_small(text))) == 1


def test_pronoun_speaker(run_small):
    doc = run_small("Sergei Lavrov arrived late. “It went well,” he said.")
    assert quotes(doc) == [("person.lavrov_sergei", "It went well", "say")]


def test_body_as_speaker(run_small):
    doc = run_small("“We welcome the progress,” the U.S. State Department said.")
    assert quotes(doc)[0][0] == "usa.state_dept"


def test_partial_quotes_need_a_speaker(run_small):
    doc = run_small(
        "The so-called “reset” failed. Trump called the meeting “very productive” on Tuesday."
    )
    assert quotes(doc) == [("person.trump_donald", "very productive", "call")]


def test_two_speakers_in_one_sentence(run_small):
    doc = run_small(
        "Lavrov said the process was “serious and useful,” while Trump called it “a great start.”"
    )
    got = {text.rstrip(".,"): speaker for speaker, text, _ in quotes(doc)}
    assert got == {
        "serious and useful": "person.lavrov_sergei",
        "a great start": "person.trump_donald",
    }


def test_interrupted_quote_keeps_its_speaker(run_small):
    doc = run_small("Sergei Lavrov looked tired. “It is not over,” he says, “but we are close.”")
    assert [s for s, _, _ in quotes(doc)] == ["person.lavrov_sergei", "person.lavrov_sergei"]


def test_dash_attribution(run_small):
    doc = run_small("“Peace is near,” - Trump.")
    assert quotes(doc)[0][0] == "person.trump_donald"


def test_apostrophes_do_not_open_quotes(run_small):
    doc = run_small("Lavrov said the deal isn’t final and Ukraine’s role wasn’t settled.")
    assert quotes(doc) == []


def test_hand_built_doc_without_parse(blank):
    words = ["“", "Enough", ",", "”", "Biden", "said", "."]
    spaces = [False, False, False, True, True, False, False]
    doc = Doc(
        blank.vocab,
        words=words,
        spaces=spaces,
        lemmas=["“", "enough", ",", "”", "Biden", "say", "."],
        pos=["PUNCT", "ADV", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"],
    )
    start = doc.text.index("Biden")
    doc._.mentions = [(start, start + 5, "person.biden_joe")]
    doc._.doc_id = "d1"
    doc = QuoteAttributor()(doc)
    assert doc._.quotes == [
        {
            "speaker_id": "person.biden_joe",
            "text": "Enough",
            "evidence": {"doc_id": "d1", "start": 1, "end": 7},
            "cue": "say",
        }
    ]


def test_unattributed_quote_is_dropped(blank):
    doc = QuoteAttributor()(blank("The “reset” failed."))
    assert doc._.quotes == []


def test_anonymous_speaker_is_not_the_next_name(run_small):
    text = "“We are close,” the official, who asked not to be named, said.\nBiden arrived later."
    assert quotes(run_small(text)) == []


def test_participle_climbs_to_the_reporting_verb(run_small):
    text = (
        "Biden said a deal could be reached soon, telling reporters in the hall that "
        "he would “probably” travel next month."
    )
    assert quotes(run_small(text)) == [("person.biden_joe", "probably", "tell")]


def test_quote_wrapping_onto_the_next_line_continues(run_small):
    text = "“The first part ends here,” Biden said. “The second part runs\nonto another line.”"
    assert [s for s, _, _ in quotes(run_small(text))] == ["person.biden_joe"] * 2
