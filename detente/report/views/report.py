"""The record the report is rendered from, and :func:`gather`, which fills it.

Everything shown, nothing computed later: :func:`gather` fills a :class:`ReportData`
from the store and the bargaining stage's public API (the parts from
:mod:`.corpus`, :mod:`.forecast`, :mod:`.relations` with :mod:`.dyads`, and
:mod:`.track`); the renderer only formats it. Keeping every number in one frozen
record is what lets a reader trace each figure in the HTML back to either an
evidence sentence (corpus, scenario inputs) or a model's parameters and seed
(forecasts). Everything random is drawn
from the one ``seed`` the report records, so the same store, scenario and seed give
the same report byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from detente.bargain import MODELS, get_model, load_scenario_file
from detente.errors import ModelError
from detente.forecasting import LOOP_DRAWS, ProgressHook
from detente.randomness import RandomStateLike, seed_of
from detente.relations.periods import check_freq
from detente.report.views.corpus import Corpus, gather_corpus
from detente.report.views.forecast import ScenarioView, gather_scenario
from detente.report.views.relations import RelationsView, gather_relations
from detente.report.views.track import TrackView, gather_track


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the HTML report shows."""

    title: str
    """Report title."""
    seed: int
    """Seed of every random draw in the report."""
    draws: int
    """Monte Carlo draws requested per model."""
    corpus: Corpus
    """The store's contents."""
    scenario: ScenarioView | None = None
    """The scenario part; None when no scenario was given."""
    relations: RelationsView | None = None
    """Dyads, network, channels, triangle and framing; None when not gathered."""
    tracking: TrackView | None = None
    """The scenario's newest stored track (forecast over time) and its backtest; None when
    the scenario was never tracked."""
    warnings: tuple[str, ...] = ()
    """Shown at the top: the corpus is empty, or scenario evidence does not resolve."""


def gather(
    store,
    *,
    scenario_path: Path | str | None = None,
    models: Sequence[str] | None = None,
    draws: int = 500,
    random_state: RandomStateLike = None,
    loop_draws: int = LOOP_DRAWS,
    title: str | None = None,
    freq: str = "W",
    evidence_path: Path | str | None = None,
    on_step: ProgressHook | None = None,
) -> ReportData:
    """Everything the report shows, as one :class:`ReportData`.

    Args:
        store: An open :class:`detente.store.Store`.
        scenario_path: A scenario file (any format ``load_scenario_file`` reads); None
            for a corpus-only report.
        models: Registered model names; None for every registered model.
        draws: Monte Carlo draws per model (0 for none).
        random_state: The models' and the Monte Carlo draws (:mod:`detente.randomness`);
            the report records its seed.
        loop_draws: Cap on draws for models without a vectorised solver.
        title: Report title; defaults to the scenario name or "detente report".
        freq: Period of the dyad index charts and channel table (``D``, ``W``, ``M``).
        evidence_path: Evidence file replacing the scenario's locators, if any.
        on_step: Told about each step before it runs (status lines).

    Raises:
        ModelError: an unknown model name.
        ScenarioError: the scenario file is malformed.
    """
    names = list(MODELS) if models is None else list(models)
    for name in names:
        get_model(name)  # unknown names raise ModelError listing the known ones
    if draws < 0 or loop_draws < 0:
        raise ModelError(f"draws must be >= 0 (got draws={draws}, loop_draws={loop_draws})")
    check_freq(freq)
    seed = seed_of(random_state)
    step = on_step or (lambda text: None)
    step("corpus")
    corpus = gather_corpus(store)
    view = tracking = None
    if scenario_path is not None:
        view = gather_scenario(
            store,
            scenario_path,
            models=names,
            draws=draws,
            random_state=seed,
            loop_draws=loop_draws,
            evidence_path=evidence_path,
            on_step=on_step,
        )
        anchors = {d.doc_id: d.anchor for d in corpus.documents}
        tracking = gather_track(store, load_scenario_file(scenario_path), anchors)
    step("relations")
    return ReportData(
        title=title or (view.name if view else "detente report"),
        seed=seed,
        draws=draws,
        corpus=corpus,
        scenario=view,
        relations=gather_relations(store, corpus.events, random_state=seed, freq=freq),
        tracking=tracking,
        warnings=report_warnings(corpus, view),
    )


def report_warnings(corpus: Corpus, view: ScenarioView | None) -> tuple[str, ...]:
    """What the reader must know before trusting the report: an empty corpus, loose evidence."""
    out = []
    if not corpus.documents:
        out.append(
            f"The store ({corpus.store}) holds no documents: every corpus section is empty and "
            "no scenario input can be traced to a sentence. Ingest articles first."
        )
    if view is not None:
        bad = [e for e in view.evidence if e.problem]
        missing = sum(1 for p in view.positions if not p.evidence)
        if bad:
            docs = sorted({e.doc for e in bad})
            shown = ", ".join(docs[:3]) + (f" and {len(docs) - 3} more" if len(docs) > 3 else "")
            out.append(
                f"{len(bad)} of {len(view.evidence)} evidence locators of the scenario do not "
                f"resolve in this store (documents {shown}): the inputs citing them rest on "
                "nothing shown here. See the Evidence section."
            )
        if missing:
            out.append(f"{missing} scenario inputs cite no evidence at all.")
    return tuple(out)
