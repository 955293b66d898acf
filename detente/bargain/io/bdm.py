"""Reader of the plain one-issue BDM table ``Actor,Capability,Position,Salience``.

This is the input of the expected-utility replications (jmckib
``ExampleActors.csv``, dmasad, decisionmechanics ``Name x c s`` TSV) and of the
Greece 2015 blog example (``Stakeholder,Clout,Position,Salience``). Comma- or
tab-separated; the header may use any of the aliases below. Saliences on 0-100
(dmasad, muratk3n) are divided by 100 when any exceeds 1. No scale is given in
these files: the issue's scale is the range of the stated positions, which is
also the Δ that BDM's model normalises by; if all positions coincide the scale
is that position ± 1.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from detente.bargain.io.files import ScenarioFile, csv_fields, fail, number, read_text
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ScenarioError

ALIASES = {
    "actor": ("actor", "name", "stakeholder", ""),
    "capability": ("capability", "clout", "power", "c"),
    "position": ("position", "x"),
    "salience": ("salience", "s"),
}
"""Accepted header names per column (case-insensitive)."""


def read_bdm(path: str | Path) -> ScenarioFile:
    """Read a BDM table; malformed rows raise ScenarioError naming ``file:line`` and field.

    Args:
        path: The ``.csv`` / ``.tsv`` file.

    Returns:
        A one-issue scenario named after the file (issue id ``issue``).
    """
    path = Path(path)
    text = read_text(path)
    delimiter = "\t" if "\t" in text.split("\n", 1)[0] else ","
    rows = [
        (k, [f.strip() for f in csv_fields(path, k, ln, delimiter=delimiter)])
        for k, ln in enumerate(text.split("\n"), start=1)
        if ln.strip()
    ]
    if len(rows) < 2:
        raise fail(
            path,
            None,
            "needs a header Actor,Capability,Position,Salience and at least one actor row",
        )
    hline, header = rows[0]
    names = [h.lower() for h in header]
    col = {}
    for field_name, aliases in ALIASES.items():
        hits = [k for k, h in enumerate(names) if h in aliases]
        if not hits:
            raise fail(
                path,
                hline,
                f"header has no {field_name} column "
                f"(accepted: {', '.join(a for a in aliases if a)})",
            )
        col[field_name] = hits[0]
    actors, xs, cs, ss, lines = [], [], [], [], []
    for line, f in rows[1:]:
        if len(f) < len(header):
            raise fail(path, line, f"row has {len(f)} fields, expected {len(header)}")
        name = f[col["actor"]]
        if not name:
            raise fail(path, line, "actor name is empty")
        if name in actors:
            raise fail(path, line, f"duplicate actor {name!r}")
        c = number(path, line, header[col["capability"]] or "capability", f[col["capability"]])
        x = number(path, line, header[col["position"]] or "position", f[col["position"]])
        s = number(path, line, header[col["salience"]] or "salience", f[col["salience"]])
        if c <= 0:
            raise fail(
                path, line, f"actor {name!r}: capability {c:g} must be > 0 (an actor with no clout)"
            )
        if not 0 <= s <= 100:
            raise fail(path, line, f"actor {name!r}: salience {s:g} must be in [0, 1] or [0, 100]")
        actors.append(name)
        xs.append(x)
        cs.append(c)
        ss.append(s)
        lines.append(line)
    factor = 0.01 if max(ss) > 1 else 1.0
    lo, hi = min(xs), max(xs)
    if lo == hi:
        lo, hi = lo - 1.0, hi + 1.0
    try:
        scenario = Scenario(
            name=path.stem,
            actors=tuple(ActorSpec(id=a, name=a, clout=c) for a, c in zip(actors, cs, strict=True)),
            issues=(IssueSpec(id="issue", name=path.stem, low=lo, high=hi),),
            positions=np.array(xs, dtype=float)[:, None],
            salience=np.array(ss, dtype=float)[:, None] * factor,
            capability=np.array(cs, dtype=float)[:, None],
        )
    except ScenarioError as err:
        raise fail(path, None, str(err)) from None
    return ScenarioFile(scenario=scenario, format="bdm", path=str(path), salience_factor=factor)
