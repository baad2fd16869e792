"""An exact, faster stand-in for the first layer of spaCy's CNN token encoders.

spaCy's ``MultiHashEmbed`` looks up, for every token, one 96-wide row per lexical feature (the
word's norm, prefix, suffix, shape...: each the sum of four hashed rows of a small table) and
the word's static vector, concatenates them (672 numbers in the English md model) and mixes
them with a maxout layer: a product with a 672 x 288 matrix per token, the largest single cost
of the encoder. The product is linear, so it distributes over the concatenation: each feature's
part is ``row @ W_k``, and every row of a feature table can be multiplied by its slice of the
matrix once, when the model loads. Per token the layer then adds a few precomputed 288-wide rows
instead of multiplying. The static vectors are folded the same way: each row of the vectors
table times the static layer's matrix times its slice of the maxout matrix (a 20,000 x 288 table
per encoder, 23 MB, in place of two products per token).

The result equals the original up to float rounding in the last bits (sums taken in another
order); ``tests/test_components.py`` checks that tags, arcs, lemmas and entities stay those of
the shipped model. Models of another shape are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH
from thinc.api import Model
from thinc.types import Ragged


@dataclass(frozen=True)
class _Feature:
    column: int  # which extracted feature (column of the feature array)
    seed: int  # the hash seed of its table
    rows: int  # rows of its table
    mixed: numpy.ndarray  # its table multiplied by its slice of the maxout matrix: rows x (nO * nP)


def fold_embeddings(nlp) -> int:
    """Replace every foldable ``MultiHashEmbed`` of the pipeline's networks; returns how many."""
    folded = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in list(model.walk()):
            replacement = _folded(layer, nlp.vocab.vectors)
            if replacement is not None:
                layer.layers[:2] = [replacement]
                folded += 1
    return folded


def _named(layer, name: str):
    return next((x for x in layer.walk() if x.name == name), None)


def _folded(embed, vectors) -> Model | None:
    """The folded layer for an embedding chain ``features|static_vectors >> maxout-mixer >>
    ragged2list``, or None when the layer is not one."""
    if len(embed.layers) != 3 or embed.layers[2].name != "ragged2list":
        return None
    joined, mixer = embed.layers[0], embed.layers[1]
    if not joined.name.endswith("|static_vectors") or len(joined.layers) != 2:
        return None
    features, static = joined.layers
    if static.name != "static_vectors" or len(features.layers) != 3:
        return None
    extract, to_ragged, tables = features.layers
    if extract.name != "extract_features" or to_ragged.name != "list2ragged":
        return None
    maxout, norm = _named(mixer, "maxout"), _named(mixer, "layernorm")
    columns = tables.layers[0].layers if tables.layers else []
    if maxout is None or norm is None or not columns or not mixer.name.startswith("with_array(maxout>>layernorm"):
        return None
    n_out, pieces, width_in = maxout.get_dim("nO"), maxout.get_dim("nP"), maxout.get_dim("nI")
    matrix = maxout.get_param("W").reshape(n_out * pieces, width_in).astype("float64")
    found: list[_Feature] = []
    at = 0
    for column in columns:
        table = _named(column, "hashembed")
        if table is None or column.attrs.get("column") is None:
            return None
        rows = table.get_param("E")
        width = rows.shape[1]
        mixed = (rows.astype("float64") @ matrix[:, at:at + width].T).astype("float32")
        found.append(_Feature(int(column.attrs["column"]), int(table.attrs["seed"]), rows.shape[0], mixed))
        at += width
    if at + static.get_dim("nO") != width_in:
        return None
    static_part = numpy.ascontiguousarray(matrix[:, at:].astype("float32"))
    static_table = None
    if getattr(vectors, "mode", None) == "default" and vectors.data.shape[1] == static.get_dim("nM"):
        # one product in single precision, as the layers compute (double precision took 0.3 s
        # more at every load for no change in any annotation)
        through = (static.get_param("W").T.astype("float64") @ static_part.T.astype("float64")).astype("float32")
        static_table = numpy.asarray(vectors.data, dtype="float32") @ through
    bias = maxout.get_param("b").reshape(n_out * pieces).astype("float32")
    return Model("folded_embed", _forward, ops=maxout.ops,
                 refs={"extract": extract, "static": static, "norm": norm},
                 attrs={"features": tuple(found), "static_part": static_part, "static_table": static_table,
                        "vectors": vectors, "bias": bias,
                        "shape": (n_out, pieces)})


def _forward(model: Model, docs, is_train: bool):
    if is_train:
        raise NotImplementedError("the folded embedding layer only predicts; train the original model")
    ops = model.ops
    n_out, pieces = model.attrs["shape"]
    lengths = ops.asarray1i([len(doc) for doc in docs])
    ids = ops.flatten(model.get_ref("extract").predict(docs)) if docs else None
    if ids is None or not len(ids):
        return Ragged(ops.alloc2f(0, n_out), lengths), None
    table = model.attrs["static_table"]
    if table is not None:  # the words' vectors, already multiplied through
        vectors = model.attrs["vectors"]
        keys = ops.flatten([doc.to_array(getattr(vectors, "attr", ORTH)) for doc in docs])
        rows = vectors.find(keys=keys)
        mixed = table[rows]
        mixed[rows < 0] = 0  # a word without a vector has zeros, as in spaCy's StaticVectors
    else:
        mixed = ops.gemm(model.get_ref("static").predict(docs).data, model.attrs["static_part"], trans2=True)
    for feature in model.attrs["features"]:
        keys = ops.hash(ops.as_contig(ids[:, feature.column], dtype="uint64"), feature.seed) % feature.rows
        mixed += ops.gather_add(feature.mixed, keys)
    mixed += model.attrs["bias"]
    best, _ = ops.maxout(ops.reshape3f(mixed, mixed.shape[0], n_out, pieces))
    return Ragged(model.get_ref("norm").predict(best), lengths), None
