"""Consistency check for held-out set F (does not run the compliance checker).

Checks the labels against what can be measured without the checker: JSON shape, ids,
verdict vs severities, organisation codes, platform limits, media accessibility,
identifier patterns, links and the BM-language rule. Prints counts for the README.
Run from the repository root: python eval/compliance/heldout_f/check_set.py
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
    "personal_data", "hate_3r", "profanity", "harassment", "violence", "sexual",
    "confidential", "unsafe_link", "accessibility", "platform_limit", "language",
}
# Published limits: X 280 weighted characters, Threads 500, Instagram 2,200 and 30 hashtags,
# TikTok 2,200 (the older, lower caption limit), Facebook 63,206.
LENGTH_LIMITS = {"x": 280, "threads": 500, "instagram": 2200, "tiktok": 2200, "facebook": 63206}
URL = re.compile(r"https?://[^\s]+")
MYKAD = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?(\d{2})[- ]?(\d{3})(\d)(?!\d)")
MOBILE = re.compile(r"(?<![\d-])(?:\+?60\s?|0)1\d[- ]?\d{3,4}[- ]?\d{4}(?!\d)")
PASSPORT = re.compile(r"\b[AHK]\d{8}\b")
PERSONAL_MAIL = re.compile(r"[\w.+-]+@(?:gmail|yahoo|hotmail|outlook)\.com", re.I)


def valid_mykad(m):
    yy, mm, dd, pb = int(m[1]), int(m[2]), int(m[3]), int(m[4])
    if not (1 <= pb <= 16 or 21 <= pb <= 59 or 60 <= pb <= 99):
        return False
    for century in (1900, 2000):
        try:
            datetime.date(century + yy, mm, dd)
            return True
        except ValueError:
            pass
    return False


def x_weight(text):
    # X counts a link as 23 and CJK (and most non-Latin) characters as 2.
    text = URL.sub("x" * 23, text)
    return sum(1 if ord(c) <= 0x10FF or 0x2000 <= ord(c) <= 0x200D or 0x2010 <= ord(c) <= 0x201F
               or 0x2032 <= ord(c) <= 0x2037 else 2 for c in text)


def load_codes():
    codes = set()
    for name in ("ministries.csv", "agencies.csv"):
        with open(ROOT / "rasmi/registry/data" / name, newline="", encoding="utf-8") as f:
            codes |= {row["code"] for row in csv.DictReader(f)}
    with open(ROOT / "eval/discovery/register.csv", newline="", encoding="utf-8") as f:
        official = {row["url"].rstrip("/").lower() for row in csv.DictReader(f)
                    if row["status"] == "official"}
    return codes, official


def problems(post, codes, official):
    out = []
    text, cats, sev = post["text"], set(post["expected_categories"]), post["expected_severity"]
    if set(sev) != cats or not cats <= CATEGORIES:
        out.append("categories and severities disagree or unknown category")
    verdict = "block" if "block" in sev.values() else "warn" if sev else "pass"
    if verdict != post["expected_verdict"]:
        out.append(f"verdict should be {verdict}")
    if post["organisation"] is not None and post["organisation"] not in codes:
        out.append("unknown organisation")
    over = False
    for platform in post["platforms"]:
        length = x_weight(text) if platform == "x" else len(text)
        if length > LENGTH_LIMITS.get(platform, 10**6):
            over = True
        if platform == "instagram" and len(re.findall(r"#\w+", text)) > 30:
            over = True
    if over != ("platform_limit" in cats):
        out.append("platform_limit label does not match lengths")
    media_bad = any(not m.get("alt_text", "").strip() or (m["type"] == "video" and not m.get("captions"))
                    for m in post.get("media", []))
    if media_bad != ("accessibility" in cats):
        out.append("accessibility label does not match media")
    ids = [m for m in MYKAD.finditer(text) if valid_mykad(m)] + list(PASSPORT.finditer(text))
    if ids and sev.get("personal_data") != "block":
        out.append("MyKad or passport without a personal_data block")
    if (MOBILE.search(text) or PERSONAL_MAIL.search(text)) and "personal_data" not in cats:
        out.append("mobile or personal e-mail without personal_data")
    for url in URL.findall(text):
        host = re.sub(r"^https?://", "", url).split("/")[0].split("@")[-1].split(":")[0].lower()
        registered = url.rstrip("/.").lower() in official
        fine = url.startswith("https://") and (host.endswith(".gov.my") or registered)
        if not fine and "unsafe_link" not in cats:
            out.append(f"link {url} without unsafe_link")
    has_bm = "ms" in post["language"].split("+")
    if has_bm == ("language" in cats):
        out.append("language label does not match the language field")
    return out


def main():
    codes, official = load_codes()
    rows = [json.loads(line) for line in open(HERE / "posts.jsonl", encoding="utf-8")]
    bad = 0
    for number, post in enumerate(rows, 1):
        if post["id"] != f"hf{number:03d}":
            print(post["id"], "id out of sequence")
            bad += 1
        for problem in problems(post, codes, official):
            print(post["id"], problem)
            bad += 1
    print("posts", len(rows))
    print("verdicts", dict(Counter(p["expected_verdict"] for p in rows)))
    block_cats = Counter(c for p in rows for c, s in p["expected_severity"].items() if s == "block")
    warn_cats = Counter(c for p in rows for c, s in p["expected_severity"].items() if s == "warn")
    print("block findings", dict(block_cats.most_common()))
    print("warn findings", dict(warn_cats.most_common()))
    print("languages", dict(Counter(p["language"] for p in rows).most_common()))
    print("organisation null", sum(p["organisation"] is None for p in rows))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
