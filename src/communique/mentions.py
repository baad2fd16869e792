"""The mentions stage: spans of a parsed article that can name an actor.

Names, abbreviations, capitals and adjectives from the knowledge base are found with spaCy
phrase matchers (case-sensitive for names, lower-case for role titles, sector nouns and
organisation descriptions). Every noun phrase head then becomes a ``Phrase``: the head
token, its span, and the knowledge-base spans and titles inside it. The actors stage
resolves phrases to actors.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .knowledge import KnowledgeBase
from .places import entity_around, in_us_state, lookup

HEAD_POS = {"PROPN", "NOUN", "PRON"}
NOT_HEAD_DEPS = {"compound", "nmod", "flat", "amod"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "case", "punct", "quantmod", "advmod", "npadvmod", "prep", "pobj", "cc", "conj", "hmod", "hyph", "appos"}


@dataclass(frozen=True)
class Phrase:
    """A noun phrase that may name an actor, seen from its head token."""

    head: int  # token index in the doc
    start: int  # token span [start, end)
    end: int
    names: tuple[Span, ...] = ()  # knowledge-base name spans inside the phrase
    titles: tuple[Span, ...] = ()  # role titles inside the phrase
    sectors: tuple[Span, ...] = ()  # sector nouns inside the phrase
    kind: str = "noun"  # name | pronoun | noun

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


@dataclass
class Matchers:
    names: PhraseMatcher
    lower: PhraseMatcher
    keys: dict[int, str] = field(default_factory=dict)


def build_matchers(nlp, kb: KnowledgeBase) -> Matchers:
    """Phrase matchers over every knowledge-base surface form (built once per pipeline)."""
    names = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    surfaces = sorted(kb.names)
    names.add("NAME", list(nlp.tokenizer.pipe(surfaces)))
    titles = sorted(kb.titles)
    lower.add("TITLE", list(nlp.tokenizer.pipe(titles)))
    lower.add("SECTOR", list(nlp.tokenizer.pipe(sorted(kb.sector_nouns))))
    lower.add("ORGDESC", list(nlp.tokenizer.pipe(sorted(kb.org_descriptions))))
    return Matchers(names, lower)


def _phrase_bounds(head: Token) -> tuple[int, int]:
    """The left part of the head's noun phrase (not its clauses), plus name-internal right words."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS or child.dep_ in NOT_HEAD_DEPS:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    # "Organization for Security and Cooperation in Europe", "Secretary of State": capitalised
    # prepositional tails belong to the name.
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "on", "in"} and head.pos_ == "PROPN":
            tail = list(child.subtree)
            if all(t.is_title or t.is_upper or t.is_stop or t.is_punct for t in tail) and any(
                t.is_title for t in tail
            ):
                end = max(end, tail[-1].i + 1)
    # "the organization's elections and human rights watchdog", parsed as "elections" + conj
    # "watchdog": a bare first conjunct is a modifier of the second
    first = head.head
    if head.dep_ == "conj" and first.pos_ == "NOUN" and first.i < head.i and any(
        c.dep_ in {"compound", "amod"} for c in head.children
    ) and all(c.dep_ in {"det", "poss", "case", "cc", "conj"} for c in first.children):
        start = min(start, first.left_edge.i)
    while start < head.i and head.doc[start].is_punct:
        start += 1
    return start, end


def find_phrases(doc: Doc, kb: KnowledgeBase, m: Matchers) -> list[Phrase]:
    """Every candidate actor phrase of the doc, in document order."""
    name_spans = filter_spans([doc[s:e] for _, s, e in m.names(doc)])
    lower_hits = m.lower(doc)
    label = doc.vocab.strings
    titles = filter_spans([doc[s:e] for mid, s, e in lower_hits if label[mid] == "TITLE"])
    sectors = filter_spans([doc[s:e] for mid, s, e in lower_hits if label[mid] == "SECTOR"])
    descs = filter_spans([doc[s:e] for mid, s, e in lower_hits if label[mid] == "ORGDESC"])
    name_spans = filter_spans([*name_spans, *_miscased_names(doc, kb, name_spans, titles)])
    name_spans = [s for s in name_spans if not inside_other_place(s, kb)]
    name_at: dict[int, Span] = {}
    for span in name_spans:
        for tok in span:
            name_at[tok.i] = span
    starts = ([s.start for s in name_spans], [s.start for s in titles], [s.start for s in sectors], [s.start for s in descs])
    phrases: list[Phrase] = []
    for tok in doc:
        if tok.pos_ not in HEAD_POS and tok.i not in name_at:
            continue
        span = name_at.get(tok.i)
        if span is not None and span.root.i != tok.i:
            continue  # a word inside a multi-word name: the name's root is the head
        modifier = tok.dep_ in NOT_HEAD_DEPS and tok.head.pos_ in HEAD_POS and tok.head.i != tok.i
        if modifier and span is None and tok.lower_ not in kb.sector_nouns:
            continue
        if modifier:
            # a name or sector noun modifying another noun ("OSCE institutions", "police
            # crackdowns") is a mention of its own, limited to its own words
            start, end = (span.start, span.end) if span is not None else (tok.i, tok.i + 1)
        else:
            start, end = _phrase_bounds(tok)
            if span is not None:
                start, end = min(start, span.start), max(end, span.end)
        kind = "pronoun" if tok.pos_ == "PRON" else "name" if (span is not None or tok.pos_ == "PROPN") else "noun"
        phrases.append(
            Phrase(
                head=tok.i, start=start, end=end,
                names=_within(name_spans, starts[0], start, end),
                titles=_within(titles, starts[1], start, end),
                sectors=_within(sectors, starts[2], start, end) + _within(descs, starts[3], start, end),
                kind=kind,
            )
        )
    return phrases


def inside_other_place(span: Span, kb: KnowledgeBase) -> bool:
    """A country's name inside the name of a place elsewhere: "Mexico" in "New Mexico", "Jersey"
    in "New Jersey" (the place entity around it, which the gazetteer puts in another country);
    a US state named after one of its cities ("Atlanta, Georgia")."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].pos_ == "PROPN" \
            and in_us_state(doc[span.start - 2].text, span.text):
        return True  # "Atlanta, Georgia": the state
    if span[0].ent_iob_ != "I" or span[0].ent_type_ not in {"GPE", "LOC"}:
        return False  # not inside a longer place name
    place = lookup(entity_around(span[0]).text.removeprefix("the ").strip())
    own = {r.id for r in kb.refs(span.text) if r.kind == "country"}
    return place is not None and bool(place.country) and bool(own) and place.country not in own


def _inside(spans: list[Span], start: int, end: int) -> tuple[Span, ...]:
    return tuple(s for s in spans if s.start >= start and s.end <= end)


def _within(spans: list[Span], starts: list[int], start: int, end: int) -> tuple[Span, ...]:
    """``_inside`` for spans in order and not overlapping (as ``filter_spans`` gives them), with
    their ``starts``: those inside [start, end) are a run from the first starting in it."""
    out: list[Span] = []
    for k in range(bisect_left(starts, start), len(spans)):
        if spans[k].end > end:
            break
        out.append(spans[k])
    return tuple(out)


def _miscased_names(doc: Doc, kb: KnowledgeBase, names: list[Span], titles: list[Span]) -> list[Span]:
    """One-word names typed in the wrong case: mixed case ("iSrael"), or lower case right after
    a role title ("President obama"). A lower-case word elsewhere is a common word ("turkey")."""
    taken = {t.i for s in names for t in s}
    after_title = {t.end for t in titles}
    out: list[Span] = []
    for tok in doc:
        if tok.i in taken or not tok.is_alpha or len(tok) < 3 or tok.is_title or tok.is_upper:
            continue
        if (not tok.is_lower or tok.i in after_title) and kb.refs(tok.text, any_case=True):
            out.append(doc[tok.i:tok.i + 1])
    return out
