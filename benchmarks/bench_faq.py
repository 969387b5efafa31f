"""FAQ suggestions: grouping 100,000 questions from the public by near-duplicate wording.

The questions are the dev set's (eval/inbox/dev.jsonl, intent "question"), each written
again with the variations people use: Malay short forms, stretched letters, particles,
capitals. Prints the time beside a pairwise baseline (every pair compared by Jaccard) on a
sample, measured in the same run. Not a pass/fail test; read the numbers.
"""

import argparse
import json
import random
import time
from pathlib import Path

from rasmi.inbox import faq

DEV = Path(__file__).resolve().parents[1] / "eval" / "inbox" / "dev.jsonl"
SHORT = {"tidak": "x", "tak": "x", "saya": "sy", "dengan": "dgn", "untuk": "utk",
         "macam mana": "mcm mana", "boleh": "blh", "yang": "yg", "nak": "nk"}
TAILS = ["", " ye", " tq", " ??", " admin", " tolong jawab", " ni", "!!!"]


def variants(texts: list[str], count: int, rng: random.Random) -> list[faq.Question]:
    out = []
    for i in range(count):
        text = rng.choice(texts)
        for long, short in SHORT.items():
            if rng.random() < 0.5:
                text = text.replace(long, short)
        if rng.random() < 0.2:
            text = text.upper()
        out.append(faq.Question(i, text + rng.choice(TAILS)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    rows = [json.loads(line) for line in DEV.open(encoding="utf-8")]
    texts = [r["text"] for r in rows if r["intent"] == "question"]
    questions = variants(texts, args.count, random.Random(5))
    start = time.perf_counter()
    groups = faq.group_questions(questions)
    took = time.perf_counter() - start
    print(f"faq grouping: {args.count:,} questions in {took:.2f} s "
          f"({args.count / took:,.0f}/s), {len(groups)} groups of 3 or more "
          f"(target: a page's worth in a few seconds)")
    sample = questions[:2000]
    start = time.perf_counter()
    token_sets = [faq.tokens(q.text) for q in sample]
    pairs = sum(faq.jaccard(a, b) >= faq.SIMILARITY
                for i, a in enumerate(token_sets) for b in token_sets[i + 1:])
    naive = time.perf_counter() - start
    scale = (args.count / len(sample)) ** 2
    print(f"faq baseline: all pairs of {len(sample):,} in {naive:.2f} s ({pairs:,} similar); "
          f"{args.count:,} would take about {naive * scale / 60:,.0f} min")


if __name__ == "__main__":
    main()
