"""The assembled pipeline: order, requires/assigns, and the Extractor API."""

from __future__ import annotations

import hashlib
import importlib
from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.util import registry

from detente.errors import InputError
from detente.extract import ComponentError, DocumentExtraction, Extractor, build_pipeline
from detente.extract.pipeline import PATTERNS_NAME, split_glued_quotes
from detente.ingest.records import Article
from detente.settings import Settings


def article(text: str, name: str = "a.txt", published: date | None = date(2025, 2, 19)) -> Article:
    return Article(name, name, text, hashlib.sha256(text.encode()).hexdigest(), published=published)


def test_order_and_analyze_pipes(nlp):
    names = nlp.pipe_names
    assert names.index(PATTERNS_NAME) < names.index("ner") < names.index("detente_actor_resolver")
    assert names.index("detente_actor_resolver") < names.index("detente_quotes")
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]


def test_components_can_be_chosen(nlp):
    small = build_pipeline(components=("dates",))
    assert "detente_dates" in small.pipe_names
    assert (
        "detente_actor_resolver" not in small.pipe_names and PATTERNS_NAME not in small.pipe_names
    )
    actors = build_pipeline(components=("actors", "quotes"))
    assert "detente_roles" not in actors.pipe_names  # it reads the dates' inferred "now"
    assert not any(actors.analyze_pipes()["problems"].values())


def test_unknown_component_and_bad_model_are_clear_errors():
    with pytest.raises(InputError, match="unknown component"):
        build_pipeline(components=("actors", "sentiment"))
    with pytest.raises(InputError, match="no_such_model"):
        build_pipeline(Settings(spacy_model="no_such_model"), components=("dates",))


def test_extract_gives_records(nlp):
    text = (
        "Russian Foreign Minister Sergei Lavrov met Secretary of State Marco Rubio "
        "in Riyadh on Tuesday. "
        "“The talks were useful,” Lavrov said."
    )
    art = article(text)
    result = Extractor(nlp=nlp).extract(art)
    assert isinstance(result, DocumentExtraction) and result.doc_id == art.doc_id
    ids = {a.actor_id for a in result.actors}
    assert {"RUS", "person.lavrov_sergei", "person.rubio_marco"} <= ids
    rubio = next(a for a in result.actors if a.actor_id == "person.rubio_marco")
    assert rubio.country == "USA" and "Secretary of State" in rubio.role
    assert [q.speaker_id for q in result.quotes] == ["person.lavrov_sergei"]
    assert all(m.evidence.slice(text) == m.text for m in result.mentions)
    assert len(result.sentences) == 2 and result.sentences[1].end == len(text)


def _boom_pipeline() -> Language:
    nlp = spacy.blank("en")

    @Language.component("test_boom")
    def boom(doc):
        if "explode" in doc.text:
            raise ValueError("boom on purpose")
        return doc

    nlp.add_pipe("test_boom")
    return nlp


def test_extract_many_keeps_going_after_a_failing_document():
    arts = [
        article("A calm text.", "1.txt"),
        article("This will explode.", "2.txt"),
        article("Calm again.", "3.txt"),
    ]
    results = list(Extractor(nlp=_boom_pipeline(), batch_size=2).extract_many(iter(arts)))
    assert [a.name for a, _ in results] == ["1.txt", "2.txt", "3.txt"]
    assert isinstance(results[0][1], DocumentExtraction) and isinstance(
        results[2][1], DocumentExtraction
    )
    assert isinstance(results[1][1], ComponentError) and "boom on purpose" in str(results[1][1])


def test_extract_single_raises_component_errors():
    with pytest.raises(ValueError, match="boom"):
        Extractor(nlp=_boom_pipeline()).extract(article("explode now"))


def test_extract_many_matches_extract(nlp):
    arts = [
        article("Putin spoke with Trump on Monday.", "x.txt"),
        article("Zelensky thanked NATO.", "y.txt"),
    ]
    ex = Extractor(nlp=nlp, batch_size=1)
    many = [r for _, r in ex.extract_many(arts)]
    assert many == [ex.extract(a) for a in arts]


def test_extractor_issues_replace_the_stance_component(nlp):
    if "detente_stances" not in nlp.pipe_names:
        pytest.skip("stance component not available")
    from detente.extract.pipeline import build_pipeline as build

    local = build(components=("actors", "stances"))
    cues = {0: ["close"], 100: ["reopen"]}
    issues = [{"id": "grain", "keywords": ["grain corridor"], "cues": cues}]
    ex = Extractor(nlp=local, issues=issues)
    ex.extract(article("Russia demanded that Ukraine close the grain corridor."))
    assert [i.id for i in local.get_pipe("detente_stances").issues] == ["grain"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "“",
        "“Unclosed quote runs on and on, he said",
        "” stray closing mark” and ‘odd’ ‘marks",
        "Mr. . Dr. President the the president 's 's",
        "By\nPhoto:\n(With assistance from)\n",
        "2025-13-45 Feb. 30, 2025 on February 31 — Monday Tuesday",
    ],
)
def test_odd_inputs_do_not_break_the_pipeline(nlp, text):
    result = Extractor(nlp=nlp).extract(article(text, published=None))
    assert result.doc_id == article(text).doc_id
    for m in result.mentions:
        assert m.evidence.slice(text) == m.text


def test_line_break_starts_a_sentence(blank):
    from detente.extract.components.line_breaks import LineBreaks

    doc = LineBreaks()(
        blank("Envoys Meet In Gulf\n\nThe envoys met on Monday.\nPhoto by A. Reader")
    )
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Envoys", "The", "Photo"]
    doc = LineBreaks()(blank("The envoy told reporters:\n“We are ready.”"))
    assert [t.text for t in doc if t.is_sent_start] == ["The"]
    doc = LineBreaks()(blank("Two obstacles remain:\n- Borders: no map is agreed\n• Guarantees"))
    assert [t.text for t in doc if t.is_sent_start] == ["Two", "-", "•"]


def test_headline_line_is_not_glued_to_the_lede(nlp):
    doc = nlp("Envoys Meet In Gulf Capital\nThe envoys met on Monday and agreed to talk again.")
    lede = next(s for s in doc.sents if "envoys met" in s.text)
    assert "Gulf" not in lede.text


def test_extract_many_in_worker_processes_reports_each_failures_cause():
    arts = [article(f"Calm text number {k}.", f"{k}.txt") for k in range(5)]
    arts[1] = article("This will explode.", "1.txt")
    arts[4] = article("This will explode\ntoo, over two lines.", "4.txt")
    ex = Extractor(nlp=_boom_pipeline(), batch_size=2, n_process=2)
    results = list(ex.extract_many(iter(arts)))
    assert [a.name for a, _ in results] == [f"{k}.txt" for k in range(5)]
    for k in (1, 4):
        err = results[k][1]
        assert isinstance(err, ComponentError)
        assert str(err) == "test_boom: ValueError: boom on purpose"
    assert all(isinstance(results[k][1], DocumentExtraction) for k in (0, 2, 3))
    assert "dropped" not in " ".join(str(r) for _, r in results)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a closing quote glued to the next word is split off, straight or curly
        ('she called the plan "theft"Lopez said', ["theft", '"', "Lopez"]),
        ("the \u201cdeal\u201dGarcia signed", ["deal", "\u201d", "Garcia"]),
        ('he answered "never."Then he left', ['"', "Then"]),
    ],
)
def test_a_glued_closing_quote_is_split_from_the_next_word(text, words):
    nlp = spacy.blank("en")
    split_glued_quotes(nlp)
    split_glued_quotes(nlp)  # a second call changes nothing
    tokens = [t.text for t in nlp(text)]
    assert all(w in tokens for w in words), tokens


def test_an_inch_mark_after_a_digit_is_left_alone():
    nlp = spacy.blank("en")
    split_glued_quotes(nlp)
    assert '5"x7' in [t.text for t in nlp('a 5"x7" print')]


DECLARED_BY_CALLER = {"doc._.doc_id", "doc._.published"}
"""Extensions the Extractor sets before the pipeline runs (no component assigns them)."""

CONTRACT_TEXTS = (
    (
        "Ministers Meet Near The Border\n"
        "Russian Foreign Minister Sergei Lavrov met Secretary of State Marco Rubio in Riyadh "
        "on Tuesday. The two sides agreed to restore their embassies. “We listened "
        "carefully,” Lavrov said, adding that he hoped to meet again next month. Ukraine "
        "accused Russia of shelling a power plant, and the Ukrainian president demanded a "
        "ceasefire.",
        "2025-02-19",
    ),
    (
        "Weeks after the inauguration in Washington, the new President phoned Vladimir "
        "Putin. The Kremlin said he proposed talks on a ceasefire in Ukraine.",
        None,
    ),
)


def test_every_component_is_analysed_and_has_no_problems(nlp):
    problems = nlp.analyze_pipes()["problems"]
    ours = [name for name in nlp.pipe_names if name.startswith("detente_")]
    assert set(ours) >= {
        "detente_line_breaks",
        PATTERNS_NAME,
        "detente_actor_resolver",
        "detente_dates",
        "detente_roles",
        "detente_quotes",
    }
    for name in ours:
        assert name in problems and problems[name] == [], (name, problems[name])
        assert nlp.get_pipe_meta(name).assigns, f"{name} declares nothing it assigns"


def test_each_component_declares_the_extensions_it_reads_and_writes(nlp, monkeypatch):
    """Every ``._`` attribute a component reads is in its requires (or assigns), every one
    it writes in its assigns: spied on the Underscore class while each component runs."""
    from spacy.tokens.underscore import Underscore

    reads: set[str] = set()
    writes: set[str] = set()
    get, put = Underscore.__getattr__, Underscore.__setattr__

    def spy_get(self, name):
        reads.add(f"{type(self._obj).__name__.lower()}._.{name}")
        return get(self, name)

    def spy_set(self, name, value):
        writes.add(f"{type(self._obj).__name__.lower()}._.{name}")
        return put(self, name, value)

    monkeypatch.setattr(Underscore, "__getattr__", spy_get)
    monkeypatch.setattr(Underscore, "__setattr__", spy_set)
    seen: set[str] = set()
    for text, published in CONTRACT_TEXTS:
        doc = nlp.make_doc(text)
        doc._.published = published
        doc._.doc_id = "contract"
        for name, component in nlp.pipeline:
            reads.clear()
            writes.clear()
            doc = component(doc)
            meta = nlp.get_pipe_meta(name)
            assert reads <= {*meta.requires, *meta.assigns, *DECLARED_BY_CALLER}, name
            assert writes <= set(meta.assigns), name
            seen |= reads | writes
    # the spy saw the components at work, or the inclusions above would be empty
    assert {"doc._.mentions", "doc._.dates", "doc._.quotes", "doc._.events"} <= seen


def test_the_pipeline_survives_to_disk_and_spacy_load(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert len(loaded.get_pipe(PATTERNS_NAME)) == len(nlp.get_pipe(PATTERNS_NAME)) > 0
    for text, published in CONTRACT_TEXTS:
        day = date.fromisoformat(published) if published else None
        here = Extractor(nlp=nlp).extract(article(text, published=day))
        there = Extractor(nlp=loaded).extract(article(text, published=day))
        assert there.actors == here.actors and there.mentions == here.mentions
        assert there.events == here.events and there.quotes == here.quotes
    first = Extractor(nlp=loaded).extract(article(CONTRACT_TEXTS[0][0]))
    assert {"person.lavrov_sergei", "person.rubio_marco", "RUS"} <= {
        a.actor_id for a in first.actors
    }
    assert first.events and first.quotes


def _declared_factories() -> dict[str, str]:
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return project["entry-points"]["spacy_factories"]


def test_every_component_has_a_spacy_factories_entry_point(nlp):
    declared = _declared_factories()
    ours = {name for name in nlp.pipe_names if name.startswith("detente_")}
    assert ours <= set(declared)
    for name, target in declared.items():
        module, _, function = target.partition(":")
        factory = getattr(importlib.import_module(module), function)
        assert registry.factories.get(name) is factory, name


def test_a_fresh_process_loads_the_saved_pipeline(nlp, tmp_path):
    """``spacy.load()`` alone finds detente's components (their entry points)."""
    import json
    import subprocess
    import sys

    text = "Sergei Lavrov met Marco Rubio in Riyadh on Tuesday."
    nlp.to_disk(tmp_path / "pipeline")
    code = (
        "import json, sys, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        "doc = nlp.make_doc(sys.argv[1]); doc._.published = '2025-02-19'\n"
        "print(json.dumps([list(m) for m in nlp(doc)._.mentions]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, text], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, (
        f"{run.stderr[-1500:]}\n(after editing pyproject.toml: make setup-test registers "
        "the spacy_factories entry points)"
    )
    doc = nlp.make_doc(text)
    doc._.published = "2025-02-19"
    expected = [list(m) for m in nlp(doc)._.mentions]
    assert json.loads(run.stdout) == expected
    assert {m[2] for m in expected} >= {"person.lavrov_sergei", "person.rubio_marco"}
