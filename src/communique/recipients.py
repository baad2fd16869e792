"""Fallbacks that find an event's actor where its frame slot holds only a phrase around it.

Two mechanisms, both used by ``events.EventCoder`` after a trigger's own slots found no actor:

- ``inner_actors``: the slot holds a noun that is not itself an actor, but a possessor or a
  modifier of it is ("imposed sanctions on the Taliban faction", "praised Haiti's efforts",
  "is opposed to French mediation").
- ``content_recipients``: the recipient sits in what the trigger is about: the object or
  to-clause that states the content ("promised to continue military aid to Mozambique",
  "mobilized reservists for a war against Iraq", "threatened to deliver blows to the United
  States"), or the purpose clause of a deed ("began a hunger strike to protest against X").

Also the phrase around an event noun: the light verb that carries it ("staged a strike",
"engaged in ethnic cleansing") and the carrier noun it modifies ("a mediation mission").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from . import frames
from .knowledge import Lexicon

# prepositions that introduce the one an act is directed at
RECIPIENT_PREPS = {"to", "against", "on", "toward", "towards", "with", "into", "for", "upon", "onto"}
# dependencies the content search walks down
_CONTENT_DEPS = {"xcomp", "dobj", "obj", "prep", "pobj", "advcl", "conj", "nsubjpass", "attr"}
# prepositions whose object is a reason or circumstance, not content ("arrested for spying")
_REASON_PREPS = {"because", "despite", "after", "before", "during", "since", "in", "at", "by", "from", "of",
                 "under", "over", "amid", "following", "until", "near", "without", "as", "like", "about"}

# prepositions of the place where a deed is done, a last resort for its target
_PLACE_PREPS = {"in", "inside", "within", "into", "across", "throughout", "at"}

# prepositions of the circumstances of a deed, which share its place ("during its campaign in X")
_CIRCUMSTANCE_PREPS = {"during", "amid", "amidst"}

ActorOf = Callable[[Token], object]


def inner_actors(tok: Token, actor_of: ActorOf) -> list[Token]:
    """Actor tokens inside a non-actor noun: its possessor, then a modifier naming an actor."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return []
    for deps in ({"poss"}, {"compound", "nmod", "amod"}):
        found = [c for c in tok.children if c.dep_ in deps and actor_of(c) is not None]
        if found:
            return [t for c in found[:1] for t in frames.conjuncts(c) if actor_of(t) is not None] or found[:1]
    # "an Islamic State target": the modifier of a compound modifier
    found = [g for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"
             for g in c.children if g.dep_ in {"compound", "nmod", "amod", "poss"} and actor_of(g) is not None]
    return found[:1]


def purpose(clause: Token) -> bool:
    """A to-infinitive clause of purpose: 'began a strike to protest ...', 'sent troops to help ...'."""
    return clause.dep_ in {"advcl", "relcl", "acl"} and clause.pos_ in {"VERB", "AUX"} \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def purpose_recipients(noun: Token, actor_of: ActorOf) -> list[Token]:
    """'staged a hunger strike to protest against X': the purpose clause of the light verb."""
    head = noun.head
    if head is noun:
        return []
    for c in head.children:
        if c.i != noun.i and purpose(c):
            found = content_recipients(c, actor_of)
            if found:
                return found
    return []


def content_recipients(tok: Token, actor_of: ActorOf, max_depth: int = 4, places: bool = False,
                       deep: bool = False) -> list[Token]:
    """The nearest actor introduced by a recipient preposition inside the trigger's content;
    with ``places``, only the actor (a country or city) of the place where the content happens
    ("threatened to impose a curfew in Algiers"); ``deep`` also looks inside the place and the
    circumstances of a material deed ("at a mall in Kenya's capital", "during its campaign in
    Nigeria")."""
    frontier: list[tuple[int, Token]] = [(0, tok)]
    seen = {tok.i}
    while frontier:
        depth, cur = frontier.pop(0)
        for c in cur.children:
            if c.i in seen:
                continue
            if c.dep_ == "prep":
                word = c.lower_
                if places and word in _PLACE_PREPS:
                    for p in c.children:
                        if p.dep_ == "pobj":  # "in Syria", "in Kenya's capital"
                            found = [p] if actor_of(p) is not None else inner_actors(p, actor_of)
                            if found:
                                return found[:1]
                source_of = word == "from" and cur.pos_ == "NOUN" and cur.i != tok.i  # "rejected an offer from X"
                if (word in RECIPIENT_PREPS or source_of) and not places:
                    for p in c.children:
                        if p.dep_ != "pobj":
                            continue
                        if p.pos_ == "PRON":
                            continue  # "talks on their border": the actors themselves
                        if actor_of(p) is not None:
                            return [t for t in frames.conjuncts(p) if actor_of(t) is not None]
                        inner = [t for t in inner_actors(p, actor_of) if t.pos_ != "PRON"]
                        if inner:
                            return inner
                own = cur.i == tok.i and tok.pos_ == "NOUN" and word == "of"  # "a suspension of links with X"
                # "at a mall in Kenya's capital", "during its campaign in Nigeria"
                own = own or (places and deep and word in _PLACE_PREPS | _CIRCUMSTANCE_PREPS)
                if not own and (word in _REASON_PREPS or word not in RECIPIENT_PREPS):
                    continue
            elif c.dep_ in {"advcl", "relcl", "acl"}:
                # "an attack targeting Christians in Egypt": a participle that describes the deed
                described = c.dep_ == "acl" and c.tag_ == "VBG" and cur.i == tok.i and tok.pos_ == "NOUN"
                if not purpose(c) and not described:
                    continue
            elif c.dep_ == "conj" and cur.i == tok.i:
                continue  # a coordinated verb is an event of its own
            elif c.dep_ not in _CONTENT_DEPS:
                continue
            if c.dep_ == "pobj" and c.pos_ in {"VERB", "AUX"}:
                continue
            seen.add(c.i)
            if depth + 1 < max_depth + (2 if deep else 0):
                frontier.append((depth + 1, c))
    return []


def phrase(noun: Token, lex: Lexicon) -> Token:
    """The head of a phrase an event noun modifies: 'a mediation mission', 'a peace effort'."""
    head = noun.head
    if noun.dep_ in {"compound", "amod"} and head.pos_ == "NOUN" and head.lemma_.lower() in lex["carrier_nouns"]:
        return head
    return noun


def responsibility_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The verb of 'X claimed (denied) responsibility for the attack', for the deed noun."""
    owner = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
    if owner is None or owner.lemma_.lower() not in lex["responsibility_nouns"] or owner.dep_ not in frames.OBJ:
        return None
    return owner.head


def claimed(noun: Token, lex: Lexicon) -> Token | None:
    """The verb of 'X claimed responsibility for the attack' whose subject owns the deed noun."""
    verb = responsibility_verb(noun, lex)
    return verb if verb is not None and verb.lemma_.lower() in lex["responsibility_verbs"] else None


def light_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The light verb whose object (or 'in' object: 'engaged in ethnic cleansing') the noun is,
    or the verb that claims the deed ('claimed responsibility for the bombing')."""
    claim = claimed(noun, lex)
    if claim is not None:
        return claim
    noun = phrase(noun, lex)
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "in":
        verb = verb.head
        if any(c.dep_ in frames.OBJ for c in verb.children):
            return None  # "engaged Y in a firefight": the verb's own frame (triggers with a complement)
    elif noun.dep_ not in frames.OBJ | {"attr"}:
        return None
    return verb if verb.i != noun.i and verb.lemma_.lower() in lex["light_verbs"] else None


def condition_subjects(tok: Token, actor_of: ActorOf) -> list[Token]:
    """'threatened to strike unless Iran stops ...': the one whose conduct the condition names."""
    clauses = [tok, *(c for c in tok.children if c.dep_ == "xcomp"),
               *(g for c in tok.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "xcomp")]
    cur = tok
    for _ in range(2):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        clauses.append(cur)
    for clause in clauses:
        for c in clause.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in {"if", "unless"} for g in c.children):
                found = [t for t in frames.subject(c) if actor_of(t) is not None]
                if found:
                    return found
    return []


def struck_places(phrases: list[Token], place_of: ActorOf) -> list[Token]:
    """The place where the deed a phrase names happened: "condolences over the bombing in Madrid"."""
    for phrase in phrases[:1]:
        found = content_recipients(phrase, place_of, places=True)
        if found:
            return found
    return []
