"""YAML files read with their node tree, so every problem can name its line, and read safely.

Scenario files and issue files are typed by hand or come from someone else; an
error that says ``file:line: issue 'nato': cues: ...`` takes the analyst to the
entry. The readers in :mod:`detente.issues` and :mod:`detente.bargain.io.yamlfile`
share these steps: read once into the node tree, check the tree before any value
is built, build the plain values from it, and walk the tree along a pydantic error
location to the line (:func:`line_of`). The checks:

- only YAML's safe types: a ``!!python/...`` tag is an error, never code;
- an alias bomb (anchors nested into billions of nodes, "billion laughs") is
  refused by counting what the aliases would add (:data:`MAX_ALIAS_NODES`);
- nesting deeper than :data:`MAX_DEPTH` is refused before the tree is built
  (PyYAML's composer recurses once per level);
- a key given twice in one mapping is an error naming its line (PyYAML would
  silently keep the last);
- an impossible timestamp (``2025-02-30``) is an error naming its line.

Every problem is a :class:`YamlSyntaxError` with the 1-based line where known.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 64
"""Deepest nesting of collections accepted (a scenario needs about six)."""
MAX_ALIAS_NODES = 100_000
"""Most nodes that aliases may add to a document when expanded."""


class YamlSyntaxError(ValueError):
    """The text is not valid (or not acceptable) YAML; ``line`` is 1-based when known."""

    def __init__(self, line: int | None, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


class _Loader(yaml.SafeLoader):
    """The safe loader, with impossible timestamps reported at their line."""

    def construct_yaml_timestamp(self, node):  # noqa: D102 - PyYAML's hook
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid date {node.value!r} ({exc})", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_keys(node: yaml.MappingNode) -> None:
    keys: dict[str, int] = {}
    for key, _value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            if key.value in keys:
                first = keys[key.value]
                raise YamlSyntaxError(
                    _line(key),
                    f"key {key.value!r} given twice in one mapping (first on line {first})",
                )
            keys[key.value] = _line(key)


def _check(root: yaml.Node) -> None:
    """Duplicate keys, recursive aliases and alias expansion of a composed document.

    An iterative depth-first walk (no recursion), visiting each node object once: a
    node reached again through an alias is counted by its expanded size, not walked.
    """
    state: dict[int, int] = {}  # 1: open (on the current path), 2: done
    size: dict[int, int] = {}  # nodes a node stands for when its aliases are expanded
    distinct = 0
    stack = [root]
    while stack:
        node = stack[-1]
        key = id(node)
        if key not in state:
            state[key] = 1
            distinct += 1
            if isinstance(node, yaml.MappingNode):
                _check_keys(node)
            for child in _children(node):
                seen = state.get(id(child))
                if seen == 1:
                    raise YamlSyntaxError(_line(child), "an alias refers to its own ancestor")
                if seen is None:
                    stack.append(child)
            continue
        stack.pop()
        if state[key] == 1:
            size[key] = 1 + sum(size[id(child)] for child in _children(node))
            state[key] = 2
    extra = size[id(root)] - distinct
    if extra > MAX_ALIAS_NODES:
        # the line of the smallest collection that is already too large: the bomb's fuse
        fuse = min(
            (n for n in _walk(root) if size[id(n)] > MAX_ALIAS_NODES), key=lambda n: size[id(n)]
        )
        raise YamlSyntaxError(
            _line(fuse),
            f"aliases expand the document by {extra:,} nodes (at most {MAX_ALIAS_NODES:,})",
        )


def _walk(root: yaml.Node) -> list[yaml.Node]:
    """Each distinct node of the tree once."""
    seen: set[int] = set()
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            out.append(node)
            stack.extend(_children(node))
    return out


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH`, from the parser's event stream.

    PyYAML's parser is iterative but its composer recurses once per level, so the
    depth is checked on the events before a node tree is built.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSyntaxError(
                    event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep"
                )
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """Plain values and the node tree of a YAML text (one document).

    Raises:
        YamlSyntaxError: with the line of the first problem (see the module).
    """
    loader = _Loader(text)
    try:
        _check_depth(text)
        root = loader.get_single_node()
        if root is None:
            return None, None
        _check(root)
        return loader.construct_document(root), root
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise YamlSyntaxError(line, getattr(err, "problem", None) or str(err)) from None
    except RecursionError:
        raise YamlSyntaxError(None, "nested too deeply to read") from None
    finally:
        loader.dispose()


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


__all__ = ["MAX_ALIAS_NODES", "MAX_DEPTH", "YamlSyntaxError", "line_of", "load"]
