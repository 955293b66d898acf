"""HTML pages with the 'html' extra (trafilatura, htmldate) and without it.

The page below is made up for these tests: a story in plain ``<div>``s (no ``<article>``
element) between a menu, a promotion, a "most read" list and a share bar, with its
publication date only in JSON-LD, where the built-in reader does not look.
"""

from __future__ import annotations

import sys
from datetime import date

import pytest

from detente.ingest import Article, read_paths
from detente.ingest.pages import MIN_TEXT, main_text, publication_date

PAGE = """<!doctype html><html><head>
<title>Envoys agree on a second round | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Envoys agree on a second round", "datePublished": "2025-04-09T07:30:00Z"}</script>
</head><body>
<div class="top"><a href="/">Front page</a> <a href="/world">World</a>
<a href="/sport">Sport</a></div>
<div class="promo">Subscribe today and read without limits.</div>
<div class="story">
<h1>Envoys agree on a second round</h1>
<p>Negotiators from the two delegations ended a long day of talks in a lakeside hotel by
agreeing to meet again within a fortnight, a spokesperson for the host government said.</p>
<p>The sides exchanged lists of detainees and discussed <b>a monitoring mission</b> for the
front line, although neither delegation would say whether a draft text had been tabled.</p>
<p>Observers said the tone was calmer than at the first meeting, when one delegation left
the room for an hour over a dispute about the seating plan.</p>
</div>
<div class="related"><h3>Most read</h3><ul><li><a href="/a">Storm closes harbour</a></li>
<li><a href="/b">Local team wins cup final</a></li>
<li><a href="/c">Prices rise again</a></li></ul></div>
<div class="share">Share on social media | Copy link | Print</div>
<div class="bottom">Copyright The Daily Ledger. All rights reserved.</div>
</body></html>"""

BOILERPLATE = ("Front page", "Subscribe", "Most read", "Storm closes", "Share on", "Copyright")


def read_page(tmp_path, html: str = PAGE) -> Article:
    path = tmp_path / "story.html"
    path.write_text(html, encoding="utf-8")
    (item,) = read_paths([path])
    assert isinstance(item, Article), item
    return item


@pytest.fixture
def no_html_extra(monkeypatch):
    for name in ("trafilatura", "htmldate"):
        monkeypatch.setitem(sys.modules, name, None)


def test_with_the_extra_the_story_alone_is_read(tmp_path):
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    art = read_page(tmp_path)
    paragraphs = art.text.split("\n\n")
    assert paragraphs[0] == "Envoys agree on a second round"
    assert paragraphs[1].startswith("Negotiators from the two delegations")
    assert paragraphs[-1].endswith("a dispute about the seating plan.")
    assert "discussed a monitoring mission for the front line" in art.text
    assert not [b for b in BOILERPLATE if b in art.text]
    assert (art.published, art.date_convention) == (date(2025, 4, 9), "metadata")
    assert (art.title, art.outlet) == ("Envoys agree on a second round", "The Daily Ledger")


def test_without_the_extra_the_built_in_reader_keeps_the_body(tmp_path, no_html_extra):
    assert main_text(PAGE) is None and publication_date(PAGE) is None
    art = read_page(tmp_path)
    assert "Negotiators from the two delegations" in art.text
    assert "Most read" in art.text  # no <article>: the whole body, menus and all
    assert art.published is None  # the JSON-LD date is not read


def test_a_short_page_is_left_to_the_built_in_reader(tmp_path):
    pytest.importorskip("trafilatura")
    html = "<html><body><nav>Menu</nav><p>Envoys met.</p><div>Then left.</div></body></html>"
    assert main_text(html) is None
    assert len("Envoys met. Then left.") < MIN_TEXT
    assert read_page(tmp_path, html).text == "Envoys met.\n\nThen left."


def test_a_page_that_is_an_address_is_not_fetched(monkeypatch):
    utils = pytest.importorskip("htmldate.utils")
    fetched = []
    monkeypatch.setattr(utils, "fetch_url", lambda url, *a, **k: fetched.append(url))
    # htmldate downloads a str that looks like an address; the reader never goes online.
    publication_date("https://example.invalid/2025/04/09/story")
    assert fetched == []
