r"""Cleaning: turn a raw article into body text plus the metadata its boilerplate carried.

Why: every character offset detente stores points into the cleaned text, and the
extractors should see the article, not the web page around it. Page furniture
(SEO fields, image credits, copyright and syndication lines, contact footers,
markdown markers, repeated lead paragraphs, broken drop caps) is removed by
*general* line rules, never by per-article edits; what it says about the article
(author, outlet, date) is kept as metadata.

Output shape: one paragraph per line of the source, paragraphs separated by a blank
line (``"\n\n"``), runs of spaces collapsed, curly quotes and other characters kept
as written (quotes and evidence are matched against them).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from detente.ingest.dates import DateReading, dateline_date, is_update_line, split_date_line

#: Lines dropped wherever they occur (matched against the whole stripped line).
_DROP_LINE = re.compile(
    "|".join(
        (
            # SEO and CMS fields
            r"(?:meta\s+(?:description|title|keywords)|focus\s+key\s*(?:words?|phrases?)|key\s*words?"
            r"|tags|seo\s+title|slug|excerpt)\s*:.*",
            # page furniture
            r"comments?(?:\s*\(\d+\))?|\d+\s+comments?|leave\s+a\s+(?:comment|reply)|article\s+image"
            r"|advertisement|share\s+this(?:\s+article)?|skip\s+to\s+(?:main\s+)?content"
            r"|listen\s+to\s+this\s+(?:article|story).{0,20}|print|copy\s+link|\d+\s+min(?:ute)?s?\s+read"
            r"|(?:story|article)\s+continues\s+(?:below|after).{0,40}|click\s+here\b.{0,100}"
            r"|our\s+standards\s*:.*",
            # image credits
            r"(?:image|photo|picture|photograph)s?\s*(?:by|credits?|source|courtesy(?:\s+of)?)\b\s*:?.*",
            r"\(?(?:photo(?:graph)?|image|picture|illustration)s?\s*:.*",
            # links to other stories and subscription prompts
            r"(?:read\s+more|related(?:\s+(?:articles?|stories|coverage))?|see\s+also|also\s+read"
            r"|more\s+on\s+this(?:\s+story)?)\s*:.*",
            r"follow\s+us\b.{0,80}|sign\s+up\s+(?:for|to)\b.{0,80}newsletter.{0,80}",
            r"credits?\s*:.*",
            # copyright and syndication
            r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})).*",
            r".*\ball\s+rights\s+reserved\b.*",
            r"distributed\s+by\b.*",
            # section line of a syndicated feed ("Published in News & Features")
            r"published\s+in\s+[^.]{1,60}",
            # rules and thematic breaks
            r"[_\-=*~•·]{3,}",
            # contributor notes
            r"\((?:with\s+(?:additional\s+)?(?:assistance|reporting)|(?:additional\s+)?reporting\s+by"
            r"|writing\s+by|editing\s+by)\b.*\)",
            r"(?:edited|compiled|reported|additional\s+reporting)\s+by\s*:.{1,150}",
            r".{0,160}\bcontributed(?:\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story))?\s*\.?",
            r"this\s+(?:article|story)\s+(?:was|has\s+been)\s+(?:originally\s+)?"
            r"(?:published|updated|amended|corrected)\b.{0,200}",
            # contact blocks
            r"(?:tel|fax|phone|telephone|e-?mail)\s*[:.].*",
            r"<?(?:https?://|www\.)\S+>?",
            # attribution to an outlet ("Source: Example News and agencies")
            r"source\s*:\s*[^.]{1,80}",
            # editorial disclaimers
            r"(?:editor['’]?s['’]?\s+note|disclaimer)\s*:.*",
        )
    ),
    re.I,
)
_BYLINE = re.compile(
    r"(?:By|BY|Author|Written\s+by)\s*:?\s+"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|bin|al))*"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)*)",
)
_COPYRIGHT_OWNER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*)?(?P<owner>[A-Z][\w&.'’ -]*?)"
    r"(?:\s*[.,;]\s+(?:all\s+rights|visit|distributed)|\s*[.,;]?\s*$)",
    re.I,
)
_DISTRIBUTOR = re.compile(r"distributed\s+by\s+(?P<owner>[A-Z][\w&.'’ -]*?)\s*[.,;]?\s*$", re.I)
_CORPORATE_SUFFIX = re.compile(
    r"[\s,]+(?:L\.?P\.?|LLC|L\.?L\.?C\.?|Inc\.?|Ltd\.?|Limited|Corp\.?|Co\.?|PLC|GmbH)$"
)
#: Photo credit opening a caption: ``Jane Doe/Reuters`` or ``Jane Doe/Agency, Kremlin/AP``.
_PHOTO_CREDIT = re.compile(
    r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}/[A-Z][\w&.-]*(?:\s+Images)?(?:/[A-Z][\w&.-]*)*"
    r"(?:,\s*[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}/[A-Z][\w&.-]*(?:\s+Images)?(?:/[A-Z][\w&.-]*)*)*"
    r"\s+(?=[A-Z“\"‘'])"
)
#: Photo and news agencies; a credit must name one (or an all-capitals agency such as ``AP``)
#: so that a caption-like sentence opening with ``Name Surname/Other Name`` is left alone.
_AGENCIES = frozenset(
    "reuters afp ap epa efe epa-efe getty images sputnik tass ria xinhua anadolu bloomberg pool "
    "shutterstock alamy ukrinform unian kremlin dpa ansa kyodo yonhap photo".split()
)
#: Only lines up to this length can be boilerplate; longer ones are article paragraphs.
_MAX_BOILERPLATE = 400
#: A credit closing a caption: ``... in Riyadh. Photograph: Jane Doe/Agency``.
_TRAILING_CREDIT = re.compile(
    r"\s+(?:Photograph|Photo|Image|Picture|Illustration)s?\s*:\s*[^.:]{2,80}$", re.I
)
#: A caption label opening a line (``Image caption, ...``): the caption itself is kept.
_CAPTION_LABEL = re.compile(r"^(?:image|photo|video)\s+caption\s*[,:]\s*", re.I)
_AUTHOR_BIO = re.compile(
    r"\((?:(?:the\s+)?authors?|(?:dr|prof|mr|ms|mrs)\.?\s+[A-Z][\w’'-]+)\s+(?:is|are|was)\b.*\)",
    re.I,
)
_CONTACT = re.compile(r"\b(?:tel|fax|phone|e-?mail)\b\s*[:.]|https?://|www\.|@\w+\.\w+", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/)[^)]*\)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
#: Letters typed for the apostrophe (modifier letter apostrophe, prime, acute accent):
#: as the apostrophe "Russiaʼs" splits into "Russia" and the possessive.
_APOSTROPHES = {ord(c): "’" for c in "\u02bc\u2032\u00b4"}
_SENTENCE_END = tuple('.!?"”’…')
_CONTINUES = (*_SENTENCE_END, ":", ";", ")", "]")
_HEAD_LINES = 12
_WRAP_MAX_WIDTH = 100
"""Longest line of a hard-wrapped body (terminal and e-mail widths are 72-80)."""
_WRAP_MIN_LINES = 4


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The cleaned body and the metadata read from the boilerplate around it."""

    text: str
    """Body paragraphs separated by blank lines."""
    title: str | None
    """Headline: the heading above the by-line, else a heading-like first line."""
    author: str | None
    """Name from a ``By ...`` line."""
    outlet: str | None
    """Owner in a copyright line, or the organisation signing a contact footer."""
    date: DateReading | None
    """Date from a date line at the head, or a body dateline as fallback."""


def normalise_line(line: str) -> str:
    """One line normalised: NFC, invisible characters and markdown markers gone.

    Apostrophe look-alikes become apostrophes and every whitespace run one space.
    """
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE).translate(_APOSTROPHES)
    line = " ".join(line.split())
    line = _MD_HEADING.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    if not re.fullmatch(r"[_\-=*~•·]{3,}", line):
        line = _MD_EMPHASIS.sub("", line)
    return line.strip()


def heading_like(line: str) -> bool:
    """A short line that does not end a sentence: a title or section heading."""
    return (
        3 <= len(line) <= 160 and not line.endswith((".", ",", ";", ":")) and len(line.split()) >= 2
    )


def _org_name(line: str) -> str | None:
    cleaned = _CORPORATE_SUFFIX.sub("", line.strip(" .,;"))
    words = cleaned.split()
    if 1 <= len(words) <= 6 and not re.search(r"\d", cleaned) and words[0][:1].isupper():
        return cleaned
    return None


def _footer(lines: list[str]) -> tuple[int, str | None]:
    """Index where a trailing contact footer starts, and the organisation it names.

    A footer is a trailing run of short lines that do not end a sentence and that
    holds at least one contact line (telephone, fax, e-mail, web address). Its first
    line, when it is a name, is the organisation signing the piece.
    """
    start = len(lines)
    while start > 0:
        line = lines[start - 1]
        if len(line) > 120 or (line.endswith(_SENTENCE_END) and not _CONTACT.search(line)):
            break
        start -= 1
    run = lines[start:]
    if start == 0 or not any(_CONTACT.search(line) for line in run):
        return len(lines), None
    first = run[0] if run and not _CONTACT.search(run[0]) else None
    return start, _org_name(first) if first else None


def _head_line(line: str, raw: str) -> tuple[str | None, DateReading | None, str]:
    """Split a head line into by-line name, date and remaining text.

    Handles ``By Jane Doe``, ``Published: 4 March 2025``, ``date 2025-03-04 <body>``,
    ``Posted on March 4, 2025 by Jane Doe`` and ``By Jane Doe | March 4, 2025``.
    """
    parts = re.split(r"\s+[|•·]\s+", line) if line.startswith("By ") else [line]
    signed = dated = None
    rest: list[str] = []
    for part in parts:
        split = split_date_line(part, context=raw)
        if split:
            dated, part = split
        byline = _BYLINE.fullmatch(part[:1].upper() + part[1:]) if part else None
        if byline:
            signed, part = byline["name"].strip(), ""
        if part:
            rest.append(part)
    if len(parts) > 1 and not (signed or dated):
        return None, None, line
    return signed, dated, " ".join(rest)


def _author_and_agency(signed: str) -> tuple[str, str | None]:
    """``Jane Doe, Reuters`` -> (``Jane Doe``, ``Reuters``); a plain name has no agency."""
    name, _, last = signed.rpartition(",")
    if name and last.strip().lower() in _AGENCIES:
        return name.strip(), last.strip()
    return signed, None


def _names_agency(credit: str) -> bool:
    """True when a ``Name/Agency`` credit names a known or all-capitals agency."""
    for part in re.findall(r"/([\w&.-]+(?:\s+Images)?)", credit):
        if part.lower() in _AGENCIES or part.split()[0].lower() in _AGENCIES:
            return True
        if len(part) >= 2 and part.isupper():
            return True
    return False


def _copyright_owner(line: str) -> str | None:
    """The owner named by a copyright, ``Distributed by`` or ``Source:`` line."""
    source = re.match(r"\s*source\s*:\s*(?P<owner>.+?)(?:\s+and\s+|\s*[,;]|\s*$)", line, re.I)
    m = source or _COPYRIGHT_OWNER.search(line) or _DISTRIBUTOR.search(line)
    return _org_name(m["owner"]) if m else None


_WRAP_WIDTH = 100
"""Longest line of a hard-wrapped text (a wire copy cut to a fixed width, 70-80 characters)."""


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text is cut to, or None for a text with one paragraph a line.

    A text is hard-wrapped when no line is longer than :data:`_WRAP_WIDTH` and most of
    its lines run to near its longest line without ending a sentence.
    """
    if len(lines) < 4:
        return None
    width = max(map(len, lines))
    if width > _WRAP_WIDTH:
        return None
    cut = [line for line in lines if len(line) >= 0.75 * width and not line.endswith(_CONTINUES)]
    return width if len(cut) * 2 >= len(lines) else None


def _join_fragments(lines: list[str]) -> list[str]:
    """Re-join drop caps (``U`` + ``.S.-Russia``) and paragraphs broken mid-sentence.

    A line broken mid-sentence is joined to the next line when that opens in lower
    case, or, in a hard-wrapped text (:func:`_wrap_width`), when it ran to near the
    margin: a short line there is a heading or the end of a paragraph.
    """
    words = {w.lower() for line in lines for w in re.findall(r"[A-Za-z]+", line)}
    width = _wrap_width(lines)
    out: list[str] = []
    last = ""  # the previous source line, before any joining
    for line in lines:
        prev = out[-1] if out else ""
        wrapped = width and len(last) >= 0.7 * width and not last.endswith(_CONTINUES)
        last = line
        if re.fullmatch(r"[A-Z]", prev) and re.match(r"[a-z.’'-]", line):
            first = re.match(r"[A-Za-z]*", line).group(0)
            joined = (prev + first).lower()
            spaced = prev in "AI" and first.lower() in words and joined not in words
            out[-1] = prev + (" " if spaced else "") + line
        elif prev and not prev.endswith(_CONTINUES) and (wrapped or re.match(r"[a-z]", line)):
            out[-1] = prev + " " + line
        else:
            out.append(line)
    return out


def _wrap_width(lines: list[str]) -> int:
    """The line width of a body hard-wrapped at a fixed width (plain-text wire copy), else 0.

    Such a body breaks sentences at whatever word reaches the margin, often before a
    capitalised name ("met Vladimir" / "Putin in the Kremlin"), so a line that fills the
    width and does not end a sentence continues on the next one. A body is taken as
    hard-wrapped when no line is longer than a terminal's width and at least a third of
    its lines end mid-sentence.
    """
    if len(lines) < _WRAP_MIN_LINES:
        return 0
    width = max(len(line) for line in lines)
    open_ended = sum(not line.endswith(_CONTINUES) for line in lines[:-1])
    return width if width <= _WRAP_MAX_WIDTH and 3 * open_ended >= len(lines) else 0


def _dedupe(lines: list[str]) -> list[str]:
    """Drop a paragraph repeated later in the page (a lead shown twice); keep the first."""
    seen: set[str] = set()
    out: list[str] = []
    for line in lines:
        key = " ".join(line.casefold().split())
        if len(key) >= 60 and key in seen:
            continue
        seen.add(key)
        out.append(line)
    return out


def clean_text(raw: str) -> Cleaned:
    """Clean one article's raw text.

    Args:
        raw: the decoded file contents (plain text, markdown, or text taken from HTML).

    Returns:
        The cleaned body and the metadata found in its boilerplate.
    """
    lines = [
        normalise_line(line) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    lines = [line for line in lines if line]
    cut, outlet = _footer(lines)
    lines = lines[:cut]

    kept: list[str] = []
    author = title = None
    reading: DateReading | None = None
    weak_date = False  # the date so far came from an "Updated ..." line
    for i, line in enumerate(lines):
        if i < _HEAD_LINES:
            signed, dated, line = _head_line(line, raw)
            if dated and (reading is None or (weak_date and not is_update_line(lines[i]))):
                reading, weak_date = dated, is_update_line(lines[i])
            if signed and author is None:
                author, agency = _author_and_agency(signed)
                outlet = outlet or agency
                if kept and heading_like(kept[-1]):
                    title = kept[-1]
            if not line:
                continue
        if len(line) <= _MAX_BOILERPLATE and _DROP_LINE.fullmatch(line):
            if re.match(r"\s*(?:©|\(c\)|copyright|distributed|source\s*:)", line, re.I):
                outlet = outlet or _copyright_owner(line)
            continue
        credit = _PHOTO_CREDIT.match(line)
        if credit and len(line) > credit.end() + 20 and _names_agency(credit.group(0)):
            line = line[credit.end() :]
        line = _TRAILING_CREDIT.sub("", _CAPTION_LABEL.sub("", line))
        kept.append(line)

    surname = author.split()[-1] if author else None
    body: list[str] = []
    about = re.compile(re.escape(outlet) + r"\s+(?:is|was)\s+(?:an?|the)\s") if outlet else None
    for i, line in enumerate(kept):
        if about and i >= len(kept) - 5 and about.match(line):  # "<Outlet> is an independent ..."
            continue
        if _AUTHOR_BIO.fullmatch(line) or (
            surname
            and re.fullmatch(
                r"\((?:\w+\.?\s+)?" + re.escape(surname) + r"\s+(?:is|was)\b.*\)", line
            )
        ):
            continue
        body.append(line)
    body = _dedupe(_join_fragments(body))

    if title is None:
        title = next((line for line in body[:3] if heading_like(line)), None)
    if reading is None:
        reading = next((r for r in map(dateline_date, body[:3]) if r), None)
    return Cleaned("\n\n".join(body), title, author, outlet, reading)
