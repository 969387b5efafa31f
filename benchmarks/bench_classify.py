"""Inbox classification speed on one core (issue 10: >= 2,000 messages/s), beside the
language step alone (core.text.language, the cheapest check on the same texts) as the
baseline measured in the same run. Every text is distinct, so no cache flatters it."""

import json
import random
import time
from pathlib import Path

from rasmi.core.text.language import languages_present
from rasmi.core.textmodel import features as feature_module
from rasmi.core.triage.model import TriageModel

HERE = Path(__file__).resolve().parents[1] / "eval" / "inbox"
COUNT = 20_000


def messages(count: int) -> list[str]:
    texts = [json.loads(line)["text"] for name in ("dev.jsonl", "train_a.jsonl")
             for line in (HERE / name).open(encoding="utf-8") if line.strip()]
    rng = random.Random(4)
    return [f"{rng.choice(texts)} #{number}" for number in range(count)]


def main() -> None:
    texts = messages(COUNT)
    model = TriageModel.load()
    model.classify(texts[:200])  # load and warm numpy
    feature_module._word_features.cache_clear()
    started = time.perf_counter()
    for start in range(0, len(texts), 1000):
        model.classify(texts[start:start + 1000])
    rate = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    for text in texts:
        languages_present(text)
    baseline = len(texts) / (time.perf_counter() - started)
    print(f"inbox classify, one core: {rate:,.0f} messages/s over {len(texts):,} distinct "
          f"messages (target >= 2,000); language-word check alone {baseline:,.0f}/s "
          f"-> the full model costs {baseline / rate:.1f}x that step")


if __name__ == "__main__":
    main()
