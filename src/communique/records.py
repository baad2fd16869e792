"""The export contract: one JSON-ready dict per record, each with a ``kind`` key.

``records(coded)`` yields, in order, the article, its mentions, time expressions, quotes
and events. Every value is plain JSON (dates as ISO strings, tuples as lists), so a record
can go straight to ``json.dumps``. The store (``communique.store``) keeps enough columns to
rebuild exactly these dicts, and ``cameo_row`` flattens an event record into one
GDELT/Phoenix-style row for CSV and Parquet exports.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from communique.model import (
    Actor,
    Article,
    CodedArticle,
    Event,
    Evidence,
    Mention,
    Place,
    Quote,
    TimeExpr,
)

Record = dict[str, Any]

# Columns of a CAMEO-style flat row, in output order.
CAMEO_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "date",
    "source_code", "source_country", "source_sector", "source_org", "source_name",
    "target_code", "target_country", "target_sector", "target_org", "target_name",
    "event_code", "event_root", "quad_class", "goldstein", "plover_type", "plover_mode", "contexts",
    "location_name", "location_country", "lat", "lon",
    "negated", "modality", "confidence", "url", "event_text",
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _float(value: float | None) -> float | None:
    return float(value) if value is not None else None


def actor_dict(actor: Actor | None, text: str | None = None) -> Record | None:
    """An actor as a record value (``Actor.to_dict``), or None when there is no actor."""
    return actor.to_dict(text=text) if actor is not None else None


def evidence_dict(evidence: Evidence | None) -> Record | None:
    if evidence is None:
        return None
    return {
        "kind": evidence.kind,
        "entry_id": evidence.entry_id,
        "valid_from": _iso(evidence.valid_from),
        "valid_to": _iso(evidence.valid_to),
        "words": list(evidence.words),
        "antecedent": list(evidence.antecedent) if evidence.antecedent is not None else None,
        "summary": evidence.describe(),
    }


def place_dict(place: Place | None) -> Record | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "country": place.country,
        "lat": _float(place.lat),
        "lon": _float(place.lon),
        "geonames_id": place.geonames_id,
    }


def article_notes(coded: CodedArticle) -> list[str]:
    """The article's own notes followed by the pipeline's, without repeats."""
    return list(dict.fromkeys((*coded.article.notes, *coded.notes)))


def article_record(coded: CodedArticle) -> Record:
    article: Article = coded.article
    return {
        "kind": "article",
        "id": article.id,
        "title": article.title,
        "byline": article.byline,
        "published": _iso(article.published),
        "url": article.url,
        "source": article.source,
        "language": article.language,
        "origin": str(article.origin) if article.origin is not None else None,
        "notes": article_notes(coded),
    }


def mention_record(mention: Mention) -> Record:
    return {
        "kind": "mention",
        "article_id": mention.article_id,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "sentence": mention.sentence,
        "mention_kind": mention.kind,
        "actor": actor_dict(mention.actor, mention.text),
        "evidence": evidence_dict(mention.evidence),
    }


def time_record(time: TimeExpr) -> Record:
    return {
        "kind": "time",
        "article_id": time.article_id,
        "text": time.text,
        "start": time.start,
        "end": time.end,
        "date": _iso(time.date),
        "precision": time.precision,
    }


def quote_record(quote: Quote) -> Record:
    return {
        "kind": "quote",
        "id": quote.id,
        "article_id": quote.article_id,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "direct": quote.direct,
        "speaker": actor_dict(quote.speaker, quote.speaker_text),
        "cue": quote.cue,
        "medium": quote.medium,
    }


def event_record(event: Event, article_text: str) -> Record:
    return {
        "kind": "event",
        "id": event.id,
        "article_id": event.article_id,
        "date": _iso(event.date),
        "date_precision": event.date_precision,
        "event": event.type,
        "mode": event.mode,
        "context": list(event.contexts),
        "actor": actor_dict(event.source, event.source_text),
        "recipient": actor_dict(event.target, event.target_text),
        "cameo": event.cameo,
        "quad_code": event.quad_code,
        "event_scale": _float(event.event_scale),
        "negated": event.negated,
        "modality": event.modality,
        "reported": event.reported,
        "historical": event.historical,
        "location": place_dict(event.location),
        "event_text": article_text[event.start:event.end],
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "start": event.start,
        "end": event.end,
        "quote_id": event.quote_id,
        "reported_by": actor_dict(event.reported_by),
        "confidence": _float(event.confidence),
        "coder": event.coder,
        "evidence": list(event.evidence),
        "exported": event.exported,
    }


def records(coded: CodedArticle, *, include_all: bool = True) -> Iterator[Record]:
    """Every record of one coded article: article, mentions, times, quotes, events.

    With ``include_all=False`` events that are not ``exported`` (negated, hypothetical,
    conditional, denied) are left out.
    """
    yield article_record(coded)
    for mention in coded.mentions:
        yield mention_record(mention)
    for time in coded.times:
        yield time_record(time)
    for quote in coded.quotes:
        yield quote_record(quote)
    for event in coded.events:
        if include_all or event.exported:
            yield event_record(event, coded.article.text)


def _actor_columns(prefix: str, actor: Record | None) -> Record:
    actor = actor or {}
    return {
        f"{prefix}_code": actor.get("code"),
        f"{prefix}_country": actor.get("country"),
        f"{prefix}_sector": actor.get("sector"),
        f"{prefix}_org": actor.get("org"),
        f"{prefix}_name": actor.get("name"),
    }


def cameo_row(event: Record, *, url: str | None = None) -> Record:
    """An event record as one flat CAMEO-style row (keys in ``CAMEO_COLUMNS`` order)."""
    cameo = event.get("cameo")
    location = event.get("location") or {}
    row: Record = {
        "event_id": event["id"],
        "article_id": event["article_id"],
        "date": event.get("date"),
        **_actor_columns("source", event.get("actor")),
        **_actor_columns("target", event.get("recipient")),
        "event_code": cameo,
        "event_root": cameo[:2] if cameo else None,
        "quad_class": event.get("quad_code"),
        "goldstein": event.get("event_scale"),
        "plover_type": event.get("event"),
        "plover_mode": event.get("mode"),
        "contexts": ";".join(event.get("context") or ()),
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "negated": event.get("negated"),
        "modality": event.get("modality"),
        "confidence": event.get("confidence"),
        "url": url,
        "event_text": event.get("event_text"),
    }
    return {column: row[column] for column in CAMEO_COLUMNS}


__all__ = [
    "CAMEO_COLUMNS",
    "Record",
    "actor_dict",
    "article_record",
    "cameo_row",
    "event_record",
    "evidence_dict",
    "mention_record",
    "place_dict",
    "quote_record",
    "records",
    "time_record",
]
