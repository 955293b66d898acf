"""Reader of the Decide input format of the Stokman exchange-model community.

Follows ``decide/data/reader.py`` and ``docs/inputfiles.md`` of
foarsitter/decide-exchange-model (read at commit 51dee664): one record per
row, the first field says which kind; fields are tab- or semicolon-separated
and may be quoted with ``'``::

    #O  scenario title                       (optional)
    #/  comment (also #0)                    ignored
    #A  actor key; full name; comment
    #P  issue key; name; description
    #M  issue key; position; meaning         scale marks; min/max give the issue's bounds
    #D  actor key; issue key; position; salience; power; comment

As in Decide, an issue without ``#M`` rows is on [0, 100] and the bounds
otherwise are the lowest and highest mark; positions must lie within them.
Decide accepts salience and power on 0-1 or 0-100 and uses them as given; the
compromise outcome is invariant to a common factor, so detente keeps power as
given and, because a Scenario's salience is in [0, 1], divides every salience
by 100 when any salience in the file exceeds 1 (``ScenarioFile.salience_factor``
records the factor).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from detente.bargain.io.files import ScenarioFile, csv_fields, fail, number, read_text
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ScenarioError

KINDS = ("#O", "#/", "#0", "#A", "#P", "#M", "#D")
"""Row kinds understood; anything else is an error naming the line."""


def looks_like_decide(text: str) -> bool:
    """True when the first non-blank line starts with a Decide row kind."""
    for line in text.splitlines():
        if line.strip():
            return line.lstrip().lstrip("'\"").startswith(tuple(k for k in KINDS))
    return False


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    delimiter = "\t" if "\t" in text else ";" if ";" in text else ","
    quote = "'" if text.lstrip().startswith("'") else '"'
    out = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        fields = csv_fields(path, lineno, line, delimiter=delimiter, quotechar=quote)
        fields = [f.strip() for f in fields]
        while fields and fields[-1] == "":
            fields.pop()
        if fields:
            out.append((lineno, fields))
    return out


def read_decide(path: str | Path) -> ScenarioFile:
    """Read a Decide input file; malformed rows raise ScenarioError naming ``file:line`` and field.

    Args:
        path: The ``.csv`` / ``.txt`` file.

    Returns:
        The scenario (issue bounds from the ``#M`` marks) and the salience factor used.
    """
    path = Path(path)
    title = ""
    actors: dict[str, tuple[int, str, str]] = {}
    issues: dict[str, tuple[int, str, str]] = {}
    marks: dict[str, list[tuple[float, str]]] = {}
    data: dict[tuple[str, str], tuple[int, float, float, float]] = {}
    mark_rows: list[tuple[int, str, float, str]] = []
    for line, f in _rows(path, read_text(path)):
        kind = f[0]
        if kind in ("#/", "#0"):
            continue
        if kind == "#O":
            title = title or (f[1] if len(f) > 1 else "")
            continue
        if kind not in KINDS:
            raise fail(path, line, f"unknown row kind {kind!r}; expected one of {', '.join(KINDS)}")
        if kind in ("#A", "#P"):
            what = "actor" if kind == "#A" else "issue"
            if len(f) < 2 or not f[1]:
                raise fail(path, line, f"{kind} row needs the {what} key")
            table = actors if kind == "#A" else issues
            if f[1] in table:
                raise fail(
                    path, line, f"duplicate {what} key {f[1]!r} (first on line {table[f[1]][0]})"
                )
            name = f[2] if len(f) > 2 and f[2] else f[1]
            table[f[1]] = (line, name, " ".join(f[3:]))
        elif kind == "#M":
            if len(f) < 3:
                raise fail(path, line, "#M row needs issue key and position")
            mark_rows.append((line, f[1], number(path, line, "position", f[2]), " ".join(f[3:])))
        else:
            names = ("actor key", "issue key", "position", "salience", "power")
            if len(f) < 6:
                raise fail(
                    path, line, f"#D row needs {', '.join(names)}; missing {names[len(f) - 1]}"
                )
            key = (f[1], f[2])
            if key in data:
                raise fail(
                    path,
                    line,
                    f"actor {f[1]!r}, issue {f[2]!r} given twice (first on line {data[key][0]})",
                )
            x, s, c = (number(path, line, n, v) for n, v in zip(names[2:], f[3:6], strict=True))
            data[key] = (line, x, s, c)
    if not actors:
        raise fail(path, None, "no #A (actor) rows")
    if not issues:
        raise fail(path, None, "no #P (issue) rows")
    for line, issue, x, meaning in mark_rows:
        if issue not in issues:
            raise fail(path, line, f"#M for unknown issue {issue!r}")
        marks.setdefault(issue, []).append((x, meaning))
    factor = 0.01 if any(s > 1 for _, _, s, _ in data.values()) else 1.0
    a_idx = {a: k for k, a in enumerate(actors)}
    i_idx = {i: k for k, i in enumerate(issues)}
    specs = [_issue_spec(path, key, issues[key], marks.get(key, [])) for key in issues]
    n, m = len(actors), len(issues)
    pos, sal, cap = np.full((n, m), np.nan), np.zeros((n, m)), np.full((n, m), np.nan)
    for (actor, issue), (line, x, s, c) in data.items():
        where = f"actor {actor!r}, issue {issue!r}"
        if actor not in a_idx:
            raise fail(path, line, f"{where}: actor {actor!r} has no #A row")
        if issue not in i_idx:
            raise fail(path, line, f"{where}: issue {issue!r} has no #P row")
        spec = specs[i_idx[issue]]
        if not spec.low <= x <= spec.high:
            raise fail(
                path,
                line,
                f"{where}: position {x:g} is off the scale [{spec.low:g}, {spec.high:g}]",
            )
        if not 0 <= s <= 100:
            raise fail(path, line, f"{where}: salience {s:g} must be in [0, 1] or [0, 100]")
        if c < 0:
            raise fail(path, line, f"{where}: power {c:g} must be >= 0")
        i, j = a_idx[actor], i_idx[issue]
        pos[i, j], sal[i, j], cap[i, j] = x, s * factor, c
    actor_specs = []
    for k, (key, (line, name, comment)) in enumerate(actors.items()):
        powers = cap[k][~np.isnan(cap[k])]
        if powers.size == 0:
            raise fail(path, line, f"actor {key!r} has no #D rows")
        if not np.any(powers > 0):
            raise fail(path, line, f"actor {key!r} has no clout (power 0 on every issue)")
        clout = float(powers.max())
        cap[k] = np.where(np.isnan(cap[k]), clout, cap[k])
        actor_specs.append(ActorSpec(id=key, name=name, clout=clout, description=comment))
    try:
        scenario = Scenario(
            name=title or path.stem,
            actors=tuple(actor_specs),
            issues=tuple(specs),
            positions=pos,
            salience=sal,
            capability=cap,
        )
    except ScenarioError as err:
        raise fail(path, None, str(err)) from None
    return ScenarioFile(scenario=scenario, format="decide", path=str(path), salience_factor=factor)


def _issue_spec(
    path: Path, key: str, row: tuple[int, str, str], marks: list[tuple[float, str]]
) -> IssueSpec:
    line, name, _description = row
    values = sorted({x for x, _ in marks})
    lo, hi = (values[0], values[-1]) if len(values) >= 2 else (0.0, 100.0)
    if len(values) == 1 and not lo <= values[0] <= hi:
        raise fail(
            path,
            line,
            f"issue {key!r}: a single #M mark {values[0]:g} outside [0, 100] gives no scale",
        )
    labels = dict(sorted(marks))
    inner = tuple((x, t) for x, t in sorted(labels.items()) if lo < x < hi and t)
    return IssueSpec(
        id=key,
        name=name,
        low=lo,
        high=hi,
        low_label=labels.get(lo, ""),
        high_label=labels.get(hi, ""),
        marks=inner,
    )
