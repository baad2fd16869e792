"""The event store: coded articles in a DuckDB file, and exports from it.

One row per article, mention, time expression, quote and event, in typed columns (actors
flattened to ``source_country``, ``source_sector``... ``target_*``, ``reported_by_*``),
with enough columns to rebuild exactly the dicts of ``communique.records.records``.

Saving an article replaces everything stored for it (re-coding never duplicates rows);
each batch of articles is written in one transaction, and a failed write is rolled back
so nothing stored earlier is lost. Rows go in column-wise (``INSERT ... SELECT UNNEST(?)``)
which is fast without pandas or pyarrow; CSV and Parquet exports use DuckDB's ``COPY``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TextIO

import duckdb

from communique.errors import StoreError
from communique.model import Article, CodedArticle
from communique.records import CAMEO_COLUMNS, Record, cameo_row, records
from communique.settings import Settings

SCHEMA_VERSION = 1
SAVE_BATCH = 256  # articles per transaction
READ_CHUNK = 500  # articles per query when rebuilding records
EXPORT_FORMATS = ("jsonl", "csv", "parquet")

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


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _create_sql(table: str, columns: Columns, *, temp: bool = False) -> str:
    cols = ", ".join(f"{_q(name)} {kind}" + (" PRIMARY KEY" if table == "articles" and name == "id" else "")
                     for name, kind in columns)
    return f"CREATE {'TEMP ' if temp else ''}TABLE IF NOT EXISTS {_q(table)} ({cols})"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- records -> rows ------------------------------------------------------------------------

def _flatten_actor(prefix: str, actor: Record | None, *, with_text: bool) -> Row:
    actor = actor or {}
    row = {f"{prefix}_{name}": actor.get(name) for name in _ACTOR_FIELDS}
    if with_text:
        row[f"{prefix}_text"] = actor.get("text")
    return row


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


def _table_rows(batch: Sequence[CodedArticle], coded_at: datetime) -> dict[str, list[Row]]:
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


def _article_record(row: Row) -> Record:
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


_REBUILD = {"mentions": _mention_record, "times": _time_record, "quotes": _quote_record,
            "events": _event_record}


def _open_hint(message: str) -> str:
    if "not a valid DuckDB database" in message:
        return ("the file exists but is not a DuckDB database; choose another database path "
                "(--db or COMMUNIQUE_DB) or move the file away")
    if "lock" in message.lower():
        return "another process has the database open; wait for it to finish or use another database path"
    if "version" in message.lower():
        return "the file was written by a different DuckDB version; export it with that version or start a new file"
    return "check the path, its permissions and free disk space"


class Store:
    """Coded articles in a DuckDB database (a file, or ``":memory:"``)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else Settings().db
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # a bounded buffer pool: DuckDB would otherwise cache pages of a growing file up to most
            # of the machine's memory, so a long run's memory would follow the size of the store
            self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(
                self.path, config={"memory_limit": Settings().db_memory})
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open the database: {exc}; {_open_hint(str(exc))}",
                             path=self.path) from exc
        try:
            self._create_tables()
        except StoreError:
            self.close()
            raise
        except duckdb.Error as exc:
            self.close()
            raise StoreError(f"cannot prepare the database tables: {exc}", path=self.path) from exc

    # --- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError("the store is closed", path=self.path)
        return self._con

    def _create_tables(self) -> None:
        con = self.con
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for table, columns in ALL_TABLES.items():
            con.execute(_create_sql(table, columns))
        con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = found[0] if found else None
        if version != str(SCHEMA_VERSION):
            raise StoreError(f"database schema version {version} is not the version {SCHEMA_VERSION} this "
                             "communique uses; export it with the version that wrote it, or use a new file",
                             path=self.path)

    # --- writing -----------------------------------------------------------------------------

    def save(self, coded: CodedArticle | Iterable[CodedArticle]) -> int:
        """Store coded articles, replacing whatever was stored for the same ids.

        Articles are written in batches, one transaction each. If a batch fails it is rolled
        back and its articles are saved one by one, so the error names the failing article;
        the articles before it are kept and the ones after it are not saved.
        Returns the number of articles saved.
        """
        items = [coded] if isinstance(coded, CodedArticle) else coded
        saved = 0
        for chunk in itertools.batched(items, SAVE_BATCH):
            batch = list({c.article.id: c for c in chunk}.values())  # last copy of an id wins
            self._save_batch(batch)
            saved += len(batch)
        return saved

    def _save_batch(self, batch: Sequence[CodedArticle]) -> None:
        rows = _table_rows(batch, datetime.now(UTC).replace(tzinfo=None))
        try:
            self._write([c.article.id for c in batch], rows)
        except duckdb.Error as exc:
            if len(batch) > 1:
                for coded in batch:
                    self._save_batch([coded])
                return
            raise StoreError(
                f"could not save article {batch[0].article.id!r} ({exc}); nothing stored for it was changed",
                path=self.path,
            ) from exc

    def _write(self, ids: list[str], rows: dict[str, list[Row]]) -> None:
        """Replace the rows of ``ids`` in every table, in one transaction."""
        con = self.con
        con.begin()
        try:
            for table in TABLES:
                key = "id" if table == "articles" else "article_id"
                con.execute(f"DELETE FROM {_q(table)} WHERE {_q(key)} IN (SELECT UNNEST(?::VARCHAR[]))", [ids])
            for table, table_rows in rows.items():
                self._insert(table, TABLES[table], table_rows)
            con.commit()
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.rollback()
            raise

    def _insert(self, table: str, columns: Columns, rows: Sequence[Row]) -> None:
        """Insert rows column-wise: one list parameter per column, zipped by UNNEST."""
        if not rows:
            return
        names = ", ".join(_q(name) for name, _ in columns)
        values = ", ".join(f"UNNEST(${i}::{kind}[])" for i, (_, kind) in enumerate(columns, start=1))
        params = [[row[name] for row in rows] for name, _ in columns]
        self.con.execute(f"INSERT INTO {_q(table)} ({names}) SELECT {values}", params)

    def record_skip(self, error: str, path: str | Path | None = None, line: int | None = None) -> None:
        """Note an input the batch skipped (unreadable file or record) and why."""
        at = datetime.now(UTC).replace(tzinfo=None)
        try:
            self.con.execute("INSERT INTO skipped VALUES (?, ?, ?, ?)",
                             [str(path) if path is not None else None, line, error, at])
        except duckdb.Error as exc:
            raise StoreError(f"could not record a skipped input ({exc})", path=self.path) from exc

    # --- reading -----------------------------------------------------------------------------

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self.con.execute(sql, list(params))
        names = [column[0] for column in cursor.description or ()]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def has_article(self, article_id: str, content_hash: str) -> bool:
        """Whether this article is stored, coded from the same content (for resumable runs)."""
        found = self.con.execute("SELECT 1 FROM articles WHERE id = ? AND content_hash = ?",
                                 [article_id, content_hash]).fetchone()
        return found is not None

    def events(self, *, article_id: str | None = None, include_all: bool = False,
               limit: int | None = None) -> list[Row]:
        """Stored events as flat rows (column name -> value; dates as ``datetime.date``).

        Only exported events (asserted, not negated) unless ``include_all``.
        """
        where, params = [], []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if not include_all:
            where.append("exported")
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY article_id, seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._fetch(sql, params)

    def articles(self) -> list[Row]:
        """Stored articles (every column but the body text), ordered by id."""
        names = ", ".join(_q(name) for name, _ in ARTICLE_COLUMNS if name != "text")
        return self._fetch(f"SELECT {names} FROM articles ORDER BY id")

    def counts(self) -> dict[str, int]:
        """Rows per table, plus ``exported_events`` (events in the default export)."""
        counts = {}
        for table in ALL_TABLES:
            found = self.con.execute(f"SELECT count(*) FROM {_q(table)}").fetchone()
            counts[table] = int(found[0]) if found else 0
        found = self.con.execute("SELECT count(*) FROM events WHERE exported").fetchone()
        counts["exported_events"] = int(found[0]) if found else 0
        return counts

    def records(self, *, article_id: str | None = None, include_all: bool = False) -> Iterator[Record]:
        """The ``records()`` contract rebuilt from the tables, article by article (ordered by id)."""
        if article_id is not None:
            ids = [article_id]
        else:
            ids = [row[0] for row in self.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        for chunk in itertools.batched(ids, READ_CHUNK):
            yield from self._chunk_records(list(chunk), include_all=include_all)

    def _chunk_records(self, ids: list[str], *, include_all: bool) -> Iterator[Record]:
        articles = self._fetch("SELECT * FROM articles WHERE id IN (SELECT UNNEST(?::VARCHAR[])) ORDER BY id",
                               [ids])
        grouped: dict[str, defaultdict[str, list[Row]]] = {}
        for table in _REBUILD:
            grouped[table] = defaultdict(list)
            sql = (f"SELECT * FROM {_q(table)} WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))"
                   " ORDER BY article_id, seq")
            for row in self._fetch(sql, [ids]):
                grouped[table][row["article_id"]].append(row)
        for article in articles:
            yield _article_record(article)
            for table, rebuild in _REBUILD.items():
                for row in grouped[table].get(article["id"], ()):
                    if table == "events" and not (include_all or row["exported"]):
                        continue
                    yield rebuild(row)

    def cameo_rows(self, *, include_all: bool = False) -> Iterator[Row]:
        """Stored events as flat CAMEO-style rows (``records.cameo_row``)."""
        url = None
        for record in self.records(include_all=include_all):
            if record["kind"] == "article":
                url = record["url"]
            elif record["kind"] == "event":
                yield cameo_row(record, url=url)

    # --- export ------------------------------------------------------------------------------

    def export(self, fmt: str, out: Path | str | None = None, *, include_all: bool = False) -> int:
        """Write the store as ``jsonl`` (every record) or ``csv``/``parquet`` (CAMEO-style rows).

        ``out=None`` writes jsonl and csv to standard output; parquet needs a file.
        Returns the number of records or rows written.
        """
        fmt = fmt.lower()
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}",
                             path=self.path)
        if out is None:
            if fmt == "parquet":
                raise StoreError("a parquet export needs an output file", path=self.path)
            return self._write_text(fmt, sys.stdout, include_all=include_all)
        out = Path(out)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            if fmt == "jsonl":
                with out.open("w", encoding="utf-8", newline="\n") as stream:
                    return self._write_text(fmt, stream, include_all=include_all)
            return self._copy(fmt, out, include_all=include_all)
        except (OSError, duckdb.Error) as exc:
            raise StoreError(f"could not export {fmt} to {out} ({exc})", path=self.path) from exc

    def _write_text(self, fmt: str, stream: TextIO, *, include_all: bool) -> int:
        count = 0
        if fmt == "jsonl":
            for record in self.records(include_all=include_all):
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
            return count
        writer = csv.DictWriter(stream, fieldnames=CAMEO_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in self.cameo_rows(include_all=include_all):
            writer.writerow(row)
            count += 1
        return count

    def _copy(self, fmt: str, out: Path, *, include_all: bool) -> int:
        """CSV or Parquet through DuckDB's COPY, from a temporary table of CAMEO rows."""
        rows = list(self.cameo_rows(include_all=include_all))
        table = "cameo_export"
        self.con.execute(f"DROP TABLE IF EXISTS temp.{table}")
        self.con.execute(_create_sql(table, CAMEO_TABLE_COLUMNS, temp=True))
        try:
            self._insert(table, CAMEO_TABLE_COLUMNS, rows)
            options = "FORMAT CSV, HEADER" if fmt == "csv" else "FORMAT PARQUET"
            self.con.execute(f"COPY {table} TO {_sql_string(str(out))} ({options})")
        finally:
            self.con.execute(f"DROP TABLE IF EXISTS temp.{table}")
        return len(rows)


__all__ = ["SCHEMA_VERSION", "Store", "content_hash"]
