"""Cleaning rules, each exercised on invented text (no seed sentences are copied)."""

from datetime import date

from detente.ingest.clean import clean_text


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_whitespace_is_normalised_and_paragraphs_are_blank_line_separated():
    raw = "Envoys\tgathered   in Vienna.\r\n\r\n\r\nThey   spoke\u00a0for hours.\u200b\n"
    assert clean_text(raw).text == "Envoys gathered in Vienna.\n\nThey spoke for hours."


def test_seo_fields_image_lines_and_comments_are_dropped():
    raw = "\n".join(
        [
            "Meta Description: Read all about the summit in this article.",
            "Focus Keywords: summit, envoys, talks 2025",
            "Keywords: summit, ceasefire",
            "Article Image",
            "Image by Office of the Spokesperson",
            "Picture source: Ministry press office, March 1, 2025, <https://example.org/p.jpg>",
            "Photo: Agency staff",
            "The delegations met in Vienna.",
            "Comments",
        ]
    )
    assert clean_text(raw).text == "The delegations met in Vienna."


def test_copyright_and_syndication_lines_give_the_outlet():
    raw = (
        "Ceasefire talks resume\nPublished in World News\nThe delegations met in Vienna.\n"
        "_____\n(With assistance from Jane Roe.)\n_____\n"
        "©2025 Example Wire L.P. Visit example.com. Distributed by Some Content Agency, LLC.\n"
    )
    cleaned = clean_text(raw)
    assert paragraphs(cleaned.text) == ["Ceasefire talks resume", "The delegations met in Vienna."]
    assert cleaned.outlet == "Example Wire"
    assert cleaned.title == "Ceasefire talks resume"


def test_distributor_alone_gives_the_outlet():
    cleaned = clean_text("A short report.\nDistributed by Northwind Syndicate.")
    assert cleaned.text == "A short report."
    assert cleaned.outlet == "Northwind Syndicate"


def test_contact_footer_and_about_paragraph_are_dropped():
    raw = "\n\n".join(
        [
            "The envoys will meet again next week.",
            "Editor's Note: The views expressed here are the author's own.",
            "***Northwind Institute** is an independent research body on European security.*",
            "Northwind Institute",
            "No. 5, Harbour Road, Old Town",
            "Springfield 12345",
            "Tel: 123-456 Fax: 123-457",
            "<http://www.example.org>",
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "The envoys will meet again next week."
    assert cleaned.outlet == "Northwind Institute"


def test_a_trailing_heading_without_contact_lines_is_kept():
    raw = "The talks ended.\n\nWhat comes next\n\nNobody knows."
    assert paragraphs(clean_text(raw).text) == [
        "The talks ended.",
        "What comes next",
        "Nobody knows.",
    ]


def test_byline_gives_author_and_the_heading_above_is_the_title():
    raw = (
        "Series Banner\n\nA lead paragraph that sums the story up.\n\n"
        "Why the envoys met in Vienna\n\nBy Jane Q. Doe\n\nThe body starts here."
    )
    cleaned = clean_text(raw)
    assert cleaned.author == "Jane Q. Doe"
    assert cleaned.title == "Why the envoys met in Vienna"
    assert "By Jane" not in cleaned.text


def test_title_falls_back_to_a_heading_like_first_line_or_none():
    assert (
        clean_text("Summit ends without a deal\nThe envoys left.").title
        == "Summit ends without a deal"
    )
    assert clean_text("The envoys left the room after a long day of talks.").title is None


def test_author_bio_is_dropped():
    raw = "By John Smith\n\nThe envoys left.\n\n(Dr. Smith is a lecturer in politics.)"
    assert clean_text(raw).text == "The envoys left."


def test_markdown_markers_are_stripped():
    raw = "# The headline\n\n***\n\nSome **bold** words and a [link](https://e.org).\n\n## Section"
    assert paragraphs(clean_text(raw).text) == [
        "The headline",
        "Some bold words and a link.",
        "Section",
    ]


def test_repeated_paragraph_keeps_the_first_occurrence():
    lead = "The two delegations agreed to reopen their embassies and to meet again within a month."
    raw = f"Banner\n\n{lead}\n\nHeadline of the piece\n\n{lead}\n\nA second paragraph follows here."
    assert paragraphs(clean_text(raw).text) == [
        "Banner",
        lead,
        "Headline of the piece",
        "A second paragraph follows here.",
    ]


def test_drop_cap_is_joined_back():
    raw = "Title line here\n\nU\n\n.N.-led talks began on time.\n\nT\n\nhe envoys arrived."
    assert paragraphs(clean_text(raw).text) == [
        "Title line here",
        "U.N.-led talks began on time.",
        "The envoys arrived.",
    ]


def test_single_letter_word_is_not_glued_to_the_next_word():
    raw = "A\n\nnumber of envoys arrived. The number was small."
    assert clean_text(raw).text.startswith("A number of envoys arrived.")


def test_line_broken_mid_sentence_is_joined():
    raw = "On March 3 the envoys, meeting at the\n\n\n\nfederal chancellery, agreed on a text."
    assert (
        clean_text(raw).text
        == "On March 3 the envoys, meeting at the federal chancellery, agreed on a text."
    )


def test_hard_wrapped_lines_are_joined_even_before_a_capital():
    raw = (
        "The Chilean foreign minister received her Argentine counterpart Diana\n"
        "Mondino in Santiago on Monday to discuss the shared glacier treaty and\n"
        "Andean border crossings.\n"
        "Both ministers said a joint commission would meet again in the spring.\n"
        "A further round is planned in Buenos Aires after the national holidays,\n"
        "officials from both sides told reporters at the end of the visit there."
    )
    paragraphs = clean_text(raw).text.split("\n\n")
    assert paragraphs[0] == (
        "The Chilean foreign minister received her Argentine counterpart Diana Mondino in "
        "Santiago on Monday to discuss the shared glacier treaty and Andean border crossings."
    )
    assert paragraphs[1].startswith("Both ministers said")
    assert paragraphs[2].endswith("at the end of the visit there.")


def test_short_unpunctuated_lines_of_a_wide_body_stay_headings():
    raw = (
        "Ministers meet in Santiago\n"
        + "The Chilean foreign minister received her Argentine counterpart in Santiago on "
        "Monday to discuss the shared glacier treaty and a list of border crossings.\n"
        "Commission to meet again\n"
        "Both ministers said a joint commission would meet again in the spring."
    )
    assert len(clean_text(raw).text.split("\n\n")) == 4


def test_hard_wrapped_text_is_joined_into_paragraphs():
    # a wire copy cut at a fixed width: lines that reach the margin continue the sentence
    raw = "\n".join(
        [
            "GENEVA, May 2 (Wire) - Delegations from Chile and Peru met on",
            "Friday in Geneva to settle a long dispute over fishing rights, a",
            "week after both governments recalled their ambassadors.",
            "- Next steps -",
            "The two sides will meet again in June, the Swiss foreign ministry",
            "said in a statement issued after the talks ended late on Friday.",
        ]
    )
    assert paragraphs(clean_text(raw).text) == [
        "GENEVA, May 2 (Wire) - Delegations from Chile and Peru met on Friday in Geneva to settle"
        " a long dispute over fishing rights, a week after both governments recalled their"
        " ambassadors.",
        "- Next steps -",
        "The two sides will meet again in June, the Swiss foreign ministry said in a statement"
        " issued after the talks ended late on Friday.",
    ]


def test_short_unfinished_lines_of_a_paragraph_a_line_text_stay_apart():
    # headlines above long paragraphs: not a hard-wrapped text
    raw = "\n".join(
        [
            "Chile and Peru settle fishing dispute",
            "Envoys meet in Geneva",
            "Delegations from Chile and Peru met on Friday in Geneva to settle a long dispute over"
            " fishing rights, a week after both governments recalled their ambassadors.",
            "Talks continue",
        ]
    )
    assert len(paragraphs(clean_text(raw).text)) == 4


def test_apostrophe_look_alikes_become_apostrophes():
    # a modifier letter or an accent typed for the apostrophe keeps the possessive apart
    assert (
        clean_text("Chileʼs envoy met Peru´s minister.").text
        == "Chile’s envoy met Peru’s minister."
    )


def test_photo_credit_prefix_is_removed_but_caption_kept():
    raw = "Jane Doe/Reuters The foreign minister speaks to reporters in Vienna, March 3, 2025."
    assert (
        clean_text(raw).text == "The foreign minister speaks to reporters in Vienna, March 3, 2025."
    )
    raw2 = "Ann Lee/Agence, Kremlin/AP The two leaders shake hands before the meeting."
    assert clean_text(raw2).text == "The two leaders shake hands before the meeting."


def test_sentence_with_a_slash_is_not_a_photo_credit():
    raw = "Talks on the Black Sea/Danube corridor went well."
    assert clean_text(raw).text == raw


def test_date_line_at_the_head_is_read_and_removed():
    raw = "Envoys meet in Vienna\n\n05/03/2025\n\nThe talks opened on Tuesday 4 March."
    cleaned = clean_text(raw)
    assert cleaned.date.value == date(2025, 3, 5)
    assert cleaned.date.convention == "day-first"
    assert "05/03/2025" not in cleaned.text


def test_date_label_prefix_is_stripped_from_the_first_paragraph():
    cleaned = clean_text(" date 2025-03-04 The envoys met on Tuesday.")
    assert cleaned.text == "The envoys met on Tuesday."
    assert (cleaned.date.value, cleaned.date.convention) == (date(2025, 3, 4), "iso")


def test_a_date_deep_in_the_body_is_not_a_publication_date():
    body = "\n\n".join(f"Paragraph number {i} of the story." for i in range(12))
    assert clean_text(body + "\n\nMarch 4, 2025").date is None


def test_dateline_fallback():
    cleaned = clean_text("Talks resume\n\nVIENNA, March 4, 2025 — The envoys met again.")
    assert (cleaned.date.value, cleaned.date.convention) == (date(2025, 3, 4), "text")


def test_curly_quotes_are_kept():
    raw = "“We agreed,” the envoy said. It’s done."
    assert clean_text(raw).text == raw


def test_caption_like_sentence_without_an_agency_is_kept():
    raw = "Anna Berg/Lena Holm campaign staff said on Monday that talks would go on."
    assert clean_text(raw).text == raw


def test_copyright_word_in_a_sentence_is_kept():
    raw = "Copyright disputes were raised by the trade envoys."
    assert clean_text(raw).text == raw


def test_long_paragraph_is_never_dropped_as_boilerplate():
    raw = (
        "Photo by satellite images shows "
        + "troops moving along the river, " * 20
        + "the report said."
    )
    assert clean_text(raw).text == raw


def test_date_line_with_time_and_signature():
    cleaned = clean_text("Talks resume\nPosted on March 4, 2025 | 10:42 AM\nThe envoys met.")
    assert cleaned.date.value == date(2025, 3, 4)
    signed = clean_text("Talks resume\nPosted on March 4, 2025 by Jane Doe\nThe envoys met.")
    assert signed.author == "Jane Doe"
    assert signed.text == "Talks resume\n\nThe envoys met."


def test_wire_story_end_to_end():
    raw = "\n".join(
        [
            "Envoys agree to meet again",
            "Advertisement",
            "GENEVA, March 4, 2025 — Envoys of two states agreed on Tuesday to meet again.",
            "Share this article",
            "The next round is set for April, officials said.",
            "(Reporting by Jane Roe; Editing by John Poe)",
            "Copyright 2025 Example Wire. All rights reserved.",
        ]
    )
    cleaned = clean_text(raw)
    assert paragraphs(cleaned.text) == [
        "Envoys agree to meet again",
        "GENEVA, March 4, 2025 — Envoys of two states agreed on Tuesday to meet again.",
        "The next round is set for April, officials said.",
    ]
    assert (cleaned.date.value, cleaned.date.convention) == (date(2025, 3, 4), "text")
    assert cleaned.outlet == "Example Wire"
    assert cleaned.title == "Envoys agree to meet again"


def test_related_links_and_caption_credits():
    raw = "\n".join(
        [
            "Envoys agree to meet again",
            "READ MORE: Another story about something else",
            "Related: Earlier talks ended without a deal",
            "The envoys shake hands in Geneva. Photograph: Jane Doe/Agency",
            "Sign up for our daily newsletter on foreign affairs",
            "Follow us on social media",
            "Photograph: Jane Doe/Agency",
            "The next round is set for April.",
        ]
    )
    assert paragraphs(clean_text(raw).text) == [
        "Envoys agree to meet again",
        "The envoys shake hands in Geneva.",
        "The next round is set for April.",
    ]


def test_byline_with_agency_and_date_on_one_line():
    cleaned = clean_text("Envoys agree to meet again\nBy Jane Doe, Reuters | March 4, 2025\nText.")
    assert (cleaned.author, cleaned.outlet) == ("Jane Doe", "Reuters")
    assert cleaned.date.value == date(2025, 3, 4)
    assert cleaned.text == "Envoys agree to meet again\n\nText."
    assert cleaned.title == "Envoys agree to meet again"


def test_publication_date_beats_an_earlier_update_line():
    raw = (
        "Talks\nLast modified on Wed 5 Mar 2025 08.15 GMT\n"
        "First published on Tue 4 Mar 2025 10.00 GMT\nText."
    )
    cleaned = clean_text(raw)
    assert (cleaned.date.value, cleaned.date.convention) == (date(2025, 3, 4), "day-first")
    assert cleaned.text == "Talks\n\nText."
    only_update = clean_text("Talks\nUpdated: March 5, 2025\nText.")
    assert only_update.date.value == date(2025, 3, 5)


def test_more_page_furniture_from_common_outlets():
    raw = "\n".join(
        [
            "Envoys agree to meet again",
            "Listen to this article",
            "4 min read",
            "Image source, Agency Photos",
            "Image caption, The envoys shook hands before the session.",
            "The next round is set for April.",
            "Story continues below advertisement",
            "Staff writer Jane Doe in Geneva contributed to this report.",
            "Edited by: John Roe",
            "Source: Example News and news agencies",
            "Our Standards: The Example Trust Principles.",
        ]
    )
    cleaned = clean_text(raw)
    assert paragraphs(cleaned.text) == [
        "Envoys agree to meet again",
        "The envoys shook hands before the session.",
        "The next round is set for April.",
    ]
    assert cleaned.outlet == "Example News"


def test_sentences_using_furniture_words_are_kept():
    raw = "\n".join(
        [
            "Both states contributed troops to the mission, officials said on Monday evening.",
            "Print media in both capitals covered the summit closely.",
            "Sources: officials said the talks would resume.",
        ]
    )
    assert clean_text(raw).text == raw.replace("\n", "\n\n")


def test_outlet_named_in_the_body_is_not_an_about_paragraph():
    raw = (
        "Example Wire was unable to verify the claim.\n\nThe talks went on.\n\n"
        "©2025 Example Wire. All rights reserved."
    )
    cleaned = clean_text(raw)
    assert cleaned.outlet == "Example Wire"
    assert paragraphs(cleaned.text) == [
        "Example Wire was unable to verify the claim.",
        "The talks went on.",
    ]


def test_a_short_note_with_a_link_is_not_all_footer():
    cleaned = clean_text("Talks resumed in Geneva\nDetails at www.example.org")
    assert cleaned.text == "Talks resumed in Geneva\n\nDetails at www.example.org"
