"""Scoring against JSON Lines gold sets.

- ``plover_gsr.jsonl``: one PLOVER event per sentence (``type_v08``, source and target
  country codes). Type accuracy counts a sentence right when the coder's most confident
  event has the expected type; actor accuracy when that event's source (and target) country
  is among the expected ones. Reciprocal records are scored undirected.
- ``petrarch2_validation.jsonl``, records whose id starts with ``udp-gsr:``: CAMEO triples
  (source, target, code), scored on 3-letter actor roots and 2-digit CAMEO roots, as
  UD-PETRARCH reported them: recall of expected triples and the share of produced events
  that match none.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..model import Actor, Article, CodedArticle, Event

# Non-ISO codes in the PLOVER gold file, and non-state codes folded for comparison.
_CODE_FIX = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UNO": "IGO", "EUR": "IGO"}


def _fix(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()[:3]
    return _CODE_FIX.get(code, code)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise EvalError(f"malformed JSON: {exc.msg}", path=path, line=n) from exc
    except OSError as exc:
        raise EvalError(f"cannot read gold set: {exc.strerror}", path=path) from exc


def _article(rec: dict[str, Any], text: str) -> Article:
    day = None
    if rec.get("date"):
        try:
            day = date.fromisoformat(rec["date"])
        except ValueError:
            day = None
    return Article(id=rec["id"], text=text, published=day, paragraphs=((0, len(text)),))


def _country(actor: Actor | None) -> str | None:
    return _fix(actor.country) if actor else None


@dataclass
class GoldReport:
    name: str
    records: int = 0
    figures: dict[str, Any] = field(default_factory=dict)
    per_type: dict[str, dict[str, int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


Coder = Callable[[list[Article]], list[CodedArticle]]


def score_plover(path: Path, code: Coder, limit: int | None = None) -> GoldReport:
    recs = [r for r in read_jsonl(path) if r.get("expected")][:limit]
    coded = code([_article(r, r["text"]) for r in recs])
    rep = GoldReport("plover_gsr", len(recs))
    per = defaultdict(lambda: {"n": 0, "type": 0, "any": 0, "actors": 0})
    tot = defaultdict(int)
    for rec, c in zip(recs, coded, strict=True):
        exp = rec["expected"][0]
        want = exp["type_v08"]
        src = {_fix(a["code"]) for a in exp.get("source", []) if a.get("code")}
        tgt = {_fix(a["code"]) for a in exp.get("target", []) if a.get("code")}
        events = [e for e in c.events if e.exported]
        top = max(events, key=lambda e: e.confidence) if events else None
        typed = [e for e in events if e.type == want]
        best = max(typed, key=lambda e: e.confidence) if typed else top
        p = per[want]
        p["n"] += 1
        tot["n"] += 1
        tot["produced"] += len(events)
        if top is not None and top.type == want:
            p["type"] += 1
            tot["type"] += 1
        if typed:
            p["any"] += 1
            tot["any"] += 1
        if top is not None and _country(top.source) in src:
            tot["source_country"] += 1
        if best is not None:
            s, t = _country(best.source), _country(best.target)
            if rec.get("reciprocal"):
                ok = s in src and (t is None or t in src)
            else:
                ok = s in src and ((t in tgt) if tgt else t is None)
            if ok:
                tot["actors"] += 1
                p["actors"] += 1
            if ok and typed:
                tot["type_and_actors"] += 1
        if top is None or top.type != want:
            got = f"{top.type} {_country(top.source)}->{_country(top.target)}" if top else "nothing"
            rep.misses.append(f"{rec['id']}: want {want}, got {got}: {rec['text'][:90]}")
    n = max(tot["n"], 1)
    rep.figures = {
        "sentences": tot["n"],
        "type_accuracy": round(tot["type"] / n, 3),
        "type_found_any": round(tot["any"] / n, 3),
        "source_country_accuracy": round(tot["source_country"] / n, 3),
        "source_and_target_accuracy": round(tot["actors"] / n, 3),
        "events_per_sentence": round(tot["produced"] / n, 2),
    }
    rep.per_type = {k: dict(v) for k, v in sorted(per.items())}
    return rep


def _cameo_root(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip()
    return code[:2] if len(code) >= 2 else None


def _triple(e: Event) -> tuple[str, str, str | None]:
    def root(a: Actor | None) -> str:
        if a is None or not a.code:
            return "---"  # PETRARCH's code for an unknown or absent actor
        return a.code[:3]
    return root(e.source), root(e.target), _cameo_root(e.cameo)


def score_petrarch(path: Path, code: Coder, limit: int | None = None) -> GoldReport:
    recs = [r for r in read_jsonl(path) if str(r.get("id", "")).startswith("udp-gsr:")][:limit]
    texts = [r.get("parse_text") if r.get("text_parse_mismatch") and r.get("parse_text") else r["text"] for r in recs]
    coded = code([_article(r, t) for r, t in zip(recs, texts, strict=True)])
    rep = GoldReport("petrarch2_udp_gsr", len(recs))
    per = defaultdict(lambda: {"expected": 0, "found": 0})
    expected_n = found_n = produced_n = unexpected_n = 0
    for rec, c in zip(recs, coded, strict=True):
        events = [e for e in c.events if e.exported]
        triples = [_triple(e) for e in events]
        produced_n += len(triples)
        wants = [(x["source"][:3] or "---", (x.get("target") or "---")[:3], _cameo_root(x["code"]))
                 for x in rec.get("expected", [])]
        for w in wants:
            expected_n += 1
            per[w[2] or "?"]["expected"] += 1
            if w in triples:
                found_n += 1
                per[w[2] or "?"]["found"] += 1
            else:
                rep.misses.append(f"{rec['id']}: want {w}, got {triples}: {rec['text'][:90]}")
        unexpected_n += sum(1 for t in triples if t not in wants)
    rep.figures = {
        "records": len(recs),
        "expected_events": expected_n,
        "recall": round(found_n / max(expected_n, 1), 3),
        "produced_events": produced_n,
        "unexpected_share": round(unexpected_n / max(produced_n, 1), 3),
    }
    rep.per_type = {k: dict(v) for k, v in sorted(per.items())}
    return rep
