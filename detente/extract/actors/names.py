"""Text normalisation shared by the actor dictionary's indexes and its queries.

Index keys and queries go through the same :func:`normalise`, so "Zelenskyy's",
"the Kremlin" and "ERDOĞAN" meet the stored forms "Zelenskyy", "Kremlin" and
"Erdogan". Keeping this one function small and pure is what makes every lookup
a single dictionary access.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode NFKD does not decompose into a base letter plus a mark, and
# typographic variants of the apostrophe and hyphen that news text mixes freely.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "TH",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
    }
)

_POSSESSIVES = ("'s", "s'")


def strip_accents(text: str) -> str:
    """Fold accents and typographic punctuation, keeping case ("Élysée" -> "Elysee")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def surface_key(text: str) -> str:
    """Case-preserving key: accents folded, whitespace collapsed, "the" and 's removed.

    Used for acronyms whose lower-case form is an ordinary English word ("US" vs
    "us"), which must only match as written.
    """
    key = " ".join(strip_accents(text).split()).strip(" ,;:")
    if key[:4].lower() == "the ":
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    elif key.endswith("s'") and len(key) > 3:
        key = key[:-1]
    return key


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Case-, accent- and article-insensitive key for an actor name.

    >>> normalise("The Élysée's")
    'elysee'
    """
    return surface_key(text).casefold()


def is_case_sensitive(alias: str) -> bool:
    """True for an all-capitals acronym ("US", "WHO", "CAR", "EU"), matched only as written.

    In lower case many acronyms are ordinary words ("us", "who", "car"); an
    analyst's acronym is always written in capitals, so nothing is lost.
    """
    letters = "".join(ch for ch in alias if ch not in ".&-+ ")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def plural_demonym(word: str) -> str | None:
    """The plural noun of a demonym that forms it regularly ("Russian" -> "Russians").

    Demonyms in -ese, -ish, -ch or -ss ("Chinese", "British", "French", "Swiss")
    have no such plural; irregular plurals ("Poles", "Brits") are listed in the data.
    """
    if word.endswith(("an", "i", "k", "ot", "ite")) and not word.endswith("ese"):
        return word + "s"
    return None


def slug(text: str) -> str:
    """ASCII, lower-case, underscore-joined form of a name, for ad-hoc ids."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_") or "unnamed"
