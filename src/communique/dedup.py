"""The dedup stage: one event per (type, source, target, date) in an article.

A photo caption that repeats the lead, or a later sentence that restates an event, adds its
sentence to the event's evidence instead of producing a second event.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Event


def _key(e: Event) -> tuple:
    return (e.type, e.mode, e.trigger.lower(), e.source.key() if e.source else None,
            e.target.key() if e.target else None, e.negated, e.modality)


def _dates_agree(a: Event, b: Event) -> bool:
    """Same date, or one of them only has the publication date (a caption, an undated lead)."""
    if a.date == b.date:
        return True
    if "publication" in (a.date_precision, b.date_precision) and a.date and b.date:
        return abs((a.date - b.date).days) <= 7
    return False


def _words(e: Event, text: str) -> set[str]:
    return {w.lower() for w in text[e.start:e.end].split() if len(w) > 3}


def _same_report(a: Event, b: Event, text: str) -> bool:
    """Two sentences report the same event: a target names it, or they share most words."""
    if a.target is not None:
        return True
    wa, wb = _words(a, text), _words(b, text)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) > 0.6


def merge_repeats(events: list[Event], text: str) -> list[Event]:
    kept: dict[tuple, Event] = {}
    order: list[tuple] = []
    for e in events:
        k = _key(e)
        if k in kept and not (_dates_agree(kept[k], e) and _same_report(kept[k], e, text)):
            k = (*k, e.id)
        if k not in kept:
            kept[k] = e
            order.append(k)
            continue
        first = kept[k]
        evidence = tuple(sorted(set(first.evidence) | set(e.evidence)))
        best = e if e.confidence > first.confidence else first
        dated = first if first.date_precision != "publication" else e  # keep the date the text gives
        kept[k] = replace(best, evidence=evidence, date=dated.date, date_precision=dated.date_precision,
                          confidence=min(0.99, max(first.confidence, e.confidence) + 0.05))
    return [kept[k] for k in order]
