"""The estimator contract every bargaining model follows (scikit-learn's shape).

Parameters go in a keyword-only ``__init__`` and are stored verbatim; they are
validated when ``fit(scenario)`` starts, against the class's declarative
``_parameter_constraints`` (scikit-learn's ``_parameter_constraints``: numbers are
checked as :class:`numbers.Integral` / :class:`numbers.Real`, so NumPy scalars pass);
what a fit learns lives in attributes ending in ``_``, among them ``issue_ids_``.
``get_params`` / ``clone`` inspect ``__init__`` as
``sklearn.base.BaseEstimator._get_param_names`` does, so every forecast records the
exact parameters that produced it.

A model that draws random numbers takes ``random_state``, the package's one
convention (:mod:`detente.randomness`): None (the global seed), an int >= 0 (a seed)
or a :class:`numpy.random.Generator` (used as it is).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import numbers
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd

from detente.errors import ModelError
from detente.randomness import RandomStateLike, seed_of

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


def seeded_params(name: str, random_state: RandomStateLike = None) -> dict[str, Any]:
    """``{"random_state": seed}`` for a registered model that draws random numbers, else ``{}``.

    The seed is :func:`~detente.randomness.seed_of` ``random_state`` (None: the global
    seed), an int, so every forecast detente shows repeats exactly and records the seed
    that made it. Unknown names raise :class:`ModelError`.
    """
    get_model(name)
    if "random_state" not in MODELS[name]._get_param_names():
        return {}
    return {"random_state": seed_of(random_state)}


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


class Interval:
    """A number of ``kind`` (:class:`numbers.Integral` or :class:`numbers.Real`) in [low, high].

    Booleans are not numbers here; either bound may be None (open).
    """

    def __init__(self, kind: type, low: float | None = None, high: float | None = None) -> None:
        if kind not in (numbers.Integral, numbers.Real):
            raise TypeError("kind must be numbers.Integral or numbers.Real")
        self.kind, self.low, self.high = kind, low, high

    def is_satisfied_by(self, value: Any) -> bool:
        """True when ``value`` is of the kind and within the bounds."""
        if isinstance(value, bool) or not isinstance(value, self.kind):
            return False
        if self.low is not None and not value >= self.low:
            return False
        return self.high is None or value <= self.high

    def __str__(self) -> str:
        name = "an int" if self.kind is numbers.Integral else "a float or int"
        if self.low is None and self.high is None:
            return name
        if self.high is None:
            return f"{name} >= {self.low}"
        if self.low is None:
            return f"{name} <= {self.high}"
        return f"{name} in [{self.low}, {self.high}]"


class Options:
    """One of a fixed set of values (a string option, usually)."""

    def __init__(self, values: Iterable[Any]) -> None:
        self.values = tuple(values)

    def is_satisfied_by(self, value: Any) -> bool:
        """True when ``value`` is one of the options (booleans never match numbers)."""
        return any(value == v and type(value) is type(v) for v in self.values)

    def __str__(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)


class HasMethods:
    """An object with the named methods (a pluggable rule)."""

    def __init__(self, *methods: str) -> None:
        self.methods = methods

    def is_satisfied_by(self, value: Any) -> bool:
        """True when every named attribute of ``value`` is callable."""
        return all(callable(getattr(value, m, None)) for m in self.methods)

    def __str__(self) -> str:
        return "an object with " + ", ".join(f"a {m}() method" for m in self.methods)


class RandomState:
    """The one ``random_state`` convention (:mod:`detente.randomness`) as a constraint."""

    def is_satisfied_by(self, value: Any) -> bool:
        """True for what :func:`~detente.randomness.check_random_state` accepts."""
        return (
            value is None
            or isinstance(value, np.random.Generator)
            or Interval(numbers.Integral, 0).is_satisfied_by(value)
        )

    def __str__(self) -> str:
        return "None, an int >= 0 or a numpy Generator"


Constraint = Interval | Options | HasMethods | RandomState | None
"""One allowed shape of a parameter; ``None`` allows the value None."""


def validate_parameter(owner: str, name: str, value: Any, constraints: list[Constraint]) -> None:
    """Raise :class:`ModelError` unless ``value`` meets one of ``constraints``.

    One message shape for every invalid parameter, e.g.
    ``The 'rounds' parameter of ExpectedUtilityModel must be an int in [1, 1000]. Got 0 instead.``
    """
    for c in constraints:
        if (value is None) if c is None else c.is_satisfied_by(value):
            return
    shapes = ["None" if c is None else str(c) for c in constraints]
    wanted = shapes[0] if len(shapes) == 1 else ", ".join(shapes[:-1]) + " or " + shapes[-1]
    raise ModelError(f"The {name!r} parameter of {owner} must be {wanted}. Got {value!r} instead.")


def _validated_fit(fit: Callable) -> Callable:
    """Wrap a model's ``fit``: parameters checked first, the issue ids kept after."""

    @functools.wraps(fit)
    def wrapper(self: BargainingModel, scenario: Scenario, *args: Any, **kwargs: Any):
        self._validate_params()
        fitted = fit(self, scenario, *args, **kwargs)
        self.issue_ids_ = tuple(scenario.issue_ids)
        return fitted

    wrapper._validated = True  # type: ignore[attr-defined]
    return wrapper


class BargainingModel:
    """Base class: parameter handling and the common result shape.

    Subclasses implement ``fit(scenario)`` and set at least ``outcome_``, an
    array of shape (n_issues,) on the scenario's own scale. Dynamic models also
    set ``trajectory_`` (a long DataFrame with columns round, actor, issue,
    position; round 0 is the input).
    """

    name: ClassVar[str] = "base"
    _parameter_constraints: ClassVar[dict[str, list[Constraint]]] = {}
    """Parameter name -> the shapes it may take (one of them); checked when ``fit`` starts."""
    dynamic: ClassVar[bool] = False
    """True for round-based models that produce a trajectory."""
    outcome_meaning: ClassVar[str] = ""
    """What ``outcome_`` is, in words: the line that tables comparing models print for it."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every ``fit`` a subclass defines validates first and records ``issue_ids_``."""
        super().__init_subclass__(**kwargs)
        fit = cls.__dict__.get("fit")
        if fit is not None and not getattr(fit, "_validated", False):
            cls.fit = _validated_fit(fit)

    def _validate_params(self) -> None:
        """Check every parameter against ``_parameter_constraints`` (one place, one message)."""
        owner = type(self).__name__
        for name, constraints in self._parameter_constraints.items():
            validate_parameter(owner, name, getattr(self, name), constraints)

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

    def solve_draws(
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
        usually implement ``fit`` as ``solve_draws`` on a single draw. This default is
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
                model.set_params(random_state=seed_of(rng))
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
        """True when the model overrides :meth:`solve_draws` with a draws-axis implementation."""
        return cls.solve_draws is not BargainingModel.solve_draws

    def outcomes(self) -> pd.DataFrame:
        """Fitted outcome per issue as a DataFrame (issue, outcome), issues as at ``fit``."""
        check_is_fitted(self)
        return pd.DataFrame({"issue": list(self.issue_ids_), "outcome": np.asarray(self.outcome_)})


def clone(model: BargainingModel) -> BargainingModel:
    """A new unfitted model with the same parameters."""
    return type(model)(**model.get_params())


def check_is_fitted(model: BargainingModel) -> None:
    """Raise :class:`ModelError` if ``fit`` has not run."""
    if not hasattr(model, "outcome_"):
        raise ModelError(f"{type(model).__name__} is not fitted; call fit(scenario) first")


def check_param(owner: str, name: str, value: Any, kind: type | tuple, low=None, high=None) -> None:
    """:func:`validate_parameter` for a function's argument: ``kind`` int, float or (int, float).

    ``int`` means any :class:`numbers.Integral`, ``float`` any :class:`numbers.Real`, so
    NumPy scalars pass as the built-in numbers do.
    """
    kinds = kind if isinstance(kind, tuple) else (kind,)
    number = numbers.Integral if kinds == (int,) else numbers.Real
    validate_parameter(owner, name, value, [Interval(number, low, high)])
