"""YAML files read with their node tree, so every problem can name its line.

Scenario files and issue files are typed by hand; an error that says
``file:line: issue 'nato': cues: ...`` takes the analyst to the entry. The
readers in :mod:`detente.issues` and :mod:`detente.bargain.io.yamlfile` share
these two steps: parse once into plain values *and* the node tree, then walk
the tree along a pydantic error location to the line.
"""

from __future__ import annotations

from typing import Any

import yaml


class YamlSyntaxError(ValueError):
    """The text is not valid YAML; ``line`` is 1-based when known."""

    def __init__(self, line: int | None, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """Plain values and the node tree of a YAML text.

    Raises:
        YamlSyntaxError: with the line of the first syntax problem.
    """
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise YamlSyntaxError(line, getattr(err, "problem", None) or str(err)) from None


def line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest YAML node reached along ``loc`` (keys and list indices)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for key in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if str(k.value) == str(key):
                    nxt = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        if nxt is None:
            break
        node, line = nxt, nxt.start_mark.line + 1
    return line


__all__ = ["YamlSyntaxError", "line_of", "load"]
