from datetime import date

import pytest

from detente.ingest.dates import (
    dateline_date,
    parse_date,
    parse_metadata_date,
    split_date_line,
    written_order,
)


@pytest.mark.parametrize(
    ("text", "expected", "convention"),
    [
        ("2025-02-18", date(2025, 2, 18), "iso"),
        ("2025/02/18", date(2025, 2, 18), "iso"),
        ("2025-02-18T09:30:00+03:00", date(2025, 2, 18), "iso"),
        ("February 18, 2025", date(2025, 2, 18), "month-first"),
        ("Feb. 18, 2025", date(2025, 2, 18), "month-first"),
        ("Tuesday, February 18, 2025", date(2025, 2, 18), "month-first"),
        ("18 February 2025", date(2025, 2, 18), "day-first"),
        ("Tuesday 18th February 2025", date(2025, 2, 18), "day-first"),
        ("13/05/2025", date(2025, 5, 13), "day-first"),
        ("05/13/2025", date(2025, 5, 13), "month-first"),
        ("07/07/2025", date(2025, 7, 7), "day-first"),
        ("18.02.2025", date(2025, 2, 18), "day-first"),
    ],
)
def test_shapes(text, expected, convention):
    reading = parse_date(text)
    assert reading is not None
    assert (reading.value, reading.convention) == (expected, convention)


@pytest.mark.parametrize(
    "text", ["31/02/2025", "2025-13-01", "February 30, 2025", "hello", "05/03"]
)
def test_invalid_or_partial_dates_are_none(text):
    assert parse_date(text) is None


def test_ambiguous_numeric_defaults_to_day_first():
    reading = parse_date("05/03/2025")
    assert reading.value == date(2025, 3, 5)
    assert reading.convention == "day-first"


def test_ambiguous_numeric_follows_the_articles_written_order():
    us_style = "The envoys met on March 1 and again on March 2, before the summit."
    reading = parse_date("05/03/2025", context=us_style)
    assert (reading.value, reading.convention) == (date(2025, 5, 3), "month-first")
    uk_style = "The envoys met on Monday 1 March and again on 2 March."
    assert parse_date("05/03/2025", context=uk_style).value == date(2025, 3, 5)


def test_written_order_counts_both_shapes():
    assert written_order("on 4 July and 5 July, then August 9") == "day-first"
    assert written_order("on July 4, then August 9 and 10 May") == "month-first"
    assert written_order("in February 2022 and 2023") is None


def test_split_date_line_with_label_keeps_the_body():
    reading, rest = split_date_line(" date 2025-02-18 The delegations arrived early.")
    assert reading.value == date(2025, 2, 18)
    assert rest == "The delegations arrived early."


@pytest.mark.parametrize(
    "line", ["Published: 18 February 2025", "Updated on Feb. 18, 2025 10:45 GMT", "18/02/2025"]
)
def test_split_date_line_accepts_labelled_and_bare_dates(line):
    reading, rest = split_date_line(line)
    assert reading.value == date(2025, 2, 18)
    assert rest == ""


@pytest.mark.parametrize(
    "line", ["February 18, 2025 was a turning point.", "Datelines matter", "2025-02-18abc"]
)
def test_split_date_line_rejects_sentences(line):
    assert split_date_line(line) is None


def test_dateline_is_a_text_fallback():
    reading = dateline_date("GENEVA, March 3, 2025 — Negotiators resumed work on a draft.")
    assert (reading.value, reading.convention) == (date(2025, 3, 3), "text")
    assert dateline_date("Negotiators said on March 3, 2025 — after a pause — that") is None


def test_metadata_dates():
    reading = parse_metadata_date("2025-02-18T06:00:00Z")
    assert (reading.value, reading.convention) == (date(2025, 2, 18), "metadata")
    assert parse_metadata_date("soon") is None
