"""The events stage: from a parsed sentence with resolved mentions, the directed events it reports.

A trigger (verb or event noun from ``data/triggers.yaml``) fills its frame's source and
target slots (``frames``); coordinated actors give one event per actor, reciprocals ("each
other's governments", "X and Y met") give both directions, reported speech codes the speech
act of the speaker, and negation and modality are recorded as flags.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from . import clauses, frames, recipients, statements
from .arguments import ArgumentFinder
from .inflection import stems
from .knowledge import KnowledgeBase, Lexicon, Ontology, TriggerSpec
from .model import Actor, Mention

# slots whose filler may be a phrase with the actor inside it (also prep:X and dobj.prep:X)
_PHRASE_SLOTS = {"subj", "dobj", "iobj"}


@dataclass(frozen=True)
class Draft:
    """An event before grounding: trigger, frame fillers and flags."""

    trigger: Token
    spec: TriggerSpec
    source: Actor | None
    target: Actor | None
    source_text: str | None
    target_text: str | None
    source_mention: Mention | None
    target_mention: Mention | None
    type: str
    mode: str | None
    cameo: str | None
    negated: bool = False
    modality: str | None = None
    reported_by: Actor | None = None
    confidence: float = 0.5
    notes: tuple[str, ...] = field(default_factory=tuple)


class EventCoder(ArgumentFinder):
    def __init__(self, onto: Ontology, lexicon: Lexicon, kb: KnowledgeBase) -> None:
        self.onto = onto
        self.lex = lexicon
        self.kb = kb
        self.index: dict[tuple[str, str], list[TriggerSpec]] = defaultdict(list)
        for spec in onto.triggers:
            words = spec.lemma.split()
            head = words[-1] if spec.pos == "NOUN" else words[0]
            self.index[(head, spec.pos)].append(spec)
        for specs in self.index.values():
            specs.sort(key=self._strength, reverse=True)
        self.event_nouns = {lemma for (lemma, pos) in self.index if pos == "NOUN"}

    @staticmethod
    def _strength(spec: TriggerSpec) -> int:
        return 4 * (len(spec.lemma.split()) - 1) + 2 * bool(spec.complement) + bool(spec.object_is)

    # ---------------------------------------------------------------- trigger matching
    def _lemma(self, tok: Token) -> str:
        return tok.lemma_.lower()

    def _object(self, tok: Token, spec: TriggerSpec) -> Token | None:
        words = spec.lemma.split()
        if spec.pos == "VERB" and len(words) > 1:
            for c in tok.children:
                if c.dep_ in {"prep", "prt"} and c.lower_ in words[1:]:
                    for p in c.children:
                        if p.dep_ in {"pobj", "pcomp"}:
                            return p
        objs = frames.objects(tok)
        return objs[0] if objs else None

    def _object_kind(self, obj: Token | None, mentions: dict[int, Mention]) -> str | None:
        if obj is None:
            return None
        m = mentions.get(obj.i)
        if m is not None and m.actor is not None:
            return "actor"
        lemma = obj.lemma_.lower()
        if lemma in self.event_nouns or lemma in self.lex["abstract_nouns"] or obj.lower_ in self.lex["abstract_nouns"]:
            return "event"
        if obj.pos_ == "VERB":
            return "event"
        return "thing"

    def _spec_for(self, tok: Token, mentions: dict[int, Mention]) -> TriggerSpec | None:
        return next(self._fitting(tok, mentions), None) if tok.pos_ in frames.TRIGGER_POS else None

    def _specs_for(self, tok: Token, mentions: dict[int, Mention]) -> list[TriggerSpec]:
        """Every trigger entry that fits the token, strongest first."""
        return list(self._fitting(tok, mentions))

    def _fitting(self, tok: Token, mentions: dict[int, Mention]) -> Iterator[TriggerSpec]:
        """The trigger entries that fit the token, strongest first, checked one at a time (most
        callers want only the first)."""
        pos = tok.pos_
        if pos not in frames.TRIGGER_POS:
            return
        lemma = self._lemma(tok)
        if pos == "VERB" and tok.tag_ == "VBN" and (tok.lower_, "ADJ") in self.index and (
                tok.dep_ == "acomp" or frames.stative(tok)):
            pos, lemma = "ADJ", tok.lower_  # "is opposed to", "is committed to": a participle as an adjective
        if (lemma, pos) not in self.index and pos == "VERB":
            # the lemmatizer's slips ("staged" -> "stag", "fined" -> "fin"): try the regular stem
            lemma = next((g for g in stems(tok.lower_) if (g, pos) in self.index), lemma)
        near: set[str] | None = None  # the words a multi-word entry looks for, found once
        for spec in self.index.get((lemma, pos), ()):
            words = frames.entry_words(spec.lemma)
            if len(words) > 1:
                near = frames.near_words(tok, pos) if near is None else near
                if not all(w in near for w in (words[:-1] if pos == "NOUN" else words[1:])):
                    continue
            if spec.complement:
                around = {t.lower_ for t in tok.subtree if t.i != tok.i} | {t.lemma_.lower() for t in tok.subtree if t.i != tok.i}
                if not around & {w.lower() for w in spec.complement}:
                    continue
            if spec.object_is:
                kind = self._object_kind(self._object(tok, spec), mentions)
                if kind is None or (spec.object_is != "any" and kind != spec.object_is):
                    continue
            yield spec

    # ---------------------------------------------------------------- slots
    def _slot(self, tok: Token, slot: str, spec: TriggerSpec, mentions: dict[int, Mention]) -> list[Token]:
        if slot == "subj":  # "Vietnam is committed to ...": the participle's own subject
            return frames.subject(tok) or (frames.objects(tok) if spec.pos == "ADJ" and frames.stative(tok) else [])
        if slot == "dobj":
            return frames.objects(tok)
        if slot == "iobj":
            return frames.dative(tok) or frames.fused_dative(tok)
        if slot.startswith("prep:"):
            found = frames.prep_objects(tok, slot[5:])
            phrase = self._phrase(tok) if tok.pos_ == "NOUN" else tok
            if not found and phrase.i != tok.i:  # "a mediation mission between X and Y"
                found = frames.prep_objects(phrase, slot[5:])
            if not found and tok.pos_ == "NOUN":  # "the withdrawal of troops from X"
                found = [t for o in frames.prep_objects(tok, "of") for t in frames.prep_objects(o, slot[5:])]
            light = self._light_verb(tok) if tok.pos_ == "NOUN" and not found else None
            if light is not None:  # "launched a mediation effort between X and Y"
                found = frames.prep_objects(light, slot[5:])
            return found
        if slot.startswith(("dobj.prep:", "pobj.prep:")):  # "criticised X's plan for Y", "came under pressure from Y"
            objs = frames.objects(tok) if slot[0] == "d" else frames.prep_heads(tok)
            return [t for o in objs[:1] for t in frames.prep_objects(o, slot[10:])]
        if slot == "ccomp.subj":
            comp = frames.clause(tok, "ccomp") or (frames.clause(tok, "acl") if tok.pos_ == "NOUN" else None)
            if comp is None and tok.pos_ == "NOUN" and tok.dep_ in frames.OBJ:  # "repeated its demand on Friday that ..."
                comp = frames.clause(tok.head, "ccomp")
            return frames.subject(comp) if comp is not None else []
        if slot == "xcomp":
            comp = frames.clause(tok, "xcomp")
            if comp is None:
                return []
            inner = self._spec_for(comp, mentions)
            slots = inner.target if inner and inner.target is not None else ["dobj", "prep:with", "prep:to"]
            for s in slots:
                if s in {"xcomp"}:
                    continue
                found = self._slot(comp, s, inner or spec, mentions)
                if found:
                    return found
            return []
        if slot == "poss":
            return frames.possessor(tok)
        if slot == "agent":
            return frames.prep_objects(tok, "by")
        if slot == "compound":
            return frames.modifiers(tok, {"compound", "nmod"})
        if slot == "amod":
            return frames.modifiers(tok, {"amod"})
        if slot == "governor.subj":
            gov = frames.governor(self._phrase(tok))
            found = frames.subject(gov) if gov is not None else []
            light = self._light_verb(tok)
            if not found and gov is not None and light is not None and gov.i == light.i and frames.is_passive(gov):
                found = frames.objects(gov)  # "Serb forces were engaged in ethnic cleansing"
            return found
        if slot == "object_actor":
            return self._object_actor(tok, spec, mentions)
        return []

    def _actor(self, tok: Token, mentions: dict[int, Mention]) -> Actor | None:
        m = mentions.get(tok.i)
        if m is not None and m.actor is not None:
            if m.actor.country is None and m.actor.org is None and m.actor.name is None:
                # "Georgian government websites": a sector noun whose country adjective sits beside it
                for c in tok.children:
                    if c.dep_ in {"amod", "compound"} and c.i < tok.i:
                        refs = [r for r in self.kb.refs(c.text) if r.kind == "country" and r.how in {"adjective", "name"}]
                        if refs:
                            return replace(m.actor, country=refs[0].id)
            return m.actor
        if tok.dep_ in {"amod", "compound"} and tok.head.pos_ == "NOUN":
            # "Palestinian riots", "U.S. sanctions": a country adjective on an event noun
            refs = [r for r in self.kb.refs(tok.text) if r.kind == "country" and r.how in {"adjective", "name"}]
            if refs:
                return Actor(country=refs[0].id)
        return self._elided_actor(tok)

    def _fill(self, tok: Token, slots: list[str], spec: TriggerSpec, mentions: dict[int, Mention],
              exclude: frozenset = frozenset()) -> tuple[list[Token], str | None, bool]:
        """Tokens of the first slot that yields actors (other than those excluded, by key);
        whether it was a reciprocal."""
        def actor_of(t: Token) -> Actor | None:
            a = self._actor(t, mentions)
            return a if a is not None and a.key() not in exclude else None

        filled = [(slot, self._slot(tok, slot, spec, mentions)) for slot in slots]
        for slot, toks in filled:
            if any(frames.reciprocal(t) for t in toks):
                return toks, slot, True
            actors = [t for t in toks if actor_of(t) is not None]
            if not actors and slot == "subj":  # "a report released in Kigali alleged": its author, as the subject
                docs = [t for t in toks if t.lemma_.lower() in self.lex["document_nouns"] and t.head.i == tok.i]
                actors = [a for t in docs for a in frames.authors(t) if actor_of(a) is not None][:1]
            if actors:
                return actors, slot, False
        for slot, toks in filled:  # "sanctions on the Taliban faction", "praised Haiti's efforts"
            if slot in _PHRASE_SLOTS or slot.startswith(("prep:", "dobj.prep:")):
                inner = [a for t in toks[:1] for a in recipients.inner_actors(t, actor_of)]
                if inner:
                    return inner, slot, False
        places = [p for slot, toks in filled if spec.place_target and slot.startswith(("prep:", "dobj.prep:"))
                  for p in recipients.struck_places(toks, lambda x: self._place_actor(x, mentions))]
        return (places[:1], "place", False) if places else ([], None, False)

    # ---------------------------------------------------------------- main
    def code_sentence(self, sent: Span, mentions: dict[int, Mention]) -> list[Draft]:
        found = [(tok, self._spec_for(tok, mentions)) for tok in sent]
        triggers = [(tok, spec) for tok, spec in found if spec is not None]
        content = set()
        for tok, spec in triggers:
            content |= self._content(tok, spec)
        drafts: list[Draft] = []
        trigger_ids = {tok.i for tok, _ in triggers}
        for tok, spec in found:
            if spec is not None:
                if tok.i in content:
                    continue  # "agreed to withdraw", "demanded a truce": the content of another event
                if self._describes_actor(tok, mentions):
                    continue  # "the group that has seized parts of Iraq": who the actor is, not news
                # an event nested under another trigger is less likely what the sentence reports
                nested = any(a.i in trigger_ids for a in tok.ancestors)
                coded = self._code_trigger(tok, spec, mentions)
                if not any(d.target is not None for d in coded):
                    # "asked Germany for weapons": a weaker entry of the same type may find the target
                    for other in self._specs_for(tok, mentions)[1:]:
                        if other.type == spec.type:
                            alt = self._code_trigger(tok, other, mentions)
                            if any(d.target is not None for d in alt):
                                coded = alt
                                break
                coded = self._collective_reading(tok, spec, coded, mentions)
                for d in coded:
                    drafts.append(replace(d, confidence=round(max(0.05, d.confidence - 0.15), 2)) if nested else d)
            elif tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex["speech_verbs"]:
                drafts.extend(statements.demand_in_speech(self, tok, mentions))
            elif tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex["wish_verbs"]:
                drafts.extend(statements.appeal_in_wish(self, tok, mentions))
        return drafts + statements.accusations(self, drafts, mentions)

    def _describes_actor(self, tok: Token, mentions: dict[int, Mention]) -> bool:
        """A relative clause in the perfect on an actor's phrase: background that identifies it."""
        if tok.dep_ != "relcl" or not any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
            return False
        m = mentions.get(tok.head.i)
        return m is not None and m.actor is not None

    def _content(self, tok: Token, spec: TriggerSpec) -> set[int]:
        """Tokens that state what a trigger is about (its to-clause, its object, "of -ing")."""
        out: set[int] = set()
        for c in tok.children:
            if c.dep_ in {"xcomp"} | frames.OBJ:
                out.add(c.i)
                out.update(g.i for g in c.children if g.dep_ in {"xcomp", "conj"})
                if c.dep_ == "xcomp":  # "agreed to begin repatriation": the object of the to-clause too
                    out.update(g.i for g in c.children if g.dep_ in frames.OBJ)
            if c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) and (
                spec.type == "REQUEST"
                or any(other.type == spec.type for other in self.index.get((c.lemma_.lower(), "VERB"), ()))
            ):
                out.add(c.i)  # "meet in Oslo to discuss": restated; "pressed by X to help Y": asked, not done
            # "for"/"of"/"to" objects are what it is about, "as" objects what it calls it ("condemned as lies")
            if c.dep_ in {"prep", "prt"} and (c.lower_ in spec.lemma.split()[1:] or c.lower_ in {"for", "of", "to", "as"}):
                out.update(g.i for g in c.children if g.dep_ in {"pobj", "pcomp"})
        if spec.type == "ASSAULT" and spec.pos == "VERB":  # "killed in an air strike": the deed's means
            out.update(n.i for n in self._means(tok))
        if spec.type == "PROTEST":  # "blockaded the port to demand ...", "demonstrated calling for ...": the aim
            light = self._light_verb(tok) if tok.pos_ == "NOUN" else None
            for c in [*tok.children, *(light.children if light is not None else ())]:
                aim = recipients.purpose(c) or (c.dep_ in {"advcl", "acl"} and c.tag_ == "VBG")
                if aim and any(o.type in {"REQUEST", "ACCUSE"} for o in self.index.get((c.lemma_.lower(), "VERB"), ())):
                    out.add(c.i)
        return out

    def _code_trigger(self, tok: Token, spec: TriggerSpec, mentions: dict[int, Mention]) -> list[Draft]:
        src_slots = spec.source or (["subj"] if spec.pos == "VERB" else ["poss", "agent", "compound", "amod", "governor.subj"])
        tgt_slots = spec.target if spec.target is not None else (["dobj"] if spec.pos == "VERB" else [])
        sources, src_slot, _ = self._fill(tok, src_slots, spec, mentions)
        if not sources and spec.pos == "VERB" and "subj" in src_slots and not frames.is_passive(tok):
            sources = self._nearest_subject(tok, mentions)
            src_slot = "nearest" if sources else None
        if not sources and spec.type == "ASSAULT" and spec.pos == "VERB" and frames.is_passive(tok):
            # "a rocket was fired at Israel from Gaza": the place it came from answers for it
            sources = [t for t in frames.prep_objects(tok, "from") if self._place(t, mentions)]
            src_slot = "from_place" if sources else None
            if not sources:  # "were killed in Israeli shelling": the perpetrator of the deed that did it
                sources = self._cause_agent(tok, mentions)
                src_slot = "cause" if sources else None
        deed_coded = False
        if not sources and spec.type == "ASSAULT" and spec.pos == "VERB" and not frames.is_passive(tok):
            # "US drone strikes killed eight militants": the perpetrator of the deed in the subject
            sources, deed_coded = self._deed_agent(tok, mentions)
            src_slot = "cause" if sources else None
        # a target that is the source itself ("called off their strike") leaves the slot to the next one
        own = frozenset(a.key() for t in sources if (a := self._actor(t, mentions)) is not None)
        targets, tgt_slot, recip = self._fill(tok, tgt_slots, spec, mentions, own) if tgt_slots else ([], None, False)
        if tgt_slots and not targets and not (spec.symmetric and len(sources) >= 2):
            # "promised to continue aid to Mozambique": the recipient of the content
            actor_of = lambda x: self._actor(x, mentions)  # noqa: E731
            targets = recipients.content_recipients(tok, actor_of)
            if not targets and spec.pos == "NOUN" and self._light(tok):
                targets = recipients.purpose_recipients(tok, actor_of)
            tgt_slot = "content" if targets else None
            if not targets and sources and not spec.symmetric and spec.type != "CONSULT" \
                    and (spec.pos == "VERB" or src_slot != "governor.subj" or self._light(tok)):
                # "threatened to impose a curfew in Algiers": where the content happens
                targets = self._place_target(tok, spec.type, mentions, sources)
                tgt_slot = "place" if targets else None
        src_actors = [(t, self._actor(t, mentions)) for t in sources]
        src_actors = [x for t, a in src_actors if a is not None for x in self._expand(t, a, mentions)]
        target_of = self._place_actor if tgt_slot == "place" else self._actor
        pairs: list[tuple[Token | None, Actor | None, Token | None, Actor | None]] = []
        if recip and len(src_actors) >= 2:
            sector = self._recip_sector(targets)
            for t1, a1 in src_actors:
                for t2, a2 in src_actors:
                    if t1 is not t2:
                        other = Actor(country=a2.country, sector=sector) if sector else a2
                        pairs.append((t1, a1, t2, other))
        elif not src_actors and spec.symmetric and len(targets) >= 2:
            acts = [(t, target_of(t, mentions)) for t in targets]
            acts = [(t, a) for t, a in acts if a is not None]
            pairs = [(t1, a1, t2, a2) for t1, a1 in acts for t2, a2 in acts if t1 is not t2]
        elif src_actors and spec.pos == "NOUN" and src_slot == "governor.subj" and not targets \
                and not self._light(tok):
            return []  # "during a meeting, X said": a noun needs participants of its own
        elif not src_actors and targets and not recip and not self._natural(tok) and (
            spec.type == "ASSAULT" or (spec.type == "COERCE" and frames.is_passive(tok))
        ):
            # "three soldiers were killed by a roadside bomb": a deed against a known target by an
            # unnamed perpetrator is kept, with no source
            if not deed_coded:  # "the attack on X ... killed": coded already by the noun
                acts = [(t, target_of(t, mentions)) for t in targets]
                pairs = [(None, None, t, a) for t, a in acts if a is not None and (a.country or a.org or a.name)]
        elif src_actors:
            tgt_actors = [(t, target_of(t, mentions)) for t in targets if not recip]
            tgt_actors = [x for t, a in tgt_actors if a is not None for x in self._expand(t, a, mentions)]
            if not tgt_actors and spec.symmetric and len(src_actors) >= 2 and (src_slot != "governor.subj" or self._light(tok)):
                pairs = [(t1, a1, t2, a2) for t1, a1 in src_actors for t2, a2 in src_actors if t1 is not t2]
            elif tgt_actors:
                pairs = [(s, a, t, b) for s, a in src_actors for t, b in tgt_actors]
                if spec.mutual and tgt_slot and tgt_slot.endswith("prep:with"):
                    pairs += [(t, b, s, a) for s, a in src_actors for t, b in tgt_actors]  # "held talks with Y": Y talked too
            else:
                if (spec.symmetric and spec.type == "CONSULT") or (
                    spec.pos == "NOUN" and src_slot == "governor.subj" and not self._light(tok)
                ):
                    return []  # a meeting or talks with one known party only: too weak
                type_spec = self.onto.types[spec.type]
                if type_spec.needs_target:
                    return []
                pairs = [(s, a, None, None) for s, a in src_actors]
        negated, modality, refusal = clauses.flags(tok, self.lex)
        reported_by = statements.speaker(self, tok, mentions)
        type_name, mode, cameo = spec.type, spec.mode, self.onto.cameo_for(spec.type, spec.mode, spec.cameo)
        if type_name == "AGREE":
            # "vowed to retaliate", "is ready to attack": an intent whose content is coercive is a threat
            comp = frames.clause(tok, "xcomp")
            inner = self._spec_for(comp, mentions) if comp is not None else None
            promised = self.onto.intents.get(inner.type) if inner is not None else None
            if promised is not None and (promised.becomes == "THREATEN" or cameo == "030"):
                # ... and a cooperative one takes its own intent code ("agreed to meet": 036)
                type_name, mode, cameo = promised.becomes, None, promised.cameo
        intent = self.onto.intents.get(type_name)
        refused = self.onto.refusals.get(type_name)
        if negated and refusal and refused is not None:
            # "would not provide support", "failed to reach agreement": a refusal, asserted
            type_name, mode = "REJECT", refused.mode
            cameo = self.onto.cameo_for("REJECT", mode, None)
            negated, modality = False, None
        elif modality == "future" and intent is not None and (intent.narrated == "intent" or clauses.stated_intent(tok, self.lex)):
            type_name, mode, cameo = intent.becomes, None, intent.cameo
        elif type_name not in {"THREATEN", "REQUEST"} and (
            clauses.unless(tok) or (intent is not None and intent.becomes == "THREATEN" and clauses.if_clause(tok)
                                  and modality in {"future", "hypothetical", "conditional"})
        ):
            # "will withdraw its troops unless ...": a coercive warning
            type_name, mode, cameo = "THREATEN", None, self.onto.cameo_for("THREATEN", None, None)
            if modality in {"conditional", "hypothetical"} and not clauses.in_condition(tok):
                modality = None  # the warning itself is asserted; only its content is conditional
        if type_name == "THREATEN" and src_actors and not any(t is not None for _, _, t, _ in pairs) and tgt_slots != []:
            # "threatened to halt talks if the United States deploys missiles": the one the condition names
            own_keys = {a.key() for _, a in src_actors}
            cond = [(t, a) for t in recipients.condition_subjects(tok, lambda x: self._actor(x, mentions))
                    if (a := self._actor(t, mentions)) is not None and a.key() not in own_keys]
            if cond:
                pairs = [(s, a, t, b) for s, a in src_actors for t, b in cond]
        cameo = statements.claim_code(self, tok, type_name) or cameo
        main_clause = tok.dep_ in {"ROOT", "conj"} and (tok.dep_ == "ROOT" or tok.head.dep_ == "ROOT")
        drafts = []
        for s_tok, s_act, t_tok, t_act in pairs:
            if t_act is not None and s_act is not None and s_act.key() == t_act.key():
                continue  # an actor does not act on itself
            if t_act is not None and s_act is not None and s_act.name and t_act.name == s_act.name:
                continue
            conf = spec.confidence + (0.1 if spec.pos == "VERB" else 0.0) + (0.05 if main_clause else 0.0)
            conf -= 0.2 if s_act is None else 0.0
            sm = mentions.get(s_tok.i) if s_tok is not None else None
            tm = mentions.get(t_tok.i) if t_tok is not None else None
            conf += 0.15 if sm and sm.evidence and sm.evidence.kind in {"kb", "title"} else 0.0
            conf += 0.1 if t_act is not None else 0.0
            conf -= 0.1 if sm and sm.evidence and sm.evidence.kind == "coref" else 0.0
            conf -= 0.1 if tgt_slot in {"object_actor", "content"} else 0.0
            conf -= 0.15 if src_slot == "nearest" else 0.0
            kind = (type_name, mode, cameo)
            if type_name == "ASSAULT" and mode == "destroy" and s_tok is not None \
                    and s_tok.lemma_.lower() in self.lex["protester_nouns"]:
                # "protesters torched the building": damage to property as protest
                kind = ("PROTEST", "vandalize", self.onto.cameo_for("PROTEST", "vandalize", None))
            drafts.append(Draft(
                trigger=tok, spec=spec, source=s_act, target=t_act,
                source_text=sm.text if sm else (s_tok.text if s_tok is not None else None),
                target_text=(tm.text if tm else t_tok.text) if t_tok is not None else None,
                source_mention=sm, target_mention=tm, type=kind[0], mode=kind[1], cameo=kind[2],
                negated=negated, modality=modality, reported_by=reported_by if reported_by != s_act else None,
                confidence=round(max(0.05, min(conf, 0.99)), 2),
            ))
        return drafts

    def _light(self, noun: Token) -> bool:
        """'staged a hunger strike', 'imposed a curfew': the noun is the object of a light verb."""
        return self._light_verb(noun) is not None

    def _collective_reading(self, tok: Token, spec: TriggerSpec, coded: list[Draft], mentions: dict[int, Mention]
                            ) -> list[Draft]:
        """'Thousands of Nigerians protested' is a PROTEST; 'a rights group protested' is an ACCUSE,
        and 'jets carried out a strike' an ASSAULT: a word with several readings takes the one that
        fits who acts (a crowd, an institution, armed forces)."""
        other = {"PROTEST": "ACCUSE", "ACCUSE": "PROTEST"}.get(spec.type)
        sources = [d.source for d in coded if d.source is not None]
        if other is None or not sources:
            return coded
        crowd = all(a.org is None and a.name is None and (a.sector or "").lower() in self.lex["collective_sectors"]
                    for a in sources)
        if crowd == (spec.type == "PROTEST"):
            return coded
        if spec.type == "PROTEST" and all((a.sector or "").lower() in self.lex["armed_sectors"] for a in sources):
            other = "ASSAULT"
        for alt in self.index.get((spec.lemma, spec.pos), ()):
            if alt.type == other and alt.lemma == spec.lemma:
                recoded = self._code_trigger(tok, alt, mentions)
                if recoded:
                    return recoded
        return coded

    def _light_verb(self, noun: Token) -> Token | None:
        return recipients.light_verb(noun, self.lex)

    def _phrase(self, noun: Token) -> Token:
        return recipients.phrase(noun, self.lex)
