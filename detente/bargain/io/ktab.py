"""Reader of the KTAB Spatial Model of Politics CSV input (``smpc --csv``).

Layout, as in ``examples/smp/doc/*.csv`` of KAPSARC/KTAB (fork lsyaseen/KTAB
@ 3b5b0635)::

    scenario name, description, n_actors, n_dims
    Actor, Description, Power, <dim 1> Position, <dim 1> Salience, ...
    XJ, Xi Jinping, 100.0, 30, 24.0, 20, 48.0

Each dimension becomes an issue. Positions keep the input's own scale
(0-100, or 0-1 when no position exceeds 1); KTAB divides saliences by 100 and
requires each actor's saliences to sum to at most 100, so detente does the
same (``salience_factor`` 0.01). Power is the actor's scalar capability on
every dimension.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np

from detente.bargain.io.files import ScenarioFile, csv_fields, fail, number, read_text
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ScenarioError


def looks_like_ktab(text: str) -> bool:
    """True when line 2 is a KTAB header (``Actor,Description,<power>,...``)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return False
    try:
        head = [f.strip().lower() for f in next(csv.reader([lines[1]]))]
    except csv.Error:
        return False
    return len(head) >= 5 and head[0] == "actor" and head[1] == "description"


def _dim_name(header: str, k: int) -> str:
    name = re.sub(r"\s*(position|pstn|pos)\s*\d*\s*$", "", header.strip(), flags=re.IGNORECASE)
    return name or f"Dimension {k + 1}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "dim"


def read_ktab(path: str | Path) -> ScenarioFile:
    """Read a KTAB SMP CSV; malformed rows raise ScenarioError naming ``file:line`` and field.

    Args:
        path: The ``.csv`` file.

    Returns:
        The scenario, one issue per dimension, with saliences divided by 100.
    """
    path = Path(path)
    lines = [(k, ln) for k, ln in enumerate(read_text(path).split("\n"), start=1) if ln.strip()]
    if len(lines) < 3:
        raise fail(path, None, "a KTAB CSV needs a scenario line, a header line and actor rows")
    rows = [(k, [f.strip() for f in csv_fields(path, k, ln)]) for k, ln in lines]
    (l1, first), (l2, header) = rows[0], rows[1]
    while first and first[-1] == "":
        first.pop()
    while header and header[-1] == "":
        header.pop()
    if len(first) < 4:
        raise fail(
            path,
            l1,
            "scenario line needs name, description, number of actors, number of dimensions",
        )
    n_act = number(path, l1, "number of actors", first[-2])
    n_dim = number(path, l1, "number of dimensions", first[-1])
    if n_act != int(n_act) or n_act < 1 or n_dim != int(n_dim) or n_dim < 1:
        raise fail(
            path,
            l1,
            f"numbers of actors and dimensions must be positive integers, got {first[-2:]}",
        )
    n_act, n_dim = int(n_act), int(n_dim)
    if len(header) != 3 + 2 * n_dim:
        raise fail(
            path, l2, f"header has {len(header)} columns; {n_dim} dimensions need {3 + 2 * n_dim}"
        )
    dims = [_dim_name(header[3 + 2 * d], d) for d in range(n_dim)]
    ids = [
        f"dim{d + 1}" if dims[d] == f"Dimension {d + 1}" else _slug(dims[d]) for d in range(n_dim)
    ]
    if len(set(ids)) < n_dim:
        ids = [f"dim{d + 1}" for d in range(n_dim)]
    body = rows[2:]
    if len(body) != n_act:
        raise fail(path, l1, f"says {n_act} actors but the file has {len(body)} actor rows")
    pos, sal = np.empty((n_act, n_dim)), np.empty((n_act, n_dim))
    actors = []
    for r, (line, f) in enumerate(body):
        while len(f) > 3 + 2 * n_dim and f[-1] == "":
            f.pop()
        if len(f) != 3 + 2 * n_dim:
            raise fail(path, line, f"actor row has {len(f)} fields, expected {3 + 2 * n_dim}")
        if not f[0]:
            raise fail(path, line, "actor name is empty")
        power = number(path, line, header[2] or "power", f[2])
        if power <= 0:
            raise fail(path, line, f"actor {f[0]!r}: {header[2] or 'power'} {power:g} must be > 0")
        for d in range(n_dim):
            x = number(path, line, header[3 + 2 * d] or f"position {d + 1}", f[3 + 2 * d])
            s = number(path, line, header[4 + 2 * d] or f"salience {d + 1}", f[4 + 2 * d])
            if not 0 <= x <= 100:
                raise fail(
                    path,
                    line,
                    f"actor {f[0]!r}, issue {ids[d]!r}: position {x:g} is off the scale [0, 100]",
                )
            if not 0 <= s <= 100:
                raise fail(
                    path,
                    line,
                    f"actor {f[0]!r}, issue {ids[d]!r}: salience {s:g} must be in [0, 100]",
                )
            pos[r, d], sal[r, d] = x, s / 100.0
        if sal[r].sum() > 1 + 1e-9:
            raise fail(path, line, f"actor {f[0]!r}: saliences sum to {100 * sal[r].sum():g} > 100")
        actors.append(ActorSpec(id=f[0], name=f[1] or f[0], clout=power))
    high = 1.0 if pos.max() <= 1.0 else 100.0
    issues = tuple(
        IssueSpec(id=i, name=d, low=0.0, high=high) for i, d in zip(ids, dims, strict=True)
    )
    cap = np.array([[a.clout] * n_dim for a in actors], dtype=float)
    try:
        scenario = Scenario(
            name=first[0],
            description=", ".join(first[1:-2]),
            actors=tuple(actors),
            issues=issues,
            positions=pos,
            salience=sal,
            capability=cap,
        )
    except ScenarioError as err:
        raise fail(path, None, str(err)) from None
    return ScenarioFile(scenario=scenario, format="ktab", path=str(path), salience_factor=0.01)
