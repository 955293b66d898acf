"""Build ``detente/extract/actors/data/agents.json`` from the PETRARCH2 agent dictionary.

The CAMEO agent dictionary of the PETRARCH2 coder (``Phoenix.agents.txt``,
Open Event Data Alliance, MIT licence; a copy lives in
``../shared/reference/cameo/``) lists the nouns that name an agent of an actor
-- "officials", "troops", "border guards", "lawmakers" -- with the sector each
belongs to (GOV government, MIL military, COP police, LEG legislature ...).
They are what makes "Hungarian officials" or "Russian troops" an actor of the
state the modifier names. This script turns that file into detente's own data
format: one lower-case phrase per agent with its sector code, regular and
listed irregular plurals spelled out, the ``!PERSON!``/``!MINIST!``
substitution sets expanded, comments and phrases with punctuation dropped. It
then adds detente's own agent nouns that the file lacks (``ADDED`` below:
"official", "forces", "delegation" ...), each marked ``"source": "detente"``.

Usage::

    python scripts/build_agent_nouns.py [../shared/reference/cameo/Phoenix.agents.txt]

Run it again only when the reference file or ``ADDED`` changes;
``tests/extract/test_agents.py`` checks that the committed file is what it writes.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "cameo" / "Phoenix.agents.txt"
TARGET = ROOT / "detente" / "extract" / "actors" / "data" / "agents.json"

ATTRIBUTION = (
    "Agent nouns from the CAMEO agent dictionary of the PETRARCH2 event coder "
    "(Phoenix.agents.txt, openeventdata/petrarch2, commit 676801c), Copyright (c) 2014 "
    "Open Event Data Alliance, MIT licence; compiled by the Computational Event Data System "
    "Project (eventdata.parusanalytics.com). Converted by scripts/build_agent_nouns.py; "
    'entries with "source": "detente" are detente\'s own additions.'
)

#: Agent nouns the PETRARCH2 file lacks as bare words (it lists only compounds such as
#: "government official", "military delegation"), with the sector they belong to.
ADDED: dict[str, str] = {
    "official": "GOV",
    "aide": "GOV",
    "adviser": "GOV",
    "advisor": "GOV",
    "officialdom": "GOV",
    "delegation": "GOV",
    "negotiator": "GOV",
    "negotiating team": "GOV",
    "mediator": "GOV",
    "representative": "GOV",
    "leadership": "GOV",
    "administration official": "GOV",
    "forces": "MIL",
    "armed forces": "MIL",
    "military officials": "MIL",
    "servicemen": "MIL",
    "drone operator": "MIL",
    "air defence": "MIL",
    "air defense": "MIL",
    "spy agency": "SPY",
    "spy": "SPY",
}

_ENTRY = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[(?P<code>[^\]]+)\]")
_SET = re.compile(r"^!(?P<name>\w+)!\s*=\s*(?P<members>.+)$")


#: Stems the file uses for a family of words ("FOOD_MINIST": minister and ministry).
STEMS = {"minist": ("minister", "ministry")}
#: A phrase's head noun stands before these words ("minister *for* transport").
_POST_HEAD = frozenset({"of", "for", "in", "to", "on", "at", "with", "from", "de"})


def _plural(word: str) -> str:
    """Regular English plural of a noun (the file leaves regular plurals out)."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _plural_phrase(phrase: str) -> str | None:
    """The phrase with its head noun in the plural, or None when it has none to add.

    The head is the last word before a preposition ("ministers of labour"), else the
    last word. Heads already plural ("troops", "ministries"), abbreviated ("lt.") and
    -man/-person compounds (their plurals come from the file's ``!PERSON!`` set) get
    none.
    """
    words = phrase.split(" ")
    head = next((i - 1 for i, w in enumerate(words) if i and w in _POST_HEAD), len(words) - 1)
    word = words[head]
    if word.endswith(("s", ".", "man", "men", "person")) or not word.isalpha():
        return None
    return " ".join([*words[:head], _plural(word), *words[head + 1 :]])


def _clean(raw: str) -> str | None:
    """A phrase of the file ("BORDER_PATROL_POLICE ") as lower-case words, or None."""
    text = raw.replace("_", " ").strip().lower()
    text = re.sub(r"\s+", " ", text)
    if not text or not re.fullmatch(r"[a-z][a-z' .\-]*[a-z.]", text):
        return None
    if len(text.split(" ")) > MAX_WORDS:
        return None
    return text


#: Sectors of a state's own agents (government, military, police, intelligence,
#: legislature, judiciary): "Hungarian officials" is Hungary, "Russian troops" Russia.
#: Civilians, business, media, rebels, opposition ... name people *of* a country, not
#: agents of its state, and are left out.
STATE_SECTORS = ("GOV", "MIL", "COP", "SPY", "LEG", "JUD")
#: Longer entries are full names of bodies ("ministry of water resources and
#: irrigation"), which the actor dictionary covers; an agent noun is short.
MAX_WORDS = 3


def parse(text: str) -> dict[str, str]:
    """Phrase -> sector code of every state-agent entry of a PETRARCH agent file."""
    sets: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = _SET.match(line.strip())
        if m:
            sets[m["name"]] = [w.strip() for w in m["members"].split(",") if w.strip()]
            continue
        m = _ENTRY.match(line.strip())
        if not m:
            continue
        code = m["code"].replace("~", "").strip()
        if not re.fullmatch(r"[A-Z]{3,9}", code) or not code.startswith(STATE_SECTORS):
            continue
        phrases = [m["phrase"]]
        for name, members in sets.items():
            marker = f"!{name}!"
            phrases = (
                [p.replace(marker, f"{member}") for p in phrases for member in members]
                if any(marker in p for p in phrases)
                else phrases
            )
        listed = [p for p in (m["plurals"] or "").split(",") if p.strip()]
        for raw in phrases:
            phrase = _clean(raw)
            if phrase is None:
                continue
            words = phrase.split(" ")
            for stem, full in STEMS.items():
                if words[-1] == stem:
                    phrases_ = [" ".join([*words[:-1], w]) for w in full]
                    break
            else:
                phrases_ = [phrase]
            for form in phrases_:
                out.setdefault(form, code)
                plural = _plural_phrase(form) if m["plurals"] is None else None
                if plural:  # the regular plural, which PETRARCH generates itself
                    out.setdefault(plural, code)
        for raw in listed:
            phrase = _clean(raw)
            if phrase is not None:
                out.setdefault(phrase, code)
    return out


def build(source: Path) -> dict:
    """The data file's content built from ``source``."""
    agents = [
        {"phrase": phrase, "sector": code}
        for phrase, code in sorted(parse(source.read_text(encoding="latin-1")).items())
    ]
    known = {a["phrase"] for a in agents}
    for phrase, code in sorted(ADDED.items()):
        for form in (phrase, _plural_phrase(phrase)):
            if form and form not in known:
                agents.append({"phrase": form, "sector": code, "source": "detente"})
                known.add(form)
    return {
        "description": (
            "Nouns naming an agent of an actor ('officials', 'troops', 'border guards') "
            "with the CAMEO sector they belong to; 'Hungarian officials' is then an actor "
            "of Hungary. Generated: edit scripts/build_agent_nouns.py, not this file."
        ),
        "attribution": ATTRIBUTION,
        "license": "MIT (Open Event Data Alliance); see the attribution",
        "agents": agents,
    }


def render(data: dict) -> str:
    """The JSON text, one agent per line (readable diffs)."""
    head = {k: v for k, v in data.items() if k != "agents"}
    lines = [json.dumps(a, ensure_ascii=False) for a in data["agents"]]
    body = json.dumps(head, indent=1, ensure_ascii=False)[:-2]
    return body + ',\n "agents": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"


def main() -> None:
    """Write the data file from the reference file named on the command line (or the default)."""
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    if not source.exists():
        raise SystemExit(f"{source}: not found (the PETRARCH2 agent dictionary)")
    TARGET.write_text(render(build(source)), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
