"""The pipeline: one article in, a ``CodedArticle`` out; batches of files into a store.

Stages, each a module with one job: ingest -> nlp -> mentions -> actors -> times ->
attribution -> events -> places -> dedup -> store.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, cached_property
from pathlib import Path

import numpy
from spacy.tokens import Doc, Span

from . import __version__
from .actors import resolve_mentions
from .attribution import find_quotes, quote_at
from .dedup import merge_repeats
from .errors import CodingError
from .events import Draft, EventCoder
from .knowledge import KnowledgeBase, Lexicon, Ontology, load_kb, load_lexicon, load_ontology
from .knowledge.ontology import CueIndex, cue_index
from .mentions import Matchers, build_matchers, find_phrases
from .model import Actor, Article, CodedArticle, Event
from .places import load_gazetteer, place_entities, place_for
from .records import records as _records
from .screen import Screen, Unit, unparsed
from .settings import Settings
from .times import find_times, time_for


@dataclass
class Pipeline:
    """The loaded models and knowledge, reused for every article."""

    settings: Settings = field(default_factory=Settings)
    actor_files: tuple[Path, ...] = ()
    _cold: bool = field(default=True, init=False, repr=False, compare=False)  # no chunk coded yet (code_many)

    @cached_property
    def nlp(self):
        from .nlp import load

        return load(self.settings.model)

    @cached_property
    def kb(self) -> KnowledgeBase:
        return load_kb(tuple(self.actor_files) + tuple(self.settings.actor_files))

    @cached_property
    def onto(self) -> Ontology:
        return load_ontology()

    @cached_property
    def lex(self) -> Lexicon:
        return load_lexicon()

    @cached_property
    def matchers(self) -> Matchers:
        return build_matchers(self.nlp, self.kb)

    @cached_property
    def coder(self) -> EventCoder:
        return EventCoder(self.onto, self.lex, self.kb)

    @cached_property
    def screen(self) -> Screen:
        return Screen(self.nlp, self.coder, self.matchers)

    @cached_property
    def _loaded(self) -> bool:
        """Build the screen (so the model and the knowledge too), then take every object alive
        out of the garbage collector's full passes (``gc.freeze``): the loaded model and knowledge
        are some 480,000 objects that live as long as the process, which each full pass would
        scan again (about 2% of the time of a run, measured). The gazetteer's index is built
        first, so that it is frozen too."""
        self.screen  # noqa: B018
        load_gazetteer()
        gc.freeze()
        return True

    @cached_property
    def coder_version(self) -> str:
        return f"communique-{__version__}+{self.kb.version}+{self.onto.version}"

    @cached_property
    def _context_cues(self) -> CueIndex:
        return cue_index(self.onto.contexts)

    # ------------------------------------------------------------------ coding
    def code(self, article: Article) -> CodedArticle:
        return next(self.code_many([article]))

    def code_many(self, articles: Iterable[Article], batch_size: int | None = None,
                  errors: list[CodingError] | None = None) -> Iterator[CodedArticle]:
        """Code articles in batches. An article that makes a stage fail is left out and, when
        ``errors`` is given, reported there (otherwise the error is raised): a batch goes on."""
        batch = batch_size or self.settings.batch_size
        self._loaded  # noqa: B018 - build before any memory zone: its strings must stay
        for chunk in _chunks(articles, CHUNK_ARTICLES, CHUNK_CHARS):
            # strings spaCy interns while parsing a chunk are freed after it, so memory does not
            # grow with the corpus; coded articles hold plain Python values only. The pipeline's
            # first chunk is coded outside a zone, once: inside one the tokenizer remembers
            # nothing, and that chunk's words fill its cache for the rest of the run, as they
            # would in spaCy used without zones (tokenizing 40% faster, measured; its strings,
            # a chunk's worth, stay)
            warm = self._cold
            self._cold = False
            with nullcontext() if warm else self.nlp.memory_zone():
                yield from self._code_chunk(chunk, batch, errors)
            _give_back_memory()

    def _docs(self, chunk: list[Article], batch: int) -> Iterator[tuple[Doc, Article]]:
        """Parsed docs in article order. The screen picks the stretches of each article that can
        hold an event; those are parsed (long ones in pieces cut at paragraph breaks, so peak
        memory does not depend on the longest article), the rest only tokenized, and all are
        joined again into one doc with the article's text and offsets."""
        plans = [self._plan(article.text) for article in chunk]
        inputs = (_tokens(article.text, cheap, u) for article, (cheap, units) in zip(chunk, plans, strict=True)
                  for u in units if u.parse)
        parsed = self._parse(inputs, batch)
        for article, (cheap, units) in zip(chunk, plans, strict=True):
            parts = [next(parsed) if u.parse else unparsed(cheap[u.first:u.last], u.sentences) for u in units]
            parts = [p for p in parts if len(p)]
            if len(parts) == 1:
                yield parts[0], article
            else:
                yield _joined(parts, cheap, units) if parts else self.nlp.make_doc(article.text), article

    def _parse(self, inputs: Iterable[Doc | str], batch: int) -> Iterator[Doc]:
        """The spaCy pipeline over the inputs, in batches of about ``BATCH_TOKENS`` tokens and at
        most ``4 * batch`` pieces (an article of ``batch`` gives three or four pieces to parse):
        the model's working arrays take some 6 KB per token of a batch, so batches bounded only
        by count would make peak memory follow the longest articles of the corpus, and bounded by
        characters, the densest (a list of results has 3.8 characters a token, prose 5.4).
        Measured on 1,000 corpus articles: some 24,000 characters in up to 128 pieces parse 14%
        faster than 12,000 in up to 32."""
        for group in _chunks(inputs, 4 * batch, BATCH_TOKENS, _size):
            yield from map(_without_tensor, self.nlp.pipe(group, batch_size=len(group)))

    def _plan(self, text: str) -> tuple[Doc | None, list[Unit]]:
        if self.settings.parse == "full":
            cheap, units = None, [Unit(0, len(text), True)]
        else:
            cheap, units = self.screen.plan(text)
        out: list[Unit] = []
        for u in units:
            if u.parse and u.end - u.start > PIECE_CHARS:
                at = u.start
                for piece in split_text(text[u.start:u.end], PIECE_CHARS):
                    out.append(Unit(at, at + len(piece), True))  # parsed from text, not tokens
                    at += len(piece)
            else:
                out.append(u)
        return cheap, out

    def _code_chunk(self, chunk: list[Article], batch: int, errors: list[CodingError] | None) -> Iterator[CodedArticle]:
        for doc, article in self._docs(chunk, batch):
            try:
                coded = self.code_doc(article, doc)
                records_check(coded)
            except Exception as exc:
                err = CodingError(f"coding article {article.id!r} failed ({type(exc).__name__}: {exc}); "
                                  "it was skipped - please report this with the article",
                                  path=article.origin.path if article.origin else None,
                                  line=article.origin.line if article.origin else None)
                if errors is None:
                    raise err from exc
                errors.append(err)
                continue
            yield coded

    def code_doc(self, article: Article, doc: Doc) -> CodedArticle:
        day = article.published
        phrases = find_phrases(doc, self.kb, self.matchers)
        mentions = resolve_mentions(doc, phrases, self.kb, self.lex, day, article.id)
        times = find_times(doc, day, article.id)
        quotes = find_quotes(doc, mentions, self.lex, article.id)
        countries = Counter(m.actor.country for m in mentions.values() if m.actor and m.actor.country)
        sents = list(doc.sents)
        events: list[Event] = []
        places: list[Span] | None = None  # the doc's place entities, found once if any event needs them
        for si, sent in enumerate(sents):
            drafts = self.coder.code_sentence(sent, mentions)
            if drafts and places is None:
                places = place_entities(doc)
            cues = self._cue_contexts(sent.text) if drafts else ()
            for draft in drafts:
                event = self._event(article, doc, si, sent, draft, times, quotes, places or [], countries, cues)
                if event is not None:
                    events.append(event)
        events = merge_repeats(events, article.text)
        return CodedArticle(
            article=article,
            mentions=tuple(sorted(mentions.values(), key=lambda m: m.start)),
            events=tuple(events),
            quotes=tuple(q.quote for q in quotes),
            times=tuple(t.expr for t in times),
            places=tuple(e.location for e in events if e.location is not None),
        )

    def _cue_contexts(self, text: str) -> tuple[str, ...]:
        """The contexts whose cue words a sentence has (looked for once per sentence)."""
        return self._context_cues.contexts(text)

    @staticmethod
    def _contexts(draft: Draft, cues: tuple[str, ...]) -> tuple[str, ...]:
        """The trigger entry's contexts, then those its sentence's cue words add."""
        return (*draft.spec.contexts, *(name for name in cues if name not in draft.spec.contexts))

    def _event(self, article: Article, doc: Doc, si: int, sent, draft: Draft, times, quotes, places: list[Span],
               countries: Counter[str], cues: tuple[str, ...]) -> Event | None:
        trig = draft.trigger
        when = time_for(trig, times)
        if when is not None and (when.expr.date is not None or when.expr.precision == "before"):
            day, precision = when.expr.date, when.expr.precision
        else:
            day, precision = article.published, "publication" if article.published else None
        heads = {m.head for m in (draft.source_mention, draft.target_mention) if m is not None and m.head is not None}
        place = place_for(trig, doc, heads, countries, places)
        source = draft.source
        if source is not None and not (source.country or source.org or source.name):
            # "thousands of people protested in Belgrade": a group takes the country of the
            # place it acted in; with no place it cannot be put in a dyad
            if place is not None and place.country is not None:
                source = replace(source, country=place.country)
            elif not (draft.target is not None and (draft.target.country or draft.target.org) and (
                    draft.type in {"ASSAULT", "COERCE"} or (source.sector or "").lower() in self.lex["state_sectors"])):
                # "insurgents shelled Aleppo" keeps its unplaced perpetrators: the victim is known;
                # "the government thanked China": a state organ of no named state, as CAMEO's ---GOV
                return None
        target = draft.target
        if source is None and draft.type in {"ASSAULT", "COERCE"} and target is not None and target.country \
                and place is not None and place.country and place.country != target.country:
            # "three French soldiers were killed in Mali": with no one named, the place answers for
            # a deed against foreigners, as for an attack no one claims ("a bomb near Kandahar")
            source = Actor(country=place.country)
        if target is None and draft.type == "PROTEST" and place is not None and place.country:
            # a protest with no named target is addressed to the authorities where it happens
            target = Actor(country=place.country, sector="GOV")
        elif target is None and draft.type == "MOBILIZE" and place is not None and place.country \
                and source is not None and source.country and source.country != place.country:
            # a show of force abroad ("exercises in Alaska") is aimed at the country it is held in
            target = Actor(country=place.country)
        quote = quote_at(quotes, trig.idx)
        reported_by = draft.reported_by or (quote.speaker if quote is not None and quote.speaker != draft.source else None)
        historical = precision == "before" or (
            day is not None and article.published is not None and (article.published - day).days > 365
        )
        ident = hashlib.sha1(
            f"{article.id}:{trig.idx}:{draft.source.key() if draft.source else None}:"
            f"{draft.target.key() if draft.target else None}".encode()
        ).hexdigest()[:16]
        type_spec = self.onto.types[draft.type]
        return Event(
            id=ident, article_id=article.id, sentence=si, start=sent.start_char, end=sent.end_char,
            trigger=trig.text, trigger_start=trig.idx, trigger_end=trig.idx + len(trig.text),
            type=draft.type, mode=draft.mode, cameo=draft.cameo, quad_code=type_spec.quad,
            event_scale=self.onto.scale(draft.type, draft.mode), source=source, target=target,
            source_text=draft.source_text, target_text=draft.target_text,
            contexts=self._contexts(draft, cues), date=day, date_precision=precision,
            location=place, negated=draft.negated, modality=draft.modality,
            reported=reported_by is not None, historical=historical,
            quote_id=quote.id if quote is not None else None, reported_by=reported_by,
            confidence=draft.confidence, coder=self.coder_version, evidence=(si,),
        )


PIECE_CHARS = 8_000
BATCH_TOKENS = 5_000  # tokens the spaCy pipeline is given at once (a piece has at most PIECE_CHARS / 3)
CHUNK_ARTICLES = 256  # articles per memory zone ...
CHUNK_CHARS = 1_000_000  # ... or fewer, when they are long: a zone's memory follows its text


def _tokens(text: str, cheap: Doc | None, unit: Unit) -> Doc | str:
    """What the spaCy pipeline parses for a unit: the screen's tokens (all of them, or a copy of
    the unit's), or the unit's text where there are none (full parsing, long units in pieces)."""
    if cheap is None or unit.last <= unit.first:
        return text[unit.start:unit.end]
    if unit.first == 0 and unit.last == len(cheap):
        return cheap
    span = cheap[unit.first:unit.last]  # a new doc of the same words (cheaper than Span.as_doc)
    return Doc(cheap.vocab, words=[t.text for t in span], spaces=[bool(t.whitespace_) for t in span])


def _joined(parts: list[Doc], cheap: Doc | None, units: list[Unit]) -> Doc:
    """An article's parts as one doc, as ``Doc.from_docs`` joins them. When the parts are copies
    of the screen's tokens of the article (no unit parsed from text), all of them in order, their
    annotations are written onto the screen's doc itself: ``from_docs`` would only make that doc
    again from their words (0.46 -> 0.13 s CPU per 1,000 news articles)."""
    if cheap is None or any(u.last <= u.first for u in units) or sum(len(p) for p in parts) != len(cheap) \
            or any(p.user_data or len(p.spans) for p in parts):
        return Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])
    attrs = list(Doc._get_array_attrs())  # those from_docs copies
    return cheap.from_array(attrs, numpy.concatenate([p.to_array(attrs) for p in parts]))


def _without_tensor(doc: Doc) -> Doc:
    """A parsed doc without the model's token vectors (no stage reads them; they are about 400
    bytes a token, held until the article's pieces are joined)."""
    doc.tensor = doc.tensor[:0]
    return doc


@cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library is another."""
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def _give_back_memory() -> None:
    """Return the heap freed by a chunk to the system. Parsing allocates and frees many arrays of
    varied sizes; glibc keeps the freed pages, so without this a process's resident memory creeps
    up to the largest chunk it has seen instead of staying flat (measured over 3,000 articles: 514
    -> 622 MB without, 486 -> 489 MB with)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _chunks[T](items: Iterable[T], most: int, budget: int,
               size_of: Callable[[T], int] = lambda a: len(a.text)) -> Iterator[list[T]]:
    """Consecutive groups of at most ``most`` items or about ``budget`` in size (by default, in
    characters of the items' text)."""
    chunk: list[T] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += size_of(item)
        if len(chunk) >= most or size >= budget:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _size(item: Doc | str) -> int:
    """Tokens of a piece to parse: counted in a doc, estimated high for text (3 characters a
    token; news text has 4 to 6)."""
    return len(item) if isinstance(item, Doc) else len(item) // 3 + 1


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most about ``limit`` characters, cut at paragraph, line or sentence ends;
    joined together they give back the text exactly."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            found = window.rfind(sep)
            if found > limit // 4:
                cut = found + len(sep)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def records_check(coded: CodedArticle) -> None:
    """Build the export records once, so an article that cannot be stored fails here, alone."""
    for _ in _records(coded):
        pass


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def code_text(text: str, *, published: date | None = None, title: str | None = None,
              pipeline: Pipeline | None = None) -> CodedArticle:
    """Code one article given as text (plain or Markdown news layout)."""
    from .ingest import parse_text_article

    article = parse_text_article(text, published=published)
    if title and not article.title:
        from dataclasses import replace

        article = replace(article, title=title)
    return (pipeline or default_pipeline()).code(article)


def code_files(paths: Iterable[str | Path], *, store=None, pipeline: Pipeline | None = None,
               on_article=None, on_skip=None, on_already=None, workers: int = 1, resume: bool = True):
    """Code every article in files/directories into ``store``; see ``communique.runner.run``."""
    from .runner import run

    return run(paths, pipeline=pipeline or default_pipeline(), store=store, workers=workers, resume=resume,
               on_article=on_article, on_skip=on_skip, on_already=on_already)
