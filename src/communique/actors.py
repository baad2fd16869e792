"""The actors stage: resolve each phrase to an actor at the article's date, with evidence.

Evidence, strongest first: a knowledge-base name valid on that date; a title or role in the
text with its country or organisation modifier; a surname or short form met earlier in the
article; a pronoun or definite description linked to an earlier actor. Ambiguity is settled
by the date and by what the article already mentioned.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from .descriptions import Descriptions
from .domestic import inherit_countries
from .knowledge import Candidate, KnowledgeBase, Lexicon
from .knowledge.schema import NON_STATE
from .mentions import Phrase, _inside, _phrase_bounds, inside_other_place
from .model import Actor, Evidence, Mention

REFLEXIVES = {"himself", "herself", "itself", "themselves", "ourselves", "myself"}


@dataclass
class _Seen:
    idx: int
    actor: Actor
    kind: str  # person | org | country | group
    gender: str | None = None
    keys: frozenset[str] = frozenset()


@dataclass
class Resolver(Descriptions):
    """Resolves the phrases of one article in document order, remembering what it saw."""

    kb: KnowledgeBase
    lexicon: Lexicon
    day: date | None
    article_id: str = ""
    seen: list[_Seen] = field(default_factory=list)
    by_head: dict[int, Mention] = field(default_factory=dict)
    article_countries: dict[str, int] = field(default_factory=dict)
    based_at: tuple[int, ...] | None = None  # where the text has "based" (found when first asked)

    # ------------------------------------------------------------ bookkeeping
    def _remember(self, idx: int, actor: Actor, gender: str | None = None, keys: tuple[str, ...] = ()) -> None:
        kind = "person" if actor.name else "org" if actor.org else "country"
        self.seen.append(_Seen(idx, actor, kind, gender, frozenset(keys)))

    def _based_in(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the word "based" is in the text of tokens ``start`` to ``end``: a cheap test
        before the patterns of a seat ("the Vienna-based watchdog")."""
        if self.based_at is None:
            text = doc.text
            found: list[int] = []
            at = text.find("based")
            while at >= 0:
                found.append(at)
                at = text.find("based", at + 1)
            self.based_at = tuple(found)
        if not self.based_at or end <= start:
            return False
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        k = bisect_left(self.based_at, first)  # the first "based" at or after the range's start
        return k < len(self.based_at) and self.based_at[k] + 5 <= last

    def _seen_ids(self) -> tuple[str, ...]:
        ids: list[str] = []
        for s in self.seen:
            if s.actor.org:
                ids.append(s.actor.org)
            if s.actor.name:
                ids.extend(self.kb.person_ids.get(s.actor.name, ()))
        return tuple(ids)

    def _main_country(self, earlier_only: bool = False) -> str | None:
        """The country the article is about so far (or, unless ``earlier_only``, in all)."""
        counts: dict[str, int] = {}
        for s in self.seen:
            c = s.actor.country
            if c and len(c) == 3 and c not in NON_STATE:
                counts[c] = counts.get(c, 0) + 1
        if not earlier_only:
            counts = counts or self.article_countries
        return _most_named(counts)

    def _sentence_country(self, doc: Doc, tok: Token, exclude: str | None = None) -> str | None:
        """The country the sentence of ``tok`` names most (ties: the first named), other than
        ``exclude``."""
        sent = tok.sent
        counts: dict[str, int] = {}
        for start, end in _name_spans(self.kb, doc, sent.start, sent.end):
            root = doc[start:end].root
            if _currency(doc[start:end]):
                continue
            if root.dep_ == "dobj" or (root.dep_ == "pobj" and root.head.lower_ in {"against", "to", "toward", "towards", "on"}):
                continue  # "called for sanctions against Nigeria": whom the deed is aimed at, not his country
            for ref in self.kb.refs(doc[start:end].text):
                if ref.kind == "country":
                    if ref.id != exclude:
                        counts[ref.id] = counts.get(ref.id, 0) + 1
                    break
        return _most_named(counts)

    def _seen_orgs(self) -> list[str]:
        out: list[str] = []
        for s in reversed(self.seen):
            if s.actor.org and s.actor.org not in out:
                out.append(s.actor.org)
        return out

    # ------------------------------------------------------------ entry point
    def resolve(self, doc: Doc, phrases: list[Phrase]) -> dict[int, Mention]:
        for phrase in phrases:
            actor, evidence, kind = self._resolve_phrase(doc, phrase)
            span = phrase.span(doc)
            mention = Mention(
                article_id=self.article_id, sentence=-1, start=span.start_char, end=span.end_char,
                text=span.text, kind=kind, actor=actor, evidence=evidence, head=phrase.head,
            )
            self.by_head[phrase.head] = mention
        return self.by_head

    def _resolve_phrase(self, doc: Doc, p: Phrase) -> tuple[Actor | None, Evidence | None, str]:
        head = doc[p.head]
        if p.kind == "pronoun":
            actor, ev = self._pronoun(head)
            return actor, ev, "pronoun"
        head_name = next((s for s in p.names if s.start <= head.i < s.end), None)
        if head_name is not None:
            res = self._named(doc, p, head_name)
            if res is not None:
                return res
        if head.pos_ == "PROPN":
            res = self._unknown_name(doc, p)
            if res is not None:
                return res
        return self._common(doc, p)

    # ------------------------------------------------------------ pronouns
    def _pronoun(self, head: Token) -> tuple[Actor | None, Evidence | None]:
        low = head.lower_
        if low in REFLEXIVES and head.dep_ in {"dobj", "pobj", "dative"}:
            # "Iraq had attacked themselves": the subject of the same clause
            verb = head.head.head if head.dep_ == "pobj" else head.head
            for subj in verb.children:
                if subj.dep_ == "nsubj" and subj.i in self.by_head and self.by_head[subj.i].actor:
                    m = self.by_head[subj.i]
                    return m.actor, Evidence("coref", words=(head.text,), antecedent=(m.start, m.end))
        # "X said they/it/he would ...": the subject of a that-clause under a speech verb is,
        # unless it names someone else, the speaker.
        clause = head.head
        if head.dep_ in {"nsubj", "nsubjpass"} and clause.dep_ == "ccomp" and low in {
            "he", "she", "it", "they", "we", "i"
        } and clause.head.lemma_.lower() in self.lexicon["speech_verbs"]:
            for subj in clause.head.children:
                if subj.dep_ == "nsubj" and subj.i in self.by_head and self.by_head[subj.i].actor:
                    m = self.by_head[subj.i]
                    return m.actor, Evidence("coref", words=(head.text,), antecedent=(m.start, m.end))
        if low in self.lexicon["pronouns_male"] or low in self.lexicon["pronouns_female"]:
            want = "male" if low in self.lexicon["pronouns_male"] else "female"
            for s in reversed(self.seen):
                if s.idx >= head.i or s.kind != "person":
                    continue
                if s.gender in (None, want):
                    return s.actor, Evidence("coref", words=(head.text,), antecedent=self._span_of(s.idx))
                break_on_other_gender = s.gender is not None
                if break_on_other_gender:
                    continue
            return None, None
        if low in {"they", "them", "their"}:
            for s in reversed(self.seen):  # a group named earlier in the same sentence
                if s.idx < head.i and s.kind in {"org", "country"} and s.idx >= head.sent.start:
                    return s.actor, Evidence("coref", words=(head.text,), antecedent=self._span_of(s.idx))
        if low in {"it", "its", "itself"}:
            for s in reversed(self.seen):
                if s.idx < head.i and s.kind in {"org", "country"} and head.i - s.idx < 80:
                    return s.actor, Evidence("coref", words=(head.text,), antecedent=self._span_of(s.idx))
        return None, None

    def _span_of(self, idx: int) -> tuple[int, int] | None:
        m = self.by_head.get(idx)
        return (m.start, m.end) if m else None

    # ------------------------------------------------------------ names in the base
    def _pick(self, cands: list[Candidate]) -> Candidate | None:
        """The best candidate by article context, then validity on the date, then kind of name.

        A tie between different entries is an ambiguity the text does not settle: no entry is
        chosen (the title or modifiers may still resolve the mention), never silently the first.
        """
        if not cands:
            return None
        seen = set(self._seen_ids())

        def score(c: Candidate) -> tuple[bool, bool, bool]:
            return (c.ref.id in seen, c.valid, c.ref.how in {"name", "abbreviation"})

        ranked = sorted(cands, key=score, reverse=True)
        if len(ranked) > 1 and score(ranked[0]) == score(ranked[1]) and ranked[0].actor.key() != ranked[1].actor.key():
            return None
        return ranked[0]

    def _named(self, doc: Doc, p: Phrase, name: Span) -> tuple[Actor | None, Evidence | None, str] | None:
        cands = self.kb.candidates(name.text, self.day) or self.kb.candidates(name.text, self.day, any_case=True)
        if not cands:
            return None
        best = self._pick(cands)
        if best is None:
            return None  # ambiguous name: leave it to the title, or unresolved
        head = doc[p.head]
        if best.ref.how == "short" and best.ref.kind == "person":
            # "Hulusi Akar" is not Zeina Akar: a surname match preceded by another given name
            given = doc[name.start - 1] if name.start > 0 else None
            spec = self.kb.people[best.ref.id]
            if given is not None and given.pos_ == "PROPN" and given.head.i == name.root.i \
                    and given.lower_ not in self.kb.titles and not any(given.text in n.split() for n in spec.names):
                return None
            # "Ahmed Ben Bella" is not Shahabuddin Ahmed: a surname is the last word of a name,
            # so a match followed by more of the same name is someone else's given name
            after = doc[name.end] if name.end < len(doc) else None
            if after is not None and after.pos_ == "PROPN" and after.lower_ not in self.kb.titles \
                    and (after.i == name.root.head.i or after.head.i in {name.root.i, name.root.head.i}) \
                    and not any(after.text in n.split() for n in spec.names):
                return None
        if best.ref.kind == "person":
            spec = self.kb.people[best.ref.id]
            actor, ev = best.actor, best.evidence
            if not best.valid:
                # out of office on the date: the title in the text gives the office, while the
                # country stays the base's unless the title names one ("President Bush" in 2000)
                titled = self._from_title(doc, p, name.text, guess=False)
                if titled is not None:
                    actor, ev = titled
                    if actor.country is None:
                        actor = replace(actor, country=best.actor.country)
            self._remember(p.head, actor, spec.gender, (*spec.short, name[-1].text))
            return actor, ev, "name"
        if best.ref.kind == "country":
            after = doc[name.end:name.end + 2]
            if len(after) == 2 and after[0].text == "-" and after[1].lower_ == "based":
                return None, None, "place"  # "the Warsaw-based office": a seat, not an actor
            if best.ref.how == "adjective":
                shared = self._shared_noun(head) if head.i == name.end - 1 else None
                if shared is not None:
                    # "Sierra Leonean and Liberian refugees", parsed as "Leonean" + conj
                    # "refugees": the first adjective modifies the noun of the second
                    spec = self.kb.sector_nouns.get(shared.lower_) or self.kb.sector_nouns.get(shared.lemma_.lower())
                    actor = Actor(country=best.actor.country, sector=spec.sector if spec else "CVL")
                    self._remember(p.head, actor)
                    return actor, Evidence("modifier", words=(name.text, shared.text)), "group"
                return None  # "the Russian said" is rare; an adjective alone is not an actor
            # a sector noun or title right after a country name is the head's business
            actor, ev = best.actor, best.evidence
            if best.ref.how == "demonym":
                lives = self._people_country(doc, head, actor.country)
                if lives is not None:
                    actor = replace(actor, country=lives[0])
                    ev = Evidence("modifier", words=(name.text, lives[1]))
            self._remember(p.head, actor)
            return actor, ev, "country"
        # organisation, possibly an organ named relative to a parent in the phrase
        self._remember(p.head, best.actor)
        return best.actor, best.evidence, "org"

    def _shared_noun(self, head: Token) -> Token | None:
        """The people noun a bare adjective shares with its conjunct ("Sierra Leonean and
        Liberian refugees"), if the parse made the adjective a head."""
        if head.dep_ in {"amod", "compound"}:
            return None
        for conj in head.children:
            if conj.dep_ == "conj" and conj.pos_ == "NOUN" and conj.tag_ in {"NNS", "NNPS"} and any(
                c.dep_ in {"amod", "compound"} and any(r.kind == "country" for r in self.kb.refs(c.text))
                for c in conj.children
            ):
                return conj
        return None

    # ------------------------------------------------------------ names not in the base
    def _person_name(self, doc: Doc, p: Phrase) -> Span:
        head = doc[p.head]
        start = head.i
        while start > p.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in {"compound", "flat"} \
                and doc[start - 1].lower_ not in self.kb.titles \
                and all(r.kind == "person" for r in self.kb.refs(doc[start - 1].text)):
            start -= 1
        return doc[start:head.i + 1]

    def _unknown_name(self, doc: Doc, p: Phrase) -> tuple[Actor | None, Evidence | None, str] | None:
        head = doc[p.head]
        name = self._person_name(doc, p)
        # a surname or short form met earlier in the article
        for s in reversed(self.seen):
            if s.idx < head.i and head.text in s.keys:
                self._remember(p.head, s.actor, s.gender, tuple(s.keys))
                return s.actor, Evidence("alias", words=(head.text,), antecedent=self._span_of(s.idx)), "name"
        titled = self._from_title(doc, p, name.text)
        if titled is not None:
            actor, ev = titled
            self._remember(p.head, actor, None, (head.text,))
            return actor, ev, "title"
        if head.ent_type_ == "PERSON":
            # a person we cannot place: remember, so "he" does not jump to someone else
            self.seen.append(_Seen(p.head, Actor(name=name.text), "person", None, frozenset({head.text})))
        return None

    def _org_noun(self, doc: Doc, p: Phrase, words: tuple[str, ...]) -> str | None:
        """An organisation named by a generic noun ("the assembly", "Assembly leader")."""
        seen = self._seen_orgs()
        for word in words:
            ids = self.kb.org_nouns.get(word.lower(), [])
            for org in seen:
                if org in ids:
                    return org
        return None

    def _from_title(self, doc: Doc, p: Phrase, name: str | None, guess: bool = True) -> tuple[Actor, Evidence] | None:
        """The actor a role title in the phrase gives; with ``guess``, a head of state or minister
        with no country named takes the country the article is about."""
        head = doc[p.head]
        titles = [t for t in p.titles if not (t.start <= head.i < t.end) or name is None]
        if not titles:
            for child in head.children:  # "Riccardo Migliori, the assembly leader"
                if child.dep_ == "appos":
                    titles = [t for t in self._titles_in(doc, child)]
        if not titles:
            return None
        title = titles[-1]
        role = self.kb.titles[title.text.lower()]
        mod = self._modifier_actor(doc, p)
        words = tuple(t.text for t in doc[p.start:title.start] if t.pos_ in {"PROPN", "NOUN"} and not self.kb.refs(t.text))
        org = None
        if mod is None:
            org = self._org_noun(doc, p, words)
            if org:
                spec = self.kb.orgs[org]
                mod = Actor(country=spec.country, org=org, sector=spec.sector)
        if mod is None and role.sector is None:
            return None
        country = mod.country if mod else None
        words_used: tuple[str, ...] = ()
        if country is None and guess and role.office in {"head_of_state", "head_of_government", "foreign_minister", "minister"}:
            # "Prime Minister X" with no country named: the country the article is about so far
            country = self._main_country()
            words_used = (f"country of the article: {country}",) if country else ()
        elif country is None and guess and name is not None and role.office != "org_head":
            # "Judge Ana Ruiz", "General X" with no country named: the country the sentence names
            country = self._sentence_country(doc, head)
            words_used = (f"country of the sentence: {country}",) if country else ()
        sector = role.sector or (mod.sector if mod else None) or "GOV"
        actor = Actor(country=country, sector=sector, org=mod.org if mod else None, name=name, role=role.role)
        if name is None and mod and mod.country:
            holder = self._holder(role.role, mod.country, mod.org) if not self._subnational(p) else None
            if holder is not None:
                return holder
        modifier = [w for w in ([mod.org or mod.country] if mod else []) if w]
        return actor, Evidence("title", words=(title.text, *modifier, *words_used))

    def _titles_in(self, doc: Doc, tok: Token) -> list[Span]:
        out: list[Span] = []
        for t in tok.subtree:
            if t.lower_ in self.kb.titles:
                out.append(doc[t.i:t.i + 1])
        return out

    def _subnational(self, p: Phrase) -> bool:
        """Whether the phrase names a region or people, whose offices are not the state's."""
        return any(span.text in self.kb.subnational for span in p.names)

    def _holder(self, role: str, country: str, org: str | None) -> tuple[Actor, Evidence] | None:
        """The person who held ``role`` for ``country`` on the article's date, if the base knows."""
        matches = [(self.kb.people[pid], term) for pid, term in self.kb.office_holders.get((role, country, org), ())
                   if term.valid_on(self.day)]
        if len(matches) != 1:
            return None
        person, term = matches[0]
        actor = Actor(country=term.country, sector=term.sector, org=term.org, name=person.names[0], role=term.role)
        return actor, Evidence("kb", f"person:{person.id}:{term.role}", term.start, term.end, words=(role,))

    # ------------------------------------------------------------ common nouns
    def _resolve_ahead(self, doc: Doc, tok: Token) -> tuple[Actor | None, Evidence | None, str] | None:
        """Resolve a phrase to the right of the current one (its head comes later in the doc)."""
        start, end = _phrase_bounds(tok)
        names = [doc[s:e] for s, e in _name_spans(self.kb, doc, start, end)]
        titles = [doc[s:e] for s, e in _title_spans(self.kb, doc, start, end)]
        sub = Phrase(head=tok.i, start=start, end=end, names=_inside(names, start, end), titles=tuple(titles), kind="noun")
        seen = len(self.seen)
        res = self._resolve_phrase(doc, sub)
        del self.seen[seen:]  # resolved out of order: it is remembered when its turn comes
        return res if res[0] is not None else None

def _name_spans(kb: KnowledgeBase, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Knowledge-base names inside a token range (longest first, no overlaps)."""
    out: list[tuple[int, int]] = []
    texts = _span_texts(doc, start, end, 6)
    i = start
    while i < end:
        for j in range(min(end, i + 6), i, -1):
            if kb.refs(texts[i - start][j - i - 1]) and not inside_other_place(doc[i:j], kb):
                out.append((i, j))
                i = j - 1
                break
        i += 1
    return out


def _span_texts(doc: Doc, start: int, end: int, most: int) -> list[list[str]]:
    """The text of ``doc[i:j]`` for every ``i`` in the range and ``j`` up to ``most`` tokens
    further (not past ``end``), as ``texts[i - start][j - i - 1]``: built from the tokens once
    rather than as a span each."""
    tokens = [(t.text, t.whitespace_) for t in doc[start:end]]
    out: list[list[str]] = []
    for i in range(len(tokens)):
        row: list[str] = []
        joined = ""
        for text, space in tokens[i:i + most]:
            row.append(joined + text)
            joined += text + space
        out.append(row)
    return out


def _currency(span: Span) -> bool:
    """'US $50 million', 'Hong Kong $': a country name that marks a currency, not a mention."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and (after.text in {"$", "dollars", "dollar"} or after.is_currency)


def _title_spans(kb: KnowledgeBase, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Role titles inside a token range (longest first, no overlaps)."""
    out: list[tuple[int, int]] = []
    texts = _span_texts(doc, start, end, 5)
    i = start
    while i < end:
        for j in range(min(end, i + 5), i, -1):
            if texts[i - start][j - i - 1].lower() in kb.titles:
                out.append((i, j))
                i = j - 1
                break
        i += 1
    return out


def resolve_mentions(doc: Doc, phrases: list[Phrase], kb: KnowledgeBase, lexicon: Lexicon,
                     day: date | None, article_id: str, offset: int = 0) -> dict[int, Mention]:
    """Resolve every phrase; returns mentions by head token index (offsets shifted by ``offset``)."""
    resolver = Resolver(kb, lexicon, day, article_id)
    counted: set[int] = set()
    for phrase in phrases:  # the countries the article names, for titles with no country of their own
        for span in phrase.names:
            if span.start in counted or _currency(span):
                continue  # a modifier's name is inside its own phrase and its head's: count it once
            counted.add(span.start)
            for ref in kb.refs(span.text):
                if ref.kind == "country":
                    resolver.article_countries[ref.id] = resolver.article_countries.get(ref.id, 0) + 1
                    break  # one count per name, however many entries it is indexed under
    by_head = inherit_countries(doc, resolver.resolve(doc, phrases), lexicon)
    starts = [sent.start for sent in doc.sents]  # a head's sentence is the last one starting at or before it
    return {
        h: Mention(m.article_id, bisect_right(starts, h) - 1, m.start + offset, m.end + offset, m.text, m.kind,
                   m.actor, m.evidence, m.head)
        for h, m in by_head.items()
    }


def _most_named(counts: dict[str, int]) -> str | None:
    """The country named most; ties go to the one named first."""
    order = list(counts)
    return max(order, key=lambda k: (counts[k], -order.index(k))) if order else None
