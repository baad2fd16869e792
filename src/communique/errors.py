"""The exception tree of communique.

All errors raised on purpose derive from one base class, so a caller can catch
``CommuniqueError`` and know it came from here::

    CommuniqueError
    ├── InputError            bad input: empty, binary, over-long, malformed (names file and line)
    │   └── EncodingError     bytes that no supported encoding reads
    ├── KnowledgeError        a data file (actors, ontology, triggers) fails validation
    ├── ModelError            the spaCy model is missing or cannot be loaded
    ├── StoreError            the database cannot be opened or written
    ├── EvalError             an answer or gold file is malformed
    ├── CodingError           an article made the coder fail (a bug: the batch goes on, please report it)
    └── ConfigError           a setting (environment variable) has a value communique cannot use

Every message names the file (and line, where there is one), the problem and what to do.
Each class carries a short code (``E1xx``...) that stays stable across versions.
"""

from __future__ import annotations

from pathlib import Path


class CommuniqueError(Exception):
    """Base class of every error communique raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        return f"[{self.code}] {where}{self.message}"


class InputError(CommuniqueError):
    """An input file or record cannot be read as an article."""

    code = "E100"


class EncodingError(InputError):
    """The bytes are not text in any supported encoding."""

    code = "E101"


class KnowledgeError(CommuniqueError):
    """A knowledge data file is malformed or fails its schema."""

    code = "E200"


class ModelError(CommuniqueError):
    """The spaCy model is missing or cannot be loaded."""

    code = "E300"


class StoreError(CommuniqueError):
    """The event store cannot be opened or written."""

    code = "E400"


class EvalError(CommuniqueError):
    """An answer file or gold set is malformed."""

    code = "E500"


class CodingError(CommuniqueError):
    """Coding one article failed unexpectedly; the batch skips it and goes on."""

    code = "E600"


class ConfigError(CommuniqueError):
    """A setting has an unusable value."""

    code = "E700"


__all__ = [
    "CodingError",
    "CommuniqueError",
    "ConfigError",
    "EncodingError",
    "EvalError",
    "InputError",
    "KnowledgeError",
    "ModelError",
    "StoreError",
]
