"""The compliance checker on two labelled sets, side by side.

- dev: posts.jsonl (make_set.py, phrase banks) and hard_cases.jsonl (typed one by one);
  the rule packs were written while looking at it, so its figures flatter them.
- held-out: heldout/posts.jsonl, written from a brief by someone who had not seen the rules
  or the dev set (heldout/README.md). Never tuned on.

Every post is checked with every shipped pack, the default SOP (a Bahasa Melayu version
required), and the official accounts of eval/discovery/register.csv as the register.
Aims (issue 9): block recall >= 0.97 and false blocks on benign posts <= 2 %; the exit
status follows the dev set.
"""

import csv
import json
import os
from collections import Counter
from pathlib import Path

from rasmi.core import links
from rasmi.core.rules import CATEGORIES, RuleSet, check_post

HERE = Path(__file__).parent
# While rules are being written, look at the dev set only (RASMI_EVAL_DEV_ONLY=1).
DEV_ONLY = os.environ.get("RASMI_EVAL_DEV_ONLY") == "1"
REGISTER = HERE.parent / "discovery" / "register.csv"


def official_keys() -> frozenset[str]:
    with REGISTER.open(encoding="utf-8") as fh:
        return frozenset(links.parse_account(row["url"], row["platform"]).key
                         for row in csv.DictReader(fh) if row["status"] == "official")


def official_domains() -> frozenset[str]:
    """The directory's own websites (BERNAMA's is bernama.com, not a gov.my site)."""
    directory = HERE.parents[1] / "rasmi" / "registry" / "data"
    domains = set()
    for name in ("ministries.csv", "agencies.csv"):
        with (directory / name).open(encoding="utf-8") as fh:
            domains |= {row["website"].lower().removeprefix("www.")
                        for row in csv.DictReader(fh) if row["website"]}
    return frozenset(domains)


def load(*paths: Path) -> list[dict]:
    posts = []
    for path in paths:
        if path.exists():
            posts += [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return posts


def score(posts: list[dict], rules: RuleSet, keys: frozenset[str],
          domains: frozenset[str]) -> dict:
    right, blocks, blocked, benign, false_blocks, mistakes = 0, 0, 0, 0, 0, []
    category_hits: Counter = Counter()
    category_total: Counter = Counter()
    category_extra: Counter = Counter()
    for post in posts:
        got = check_post(post, rules, official_keys=keys, official_domains=domains)
        want = post["expected_verdict"]
        right += got["verdict"] == want
        if want == "block":
            blocks += 1
            blocked += got["verdict"] == "block"
        if want == "pass":
            benign += 1
            false_blocks += got["verdict"] == "block"
        found = {f["category"] for f in got["findings"]}
        expected = set(post.get("expected_categories") or [])
        for category in expected:
            category_total[category] += 1
            category_hits[category] += category in found
        for category in found - expected:
            category_extra[category] += 1
        if got["verdict"] != want:
            mistakes.append((post["id"], want, got["verdict"],
                             sorted(found), post["text"][:70].replace("\n", " ")))
    return {"n": len(posts), "accuracy": right / len(posts) if posts else 0.0,
            "block_recall": blocked / blocks if blocks else 0.0, "blocks": blocks,
            "false_block_rate": false_blocks / benign if benign else 0.0, "benign": benign,
            "hits": category_hits, "totals": category_total, "extra": category_extra,
            "mistakes": mistakes}


def main() -> int:
    rules, keys, domains = RuleSet.shipped(), official_keys(), official_domains()
    results = {"dev (tuned on)": score(load(HERE / "posts.jsonl", HERE / "hard_cases.jsonl"),
                                       rules, keys, domains)}
    heldout = load(HERE / "heldout" / "posts.jsonl")
    if heldout and not DEV_ONLY:
        results["held-out (never tuned)"] = score(heldout, rules, keys, domains)
    names = list(results)
    print(f"{'':<28}" + "".join(f"{name:>26}" for name in names))
    for label, key, fmt in (("posts", "n", "{:>26}"), ("verdict accuracy", "accuracy", "{:>26.3f}"),
                            ("block recall", "block_recall", "{:>26.3f}"),
                            ("false blocks on benign", "false_block_rate", "{:>26.3f}")):
        print(f"{label:<28}" + "".join(fmt.format(r[key]) for r in results.values()))
    print("category recall (found / expected; + findings not expected):")
    for category in CATEGORIES:
        cells = "".join(f"{r['hits'][category]:>12}/{r['totals'][category]:<5} "
                        f"+{r['extra'][category]:<6}" for r in results.values())
        print(f"  {category:<26}{cells}")
    for name, result in results.items():
        print(f"{name}: {len(result['mistakes'])} verdicts wrong")
        for mistake in result["mistakes"][:15]:
            print("  miss:", *mistake)
    dev = results["dev (tuned on)"]
    ok = dev["block_recall"] >= 0.97 and dev["false_block_rate"] <= 0.02
    print("aims met on dev" if ok else
          "aims NOT met on dev (block recall >= 0.97, false blocks <= 2 %)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
