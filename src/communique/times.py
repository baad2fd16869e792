"""The time stage: find time expressions and resolve them against the publication date.

Weekdays resolve to the most recent such day on or before the publication date (after it
with "next"); "yesterday", "last week", "earlier this month", explicit dates with or without
a year (via dateparser), bare years; "earlier"/"previously" mark a time before publication
with no exact day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from .model import TimeExpr

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_YEAR = re.compile(r"^(?:in |a |the )?((?:1[89]|20)\d\d)$")
_BEFORE_WORDS = {"earlier", "previously", "formerly"}
CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "acl", "appos", "parataxis", "csubj"}


@dataclass(frozen=True)
class TimeSpan:
    """A resolved time expression and the tokens it covers."""

    start: int  # token indices
    end: int
    expr: TimeExpr


def _weekday(text: str, published: date) -> tuple[date, str] | None:
    words = text.lower().split()
    for i, w in enumerate(words):
        if w.rstrip(".,") in WEEKDAYS:
            target = WEEKDAYS.index(w.rstrip(".,"))
            before = words[i - 1] if i else ""
            delta = (published.weekday() - target) % 7
            if before == "next":
                ahead = (target - published.weekday()) % 7 or 7
                return published + timedelta(days=ahead), "day"
            if before == "last" and delta == 0:
                delta = 7
            return published - timedelta(days=delta), "day"
    return None


def resolve(text: str, published: date | None) -> tuple[date | None, str] | None:
    """The date and precision of one expression, or None if it is not a point in time."""
    low = text.lower().strip()
    year = _YEAR.match(low)
    if year:
        return date(int(year.group(1)), 1, 1), "year"
    if published is None:
        return None
    if low in {"today", "this morning", "tonight", "this afternoon", "this evening"}:
        return published, "day"
    if low in {"yesterday", "last night"}:
        return published - timedelta(days=1), "day"
    if low == "tomorrow":
        return published + timedelta(days=1), "day"
    wd = _weekday(low, published)
    if wd:
        return wd
    if low in {"last week", "earlier this week", "this week"}:
        return None, "before" if "earlier" in low or "last" in low else "week"
    if low in {"last month"}:
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if low in {"earlier this month", "this month"}:
        return published.replace(day=1), "month"
    if low in {"last year"}:
        return date(published.year - 1, 1, 1), "year"
    if low in {"earlier this year", "this year"}:
        return date(published.year, 1, 1), "year"
    if low in _BEFORE_WORDS or low.startswith("earlier"):
        return None, "before"
    return _explicit(low, published)


_MONTH = r"([a-z]{3,9})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_SIMPLE_DATES = (  # the common shapes, read without dateparser: (pattern, month group, day group, year group)
    (re.compile(rf"^{_MONTH}\s+{_DAY}(?:,?\s+(\d{{4}}))?$"), 1, 2, 3),
    (re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?$"), 2, 1, 3),
    (re.compile(rf"^{_MONTH}(?:,?\s+(\d{{4}}))?$"), 1, None, 2),
)
_MONTH_NUMBER = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}


def _simple(low: str, published: date) -> tuple[date, bool, bool] | None:
    """"December 6", "6 Dec. 2012", "March", "March 2011" read without dateparser, as (date in the
    publication's year unless one is given, has a day, has a year); None for other shapes."""
    for pattern, mg, dg, yg in _SIMPLE_DATES:
        m = pattern.match(low)
        if m is None:
            continue
        word = m.group(mg)
        month = _MONTH_NUMBER.get(word[:3])
        if month is None or word not in (MONTHS[month - 1], word[:3], "sept"):
            return None
        year = int(m.group(yg)) if m.group(yg) else published.year
        try:
            return date(year, month, int(m.group(dg)) if dg else 1), dg is not None, bool(m.group(yg))
        except ValueError:
            return None
    return None


def _explicit(low: str, published: date) -> tuple[date | None, str] | None:
    if not any(m in low or m[:3] in low for m in MONTHS):
        return None
    simple = _simple(low, published)
    if simple is not None:
        day, has_day, has_year = simple
    else:
        import dateparser

        has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", low))
        has_year = bool(re.search(r"\b(1[89]|20)\d\d\b", low))
        settings = {"RELATIVE_BASE": _dt(published), "PREFER_DATES_FROM": "current_period",
                    "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
        parsed = dateparser.parse(low, languages=["en"], settings=settings)
        if parsed is None:
            return None
        day = parsed.date()
    if day.month == 2 and day.day == 29 and not has_year and day > published + timedelta(days=7):
        return None  # a leap day in the future has no date a year earlier
    if not has_year and day > published + timedelta(days=7):
        day = day.replace(year=day.year - 1)
    return (day, "day") if has_day else (day.replace(day=1), "month")


def _dt(day: date):
    from datetime import datetime

    return datetime(day.year, day.month, day.day, 12)


def find_times(doc: Doc, published: date | None, article_id: str) -> list[TimeSpan]:
    out: list[TimeSpan] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        span = _trim(ent)
        res = resolve(span.text, published)
        if res is None:
            continue
        day, precision = res
        out.append(TimeSpan(span.start, span.end, TimeExpr(article_id, span.text, span.start_char, span.end_char, day, precision)))
        taken.update(range(span.start, span.end))
    for tok in doc:
        if tok.i in taken:
            continue
        low = tok.lower_
        if low in _BEFORE_WORDS or (low == "earlier" and tok.dep_ in {"amod", "advmod"}):
            out.append(TimeSpan(tok.i, tok.i + 1, TimeExpr(article_id, tok.text, tok.idx, tok.idx + len(tok), None, "before")))
        elif _YEAR.match(low) and tok.dep_ in {"nummod", "compound", "amod", "pobj"} and tok.ent_type_ in {"DATE", ""}:
            res = resolve(low, published)
            if res:
                out.append(TimeSpan(tok.i, tok.i + 1, TimeExpr(article_id, tok.text, tok.idx, tok.idx + len(tok), res[0], res[1])))
    return sorted(out, key=lambda t: t.start)


def _trim(ent: Span) -> Span:
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in {"on", "the", "in", "at", "by"}:
        start += 1
    while end > start and (ent.doc[end - 1].is_space or ent.doc[end - 1].is_punct):
        end -= 1
    return ent.doc[start:end]


def clause_tokens(tok: Token) -> set[int]:
    """The trigger's own clause: its subtree without embedded clauses of their own."""
    out = {tok.i}
    stack = [c for c in tok.children if c.dep_ not in CLAUSE_DEPS]
    while stack:
        cur = stack.pop()
        out.add(cur.i)
        stack.extend(c for c in cur.children if c.dep_ not in CLAUSE_DEPS)
    return out


def time_for(trigger: Token, times: list[TimeSpan]) -> TimeSpan | None:
    """The time expression that dates an event: in its clause, else on a governing verb."""
    own = clause_tokens(trigger)
    doc = trigger.doc
    # "a 1997 agreement": a time that modifies another noun dates that noun, not the event
    times = [t for t in times if not (
        doc[t.start:t.end].root.dep_ in {"nummod", "compound", "amod", "nmod"}
        and doc[t.start:t.end].root.head.i != trigger.i
        and doc[t.start:t.end].root.head.pos_ in {"NOUN", "PROPN"}
    )]
    inside = [t for t in times if any(i in own for i in range(t.start, t.end))]
    if inside:
        return min(inside, key=lambda t: abs(t.start - trigger.i))
    ancestors = {a.i for a in trigger.ancestors}
    for a in trigger.ancestors:
        if a.dep_ in CLAUSE_DEPS or a.dep_ == "ROOT":
            clause = clause_tokens(a)
            hits = [t for t in times if any(i in clause for i in range(t.start, t.end))
                    and trigger.doc[t.start].head.i in ancestors | {trigger.i}]
            if hits:
                return hits[0]
            if a.dep_ in CLAUSE_DEPS:
                break
    return None
