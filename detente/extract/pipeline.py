"""Build the extraction pipeline: the spaCy model plus detente's components.

Order (each component's ``requires`` is met by the ones before it; see
``nlp.analyze_pipes()`` in ``tests/extract/test_pipeline.py``)::

    tok2vec tagger
    detente_line_breaks      sentence starts at line breaks (headlines, captions)
    parser attribute_ruler lemmatizer
    detente_actor_patterns   the actor dictionary's names as entities (phrase matchers)
    ner                      the model's NER, keeps the ruler's entities
    detente_actor_resolver   entities -> canonical actors, coreference
    detente_dates            date expressions resolved against the publication date
                             (or the "now" inferred from the calendar when there is none)
    detente_roles            people's roles and states at that inferred "now" (with actors)
    detente_quotes           direct quotations with speakers
    detente_events           PLOVER events (when detente.extract.components.events exists)
    detente_background       flags events told as background or history (with the events)
    detente_stances          issue stances (when detente.extract.components.stances exists)

A built pipeline saves with ``nlp.to_disk()`` and comes back with ``spacy.load()``: the
pattern component writes its patterns, and spaCy finds detente's factories through the
``spacy_factories`` entry points in ``pyproject.toml``.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterable

import spacy
from spacy.language import Language

from detente.errors import InputError
from detente.extract.actors import ActorDictionary
from detente.extract.extensions import register_extensions
from detente.issues import issues_config
from detente.settings import Settings, get_settings

log = logging.getLogger(__name__)

ALL_COMPONENTS = ("actors", "dates", "quotes", "events", "background", "stances")

#: Component key -> (module that registers the factory, factory name).
_COMPONENTS = {
    "actors": ("detente.extract.components.actor_resolver", "detente_actor_resolver"),
    "dates": ("detente.extract.components.dates", "detente_dates"),
    "quotes": ("detente.extract.components.quotes", "detente_quotes"),
    "events": ("detente.extract.components.events", "detente_events"),
    "background": ("detente.extract.components.background", "detente_background"),
    "stances": ("detente.extract.components.stances", "detente_stances"),
}
_OPTIONAL = frozenset({"events", "stances"})
PATTERNS_NAME = "detente_actor_patterns"
LINE_BREAKS_NAME = "detente_line_breaks"


def _load_model(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as exc:
        raise InputError(name, f"spaCy model cannot be loaded ({exc})") from exc


GLUED_CLOSING_QUOTE = (
    r"""(?:(?<=[^\W\d_])|(?<=[^\W\d_][.,!?]))["\u201d](?=[^\W\d_])"""
)
"""A closing quotation mark with no space before the next word ("called them "pigs"Putin
said"): a letter (perhaps with a full stop or comma) before it and a letter after it, so
inch marks after a digit ("5"x3") stay where they are."""


def split_glued_quotes(nlp: Language) -> None:
    """Let the tokenizer split a closing quotation mark glued to the next word.

    Copy-edited text sometimes loses the space after a closing quote; the word after
    it (often a name) then fuses with the quoted word into one token and is lost to
    the parser and the actor patterns.
    """
    finder = nlp.tokenizer.infix_finditer
    pattern = finder.__self__.pattern if finder is not None else None
    if pattern is not None and GLUED_CLOSING_QUOTE in pattern:
        return
    joined = f"{pattern}|{GLUED_CLOSING_QUOTE}" if pattern else GLUED_CLOSING_QUOTE
    nlp.tokenizer.infix_finditer = re.compile(joined).finditer


LEMMA_FIXES: dict[str, tuple[str, ...]] = {
    "stage": ("staged", "stages", "staging"),
    "hope": ("hoped", "hopes", "hoping"),
}
"""Verb lemma → inflected forms the model's rule lemmatizer gets wrong ("staged" → "stag",
"hopes" → "hop": a rarer verb of the same spelling), which would hide a trigger's light verb
("staged a protest") or a verb of intent ("hopes to sign")."""
VERB_TAGS = ["VBD", "VBG", "VBN", "VBZ", "VBP"]


def fix_lemmas(nlp: Language) -> None:
    """Set the lemma of the :data:`LEMMA_FIXES` forms through the model's attribute ruler."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for lemma, forms in LEMMA_FIXES.items():
        pattern = [{"LOWER": {"IN": list(forms)}, "TAG": {"IN": VERB_TAGS}}]
        ruler.add([pattern], {"LEMMA": lemma})


def add_line_breaks(nlp: Language) -> None:
    """Put ``detente_line_breaks`` just before the ``parser`` (no-op without a parser).

    Headline and caption lines carry no final punctuation; without preset
    boundaries the parser joins them to the next sentence (see
    :mod:`detente.extract.components.line_breaks`).
    """
    if "parser" not in nlp.pipe_names or LINE_BREAKS_NAME in nlp.pipe_names:
        return
    importlib.import_module("detente.extract.components.line_breaks")
    nlp.add_pipe("detente_line_breaks", name=LINE_BREAKS_NAME, before="parser")


def add_actor_patterns(nlp: Language, dictionary=None) -> None:
    """Put the dictionary's patterns (``detente_actor_patterns``) before ``ner``.

    Before, not after: the dictionary's entities (with ``ent_id_`` = canonical
    actor id) then constrain the statistical NER instead of being overwritten by
    it, which is what stops "Trump" being tagged ORG or "Kyiv" PERSON. The
    component is an ``entity_ruler`` built on phrase matchers only; see
    :mod:`detente.extract.actors.matcher` for why.
    """
    if dictionary is None:
        dictionary = ActorDictionary.load()
    importlib.import_module("detente.extract.components.actor_patterns")
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("detente_actor_patterns", name=PATTERNS_NAME, **where)
    ruler.add_patterns(dictionary.patterns())


def build_pipeline(
    settings: Settings | None = None,
    *,
    components: Iterable[str] = ALL_COMPONENTS,
    issues: list | None = None,
) -> Language:
    """Load the configured spaCy model and add detente's components.

    Args:
        settings: Run-time settings (``spacy_model``); read from the environment when None.
        components: Which of ``actors``, ``dates``, ``quotes``, ``events``, ``background``,
            ``stances`` to add. ``events`` and ``stances`` are added only when their modules
            import, so the pipeline works while they are absent; ``background`` (the
            events' background flag) only together with ``events``.
        issues: Issues for the stance component: an :class:`~detente.issues.IssueSet`,
            :class:`~detente.issues.Issue` records or issues-file dicts; None keeps the
            packaged issues.

    Returns:
        The pipeline; ``nlp.pipe_names`` shows what was added.
    """
    settings = settings or get_settings()
    wanted = list(components)
    unknown = [c for c in wanted if c not in _COMPONENTS]
    if unknown:
        raise InputError(
            "components", f"unknown component(s) {unknown}; choose from {list(_COMPONENTS)}"
        )
    register_extensions()
    nlp = _load_model(settings.spacy_model)
    split_glued_quotes(nlp)
    add_line_breaks(nlp)
    fix_lemmas(nlp)
    for key in ALL_COMPONENTS:
        if key not in wanted:
            continue
        module, factory = _COMPONENTS[key]
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if key in _OPTIONAL and exc.name == module:
                log.info("component %s not available (%s); skipped", factory, exc)
                continue
            raise
        if key == "background" and "detente_events" not in nlp.pipe_names:
            continue  # it flags the coder's events: nothing to do without them
        if key == "actors":
            add_actor_patterns(nlp)
        config = (
            {"issues": issues_config(issues)} if key == "stances" and issues is not None else None
        )
        nlp.add_pipe(
            factory,
            after="ner" if key == "actors" and "ner" in nlp.pipe_names else None,
            config=config or {},
        )
        if key == "dates" and "actors" in wanted:
            add_roles(nlp)
    return nlp


def add_roles(nlp: Language) -> None:
    """Put ``detente_roles`` after the resolver and the dates (with both only).

    Roles are read at the article's date, which for an undated article only the
    date component infers (:mod:`detente.extract.actors.roles`); without it the
    component would have nothing to do.
    """
    importlib.import_module("detente.extract.components.roles")
    nlp.add_pipe("detente_roles")


def set_issues(nlp: Language, issues: Iterable) -> None:
    """Rebuild the pipeline's stance component with other issues (no-op without one)."""
    if "detente_stances" in nlp.pipe_names:
        nlp.replace_pipe(
            "detente_stances", "detente_stances", config={"issues": issues_config(issues)}
        )
