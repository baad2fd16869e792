"""HTML pages: main text and metadata by trafilatura, with a plain fallback extractor.

Script, style, noscript, template and comment text never reaches the body: trafilatura
drops them, and the fallback parser skips them too.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable
from datetime import date
from html.parser import HTMLParser
from typing import Any

from communique.errors import InputError
from communique.model import Article, Origin
from communique.settings import Limits

from ._decode import (
    check_body,
    check_raw_length,
    decode_bytes,
    guess_language,
    normalize_text,
    repair_mojibake,
)
from ._text import article_id, assemble, join_broken, parse_date, where

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LIST_MARK_RE = re.compile(r"^(?:[-*\u2022]|\d{1,3}[.)])\s+")


def decode_html(data: bytes, *, path: str | None) -> tuple[str, list[str]]:
    """Decode HTML bytes, honouring a ``<meta charset>`` when the bytes are not UTF-8."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET_RE.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", errors="replace")
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec and codec not in {"utf-8", "utf-16", "utf-32"}:
            return data.decode(codec, errors="replace"), [f"decoded as {codec} (declared in <meta charset>)"]
    return decode_bytes(data, path=path)


def parse_html(
    html: str,
    *,
    origin: Origin | None = None,
    url: str | None = None,
    published: date | None = None,
    limits: Limits | None = None,
    notes: Iterable[str] = (),
) -> Article:
    """One HTML page to an Article: main text, title, author, date, url (raises InputError)."""
    limits = limits or Limits()
    path, line = where(origin)
    all_notes = list(notes)
    check_raw_length(html, limits, path=path, line=line)  # a page may carry markup: twice the text limit
    html = normalize_text(html)
    if not html.strip():
        check_body(html, limits, path=path, line=line)
    meta = _extract(html, url)
    if meta is None:
        all_notes.append("main-text extractor found nothing: used the plain fallback extractor")
        meta = _fallback(html)
    text, fixed = repair_mojibake(meta.get("text") or "")
    if fixed:
        all_notes.append(f"repaired {fixed} mojibake sequence(s) (UTF-8 read as cp1252)")
    title = _clean(meta.get("title"))
    paragraphs = []
    for raw in normalize_text(text).split("\n"):
        para = _LIST_MARK_RE.sub("", raw.strip()) if raw.strip().startswith(("- ", "* ")) else raw.strip()
        if para and any(ch.isalnum() for ch in para):
            paragraphs.append(para)
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline repeated at the top of the text
    body, spans = assemble(join_broken(paragraphs))
    if not body.strip():
        raise InputError("no article text found in the HTML page: nothing to code", path=path, line=line)
    check_body(body, limits, path=path, line=line)
    page_url = _clean(meta.get("url")) or url
    found_date = parse_date(meta["date"]) if isinstance(meta.get("date"), str) else None
    return Article(
        id=article_id(body, url=page_url),
        text=body,
        title=title,
        byline=_clean(meta.get("author")),
        published=published or found_date,
        url=page_url,
        source=_clean(meta.get("sitename")),
        language=guess_language(body),
        paragraphs=spans,
        origin=origin,
        notes=tuple(all_notes),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = " ".join(normalize_text(value).split())
    return cleaned or None


def _extract(html: str, url: str | None) -> dict[str, Any] | None:
    """trafilatura's main text and metadata, or None if it finds nothing (or fails)."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
        )
    except Exception:  # the extractor must not take the run down on a hostile page
        return None
    if doc is None:
        return None
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    if not (data.get("text") or "").strip():
        return None
    return data


_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "nav", "footer",
                   "aside", "form", "button", "iframe", "object", "select", "textarea", "canvas"})
_BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
                    "tr", "blockquote", "pre", "main", "header", "figcaption", "dd", "dt", "table", "ul",
                    "ol", "hr", "body"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
                   "track", "wbr", "param"})


class _TextParser(HTMLParser):
    """Visible text of a page, block elements as line breaks; skips script/style/comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP and tag not in _VOID:
            self.skip.append(tag)
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP and tag in self.skip:
            while self.skip and self.skip.pop() != tag:
                pass
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def _fallback(html: str) -> dict[str, Any]:
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # html.parser on badly broken markup
        pass
    lines = [" ".join(x.split()) for x in "".join(parser.parts).split("\n")]
    return {"text": "\n".join(x for x in lines if x), "title": " ".join("".join(parser.title).split()) or None}
