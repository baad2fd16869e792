"""WARC archives (web crawls such as Common Crawl's CC-NEWS): one article per HTML or text page.

Records are read with ``warcio`` (plain or gzipped archives). Each ``response`` or ``resource``
record whose payload is HTML goes through the HTML reader, plain text through the text reader;
other records (requests, metadata, images, redirects) are passed over silently. A page with no
publication date of its own takes the record's crawl date, with a note saying so. A record that
cannot be read is reported with the archive's path and the record's number (counted from 1) and
reading goes on; a damaged archive stops at the damage, keeping what came before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from communique.errors import InputError
from communique.model import Article, Origin
from communique.settings import Limits

from ._decode import decode_bytes
from ._html import decode_html, parse_html
from ._text import parse_text_article

WARC_SUFFIXES = frozenset({".warc", ".arc"})
_PAGES = ("response", "resource")
_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
                    "continuation"})


def read_warc(path: Path, limits: Limits) -> Iterator[Article | InputError]:
    """Articles of a WARC file, with an InputError per page that cannot be read."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    number = 0
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                number += 1
                if record.rec_type not in _TYPES:
                    yield InputError(f"damaged record (type {record.rec_type!r}): skipped; the archive may be "
                                     "truncated", path=name, line=number)
                    continue
                if record.rec_type not in _PAGES:
                    continue
                kind = _kind(record)
                if kind is None:
                    continue
                try:
                    yield _page(record, kind, Origin(name, number), limits)
                except InputError as exc:
                    yield exc
        except ArchiveLoadFailed as exc:
            yield InputError(f"not a readable WARC archive after record {number} ({exc}); "
                             "check that the file is complete", path=name, line=number + 1)


def _kind(record) -> str | None:
    """'html' or 'text' for a page worth reading, None for anything else."""
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return None  # redirects, errors: no article
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    ctype = ctype.split(";")[0].strip().lower()
    if ctype in {"text/html", "application/xhtml+xml"}:
        return "html"
    if ctype in {"text/plain", "text/markdown"}:
        return "text"
    return None


def _page(record, kind: str, origin: Origin, limits: Limits) -> Article:
    data = record.content_stream().read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise InputError(f"page is over the {limits.max_bytes:,}-byte limit: skipped (raise COMMUNIQUE_MAX_BYTES "
                         "to read it)", path=origin.path, line=origin.line)
    if not data.strip():
        raise InputError("empty page: nothing to code", path=origin.path, line=origin.line)
    url = record.rec_headers.get_header("WARC-Target-URI")
    if kind == "html":
        html, notes = decode_html(data, path=str(origin))
        article = parse_html(html, origin=origin, url=url, limits=limits, notes=notes)
    else:
        text, notes = decode_bytes(data, path=str(origin))
        article = parse_text_article(text, origin=origin, limits=limits, notes=notes)
        if url and not article.url:
            article = replace(article, url=url)
    crawled = _crawl_date(record.rec_headers.get_header("WARC-Date"))
    if article.published is None and crawled is not None:
        article = replace(article, published=crawled,
                          notes=(*article.notes, "no publication date on the page: used the crawl date"))
    return article


def _crawl_date(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
