"""Parse and validate the JSON actor files into :class:`ActorEntry` objects.

Every problem is raised as :class:`~detente.errors.InputError` naming the file,
the entry and the field, so a typo in hand-written data costs one line to find.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from detente.errors import InputError

_TYPES = frozenset({"country", "organization", "person"})
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ORG_ID = re.compile(r"^[a-z0-9]+(\.[a-z0-9_]+)+$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_ENTRY_FIELDS = frozenset(
    {
        "id",
        "name",
        "type",
        "country",
        "aliases",
        "demonyms",
        "metonyms",
        "capital",
        "roles",
        "kind",
        "surnames",
        "short_names",
        "note",
    }
)
_ROLE_FIELDS = frozenset({"role", "key", "country", "org", "from", "to", "source", "note"})


def read_list(path: Path | str, text: str, key: str) -> list[Any]:
    """Decode a data file that is a JSON object holding a list under ``key``.

    Raises:
        InputError: naming the file and the line of a JSON error, or the missing list.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {exc.lineno}: invalid JSON ({exc.msg})") from exc
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        article = "an" if key[:1] in "aeiou" else "a"
        raise InputError(path, f"expected an object with {article} '{key}' list")
    return items


def read_json(path: Path | str, text: str) -> list[dict[str, Any]]:
    """Decode one data file: a JSON object with an ``actors`` list."""
    return read_list(path, text, "actors")


def read_titles(path: Path | str, text: str) -> dict[str, str]:
    """Decode the titles file into ``{title: role key}``; a title may map to one key only."""
    groups = read_list(path, text, "titles")
    titles: dict[str, str] = {}
    for i, group in enumerate(groups):
        key = group.get("key") if isinstance(group, dict) else None
        words = group.get("titles") if isinstance(group, dict) else None
        if not (isinstance(key, str) and _KEY.match(key)):
            raise InputError(path, f"titles[{i}] field 'key': must be a snake_case string")
        if not (
            isinstance(words, list)
            and words
            and all(isinstance(w, str) and w.strip() for w in words)
        ):
            raise InputError(
                path, f"titles[{i}] ({key}) field 'titles': must list non-empty strings"
            )
        for word in words:
            held = titles.setdefault(word.strip(), key)
            if held != key:
                raise InputError(
                    path, f"titles[{i}] ({key}): title {word!r} already maps to {held!r}"
                )
    return titles


_SHIELD_LABELS = frozenset(
    {"LOC", "FAC", "LAW", "EVENT", "GPE", "ORG", "PERSON", "PRODUCT", "WORK_OF_ART"}
)


def read_non_actors(path: Path | str, text: str) -> list[tuple[str, str]]:
    """Decode the non-actor names file into ``(label, name)`` pairs."""
    groups = read_list(path, text, "groups")
    out: list[tuple[str, str]] = []
    for i, group in enumerate(groups):
        label = group.get("label") if isinstance(group, dict) else None
        names = group.get("names") if isinstance(group, dict) else None
        if label not in _SHIELD_LABELS:
            raise InputError(
                path, f"groups[{i}] field 'label': must be one of {sorted(_SHIELD_LABELS)}"
            )
        if not (isinstance(names, list) and all(isinstance(n, str) and n.strip() for n in names)):
            raise InputError(
                path, f"groups[{i}] ({label}) field 'names': must list non-empty strings"
            )
        out.extend((label, name.strip()) for name in names)
    return out


class _Where:
    """Names the place of a problem: file, entry index and id."""

    def __init__(self, path: Path | str, index: int, raw: Mapping[str, Any]) -> None:
        self.path = path
        self.label = f"actors[{index}]" + (
            f" ({raw['id']})" if isinstance(raw.get("id"), str) else ""
        )

    def error(self, field: str, problem: str) -> InputError:
        return InputError(self.path, f"{self.label} field '{field}': {problem}")


def _strings(where: _Where, raw: Mapping[str, Any], field: str) -> tuple[str, ...]:
    value = raw.get(field, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise where.error(field, "must be a list of non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _date(where: _Where, field: str, value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise where.error(field, f"must be a YYYY-MM-DD date or null, got {value!r}")


def _check_country(where: _Where, field: str, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and _ISO3.match(value)):
        return value
    raise where.error(field, f"must be an ISO 3166-1 alpha-3 code or null, got {value!r}")


def parse_roles(where: _Where, raw: Mapping[str, Any], country: str | None) -> Iterator[tuple]:
    """Yield ``(role, key, country, start, end, org, source)`` per role key of each spell."""
    spells = raw.get("roles", [])
    if not isinstance(spells, list):
        raise where.error("roles", "must be a list of objects")
    for i, spell in enumerate(spells):
        field = f"roles[{i}]"
        if not isinstance(spell, dict):
            raise where.error(field, "must be an object")
        unknown = set(spell) - _ROLE_FIELDS
        if unknown:
            raise where.error(field, f"unknown keys {sorted(unknown)}")
        role = spell.get("role")
        if not isinstance(role, str) or not role.strip():
            raise where.error(f"{field}.role", "must be a non-empty string")
        keys = spell.get("key")
        keys = [keys] if keys is None or isinstance(keys, str) else keys
        if not isinstance(keys, list) or not all(k is None or _KEY.match(k) for k in keys):
            raise where.error(f"{field}.key", f"must be snake_case string(s) or null, got {keys!r}")
        spell_country = _check_country(where, f"{field}.country", spell.get("country", country))
        org = spell.get("org")
        if org is not None and not (isinstance(org, str) and _ORG_ID.match(org)):
            raise where.error(f"{field}.org", f"must be an organisation id, got {org!r}")
        start = _date(where, f"{field}.from", spell.get("from"))
        end = _date(where, f"{field}.to", spell.get("to"))
        if start and end and end < start:
            raise where.error(field, f"ends ({end}) before it starts ({start})")
        source = spell.get("source")
        if source is not None and not (isinstance(source, str) and source.strip()):
            raise where.error(
                f"{field}.source", f"must be a non-empty string or null, got {source!r}"
            )
        for key in keys:
            yield role.strip(), key, spell_country, start, end, org, source


def parse_entry(path: Path | str, index: int, raw: Any) -> dict[str, Any]:
    """Validate one raw actor object and return the keyword arguments of an ActorEntry."""
    if not isinstance(raw, dict):
        raise InputError(path, f"actors[{index}]: must be an object")
    where = _Where(path, index, raw)
    unknown = set(raw) - _ENTRY_FIELDS
    if unknown:
        raise where.error("*", f"unknown keys {sorted(unknown)}")
    actor_id, name, kind = raw.get("id"), raw.get("name"), raw.get("type")
    if kind not in _TYPES:
        raise where.error("type", f"must be one of {sorted(_TYPES)}, got {kind!r}")
    if kind == "country":
        if not (isinstance(actor_id, str) and _ISO3.match(actor_id)):
            raise where.error("id", f"a country id must be ISO 3166-1 alpha-3, got {actor_id!r}")
        country = raw.get("country", actor_id)
    else:
        if not (isinstance(actor_id, str) and _ORG_ID.match(actor_id)):
            raise where.error(
                "id", f"must be a dotted lower-case id like 'org.nato', got {actor_id!r}"
            )
        country = raw.get("country")
    if not isinstance(name, str) or not name.strip():
        raise where.error("name", "must be a non-empty string")
    country = _check_country(where, "country", country)
    entry_kind = raw.get("kind")
    if entry_kind is not None and not (isinstance(entry_kind, str) and _KEY.match(entry_kind)):
        raise where.error("kind", f"must be a snake_case string or null, got {entry_kind!r}")
    return {
        "id": actor_id,
        "name": name.strip(),
        "type": kind,
        "country": country,
        "aliases": _strings(where, raw, "aliases"),
        "demonyms": _strings(where, raw, "demonyms"),
        "metonyms": _strings(where, raw, "metonyms"),
        "capitals": _strings(where, raw, "capital"),
        "surnames": _strings(where, raw, "surnames"),
        "short_names": _strings(where, raw, "short_names"),
        "kind": entry_kind,
        "roles": tuple(parse_roles(where, raw, country)),
    }
