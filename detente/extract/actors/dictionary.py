"""The actor dictionary: canonical states, organisations and people with their names.

Aliases live in JSON package data (``data/states.json``, ``organizations.json``,
``people.json``; format in ``README.md`` beside them), not in code, as spaCy's
``entity_ruler`` advice has it. This module loads them once into normalised
indexes so that every query (:meth:`ActorDictionary.lookup`,
:meth:`~ActorDictionary.by_demonym`, :meth:`~ActorDictionary.by_surname`,
:meth:`~ActorDictionary.holder`) is a constant-time dictionary access.

Name precedence, when one surface form belongs to several entries: a name or alias
beats a metonym, which beats a capital city, which beats a demonym. So "Brussels"
(an EU metonym) resolves to the EU, not to Belgium, while "Moscow" resolves to
Russia. Two entries claiming the same form at the same level is a data error,
reported when the dictionary loads.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path

from detente.errors import InputError, NotFound
from detente.extract.actors.data_files import parse_entry, read_json, read_non_actors, read_titles
from detente.extract.actors.names import is_case_sensitive, normalise, plural_demonym, surface_key
from detente.extract.actors.patterns import build_patterns, shield_patterns
from detente.extract.records import ActorRecord

DATA_FILES = ("states.json", "organizations.json", "people.json")
"""Package data files of actors, read in this order."""
TITLES_FILE = "titles.json"
"""Package data file mapping role titles ("foreign minister") to role keys."""
NON_ACTORS_FILE = "non_actors.json"
"""Package data file of names that contain an actor's name but are not it ("Latin America")."""

# Precedence levels of surface forms in the lookup index (lower wins).
_NAME, _METONYM, _CAPITAL, _DEMONYM = range(4)
_LEVEL_NAMES = ("name/alias", "metonym", "capital", "demonym")


@dataclass(frozen=True, slots=True)
class RoleSpell:
    """One period during which an actor held a role."""

    role: str
    """The role as a reader would write it (``US Secretary of State``)."""
    key: str | None
    """Generic role key that resolves descriptions (``head_of_state``, ``foreign_minister``)."""
    country: str | None
    """ISO alpha-3 of the state the role belongs to; None for a role in an international body."""
    start: date | None
    """First day in the role (inclusive); None when unknown or long ago."""
    end: date | None
    """First day no longer in the role (exclusive); None while it is held."""
    org: str | None = None
    """Organisation id the role belongs to (``usa.state_dept``, ``org.nato``), if any."""
    source: str | None = None
    """Where the role and its dates are documented (a URL)."""

    def active(self, on: date | None) -> bool:
        """Whether the spell covers ``on``; with ``on=None``, whether it is still open."""
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    @property
    def former(self) -> bool:
        """Whether this spell describes a past office ("former President ...")."""
        return self.role.lower().startswith(("former ", "ex-"))


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A canonical actor and every name it goes by."""

    id: str
    """ISO alpha-3 for a state (``USA``), ``org.nato`` / ``usa.state_dept`` / ``grp.europe``
    for organisations and collectives, ``person.rubio_marco`` for people."""
    name: str
    """Canonical display name (``Marco Rubio``)."""
    type: str
    """``person``, ``country`` or ``organization``."""
    country: str | None
    """ISO alpha-3 of the actor's state (a state's own code); None for international bodies."""
    aliases: tuple[str, ...] = ()
    """Other names: short and official forms, abbreviations, transliterations."""
    demonyms: tuple[str, ...] = ()
    """Adjectives and nouns for the people ("Russian", "Russians")."""
    metonyms: tuple[str, ...] = ()
    """Seats of power standing for the actor ("the Kremlin", "Downing Street")."""
    roles: tuple[RoleSpell, ...] = ()
    """Roles over time, primary role first when several overlap. A role with several
    generic keys (president: ``head_of_state``, ``president``, ``leader``) appears once
    per key, with the same ``role`` text and dates."""
    kind: str | None = None
    """Sub-kind: ``un_member``/``un_observer``/``disputed``/``historical`` for states;
    ``io``/``ministry``/``legislature``/``think_tank``/``collective``... for organisations."""
    capitals: tuple[str, ...] = ()
    """Capital city and its spellings ("Kyiv", "Kiev"), used as metonyms of a state."""
    surnames: tuple[str, ...] = ()
    """Surnames a person is referred to by alone ("Zelensky", "Zelenskyy")."""
    gender: str | None = None
    """People only: ``"female"`` or ``"male"``, for pronoun agreement ("she" never resolves
    to a man); None when unknown or not a person."""
    short_names: tuple[str, ...] = ()
    """Short names another entry is known by first ("Security Council" for Russia's
    Security Council, whose default is the UN's); the resolver gives them to this entry
    when the text's own context is this entry's state (:meth:`ActorDictionary.contenders`)."""

    def role_at(self, on: date | None = None) -> str | None:
        """The (primary) role held on ``on``, or the current one when ``on`` is None."""
        spell = self.spell_at(on)
        return spell.role if spell else None

    def spell_at(self, on: date | None = None) -> RoleSpell | None:
        """The spell covering ``on``; with None, the open one or else the last ended.

        Several spells may cover a day. The first listed wins (the data lists the
        primary role first), except that a spell of unknown start ("from": null)
        yields to a dated one: "Senior Director since some time" must not hide
        the ambassadorship known to cover that day.
        """
        active = [spell for spell in self.roles if spell.active(on)]
        if active:
            dated = [spell for spell in active if spell.start is not None]
            return dated[0] if dated and on is not None else active[0]
        if on is None and self.roles:
            return max(self.roles, key=lambda s: s.end or date.max)
        return None

    def country_at(self, on: date | None = None) -> str | None:
        """The state the actor serves on ``on``: None while in a post of an international body.

        A NATO Secretary General belongs to NATO, not to the state they come from;
        the same person before or after that post belongs to their state again.
        """
        spell = self.spell_at(on)
        if spell is not None and spell.country is None and spell.org is not None:
            return None
        return self.country

    def org_at(self, on: date | None = None) -> str | None:
        """The international body whose post the actor holds on ``on`` (``org.nato``), else None."""
        spell = self.spell_at(on)
        if spell is not None and spell.country is None:
            return spell.org
        return None

    def info_at(self, on: date | None = None) -> dict:
        """``Doc._.actor_info`` value of this actor at ``on``: name, type, country, role, org."""
        return {
            "name": self.name,
            "type": self.type,
            "country": self.country_at(on),
            "role": self.role_at(on),
            "org": self.org_at(on),
        }

    def to_record(self, on: date | None = None) -> ActorRecord:
        """The stage record for this actor, its role, state and body resolved at ``on``."""
        return ActorRecord(
            actor_id=self.id,
            name=self.name,
            type=self.type,
            country=self.country_at(on),
            role=self.role_at(on),
            org=self.org_at(on),
        )

    def forms(self) -> Iterator[tuple[int, str]]:
        """Every surface form with its precedence level."""
        for text in (self.name, *self.aliases):
            yield _NAME, text
        for text in self.metonyms:
            yield _METONYM, text
        for text in self.capitals:
            yield _CAPITAL, text
        for text in self.demonyms:
            yield _DEMONYM, text
            plural = plural_demonym(text)
            if plural:
                yield _DEMONYM, plural


class ActorDictionary:
    """Canonical actors indexed by id, name, demonym, surname and role.

    Build it with :meth:`load` (the package data, cached) or :meth:`from_files`
    (the package data plus or instead of an analyst's own files).
    """

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        *,
        titles: Mapping[str, str] | None = None,
        non_actors: Iterable[tuple[str, str]] = (),
        source: str = "<entries>",
    ) -> None:
        self._entries: dict[str, ActorEntry] = {}
        for entry in entries:
            if entry.id in self._entries:
                raise InputError(source, f"duplicate actor id {entry.id!r}")
            self._entries[entry.id] = entry
        self._names: dict[str, tuple[int, ActorEntry]] = {}
        self._exact: dict[str, tuple[int, ActorEntry]] = {}
        self._demonyms: dict[str, ActorEntry] = {}
        self._surnames: dict[str, list[ActorEntry]] = defaultdict(list)
        self._short: dict[str, list[ActorEntry]] = defaultdict(list)
        self._holders: dict[tuple[str, str], list[tuple[RoleSpell, ActorEntry]]] = defaultdict(list)
        self._patterns: list[dict] | None = None
        self._non_actors = tuple(non_actors)
        claims: dict[tuple[bool, str], list[tuple[int, ActorEntry]]] = defaultdict(list)
        for entry in self._entries.values():
            self._index(entry, claims, source)
        for (exact, key), held in claims.items():
            target = self._exact if exact else self._names
            target[key] = self._settle(key, held, source)
        self._titles: dict[str, str] = {}
        self._exact_titles: dict[str, str] = {}
        for title, key in (titles or {}).items():
            if is_case_sensitive(title):
                self._exact_titles[surface_key(title)] = key
            else:
                self._titles[normalise(title)] = key

    # -- construction ---------------------------------------------------------------

    @classmethod
    def load(cls) -> ActorDictionary:
        """The dictionary of the package data, built once per process."""
        return _load_package()

    @classmethod
    def from_files(cls, *paths: Path | str, include_package: bool = True) -> ActorDictionary:
        """Build from JSON files in the package-data format, after the package data by default."""
        entries = list(_package_entries()) if include_package else []
        for path in paths:
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise InputError(path, f"cannot read ({exc.strerror})") from exc
            entries.extend(_parse_file(path, text))
        titles = _package_titles() if include_package else None
        non_actors = _package_non_actors() if include_package else ()
        return cls(
            entries,
            titles=titles,
            non_actors=non_actors,
            source=", ".join(str(p) for p in paths) or "package data",
        )

    def _index(self, entry: ActorEntry, claims: dict, source: str) -> None:
        for level, text in entry.forms():
            if level == _DEMONYM:
                self._claim_demonym(normalise(text), entry, source)
            surface = surface_key(text)
            if is_case_sensitive(surface):
                claims[(True, surface)].append((level, entry))
            else:
                claims[(False, normalise(text))].append((level, entry))
        for short in entry.short_names:
            self._short[normalise(short)].append(entry)
        if entry.type == "person":
            for surname in entry.surnames or (entry.name.split()[-1],):
                bucket = self._surnames[normalise(surname)]
                if entry not in bucket:
                    bucket.append(entry)
        for spell in entry.roles:
            if spell.key is None:
                continue
            for scope in {spell.country, spell.org} - {None}:
                self._holders[(spell.key, scope)].append((spell, entry))

    @staticmethod
    def _settle(
        key: str, held: list[tuple[int, ActorEntry]], source: str
    ) -> tuple[int, ActorEntry]:
        """The claim of highest precedence; a tie between two entries is a data error."""
        best = min(level for level, _ in held)
        winners = list(dict.fromkeys(e.id for level, e in held if level == best))
        if len(winners) > 1:
            raise InputError(
                source,
                f"{_LEVEL_NAMES[best]} {key!r} is claimed by both {winners[0]} and {winners[1]}",
            )
        return next((level, e) for level, e in held if level == best)

    def _claim_demonym(self, key: str, entry: ActorEntry, source: str) -> None:
        held = self._demonyms.setdefault(key, entry)
        if held.id != entry.id:
            raise InputError(source, f"demonym {key!r} is claimed by both {held.id} and {entry.id}")

    # -- access ---------------------------------------------------------------------

    def get(self, actor_id: str) -> ActorEntry:
        """The entry with this id; raises NotFound for an unknown id."""
        try:
            return self._entries[actor_id]
        except KeyError:
            raise NotFound(f"no actor with id {actor_id!r} in the actor dictionary") from None

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._entries

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, text: str) -> ActorEntry | None:
        """The actor a name, alias, metonym, capital or demonym stands for, else None.

        Case- and accent-insensitive; a leading "the" and a possessive "'s" are ignored.
        All-capitals acronyms ("US", "WHO") match only in capitals.
        """
        exact = self._exact.get(surface_key(text))
        loose = self._names.get(normalise(text))
        if exact and loose:
            return min(exact, loose, key=lambda held: held[0])[1]
        held = exact or loose
        return held[1] if held else None

    def contenders(self, text: str) -> list[ActorEntry]:
        """Entries that list ``text`` among their ``short_names`` (it names another by default)."""
        return list(self._short.get(normalise(text), ()))

    def by_demonym(self, word: str) -> ActorEntry | None:
        """The state or collective a demonym refers to ("Ukrainian" -> UKR), else None."""
        return self._demonyms.get(normalise(word))

    def by_surname(self, surname: str, on: date | None = None) -> ActorEntry | None:
        """The person known by this surname, or None when unknown or ambiguous.

        Several people may share a surname ("Johnson"); the one holding a current
        (not "former") role on ``on`` wins, then one holding any role then. A tie
        returns None: the resolver must then use the full name seen in the text.
        """
        candidates = self._surnames.get(normalise(surname), [])
        if len(candidates) <= 1:
            return candidates[0] if candidates else None

        def rank(entry: ActorEntry) -> int:
            spell = (
                entry.spell_at(on)
                if on is not None
                else next((s for s in entry.roles if s.active(None)), None)
            )
            if spell is None:
                return 2
            return 1 if spell.former else 0

        ranked = sorted(candidates, key=rank)
        if rank(ranked[0]) < rank(ranked[1]):
            return ranked[0]
        return None

    def near_person(self, name: str) -> ActorEntry | None:
        """The person a full name with a one-letter slip in the surname stands for, else None.

        "Steve Witkof" is Steve Witkoff: same first name, surname of five letters or
        more that one insertion, deletion or substitution turns into a known one.
        Two such people, or none, give None.
        """
        words = normalise(name).split()
        if len(words) < 2 or len(words[-1]) < 5:
            return None
        first, last = words[0], words[-1]
        found = {
            entry.id: entry
            for surname, entries in self._surnames.items()
            if surname != last and _one_edit(surname, last)
            for entry in entries
            if normalise(entry.name).split()[0] == first
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def role_at(self, actor_id: str, on: date | None = None) -> str | None:
        """Role the actor held on ``on`` (the current one if None); NotFound for bad ids."""
        return self.get(actor_id).role_at(on)

    def holder(self, key: str, country: str, on: date | None = None) -> ActorEntry | None:
        """Who held role ``key`` in ``country`` (ISO3, or an organisation id) on ``on``.

        >>> ActorDictionary.load().holder("head_of_state", "USA", date(2025, 2, 18)).name
        'Donald Trump'
        """
        for spell, entry in self._holders.get((key, country), ()):
            if spell.active(on):
                return entry
        return None

    def title_key(self, title: str) -> str | None:
        """The role key a written title stands for ("Foreign Minister" -> ``foreign_minister``).

        Pair it with :meth:`holder` to resolve a description: "the Russian foreign
        minister" is ``holder(title_key("foreign minister"), "RUS", on)``.
        """
        return self._exact_titles.get(surface_key(title)) or self._titles.get(normalise(title))

    def role_keys(self) -> frozenset[str]:
        """Every generic role key used in the data (``head_of_state`` ...)."""
        return frozenset(key for key, _ in self._holders)

    def patterns(self) -> list[dict]:
        """SpaCy ``entity_ruler`` / ``span_ruler`` patterns, each with the actor id.

        Labels: PERSON, GPE (states, capitals, collectives), ORG (organisations,
        metonyms), NORP (demonyms). See :mod:`detente.extract.actors.patterns`.
        Names that merely contain an actor's name ("Latin America", "the Minsk
        agreements") come last, labelled LOC/LAW/FAC/EVENT/ORG and *without* an ``id``:
        being longer, they keep the ruler from tagging the actor inside them.
        """
        if self._patterns is None:
            self._patterns = build_patterns(self._entries.values(), self)
            self._patterns.extend(shield_patterns(self._non_actors))
        return copy.deepcopy(self._patterns)  # callers may edit theirs; the cache stays intact


class UsesDictionary:
    """Mixin of the components that read the actor dictionary.

    ``self._dictionary`` is the one given to the component, else the package's,
    loaded on first use so that building a pipeline stays cheap.
    """

    _dictionary = None

    @property
    def dictionary(self) -> ActorDictionary:
        """The actor dictionary given to the component, else the package's."""
        if self._dictionary is None:
            self._dictionary = ActorDictionary.load()
        return self._dictionary


def _one_edit(a: str, b: str) -> bool:
    """True when one insertion, deletion or substitution turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i:] == b[i + 1 :] if len(a) < len(b) else a[i + 1 :] == b[i + 1 :]


GENDERS = frozenset({"female", "male"})
"""Values of a person's optional ``gender`` field."""


def _parse_gender(path: Path | str, index: int, raw: object) -> tuple[object, str | None]:
    """Split the optional ``gender`` field off a raw entry and check it.

    Returns:
        The entry without ``gender`` (for :func:`parse_entry`) and the gender, or None.
    """
    if not isinstance(raw, dict) or "gender" not in raw:
        return raw, None
    rest = {k: v for k, v in raw.items() if k != "gender"}
    gender = raw["gender"]
    where = f"actors[{index}]" + (f" ({raw['id']})" if isinstance(raw.get("id"), str) else "")
    if raw.get("type") != "person":
        raise InputError(path, f"{where} field 'gender': only people have a gender")
    if gender is not None and gender not in GENDERS:
        raise InputError(
            path, f"{where} field 'gender': must be 'female', 'male' or null, got {gender!r}"
        )
    return rest, gender


def _parse_file(path: Path | str, text: str) -> Iterator[ActorEntry]:
    for index, raw in enumerate(read_json(path, text)):
        raw, gender = _parse_gender(path, index, raw)
        fields = parse_entry(path, index, raw)
        roles = tuple(RoleSpell(*spell) for spell in fields.pop("roles"))
        yield ActorEntry(roles=roles, gender=gender, **fields)


def _package_entries() -> Iterator[ActorEntry]:
    data = files("detente.extract.actors") / "data"
    for name in DATA_FILES:
        resource = data / name
        yield from _parse_file(f"detente/extract/actors/data/{name}", resource.read_text("utf-8"))


def _package_non_actors() -> list[tuple[str, str]]:
    resource = files("detente.extract.actors") / "data" / NON_ACTORS_FILE
    return read_non_actors(
        f"detente/extract/actors/data/{NON_ACTORS_FILE}", resource.read_text("utf-8")
    )


def _package_titles() -> dict[str, str]:
    resource = files("detente.extract.actors") / "data" / TITLES_FILE
    return read_titles(f"detente/extract/actors/data/{TITLES_FILE}", resource.read_text("utf-8"))


@cache
def _load_package() -> ActorDictionary:
    return ActorDictionary(
        _package_entries(),
        titles=_package_titles(),
        non_actors=_package_non_actors(),
        source="detente/extract/actors/data",
    )


__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "RoleSpell",
    "UsesDictionary",
    "DATA_FILES",
    "TITLES_FILE",
    "NON_ACTORS_FILE",
    "GENDERS",
]
