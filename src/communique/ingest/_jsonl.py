"""JSON Lines (and .json) article files: one record per line, errors per line.

A bad line (malformed JSON, not an object, no usable ``text``) is reported as an
InputError naming the file and line, and reading goes on with the next line. Lines are
read in bounded pieces (``Limits.max_line_bytes``), the whole file up to ``max_bytes``.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from communique.errors import InputError
from communique.model import Article, Origin
from communique.settings import Limits

from ._decode import (
    check_body,
    check_raw_length,
    decode_bytes,
    guess_language,
    normalize_text,
    open_maybe_gzip,
    read_limited,
    repair_mojibake,
)
from ._text import article_id, assemble, join_broken, parse_date, split_paragraphs, where

_URL_OK_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_READ_CHUNK = 1 << 20


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = " ".join(normalize_text(value).split())
    return cleaned or None


def parse_record(
    record: Any,
    *,
    origin: Origin | None = None,
    limits: Limits | None = None,
    notes: Iterable[str] = (),
) -> Article:
    """One JSON record (``text`` required; ``id``, ``title``, ``date``, ``url``, ``source``
    optional; other fields ignored) to an Article. Raises InputError if it is unusable."""
    limits = limits or Limits()
    path, line = where(origin)
    if not isinstance(record, dict):
        raise InputError(
            f"record is {_kind(record)}, not a JSON object: skipped; each line must be an object "
            'with a "text" field',
            path=path, line=line,
        )
    if "text" not in record:
        raise InputError('record has no "text" field: skipped; put the article body in "text"',
                         path=path, line=line)
    raw = record["text"]
    if not isinstance(raw, str):
        raise InputError(f'"text" is {_kind(raw)}, not a string: skipped; give the article body as a string',
                         path=path, line=line)
    all_notes = list(notes)
    check_raw_length(raw, limits, path=path, line=line)
    raw, fixed = repair_mojibake(raw)
    if fixed:
        all_notes.append(f"repaired {fixed} mojibake sequence(s) (UTF-8 read as cp1252)")
    if _SURROGATE_RE.search(raw):
        all_notes.append("lone surrogate code point(s) in the text replaced with U+FFFD")
    text = normalize_text(raw)
    if not text.strip():
        raise InputError('"text" is empty: nothing to code; skipped', path=path, line=line)
    body, spans = assemble(join_broken(split_paragraphs(text)))
    check_body(body, limits, path=path, line=line)

    url = _clean_field(record.get("url"))
    if url and not _URL_OK_RE.match(url):
        all_notes.append(f"url {url[:80]!r} is not an http(s) address: ignored")
        url = None
    published = None
    raw_date = record.get("date")
    if isinstance(raw_date, str) and raw_date.strip():
        published = parse_date(raw_date)
        if published is None:
            all_notes.append(f"date {raw_date[:40]!r} is not a valid date: kept without a publication date")
    elif raw_date is not None and not isinstance(raw_date, str):
        all_notes.append(f"date is {_kind(raw_date)}, not a string: kept without a publication date")
    record_id = record.get("id")
    if isinstance(record_id, str):
        record_id = normalize_text(record_id).strip()
    return Article(
        id=article_id(body, url=url, record_id=record_id),
        text=body,
        title=_clean_field(record.get("title")),
        published=published,
        url=url,
        source=_clean_field(record.get("source")),
        language=guess_language(body),
        paragraphs=spans,
        origin=origin,
        notes=tuple(all_notes),
    )


# ---------------------------------------------------------------- files


def read_jsonl(path: Path, limits: Limits) -> Iterator[Article | InputError]:
    """Every record of a JSON Lines file (``.gz`` too): an Article or an InputError per line."""
    name = str(path)
    with open_maybe_gzip(path) as fh:
        head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Wide encodings: decode the whole (bounded) file, then split it into lines.
            data = read_limited(path, limits)
            text, notes = decode_bytes(data, path=name)
            lines: Iterable[tuple[int, bytes | str]] = enumerate(text.split("\n"), 1)
            yield from _records(lines, name, limits, notes)
            return
        yield from _records(_byte_lines(fh, name, limits), name, limits, [])


def read_json_document(path: Path, limits: Limits) -> Iterator[Article | InputError]:
    """A ``.json`` file: one object, an array of objects, or (if neither parses) JSON Lines."""
    name = str(path)
    data = read_limited(path, limits)
    text, notes = decode_bytes(data, path=name)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        yield from _records(enumerate(text.split("\n"), 1), name, limits, notes)
        return
    if isinstance(doc, list):
        for i, item in enumerate(doc, 1):
            yield _one(item, Origin(name, i), limits, notes)
    else:
        yield _one(doc, Origin(name, 1), limits, notes)


def read_jsonl_text(text: str, name: str, limits: Limits, notes: list[str]) -> Iterator[Article | InputError]:
    """Records from already-decoded JSON Lines text (stdin)."""
    yield from _records(enumerate(text.split("\n"), 1), name, limits, notes)


def _one(record: Any, origin: Origin, limits: Limits, notes: list[str]) -> Article | InputError:
    try:
        return parse_record(record, origin=origin, limits=limits, notes=notes)
    except InputError as exc:
        return exc


def _byte_lines(fh: BinaryIO, name: str, limits: Limits) -> Iterator[tuple[int, bytes | str | InputError]]:
    """(line number, bytes) per line, in bounded reads; over-long lines become errors."""
    total = 0
    number = 0
    while True:
        raw = fh.readline(limits.max_line_bytes + 1)
        if not raw:
            return
        number += 1
        total += len(raw)
        if len(raw) > limits.max_line_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line, bounded reads
                raw = fh.readline(_READ_CHUNK)
                total += len(raw)
                if total > limits.max_bytes:
                    break
            yield number, InputError(
                f"line is over {limits.max_line_bytes:,} bytes: skipped; one record must be smaller",
                path=name, line=number,
            )
        else:
            yield number, raw
        if total > limits.max_bytes:
            yield number, InputError(
                f"file is over {limits.max_bytes:,} bytes: stopped reading after line {number:,}; "
                "split it or set COMMUNIQUE_MAX_BYTES to raise the limit",
                path=name, line=number,
            )
            return


def _records(
    lines: Iterable[tuple[int, bytes | str | InputError]], name: str, limits: Limits, notes: list[str]
) -> Iterator[Article | InputError]:
    seen: dict[str, int] = {}
    for number, raw in lines:
        if isinstance(raw, InputError):
            yield raw
            continue
        line_notes = list(notes)
        if isinstance(raw, bytes):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text, extra = decode_bytes(raw, path=name, line=number)
                except InputError as exc:
                    yield exc
                    continue
                line_notes.extend(extra)
        else:
            text = raw
            if not text.strip():
                continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputError(
                f"malformed JSON: {exc.msg} (column {exc.colno}); line skipped, fix or remove it",
                path=name, line=number,
            )
            continue
        except RecursionError:
            yield InputError("JSON nested too deeply: line skipped", path=name, line=number)
            continue
        result = _one(record, Origin(name, number), limits, line_notes)
        if isinstance(result, Article):
            first = seen.get(result.id)
            if first is not None:
                result = _with_note(result, f"id {result.id!r} repeats the id of line {first}: both kept")
            else:
                seen[result.id] = number
        yield result


def _with_note(article: Article, note: str) -> Article:
    return replace(article, notes=(*article.notes, note))
