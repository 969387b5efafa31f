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
- dev E (heldout_e/): written blind as a held-out set, scored once (block recall 0.869,
  false blocks 2.0 %, accuracy 0.925), then retired on 2026-12-04 into development data
  like C and D. Its writer chose other field names (`_shared_shape` maps them) and lists
  `also_acceptable` categories: a verdict they would make is counted right in accuracy,
  while block recall and false blocks stay on `expected_verdict`.
- held-out F (heldout_f/): the clean measure, scored once it exists ("not yet" before).

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
    """E's writer was not told the field names: `expected: {verdict, categories:
    {category: severity}}`, `org`, `lang`. The same labels, renamed. `also_acceptable`
    stays as written: a list of categories (C, D) or category -> severity (E)."""
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


_STRENGTH = {"pass": 0, "warn": 1, "block": 2}


def acceptable_verdicts(post: dict) -> set[str]:
    """The expected verdict, and the verdict a checker would reach by also raising one of
    the categories the writer accepts with the severity given (E's map; a plain list, as
    in C and D, names no severity and so adds no verdict)."""
    want = post["expected_verdict"]
    also = post.get("also_acceptable")
    severities = also.values() if isinstance(also, dict) else ()
    return {want} | {max(want, severity, key=_STRENGTH.__getitem__) for severity in severities
                     if severity in _STRENGTH}


def score(posts: list[dict], rules: RuleSet, keys: frozenset[str],
          domains: frozenset[str]) -> dict:
    right, blocks, blocked, benign, false_blocks, mistakes = 0, 0, 0, 0, 0, []
    category_hits: Counter = Counter()
    category_total: Counter = Counter()
    category_extra: Counter = Counter()
    for post in posts:
        got = check_post(post, rules, official_keys=keys, official_domains=domains)
        want = post["expected_verdict"]
        right += got["verdict"] in acceptable_verdicts(post)
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
        # A category the writer also accepts is not counted as an extra finding.
        for category in found - expected - set(post.get("also_acceptable") or ()):
            category_extra[category] += 1
        if got["verdict"] not in acceptable_verdicts(post):
            mistakes.append((post["id"], want, got["verdict"],
                             sorted(found), post["text"][:70].replace("\n", " ")))
    return {"n": len(posts), "accuracy": right / len(posts) if posts else 0.0,
            "block_recall": blocked / blocks if blocks else 0.0, "blocks": blocks,
            "false_block_rate": false_blocks / benign if benign else 0.0, "benign": benign,
            "hits": category_hits, "totals": category_total, "extra": category_extra,
            "mistakes": mistakes}


DEV_SETS = {"dev": ("posts.jsonl", "hard_cases.jsonl", "dev_b.jsonl"),
            "dev C": ("heldout_c/posts.jsonl",),
            "dev D": ("heldout_d/posts.jsonl",),
            "dev E": ("heldout_e/posts.jsonl",)}
# A held-out set is scored when its file exists; F is being written by a session that
# sees neither the rules nor any other set. Its mistakes are never printed.
HELD_OUT_SETS = {"held-out A": "heldout/posts.jsonl",
                 "held-out F": "heldout_f/posts.jsonl"}
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
