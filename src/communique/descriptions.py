"""Resolution of common-noun phrases (descriptions): sector nouns with their country
modifier ("Russian police"), role titles without a name ("the foreign minister"), organisation
descriptions ("Europe's top security watchdog"), groups and members of a state or organisation,
and people of a country ("Iraqi Kurds"). A mixin of ``actors.Resolver``, whose state it reads.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .mentions import Phrase, inside_other_place
from .model import Actor, Evidence, Mention
from .places import PLACE_LABELS, PLACE_PREPS, city_countries, entity_around, lookup

if TYPE_CHECKING:
    from .actors import Resolver

_BASED = re.compile(r"([A-Z][\w]+)\s*-\s*based")
_DETERMINER = re.compile(r"^(the|a|an|this|that|these|those)\s+")
_HYPHEN = re.compile(r"\s*-\s*")
_POSSESSOR = re.compile(r"^.*?['’]s ")
MEMBER_NOUNS = {"member", "members", "country", "countries", "state", "states", "nation", "nations",
                "ally", "allies", "partner", "partners", "member-states"}


class Descriptions:
    """Methods of the resolver for phrases whose head is a common noun."""

    def _modifier_actor(self: Resolver, doc: Doc, p: Phrase) -> Actor | None:
        """Country or organisation named by a modifier inside the phrase (or an of/in tail)."""
        head = doc[p.head]
        found: Actor | None = None
        for span in p.names:
            if span.start <= head.i < span.end:
                continue
            cands = self.kb.candidates(span.text, self.day)
            best = self._pick(cands)
            if best and best.ref.kind in {"country", "org"}:
                found = Actor(country=best.actor.country, org=best.actor.org, sector=best.actor.sector)
                break
        if found is None:
            for child in head.children:
                if child.dep_ == "poss" and child.i in self.by_head and self.by_head[child.i].actor:
                    a = self.by_head[child.i].actor
                    found = Actor(country=a.country, org=a.org, sector=a.sector)
                    break
        if found is None:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "for" and head.lower_ in self.lexicon["agent_nouns"]:
                    # "the spokesman for Prime Minister X": the principal's country and office
                    for pobj in child.children:
                        m = self.by_head.get(pobj.i)
                        res = (m.actor, None, "") if m is not None else self._resolve_ahead(doc, pobj)
                        if res is not None and res[0] is not None:
                            a = res[0]
                            found = Actor(country=a.country, org=a.org, sector=a.sector or "GOV")
                if found is not None:
                    break
                if child.dep_ in {"amod", "acl"} and child.lower_ in self.lexicon["allegiance_adjectives"]:
                    # "militants loyal to Iraq's al-Qaeda leader": the side they are loyal to
                    for prep in child.children:
                        for pobj in (prep.children if prep.dep_ == "prep" else ()):
                            res = self._resolve_ahead(doc, pobj) if pobj.i > head.i else None
                            m = self._lookahead(doc, pobj)
                            a = res[0] if res is not None else (m.actor if m is not None else None)
                            if a is not None and a.country:
                                found = Actor(country=a.country, org=a.org, sector=a.sector)
                    if found is not None:
                        break
                if child.dep_ == "prep" and child.lower_ in {"of", "in", "from"}:
                    for pobj in child.children:
                        m = self.by_head.get(pobj.i)
                        if m is None:
                            m = self._lookahead(doc, pobj)
                        if m is None and pobj.i > head.i and pobj.pos_ in {"NOUN", "PROPN"}:
                            res = self._resolve_ahead(doc, pobj)
                            if res is not None and res[0] is not None:
                                found = Actor(country=res[0].country, org=res[0].org, sector=res[0].sector)
                        if m is not None and m.actor and not m.actor.name:
                            found = self._other_city(pobj, m.actor.country) or Actor(
                                country=m.actor.country, org=m.actor.org, sector=m.actor.sector)
        return found

    def _lookahead(self: Resolver, doc: Doc, tok: Token) -> Mention | None:
        """Resolve a name to the right of the head ("the government of Russia", "in EU countries")."""
        own = _phrase_tokens(tok)  # not its clauses: "groups donating goods to Baghdad" are not Iraqi
        if inside_other_place(doc[tok.i:tok.i + 1], self.kb):
            return None  # "New Mexico" is not Mexico
        texts = [tok.text, " ".join(t.text for t in own if not t.is_punct and t.dep_ != "det")]
        texts += [t.text for t in own if t.pos_ == "PROPN" and t.i != tok.i
                  and not inside_other_place(doc[t.i:t.i + 1], self.kb)]
        for ent_text in texts:
            best = self._pick(self.kb.candidates(ent_text, self.day))
            if best and best.ref.kind in {"country", "org"}:
                actor = Actor(country=best.actor.country) if best.ref.how in {"capital", "region"} else best.actor
                return Mention(self.article_id, -1, tok.idx, tok.idx + len(tok.text), tok.text, "name", actor)
        return None

    def _place_country(self: Resolver, doc: Doc, noun: Token, own: bool = False) -> Actor | None:
        """'police crackdowns ... in EU countries', 'demonstrators in Baghdad': the country of
        the place the phrase is in."""
        for t in (noun.children if own else noun.subtree):
            if t.dep_ == "prep" and t.lower_ == "in":
                for pobj in t.children:
                    if pobj.dep_ == "pobj":
                        found = self._place_actor(doc, pobj)
                        if found is not None:
                            return found
        return None

    def _conflict_place(self: Resolver, doc: Doc, head: Token) -> Actor | None:
        """'parties to the conflict in Iraq', 'refugees fleeing the war in Liberia': a group
        defined by a conflict takes the country the conflict is in."""
        for child in head.children:
            if child.dep_ not in {"prep", "acl"}:
                continue
            for tok in child.children:
                if tok.dep_ in {"pobj", "dobj"} and tok.lemma_.lower() in self.lexicon["conflict_nouns"]:
                    found = self._place_country(doc, tok, own=True)
                    if found is not None and not found.org:
                        return found
        return None

    def _place_actor(self: Resolver, doc: Doc, tok: Token) -> Actor | None:
        """The country (or organisation) a place name stands for: a name in the knowledge base,
        else a place the gazetteer knows ("Sivas", "Texas"), for a place-like proper noun."""
        m = self.by_head.get(tok.i)
        if m is None and tok.pos_ in {"PROPN", "NOUN"} and tok.i > 0:
            # the place's own phrase first: "the Israeli-occupied West Bank" is the West Bank
            res = self._resolve_ahead(doc, tok)
            if res is not None and res[0] is not None and not res[0].name:
                return Actor(country=res[0].country, org=res[0].org)
        m = m or self._lookahead(doc, tok)
        if m is not None and m.actor and not m.actor.name:
            return self._other_city(tok, m.actor.country) or Actor(country=m.actor.country, org=m.actor.org)
        return self._gazetteer_country(doc, tok)

    def _other_city(self: Resolver, tok: Token, country: str | None) -> Actor | None:
        """A capital that is also a city of a country the article names, while the capital's own
        country goes unnamed, is that city: "militias in Tripoli" in a story about Lebanon."""
        if country is None or not any(r.how == "capital" for r in self.kb.refs(tok.text)) \
                or self.article_countries.get(country, 0) > tok.doc.text.count(tok.text):
            return None  # not a capital, or its country is named otherwise than by this name
        others = [c for c in city_countries(tok.text) if c != country and c in self.article_countries]
        return Actor(country=others[0]) if len(others) == 1 else None

    def _gazetteer_country(self: Resolver, doc: Doc, tok: Token) -> Actor | None:
        """A place name the gazetteer knows: a place entity, or a proper noun where the grammar
        puts a place ("near the town of Samarra", "in Sivas")."""
        if tok.pos_ != "PROPN":
            return None
        place_nouns = self.lexicon["place_nouns"]
        placed = (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in place_nouns) \
            or (tok.dep_ == "compound" and tok.head.lemma_.lower() in place_nouns)  # "the Donetsk region"
        located = tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS
        if not placed and ((tok.ent_type_ not in PLACE_LABELS and not located)
                           or tok.ent_type_ in {"PERSON", "ORG", "DATE", "WORK_OF_ART", "EVENT", "LAW"}):
            return None
        words = entity_around(tok) if tok.ent_iob_ in {"B", "I"} else doc[min([c.i for c in tok.lefts if c.dep_ == "compound"] + [tok.i]):tok.i + 1]
        place = lookup(words.text.removeprefix("the ").strip(), Counter(self.article_countries))
        return Actor(country=place.country) if place is not None and place.country else None

    def _located(self: Resolver, doc: Doc, head: Token) -> str | None:
        """The country of the place a phrase's own in/near/outside tail names ("a bombing near the
        town of Samarra", "a device outside the Iraqi city of Basra")."""
        for prep in head.children:
            if prep.dep_ not in {"prep", "advmod"} or prep.lower_ not in PLACE_PREPS:
                continue  # "outside of the city" parses "outside" as an adverb
            for tok in prep.subtree:
                if tok.dep_ in {"relcl", "acl"}:
                    break
                refs = [r for r in self.kb.refs(tok.text) if r.kind == "country" and r.how != "demonym"]
                if refs:
                    return refs[0].id
                found = self._gazetteer_country(doc, tok)
                if found is not None:
                    return found.country
        return None

    def _people_country(self: Resolver, doc: Doc, head: Token, own: str | None) -> tuple[str, str] | None:
        """Where a people lives when the phrase places it outside its own state: "Bosnian Serbs",
        "the Albanians of southern Serbia", "ethnic Albanians demonstrated in Serbia". Returns the
        country and the words that say so."""
        for child in head.children:
            if child.dep_ in {"amod", "compound", "nmod"} and child.i < head.i:
                refs = [r for r in self.kb.refs(child.text) if r.kind == "country" and r.how in {"adjective", "name"}]
                if refs and refs[0].id != own:
                    return refs[0].id, child.text
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "of", "from"}:
                for pobj in child.children:
                    found = self._place_actor(doc, pobj) if pobj.dep_ == "pobj" else None
                    if found is not None and found.country and not found.org and found.country != own:
                        return found.country, f"{child.text} {pobj.text}"
        if any(c.dep_ == "amod" and c.lower_ in self.lexicon["minority_words"] for c in head.children):
            # "ethnic Turks protested against Sweden's decision": where they live is the place of
            # their clause, else the other country their sentence names
            found = self._clause_place(doc, head, own)
            other = self._sentence_country(doc, head, exclude=own) if found is None else None
            return found or ((other, f"country of the sentence: {other}") if other else None)
        return None

    def _clause_place(self: Resolver, doc: Doc, head: Token, own: str | None) -> tuple[str, str] | None:
        """The place the clause of a subject or object happens in ("... demonstrated in Serbia",
        "killed three ... in a gunbattle in southeastern Serbia")."""
        if head.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
            return None
        verb = head.head
        # the verb's own place, then that of a clause describing the deed ("when they blew
        # themselves up in Tel Aviv")
        deeds = [verb, *(c for c in verb.children if c.dep_ == "advcl"),  # "killed by a drone in X"
                 *(g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj")]
        preps = [c for v in deeds for c in v.children]
        for prep in preps:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.children:
                for tok in self._place_words(pobj):
                    found = self._place_actor(doc, tok) if tok.pos_ == "PROPN" else None
                    if found is not None and found.country and not found.org and found.country != own:
                        return found.country, f"{prep.text} {tok.text}"
        return None

    def _place_words(self: Resolver, pobj: Token) -> list[Token]:
        """A place phrase and the places inside it: "strikes in northern Iraq", "shelling in the
        east of the Gaza Strip", "the outskirts of the town of Sivas"."""
        out = [pobj]
        for tok in out:
            if len(out) > 6:
                break
            for c in tok.children:
                if c.dep_ == "compound" and c.pos_ == "PROPN" and tok.lemma_.lower() in self.lexicon["place_nouns"]:
                    out.append(c)  # "the Kharkiv region"
                if c.dep_ == "acl" and tok is pobj:
                    out.append(c)  # "tank shelling in X" parsed as "tank [shelling in X]"
                within = c.lower_ in PLACE_PREPS and (tok is pobj or tok.dep_ == "acl")
                part = c.lower_ == "of" and tok.lemma_.lower() in self.lexicon["place_nouns"]
                if c.dep_ == "prep" and (within or part):
                    out.extend(g for g in c.children if g.dep_ == "pobj")
        return out

    def _common(self: Resolver, doc: Doc, p: Phrase) -> tuple[Actor | None, Evidence | None, str]:
        head = doc[p.head]
        low, lemma = head.lower_, head.lemma_.lower()
        text = doc[p.start:p.end].text.lower()
        text = _DETERMINER.sub("", text)
        text = _HYPHEN.sub("-", text)
        # 1. an organisation's description ("Europe's top security watchdog")
        org = self._described_org(doc, p, text, head)
        if org is not None:
            actor = self.kb.org_actor(org).actor
            self._remember(p.head, actor)
            return actor, Evidence("coref" if org in self._seen_orgs() else "kb", f"org:{org}", words=(text,)), "description"
        # 2. a role title without a name: "the minister", "the Russian foreign minister"
        if low in self.kb.titles or any(t.end == head.i + 1 for t in p.titles):
            res = self._title_only(doc, p, head)
            if res is not None:
                return res
        # 3. a sector noun: "Russian police", "rights activists", "each other's governments"
        sector_span = next((s for s in p.sectors if s.end == head.i + 1), None)
        spec = self.kb.sector_nouns.get(sector_span.text.lower()) if sector_span is not None else None
        if spec is None:
            spec = self.kb.sector_nouns.get(low) or self.kb.sector_nouns.get(lemma)
        # the modifier's actor (a costly look at the phrase's words and tail) only for the
        # steps that read it
        wants_mod = spec is not None or lemma in self.lexicon["capital_nouns"] or low in MEMBER_NOUNS \
            or low in self.lexicon["agent_nouns"]
        mod = self._modifier_actor(doc, p) if wants_mod else None
        if spec is not None:
            if mod is None and head.dep_ in {"compound", "nmod"} and head.head.pos_ == "NOUN":
                mod = self._place_country(doc, head.head)
            elif mod is None and not spec.country:
                mod = self._place_country(doc, head, own=True) or self._conflict_place(doc, head)
            country = spec.country or (mod.country if mod else None)
            definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            if country is None and mod is None and definite and spec.sector in {"GOV", "MIL", "COP", "LEG", "JUD"}:
                country = self._main_country(earlier_only=True)  # "the foreign ministry said": the story's country
            if country is None and mod is None and head.dep_ in {"dobj", "nsubjpass"} \
                    and (spec.sector == "CVL" or spec.sector.lower() in self.lexicon["domestic_sectors"]):
                # "killed 23 people in Tel Aviv": people struck by a deed are of the place it struck
                placed = self._clause_place(doc, head, None)
                country = placed[0] if placed else None
            actor = Actor(country=country, sector=spec.sector, org=mod.org if mod and mod.org else None)
            self._remember(p.head, actor)
            return actor, Evidence("sector", words=tuple(w for w in (head.text, country) if w)), "sector"
        # 3b. "the Syrian capital", "Kenya's capital": the capital, which stands for the government
        if lemma in self.lexicon["capital_nouns"] and mod is not None and mod.country and not mod.org:
            actor = Actor(country=mod.country, sector="GOV")
            return actor, Evidence("modifier", words=(text,)), "capital"
        # 4a. "thousands of Iraqi Kurds", "a group of rebels": the actor is in the of-phrase
        if low in self.lexicon["quantity_nouns"] or lemma in self.lexicon["quantity_nouns"]:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        inner = self._resolve_ahead(doc, pobj)
                        if inner is not None:
                            return inner
        # 4c. "supporters of former President X", "followers of the cleric": the people of X's country
        if low in self.lexicon["follower_nouns"]:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        inner = self._resolve_ahead(doc, pobj)
                        if inner is not None and inner[0] is not None and inner[0].country:
                            a = inner[0]
                            actor = Actor(country=a.country, sector=a.sector if a.sector in {"PTY", "OPP", "REB", "REL"} else "CVL")
                            self._remember(p.head, actor)
                            return actor, Evidence("modifier", words=(head.text, pobj.text)), "group"
        # 4. members, missions or envoys of an organisation or state: "NATO members", "EU
        # countries", "the OSCE's observer missions", "the Russian delegation"
        if (low in MEMBER_NOUNS or low in self.lexicon["agent_nouns"]) and mod is not None:
            if mod.org:
                actor = self.kb.org_actor(mod.org).actor
                self._remember(p.head, actor)
                return actor, Evidence("modifier", f"org:{mod.org}", words=(text,)), "group"
            if mod.country and low in self.lexicon["agent_nouns"] and low not in MEMBER_NOUNS:
                actor = Actor(country=mod.country, sector="GOV")
                return actor, Evidence("modifier", words=(text,)), "group"
        # 4b. an attack or a weapon: "US drone strikes" are the United States'; an attack with
        # no one named, in the attacker's place ("a roadside bomb near Samarra killed ..."), is
        # coded to the country it happened in
        if lemma in self.lexicon["attack_nouns"] or low in self.lexicon["attack_nouns"]:
            res = self._attack(doc, p, head)
            if res is not None:
                return res
        # 5. people of a country: "Iraqi Kurds", "Palestinian prisoners"
        if head.tag_ in {"NNS", "NNPS"} and low not in self.lexicon["human_plurals_excluded"] \
                and low not in self.lexicon["abstract_nouns"]:
            for child in head.children:
                if child.dep_ in {"amod", "compound"}:
                    refs = [r for r in self.kb.refs(child.text) if r.kind == "country" and r.how in {"adjective", "name"}]
                    if refs:
                        actor = Actor(country=refs[0].id, sector="CVL")
                        self._remember(p.head, actor)
                        return actor, Evidence("modifier", words=(child.text, head.text)), "group"
        return None, None, "noun"

    def _attack(self: Resolver, doc: Doc, p: Phrase, head: Token) -> tuple[Actor, Evidence, str] | None:
        for span in p.names:  # a modifier before the head: "Israeli air raids", "NATO airstrikes"
            if span.end <= head.i:
                best = self._pick(self.kb.candidates(span.text, self.day))
                if best is not None and best.ref.kind in {"country", "org"}:
                    a = best.actor
                    actor = Actor(country=a.country, org=a.org, sector=a.sector if a.org else "MIL")
                    self._remember(p.head, actor)
                    return actor, Evidence("modifier", words=(span.text, head.text)), "attack"
        agent = head.dep_ in {"nsubj", "nsubjpass"} or (head.dep_ == "pobj" and head.head.dep_ == "agent")
        if not agent:
            return None
        country = self._located(doc, head)
        if country is None:
            return None
        return Actor(country=country), Evidence("place", words=(head.text, country)), "attack"

    def _described_org(self: Resolver, doc: Doc, p: Phrase, text: str, head: Token) -> str | None:
        candidates: list[str] = []
        bare = True  # only one-word descriptions matched ("fighters"): they name no body of their own
        for key in (text, _POSSESSOR.sub("", text)):
            found = self.kb.org_descriptions.get(key, [])
            candidates.extend(found)
            bare = bare and not (found and " " in key)
        if not candidates and self._based_in(doc, max(0, p.start - 8), max(p.end, head.i + 1)):
            # "the Vienna-based body" (only where the article's text has "based" near the phrase)
            phrase = doc[p.start:p.end].text
            before = doc[max(0, p.start - 8):head.i + 1].text
            based = (_BASED.search(phrase) or _BASED.search(before)) if "based" in phrase or "based" in before else None
            if based:
                candidates = [o for o in self.kb.org_seats.get(based.group(1).lower(), [])
                              if head.lower_ in self.kb.orgs[o].nouns or not self.kb.orgs[o].nouns]
        in_org_nouns = not candidates and head.lower_ in self.kb.org_nouns and head.dep_ != "compound"
        if not candidates and not in_org_nouns:
            return None  # most phrases: no description, no seat, no organ noun (checked before the costlier steps)
        seen = self._seen_orgs()
        mod = self._modifier_actor(doc, p)
        parent = mod.org if mod and mod.org else None
        if mod is not None and mod.country and not mod.org and len(mod.country) == 3:
            # "Iraq's interim government" is not another country's interim government
            candidates = [o for o in candidates if self.kb.orgs[o].country in {mod.country, "IGO", "UNO", "EUR", "NGO", "MNC"}]
        if in_org_nouns:
            ids = self.kb.org_nouns[head.lower_]
            if parent:
                candidates = [o for o in ids if self.kb.orgs[o].parent == parent or o == parent]
            elif any(t.dep_ == "det" and t.lower_ == "the" for t in head.lefts) or head.dep_ == "poss":
                candidates = [o for o in seen if o in ids][:1]
        if not candidates:
            return None
        if parent:
            organs = [o for o in candidates if self.kb.orgs[o].parent == parent]
            if organs:
                return organs[0]
        for org in seen:  # prefer what the article already mentioned (most recent first) ...
            if org in candidates:
                return org
        for org in seen:  # ... then an organ of an organisation it mentioned
            organs = [c for c in candidates if self.kb.orgs[c].parent == org]
            if organs:
                return organs[0]
        return candidates[0] if len(set(candidates)) == 1 and not bare else None

    def _title_only(self: Resolver, doc: Doc, p: Phrase, head: Token) -> tuple[Actor | None, Evidence | None, str] | None:
        title = next((t for t in p.titles if t.end == head.i + 1), doc[head.i:head.i + 1])
        role = self.kb.titles.get(title.text.lower())
        if role is None:
            return None
        mod = self._modifier_actor(doc, p)
        if mod is not None and mod.country:
            holder = self._holder(role.role, mod.country, mod.org) if not self._subnational(p) else None
            if holder is not None:
                self._remember(p.head, holder[0])
                return holder[0], holder[1], "title"
            actor = Actor(country=mod.country, sector=role.sector or mod.sector or "GOV", org=mod.org, role=role.role)
            return actor, Evidence("title", words=tuple(w for w in (title.text, mod.org or mod.country) if w)), "title"
        # definite description: the most recent person whose office fits the title
        word = head.lower_
        for s in reversed(self.seen):
            if s.idx < head.i and s.kind == "person" and s.actor.role and (
                s.actor.role == role.role or word in s.actor.role
            ):
                self._remember(p.head, s.actor, s.gender, tuple(s.keys))
                return s.actor, Evidence("coref", words=(title.text,), antecedent=self._span_of(s.idx)), "description"
        return None


def _phrase_tokens(tok: Token) -> list[Token]:
    """The tokens of a noun's phrase without its clauses (relative, participial, adverbial)."""
    skip: set[int] = set()
    for t in tok.subtree:
        if t.i != tok.i and t.dep_ in {"acl", "relcl", "advcl", "ccomp", "xcomp"}:
            skip.update(x.i for x in t.subtree)
    return [t for t in tok.subtree if t.i not in skip]
