"""The attribution stage: quotations, who said them, and the medium that carried them.

Direct quotes are found in the text (straight and curly marks, across sentences, and short
partial quotes inside a sentence); indirect speech is a speech verb with a that-clause. The
speaker is the subject of the cue verb in the quote's sentence ("he said", "she was quoted
as saying", "X complained that ... 'double standards'"), or, for a sentence that is all
quotation, the nearest such cue in the next or previous sentence. The medium comes from
"according to ...", "quoted by ...", "told ...", "in an interview with ...", "in a statement".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from . import frames
from .knowledge import Lexicon
from .model import Actor, Mention, Quote

_QUOTES = re.compile(r'"([^"\n]{2,4000}?)"|“([^”\n]{2,4000}?)”|«([^»\n]{2,4000}?)»')


@dataclass(frozen=True)
class QuoteSpan:
    quote: Quote
    sentence: int


def _cue(sent: Span, lex: Lexicon, outside: tuple[int, int] | None) -> Token | None:
    """The speech verb of a sentence (outside the quotation itself)."""
    best: Token | None = None
    for tok in sent:
        if outside and outside[0] <= tok.idx < outside[1]:
            continue
        is_cue = tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in lex["quote_cues"]
        if is_cue and (best is None or (tok.dep_ in {"ROOT", "parataxis", "conj"} and best.dep_ != "ROOT")):
            best = tok
    return best


def _speaker(cue: Token, mentions: dict[int, Mention]) -> tuple[Actor | None, str | None]:
    for subj in frames.subject(cue) or [c for c in cue.children if c.dep_ in frames.PASS_SUBJ]:
        m = mentions.get(subj.i)
        if m is not None:
            return m.actor, m.text
        return None, subj.text
    # "she was quoted as saying": subject of the passive
    for c in cue.children:
        if c.dep_ in frames.PASS_SUBJ:
            m = mentions.get(c.i)
            return (m.actor, m.text) if m else (None, c.text)
    if cue.dep_ in {"xcomp", "advcl", "pcomp"} and cue.head is not cue:
        return _speaker(cue.head, mentions)
    return None, None


def _medium(sent: Span, cue: Token | None) -> str | None:
    """Where the words were reported, when the sentence says so."""
    for tok in sent:
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(sent.doc) and sent.doc[tok.i + 1].lower_ == "to":
            to = sent.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return _phrase(objs[0])
        if low == "quoted" or (tok.lemma_ == "quote" and tok.pos_ == "VERB"):
            for c in tok.subtree:
                if c.dep_ == "agent" or (c.lower_ == "by" and c.dep_ == "prep"):
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    if objs:
                        return _phrase(objs[0])
        if tok.lemma_ in {"interview", "statement", "speech", "post", "tweet", "broadcast"} and tok.pos_ == "NOUN":
            head = tok.head
            if head.lower_ in {"in", "on"}:
                tail = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in {"with", "to", "on"}
                        for p in c.children if p.dep_ == "pobj"]
                return _phrase(tok) if not tail else f"{tok.text} with {_phrase(tail[0])}" if tok.lemma_ == "interview" else _phrase(tok)
    if cue is not None and cue.lemma_ in {"write", "post", "tweet", "say"}:
        for c in cue.children:  # "wrote on Twitter", "said on state television"
            if c.dep_ == "prep" and c.lower_ == "on":
                objs = [p for p in c.children if p.dep_ == "pobj" and p.ent_type_ not in {"DATE", "TIME"}]
                if objs:
                    return _phrase(objs[0])
    for tok in sent:  # "..., state news agency RIA Novosti reported"
        if tok.lemma_ == "report" and tok.pos_ == "VERB":
            for subj in frames.subject(tok):
                if subj.ent_type_ in {"ORG", "WORK_OF_ART"} or subj.pos_ == "PROPN" \
                        or subj.lower_ in {"agency", "television", "radio", "newspaper", "media"}:
                    return _phrase(subj)
    if cue is not None and cue.lemma_ == "tell":
        for c in cue.children:
            if c.dep_ in {"dobj", "dative"} and c.pos_ == "PROPN":
                return _phrase(c)
    return None


_CUT = {"acl", "relcl", "ccomp", "advcl", "punct", "appos", "npadvmod", "conj", "cc"}


def _phrase(tok: Token) -> str:
    """A medium's words: the noun phrase without clauses, dates or quotation that hang from it."""
    keep: list[Token] = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        keep.append(cur)
        for c in cur.children:
            if c.dep_ in _CUT or c.ent_type_ in {"DATE", "TIME"} or c.text in {'"', "“", "”"}:
                continue
            if c.dep_ == "prep" and any(g.ent_type_ in {"DATE", "TIME"} for g in c.children):
                continue
            stack.append(c)
    toks = sorted((t for t in keep if t.text not in {"[", "]", "(", ")", "#"}), key=lambda t: t.i)
    text = "".join(t.text_with_ws for t in toks)
    return text.strip().rstrip(",.;:").strip()


def find_quotes(doc: Doc, mentions: dict[int, Mention], lex: Lexicon, article_id: str) -> list[QuoteSpan]:
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    out: list[QuoteSpan] = []
    for match in _QUOTES.finditer(doc.text):
        g = next(i for i in (1, 2, 3) if match.group(i) is not None)
        q_start, q_end = match.start(g), match.end(g)
        inner = match.group(g).strip()
        if len(inner.split()) < 1 or inner.endswith(":"):
            continue
        si = max(i for i, s in enumerate(starts) if s <= match.start()) if starts else 0
        ei = max(i for i, s in enumerate(starts) if s <= max(match.end() - 1, 0))
        candidates = list(range(si, ei + 1))
        cue = None
        for i in [*candidates, ei + 1, si - 1]:
            if 0 <= i < len(sents):
                cue = _cue(sents[i], lex, (match.start(), match.end()))
                if cue is not None:
                    sent = sents[i]
                    break
        speaker, speaker_text, medium = None, None, None
        if cue is not None:
            speaker, speaker_text = _speaker(cue, mentions)
            medium = _medium(sent, cue)
        qid = "q" + hashlib.sha1(f"{article_id}:{q_start}".encode()).hexdigest()[:12]
        quote = Quote(qid, article_id, inner, q_start, q_end, True, speaker, speaker_text,
                      cue.lemma_ if cue is not None else None, medium)
        out.append(QuoteSpan(quote, si))
    out.extend(_indirect(doc, sents, mentions, lex, article_id, {q.quote.start for q in out}, out))
    out.extend(_according(doc, sents, mentions, article_id, out))
    return out


def _according(doc: Doc, sents: list[Span], mentions: dict[int, Mention], article_id: str,
               taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """'According to X, ...' / '..., according to a statement': the sentence is attributed speech.

    When X names an actor, X is the speaker; when X is a document or outlet, the speaker is the
    sentence's subject and X is the medium.
    """
    out: list[QuoteSpan] = []
    for si, sent in enumerate(sents):
        if any(q.quote.start < sent.end_char and sent.start_char < q.quote.end for q in taken):
            continue
        for tok in sent:
            if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
                continue
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if not objs:
                continue
            obj = objs[0]
            m = mentions.get(obj.i)
            skip = set(range(tok.left_edge.i, tok.right_edge.i + 1)) | {t.i for t in doc[tok.i + 1].subtree}
            first, last = min(skip), max(skip)
            words = [t for t in sent if t.i > last] if first <= sent.start + 1 else [t for t in sent if t.i < first]
            while words and (words[0].is_punct or words[0].is_space):
                words.pop(0)
            while words and (words[-1].is_punct or words[-1].is_space):
                words.pop()
            if not words:
                continue
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            text = doc.text[start:end].rstrip(" ,.")
            if m is not None and m.actor is not None and not _is_medium(obj):
                speaker, speaker_text, medium = m.actor, m.text, None
            else:
                root = sent.root
                subj = next((mentions.get(t.i) for t in frames.subject(root) if mentions.get(t.i)), None)
                speaker, speaker_text = (subj.actor, subj.text) if subj else (None, None)
                medium = _phrase(obj)
            qid = "q" + hashlib.sha1(f"{article_id}:a{start}".encode()).hexdigest()[:12]
            out.append(QuoteSpan(Quote(qid, article_id, text, start, end, False,
                                       speaker, speaker_text, "according to", medium), si))
            break
    return out


def _is_medium(tok: Token) -> bool:
    return tok.lemma_.lower() in {"statement", "transcript", "report", "reports", "website", "agency",
                                  "newspaper", "television", "radio", "source", "sources", "document",
                                  "letter", "communique", "release", "post", "tweet", "broadcast"}


def _indirect(doc: Doc, sents: list[Span], mentions: dict[int, Mention], lex: Lexicon, article_id: str,
              taken: set[int], direct: list[QuoteSpan]) -> list[QuoteSpan]:
    """'X said (that) ...' without quotation marks: the that-clause is X's indirect speech."""
    out: list[QuoteSpan] = []
    for si, sent in enumerate(sents):
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex["speech_verbs"]:
                continue
            comp = frames.clause(tok, "ccomp")
            if comp is None:
                continue
            span = doc[comp.left_edge.i:comp.right_edge.i + 1]
            if any(q.quote.start <= span.start_char < q.quote.end or span.start_char <= q.quote.start < span.end_char
                   for q in direct):
                continue
            speaker, speaker_text = _speaker(tok, mentions)
            if speaker is None and speaker_text is None:
                continue
            qid = "q" + hashlib.sha1(f"{article_id}:i{span.start_char}".encode()).hexdigest()[:12]
            out.append(QuoteSpan(Quote(qid, article_id, span.text, span.start_char, span.end_char, False,
                                       speaker, speaker_text, tok.lemma_, _medium(sent, tok)), si))
    return out


def quote_at(quotes: list[QuoteSpan], char: int) -> Quote | None:
    """The quotation (direct first) that contains a character offset."""
    inside = [q.quote for q in quotes if q.quote.start <= char < q.quote.end]
    inside.sort(key=lambda q: (not q.direct, q.end - q.start))
    return inside[0] if inside else None
