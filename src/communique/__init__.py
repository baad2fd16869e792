"""communique: political event data from news articles.

Who did what to whom, when, where, and according to whom::

    import communique
    coded = communique.code_text(open("article.txt").read())
    for event in coded.events:
        print(event.type, event.source, event.target, event.date)
"""

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    CommuniqueError,
    EncodingError,
    EvalError,
    InputError,
    KnowledgeError,
    ModelError,
    StoreError,
)
from .model import Actor, Article, CodedArticle, Event, Mention, Place, Quote, TimeExpr  # noqa: E402
from .pipeline import Pipeline, code_files, code_text  # noqa: E402

__all__ = [
    "Actor", "Article", "CodedArticle", "CommuniqueError", "EncodingError", "EvalError", "Event",
    "InputError", "KnowledgeError", "Mention", "ModelError", "Pipeline", "Place", "Quote", "StoreError",
    "TimeExpr", "__version__", "code_files", "code_text",
]
