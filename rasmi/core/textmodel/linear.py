"""Linear models over hashed sparse features: training (numpy, full-batch Adam) and fast
inference. Small enough to train in seconds on a few thousand labelled messages and to
ship as one compressed file in the package.

A matrix of examples is a `Sparse` (CSR: row pointers and feature columns, binary values
scaled to unit length). Heads are `softmax` (one label of several) or `sigmoid` (any
number of labels, e.g. topics). Only features seen in training are kept, in a compact
column space; `Vocabulary` maps hashed ids to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Sparse:
    indptr: np.ndarray  # int64, len rows + 1
    indices: np.ndarray  # int64 compact columns
    values: np.ndarray  # float32

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1

    def row_ids(self) -> np.ndarray:
        return np.repeat(np.arange(self.rows), np.diff(self.indptr))

    def take(self, rows: np.ndarray) -> Sparse:
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        lengths = ends - starts
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        spans = [np.arange(s, e) for s, e in zip(starts, ends, strict=True)]
        picks = np.concatenate(spans) if spans else np.zeros(0, dtype=np.int64)
        return Sparse(indptr, self.indices[picks], self.values[picks])


class Vocabulary:
    """Hashed feature id -> compact column, for the features kept at training time."""

    def __init__(self, hashed_ids: np.ndarray):
        self.hashed_ids = np.asarray(hashed_ids, dtype=np.int64)
        self._column = {int(h): i for i, h in enumerate(self.hashed_ids)}

    def __len__(self) -> int:
        return len(self.hashed_ids)

    @classmethod
    def fit(cls, feature_lists: list[list[int]], min_count: int = 2) -> Vocabulary:
        counts: dict[int, int] = {}
        for ids in feature_lists:
            for h in ids:
                counts[h] = counts.get(h, 0) + 1
        kept = sorted(h for h, n in counts.items() if n >= min_count)
        return cls(np.array(kept, dtype=np.int64))

    def matrix(self, feature_lists: list[list[int]]) -> Sparse:
        column = self._column
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for ids in feature_lists:
            cols = [column[h] for h in ids if h in column]
            if cols:
                weight = 1.0 / np.sqrt(len(cols))
                indices.extend(cols)
                values.extend([weight] * len(cols))
            indptr.append(len(indices))
        return Sparse(np.array(indptr, dtype=np.int64), np.array(indices, dtype=np.int64),
                      np.array(values, dtype=np.float32))


@dataclass
class Head:
    name: str
    kind: str  # "softmax" or "sigmoid"
    classes: list[str]
    weights: np.ndarray  # (features, classes) float32
    bias: np.ndarray  # (classes,) float32

    def scores(self, x: Sparse) -> np.ndarray:
        """Probabilities, one row per example: softmax rows or independent sigmoids."""
        logits = _logits(x, self.weights, self.bias)
        return _softmax(logits) if self.kind == "softmax" else _sigmoid(logits)

    def contributions(self, x: Sparse, row: int, klass: int) -> list[tuple[int, float]]:
        """(compact column, weight) of one example's features for one class, largest
        first: what an explanation shows."""
        start, end = x.indptr[row], x.indptr[row + 1]
        cols = x.indices[start:end]
        weights = self.weights[cols, klass] * x.values[start:end]
        order = np.argsort(-weights)
        return [(int(cols[i]), float(weights[i])) for i in order]


def _logits(x: Sparse, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    out = np.tile(bias, (x.rows, 1)).astype(np.float32)
    if len(x.indices):
        gathered = weights[x.indices] * x.values[:, None]
        nonempty = np.diff(x.indptr) > 0
        sums = np.add.reduceat(gathered, x.indptr[:-1][nonempty], axis=0)
        out[nonempty] += sums
    return out


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))


def train(x: Sparse, targets: np.ndarray, n_features: int, kind: str, *,
          l2: float = 1e-4, steps: int = 300, rate: float = 0.1,
          sample_weight: np.ndarray | None = None, positive_weight: float = 1.0,
          seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Fit weights and bias by full-batch Adam on the mean (weighted) log loss plus L2.

    `targets` is a one-hot or multi-hot float matrix (examples x classes).
    `positive_weight` (sigmoid heads) counts each positive label that many times: rare
    labels such as one topic among thirty would otherwise be learnt as "never".
    """
    rng = np.random.default_rng(seed)
    n, k = targets.shape
    weights = (rng.standard_normal((n_features, k)) * 0.01).astype(np.float32)
    bias = np.zeros(k, dtype=np.float32)
    weight = np.ones(n, dtype=np.float32) if sample_weight is None else sample_weight
    weight = (weight / weight.sum()).astype(np.float32)
    row_ids = x.row_ids()
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros_like(bias),
               np.zeros_like(bias)]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        logits = _logits(x, weights, bias)
        probs = _softmax(logits) if kind == "softmax" else _sigmoid(logits)
        error = probs - targets
        if kind == "sigmoid" and positive_weight != 1.0:
            error = error * (1 + (positive_weight - 1) * targets)
        error *= weight[:, None]
        grad_b = error.sum(axis=0)
        per_entry = error[row_ids] * x.values[:, None]
        grad_w = np.empty_like(weights)
        for c in range(k):
            grad_w[:, c] = np.bincount(x.indices, weights=per_entry[:, c],
                                       minlength=n_features)
        grad_w += l2 * weights
        for param, grad, m, v in ((weights, grad_w, moments[0], moments[1]),
                                  (bias, grad_b, moments[2], moments[3])):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            m_hat = m / (1 - beta1 ** step)
            v_hat = v / (1 - beta2 ** step)
            param -= rate * m_hat / (np.sqrt(v_hat) + eps)
    return weights, bias


def one_hot(labels: list[str], classes: list[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(classes)}
    out = np.zeros((len(labels), len(classes)), dtype=np.float32)
    for row, label in enumerate(labels):
        out[row, index[label]] = 1.0
    return out


def multi_hot(label_sets: list[list[str]], classes: list[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(classes)}
    out = np.zeros((len(label_sets), len(classes)), dtype=np.float32)
    for row, labels in enumerate(label_sets):
        for label in labels:
            if label in index:
                out[row, index[label]] = 1.0
    return out


def balanced_weights(labels: list[str], power: float = 0.5) -> np.ndarray:
    """Per-example weights that lift rare classes (inverse frequency ** power)."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return np.array([(len(labels) / counts[label]) ** power for label in labels],
                    dtype=np.float32)
