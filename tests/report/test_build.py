"""build_report end to end over a temporary store of invented articles."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from detente.bargain import forecast, load_scenario
from detente.bargain.io import load_scenario_file
from detente.errors import ModelError, ScenarioError
from detente.report import REPORT_NAME, build_report, gather

FAST = ("weighted_median", "compromise", "nash")
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base"}


class _Balance(HTMLParser):
    """Checks that every non-void element is closed in order; collects ids and hrefs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]} at {self.getpos()}")
            return
        self.stack.pop()


def parse(html: str) -> _Balance:
    p = _Balance()
    p.feed(html)
    p.close()
    assert not p.errors, p.errors[:3]
    assert not p.stack, f"unclosed: {p.stack}"
    return p


def assert_self_contained(html: str) -> None:
    refs = re.findall(r"""(?:src|href|xlink:href|action)\s*=\s*["']?\s*([^"'\s>]+)""", html, re.I)
    remote = [r for r in refs if re.match(r"(?:[a-z][a-z0-9+.-]*:|//)", r, re.I)]
    assert not remote, remote
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html, re.I)
    assert "@import" not in html
    assert "<link" not in html.lower()
    assert "<script" not in html.lower()


@pytest.fixture
def report(small_store, small_scenario, tmp_path, global_seed):
    path = build_report(
        small_store,
        tmp_path / "out",
        scenario_path=small_scenario,
        draws=200,
        random_state=global_seed,
        models=FAST,
    )
    return path, path.read_text(encoding="utf-8")


def test_writes_one_html_file(report, tmp_path):
    path, html = report
    assert path == tmp_path / "out" / REPORT_NAME
    assert [p.name for p in path.parent.iterdir()] == [REPORT_NAME]
    assert html.startswith("<!DOCTYPE html>")


def test_markup_in_article_text_is_shown_as_text(report, evil_title):
    _, html = report
    assert evil_title not in html
    shown = (
        "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt; Talks &amp; "
        "&lt;b&gt;tensions&lt;/b&gt;"
    )
    assert shown in html
    assert "An invented test scenario &lt;em&gt;with markup&lt;/em&gt;." in html
    tags = parse(html).tags
    assert "script" not in tags and "b" not in tags and "em" not in tags


def test_no_network_references(report):
    _, html = report
    assert_self_contained(html)
    # the article's original address is shown, as text only
    assert "https://example.invalid/story" in html
    assert 'href="https://example.invalid' not in html


def test_every_internal_link_has_a_target(report):
    p = parse(report[1])
    ids = set(p.ids)
    assert len(ids) == len(p.ids), "duplicate ids"
    missing = sorted({h for h in p.hrefs if h.startswith("#") and h[1:] not in ids})
    assert not missing


def test_forecast_numbers_match_the_models(report, small_scenario):
    html = report[1]
    scenario = load_scenario(small_scenario)
    forecast_table = html.split('<section id="forecast">')[1].split("</section>")[0]
    for name in FAST:
        fc = forecast(scenario, name)
        for issue in ("border", "sanctions"):
            cell = f'<a href="#model-{name}">{fc.outcome(issue):.1f}</a>'
            assert cell in forecast_table, (name, issue)


def test_inputs_link_to_their_evidence_sentences(report):
    html = report[1]
    inputs = html.split('<section id="inputs">')[1].split("</section>")[0]
    row = inputs.split('id="input-atl-border"')[1].split("</tr>")[0]
    anchor = re.search(r'<a href="#(ev-\d+)">20</a>', row).group(1)
    evidence = html.split('<section id="evidence">')[1].split("</section>")[0]
    item = evidence.split(f'id="{anchor}"')[1].split("</li>")[0]
    assert (
        "The Atlantian envoy said the <mark>border question must stay open</mark> for now." in item
    )
    assert "geneva.txt" in item
    # the clout override and the sd are shown; clout links to the actor's justification
    bor = inputs.split('id="input-bor-border"')[1].split("</tr>")[0]
    assert '<a href="#actor-bor">55</a>' in bor and "issue override" in bor
    assert "sd 5.0" in row
    cas = inputs.split('id="input-cas-border"')[1].split("</tr>")[0]
    assert "range 40" in cas


def test_unresolved_locator_is_reported(report):
    evidence = report[1].split('<section id="evidence">')[1].split("</section>")[0]
    assert "unresolved" in evidence
    assert "no such words in the text" in evidence
    assert evidence.count("unresolved:") == 1


def test_monte_carlo_band_and_params_are_shown(report, global_seed):
    html = report[1]
    models = html.split('<section id="models">')[1].split("</section>")[0]
    assert f"200 (seed {global_seed})" in models
    assert "<th>weight</th><td><code>&#39;capability*salience&#39;</code></td>" in models
    forecast_table = html.split('<section id="forecast">')[1].split("</section>")[0]
    assert forecast_table.count('class="band-txt"') == 2 * len(FAST)
    # model-specific outcome columns are shown with the parameters
    nash = models.split('id="model-nash"')[1].split("</div>")[0]
    assert '<th class="n">disagreement</th>' in nash and '<th class="n">feasible</th>' in nash


def test_whatifs_side_by_side(report, small_scenario):
    html = report[1]
    section = html.split('<section id="whatifs">')[1].split("</section>")[0]
    assert "Cascadia stays home" in section and "drop cas" in section
    assert "set atl on border: position 40" in section
    assert section.count("<svg") == 2  # one delta chart per variant
    for name in FAST:
        assert f'<h3><a href="#model-{name}">{name}</a></h3>' in section


def test_corpus_tables(report):
    html = report[1]
    docs = html.split('<section id="documents">')[1].split("</section>")[0]
    assert "geneva.txt" in docs and "second-round.txt" in docs and "2025-03-04" in docs
    assert "read as iso" in docs
    events = html.split('<section id="events">')[1].split("</section>")[0]
    assert "CONSULT" in events and "Geneva" in events and "COOPERATE" in events
    assert "Envoys of Atlantis and Borduria met in Geneva on Monday." in events
    quotes = html.split('<section id="quotes">')[1].split("</section>")[0]
    assert "the border question must stay open" in quotes and "Atlantis" in quotes
    actors = html.split('<section id="actors">')[1].split("</section>")[0]
    assert actors.index("Borduria") < actors.index("Cascadia")  # most mentioned first


def test_issue_charts(report):
    html = report[1]
    section = html.split('<section id="issues">')[1].split("</section>")[0]
    assert section.count("<svg") == 1 + 2  # the position map, then one chart per issue
    position_map = section.split('id="position-map"')[1].split("</svg>")[0]
    assert position_map.count('class="actor"') == 5  # one dot per stated position
    assert position_map.count('class="outcome"') == 2  # compromise's forecast on each issue
    assert "forecasts (compromise)" in position_map
    border = section.split('id="issue-border"')[1].split("</svg>")[0]
    assert border.count("<circle") == 3 and border.count("<path") == len(FAST)


def test_same_seed_same_report(small_store, small_scenario, tmp_path, report):
    again = build_report(
        small_store,
        tmp_path / "again",
        scenario_path=small_scenario,
        draws=200,
        random_state=20250218,
        models=FAST,
    )
    assert again.read_text(encoding="utf-8") == report[1]


def test_corpus_only_report(small_store, tmp_path):
    html = build_report(small_store, tmp_path, draws=0, random_state=1).read_text(encoding="utf-8")
    p = parse(html)
    assert "forecast" not in p.ids and "inputs" not in p.ids
    assert {"overview", "documents", "actors", "events", "quotes", "texts"} <= set(p.ids)
    assert "No scenario was given" in html
    assert_self_contained(html)


def test_empty_store(db_url, tmp_path):
    from detente.store import open_store

    with open_store(db_url) as store:
        html = build_report(store, tmp_path, random_state=1).read_text(encoding="utf-8")
    parse(html)
    assert "The store holds no documents." in html


def test_bad_options_raise_clear_errors(small_store, small_scenario, tmp_path):
    with pytest.raises(ModelError, match="no_such_model"):
        gather(small_store, scenario_path=small_scenario, models=["no_such_model"], random_state=1)
    with pytest.raises(ModelError, match="draws"):
        gather(
            small_store,
            scenario_path=small_scenario,
            models=["compromise"],
            draws=-1,
            random_state=1,
        )
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nactors: []\n", encoding="utf-8")
    with pytest.raises(ScenarioError):
        build_report(small_store, tmp_path / "o", scenario_path=bad, random_state=1)


def test_seed_report_resolves_every_locator_and_link(seed_store, seed_scenario_path, tmp_path):
    html = build_report(
        seed_store,
        tmp_path,
        scenario_path=seed_scenario_path,
        draws=50,
        random_state=5,
        models=("weighted_median", "compromise"),
    ).read_text(encoding="utf-8")
    p = parse(html)
    ids = set(p.ids)
    assert not sorted({h for h in p.hrefs if h.startswith("#") and h[1:] not in ids})
    assert_self_contained(html)
    evidence = html.split('<section id="evidence">')[1].split("</section>")[0]
    assert "unresolved" not in evidence
    assert evidence.count("<li id=") >= 40
    sf = load_scenario_file(seed_scenario_path)
    issues = html.split('<section id="issues">')[1].split("</section>")[0]
    assert issues.count('<svg class="chart"') == 1 + len(sf.scenario.issues)  # map + one each
    whatifs = html.split('<section id="whatifs">')[1].split("</section>")[0]
    assert whatifs.count('<svg class="chart"') == len(sf.whatifs)
