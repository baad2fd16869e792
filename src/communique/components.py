"""Faster, exact stand-ins for spaCy component internals, installed when the model loads.

The results stay those of the shipped components, token for token (``tests/test_components.py``
compares them on sentences of every kind); only the way they are computed changes:

* the rule lemmatizer recomputes most lemmas every time and searches its index of known words
  as lists: its answers are remembered by (word, part of speech, morphology), and the index
  becomes sets;
* the attribute ruler runs a ``Matcher`` with every pattern of its tag map and morphology rules
  (about 180, nearly all one token with a fixed tag, or a fixed tag and word) at every token:
  those become dictionary lookups, and what a token matches is remembered by its word, tag,
  dependency and space flag (all that the patterns read);
* the networks multiply their matrices with the BLAS library numpy ships (OpenBLAS) instead of
  thinc's default (blis), which runs these shapes some 2.5 times slower per core on common x86
  machines (measured: 73 against 30 GFLOPS on one core). Rounding may differ in the last bits
  of a float; not one tag, lemma, arc or entity of 172,000 news tokens changed, measured.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import NumpyOps, Ops


def cache_lemmas(lemmatizer, limit: int = 20_000) -> None:
    """Remember every lemma by (word, part of speech, morphology). spaCy's rule lemmatizer caches
    only the words it inflects and recomputes base forms, most tokens, every time; the lemma is a
    function of that key either way, so the cache changes speed, not results. Likewise its index of
    known words becomes a set instead of a list searched from the start for every rule."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        # the index of known words ships as lists, searched word by word for every rule tried
        index = lookups.get_table("lemma_index")
        for pos in list(index.keys()):
            words = index.get(pos)
            if isinstance(words, list):
                index[pos] = frozenset(words)
    compute = lemmatizer.lemmatize
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        found = cache.get(key)
        if found is None:
            if len(cache) >= limit:
                cache.clear()
            found = cache[key] = compute(token)
        return found

    lemmatizer.lemmatize = lemmatize


class BlasOps(NumpyOps):
    """thinc's CPU operations with matrix products computed by numpy (its OpenBLAS)."""

    name = "numpy-blas"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        return Ops.gemm(self, x, y, out=out, trans1=trans1, trans2=trans2)


def use_blas(nlp) -> int:
    """Let every network of the pipeline multiply matrices with numpy's BLAS, on one thread per
    process (communique uses more cores with more processes, ``--workers``); returns how many
    layers changed. Models that run elsewhere (a GPU, Apple's ops) are left alone."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = BlasOps()
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:
                layer.ops = ops
                changed += 1
    return changed


# what a token offers to the ruler's patterns, by pattern attribute
_VIEWS = {"LOWER": lambda t: t.lower_, "TAG": lambda t: t.tag_, "DEP": lambda t: t.dep_,
          "IS_SPACE": lambda t: t.is_space, "ORTH": lambda t: t.text, "POS": lambda t: t.pos_}
_Test = Callable[[Token], bool]


def index_attribute_ruler(ruler) -> bool:
    """Match the attribute ruler's patterns in Python, found by dictionary lookup on a fixed
    word or tag of their first token instead of trying every pattern at every token (spaCy's
    matcher also evaluates set and regex predicates in Python, token by token). Matches are
    applied in the ruler's own order (pattern number, then position), so later rules still take
    precedence. A ruler with a pattern this cannot read (operators, other attributes) is left as
    it is; returns whether it was replaced."""
    compiled: list[tuple[int, tuple[_Test, ...]]] = []
    for number in range(len(ruler.attrs)):
        found = ruler.matcher.get(str(number))
        for pattern in found[1] if found is not None else ():
            tests = tuple(_token_test(spec) for spec in pattern)
            if not tests or None in tests:
                return False
            compiled.append((number, tests))  # type: ignore[arg-type]
    by_key: dict[tuple[str, object], list[tuple[int, tuple[_Test, ...] | None]]] = {}
    anywhere: list[tuple[int, tuple[_Test, ...], dict[str, bool] | None]] = []
    for (number, tests), pattern in zip(compiled, _patterns(ruler), strict=True):
        keys, exact = _first_keys(pattern[0])
        if not keys:
            anywhere.append((number, tests, {} if set(pattern[0]) == {"LOWER"} else None))
        for key in keys:  # a one-token pattern its key fully states needs no test
            by_key.setdefault(key, []).append((number, None if exact and len(tests) == 1 else tests))
    attrs, indices = ruler.attrs, ruler.indices
    # what the patterns read of a token is its word, tag, dependency and space flag: the one-token
    # patterns a token matches, and whether a longer one can start at it, are remembered per
    # (word, tag, dependency, space) of the token
    own = all(set(spec) <= {"LOWER", "TAG", "DEP", "IS_SPACE"} for pattern in _patterns(ruler) for spec in pattern)
    seen: dict[tuple[int, int, int, int], tuple[tuple[int, ...], bool]] = {}

    def candidates(tok: Token):
        lower, tag = tok.lower_, tok.tag_
        for key in (("LOWER", lower), ("TAG", tag), ("LOWER+TAG", (lower, tag)), ("DEP", tok.dep_),
                    ("IS_SPACE", tok.is_space)):
            yield from by_key.get(key, ())
        for number, tests, by_word in anywhere:
            if by_word is not None:  # a first token tested on its word alone: remembered per word
                first = by_word.get(lower)
                if first is None:
                    if len(by_word) >= 20_000:
                        by_word.clear()
                    first = by_word[lower] = tests[0](tok)
                if not first:
                    continue
            yield number, tests

    def reading(tok: Token) -> tuple[tuple[int, ...], bool]:
        """The one-token patterns the token matches, and whether a longer one may start at it."""
        numbers: list[int] = []
        longer = False
        for number, tests in candidates(tok):
            if tests is None or (len(tests) == 1 and tests[0](tok)):
                numbers.append(number)
            elif len(tests) > 1 and tests[0](tok):
                longer = True
        return tuple(numbers), longer

    def match(doc: Doc) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        n = len(doc)
        if own and n:
            table = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).T.tolist()
            for i, key in enumerate(zip(*table, strict=True)):
                known = seen.get(key)
                if known is None:
                    if len(seen) >= 10_000:
                        seen.clear()
                    known = seen[key] = reading(doc[i])
                found.extend((number, i, i + 1) for number in known[0])
                if known[1]:
                    found.extend((number, i, i + len(tests)) for number, tests in candidates(doc[i])
                                 if tests is not None and len(tests) > 1 and i + len(tests) <= n
                                 and all(test(doc[i + k]) for k, test in enumerate(tests)))
            found.sort()
            return found
        for tok in doc:
            i = tok.i
            for number, tests in candidates(tok):
                if tests is None:
                    found.append((number, i, i + 1))
                elif i + len(tests) <= n and all(test(doc[i + k]) for k, test in enumerate(tests)):
                    found.append((number, i, i + len(tests)))
        found.sort()
        return found

    def set_annotations(doc: Doc, matches: list[tuple[int, int, int]]) -> None:
        for number, start, end in matches:
            index = indices[number]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:
                raise ValueError(f"attribute ruler pattern {number}: index {index} outside its match")
            set_token_attrs(doc[at], attrs[number])

    ruler.match = match
    ruler.set_annotations = set_annotations
    return True


def _patterns(ruler) -> list[list[dict]]:
    out = []
    for number in range(len(ruler.attrs)):
        found = ruler.matcher.get(str(number))
        out.extend(found[1] if found is not None else ())
    return out


def _first_keys(spec: dict) -> tuple[list[tuple[str, object]], bool]:
    """Lookup keys under which a token can match the spec (a fixed word and tag, word, tag,
    dependency or space flag, or each value of an IN set), and whether the key states the whole
    spec; no keys when nothing is fixed."""
    lower, tag = spec.get("LOWER"), spec.get("TAG")
    if isinstance(lower, str) and isinstance(tag, str):
        return [("LOWER+TAG", (lower, tag))], set(spec) == {"LOWER", "TAG"}
    for attr in ("LOWER", "TAG", "DEP", "IS_SPACE"):
        value = spec.get(attr)
        if isinstance(value, (str, bool)):
            return [(attr, value)], set(spec) == {attr}
        if attr != "IS_SPACE" and isinstance(value, dict) and set(value) == {"IN"}:
            return [(attr, v) for v in value["IN"]], set(spec) == {attr}
    return [], False


def _token_test(spec: dict) -> _Test | None:
    """A spec of one token as a test, or None where the spec has an operator or an attribute
    this does not read."""
    checks: list[_Test] = []
    for attr, value in spec.items():
        view = _VIEWS.get(attr)
        if view is None:
            return None
        if isinstance(value, (str, bool)):
            checks.append(lambda t, v=view, x=value: v(t) == x)
        elif isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op == "IN":
                checks.append(lambda t, v=view, x=frozenset(arg): v(t) in x)
            elif op == "NOT_IN":
                checks.append(lambda t, v=view, x=frozenset(arg): v(t) not in x)
            elif op == "REGEX":
                checks.append(lambda t, v=view, x=re.compile(arg): bool(x.search(v(t))))
            else:
                return None
        else:
            return None
    return lambda t: all(check(t) for check in checks)
