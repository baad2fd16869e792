"""Knowledge as data: the actor base, the event ontology and triggers, word lists."""

from .kb import Candidate, KnowledgeBase, Ref, load_kb
from .lexicon import Lexicon, load_lexicon
from .ontology import Ontology, TriggerSpec, load_ontology

__all__ = [
    "Candidate", "KnowledgeBase", "Lexicon", "Ontology", "Ref", "TriggerSpec",
    "load_kb", "load_lexicon", "load_ontology",
]
