"""Main text and publication date of a web page with trafilatura and htmldate (the 'html' extra).

A news page holds far more than its article: menus, teasers of other stories, cookie
banners, share bars, comments. trafilatura finds the article's own paragraphs and
htmldate the date the page was first published, from its markup. Both are optional:
without the extra, or when they find nothing (a tiny or odd page), each function here
returns None and :mod:`detente.ingest.readers` keeps its built-in reading (the
``<article>`` or ``<body>`` text, the date metas and ``<time>`` tags).
"""

from __future__ import annotations

import logging
from xml.etree import ElementTree

from detente.extras import available

log = logging.getLogger(__name__)

_BLOCKS = frozenset({"head", "p", "item", "quote", "cell", "code"})
"""Elements of trafilatura's XML output that are one paragraph of text each."""


MIN_TEXT = 250
"""Characters below which trafilatura's text is not taken (its own threshold for a page
whose main part it found; below it, it falls back to a rougher pass that keeps menus,
and the built-in reader does better on such a short page)."""


def main_text(raw: str) -> str | None:
    """The article's paragraphs, separated by blank lines; None without trafilatura.

    Also None when the text found is shorter than :data:`MIN_TEXT`, so the built-in
    reader takes over for short pages.
    """
    if not available("trafilatura"):
        return None
    import trafilatura

    try:
        xml = trafilatura.extract(
            raw,
            output_format="xml",
            fast=True,
            include_comments=False,
            include_images=False,
            include_formatting=False,
            include_links=False,
        )
    except Exception as exc:  # noqa: BLE001 - any failure of the extra means: fall back
        log.debug("trafilatura failed: %s", exc)
        return None
    if not xml:
        return None
    main = ElementTree.fromstring(xml).find("main")
    if main is None:
        return None
    paragraphs = [_block_text(el) for el in main.iter() if _is_leaf_block(el)]
    text = "\n\n".join(p for p in paragraphs if p.strip())
    return text if len(text) >= MIN_TEXT else None


def _is_leaf_block(el: ElementTree.Element) -> bool:
    if el.tag not in _BLOCKS:
        return False
    return not any(child.tag in _BLOCKS for child in el.iter() if child is not el)


def _block_text(el: ElementTree.Element) -> str:
    """The text of one block; a ``<lb/>`` (a ``<br>`` in the page) is a line break."""
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else "".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def publication_date(raw: str, url: str | None = None) -> str | None:
    """The page's original publication date as ``YYYY-MM-DD``, from its markup (and ``url``).

    htmldate reads the page's metadata, structured data and date elements only (no
    guessing from the running text, which :mod:`detente.ingest.dates` does with its
    own rules); None without htmldate or when it finds no date.
    """
    if not available("htmldate"):
        return None
    from htmldate import find_date

    try:
        # bytes, not str: htmldate downloads a str that looks like an address
        return find_date(raw.encode("utf-8"), url=url, extensive_search=False, original_date=True)
    except Exception as exc:  # noqa: BLE001 - any failure of the extra means: fall back
        log.debug("htmldate failed: %s", exc)
        return None
