"""Evidence files: a scenario's locators pointed at another corpus.

A scenario's numbers are the analyst's judgement; its locators tie each judgement to
a sentence of one corpus. The same facts are often reported in another corpus (the
sample reports shipped with detente restate those of the seed articles), and the
scenario should then cite that corpus without copying its numbers into a second
file. An evidence file holds only the locators, by issue and actor::

    evidence:
      territory:
        rus: [{doc: moscow-terms.md, quote: "pull out of the four regions"}]

:func:`read_evidence` checks every issue and actor id against the scenario and every
locator's shape, raising one ``file:line: problem`` line otherwise;
:func:`with_evidence` returns the scenario file with its locators replaced (entries
the file leaves out have none, and the locator check lists them).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from detente.bargain.io.files import ScenarioFile, fail, read_text
from detente.bargain.scenario import Locator, Scenario
from detente.errors import ScenarioError

Evidence = dict[tuple[str, str], tuple[Locator, ...]]
"""Locators by (actor id, issue id), the shape of :attr:`Scenario.evidence`."""


def _fail(path: Path, node: yaml.Node, problem: str) -> ScenarioError:
    return fail(path, node.start_mark.line + 1, problem)


def _mapping(path: Path, node: yaml.Node, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"{what} must be a mapping")
    return node.value


def _locator(path: Path, node: yaml.Node) -> Locator:
    fields = {}
    for key, value in _mapping(path, node, "a locator"):
        if key.value not in ("doc", "quote"):
            raise _fail(path, key, f"unknown locator field {key.value!r}; use doc and quote")
        if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            raise _fail(path, value, f"locator field {key.value!r} must be non-empty text")
        fields[key.value] = str(value.value).strip()
    missing = [k for k in ("doc", "quote") if k not in fields]
    if missing:
        raise _fail(path, node, f"locator without {missing[0]!r}")
    return Locator(doc=fields["doc"], quote=fields["quote"])


def read_evidence(path: str | Path, scenario: Scenario) -> Evidence:
    """The locators of an evidence file, checked against ``scenario``'s actors and issues.

    Raises:
        ScenarioError: ``file:line: problem`` for a malformed file, an unknown issue or
            actor id, or a locator for an entry the scenario has no position for.
    """
    path = Path(path)
    try:
        root = yaml.compose(read_text(path))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail(path, mark.line + 1 if mark else None, "not valid YAML") from None
    if root is None:
        raise ScenarioError(f"{path}: file is empty")
    top = dict((k.value, v) for k, v in _mapping(path, root, "the file"))
    if "evidence" not in top:
        raise _fail(path, root, "no 'evidence:' mapping of issue -> actor -> locators")
    issues, actors = scenario.issue_ids, scenario.actor_ids
    out: Evidence = {}
    for issue_key, by_actor in _mapping(path, top["evidence"], "'evidence'"):
        if issue_key.value not in issues:
            raise _fail(path, issue_key, f"unknown issue {issue_key.value!r}")
        j = issues.index(issue_key.value)
        for actor_key, locs in _mapping(path, by_actor, f"issue {issue_key.value!r}"):
            if actor_key.value not in actors:
                raise _fail(path, actor_key, f"unknown actor {actor_key.value!r}")
            if not scenario.present[actors.index(actor_key.value), j]:
                raise _fail(
                    path,
                    actor_key,
                    f"{actor_key.value!r} has no position on {issue_key.value!r} to cite for",
                )
            if not isinstance(locs, yaml.SequenceNode) or not locs.value:
                raise _fail(path, locs, "locators must be a non-empty list")
            out[(actor_key.value, issue_key.value)] = tuple(_locator(path, n) for n in locs.value)
    return out


def with_evidence(sf: ScenarioFile, evidence: Evidence) -> ScenarioFile:
    """``sf`` with its scenario's locators replaced by ``evidence``."""
    return dataclasses.replace(sf, scenario=dataclasses.replace(sf.scenario, evidence=evidence))
