"""Train the triage model on labelled messages and write `triage.npz`.

    python -m rasmi.core.triage.train eval/inbox/dev.jsonl eval/inbox/train_*.jsonl

Prints five-fold cross-validated figures first (each fold's model never sees the
messages it is scored on), chooses the urgency threshold from those folds so that
cross-validated urgent recall reaches the aim, then fits the shipped model on
everything. Deterministic: same files, same model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from rasmi.core.textmodel import linear, store
from rasmi.core.triage import lexicon as language_lexicon
from rasmi.core.triage import metrics
from rasmi.core.triage.model import (
    INTENTS,
    LANGUAGES,
    MODEL_PATH,
    SENTIMENTS,
    TOPICS,
    TriageModel,
    triage_features,
)
from rasmi.core.triage.urgent import danger_cue

# Chosen by cross-validation on the training files (see eval/inbox/README.md).
SETTINGS = {"l2": 3e-4, "steps": 250, "rate": 0.2, "min_count": 2, "folds": 5,
            "urgent_recall_aim": 0.98, "topic_threshold": 0.5, "topic_positive_weight": 10.0}


def read(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines if line.strip())
    return rows


def fit(rows: list[dict], settings: dict = SETTINGS, *,
        urgent_threshold: float = 0.5) -> TriageModel:
    """A model trained on `rows`; its settings carry the learnt lexicon and the
    urgency threshold given."""
    lexicon = language_lexicon.learn(rows)
    feature_lists = [triage_features(r["text"], lexicon) for r in rows]
    vocabulary = linear.Vocabulary.fit(feature_lists, settings["min_count"])
    x = vocabulary.matrix(feature_lists)
    heads = []
    specs = [("language", "softmax", LANGUAGES), ("intent", "softmax", INTENTS),
             ("sentiment", "softmax", SENTIMENTS), ("urgent", "sigmoid", ("urgent",)),
             ("topics", "sigmoid", TOPICS)]
    for name, kind, classes in specs:
        if name == "topics":
            targets = linear.multi_hot([r["topics"] for r in rows], list(classes))
            weight = None
            positive = settings["topic_positive_weight"]
        elif name == "urgent":
            targets = np.array([[1.0 if r["urgent"] else 0.0] for r in rows],
                               dtype=np.float32)
            weight = linear.balanced_weights([str(r["urgent"]) for r in rows])
            positive = 1.0
        else:
            labels = [r[name] for r in rows]
            targets = linear.one_hot(labels, list(classes))
            weight = linear.balanced_weights(labels)
            positive = 1.0
        w, b = linear.train(x, targets, len(vocabulary), kind, l2=settings["l2"],
                            steps=settings["steps"], rate=settings["rate"],
                            sample_weight=weight, positive_weight=positive)
        heads.append(linear.Head(name, kind, list(classes), w, b))
    return TriageModel(vocabulary, {h.name: h for h in heads},
                       dict(settings, lexicon=lexicon, urgent_threshold=urgent_threshold))


def cross_validate(rows: list[dict], settings: dict = SETTINGS) -> tuple[list[dict],
                                                                         np.ndarray]:
    """Out-of-fold predictions for every row, and out-of-fold urgent probabilities."""
    order = np.random.default_rng(7).permutation(len(rows))
    folds = np.array_split(order, settings["folds"])
    predictions: list[dict | None] = [None] * len(rows)
    urgent = np.zeros(len(rows))
    for fold in folds:
        held = set(fold.tolist())
        model = fit([r for i, r in enumerate(rows) if i not in held], settings)
        results = model.classify([rows[i]["text"] for i in fold])
        for i, result in zip(fold, results, strict=True):
            predictions[i] = result.as_dict()
            urgent[i] = result.urgent_score
    return predictions, urgent


def mark_urgent(predictions: list[dict], rows: list[dict], scores: np.ndarray,
                threshold: float) -> None:
    """Urgency of out-of-fold predictions at `threshold`, as the shipped model decides it
    (probability or danger cue)."""
    for prediction, row, score in zip(predictions, rows, scores, strict=True):
        prediction["urgent"] = bool(score >= threshold or danger_cue(row["text"]))


def choose_urgent_threshold(rows: list[dict], scores: np.ndarray, aim: float) -> float:
    """The highest threshold whose out-of-fold recall (with the danger cues) meets aim."""
    cue = np.array([bool(danger_cue(r["text"])) for r in rows])
    truth = np.array([bool(r["urgent"]) for r in rows])
    for threshold in np.arange(0.9, 0.02, -0.02):
        flagged = (scores >= threshold) | cue
        if flagged[truth].mean() >= aim:
            return round(float(threshold), 2)
    return 0.02


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    rows = read(args.files)
    settings = dict(SETTINGS)
    predictions, scores = cross_validate(rows, settings)
    threshold = choose_urgent_threshold(rows, scores, settings["urgent_recall_aim"])
    mark_urgent(predictions, rows, scores, threshold)
    print(f"{len(rows)} messages, {settings['folds']}-fold cross-validation, "
          f"urgent threshold {threshold}")
    print(metrics.report(rows, predictions))
    model = fit(rows, settings, urgent_threshold=threshold)
    store.save(args.output, model.vocabulary, list(model.heads.values()), model.settings)
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KiB, "
          f"{len(model.vocabulary)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
