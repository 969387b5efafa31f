"""The compliance checker on labelled sets, side by side.

- dev: posts.jsonl (make_set.py, phrase banks), hard_cases.jsonl (typed one by one) and
  dev_b.jsonl (written from a brief by a helper session that had not seen the rules, then
  tuned on); the rule packs were written while looking at them, so their figures flatter.
- dev C (heldout_c/) and dev D (heldout_d/): written as held-out sets, scored and reported
  as such (README), then retired on 2026-12-04 into development data: their mistakes are
  listed and the rules and the abuse model were tuned on them. The folder names stay.
- held-out A (heldout/): written from a brief by someone who had not seen the rules or the
  dev sets, never tuned on; but its misses were printed once by an early version of this
  script, so it is kept for comparison only.
- held-out E (heldout_e/): the clean measure, scored once it exists ("not yet" before).

Only the dev sets' mistakes are listed: printing a held-out set's misses invites tuning on
it. Every post is checked with every shipped pack, the default SOP (a Bahasa Melayu version
required), and the official accounts of eval/discovery/register.csv as the register.
Aims (issue 9): block recall >= 0.97 and false blocks on benign posts <= 2 %; the exit
status follows the dev sets.
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
            posts += [_shared_shape(json.loads(line))
                      for line in path.open(encoding="utf-8") if line.strip()]
    return posts


def _shared_shape(post: dict) -> dict:
    """Held-out E's writer was not told the field names: `expected: {verdict,
    categories: {category: severity}}`, `org`, `lang`. The same labels, renamed."""
    if "expected" in post:
        expected = post.pop("expected")
        post["expected_verdict"] = expected["verdict"]
        post["expected_severity"] = dict(expected.get("categories") or {})
        post["expected_categories"] = sorted(post["expected_severity"])
    if "org" in post:
        post.setdefault("organisation", post.pop("org"))
    if "lang" in post:
        post.setdefault("language", post.pop("lang"))
    return post


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


DEV_SETS = {"dev": ("posts.jsonl", "hard_cases.jsonl", "dev_b.jsonl"),
            "dev C": ("heldout_c/posts.jsonl",),
            "dev D": ("heldout_d/posts.jsonl",)}
# A held-out set is scored when its file exists; E is being written by a session that
# sees neither the rules nor any other set.
HELD_OUT_SETS = {"held-out A": "heldout/posts.jsonl",
                 "held-out E": "heldout_e/posts.jsonl"}
COLUMN = 22


def aims_met(result: dict) -> bool:
    return result["block_recall"] >= 0.97 and result["false_block_rate"] <= 0.02


def main() -> int:
    rules, keys, domains = RuleSet.shipped(), official_keys(), official_domains()
    sets = dict(DEV_SETS)
    missing = []
    if not DEV_ONLY:
        for name, pattern in HELD_OUT_SETS.items():
            found = sorted(HERE.glob(pattern))
            if found:
                sets[name] = tuple(found)
            else:
                missing.append(name)
    results = {}
    for name, files in sets.items():
        posts = load(*(HERE / f for f in files))
        if posts:
            results[name] = score(posts, rules, keys, domains)
    print(f"{'':<28}" + "".join(f"{name:>{COLUMN}}" for name in results))
    for label, key, spec in (("posts", "n", ""), ("verdict accuracy", "accuracy", ".3f"),
                             ("block recall", "block_recall", ".3f"),
                             ("false blocks on benign", "false_block_rate", ".3f")):
        print(f"{label:<28}" + "".join(f"{r[key]:>{COLUMN}{spec}}" for r in results.values()))
    print("category recall (found / expected; + findings not expected):")
    for category in CATEGORIES:
        cells = "".join(f"{r['hits'][category]:>8}/{r['totals'][category]:<4} "
                        f"+{r['extra'][category]:<7}" for r in results.values())
        print(f"  {category:<26}{cells}")
    for name, result in results.items():
        print(f"{name}: {len(result['mistakes'])} verdicts wrong; aims "
              + ("met" if aims_met(result) else "NOT met"))
        if name in DEV_SETS:
            for mistake in result["mistakes"][:25]:
                print("  miss:", *mistake)
    for name in missing:
        print(f"{name}: not yet ({HELD_OUT_SETS[name]} does not exist)")
    ok = all(aims_met(results[name]) for name in DEV_SETS if name in results)
    print("aims met on every dev set" if ok else
          "aims NOT met on every dev set (block recall >= 0.97, false blocks <= 2 %)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
