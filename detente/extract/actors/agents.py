"""Agent nouns: the words that make "Hungarian officials" an actor of Hungary.

News names a state's agents more often than its leaders: "Russian troops",
"Ukrainian negotiators", "a U.S. delegation", "Kremlin officials". Event coders
since CAMEO treat such a phrase as the state acting through one of its sectors
(government, military, police, intelligence, legislature, judiciary). The list
of nouns is ``data/agents.json``, converted from the PETRARCH2 agent dictionary
(Open Event Data Alliance, MIT licence; see the file's ``attribution``) by
``scripts/build_agent_nouns.py``.

>>> nouns = AgentNouns.load()
>>> nouns.sector(["border", "guards"])
'MIL'
>>> nouns.suffix(["senior", "military", "officials"])
2
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from detente.errors import InputError
from detente.extract.actors.data_files import read_list

AGENTS_FILE = "agents.json"
"""Package data file of agent nouns."""


@dataclass(frozen=True, slots=True)
class AgentNouns:
    """Agent phrases (lower-case word tuples) with their CAMEO sector codes."""

    phrases: dict[tuple[str, ...], str]
    """``("border", "guards") -> "MIL"``; singular and plural forms are both listed."""
    longest: int
    """Words in the longest phrase (how far back :meth:`suffix` looks)."""

    @classmethod
    def load(cls) -> AgentNouns:
        """The package's agent nouns, read once per process."""
        return _load_package()

    @classmethod
    def from_json(cls, text: str, source: str = AGENTS_FILE) -> AgentNouns:
        """Parse the data file's JSON (an object with an ``agents`` list)."""
        rows = read_list(source, text, "agents")
        phrases: dict[tuple[str, ...], str] = {}
        for i, row in enumerate(rows):
            phrase, sector = (
                (row.get("phrase"), row.get("sector"))
                if isinstance(row, dict)
                else (
                    None,
                    None,
                )
            )
            if not isinstance(phrase, str) or not phrase.strip() or not isinstance(sector, str):
                raise InputError(source, f"agents[{i}]: needs a 'phrase' and a 'sector' string")
            phrases[tuple(phrase.lower().split())] = sector
        return cls(phrases, max((len(p) for p in phrases), default=0))

    def sector(self, words: Sequence[str]) -> str | None:
        """Sector of the phrase made of exactly ``words`` (lower case), else None."""
        return self.phrases.get(tuple(w.lower() for w in words))

    def suffix(self, words: Sequence[str]) -> int:
        """Number of final ``words`` forming the longest agent phrase (0 when none).

        ``["senior", "military", "officials"]`` gives 2 ("military officials"): the
        head of a noun phrase is its last word, so an agent phrase must end it.
        """
        lowered = [w.lower() for w in words]
        for n in range(min(self.longest, len(lowered)), 0, -1):
            if tuple(lowered[-n:]) in self.phrases:
                return n
        return 0


@cache
def _load_package() -> AgentNouns:
    resource = files("detente.extract.actors") / "data" / AGENTS_FILE
    return AgentNouns.from_json(
        resource.read_text("utf-8"), f"detente/extract/actors/data/{AGENTS_FILE}"
    )


__all__ = ["AGENTS_FILE", "AgentNouns"]
