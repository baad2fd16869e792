"""Flags of a trigger from its clause: negation, modality (future, hypothetical, conditional,
demanded, denied) and refusal, read off auxiliaries, negators and the verbs above it."""

from __future__ import annotations

from spacy.tokens import Token

from . import frames, recipients
from .knowledge import Lexicon

# nouns whose that-clause states what someone demands ("its demand that Israel ease restrictions")
DEMAND_NOUNS = {"demand", "call", "appeal", "request", "ultimatum", "order", "insistence", "plea"}


def flags(tok: Token, lex: Lexicon) -> tuple[bool, str | None, bool]:
    """Negated, modality, and whether the negation is a refusal (refuse/fail/will not)."""
    negated = any(c.dep_ == "neg" for c in tok.children) or any(
        c.lower_ in {"no", "never"} and c.dep_ in {"det", "neg", "advmod"} for c in tok.children
    )
    refusal = False
    modality: str | None = None
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in frames.OBJ | {"nsubjpass"} else tok
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if verb is not tok:
        negated = negated or any(c.dep_ == "neg" for c in verb.children)
        tok = verb
    if aux & {"must", "should"} or (tok.dep_ == "xcomp" and tok.head.lemma_ in {"have", "need"}
                                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        modality = "demanded"  # "Russia must withdraw": an obligation someone states, not a deed
    elif tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() not in {"attempt", "bid"} \
            and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
        modality = "hypothetical"  # "pressure to help Iran", "permission to attack": not a deed
    elif tok.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children) and any(
        c.dep_ in frames.OBJ and c.lemma_.lower() in lex["licence_nouns"] for c in tok.head.children
    ):
        modality = "hypothetical"  # "faces pressure from X to help Iran": the parser hung the clause on the verb
    elif aux & {"would"} and in_speech(tok, lex):
        modality = "future"  # "said it would withdraw": the future of reported speech
    elif aux & {"would", "could", "might", "may"}:
        modality = "hypothetical"
    elif aux & {"will", "shall", "'ll"}:
        modality = "future"
    cur = tok
    for _ in range(4):  # walk up through xcomp/ccomp/advcl chains
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in cur.children):
            modality = "conditional"
        if cur is tok and any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless" for g in c.children)
                              for c in cur.children):
            modality = "conditional"
        head = cur.head
        if head is cur:
            break
        if cur.dep_ == "xcomp" and head.lemma_.lower() in lex["negating_verbs"]:
            negated = True
            refusal = head.lemma_.lower() in {"refuse", "fail", "decline"}
        if cur.dep_ in {"xcomp", "ccomp"} and head.lemma_.lower() in {"deny"}:
            modality = "denied"
        if cur.dep_ == "ccomp" and head.lemma_.lower() in lex["allegation_verbs"] and not _self_claim(cur, head):
            modality = modality or "alleged"  # "alleged that Y had attacked": the allegation is the event
        if cur.dep_ in {"xcomp", "ccomp"} and head.lemma_.lower() in {"urge", "demand", "ask", "call", "press"}:
            modality = modality or "demanded"
        if cur.dep_ in {"acl", "ccomp", "relcl"} and head.pos_ == "NOUN" and head.lemma_.lower() in DEMAND_NOUNS \
                and not any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in cur.children):
            modality = modality or "demanded"  # "its demand that Israel ease restrictions"
        if cur.dep_ in {"acl", "ccomp"} and head.pos_ == "NOUN" and head.lemma_.lower() in lex["allegation_nouns"] \
                and not any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in cur.children):
            modality = modality or "alleged"  # "accusations that it had attacked the dam": only alleged
        if cur.dep_ == "ccomp" and any(c.dep_ in frames.OBJ and c.lemma_.lower() in DEMAND_NOUNS for c in head.children):
            modality = modality or "demanded"  # "repeated its demand on Friday that Israel ease ..."
        if cur.dep_ in {"xcomp", "ccomp"} and head.lemma_.lower() in {"want", "wish"} and _own_agent(cur, head):
            modality = modality or "demanded"  # "wants Y to leave": what X asks of Y ("wants to leave": intent)
        if _intent_head(cur, head, lex) or (cur.dep_ == "xcomp" and head.lemma_.lower() in lex["imminent_verbs"]):
            modality = modality or "future"  # "vowed to attack", "is ready to talk", "prepared to leave"
        if cur.dep_ not in {"xcomp", "ccomp", "advcl", "conj", "pcomp", "prep", "pobj", "dobj"}:
            break
        cur = head
    if modality is None and any(a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in a.children)
                                for a in tok.ancestors):
        modality = "conditional"  # anywhere inside an if/unless clause, however deep
    disclaimer = recipients.responsibility_verb(tok, lex) if tok.pos_ == "NOUN" else None
    if disclaimer is not None and disclaimer.lemma_.lower() in lex["disclaim_verbs"]:
        modality = "denied"  # "denied responsibility for the attack": no deed of the speaker's
    if negated and modality in {"future", "hypothetical"} and not refusal:
        refusal = any(c.lower_ in {"will", "would", "wo", "shall"} for c in tok.children if c.dep_ == "aux")
    return negated, modality, refusal


def _intent_head(clause: Token, head: Token, lex: Lexicon) -> bool:
    """The clause is what its head states as intended: 'vowed to attack', 'is ready to talk',
    'agreed to withdraw'."""
    if clause.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lower_ in lex["intent_adjectives"]:
        return True
    if clause.dep_ == "xcomp" and head.lemma_.lower() in lex["intent_verbs"]:
        return True
    return clause.dep_ == "advcl" and head.lemma_.lower() in lex["commitment_verbs"] \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def stated_intent(tok: Token, lex: Lexicon) -> bool:
    """A future an actor states ("said it would withdraw", "vowed to attack", "is ready to
    talk") is an intent (CAMEO 03x, 13x); a future the narrator reports ("will meet on Monday",
    "prepared to attend the games") is the deed itself, in the future mode (PLOVER's auxiliary
    mode), as CAMEO coders code scheduled events."""
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in frames.OBJ | {"nsubjpass"} else tok
    if in_speech(verb, lex):
        return True
    cur = verb
    for _ in range(4):
        head = cur.head
        if head is cur:
            return False
        if _intent_head(cur, head, lex):
            return True
        if cur.dep_ not in {"xcomp", "ccomp", "advcl", "conj"}:
            return False
        cur = head
    return False


def in_speech(tok: Token, lex: Lexicon) -> bool:
    """The clause is the content of a speech verb ('said it would withdraw')."""
    cur = tok
    for _ in range(3):
        if cur.dep_ in {"ccomp", "parataxis"} and cur.head.lemma_.lower() in lex["speech_verbs"] | {"confirm", "announce", "decide"}:
            return True
        if cur.head is cur or cur.dep_ not in {"ccomp", "conj", "xcomp"}:
            return False
        cur = cur.head
    return False


def if_clause(tok: Token) -> bool:
    """The trigger is the consequent of a condition: 'if X happens, Y will strike'."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in {"if", "unless"} for g in c.children)
               for c in tok.children)

def in_condition(tok: Token) -> bool:
    """The trigger is inside an if/unless clause (the condition, not the consequent)."""
    cur = tok
    for _ in range(5):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in cur.children):
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def unless(tok: Token) -> bool:
    """The trigger, or a clause above it, has an 'unless' condition."""
    cur = tok
    for _ in range(3):
        if any(c.dep_ == "advcl" and any(g.lower_ == "unless" for g in c.children) for c in cur.children):
            return True
        if cur.head is cur:
            break
        cur = cur.head
    return False


def _own_agent(clause: Token, verb: Token) -> bool:
    """The to-clause has a doer of its own: 'wants Y to leave' (not 'wants to leave')."""
    return any(c.dep_ in frames.SUBJ for c in clause.children) or any(c.dep_ in frames.OBJ for c in verb.children)


def _self_claim(clause: Token, verb: Token) -> bool:
    """'IS claimed (that) it carried out the attack': a claim about the claimant's own deed,
    whose pronoun subject stands for the claimant, is an admission, not an allegation."""
    return verb.lemma_.lower() == "claim" and _own_deed(clause)


def _own_deed(clause: Token) -> bool:
    """The clause's subject is a pronoun: it stands for the speaker ('claimed that they had ...')."""
    return any(c.dep_ in frames.SUBJ and c.lower_ in {"he", "she", "it", "they", "we", "i"} for c in clause.children)


def admitted(tok: Token, lex: Lexicon) -> Token | None:
    """The admission verb whose that-clause states the speaker's own deed ('X claimed that
    they had attacked Y', 'X admitted it had shelled the town'), if any."""
    cur = tok
    for _ in range(3):
        head = cur.head
        if head is cur:
            return None
        if cur.dep_ == "ccomp" and head.lemma_.lower() in lex["admission_verbs"] and _own_deed(cur):
            return head
        if cur.dep_ not in {"conj", "xcomp", "ccomp"}:
            return None
        cur = head
    return None
