"""Roles and states at the article's date: what the ``detente_roles`` component does.

A person's role, and the state they serve, are those in force on the day the
article was written: Mike Waltz is the US National Security Advisor in a
February 2025 report and the US Ambassador to the United Nations in a
December 2025 one; Kaja Kallas belongs to the EU (no state) as its High
Representative, to Estonia as its Prime Minister before. The actor resolver
already reads the dictionary's dated roles at the publication date; an article
without one gets its "now" only from the date component
(:mod:`~detente.extract.temporal.reference_time`), which runs after the
resolver because it reads the resolver's mentions. This component therefore
runs after the dates and, for an article without a publication date whose
"now" was inferred, sets every dictionary person's role, state and
international body at the first day of the inferred window: the article
cannot predate the events it reports, and news reports them soon after, so the
first possible day is the likeliest (the window can span months when the
article's clues are loose).
With a publication date the resolver's values are already those of that day;
with no date at all they stay the roles held now.

A person with no dictionary role on that day keeps a role the resolver read
from the text around the name ("the former adviser X"), if any. A role nominal
the resolver gave to the role's holder of today ("the national security
adviser", ``Doc._.role_mentions``) goes to the holder on that day.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from detente.extract.actors.dictionary import UsesDictionary
from detente.extract.extensions import parse_published, register_extensions


def article_day(doc: Doc) -> date | None:
    """The day roles are read at: publication date, else the inferred reference's first day."""
    published = parse_published(doc._.published)
    if published is not None:
        return published
    reference = doc._.reference or {}
    return parse_published(reference.get("earliest"))


class RoleDating(UsesDictionary):
    """Set dictionary people's role, country and body in ``Doc._.actor_info`` at the article's day.

    Args:
        name: Component name in the pipeline.
        dictionary: An ``ActorDictionary``; the package's when None (loaded on first use).
    """

    def __init__(self, *, name: str = "detente_roles", dictionary=None) -> None:
        self.name = name
        self._dictionary = dictionary
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Rewrite the dated fields of the people in ``doc._.actor_info`` (module docstring)."""
        if parse_published(doc._.published) is not None:
            return doc  # the resolver read the roles at the publication date
        day = article_day(doc)
        if day is None:
            return doc
        info = dict(doc._.actor_info or {})
        self._reread_holders(doc, day, info)
        for actor_id, value in info.items():
            if value.get("type") != "person" or actor_id not in self.dictionary:
                continue
            entry = self.dictionary.get(actor_id)
            dated = entry.info_at(day)
            if dated["role"] is None and value.get("role") != entry.role_at(None):
                dated["role"] = value.get("role")  # read from the text, not the dictionary
            info[actor_id] = {**value, **dated}
        doc._.actor_info = info
        return doc

    def _reread_holders(self, doc: Doc, day: date, info: dict) -> None:
        """Give each role-holder mention to the holder on ``day`` (``info`` is updated)."""
        mentions = [tuple(m) for m in doc._.mentions or ()]
        changed = False
        for a, b, keys, scope in doc._.role_mentions or ():
            at = next((k for k, m in enumerate(mentions) if m[0] == a and m[1] == b), None)
            if at is None:
                continue
            holder = next(
                (h for key in keys.split("|") if (h := self.dictionary.holder(key, scope, day))),
                None,
            )
            if holder is None or holder.id == mentions[at][2]:
                continue
            mentions[at] = (a, b, holder.id)
            info.setdefault(holder.id, holder.info_at(day))
            changed = True
        if changed:
            seen = {m[2] for m in mentions}
            for actor_id in [k for k in info if k not in seen]:
                del info[actor_id]
            doc._.mentions = mentions
