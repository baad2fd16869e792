"""The faster stand-ins for spaCy component internals give the shipped components' results.

Sentences are written for these tests: each exercises rules of the attribute ruler (tag map,
morphology rules, contractions, expletives, auxiliaries, spaces) and of the lemmatizer.
"""

from __future__ import annotations

import json
from itertools import islice

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from communique.nlp import _model_location, speed_up
from communique.settings import Settings
from conftest import need_shared

SENTENCES = [
    "Germany accused Poland of blocking the agreement on Tuesday.",
    "There is no deal, and there were no talks, y'all said.",
    "We're gonna win; you ain't seen nothin' yet, I'd say.",
    "Let's go!  C'mon, it's gotta be done, 'cause they'll come.",
    "She doesn't know whether he has left, but it was I who did it.",
    "The ministers' meetings were held in Vienna   on 3 March 2015.\n\nHe gets what he got.",
    "Was the U.N. envoy told that the rebels had been shelling Aleppo since 2012?",
    "Prices rose 3.5% to $4.2bn; however, analysts were cautious -- 'nuff said.",
    "Il a dit: « Nous refusons », and the crowd shouted \"No!\" at them.",
]
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


@pytest.fixture(scope="module")
def models():
    name = _model_location(Settings().model)
    stock, fast = spacy.load(name), spacy.load(name)
    speed_up(fast)
    return stock, fast


def _same(stock, fast, texts: list[str]) -> list[str]:
    differ = []
    for text, a, b in zip(texts, stock.pipe(texts), fast.pipe(texts), strict=True):
        if not (a.to_array(ATTRS) == b.to_array(ATTRS)).all():
            differ.append(text[:60])
    return differ


def test_the_attribute_ruler_is_replaced(models) -> None:
    _, fast = models
    ruler = fast.get_pipe("attribute_ruler")
    assert "match" in vars(ruler) and "set_annotations" in vars(ruler)


def test_the_networks_multiply_with_numpy_blas(models) -> None:
    from communique.components import BlasOps

    _, fast = models
    layers = [layer for _, pipe in fast.pipeline if getattr(pipe, "model", None) is not None for layer in pipe.model.walk()]
    assert layers and all(isinstance(layer.ops, BlasOps) for layer in layers)


def test_the_embedding_layers_are_folded_and_compute_the_same_vectors(models) -> None:
    stock, fast = models
    folded = [layer for _, pipe in fast.pipeline if getattr(pipe, "model", None) is not None
              for layer in pipe.model.walk() if layer.name == "folded_embed"]
    assert len(folded) == 2  # the shared encoder's and the entity recognizer's own
    a, b = stock(SENTENCES[0]), fast(SENTENCES[0])
    assert a.tensor.shape == b.tensor.shape and abs(a.tensor - b.tensor).max() < 1e-4
    assert fast.get_pipe("tok2vec").predict([fast.make_doc("")])[0].shape == (0, 96)


def test_annotations_equal_the_shipped_components_on_own_sentences(models) -> None:
    stock, fast = models
    assert _same(stock, fast, SENTENCES) == []
    # and twice over, once the caches are warm
    assert _same(stock, fast, SENTENCES[::-1]) == []


def test_annotations_equal_the_shipped_components_on_news(models) -> None:
    path = need_shared("corpora", "bbc_news_2004_2005", "articles.jsonl")
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in islice(fh, 40)]
    stock, fast = models
    assert _same(stock, fast, texts) == []


def test_a_ruler_with_patterns_it_cannot_read_is_left_alone() -> None:
    from communique.components import index_attribute_ruler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"TAG": "RB"})
    assert index_attribute_ruler(ruler) is False
    assert "match" not in vars(ruler)


def test_the_embedding_memo_gives_what_it_computed_and_starts_again_when_full() -> None:
    import numpy

    from communique.embedding import _Memo

    memo = _Memo(width=2, limit=3)
    computed: list[list[int]] = []

    def compute(rows):
        computed.append(rows.tolist())
        return numpy.array([[float(r), float(r) + 0.5] for r in rows], dtype="float32")

    first = numpy.array([[1, 10], [2, 20]], dtype="uint64")
    assert memo.outputs(first, compute).tolist() == [[0.0, 0.5], [1.0, 1.5]]
    # remembered rows are not computed again; new ones are
    second = numpy.array([[2, 20], [3, 30]], dtype="uint64")
    assert memo.outputs(second, compute).tolist() == [[1.0, 1.5], [1.0, 1.5]]
    assert computed == [[0, 1], [1]]
    # full: it forgets and remembers the newest
    third = numpy.array([[4, 40], [5, 50]], dtype="uint64")
    assert memo.outputs(third, compute).tolist() == [[0.0, 0.5], [1.0, 1.5]]
    assert len(memo.index) == 2
    assert memo.outputs(third, compute).tolist() == [[0.0, 0.5], [1.0, 1.5]] and len(computed) == 3
