"""communique: political event data from news articles.

Who did what to whom, when, where, and according to whom::

    import communique
    coded = communique.code_text(open("article.txt").read())
    for event in coded.events:
        print(event.type, event.source, event.target, event.date)
"""

__version__ = "0.1.0"

from .errors import (
    CodingError,
    CommuniqueError,
    ConfigError,
    EncodingError,
    EvalError,
    InputError,
    KnowledgeError,
    ModelError,
    StoreError,
)
from .model import Actor, Article, CodedArticle, Event, Mention, Place, Quote, TimeExpr
from .pipeline import Pipeline, code_files, code_text

__all__ = [
    "Actor", "Article", "CodedArticle", "CodingError", "CommuniqueError", "ConfigError", "EncodingError", "EvalError", "Event",
    "InputError", "KnowledgeError", "Mention", "ModelError", "Pipeline", "Place", "Quote", "StoreError",
    "TimeExpr", "__version__", "code_files", "code_text",
]
