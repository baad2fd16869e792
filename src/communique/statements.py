"""Events in what actors state or want: the speaker of a reported event, demands in speech
("X said Y must ..."), appeals in wishes ("X wants Y to ..."), and accusations: an actor who
states that another did harm ("X said Y had shelled ...") accuses it.

Functions of the events stage; ``coder`` is the ``events.EventCoder`` whose slots and actor
lookups they use.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import clauses, frames, recipients
from .knowledge import TriggerSpec
from .model import Actor, Mention

if TYPE_CHECKING:
    from .events import Draft, EventCoder

# deeds that, stated by one actor about another, accuse it
HARMFUL = {"ASSAULT", "COERCE"}
# speakers who report rather than accuse: the media
_REPORTERS = {"JRN"}


def claim_code(coder: EventCoder, tok: Token, type_name: str) -> str | None:
    """CAMEO 015 (acknowledge or claim responsibility) for a harmful deed its doer claims:
    'X claimed responsibility for the bombing', 'X admitted that it had shelled the town'.
    PLOVER has no statement type: the event keeps the deed's type; the CAMEO code is the claim's."""
    if type_name not in HARMFUL:
        return None
    own = clauses.admitted(tok, coder.lex) is not None
    if not own and tok.pos_ == "NOUN":
        own = recipients.claimed(coder._phrase(tok), coder.lex) is not None
    return "015" if own else None


def speaker(coder: EventCoder, tok: Token, mentions: dict[int, Mention]) -> Actor | None:
    """The one who reported the event, when it sits in a that-clause of a speech verb."""
    verb = speech_verb(coder, tok)
    if verb is None:
        return None
    for s in frames.subject(verb):
        actor = coder._actor(s, mentions)
        if actor is not None:
            return actor
    return None


def speech_verb(coder: EventCoder, tok: Token, words: frozenset[str] | None = None) -> Token | None:
    """The speech verb whose that-clause holds the token, if any (up to four clauses up)."""
    words = words if words is not None else coder.lex["speech_verbs"]
    cur = tok
    for _ in range(4):
        head = cur.head
        if head is cur:
            return None
        if cur.dep_ in {"ccomp", "parataxis"} and head.lemma_.lower() in words:
            return head
        cur = head
    return None


def demand_in_speech(coder: EventCoder, tok: Token, mentions: dict[int, Mention]) -> list[Draft]:
    """'X said Y must/should ...' is X's demand on Y."""
    comp = frames.clause(tok, "ccomp")
    if comp is None:
        return []
    aux = {c.lower_ for c in comp.children if c.dep_ in {"aux", "auxpass"}}
    if not aux & {"must", "should"} and not any(
        c.dep_ == "xcomp" and comp.lemma_ in {"have", "need"} for c in comp.children
    ):
        return []
    spec = TriggerSpec(lemma=tok.lemma_, type="REQUEST", mode="change", cameo="100",
                       source=["subj"], target=["ccomp.subj"], speech=True, confidence=0.5)
    return coder._code_trigger(tok, spec, mentions)


def appeal_in_wish(coder: EventCoder, tok: Token, mentions: dict[int, Mention]) -> list[Draft]:
    """'X wants Y to ...' is X's appeal to Y (CAMEO 02); 'X wants to ...' is X's intent."""
    comp = frames.clause(tok, "ccomp") or frames.clause(tok, "xcomp")
    if comp is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
        return []
    if any(c.dep_ in frames.SUBJ for c in comp.children):
        target = ["ccomp.subj"]
    elif any(c.dep_ in frames.OBJ for c in tok.children):
        target = ["dobj"]
    else:
        return []
    spec = TriggerSpec(lemma=tok.lemma_, type="REQUEST", cameo="020", source=["subj"], target=target,
                       confidence=0.5)
    return [d for d in coder._code_trigger(tok, spec, mentions) if d.target is not None]


def accusations(coder: EventCoder, drafts: list[Draft], mentions: dict[int, Mention]) -> list[Draft]:
    """'X said (that) Y had shelled ...': X accuses Y. The speaker comes first and is not the
    media, the deed is harm done by an actor of another country, asserted as fact."""
    out: list[Draft] = []
    seen: set[tuple[int, tuple]] = set()
    words = coder.lex["assertion_verbs"]
    for d in drafts:
        if d.type not in HARMFUL or d.source is None or d.negated or d.modality not in {None, "alleged"}:
            continue
        verb = speech_verb(coder, d.trigger, words)
        if verb is None or verb.i > d.trigger.i:
            continue  # "..., officials said": an attribution, not a charge
        spec = TriggerSpec(lemma=verb.lemma_, type="ACCUSE", mode="allege", cameo="112", speech=True,
                           confidence=0.5)
        subjects, _, _ = coder._fill(verb, ["subj"], spec, mentions)
        who = coder._actor(subjects[0], mentions) if subjects else None
        if who is None or not (who.country or who.org or who.name):
            continue  # "officials said ...": an unidentified speaker accuses no one
        speakers = [a for t in subjects if (a := coder._actor(t, mentions)) is not None]
        if who.sector in _REPORTERS or any(a.key() == d.source.key() or (
            a.country is not None and a.country == d.source.country) for a in speakers
        ):
            continue  # "Kenya and Uganda said they had closed ...": their own deed
        if any(x.trigger.i == verb.i and x.type == "ACCUSE" for x in drafts):
            continue  # "alleged that ...": the speech verb is an accusation already
        key = (verb.i, d.source.key())
        if key in seen:
            continue
        seen.add(key)
        sm = mentions.get(subjects[0].i)
        out.append(replace(
            d, trigger=verb, spec=spec, source=who, target=d.source, source_text=sm.text if sm else subjects[0].text,
            target_text=d.source_text, source_mention=sm, target_mention=d.source_mention,
            type="ACCUSE", mode="allege", cameo="112", modality=None, reported_by=None,
            confidence=round(max(0.05, d.confidence - 0.1), 2),
        ))
    return out
