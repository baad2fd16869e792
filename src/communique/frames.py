"""Argument frames: find the tokens that fill a trigger's source and target slots.

Slots are named in ``data/triggers.yaml``; this module is their only interpreter. Each
function takes a trigger token and returns head tokens (coordinations expanded).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Token

from .knowledge import load_lexicon

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj"}
CLAUSE_UP = {"xcomp", "conj", "advcl", "ccomp", "pcomp", "acl"}


def _words(name: str) -> frozenset[str]:
    """A word list of data/lexicon.yaml (loaded once)."""
    return load_lexicon()[name]


def conjuncts(tok: Token) -> list[Token]:
    """The token and every token coordinated with it ("Russia, Belarus and Kazakhstan")."""
    out = [tok]
    for c in tok.conjuncts:
        if c.pos_ in {"PROPN", "NOUN", "PRON"} and c not in out:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def stative(verb: Token) -> bool:
    """A passive participle with no agent, which may be read as an adjective ('is committed to')."""
    return verb.tag_ == "VBN" and is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children)


def _own_subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in SUBJ:
            return c
    return None


def subject(verb: Token) -> list[Token]:
    """The subject of a verb: its nsubj, the by-agent of a passive, or an inherited subject."""
    if verb.dep_ in {"acomp", "attr"} and (verb.pos_ in {"ADJ", "NOUN"} or verb.tag_ == "VBN"):  # "X is ready to", "X is opposed to"
        return subject(verb.head)
    if verb.pos_ not in {"VERB", "AUX"} and verb.dep_ not in CLAUSE_UP and verb.dep_ != "ROOT":
        return []
    if is_passive(verb):
        for c in verb.children:
            if c.dep_ == "agent":
                return [t for p in c.children if p.dep_ == "pobj" for t in conjuncts(p)]
        return []
    subj = _own_subject(verb)
    if subj is not None:
        if subj.tag_ in {"WP", "WDT"} or subj.lower_ in {"who", "which", "that"}:
            if verb.dep_ == "relcl":
                return conjuncts(verb.head)
            return []
        return conjuncts(subj)
    for c in verb.children:
        # "X and Y, pictured above, accused ...": a participle clause does not take a subject of
        # its own, so a subject the parser hung on it belongs to the main verb.
        if c.dep_ == "advcl" and c.tag_ in {"VBN", "VBG"} and c.i < verb.i:
            inner = _own_subject(c)
            if inner is not None and inner.i < c.i:
                return conjuncts(inner)
    if verb.dep_ == "relcl":  # "the assembly, which consists of ..." with no explicit subject
        return conjuncts(verb.head)
    if verb.dep_ == "conj" and is_passive(verb.head) and verb.head is not verb:
        # "X has been indicted and will resign": an active verb shares the passive's subject, not its agent
        patient = [c for c in verb.head.children if c.dep_ in PASS_SUBJ]
        if patient:
            return conjuncts(patient[0])
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        if verb.head.lemma_.lower() in _words("issued_texts"):
            # "issued a statement condemning X": the one who issued it
            gov = verb.head.head if verb.head.dep_ in OBJ else None
            return subject(gov) if gov is not None and gov.pos_ in {"VERB", "AUX"} else []
        return conjuncts(verb.head)  # "demonstrators protesting the results": the demonstrators
    if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.pos_ in {"VERB", "AUX"} and verb.head is not verb:
        if verb.dep_ == "xcomp":
            # "urged Iran to stop": the object of the governing verb is the subject
            obj = [c for c in verb.head.children if c.dep_ in OBJ]
            if obj and verb.head.lemma_ in _words("object_control_verbs"):
                return conjuncts(obj[0])
            if is_passive(verb.head):
                # "X is expected to attend", "X was asked to leave": the passive subject
                return [t for c in verb.head.children if c.dep_ in PASS_SUBJ for t in conjuncts(c)]
        return subject(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "NATO members, led by the US": agent only
        return []
    return []


def objects(verb: Token) -> list[Token]:
    if is_passive(verb):
        return [t for c in verb.children if c.dep_ in PASS_SUBJ for t in conjuncts(c)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return conjuncts(verb.head)  # "soldiers killed in X", "the activists detained on Monday"
    for c in verb.children:
        if c.dep_ in OBJ:
            return conjuncts(c)
    return []


def prep_objects(tok: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent", "dative"} and c.lower_ == prep:
            for p in c.children:
                if p.dep_ in {"pobj", "pcomp"}:
                    out.extend(conjuncts(p))
        if c.dep_ == "prt" and c.lower_ == prep:  # "called on X": "on" parsed as particle
            for p in tok.children:
                if p.dep_ in OBJ:
                    out.extend(conjuncts(p))
    return out


def prep_heads(tok: Token) -> list[Token]:
    """Objects of the token's prepositions ("came under pressure": pressure)."""
    return [p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]


def dative(verb: Token) -> list[Token]:
    for c in verb.children:
        if c.dep_ in {"dative", "iobj"} and c.pos_ in {"PROPN", "NOUN", "PRON"}:
            return conjuncts(c)
    return prep_objects(verb, "to") if any(c.dep_ == "dative" for c in verb.children) else []


def fused_dative(verb: Token) -> list[Token]:
    """'gave the Ivory Coast 5 million dollars' parsed as one object: the name before the amount."""
    objs = objects(verb) if not is_passive(verb) else []
    if not objs:
        return []
    amount = [c.i for c in objs[0].children if c.dep_ == "nummod"]
    if not amount:
        return []
    return [c for c in objs[0].children if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" and c.i < min(amount)]


def clause(verb: Token, dep: str) -> Token | None:
    for c in verb.children:
        if c.dep_ == dep:
            return c
    return None


def governor(noun: Token) -> Token | None:
    """The verb a noun phrase hangs from ("held talks", "during a meeting ..., X said")."""
    tok = noun
    for _ in range(4):
        head = tok.head
        if head is tok:
            return None
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if tok.dep_ not in {"pobj", "prep", "dobj", "attr", "conj", "appos", "pcomp"}:
            return None
        tok = head
    return None


def possessor(noun: Token) -> list[Token]:
    return [t for c in noun.children if c.dep_ == "poss" for t in conjuncts(c)]


def modifiers(noun: Token, deps: set[str]) -> list[Token]:
    return [c for c in noun.children if c.dep_ in deps]


def reciprocal(tok: Token) -> bool:
    """'each other', 'one another' (also as the possessor: "each other's governments")."""
    words = [t.lower_ for t in tok.subtree][:6]
    text = " ".join(words)
    return "each other" in text or "one another" in text


def walk(tok: Token, max_depth: int = 4) -> Iterator[tuple[int, Token]]:
    """Breadth-first walk of a subtree, stopping at clauses of their own."""
    frontier = [(0, tok)]
    while frontier:
        depth, cur = frontier.pop(0)
        yield depth, cur
        if depth >= max_depth:
            continue
        for c in cur.children:
            if c.dep_ in {"relcl", "ccomp", "advcl", "punct", "cc", "appos"}:
                continue
            frontier.append((depth + 1, c))


def authors(doc_noun: Token) -> list[Token]:
    """Who a report or statement is by: its possessor or modifier ("a UN report"), a by/from
    phrase ("a report by Amnesty"), or where it was issued ("a report released in Kigali")."""
    out = possessor(doc_noun) + modifiers(doc_noun, {"compound", "amod", "nmod"})
    out += prep_objects(doc_noun, "by") + prep_objects(doc_noun, "from")
    for c in doc_noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            out += [t for p in ("by", "in", "from") for t in prep_objects(c, p)]
    return out


# ---- trigger matching: the words of an entry and the words around a token that the extra
# words of a multi-word entry ("call on", "peace talks") must be among

TRIGGER_POS = frozenset({"NOUN", "VERB", "ADJ"})  # the parts of speech an entry can have


@cache
def entry_words(lemma: str) -> tuple[str, ...]:
    """The words of a trigger entry's lemma ("call on" -> call, on)."""
    return tuple(lemma.split())


def near_words(tok: Token, pos: str) -> set[str]:
    """The words around a trigger token that the extra words of a multi-word entry must be
    among: a noun's modifiers ("peace talks"); a verb's particles, prepositions, objects, their
    compounds and prepositional objects."""
    kids = list(tok.children)
    if pos == "NOUN":
        return {c.lemma_.lower() for c in kids if c.dep_ in {"compound", "amod", "nmod"}}
    near = {c.lower_ for c in kids if c.dep_ in {"prt", "prep", "agent", "dative"}}
    near |= {c.lemma_.lower() for c in kids if c.dep_ in OBJ}
    # "ended mediation efforts", "suspended aid deliveries": the object's own modifier
    near |= {g.lemma_.lower() for c in kids if c.dep_ in OBJ for g in c.children if g.dep_ == "compound"}
    near |= {g.lemma_.lower() for c in kids if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
    return near
