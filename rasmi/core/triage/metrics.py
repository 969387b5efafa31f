"""Figures for labelled messages against predictions: the ones issue 10 aims at."""

from __future__ import annotations

from collections import Counter

from rasmi.core.triage.model import INTENTS


def macro_f1(truth: list[str], predicted: list[str], classes=INTENTS) -> tuple[float, dict]:
    per_class = {}
    pairs = list(zip(truth, predicted, strict=True))
    for klass in classes:
        tp = sum(1 for t, p in pairs if t == klass and p == klass)
        fp = sum(1 for t, p in pairs if t != klass and p == klass)
        fn = sum(1 for t, p in pairs if t == klass and p != klass)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per_class[klass] = (2 * precision * recall / (precision + recall)
                            if precision + recall else 0.0)
    present = [k for k in classes if k in set(truth)]
    return sum(per_class[k] for k in present) / max(1, len(present)), per_class


def figures(rows: list[dict], predictions: list[dict]) -> dict:
    n = len(rows)
    pairs = list(zip(rows, predictions, strict=True))
    language = sum(r["language"] == p["language"] for r, p in pairs) / n
    sentiment = sum(r["sentiment"] == p["sentiment"] for r, p in pairs) / n
    f1, per_class = macro_f1([r["intent"] for r in rows], [p["intent"] for p in predictions])
    urgent_truth = [p["urgent"] for r, p in pairs if r["urgent"]]
    calm = [p["urgent"] for r, p in pairs if not r["urgent"]]
    topic_tp = sum(len(set(r["topics"]) & set(p["topics"])) for r, p in pairs)
    topic_pred = sum(len(p["topics"]) for p in predictions)
    topic_true = sum(len(r["topics"]) for r in rows)
    precision = topic_tp / topic_pred if topic_pred else 0.0
    recall = topic_tp / topic_true if topic_true else 0.0
    return {
        "messages": n,
        "language_accuracy": language,
        "intent_macro_f1": f1,
        "intent_f1": per_class,
        "sentiment_accuracy": sentiment,
        "urgent": len(urgent_truth),
        "urgent_recall": sum(urgent_truth) / len(urgent_truth) if urgent_truth else 1.0,
        "urgent_false_alarm_rate": sum(calm) / len(calm) if calm else 0.0,
        "topic_f1": 2 * precision * recall / (precision + recall) if precision + recall
        else 0.0,
    }


def report(rows: list[dict], predictions: list[dict]) -> str:
    f = figures(rows, predictions)
    lines = [
        f"  language accuracy   {f['language_accuracy']:.3f}",
        f"  intent macro-F1     {f['intent_macro_f1']:.3f}   "
        + " ".join(f"{k} {v:.2f}" for k, v in f["intent_f1"].items()),
        f"  sentiment accuracy  {f['sentiment_accuracy']:.3f}",
        f"  urgent recall       {f['urgent_recall']:.3f} of {f['urgent']}   "
        f"false alarms {f['urgent_false_alarm_rate']:.1%}",
        f"  topic F1            {f['topic_f1']:.3f}",
    ]
    confusions = Counter((r["language"], p["language"])
                         for r, p in zip(rows, predictions, strict=True)
                         if r["language"] != p["language"])
    if confusions:
        lines.append("  language confusions " + ", ".join(
            f"{t}->{p} {n}" for (t, p), n in confusions.most_common(6)))
    return "\n".join(lines)
