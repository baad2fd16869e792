"""Ingest: input files to ``Article`` objects.

``read_articles(paths)`` yields an ``Article`` per article and an ``InputError`` (yielded,
not raised) per file or record it has to skip, and always goes on to the next input.

Formats, chosen by suffix (a trailing ``.gz`` is decompressed, within ``Limits.max_bytes``):

- ``.txt .md .markdown``: one news article (title, byline, date and url lines recognised);
- ``.jsonl .ndjson``: one article per line (``text`` required); ``.json``: one object, an
  array of objects, or JSON Lines;
- ``.html .htm``: main text and metadata by trafilatura;
- ``.warc .arc`` (and ``.warc.gz``): every HTML or text page of a web archive, by warcio
  (an error names the archive and the record's number).

Other suffixes (and ``-``, standard input) are sniffed: ``{`` starts JSON Lines, ``<`` HTML,
anything else is text. Directories are walked recursively in sorted order, reading only
files with the suffixes above and skipping hidden names.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from communique.errors import EncodingError, InputError
from communique.model import Article, Origin
from communique.settings import Limits

from ._decode import (
    LATIN1_NOTE,
    decode_bytes,
    guess_language,
    normalize_text,
    read_limited,
    read_stream_limited,
)
from ._html import decode_html, parse_html
from ._jsonl import parse_record, read_json_document, read_jsonl, read_jsonl_text
from ._text import article_id, parse_date, parse_text_article
from ._warc import WARC_SUFFIXES, read_warc

__all__ = [
    "LATIN1_NOTE",
    "SUFFIXES",
    "EncodingError",
    "InputError",
    "article_id",
    "count_articles",
    "decode_bytes",
    "guess_language",
    "normalize_text",
    "parse_date",
    "parse_html",
    "parse_record",
    "parse_text_article",
    "read_articles",
    "read_warc",
]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES | WARC_SUFFIXES
STDIN_NAME = "<stdin>"


def read_articles(
    paths: Iterable[str | Path], *, limits: Limits | None = None, stdin: BinaryIO | None = None
) -> Iterator[Article | InputError]:
    """Articles from files, directories and ``-`` (standard input), with an InputError per skip.

    Nothing is raised for bad input: each unreadable file or record is yielded as an
    ``InputError`` (or ``EncodingError``) naming the file and line, and reading goes on.
    """
    limits = limits or Limits()
    for item in paths:
        if str(item) == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, limits)
            continue
        path = Path(item)
        try:
            if path.is_dir():
                for file in _walk(path):
                    if isinstance(file, InputError):
                        yield file
                    else:
                        yield from _read_file(file, limits)
            elif path.exists():
                yield from _read_file(path, limits)
            else:
                yield InputError("no such file or directory: check the path", path=path)
        except OSError as exc:
            yield InputError(f"cannot read: {exc.strerror or exc}; check the path and its permissions", path=path)


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """About how many articles ``read_articles`` will yield (for a progress bar's time left),
    counted without decoding them: a file per article, a non-blank line per JSON Lines record, a
    page record per WARC page. None when it cannot be known (standard input)."""
    total = 0
    for item in paths:
        if str(item) == "-":
            return None
        path = Path(item)
        files = (f for f in _walk(path) if isinstance(f, Path)) if path.is_dir() else iter([path])
        for file in files:
            try:
                total += _count_file(file)
            except (OSError, EOFError, ValueError):
                total += 1
    return total


def _count_file(path: Path) -> int:
    kind = format_of(path)
    if kind == "warc":
        from warcio.archiveiterator import ArchiveIterator

        with path.open("rb") as fh:
            return sum(1 for r in ArchiveIterator(fh) if r.rec_type in {"response", "resource"})
    if kind == "jsonl":
        import gzip

        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    return 1


def format_of(path: Path) -> str | None:
    """'text', 'jsonl', 'json', 'html' or 'warc' by suffix (ignoring a trailing .gz); None if unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in WARC_SUFFIXES:
        return "warc"
    return None


def _walk(root: Path) -> Iterator[Path | InputError]:
    """Readable files under a directory, recursively, in sorted path order (a directory's
    files and subdirectories interleaved by name); hidden names and symlinked directories skipped."""
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(f"cannot list directory: {exc.strerror or exc}; check its permissions", path=root)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file() and format_of(Path(entry.name)) is not None:
            yield Path(entry.path)


def _read_file(path: Path, limits: Limits) -> Iterator[Article | InputError]:
    name = str(path)
    try:
        kind = format_of(path)
        if kind == "jsonl":
            yield from read_jsonl(path, limits)
            return
        if kind == "json":
            yield from read_json_document(path, limits)
            return
        if kind == "warc":  # read record by record (warcio gunzips): archives are often gigabytes
            yield from read_warc(path, limits)
            return
        data = read_limited(path, limits)
        yield from _from_bytes(data, name, kind, limits)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}; check the file and its permissions", path=name)


def _read_stdin(stream: BinaryIO, limits: Limits) -> Iterator[Article | InputError]:
    try:
        data = read_stream_limited(stream, limits, name=STDIN_NAME)
        yield from _from_bytes(data, STDIN_NAME, None, limits)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"cannot read standard input: {exc.strerror or exc}", path=STDIN_NAME)


def _from_bytes(data: bytes, name: str, kind: str | None, limits: Limits) -> Iterator[Article | InputError]:
    """One decoded input of a known (or sniffed) format."""
    if not data:
        yield InputError("empty file: nothing to code; give an article with body text", path=name)
        return
    origin = Origin(name)
    if kind == "html":
        html, notes = decode_html(data, path=name)
        yield parse_html(html, origin=origin, limits=limits, notes=notes)
        return
    text, notes = decode_bytes(data, path=name)
    if kind is None:
        kind = _sniff(text)
    if kind == "jsonl":
        yield from read_jsonl_text(text, name, limits, notes)
    elif kind == "html":
        yield parse_html(text, origin=origin, limits=limits, notes=notes)
    else:
        yield parse_text_article(text, origin=origin, limits=limits, notes=notes)


def _sniff(text: str) -> str:
    head = normalize_text(text[:1000]).lstrip()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<") and head[1:2].isascii() and (head[1:2].isalpha() or head[1:2] == "!"):
        return "html"
    return "text"
