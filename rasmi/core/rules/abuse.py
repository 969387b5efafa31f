"""A small trained model for abuse the lexicons miss: insults, threats, 3R attacks and
innuendo phrased in words no list holds.

Two linear heads over the same hashed word, word-pair and character features as the inbox
triage model (rasmi.core.textmodel): `abusive` (yes/no) and, for abusive posts, which
category (hate_3r, profanity, harassment, violence, sexual). Trained by
`python -m rasmi.core.rules.abuse eval/compliance/...` on the labelled compliance posts
and shipped as `abuse.npz`. Every finding is explained: it points at the words that
weighed most towards "abusive", and its message names them.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rasmi.core.textmodel import linear, store
from rasmi.core.textmodel.features import (
    BITS,
    _word_features,
    feature_set,
    features,
    normalise_word,
    word_spans,
)

MODEL_PATH = Path(__file__).with_name("abuse.npz")
CATEGORIES = ("hate_3r", "profanity", "harassment", "violence", "sexual")
SETTINGS = {"l2": 1e-4, "steps": 250, "rate": 0.2, "min_count": 2, "folds": 5,
            "false_block_aim": 0.005}


@dataclass(frozen=True)
class Verdict:
    score: float
    category: str
    # (start, end) of the words that weighed most towards "abusive", best first.
    evidence: tuple[tuple[int, int], ...]


class AbuseModel:
    def __init__(self, path: Path = MODEL_PATH):
        self.vocabulary, heads, self.settings = store.load(path)
        self.abusive, self.category = heads["abusive"], heads["category"]
        self.threshold = float(self.settings["threshold"])
        self._columns = {int(h): i for i, h in enumerate(self.vocabulary.hashed_ids)}
        # The abusive weight of every hashed id, NaN where the model keeps none: a post's
        # ids are looked up in one numpy call (4 MiB; the weights' own dtype, so each is
        # the same float as trained).
        weights = self.abusive.weights[:, 0]
        self._table = np.full(1 << BITS, np.nan, dtype=weights.dtype)
        self._table[self.vocabulary.hashed_ids] = weights

    def score(self, text: str) -> Verdict:
        """One post, without building a sparse matrix (the checker calls this per post).
        The features come as a set, their weights from one table lookup; fsum rounds the
        exact sum, so the order of the kept weights cannot change the score."""
        ids = post_feature_set(text)
        found = self._table[np.fromiter(ids, np.int64, len(ids))]
        kept = found[~np.isnan(found)].tolist()
        scale = 1.0 / math.sqrt(len(kept)) if kept else 0.0
        logit = float(self.abusive.bias[0]) + math.fsum(kept) * scale
        score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
        if score < self.threshold:
            return Verdict(score, "", ())
        # numpy's float32 sum depends on the order: the columns in feature order, as trained.
        columns = self._columns
        cols = [columns[h] for h in sorted(ids) if h in columns]
        logits = self.category.bias + self.category.weights[cols].sum(axis=0) * scale
        category = self.category.classes[int(np.argmax(logits))]
        return Verdict(score, category, self._evidence(text))

    def _evidence(self, text: str) -> tuple[tuple[int, int], ...]:
        """The words of `text` whose own features push hardest towards "abusive"."""
        weights = self.abusive.weights[:, 0]
        scored = []
        for start, end, word in word_spans(text):
            cols = [self._columns[h] for h in _word_features(normalise_word(word))
                    if h in self._columns]
            if cols:
                scored.append((float(weights[cols].sum()), start, end))
        scored.sort(reverse=True)
        return tuple((s, e) for w, s, e in scored[:3] if w > 0)


def post_features(text: str) -> list[int]:
    return features(text, hints=False)


def post_feature_set(text: str) -> set[int]:
    """post_features() unsorted, for scoring one post."""
    return feature_set(text, hints=False)


@lru_cache(maxsize=1)
def default_model() -> AbuseModel:
    return AbuseModel()


@lru_cache(maxsize=4096)
def verdict_for(text: str) -> Verdict:
    """One verdict per text: the five category rules ask about the same post."""
    return default_model().score(text)


# --- training -------------------------------------------------------------------------

def is_abusive(post: dict) -> bool:
    severity = post.get("expected_severity") or {}
    return any(severity.get(c) == "block" for c in CATEGORIES)


def category_of(post: dict) -> str:
    for category in post.get("expected_categories") or []:
        if category in CATEGORIES:
            return category
    return "harassment"


def labelled(post: dict) -> dict:
    """A post in the training files' shape. Dev E's writer nested the labels:
    `expected: {verdict, categories: {category: severity}}`."""
    expected = post.get("expected")
    if isinstance(expected, dict):
        severity = dict(expected.get("categories") or {})
        post = {**post, "expected_verdict": expected.get("verdict"),
                "expected_severity": severity, "expected_categories": sorted(severity)}
    return post


def fit(posts: list[dict], settings: dict = SETTINGS):
    lists = [post_features(p["text"]) for p in posts]
    vocabulary = linear.Vocabulary.fit(lists, settings["min_count"])
    x = vocabulary.matrix(lists)
    labels = [is_abusive(p) for p in posts]
    target = np.array([[1.0 if y else 0.0] for y in labels], dtype=np.float32)
    w, b = linear.train(x, target, len(vocabulary), "sigmoid", l2=settings["l2"],
                        steps=settings["steps"], rate=settings["rate"],
                        sample_weight=linear.balanced_weights([str(y) for y in labels]))
    abusive = linear.Head("abusive", "sigmoid", ["abusive"], w, b)
    rows = np.array([i for i, y in enumerate(labels) if y])
    cats = [category_of(posts[i]) for i in rows]
    cw, cb = linear.train(x.take(rows), linear.one_hot(cats, list(CATEGORIES)),
                          len(vocabulary), "softmax", l2=settings["l2"],
                          steps=settings["steps"], rate=settings["rate"])
    return vocabulary, [abusive, linear.Head("category", "softmax", list(CATEGORIES), cw, cb)]


def cross_validated_scores(posts: list[dict], settings: dict = SETTINGS) -> np.ndarray:
    order = np.random.default_rng(11).permutation(len(posts))
    scores = np.zeros(len(posts))
    for fold in np.array_split(order, settings["folds"]):
        held = set(fold.tolist())
        vocabulary, heads = fit([p for i, p in enumerate(posts) if i not in held], settings)
        x = vocabulary.matrix([post_features(posts[i]["text"]) for i in fold])
        scores[fold] = heads[0].scores(x)[:, 0]
    return scores


def choose_threshold(posts: list[dict], scores: np.ndarray, aim: float) -> float:
    """The lowest threshold whose out-of-fold false-block rate on benign posts stays
    within `aim`: the model may only add blocks it is sure of."""
    benign = np.array([p.get("expected_verdict") != "block" for p in posts])
    for threshold in np.arange(0.30, 0.99, 0.01):
        if (scores[benign] >= threshold).mean() <= aim:
            return round(float(threshold), 2)
    return 0.99


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the abuse model.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    posts = [labelled(json.loads(line)) for path in args.files
             for line in path.open(encoding="utf-8") if line.strip()]
    settings = dict(SETTINGS)
    scores = cross_validated_scores(posts, settings)
    threshold = choose_threshold(posts, scores, settings["false_block_aim"])
    truth = np.array([is_abusive(p) for p in posts])
    benign = np.array([p.get("expected_verdict") != "block" for p in posts])
    print(f"{len(posts)} posts, {truth.sum()} abusive; threshold {threshold}: "
          f"out-of-fold abuse recall {(scores[truth] >= threshold).mean():.3f}, "
          f"false blocks on non-blocked posts {(scores[benign] >= threshold).mean():.3%}")
    settings["threshold"] = threshold
    vocabulary, heads = fit(posts, settings)
    store.save(args.output, vocabulary, heads, settings)
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
