"""Deterministic synthetic registers for the benchmarks: N organisations, M accounts.

Accounts spread over every platform with realistic URL shapes, a share with platform ids
and previous addresses, so the import and the verify index do the same work they do on
real data. Handles are obviously synthetic (`bench…`).
"""

import csv
import random
from pathlib import Path

URL_SHAPES = {
    "facebook": "https://www.facebook.com/{h}",
    "instagram": "https://www.instagram.com/{h}/",
    "tiktok": "https://www.tiktok.com/@{h}",
    "x": "https://x.com/{h}",
    "youtube": "https://www.youtube.com/@{h}",
    "threads": "https://www.threads.net/@{h}",
    "telegram": "https://t.me/{h}",
    "linkedin": "https://www.linkedin.com/company/{h}/",
}
# What people paste: the same accounts, seen through mobile hosts, posts and trackers.
VARIANTS = {
    "facebook": ["m.facebook.com/{h}/posts/{n}?ref=share", "https://web.facebook.com/{h}/?fbclid=IwAR{n}",
                 "fb.com/{h}", "https://www.facebook.com/{h}/photos/a.{n}/{n}/"],
    "instagram": ["instagram.com/{h}?igshid={n}", "https://instagr.am/{h}/", "https://www.instagram.com/{h}/reels/"],
    "tiktok": ["https://www.tiktok.com/@{h}/video/{n}?is_from_webapp=1", "tiktok.com/@{h}"],
    "x": ["https://twitter.com/{h}/status/{n}", "x.com/{h}?s=20"],
    "youtube": ["https://m.youtube.com/@{h}/videos", "youtube.com/@{h}/shorts"],
    "threads": ["threads.net/@{h}/post/{n}"],
    "telegram": ["https://t.me/s/{h}", "t.me/{h}/{n}"],
    "linkedin": ["https://linkedin.com/company/{h}/posts/?feedView=all"],
}
STATUSES = ["official"] * 6 + ["unofficial", "impersonation", "archived", "parody"]
KINDS = ["department", "agency", "statutory_body"]


SEPARATORS = {"instagram": "_", "threads": "_", "telegram": "_", "linkedin": "-"}


def handle(platform: str, i: int) -> str:
    if platform == "x":  # X handles are at most 15 characters
        return f"bn{i:06d}x"
    sep = SEPARATORS.get(platform, ".")
    return f"bench{sep}org{i:06d}{sep}{platform[:2]}"


def write_registry(directory: Path, organisations: int, accounts: int,
                   seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    orgs_path, accounts_path = directory / "orgs.csv", directory / "accounts.csv"
    with orgs_path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["code", "name_ms", "name_en", "acronyms", "kind", "parent_code", "website"])
        for i in range(organisations):
            out.writerow([f"b{i:05d}", f"Agensi Ujian Prestasi {i}", f"Benchmark Agency {i}",
                          f"AUP{i}", rng.choice(KINDS), "", f"b{i:05d}.gov.my"])
    platforms = list(URL_SHAPES)
    with accounts_path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["organisation_code", "platform", "url", "status", "platform_id",
                      "previous_urls"])
        for i in range(accounts):
            platform = platforms[i % len(platforms)]
            h = handle(platform, i)
            pid = str(10**14 + i) if platform == "facebook" and i % 3 == 0 else ""
            previous = URL_SHAPES[platform].format(h=h + "old") if i % 20 == 0 else ""
            out.writerow([f"b{i % organisations:05d}", platform, URL_SHAPES[platform].format(h=h),
                          rng.choice(STATUSES), pid, previous])
    return orgs_path, accounts_path


def sample_urls(accounts: int, count: int, seed: int = 11) -> list[str]:
    """What citizens paste: 70% registered accounts in some variant, 30% unknown ones."""
    rng = random.Random(seed)
    platforms = list(URL_SHAPES)
    urls = []
    for _ in range(count):
        i = rng.randrange(accounts)
        platform = platforms[i % len(platforms)]
        stranger = f"someone{rng.randrange(10**6)}{platform[:2]}"
        h = handle(platform, i) if rng.random() < 0.7 else stranger
        shape = rng.choice(VARIANTS[platform] + [URL_SHAPES[platform]])
        urls.append(shape.format(h=h, n=rng.randrange(10**9)))
    return urls
