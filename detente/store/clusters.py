"""Event clusters: reports of one happening, within an article and across articles, as one record.

Five articles about the Riyadh talks give five CONSULT events, and "the talks
resulted in four agreements" may give four AGREE rows from one sentence. Counting
rows would make one meeting five times as weighty as a phone call told once. The
store therefore keeps, beside the events (one row per event per article, what the
evaluation reads), a derived table of *clusters*: each stored event belongs to
exactly one cluster, and the relations stage counts clusters.

Two reports are of the same happening (:func:`cluster_reports`) when

* they have the same PLOVER type and the same sides at state level as of each
  report's article (a person stands for the state it served there, or for the
  international body whose post it held; an organisation without a state for
  itself), in the
  same direction unless the type is reciprocal (a meeting, an agreement);
* their modes do not differ (a phone call is never the meeting); and
* they come from the same sentence of the same article, with no two dates set
  apart (a numeral such as "four agreements" is not a count of events), or else
  their dates are compatible -- days at most ``tolerance_days`` apart across the
  whole cluster (a report filed the morning after, another time zone), a month
  or year that contains every other date of the cluster -- and their places are
  compatible (the same name, one inside the other, or both in the same state by
  the actor dictionary: Riyadh and Saudi Arabia, the Kremlin and Moscow).

Two acts of one type between the same sides on the same day and at the same place
are one happening by this rule (two pledges made at one meeting count once): the
relations stage weighs what happened between two states, not how many clauses
told it.

An undated report joins only a cluster that already holds its own sentence: with
nothing to place it in time, two undated reports in different articles may be of
different happenings. A month- or year-only report joins a cluster only when exactly
one fits; if several do, which one it tells of cannot be known.

The computation is deterministic: reports are visited day-dated first, then by date,
content hash, offset and actors, never in insertion order, so a store ingested in
any order holds the same clusters, and each cluster's ``key`` is a hash of its
members' identities (document hash, span, type, actors, date).

Clusters are *blocked* by type and unordered pair of sides: adding, re-extracting
or removing an article recomputes only the blocks its events fall in
(:func:`detente.store.cluster_rows.refresh_clusters`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from detente.extract.actors import ActorDictionary
from detente.extract.plover import reciprocal_types
from detente.extract.records import date_precision, date_span

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}
"""Finest first: the order in which reports are visited."""


@dataclass(frozen=True, slots=True)
class Report:
    """One stored event as clustering sees it."""

    pk: int
    """Primary key of the event row."""
    doc_id: str
    """Content hash of its article."""
    start: int
    """Start of its evidence sentence."""
    end: int
    """End of its evidence sentence."""
    type: str
    """PLOVER type."""
    mode: str | None
    """PLOVER mode, if coded."""
    source: str | None
    """Acting actor id."""
    target: str | None
    """Actor id acted upon."""
    side_a: str | None
    """Acting side at state level (the actor's state, or the actor when it has none)."""
    side_b: str | None
    """Side acted upon at state level."""
    date: str | None
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, or None."""
    location: str | None
    """Place as written, or None."""
    background: bool = False
    """Whether the article tells it as background."""
    precision: str | None = field(init=False, default=None)
    """``day``, ``month``, ``year`` or None: the precision of :attr:`date`."""
    block: str = field(init=False, default="")
    """Type and unordered pair of sides (:func:`block_key`): clusters never cross blocks."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "precision", date_precision(self.date))
        object.__setattr__(self, "block", block_key(self.type, self.side_a, self.side_b))

    @property
    def sentence(self) -> tuple[str, int, int]:
        """The article and sentence it was read from."""
        return self.doc_id, self.start, self.end

    @property
    def identity(self) -> str:
        """What names it in a cluster key: article, span, type, actors and date."""
        return (
            f"{self.doc_id}:{self.start}:{self.end}:{self.type}:{self.source}:{self.target}:"
            f"{self.date}"
        )


def block_key(etype: str, side_a: str | None, side_b: str | None) -> str:
    """``TYPE|A|B`` with the two sides in sorted order (a missing side is empty)."""
    a, b = sorted((side_a or "", side_b or ""))
    return f"{etype}|{a}|{b}"


@dataclass(slots=True, eq=False)
class Cluster:
    """Reports of one happening, with what they agree on."""

    members: list[Report] = field(default_factory=list)
    """Its reports, in visiting order (the first is the representative)."""
    key: str = ""
    """Stable id: a hash of the members' identities (16 hex digits), set by :meth:`seal`."""
    index: int = 0
    """Order of creation within its block (the first fitting cluster wins)."""
    sentences: set[tuple[str, int, int]] = field(default_factory=set)
    """Sentences of its reports."""
    modes: set[str] = field(default_factory=set)
    """Modes its reports give."""
    unmoded: bool = False
    """Whether a report gives no mode."""
    dated: list[str] = field(default_factory=list)
    """Distinct dates its reports give."""
    places: list[str] = field(default_factory=list)
    """Distinct places its reports name."""

    def add(self, r: Report) -> None:
        """Take ``r`` as a member."""
        self.members.append(r)
        self.sentences.add(r.sentence)
        if r.mode:
            self.modes.add(r.mode)
        else:
            self.unmoded = True
        if r.precision is not None and r.date not in self.dated:
            self.dated.append(r.date)
        if r.location and r.location not in self.places:
            self.places.append(r.location)

    def seal(self) -> Cluster:
        """Set :attr:`key` once its members are complete."""
        ids = "\n".join(sorted(r.identity for r in self.members))
        self.key = hashlib.sha1(ids.encode("utf-8")).hexdigest()[:16]
        return self

    @property
    def first(self) -> Report:
        """The representative report (finest date, then the visiting order)."""
        return self.members[0]

    @property
    def block(self) -> str:
        """Its block (:func:`block_key`)."""
        return self.first.block

    @property
    def date(self) -> str | None:
        """The finest date its reports give, most often given first (ties: the earliest)."""
        for precision in ("day", "month", "year"):
            values = [r.date for r in self.members if r.precision == precision]
            if values:
                counts = Counter(values)
                return min(counts, key=lambda v: (-counts[v], v))
        return None

    @property
    def mode(self) -> str | None:
        """The mode its reports give most often (ties: the first given)."""
        return _most_common(r.mode for r in self.members)

    @property
    def location(self) -> str | None:
        """The place its reports name most often (ties: the first named)."""
        return _most_common(r.location for r in self.members)

    @property
    def n_reports(self) -> int:
        """Distinct sentences reporting it (four rows from one sentence are one report)."""
        return len(self.sentences)

    @property
    def n_documents(self) -> int:
        """Distinct articles reporting it: its sources."""
        return len({r.doc_id for r in self.members})

    @property
    def background(self) -> bool:
        """Whether every report tells it as background."""
        return all(r.background for r in self.members)

    def summary(self) -> dict:
        """The values the store keeps for it (its row of ``event_clusters``)."""
        first = self.first
        return {
            "key": self.key,
            "block": self.block,
            "type": first.type,
            "mode": self.mode,
            "side_a": first.side_a,
            "side_b": first.side_b,
            "date": self.date,
            "location": self.location,
            "n_events": len(self.members),
            "n_reports": self.n_reports,
            "n_documents": self.n_documents,
            "background": self.background,
        }


def _most_common(values: Iterable[str | None]) -> str | None:
    seen = [v for v in values if v]
    if not seen:
        return None
    counts = Counter(seen)
    return max(dict.fromkeys(seen), key=lambda v: counts[v])


def dates_fit(value: str | None, others: Sequence[str], tolerance_days: int) -> bool:
    """Whether a dated report fits dated cluster members ``others`` (see module docstring)."""
    span = date_span(value) if value else None
    if span is None or not others:
        return False
    days = [span[0]] if span[0] == span[1] else []
    for other in others:
        o = date_span(other)
        if o is None:
            return False
        if span[0] == span[1] and o[0] == o[1]:
            days.append(o[0])
        elif not ((span[0] <= o[0] and o[1] <= span[1]) or (o[0] <= span[0] and span[1] <= o[1])):
            return False
    return not days or (max(days) - min(days)).days <= tolerance_days


_WORDS = re.compile(r"[^\w]+")


def _norm(place: str) -> str:
    words = _WORDS.sub(" ", place.lower()).split()
    return " ".join(w for w in words if w != "the")


class PlaceMatcher:
    """Whether two place names can be the same place (see module docstring).

    Args:
        state_of: Place name -> the state it lies in (ISO alpha-3) or None; the actor
            dictionary's countries, capitals and metonyms by default.
    """

    def __init__(self, state_of: Callable[[str], str | None] | None = None) -> None:
        self._state_of = state_of or dictionary_state

    def __call__(self, a: str | None, b: str | None) -> bool:
        """True when either is unknown, the names match or nest, or both lie in one state."""
        if not a or not b:
            return True
        na, nb = _norm(a), _norm(b)
        if na == nb or f" {na} " in f" {nb} " or f" {nb} " in f" {na} ":
            return True
        sa, sb = self._state_of(a), self._state_of(b)
        return sa is not None and sa == sb


@cache
def dictionary_state(place: str) -> str | None:
    """The state a place name stands for in the actor dictionary (a country, its capital ...)."""
    entry = ActorDictionary.load().lookup(place.strip())
    if entry is None or entry.type != "country":
        return None
    return entry.country or entry.id


def _order(r: Report) -> tuple:
    return (
        PRECISION_RANK.get(r.precision, 3),
        r.date or "",
        r.doc_id,
        r.start,
        r.end,
        r.source or "",
        r.target or "",
        r.pk,
    )


def cluster_reports(
    reports: Iterable[Report],
    *,
    reciprocal: frozenset[str] | None = None,
    same_place: Callable[[str | None, str | None], bool] | None = None,
    tolerance_days: int = 1,
) -> list[Cluster]:
    """Group reports into happenings (rules in the module docstring).

    Args:
        reports: Stored events, any order.
        reciprocal: Types whose direction does not matter; the event lexicon's by default.
        same_place: Place compatibility; :class:`PlaceMatcher` by default.
        tolerance_days: Largest spread of day dates within one cluster.

    Returns:
        Clusters sorted by block and representative; every report in exactly one.
    """
    recip = reciprocal_types() if reciprocal is None else reciprocal
    place = same_place or PlaceMatcher()
    by_block: dict[str, list[Report]] = {}
    for r in sorted(reports, key=_order):
        by_block.setdefault(r.block, []).append(r)
    out: list[Cluster] = []
    for block in sorted(by_block):
        out.extend(_Block(recip, place, tolerance_days).run(by_block[block]))
    return out


class _Block:
    """Clustering of one block's reports, visited in :func:`_order`.

    Candidate clusters are looked up by day, year and sentence instead of trying every
    cluster: day-dated reports come first, so a day report can only fit a cluster with
    a day within the tolerance of its own; a month or year report only one with dates in
    its year; an undated report only one holding its sentence.
    """

    def __init__(self, recip: frozenset[str], place, tolerance_days: int) -> None:
        self.recip, self.place, self.tolerance = recip, place, tolerance_days
        self.clusters: list[Cluster] = []
        self.by_day: dict[str, list[Cluster]] = {}
        self.by_year: dict[str, list[Cluster]] = {}
        self.by_sentence: dict[tuple, list[Cluster]] = {}

    def run(self, reports: list[Report]) -> list[Cluster]:
        for r in reports:
            fitting = [c for c in self._candidates(r) if _fits(r, c, self)]
            own = [c for c in fitting if r.sentence in c.sentences]
            if own:
                self._add(own[0], r)
            elif fitting and (r.precision == "day" or len(fitting) == 1):
                self._add(fitting[0], r)
            else:
                cluster = Cluster(index=len(self.clusters))
                self.clusters.append(cluster)
                self._add(cluster, r)
        return [c.seal() for c in self.clusters]

    def _candidates(self, r: Report) -> list[Cluster]:
        found = {c.index: c for c in self.by_sentence.get(r.sentence, ())}
        precision = r.precision
        if precision == "day":
            day = date.fromisoformat(r.date)
            for k in range(-self.tolerance, self.tolerance + 1):
                near = (day + timedelta(days=k)).isoformat()
                found.update((c.index, c) for c in self.by_day.get(near, ()))
        elif precision is not None:
            found.update((c.index, c) for c in self.by_year.get(r.date[:4], ()))
        return [found[k] for k in sorted(found)]

    def _add(self, cluster: Cluster, r: Report) -> None:
        cluster.add(r)
        _register(self.by_sentence, r.sentence, cluster)
        if r.precision == "day":
            _register(self.by_day, r.date, cluster)
        if r.precision is not None:
            _register(self.by_year, r.date[:4], cluster)


def _register(index: dict, key, cluster: Cluster) -> None:
    bucket = index.setdefault(key, [])
    if all(c is not cluster for c in bucket):
        bucket.append(cluster)


def _fits(r: Report, c: Cluster, block: _Block) -> bool:
    first = c.first
    if r.type not in block.recip and (r.side_a, r.side_b) != (first.side_a, first.side_b):
        return False
    if r.mode and c.modes - {r.mode}:
        return False
    if r.mode == "phone" and c.unmoded or r.mode != "phone" and "phone" in c.modes:
        return False  # a call is not the meeting
    if r.sentence in c.sentences:
        # one sentence, one happening -- unless it dates its acts apart ("in 2014 ... in 2022")
        return r.precision is None or not c.dated or dates_fit(r.date, c.dated, 0)
    if r.precision is None:
        return False
    if not dates_fit(r.date, c.dated, block.tolerance):
        return False
    return not r.location or all(block.place(r.location, p) for p in c.places)


__all__ = [
    "Cluster",
    "PlaceMatcher",
    "Report",
    "block_key",
    "cluster_reports",
    "dates_fit",
    "dictionary_state",
]
