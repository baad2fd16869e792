"""Actors for a trigger beyond its frame slots: an actor inside the object phrase, the
perpetrator named by an attack noun ("killed in an air strike by X"), places, coordinated
country adjectives, the nearest subject when the parse gives none, natural causes that are no
perpetrators, and the sector of a reciprocal. A mixin of ``events.EventCoder``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import frames, recipients
from .model import Actor, Mention
from .places import named_place

if TYPE_CHECKING:
    from .events import EventCoder
    from .knowledge import TriggerSpec


class ArgumentFinder:
    """Methods of the event coder that find actors outside the frame's slots."""

    def _object_actor(self: EventCoder, tok: Token, spec: TriggerSpec, mentions: dict[int, Mention]) -> list[Token]:
        """An actor inside the object: its possessor, the agent of an event noun, an of/in tail."""
        obj = self._object(tok, spec)
        if obj is None:
            return []
        m = mentions.get(obj.i)
        if m is not None and m.actor is not None:
            return frames.conjuncts(obj)
        inner = self._spec_for(obj, mentions) if obj.pos_ == "NOUN" else None
        if inner is not None:  # "pointed to police crackdowns": the agent of the deed
            for s in ("poss", "agent", "compound", "amod"):
                found = [t for t in self._slot(obj, s, inner, mentions) if self._actor(t, mentions)]
                if found:
                    return found
        for _depth, t in frames.walk(obj):
            if t.dep_ == "npadvmod" and t.head.dep_ == "amod":
                continue  # "a government-held district": who holds it, not who was hit
            if t.i != obj.i and self._actor(t, mentions) is not None:
                return [t]
        return []

    def _place_target(self: EventCoder, tok: Token, type_name: str, mentions: dict[int, Mention],
                      sources: list[Token] = ()) -> list[Token]:
        """The country where the deed happens, as a last resort for its target: in the trigger's
        content ("threatened to impose a curfew in Algiers"); for a material deed also inside
        its place and circumstances, and around the light verb of an event noun ("launched
        attacks during its campaign in northeastern Nigeria"). A show of force at home
        ("Russian troops held exercises in Siberia") is aimed at no one."""
        home = {a.country for t in sources if (a := self._actor(t, mentions)) is not None} \
            if type_name == "MOBILIZE" else set()

        def place_of(t: Token) -> Actor | None:
            a = self._actor(t, mentions) if self._place(t, mentions) else None
            return None if a is not None and a.country in home else a

        deep = self.onto.types[type_name].quad == 4
        found = recipients.content_recipients(tok, place_of, places=True, deep=deep)
        light = self._light_verb(tok) if tok.pos_ == "NOUN" and deep else None
        if not found and light is not None:
            found = recipients.content_recipients(light, place_of, places=True, deep=deep)
        return found

    def _means(self: EventCoder, tok: Token) -> list[Token]:
        """Attack nouns in a deed's in-phrase: the means of the deed, not a deed of their own."""
        nouns = frames.prep_objects(tok, "in")
        words = [*nouns, *(c for n in nouns for c in n.children if c.dep_ == "acl")]  # "tank [shelling]"
        return [n for n in words if n.pos_ in {"NOUN", "VERB"}
                and any(o.type == "ASSAULT" for o in self.index.get((n.lemma_.lower(), n.pos_), ()))]

    def _deed_agent(self: EventCoder, verb: Token, mentions: dict[int, Mention]) -> tuple[list[Token], bool]:
        """The agent of an attack noun that is the verb's subject, and whether that noun has a
        target of its own (then it is coded by itself)."""
        subj = [c for c in verb.children if c.dep_ in frames.SUBJ]
        noun = subj[0] if subj and subj[0].pos_ == "NOUN" else None
        inner = self._spec_for(noun, mentions) if noun is not None else None
        if noun is None or inner is None:
            return [], noun is not None and noun.lemma_.lower() in self.event_nouns
        if inner.target and self._fill(noun, inner.target, inner, mentions)[0]:
            return [], True
        for slot in ("agent", "poss", "amod", "compound"):
            found = [t for t in self._slot(noun, slot, inner, mentions) if self._actor(t, mentions) is not None]
            if found:
                return found, True
        return [], False

    def _cause_agent(self: EventCoder, tok: Token, mentions: dict[int, Mention]) -> list[Token]:
        """The agent of an attack noun in the trigger's in-phrase ('in an air strike by X')."""
        for noun in frames.prep_objects(tok, "in"):
            m = mentions.get(noun.i)
            if m is not None and m.kind == "sector" and m.actor is not None and m.actor.sector == "MIL" \
                    and m.actor.country:
                return [noun]  # "killed in Israeli tank [fire]": the weapon stands for its forces
            inner = self._spec_for(noun, mentions) if noun.pos_ == "NOUN" else None
            if inner is None or inner.type != "ASSAULT":
                continue
            for slot in ("agent", "poss", "amod", "compound"):
                found = [t for t in self._slot(noun, slot, inner, mentions) if self._actor(t, mentions) is not None]
                if found:
                    return found
        return []

    def _elided_actor(self: EventCoder, tok: Token) -> Actor | None:
        """'withdrew from the Syrian to the Israeli side': a country adjective heading its own
        noun phrase stands for the elided noun, and so for the country."""
        if tok.dep_ not in {"pobj", "dobj", "nsubj", "conj"} or not any(c.dep_ == "det" for c in tok.children):
            return None
        refs = [r for r in self.kb.refs(tok.text) if r.kind == "country" and r.how == "adjective"]
        return Actor(country=refs[0].id) if refs else None

    def _place_actor(self: EventCoder, tok: Token, mentions: dict[int, Mention]) -> Actor | None:
        """The country a place stands for: a country or territory the article names as such, else
        a place name the gazetteer knows ("sorrow for the shootings in South Carolina")."""
        if self._place(tok, mentions):
            return self._actor(tok, mentions)
        m = mentions.get(tok.i)
        found = named_place(tok) if m is None or m.actor is None else None
        return Actor(country=found.country) if found is not None and found.country else None

    def _place(self: EventCoder, tok: Token, mentions: dict[int, Mention]) -> bool:
        """The token names a country or territory (not a group, office or person)."""
        m = mentions.get(tok.i)
        return m is not None and m.actor is not None and m.kind == "country" and not m.actor.name

    def _expand(self: EventCoder, tok: Token, actor: Actor, mentions: dict[int, Mention]) -> list[tuple[Token, Actor]]:
        """'Iranian and American diplomats': one actor per coordinated country adjective; 'X and
        Y said they would ...': one actor per coordinated antecedent of a plural pronoun."""
        group = self._plural_antecedents(tok, mentions)
        if group:
            return group
        out = [(tok, actor)]
        for c in tok.children:
            if c.dep_ not in {"amod", "compound", "nmod"}:
                continue
            for cj in c.conjuncts:
                refs = [r for r in self.kb.refs(cj.text) if r.kind == "country" and r.how in {"adjective", "name"}]
                if refs and refs[0].id != actor.country and actor.country is not None:
                    out.append((cj, Actor(country=refs[0].id, sector=actor.sector)))
        return out

    def _plural_antecedents(self: EventCoder, tok: Token, mentions: dict[int, Mention]) -> list[tuple[Token, Actor]]:
        """The coordinated actors a plural pronoun stands for ('Obama and Putin said they ...')."""
        m = mentions.get(tok.i)
        if m is None or m.kind != "pronoun" or tok.lower_ not in self.lex["plural_pronouns"] \
                or m.evidence is None or m.evidence.antecedent is None:
            return []
        start, end = m.evidence.antecedent
        head = next((x.head for x in mentions.values() if (x.start, x.end) == (start, end) and x.head is not None), None)
        if head is None:
            return []
        group = [(c, a) for c in frames.conjuncts(tok.doc[head]) if (a := self._actor(c, mentions)) is not None]
        return group if len(group) > 1 else []

    def _natural(self: EventCoder, tok: Token) -> bool:
        """The subject or by-agent is a storm, a disease, an accident: not a perpetrator."""
        agents = [t for c in tok.children if c.dep_ in frames.SUBJ | {"agent"} for t in c.subtree]
        return any(t.lemma_.lower() in self.lex["natural_causes"] or t.lower_ in self.lex["natural_causes"]
                   for t in agents)

    def _nearest_subject(self: EventCoder, tok: Token, mentions: dict[int, Mention]) -> list[Token]:
        """When the parse gives a finite verb no subject, the nearest actor before it in the clause."""
        if tok.tag_ not in {"VBD", "VBZ", "VBP"} or tok.dep_ in {"relcl", "acl", "xcomp", "pcomp"}:
            return []
        for left in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
            if (left.pos_ in {"VERB", "AUX"} and left.dep_ not in {"amod", "compound"}) or left.text in {";", ":"}:
                return []
            m = mentions.get(left.i)
            if m is not None and m.actor is not None and left.dep_ not in {"pobj", "dobj", "poss"}:
                return [left]
        return []

    def _recip_sector(self: EventCoder, targets: list[Token]) -> str | None:
        """'each other's governments': the other actor's government."""
        for t in targets:
            spec = self.kb.sector_nouns.get(t.lower_) or self.kb.sector_nouns.get(t.lemma_.lower())
            if spec is not None:
                return spec.sector
        return None
