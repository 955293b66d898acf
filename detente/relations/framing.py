r"""How each outlet frames the actors: sentence tone toward them, and whose voices it quotes.

Tone is lexicon-based and sentence-level. The lexicon is a small hand-made
diplomacy lexicon written for detente (``detente/relations/data/tone.json``,
word -> valence in [-3, +3]); it was preferred to a general-purpose one such as
VADER because negotiation reporting uses words ("concession", "demand",
"irritants") whose valence general lexicons do not capture. Two rules are taken
from VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for
Sentiment Analysis of Social Media Text", ICWSM): a negator among the three
words before a lexicon word multiplies its valence by −0.74, and a sentence's
summed valence ``x`` is normalised to ``x / sqrt(x² + 15)`` in (−1, 1).

An actor's tone in an outlet is the mean tone of the sentences that mention it.
This measures the tone of the context an actor appears in, not a verified
attitude of the outlet; read it with the evidence sentences.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from detente.errors import InputError
from detente.relations.dyads import side

DATA = Path(__file__).resolve().parent / "data" / "tone.json"
"""The tone lexicon shipped with detente."""

NEGATION = -0.74
"""Valence factor of a negated word (VADER's ``N_SCALAR``)."""

ALPHA = 15.0
"""Normalisation constant of the summed valence (VADER's ``alpha``)."""

UNKNOWN_OUTLET = "(unknown outlet)"
"""Outlet label of documents whose outlet is not known."""

_TOKEN = re.compile(r"[a-z]+(?=n't)|n't|[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True, slots=True)
class ToneLexicon:
    """Word valences and the negators that flip them."""

    words: dict[str, float]
    """Lower-case word -> valence in [-3, 3]."""
    negators: frozenset[str]
    """Words that negate the next three words."""


def parse_lexicon(data: dict, *, origin: str = "tone.json") -> ToneLexicon:
    """Build a :class:`ToneLexicon` from the JSON layout of ``tone.json``.

    Raises:
        InputError: naming ``origin`` and the entry at fault.
    """
    try:
        words = {str(k).lower(): float(v) for k, v in data["words"].items()}
        negators = frozenset(str(n).lower() for n in data["negators"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(origin, f"missing or bad field ({exc})") from None
    bad = [w for w, v in words.items() if not -3.0 <= v <= 3.0]
    if bad:
        raise InputError(origin, f"valence of {bad[0]!r} outside [-3, 3]")
    return ToneLexicon(words, negators)


@cache
def load_lexicon() -> ToneLexicon:
    """The tone lexicon shipped with detente (read once)."""
    return parse_lexicon(json.loads(DATA.read_text(encoding="utf-8")), origin=str(DATA))


def _valence(word: str, words: dict[str, float]) -> float | None:
    if word in words:
        return words[word]
    for suffix in ("s", "es", "ed", "d", "ing", "ly"):
        if word.endswith(suffix) and word[: -len(suffix)] in words:
            return words[word[: -len(suffix)]]
    return None


def tone(text: str, lexicon: ToneLexicon | None = None) -> float:
    """Tone of one sentence in (−1, 1); 0 when no lexicon word occurs."""
    lex = lexicon or load_lexicon()
    tokens = _TOKEN.findall(text.lower().replace("’", "'"))
    total = 0.0
    for i, tok in enumerate(tokens):
        value = _valence(tok, lex.words)
        if value is None:
            continue
        if any(t in lex.negators for t in tokens[max(0, i - 3) : i]):
            value *= NEGATION
        total += value
    return total / math.sqrt(total * total + ALPHA)


def sentence_tone(texts: pd.Series, lexicon: ToneLexicon | None = None) -> pd.Series:
    """Tone of each text (each distinct text is scored once)."""
    lex = lexicon or load_lexicon()
    texts = texts.fillna("").astype(str)
    unique = pd.unique(texts)
    scores = {t: tone(t, lex) for t in unique}
    return texts.map(scores).astype(float)


def _outlets(documents: pd.DataFrame) -> pd.Series:
    out = documents.set_index("doc_id")["outlet"].astype(object)
    return out.where(out.notna() & (out.astype(str).str.strip() != ""), UNKNOWN_OUTLET)


def mention_sentences(sentences: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Each mention joined to its sentence: ``doc_id``, ``actor_id``, ``name``, ``text``."""
    cols = ["doc_id", "actor_id", "name", "sent_start", "text"]
    if sentences.empty or mentions.empty:
        return pd.DataFrame(columns=cols)
    sents = sentences[["doc_id", "start", "end", "text"]].rename(
        columns={"start": "sent_start", "end": "sent_end"}
    )
    ments = mentions[["doc_id", "actor_id", "name", "start"]]
    joined = pd.merge_asof(
        ments.sort_values("start"),
        sents.sort_values("sent_start"),
        left_on="start",
        right_on="sent_start",
        by="doc_id",
        direction="backward",
    )
    joined = joined.loc[joined["sent_end"].notna() & (joined["start"] < joined["sent_end"])]
    return joined.drop_duplicates(["doc_id", "actor_id", "sent_start"])[cols]


def tone_by_outlet(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    lexicon: ToneLexicon | None = None,
) -> pd.DataFrame:
    """Mean tone of the sentences mentioning each actor, per outlet.

    Args:
        documents: ``Store.documents()`` (``doc_id``, ``outlet``).
        sentences: ``Store.sentences()`` (``doc_id``, ``start``, ``end``, ``text``).
        mentions: ``Store.mentions()`` (``doc_id``, ``actor_id``, ``name``, ``start``).
        lexicon: Tone lexicon; the shipped one by default.

    Returns:
        Columns ``outlet``, ``actor_id``, ``name``, ``n_sentences``, ``tone_mean``,
        ``n_positive``, ``n_negative``; sorted by outlet, then most mentioned actor.
    """
    cols = ["outlet", "actor_id", "name", "n_sentences", "tone_mean", "n_positive", "n_negative"]
    joined = mention_sentences(sentences, mentions)
    if joined.empty:
        return pd.DataFrame(columns=cols)
    joined = joined.assign(
        outlet=joined["doc_id"].map(_outlets(documents)).fillna(UNKNOWN_OUTLET),
        tone=sentence_tone(joined["text"], lexicon),
    )
    joined = joined.assign(pos=joined["tone"] > 0, neg=joined["tone"] < 0)
    out = (
        joined.groupby(["outlet", "actor_id", "name"], sort=False)
        .agg(
            n_sentences=("tone", "size"),
            tone_mean=("tone", "mean"),
            n_positive=("pos", "sum"),
            n_negative=("neg", "sum"),
        )
        .reset_index()
        .sort_values(["outlet", "n_sentences", "actor_id"], ascending=[True, False, True])
    )
    return out[cols].reset_index(drop=True)


def quoted_voices(documents: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Whose voices each outlet quotes: quotations per speaker and their share of the outlet's.

    Args:
        documents: ``Store.documents()`` (``doc_id``, ``outlet``).
        quotes: ``Store.quotes()`` (``doc_id``, ``speaker_id``, ``speaker_name``).

    Returns:
        Columns ``outlet``, ``speaker_id`` (None for unattributed quotes), ``speaker_name``,
        ``speaker_for`` (the state or international body the speaker served in the quoting
        article, as the state-level dyad index rolls it up: a speaker quoted in two posts
        has a row per post; None when neither), ``n_quotes``, ``share`` (of the outlet's
        quotes, 0–1).
    """
    cols = ["outlet", "speaker_id", "speaker_name", "speaker_for", "n_quotes", "share"]
    if quotes.empty:
        return pd.DataFrame(columns=cols)
    speakers = quotes.rename(columns=lambda c: c.replace("speaker_", "source_"))
    served = side(speakers, "source", "state") if "source_country" in speakers else None
    q = quotes.assign(
        outlet=quotes["doc_id"].map(_outlets(documents)).fillna(UNKNOWN_OUTLET),
        speaker_id=quotes["speaker_id"].astype(object).where(quotes["speaker_id"].notna(), None),
        speaker_name=quotes["speaker_name"].astype(object).fillna("(unattributed)"),
        speaker_for=served,
    )
    keys = ["outlet", "speaker_id", "speaker_name", "speaker_for"]
    out = q.groupby(keys, dropna=False, sort=False).size().rename("n_quotes").reset_index()
    totals = out.groupby("outlet")["n_quotes"].transform("sum")
    out["share"] = out["n_quotes"] / totals.to_numpy(dtype=float)
    for col in ("speaker_id", "speaker_for"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    out = out.sort_values(["outlet", "n_quotes", "speaker_name"], ascending=[True, False, True])
    return out[cols].reset_index(drop=True)


__all__ = [
    "ToneLexicon",
    "load_lexicon",
    "mention_sentences",
    "quoted_voices",
    "sentence_tone",
    "tone",
    "tone_by_outlet",
]
