"""Drafting a scenario from stances, on an invented corpus whose answer is known by construction.

The stances frame below is what ``Store.stances()`` returns for four invented
articles; every expected number is worked out by hand from the rule in
:mod:`detente.bargain.draft` (weights, recency, prominence), so a change of the rule
shows here.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from detente.bargain.capabilities import load_capabilities
from detente.bargain.draft import DraftParams, draft_scenario, locator, party_of
from detente.bargain.io import load_scenario_file
from detente.bargain.io.yamlout import write_scenario_yaml
from detente.errors import ScenarioError
from detente.issues import IssueActor, IssueSet
from tests.bargain.conftest import ISSUES


def _entry(draft, actor, issue):
    return next(e for e in draft.entries if (e.actor, e.issue) == (actor, issue))


def test_positions_sds_and_saliences_follow_the_rule(corpus):
    stances, documents, texts = corpus
    draft = draft_scenario(stances, documents, ISSUES, texts=texts)
    assert draft.as_of == date(2025, 4, 1)  # the latest dated document
    # Russia: 100 (demand, 90 days old: weight 1.0 * 0.5) and 80 (state, new: 0.7 * 1)
    w = np.array([0.5, 0.7])
    mean = float(np.average([100, 80], weights=w))
    sd = math.sqrt(np.average((np.array([100, 80]) - mean) ** 2, weights=w))
    rus = _entry(draft, "rus", "territory")
    assert rus.position == round(mean, 1) == 88.3
    assert rus.sd == round(sd, 1)
    # salience: one stance in the lead (1.0), one further down (0.6), no discount by age
    assert rus.salience == round(1 - math.exp(-(1.0 + 0.6) / 2.0), 2)
    # Ukraine rejects Russia's stated position: the mirror of Russia's centre, one statement
    ukr = _entry(draft, "ukr", "territory")
    assert ukr.position == round(100 - mean, 1) and ukr.sd == DraftParams().single_sd
    # the US envoy speaks for the United States; both US stances sit at 50, sd floored
    usa = _entry(draft, "usa", "territory")
    assert (usa.position, usa.sd, usa.n_stances) == (50.0, DraftParams().min_sd, 2)
    assert draft.left_out_issues == (("nato", "no stance on it"),)
    assert {a.id for a in draft.scenario.actors} == {"rus", "usa", "ukr"}
    assert draft.n_documents == 2


def test_clout_comes_from_the_capabilities_table_with_its_sources(corpus):
    stances, documents, texts = corpus
    draft = draft_scenario(stances, documents, ISSUES, texts=texts)
    rus = draft.scenario.actors[draft.scenario.actor_index("rus")]
    value, why = load_capabilities().clout("rus")
    assert rus.clout == value and rus.description == why
    assert "World Bank" in why and "SIPRI" in why


def test_the_issues_files_actors_choose_the_actors_and_their_clout(corpus):
    stances, documents, texts = corpus
    issues = IssueSet(
        ISSUES.issues,
        (
            IssueActor("rus", "Russia", 85.0, "hand-made"),
            IssueActor("usa", "United States"),
            IssueActor("chn", "China"),
        ),
    )
    draft = draft_scenario(stances, documents, issues, texts=texts)
    assert [a.id for a in draft.scenario.actors] == ["rus", "usa"]
    assert draft.scenario.actors[0].clout == 85.0
    assert draft.scenario.actors[1].clout == load_capabilities().clout("usa")[0]
    assert ("chn", "no stance on any issue") in draft.left_out_actors


def test_as_of_uses_only_what_was_published_by_then(corpus):
    stances, documents, texts = corpus
    draft = draft_scenario(stances, documents, ISSUES, as_of=date(2025, 2, 1), texts=texts)
    rus = _entry(draft, "rus", "territory")
    assert (rus.position, rus.n_stances) == (100.0, 1)
    assert "ukr" not in draft.scenario.actor_ids  # its stance came later
    with pytest.raises(ScenarioError, match="nothing to draft as of 2024-12-31"):
        draft_scenario(stances, documents, ISSUES, as_of=date(2024, 12, 31))


def test_a_prior_fills_what_no_stance_speaks_to(corpus):
    stances, documents, texts = corpus
    prior = draft_scenario(stances, documents, ISSUES, texts=texts).scenario
    prior_nato = IssueSet((*ISSUES.issues,), name="x")
    later = draft_scenario(stances.iloc[:1], documents, prior_nato, texts=texts, prior=prior)
    ukr = _entry(later, "ukr", "territory")
    assert (
        ukr.source == "prior"
        and ukr.position
        == _entry(
            draft_scenario(stances, documents, ISSUES, texts=texts), "ukr", "territory"
        ).position
    )
    rus = _entry(later, "rus", "territory")
    assert rus.source == "draft" and rus.position == 100.0


def test_locators_are_a_few_unique_words_from_the_cue():
    text = "Moscow wants all of it. Later Moscow wants all of it again, it says."
    stance = draft_scenario.__globals__["DraftStance"](
        actor="rus",
        issue="territory",
        position=100.0,
        weight=1.0,
        prominence=1.0,
        day=date(2025, 1, 1),
        doc_id="d",
        doc="d.txt",
        start=24,
        end=len(text),
        kind="demand",
        holder="RUS",
        cue="all of it",
    )
    loc = locator(stance, {"d": text}, words=3)
    assert loc.doc == "d.txt" and loc.quote == "all of it again,"
    assert text.count(loc.quote) == 1


def test_party_of_rolls_holders_up():
    assert party_of("USA", "country", "USA") == "usa"
    assert party_of("person.rubio_marco", "person", "USA") == "usa"
    assert party_of("org.eu.commission", "organization", None) == "eu"
    assert party_of("grp.west", "organization", None) is None


def test_the_drafted_file_reads_back_as_the_same_scenario(corpus, tmp_path):
    stances, documents, texts = corpus
    draft = draft_scenario(stances, documents, ISSUES, texts=texts)
    path = write_scenario_yaml(
        tmp_path / "d.yaml",
        draft.scenario,
        as_of=draft.as_of.isoformat(),
        notes=draft.notes,
        extra={"left_out": {"issues": [{"id": "nato", "why": "no stance on it"}]}},
        header="drafted\nfor a test",
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# drafted\n# for a test\n") and "left_out:" in text
    back = load_scenario_file(path)
    s = back.scenario
    assert s.actor_ids == draft.scenario.actor_ids and s.issue_ids == draft.scenario.issue_ids
    np.testing.assert_allclose(s.positions, draft.scenario.positions)
    np.testing.assert_allclose(s.salience, draft.scenario.salience)
    np.testing.assert_allclose(s.capability, draft.scenario.capability)
    np.testing.assert_allclose(s.position_sd, draft.scenario.position_sd)
    assert s.evidence == draft.scenario.evidence and back.notes == draft.notes
    assert back.as_of == "2025-04-01"
