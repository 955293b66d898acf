"""The package's import graph is acyclic, function-level imports included (read with ast).

An edge ``a -> b`` is an ``import b`` / ``from b import x`` anywhere in ``a`` (``from pkg
import mod`` counts as importing ``pkg.mod``). An import inside a function is an edge too:
deferring an import hides a cycle from the interpreter, not from the reader, which is
why cycles were hidden that way. Imports under ``if TYPE_CHECKING:`` never run and are
left out (the reading is shared with the function-import test: ``tests/_imports_graph.py``).
"""

from __future__ import annotations

import pytest

from tests._imports_graph import import_graph


def cycle_edges(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Every edge that lies on a cycle (both ends in one strongly connected component)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    component: dict[str, int] = {}
    counter = [0]

    def connect(v: str) -> None:  # Tarjan's algorithm, iteratively
        work = [(v, iter(sorted(graph[v])))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component[w] = index[node]
                    if w == node:
                        break

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return {(a, b) for a in graph for b in graph[a] if component[a] == component[b]}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_the_graph_is_read(graph):
    # The reader must see real edges, or "acyclic" would hold of an empty graph.
    assert "detente.bargain.base" in graph["detente.bargain.models.closed_form"]
    assert "detente.bargain.models.smp.rules" in graph["detente.bargain.models.smp.run"]
    assert "detente.settings" in graph["detente.store.store"]  # inside a function
    assert "detente.store" not in graph["detente"]  # lazy: resolved on first use
    # only under TYPE_CHECKING:
    assert "detente.extract.actors.dictionary" not in graph["detente.extract.actors.patterns"]


def test_cycle_finder_finds_a_cycle():
    toy = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycle_edges(toy) == {("a", "b"), ("b", "c"), ("c", "a")}


def test_the_package_has_no_import_cycle(graph):
    assert sorted(cycle_edges(graph)) == []
