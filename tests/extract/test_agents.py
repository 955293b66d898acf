"""The agent nouns data (``data/agents.json``) and its builder script."""

from __future__ import annotations

import importlib.util
from importlib.resources import files

import pytest

from detente.errors import InputError
from detente.extract.actors.agents import AgentNouns
from tests.conftest import REPO


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_agent_nouns", REPO / "scripts" / "build_agent_nouns.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_file_is_what_the_script_builds(reference_dir):
    source = reference_dir / "cameo" / "Phoenix.agents.txt"
    if not source.exists():
        pytest.skip(f"PETRARCH2 agent dictionary not found at {source}")
    builder = _builder()
    committed = (files("detente.extract.actors") / "data" / "agents.json").read_text("utf-8")
    assert builder.render(builder.build(source)) == committed


def test_the_builder_reads_petrarch_entries():
    builder = _builder()
    text = (
        "# comment\n!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
        "BORDER_GUARD [~MIL]\nSPOKES!PERSON!  [~GOV]\nFOOD_MINIST [~GOV]\n"
        "MINISTER_OF_LABOR [~GOV]\nLAWMAN {LAWMEN} [~COP]\nFARMER [~AGR]\n"
    )
    got = builder.parse(text)
    assert got["border guard"] == got["border guards"] == "MIL"
    assert got["spokeswoman"] == got["spokesmen"] == "GOV" and "spokesmans" not in got
    assert got["food minister"] == got["food ministry"] == got["food ministries"] == "GOV"
    assert got["ministers of labor"] == "GOV" and "minister of labors" not in got
    assert got["lawmen"] == "COP" and "lawmans" not in got
    assert "farmer" not in got  # not an agent of a state


def test_agent_nouns_carry_their_attribution_and_sectors():
    nouns = AgentNouns.load()
    assert nouns.sector(["officials"]) == "GOV" and nouns.sector(["troops"]) == "MIL"
    assert nouns.suffix(["senior", "military", "officials"]) == 2
    assert nouns.suffix(["oil", "exports"]) == 0
    data = (files("detente.extract.actors") / "data" / "agents.json").read_text("utf-8")
    assert "Open Event Data Alliance" in data and "MIT" in data


def test_a_malformed_agents_file_names_the_entry():
    with pytest.raises(InputError, match=r"agents\[1\]"):
        AgentNouns.from_json('{"agents": [{"phrase": "x", "sector": "GOV"}, {"phrase": 3}]}')
