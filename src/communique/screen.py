"""The screen stage: which sentences of an article can hold an event, decided before parsing.

Parsing (tagging, dependency parse, named entities) is most of the cost of coding an article,
and most news sentences carry no political event. The screen tokenizes the article, cuts it
into sentences by punctuation and line breaks, and keeps a sentence for the full pipeline only
when it has both

* an event cue: every word of some trigger entry (in any inflection: regular English endings
  and the lemmatizer's own table of irregular forms), or a speech verb that can carry a demand;
* an actor cue: a knowledge-base name, title, sector noun or organisation description, a
  pronoun the actors stage resolves, or a capitalised word inside the sentence (a name the
  knowledge base does not know).

Both tests only ever over-select: a sentence that fails one cannot produce an event, because
every event needs a trigger and an actor. Runs of kept sentences are parsed together, so the
parser still decides sentence boundaries inside them; the other sentences keep their tokens
and a flat placeholder tree (no tags, lemmas or entities), so offsets stay those of the article.
``Settings.parse = "full"`` (``COMMUNIQUE_PARSE=full``) parses everything, for comparison.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .events import EventCoder
from .inflection import stems
from .mentions import Matchers

SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…"})
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})


@dataclass(frozen=True)
class Unit:
    """A stretch of article text, [start, end) in characters, parsed or only tokenized."""

    start: int
    end: int
    parse: bool
    first: int = 0  # tokens [first, last) of the screened doc
    last: int = 0


class Screen:
    """Decides, per sentence, whether the full pipeline must see it (built once per pipeline)."""

    def __init__(self, nlp, coder: EventCoder, matchers: Matchers) -> None:
        self.nlp = nlp
        self.matchers = matchers
        # lemma -> word sets that must all be present for some trigger with that lemma
        cues: dict[str, set[frozenset[str]]] = defaultdict(set)
        for (_head, _pos), specs in coder.index.items():
            for spec in specs:
                words = frozenset(w.lower() for w in spec.lemma.split())
                for w in words:
                    cues[w].add(words)
        for verb in coder.lex["speech_verbs"]:
            cues[verb].add(frozenset({verb}))
        self.cues = {w: tuple(sets) for w, sets in cues.items()}
        self.irregular = _irregular_forms(nlp)
        self.pronouns = frozenset().union(
            *(coder.lex[name] for name in ("pronouns_male", "pronouns_female", "pronouns_group")))

    # ------------------------------------------------------------------ words
    def _lemmas(self, word: str) -> Iterable[str]:
        yield word
        yield from self.irregular.get(word, ())
        for stem in stems(word):
            yield stem
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                yield stem[:-1]  # "stopped" -> "stopp" -> "stop"

    def _has_event_cue(self, words: set[str]) -> bool:
        lemmas = {lemma for w in words for lemma in self._lemmas(w)}
        return any(need <= lemmas for lemma in lemmas for need in self.cues.get(lemma, ()))

    # ------------------------------------------------------------------ plan
    def plan(self, text: str) -> tuple[Doc, list[Unit]]:
        """The article tokenized, and its text cut into parsed and unparsed units."""
        doc = self.nlp.make_doc(text)
        if not len(doc):
            return doc, [Unit(0, len(text), False)]
        actor_at = bytearray(len(doc))
        for _, s, e in self.matchers.names(doc):
            actor_at[s:e] = b"\x01" * (e - s)
        for _, s, e in self.matchers.lower(doc):
            actor_at[s:e] = b"\x01" * (e - s)
        units: list[Unit] = []
        for s, e in sentence_bounds(doc):
            blank = all(t.is_space for t in doc[s:e])
            keep = units[-1].parse if blank and units else self._keep(doc, s, e, actor_at)
            start = 0 if not units else doc[s].idx
            end = doc[e].idx if e < len(doc) else len(text)
            if units and units[-1].parse == keep:
                units[-1] = Unit(units[-1].start, end, keep, units[-1].first, e)
            else:
                units.append(Unit(start, end, keep, s, e))
        return doc, units

    def _keep(self, doc: Doc, s: int, e: int, actor_at: bytearray) -> bool:
        actor = any(actor_at[s:e])
        words: set[str] = set()
        first = True
        for tok in doc[s:e]:
            if tok.is_space or tok.is_punct:
                continue
            low = tok.lower_
            words.add(low)
            if not actor and (low in self.pronouns or (not first and tok.is_alpha and tok.text[0].isupper())):
                actor = True
            first = False
        return actor and self._has_event_cue(words)


def sentence_bounds(doc: Doc | Span) -> list[tuple[int, int]]:
    """Sentences as token ranges, cut after final punctuation (and closing quotes) before a word
    that does not start in lower case, and at line breaks. Cautious where a cut could fall inside
    a sentence ("Lt. Gen. Avril", "U.S. troops"): joining two sentences costs a little parsing,
    cutting one in two could change its parse."""
    bounds: list[tuple[int, int]] = []
    start = 0
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        cut = None
        if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
            cut = i + 1
        elif tok.text in SENTENCE_ENDS or (tok.is_punct and tok.text[-1] in "!?"):
            end = i + 1
            while end < n and (doc[end].text in CLOSERS or doc[end].text in SENTENCE_ENDS):
                end += 1
            abbreviated = tok.text == "." and i > start and _abbreviation(doc[i - 1])
            if abbreviated or (end < n and doc[end].text[:1].islower()):
                i = end  # no cut in this run of punctuation: go on after it
                continue
            cut = end
        if cut is not None and cut < n:
            bounds.append((start, cut))
            start = cut
            i = cut
            continue
        i += 1
    bounds.append((start, n))
    return bounds


def _abbreviation(word) -> bool:
    """A word a full stop may abbreviate rather than end: short and capitalised ("Gen", "Lt",
    "St", "U"), or with inner dots."""
    text = word.text
    return (len(text) <= 4 and text[:1].isupper() and not word.whitespace_) or "." in text


def unparsed(span: Span) -> Doc:
    """Tokens of text the screen left out, with a flat tree per sentence (the first token the
    root, every other word attached to it) so sentence boundaries survive joining with parsed
    docs; no tags, lemmas or entities, so no stage finds an event there."""
    words = [t.text for t in span]
    spaces = [bool(t.whitespace_) for t in span]
    heads: list[int] = []
    deps: list[str] = []
    for s, e in sentence_bounds(span):
        for i in range(s, e):
            heads.append(s)
            deps.append("ROOT" if i == s else "dep")
    return Doc(span.doc.vocab, words=words, spaces=spaces, heads=heads, deps=deps)


def _irregular_forms(nlp) -> dict[str, tuple[str, ...]]:
    """Irregular inflections ("met" -> "meet", "fought" -> "fight") from the lemmatizer's tables."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return {}
    table = lookups.get_table("lemma_exc")
    out: dict[str, set[str]] = defaultdict(set)
    for pos in ("verb", "noun", "adj"):
        for form, lemmas in (table.get(pos) or {}).items():
            out[form.lower()].update(lemma.lower() for lemma in lemmas)
    return {form: tuple(lemmas) for form, lemmas in out.items()}
