"""Build detente's generated trigger lexicon from the CAMEO verb dictionary and CAMEO→PLOVER.

Run by hand when the reference data or the curation below changes::

    .venv/bin/python tools/build_event_lexicon.py [--reference ../shared/reference] [--out PATH]

It reads two files of ``../shared/reference`` and writes
``detente/extract/data/event_lexicon_cameo.json`` (package data; the package
never reads ``../shared`` at run time):

* ``cameo/CAMEO.2.0.txt``, the CAMEO verb-pattern dictionary of the PETRARCH2
  coder (Open Event Data Alliance, MIT licence): verb synonym blocks, each verb
  with an optional CAMEO code, and patterns of the block's verb with particles,
  objects and prepositional phrases, each with a CAMEO code; ``&NAME`` synonym
  sets stand for lists of nouns;
* ``plover/CAMEO2PLOVER-2021.txt``, the CAMEO→PLOVER table (Open Event Data
  Alliance, CC BY-SA 4.0), read with the changes of PLOVER manual v2.0: DEMAND
  is REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT is ASSAULT, CAMEO 163
  (impose sanctions or an embargo) is SANCTION ``discontinue``; modes v2.0 no
  longer lists are mapped or dropped (:data:`MODE_V2`).

The output is detente's own lexicon format (see
:mod:`detente.extract.events.lexicon`), not a copy of either file: one entry
per verb lemma, PLOVER type, mode and condition (particle, preposition, the
lemma of the object or of the preposition's object), with the nouns of every
pattern that shares those merged into one list. What is converted:

* a verb's own code, else its block's code, codes the bare verb, unless the
  lemma is in :data:`PATTERN_ONLY` (verbs too common or too vague to name an
  event alone: they code only through their patterns);
* a pattern ``- * [particle] [object] [(preposition [noun])]`` codes the verb
  with those conditions; a preposition written without parentheses opens the
  prepositional phrase too (``- * AGAINST``: the verb with *against*; ``- * OF
  ATTACK``: *of* with the noun *attack*), and a word that can be a particle or a
  preposition ("on", "in", "over") is a preposition when a noun follows it and
  a particle otherwise; ``{A B}`` is a noun phrase whose last word is the head
  and the others its modifiers; ``&NAME`` is every noun of the synonym set, as
  head or as modifier; of several prepositional phrases the first (closest to
  the verb) is kept;
* a verb of :data:`PATTERN_ONLY` with nothing but a preposition of direction
  (:data:`DIRECTIONS`: "head TO", "move INTO") names a movement: a visit
  (CONSULT, "came to X") is kept, any other code left out (CAMEO reads "head
  to" as an intent to cooperate and "move into" as a seizure);
* a pattern coded ``[---]`` becomes a rule of type null: that use of the verb
  is not an event ("face a run-off"), which stops the bare verb's code;
* CAMEO 01 (public statements) has no PLOVER type and is skipped; CAMEO 02
  (appeals) is read as the matching CAMEO 10 demand (both are REQUEST in
  PLOVER v2.0, the subcategories run in parallel: 026 appeal to meet = 106
  demand a meeting);
* a pattern with one noun or synonym set before the verb (``- DEMONSTRATORS
  *``, ``- &MILITARY * (INTO)``) codes the verb when its subject is that noun
  (``subject``), for the types of :data:`SUBJECT_TYPES` only;
* skipped: patterns with other words before the verb,
  with source/target/skip markers (``$ + ^ %``), codes for the reversed
  direction only (``[:020]``), and everything in :data:`DROP`;
* when one block gives the same condition several PLOVER types, the most
  frequent wins (ties: the first).

CAMEO codes many patterns the way a 1990s keyword coder had to; the
curation lists below (:data:`PATTERN_ONLY`, :data:`DROP`, :data:`DROP_BARE`)
remove verbs and entries that code common English as events, each with its
reason. The output depends on the reference files and this module only, so
``tests/test_build_event_lexicon.py`` rebuilds it and compares it with the
committed file. Hand-written entries (``event_lexicon.json``) are tried before
these at run time, and a generated verb pattern whose object is a hand-written
noun trigger is left to the noun (:func:`detente.extract.events.lexicon.combine`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "detente" / "extract" / "data" / "event_lexicon_cameo.json"

RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
"""PLOVER types renamed in manual v2.0."""
CODE_OVERRIDES = {"163": ("SANCTION", "discontinue"), "055": ("CONCEDE", None)}
"""Manual v2.0 against the 2021 table: international sanctions are SANCTION, not COERCE;
apologies are CONCEDE, not SUPPORT."""
MODE_V2 = {
    "assassinate": "targeted",
    "massacre": "targeted",
    "ban": "restrict",
    "ease": None,
    "return": None,
    "political": None,
    "cleansing": None,
    "pro_autocracy": None,
}
"""Modes of the 2021 table that manual v2.0 no longer lists: their v2.0 name, or None."""
PARTICLES = frozenset(
    "up down out off back away aside over in on through together forward around ahead apart".split()
)
"""Words after the verb that are particles, not objects ("call off", "set out")."""
PREPOSITIONS = frozenset(
    "with for to against into upon from at about of by on in over under toward towards "
    "across behind before between among onto".split()
)
"""Words after ``+`` in a multi-word verb that are prepositions ("meet with", "ask for")."""

DIRECTIONS = frozenset({"to", "into", "toward", "towards", "across"})
"""Prepositions of direction: with a common verb alone they say where it goes."""

FUNCTION_WORDS = frozenset(
    "a an the to for and or of no not any all this that it its his her their".split()
)
"""Words that are neither particles nor nouns in a pattern's object position."""

PATTERN_ONLY = frozenset(
    """
    say tell make take give hold call get put set go come do have be see keep let bring turn
    run show stand move look seem appear begin start continue end open close raise reach leave
    find follow work play lead carry pass hit face mark note report state add use send receive
    win lose stay remain return meet join help serve hand cut drop fall rise build break
    pull push drive draw fill form head host lay lift point place post press back break open
    plan prepare consider expect hope want need seek try intend wish
    """.split()
)
"""Verbs whose bare form names no event by itself: they code only through their patterns.

Very common verbs ("say", "make", "take", "give", "hold", "call", ...) and verbs
of intention, whose event is their complement ("plans to", "seeks to")."""

_VAGUE = "in news text mostly names no act between two parties"
_FEELING = "names a feeling or an effect, not an act (CAMEO codes the verb's whole block)"
_THINKING = "a verb of thinking or perceiving, not a meeting"
_SENSE = "its common sense in news is another event type or none"
_JUNK = "not a verb lemma (an artefact of CAMEO's stemming)"

DROP: dict[str, str] = {
    "re": _JUNK,
    "bles": _JUNK,
    "haras": _JUNK,
    "repres": _JUNK,
    "suppres": _JUNK,
    "egres": _JUNK,
    "die": "has no actor who acts on another",
    "embroil": "being embroiled in a conflict is a state, not an act",
    "improve": "improving relations or a situation is a trend, not an act between two parties",
}
"""Lemma → why every entry of this verb is left out."""

DROP_BARE: dict[str, str] = {
    **dict.fromkeys(
        "countermine disarray disorder disrupt undermine betray sabotage defect fail".split(),
        _VAGUE,
    ),
    **dict.fromkeys(
        "despair disappoint discourage dishearten dismay sadden distrust suspect slight "
        "crucify blaspheme compensate".split(),
        _FEELING,
    ),
    "renounce": "renouncing is REJECT, not ACCUSE",
    "spy": "spying is not an investigation of the spied-on",
    **dict.fromkeys("apply counsel desire hint suggest advise".split(), _VAGUE),
    **dict.fromkeys("aim endeavor endeavour strive resurrect resuscitate".split(), _VAGUE),
    **dict.fromkeys(
        "acquaint brave cable confront contemplate depart elicit encounter excogitate hear "
        "innovate insert introduce learn meditate mull muse notify ponder promulgate reason "
        "reconsider reinvite ruminate speculate think weigh".split(),
        _THINKING,
    ),
    "summon": "summoning an envoy is ACCUSE in PLOVER v2.0, not a meeting",
    **dict.fromkeys(
        "affect associate bargain barter concert conform correlate deal embolden enliven esteem "
        "exalt exuberate exult galvanize glorify haggle harmonise harmonize impact influence "
        "inspire integrate invigorate orchestrate organise organize persuade prefer prize "
        "rejoice revitalize rouse sanctify spur synchronise synchronize tempt triumph unionise "
        "unionize value".split(),
        _FEELING,
    ),
    **dict.fromkeys(
        "abate allocate allot ameliorate appease apportion arm assign assuage attach attire "
        "bankroll benefit better bind blend chain coalesce combine conflate connect constitute "
        "enact enlist enroll equip establish expediate facilitate finance fund furnish fuse gear "
        "improve institute link merge mitigate outfit pay reestablish relate render simplify "
        "sponsor stock task tender underwrite unify".split(),
        _VAGUE,
    ),
    **dict.fromkeys(
        "defend guard interfere intervene protect safeguard shelter shield tend ward".split(),
        _SENSE,
    ),
    **dict.fromkeys(
        "detach disconnect disengage emancipate liberate recede retire unloose vindicate".split(),
        _SENSE,
    ),
    **dict.fromkeys(
        "agitate agonise agonize annoy arouse badger bother discomfit disconcert disquiet disturb "
        "enkindle harass harry hassle irk irritate pester plague rag torment upset vex provoke "
        "march".split(),
        _FEELING,
    ),
    **dict.fromkeys(
        "abuse beat cane circle dishonor dishonour encircle engage flog lash mistreat ram "
        "scuffle slap snipe surround thump whip vandalise vandalize overthrow".split(),
        _SENSE,
    ),
    **dict.fromkeys("garner marshal muster parade rally".split(), _SENSE),
    **dict.fromkeys(
        "analyse ascertain comb dig examine explore mine rake research scan skim study sweep "
        "unearth".split(),
        "a verb of looking into things, mostly not an investigation of an actor",
    ),
    **dict.fromkeys(
        "argue aver avow compete contend contest contradict contrast counterbalance cry debase "
        "defer defile degrade delay differ dispute dissent forestall grieve hamper hinder humble "
        "impede inhibit mourn obstruct override overrule postpone prevent procrastinate refute "
        "remit retard shelve stall stymie swear table wail weep whine wrangle".split(),
        _SENSE,
    ),
    **dict.fromkeys("abort disband".split(), _VAGUE),
    **dict.fromkeys(
        "certify comply determine groom mean ready revive signal subscribe vote vouch".split(),
        _SENSE,
    ),
    **dict.fromkeys(
        "amass apprise apprize approach assemble cluster conglomerate congregate conjoin "
        "constellate converge convene egress embark flock gather unite".split(),
        "a gathering or a move, not a meeting between two parties",
    ),
    **dict.fromkeys(
        "admire admit advertise advertize clap commemorate confess confide divulge expose greet "
        "profess promote recognize respect reveal toast unveil".split(),
        _SENSE,
    ),
    **dict.fromkeys(
        "accord administer amplify augment award bequeath bestow command compound control deepen "
        "dictate direct endow enjoin enlarge entrust escalate exaggerate expand found govern "
        "handle heighten increase intensify lend loan magnify manage oversee prescribe redouble "
        "regulate rule steer supervise supervize".split(),
        _VAGUE,
    ),
    "stabilize": _VAGUE,
    **dict.fromkeys(
        "abide abstain arbitrate authorise authorize bide clear concession countenance "
        "disentangle empower enable intercede intermediate mediate legislate permit resettle "
        "satify settle tease tolerate undo untie verify".split(),
        _SENSE,
    ),
    **dict.fromkeys("catch infest inhabit reinforce reside".split(), _SENSE),
    "risk": _SENSE,
    **dict.fromkeys("bid campaign crusade decree necessitate".split(), _VAGUE),
    **dict.fromkeys(
        "audit challenge check claim contravene counter express inspect monitor search "
        "affirm reassert recognise reward contribute evacuate stabilise abandon allow approve "
        "resign resolve submit boost conduct enhance grant issue provide supply release broker "
        "debate ensure train endanger overfly".split(),
        _SENSE,
    ),
    **dict.fromkeys(
        "blow bruise contaminate corrupt crack damage harm hang hurt impair kick mar rip spoil "
        "tarnish tear vitiate fire explode remove shoot".split(),
        _SENSE,
    ),
    **dict.fromkeys(
        "altercate assail best blast bust clash clobber combat conflict crush defeat desolate "
        "devastate disarm dominate duel eradicate grapple hammer master match overcome "
        "overshadow overtake overwhelm pit quarrel ravish ring ruin shatter smash struggle "
        "surmount wrestle".split(),
        _SENSE,
    ),
    **dict.fromkeys(
        "appropriate bill block compel constrain contain crackdown curb enforce extract force "
        "impel impose inflict levy moderate overturn pluck pressure revolutionise revolutionize "
        "shun subvert tax usurp exclude cage enclose segregate restrain subdue quell".split(),
        _SENSE,
    ),
}
"""Lemma → why the bare verb (no pattern) is left out while its patterns are kept.

Reviewed by hand over every bare verb the conversion gives, type by type."""

SUBJECT_TYPES = frozenset({"PROTEST", "ASSAULT", "COERCE", "MOBILIZE"})
"""Types whose patterns with a subject noun are kept: there the noun names who acts
(demonstrators rally, troops advance, aircraft patrol); CAMEO's other subject patterns code
what is no act of the subject ("refugees flee" as aid, "warships arrive" as aid, "aircraft
stage attacks" as cooperation). Patterns of no event are kept whatever their subject."""

DROP_OBJECTS: frozenset[str] = frozenset()
"""Object nouns too vague to decide an event type ("it", "way")."""


@dataclass
class Pattern:
    """One ``- ... * ... [code]`` line, after the verb marker."""

    code: str
    attested: str | None = None
    """The verb the pattern was written for (its comment), upper case as in the file."""
    prt: str | None = None
    object: tuple[str, ...] = ()
    object_modifier: tuple[str, ...] = ()
    prep: tuple[str, ...] = ()
    prep_object: tuple[str, ...] = ()
    subject: str | None = None
    """The one noun (or ``&SET``) written before the verb: the subject's head."""


@dataclass
class Verb:
    """One verb of a block: its lemma words, the particle or preposition it carries, its code."""

    lemma: str
    code: str | None
    prt: str | None = None
    prep: str | None = None


@dataclass
class Block:
    """A verb synonym block: its verbs, its default code and its patterns."""

    name: str
    code: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _code(text: str) -> str | None:
    """The source→target part of a CAMEO code field; None for ``---`` or reverse-only codes."""
    text = text.strip()
    if ":" in text:
        text = text.split(":", 1)[0].strip()
    if not text or text.startswith("-"):
        return None
    return text if text.isdigit() else None


def parse_synsets(lines: Iterable[str]) -> dict[str, list[str]]:
    """``&NAME`` → its phrases (lower case, words joined by spaces)."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = _strip_comment(raw).strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            current = line.split()[0]
            sets[current.rstrip("_")] = []
        elif line.startswith("+") and current:
            sets[current.rstrip("_")].append(line[1:].strip().rstrip("_").replace("_", " ").lower())
        elif not line:
            current = None
    return sets


def parse_blocks(lines: Iterable[str]) -> list[Block]:
    """The verb blocks of the dictionary, in file order."""
    blocks: list[Block] = []
    started = False
    for raw in lines:
        if raw.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if not started:
            continue
        line = _strip_comment(raw)
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", raw)
        if head:
            blocks.append(Block(head.group(1), _code(head.group(2))))
            continue
        if not line.strip() or not blocks:
            continue
        block = blocks[-1]
        if line.startswith("-"):
            pattern = parse_pattern(raw)
            if pattern is not None:
                block.patterns.append(pattern)
        elif line[0].isalpha() or line[0] == "+":
            verb = parse_verb(line, block.code)
            if verb is not None:
                block.verbs.append(verb)
    return blocks


def parse_verb(line: str, default: str | None) -> Verb | None:
    """A verb line: ``MEET {MEETS MET} [040]``, ``+CALL_OFF [160]``, ``RE_ADMIT``."""
    code_m = re.search(r"\[([^\]]*)\]", line)
    code = _code(code_m.group(1)) if code_m else default
    if code_m and code is None:
        code = None  # "[---]": this verb alone is no event
    form = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()
    if not form:
        return None
    words = form[0]
    if words.startswith("+"):
        parts = words[1:].split("_")
        verb, rest = parts[0], [p.lower() for p in parts[1:]]
        prt = prep = None
        if len(rest) == 1 and rest[0] in PARTICLES:
            prt = rest[0]
        elif len(rest) == 1 and rest[0] in PREPOSITIONS:
            prep = rest[0]
        else:
            return None  # "+TAKE_LEAVE", "+IS_DETERMINED": a phrase, not a verb with a particle
        return Verb(verb.lower(), code, prt, prep)
    if "+" in words:
        return None  # a word before the verb ("WIRE_+TAP"): the parse rarely keeps it
    lemma = words.lower().replace("re_", "re").replace("_", "")
    if not lemma.isalpha():
        lemma = lemma.replace("-", "")
    return Verb(lemma, code) if lemma.isalpha() else None


_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|&\w+|\S+")


def parse_pattern(raw: str) -> Pattern | None:
    """A pattern line: particle, object phrase, first prepositional phrase, code, attested verb."""
    line, _, comment = raw.partition("#")
    code_m = re.search(r"\[([^\]]*)\]", line)
    if not code_m:
        return None
    field_ = code_m.group(1).strip()
    if field_.startswith(":"):
        return None  # reverse direction only
    body = line[1 : code_m.start()]
    if any(mark in body for mark in "$+^%"):
        return None
    pre, star, post = body.partition("*")
    subject = _subject(pre)
    if not star or (pre.strip() and subject is None):
        return None  # no verb marker, or words before the verb other than one noun
    code = _code(field_) or "---"
    tokens = _TOKEN.findall(post)
    attested = re.match(r"\s*\+?([A-Za-z][A-Za-z-]*)", comment)
    pattern = Pattern(code, attested.group(1) if attested else None, subject=subject)
    nouns: list[str] = []
    prep_nouns: list[str] | None = None  # the words after the first preposition, once seen
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if prep_nouns is not None:
            if tok.startswith("(") or low in PREPOSITIONS or low in FUNCTION_WORDS:
                break  # only the first prepositional phrase, up to the next preposition
            prep_nouns.append(tok)
        elif tok.startswith("("):
            inner = tok[1:-1].split(None, 1)
            preps = tuple(inner[0].lower().split("/")) if inner else ()
            if not preps or not set(preps) <= PREPOSITIONS:
                return None  # "(PEACE CONFERENCE)": no preposition to read
            pattern.prep = preps
            if len(inner) > 1:
                pattern.prep_object = (inner[1].strip(),)
            break  # only the first prepositional phrase
        elif _is_particle(low, tokens[i + 1 :], bool(nouns)) and not pattern.prt:
            pattern.prt = low  # "set OUT views", "take weapons OUT"
        elif low in PREPOSITIONS:
            pattern.prep = (low,)  # "- * AGAINST", "- * OF ATTACK": a bare preposition
            prep_nouns = []
        elif low in FUNCTION_WORDS or not re.fullmatch(r"[&{]?[A-Za-z][A-Za-z_' -]*}?", tok):
            return None  # "* TO ACT": not a particle and an object
        else:
            nouns.append(tok)
    if prep_nouns:
        pattern.prep_object = (_phrase(prep_nouns),)
    if nouns:
        pattern.object = (_phrase(nouns),)
    return pattern


def _subject(pre: str) -> str | None:
    """The subject noun of a pattern's words before the verb ("- DEMONSTRATORS *"), if one.

    Only a single noun or synonym set counts; an adverb ("- ABRUPTLY * TALKS") or
    several words are not read.
    """
    words = pre.split()
    if len(words) != 1:
        return None
    word = words[0]
    if not re.fullmatch(r"&?[A-Za-z][A-Za-z_]*", word) or word.lower().endswith("ly"):
        return None
    return None if word.lower() in FUNCTION_WORDS else word


def _is_particle(word: str, rest: list[str], after_object: bool) -> bool:
    """Whether ``word`` after the verb is its particle rather than a preposition.

    A word that can only be a particle is one ("set OUT"); one that can be
    either ("on", "in", "over") is a particle at the end of the pattern or after
    the object ("take weapons OUT"), and a preposition when a noun follows it
    ("embark ON a trip").
    """
    if word not in PARTICLES:
        return False
    if word not in PREPOSITIONS:
        return True
    return after_object or not rest or rest[0].startswith("(")


def _phrase(words: list[str]) -> str:
    """One noun phrase of a pattern's words.

    A ``{...}`` or ``&SET`` when it is the last word ("give peacekeepers {GREEN LIGHT}":
    of two noun phrases the last is the object), else the words joined (the last is the
    head).
    """
    if words[-1].startswith(("{", "&")):
        return words[-1]
    return " ".join(words)


def read_plover_table(path: Path, modes_of: Callable[[str], frozenset[str]]) -> dict:
    """CAMEO code → (PLOVER type, mode or None), with the v2.0 changes applied."""
    table: dict[str, tuple[str, str | None]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\d+):\s*([A-Z]+)\s*(?:,([^,]*))?", line)
        if not m:
            continue
        code, kind, mode = m.group(1), RENAMED.get(m.group(2), m.group(2)), (m.group(3) or "")
        mode = mode.strip() or None
        if mode in MODE_V2:
            mode = MODE_V2[mode]
        if mode is not None and mode not in modes_of(kind):
            mode = None
        table.setdefault(code, (kind, mode))
    table.update(CODE_OVERRIDES)
    return table


def plover_of(code: str, table: dict) -> tuple[str, str | None] | None:
    """PLOVER (type, mode) of a CAMEO code: the code itself, else its three- then two-digit root."""
    if code.startswith("01"):
        return None  # public statements: not a PLOVER event
    if code.startswith("02"):
        code = "10" + code[2:]  # appeals read as the parallel demands (REQUEST in v2.0)
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


class Lemmatizer:
    """Lemmas as spaCy gives them at run time (the coder compares ``token.lemma_``).

    The word gets a Penn tag (``VB`` for a verb of the dictionary, ``VBD`` for a
    past form, ``NN``/``NNS`` for a noun), the model's attribute ruler and
    lemmatizer do the rest, so "SANCTIONS" becomes "sanction" as in a parsed text.
    """

    def __init__(self) -> None:
        import spacy
        from spacy.tokens import Doc

        from detente.settings import SPACY_MODEL

        nlp = spacy.load(SPACY_MODEL, exclude=["parser", "ner", "tok2vec", "tagger"])
        self._vocab = nlp.vocab
        self._doc = Doc
        self._steps = [nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")]
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, tag: str) -> str:
        """The lemma of ``word`` read with Penn tag ``tag``."""
        key = (word.lower(), tag)
        if key not in self._cache:
            doc = self._doc(self._vocab, words=[key[0]])
            doc[0].tag_ = tag
            for step in self._steps:
                doc = step(doc)
            self._cache[key] = doc[0].lemma_.lower()
        return self._cache[key]

    def noun(self, word: str) -> str:
        """Lemma of a noun as written in a pattern (singular or plural)."""
        low = word.lower()
        plural = low.endswith("s") and not low.endswith(("ss", "us", "is"))
        return self(low, "NNS" if plural else "NN")


def expand(phrase: str, synsets: dict[str, list[str]]) -> list[tuple[str, tuple[str, ...]]]:
    """(head word, modifier words) of a pattern noun phrase.

    The last word is the head, the others its modifiers. A synonym set as the
    head gives one alternative per member; a synonym set as a modifier stands
    for each of its members ("{&MILITARY PRESSURE}": military, army, ...
    pressure). An undefined or empty set gives no alternative.
    """
    words = phrase.strip().strip("{}").split()
    if not words:
        return []
    modifiers: list[str] = []
    for w in words[:-1]:
        members = _members(w, synsets)
        if not members:
            return []
        modifiers += [m.split()[-1] for m in members]
    heads = _members(words[-1], synsets)
    return [(h.split()[-1], tuple(modifiers)) for h in heads]


def _members(word: str, synsets: dict[str, list[str]]) -> list[str]:
    """The phrases a pattern word stands for: a set's members, else the word itself."""
    if word.startswith("&"):
        return synsets.get(word.rstrip("_"), [])
    return [word.lower().replace("_", " ")]


def _entry_key(entry: dict) -> tuple:
    """What merged entries share: all but the object lists, and whether they have them."""
    return tuple(
        (k, tuple(v) if isinstance(v, list) else v)
        for k, v in sorted(entry.items())
        if k not in ("object", "prep_object")
    ) + (("object" in entry), ("prep_object" in entry))


def convert(blocks: list[Block], synsets: dict, table: dict, lemmas: Lemmatizer) -> list[dict]:
    """The lexicon's ``verbs`` entries for every block (see the module docstring)."""
    merged: dict[tuple, dict] = {}
    order: list[tuple] = []

    def add(entry: dict, objects: Iterable[str] = (), prep_objects: Iterable[str] = ()) -> None:
        key = _entry_key(entry)
        if key not in merged:
            merged[key] = dict(entry)
            order.append(key)
        kept = merged[key]
        for name, values in (("object", objects), ("prep_object", prep_objects)):
            values = [v for v in values if v]
            if values:
                kept[name] = sorted(set(kept.get(name, [])) | set(values))

    for block in blocks:
        verbs: dict[str, Verb] = {}
        for verb in block.verbs:
            lemma = lemmas(verb.lemma, "VB")
            if lemma in DROP or not lemma.isalpha():
                continue
            verbs.setdefault(lemma, verb)
            plover = plover_of(verb.code, table) if verb.code else None
            bare = verb.prt is None and verb.prep is None
            if plover is None or (bare and (lemma in PATTERN_ONLY or lemma in DROP_BARE)):
                continue
            entry = {"lemma": lemma, "type": plover[0]}
            if plover[1]:
                entry["mode"] = plover[1]
            if verb.prt:
                entry["prt"] = [verb.prt]
            if verb.prep:
                entry["prep"] = [verb.prep]
            add(entry)
        for plover, p in _resolved(block.patterns, table):
            entry = _pattern_entry(plover, p, synsets, lemmas)
            if entry is None:
                continue
            entry, objects, prep_objects = entry
            movement = (
                not (objects or prep_objects or "prt" in entry)
                and set(entry.get("prep", ())) <= DIRECTIONS
                and entry["type"] != "CONSULT"
            )
            for lemma in _attested(p, verbs, lemmas):
                if movement and lemma in PATTERN_ONLY:
                    continue  # "head TO", "move INTO": where a common verb goes, not what
                add({"lemma": lemma, **entry}, objects, prep_objects)
    return [merged[k] for k in order]


def _attested(pattern: Pattern, verbs: dict[str, Verb], lemmas: Lemmatizer) -> list[str]:
    """The verbs of the block a pattern applies to: the one it was written for, else all.

    PETRARCH2 applies a block's patterns to every verb of the block; the blocks
    mix senses (MEET_PEOPLE holds meet, face, confront and brave), so a pattern
    is kept for the verb its comment names when that verb is in the block.
    """
    word = (pattern.attested or "").lower()
    for tag in ("VB", "VBD", "VBN", "VBG", "VBZ"):
        lemma = lemmas(word, tag) if word else ""
        if lemma in verbs:
            return [lemma]
        if lemma in DROP:
            return []  # written for a verb left out: it goes with it
    return list(verbs)


def _pattern_entry(plover, p: Pattern, synsets: dict, lemmas: Lemmatizer):
    """(entry without lemma, object lemmas, preposition-object lemmas) of a pattern, or None."""
    entry: dict = {"type": plover[0] if plover else None}
    if plover and plover[1]:
        entry["mode"] = plover[1]
    if p.prt:
        entry["prt"] = [p.prt]
    if p.prep:
        entry["prep"] = sorted(p.prep)
    objects: list[str] = []
    for phrase in p.object:
        alternatives = expand(phrase, synsets)
        if not alternatives:
            return None  # an undefined or empty synset
        mods = {m for _, ms in alternatives for m in ms} - FUNCTION_WORDS - {"from", "with"}
        if mods:
            entry["object_modifier"] = sorted(mods | {lemmas.noun(m) for m in mods})
        objects += [lemmas.noun(h) for h, _ in alternatives]
    prep_objects: list[str] = []
    for phrase in p.prep_object:
        alternatives = expand(phrase, synsets)
        if not alternatives:
            return None
        prep_objects += [lemmas.noun(h) for h, _ in alternatives]
    if p.subject:
        if plover is not None and plover[0] not in SUBJECT_TYPES:
            return None
        subjects = expand(p.subject, synsets)
        if not subjects:
            return None
        entry["subject"] = sorted({lemmas.noun(h) for h, _ in subjects})
    if not (p.prt or p.prep or objects or p.subject):
        return None  # "- *": the bare verb, coded from the block
    if objects:
        entry["object"] = []
    if prep_objects:
        entry["prep_object"] = []
    objects = [o for o in objects if o not in DROP_OBJECTS]
    if entry.get("object") is not None and not objects:
        return None
    return entry, objects, prep_objects


def _resolved(patterns: list[Pattern], table: dict):
    """(PLOVER type and mode or None for "no event", pattern), one per distinct condition.

    Identical conditions coded differently within one block keep the most frequent
    outcome (ties: the first).
    """
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for p in patterns:
        if p.code == "---":
            plover = None
        else:
            plover = plover_of(p.code, table)
            if plover is None:
                continue
        key = (p.prt, p.object, p.prep, p.prep_object, p.subject)
        groups[key].append((plover, p))
    for items in groups.values():
        counts = Counter(pl for pl, _ in items)
        best = max(counts.values())
        winner = next(pl for pl, _ in items if counts[pl] == best)
        yield winner, next(p for pl, p in items if pl == winner)


ABOUT = (
    "Generated by tools/build_event_lexicon.py; do not edit by hand (the hand-written "
    "entries are event_lexicon.json, which takes precedence). Trigger entries derived from "
    "the CAMEO verb-pattern dictionary of the PETRARCH2 coder (CAMEO.2.0.txt, Open Event Data "
    "Alliance, MIT licence) through the CAMEO-to-PLOVER table (CAMEO2PLOVER-2021.txt, Open "
    "Event Data Alliance, PLOVER, CC BY-SA 4.0; read with the type names and the sanctions "
    "coding of PLOVER manual v2.0). As a work derived from that table, this file is shared "
    "under CC BY-SA 4.0."
)


def build(reference: Path, lemmas: Lemmatizer | None = None) -> dict:
    """The generated lexicon as a JSON-ready dict."""
    from detente.extract.plover import load_ontology

    ontology = load_ontology()
    lemmas = lemmas or Lemmatizer()
    cameo = (reference / "cameo" / "CAMEO.2.0.txt").read_text(encoding="latin-1").splitlines()
    table = read_plover_table(
        reference / "plover" / "CAMEO2PLOVER-2021.txt",
        lambda kind: frozenset(ontology.get(kind).modes) if kind in ontology else frozenset(),
    )
    entries = convert(parse_blocks(cameo), parse_synsets(cameo), table, lemmas)
    return {"about": ABOUT, "verbs": entries}


def main(argv: list[str] | None = None) -> None:
    """Write the generated lexicon."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not (args.reference / "cameo" / "CAMEO.2.0.txt").exists():
        sys.exit(f"{args.reference}: no cameo/CAMEO.2.0.txt here")
    data = build(args.reference)
    args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['verbs'])} entries")


if __name__ == "__main__":
    main()
