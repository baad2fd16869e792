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

The layer's output for a token depends only on its features and its word, so it is computed
once for each distinct pair in a batch (about a third of the tokens of news text) and spread,
and the outputs of the last 8,192 pairs computed are remembered across batches (``_Memo``).

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
    offset: int  # where its rows, multiplied by its slice of the maxout matrix, start in the joint table


class _Memo:
    """The layer's outputs for the (features, word) rows it has computed, up to ``limit`` rows
    (then it starts again): news text repeats its words, and a remembered output is the very
    array the computation gives (each row is computed on its own)."""

    def __init__(self, width: int, limit: int = 8_192) -> None:
        self.index: dict[bytes, int] = {}
        # zeros written now, not on first use: the process holds its full size from the start,
        # so a long run's memory does not grow as it fills
        self.values = numpy.full((limit, width), 0.0, dtype="float32")

    def outputs(self, distinct: numpy.ndarray, compute) -> numpy.ndarray:
        """Outputs for the distinct rows; ``compute(row numbers)`` gives those not remembered."""
        raw, step = distinct.tobytes(), distinct.shape[1] * distinct.itemsize
        keys = [raw[i:i + step] for i in range(0, len(raw), step)]
        at = numpy.fromiter((self.index.get(key, -1) for key in keys), dtype=numpy.int64, count=len(keys))
        out = numpy.empty((len(keys), self.values.shape[1]), dtype="float32")
        known = at >= 0
        out[known] = self.values[at[known]]
        missing = numpy.flatnonzero(~known)
        if missing.size:
            fresh = out[missing] = compute(missing)
            if len(self.index) + missing.size > len(self.values):
                self.index.clear()
            start = len(self.index)
            take = min(missing.size, len(self.values) - start)
            self.values[start:start + take] = fresh[:take]
            self.index.update((keys[row], start + j) for j, row in enumerate(missing[:take].tolist()))
        return out


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
    parts: list[numpy.ndarray] = []  # every feature's table, multiplied through, in one table
    at = offset = 0
    for column in columns:
        table = _named(column, "hashembed")
        if table is None or column.attrs.get("column") is None:
            return None
        rows = table.get_param("E")
        width = rows.shape[1]
        parts.append((rows.astype("float64") @ matrix[:, at:at + width].T).astype("float32"))
        found.append(_Feature(int(column.attrs["column"]), int(table.attrs["seed"]), rows.shape[0], offset))
        at += width
        offset += rows.shape[0]
    if at + static.get_dim("nO") != width_in:
        return None
    static_part = numpy.ascontiguousarray(matrix[:, at:].astype("float32"))
    static_at = None
    if getattr(vectors, "mode", None) == "default" and vectors.data.shape[1] == static.get_dim("nM"):
        # one product in single precision, as the layers compute (double precision took 0.3 s
        # more at every load for no change in any annotation)
        through = (static.get_param("W").T.astype("float64") @ static_part.T.astype("float64")).astype("float32")
        parts.append(numpy.asarray(vectors.data, dtype="float32") @ through)
        static_at = offset
        offset += len(vectors.data)
    parts.append(numpy.zeros((1, n_out * pieces), dtype="float32"))  # for words without a vector
    bias = maxout.get_param("b").reshape(n_out * pieces).astype("float32")
    return Model("folded_embed", _forward, ops=maxout.ops,
                 refs={"extract": extract, "static": static, "norm": norm},
                 attrs={"features": tuple(found), "table": numpy.concatenate(parts), "static_at": static_at,
                        "zero": offset, "static_part": static_part, "vectors": vectors, "bias": bias,
                        "shape": (n_out, pieces), "memo": _Memo(n_out)})


def _forward(model: Model, docs, is_train: bool):
    if is_train:
        raise NotImplementedError("the folded embedding layer only predicts; train the original model")
    ops = model.ops
    n_out, _ = model.attrs["shape"]
    lengths = ops.asarray1i([len(doc) for doc in docs])
    ids = ops.flatten(model.get_ref("extract").predict(docs)) if docs else None
    if ids is None or not len(ids):
        return Ragged(ops.alloc2f(0, n_out), lengths), None
    static_at = model.attrs["static_at"]
    if static_at is None:  # the static vectors' own product, token by token
        mixed = _mixed(model, ids, None)
        mixed += ops.gemm(model.get_ref("static").predict(docs).data, model.attrs["static_part"], trans2=True)
        return Ragged(_activate(model, mixed), lengths), None
    # the layer's output is a function of a token's features and word alone: computed once for
    # each distinct (features, word) of the batch (about a third of its tokens), then spread
    vectors = model.attrs["vectors"]
    words = ops.flatten([doc.to_array(getattr(vectors, "attr", ORTH)) for doc in docs])
    distinct, inverse = numpy.unique(numpy.column_stack([ids, words]), axis=0, return_inverse=True)

    def compute(rows: numpy.ndarray) -> numpy.ndarray:
        mine = distinct[rows]
        return _activate(model, _mixed(model, mine[:, :-1], vectors.find(keys=numpy.ascontiguousarray(mine[:, -1]))))

    return Ragged(model.attrs["memo"].outputs(distinct, compute)[inverse.reshape(-1)], lengths), None


def _mixed(model: Model, ids, rows) -> numpy.ndarray:
    """The maxout layer's input product for tokens of these features and vector rows (None:
    without their vectors), added up from the joint table: four hashed rows per feature, then
    the vector's (zeros for a word without one, as in spaCy's StaticVectors)."""
    ops, features = model.ops, model.attrs["features"]
    keys = numpy.empty((len(ids), 4 * len(features) + (rows is not None)), dtype="uint32")
    for k, feature in enumerate(features):
        hashed = ops.hash(ops.as_contig(ids[:, feature.column], dtype="uint64"), feature.seed)
        keys[:, 4 * k:4 * k + 4] = hashed % feature.rows + feature.offset
    if rows is not None:
        keys[:, -1] = numpy.where(rows < 0, model.attrs["zero"], rows + model.attrs["static_at"])
    return ops.gather_add(model.attrs["table"], keys)


def _activate(model: Model, mixed: numpy.ndarray) -> numpy.ndarray:
    """Bias, maxout and layer normalisation over the mixed rows."""
    n_out, pieces = model.attrs["shape"]
    mixed += model.attrs["bias"]
    best, _ = model.ops.maxout(model.ops.reshape3f(mixed, mixed.shape[0], n_out, pieces))
    return model.get_ref("norm").predict(best)
