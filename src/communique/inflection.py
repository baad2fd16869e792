"""Regular English inflection, undone without a parse: the stems a word form may come from.

Used where the lemmatizer's answer is missing or wrong: the screen (which decides before any
tagging whether a sentence holds a trigger word) and trigger matching (where the lemmatizer
slips: "staged" -> "stag", "fined" -> "fin").
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=16_384)
def stems(word: str) -> tuple[str, ...]:
    """Regular English stems of an inflected verb or noun form, most likely first (remembered:
    asked for every word that is not a trigger as it stands)."""
    out: list[str] = []
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                         ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: len(word) - len(suffix)] + repl)
    return tuple(out)
