"""Demo register: the real directory with synthetic accounts whose handles are plainly
made up ("contoh" = "example"). Counts are chosen so the census reproduces the 2024
research exactly:

- 27 ministries: 22 with an official Facebook page, 14 with official Instagram, 0 TikTok;
- agencies: Facebook 48 official vs 85 unofficial, Instagram 36 vs 76, TikTok 3 vs 64.

Everything is deterministic, so re-running `rasmi load_demo` changes nothing.
"""

import csv
import io
import random

from rasmi.core.platforms import PLATFORMS

MINISTRY_OFFICIAL = {"facebook": 22, "instagram": 14, "tiktok": 0}
AGENCY_OFFICIAL = {"facebook": 48, "instagram": 36, "tiktok": 3}
AGENCY_UNOFFICIAL = {"facebook": 85, "instagram": 76, "tiktok": 64}
AGENCY_KINDS = ("department", "agency", "statutory_body")
SEED = 2024
# Organisations the walkthrough and browser tests rely on: they always get accounts.
ALWAYS_PRESENT = ("kkm", "kpt", "mot", "jpm", "jpj")


MAX_HANDLE = {"tiktok": 24, "instagram": 30}


def handle(platform: str, *parts: str) -> str:
    words = ["contoh", *(p.replace("-", "").replace("_", "") for p in parts)]
    sep = "_" if platform == "instagram" else "."
    name = sep.join(words)
    excess = len(name) - MAX_HANDLE.get(platform, 50)
    if excess > 0:  # shorten the organisation part, keep the distinguishing suffix
        words[1] = words[1][:max(3, len(words[1]) - excess)]
        name = sep.join(words)
    return name


def url(platform: str, name: str) -> str:
    return {"facebook": f"https://www.facebook.com/{name}",
            "instagram": f"https://www.instagram.com/{name}/",
            "tiktok": f"https://www.tiktok.com/@{name}",
            "x": f"https://x.com/{name.replace('.', '_')[:15]}",
            "youtube": f"https://www.youtube.com/@{name.replace('_', '.')}"}[platform]


def _pick(codes: list[str], count: int, rng: random.Random) -> list[str]:
    forced = [c for c in ALWAYS_PRESENT if c in codes]
    rest = [c for c in codes if c not in forced]
    rng.shuffle(rest)
    return (forced + rest)[:count]


def demo_rows(organisations: list[tuple[str, str]]) -> list[dict]:
    """Account rows (import format) for the given (code, kind) organisations."""
    rng = random.Random(SEED)
    ministries = sorted(code for code, kind in organisations if kind == "ministry")
    agencies = sorted(code for code, kind in organisations if kind in AGENCY_KINDS)
    rows: list[dict] = []

    def add(code, platform, status, name, previous=""):
        rows.append({"organisation_code": code, "platform": platform,
                     "url": url(platform, name), "status": status, "platform_id": "",
                     "previous_urls": previous})

    for platform, count in MINISTRY_OFFICIAL.items():
        for code in _pick(ministries, count, rng):
            add(code, platform, "official", handle(platform, code))
    for platform, count in AGENCY_OFFICIAL.items():
        for code in _pick(agencies, min(count, len(agencies)), rng):
            add(code, platform, "official", handle(platform, code))
    for platform, count in AGENCY_UNOFFICIAL.items():
        for number in range(count):
            code = agencies[number % len(agencies)]
            add(code, platform, "unofficial", handle(platform, code, f"unit{number + 1}"))
    # A few of each other state, for the verify walkthrough.
    for code in ("kkm", "jpj", "kpt"):
        if code in ministries + agencies:
            add(code, "facebook", "impersonation", handle("facebook", code, "bantuan", "rasmi"))
            add(code, "tiktok", "impersonation", handle("tiktok", code, "official", "my"))
    if "kkm" in ministries:
        add("kkm", "x", "official", "contoh_kkm", previous=url("x", "contoh_kkm_lama"))
        add("kkm", "youtube", "archived", handle("youtube", "kkm", "tv"))
        add("kkm", "instagram", "parody", handle("instagram", "kkm", "parodi"))
    return rows


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["organisation_code", "platform", "url", "status",
                                             "platform_id", "previous_urls"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


assert set(MINISTRY_OFFICIAL) <= set(PLATFORMS)
