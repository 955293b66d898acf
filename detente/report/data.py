"""Gather a :class:`~detente.report.records.ReportData` from the store and the bargaining API.

Only public APIs are used: ``Store.documents()/actors()/doc_actors()/events()/quotes()/
sentences()/resolve()`` on the store side and ``load_scenario_file``, ``forecast``,
``monte_carlo`` and ``whatif`` on the bargaining side, ``score_events`` / ``score_table``
on the relations side (the relations sections come from
:mod:`detente.report.relations_data`). Everything random is drawn from
the one ``seed`` the report records, so the same store, scenario and seed give the same
report byte for byte.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from detente import forecasting
from detente.bargain import (
    MODELS,
    ScenarioFile,
    WhatIf,
    get_model,
    load_scenario_file,
    seeded_params,
    whatif,
)
from detente.bargain.io.evidence import read_evidence, with_evidence
from detente.errors import DetenteError, ModelError, NotFound
from detente.forecasting import LOOP_DRAWS, ModelResult, ProgressHook
from detente.relations import score_events, score_table
from detente.relations.periods import check_freq, event_times
from detente.report.records import (
    ActorInfo,
    ActorInput,
    Corpus,
    DocumentInfo,
    EventInfo,
    EvidenceItem,
    IssueInput,
    ModelRun,
    PositionInput,
    QuoteInfo,
    ReportData,
    ScenarioView,
    WhatIfTable,
    WhatIfVariant,
)
from detente.report.relations_data import gather_relations
from detente.report.track_data import gather_track

log = logging.getLogger(__name__)

__all__ = ["LOOP_DRAWS", "gather", "gather_corpus", "gather_scenario"]


def doc_anchor(doc_id: str) -> str:
    """HTML id of a document's section: ``doc-`` and the first 16 hex digits of its hash."""
    return f"doc-{doc_id[:16]}"


def _opt(value: Any) -> Any:
    """None for missing values (None, NaN, NaT), the value otherwise."""
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _plain(value: Any) -> Any:
    """A table cell as a plain Python value (numpy scalars unwrapped, missing -> None)."""
    value = _opt(value)
    return value.item() if isinstance(value, np.generic) else value


def _text(value: Any) -> str | None:
    value = _opt(value)
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def event_anchor(k: int) -> str:
    """HTML id of the ``k``-th event (0-based) of the events sorted by document and offset."""
    return f"event-{k + 1}"


def event_facts(events: pd.DataFrame) -> tuple[list, list, pd.DataFrame]:
    """Score, quad and filing time of each row of ``Store.events()``, via the relations stage.

    The time is the one :func:`detente.relations.event_times` files the event under
    (own date at its precision, else publication), so timeline and dyad index agree.
    """
    if events.empty:
        return [], [], event_times(events)
    known = plover_rows(events)
    scores = pd.Series(np.nan, index=events.index, dtype=float)
    scores.loc[known] = score_events(events.loc[known])
    quad_of = score_table().drop_duplicates("type").set_index("type")["quad"]
    quads = events["type"].astype(str).str.upper().map(quad_of).tolist()
    return [None if math.isnan(v) else v for v in scores], quads, event_times(events)


def plover_rows(events: pd.DataFrame) -> pd.Series:
    """Mask of the events whose type is one of PLOVER's (only those can be scored).

    The store accepts any type string; an event coded outside PLOVER (an older rule,
    a hand-made store) is shown in the Events table without a score and left out of
    the relations charts rather than failing the whole report.
    """
    types = set(score_table()["type"])
    return events["type"].astype(str).str.upper().isin(types)


def _counts(frame: pd.DataFrame, *, distinct: str | None = None) -> dict[str, int]:
    if frame.empty:
        return {}
    grouped = frame.groupby("doc_id")
    series = grouped[distinct].nunique() if distinct else grouped.size()
    return {str(k): int(v) for k, v in series.items()}


def _reference_span(earliest, latest) -> str | None:
    first, last = _text(earliest), _text(latest)
    if first is None:
        return None
    return first if first == last else f"{first} to {last}"


def gather_corpus(store) -> Corpus:
    """The corpus part of the report: documents with counts, actors, events, quotes."""
    docs = store.documents()
    events, quotes = store.events(), store.quotes()
    n_sent = _counts(store.sentences())
    n_act = _counts(store.doc_actors(), distinct="actor_id")
    n_ev, n_q = _counts(events), _counts(quotes)
    clues: dict[str, dict[tuple[str, str, str], None]] = {}
    for c in store.reference_clues().itertuples(index=False):
        clues.setdefault(c.doc_id, {})[(c.text, c.title, _text(c.event_date))] = None
    documents = tuple(
        DocumentInfo(
            doc_id=r.doc_id,
            name=r.name,
            anchor=doc_anchor(r.doc_id),
            title=_text(r.title),
            outlet=_text(r.outlet),
            author=_text(r.author),
            published=_text(r.published),
            date_convention=_text(r.date_convention),
            url=_text(r.url),
            n_chars=int(r.n_chars),
            n_sentences=n_sent.get(r.doc_id, 0),
            n_actors=n_act.get(r.doc_id, 0),
            n_events=n_ev.get(r.doc_id, 0),
            n_quotes=n_q.get(r.doc_id, 0),
            text=store.document(r.doc_id).text,
            reference=_reference_span(r.reference_earliest, r.reference_latest),
            reference_clues=tuple(clues.get(r.doc_id, ())),
        )
        for r in docs.sort_values("name").itertuples(index=False)
    )
    actors_frame = store.actors().sort_values(["n_mentions", "name"], ascending=[False, True])
    actors = tuple(
        ActorInfo(
            actor_id=r.actor_id,
            name=r.name,
            type=_text(r.type),
            country=_text(r.country),
            role=_text(r.role),
            n_mentions=int(r.n_mentions),
            n_docs=int(r.n_docs),
        )
        for r in actors_frame.itertuples(index=False)
    )
    events = events.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)
    scores, quads, times = event_facts(events)
    cluster_of = events["cluster"] if "cluster" in events else pd.Series(None, events.index)
    first_of_cluster = ~cluster_of.duplicated() | cluster_of.isna()
    event_rows = tuple(
        EventInfo(
            type=r.type,
            mode=_text(r.mode),
            source=_text(r.source_name),
            target=_text(r.target_name),
            date=_text(r.date),
            location=_text(r.location),
            doc_name=r.doc,
            doc_anchor=doc_anchor(r.doc_id),
            evidence=str(r.evidence),
            anchor=event_anchor(k),
            source_id=_text(r.source_id),
            target_id=_text(r.target_id),
            source_country=_text(r.source_country),
            target_country=_text(r.target_country),
            score=scores[k],
            quad=_text(quads[k]),
            when=_text(times["when"].iloc[k]),
            date_precision=_text(times["precision"].iloc[k]),
            date_evidence=_text(getattr(r, "date_evidence", None)),
            dated_by=_text(times["dated_by"].iloc[k]),
            background=bool(_opt(getattr(r, "background", False)) or False),
            cluster=_text(getattr(r, "cluster", None)),
            cluster_documents=int(_opt(getattr(r, "cluster_documents", None)) or 1),
            cluster_reports=int(_opt(getattr(r, "cluster_reports", None)) or 1),
            cluster_first=bool(first_of_cluster.iloc[k]),
        )
        for k, r in enumerate(events.itertuples(index=False))
    )
    quote_rows = tuple(
        QuoteInfo(
            speaker=_text(r.speaker_name),
            text=str(r.text),
            cue=_text(r.cue),
            doc_name=r.doc,
            doc_anchor=doc_anchor(r.doc_id),
        )
        for r in quotes.sort_values(["doc", "start"]).itertuples(index=False)
    )
    return Corpus(
        store=store.url, documents=documents, actors=actors, events=event_rows, quotes=quote_rows
    )


def locate_words(sentence: str, quote: str) -> tuple[int, int] | None:
    """Span of ``quote``'s words in ``sentence``, ignoring case and anything between words.

    Only used to highlight a resolved locator; the store did the authoritative match,
    so a None here (e.g. a locator across odd punctuation) just means no highlight.
    """
    words = re.findall(r"\w+", quote)
    if not words:
        return None
    m = re.search(r"\W+".join(map(re.escape, words)), sentence, flags=re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def _resolve_evidence(sf: ScenarioFile, store) -> tuple[tuple[EvidenceItem, ...], dict]:
    """Resolve every distinct locator once (issue by issue); map each locator to its anchor."""
    titles = {d.name: _text(d.title) for d in store.documents().itertuples()}
    anchors_of = {d.name: doc_anchor(d.doc_id) for d in store.documents().itertuples()}
    items: list[EvidenceItem] = []
    anchors: dict = {}
    s = sf.scenario
    for issue in s.issue_ids:
        for actor in s.actor_ids:
            for loc in s.evidence.get((actor, issue), ()):
                if loc in anchors:
                    continue
                anchors[loc] = anchor = f"ev-{len(items) + 1}"
                try:
                    hit = store.resolve(loc)
                except NotFound as exc:
                    item = EvidenceItem(
                        anchor=anchor,
                        doc=loc.doc,
                        quote=loc.quote,
                        sentence=None,
                        doc_anchor=anchors_of.get(loc.doc),
                        doc_title=titles.get(loc.doc),
                        problem=exc.one_line(),
                    )
                else:
                    item = EvidenceItem(
                        anchor=anchor,
                        doc=loc.doc,
                        quote=loc.quote,
                        sentence=hit.sentence,
                        doc_anchor=doc_anchor(hit.doc_id),
                        doc_title=titles.get(hit.doc_name),
                        problem=None,
                        match=locate_words(hit.sentence, loc.quote),
                    )
                items.append(item)
    return tuple(items), anchors


def _positions(sf: ScenarioFile, anchors: dict) -> tuple[PositionInput, ...]:
    s = sf.scenario
    rows = []
    for j, issue in enumerate(s.issues):
        for i, actor in enumerate(s.actors):
            if not s.present[i, j]:
                continue
            rng = None
            if s.position_range is not None and not np.isnan(s.position_range[i, j]).any():
                rng = (float(s.position_range[i, j, 0]), float(s.position_range[i, j, 1]))
            cap = float(s.capability[i, j])
            rows.append(
                PositionInput(
                    actor=actor.id,
                    issue=issue.id,
                    position=float(s.positions[i, j]),
                    position_sd=_sd(s.position_sd, i, j),
                    position_range=rng,
                    salience=float(s.salience[i, j]),
                    salience_sd=_sd(s.salience_sd, i, j),
                    clout=cap,
                    clout_override=not math.isclose(cap, actor.clout),
                    evidence=tuple(
                        anchors[loc] for loc in s.evidence.get((actor.id, issue.id), ())
                    ),
                    note=sf.notes.get((actor.id, issue.id), ""),
                )
            )
    return tuple(rows)


def _sd(arr: np.ndarray | None, i: int, j: int) -> float | None:
    if arr is None or not np.isfinite(arr[i, j]) or arr[i, j] <= 0:
        return None
    return float(arr[i, j])


def _model_run(r: ModelResult, comparison, seed: int) -> ModelRun:
    """The report's record of one run; its outcomes are the numbers the comparison shows."""
    if r.error is not None:
        log.warning("model %s failed: %s", r.model, r.error)
        return ModelRun(r.model, seeded_params(r.model, seed), None, {}, 0, None, {}, error=r.error)
    fc = r.forecast
    cells = {i.issue: i.cells for i in comparison.issues}
    shown = {
        issue: next(c for c in row if c.model == r.model) for issue, row in cells.items()
    }  # fmt: skip
    details = {
        str(col): {
            str(i): _plain(v) for i, v in zip(fc.outcomes["issue"], fc.outcomes[col], strict=True)
        }
        for col in fc.outcomes.columns
        if col not in ("issue", "outcome")
    }
    if any(c.basis == "median" for c in shown.values()):
        details = {f"one run (seed {fc.seed})": {i: c.point for i, c in shown.items()}, **details}
    band = {i: c.band for i, c in shown.items() if c.band is not None}
    n = r.mc.n_draws if r.mc is not None else 0
    return ModelRun(
        model=r.model,
        params=fc.params,
        seed=fc.seed,
        outcomes={i: float(c.value) for i, c in shown.items()},
        mc_draws=n,
        mc_seed=seed if n else None,
        band=band,
        details=details,
        note=r.note,
        meaning=next(m.meaning for m in comparison.models if m.model == r.model),
    )


def _describe(w: WhatIf) -> tuple[str, ...]:
    steps = [f"drop {', '.join(w.drop)}"] if w.drop else []
    steps += [f"add {a.name} ({a.id})" for a in w.add]
    for c in w.set:
        what = [
            f"{k} {v:g}"
            for k, v in (("position", c.position), ("salience", c.salience), ("clout", c.clout))
            if v is not None
        ]
        steps.append(f"set {c.actor} on {c.issue}: {', '.join(what)}")
    steps += [f"link {' + '.join(group)}" for group in w.link]
    return tuple(steps)


def _whatif_table(sf: ScenarioFile, name: str, seed: int) -> WhatIfTable:
    try:
        diff = whatif(sf.scenario, sf.whatifs, get_model(name, **seeded_params(name, seed)))
    except DetenteError as exc:
        return WhatIfTable(name, {}, {}, error=exc.one_line())
    baseline = {str(r.issue): float(r.baseline) for r in diff.itertuples(index=False)}
    outcomes: dict[str, dict[str, float]] = {}
    for r in diff.itertuples(index=False):
        outcomes.setdefault(str(r.variant), {})[str(r.issue)] = float(r.outcome)
    return WhatIfTable(name, baseline, outcomes)


def gather_scenario(
    store,
    scenario_path: Path | str,
    *,
    models: Sequence[str],
    draws: int,
    seed: int,
    loop_draws: int = LOOP_DRAWS,
    evidence_path: Path | str | None = None,
    on_step: ProgressHook | None = None,
) -> ScenarioView:
    """The scenario part: inputs with resolved evidence, forecasts with bands, what-ifs.

    ``evidence_path`` names an evidence file whose locators replace the scenario's
    (:mod:`detente.bargain.io.evidence`).
    """
    sf = load_scenario_file(scenario_path)
    if evidence_path is not None:
        sf = with_evidence(sf, read_evidence(evidence_path, sf.scenario))
    s = sf.scenario
    evidence, anchors = _resolve_evidence(sf, store)
    comparison = forecasting.run_and_compare(
        s, models, draws=draws, seed=seed, loop_draws=loop_draws, on_step=on_step
    )
    runs = tuple(_model_run(r, comparison, seed) for r in comparison.results)
    ok = [r.model for r in runs if r.error is None]
    if on_step and sf.whatifs:
        on_step("what-ifs")
    return ScenarioView(
        name=s.name,
        description=s.description,
        path=str(scenario_path),
        as_of=sf.as_of,
        actors=tuple(ActorInput(a.id, a.name, float(a.clout), a.description) for a in s.actors),
        issues=tuple(
            IssueInput(
                id=i.id,
                name=i.name,
                low=float(i.low),
                high=float(i.high),
                low_label=i.low_label,
                high_label=i.high_label,
                marks=tuple((float(v), str(t)) for v, t in i.marks),
                status_quo=i.status_quo,
            )
            for i in s.issues
        ),
        positions=_positions(sf, anchors),
        evidence=evidence,
        runs=runs,
        variants=tuple(WhatIfVariant(w.id, w.name, _describe(w)) for w in sf.whatifs),
        whatifs=tuple(_whatif_table(sf, name, seed) for name in ok) if sf.whatifs else (),
        comparison=comparison,
        evidence_path=None if evidence_path is None else str(evidence_path),
    )


def gather(
    store,
    *,
    scenario_path: Path | str | None = None,
    models: Sequence[str] | None = None,
    draws: int = 500,
    seed: int,
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
        seed: Seed of the models' and the Monte Carlo draws.
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
            seed=seed,
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
        relations=gather_relations(store, corpus.events, seed=seed, freq=freq),
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
