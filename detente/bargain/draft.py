r"""Draft a scenario from what the actors said: positions, saliences and sds from stances.

KTAB, Decide and the expected-utility tools take their inputs from experts by hand;
detente has the stances extracted from the articles (``Store.stances()``: each
places an actor on an issue's scale with its evidence sentence), so it can draft
them. For each actor and issue, from the stances published up to ``as_of``:

* **position**: the recency-weighted centre, :math:`\sum_k w_k x_k / \sum_k w_k`,
  where :math:`w_k = \kappa_{kind} \cdot 2^{-a_k / h}` (:math:`a_k` the stance's age
  in days, :math:`h` the half-life, :math:`\kappa` how firm the kind of statement
  is: a demand or refusal counts more than a remark);
* **sd**: how much the actor's statements disagree, the weighted standard deviation
  of its stances (at least ``min_sd``; ``single_sd`` for a single statement, which
  cannot show disagreement);
* **salience**: how often and how prominently the actor speaks to the issue,
  :math:`1 - e^{-S/s}` with :math:`S = \sum_k p_k` (:math:`p_k` is higher for a
  sentence in the article's lead) and :math:`s` the salience scale; not discounted
  by age, so an actor the news stops quoting does not lose weight for that alone;
* a stance *relative* to another actor's stated position (``relative_to``) takes
  that actor's drafted position (accepting or proposing it) or its mirror (rejecting
  it), once the absolute stances are drafted;
* **clout**: from the issues file's ``actors:`` when it gives one, else from the
  capabilities table (:mod:`detente.bargain.capabilities`);
* with a *prior* scenario (a living forecast, :mod:`detente.bargain.track`), an entry
  no stance speaks to yet keeps the prior's numbers, and a drafted entry keeps the
  prior's salience when that is higher: a few sentences can move a position but are
  too thin to say an analyst overrated how much the issue matters to the actor.

Holders are rolled up to the actors of the scenario (people and national bodies
to their state, EU bodies to the EU) before any of this; the caller may pass the
roll-up as a ``party`` column. Every entry keeps locators of the sentences behind
it; actors and issues without evidence are left out and listed with the reason.
Tested on an invented corpus whose answer is known by construction in
``tests/bargain/test_draft.py``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from detente.bargain.capabilities import CapabilityTable, load_capabilities
from detente.bargain.scenario import ActorSpec, Locator, Scenario
from detente.errors import ScenarioError
from detente.issues import IssueSet


@dataclass(frozen=True, slots=True)
class DraftParams:
    """The drafting rule's parameters, written into every drafted file."""

    half_life_days: float = 90.0
    """Age in days at which a stance counts half."""
    demand: float = 1.0
    """Weight of a demand."""
    reject: float = 1.0
    """Weight of a refusal."""
    propose: float = 0.9
    """Weight of a proposal."""
    accept: float = 0.9
    """Weight of an acceptance."""
    state: float = 0.7
    """Weight of a plain statement."""
    lead_share: float = 0.2
    """Share of an article (by characters) that is its lead."""
    lead_prominence: float = 1.0
    """Prominence of a stance in the lead."""
    body_prominence: float = 0.6
    """Prominence of a stance further down."""
    salience_scale: float = 2.0
    """Prominence-weighted count at which salience reaches 1 - 1/e (0.63)."""
    min_sd: float = 5.0
    """Smallest standard deviation of a drafted position."""
    single_sd: float = 10.0
    """Standard deviation of a position resting on one statement."""
    max_locators: int = 3
    """Locators written per entry (the heaviest stances first)."""

    def kind_weight(self, kind: str) -> float:
        """Weight of a stance of ``kind`` (``state`` for an unknown kind)."""
        return float(getattr(self, kind, self.state)) if kind in _KINDS else self.state

    def as_dict(self) -> dict:
        """Plain values, for the drafted file."""
        return asdict(self)


_KINDS = ("demand", "reject", "propose", "accept", "state")


@dataclass(frozen=True, slots=True)
class DraftStance:
    """One stance as the draft used it."""

    actor: str
    """Scenario actor id it was rolled up to."""
    issue: str
    """Issue id."""
    position: float
    """Its point on the scale (resolved, for a relative stance)."""
    weight: float
    """Recency times kind weight."""
    prominence: float
    """Lead or body prominence."""
    day: date
    """Publication date of its document."""
    doc_id: str
    """Document content hash."""
    doc: str
    """Document name."""
    start: int
    """Sentence start offset."""
    end: int
    """Sentence end offset."""
    kind: str
    """Kind of statement."""
    holder: str
    """The stored actor id (a person, a body or the state itself)."""
    cue: str
    """The words that placed it."""
    relative_to: str | None = None
    """Scenario actor id whose position it was resolved against, if relative."""


@dataclass(frozen=True, slots=True)
class DraftEntry:
    """One actor on one issue in the drafted scenario."""

    actor: str
    """Actor id."""
    issue: str
    """Issue id."""
    position: float
    """Drafted position."""
    salience: float
    """Drafted salience."""
    sd: float
    """Drafted standard deviation of the position."""
    n_stances: int
    """Stances behind it."""
    source: str
    """``draft`` (from stances) or ``prior`` (kept from the prior scenario)."""
    evidence: tuple[Locator, ...]
    """Locators of the sentences behind it."""
    note: str
    """How it was computed, in words."""


@dataclass(frozen=True)
class Draft:
    """A drafted scenario with everything needed to trace its numbers."""

    scenario: Scenario
    """The scenario (actors and issues with evidence only)."""
    entries: tuple[DraftEntry, ...]
    """One per present (actor, issue), issue by issue."""
    stances: tuple[DraftStance, ...]
    """The stances used, with their weights."""
    left_out_actors: tuple[tuple[str, str], ...]
    """(actor id, why) of actors left out."""
    left_out_issues: tuple[tuple[str, str], ...]
    """(issue id, why) of issues left out."""
    as_of: date
    """Stances published up to this day were used."""
    params: DraftParams = field(default_factory=DraftParams)
    """The rule's parameters."""
    n_documents: int = 0
    """Dated documents published up to ``as_of``."""

    @property
    def notes(self) -> dict[tuple[str, str], str]:
        """Per (actor, issue): how the entry was computed."""
        return {(e.actor, e.issue): e.note for e in self.entries}


def party_of(actor_id: str, actor_type: str | None, country: str | None) -> str | None:
    """Scenario actor id a stored actor speaks for, from the store's columns alone.

    A state is itself (``USA`` -> ``usa``); a person or national body speaks for its
    country; an international body for its top body (``org.eu.commission`` -> ``eu``);
    collectives (``grp.west``) for no one.
    """
    if isinstance(country, str) and len(country) == 3 and country.isalpha():
        return country.lower()
    if actor_id.startswith("org."):
        return actor_id.split(".")[1]
    if actor_type in ("country", None) and len(actor_id) == 3 and actor_id.isupper():
        return actor_id.lower()
    return None


def document_days(documents: pd.DataFrame) -> dict[str, date]:
    """Day of each dated document; undated documents are left out.

    The day is the publication date, else the first day the article may have been
    written (the inferred reference time).
    """
    days = {}
    for r in documents.itertuples(index=False):
        day = _day(r.published) or _day(getattr(r, "reference_earliest", None))
        if day is not None:
            days[r.doc_id] = day
    return days


def _day(value) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def draft_scenario(
    stances: pd.DataFrame,
    documents: pd.DataFrame,
    issues: IssueSet,
    *,
    as_of: date | None = None,
    texts: Mapping[str, str] | None = None,
    capabilities: CapabilityTable | None = None,
    prior: Scenario | None = None,
    params: DraftParams | None = None,
    name: str | None = None,
) -> Draft:
    """Draft a scenario from stored stances (see the module docstring for the rule).

    Args:
        stances: ``Store.stances()``; an optional ``party`` (and ``relative_party``)
            column names the scenario actor each holder speaks for (default
            :func:`party_of`).
        documents: ``Store.documents()`` (for each document's day).
        issues: The issues (and optionally actors with clout) to draft.
        as_of: Use stances published up to this day; default the latest document day.
        texts: Document texts by content hash, for locators that resolve to one sentence.
        capabilities: Clout table; the packaged one by default.
        prior: A scenario whose entries are kept where no stance speaks (``source:
            prior``); its actors' clout is used for them.
        params: The rule's parameters.
        name: Scenario title; default the issues file's name.

    Raises:
        ScenarioError: no actor or no issue has evidence (and no prior fills them).
    """
    params = params or DraftParams()
    capabilities = capabilities or load_capabilities()
    days = document_days(documents)
    if as_of is None:
        as_of = max(days.values(), default=date.today())
    used_docs = {d for d, day in days.items() if day <= as_of}
    listed = {a.id: a for a in issues.actors}
    lengths = (
        dict(zip(documents["doc_id"], documents["n_chars"], strict=True))
        if ("n_chars" in documents)
        else {}
    )
    frame = _prepare(stances, used_docs, days, lengths, issues, listed, prior, as_of, params)
    used = _resolve(frame, issues, params)
    cells = _cells(used, params)
    actors, clout, left_actors = _actors(cells, issues, listed, prior, capabilities)
    issue_ids = [i.id for i in issues.issues]
    if prior is not None:
        for a, i in _prior_cells(prior):
            if a in clout and i in issue_ids and (a, i) not in cells:
                cells[(a, i)] = None  # kept from the prior
    cells = {k: v for k, v in cells.items() if k[0] in clout}
    present_issues = [i for i in issue_ids if any(k[1] == i for k in cells)]
    left_issues = [(i, "no stance on it") for i in issue_ids if i not in present_issues]
    actors = [a for a in actors if any(k[0] == a.id for k in cells)]
    if not actors or not present_issues:
        raise ScenarioError(
            f"nothing to draft as of {as_of}: no actor with clout has a stance on any issue "
            f"({len(used)} stances from {len(used_docs)} documents)"
        )
    specs = tuple(issues.get(i) for i in present_issues)
    entries = _entries(cells, used, actors, present_issues, prior, texts or {}, params)
    scenario = _scenario(
        name or issues.name or "Drafted scenario",
        actors,
        specs,
        entries,
        clout,
        as_of,
        len(used_docs),
    )
    return Draft(
        scenario=scenario,
        entries=tuple(entries),
        stances=tuple(used),
        left_out_actors=tuple(left_actors),
        left_out_issues=tuple(left_issues),
        as_of=as_of,
        params=params,
        n_documents=len(used_docs),
    )


def _prepare(
    stances, used_docs, days, lengths, issues, listed, prior, as_of, params
) -> pd.DataFrame:
    """The stances to use, rolled up to parties, with weights and prominences."""
    frame = stances.loc[stances["doc_id"].isin(used_docs) & stances["issue"].isin(issues.ids)]
    frame = frame.copy()
    if "party" not in frame:
        frame["party"] = [
            party_of(a, t, c)
            for a, t, c in zip(
                frame["actor_id"], frame["actor_type"], frame["actor_country"], strict=True
            )
        ]
    if "relative_party" not in frame:
        seen = dict(
            zip(
                frame["actor_id"],
                zip(frame["actor_type"], frame["actor_country"], strict=True),
                strict=True,
            )
        )
        rel = frame["relative_id"] if "relative_id" in frame else pd.Series(None, frame.index)
        frame["relative_party"] = [
            party_of(r, *seen.get(r, (None, None))) if isinstance(r, str) else None for r in rel
        ]
    known = set(listed) or None
    if known is not None and prior is not None:
        known |= set(prior.actor_ids)
    keep = frame["party"].notna()
    if known is not None:
        keep &= frame["party"].isin(known)
    frame = frame.loc[keep]
    frame["day"] = [days[d] for d in frame["doc_id"]]
    age = np.array([(as_of - d).days for d in frame["day"]], dtype=float)
    recency = np.power(0.5, age / params.half_life_days)
    frame["weight"] = recency * np.array([params.kind_weight(k) for k in frame["kind"]])
    size = np.array([float(lengths.get(d) or 0) for d in frame["doc_id"]])
    share = np.where(size > 0, frame["start"].to_numpy(dtype=float) / np.maximum(size, 1.0), 1.0)
    lead = np.where(share <= params.lead_share, params.lead_prominence, params.body_prominence)
    frame["prominence"] = lead
    return frame


def _resolve(frame: pd.DataFrame, issues: IssueSet, params: DraftParams) -> list[DraftStance]:
    """Absolute stances as they are; relative ones against the other actor's centre."""
    out: list[DraftStance] = []

    def stance(r, position: float, relative: str | None) -> DraftStance:
        return DraftStance(
            actor=r.party,
            issue=r.issue,
            position=float(position),
            weight=float(r.weight),
            prominence=float(r.prominence),
            day=r.day,
            doc_id=r.doc_id,
            doc=r.doc,
            start=int(r.start),
            end=int(r.end),
            kind=r.kind,
            holder=r.actor_id,
            cue=str(r.cue or ""),
            relative_to=relative,
        )

    rows = list(frame.itertuples(index=False))
    for r in rows:
        if _given(r.position):
            out.append(stance(r, r.position, None))
    centres = {key: x for key, (x, _) in _centres(out).items()}
    for r in rows:
        if _given(r.position) or not isinstance(r.relative_party, str):
            continue
        other = centres.get((r.relative_party, r.issue))
        if other is None or r.relative_party == r.party:
            continue
        value = issues.get(r.issue).mirror(other) if r.kind == "reject" else other
        out.append(stance(r, value, r.relative_party))
    return out


def _given(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _centres(stances: list[DraftStance]) -> dict[tuple[str, str], tuple[float, float]]:
    """(actor, issue) -> (weighted mean, weighted sd) of the stances' positions."""
    groups: dict[tuple[str, str], list[DraftStance]] = {}
    for s in stances:
        groups.setdefault((s.actor, s.issue), []).append(s)
    out = {}
    for key, group in groups.items():
        x = np.array([s.position for s in group])
        w = np.array([s.weight for s in group])
        w = w if w.sum() > 0 else np.ones_like(w)
        mean = float(np.average(x, weights=w))
        sd = float(np.sqrt(np.average((x - mean) ** 2, weights=w)))
        out[key] = (mean, sd)
    return out


def _cells(used: list[DraftStance], params: DraftParams) -> dict:
    """(actor, issue) -> (position, sd, salience, stances)."""
    centres = _centres(used)
    cells: dict = {}
    for key, (mean, sd) in centres.items():
        group = [s for s in used if (s.actor, s.issue) == key]
        score = sum(s.prominence for s in group)
        salience = 1.0 - math.exp(-score / params.salience_scale)
        sd = params.single_sd if len(group) == 1 else max(sd, params.min_sd)
        cells[key] = (round(mean, 1), round(sd, 1), round(min(max(salience, 0.01), 1.0), 2), group)
    return cells


def _prior_cells(prior: Scenario) -> list[tuple[str, str]]:
    return [
        (a.id, i.id)
        for r, a in enumerate(prior.actors)
        for c, i in enumerate(prior.issues)
        if prior.present[r, c]
    ]


def _actors(cells, issues: IssueSet, listed, prior, capabilities: CapabilityTable):
    """Actors with evidence (in the issues file's order, else by id) and their clout."""
    with_evidence = sorted({a for a, _ in cells})
    order = list(listed) or with_evidence
    if prior is not None:
        order += [a for a in prior.actor_ids if a not in order]
    order += [a for a in with_evidence if a not in order]
    actors, clout, left = [], {}, []
    for actor_id in order:
        given = listed.get(actor_id)
        from_prior = (
            prior.actors[prior.actor_index(actor_id)]
            if prior is not None and actor_id in prior.actor_ids
            else None
        )
        if given is not None and given.clout is not None:
            value, why, name = given.clout, given.why or "given in the issues file", given.name
        elif from_prior is not None:
            value, why, name = from_prior.clout, from_prior.description, from_prior.name
        elif (found := capabilities.clout(actor_id)) is not None:
            value, why = found
            name = given.name if given else capabilities.get(actor_id).name
        else:
            if actor_id in with_evidence:
                left.append(
                    (
                        actor_id,
                        "no clout: not in the capabilities table; give it in the issues file",
                    )
                )
            continue
        if actor_id not in with_evidence and from_prior is None:
            left.append((actor_id, "no stance on any issue"))
            continue
        actors.append(ActorSpec(id=actor_id, name=name, clout=float(value), description=why))
        clout[actor_id] = float(value)
    return actors, clout, left


def _entries(cells, used, actors, issue_ids, prior, texts, params) -> list[DraftEntry]:
    entries = []
    for issue in issue_ids:
        for actor in actors:
            key = (actor.id, issue)
            if key not in cells:
                continue
            cell = cells[key]
            if cell is None:
                r, c = prior.actor_index(actor.id), prior.issue_index(issue)
                entries.append(
                    DraftEntry(
                        actor=actor.id,
                        issue=issue,
                        position=float(prior.positions[r, c]),
                        salience=float(prior.salience[r, c]),
                        sd=float(prior.position_sd[r, c]) if prior.position_sd is not None else 0.0,
                        n_stances=0,
                        source="prior",
                        evidence=prior.evidence.get(key, ()),
                        note="no stance up to this date: kept from the prior scenario",
                    )
                )
                continue
            position, sd, salience, group = cell
            note = _note(group, position, sd, salience)
            if prior is not None and actor.id in prior.actor_ids and issue in prior.issue_ids:
                r, c = prior.actor_index(actor.id), prior.issue_index(issue)
                if prior.present[r, c] and prior.salience[r, c] > salience:
                    salience = float(prior.salience[r, c])
                    note += f"; salience kept at the prior's {salience:g}"
            heavy = sorted(group, key=lambda s: (-s.weight, s.doc, s.start))
            locators = []
            for s in heavy:
                loc = locator(s, texts)
                if loc not in locators:
                    locators.append(loc)
                if len(locators) == params.max_locators:
                    break
            entries.append(
                DraftEntry(
                    actor=actor.id,
                    issue=issue,
                    position=position,
                    salience=salience,
                    sd=sd,
                    n_stances=len(group),
                    source="draft",
                    evidence=tuple(locators),
                    note=note,
                )
            )
    return entries


def _note(group: list[DraftStance], position: float, sd: float, salience: float) -> str:
    docs = {s.doc_id for s in group}
    kinds = ", ".join(sorted({s.kind for s in group}))
    latest = max(s.day for s in group).isoformat()
    relative = sum(s.relative_to is not None for s in group)
    rel = f" ({relative} relative to another actor's position)" if relative else ""
    points = ", ".join(f"{s.position:g}" for s in sorted(group, key=lambda s: s.day))
    return (
        f"{len(group)} stance(s){rel} in {len(docs)} document(s), latest {latest} ({kinds}); "
        f"points {points}; recency-weighted centre {position:g}, sd {sd:g}, salience {salience:g}"
    )


_WORD = re.compile(r"\S+")


def locator(stance: DraftStance, texts: Mapping[str, str], words: int = 8) -> Locator:
    """A locator of the stance's sentence: a few of its words, from its cue, unique in the text.

    Starts at the cue's first word when the sentence contains it, else at the sentence
    start; grows until the words occur once in the document (when its text is known).
    """
    text = texts.get(stance.doc_id)
    if text is None:
        return Locator(doc=stance.doc, quote=stance.cue.split(";")[0].strip() or stance.doc)
    sentence = text[stance.start : stance.end]
    spans = [(m.start(), m.end()) for m in _WORD.finditer(sentence)]
    first = stance.cue.split(";")[0].strip().lower()
    at = sentence.lower().find(first) if first else -1
    begin = next((k for k, (a, b) in enumerate(spans) if b > at), 0) if at >= 0 else 0
    hay = " ".join(text.lower().split())
    quote = ""
    for n in range(min(words, len(spans) - begin), len(spans) - begin + 1):
        quote = sentence[spans[begin][0] : spans[begin + n - 1][1]]
        if hay.count(" ".join(quote.lower().split())) == 1:
            break
    return Locator(doc=stance.doc, quote=" ".join(quote.split()))


def _scenario(name, actors, specs, entries, clout, as_of, n_docs) -> Scenario:
    a_idx = {a.id: k for k, a in enumerate(actors)}
    i_idx = {i.id: k for k, i in enumerate(specs)}
    n, m = len(actors), len(specs)
    pos, sal, sd = np.full((n, m), np.nan), np.zeros((n, m)), np.zeros((n, m))
    evidence = {}
    for e in entries:
        r, c = a_idx[e.actor], i_idx[e.issue]
        pos[r, c], sal[r, c], sd[r, c] = e.position, e.salience, e.sd
        evidence[(e.actor, e.issue)] = e.evidence
    cap = np.array([[clout[a.id]] * m for a in actors], dtype=float)
    return Scenario(
        name=name,
        description=(
            f"Drafted by detente from the stances of {n_docs} documents published up to "
            f"{as_of.isoformat()}."
        ),
        actors=tuple(actors),
        issues=tuple(specs),
        positions=pos,
        salience=sal,
        capability=cap,
        evidence=evidence,
        position_sd=sd,
    )


__all__ = [
    "Draft",
    "DraftEntry",
    "DraftParams",
    "DraftStance",
    "document_days",
    "draft_scenario",
    "locator",
    "party_of",
]
