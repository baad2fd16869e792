"""The store's tables: their typed columns, and the conversion of coded articles to rows and of
rows back to the dicts of ``communique.records.records`` (used by ``communique.store`` and
``communique.cluster``).
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from communique.model import Article, CodedArticle
from communique.records import CAMEO_COLUMNS, Record, records

Columns = tuple[tuple[str, str], ...]
Row = dict[str, Any]

_ACTOR_FIELDS = ("country", "sector", "org", "name", "role", "code")


def _actor_columns(prefix: str, *, with_text: bool) -> Columns:
    cols = tuple((f"{prefix}_{name}", "VARCHAR") for name in _ACTOR_FIELDS)
    return (*cols, (f"{prefix}_text", "VARCHAR")) if with_text else cols


ARTICLE_COLUMNS: Columns = (
    ("id", "VARCHAR"), ("title", "VARCHAR"), ("byline", "VARCHAR"), ("published", "DATE"),
    ("url", "VARCHAR"), ("source", "VARCHAR"), ("language", "VARCHAR"), ("origin", "VARCHAR"),
    ("notes", "VARCHAR[]"), ("text", "VARCHAR"), ("coded_at", "TIMESTAMP"), ("content_hash", "VARCHAR"),
)
MENTION_COLUMNS: Columns = (
    ("article_id", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"), ("start", "INTEGER"),
    ("end", "INTEGER"), ("sentence", "INTEGER"), ("mention_kind", "VARCHAR"),
    *_actor_columns("actor", with_text=False),
    ("evidence_kind", "VARCHAR"), ("evidence_entry_id", "VARCHAR"), ("evidence_valid_from", "DATE"),
    ("evidence_valid_to", "DATE"), ("evidence_words", "VARCHAR[]"), ("evidence_antecedent", "INTEGER[]"),
    ("evidence_summary", "VARCHAR"),
)
TIME_COLUMNS: Columns = (
    ("article_id", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"), ("start", "INTEGER"),
    ("end", "INTEGER"), ("date", "DATE"), ("precision", "VARCHAR"),
)
QUOTE_COLUMNS: Columns = (
    ("id", "VARCHAR"), ("article_id", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"),
    ("start", "INTEGER"), ("end", "INTEGER"), ("direct", "BOOLEAN"),
    *_actor_columns("speaker", with_text=True),
    ("cue", "VARCHAR"), ("medium", "VARCHAR"),
)
EVENT_COLUMNS: Columns = (
    ("id", "VARCHAR"), ("article_id", "VARCHAR"), ("seq", "INTEGER"), ("date", "DATE"),
    ("date_precision", "VARCHAR"), ("event", "VARCHAR"), ("mode", "VARCHAR"), ("context", "VARCHAR[]"),
    *_actor_columns("source", with_text=True),
    *_actor_columns("target", with_text=True),
    ("cameo", "VARCHAR"), ("quad_code", "INTEGER"), ("event_scale", "DOUBLE"), ("negated", "BOOLEAN"),
    ("modality", "VARCHAR"), ("reported", "BOOLEAN"), ("historical", "BOOLEAN"),
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"), ("location_geonames_id", "BIGINT"),
    ("event_text", "VARCHAR"), ("trigger", "VARCHAR"), ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"), ("start", "INTEGER"), ("end", "INTEGER"), ("quote_id", "VARCHAR"),
    *_actor_columns("reported_by", with_text=False),
    ("confidence", "DOUBLE"), ("coder", "VARCHAR"), ("evidence", "INTEGER[]"), ("exported", "BOOLEAN"),
)
SKIPPED_COLUMNS: Columns = (
    ("path", "VARCHAR"), ("line", "INTEGER"), ("error", "VARCHAR"), ("at", "TIMESTAMP"),
)
CAMEO_TYPES: dict[str, str] = {
    "date": "DATE", "quad_class": "INTEGER", "goldstein": "DOUBLE", "lat": "DOUBLE", "lon": "DOUBLE",
    "negated": "BOOLEAN", "confidence": "DOUBLE",
}
CAMEO_TABLE_COLUMNS: Columns = tuple((name, CAMEO_TYPES.get(name, "VARCHAR")) for name in CAMEO_COLUMNS)

# Per-article tables, in the order records come out; articles are keyed by ``id``.
TABLES: dict[str, Columns] = {
    "articles": ARTICLE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "times": TIME_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "events": EVENT_COLUMNS,
}
ALL_TABLES: dict[str, Columns] = {**TABLES, "skipped": SKIPPED_COLUMNS}


def content_hash(article: Article) -> str:
    """Hash of what coding an article depends on (body, title, publication date)."""
    parts = [article.text, article.title or "", article.published.isoformat() if article.published else ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def create_sql(table: str, columns: Columns, *, temp: bool = False) -> str:
    cols = ", ".join(f"{quote_name(name)} {kind}" + (" PRIMARY KEY" if table == "articles" and name == "id" else "")
                     for name, kind in columns)
    return f"CREATE {'TEMP ' if temp else ''}TABLE IF NOT EXISTS {quote_name(table)} ({cols})"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- records -> rows ------------------------------------------------------------------------

@cache
def _actor_columns(prefix: str, with_text: bool) -> tuple[tuple[str, str], ...]:
    """(column, record key) of an actor's columns under a prefix."""
    names = (*_ACTOR_FIELDS, "text") if with_text else _ACTOR_FIELDS
    return tuple((f"{prefix}_{name}", name) for name in names)


def _flatten_actor(prefix: str, actor: Record | None, *, with_text: bool) -> Row:
    actor = actor or {}
    return {column: actor.get(name) for column, name in _actor_columns(prefix, with_text)}


def _article_row(record: Record, article: Article, coded_at: datetime) -> Row:
    row = {name: record.get(name) for name, _ in ARTICLE_COLUMNS}
    row.update(text=article.text, coded_at=coded_at, content_hash=content_hash(article))
    return row


def _mention_row(record: Record, seq: int) -> Row:
    evidence = record["evidence"] or {}
    return {
        "article_id": record["article_id"], "seq": seq, "text": record["text"],
        "start": record["start"], "end": record["end"], "sentence": record["sentence"],
        "mention_kind": record["mention_kind"],
        **_flatten_actor("actor", record["actor"], with_text=False),
        "evidence_kind": evidence.get("kind"), "evidence_entry_id": evidence.get("entry_id"),
        "evidence_valid_from": evidence.get("valid_from"), "evidence_valid_to": evidence.get("valid_to"),
        "evidence_words": evidence.get("words"), "evidence_antecedent": evidence.get("antecedent"),
        "evidence_summary": evidence.get("summary"),
    }


def _time_row(record: Record, seq: int) -> Row:
    return {name: record.get(name) for name, _ in TIME_COLUMNS} | {"seq": seq}


def _quote_row(record: Record, seq: int) -> Row:
    row = {name: record.get(name) for name, _ in QUOTE_COLUMNS if not name.startswith("speaker_")}
    return row | {"seq": seq} | _flatten_actor("speaker", record["speaker"], with_text=True)


def _event_row(record: Record, seq: int) -> Row:
    location = record["location"] or {}
    row = {name: record.get(name) for name, _ in EVENT_COLUMNS}
    row.update(
        seq=seq,
        **_flatten_actor("source", record["actor"], with_text=True),
        **_flatten_actor("target", record["recipient"], with_text=True),
        **_flatten_actor("reported_by", record["reported_by"], with_text=False),
        **{f"location_{key}": location.get(key) for key in ("name", "country", "lat", "lon", "geonames_id")},
    )
    return row


def table_rows(batch: Sequence[CodedArticle], coded_at: datetime) -> dict[str, list[Row]]:
    """The rows every table gets for a batch of coded articles."""
    rows: dict[str, list[Row]] = {table: [] for table in TABLES}
    for coded in batch:
        seqs: defaultdict[str, itertools.count[int]] = defaultdict(itertools.count)
        for record in records(coded, include_all=True):
            kind = record["kind"]
            if kind == "article":
                rows["articles"].append(_article_row(record, coded.article, coded_at))
            elif kind == "mention":
                rows["mentions"].append(_mention_row(record, next(seqs[kind])))
            elif kind == "time":
                rows["times"].append(_time_row(record, next(seqs[kind])))
            elif kind == "quote":
                rows["quotes"].append(_quote_row(record, next(seqs[kind])))
            elif kind == "event":
                rows["events"].append(_event_row(record, next(seqs[kind])))
    return rows


# --- rows -> records ------------------------------------------------------------------------

def _rebuild_actor(prefix: str, row: Row, text: str | None) -> Record | None:
    if row[f"{prefix}_code"] is None:
        return None
    actor: Record = {name: row[f"{prefix}_{name}"] for name in _ACTOR_FIELDS}
    actor["text"] = text
    return actor


def article_record(row: Row) -> Record:
    return {
        "kind": "article", "id": row["id"], "title": row["title"], "byline": row["byline"],
        "published": _iso(row["published"]), "url": row["url"], "source": row["source"],
        "language": row["language"], "origin": row["origin"], "notes": list(row["notes"] or []),
    }


def _mention_record(row: Row) -> Record:
    evidence = None
    if row["evidence_kind"] is not None:
        antecedent = row["evidence_antecedent"]
        evidence = {
            "kind": row["evidence_kind"], "entry_id": row["evidence_entry_id"],
            "valid_from": _iso(row["evidence_valid_from"]), "valid_to": _iso(row["evidence_valid_to"]),
            "words": list(row["evidence_words"] or []),
            "antecedent": list(antecedent) if antecedent is not None else None,
            "summary": row["evidence_summary"],
        }
    return {
        "kind": "mention", "article_id": row["article_id"], "text": row["text"], "start": row["start"],
        "end": row["end"], "sentence": row["sentence"], "mention_kind": row["mention_kind"],
        "actor": _rebuild_actor("actor", row, row["text"]), "evidence": evidence,
    }


def _time_record(row: Row) -> Record:
    return {
        "kind": "time", "article_id": row["article_id"], "text": row["text"], "start": row["start"],
        "end": row["end"], "date": _iso(row["date"]), "precision": row["precision"],
    }


def _quote_record(row: Row) -> Record:
    return {
        "kind": "quote", "id": row["id"], "article_id": row["article_id"], "text": row["text"],
        "start": row["start"], "end": row["end"], "direct": row["direct"],
        "speaker": _rebuild_actor("speaker", row, row["speaker_text"]),
        "cue": row["cue"], "medium": row["medium"],
    }


def _event_record(row: Row) -> Record:
    location = None
    if row["location_name"] is not None:
        location = {key: row[f"location_{key}"] for key in ("name", "country", "lat", "lon", "geonames_id")}
    return {
        "kind": "event", "id": row["id"], "article_id": row["article_id"], "date": _iso(row["date"]),
        "date_precision": row["date_precision"], "event": row["event"], "mode": row["mode"],
        "context": list(row["context"] or []),
        "actor": _rebuild_actor("source", row, row["source_text"]),
        "recipient": _rebuild_actor("target", row, row["target_text"]),
        "cameo": row["cameo"], "quad_code": row["quad_code"], "event_scale": row["event_scale"],
        "negated": row["negated"], "modality": row["modality"], "reported": row["reported"],
        "historical": row["historical"], "location": location, "event_text": row["event_text"],
        "trigger": row["trigger"], "trigger_start": row["trigger_start"], "trigger_end": row["trigger_end"],
        "start": row["start"], "end": row["end"], "quote_id": row["quote_id"],
        "reported_by": _rebuild_actor("reported_by", row, None),
        "confidence": row["confidence"], "coder": row["coder"], "evidence": list(row["evidence"] or []),
        "exported": row["exported"],
    }


REBUILD = {"mentions": _mention_record, "times": _time_record, "quotes": _quote_record,
            "events": _event_record}
