"""Resolve named entities to canonical actors: what ``detente_actor_resolver`` does.

Pipeline placement. :func:`detente.extract.pipeline.build_pipeline` puts the
actor dictionary's patterns (``detente_actor_patterns``, an entity ruler on
phrase matchers) *before* the statistical ``ner``: dictionary names then win
over the model's guesses ("Trump" is never an ORG, "Kyiv" never a PERSON) and
carry the canonical id in ``ent.ent_id_``, while ``ner`` still finds every name
the dictionary lacks. This component runs *after* ``ner`` and turns entities
into mentions.

Decisions (each a rule, tested in ``tests/extract/test_actor_resolver.py``):

* Places are not actors. A GPE/LOC/FAC the dictionary does not know
  ("Crimea", "Mar-a-Lago") is a location. A capital or seat-of-government
  metonym the dictionary does know ("Moscow", "Riyadh", "the Kremlin") is the
  state when it fills an argument slot -- subject ("Moscow insists"), object,
  possessor ("Moscow's war"), object of a non-locative preposition ("relations
  with Moscow") -- and a location otherwise ("talks in Riyadh", "the Saudi
  capital Riyadh"). A state's own name is always the state (analysts code
  "talks in Saudi Arabia" as involving Saudi Arabia) and is also recorded as a
  location in that position.
* Demonyms are mentions of their state ("Russian Foreign Minister ..." mentions
  RUS as well as Lavrov); a hyphenated
  token whose parts all name states ("U.S.-Russian relations") mentions each.
* People the dictionary lacks become ad-hoc actors ``person.adhoc.<slug>``
  with role and country from the sentence (:mod:`.describe`). Organisations the
  dictionary lacks become ad-hoc actors only when they act (subject of a verb)
  or are a person's affiliation ("director of the Center for X"), so that
  treaties, programmes and slogans the model tags ORG are not actors. Unknown
  names in headings and metadata labels, names with digits, and lone unknown
  words without an honorific or title ("Kherson" mis-tagged PERSON) are not
  actors either.
* Media outlets (dictionary ``kind: media``), by-lines, photo credits
  ("Name/Agency") and contributor lines are not actors.
* "The Trump administration", "Putin's government": a person's name qualifying
  a state noun is a mention of the person's state.
* Agents are mentions of their owner: "Russian forces", "a U.S. delegation",
  "officials from Hungary" (:mod:`.agent_mentions`).
* Organisations named as bodies -- "X of the Y", title-case national bodies,
  short names shared by several bodies -- are in :mod:`.bodies`; an unknown name
  shaped like an outlet's ("ABC News") is no actor, nor is a lone generic word
  ("the Alliance"). A misspelt known name ("Steve Witkof") is the known person.

Coreference (role and body nominals, bare surnames) is in :mod:`.coref`, pronouns in
:mod:`.pronouns`; the per-document state in :mod:`.doc_actors`; the context
tests in :mod:`.entity_rules`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from detente.extract.actors import coref, pronouns
from detente.extract.actors.agent_mentions import resolve_agents
from detente.extract.actors.agents import AgentNouns
from detente.extract.actors.bodies import named_bodies, of_body, settle_short_names
from detente.extract.actors.describe import describe
from detente.extract.actors.dictionary import UsesDictionary
from detente.extract.actors.doc_actors import DocActors
from detente.extract.actors.entity_rules import (
    acts,
    argument,
    clean_name,
    in_heading,
    is_credit,
    locative,
    media_name,
    namelike,
)
from detente.extract.actors.names import normalise, slug
from detente.extract.extensions import parse_published, register_extensions
from detente.extract.word_lists import doc_text, words

__all__ = ["ActorResolver"]

_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


class ActorResolver(UsesDictionary):
    """Resolve PERSON/ORG/GPE/NORP entities to canonical actors, then run coreference.

    Args:
        name: Component name in the pipeline.
        dictionary: An ``ActorDictionary`` (``lookup``, ``by_demonym``, ``by_surname``,
            ``role_at``, ``holder``, ``get``); loaded on first use when None.
        adhoc: Create ``person.adhoc.*`` / ``org.adhoc.*`` actors for unknown names.
        agents: ``AgentNouns`` ("officials", "troops"); the package's when None.
    """

    def __init__(
        self,
        *,
        name: str = "detente_actor_resolver",
        dictionary=None,
        adhoc: bool = True,
        agents=None,
    ) -> None:
        self.name = name
        self._dictionary = dictionary
        self._agents = agents
        self.adhoc = adhoc
        register_extensions()

    @property
    def agents(self):
        """The agent nouns ("officials", "troops") that make a phrase an actor's agent."""
        if self._agents is None:
            self._agents = AgentNouns.load()
        return self._agents

    def __call__(self, doc: Doc) -> Doc:
        """Write mentions, actor info and locations of ``doc`` (see the module docstring)."""
        state = DocActors(doc, self.dictionary, parse_published(doc._.published))
        pending_orgs: list[Span] = []
        pending_single: list[Span] = []
        role_ranges: list[tuple[int, int]] = []
        for ent in doc.ents:
            if ent.label_ not in _LABELS:
                continue
            if is_credit(ent):
                if ent.label_ == "PERSON":
                    state.excluded_names.add(clean_name(ent)[2].split()[-1].lower())
                continue
            outcome = self._resolve(ent, state)
            if outcome == "single":
                pending_single.append(ent)
            elif outcome == "org":
                pending_orgs.append(ent)
        for ent in [e for e in doc.ents if e.label_ == "PERSON"]:
            role_ranges.extend(self._describe_person(ent, state))
        for ent in pending_single:
            coref.resolve_surname(
                ent, state, clean_name(ent), self._adhoc_person if self.adhoc else None
            )
        for ent in pending_orgs:
            self._adhoc_org(ent, state, role_ranges)
        if self.adhoc:
            named_bodies(state)
        self._resolve_demonym_pairs(state)
        coref.resolve_upper_case_surnames(state)
        coref.resolve_state_nouns(state)
        coref.resolve_role_nominals(state, words("role_nouns"))
        coref.resolve_description_nominals(state, words("description_nouns"))
        coref.resolve_body_nominals(state, words("org_heads"))
        resolve_agents(state, self.agents)
        pronouns.resolve_pronouns(state)
        settle_short_names(state)
        mentions, info, locations = state.output()
        for ent in doc.ents:
            ent._.actor_id = state.mentions.get(clean_name(ent)[:2]) or state.mentions.get(
                (ent.start_char, ent.end_char)
            )
        doc._.mentions = mentions
        doc._.actor_info = info
        doc._.locations = locations
        doc._.role_mentions = list(state.role_mentions)
        return doc

    # -- entities --------------------------------------------------------------

    def _resolve(self, ent: Span, state: DocActors) -> str | None:
        """Resolve one entity; returns "single"/"org" when it must wait for the second pass."""
        d = self.dictionary
        start, end, text = clean_name(ent)
        entry = None
        if ent.ent_id_ and ent.ent_id_ in d:
            entry = d.get(ent.ent_id_)
        if entry is None:
            entry = d.lookup(text)
        if entry is None and ent.label_ == "PERSON" and len(text.split()) > 1:
            entry = d.near_person(text)  # "Steve Witkof": a slip in a known name
        if entry is None and ent.label_ == "NORP":
            entry = d.by_demonym(text) or (d.by_demonym(text[:-1]) if text.endswith("s") else None)
        if entry is None and re.search(r"[\w.][-–]\w", text):
            return self._resolve_compound(ent, state)
        if entry is None:
            if ent.label_ == "PERSON":
                if len(text.split()) == 1:
                    return "single"
                if (
                    self.adhoc
                    and text.split()[-1].lower() not in state.excluded_names
                    and not any(ch.isdigit() for ch in text)
                    and not in_heading(ent)
                ):
                    self._adhoc_person(ent, state, start, end, text)
                return None
            if ent.label_ == "ORG":
                return "org"
            if ent.label_ in _PLACE_LABELS:
                state.locations.append((start, end, text))
            return None
        if (entry.kind or "") in words("media_kinds"):
            return None
        if entry.type == "country" and self._is_seat(entry, text):
            if not argument(ent):
                state.locations.append((start, end, text))
                return None
        elif entry.type == "country" and locative(ent):
            state.locations.append((start, end, text))
        owner = self._possessive_owner(text, entry)
        if owner is not None:  # "the Carnegie Endowment's Moscow office": two actors
            left, right_offset = owner
            owner_entry = d.lookup(left)
            state.add(start, start + len(left), owner_entry.id, state.entry_info(owner_entry))
            start += right_offset
        state.add(start, end, entry.id, state.entry_info(entry))
        return None

    def _possessive_owner(self, text: str, entry) -> tuple[str, int] | None:
        """Split "Owner's Part" when the owner is another dictionary actor.

        Returns:
            The owner's name and the offset of the owned part, or None.
        """
        m = re.search(r"['’]s\s+", text)
        if m is None or entry.type == "person":
            return None
        owner = self.dictionary.lookup(text[: m.start()])
        if owner is None or owner.id == entry.id or (owner.kind or "") in words("media_kinds"):
            return None
        return text[: m.start()], m.end()

    def _is_seat(self, entry, text: str) -> bool:
        """True when ``text`` names a state's capital or seat of government, not the state."""
        key = normalise(text)
        seats = (*getattr(entry, "metonyms", ()), *getattr(entry, "capitals", ()))
        return any(normalise(s) == key for s in seats)

    def _resolve_compound(self, ent: Span, state: DocActors) -> None:
        """Split "U.S.-Russia", "Russia-Ukraine": each part that names an actor is a mention."""
        base = ent.start_char
        for m in re.finditer(r"[^-–]+", ent.text):
            part = m.group().strip()
            entry = self.dictionary.lookup(part) or self.dictionary.by_demonym(part)
            if entry is not None and (entry.kind or "") not in words("media_kinds"):
                a = base + m.start() + (len(m.group()) - len(m.group().lstrip()))
                state.add(a, a + len(part), entry.id, state.entry_info(entry))
        return None

    def _resolve_demonym_pairs(self, state: DocActors) -> None:
        """Split a hyphenated token outside any entity ("U.S.-Russian") into state mentions.

        The model tags such a token as an adjective, not an entity. Every part must name
        a state or organisation (by name or demonym); otherwise it is an ordinary compound
        ("U.S.-brokered", "Russian-speaking") and gives nothing.
        """
        for tok in state.doc:
            if tok.ent_type_ or tok.i in state.token_actor:
                continue
            if not re.search(r"[\w.][-–]\w", tok.text):
                continue
            parts = [(m.start(), m.group()) for m in re.finditer(r"[^-–]+", tok.text)]
            entries = [self.dictionary.lookup(p) or self.dictionary.by_demonym(p) for _, p in parts]
            if len(parts) < 2 or any(
                e is None or e.type == "person" or (e.kind or "") in words("media_kinds")
                for e in entries
            ):
                continue
            for (offset, part), entry in zip(parts, entries, strict=True):
                start = tok.idx + offset
                state.add(start, start + len(part), entry.id, state.entry_info(entry))

    # -- ad-hoc actors ---------------------------------------------------------

    def _describe_person(self, ent: Span, state: DocActors) -> list[tuple[int, int]]:
        """Fill role/country from context for a resolved person; returns the role's range."""
        actor = state.mentions.get(clean_name(ent)[:2])
        if actor is None:
            return []
        desc = describe(ent, state.country_of_token, state.person_country)
        info = state.info.get(actor)
        if info is None or desc.role is None:
            return []
        if not info.get("role"):
            info["role"] = desc.role
        if not info.get("country") and desc.country:
            info["country"] = desc.country
        return [(desc.start, desc.end)]

    def _adhoc_person(self, ent: Span, state: DocActors, start: int, end: int, text: str) -> str:
        actor_id = f"person.adhoc.{slug(text)}"
        for known, info in state.info.items():
            if info.get("type") == "person" and info.get("name") == text:
                actor_id = known
        state.add(
            start, end, actor_id, {"name": text, "type": "person", "country": None, "role": None}
        )
        return actor_id

    def _adhoc_org(self, ent: Span, state: DocActors, role_ranges: list[tuple[int, int]]) -> None:
        """An organisation the dictionary lacks, when the text makes it one.

        It must act (subject of a verb), be a person's affiliation, or be named
        as a body: its head word is an organisation noun ("Ministry", "Command",
        "Institute") -- Clarification 2 counts every named organisation. A name
        that continues with "of (the)" + a name holding an actor is one body with
        it ("the Land Command of the Latvian Armed Forces"). Generic words
        alone ("the Alliance", "Army"), outlets by the shape of their name ("ABC
        News") and names in headings are not actors.
        """
        start, end, text = clean_name(ent)
        for sep in ("’s ", "'s "):
            if sep in text:  # "the Carnegie Endowment's Moscow office": the owner is the actor
                text = text.split(sep)[0]
                end = start + len(text)
        country = None
        part_of = of_body(ent, state)
        if part_of is not None:
            end, country = part_of
            text = doc_text(ent.doc)[start:end]
        affiliation = any(a <= start and end <= b for a, b in role_ranges)
        head = text.split()[-1].lower() if text.split() else ""
        body = head in words("org_heads") or part_of is not None
        if (
            not self.adhoc
            or not (affiliation or acts(ent) or body)
            or not namelike(text)
            or in_heading(ent)
            or media_name(text)
        ):
            return
        nxt = ent.end
        doc = ent.doc
        if country is None and nxt + 1 < len(doc) and doc[nxt].lower_ == "in":
            country = state.country_of_token(doc[nxt + 1])
        entry = self.dictionary.lookup(text)
        actor_id = entry.id if entry is not None else f"org.adhoc.{slug(text)}"
        info = (
            state.entry_info(entry)
            if entry is not None
            else {
                "name": text,
                "type": "organization",
                "country": country,
                "role": None,
            }
        )
        state.add(start, end, actor_id, info)
