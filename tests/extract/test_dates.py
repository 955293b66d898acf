"""Date expressions resolved against the publication date (sentences written for the tests)."""

from __future__ import annotations

from datetime import date

import pytest

from detente.extract.temporal.dates import DateResolver, find_dates

WED = date(2025, 2, 19)  # a Wednesday


def resolve(text: str, on: date | None = WED) -> list[tuple[str, str, str]]:
    return [(text[a:b], v, p) for a, b, v, p in find_dates(text, on)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoys talked on Tuesday.", ("Tuesday", "2025-02-18", "day")),
        ("The envoys talked on Wednesday.", ("Wednesday", "2025-02-19", "day")),
        ("The envoys talked on Thursday.", ("Thursday", "2025-02-13", "day")),
        ("The envoys will talk on Friday.", ("Friday", "2025-02-21", "day")),
        ("The call came last Wednesday.", ("last Wednesday", "2025-02-12", "day")),
        ("They meet next Monday.", ("next Monday", "2025-02-24", "day")),
        ("Voters go to the polls on Feb. 23.", ("Feb. 23", "2025-02-23", "day")),
        (
            "The pact was signed on February 18, 2025 in the capital.",
            ("February 18, 2025", "2025-02-18", "day"),
        ),
        ("The pact was signed on 18 February 2025.", ("18 February 2025", "2025-02-18", "day")),
        (
            "Talks began on Tuesday 19 February at noon.",
            ("Tuesday 19 February", "2025-02-19", "day"),
        ),
        ("The ministers spoke in January 2023.", ("January 2023", "2023-01", "month")),
        ("Relations soured in 2014 after the vote.", ("2014", "2014", "year")),
        ("Trade grew this month.", ("this month", "2025-02", "month")),
        ("The phone call last week changed things.", ("last week", "2025-02", "month")),
        ("The aide spoke yesterday.", ("yesterday", "2025-02-18", "day")),
        ("He took office on January 20, 2025.", ("January 20, 2025", "2025-01-20", "day")),
    ],
)
def test_expression(text, expected):
    assert expected in resolve(text)


def test_month_day_takes_the_year_closest_to_publication():
    assert resolve("Envoys met on December 2.", date(2025, 12, 5)) == [
        ("December 2", "2025-12-02", "day")
    ]
    assert resolve("Envoys met on December 30.", date(2026, 1, 3)) == [
        ("December 30", "2025-12-30", "day")
    ]


def test_a_week_is_written_as_the_month_or_year_that_holds_it():
    # 24 February to 2 March 2025 lies in two months; 3 to 9 March in one
    assert resolve("The talks last week were long.", date(2025, 3, 3)) == [
        ("last week", "2025", "year")
    ]
    assert resolve("The talks last week were long.", date(2025, 3, 12)) == [
        ("last week", "2025-03", "month")
    ]


def test_relative_expressions_need_a_publication_date():
    assert resolve("The envoys talked on Tuesday in 2014.", None) == [("2014", "2014", "year")]


def test_numbers_are_not_dates():
    assert resolve("A 27-point plan has 2025 words and a 4% rating.") == []


def test_component_writes_doc_extension(blank):
    doc = blank("They met on Tuesday.")
    doc._.published = "2025-02-19"
    doc = DateResolver()(doc)
    assert doc._.dates == [(12, 19, "2025-02-18", "day")]


def test_undated_article_gives_a_yearless_date_the_year_of_the_nearest_earlier_full_date():
    text = (
        "The war began in February 2022. The summit opened on March 3, 2024, and the "
        "envoys met again on May 9. Nobody had planned for June 12 in 2019."
    )
    found = resolve(text, None)
    assert ("May 9", "2024-05-09", "day") in found
    assert ("June 12", "2024-06-12", "day") in found  # "in 2019" states no month: not an anchor


def test_undated_article_leaves_a_yearless_date_before_any_full_date_alone():
    assert resolve("The envoys met on May 9. The deal was signed in June 2024.", None) == [
        ("June 2024", "2024-06", "month")
    ]


def test_a_month_and_year_is_not_an_anchor():
    assert resolve("The war began in February 2022. Envoys met on May 9.", None) == [
        ("February 2022", "2022-02", "month")
    ]


def test_a_publication_date_still_wins_over_the_text_anchor():
    found = resolve("The summit opened on March 3, 2021. They met on Feb. 23.", WED)
    assert ("Feb. 23", "2025-02-23", "day") in found


# --- relative forms: each pinned by a sentence of our own; WED is Wednesday 19 February 2025


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Envoys met earlier this month.", ("earlier this month", "2025-02", "month")),
        ("The envoys will meet later this month.", ("later this month", "2025-02", "month")),
        ("The ministers spoke on Feb. 12 by phone.", ("Feb. 12", "2025-02-12", "day")),
        ("The ministers spoke on Feb 12.", ("Feb 12", "2025-02-12", "day")),
        ("Officials met twice this week.", ("this week", "2025-02", "month")),
        ("Talks collapsed late last year.", ("late last year", "2024", "year")),
        ("Trade fell at the end of last year.", ("the end of last year", "2024", "year")),
        ("Trade rose early this year.", ("early this year", "2025", "year")),
        ("The envoy left two days ago.", ("two days ago", "2025-02-17", "day")),
        ("The envoy left a month ago.", ("a month ago", "2025-01", "month")),
        ("The truce ended a year ago.", ("a year ago", "2024", "year")),
        # the week of 29 January runs from 27 January to 2 February: two months
        ("The envoy left three weeks ago.", ("three weeks ago", "2025", "year")),
        ("The envoy left a week ago.", ("a week ago", "2025-02", "month")),
        ("Drones struck the port last night.", ("last night", "2025-02-18", "day")),
        # the night from 18 into 19 February: two days, one month
        ("Drones struck the port overnight.", ("overnight", "2025-02", "month")),
        ("The leaders speak tonight.", ("tonight", "2025-02-19", "day")),
        ("The minister arrived this morning.", ("this morning", "2025-02-19", "day")),
        ("The minister arrived earlier today.", ("earlier today", "2025-02-19", "day")),
        (
            "The day before yesterday, troops withdrew.",
            ("The day before yesterday", "2025-02-17", "day"),
        ),
        # the weekend of 15 and 16 February
        ("Talks went on over the weekend.", ("over the weekend", "2025-02", "month")),
        ("Protesters gathered last weekend.", ("last weekend", "2025-02", "month")),
        ("The deal was reached in the past week.", ("past week", "2025-02", "month")),
        # a month named alone: the latest one up to now, or the next one from now
        ("The envoys met in March.", ("in March", "2024-03", "month")),
        ("The envoys will meet in March.", ("in March", "2025-03", "month")),
        ("The envoys will meet in mid-March.", ("in mid-March", "2025-03", "month")),
        ("The truce held until early January.", ("until early January", "2025-01", "month")),
        ("The ceasefire broke down last March.", ("last March", "2024-03", "month")),
        ("The money ran out by the end of June.", ("by the end of June", "2024-06", "month")),
        # an ordinal day: the latest such day up to now, or the next one from now
        ("The envoys met on the 12th.", ("on the 12th", "2025-02-12", "day")),
        ("The envoys met on the 25th.", ("on the 25th", "2025-01-25", "day")),
        ("The envoys will meet on the 25th.", ("on the 25th", "2025-02-25", "day")),
        (
            "The treaty was signed on the 12th of February.",
            ("12th of February", "2025-02-12", "day"),
        ),
    ],
)
def test_relative_form(text, expected):
    assert expected in resolve(text)


def test_a_month_named_in_the_past_is_the_latest_such_month():
    assert resolve("The envoy visited in mid-March.", date(2025, 4, 2)) == [
        ("in mid-March", "2025-03", "month")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russia may meet Ukraine soon.",  # the modal, not the month
        "Troops march on the capital.",
        "The day before the vote was quiet.",  # before what: nothing to count from
        "It was the 12th round of talks.",
    ],
)
def test_not_a_date(text):
    assert resolve(text) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        (
            "Envoys met on Tuesday. The day before, Kyiv rejected the plan.",
            "The day before",
            "2025-02-17",
        ),
        ("Envoys met on Feb. 10. The next day, they signed.", "The next day", "2025-02-11"),
        ("Envoys met on Feb. 10. Two days later, the truce began.", "Two days later", "2025-02-12"),
        ("Envoys met on Feb. 10. Later that day, Kyiv objected.", "Later that day", "2025-02-10"),
        ("Envoys met on Feb. 10. The next morning, they signed.", "The next morning", "2025-02-11"),
        ("Envoys met on Feb. 10 and talked again the same day.", "the same day", "2025-02-10"),
        (
            "Envoys met on Feb. 3. The following week, talks resumed.",
            "The following week",
            "2025-02",
        ),
    ],
)
def test_anaphoric_form_counts_from_the_last_stated_day(text, phrase, expected):
    found = {p: v for p, v, _ in resolve(text)}
    assert found[phrase] == expected


def test_anaphoric_form_without_an_earlier_day_stays_unresolved():
    assert resolve("The day before, Kyiv rejected the plan.") == []


def test_anaphoric_form_in_an_undated_article_counts_from_the_text():
    text = "The summit opened on March 3, 2031. The next day, the envoys met."
    assert ("The next day", "2031-03-04", "day") in resolve(text, None)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # the clause the weekday belongs to decides, not a future word elsewhere in the sentence
        ("Trump threatened Kyiv on Monday, saying aid will stop.", "Monday", "2025-02-17"),
        ("On Friday, the envoys will meet again.", "Friday", "2025-02-21"),
        ("Talks are scheduled for Friday.", "Friday", "2025-02-21"),
        ("The ministers agreed to meet on Friday.", "Friday", "2025-02-21"),
        # a meeting named as the setting of a promise is told as held
        ("The ministers agreed to cut tariffs in a call on Friday.", "Friday", "2025-02-14"),
        ("Talks to be held on Friday were announced.", "Friday", "2025-02-21"),
        ("The upcoming talks on Friday worry Kyiv.", "Friday", "2025-02-21"),
        # an infinitive of purpose in a past narrative is not the future
        ("The envoy flew to Riyadh to meet Lavrov on Tuesday.", "Tuesday", "2025-02-18"),
    ],
)
def test_the_parse_tells_which_way_a_weekday_points(nlp, text, phrase, expected):
    doc = nlp.make_doc(text)
    doc._.published = "2025-02-19"
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    found = {text[a:b]: v for a, b, v, _ in doc._.dates}
    assert found[phrase] == expected


def test_anaphoric_form_after_a_month_has_no_day_to_count_from():
    text = "Envoys met on Feb. 3. In late January, talks stalled. The day before, Kyiv objected."
    assert [p for p, _v, _ in resolve(text)] == ["Feb. 3", "In late January"]
