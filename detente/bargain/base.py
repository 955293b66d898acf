"""The estimator contract every bargaining model follows (scikit-learn's shape).

Parameters go in a keyword-only ``__init__`` and are stored verbatim; validation
happens in ``fit(scenario)``; what a fit learns lives in attributes ending in
``_``. ``get_params`` / ``clone`` inspect ``__init__`` as
``sklearn.base.BaseEstimator._get_param_names`` does, so every forecast records
the exact parameters that produced it.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd

from detente.errors import ModelError

if TYPE_CHECKING:
    from detente.bargain.scenario import Scenario

MODELS: dict[str, type[BargainingModel]] = {}
"""Registry of models by name; built-ins register through :func:`register_model`."""


def register_model(name: str):
    """Class decorator adding a model to :data:`MODELS` under ``name``."""

    def deco(cls: type[BargainingModel]) -> type[BargainingModel]:
        if name in MODELS and MODELS[name] is not cls:
            raise ValueError(f"model name {name!r} is already registered")
        cls.name = name
        MODELS[name] = cls
        return cls

    return deco


def get_model(name: str, **params: Any) -> BargainingModel:
    """Instantiate a registered model by name."""
    try:
        cls = MODELS[name]
    except KeyError:
        known = ", ".join(sorted(MODELS))
        raise ModelError(f"unknown model {name!r}; known models: {known}") from None
    return cls(**params)


def seeded_params(name: str, seed: int | None = None) -> dict[str, Any]:
    """``{"random_state": seed}`` for a registered model that draws random numbers, else ``{}``.

    ``seed`` None means ``Settings().seed``: every forecast detente shows repeats
    exactly and records the seed that made it. Unknown names raise :class:`ModelError`.
    """
    from detente.settings import get_settings

    get_model(name)
    if "random_state" not in MODELS[name]._get_param_names():
        return {}
    return {"random_state": get_settings().seed if seed is None else seed}


def drawn_scenario(
    scenario: Scenario, positions: np.ndarray, salience: np.ndarray, capability: np.ndarray
) -> Scenario:
    """One Monte Carlo draw of ``scenario`` as a scenario of its own, validated as any.

    The drawn values replace the stated ones and carry no uncertainty of their own
    (the sds and the position range are dropped).
    """
    return dataclasses.replace(
        scenario,
        positions=positions,
        salience=salience,
        capability=capability,
        position_sd=None,
        salience_sd=None,
        capability_sd=None,
        position_range=None,
    )


class BargainingModel:
    """Base class: parameter handling and the common result shape.

    Subclasses implement ``fit(scenario)`` and set at least ``outcome_``, an
    array of shape (n_issues,) on the scenario's own scale. Dynamic models also
    set ``trajectory_`` (a long DataFrame with columns round, actor, issue,
    position; round 0 is the input).
    """

    name: ClassVar[str] = "base"
    dynamic: ClassVar[bool] = False
    """True for round-based models that produce a trajectory."""
    outcome_meaning: ClassVar[str] = ""
    """What ``outcome_`` is, in words: the line that tables comparing models print for it."""

    @classmethod
    def _get_param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        names = []
        for p in sig.parameters.values():
            if p.name == "self":
                continue
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                raise TypeError(f"{cls.__name__} must name its parameters explicitly")
            names.append(p.name)
        return sorted(names)

    def get_params(self) -> dict[str, Any]:
        """Constructor parameters as given."""
        return {n: getattr(self, n) for n in self._get_param_names()}

    def set_params(self, **params: Any) -> BargainingModel:
        """Change constructor parameters; unknown names raise :class:`ModelError`."""
        valid = set(self._get_param_names())
        for k, v in params.items():
            if k not in valid:
                raise ModelError(f"{type(self).__name__} has no parameter {k!r}")
            setattr(self, k, v)
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"

    def fit(self, scenario: Scenario) -> BargainingModel:  # pragma: no cover - abstract
        """Run the model on a scenario."""
        raise NotImplementedError

    def _solve(
        self,
        scenario: Scenario,
        positions: np.ndarray,
        salience: np.ndarray,
        capability: np.ndarray,
        rng: np.random.Generator,
    ) -> np.ndarray:
        """Outcomes for many perturbed copies of ``scenario`` at once (the Monte Carlo protocol).

        :func:`detente.bargain.analysis.uncertainty.monte_carlo` draws perturbed inputs and
        calls this with draws as a LEADING array axis, so a vectorised model runs
        the same pure round function for 1 draw and for 10 000. ``scenario``
        supplies everything that is not perturbed (actors, issues, scales, status
        quo); the three arrays replace its ``positions`` / ``salience`` /
        ``capability``. Models override this with a vectorised implementation and
        usually implement ``fit`` as ``_solve`` on a single draw. This default is
        the documented fallback: it loops over draws, building one validated
        :class:`Scenario` per draw and fitting a clone of the model on it.

        Args:
            scenario: The unperturbed scenario.
            positions: Array of shape (n_draws, n_actors, n_issues); NaN = no position.
            salience: Array of shape (n_draws, n_actors, n_issues) in [0, 1].
            capability: Array of shape (n_draws, n_actors, n_issues) >= 0.
            rng: The one generator of the run, for models that draw random numbers.

        Returns:
            Array of shape (n_draws, n_issues): the outcome of each draw on each issue.
        """
        out = np.empty((positions.shape[0], len(scenario.issues)))
        for k in range(positions.shape[0]):
            drawn = drawn_scenario(scenario, positions[k], salience[k], capability[k])
            model = clone(self)
            if "random_state" in model._get_param_names():
                model.set_params(random_state=int(rng.integers(2**31 - 1)))
            out[k] = np.asarray(model.fit(drawn).outcome_, dtype=float)
        return out

    def stochastic(self) -> bool:
        """True when ``outcome_`` depends on ``random_state`` at fixed inputs.

        One run of such a model (random tie-breaks, sampled transitions) is one draw
        of its own randomness, so comparisons report the median of its Monte Carlo
        runs instead of a single seed's outcome.
        """
        return False

    @classmethod
    def vectorised(cls) -> bool:
        """True when the model overrides :meth:`_solve` with a draws-axis implementation."""
        return cls._solve is not BargainingModel._solve

    def outcomes(self, scenario: Scenario) -> pd.DataFrame:
        """Fitted outcome per issue as a DataFrame (issue, outcome)."""
        check_is_fitted(self)
        return pd.DataFrame(
            {"issue": list(scenario.issue_ids), "outcome": np.asarray(self.outcome_)}
        )


def clone(model: BargainingModel) -> BargainingModel:
    """A new unfitted model with the same parameters."""
    return type(model)(**model.get_params())


def check_is_fitted(model: BargainingModel) -> None:
    """Raise :class:`ModelError` if ``fit`` has not run."""
    if not hasattr(model, "outcome_"):
        raise ModelError(f"{type(model).__name__} is not fitted; call fit(scenario) first")


def check_param(owner: str, name: str, value: Any, kind: type | tuple, low=None, high=None) -> None:
    """One message shape for every invalid parameter.

    ``The 'rounds' parameter of ExpectedUtilityModel must be an int in [1, 1000]. Got 0 instead.``
    """
    ok = isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool)
    if ok and low is not None and value < low:
        ok = False
    if ok and high is not None and value > high:
        ok = False
    if not ok:
        tname = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        rng = f" in [{low}, {high}]" if low is not None or high is not None else ""
        article = "an" if tname[0] in "aeiou" else "a"
        raise ModelError(
            f"The {name!r} parameter of {owner} must be {article} {tname}{rng}. "
            f"Got {value!r} instead."
        )
