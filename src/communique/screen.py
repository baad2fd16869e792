"""The screen stage: which sentences of an article can hold an event, decided before parsing.

Parsing (tagging, dependency parse, named entities) is most of the cost of coding an article,
and most news sentences carry no political event. The screen tokenizes the article, cuts it
into sentences by punctuation and line breaks, and keeps a sentence for the full pipeline only
when it has both

* an event cue: a word that the lemmatizer could read as the head of a trigger entry with the
  entry's part of speech (its suffix rules and exception tables for verbs, nouns and adjectives:
  "according" can be the verb "accord" but never the noun), with the entry's other words and
  required complement somewhere in the sentence; or a speech verb (a demand in what is said,
  and the speaker that quotes and reported events rest on); or a wish verb with a to-clause;
* an actor cue: a knowledge-base name, title, sector noun or organisation description, a
  pronoun the actors stage resolves, or a word with a capital letter inside the sentence (a
  name the knowledge base does not know, or one typed in mixed case: "iSrael").

Both tests only ever over-select: a sentence that fails one cannot produce an event, because
every event needs a trigger and an actor. Runs of kept sentences are parsed together, so the
parser still decides sentence boundaries inside them; the other sentences keep their tokens
and a flat placeholder tree (no tags, lemmas or entities), so offsets stay those of the article.
``Settings.parse = "full"`` (``COMMUNIQUE_PARSE=full``) parses everything, for comparison.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .events import EventCoder
from .inflection import stems
from .mentions import Matchers

SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…"})
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})


@dataclass(frozen=True)
class _Reading:
    needs: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (other words, complement) per trigger
    speech: bool
    wish: bool
    lemmas: frozenset[str]


@dataclass(frozen=True)
class Unit:
    """A stretch of article text, [start, end) in characters, parsed or only tokenized."""

    start: int
    end: int
    parse: bool
    first: int = 0  # tokens [first, last) of the screened doc
    last: int = 0
    sentences: tuple[int, ...] = ()  # where its sentences start, in tokens of the screened doc


class Screen:
    """Decides, per sentence, whether the full pipeline must see it (built once per pipeline)."""

    def __init__(self, nlp, coder: EventCoder, matchers: Matchers) -> None:
        self.nlp = nlp
        self.matchers = matchers
        # (head lemma, part of speech) -> what else the trigger needs: its other words, and one
        # of its required complement words (empty: none required)
        needs: dict[tuple[str, str], set[tuple[frozenset[str], frozenset[str]]]] = defaultdict(set)
        for (head, pos), specs in coder.index.items():
            for spec in specs:
                words = frozenset(w.lower() for w in spec.lemma.split()) - {head}
                needs[head, pos].add((words, frozenset(w.lower() for w in spec.complement)))
        self.needs = {key: tuple(sets) for key, sets in needs.items()}
        self.speech = frozenset(coder.lex["speech_verbs"])
        self.wish = frozenset(coder.lex["wish_verbs"])
        self.forms = _Forms(nlp)
        self._readings: dict[str, _Reading] = {}
        self.pronouns = frozenset().union(
            *(coder.lex[name] for name in ("pronouns_male", "pronouns_female", "pronouns_group")))

    # ------------------------------------------------------------------ words
    def _reading(self, word: str) -> _Reading:
        """What a word can be (remembered per word): the needs of the triggers it can head, whether
        it can be a speech or a wish verb, and every lemma it can have."""
        found = self._readings.get(word)
        if found is None:
            needs: list[tuple[frozenset[str], frozenset[str]]] = []
            verbs: set[str] = set()
            loose: set[str] = set()
            for pos in ("VERB", "NOUN", "ADJ"):
                for lemma in self.forms.lemmas(word, pos):
                    loose.add(lemma)
                    if pos == "VERB":
                        verbs.add(lemma)
                    needs.extend(self.needs.get((lemma, pos), ()))
            if len(self._readings) >= 20_000:
                self._readings.clear()
            found = self._readings[word] = _Reading(tuple(needs), bool(verbs & self.speech),
                                                    bool(verbs & self.wish), frozenset(loose))
        return found

    def _has_event_cue(self, words: set[str]) -> bool:
        """Whether some word, read as a verb, noun or adjective the way the lemmatizer could read
        it, is the head of a trigger whose other words are in the sentence too; or a speech verb;
        or a wish verb with a to-clause."""
        readings = [self._reading(w) for w in words]
        needs = [need for r in readings for need in r.needs]
        if needs:
            loose = frozenset().union(*(r.lemmas for r in readings))
            if any(extra <= loose and (not need or need & loose) for extra, need in needs):
                return True
        # a speech verb: its sentence may state a demand ("X said Y must ..."), and its speaker is
        # what quotes and the "according to whom" of events in nearby sentences rest on
        return any(r.speech for r in readings) or ("to" in words and any(r.wish for r in readings))

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
                last = units[-1]
                units[-1] = Unit(last.start, end, keep, last.first, e, (*last.sentences, s))
            else:
                units.append(Unit(start, end, keep, s, e, (s,)))
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
            if not actor and (low in self.pronouns or (not first and tok.is_alpha and not tok.is_lower)):
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


def unparsed(span: Span, starts: tuple[int, ...] | None = None) -> Doc:
    """Tokens of text the screen left out, with a flat tree per sentence (the first token the
    root, every other word attached to it) so sentence boundaries survive joining with parsed
    docs; no tags, lemmas or entities, so no stage finds an event there. ``starts``: where the
    sentences start, in tokens of the span's doc, when the screen knows them already."""
    words = [t.text for t in span]
    spaces = [bool(t.whitespace_) for t in span]
    if starts:
        cuts = [s - span.start for s in starts if span.start <= s < span.end]
        bounds = list(zip(cuts, [*cuts[1:], len(span)], strict=True)) if cuts and cuts[0] == 0 \
            else sentence_bounds(span)
    else:
        bounds = sentence_bounds(span)
    heads: list[int] = []
    deps: list[str] = []
    for s, e in bounds:
        for i in range(s, e):
            heads.append(s)
            deps.append("ROOT" if i == s else "dep")
    return Doc(span.doc.vocab, words=words, spaces=spaces, heads=heads, deps=deps)


class _Forms:
    """The lemmas a word form can have as a verb, noun or adjective under spaCy's rule lemmatizer
    (its suffix rules and exception tables for that part of speech), without tagging it. Verbs
    also get the regular stems trigger matching falls back on when the lemmatizer slips."""

    def __init__(self, nlp) -> None:
        self.rules: dict[str, tuple[tuple[str, str], ...]] = {}
        self.exceptions: dict[str, dict[str, tuple[str, ...]]] = {}
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
        for pos in ("VERB", "NOUN", "ADJ"):
            key = pos.lower()
            rules = lookups.get_table("lemma_rules").get(key, []) if lookups and lookups.has_table("lemma_rules") else []
            exc = lookups.get_table("lemma_exc").get(key, {}) if lookups and lookups.has_table("lemma_exc") else {}
            self.rules[pos] = tuple((old, new) for old, new in rules)
            self.exceptions[pos] = {form.lower(): tuple(x.lower() for x in lemmas) for form, lemmas in exc.items()}

    def lemmas(self, word: str, pos: str) -> set[str]:
        out = {word, *self.exceptions[pos].get(word, ())}
        out.update(word[: len(word) - len(old)] + new for old, new in self.rules[pos]
                   if word.endswith(old) and len(word) > len(old))
        if pos == "VERB":
            for stem in stems(word):
                out.add(stem)
                if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                    out.add(stem[:-1])  # "stopped" -> "stopp" -> "stop"
        return out
