from detente.svg import bar_chart
from detente.web.highlight import Highlight, render


def test_render_escapes_text_and_nests_overlaps():
    text = 'A <b>said</b> "yes" to B.'
    marks = [
        Highlight("event", 0, len(text), "AGREE: A → B", "AGREE"),
        Highlight("actor", 0, 1, "Alpha <x>", "person.a"),
        Highlight("quote", 15, 18, "quote: Alpha", "person.a"),
    ]
    html = str(render(text, marks))
    assert "<b>" not in html and "&lt;b&gt;said&lt;/b&gt;" in html
    assert (
        '<span class="hl-event" title="AGREE: A → B">'
        '<a class="hl-actor" href="/actors/person.a" title="Alpha &lt;x&gt;">A</a></span>' in html
    )
    assert '<span class="hl-quote" title="quote: Alpha">yes</span>' in html
    # tags balance: every opened span is closed
    assert html.count("<span") == html.count("</span>")
    assert html.count("<a ") == html.count("</a>")


def test_render_clips_bad_spans():
    html = str(
        render("abc", [Highlight("actor", 2, 10, "x", "y"), Highlight("event", 1, 1, "e", "E")])
    )
    assert html == 'ab<a class="hl-actor" href="/actors/y" title="x">c</a>'


def test_bar_chart_escapes_labels_and_signs_bars():
    svg = str(bar_chart([("<w1>", 2.0), ("w2", -3.0)], title="A & B"))
    assert "&lt;w1&gt;" in svg and "A &amp; B" in svg
    assert svg.count('class="bar-pos"') == 1 and svg.count('class="bar-neg"') == 1
    assert str(bar_chart([], title="x")) == ""
