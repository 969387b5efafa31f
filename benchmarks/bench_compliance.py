"""Compliance checker speed on one core: typical posts (the dev set's, repeated) through
every shipped pack, beside naive versions measured in the same run on the same posts.

- The whole check, against its target of 5,000 posts a second.
- The lexicon stage (every term of every rule, with word boundaries): one Aho-Corasick pass
  against the naive loop of one compiled regular expression per term, which is what the
  issue's 20x target compares. The naive loop runs on the same normalised text.
- The whole check against a naive whole check (that loop plus the same detectors): the
  detectors, which both share, bound this ratio.
"""

import argparse
import json
import random
import re
import time
from pathlib import Path

from rasmi.core.rules import RuleSet, check_post
from rasmi.core.rules.detectors import DETECTORS, Post

HERE = Path(__file__).resolve().parents[1] / "eval" / "compliance"


def typical_posts(count: int) -> list[dict]:
    posts = [json.loads(line) for name in ("posts.jsonl", "hard_cases.jsonl")
             for line in (HERE / name).open(encoding="utf-8")]
    rng = random.Random(3)
    # Each post its own text (a reference number appended), so no per-text cache helps.
    return [dict(post, text=f"{post['text']} (ruj. {number})")
            for number, post in ((n, rng.choice(posts)) for n in range(count))]


class NaiveChecker:
    def __init__(self, rules: RuleSet):
        self.terms = [(rule, re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.I))
                      for rule in rules.rules for term in rule.terms]
        self.patterns = [(rule, re.compile(p, re.I)) for rule in rules.rules
                         for p in rule.patterns] + [
            (rule, re.compile(p)) for rule in rules.rules for p in rule.case_sensitive_patterns]
        self.detected = [rule for rule in rules.rules if rule.detector]

    def check(self, post: dict) -> int:
        text = post["text"]
        found = [rule.id for rule, regex in self.terms + self.patterns if regex.search(text)]
        subject = Post(text, tuple(post.get("platforms") or ()), tuple(post.get("media") or ()))
        for rule in self.detected:
            found += [rule.id for _ in DETECTORS[rule.detector](subject, rule.options)]
        return len(found)


def lexicon_rates(rules: RuleSet, posts: list[dict], sample: int) -> tuple[float, float]:
    """Posts a second through the automaton, and through one regex per term."""
    from rasmi.core.rules.engine import _normalise, _spaced

    texts = [_normalise(post["text"]) for post in posts]
    automaton = rules._automaton
    started = time.perf_counter()
    for text in texts:
        for _match in automaton.iter(_spaced(text)):
            pass
    fast = len(texts) / (time.perf_counter() - started)
    regexes = [re.compile(r"(?<!\w)" + re.escape(_normalise(term)) + r"(?!\w)")
               for rule in rules.rules for term in rule.terms]
    started = time.perf_counter()
    for text in texts[:sample]:
        for regex in regexes:
            regex.search(text)
    return fast, sample / (time.perf_counter() - started)


def rate(function, posts: list[dict]) -> float:
    started = time.perf_counter()
    for post in posts:
        function(post)
    return len(posts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--naive-sample", type=int, default=5_000)
    args = parser.parse_args()
    started = time.perf_counter()
    rules = RuleSet.shipped()
    build = time.perf_counter() - started
    posts = typical_posts(args.posts)
    checker = rate(lambda post: check_post(post, rules), posts)
    naive = rate(NaiveChecker(rules).check, posts[:args.naive_sample])
    lexicon, lexicon_naive = lexicon_rates(rules, posts, args.naive_sample)
    terms = sum(len(rule.terms) for rule in rules.rules)
    print(f"compliance: {len(rules.rules)} rules, {terms} terms, compiled in {build * 1000:.0f} ms")
    print(f"compliance check, one core: {checker:,.0f} posts/s over {len(posts):,} typical posts "
          f"(target >= 5,000)")
    print(f"compliance lexicon stage, Aho-Corasick: {lexicon:,.0f} posts/s; naive loop of one "
          f"regex per term: {lexicon_naive:,.0f} posts/s -> {lexicon / lexicon_naive:.0f}x "
          f"(target >= 20x)")
    print(f"compliance whole check vs naive whole check (regex per term + the same "
          f"detectors): {naive:,.0f} posts/s -> {checker / naive:.1f}x (bounded by the shared "
          f"detectors)")


if __name__ == "__main__":
    main()
