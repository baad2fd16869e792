"""Scoring against hand-coded answer files (``examples/*/expected.yaml``).

Matching rules are those of ``shared/examples/README.md``: an expected event matches a
produced one when the type and every given actor field agree; a produced event that matches
no expected event is unexpected; no produced event may match a forbidden entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import EvalError
from ..model import Actor, CodedArticle, Event


@dataclass
class AnswerReport:
    path: str
    article_checks: list[tuple[str, bool, str]] = field(default_factory=list)
    actor_checks: list[tuple[str, bool, str]] = field(default_factory=list)
    required: list[tuple[str, bool]] = field(default_factory=list)
    optional: list[tuple[str, bool]] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    quote_checks: list[tuple[str, bool, str]] = field(default_factory=list)
    date_checks: list[tuple[str, bool, str]] = field(default_factory=list)
    events: int = 0

    def figures(self) -> dict[str, Any]:
        ok = lambda rows: sum(1 for r in rows if r[1])  # noqa: E731
        return {
            "path": self.path,
            "required_found": ok(self.required), "required_total": len(self.required),
            "optional_found": ok(self.optional), "optional_total": len(self.optional),
            "events_produced": self.events, "unexpected": len(self.unexpected),
            "forbidden_hits": len(self.forbidden),
            "article_checks_passed": ok(self.article_checks), "article_checks": len(self.article_checks),
            "actor_checks_passed": ok(self.actor_checks), "actor_checks": len(self.actor_checks),
            "quote_checks_passed": ok(self.quote_checks), "quote_checks": len(self.quote_checks),
            "date_checks_passed": ok(self.date_checks), "date_checks": len(self.date_checks),
            "missed_required": [n for n, found in self.required if not found],
            "unexpected_events": self.unexpected, "forbidden_events": self.forbidden,
            "failed_checks": [f"{n}: {why}" for rows in (self.article_checks, self.actor_checks,
                              self.quote_checks, self.date_checks) for n, good, why in rows if not good],
        }


def load_answers(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EvalError(f"cannot read answer file: {exc}", path=path) from exc
    if not isinstance(data, dict) or "events" not in data:
        raise EvalError("an answer file needs at least `events:` (see examples/README.md)", path=path)
    return data


def _actor_matches(actor: Actor | None, spec: dict[str, Any]) -> bool:
    if actor is None:
        return False
    for key, want in spec.items():
        if key.endswith("_any"):
            if getattr(actor, key[:-4], None) not in want:
                return False
        elif getattr(actor, key, None) != want:
            return False
    return True


def event_matches(e: Event, spec: dict[str, Any]) -> bool:
    if spec.get("same_source_and_target"):
        return e.target is not None and e.source is not None and e.source.key() == e.target.key()
    if "type" in spec and e.type != spec["type"]:
        return False
    if "type_any" in spec and e.type not in spec["type_any"]:
        return False
    if "source" in spec and not _actor_matches(e.source, spec["source"]):
        return False
    if "source_any" in spec and not any(_actor_matches(e.source, s) for s in spec["source_any"]):
        return False
    if "target" in spec:
        if spec["target"] is None:
            if e.target is not None:
                return False
        elif not _actor_matches(e.target, spec["target"]):
            return False
    if "target_any" in spec and not any(_actor_matches(e.target, s) for s in spec["target_any"]):
        return False
    if "target_not" in spec and any(_actor_matches(e.target, s) for s in spec["target_not"]):
        return False
    if "date" in spec and e.date != _as_date(spec["date"]):
        return False
    if "date_not" in spec and e.date == _as_date(spec["date_not"]):
        return False
    if "date_year" in spec and (e.date is None or e.date.year != int(spec["date_year"])):
        return False
    if "context_any" in spec and not set(spec["context_any"]) & set(e.contexts):
        return False
    if "location" in spec:
        loc = e.location
        want = spec["location"]
        if loc is None or loc.name != want.get("name", loc.name) or loc.country != want.get("country", loc.country):
            return False
    return True


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _norm(text: str) -> str:
    text = text.strip().lower()
    return text[4:] if text.startswith("the ") else text


def score_answers(path: Path, coded: CodedArticle) -> AnswerReport:
    data = load_answers(path)
    rep = AnswerReport(str(path))
    art = coded.article
    meta = data.get("article") or {}
    for key in ("title", "byline", "url"):
        if key in meta:
            got = getattr(art, key)
            rep.article_checks.append((key, got == meta[key], f"got {got!r}"))
    if "published" in meta:
        rep.article_checks.append(("published", art.published == _as_date(meta["published"]), f"got {art.published}"))
    for s in meta.get("not_in_body", []):
        rep.article_checks.append((f"not_in_body {s[:30]!r}", s not in art.text, "found in body"))
    for s in meta.get("in_body", []):
        rep.article_checks.append((f"in_body {s[:30]!r}", s in art.text, "missing from body"))
    for entry in data.get("actors", []):
        for mention in entry["mentions"]:
            exact = [m for m in coded.mentions if _norm(m.text) == _norm(mention)]
            cands = exact or [m for m in coded.mentions if _norm(mention) in _norm(m.text)]
            good = bool(cands) and (all(_actor_matches(m.actor, entry["actor"]) for m in exact) if exact
                                    else any(_actor_matches(m.actor, entry["actor"]) for m in cands))
            why = "no such mention" if not cands else "resolved to " + "; ".join(
                str(m.actor) for m in (exact or cands) if not _actor_matches(m.actor, entry["actor"]))
            rep.actor_checks.append((mention, good, why))
    events = [e for e in coded.events if e.exported]
    rep.events = len(events)
    expected = data.get("events", [])
    for spec in expected:
        found = any(event_matches(e, spec) for e in events)
        (rep.required if spec.get("required") else rep.optional).append((spec.get("id", "?"), found))
    for e in events:
        if not any(event_matches(e, spec) for spec in expected):
            rep.unexpected.append(describe(e, art.text))
    for spec in data.get("forbidden", []):
        for e in events:
            if event_matches(e, spec):
                rep.forbidden.append(f"{spec.get('why', '?')}: {describe(e, art.text)}")
    for q in data.get("quotes", []):
        hits = [x for x in coded.quotes if q["text"] in x.text]
        good = any(
            x.speaker is not None and x.speaker.name == q["speaker"]
            and ("medium_contains" not in q or (x.medium or "").find(q["medium_contains"]) >= 0)
            for x in hits
        )
        why = "no such quote" if not hits else "; ".join(
            f"speaker={x.speaker.name if x.speaker else x.speaker_text} medium={x.medium}" for x in hits)
        rep.quote_checks.append((q["text"], good, why))
    for d in data.get("dates", []):
        hits = [t for t in coded.times if t.text.lower() == str(d["text"]).lower()]
        if "date" in d:
            good = bool(hits) and all(t.date == _as_date(d["date"]) for t in hits)
        else:
            good = bool(hits) and all(t.date is not None and t.date.year == int(d["year"]) for t in hits)
        rep.date_checks.append((str(d["text"]), good, "got " + ", ".join(str(t.date) for t in hits) if hits else "not found"))
    return rep


def describe(e: Event, text: str) -> str:
    def a(x: Actor | None) -> str:
        if x is None:
            return "-"
        return "/".join(v for v in (x.country, x.sector, x.org, x.name) if v)
    return f"{e.type} {a(e.source)} -> {a(e.target)} [{e.trigger}] {e.date}"
