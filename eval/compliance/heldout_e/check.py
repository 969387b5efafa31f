"""Check held-out set E for internal consistency and print its counts.

Run from the repository root:  python eval/compliance/heldout_e/check.py
It never imports or runs the compliance checker: it only tests that each post's labels
agree with what can be seen mechanically in the post (length, hashtags, media, links,
identifier shapes, language tag), so a typing slip in the labels shows up here.
"""

import csv
import datetime
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CATEGORIES = {
    "personal_data",
    "hate_3r",
    "profanity",
    "harassment",
    "violence",
    "sexual",
    "confidential",
    "unsafe_link",
    "accessibility",
    "platform_limit",
    "language",
}
PLATFORMS = {"facebook", "instagram", "x", "threads", "tiktok", "youtube"}
LANGS = {"ms", "en", "zh", "ta"}
# Conservative limits: the set keeps clear of them unless platform_limit is expected.
MAX_CHARS = {"x": 280, "threads": 500, "instagram": 2200, "tiktok": 2200, "youtube": 5000}
MAX_HASHTAGS = {"instagram": 30}

MYKAD = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})-?(\d{2})-?(\d{4})(?!\d)")
PASSPORT = re.compile(r"(?<![A-Za-z0-9])[AHK]\d{8}(?!\d)")
MOBILE = re.compile(r"(?<!\d)(?:\+?60|0)1\d-?\s?\d{3,4}\s?\d{3,4}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
URL = re.compile(r"(https?)://([^/\s]+)")
HASHTAG = re.compile(r"#\w+")


def valid_mykad(match):
    yy, mm, dd, pb = (int(g) for g in match.groups()[:4])
    try:
        datetime.date(1900 + yy, mm, dd)
    except ValueError:
        return False
    return 1 <= pb <= 16 or 21 <= pb <= 59


def org_codes():
    codes = set()
    for name in ("ministries.csv", "agencies.csv"):
        with open(ROOT / "rasmi/registry/data" / name, encoding="utf-8") as f:
            codes |= {row["code"] for row in csv.DictReader(f)}
    return codes


def problems_of(post, codes):
    text, expected = post["text"], post["expected"]["categories"]
    also = post.get("also_acceptable", {})
    verdict = post["expected"]["verdict"]
    found = []
    if set(expected) - CATEGORIES or set(also) - CATEGORIES:
        found.append("unknown category")
    if not set(expected.values()) <= {"block", "warn"}:
        found.append("bad severity")
    want = "block" if "block" in expected.values() else "warn" if expected else "pass"
    if verdict != want:
        found.append(f"verdict {verdict} but severities say {want}")
    if also and verdict != "block":
        found.append("also_acceptable on a non-block post")
    if set(also) & set(expected):
        found.append("also_acceptable repeats an expected category")
    if not set(post["platforms"]) <= PLATFORMS:
        found.append("unknown platform")
    if post["org"] is not None and post["org"] not in codes:
        found.append(f"unknown org {post['org']}")
    langs = set(post["lang"].split("+"))
    if not langs <= LANGS:
        found.append("unknown language")

    def needs(category, why):
        if category not in expected and category not in also:
            found.append(f"{why} but no {category}")

    if "ms" not in langs:
        needs("language", "no BM")
    over = any(len(text) > MAX_CHARS.get(p, 10**6) for p in post["platforms"])
    over |= any(len(HASHTAG.findall(text)) > MAX_HASHTAGS.get(p, 10**6) for p in post["platforms"])
    if over:
        needs("platform_limit", "over a limit")
    elif "platform_limit" in expected:
        found.append("platform_limit expected but within limits")
    bare = [
        m
        for m in post.get("media", [])
        if not m["alt_text"] or (m["type"] == "video" and not m["captions"])
    ]
    if bare:
        needs("accessibility", "media without alt text or captions")
    elif "accessibility" in expected:
        found.append("accessibility expected but media complete")
    if any(valid_mykad(m) for m in MYKAD.finditer(text)) or PASSPORT.search(text):
        if expected.get("personal_data") != "block":
            found.append("MyKad or passport without personal_data block")
    if MOBILE.search(text):
        needs("personal_data", "mobile number")
    for domain in EMAIL.findall(text):
        if not domain.endswith("gov.my"):
            needs("personal_data", f"e-mail at {domain}")
    for scheme, host in URL.findall(text):
        if scheme == "http" or not host.endswith(".gov.my"):
            needs("unsafe_link", f"link {scheme}://{host}")
    return found


def main():
    codes = org_codes()
    posts = [json.loads(line) for line in (HERE / "posts.jsonl").open(encoding="utf-8")]
    bad = 0
    for n, post in enumerate(posts, 1):
        if post["id"] != f"he{n:03d}":
            print(f"line {n}: id {post['id']} out of sequence")
            bad += 1
        for problem in problems_of(post, codes):
            print(f"{post['id']}: {problem}")
            bad += 1
    verdicts = Counter(p["expected"]["verdict"] for p in posts)
    print(f"{len(posts)} posts; verdicts:", dict(verdicts))
    block_primary = Counter(
        c for p in posts for c, s in p["expected"]["categories"].items() if s == "block"
    )
    print("block findings by category:", dict(block_primary.most_common()))
    warn = Counter(c for p in posts for c, s in p["expected"]["categories"].items() if s == "warn")
    print("warn findings by category:", dict(warn.most_common()))
    warn_only = Counter(
        c for p in posts if p["expected"]["verdict"] == "warn" for c in p["expected"]["categories"]
    )
    print("categories on warn-only posts:", dict(warn_only.most_common()))
    print("languages:", dict(Counter(p["lang"] for p in posts).most_common()))
    print("platforms:", dict(Counter(x for p in posts for x in p["platforms"]).most_common()))
    print("with also_acceptable:", sum(1 for p in posts if "also_acceptable" in p))
    print("problems:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
