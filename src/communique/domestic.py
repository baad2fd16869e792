"""Domestic groups: a group with no country of its own ("students", "the opposition newspaper",
"rebels", "former president X") that a state institution acts on, or that acts on one, in the
same clause is taken to be of that institution's country: "Turkish police dispersed students",
"the judge ordered former president X to appear", "the government accepted demands from rebels".

Only same-clause evidence is used (never other sentences), and only institutions that act at
home (government, police, courts, legislature; not the military, which also fights abroad).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from .knowledge import Lexicon
from .knowledge.schema import NON_STATE
from .model import Evidence, Mention

_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "attr"}


def inherit_countries(doc: Doc, by_head: dict[int, Mention], lexicon: Lexicon) -> dict[int, Mention]:
    """Mentions by head, with domestic groups given the country of the institution in their clause."""
    domestic = lexicon["domestic_sectors"]
    state = lexicon["home_state_sectors"]
    out = dict(by_head)
    for h, m in by_head.items():
        a = m.actor
        if a is None or a.country or m.kind == "pronoun" or (a.sector or "").lower() not in domestic:
            continue
        found = _institution(doc[h], by_head, state)
        if found is not None:
            inst, country = found
            ev = Evidence("context", words=(m.text, inst.text, country), antecedent=(inst.start, inst.end))
            out[h] = replace(m, actor=replace(a, country=country), evidence=ev)
    return out


def _institution(tok: Token, by_head: dict[int, Mention], state: frozenset[str]) -> tuple[Mention, str] | None:
    """The state institution that is another core argument of the nearest verb above ``tok``."""
    path = {tok.i}
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        path.add(node.i)
        if node.pos_ not in {"VERB", "AUX"}:
            continue
        for arg in _arguments(node):
            if arg.i in path:
                continue
            m = by_head.get(arg.i)
            a = m.actor if m is not None else None
            if a is not None and a.country and a.country not in NON_STATE and len(a.country) == 3 \
                    and (a.sector or "").lower() in state:
                return m, a.country
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.i not in path for c in node.children):
            return None  # the clause has a subject of its own that is not a state institution
    return None


def _arguments(verb: Token) -> list[Token]:
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in _ARG_DEPS:
            out.append(c)
        elif c.dep_ in {"agent", "prep"}:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out
