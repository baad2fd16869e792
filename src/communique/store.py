"""The event store: coded articles in a DuckDB file, and exports from it.

One row per article, mention, time expression, quote and event, in typed columns (actors
flattened to ``source_country``, ``source_sector``... ``target_*``, ``reported_by_*``),
with enough columns to rebuild exactly the dicts of ``communique.records.records``.

Saving an article replaces everything stored for it (re-coding never duplicates rows);
each batch of articles is written in one transaction, and a failed write is rolled back
so nothing stored earlier is lost. Rows go in column-wise (``INSERT ... SELECT UNNEST(?)``)
which is fast without pandas or pyarrow; CSV and Parquet exports use DuckDB's ``COPY``.
The tables' columns and the conversions between records and rows are in ``communique.tables``.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TextIO

import duckdb

from communique.errors import StoreError
from communique.model import CodedArticle
from communique.records import CAMEO_COLUMNS, Record, cameo_row
from communique.settings import Settings
from communique.tables import (
    ALL_TABLES,
    ARTICLE_COLUMNS,
    CAMEO_TABLE_COLUMNS,
    REBUILD,
    TABLES,
    Columns,
    Row,
    article_record,
    content_hash,
    create_sql,
    quote_name,
    sql_string,
    table_rows,
)

SCHEMA_VERSION = 1
SAVE_BATCH = 256  # articles per transaction
# the articles table's primary-key index takes about 70 bytes per article and must fit in DuckDB's
# memory limit (measured with DuckDB 2.0: 1.7 million keys need 128 MB); allow 128
INDEX_BYTES_PER_ARTICLE = 128
MEMORY_STEP = 16 * 2**20
READ_CHUNK = 500  # articles per query when rebuilding records
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
_UNITS = {"": 1, "B": 1, "KB": 2**10, "KIB": 2**10, "MB": 2**20, "MIB": 2**20, "GB": 2**30, "GIB": 2**30}


def memory_bytes(text: str) -> int:
    """'48MB', '1GB', '500000' as bytes; a clear error for anything else."""
    value = text.strip().upper().replace(" ", "")
    number = value.rstrip("KMGIB")
    unit = value[len(number):]
    if not number.replace(".", "", 1).isdigit() or unit not in _UNITS:
        raise StoreError(f"COMMUNIQUE_DB_MEMORY={text!r} is not a size; give one like 48MB or 1GB")
    return int(float(number) * _UNITS[unit])


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
            self._base_memory = memory_bytes(Settings().db_memory)
            self._memory = self._base_memory
            self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(
                self.path, config={"memory_limit": f"{self._memory}B"})
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open the database: {exc}; {_open_hint(str(exc))}",
                             path=self.path) from exc
        try:
            self._create_tables()
            self._fit_memory()
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
            con.execute(create_sql(table, columns))
        con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = found[0] if found else None
        if version != str(SCHEMA_VERSION):
            raise StoreError(f"database schema version {version} is not the version {SCHEMA_VERSION} this "
                             "communique uses; export it with the version that wrote it, or use a new file",
                             path=self.path)

    def _fit_memory(self) -> None:
        """Raise DuckDB's memory limit as the store grows, by what its primary-key index needs
        (which must stay in memory), and no more: the buffer pool's cache of the file stays fixed
        (``COMMUNIQUE_DB_MEMORY``), so a run's memory does not follow the size of its store."""
        found = self.con.execute("SELECT count(*) FROM articles").fetchone()
        need = self._base_memory + INDEX_BYTES_PER_ARTICLE * (found[0] if found else 0)
        if need > self._memory:
            self._memory = need + MEMORY_STEP  # in steps, not at every batch
            self.con.execute(f"SET memory_limit = '{self._memory}B'")

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
            self._fit_memory()
        return saved

    def _save_batch(self, batch: Sequence[CodedArticle]) -> None:
        rows = table_rows(batch, datetime.now(UTC).replace(tzinfo=None))
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
                con.execute(f"DELETE FROM {quote_name(table)} WHERE {quote_name(key)} IN (SELECT UNNEST(?::VARCHAR[]))", [ids])
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
        names = ", ".join(quote_name(name) for name, _ in columns)
        values = ", ".join(f"UNNEST(${i}::{kind}[])" for i, (_, kind) in enumerate(columns, start=1))
        params = [[row[name] for row in rows] for name, _ in columns]
        self.con.execute(f"INSERT INTO {quote_name(table)} ({names}) SELECT {values}", params)

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

    def stored_articles(self, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of these (article id, content hash) pairs are stored: ``has_article`` for many
        articles in one query (a query per article took 0.35 s CPU per 1,000 articles)."""
        if not keys:
            return set()
        found = self.con.execute("SELECT id, content_hash FROM articles WHERE id IN (SELECT UNNEST(?::VARCHAR[]))",
                                 [[article_id for article_id, _ in keys]]).fetchall()
        return {(article_id, digest) for article_id, digest in found} & set(keys)

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
        names = ", ".join(quote_name(name) for name, _ in ARTICLE_COLUMNS if name != "text")
        return self._fetch(f"SELECT {names} FROM articles ORDER BY id")

    def counts(self) -> dict[str, int]:
        """Rows per table, plus ``exported_events`` (events in the default export)."""
        counts = {}
        for table in ALL_TABLES:
            found = self.con.execute(f"SELECT count(*) FROM {quote_name(table)}").fetchone()
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
        for table in REBUILD:
            grouped[table] = defaultdict(list)
            sql = (f"SELECT * FROM {quote_name(table)} WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))"
                   " ORDER BY article_id, seq")
            for row in self._fetch(sql, [ids]):
                grouped[table][row["article_id"]].append(row)
        for article in articles:
            yield article_record(article)
            for table, rebuild in REBUILD.items():
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
        self.con.execute(create_sql(table, CAMEO_TABLE_COLUMNS, temp=True))
        try:
            self._insert(table, CAMEO_TABLE_COLUMNS, rows)
            options = "FORMAT CSV, HEADER" if fmt == "csv" else "FORMAT PARQUET"
            self.con.execute(f"COPY {table} TO {sql_string(str(out))} ({options})")
        finally:
            self.con.execute(f"DROP TABLE IF EXISTS temp.{table}")
        return len(rows)


__all__ = ["SCHEMA_VERSION", "Store", "content_hash"]
