"""spaCy ``entity_ruler`` / ``span_ruler`` patterns built from the actor dictionary.

Why the case rules below: a single proper noun is matched exactly as written
("Turkey" must not fire on the bird, "Chad" not on a first name in lower case);
an acronym is matched exactly ("US" is not "us"); a phrase of two or more words
is matched case-insensitively token by token (news writes both "Russian Foreign
Ministry" and "Russian foreign ministry"), keeping any acronym inside it exact.
A leading "the" in the data becomes an optional token, so the span includes it
when the text has it -- except for a collective named by one common word ("the
West"), where the article is what makes it a name ("West Bank" is not the West).
A phrase with a number ("Number 10") is matched exactly, as "number 10" is not
a name. Patterns are tokenised with spaCy's English tokenizer, the
same rules ``en_core_web_sm`` applies, so possessives ("Russia's") split off and
the pattern still matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from detente.extract.actors.names import strip_accents

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

    from detente.extract.actors.dictionary import ActorDictionary, ActorEntry

_TYPE_LABEL = {"country": "GPE", "organization": "ORG", "person": "PERSON"}
_LEVEL_LABEL = {1: "ORG", 2: "GPE", 3: "NORP"}  # metonym, capital, demonym


@cache
def _tokenizer() -> Tokenizer:
    import spacy

    return spacy.blank("en").tokenizer


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _variants(text: str) -> Iterator[str]:
    """The form as written, without accents, and with a typographic apostrophe."""
    seen = set()
    for form in (text, strip_accents(text), text.replace("'", "’")):
        if form not in seen:
            seen.add(form)
            yield form


def token_pattern(text: str, *, article_required: bool = False) -> str | list[dict]:
    """One pattern for ``text``: a phrase string when exact matching suffices.

    Args:
        text: The surface form as written in the data.
        article_required: Keep a leading "the" mandatory instead of optional.
    """
    words = [token.text for token in _tokenizer()(text)]
    optional_the = len(words) > 1 and words[0].lower() == "the"
    if optional_the:
        words = words[1:]
    multi = len(words) > 1 and not any(ch.isdigit() for word in words for ch in word)
    tokens: list[dict] = []
    for word in words:
        if multi and not _is_acronym(word) and any(ch.isalpha() for ch in word):
            tokens.append({"LOWER": word.lower()})
        else:
            tokens.append({"ORTH": word})
    if not optional_the and all("ORTH" in t for t in tokens):
        return " ".join(words) if len(words) == 1 else tokens
    if optional_the:
        tokens.insert(0, {"LOWER": "the"} if article_required else {"LOWER": "the", "OP": "?"})
    return tokens


def _label(entry: ActorEntry, level: int) -> str:
    if level in _LEVEL_LABEL:
        return _LEVEL_LABEL[level]
    if entry.kind == "collective":
        return "GPE"
    return _TYPE_LABEL[entry.type]


def build_patterns(entries: Iterable[ActorEntry], dictionary: ActorDictionary) -> list[dict]:
    """Patterns for every surface form an entry wins in ``dictionary``'s precedence."""
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        for level, text in entry.forms():
            owner = dictionary.lookup(text)
            if level == 3 and owner is not None and owner.id == entry.id:
                owner = dictionary.by_demonym(text)
            if owner is None or owner.id != entry.id:
                continue  # another entry wins this form by precedence
            label = _label(entry, level)
            article_required = entry.kind == "collective" and len(text.split()) == 2
            for form in _variants(text):
                pattern = token_pattern(form, article_required=article_required)
                key = (repr(pattern), entry.id)  # one label per span: the first form's
                if key not in seen:
                    seen.add(key)
                    out.append({"label": label, "pattern": pattern, "id": entry.id})
    return out


def shield_patterns(names: Iterable[tuple[str, str]]) -> list[dict]:
    """Id-less patterns for ``(label, name)`` pairs of non-actors ("Latin America")."""
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for label, name in names:
        for form in _variants(name):
            pattern = token_pattern(form)
            key = (label, repr(pattern))
            if key not in seen:
                seen.add(key)
                out.append({"label": label, "pattern": pattern})
    return out
