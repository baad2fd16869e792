"""Plain-text and Markdown news files: header (title, byline, date), body paragraphs.

Also the helpers every reader shares: paragraph splitting and joining, body assembly
with offsets, dates and the article id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from communique.errors import InputError
from communique.model import Article, Origin
from communique.settings import Limits

from ._decode import check_body, check_raw_length, guess_language, normalize_text, repair_mojibake

# ---------------------------------------------------------------- shared helpers


def article_id(text: str, *, url: str | None = None, record_id: object = None) -> str:
    """Stable id: the record's own id if it has one, else sha1 (16 hex) of the url or the body."""
    if record_id is not None and not isinstance(record_id, (bool, dict, list)):
        rid = str(record_id).strip()
        if rid:
            return rid
    key = url if url else text
    return hashlib.sha1(key.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


_BLANK_SPLIT_RE = re.compile(r"\n[ \t]*\n\s*")
_INDENT_SPLIT_RE = re.compile(r"\n(?=[ \t])")


def split_paragraphs(text: str) -> list[str]:
    """Plain text to paragraphs: blank lines separate; lines within one are joined by a space.

    Text with no blank line but indented lines (newswire style) splits at the indents;
    otherwise it is one paragraph.
    """
    text = text.strip("\n")
    if _BLANK_SPLIT_RE.search(text):
        blocks = _BLANK_SPLIT_RE.split(text)
    elif "\n " in text or "\n\t" in text:
        blocks = _INDENT_SPLIT_RE.split(text)
    else:
        blocks = [text]
    out = []
    for block in blocks:
        para = " ".join(part.strip() for part in block.split("\n") if part.strip())
        if para:
            out.append(para)
    return out


def _open_quote(para: str) -> bool:
    return (
        para.count('"') % 2 == 1
        or para.count("\u201c") > para.count("\u201d")
        or para.count("\u00ab") > para.count("\u00bb")
    )


def join_broken(paragraphs: Sequence[str]) -> list[str]:
    """Join a paragraph cut inside an open quotation (or mid-sentence) to its lower-case sequel."""
    out: list[str] = []
    for para in paragraphs:
        if out and para[:1].islower():
            prev = out[-1]
            if _open_quote(prev) or prev[-1:].islower() or prev[-1:] == ",":
                out[-1] = prev + " " + para
                continue
        out.append(para)
    return out


def assemble(paragraphs: Iterable[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Body text (paragraphs joined by a blank line) and each paragraph's offsets."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in paragraphs:
        if parts:
            pos += 2
        parts.append(para)
        spans.append((pos, pos + len(para)))
        pos += len(para)
    return "\n\n".join(parts), tuple(spans)


def where(origin: Origin | None) -> tuple[str | None, int | None]:
    return (origin.path, origin.line) if origin else (None, None)


# ---------------------------------------------------------------- dates

DATEPARSER_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATEISH_RE = re.compile(rf"\b(?:{_MONTHS})\b|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}", re.IGNORECASE)
_DATE_PREFIX_RE = re.compile(
    r"^(?:last\s+)?(?:updated|published|posted|date[d]?|first\s+published|modified)\s*(?:on|at)?\s*[:\-]?\s*",
    re.IGNORECASE,
)
_STRPTIME_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%A, %B %d, %Y", "%d.%m.%Y")


def parse_date(value: str) -> date | None:
    """A date from a string (ISO first, common formats, then dateparser); None if none."""
    value = value.strip()
    if not value or len(value) > 80:
        return None
    m = _ISO_RE.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None  # looks ISO but is impossible (2021-13-45): do not let dateparser guess
    for fmt in _STRPTIME_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    if not any(ch.isdigit() for ch in value):
        return None
    try:
        import dateparser

        parsed = dateparser.parse(value, settings=DATEPARSER_SETTINGS)  # type: ignore[arg-type]
    except Exception:  # dateparser can fail in odd ways on odd strings
        return None
    return parsed.date() if parsed else None


def _date_line(line: str) -> date | None:
    if len(line) > 60 or len(line.split()) > 9:
        return None
    body = _DATE_PREFIX_RE.sub("", line).strip(" |-")
    if not _DATEISH_RE.search(body) or not any(ch.isdigit() for ch in body):
        return None
    return parse_date(body)


# ---------------------------------------------------------------- Markdown

_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK_RE = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)|\[([^\]\n]+)\]\[[^\]\n]*\]")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^>\s]+|www\.[^>\s]+)>")
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_RE = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_CODE_RE = re.compile(r"`([^`\n]+)`")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_REFDEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+)$")
_LIST_RE = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,3}[.)])\s+(.*)$")
_QUOTE_MARK_RE = re.compile(r"^\s*(?:>\s?)+")


def inline_markdown(line: str) -> str:
    """Inline Markdown to plain text: images out, links to their text, emphasis marks out."""
    if "[" in line:
        line = _IMAGE_RE.sub("", line)
        line = _LINK_RE.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), line)
    if "<" in line:
        line = _AUTOLINK_RE.sub(r"\1", line)
    if "*" in line or "_" in line:
        for _ in range(2):  # nested **_x_**
            line = _STRONG_RE.sub(r"\2", line)
        line = _EM_RE.sub(r"\1", line)
    if "`" in line:
        line = _CODE_RE.sub(r"\1", line)
    if "\\" in line:
        line = _ESCAPE_RE.sub(r"\1", line)
    return re.sub(r" {2,}", " ", line).strip()


_URL_LINE_RE = re.compile(
    r"^\s*(?:[*_]{1,2})?(?:original\s+url|original\s+link|source\s+url|url|link|source|canonical(?:\s+url)?"
    r"|permalink)\s*(?:[*_]{1,2})?\s*:\s*(?:[*_]{1,2})?\s*<?((?:https?://|www\.)[^\s<>]+?)>?\s*(?:[*_]{1,2})?\s*$",
    re.IGNORECASE,
)
_RELATED_WORDS = (
    r"related(?:\s+(?:articles?|stories|story|news|content|coverage|links|reading|posts|topics))?"
    r"|read\s+(?:more|also)|also\s+read|see\s+also|more\s+on\s+(?:this|the)\s+(?:story|topic)|recommended"
    r"|more\s+from\s+\w+|you\s+may\s+also\s+like"
)
_RELATED_HEAD_RE = re.compile(
    rf"^\s*(?:#{{1,6}}\s*)?(?:[*_]{{1,2}})?\s*(?:{_RELATED_WORDS})\s*:?\s*(?:[*_]{{1,2}})?\s*:?\s*$",
    re.IGNORECASE,
)
_RELATED_INLINE_RE = re.compile(rf"^\s*(?:[*_]{{1,2}})?(?:{_RELATED_WORDS})\s*:", re.IGNORECASE)
_BYLINE_RE = re.compile(r"^by\s+(.+)$", re.IGNORECASE)


def _byline(line: str) -> tuple[str, date | None] | None:
    m = _BYLINE_RE.match(line)
    if not m:
        return None
    rest = m.group(1).strip()
    found: date | None = None
    parts = re.split(r"\s+[|\u2022\u00b7]\s+|\s+[\u2014\u2013]\s+", rest)
    if len(parts) > 1:
        found = _date_line(parts[-1])
        if found:
            rest = " ".join(parts[:-1])
    if not rest or len(rest.split()) > 10 or (rest.endswith((".", "!", "?")) and not rest.endswith(" Jr.")):
        return None
    if not rest[0].isupper():
        return None
    return rest, found


def _title_like(line: str) -> bool:
    return (
        0 < len(line) <= 150
        and len(line.split()) <= 20
        and not line.endswith((".", ",", ";", ":"))
        and not line[0].islower()
    )


# ---------------------------------------------------------------- the text article


def parse_text_article(
    text: str,
    *,
    origin: Origin | None = None,
    published: date | None = None,
    limits: Limits | None = None,
    notes: Iterable[str] = (),
    source: str | None = None,
) -> Article:
    """One plain-text or Markdown news article to an Article (raises InputError if unusable).

    ``published`` given here wins over a date line found in the text.
    """
    limits = limits or Limits()
    path, line_no = where(origin)
    all_notes = list(notes)
    check_raw_length(text, limits, path=path, line=line_no)
    text, fixed = repair_mojibake(text)
    if fixed:
        all_notes.append(f"repaired {fixed} mojibake sequence(s) (UTF-8 read as cp1252)")
    text = normalize_text(text)
    if not text.strip():
        check_body(text, limits, path=path, line=line_no)

    lines = text.split("\n")
    url: str | None = None
    kept: list[str] = []
    for raw in lines:
        m = _URL_LINE_RE.match(raw)
        if m:
            url = url or m.group(1)
            continue
        kept.append(raw)
    lines = _drop_related(kept)

    title, byline, found_date, start = _read_header(lines)
    paragraphs = join_broken(_markdown_paragraphs(lines[start:]))
    body, spans = assemble(paragraphs)
    if not body.strip():
        raise InputError(
            "no body text (only header lines, markup or punctuation): nothing to code; "
            "give an article with body text",
            path=path, line=line_no,
        )
    check_body(body, limits, path=path, line=line_no)
    return Article(
        id=article_id(body, url=url),
        text=body,
        title=title,
        byline=byline,
        published=published or found_date,
        url=url,
        source=source,
        language=guess_language(body),
        paragraphs=spans,
        origin=origin,
        notes=tuple(all_notes),
    )


def _drop_related(lines: list[str]) -> list[str]:
    """Drop 'Related articles' blocks (heading + following list); at the end they end the body."""
    total = sum(len(x) + 1 for x in lines) or 1
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(lines):
        raw = lines[i]
        if _RELATED_HEAD_RE.match(raw):
            if pos > 0.5 * total:
                break  # a trailing block: everything after it is page furniture
            i += 1
            while i < len(lines) and (
                not lines[i].strip() or _LIST_RE.match(lines[i]) or not inline_markdown(lines[i])
            ):
                i += 1
            continue
        if _RELATED_INLINE_RE.match(raw) and len(inline_markdown(raw)) <= 200:
            pos += len(raw) + 1
            i += 1
            continue
        out.append(raw)
        pos += len(raw) + 1
        i += 1
    return out


def _read_header(lines: list[str]) -> tuple[str | None, str | None, date | None, int]:
    """Title, byline and date from the lines at the top; returns where the body starts."""
    title: str | None = None
    byline: str | None = None
    found: date | None = None
    seen = 0
    i = 0
    n = len(lines)
    while i < n and seen < 8:
        raw = lines[i].strip()
        if not raw:
            i += 1
            continue
        clean = inline_markdown(raw)
        heading = _HEADING_RE.match(raw)
        if not clean:  # an image-only line, or only markup
            pass
        elif heading and title is None and inline_markdown(heading.group(2)):
            title = inline_markdown(heading.group(2))
        elif byline is None and (by := _byline(clean)):
            byline, by_date = by
            found = found or by_date
        elif found is None and (d := _date_line(clean)):
            found = d
        elif (
            title is None and seen == 0 and not heading and _title_like(clean)
            and i + 1 < n and not lines[i + 1].strip()
            and any(x.strip() for x in lines[i + 1:])
        ):
            title = clean
        else:
            break
        seen += 1
        i += 1
    return title, byline, found, i


def _markdown_paragraphs(lines: Sequence[str]) -> list[str]:
    """Body lines to paragraphs: blank lines, headings, list items and rules break them."""
    paras: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            para = " ".join(current).strip()
            if any(ch.isalnum() for ch in para):
                paras.append(para)
            current.clear()

    has_blank = any(not x.strip() for x in lines)
    for raw in lines:
        if not raw.strip() or _RULE_RE.match(raw):
            flush()
            continue
        if _REFDEF_RE.match(raw):
            continue
        if not has_blank and raw[:1] in (" ", "\t") and current:
            flush()  # newswire style: an indented line starts a paragraph
        line = _QUOTE_MARK_RE.sub("", raw)
        heading = _HEADING_RE.match(line)
        item = _LIST_RE.match(line)
        if heading:
            flush()
            current.append(inline_markdown(heading.group(2)))
            flush()
        elif item:
            flush()
            current.append(inline_markdown(item.group(1)))
        else:
            clean = inline_markdown(line)
            if clean:
                current.append(clean)
    flush()
    return paras
