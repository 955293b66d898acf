"""The JSON API under a fuzzer: schemathesis against the app's own OpenAPI schema.

Every operation gets a bounded number of generated requests, valid and invalid
(``GenerationMode.all()``), and every response is held to all of schemathesis'
checks: no server error, every status code documented, bodies and headers that
match the schema, invalid input rejected with a 4xx, valid input accepted. The
app runs in-process over a temporary store of invented articles (tests/web/conftest.py).

A request that matches the schema may still name things that do not exist (an
unknown actor, a document that is not stored), ask for something inconsistent (a
window that ends before it starts) or not fit the scenario (a what-if for an actor
the scenario lacks): those are 404, 400 and 422, documented on the operation, and
count as answers to valid input; only a 5xx or an undocumented answer fails.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup

from tests.web.conftest import SCENARIO, fill

MAX_EXAMPLES = 30
"""Generated requests per operation and mode (bounded: the whole run takes about a minute)."""


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from detente.store import open_store
    from detente.web import create_app

    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "scenario.yaml").write_text(SCENARIO, encoding="utf-8")
    with open_store(f"sqlite:///{folder / 'store.db'}") as store:
        fill(store)
        app = create_app(store, scenario_path=folder / "scenario.yaml")
        config = schemathesis.Config.from_dict(
            {
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404", "422"]},
                },
            }
        )
        yield schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, config=config)


def _operations() -> list[str]:
    """``METHOD /path`` of every operation of the API (the schema needs no store)."""
    from detente.web import create_app

    paths = create_app(None).openapi()["paths"]  # type: ignore[arg-type]
    return sorted(f"{method.upper()} {path}" for path, ops in paths.items() for method in ops)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.parametrize("label", _operations())
def test_api_conforms_to_its_schema(api_schema, label, mode):
    operation = next(op.ok() for op in api_schema.get_all_operations() if op.ok().label == label)
    strategy = operation.as_strategy(generation_mode=GenerationMode(mode))
    failures: list[str] = []

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=strategy)
    def fuzz(case):
        try:
            case.call_and_validate()
        except (AssertionError, FailureGroup) as exc:
            failures.append(f"{case.method} {case.formatted_path} {case.query!r}: {exc}"[:800])

    try:
        fuzz()
    except Unsatisfiable:
        # negative mode on an operation whose every input is a free string: there is no
        # invalid request to send (schemathesis filters out all it draws)
        assert mode == "negative", label
    assert not failures, "\n\n".join(failures[:5])
