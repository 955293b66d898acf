"""The issue vocabulary every stage shares: what each negotiation issue's 0–100 scale means.

One vocabulary from the articles to the forecast: the issues a scenario lists
(``id``, the words at each end of its scale and at its marks) are the issues
stance extraction looks for and the issues a drafted scenario is written in. An
*issues file* is YAML in the shape of a scenario's ``issues:`` block, with three
optional keys per issue that tell the stance detector how to read sentences:

``keywords``
    words or phrases that put a sentence on the issue;
``cues``
    scale position -> phrases naming what that position describes
    (``{100: ["all four regions"], 50: ["current front line"]}``); a phrase may
    start with a state in braces, ``"{UKR} cede"``, to require that state (or one
    of its people) as the agent of the verb that follows;
``about``
    the states the issue concerns (``[UKR]``): a sentence must name them, in it or in
    the two sentences before; with two or more (``[USA, RUS]``) the issue is about
    relations between them, and a sentence naming another state as an actor is not.

An issue given without them takes them from the packaged issue of the same id
(``detente/data/issues.yaml``: the seed scenario's issues), so a scenario file
can serve as an issues file as it is. A file may also list ``actors:`` (id,
name, optional clout), as a scenario does; a drafted scenario then uses those
actors and that clout. Every error names ``file:line`` and the issue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from detente.errors import InputError
from detente.yamlsource import YamlSyntaxError, line_of, load

DATA_FILE = Path(__file__).with_name("data") / "issues.yaml"
"""The packaged issues: the seed scenario's eight issues with keywords and cues."""


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase naming what one point of an issue's scale describes."""

    position: float
    """The point on the issue's scale."""
    words: str
    """Lower-case words, matched as a phrase on word forms or lemmas; may start with
    ``{ISO3}`` (the agent of the verb that follows)."""


@dataclass(frozen=True, slots=True)
class IssueSpec:
    """An issue and its scale in words: what a scenario says about it."""

    id: str
    """Short id used everywhere (``territory``)."""
    name: str
    """Display name."""
    low: float = 0.0
    """Lower end of the scale."""
    high: float = 100.0
    """Upper end of the scale."""
    low_label: str = ""
    """What the lower end means, in words."""
    high_label: str = ""
    """What the upper end means, in words."""
    marks: tuple[tuple[float, str], ...] = ()
    """Intermediate marks (value, meaning)."""
    status_quo: float | None = None
    """Where things stand if no deal is made (the disagreement point), if known."""

    @property
    def centre(self) -> float:
        """Middle of the scale."""
        return (self.low + self.high) / 2

    def mirror(self, position: float) -> float:
        """The point as far from the centre on the other side (what rejecting ``position`` means).

        Rejecting one end of a scale puts the speaker at the other end; rejecting a
        point near the middle says little, and its mirror stays near the middle.
        """
        return self.low + self.high - position


@dataclass(frozen=True, slots=True)
class Issue(IssueSpec):
    """An issue with how sentences about it are read (keywords, cues, the states it concerns)."""

    keywords: tuple[str, ...] = ()
    """Lower-case words or phrases that put a sentence on this issue."""
    cues: tuple[Cue, ...] = ()
    """Phrases placing a statement on the scale, most specific first."""
    about: tuple[str, ...] = ()
    """ISO alpha-3 codes of the states the issue concerns; empty: no restriction."""
    description: str = ""
    """Longer description, if any."""


@dataclass(frozen=True, slots=True)
class IssueActor:
    """An actor named in an issues file (a scenario's ``actors:`` entry, clout optional)."""

    id: str
    """Scenario id: lower-case ISO alpha-3 for a state (``usa``), the body's id after
    ``org.`` for an international organisation (``eu``)."""
    name: str
    """Display name."""
    clout: float | None = None
    """Capability to use; None takes it from the capabilities table."""
    why: str = ""
    """Why this clout, in words."""


@dataclass(frozen=True, slots=True)
class IssueSet:
    """The issues (and optionally the actors) of an issues file."""

    issues: tuple[Issue, ...]
    """Issues in file order."""
    actors: tuple[IssueActor, ...] = ()
    """Actors the file names, if any."""
    source: str = ""
    """Where they were read from."""
    name: str = ""
    """The file's ``name:`` (a scenario's title), if any."""
    description: str = field(default="", repr=False)
    """The file's ``description:``, if any."""

    @property
    def ids(self) -> tuple[str, ...]:
        """Issue ids in order."""
        return tuple(i.id for i in self.issues)

    def get(self, issue_id: str) -> Issue:
        """The issue with this id.

        Raises:
            InputError: naming the known ids.
        """
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise InputError(
            self.source or "issues", f"no issue {issue_id!r}; issues are {', '.join(self.ids)}"
        )


# -- the YAML shape ---------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Finite = Annotated[float, Field(allow_inf_nan=False)]
"""A number that is neither NaN nor infinite (a file may spell ``.nan`` or ``.inf``)."""


class IssueIn(_Strict):
    """An ``issues:`` entry, in a scenario file or an issues file."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    scale: tuple[Finite, Finite] = (0.0, 100.0)
    low: str = ""
    high: str = ""
    marks: dict[Finite, str] = Field(default_factory=dict)
    status_quo: float | None = Field(default=None, allow_inf_nan=False)
    description: str = ""
    keywords: list[str] | None = None
    cues: dict[Finite, list[str]] | None = None
    about: list[str] | None = None


class IssueActorIn(_Strict):
    """An ``actors:`` entry of an issues file (a scenario's, with clout optional)."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    clout: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    why: str = ""


class IssueFileIn(BaseModel):
    """An issues file; other top-level keys (a scenario's positions...) are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = ""
    description: str = ""
    issues: list[IssueIn] = Field(min_length=1)
    actors: list[IssueActorIn] = Field(default_factory=list)


def _phrases(values: list[str], what: str) -> tuple[str, ...]:
    out = []
    for v in values:
        words = " ".join(v.lower().split())
        if not words:
            raise ValueError(f"{what}: empty phrase")
        out.append(words)
    return tuple(dict.fromkeys(out))


def _specificity(cue: Cue) -> tuple:
    """Sort key, most specific first.

    More literal words first ("no foreign troops" before "troops"), then fewer gaps
    ("lift some sanctions" before "lift ... sanctions").
    """
    words = cue.words.split()
    return (-sum(w != "..." for w in words), words.count("..."), cue.words, cue.position)


def issue_from_input(item: IssueIn) -> Issue:
    """Build an :class:`Issue` from a validated entry.

    Raises:
        ValueError: the scale, a mark, the status quo or a cue is off the scale, or a
            ``about`` code is not an ISO alpha-3 code; the message names the field.
    """
    lo, hi = item.scale
    if not hi > lo:
        raise ValueError(f"scale [{lo:g}, {hi:g}] must have high > low")
    if item.status_quo is not None and not lo <= item.status_quo <= hi:
        raise ValueError(f"status_quo {item.status_quo:g} is off the scale [{lo:g}, {hi:g}]")
    for v in item.marks:
        if not lo <= v <= hi:
            raise ValueError(f"mark {v:g} is off the scale [{lo:g}, {hi:g}]")
    cues = []
    for position, phrases in (item.cues or {}).items():
        if not math.isfinite(position) or not lo <= position <= hi:
            raise ValueError(f"cues: position {position:g} is off the scale [{lo:g}, {hi:g}]")
        cues += [Cue(float(position), w) for w in _phrases(phrases, f"cues {position:g}")]
    about = tuple(c.strip().upper() for c in item.about or ())
    bad = [c for c in about if len(c) != 3 or not c.isalpha()]
    if bad:
        raise ValueError(f"about: {bad[0]!r} is not an ISO alpha-3 state code")
    return Issue(
        id=item.id,
        name=item.name,
        low=lo,
        high=hi,
        low_label=item.low,
        high_label=item.high,
        marks=tuple(sorted((float(k), v) for k, v in item.marks.items())),
        status_quo=item.status_quo,
        keywords=_phrases(item.keywords or [], "keywords"),
        cues=tuple(sorted(cues, key=_specificity)),
        about=about,
        description=item.description,
    )


def with_defaults(issue: Issue, defaults: IssueSet | None) -> Issue:
    """``issue`` with keywords, cues and ``about`` of the packaged issue of its id where unset."""
    if defaults is None or (issue.keywords and issue.cues):
        return issue
    known = {i.id: i for i in defaults.issues}.get(issue.id)
    if known is None:
        return issue
    return replace(
        issue,
        keywords=issue.keywords or known.keywords,
        cues=issue.cues or known.cues,
        about=issue.about or known.about,
    )


def _validation_problem(err: ValidationError, raw: Any) -> tuple[tuple, str]:
    e = err.errors()[0]
    loc = tuple(e["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] in ("issues", "actors") and isinstance(loc[1], int):
        items = raw.get(loc[0]) if isinstance(raw, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        ident = item.get("id", loc[1]) if isinstance(item, dict) else loc[1]
        where = f"{loc[0][:-1]} {ident!r}: "
        loc_text = ".".join(str(x) for x in loc[2:]) or "entry"
    else:
        loc_text = ".".join(str(x) for x in loc) or "file"
    got = "" if e["type"] == "missing" else f" (got {e.get('input')!r})"
    return loc, f"{where}{loc_text}: {e['msg']}{got}"


def parse_issue_file(
    raw: Any, *, origin: str, root=None, defaults: IssueSet | None = None, need_cues: bool = True
) -> IssueSet:
    """Validate the plain values of an issues file (or of a scenario file).

    Args:
        raw: Parsed YAML: a mapping with ``issues:`` (and optionally ``actors:``), or a
            bare list of issues.
        origin: File name for messages.
        root: The YAML node tree, for line numbers (None: no line numbers).
        defaults: Packaged issues that fill in keywords and cues by id.
        need_cues: Whether every issue must end up with keywords and cues (stance
            detection needs them; reading a scenario does not).

    Raises:
        InputError: ``origin:line: issue 'x': field: problem``.
    """
    if isinstance(raw, list):
        raw, root_loc = {"issues": raw}, ()
    else:
        root_loc = None
    if not isinstance(raw, dict):
        raise InputError(f"{origin}:1", "an issues file is a YAML mapping with an issues: list")

    def where(loc: tuple) -> str:
        line = line_of(root, loc[1:] if root_loc is not None else loc)
        return f"{origin}:{line}" if line is not None else origin

    try:
        doc = IssueFileIn.model_validate(raw)
    except ValidationError as err:
        loc, message = _validation_problem(err, raw)
        raise InputError(where(loc), message) from None
    issues = []
    for k, item in enumerate(doc.issues):
        try:
            issue = with_defaults(issue_from_input(item), defaults)
        except ValueError as exc:
            raise InputError(where(("issues", k)), f"issue {item.id!r}: {exc}") from None
        if need_cues and not (issue.keywords and issue.cues):
            raise InputError(
                where(("issues", k)),
                f"issue {item.id!r}: give keywords and cues (no packaged issue has this id)",
            )
        if issue.id in [i.id for i in issues]:
            raise InputError(where(("issues", k)), f"duplicate issue id {issue.id!r}")
        issues.append(issue)
    actors = []
    for k, a in enumerate(doc.actors):
        if a.id in [x.id for x in actors]:
            raise InputError(where(("actors", k)), f"duplicate actor id {a.id!r}")
        actors.append(IssueActor(a.id, a.name, a.clout, a.why))
    return IssueSet(tuple(issues), tuple(actors), origin, doc.name, doc.description)


def read_issues(path: Path | str, *, need_cues: bool = True) -> IssueSet:
    """Read an issues file (or a scenario file's ``issues:`` and ``actors:``).

    Issues without keywords or cues take those of the packaged issue of the same id.

    Raises:
        InputError: the file cannot be read, is not valid YAML, or an entry is wrong;
            the message names ``file:line`` and the issue.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read the issues file ({exc})") from None
    try:
        raw, root = load(text)
    except YamlSyntaxError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise InputError(where, f"invalid YAML: {exc.problem}") from None
    return parse_issue_file(
        raw, origin=str(path), root=root, defaults=default_issues(), need_cues=need_cues
    )


@cache
def default_issues() -> IssueSet:
    """The packaged issues (``detente/data/issues.yaml``), read once."""
    raw, root = load(DATA_FILE.read_text(encoding="utf-8"))
    return parse_issue_file(raw, origin=str(DATA_FILE), root=root)


def issues_config(issues) -> list[dict]:
    """Issues as JSON-ready dicts (a spaCy component's config): the issues-file shape.

    Accepts :class:`Issue` records or dicts already in that shape.
    """
    out = []
    for issue in getattr(issues, "issues", issues):
        if isinstance(issue, dict):
            out.append(dict(issue))
            continue
        cues: dict[str, list[str]] = {}
        for cue in issue.cues:
            cues.setdefault(f"{cue.position:g}", []).append(cue.words)
        out.append(
            {
                "id": issue.id,
                "name": issue.name,
                "scale": [issue.low, issue.high],
                "keywords": list(issue.keywords),
                "cues": cues,
                "about": list(issue.about),
            }
        )
    return out


def parse_issues(rows: Any, *, origin: str = "issues") -> tuple[Issue, ...]:
    """Issues from a list of issues-file dicts (a component config); ``name`` may be left out.

    Raises:
        InputError: naming ``origin``, the entry and the problem.
    """
    if not isinstance(rows, list) or not rows:
        raise InputError(origin, "issues must be a non-empty list of {id, keywords, cues}")
    filled = [
        {**row, "name": row.get("name") or row.get("id") or "?"} if isinstance(row, dict) else row
        for row in rows
    ]
    for k, row in enumerate(filled):
        if not isinstance(row, dict):
            raise InputError(origin, f"issues[{k}]: expected a mapping, got {type(row).__name__}")
    return parse_issue_file({"issues": filled}, origin=origin).issues


__all__ = [
    "DATA_FILE",
    "Cue",
    "Issue",
    "IssueActor",
    "IssueSpec",
    "IssueActorIn",
    "IssueIn",
    "IssueSet",
    "default_issues",
    "issue_from_input",
    "issues_config",
    "parse_issue_file",
    "parse_issues",
    "read_issues",
    "with_defaults",
]
