"""The "now" of an undated article, inferred from calendar events (sentences written for the tests).

The calendar here is invented (events in 2030), so the rules are pinned
independently of the packaged calendar's contents.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import spacy

from detente.errors import InputError
from detente.extract.extensions import register_extensions
from detente.extract.temporal.calendar import Calendar, parse_calendar
from detente.extract.temporal.dates import DateResolver, find_dates
from detente.extract.temporal.expressions import agree, scan, window
from detente.extract.temporal.reference_time import infer_reference

CUES = {
    "meeting": ["met", "talks", "summit", "meeting"],
    "call": ["call", "phone"],
    "election": ["election", "elections"],
}
EVENTS = [
    # 2030-03-05 is a Tuesday; 2030-02-27 a Wednesday.
    {
        "id": "vienna",
        "date": "2030-03-05",
        "kind": "meeting",
        "parties": ["ATL", "BOR"],
        "places": ["Vienna"],
        "title": "Atlantis–Borduria talks in Vienna",
    },
    {
        "id": "vienna2",
        "date": "2030-04-09",
        "kind": "meeting",
        "parties": ["ATL", "CAR"],
        "places": ["Vienna"],
        "title": "Atlantis–Carpania talks in Vienna",
    },
    {
        "id": "call",
        "date": "2030-02-27",
        "kind": "call",
        "parties": ["ATL", "BOR"],
        "title": "Atlantis–Borduria leaders' call",
    },
    {
        "id": "call2",
        "date": "2030-04-03",
        "kind": "call",
        "parties": ["ATL", "BOR"],
        "title": "Second leaders' call",
    },
    {
        "id": "vote",
        "date": "2030-03-10",
        "kind": "election",
        "parties": ["CAR"],
        "title": "Carpanian election",
    },
]


def calendar(events=EVENTS) -> Calendar:
    return parse_calendar("test-calendar.json", json.dumps({"cues": CUES, "events": events}))


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            out.append((start, i + 1))
            start = i + 2
    return out


def mentions(text: str, names: dict[str, str]) -> list[tuple[int, int, tuple[str, ...]]]:
    out = []
    for name, actor in names.items():
        i = text.find(name)
        while i >= 0:
            out.append((i, i + len(name), (actor,)))
            i = text.find(name, i + 1)
    return out


NAMES = {"Atlantis": "ATL", "Atlantean": "ATL", "Borduria": "BOR", "Carpania": "CAR"}


def infer(text: str, cal: Calendar | None = None):
    return infer_reference(
        text, scan(text), sentences(text), mentions(text, NAMES), cal or calendar()
    )


def days(first: str, last: str) -> tuple[date, ...]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return tuple(a + timedelta(days=i) for i in range((b - a).days + 1))


def test_a_weekday_tied_to_a_meeting_pins_the_week_after_it():
    ref = infer("Envoys of Atlantis and Borduria held talks in Vienna on Tuesday.")
    assert ref.days == days("2030-03-05", "2030-03-11")
    assert [(c.event.id, c.start) for c in ref.clues] == [("vienna", 56)]


def test_relative_dates_are_read_against_the_inferred_days():
    text = (
        "Envoys of Atlantis and Borduria held talks in Vienna on Tuesday. "
        "Atlantis and Borduria leaders spoke by phone last week."
    )
    ref = infer(text)
    found = {text[a:b]: (v, p) for a, b, v, p in find_dates(text, None, ref.days)}
    assert found["Tuesday"] == ("2030-03-05", "day")
    # the week of 25 February to 3 March 2030 lies in two months: only its year is stated
    assert found["last week"] == ("2030", "year")
    assert ref.days == days("2030-03-05", "2030-03-10")  # the call narrowed it


def test_without_a_calendar_match_nothing_is_inferred():
    assert infer("Envoys of Atlantis and Borduria exchanged letters on Tuesday.") is None
    assert infer("Envoys of Atlantis and Borduria held talks in Geneva on Friday.") is None
    assert infer("The envoys met in Vienna in 2030.") is None  # no relative expression


def test_the_cue_nearest_the_expression_picks_the_kind_of_event():
    # "call" is next to "last week": the leaders' call of 27 February, not the Vienna talks.
    one_call = calendar([e for e in EVENTS if e["id"] != "call2"])
    ref = infer("After the talks, Atlantis recalled the call with Borduria last week.", one_call)
    assert [c.event.id for c in ref.clues] == ["call"]


def test_parties_are_needed_when_no_place_is_named():
    one_call = calendar([e for e in EVENTS if e["id"] != "call2"])
    assert infer("Atlantis mentioned a phone call last week.", one_call) is None
    assert infer("Atlantis and Borduria held a phone call last week.", one_call) is not None


def test_a_place_match_outranks_a_parties_only_match():
    cal = calendar(
        [
            *EVENTS,
            {
                "id": "geneva",
                "date": "2030-03-05",
                "kind": "meeting",
                "parties": ["ATL", "BOR"],
                "places": ["Geneva"],
                "title": "Geneva talks",
            },
        ]
    )
    ref = infer("Atlantis and Borduria met in Vienna on Tuesday.", cal)
    assert {c.event.id for c in ref.clues} == {"vienna"}


def test_candidates_are_ranked_before_their_dates_are_checked():
    # Atlantis and Borduria met in Vienna on a Tuesday (5 March); a "Friday" meeting of
    # the two in Vienna is not that one, and not the Atlantis–Carpania meeting of Friday
    # 8 March either, though its date would fit.
    cal = calendar(
        [
            *EVENTS,
            {
                "id": "friday",
                "date": "2030-03-08",
                "kind": "meeting",
                "parties": ["ATL", "CAR"],
                "places": ["Vienna"],
                "title": "Friday talks",
            },
        ]
    )
    assert infer("Atlantis and Borduria held talks in Vienna on Friday.", cal) is None
    assert infer("Atlantis and Carpania held talks in Vienna on Friday.", cal) is not None


def test_future_clauses_put_the_event_after_now():
    ref = infer("Carpania is expected to hold elections on March 10.")
    assert ref.days[-1] == date(2030, 3, 10)
    ref = infer("Carpania held elections on March 10.")
    assert ref.days[0] == date(2030, 3, 10)


def test_the_most_consistent_days_win_a_vote():
    # Two places named "Vienna": the weekday alone allows both Tuesdays; the Atlantean
    # statement of a call "last week" (27 February) only fits the March one.
    text = "Atlantis met in Vienna on Tuesday. Atlantis and Borduria leaders held a call last week."
    one_call = [e for e in EVENTS if e["id"] != "call2"]
    assert infer(text, calendar(one_call)).days == days("2030-03-05", "2030-03-10")


def test_a_stated_full_date_breaks_a_tie():
    tied = "Atlantis met in Vienna on Tuesday."
    assert infer(tied) is None  # two Tuesdays in Vienna: ambiguous
    stated = "Atlantis met in Vienna on Tuesday. Borduria signed a treaty on April 1, 2030."
    assert infer(stated).days == days("2030-04-09", "2030-04-15")


def test_stated_dates_that_rule_out_every_match_mean_an_uncalendared_event():
    text = "Atlantis and Borduria held talks in Vienna on Tuesday. A truce began on May 2, 2031."
    assert infer(text) is None
    future = (
        "Atlantis and Borduria held talks in Vienna on Tuesday. Polls will open on May 2, 2030."
    )
    assert infer(future).days == days("2030-03-05", "2030-03-11")


def test_a_copyright_year_breaks_a_tie():
    cal = calendar(
        [
            *EVENTS,
            {
                "id": "vienna29",
                "date": "2029-03-06",
                "kind": "meeting",
                "parties": ["ATL", "BOR"],
                "places": ["Vienna"],
                "title": "2029 talks",
            },
        ]
    )
    text = "Atlantis and Borduria held talks in Vienna on Tuesday."
    assert infer(text, cal) is None
    assert infer(text + "\n© 2030 Example Wire.", cal).days == days("2030-03-05", "2030-03-11")


def test_agree_keeps_the_finest_shared_precision():
    assert agree([("2030-03-05", "day")] * 3) == ("2030-03-05", "day")
    assert agree([("2030-03-05", "day"), ("2030-03-12", "day")]) == ("2030-03", "month")
    assert agree([("2030-03-05", "day"), ("2030-04-02", "day")]) == ("2030", "year")
    assert agree([("2030-12-31", "day"), ("2031-01-01", "day")]) is None
    assert agree([("2030-03-05", "day"), None]) is None
    assert agree([]) is None


def test_window_of_last_week_is_the_previous_calendar_week():
    text = "They spoke last week."
    (x,) = scan(text)
    assert window(x, text, date(2030, 3, 6)) == (date(2030, 2, 25), date(2030, 3, 3))
    text = "They spoke last month."
    (x,) = scan(text)
    assert window(x, text, date(2030, 3, 6)) == (date(2030, 2, 1), date(2030, 2, 28))


def test_calendar_validation_names_the_file_and_the_event():
    bad = {"cues": CUES, "events": [{**EVENTS[0], "date": "2030-02-30"}]}
    with pytest.raises(InputError, match=r"cal\.json: event 'vienna': not an ISO date"):
        parse_calendar("cal.json", json.dumps(bad))
    bad = {"cues": CUES, "events": [{**EVENTS[0], "kind": "parade"}]}
    with pytest.raises(InputError, match="kind 'parade' has no cues"):
        parse_calendar("cal.json", json.dumps(bad))
    bad = {"cues": CUES, "events": [EVENTS[0], EVENTS[0]]}
    with pytest.raises(InputError, match="duplicate id"):
        parse_calendar("cal.json", json.dumps(bad))
    with pytest.raises(InputError, match="missing fields"):
        parse_calendar("cal.json", json.dumps({"cues": CUES, "events": [{"id": "x"}]}))
    with pytest.raises(InputError, match="cal.json: line 1: invalid JSON"):
        parse_calendar("cal.json", "{")


def test_packaged_calendar_loads_in_date_order():
    cal = Calendar.load()
    assert len(cal.events) >= 40
    assert [e.first for e in cal.events] == sorted(e.first for e in cal.events)
    assert all(e.kind in cal.cues for e in cal.events)
    assert all(e.last >= e.first for e in cal.events)


def test_component_writes_the_reference_of_an_undated_doc(tmp_path):
    register_extensions()
    path = tmp_path / "calendar.json"
    one_vienna = [e for e in EVENTS if e["id"] != "vienna2"]  # a blank pipeline finds no parties
    path.write_text(json.dumps({"cues": CUES, "events": one_vienna}), encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    resolver = DateResolver(calendar=str(path))
    text = "Negotiators held talks in Vienna on Tuesday. They will meet again next week."
    doc = resolver(nlp(text))
    assert doc._.reference["earliest"] == "2030-03-05"
    assert doc._.reference["clues"][0]["event"] == "vienna"
    assert (text[doc._.dates[0][0] : doc._.dates[0][1]], doc._.dates[0][2]) == (
        "Tuesday",
        "2030-03-05",
    )
    dated = nlp(text)
    dated._.published = "2030-03-06"
    dated = resolver(dated)
    assert dated._.reference is None  # a publication date is used as is
    assert dated._.dates[0][2] == "2030-03-05"
    off = DateResolver(calendar=str(path), infer_reference=False)(nlp(text))
    assert off._.reference is None and off._.dates == []


def test_a_seat_of_power_speaking_is_not_a_place():
    cal = calendar(
        [
            {
                "id": "kremlin",
                "date": "2030-03-05",
                "kind": "meeting",
                "parties": ["ATL", "BOR"],
                "places": ["the Castle"],
                "title": "Talks at the Castle",
            }
        ]
    )
    assert infer("On Tuesday, the Castle said another round was not planned.", cal) is None
    assert infer("Envoys held a round of talks at the Castle on Tuesday.", cal) is not None


def test_separate_stretches_of_equally_good_days_are_ambiguous():
    # "yesterday" fits two leaders' calls five weeks apart: no "now" is inferred
    assert infer("Atlantis and Borduria leaders spoke by phone yesterday.") is None
